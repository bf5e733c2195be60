//! What a phone's or camera's MP4 or MOV file says of itself: when it was made, how long it
//! runs, and where (`©xyz`, ISO 6709, as Android phones and many cameras write it). Pure: the
//! caller reads the bytes (the top-level box headers, then the `moov` box, which may sit at the
//! end of a long file) and gives them here.
//!
//! Hand-rolled, and small: the crates that parse ISO BMFF either read every sample table into
//! memory (a long video's `moov` is tens of megabytes of them) or do not read the location box
//! at all; three boxes are needed, and each read here is bounds-checked.

use time::{OffsetDateTime, PrimitiveDateTime};

/// A box's header: its type and where its content starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoxHeader {
    /// The four-character type (`moov`).
    pub kind: [u8; 4],
    /// How many bytes the header takes (8, or 16 with a 64-bit size).
    pub header_len: u64,
    /// The whole box's size, header included; `None` for a box that runs to the end of the file.
    pub size: Option<u64>,
}

/// Reads a box header from the first bytes of a box (16 are always enough); `None` when the
/// bytes are not one (too short, or a size smaller than its own header).
pub fn box_header(bytes: &[u8]) -> Option<BoxHeader> {
    let size = u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?);
    let kind: [u8; 4] = bytes.get(4..8)?.try_into().ok()?;
    let (header_len, size) = match size {
        0 => (8, None),
        1 => {
            let large = u64::from_be_bytes(bytes.get(8..16)?.try_into().ok()?);
            (16, Some(large))
        }
        n => (8, Some(u64::from(n))),
    };
    if size.is_some_and(|s| s < header_len) {
        return None;
    }
    Some(BoxHeader {
        kind,
        header_len,
        size,
    })
}

/// What a video's own metadata says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VideoMetadata {
    /// When the file says it was made (UTC, as the format defines it).
    pub created_at: Option<OffsetDateTime>,
    /// How long it runs, in milliseconds.
    pub duration_ms: Option<u64>,
    /// Where (latitude, longitude), if the device recorded it.
    pub position: Option<(f64, f64)>,
}

/// The boxes directly inside `bytes` (a box's content), each as (type, content).
fn children(bytes: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        let header = box_header(rest)?;
        let end = match header.size {
            Some(size) => usize::try_from(size).ok()?.min(rest.len()),
            None => rest.len(),
        };
        let content = rest.get(usize::try_from(header.header_len).ok()?..end)?;
        rest = rest.get(end..)?;
        Some((header.kind, content))
    })
}

/// Seconds between 1904-01-01 (the format's epoch) and 1970-01-01.
const EPOCH_1904: i64 = 2_082_844_800;

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn be_u64(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// `mvhd`: creation time and duration (version 0 with 32-bit fields, 1 with 64-bit).
fn movie_header(mvhd: &[u8]) -> (Option<OffsetDateTime>, Option<u64>) {
    let parsed = match mvhd.first() {
        Some(0) => be_u32(mvhd, 4).map(u64::from).zip(
            be_u32(mvhd, 12)
                .zip(be_u32(mvhd, 16))
                .map(|(scale, d)| (scale, u64::from(d))),
        ),
        Some(1) => be_u64(mvhd, 4).zip(be_u32(mvhd, 20).zip(be_u64(mvhd, 24))),
        _ => None,
    };
    let Some((created, (timescale, duration))) = parsed else {
        return (None, None);
    };
    // Zero is "not set"; a time before 2000 is a camera whose clock was never set.
    let created_at = i64::try_from(created)
        .ok()
        .filter(|&c| c > 0)
        .and_then(|c| OffsetDateTime::from_unix_timestamp(c - EPOCH_1904).ok())
        .filter(|at| at.year() >= 2000);
    let duration_ms = (timescale > 0 && duration != u64::MAX && duration != u64::from(u32::MAX))
        .then(|| duration.saturating_mul(1000) / u64::from(timescale));
    (created_at, duration_ms)
}

/// An ISO 6709 position as `©xyz` gives it: `+51.5367-000.0550/` or with an altitude,
/// `+51.5367-000.0550+012.000/`; decimal degrees, each number led by its sign.
pub fn iso6709(text: &str) -> Option<(f64, f64)> {
    let text = text.trim().trim_end_matches('/');
    let mut numbers = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == '+' || c == '-' {
            if let Some(s) = start {
                numbers.push(text.get(s..i)?);
            }
            start = Some(i);
        } else if !(c.is_ascii_digit() || c == '.') {
            return None;
        }
    }
    numbers.push(text.get(start?..)?);
    let latitude: f64 = numbers.first()?.parse().ok()?;
    let longitude: f64 = numbers.get(1)?.parse().ok()?;
    (latitude.abs() <= 90.0 && longitude.abs() <= 180.0).then_some((latitude, longitude))
}

/// `©xyz` in `udta`: a 16-bit length, a 16-bit language, then the ISO 6709 text.
fn location(udta: &[u8]) -> Option<(f64, f64)> {
    let (_, xyz) = children(udta).find(|(kind, _)| kind == b"\xa9xyz")?;
    let length = usize::from(u16::from_be_bytes(xyz.get(..2)?.try_into().ok()?));
    let text = xyz.get(4..4 + length).or_else(|| xyz.get(4..))?;
    iso6709(std::str::from_utf8(text).ok()?)
}

/// The metadata in a `moov` box's content.
pub fn video_metadata(moov: &[u8]) -> VideoMetadata {
    let mut out = VideoMetadata::default();
    for (kind, content) in children(moov) {
        match &kind {
            b"mvhd" => (out.created_at, out.duration_ms) = movie_header(content),
            b"udta" => out.position = out.position.or_else(|| location(content)),
            _ => {}
        }
    }
    out
}

/// The creation time as London's clock showed it, as a photo's camera time is kept.
pub fn local_time(at: OffsetDateTime) -> Option<PrimitiveDateTime> {
    let offset = time::UtcOffset::from_whole_seconds(crate::london::offset_seconds(at)).ok()?;
    let local = at.to_offset(offset);
    Some(PrimitiveDateTime::new(local.date(), local.time()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn boxed(kind: &[u8; 4], content: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(content.len() + 8)
            .unwrap()
            .to_be_bytes()
            .to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(content);
        out
    }

    /// A phone's `moov`: made 25 November 2026 at 21:14:03 UTC, 83.5 seconds long, in Hackney.
    fn phone_moov() -> Vec<u8> {
        let mut mvhd = vec![0, 0, 0, 0];
        let made =
            (time::macros::datetime!(2026-11-25 21:14:03 UTC).unix_timestamp() + EPOCH_1904) as u32;
        mvhd.extend_from_slice(&made.to_be_bytes());
        mvhd.extend_from_slice(&made.to_be_bytes());
        mvhd.extend_from_slice(&1000u32.to_be_bytes());
        mvhd.extend_from_slice(&83_500u32.to_be_bytes());
        mvhd.extend(std::iter::repeat_n(0u8, 80));
        let text = b"+51.5367-000.0550/";
        let mut xyz = (text.len() as u16).to_be_bytes().to_vec();
        xyz.extend_from_slice(&0x15c7u16.to_be_bytes());
        xyz.extend_from_slice(text);
        let mut moov = boxed(b"mvhd", &mvhd);
        moov.extend(boxed(b"trak", &[0; 40]));
        moov.extend(boxed(b"udta", &boxed(b"\xa9xyz", &xyz)));
        moov
    }

    #[test]
    fn a_phones_video_gives_its_time_length_and_place() {
        let meta = video_metadata(&phone_moov());
        assert_eq!(
            meta.created_at,
            Some(time::macros::datetime!(2026-11-25 21:14:03 UTC))
        );
        assert_eq!(meta.duration_ms, Some(83_500));
        assert_eq!(meta.position, Some((51.5367, -0.055)));
        // November is Greenwich Mean Time; in July London is an hour ahead.
        assert_eq!(
            local_time(time::macros::datetime!(2026-11-25 21:14:03 UTC)),
            Some(time::macros::datetime!(2026-11-25 21:14:03))
        );
        assert_eq!(
            local_time(time::macros::datetime!(2026-07-01 12:00 UTC)),
            Some(time::macros::datetime!(2026-07-01 13:00))
        );
    }

    #[test]
    fn a_clock_never_set_and_a_version_1_header_are_read_as_such() {
        let mut mvhd = vec![0u8; 100];
        mvhd[15] = 1; // timescale 1, duration 0, created 0
        assert_eq!(video_metadata(&boxed(b"mvhd", &mvhd)).created_at, None);
        let mut v1 = vec![1, 0, 0, 0];
        let made =
            (time::macros::datetime!(2025-06-01 08:00 UTC).unix_timestamp() + EPOCH_1904) as u64;
        v1.extend_from_slice(&made.to_be_bytes());
        v1.extend_from_slice(&made.to_be_bytes());
        v1.extend_from_slice(&600u32.to_be_bytes());
        v1.extend_from_slice(&6_000u64.to_be_bytes());
        let meta = video_metadata(&boxed(b"mvhd", &v1));
        assert_eq!(
            meta.created_at,
            Some(time::macros::datetime!(2025-06-01 08:00 UTC))
        );
        assert_eq!(meta.duration_ms, Some(10_000));
    }

    #[test]
    fn box_headers_and_iso_6709_positions() {
        assert_eq!(
            box_header(b"\0\0\0\x10moovrest"),
            Some(BoxHeader {
                kind: *b"moov",
                header_len: 8,
                size: Some(16)
            })
        );
        let mut large = vec![0, 0, 0, 1];
        large.extend_from_slice(b"mdat");
        large.extend_from_slice(&(5u64 << 32).to_be_bytes());
        assert_eq!(box_header(&large).and_then(|h| h.size), Some(5 << 32));
        assert_eq!(box_header(b"\0\0\0\0mdat").and_then(|h| h.size), None);
        assert_eq!(
            box_header(b"\0\0\0\x04moov"),
            None,
            "smaller than its header"
        );
        assert_eq!(box_header(b"\0\0"), None);
        assert_eq!(
            iso6709("+51.5367-000.0550+012.000/"),
            Some((51.5367, -0.055))
        );
        assert_eq!(iso6709("-33.8688+151.2093/"), Some((-33.8688, 151.2093)));
        assert_eq!(iso6709("+95.0+000.0/"), None, "off the earth");
        assert_eq!(iso6709("London"), None);
        assert_eq!(iso6709(""), None);
    }

    proptest! {
        /// Whatever the bytes, reading them never panics, and a position found is on the earth.
        #[test]
        fn any_bytes_are_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let meta = video_metadata(&bytes);
            if let Some((lat, lon)) = meta.position {
                prop_assert!(lat.abs() <= 90.0 && lon.abs() <= 180.0);
            }
            let _ = box_header(&bytes);
        }

        /// A real moov cut off anywhere still reads without panicking.
        #[test]
        fn a_cut_off_moov_reads_without_panicking(cut in 0usize..200) {
            let moov = phone_moov();
            let _ = video_metadata(&moov[..cut.min(moov.len())]);
        }

        #[test]
        fn iso6709_never_panics(text in "\\PC{0,40}") {
            let _ = iso6709(&text);
        }
    }
}
