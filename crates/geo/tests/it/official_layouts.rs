//! The official layouts give the same answers as Peel's own files: a fixture made from the
//! shared data as OS and ONS ship theirs (Code-Point Open's headerless CSVs with eastings and
//! northings, an ONS ward lookup, borough boundaries in British National Grid as GeoJSON and as
//! an ESRI Shapefile), read through `peel_geo::sources`, routes every postcode and point to the
//! same ward as the gazetteer built from `../shared/data/geography`.

use std::io::Write;
use std::path::{Path, PathBuf};

use peel_geo::sources::{self, ForceArea, Names, grid_ref};
use peel_geo::{BOROUGH_FILE, Borough, Gazetteer, POSTCODE_FILE, PointLookup, Postcode};

fn geography() -> Option<PathBuf> {
    let folder = peel_skip::shared_data().join("geography");
    if folder.join(POSTCODE_FILE).exists() {
        return Some(folder);
    }
    peel_skip::skip(&format!(
        "{} is absent: skipped the official layouts test",
        folder.display()
    ));
    None
}

/// Code-Point Open's files, one per postcode area, as OS writes them (no header; the postcode
/// in seven characters; eastings, northings; GSS codes).
fn write_code_point(folder: &Path, out: &Path) {
    let mut csv = csv::Reader::from_path(folder.join(POSTCODE_FILE)).unwrap();
    let headers = csv.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (pc, q, e, n, lad, wd) = (
        at("postcode"),
        at("positional_quality"),
        at("easting"),
        at("northing"),
        at("borough_code"),
        at("ward_code"),
    );
    let data = out.join("Data/CSV");
    std::fs::create_dir_all(&data).unwrap();
    let mut files: std::collections::HashMap<String, std::fs::File> = Default::default();
    for record in csv.records() {
        let r = record.unwrap();
        let postcode = Postcode::parse(&r[pc]).unwrap();
        let area: String = postcode
            .outward()
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        let text = postcode.to_string();
        let inward = text.rsplit(' ').next().unwrap();
        let seven = format!("{:<4}{inward}", postcode.outward());
        let seven = if seven.len() > 7 {
            seven.replace(' ', "")
        } else {
            seven
        };
        let file = files.entry(area.to_lowercase()).or_insert_with(|| {
            std::fs::File::create(data.join(format!("{}.csv", area.to_lowercase()))).unwrap()
        });
        writeln!(
            file,
            "\"{seven}\",{},{},{},\"E92000001\",\"E19000003\",\"E18000007\",\"\",\"{}\",\"{}\"",
            &r[q], &r[e], &r[n], &r[lad], &r[wd]
        )
        .unwrap();
    }
    let doc = out.join("Doc");
    std::fs::create_dir_all(&doc).unwrap();
    std::fs::write(
        doc.join("Code-Point_Open_Column_Headers.csv"),
        "PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\nPostcode,Positional_quality_indicator,Eastings,Northings,Country_code,NHS_regional_HA_code,NHS_HA_code,Admin_county_code,Admin_district_code,Admin_ward_code\n",
    )
    .unwrap();
}

/// The ONS ward to local authority lookup, from the shared ward list.
fn write_lookup(folder: &Path, out: &Path) {
    let mut csv = csv::Reader::from_path(folder.join("codepoint_london_wards_2025.csv")).unwrap();
    let mut text = String::from("\u{feff}WD25CD,WD25NM,LAD25CD,LAD25NM,ObjectId\n");
    for (i, record) in csv.records().enumerate() {
        let r = record.unwrap();
        text.push_str(&format!(
            "{},\"{}\",{},\"{}\",{}\n",
            &r[0],
            &r[1],
            &r[2],
            &r[3],
            i + 1
        ));
    }
    std::fs::write(out.join("WD25_LAD25_UK_LU.csv"), text).unwrap();
}

/// A ring in grid metres.
fn to_grid(ring: &geo::LineString<f64>) -> Vec<(f64, f64)> {
    ring.0
        .iter()
        .map(|c| grid_ref::to_grid(c.y, c.x).unwrap())
        .collect()
}

/// The boroughs in British National Grid as GeoJSON (with its `crs`) and as a Shapefile.
fn write_boundaries(boroughs: &[Borough], out: &Path) {
    let mut features = Vec::new();
    for b in boroughs {
        let polygons: Vec<serde_json::Value> = b
            .shape
            .0
            .iter()
            .map(|p| {
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .map(|r| {
                        serde_json::json!(
                            to_grid(r).iter().map(|(e, n)| [e, n]).collect::<Vec<_>>()
                        )
                    })
                    .collect()
            })
            .collect();
        features.push(serde_json::json!({
            "type": "Feature",
            "properties": {"LAD24CD": b.code, "LAD24NM": b.name, "BNG_E": 0},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons}
        }));
    }
    let collection = serde_json::json!({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
        "features": features
    });
    std::fs::write(
        out.join("LAD_DEC_2024_UK_BGC.geojson"),
        collection.to_string(),
    )
    .unwrap();

    let shp = out.join("shapes/LAD_DEC_2024_UK_BGC.shp");
    std::fs::create_dir_all(shp.parent().unwrap()).unwrap();
    let table = shapefile::dbase::TableWriterBuilder::new()
        .add_character_field("LAD24CD".try_into().unwrap(), 9)
        .add_character_field("LAD24NM".try_into().unwrap(), 80);
    let mut writer = shapefile::Writer::from_path(&shp, table).unwrap();
    for b in boroughs {
        let mut rings = Vec::new();
        for p in &b.shape.0 {
            let points = |r: &geo::LineString<f64>| {
                to_grid(r)
                    .into_iter()
                    .map(|(x, y)| shapefile::Point::new(x, y))
                    .collect::<Vec<_>>()
            };
            rings.push(shapefile::PolygonRing::Outer(points(p.exterior())));
            rings.extend(
                p.interiors()
                    .iter()
                    .map(|r| shapefile::PolygonRing::Inner(points(r))),
            );
        }
        let mut record = shapefile::dbase::Record::default();
        record.insert(
            "LAD24CD".into(),
            shapefile::dbase::FieldValue::Character(Some(b.code.clone())),
        );
        record.insert(
            "LAD24NM".into(),
            shapefile::dbase::FieldValue::Character(Some(b.name.clone())),
        );
        writer
            .write_shape_and_record(&shapefile::Polygon::with_rings(rings), &record)
            .unwrap();
    }
    drop(writer);
    std::fs::write(
        shp.with_extension("prj"),
        "PROJCS[\"British_National_Grid\",GEOGCS[\"GCS_OSGB_1936\",DATUM[\"D_OSGB_1936\",SPHEROID[\"Airy_1830\",6377563.396,299.3249646]]]]",
    )
    .unwrap();
}

/// Reads a fixture folder's files as `peel geo import` does, with one boundary file.
fn gazetteer_from(out: &Path, boundaries: Vec<Borough>) -> Gazetteer {
    let mut postcodes = Vec::new();
    let mut names = Names::default();
    let mut files = vec![
        out.join("WD25_LAD25_UK_LU.csv"),
        out.join("Doc/Code-Point_Open_Column_Headers.csv"),
    ];
    files.extend(
        std::fs::read_dir(out.join("Data/CSV"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    for path in files {
        let head = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let reader = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
        match sources::detect(&name, &head[..head.len().min(8192)]) {
            sources::FileKind::CodePointOpen => {
                postcodes.extend(sources::read_code_point(&name, reader).unwrap().postcodes)
            }
            sources::FileKind::Names => sources::read_names(&name, reader, &mut names).unwrap(),
            sources::FileKind::CodePointHeaders => {}
            other => panic!("{name} read as {other:?}"),
        }
    }
    let assembly = sources::assemble(postcodes, &names, boundaries, &ForceArea::London).unwrap();
    assert_eq!(assembly.outside, 0);
    assert_eq!(assembly.unnamed_wards, 0);
    Gazetteer::new(assembly.rows, assembly.boroughs).unwrap()
}

fn ward_at(g: &Gazetteer, lat: f64, lon: f64) -> Option<&str> {
    match g.point(lat, lon) {
        PointLookup::InWard(hit) => Some(hit.ward.code.as_str()),
        PointLookup::OutsideForceArea => None,
    }
}

#[test]
fn code_point_open_and_grid_boundaries_route_as_today_s_files_do() {
    let Some(folder) = geography() else { return };
    let rows =
        peel_geo::read_postcode_rows(std::fs::File::open(folder.join(POSTCODE_FILE)).unwrap())
            .unwrap();
    let boroughs =
        peel_geo::read_boroughs(&std::fs::read_to_string(folder.join(BOROUGH_FILE)).unwrap())
            .unwrap();
    let today = Gazetteer::new(rows.clone(), boroughs.clone()).unwrap();

    let out = tempfile::tempdir().unwrap();
    write_code_point(&folder, out.path());
    write_lookup(&folder, out.path());
    write_boundaries(&boroughs, out.path());
    let geojson = std::fs::read_to_string(out.path().join("LAD_DEC_2024_UK_BGC.geojson")).unwrap();
    assert_eq!(
        sources::detect("LAD_DEC_2024_UK_BGC.geojson", geojson.as_bytes()),
        sources::FileKind::GeoJson
    );
    let from_geojson = sources::read_boundaries_geojson("geojson", &geojson)
        .unwrap()
        .unwrap();
    let shp = out.path().join("shapes/LAD_DEC_2024_UK_BGC.shp");
    let from_shapefile = sources::read_boundaries_shapefile(
        "shp",
        std::io::BufReader::new(std::fs::File::open(&shp).unwrap()),
        std::io::BufReader::new(std::fs::File::open(shp.with_extension("dbf")).unwrap()),
        std::fs::read_to_string(shp.with_extension("prj"))
            .ok()
            .as_deref(),
    )
    .unwrap()
    .unwrap();

    for (label, boundaries) in [("GeoJSON", from_geojson), ("Shapefile", from_shapefile)] {
        let official = gazetteer_from(out.path(), boundaries);
        assert_eq!(official.n_postcodes(), today.n_postcodes(), "{label}");
        assert_eq!(official.wards().len(), today.wards().len());
        assert_eq!(official.boroughs().len(), today.boroughs().len());
        // Every postcode: the same ward, named the same.
        for row in &rows {
            let (a, b) = (
                today.postcode(&row.postcode).unwrap(),
                official.postcode(&row.postcode).unwrap(),
            );
            assert_eq!(
                (a.ward.code.as_str(), a.ward.name.as_str()),
                (b.ward.code.as_str(), b.ward.name.as_str()),
                "{}",
                row.postcode
            );
        }
        // Points across London and beyond: the same ward, or outside in both, except where the
        // two conversions from the grid (the publisher's and Peel's) put a point on the other
        // side of a line between postcodes a few metres away.
        let (mut same, mut differ) = (0, Vec::new());
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let lat = 51.25 + (state % 100_000) as f64 / 100_000.0 * 0.5;
            let lon = -0.55 + ((state >> 20) % 100_000) as f64 / 100_000.0 * 0.9;
            if ward_at(&today, lat, lon) == ward_at(&official, lat, lon) {
                same += 1;
            } else {
                differ.push((lat, lon));
            }
        }
        eprintln!("{label}: {same} points agree, {} differ", differ.len());
        assert!(
            differ.len() * 1_000 <= 20_000,
            "{label}: more than 1 in 1,000 points differ: {differ:?}"
        );
        // Where they differ, the point is within metres of a boundary between wards.
        for (lat, lon) in differ {
            let near = [
                (0.00005, 0.0),
                (-0.00005, 0.0),
                (0.0, 0.00008),
                (0.0, -0.00008),
            ]
            .iter()
            .any(|(dlat, dlon)| {
                ward_at(&today, lat + dlat, lon + dlon) == ward_at(&official, lat, lon)
            });
            assert!(
                near,
                "{label}: ({lat}, {lon}) differs away from any boundary"
            );
        }
    }
}
