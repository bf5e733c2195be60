//! `peel geo import` of the files as OS and ONS ship them, found by content: Code-Point Open's
//! headerless CSV, an ONS ward lookup and borough boundaries in British National Grid; the force
//! area a setting; and a boundary file in no known system refused with a clear error.

use crate::peel;

const CODE_POINT: &str = "\"BR1 1AA\",10,540291,168873,\"E92000001\",\"E19000003\",\"E18000007\",\"\",\"E09000006\",\"E05013991\"\n\
\"BR1 1AB\",10,540262,169405,\"E92000001\",\"E19000003\",\"E18000007\",\"\",\"E09000006\",\"E05013991\"\n\
\"M1  1AE\",10,384404,398130,\"E92000001\",\"E19000001\",\"E18000002\",\"\",\"E08000003\",\"E05011364\"\n";

/// A square of grid metres around Bromley town centre.
fn boundaries(crs: bool, scale: f64) -> String {
    let (x, y, size) = (535_000.0 * scale, 165_000.0, 10_000.0);
    let crs = if crs {
        r#""crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},"#
    } else {
        ""
    };
    format!(
        r#"{{"type": "FeatureCollection", {crs} "features": [{{"type": "Feature",
        "properties": {{"LAD24CD": "E09000006", "LAD24NM": "Bromley"}},
        "geometry": {{"type": "Polygon", "coordinates": [[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]}}}}]}}"#,
        x + size,
        x + size,
        y + size,
        y + size
    )
}

#[test]
fn official_layouts_are_imported_by_content_and_a_bad_system_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let downloads = dir.path().join("downloads");
    std::fs::create_dir_all(downloads.join("codepo_gb/Data/CSV")).unwrap();
    std::fs::write(downloads.join("codepo_gb/Data/CSV/br.csv"), CODE_POINT).unwrap();
    std::fs::write(
        downloads.join("WD25_LAD25_UK_LU.csv"),
        "WD25CD,WD25NM,LAD25CD,LAD25NM\nE05013991,Bromley Town,E09000006,Bromley\n",
    )
    .unwrap();
    std::fs::write(
        downloads.join("LAD_MAY_2025_UK_BGC.geojson"),
        boundaries(true, 1.0),
    )
    .unwrap();
    std::fs::write(downloads.join("README.txt"), "notes").unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let output = peel(
        &[
            "geo",
            "import",
            "--data-dir",
            data,
            downloads.to_str().unwrap(),
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout
            .lines()
            .any(|l| l == "postcodes=2 wards=1 boroughs=1 outside=1"),
        "Manchester is outside London: {stdout}"
    );
    assert!(stdout.contains("Passed over"), "{stdout}");

    // Another force: only Manchester's authority, whose boundary is not among the files.
    let output = peel(
        &[
            "geo",
            "import",
            "--data-dir",
            data,
            "--force-area",
            "E08000003",
            downloads.to_str().unwrap(),
        ],
        "",
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no boundary for local authority E08000003"),
        "{stderr}"
    );

    // The force area as a boundary file (a police force area's, say): what lies within it.
    let area = dir.path().join("PFA_DEC_2023_EW_BGC.geojson");
    std::fs::write(
        &area,
        boundaries(true, 1.0)
            .replace("LAD24CD", "PFA23CD")
            .replace("LAD24NM", "PFA23NM"),
    )
    .unwrap();
    let boundary = format!("boundary:{}", area.display());
    let output = peel(
        &[
            "geo",
            "import",
            "--data-dir",
            data,
            "--force-area",
            &boundary,
            downloads.to_str().unwrap(),
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout
            .lines()
            .any(|l| l == "postcodes=2 wards=1 boroughs=1 outside=1"),
        "{stdout}"
    );

    // Coordinates in no system: a clear error and exit 1, never an abort.
    std::fs::write(
        downloads.join("LAD_MAY_2025_UK_BGC.geojson"),
        boundaries(false, 1e9),
    )
    .unwrap();
    let output = peel(
        &[
            "geo",
            "import",
            "--data-dir",
            data,
            downloads.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("neither longitude and latitude"),
        "{stderr}"
    );
}
