//! Place-and-time co-location: two reports that happened close together in space and time are
//! possibly related, so online and physical harm in one community show up together. (Reports
//! naming the same school, estate or venue are linked through the `Venue` indicator instead.)

/// Where and when something happened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Occurrence {
    /// Latitude (WGS84).
    pub latitude: f64,
    /// Longitude (WGS84).
    pub longitude: f64,
    /// When, in seconds since the epoch.
    pub at: i64,
}

/// How close counts as together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// At most this far apart, in metres.
    pub metres: f64,
    /// At most this long apart, in seconds.
    pub seconds: i64,
}

/// The great-circle distance between two points, in metres (haversine, mean Earth radius).
pub fn distance_metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let (dlat, dlon) = ((b.0 - a.0).to_radians(), (b.1 - a.1).to_radians());
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().min(1.0).asin()
}

/// How far and how long apart two occurrences are, when both are within the window.
pub fn together(a: &Occurrence, b: &Occurrence, window: &Window) -> Option<(f64, i64)> {
    let apart = (a.at - b.at).abs();
    if apart > window.seconds {
        return None;
    }
    let metres = distance_metres((a.latitude, a.longitude), (b.latitude, b.longitude));
    (metres <= window.metres).then_some((metres, apart))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn known_distances() {
        // Whitehall (SW1A 2AA) to Trafalgar Square: about 590 m.
        let d = distance_metres((51.50354, -0.12768), (51.50809, -0.12806));
        assert!((500.0..560.0).contains(&d), "{d}");
        // London to Paris, about 344 km.
        let d = distance_metres((51.5074, -0.1278), (48.8566, 2.3522));
        assert!((340_000.0..348_000.0).contains(&d), "{d}");
    }

    #[test]
    fn both_space_and_time_must_be_within_the_window() {
        let window = Window {
            metres: 500.0,
            seconds: 14 * 86_400,
        };
        let school = Occurrence {
            latitude: 51.5500,
            longitude: -0.0600,
            at: 0,
        };
        let near_soon = Occurrence {
            latitude: 51.5520,
            at: 3 * 86_400,
            ..school
        };
        let near_late = Occurrence {
            at: 30 * 86_400,
            ..near_soon
        };
        let far_soon = Occurrence {
            latitude: 51.6,
            ..near_soon
        };
        let (metres, seconds) = together(&school, &near_soon, &window).unwrap();
        assert!((200.0..250.0).contains(&metres));
        assert_eq!(seconds, 3 * 86_400);
        assert_eq!(together(&school, &near_late, &window), None);
        assert_eq!(together(&school, &far_soon, &window), None);
    }

    proptest! {
        #[test]
        fn distance_is_symmetric_and_zero_only_at_one_place(
            a in (51.2_f64..51.8, -0.6_f64..0.4), b in (51.2_f64..51.8, -0.6_f64..0.4),
        ) {
            let (x, y) = (distance_metres(a, b), distance_metres(b, a));
            prop_assert!((x - y).abs() < 1e-6);
            prop_assert!(distance_metres(a, a) < 1e-6);
            prop_assert!(x >= 0.0);
        }
    }
}
