use super::*;
use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};

/// A JPEG carrying the given EXIF fields, made with kamadak-exif's writer.
fn jpeg_with(fields: &[Field]) -> Vec<u8> {
    let mut writer = Writer::new();
    for field in fields {
        writer.push_field(field);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    let tiff = tiff.into_inner();
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    let length = u16::try_from(tiff.len() + 8).unwrap();
    jpeg.extend_from_slice(&length.to_be_bytes());
    jpeg.extend_from_slice(b"Exif\0\0");
    jpeg.extend_from_slice(&tiff);
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

fn ascii(tag: Tag, text: &str) -> Field {
    Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![text.as_bytes().to_vec()]),
    }
}

fn rational(tag: Tag, parts: [(u32, u32); 3]) -> Field {
    Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Rational(parts.iter().map(|&(n, d)| Rational::from((n, d))).collect()),
    }
}

/// A doorbell camera's still: Ring, 21:14:03 on 25 November 2026, at 51°32'12" N 0°03'18" W
/// (Hackney).
pub(crate) fn doorbell_still() -> Vec<u8> {
    jpeg_with(&[
        ascii(Tag::Make, "Ring"),
        ascii(Tag::Model, "Video Doorbell 4"),
        ascii(Tag::DateTimeOriginal, "2026:11:25 21:14:03"),
        ascii(Tag::GPSLatitudeRef, "N"),
        rational(Tag::GPSLatitude, [(51, 1), (32, 1), (12, 1)]),
        ascii(Tag::GPSLongitudeRef, "W"),
        rational(Tag::GPSLongitude, [(0, 1), (3, 1), (18, 1)]),
    ])
}

#[test]
fn a_photo_is_an_image_and_its_camera_time_place_and_make_are_read() {
    let still = doorbell_still();
    let media = detect(&still).unwrap();
    assert_eq!(media.mime, "image/jpeg");
    assert_eq!(media.kind, MediaKind::Image);
    let meta = photo_metadata(&still);
    assert_eq!(meta.make.as_deref(), Some("Ring"));
    assert_eq!(meta.model.as_deref(), Some("Video Doorbell 4"));
    assert_eq!(
        meta.taken_at,
        Some(time::macros::datetime!(2026-11-25 21:14:03))
    );
    let (lat, lon) = meta.position.unwrap();
    assert!((lat - 51.536_667).abs() < 1e-5, "{lat}");
    assert!((lon + 0.055).abs() < 1e-5, "{lon}");
}

#[test]
fn a_file_is_judged_by_its_content_not_its_name() {
    // A Windows program, an ELF binary, a ZIP archive, a shell script, a web page.
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    assert!(matches!(detect(&exe), Err(TypeRefusal::Executable(_))));
    let mut elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    elf.resize(64, 0);
    assert!(matches!(detect(&elf), Err(TypeRefusal::Executable(_))));
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    assert!(matches!(detect(&zip), Err(TypeRefusal::Archive(_))));
    assert!(matches!(
        detect(b"#!/bin/sh\nrm -rf /\n"),
        Err(TypeRefusal::Script(_))
    ));
    assert!(matches!(
        detect(b"  <!DOCTYPE html><script>alert(1)</script>"),
        Err(TypeRefusal::Script(_))
    ));
    assert!(detect(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").is_ok_and(|m| m.kind == MediaKind::Document));
    let text = detect("He said: \u{201c}I know where you live\u{201d}".as_bytes()).unwrap();
    assert_eq!(text.kind, MediaKind::Text);
    assert_eq!(detect(&[0, 1, 2, 3, 0xfe]), Err(TypeRefusal::Unknown));
    assert!(
        TypeRefusal::Executable("x".into())
            .to_string()
            .contains("program")
    );
}

#[test]
fn an_image_without_metadata_or_with_a_position_off_the_earth_gives_nothing_false() {
    assert_eq!(
        photo_metadata(&[0xFF, 0xD8, 0xFF, 0xD9]),
        PhotoMetadata::default()
    );
    let off = jpeg_with(&[
        ascii(Tag::GPSLatitudeRef, "N"),
        rational(Tag::GPSLatitude, [(95, 1), (0, 1), (0, 1)]),
        ascii(Tag::GPSLongitudeRef, "E"),
        rational(Tag::GPSLongitude, [(0, 1), (0, 1), (0, 1)]),
    ]);
    assert_eq!(photo_metadata(&off).position, None);
}

proptest::proptest! {
    #[test]
    fn any_bytes_are_judged_without_panicking(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
        let _ = detect(&bytes);
        let _ = photo_metadata(&bytes);
    }
}
