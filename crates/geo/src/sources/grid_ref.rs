//! British National Grid (OSGB36, EPSG:27700) to and from WGS84 longitude and latitude, through
//! `proj4rs`: the Transverse Mercator projection on the Airy 1830 ellipsoid and the OSGB36 to
//! WGS84 datum shift as the seven-parameter Helmert transformation Ordnance Survey publishes
//! (good to a few metres, well within a postcode's size; OSTN15's centimetres are not needed to
//! route a report).

use std::sync::OnceLock;

use proj4rs::proj::Proj;

/// The British National Grid with its datum shift to WGS84 (OS, "A guide to coordinate systems
/// in Great Britain", section 6.6).
const BNG: &str = "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 \
    +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs";
const WGS84: &str = "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs";

fn projections() -> Option<&'static (Proj, Proj)> {
    static BOTH: OnceLock<Option<(Proj, Proj)>> = OnceLock::new();
    BOTH.get_or_init(|| {
        Some((
            Proj::from_proj_string(BNG).ok()?,
            Proj::from_proj_string(WGS84).ok()?,
        ))
    })
    .as_ref()
}

/// Whether an easting and northing lie on the grid (in metres; Great Britain and its islands).
pub fn on_grid(easting: f64, northing: f64) -> bool {
    (-100_000.0..=800_000.0).contains(&easting) && (-100_000.0..=1_400_000.0).contains(&northing)
}

/// The latitude and longitude (WGS84, degrees) of a grid reference, or `None` off the grid.
pub fn to_wgs84(easting: f64, northing: f64) -> Option<(f64, f64)> {
    if !on_grid(easting, northing) {
        return None;
    }
    let (bng, wgs84) = projections()?;
    let mut point = (easting, northing, 0.0);
    proj4rs::transform::transform(bng, wgs84, &mut point).ok()?;
    let (longitude, latitude) = (point.0.to_degrees(), point.1.to_degrees());
    (latitude.is_finite() && longitude.is_finite()).then_some((latitude, longitude))
}

/// The grid reference (easting, northing in metres) of a WGS84 latitude and longitude.
pub fn to_grid(latitude: f64, longitude: f64) -> Option<(f64, f64)> {
    let (bng, wgs84) = projections()?;
    let mut point = (longitude.to_radians(), latitude.to_radians(), 0.0);
    proj4rs::transform::transform(wgs84, bng, &mut point).ok()?;
    (point.0.is_finite() && point.1.is_finite()).then_some((point.0, point.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_worked_example_and_a_london_postcode_convert_within_metres() {
        // Code-Point Open's BR1 1AA: 540291 E, 168873 N; 51.401546 N, 0.015415 E (converted by
        // the publisher of the shared file).
        let (lat, lon) = to_wgs84(540_291.0, 168_873.0).unwrap();
        let metres = |a: f64, b: f64| a * 111_320.0 * if b == 0.0 { 1.0 } else { b };
        assert!(metres((lat - 51.401546).abs(), 1.0) < 5.0, "{lat}");
        assert!(
            metres((lon - 0.015415).abs(), 51.4_f64.to_radians().cos()) < 5.0,
            "{lon}"
        );
        let (e, n) = to_grid(lat, lon).unwrap();
        assert!(
            (e - 540_291.0).abs() < 0.01 && (n - 168_873.0).abs() < 0.01,
            "{e} {n}"
        );
        assert_eq!(to_wgs84(1e15, 5.0), None, "off the grid");
    }
}
