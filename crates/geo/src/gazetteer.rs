//! The gazetteer: every London postcode with its current ward, the wards and boroughs, and the
//! lookups from a postcode or a point to a ward.

use std::collections::HashMap;
use std::io::Read;

use geo::MultiPolygon;

use crate::area::Area;
use crate::grid::{PointGrid, project};
use peel_core::postcode::Postcode;

/// Grid cells of 250 metres: a few postcodes each in central London.
const CELL_METRES: f64 = 250.0;

/// A current (2025) ward.
#[derive(Debug, Clone, PartialEq)]
pub struct Ward {
    /// GSS code, such as `E05013806`.
    pub code: String,
    /// Its name as people say it, such as `St. James's`.
    pub name: String,
    /// The borough's GSS code.
    pub borough_code: String,
}

/// A London borough (or the City of London) with its boundary.
#[derive(Debug, Clone, PartialEq)]
pub struct Borough {
    /// GSS code, such as `E09000033`.
    pub code: String,
    /// Its name as people say it, such as `Westminster`.
    pub name: String,
    /// Its boundary in longitude and latitude.
    pub shape: MultiPolygon<f64>,
}

impl Borough {
    /// A borough from a stored GeoJSON geometry (Polygon or MultiPolygon).
    pub fn from_geometry_json(code: &str, name: &str, geometry: &str) -> Result<Borough, GeoError> {
        let geometry: geojson::Geometry = geometry
            .parse()
            .map_err(|e: geojson::Error| format_error(BOROUGH_FILE, format!("{code}: {e}")))?;
        let shape = shape_of(&geometry.value).ok_or_else(|| {
            format_error(
                BOROUGH_FILE,
                format!("{code}: the boundary is not a polygon"),
            )
        })?;
        Ok(Borough {
            code: code.to_owned(),
            name: name.to_owned(),
            shape,
        })
    }

    /// The boundary as GeoJSON geometry text, for storing.
    pub fn geometry_json(&self) -> String {
        geojson::Geometry::from(&self.shape).to_string()
    }
}

pub(crate) fn shape_of(value: &geojson::GeometryValue) -> Option<MultiPolygon<f64>> {
    MultiPolygon::<f64>::try_from(value).ok().or_else(|| {
        geo::Polygon::<f64>::try_from(value)
            .ok()
            .map(|polygon| MultiPolygon::new(vec![polygon]))
    })
}

/// One row of the postcode file.
#[derive(Debug, Clone, PartialEq)]
pub struct PostcodeRow {
    /// The postcode.
    pub postcode: Postcode,
    /// Centroid latitude (WGS84).
    pub latitude: f64,
    /// Centroid longitude (WGS84).
    pub longitude: f64,
    /// The current ward's GSS code.
    pub ward_code: String,
    /// The current ward's name as the file gives it.
    pub ward_name: String,
    /// The borough's GSS code.
    pub borough_code: String,
}

/// A ward found for a postcode or a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WardHit<'a> {
    /// The ward.
    pub ward: &'a Ward,
    /// Its borough.
    pub borough: &'a Borough,
    /// The postcode whose centroid decided it.
    pub postcode: &'a Postcode,
    /// How far the point was from that centroid, in metres (0 for a postcode lookup).
    pub distance_metres: f64,
}

/// The answer for a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PointLookup<'a> {
    /// Inside the force area, in this ward.
    InWard(WardHit<'a>),
    /// Outside every borough boundary.
    OutsideForceArea,
}

/// Why geography could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// A file is not in the expected shape.
    #[error("{file}: {problem}")]
    Format {
        /// Which file.
        file: &'static str,
        /// What is wrong, with the line where there is one.
        problem: String,
    },
    /// A file handed in is not in the shape its kind needs.
    #[error("{file}: {problem}")]
    Source {
        /// Which file.
        file: String,
        /// What is wrong, with the line or feature where there is one.
        problem: String,
    },
}

pub(crate) fn format_error(file: &'static str, problem: impl Into<String>) -> GeoError {
    GeoError::Format {
        file,
        problem: problem.into(),
    }
}

/// The postcode file's name in the geography folder.
pub const POSTCODE_FILE: &str = "codepoint_open_2025_london_postcodes.csv";
/// The borough boundary file's name in the geography folder.
pub const BOROUGH_FILE: &str = "london_boroughs_lad22_gen20.geojson";

/// Reads the postcode file (header `postcode,positional_quality,easting,northing,latitude,
/// longitude,borough_code,borough_name,ward_code,ward_name`), refusing bad rows by line number.
pub fn read_postcode_rows(reader: impl Read) -> Result<Vec<PostcodeRow>, GeoError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(reader);
    let headers = csv
        .headers()
        .map_err(|e| format_error(POSTCODE_FILE, e.to_string()))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format_error(POSTCODE_FILE, format!("no '{name}' column")))
    };
    let (postcode, latitude, longitude) = (
        column("postcode")?,
        column("latitude")?,
        column("longitude")?,
    );
    let (borough_code, ward_code, ward_name) = (
        column("borough_code")?,
        column("ward_code")?,
        column("ward_name")?,
    );
    let mut rows = Vec::new();
    for (idx, record) in csv.records().enumerate() {
        let line = idx + 2;
        let record =
            record.map_err(|e| format_error(POSTCODE_FILE, format!("line {line}: {e}")))?;
        let field = |i: usize| record.get(i).unwrap_or_default().trim();
        let bad = |what: &str| format_error(POSTCODE_FILE, format!("line {line}: {what}"));
        let coordinate = |i: usize, range: std::ops::RangeInclusive<f64>, what: &str| {
            field(i)
                .parse::<f64>()
                .ok()
                .filter(|v| range.contains(v))
                .ok_or_else(|| bad(what))
        };
        rows.push(PostcodeRow {
            postcode: Postcode::parse(field(postcode)).map_err(|_| bad("not a valid postcode"))?,
            latitude: coordinate(
                latitude,
                49.0..=61.0,
                "latitude is not in the United Kingdom",
            )?,
            longitude: coordinate(
                longitude,
                -9.0..=2.5,
                "longitude is not in the United Kingdom",
            )?,
            ward_code: Some(field(ward_code))
                .filter(|c| c.starts_with("E05"))
                .ok_or_else(|| bad("ward code is not an E05 code"))?
                .to_owned(),
            ward_name: field(ward_name).to_owned(),
            borough_code: Some(field(borough_code))
                .filter(|c| c.starts_with("E09"))
                .ok_or_else(|| bad("borough code is not an E09 code"))?
                .to_owned(),
        });
    }
    if rows.is_empty() {
        return Err(format_error(POSTCODE_FILE, "the file has no postcodes"));
    }
    Ok(rows)
}

/// Reads borough boundaries from GeoJSON with `LAD22CD` and `LAD22NM` properties.
pub fn read_boroughs(geojson_text: &str) -> Result<Vec<Borough>, GeoError> {
    let collection: geojson::FeatureCollection = geojson_text
        .parse()
        .map_err(|e: geojson::Error| format_error(BOROUGH_FILE, e.to_string()))?;
    let mut boroughs = Vec::new();
    for (idx, feature) in collection.features.iter().enumerate() {
        let bad = |what: &str| format_error(BOROUGH_FILE, format!("feature {idx}: {what}"));
        let text = |key: &str| {
            feature
                .property(key)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let code = text("LAD22CD").ok_or_else(|| bad("no LAD22CD property"))?;
        let name = text("LAD22NM").ok_or_else(|| bad("no LAD22NM property"))?;
        let geometry = feature
            .geometry
            .as_ref()
            .ok_or_else(|| bad("no geometry"))?;
        let shape = shape_of(&geometry.value).ok_or_else(|| bad("geometry is not a polygon"))?;
        boroughs.push(Borough { code, name, shape });
    }
    Ok(boroughs)
}

/// Everything needed to route by place, held in memory.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    wards: Vec<Ward>,
    boroughs: Vec<Borough>,
    postcodes: Vec<Postcode>,
    centroids: Vec<(f64, f64)>,
    postcode_ward: Vec<u16>,
    by_postcode: HashMap<Postcode, u32>,
    /// The outward codes (districts, `SW9`) of every postcode held.
    districts: std::collections::HashSet<String>,
    grid: PointGrid,
    area: Area,
}

impl Gazetteer {
    /// Builds the gazetteer; fails if a postcode names a borough with no boundary, or there
    /// are no postcodes.
    pub fn new(rows: Vec<PostcodeRow>, boroughs: Vec<Borough>) -> Result<Gazetteer, GeoError> {
        let borough_idx: HashMap<&str, usize> = boroughs
            .iter()
            .enumerate()
            .map(|(i, b)| (b.code.as_str(), i))
            .collect();
        let mut wards: Vec<Ward> = Vec::new();
        let mut ward_idx: HashMap<String, u16> = HashMap::new();
        let mut postcodes = Vec::with_capacity(rows.len());
        let mut postcode_ward = Vec::with_capacity(rows.len());
        let mut points = Vec::with_capacity(rows.len());
        let mut centroids = Vec::with_capacity(rows.len());
        let mut by_postcode = HashMap::with_capacity(rows.len());
        for row in rows {
            if !borough_idx.contains_key(row.borough_code.as_str()) {
                return Err(format_error(
                    BOROUGH_FILE,
                    format!(
                        "no boundary for borough {} (postcode {})",
                        row.borough_code, row.postcode
                    ),
                ));
            }
            let idx = match ward_idx.get(&row.ward_code) {
                Some(idx) => *idx,
                None => {
                    let idx = u16::try_from(wards.len())
                        .map_err(|_| format_error(POSTCODE_FILE, "more than 65,535 wards"))?;
                    wards.push(Ward {
                        code: row.ward_code.clone(),
                        name: display_ward_name(&row.ward_name),
                        borough_code: row.borough_code.clone(),
                    });
                    ward_idx.insert(row.ward_code.clone(), idx);
                    idx
                }
            };
            by_postcode.insert(row.postcode.clone(), postcodes.len() as u32);
            points.push(project(row.latitude, row.longitude));
            centroids.push((row.latitude, row.longitude));
            postcodes.push(row.postcode);
            postcode_ward.push(idx);
        }
        if points.is_empty() {
            return Err(format_error(POSTCODE_FILE, "the file has no postcodes"));
        }
        let shapes = boroughs
            .iter()
            .enumerate()
            .map(|(i, b)| (i as u16, b.shape.clone()))
            .collect();
        let districts = postcodes.iter().map(|p| p.outward().to_owned()).collect();
        Ok(Gazetteer {
            wards,
            boroughs,
            postcodes,
            centroids,
            postcode_ward,
            by_postcode,
            districts,
            grid: PointGrid::build(points, CELL_METRES),
            area: Area::build(shapes, CELL_METRES),
        })
    }

    /// Whether any postcode held shares this one's district (outward code): a London
    /// postcode missing from the file, rather than one outside London.
    pub fn knows_district(&self, postcode: &Postcode) -> bool {
        self.districts.contains(postcode.outward())
    }

    /// Every current ward, in the order first seen.
    pub fn wards(&self) -> &[Ward] {
        &self.wards
    }

    /// Every borough.
    pub fn boroughs(&self) -> &[Borough] {
        &self.boroughs
    }

    /// Every postcode's centroid (latitude, longitude), in the order of [`Gazetteer::postcodes`].
    pub fn centroids(&self) -> &[(f64, f64)] {
        &self.centroids
    }

    /// Every postcode known.
    pub fn postcodes(&self) -> &[Postcode] {
        &self.postcodes
    }

    /// How many postcodes are known.
    pub fn n_postcodes(&self) -> usize {
        self.postcodes.len()
    }

    /// The current ward with a code.
    pub fn ward(&self, code: &str) -> Option<&Ward> {
        self.wards.iter().find(|w| w.code == code)
    }

    /// The borough with a code.
    pub fn borough(&self, code: &str) -> Option<&Borough> {
        self.boroughs.iter().find(|b| b.code == code)
    }

    fn hit(&self, postcode_idx: usize, distance_metres: f64) -> Option<WardHit<'_>> {
        let ward = self
            .wards
            .get(usize::from(*self.postcode_ward.get(postcode_idx)?))?;
        Some(WardHit {
            ward,
            borough: self.borough(&ward.borough_code)?,
            postcode: self.postcodes.get(postcode_idx)?,
            distance_metres,
        })
    }

    /// The centroid (latitude, longitude) of a London postcode.
    pub fn postcode_centroid(&self, postcode: &Postcode) -> Option<(f64, f64)> {
        let idx = *self.by_postcode.get(postcode)?;
        self.centroids.get(idx as usize).copied()
    }

    /// The ward of a London postcode; `None` for a valid postcode outside London.
    pub fn postcode(&self, postcode: &Postcode) -> Option<WardHit<'_>> {
        let idx = *self.by_postcode.get(postcode)?;
        self.hit(idx as usize, 0.0)
    }

    /// The ward of a point: outside every borough boundary is outside the force area;
    /// inside, the ward of the nearest postcode centroid.
    pub fn point(&self, latitude: f64, longitude: f64) -> PointLookup<'_> {
        if self.area.borough_at(latitude, longitude).is_none() {
            return PointLookup::OutsideForceArea;
        }
        match self
            .grid
            .nearest(project(latitude, longitude))
            .and_then(|(idx, d)| self.hit(idx, d))
        {
            Some(hit) => PointLookup::InWard(hit),
            None => PointLookup::OutsideForceArea,
        }
    }

    /// The borough whose boundary holds a point by the exact polygon test alone, without the
    /// grid (the benchmark's baseline).
    pub fn borough_by_polygons(&self, latitude: f64, longitude: f64) -> Option<&Borough> {
        self.boroughs
            .get(usize::from(self.area.exact(latitude, longitude)?))
    }

    /// The borough whose boundary holds a point, by the polygons alone.
    pub fn borough_by_boundary(&self, latitude: f64, longitude: f64) -> Option<&Borough> {
        self.boroughs
            .get(usize::from(self.area.borough_at(latitude, longitude)?))
    }
}

/// "St. James's Ward" → "St. James's".
fn display_ward_name(name: &str) -> String {
    name.trim()
        .strip_suffix(" Ward")
        .unwrap_or(name.trim())
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "postcode,positional_quality,easting,northing,latitude,longitude,borough_code,borough_name,ward_code,ward_name
SW1A 2AA,10,530047,179951,51.503540,-0.127695,E09000033,City of Westminster London Boro,E05013806,St. James's Ward
E14 5AB,10,537550,180304,51.504937,-0.019523,E09000030,Tower Hamlets London Boro,E05009323,Canary Wharf Ward
";

    const BOROUGHS: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"LAD22CD":"E09000033","LAD22NM":"Westminster"},"geometry":{"type":"Polygon","coordinates":[[[-0.2,51.48],[-0.07,51.48],[-0.07,51.54],[-0.2,51.54],[-0.2,51.48]]]}},
{"type":"Feature","properties":{"LAD22CD":"E09000030","LAD22NM":"Tower Hamlets"},"geometry":{"type":"MultiPolygon","coordinates":[[[[-0.07,51.48],[0.01,51.48],[0.01,51.54],[-0.07,51.54],[-0.07,51.48]]]]}}
]}"#;

    fn gazetteer() -> Gazetteer {
        let rows = read_postcode_rows(CSV.as_bytes()).unwrap();
        Gazetteer::new(rows, read_boroughs(BOROUGHS).unwrap()).unwrap()
    }

    #[test]
    fn a_postcode_finds_its_ward_and_borough() {
        let gazetteer = gazetteer();
        let hit = gazetteer
            .postcode(&Postcode::parse("sw1a2aa").unwrap())
            .unwrap();
        assert_eq!(hit.ward.code, "E05013806");
        assert_eq!(hit.ward.name, "St. James's");
        assert_eq!(hit.borough.name, "Westminster");
    }

    #[test]
    fn a_point_takes_the_ward_of_the_nearest_postcode() {
        let gazetteer = gazetteer();
        let PointLookup::InWard(hit) = gazetteer.point(51.5050, -0.0200) else {
            panic!()
        };
        assert_eq!(hit.ward.code, "E05009323");
        assert!(hit.distance_metres < 100.0);
    }

    #[test]
    fn a_point_outside_every_borough_is_outside_the_force_area() {
        assert_eq!(gazetteer().point(51.7, -0.1), PointLookup::OutsideForceArea);
    }

    #[test]
    fn a_boundary_survives_a_round_trip_through_geojson_text() {
        let borough = read_boroughs(BOROUGHS).unwrap().remove(0);
        let again =
            Borough::from_geometry_json(&borough.code, &borough.name, &borough.geometry_json())
                .unwrap();
        assert_eq!(again, borough);
    }

    #[test]
    fn a_bad_row_is_refused_with_its_line_number() {
        let bad = CSV.replace("51.504937", "not-a-number");
        let err = read_postcode_rows(bad.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn a_postcode_in_a_borough_without_a_boundary_is_refused() {
        let rows = read_postcode_rows(CSV.as_bytes()).unwrap();
        let one_borough: String = BOROUGHS
            .lines()
            .filter(|l| !l.contains("Tower Hamlets"))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("}},\n]}", "}}\n]}");
        let boroughs = read_boroughs(&one_borough).unwrap();
        assert!(Gazetteer::new(rows, boroughs).is_err());
    }
}
