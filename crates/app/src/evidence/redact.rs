//! Redacted copies: an officer working a report blacks out areas of a photograph (a bystander's
//! face, a house number) for disclosure. The copy is a new item derived from the original,
//! drawn afresh so none of the original's metadata survives, checked and kept as any file is;
//! the original is kept unchanged, and its custody records the copy.

use peel_core::audit::AuditCode;
use peel_core::evidence::{MediaKind, MediaType};
use peel_core::policy::{Action, Actor};
use peel_store::EvidenceItem;
use tokio::io::AsyncReadExt;

use super::picture::{self, Area};
use super::{EvidenceError, attach, blob_error, inspect};
use crate::{Context, ServiceError, ServiceResult};

/// The largest photograph redacted.
const MOST: u64 = 64 * 1024 * 1024;

/// The most areas one copy blacks out.
const MOST_AREAS: usize = 50;

/// Reads areas as the officer writes them: one a line, `left, top, width, height` in pixels.
pub fn areas(text: &str) -> Result<Vec<Area>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let numbers: Vec<u32> = line
            .split([',', ' '])
            .filter(|p| !p.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| format!("Line {} is not four whole numbers", n + 1))?;
        let [left, top, width, height] = numbers[..] else {
            return Err(format!(
                "Line {} needs four numbers: left, top, width, height",
                n + 1
            ));
        };
        if width == 0 || height == 0 {
            return Err(format!("Line {} has no width or no height", n + 1));
        }
        out.push(Area {
            left,
            top,
            width,
            height,
        });
    }
    if out.is_empty() {
        return Err("Give at least one area to black out: left, top, width, height".into());
    }
    if out.len() > MOST_AREAS {
        return Err(format!("Give at most {MOST_AREAS} areas"));
    }
    Ok(out)
}

fn internal(error: EvidenceError) -> ServiceError {
    match error {
        EvidenceError::Internal(cause) => ServiceError::Store(peel_store::StoreError::Config(
            format!("could not keep the redacted copy: {cause}"),
        )),
        other => ServiceError::invalid("areas", other.to_string()),
    }
}

/// Makes a redacted copy of photograph `id` for the officer working its report.
pub async fn redact(
    ctx: &Context,
    actor: &Actor,
    id: uuid::Uuid,
    text: &str,
) -> ServiceResult<EvidenceItem> {
    let original = ctx
        .store()
        .evidence_item(id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let submission =
        crate::submissions::for_change(ctx, actor, original.submission_id, Action::AddNote).await?;
    let wanted = areas(text).map_err(|message| ServiceError::invalid("areas", message))?;
    if original.kind != MediaKind::Image || original.size > MOST {
        return Err(ServiceError::invalid(
            "areas",
            "Only photographs (JPEG or PNG, up to 64 MB) can be redacted here",
        ));
    }
    let settings = &ctx.settings().evidence;
    let mut bytes = Vec::new();
    settings
        .blobs
        .open(&original.sha256)
        .await
        .map_err(|e| internal(blob_error(e, MOST)))?
        .take(MOST)
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| internal(EvidenceError::Internal(Box::new(e))))?;
    let copy = tokio::task::spawn_blocking(move || picture::redacted(&bytes, &wanted))
        .await
        .ok()
        .flatten()
        .ok_or_else(|| {
            ServiceError::invalid("areas", "This photograph could not be read to redact it")
        })?;
    let staged = settings
        .spool()
        .take(copy.as_slice(), MOST)
        .await
        .map_err(|e| internal(blob_error(e, MOST)))?;
    let media = MediaType {
        mime: "image/jpeg".to_owned(),
        kind: MediaKind::Image,
    };
    let mut checked = inspect(ctx, staged, media).await.map_err(internal)?;
    checked.derived_from = Some(original.id);
    let stem = original
        .original_name
        .rsplit_once('.')
        .map_or(original.original_name.as_str(), |(stem, _)| stem);
    let name = format!("{stem} (redacted).jpg");
    let item = attach(ctx, actor, &submission, checked, &name)
        .await
        .map_err(internal)?;
    ctx.record(ctx.event(
        actor,
        AuditCode::EvidenceRedacted,
        format!("evidence:{}", original.id),
        format!(
            "redacted copy made as evidence:{} (sha256 {}); the original, sha256 {}, is kept",
            item.id, item.sha256, original.sha256
        ),
    ))
    .await?;
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::areas;

    #[test]
    fn areas_are_read_one_a_line_and_bad_ones_said_plainly() {
        let read = areas("10, 20, 30, 40\n\n5 6 7 8").unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!((read[1].left, read[1].height), (5, 8));
        assert!(areas("").unwrap_err().contains("at least one"));
        assert!(areas("1, 2, 3").unwrap_err().contains("four numbers"));
        assert!(areas("a, b, c, d").unwrap_err().contains("whole numbers"));
        assert!(areas("1, 2, 0, 4").unwrap_err().contains("no width"));
    }
}
