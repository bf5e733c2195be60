//! Every evidence file is outside input: its type is judged from its first bytes, a photo's
//! EXIF and a video's boxes are read. None of them may panic on any bytes, and a position
//! found is always on the earth.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::evidence::{detect, photo_metadata, video};

fuzz_target!(|data: &[u8]| {
    let _ = detect(data);
    let photo = photo_metadata(data);
    let movie = video::video_metadata(data);
    for (lat, lon) in [photo.position, movie.position].into_iter().flatten() {
        assert!(lat.abs() <= 90.0 && lon.abs() <= 180.0);
    }
    if let Some(header) = video::box_header(data) {
        assert!(header.size.is_none_or(|s| s >= header.header_len));
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Some((lat, lon)) = video::iso6709(text)
    {
        assert!(lat.abs() <= 90.0 && lon.abs() <= 180.0);
    }
});
