//! Geography as its publishers ship it, recognised by content rather than by name: OS Code-Point
//! Open's CSVs (no header; eastings and northings; GSS codes), the ONS Postcode Directory and
//! National Statistics Postcode Lookup (CSV with a header), the ONS ward to local authority
//! lookups (names and codes), and boundary files as GeoJSON or ESRI Shapefile in WGS84 or
//! British National Grid. [`Assembly`] puts what was read together for the force area.
//!
//! Pure: readers and text in, rows out; the caller walks folders and opens files.

pub mod grid_ref;

use std::collections::{BTreeSet, HashMap};
use std::io::Read;

use geo::{Coord, LineString, MultiPolygon, Polygon};

use crate::gazetteer::{Borough, GeoError, PostcodeRow, shape_of};
use peel_core::postcode::Postcode;

fn problem(file: &str, what: impl Into<String>) -> GeoError {
    GeoError::Source {
        file: file.to_owned(),
        problem: what.into(),
    }
}

/// What a file is, judged by its first bytes and its name's ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// Peel's own postcode file (a header with `postcode`, `latitude`, `ward_code`…).
    PeelPostcodes,
    /// An OS Code-Point Open CSV: no header, ten columns from the postcode.
    CodePointOpen,
    /// Code-Point Open's column headers (`Doc/Code-Point_Open_Column_Headers.csv`): read as
    /// documentation, nothing to import.
    CodePointHeaders,
    /// The ONS Postcode Directory or the National Statistics Postcode Lookup.
    PostcodeDirectory,
    /// An ONS lookup naming wards and local authorities (`WD25CD, WD25NM, LAD25CD, LAD25NM`).
    Names,
    /// Boundaries as GeoJSON.
    GeoJson,
    /// Boundaries as an ESRI Shapefile (its `.dbf` and `.prj` beside it).
    Shapefile,
    /// Something else, and why it is passed over.
    Other(String),
}

fn header_fields(line: &str) -> Vec<String> {
    line.trim_start_matches('\u{feff}')
        .trim_end()
        .split(',')
        .map(|f| f.trim().trim_matches('"').to_ascii_lowercase())
        .collect()
}

/// `WD25CD`-like: a prefix, two digits, a suffix.
fn coded(field: &str, prefix: &str, suffix: &str) -> bool {
    field
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .is_some_and(|year| year.len() == 2 && year.bytes().all(|b| b.is_ascii_digit()))
}

/// Judges a file by its name and first bytes (a few kilobytes are enough).
pub fn detect(name: &str, head: &[u8]) -> FileKind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".shp") {
        return FileKind::Shapefile;
    }
    if lower.ends_with(".dbf") || lower.ends_with(".shx") || lower.ends_with(".prj") {
        return FileKind::Other("read with its .shp".into());
    }
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return if trimmed.contains("\"FeatureCollection\"") || lower.ends_with("json") {
            FileKind::GeoJson
        } else {
            FileKind::Other("JSON that is not GeoJSON".into())
        };
    }
    let first = trimmed.lines().next().unwrap_or_default();
    let fields = header_fields(first);
    let has = |name: &str| fields.iter().any(|f| f == name);
    if has("postcode") && has("latitude") && has("ward_code") {
        return FileKind::PeelPostcodes;
    }
    if fields.first().is_some_and(|f| f == "pc") && has("ea") && has("no") {
        return FileKind::CodePointHeaders;
    }
    let pcd = ["pcds", "pcd", "pcd7", "pcd8", "pcd2"]
        .iter()
        .any(|f| has(f));
    let ward = fields
        .iter()
        .any(|f| f == "osward" || f == "ward" || coded(f, "wd", "cd"));
    if pcd && ward {
        return FileKind::PostcodeDirectory;
    }
    let names =
        fields.iter().any(|f| coded(f, "wd", "nm")) && fields.iter().any(|f| coded(f, "lad", "cd"));
    if names {
        return FileKind::Names;
    }
    // Code-Point Open: `"AB101AA",10,394251,806376,"S92000003",…` with ten fields.
    let cells: Vec<&str> = first
        .split(',')
        .map(|c| c.trim().trim_matches('"'))
        .collect();
    let numeric = |i: usize| cells.get(i).is_some_and(|c| c.parse::<f64>().is_ok());
    if cells.len() == 10
        && cells.first().is_some_and(|c| Postcode::parse(c).is_ok())
        && numeric(1)
        && numeric(2)
        && numeric(3)
    {
        return FileKind::CodePointOpen;
    }
    FileKind::Other("not a postcode, lookup or boundary file Peel knows".into())
}

/// A postcode as a source gives it, before names are known.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcePostcode {
    /// The postcode.
    pub postcode: Postcode,
    /// Centroid latitude (WGS84).
    pub latitude: f64,
    /// Centroid longitude (WGS84).
    pub longitude: f64,
    /// The ward's GSS code.
    pub ward_code: String,
    /// The local authority's GSS code.
    pub district_code: String,
}

/// Ward and local-authority names by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// Ward code to (name, local authority code).
    pub wards: HashMap<String, (String, String)>,
    /// Local authority code to name.
    pub districts: HashMap<String, String>,
}

/// What reading a postcode file gave, with what it passed over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostcodeRead {
    /// The live postcodes with a grid reference.
    pub postcodes: Vec<SourcePostcode>,
    /// Rows passed over: terminated postcodes, and those without coordinates or a ward.
    pub passed_over: u64,
}

fn gss(code: &str) -> bool {
    code.len() == 9
        && code.bytes().take(1).all(|b| b.is_ascii_uppercase())
        && code.bytes().skip(1).all(|b| b.is_ascii_digit())
}

/// Reads one Code-Point Open CSV (no header: postcode, quality, eastings, northings, country,
/// two NHS codes, county, district, ward), converting the grid references to WGS84. Postcodes
/// with no grid reference (quality 90) or no ward are passed over and counted.
pub fn read_code_point(file: &str, reader: impl Read) -> Result<PostcodeRead, GeoError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut out = PostcodeRead::default();
    for (idx, record) in csv.records().enumerate() {
        let line = idx + 1;
        let record = record.map_err(|e| problem(file, format!("line {line}: {e}")))?;
        let field = |i: usize| record.get(i).unwrap_or_default().trim();
        let bad = |what: &str| problem(file, format!("line {line}: {what}"));
        if record.len() < 10 {
            return Err(bad("a Code-Point Open row has ten columns"));
        }
        let postcode = Postcode::parse(field(0)).map_err(|_| bad("not a valid postcode"))?;
        let (easting, northing) = (field(2).parse::<f64>(), field(3).parse::<f64>());
        let (Ok(easting), Ok(northing)) = (easting, northing) else {
            return Err(bad("the eastings and northings are not numbers"));
        };
        let (ward, district) = (field(9), field(8));
        if field(1) == "90" || (easting == 0.0 && northing == 0.0) || !gss(ward) || !gss(district) {
            out.passed_over += 1;
            continue;
        }
        let (latitude, longitude) = grid_ref::to_wgs84(easting, northing)
            .ok_or_else(|| bad("the grid reference is not on the British National Grid"))?;
        out.postcodes.push(SourcePostcode {
            postcode,
            latitude,
            longitude,
            ward_code: ward.to_owned(),
            district_code: district.to_owned(),
        });
    }
    Ok(out)
}

/// A CSV file's column names, lower case, without a byte-order mark or spaces.
fn lower_case_headers<R: Read>(
    file: &str,
    csv: &mut csv::Reader<R>,
) -> Result<Vec<String>, GeoError> {
    Ok(csv
        .headers()
        .map_err(|e| problem(file, e.to_string()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect())
}

/// Reads the ONS Postcode Directory or the National Statistics Postcode Lookup, whichever
/// year's column names (`pcds`/`PCDS`, `oslaua`/`laua`/`LAD25CD`, `osward`/`ward`/`WD25CD`,
/// `lat` and `long`, or `oseast1m`/`EAST1M` and `osnrth1m`/`NRTH1M`); terminated postcodes
/// (`doterm` set) and those without a grid reference are passed over and counted.
pub fn read_postcode_directory(file: &str, reader: impl Read) -> Result<PostcodeRead, GeoError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let headers = lower_case_headers(file, &mut csv)?;
    let find = |ok: &dyn Fn(&str) -> bool| headers.iter().position(|h| ok(h));
    let postcode = ["pcds", "pcd", "pcd7", "pcd8", "pcd2"]
        .iter()
        .find_map(|name| find(&|h| h == *name))
        .ok_or_else(|| problem(file, "no postcode column (pcds)"))?;
    let ward = find(&|h| h == "osward" || h == "ward" || coded(h, "wd", "cd"))
        .ok_or_else(|| problem(file, "no ward column (osward, ward or WDnnCD)"))?;
    let district = find(&|h| h == "oslaua" || h == "laua" || coded(h, "lad", "cd"))
        .ok_or_else(|| problem(file, "no local authority column (oslaua, laua or LADnnCD)"))?;
    let terminated = find(&|h| h == "doterm");
    let lat_long = find(&|h| h == "lat").zip(find(&|h| h == "long"));
    let grid = find(&|h| h == "oseast1m" || h == "east1m")
        .zip(find(&|h| h == "osnrth1m" || h == "nrth1m"));
    if lat_long.is_none() && grid.is_none() {
        return Err(problem(
            file,
            "no coordinates (lat and long, or oseast1m and osnrth1m)",
        ));
    }
    let mut out = PostcodeRead::default();
    for (idx, record) in csv.records().enumerate() {
        let line = idx + 2;
        let record = record.map_err(|e| problem(file, format!("line {line}: {e}")))?;
        let field = |i: usize| record.get(i).unwrap_or_default().trim();
        let number = |i: usize| field(i).parse::<f64>().ok();
        let (ward_code, district_code) = (field(ward), field(district));
        let ended = terminated.is_some_and(|i| !field(i).is_empty());
        let place = match (grid, lat_long) {
            // The grid reference is the source; latitude and longitude are derived from it.
            (Some((e, n)), _) => number(e)
                .zip(number(n))
                .filter(|(e, n)| *e > 0.0 && *n > 0.0)
                .and_then(|(e, n)| grid_ref::to_wgs84(e, n)),
            // 99.999999 is the directory's "no grid reference"; anything else outside the
            // United Kingdom is not a place either.
            (None, Some((lat, long))) => number(lat)
                .zip(number(long))
                .filter(|(lat, long)| (49.0..=61.0).contains(lat) && (-9.0..=2.5).contains(long)),
            (None, None) => None,
        };
        let (Some((latitude, longitude)), false, true, true) =
            (place, ended, gss(ward_code), gss(district_code))
        else {
            out.passed_over += 1;
            continue;
        };
        let postcode = Postcode::parse(field(postcode))
            .map_err(|_| problem(file, format!("line {line}: not a valid postcode")))?;
        out.postcodes.push(SourcePostcode {
            postcode,
            latitude,
            longitude,
            ward_code: ward_code.to_owned(),
            district_code: district_code.to_owned(),
        });
    }
    Ok(out)
}

/// Reads an ONS lookup of wards and local authorities (any year's `WDnnCD`, `WDnnNM`,
/// `LADnnCD`, `LADnnNM`).
pub fn read_names(file: &str, reader: impl Read, names: &mut Names) -> Result<(), GeoError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let headers = lower_case_headers(file, &mut csv)?;
    let find = |prefix: &str, suffix: &str| headers.iter().position(|h| coded(h, prefix, suffix));
    let (Some(ward_cd), Some(ward_nm), Some(lad_cd)) =
        (find("wd", "cd"), find("wd", "nm"), find("lad", "cd"))
    else {
        return Err(problem(
            file,
            "a lookup needs WDnnCD, WDnnNM and LADnnCD columns",
        ));
    };
    let lad_nm = find("lad", "nm");
    for (idx, record) in csv.records().enumerate() {
        let record = record.map_err(|e| problem(file, format!("line {}: {e}", idx + 2)))?;
        let field = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
        let district = field(lad_cd);
        names
            .wards
            .insert(field(ward_cd), (field(ward_nm), district.clone()));
        if let Some(i) = lad_nm {
            names.districts.insert(district, field(i));
        }
    }
    Ok(())
}

/// How a boundary file's coordinates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum System {
    Wgs84,
    Grid,
}

/// The system of coordinates: what the file declares (`crs` naming EPSG:27700, a `.prj`
/// naming the British National Grid), else what the numbers can be.
fn system_of(
    declared: Option<&str>,
    sample: Option<Coord<f64>>,
    file: &str,
) -> Result<System, GeoError> {
    let declared = declared.unwrap_or_default().to_ascii_lowercase();
    if declared.contains("27700")
        || declared.contains("british_national_grid")
        || (declared.contains("projcs") && declared.contains("osgb"))
    {
        return Ok(System::Grid);
    }
    if declared.contains("osgb") || declared.contains("4277") {
        // OSGB36 latitude and longitude: degrees on another datum, which is neither system.
        return Err(problem(
            file,
            "its coordinates are OSGB36 latitude and longitude: give the file in British National \
             Grid (EPSG:27700) or WGS84 (EPSG:4326)",
        ));
    }
    match sample {
        Some(c) if (-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y) => {
            Ok(System::Wgs84)
        }
        Some(c) if grid_ref::on_grid(c.x, c.y) => Ok(System::Grid),
        Some(c) => Err(problem(
            file,
            format!(
                "coordinates such as ({}, {}) are neither longitude and latitude (WGS84) nor \
                 British National Grid metres",
                c.x, c.y
            ),
        )),
        None => Ok(System::Wgs84),
    }
}

/// A shape in longitude and latitude, reprojected from the grid where it is in metres; every
/// coordinate checked.
fn in_wgs84(
    shape: MultiPolygon<f64>,
    system: System,
    file: &str,
    what: &str,
) -> Result<MultiPolygon<f64>, GeoError> {
    let convert = |c: Coord<f64>| -> Result<Coord<f64>, GeoError> {
        let (lat, lon) = match system {
            System::Wgs84 => (c.y, c.x),
            System::Grid => grid_ref::to_wgs84(c.x, c.y).ok_or_else(|| {
                problem(
                    file,
                    format!(
                        "{what}: ({}, {}) is off the British National Grid",
                        c.x, c.y
                    ),
                )
            })?,
        };
        if !(49.0..=61.0).contains(&lat) || !(-9.0..=2.5).contains(&lon) {
            return Err(problem(
                file,
                format!("{what}: ({lon}, {lat}) is not in the United Kingdom"),
            ));
        }
        Ok(Coord { x: lon, y: lat })
    };
    let ring = |line: &LineString<f64>| -> Result<LineString<f64>, GeoError> {
        line.0
            .iter()
            .map(|c| convert(*c))
            .collect::<Result<Vec<_>, _>>()
            .map(LineString)
    };
    shape
        .0
        .iter()
        .map(|p| {
            Ok(Polygon::new(
                ring(p.exterior())?,
                p.interiors().iter().map(ring).collect::<Result<_, _>>()?,
            ))
        })
        .collect::<Result<Vec<_>, GeoError>>()
        .map(MultiPolygon)
}

/// Which properties name a local authority: any year's `LADnnCD` and `LADnnNM` (or the
/// county and unitary `CTYUAnnCD`), or Peel's `borough_code` and `borough_name`.
/// Features that also carry a smaller area's code (an LSOA's, a ward's) are those areas, not
/// local authorities, and give `None`.
fn district_keys<'k>(
    keys: impl Iterator<Item = &'k str> + Clone,
) -> Option<(&'k str, Option<&'k str>)> {
    let find = |prefix: &str, suffix: &str| {
        keys.clone()
            .find(|k| coded(&k.to_ascii_lowercase(), prefix, suffix))
    };
    let smaller = ["oa", "lsoa", "msoa", "wd", "ced"]
        .iter()
        .any(|prefix| find(prefix, "cd").is_some());
    if smaller {
        return None;
    }
    let code = find("lad", "cd").or_else(|| find("ctyua", "cd"))?;
    let name = find("lad", "nm").or_else(|| find("ctyua", "nm"));
    Some((code, name))
}

/// Reads local-authority boundaries from GeoJSON, in WGS84 or British National Grid; `None`
/// when its first feature names no local authority (LSOA or older ward boundaries, say).
pub fn read_boundaries_geojson(file: &str, text: &str) -> Result<Option<Vec<Borough>>, GeoError> {
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|e| problem(file, e.to_string()))?;
    let declared = json.get("crs").map(serde_json::Value::to_string);
    let collection = match serde_json::from_value::<geojson::GeoJson>(json) {
        Ok(geojson::GeoJson::FeatureCollection(collection)) => collection,
        Ok(_) => return Err(problem(file, "not a GeoJSON FeatureCollection")),
        Err(e) => return Err(problem(file, e.to_string())),
    };
    let names_districts = |f: &geojson::Feature| {
        district_keys(
            f.properties
                .iter()
                .flat_map(|p| p.keys().map(String::as_str)),
        )
        .is_some()
    };
    if !collection.features.first().is_some_and(names_districts) {
        return Ok(None);
    }
    let mut shapes = Vec::with_capacity(collection.features.len());
    for (idx, feature) in collection.features.iter().enumerate() {
        let what = format!("feature {idx}");
        let properties = feature.properties.as_ref();
        let keys = properties
            .into_iter()
            .flat_map(|p| p.keys().map(String::as_str));
        let (code_key, name_key) = district_keys(keys).ok_or_else(|| {
            problem(
                file,
                format!("{what}: no local authority code property (LADnnCD)"),
            )
        })?;
        let text = |key: &str| {
            feature
                .property(key)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let code =
            text(code_key).ok_or_else(|| problem(file, format!("{what}: {code_key} is empty")))?;
        let name = name_key.and_then(text).unwrap_or_else(|| code.clone());
        let geometry = feature
            .geometry
            .as_ref()
            .ok_or_else(|| problem(file, format!("{what}: no geometry")))?;
        let shape = shape_of(&geometry.value)
            .ok_or_else(|| problem(file, format!("{what}: the geometry is not a polygon")))?;
        shapes.push((code, name, shape));
    }
    boroughs_of(file, declared.as_deref(), shapes).map(Some)
}

fn boroughs_of(
    file: &str,
    declared: Option<&str>,
    shapes: Vec<(String, String, MultiPolygon<f64>)>,
) -> Result<Vec<Borough>, GeoError> {
    let sample = shapes
        .iter()
        .find_map(|(_, _, s)| s.0.first().and_then(|p| p.exterior().0.first().copied()));
    let system = system_of(declared, sample, file)?;
    shapes
        .into_iter()
        .map(|(code, name, shape)| {
            let what = format!("{code} ({name})");
            Ok(Borough {
                shape: in_wgs84(shape, system, file, &what)?,
                code,
                name,
            })
        })
        .collect()
}

/// Reads local-authority boundaries from an ESRI Shapefile: the `.shp` with its `.dbf`
/// attributes and, when there is one, the `.prj` naming its coordinate system; `None` when its
/// fields name no local authority.
pub fn read_boundaries_shapefile<S, D>(
    file: &str,
    shp: S,
    dbf: D,
    prj: Option<&str>,
) -> Result<Option<Vec<Borough>>, GeoError>
where
    S: Read + std::io::Seek,
    D: Read + std::io::Seek,
{
    let shapes = shapefile::ShapeReader::new(shp).map_err(|e| problem(file, e.to_string()))?;
    let records = shapefile::dbase::Reader::new(dbf).map_err(|e| problem(file, e.to_string()))?;
    let names: Vec<String> = records
        .fields()
        .iter()
        .map(|f| f.name().to_owned())
        .collect();
    let Some((code_key, name_key)) = district_keys(names.iter().map(String::as_str))
        .map(|(c, n)| (c.to_owned(), n.map(str::to_owned)))
    else {
        return Ok(None);
    };
    let mut reader = shapefile::Reader::new(shapes, records);
    let mut out = Vec::new();
    for (idx, item) in reader.iter_shapes_and_records().enumerate() {
        let (shape, record) = item.map_err(|e| problem(file, format!("shape {idx}: {e}")))?;
        let text = |key: &str| match record.get(key) {
            Some(shapefile::dbase::FieldValue::Character(Some(v))) => Some(v.trim().to_owned()),
            _ => None,
        };
        let code = text(&code_key)
            .ok_or_else(|| problem(file, format!("shape {idx}: {code_key} is empty")))?;
        let name = name_key
            .as_deref()
            .and_then(text)
            .unwrap_or_else(|| code.clone());
        let shapefile::Shape::Polygon(polygon) = shape else {
            return Err(problem(file, format!("shape {idx}: not a polygon")));
        };
        out.push((code, name, polygons_of(&polygon)));
    }
    boroughs_of(file, prj, out).map(Some)
}

/// A shapefile polygon's rings as polygons: each outer ring with the inner rings after it.
fn polygons_of(polygon: &shapefile::Polygon) -> MultiPolygon<f64> {
    let line = |points: &[shapefile::Point]| {
        LineString(points.iter().map(|p| Coord { x: p.x, y: p.y }).collect())
    };
    let mut out: Vec<(LineString<f64>, Vec<LineString<f64>>)> = Vec::new();
    for ring in polygon.rings() {
        match ring {
            shapefile::PolygonRing::Outer(points) => out.push((line(points), Vec::new())),
            shapefile::PolygonRing::Inner(points) => {
                if let Some((_, holes)) = out.last_mut() {
                    holes.push(line(points));
                }
            }
        }
    }
    MultiPolygon(out.into_iter().map(|(o, h)| Polygon::new(o, h)).collect())
}

/// What the force covers.
#[derive(Debug, Clone, PartialEq)]
pub enum ForceArea {
    /// Every London borough and the City (`E09…`): the wards Peel routes to by default.
    London,
    /// The Metropolitan Police's 32 boroughs (London without the City, `E09000001`, which has
    /// its own force).
    Met,
    /// These local authorities, by GSS code.
    Districts(BTreeSet<String>),
    /// What lies within these shapes (a police force area's boundary, WGS84), whatever local
    /// authorities it takes in part.
    Boundary(MultiPolygon<f64>),
}

impl ForceArea {
    /// `london`, `met`, or a comma-separated list of local-authority codes (a boundary file is
    /// read with [`read_area_geojson`]).
    pub fn parse(text: &str) -> Result<ForceArea, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "london" => Ok(ForceArea::London),
            "met" => Ok(ForceArea::Met),
            _ => {
                let codes: BTreeSet<String> = text
                    .split(',')
                    .map(|c| c.trim().to_ascii_uppercase())
                    .filter(|c| !c.is_empty())
                    .collect();
                match codes.iter().find(|c| !gss(c)) {
                    Some(bad) => Err(format!(
                        "{bad:?} is not a local authority's GSS code (such as E09000007); the \
                         force area is london, met, or a list of codes"
                    )),
                    None => Ok(ForceArea::Districts(codes)),
                }
            }
        }
    }

    /// Whether a postcode is in the area: by its local authority, or for a boundary by its
    /// centroid.
    pub fn holds(&self, postcode: &SourcePostcode) -> bool {
        let district = postcode.district_code.as_str();
        match self {
            ForceArea::London => district.starts_with("E09"),
            ForceArea::Met => district.starts_with("E09") && district != "E09000001",
            ForceArea::Districts(codes) => codes.contains(district),
            ForceArea::Boundary(shape) => geo::Contains::contains(
                shape,
                &geo::Point::new(postcode.longitude, postcode.latitude),
            ),
        }
    }
}

/// A force area's boundary from GeoJSON, in WGS84 or British National Grid: every feature's
/// polygons together, whatever their properties (ONS's police force areas carry `PFAnnCD`).
pub fn read_area_geojson(file: &str, text: &str) -> Result<ForceArea, GeoError> {
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|e| problem(file, e.to_string()))?;
    let declared = json.get("crs").map(serde_json::Value::to_string);
    let collection = match serde_json::from_value::<geojson::GeoJson>(json) {
        Ok(geojson::GeoJson::FeatureCollection(collection)) => collection,
        Ok(_) => return Err(problem(file, "not a GeoJSON FeatureCollection")),
        Err(e) => return Err(problem(file, e.to_string())),
    };
    let shapes: Vec<MultiPolygon<f64>> = collection
        .features
        .iter()
        .filter_map(|f| f.geometry.as_ref().and_then(|g| shape_of(&g.value)))
        .collect();
    let sample = shapes
        .iter()
        .find_map(|s| s.0.first().and_then(|p| p.exterior().0.first().copied()));
    let system = system_of(declared.as_deref(), sample, file)?;
    let mut polygons = Vec::new();
    for (idx, shape) in shapes.into_iter().enumerate() {
        polygons.extend(in_wgs84(shape, system, file, &format!("feature {idx}"))?.0);
    }
    if polygons.is_empty() {
        return Err(problem(file, "the boundary file holds no polygon"));
    }
    Ok(ForceArea::Boundary(MultiPolygon(polygons)))
}

/// What an import puts together: postcodes in the force area with their wards named, the
/// boundaries of its local authorities, and how many postcodes fell outside it.
#[derive(Debug, Clone)]
pub struct Assembly {
    /// The rows the gazetteer is built from.
    pub rows: Vec<PostcodeRow>,
    /// The local authorities' boundaries in the area.
    pub boroughs: Vec<Borough>,
    /// Postcodes read whose local authority is outside the area.
    pub outside: u64,
    /// Wards with no name in any lookup read (named by their code).
    pub unnamed_wards: usize,
}

/// Puts postcodes, names and boundaries together for the force area. Fails when a local
/// authority in the area with postcodes has no boundary, or none is left.
pub fn assemble(
    postcodes: Vec<SourcePostcode>,
    names: &Names,
    boundaries: Vec<Borough>,
    area: &ForceArea,
) -> Result<Assembly, GeoError> {
    let mut outside = 0;
    let mut rows = Vec::with_capacity(postcodes.len());
    let mut seen = std::collections::HashSet::new();
    let mut unnamed = BTreeSet::new();
    for p in postcodes {
        if !area.holds(&p) {
            outside += 1;
            continue;
        }
        if !seen.insert(p.postcode.clone()) {
            continue;
        }
        let ward_name = match names.wards.get(&p.ward_code) {
            Some((name, _)) => name.clone(),
            None => {
                unnamed.insert(p.ward_code.clone());
                p.ward_code.clone()
            }
        };
        rows.push(PostcodeRow {
            postcode: p.postcode,
            latitude: p.latitude,
            longitude: p.longitude,
            ward_code: p.ward_code,
            ward_name,
            borough_code: p.district_code,
        });
    }
    let wanted: BTreeSet<&str> = rows.iter().map(|r| r.borough_code.as_str()).collect();
    let boroughs: Vec<Borough> = boundaries
        .into_iter()
        .filter(|b| wanted.contains(b.code.as_str()))
        .map(|mut b| {
            if let Some(name) = names.districts.get(&b.code).filter(|n| !n.is_empty()) {
                b.name = name.clone();
            }
            b
        })
        .collect();
    if let Some(missing) = wanted
        .iter()
        .find(|code| !boroughs.iter().any(|b| b.code == **code))
    {
        return Err(problem(
            "the boundary files",
            format!(
                "no boundary for local authority {missing}, which has postcodes in the force area"
            ),
        ));
    }
    if rows.is_empty() {
        return Err(problem(
            "the postcode files",
            format!("no postcode is in the force area ({outside} outside it)"),
        ));
    }
    Ok(Assembly {
        rows,
        boroughs,
        outside,
        unnamed_wards: unnamed.len(),
    })
}

#[cfg(test)]
mod tests;
