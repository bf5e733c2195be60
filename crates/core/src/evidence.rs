//! Evidence files from the public and from staff: what a file is, told by its content and never
//! by its name (executables, scripts and archives refused, with the reason), and what its own
//! metadata says (camera time, GPS position, make and model) beside what the uploader said.
//! Pure: the bytes are given; storing and scanning are the application's.

use time::PrimitiveDateTime;

pub mod video;

/// What a file is, by its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType {
    /// The MIME type detected (`image/jpeg`).
    pub mime: String,
    /// The broad kind.
    pub kind: MediaKind,
}

crate::slug::slug_enum! {
    /// The broad kind of an accepted file.
    pub enum MediaKind {
        /// A photograph or other image.
        Image = ("image", "Image"),
        /// A video (a phone's, a doorbell camera's, a dashcam's).
        Video = ("video", "Video"),
        /// A sound recording.
        Audio = ("audio", "Audio"),
        /// A document (PDF).
        Document = ("document", "Document"),
        /// Plain text (a copied message, a log).
        Text = ("text", "Text"),
    }
}

/// Why a file was refused by its type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TypeRefusal {
    /// A program (whatever its name says).
    #[error(
        "this file is a program ({0}), which we cannot accept: send the photo, video or document itself"
    )]
    Executable(String),
    /// A script or a web page, which could run when opened.
    #[error(
        "this file is a script or web page ({0}), which we cannot accept: send a screenshot instead"
    )]
    Script(String),
    /// An archive, whose contents cannot be checked.
    #[error(
        "this file is an archive ({0}), which we cannot accept: send the files in it one by one"
    )]
    Archive(String),
    /// Nothing we can recognise.
    #[error(
        "we could not tell what kind of file this is: send photos, videos, sound recordings, PDFs or plain text"
    )]
    Unknown,
}

/// How many leading bytes [`detect`] needs.
pub const SNIFF_BYTES: usize = 8_192;

/// What the file is, from its first bytes ([`SNIFF_BYTES`] are enough).
pub fn detect(head: &[u8]) -> Result<MediaType, TypeRefusal> {
    if let Some(found) = infer::get(head) {
        let mime = found.mime_type().to_owned();
        let accepted = |kind| {
            Ok(MediaType {
                mime: mime.clone(),
                kind,
            })
        };
        return match found.matcher_type() {
            infer::MatcherType::Image => accepted(MediaKind::Image),
            infer::MatcherType::Video => accepted(MediaKind::Video),
            infer::MatcherType::Audio => accepted(MediaKind::Audio),
            infer::MatcherType::App => Err(TypeRefusal::Executable(mime)),
            infer::MatcherType::Archive if mime == "application/pdf" => {
                accepted(MediaKind::Document)
            }
            infer::MatcherType::Archive => Err(TypeRefusal::Archive(mime)),
            infer::MatcherType::Doc if mime == "application/pdf" => accepted(MediaKind::Document),
            infer::MatcherType::Text => Err(TypeRefusal::Script(mime)),
            _ => Err(TypeRefusal::Unknown),
        };
    }
    // Text: valid UTF-8 (a cut-off last character allowed) with no NUL, and not a script.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or_default()
        }
        Err(_) => return Err(TypeRefusal::Unknown),
    };
    if text.is_empty() || text.contains('\0') {
        return Err(TypeRefusal::Unknown);
    }
    let start = text.trim_start().to_ascii_lowercase();
    if start.starts_with("#!")
        || start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<script")
        || start.starts_with("<svg")
        || start.starts_with("<?php")
        || start.starts_with("<?xml")
    {
        return Err(TypeRefusal::Script("text/x-script".to_owned()));
    }
    Ok(MediaType {
        mime: "text/plain".to_owned(),
        kind: MediaKind::Text,
    })
}

/// What a photograph's own metadata says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhotoMetadata {
    /// When the camera says it was taken (its clock, with no time zone).
    pub taken_at: Option<PrimitiveDateTime>,
    /// Where (latitude, longitude), if the camera recorded it.
    pub position: Option<(f64, f64)>,
    /// The camera's make.
    pub make: Option<String>,
    /// The camera's model.
    pub model: Option<String>,
}

fn ascii(field: &exif::Field) -> Option<String> {
    match &field.value {
        exif::Value::Ascii(parts) => parts
            .first()
            .map(|p| String::from_utf8_lossy(p).trim().to_owned())
            .filter(|s| !s.is_empty()),
        _ => None,
    }
}

fn degrees(field: &exif::Field) -> Option<f64> {
    match &field.value {
        exif::Value::Rational(parts) if parts.len() == 3 => {
            let part = |i: usize| parts.get(i).map(exif::Rational::to_f64);
            Some(part(0)? + part(1)? / 60.0 + part(2)? / 3600.0)
        }
        _ => None,
    }
}

/// The EXIF metadata of an image (JPEG, TIFF, HEIF, PNG, WebP), from its bytes; empty when
/// there is none or it cannot be read. A position outside the range of the earth is left out.
pub fn photo_metadata(bytes: &[u8]) -> PhotoMetadata {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes)) else {
        return PhotoMetadata::default();
    };
    let get = |tag| exif.get_field(tag, exif::In::PRIMARY);
    let taken_at = get(exif::Tag::DateTimeOriginal)
        .or_else(|| get(exif::Tag::DateTime))
        .and_then(|f| match &f.value {
            exif::Value::Ascii(parts) => parts
                .first()
                .and_then(|p| exif::DateTime::from_ascii(p).ok()),
            _ => None,
        })
        .and_then(|d| {
            let date = time::Date::from_calendar_date(
                i32::from(d.year),
                time::Month::try_from(d.month).ok()?,
                d.day,
            )
            .ok()?;
            let clock = time::Time::from_hms(d.hour, d.minute, d.second).ok()?;
            Some(PrimitiveDateTime::new(date, clock))
        });
    let signed = |value: Option<f64>, reference: Option<&exif::Field>, negative: &str| {
        let value = value?;
        let flip = reference
            .and_then(ascii)
            .is_some_and(|r| r.eq_ignore_ascii_case(negative));
        Some(if flip { -value } else { value })
    };
    let latitude = signed(
        get(exif::Tag::GPSLatitude).and_then(degrees),
        get(exif::Tag::GPSLatitudeRef),
        "S",
    );
    let longitude = signed(
        get(exif::Tag::GPSLongitude).and_then(degrees),
        get(exif::Tag::GPSLongitudeRef),
        "W",
    );
    let position = latitude.zip(longitude).filter(|(lat, lon)| {
        lat.abs() <= 90.0 && lon.abs() <= 180.0 && lat.is_finite() && lon.is_finite()
    });
    PhotoMetadata {
        taken_at,
        position,
        make: get(exif::Tag::Make).and_then(ascii),
        model: get(exif::Tag::Model).and_then(ascii),
    }
}

#[cfg(test)]
mod tests;
