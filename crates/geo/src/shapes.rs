//! What the statistics need of geography beyond routing (issue 19): outlines of the current
//! wards for maps, and residents per current ward for rates.
//!
//! Neither is published for the 2025 wards in the shared data, so both are derived and say so:
//! - **Outlines** dissolve the 2021 LSOA polygons by their best-fit current ward (the ward
//!   most of the LSOA's postcodes are in): an edge two LSOAs of one ward share is inside the
//!   ward and dropped, and what is left is chained into the ward's rings. The LSOA file is
//!   topologically clean (every inner edge is held by exactly two polygons), so no slivers.
//! - **Residents** apportion the GLA's ward population figures (2014 wards, by year) to the
//!   current wards by the share of each old ward's postcodes that each current ward holds.
//!
//! Outlines come out as SVG path data in units of 10 metres on the local projection (x east,
//! y south), so that a page draws any set of wards without projecting anything.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use geo::{BoundingRect, MultiPolygon};

use crate::area::Area;
use crate::gazetteer::{GeoError, PostcodeRow, format_error, shape_of};
use crate::grid::project;

/// The file of 2021 LSOA polygons the outlines are dissolved from.
pub const LSOA_FILE: &str = "london_lsoa21_gen20.geojson";
/// The GLA's ward population file (2014 wards, by year).
pub const POPULATION_FILE: &str = "london_ward_pop.csv.gz";
/// The 2014 ward polygons the population file's codes are of.
pub const WARDS_2014_FILE: &str = "london_wards_2014_gla.geojson";

/// Metres in one unit of the outlines' path data.
pub const UNIT_METRES: f64 = 10.0;

/// A current ward's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct WardShape {
    /// The current ward's GSS code.
    pub ward_code: String,
    /// Its borough's GSS code.
    pub borough_code: String,
    /// SVG path data (`M x y L … Z`, one subpath per ring), in [`UNIT_METRES`] units.
    pub path: String,
    /// (min x, min y, max x, max y) of the path, in the same units.
    pub bounds: (f64, f64, f64, f64),
}

/// A polygon of a file, with its code and (where asked for) the group it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    /// The feature's code (`LSOA21CD`, `GSS_CODE`).
    pub code: String,
    /// Its group (a borough's name), or empty.
    pub group: String,
    /// Its shape in longitude and latitude.
    pub shape: MultiPolygon<f64>,
}

/// Reads polygons from GeoJSON, each feature's code from the property `code_key` and its group
/// from `group_key`.
pub fn read_polygons(
    geojson_text: &str,
    file: &'static str,
    code_key: &str,
    group_key: Option<&str>,
) -> Result<Vec<Named>, GeoError> {
    let collection: geojson::FeatureCollection = geojson_text
        .parse()
        .map_err(|e: geojson::Error| format_error(file, e.to_string()))?;
    let mut shapes = Vec::with_capacity(collection.features.len());
    for (idx, feature) in collection.features.iter().enumerate() {
        let bad = |what: &str| format_error(file, format!("feature {idx}: {what}"));
        let text = |key: &str| {
            feature
                .property(key)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .ok_or_else(|| bad(&format!("no {key} property")))
        };
        let code = text(code_key)?;
        let group = group_key.map(text).transpose()?.unwrap_or_default();
        let geometry = feature
            .geometry
            .as_ref()
            .ok_or_else(|| bad("no geometry"))?;
        let shape = shape_of(&geometry.value).ok_or_else(|| bad("geometry is not a polygon"))?;
        shapes.push(Named { code, group, shape });
    }
    Ok(shapes)
}

/// Which polygon (by index) each postcode falls in, where any does.
fn postcodes_in(polygons: &[Named], rows: &[PostcodeRow]) -> Vec<Option<usize>> {
    let indexed: Vec<(u16, MultiPolygon<f64>)> = polygons
        .iter()
        .enumerate()
        .filter_map(|(i, named)| u16::try_from(i).ok().map(|i| (i, named.shape.clone())))
        .collect();
    let area = Area::build(indexed, 250.0);
    rows.iter()
        .map(|row| {
            area.borough_at(row.latitude, row.longitude)
                .map(usize::from)
        })
        .collect()
}

/// A vertex, to a ten-millionth of a degree, so shared vertices compare equal.
type Vertex = (i64, i64);

fn vertex(x: f64, y: f64) -> Vertex {
    ((x * 1e7).round() as i64, (y * 1e7).round() as i64)
}

/// The current ward each LSOA belongs to best: the one most of its postcodes are in (ties to
/// the lower code), or, for an LSOA holding no postcode, the ward of the postcode nearest the
/// middle of its bounding box.
fn best_fit<'a>(lsoas: &[Named], rows: &'a [PostcodeRow]) -> Vec<Option<&'a str>> {
    let mut tallies: Vec<BTreeMap<&'a str, u32>> = vec![BTreeMap::new(); lsoas.len()];
    for (row, lsoa) in rows.iter().zip(postcodes_in(lsoas, rows)) {
        if let Some(tally) = lsoa.and_then(|l| tallies.get_mut(l)) {
            *tally.entry(row.ward_code.as_str()).or_default() += 1;
        }
    }
    tallies
        .iter()
        .zip(lsoas)
        .map(|(tally, Named { shape, .. })| {
            let most = tally
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(ward, _)| *ward);
            most.or_else(|| {
                let middle = shape.bounding_rect()?.center();
                let at = project(middle.y, middle.x);
                rows.iter()
                    .min_by(|a, b| {
                        let d = |r: &PostcodeRow| {
                            let p = project(r.latitude, r.longitude);
                            (p.x - at.x).powi(2) + (p.y - at.y).powi(2)
                        };
                        d(a).total_cmp(&d(b))
                    })
                    .map(|r| r.ward_code.as_str())
            })
        })
        .collect()
}

/// Chains undirected edges into closed rings.
fn rings(edges: &[(Vertex, Vertex)]) -> Vec<Vec<Vertex>> {
    let mut at: HashMap<Vertex, Vec<usize>> = HashMap::new();
    for (i, (a, b)) in edges.iter().enumerate() {
        at.entry(*a).or_default().push(i);
        at.entry(*b).or_default().push(i);
    }
    let mut used = vec![false; edges.len()];
    let mut rings = Vec::new();
    for start in 0..edges.len() {
        if used.get(start) != Some(&false) {
            continue;
        }
        let Some(&(first, mut here)) = edges.get(start) else {
            continue;
        };
        if let Some(u) = used.get_mut(start) {
            *u = true;
        }
        let mut ring = vec![first, here];
        while here != first {
            let next = at
                .get(&here)
                .and_then(|list| list.iter().copied().find(|e| used.get(*e) == Some(&false)));
            let Some(next) = next else { break };
            if let Some(u) = used.get_mut(next) {
                *u = true;
            }
            let Some(&(a, b)) = edges.get(next) else {
                break;
            };
            here = if a == here { b } else { a };
            ring.push(here);
        }
        if ring.len() >= 4 {
            rings.push(ring);
        }
    }
    rings
}

/// Every current ward's outline, dissolved from the LSOAs that fit it best. Wards no LSOA fits
/// (none in London's files) have no outline.
pub fn ward_shapes(lsoas: &[Named], rows: &[PostcodeRow]) -> Vec<WardShape> {
    let fit = best_fit(lsoas, rows);
    // Each edge with the wards of the LSOAs holding it.
    let mut edges: HashMap<(Vertex, Vertex), Vec<&str>> = HashMap::new();
    for (Named { shape, .. }, ward) in lsoas.iter().zip(&fit) {
        let Some(ward) = ward else { continue };
        for polygon in shape {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for line in ring.lines() {
                    let a = vertex(line.start.x, line.start.y);
                    let b = vertex(line.end.x, line.end.y);
                    if a != b {
                        edges.entry((a.min(b), a.max(b))).or_default().push(ward);
                    }
                }
            }
        }
    }
    // An edge is on a ward's boundary unless two of that ward's LSOAs share it.
    let mut boundary: BTreeMap<&str, Vec<(Vertex, Vertex)>> = BTreeMap::new();
    for (edge, wards) in &edges {
        let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
        for ward in wards {
            *counted.entry(ward).or_default() += 1;
        }
        for (ward, n) in counted {
            if n % 2 == 1 {
                boundary.entry(ward).or_default().push(*edge);
            }
        }
    }
    let borough_of: HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r.ward_code.as_str(), r.borough_code.as_str()))
        .collect();
    boundary
        .into_iter()
        .filter_map(|(ward, mut ward_edges)| {
            ward_edges.sort_unstable();
            let (path, bounds) = path_of(&rings(&ward_edges))?;
            Some(WardShape {
                ward_code: ward.to_owned(),
                borough_code: (*borough_of.get(ward)?).to_owned(),
                path,
                bounds,
            })
        })
        .collect()
}

/// Rings as SVG path data in [`UNIT_METRES`] units, with their bounds; points that round to
/// the one before are dropped, and rings left with fewer than three points.
fn path_of(rings: &[Vec<Vertex>]) -> Option<(String, (f64, f64, f64, f64))> {
    use std::fmt::Write;
    let mut path = String::new();
    let mut bounds = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for ring in rings {
        let mut points: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
        for (x, y) in ring {
            let p = project(*y as f64 / 1e7, *x as f64 / 1e7);
            let point = (
                (p.x / UNIT_METRES).round() as i64,
                (-p.y / UNIT_METRES).round() as i64,
            );
            if points.last() != Some(&point) {
                points.push(point);
            }
        }
        if points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        if points.len() < 3 {
            continue;
        }
        for (i, (x, y)) in points.iter().enumerate() {
            let (x, y) = (*x as f64, *y as f64);
            bounds = (
                bounds.0.min(x),
                bounds.1.min(y),
                bounds.2.max(x),
                bounds.3.max(y),
            );
            let _ = write!(path, "{}{x} {y}", if i == 0 { "M" } else { "L" });
        }
        path.push('Z');
    }
    (!path.is_empty()).then_some((path, bounds))
}

/// One row of the GLA's ward population file.
#[derive(Debug, Clone, PartialEq)]
pub struct Residents {
    /// The (2014) ward's code.
    pub code: String,
    /// Its borough's name.
    pub borough: String,
    /// The year.
    pub year: i32,
    /// Residents (a projection for years to come).
    pub population: f64,
}

/// Reads the GLA's ward population file (`Code, Borough, …, Year, Population, …`), every bad
/// row named by its line.
pub fn read_ward_population(reader: impl Read) -> Result<Vec<Residents>, GeoError> {
    let mut csv = csv::Reader::from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| format_error(POPULATION_FILE, e.to_string()))?
        .clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| {
                h.trim()
                    .trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(name)
            })
            .ok_or_else(|| format_error(POPULATION_FILE, format!("no {name} column")))
    };
    let (code_at, borough_at, year_at, population_at) = (
        column("Code")?,
        column("Borough")?,
        column("Year")?,
        column("Population")?,
    );
    let mut rows = Vec::new();
    for (i, record) in csv.records().enumerate() {
        let bad = |what: String| format_error(POPULATION_FILE, format!("line {}: {what}", i + 2));
        let record = record.map_err(|e| bad(e.to_string()))?;
        let field = |at: usize| record.get(at).unwrap_or("").trim();
        let year = field(year_at)
            .parse::<i32>()
            .map_err(|_| bad(format!("year {:?} is not a year", field(year_at))))?;
        let population = field(population_at)
            .parse::<f64>()
            .ok()
            .filter(|p| p.is_finite() && *p >= 0.0)
            .ok_or_else(|| {
                bad(format!(
                    "population {:?} is not a number",
                    field(population_at)
                ))
            })?;
        rows.push(Residents {
            code: field(code_at).to_owned(),
            borough: field(borough_at).to_owned(),
            year,
            population,
        });
    }
    Ok(rows)
}

/// Residents of the current wards by year, apportioned from figures for other wards by the
/// share of each old ward's postcodes each current ward holds. `old` are the polygons of the
/// old wards, grouped by borough name. Where a borough's figures are for a ward set the
/// polygons do not hold (a borough re-warded between the two), its unmatched figures are
/// pooled and shared among the current wards of its unmatched polygons, by postcodes the same
/// way. Returns the residents and the figures' wards that could be placed nowhere.
pub fn apportion_population(
    old: &[Named],
    figures: &[Residents],
    rows: &[PostcodeRow],
) -> (Vec<(String, i32, f64)>, Vec<String>) {
    let with_figures: std::collections::HashSet<&str> =
        figures.iter().map(|f| f.code.as_str()).collect();
    // Postcodes by old ward (or, for polygons without figures, by borough) and current ward.
    let mut shares: HashMap<(bool, &str), BTreeMap<&str, f64>> = HashMap::new();
    for (row, at) in rows.iter().zip(postcodes_in(old, rows)) {
        let Some(polygon) = at.and_then(|i| old.get(i)) else {
            continue;
        };
        let key = if with_figures.contains(polygon.code.as_str()) {
            (false, polygon.code.as_str())
        } else {
            (true, polygon.group.as_str())
        };
        *shares
            .entry(key)
            .or_default()
            .entry(row.ward_code.as_str())
            .or_default() += 1.0;
    }
    let polygons: std::collections::HashSet<&str> = old.iter().map(|p| p.code.as_str()).collect();
    let mut residents: BTreeMap<(&str, i32), f64> = BTreeMap::new();
    let mut lost: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for figure in figures {
        let key = if polygons.contains(figure.code.as_str()) {
            (false, figure.code.as_str())
        } else {
            (true, figure.borough.as_str())
        };
        let Some(split) = shares.get(&key) else {
            lost.insert(&figure.code);
            continue;
        };
        let total: f64 = split.values().sum();
        for (ward, n) in split {
            *residents.entry((ward, figure.year)).or_default() += figure.population * n / total;
        }
    }
    (
        residents
            .into_iter()
            .map(|((ward, year), p)| (ward.to_owned(), year, p))
            .collect(),
        lost.into_iter().map(str::to_owned).collect(),
    )
}

#[cfg(test)]
mod tests;
