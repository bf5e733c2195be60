//! What Peel makes of a photograph: a thumbnail drawn afresh (re-encoded as a JPEG from its
//! pixels, so no EXIF, GPS or other metadata of the original survives into it), and a
//! perceptual hash that stays nearly the same when the same picture is re-encoded, resized or
//! screenshotted (the same doorbell frame sent by three neighbours).
//!
//! The hash is the difference hash (dHash): the picture in grey at 9 by 8, each bit whether a
//! pixel is brighter than its right-hand neighbour. It is a dozen lines over the `image` crate,
//! so it is written here rather than bringing in a hashing crate and its DCT dependencies.

use image::imageops::FilterType;
use image::{DynamicImage, GenericImageView, ImageReader, Limits};

/// The longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 320;

/// Pictures whose difference hashes differ in at most this many of their 64 bits are taken
/// for the same picture.
pub const NEAR: u32 = 6;

/// A picture's thumbnail and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// A JPEG at most [`THUMBNAIL_SIDE`] on its longer side, with no metadata.
    pub thumbnail: Vec<u8>,
    /// The difference hash.
    pub dhash: u64,
}

/// Decodes a JPEG or PNG within bounded memory (a decompression bomb is refused, not
/// decoded); `None` for anything else or anything broken.
fn decode(bytes: &[u8]) -> Option<DynamicImage> {
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().ok()
}

/// The difference hash of a decoded picture.
pub fn dhash(picture: &DynamicImage) -> u64 {
    let small = picture.resize_exact(9, 8, FilterType::Triangle).to_luma8();
    let mut hash = 0u64;
    for y in 0..8 {
        for x in 0..8 {
            let left = small.get_pixel(x, y).0[0];
            let right = small.get_pixel(x + 1, y).0[0];
            hash = (hash << 1) | u64::from(left > right);
        }
    }
    hash
}

/// How many bits two hashes differ in.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// The thumbnail and hash of a photograph's bytes; `None` when they are not a picture that
/// can be decoded.
pub fn picture(bytes: &[u8]) -> Option<Picture> {
    let decoded = decode(bytes)?;
    let (width, height) = decoded.dimensions();
    if width == 0 || height == 0 {
        return None;
    }
    let small = decoded.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE).to_rgb8();
    let mut thumbnail = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut thumbnail, 80)
        .encode_image(&small)
        .ok()?;
    Some(Picture {
        thumbnail,
        dhash: dhash(&decoded),
    })
}

/// An area to black out, in the original's pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    /// From the left edge.
    pub left: u32,
    /// From the top edge.
    pub top: u32,
    /// How wide.
    pub width: u32,
    /// How high.
    pub height: u32,
}

/// A redacted copy of a photograph: the areas blacked out (clipped to the picture), drawn
/// afresh as a JPEG at full size, so none of the original's metadata survives either.
pub fn redacted(bytes: &[u8], areas: &[Area]) -> Option<Vec<u8>> {
    let mut picture = decode(bytes)?.to_rgb8();
    let (width, height) = picture.dimensions();
    for area in areas {
        let right = area.left.saturating_add(area.width).min(width);
        let bottom = area.top.saturating_add(area.height).min(height);
        for y in area.top.min(height)..bottom {
            for x in area.left.min(width)..right {
                picture.put_pixel(x, y, image::Rgb([0, 0, 0]));
            }
        }
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&picture)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    /// A street scene of sorts: a gradient sky, a dark car, a lit window.
    fn scene(width: u32, height: u32, shift: u8) -> DynamicImage {
        DynamicImage::ImageRgb8(ImageBuffer::from_fn(width, height, |x, y| {
            let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
            if (0.2..0.6).contains(&fx) && (0.55..0.8).contains(&fy) {
                Rgb([20, 20, 30])
            } else if (0.7..0.85).contains(&fx) && (0.2..0.35).contains(&fy) {
                Rgb([250, 230, 120])
            } else {
                let v = (fy * 200.0) as u8;
                Rgb([v.saturating_add(shift), v, 255 - v])
            }
        }))
    }

    fn jpeg(picture: &DynamicImage, quality: u8) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(&picture.to_rgb8())
            .unwrap();
        out
    }

    #[test]
    fn the_same_picture_re_encoded_and_resized_hashes_nearly_the_same_and_another_does_not() {
        let original = picture(&jpeg(&scene(1280, 720, 0), 92)).unwrap();
        let resent = picture(&jpeg(
            &scene(1280, 720, 0).resize(800, 450, FilterType::Triangle),
            55,
        ))
        .unwrap();
        assert!(
            distance(original.dhash, resent.dhash) <= NEAR,
            "{}",
            distance(original.dhash, resent.dhash)
        );
        let other = DynamicImage::ImageRgb8(ImageBuffer::from_fn(1280, 720, |x, y| {
            Rgb([
                ((x * 7) % 256) as u8,
                ((y * 3) % 256) as u8,
                ((x + y) % 256) as u8,
            ])
        }));
        let other = picture(&jpeg(&other, 92)).unwrap();
        assert!(distance(original.dhash, other.dhash) > NEAR);
    }

    #[test]
    fn a_thumbnail_is_small_and_carries_no_metadata() {
        // A JPEG with an EXIF segment holding a GPS-looking marker.
        let plain = jpeg(&scene(1600, 1200, 0), 90);
        let mut with_exif = plain[..2].to_vec();
        let exif = b"Exif\0\0GPS 51.5367 -0.0550";
        with_exif.extend_from_slice(&[0xFF, 0xE1]);
        with_exif.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
        with_exif.extend_from_slice(exif);
        with_exif.extend_from_slice(&plain[2..]);
        let made = picture(&with_exif).unwrap();
        let thumbnail = image::load_from_memory(&made.thumbnail).unwrap();
        assert_eq!(thumbnail.dimensions(), (320, 240));
        let marker = |bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(marker(&with_exif, b"Exif"));
        assert!(!marker(&made.thumbnail, b"Exif"));
        assert!(!marker(&made.thumbnail, b"GPS"));
    }

    #[test]
    fn a_redacted_copy_is_black_where_asked_and_keeps_the_rest() {
        let original = jpeg(&scene(400, 300, 0), 95);
        let area = Area {
            left: 300,
            top: 20,
            width: 500,
            height: 40,
        };
        let copy = redacted(&original, &[area]).unwrap();
        let copy = image::load_from_memory(&copy).unwrap().to_rgb8();
        assert_eq!(copy.dimensions(), (400, 300));
        let p = copy.get_pixel(350, 40).0;
        assert!(p.iter().all(|&c| c < 16), "blacked out: {p:?}");
        let sky = copy.get_pixel(100, 40).0;
        assert!(sky[2] > 150, "the rest kept: {sky:?}");
        assert_eq!(redacted(b"not a picture", &[area]), None);
    }

    #[test]
    fn what_is_not_a_picture_gives_none() {
        assert_eq!(picture(b"not a picture"), None);
        assert_eq!(picture(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), None);
    }
}
