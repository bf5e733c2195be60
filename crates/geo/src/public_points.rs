//! Public points for open data (issue 19): one point per 2021 LSOA at which every report in
//! it is published, so that a published row says which neighbourhood of about 1,500
//! residents, never which street or door (police.uk's snap points cover as few as eight
//! addresses). The point is the centroid of the postcode, of those inside the LSOA, nearest
//! their mean: a real place in the area, not the middle of a river or a park. An LSOA holding
//! no postcode has no point, and what happens there is published with no location.

use peel_core::stats::open_data::PublicPoint;

use crate::area::Area;
use crate::grid::project;
use crate::shapes::Named;

/// The public point of each LSOA, and the lookup from a point to its LSOA's.
#[derive(Debug, Clone)]
pub struct PublicPoints {
    area: Area,
    points: Vec<Option<PublicPoint>>,
}

impl PublicPoints {
    /// From the 2021 LSOA polygons, each with its name as its group (read with `LSOA21NM`),
    /// and the postcodes' centroids (latitude, longitude; [`crate::Gazetteer::centroids`]).
    pub fn new(lsoas: &[Named], centroids: &[(f64, f64)]) -> PublicPoints {
        let area = Area::build(
            lsoas
                .iter()
                .enumerate()
                .filter_map(|(i, named)| u16::try_from(i).ok().map(|i| (i, named.shape.clone())))
                .collect(),
            250.0,
        );
        let mut members: Vec<Vec<(f64, f64)>> = vec![Vec::new(); lsoas.len()];
        for &(latitude, longitude) in centroids {
            if let Some(list) = area
                .borough_at(latitude, longitude)
                .and_then(|i| members.get_mut(usize::from(i)))
            {
                list.push((latitude, longitude));
            }
        }
        let points = lsoas
            .iter()
            .zip(&members)
            .map(|(lsoa, inside)| {
                let n = inside.len() as f64;
                let (sx, sy) = inside.iter().fold((0.0, 0.0), |(x, y), &(lat, lon)| {
                    let p = project(lat, lon);
                    (x + p.x, y + p.y)
                });
                let distance = |&(lat, lon): &(f64, f64)| {
                    let p = project(lat, lon);
                    (p.x - sx / n).powi(2) + (p.y - sy / n).powi(2)
                };
                // The first of equals, in the order given, so the same files give the same
                // points.
                inside
                    .iter()
                    .min_by(|a, b| distance(a).total_cmp(&distance(b)))
                    .map(|&(latitude, longitude)| PublicPoint {
                        lsoa_code: lsoa.code.clone(),
                        lsoa_name: lsoa.group.clone(),
                        latitude,
                        longitude,
                    })
            })
            .collect();
        PublicPoints { area, points }
    }

    /// The public point of the LSOA holding a point, if any holds it and it has one.
    pub fn snap(&self, latitude: f64, longitude: f64) -> Option<&PublicPoint> {
        let i = self.area.borough_at(latitude, longitude)?;
        self.points.get(usize::from(i))?.as_ref()
    }

    /// How many LSOAs have a point.
    pub fn len(&self) -> usize {
        self.points.iter().flatten().count()
    }

    /// Whether none has.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use geo::{LineString, MultiPolygon, Polygon};

    use super::*;

    fn square(code: &str, west: f64, south: f64, size: f64) -> Named {
        let ring = LineString::from(vec![
            (west, south),
            (west + size, south),
            (west + size, south + size),
            (west, south + size),
            (west, south),
        ]);
        Named {
            code: code.to_owned(),
            group: format!("{code} name"),
            shape: MultiPolygon(vec![Polygon::new(ring, Vec::new())]),
        }
    }

    #[test]
    fn every_point_in_an_lsoa_snaps_to_the_postcode_nearest_its_postcodes_middle() {
        let lsoas = [
            square("E01000001", -0.14, 51.50, 0.01),
            square("E01000002", -0.13, 51.50, 0.01),
        ];
        let rows = [
            // In the first: the middle of the three is the second.
            (51.501, -0.139),
            (51.505, -0.135),
            (51.509, -0.131),
            // Outside both.
            (51.60, -0.135),
        ];
        let points = PublicPoints::new(&lsoas, &rows);
        assert_eq!(points.len(), 1, "the second holds no postcode");
        let snapped = points.snap(51.5015, -0.1395).unwrap();
        assert_eq!(snapped.lsoa_code, "E01000001");
        assert_eq!(snapped.lsoa_name, "E01000001 name");
        assert_eq!((snapped.latitude, snapped.longitude), (51.505, -0.135));
        assert_eq!(
            points.snap(51.508, -0.132),
            Some(snapped),
            "one point for all"
        );
        assert_eq!(points.snap(51.505, -0.125), None, "no postcode, no point");
        assert_eq!(points.snap(51.70, -0.135), None, "in no LSOA");
    }
}
