//! Receiving evidence files: checked before the upload is acknowledged (size, type by content,
//! executables, scripts and archives refused with the reason, malware scanned for), kept by
//! SHA-256 in the blob store, their own metadata read (camera time, GPS position and its ward,
//! make and model), and every action on an item an entry in the audit chain under
//! `evidence:<id>`, its chain of custody.
//!
//! A file goes through three steps, so that each way in (a form, the API, a resumable upload)
//! shares them: [`receive`] spools it as it arrives, judging its type from the first bytes;
//! [`Receiving::check`] (or [`check_file`] for a file already whole) scans it and reads its
//! metadata; [`attach`] keeps it in the store and records it on a submission.

mod clamd;
pub mod custody;
pub mod picture;
pub mod redact;
pub mod request;
pub mod resumable;
pub mod review;

use std::path::PathBuf;
use std::sync::Arc;

use peel_core::audit::AuditCode;
use peel_core::evidence::{
    MediaKind, MediaType, PhotoMetadata, SNIFF_BYTES, TypeRefusal, detect, photo_metadata, video,
};
use peel_core::policy::Actor;
use peel_core::{ItemRef, WardCode};
use peel_store::blobs::{BlobError, BlobReader, Blobs, Incoming, LocalBlobs, Spool, Staged};
use peel_store::{EvidenceItem, Submission};

use crate::Context;

pub use clamd::scan;

/// Where evidence is kept, and how much.
#[derive(Debug, Clone)]
pub struct EvidenceSettings {
    /// The evidence folder (`DATA_DIR/evidence`): files arriving are spooled in `incoming/`,
    /// resumable uploads grow in `uploads/`, infected files go to `quarantine/`; on the default
    /// local store, kept files are here too.
    pub dir: PathBuf,
    /// Where checked files are kept, by content: local disk or S3-compatible storage.
    pub blobs: Blobs,
    /// The largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// The most accepted for one submission, in bytes.
    pub max_submission_bytes: u64,
    /// ClamAV's `clamd` socket: when set, every file is scanned before it is acknowledged,
    /// and one that cannot be scanned is not taken.
    pub clamd_socket: Option<PathBuf>,
}

impl EvidenceSettings {
    /// Files kept on local disk under `dir`, with the default limits.
    pub fn local(dir: PathBuf) -> EvidenceSettings {
        EvidenceSettings {
            blobs: Arc::new(LocalBlobs::new(dir.clone())),
            dir,
            max_file_bytes: 4 * 1024 * 1024 * 1024,
            max_submission_bytes: 16 * 1024 * 1024 * 1024,
            clamd_socket: None,
        }
    }

    /// The spool files arrive in.
    pub fn spool(&self) -> Spool {
        Spool::new(self.dir.join("incoming"))
    }
}

impl Default for EvidenceSettings {
    fn default() -> Self {
        EvidenceSettings::local(std::env::temp_dir().join("peel-evidence"))
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

pub(crate) fn blob_error(error: BlobError, limit: u64) -> EvidenceError {
    match error {
        BlobError::TooLarge(_) => EvidenceError::TooLarge(limit / (1024 * 1024)),
        other => EvidenceError::Internal(Box::new(other)),
    }
}

/// A file arriving in chunks: its type is judged from the first bytes before anything is kept.
pub struct Receiving<'a> {
    ctx: &'a Context,
    head: Vec<u8>,
    /// What the first bytes say it is, once they are judged.
    media: Option<MediaType>,
    incoming: Option<Incoming>,
    limit: u64,
}

/// A whole file, checked (type, malware, metadata), not yet on a submission.
#[derive(Debug)]
pub struct Checked {
    staged: Staged,
    media: MediaType,
    meta: PhotoMetadata,
    /// A video's length, as it says.
    duration_ms: Option<u64>,
    /// A photograph's thumbnail and perceptual hash.
    picture: Option<picture::Picture>,
    /// The item this is a redacted copy of.
    derived_from: Option<uuid::Uuid>,
}

impl Checked {
    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.staged.size()
    }

    /// Drops it from the spool.
    pub async fn discard(self) {
        self.staged.discard().await;
    }
}

/// How much more `submission` may hold: the per-file limit, or what is left of the
/// submission's.
pub async fn room(ctx: &Context, submission: &Submission) -> Result<u64, EvidenceError> {
    let settings = &ctx.settings().evidence;
    let held: u64 = ctx
        .store()
        .evidence_of(submission.id)
        .await?
        .iter()
        .map(|i| i.size)
        .sum();
    Ok(settings
        .max_file_bytes
        .min(settings.max_submission_bytes.saturating_sub(held)))
}

/// Starts receiving a file of at most `limit` bytes.
pub fn receive(ctx: &Context, limit: u64) -> Receiving<'_> {
    Receiving {
        ctx,
        head: Vec::new(),
        media: None,
        incoming: None,
        limit,
    }
}

/// Starts receiving a file for `submission`, within what is left of its limit.
pub async fn begin<'a>(
    ctx: &'a Context,
    submission: &Submission,
) -> Result<Receiving<'a>, EvidenceError> {
    Ok(receive(ctx, room(ctx, submission).await?))
}

impl Receiving<'_> {
    /// Takes the next chunk; the first bytes decide whether the file is taken at all.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), EvidenceError> {
        if let Some(incoming) = self.incoming.as_mut() {
            return incoming
                .write(chunk)
                .await
                .map_err(|e| blob_error(e, self.limit));
        }
        self.head.extend_from_slice(chunk);
        if self.head.len() >= SNIFF_BYTES {
            self.start().await?;
        }
        Ok(())
    }

    async fn start(&mut self) -> Result<(), EvidenceError> {
        self.media = Some(detect(&self.head)?);
        let mut incoming = self
            .ctx
            .settings()
            .evidence
            .spool()
            .begin(self.limit)
            .await
            .map_err(|e| blob_error(e, self.limit))?;
        incoming
            .write(&self.head)
            .await
            .map_err(|e| blob_error(e, self.limit))?;
        self.incoming = Some(incoming);
        Ok(())
    }

    /// The whole file, scanned and its metadata read.
    pub async fn check(mut self) -> Result<Checked, EvidenceError> {
        if self.incoming.is_none() {
            if self.head.is_empty() {
                return Err(EvidenceError::Empty);
            }
            self.start().await?;
        }
        let (Some(media), Some(incoming)) = (self.media.take(), self.incoming.take()) else {
            return Err(EvidenceError::Empty);
        };
        let staged = incoming
            .finish()
            .await
            .map_err(|e| blob_error(e, self.limit))?;
        inspect(self.ctx, staged, media).await
    }

    /// Checks the whole file and puts it on `submission` (see [`attach`]).
    pub async fn finish(
        self,
        actor: &Actor,
        submission: &Submission,
        original_name: &str,
    ) -> Result<EvidenceItem, EvidenceError> {
        let ctx = self.ctx;
        let checked = self.check().await?;
        attach(ctx, actor, submission, checked, original_name).await
    }
}

/// Checks a file already written whole in the spool's disk (a resumable upload's): hashed once,
/// its type judged, scanned, its metadata read. Refused, it is removed.
pub async fn check_file(ctx: &Context, path: PathBuf) -> Result<Checked, EvidenceError> {
    let spool = ctx.settings().evidence.spool();
    let staged = spool
        .adopt(path)
        .await
        .map_err(|e| blob_error(e, u64::MAX))?;
    if staged.size() == 0 {
        staged.discard().await;
        return Err(EvidenceError::Empty);
    }
    let head = staged
        .head(SNIFF_BYTES)
        .await
        .map_err(|e| blob_error(e, u64::MAX))?;
    match detect(&head) {
        Ok(media) => inspect(ctx, staged, media).await,
        Err(refusal) => {
            staged.discard().await;
            Err(refusal.into())
        }
    }
}

/// Scans a spooled file (quarantining it if infected) and reads its metadata.
pub(crate) async fn inspect(
    ctx: &Context,
    staged: Staged,
    media: MediaType,
) -> Result<Checked, EvidenceError> {
    let settings = &ctx.settings().evidence;
    if let Some(socket) = settings.clamd_socket.as_deref() {
        match scan(socket, staged.path()).await {
            Ok(None) => {}
            Ok(Some(signature)) => {
                let sha256 = staged.sha256().to_owned();
                if let Err(error) = staged.move_to(&settings.dir.join("quarantine")).await {
                    tracing::error!(%error, sha256, "could not quarantine an infected file");
                }
                return Err(EvidenceError::Infected(signature));
            }
            Err(error) => {
                tracing::error!(%error, "clamd could not scan an evidence file");
                staged.discard().await;
                return Err(EvidenceError::Unscanned);
            }
        }
    }
    let mut drawn = None;
    let (meta, duration_ms) = match media.kind {
        MediaKind::Image => {
            let head = staged
                .head(4 * 1024 * 1024)
                .await
                .map_err(|e| blob_error(e, u64::MAX))?;
            drawn = draw(&staged).await;
            (photo_metadata(&head), None)
        }
        MediaKind::Video => match movie_box(staged.path()).await {
            Ok(Some(moov)) => {
                let video = video::video_metadata(&moov);
                let meta = PhotoMetadata {
                    taken_at: video.created_at.and_then(video::local_time),
                    position: video.position,
                    make: None,
                    model: None,
                };
                (meta, video.duration_ms)
            }
            Ok(None) => (PhotoMetadata::default(), None),
            Err(error) => {
                tracing::warn!(%error, "could not read a video's metadata");
                (PhotoMetadata::default(), None)
            }
        },
        _ => (PhotoMetadata::default(), None),
    };
    Ok(Checked {
        staged,
        media,
        meta,
        duration_ms,
        picture: drawn,
        derived_from: None,
    })
}

/// The largest photograph drawn as a thumbnail and hashed.
const MOST_PICTURE: u64 = 64 * 1024 * 1024;

/// A photograph's thumbnail and hash, decoded off the async threads; `None` for one too large,
/// or one that cannot be decoded (the file itself is still kept).
async fn draw(staged: &Staged) -> Option<picture::Picture> {
    if staged.size() > MOST_PICTURE {
        return None;
    }
    let bytes = tokio::fs::read(staged.path()).await.ok()?;
    tokio::task::spawn_blocking(move || picture::picture(&bytes))
        .await
        .ok()
        .flatten()
}

/// The largest `moov` box read for a video's metadata.
const MOST_MOOV: u64 = 64 * 1024 * 1024;

/// A video's `moov` box content, found by walking the top-level box headers (it may follow a
/// gigabyte of `mdat`, so only headers are read on the way); `None` for a file with none, or
/// one too large to read.
async fn movie_box(path: &std::path::Path) -> std::io::Result<Option<Vec<u8>>> {
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let mut file = tokio::fs::File::open(path).await?;
    let length = file.metadata().await?.len();
    let mut at = 0u64;
    for _ in 0..64 {
        if at >= length {
            break;
        }
        file.seek(std::io::SeekFrom::Start(at)).await?;
        let mut header = [0u8; 16];
        let n = file.read(&mut header).await?;
        let Some(found) = header.get(..n).and_then(video::box_header) else {
            break;
        };
        let size = found.size.unwrap_or(length - at);
        if &found.kind == b"moov" {
            let content = size.saturating_sub(found.header_len);
            if content > MOST_MOOV {
                return Ok(None);
            }
            file.seek(std::io::SeekFrom::Start(at + found.header_len))
                .await?;
            let mut moov = Vec::new();
            (&mut file).take(content).read_to_end(&mut moov).await?;
            return Ok(Some(moov));
        }
        at = at.saturating_add(size);
    }
    Ok(None)
}

/// Keeps a checked file in the store and records it on `submission` with its custody entry,
/// within what is left of the submission's limit.
pub async fn attach(
    ctx: &Context,
    actor: &Actor,
    submission: &Submission,
    checked: Checked,
    original_name: &str,
) -> Result<EvidenceItem, EvidenceError> {
    let limit = room(ctx, submission).await?;
    if checked.size() > limit {
        checked.discard().await;
        return Err(EvidenceError::TooLarge(limit / (1024 * 1024)));
    }
    let Checked {
        staged,
        media,
        meta,
        duration_ms,
        picture,
        derived_from,
    } = checked;
    let kept = ctx
        .settings()
        .evidence
        .blobs
        .keep(staged)
        .await
        .map_err(|e| blob_error(e, limit))?;
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
        duration_ms,
        dhash: picture.as_ref().map(|p| p.dhash),
        derived_from,
    };
    let same = ctx.store().evidence_with_hash(&kept.sha256).await?;
    // The file's hash, and a photograph's perceptual hash, are posted for linking: the same
    // file, or a near-identical picture, on another report links the two with the reason.
    let mut found = Vec::new();
    if !same
        .iter()
        .any(|other| other.submission_id == submission.id)
    {
        found.push(peel_store::FoundIndicator {
            kind: peel_link::Kind::File,
            value: item.sha256.clone(),
            found_in: format!("the file {}", item.original_name),
        });
    }
    if let Some(dhash) = item.dhash {
        found.extend(near_pictures(ctx, submission, &item, dhash).await?);
    }
    let linking = (!found.is_empty()).then(|| {
        evidence_linking(
            ctx,
            actor,
            submission.id,
            crate::link::source_of(submission.contact.as_ref(), submission.id),
            item.received_at,
            found,
            "linked by the same evidence file or picture",
        )
    });
    let mut detail = format!(
        "received for {}: sha256 {}, {} bytes, {} (by content)",
        submission.reference, kept.sha256, kept.size, media.mime
    );
    if ctx.settings().evidence.clamd_socket.is_some() {
        detail.push_str("; scanned by clamd: clean");
    }
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
    let thumbnail = picture.as_ref().map(|p| p.thumbnail.as_slice());
    let correlated = ctx
        .store()
        .add_evidence(&item, thumbnail, event, linking)
        .await?;
    if !correlated.links.is_empty() {
        tracing::info!(submission = %submission.id, links = correlated.links.len(), "linked by the same evidence file");
    }
    Ok(item)
}

/// How far back near-identical pictures are looked for, and among how many.
const PICTURE_WINDOW: time::Duration = time::Duration::days(90);
const MOST_PICTURES: u32 = 20_000;

/// A photograph's perceptual hash as indicators: its own, and the hash of each near-identical
/// picture on another report (so the correlation links to that report, saying how near).
async fn near_pictures(
    ctx: &Context,
    submission: &Submission,
    item: &EvidenceItem,
    dhash: u64,
) -> Result<Vec<peel_store::FoundIndicator>, EvidenceError> {
    let hex = |h: u64| format!("{h:016x}");
    let mut found = vec![peel_store::FoundIndicator {
        kind: peel_link::Kind::Image,
        value: hex(dhash),
        found_in: format!("the picture {}", item.original_name),
    }];
    let candidates = ctx
        .store()
        .evidence_pictures_since(item.received_at - PICTURE_WINDOW, MOST_PICTURES)
        .await?;
    let mut seen = std::collections::HashSet::from([dhash]);
    for other in candidates {
        let Some(theirs) = other.dhash else { continue };
        let bits = picture::distance(dhash, theirs);
        if other.submission_id != submission.id && bits <= picture::NEAR && seen.insert(theirs) {
            found.push(peel_store::FoundIndicator {
                kind: peel_link::Kind::Image,
                value: hex(theirs),
                found_in: format!(
                    "the picture {} (near-identical: {bits} of 64 bits differ)",
                    item.original_name
                ),
            });
        }
    }
    Ok(found)
}

/// What correlating a report by what its evidence shows takes (the same file, the same
/// picture, a registration a reviewer read): shared knowledge of one event, whoever sent it.
pub(crate) fn evidence_linking(
    ctx: &Context,
    actor: &Actor,
    submission: peel_core::SubmissionId,
    source: peel_core::Source,
    at: time::OffsetDateTime,
    found: Vec<peel_store::FoundIndicator>,
    why: &str,
) -> peel_store::Linking {
    let subject = ItemRef::Submission(submission);
    peel_store::Linking {
        indicators: peel_store::ItemIndicators {
            item: subject,
            source,
            marking: peel_core::Marking::Amber,
            at,
            indicators: found,
        },
        cap: ctx.settings().link_cap,
        audit: ctx.event(actor, AuditCode::SubmissionLinked, subject, why),
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

/// An item's thumbnail, for a caller authorised to see its report; the view is recorded in its
/// custody. `None` for an item with none (not a photograph, or one that could not be drawn).
pub async fn thumbnail(
    ctx: &Context,
    actor: &Actor,
    item: &EvidenceItem,
) -> Result<Option<Vec<u8>>, EvidenceError> {
    let Some(thumbnail) = ctx.store().evidence_thumbnail(item.id).await? else {
        return Ok(None);
    };
    let event = ctx.event(
        actor,
        AuditCode::EvidenceViewed,
        format!("evidence:{}", item.id),
        format!("thumbnail shown: sha256 {}", item.sha256),
    );
    ctx.record(event).await?;
    Ok(Some(thumbnail))
}

/// An item's file, as a stream, for a download the caller has authorised; the download is
/// recorded in the item's custody.
pub async fn download(
    ctx: &Context,
    actor: &Actor,
    item: &EvidenceItem,
) -> Result<BlobReader, EvidenceError> {
    let file = ctx
        .settings()
        .evidence
        .blobs
        .open(&item.sha256)
        .await
        .map_err(|e| blob_error(e, u64::MAX))?;
    let event = ctx.event(
        actor,
        AuditCode::EvidenceDownloaded,
        format!("evidence:{}", item.id),
        format!("downloaded: sha256 {}", item.sha256),
    );
    ctx.record(event).await?;
    Ok(file)
}
