//! Receiving evidence files: checked before the upload is acknowledged (size, type by content,
//! executables, scripts and archives refused with the reason), kept by SHA-256 in the blob
//! store as they arrive, their own metadata read (camera time, GPS position and its ward,
//! make and model), and every action on an item an entry in the audit chain under
//! `evidence:<id>`, its chain of custody.

use std::path::PathBuf;

use peel_core::audit::AuditCode;
use peel_core::evidence::{MediaKind, SNIFF_BYTES, TypeRefusal, detect, photo_metadata};
use peel_core::policy::Actor;
use peel_core::{ItemRef, WardCode};
use peel_store::blobs::{BlobError, Incoming, LocalBlobs};
use peel_store::{EvidenceItem, Submission};

use crate::Context;

/// Where evidence is kept, and how much.
#[derive(Debug, Clone)]
pub struct EvidenceSettings {
    /// The blob store's folder (`DATA_DIR/evidence` by default).
    pub dir: PathBuf,
    /// The largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// The most accepted for one submission, in bytes.
    pub max_submission_bytes: u64,
    /// ClamAV's `clamd` socket: when set, every file is scanned before it is acknowledged,
    /// and one that cannot be scanned is not taken.
    pub clamd_socket: Option<PathBuf>,
}

impl Default for EvidenceSettings {
    fn default() -> Self {
        EvidenceSettings {
            dir: std::env::temp_dir().join("peel-evidence"),
            max_file_bytes: 4 * 1024 * 1024 * 1024,
            max_submission_bytes: 16 * 1024 * 1024 * 1024,
            clamd_socket: None,
        }
    }
}

/// Why a file was not taken.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    /// Its type, told by its content.
    #[error(transparent)]
    Type(#[from] TypeRefusal),
    /// Larger than the limit for a file, or than what is left for the submission.
    #[error("the file is too large: at most {0} MB can be accepted here")]
    TooLarge(u64),
    /// Empty.
    #[error("the file is empty")]
    Empty,
    /// The virus scanner found malware: the file is quarantined, never on the report.
    #[error(
        "this file contains malware ({0}), so it has not been added to your report. If you did not know, your device may be infected: do not open the file again"
    )]
    Infected(String),
    /// The virus scanner could not be reached, so the file was not taken.
    #[error(
        "we could not check the file for viruses just now, so it was not added: try again in a few minutes"
    )]
    Unscanned,
    /// The disk or the store failed.
    #[error("could not keep the file")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<peel_store::StoreError> for EvidenceError {
    fn from(error: peel_store::StoreError) -> Self {
        EvidenceError::Internal(Box::new(error))
    }
}

/// A file arriving in chunks for a submission: its type is judged from the first bytes before
/// anything is kept.
pub struct Upload<'a> {
    ctx: &'a Context,
    head: Vec<u8>,
    /// What the first bytes say it is, once they are judged.
    media: Option<peel_core::evidence::MediaType>,
    incoming: Option<Incoming>,
    limit: u64,
}

fn blobs(ctx: &Context) -> LocalBlobs {
    LocalBlobs::new(ctx.settings().evidence.dir.clone())
}

fn store_error(error: BlobError, limit: u64) -> EvidenceError {
    match error {
        BlobError::TooLarge(_) => EvidenceError::TooLarge(limit / (1024 * 1024)),
        other => EvidenceError::Internal(Box::new(other)),
    }
}

/// Starts receiving a file for `submission`, within what is left of its limit.
pub async fn begin<'a>(
    ctx: &'a Context,
    submission: &Submission,
) -> Result<Upload<'a>, EvidenceError> {
    let settings = &ctx.settings().evidence;
    let held: u64 = ctx
        .store()
        .evidence_of(submission.id)
        .await?
        .iter()
        .map(|i| i.size)
        .sum();
    let limit = settings
        .max_file_bytes
        .min(settings.max_submission_bytes.saturating_sub(held));
    Ok(Upload {
        ctx,
        head: Vec::new(),
        media: None,
        incoming: None,
        limit,
    })
}

impl Upload<'_> {
    /// Takes the next chunk; the first bytes decide whether the file is taken at all.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), EvidenceError> {
        if let Some(incoming) = self.incoming.as_mut() {
            return incoming
                .write(chunk)
                .await
                .map_err(|e| store_error(e, self.limit));
        }
        self.head.extend_from_slice(chunk);
        if self.head.len() >= SNIFF_BYTES {
            self.start().await?;
        }
        Ok(())
    }

    async fn start(&mut self) -> Result<(), EvidenceError> {
        self.media = Some(detect(&self.head)?);
        let mut incoming = blobs(self.ctx)
            .begin(self.limit)
            .await
            .map_err(|e| store_error(e, self.limit))?;
        incoming
            .write(&self.head)
            .await
            .map_err(|e| store_error(e, self.limit))?;
        self.incoming = Some(incoming);
        Ok(())
    }

    /// Finishes the file: kept by its hash, its metadata read, the item recorded on the
    /// submission with its custody entry.
    pub async fn finish(
        mut self,
        actor: &Actor,
        submission: &Submission,
        original_name: &str,
    ) -> Result<EvidenceItem, EvidenceError> {
        if self.incoming.is_none() {
            if self.head.is_empty() {
                return Err(EvidenceError::Empty);
            }
            self.start().await?;
        }
        let (Some(media), Some(incoming)) = (self.media.take(), self.incoming.take()) else {
            return Err(EvidenceError::Empty);
        };
        let kept = incoming
            .finish()
            .await
            .map_err(|e| store_error(e, self.limit))?;
        let ctx = self.ctx;
        if let Some(socket) = ctx.settings().evidence.clamd_socket.as_deref() {
            let path = blobs(ctx)
                .path(&kept.sha256)
                .ok_or_else(|| EvidenceError::Internal("not a SHA-256".into()))?;
            match scan(socket, &path).await {
                Ok(None) => {}
                Ok(Some(signature)) => {
                    quarantine(ctx, &kept.sha256, &path).await;
                    return Err(EvidenceError::Infected(signature));
                }
                Err(error) => {
                    tracing::error!(%error, "clamd could not scan an evidence file");
                    if !kept.duplicate {
                        let _ = tokio::fs::remove_file(&path).await;
                    }
                    return Err(EvidenceError::Unscanned);
                }
            }
        }
        let meta = if media.kind == MediaKind::Image {
            let head = blobs(ctx)
                .head(&kept.sha256, 4 * 1024 * 1024)
                .await
                .map_err(|e| store_error(e, self.limit))?;
            photo_metadata(&head)
        } else {
            peel_core::evidence::PhotoMetadata::default()
        };
        let ward = meta.position.and_then(|(lat, lon)| {
            let gazetteer = ctx.gazetteer()?;
            match gazetteer.point(lat, lon) {
                peel_geo::PointLookup::InWard(hit) => WardCode::parse(&hit.ward.code).ok(),
                peel_geo::PointLookup::OutsideForceArea => None,
            }
        });
        let camera = match (&meta.make, &meta.model) {
            (Some(make), Some(model)) => Some(format!("{make} {model}")),
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        };
        let name: String = original_name
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
            .take(200)
            .collect();
        let item = EvidenceItem {
            id: uuid::Uuid::now_v7(),
            submission_id: submission.id,
            sha256: kept.sha256.clone(),
            size: kept.size,
            mime: media.mime.clone(),
            kind: media.kind,
            original_name: if name.is_empty() {
                "unnamed".to_owned()
            } else {
                name
            },
            received_at: ctx.now(),
            submitted_by: actor.reference(),
            taken_at: meta.taken_at,
            position: meta.position,
            ward,
            camera,
        };
        let same = ctx.store().evidence_with_hash(&kept.sha256).await?;
        let mut detail = format!(
            "received for {}: sha256 {}, {} bytes, {} (by content)",
            submission.reference, kept.sha256, kept.size, media.mime
        );
        if !same.is_empty() {
            detail.push_str(&format!(
                "; the same file is held for {} other item(s)",
                same.len()
            ));
        }
        let event = ctx.event(
            actor,
            AuditCode::EvidenceReceived,
            format!("evidence:{}", item.id),
            detail,
        );
        ctx.store().add_evidence(&item, event).await?;
        Ok(item)
    }
}

/// Asks `clamd` over its socket (the INSTREAM command) whether the file holds malware: the
/// signature's name when it does.
pub async fn scan(
    socket: &std::path::Path,
    file: &std::path::Path,
) -> Result<Option<String>, std::io::Error> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut clamd = tokio::net::UnixStream::connect(socket).await?;
    clamd.write_all(b"zINSTREAM\0").await?;
    let mut source = tokio::fs::File::open(file).await?;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = source.read(&mut buffer).await?;
        if n == 0 {
            break;
        }
        let length = u32::try_from(n).map_err(std::io::Error::other)?;
        clamd.write_all(&length.to_be_bytes()).await?;
        clamd.write_all(buffer.get(..n).unwrap_or_default()).await?;
    }
    clamd.write_all(&0u32.to_be_bytes()).await?;
    let mut reply = Vec::new();
    clamd.read_to_end(&mut reply).await?;
    let reply = String::from_utf8_lossy(&reply)
        .trim_end_matches('\0')
        .trim()
        .to_owned();
    match reply.strip_prefix("stream: ") {
        Some("OK") => Ok(None),
        Some(found) if found.ends_with(" FOUND") => {
            Ok(Some(found.trim_end_matches(" FOUND").to_owned()))
        }
        _ => Err(std::io::Error::other(format!("clamd answered {reply:?}"))),
    }
}

/// Moves an infected file out of the store, to `DIR/quarantine/`, for the security team.
async fn quarantine(ctx: &Context, sha256: &str, path: &std::path::Path) {
    let quarantine = ctx.settings().evidence.dir.join("quarantine");
    let moved = async {
        tokio::fs::create_dir_all(&quarantine).await?;
        tokio::fs::rename(path, quarantine.join(sha256)).await
    };
    if let Err(error) = moved.await {
        tracing::error!(%error, sha256, "could not quarantine an infected file");
    }
}

/// Records a refusal at receipt (the reason, never the file), for the security log.
pub async fn refused(ctx: &Context, actor: &Actor, submission: &Submission, why: &EvidenceError) {
    let event = ctx.event(
        actor,
        AuditCode::EvidenceRefused,
        ItemRef::Submission(submission.id),
        format!("a file for {} was refused: {why}", submission.reference),
    );
    if let Err(error) = ctx.record(event).await {
        tracing::error!(%error, "could not record an evidence refusal");
    }
}

/// The items on a submission the actor may read (the caller has authorised the submission).
pub async fn items(
    ctx: &Context,
    submission: &Submission,
) -> Result<Vec<EvidenceItem>, EvidenceError> {
    Ok(ctx.store().evidence_of(submission.id).await?)
}

/// The path of an item's file, for a download the caller has authorised; the download is
/// recorded in the item's custody.
pub async fn download(
    ctx: &Context,
    actor: &Actor,
    item: &EvidenceItem,
) -> Result<PathBuf, EvidenceError> {
    let path = blobs(ctx)
        .path(&item.sha256)
        .ok_or_else(|| EvidenceError::Internal("not a SHA-256".into()))?;
    let event = ctx.event(
        actor,
        AuditCode::EvidenceDownloaded,
        format!("evidence:{}", item.id),
        format!("downloaded: sha256 {}", item.sha256),
    );
    ctx.record(event).await?;
    Ok(path)
}
