use super::*;

const CODE_POINT: &str = "\"BR1 1AA\",10,540291,168873,\"E92000001\",\"E19000003\",\"E18000007\",\"\",\"E09000006\",\"E05013991\"\n\
\"BR1 1AB\",10,540262,169405,\"E92000001\",\"E19000003\",\"E18000007\",\"\",\"E09000006\",\"E05013991\"\n\
\"M1  1AE\",10,384404,398130,\"E92000001\",\"E19000001\",\"E18000002\",\"\",\"E08000003\",\"E05011364\"\n\
\"BR1 9ZZ\",90,0,0,\"E92000001\",\"\",\"\",\"\",\"\",\"\"\n";

#[test]
fn each_kind_of_file_is_known_by_its_content() {
    assert_eq!(
        detect("e.csv", CODE_POINT.as_bytes()),
        FileKind::CodePointOpen
    );
    assert_eq!(
        detect(
            "Code-Point_Open_Column_Headers.csv",
            b"PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\n"
        ),
        FileKind::CodePointHeaders
    );
    assert_eq!(
        detect(
            "ONSPD_MAY_2025_UK.csv",
            b"\xef\xbb\xbfpcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,lat,long\n"
        ),
        FileKind::PostcodeDirectory
    );
    assert_eq!(
        detect(
            "x.csv",
            b"PCD7,PCD8,PCDS,DOINTR,DOTERM,LAD25CD,WD25CD,LAT,LONG\n"
        ),
        FileKind::PostcodeDirectory
    );
    assert_eq!(
        detect(
            "WD25_LAD25_UK_LU.csv",
            b"WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,ObjectId\n"
        ),
        FileKind::Names
    );
    assert_eq!(
        detect(
            "any.geojson",
            br#"{"type": "FeatureCollection", "features": []}"#
        ),
        FileKind::GeoJson
    );
    assert_eq!(
        detect("LAD_MAY_2025.shp", b"\0\0\x27\x0a"),
        FileKind::Shapefile
    );
    assert_eq!(
        detect(
            "codepoint_open_2025_london_postcodes.csv",
            b"postcode,positional_quality,easting,northing,latitude,longitude,borough_code,borough_name,ward_code,ward_name\n"
        ),
        FileKind::PeelPostcodes
    );
    assert!(matches!(detect("notes.txt", b"hello"), FileKind::Other(_)));
}

#[test]
fn code_point_rows_are_converted_from_the_grid_and_rows_without_one_passed_over() {
    let read = read_code_point("e.csv", CODE_POINT.as_bytes()).unwrap();
    assert_eq!(read.postcodes.len(), 3);
    assert_eq!(read.passed_over, 1, "quality 90: no grid reference");
    let first = &read.postcodes[0];
    assert_eq!(first.postcode.to_string(), "BR1 1AA");
    assert!(
        (first.latitude - 51.401546).abs() < 0.0001,
        "{}",
        first.latitude
    );
    assert!(
        (first.longitude - 0.015415).abs() < 0.0001,
        "{}",
        first.longitude
    );
    assert_eq!(
        (first.ward_code.as_str(), first.district_code.as_str()),
        ("E05013991", "E09000006")
    );
    let err = read_code_point("e.csv", "\"BR1 1AA\",10,x,1,a,b,c,d,e,f\n".as_bytes()).unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn the_postcode_directory_is_read_whatever_the_year_s_column_names() {
    let old = "pcd,pcds,doterm,oslaua,osward,oseast1m,osnrth1m,lat,long\n\
               BR1 1AA,BR1 1AA,,E09000006,E05013991,540291,168873,51.401546,0.015415\n\
               BR1 1ZZ,BR1 1ZZ,202001,E09000006,E05013991,540291,168873,51.401546,0.015415\n\
               BR1 9ZZ,BR1 9ZZ,,E09000006,E05013991,,,99.999999,0.000000\n";
    let read = read_postcode_directory("ONSPD.csv", old.as_bytes()).unwrap();
    assert_eq!(read.postcodes.len(), 1);
    assert_eq!(
        read.passed_over, 2,
        "a terminated postcode and one without a grid reference"
    );
    let new = "PCDS,DOTERM,LAD25CD,WD25CD,LAT,LONG\nBR1 1AA,,E09000006,E05013991,51.401546,0.015415\n\
         BR1 2ZZ,,E09000006,E05013991,-inf,0.01\nBR1 3ZZ,,E09000006,E05013991,51.4,NaN\n";
    let read = read_postcode_directory("ONSPD.csv", new.as_bytes()).unwrap();
    assert_eq!(read.postcodes[0].latitude, 51.401546);
    assert_eq!(
        (read.postcodes.len(), read.passed_over),
        (1, 2),
        "a place outside the United Kingdom is none"
    );
    assert!(read_postcode_directory("x.csv", "pcds,osward\n".as_bytes()).is_err());
}

fn square(x: f64, y: f64, size: f64) -> String {
    format!(
        "[[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]",
        x + size,
        x + size,
        y + size,
        y + size
    )
}

#[test]
fn boundaries_in_the_grid_are_reprojected_and_impossible_coordinates_refused() {
    let grid = format!(
        r#"{{"type": "FeatureCollection", "crs": {{"type": "name", "properties": {{"name": "urn:ogc:def:crs:EPSG::27700"}}}},
        "features": [{{"type": "Feature", "properties": {{"LAD24CD": "E09000006", "LAD24NM": "Bromley"}},
        "geometry": {{"type": "Polygon", "coordinates": {}}}}}]}}"#,
        square(539_000.0, 168_000.0, 2_000.0)
    );
    let boroughs = read_boundaries_geojson("LAD.geojson", &grid)
        .unwrap()
        .unwrap();
    assert_eq!(
        (boroughs[0].code.as_str(), boroughs[0].name.as_str()),
        ("E09000006", "Bromley")
    );
    let corner = boroughs[0].shape.0[0].exterior().0[0];
    assert!(
        (corner.y - 51.39).abs() < 0.02 && corner.x.abs() < 0.05,
        "{corner:?}"
    );
    // Without a crs member the metres say it is the grid.
    let undeclared = grid.replace(
        r#""crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},"#,
        "",
    );
    assert_eq!(
        read_boundaries_geojson("LAD.geojson", &undeclared)
            .unwrap()
            .unwrap()[0]
            .shape,
        boroughs[0].shape
    );
    // Numbers that are neither: a clear error, never a crash (the review's 1.3 PB allocation).
    let nonsense = grid.replace("539000", "53900000000000").replace(
        r#""crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},"#,
        "",
    );
    let err = read_boundaries_geojson("LAD.geojson", &nonsense)
        .unwrap_err()
        .to_string();
    assert!(err.contains("neither longitude and latitude"), "{err}");
    let lsoas = grid.replace(r#""LAD24NM": "Bromley""#, r#""LSOA21CD": "E01000001""#);
    assert_eq!(
        read_boundaries_geojson("LSOA.geojson", &lsoas).unwrap(),
        None,
        "not local authorities: passed over"
    );
}

fn at(district: &str, latitude: f64, longitude: f64) -> SourcePostcode {
    SourcePostcode {
        postcode: Postcode::parse("BR1 1AA").unwrap(),
        latitude,
        longitude,
        ward_code: "E05013991".into(),
        district_code: district.into(),
    }
}

#[test]
fn the_force_area_is_london_the_met_listed_authorities_or_a_boundary() {
    let city = at("E09000001", 51.515, -0.09);
    let camden = at("E09000007", 51.54, -0.14);
    assert!(ForceArea::parse("").unwrap().holds(&city));
    assert!(!ForceArea::parse("met").unwrap().holds(&city));
    assert!(ForceArea::parse("met").unwrap().holds(&camden));
    let gmp = ForceArea::parse("E08000003, E08000001").unwrap();
    assert!(gmp.holds(&at("E08000003", 53.48, -2.24)) && !gmp.holds(&camden));
    assert!(ForceArea::parse("E08000003,manchester").is_err());
    // A boundary in grid metres around Bromley: what lies inside, whatever its authority.
    let area = read_area_geojson(
        "PFA.geojson",
        &format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {{"PFA23CD": "E23000001"}},
            "geometry": {{"type": "Polygon", "coordinates": {}}}}}]}}"#,
            square(535_000.0, 165_000.0, 10_000.0)
        ),
    )
    .unwrap();
    assert!(area.holds(&at("E09000006", 51.401546, 0.015415)));
    assert!(!area.holds(&camden));
}

#[test]
fn assembly_names_wards_counts_what_is_outside_and_needs_every_boundary() {
    let read = read_code_point("e.csv", CODE_POINT.as_bytes()).unwrap();
    let mut names = Names::default();
    read_names(
        "lookup.csv",
        "WD25CD,WD25NM,LAD25CD,LAD25NM\nE05013991,Bromley Town,E09000006,Bromley\n".as_bytes(),
        &mut names,
    )
    .unwrap();
    let bromley = read_boundaries_geojson(
        "b.geojson",
        &format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {{"LAD22CD": "E09000006"}},
            "geometry": {{"type": "Polygon", "coordinates": {}}}}}]}}"#,
            square(-0.1, 51.3, 0.3)
        ),
    )
    .unwrap()
    .unwrap();
    let assembly = assemble(read.postcodes.clone(), &names, bromley, &ForceArea::London).unwrap();
    assert_eq!(
        (assembly.rows.len(), assembly.outside),
        (2, 1),
        "Manchester is outside London"
    );
    assert_eq!(assembly.rows[0].ward_name, "Bromley Town");
    assert_eq!(
        assembly.boroughs[0].name, "Bromley",
        "named from the lookup"
    );
    let err = assemble(read.postcodes, &names, Vec::new(), &ForceArea::London).unwrap_err();
    assert!(
        err.to_string()
            .contains("no boundary for local authority E09000006"),
        "{err}"
    );
}
