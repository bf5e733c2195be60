//! Resumable uploads (tus 1.0: core, creation, termination, expiration, checksum with sha256),
//! for large video over poor mobile connections. An upload is made with its length for a
//! submission; its file grows in `DIR/uploads/<id>` chunk by chunk, each appended at the offset
//! the client says and, when it sends one, checked against its SHA-256; the upload's offset is
//! the file's size, so whatever reached the disk survives a dropped connection or a restart.
//! The type is judged as soon as the first bytes are in, and once the file is whole it goes
//! through the same checks as any other ([`super::check_file`]) and onto the submission.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};

use peel_core::evidence::{SNIFF_BYTES, detect};
use peel_core::policy::Actor;
use peel_store::{EvidenceItem, EvidenceUpload, Submission};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

use super::{EvidenceError, attach, check_file, refused, room};
use crate::Context;

/// How long an unfinished upload is kept.
pub const UPLOAD_LIFETIME: time::Duration = time::Duration::hours(24);

/// Why a resumable upload's request was not done.
#[derive(Debug, thiserror::Error)]
pub enum ResumableError {
    /// The file itself was refused, or could not be kept.
    #[error(transparent)]
    Evidence(#[from] EvidenceError),
    /// No such upload: never made, finished, terminated or expired.
    #[error("there is no upload here: it may have finished, been cancelled or expired")]
    NotFound,
    /// The chunk was sent for another offset than the upload's.
    #[error("the upload is at byte {0}: send from there")]
    Offset(u64),
    /// More bytes than the upload's declared length.
    #[error("the chunk goes past the upload's length of {0} bytes")]
    PastLength(u64),
    /// The chunk's SHA-256 is not the one sent with it; the chunk was dropped.
    #[error("the chunk's SHA-256 does not match: it was not kept, send it again")]
    Checksum,
    /// Another request is writing this upload now.
    #[error("another request is sending this upload now")]
    Busy,
    /// The connection broke off; what arrived is kept, unless the chunk had a checksum.
    #[error("the chunk broke off")]
    Interrupted,
}

fn internal(error: impl std::error::Error + Send + Sync + 'static) -> ResumableError {
    ResumableError::Evidence(EvidenceError::Internal(Box::new(error)))
}

impl From<peel_store::StoreError> for ResumableError {
    fn from(error: peel_store::StoreError) -> Self {
        internal(error)
    }
}

impl From<std::io::Error> for ResumableError {
    fn from(error: std::io::Error) -> Self {
        internal(error)
    }
}

/// What a chunk did.
#[derive(Debug)]
pub enum Appended {
    /// More is to come: the new offset.
    Partial(u64),
    /// The file is whole, checked and on the submission.
    Finished(Box<EvidenceItem>),
}

pub(crate) fn file_of(ctx: &Context, id: uuid::Uuid) -> PathBuf {
    ctx.settings()
        .evidence
        .dir
        .join("uploads")
        .join(id.to_string())
}

/// Starts an upload of `length` bytes for `submission` (checked against what it may still
/// hold); expired uploads' files are removed on the way.
pub async fn create(
    ctx: &Context,
    actor: &Actor,
    submission: &Submission,
    length: u64,
    filename: &str,
) -> Result<EvidenceUpload, ResumableError> {
    sweep(ctx).await;
    if length == 0 {
        return Err(EvidenceError::Empty.into());
    }
    let limit = room(ctx, submission).await?;
    if length > limit {
        return Err(EvidenceError::TooLarge(limit / (1024 * 1024)).into());
    }
    let now = ctx.now();
    let upload = EvidenceUpload {
        id: uuid::Uuid::new_v4(),
        submission_id: submission.id,
        length,
        filename: filename.chars().take(200).collect(),
        uploader: actor.reference(),
        created_at: now,
        expires_at: now + UPLOAD_LIFETIME,
    };
    let path = file_of(ctx, upload.id);
    if let Some(parent) = path.parent() {
        tokio::fs::create_dir_all(parent).await?;
    }
    tokio::fs::File::create(&path).await?;
    ctx.store().add_evidence_upload(&upload).await?;
    Ok(upload)
}

/// Removes the files of uploads that expired.
async fn sweep(ctx: &Context) {
    match ctx.store().take_expired_evidence_uploads(ctx.now()).await {
        Ok(expired) => {
            for upload in expired {
                let _ = tokio::fs::remove_file(file_of(ctx, upload.id)).await;
            }
        }
        Err(error) => tracing::error!(%error, "could not sweep expired evidence uploads"),
    }
}

/// The upload and how many of its bytes have arrived.
pub async fn offset(
    ctx: &Context,
    id: uuid::Uuid,
) -> Result<(EvidenceUpload, u64), ResumableError> {
    let upload = ctx
        .store()
        .evidence_upload(id, ctx.now())
        .await?
        .ok_or(ResumableError::NotFound)?;
    let written = match tokio::fs::metadata(file_of(ctx, id)).await {
        Ok(meta) => meta.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ResumableError::NotFound);
        }
        Err(e) => return Err(e.into()),
    };
    Ok((upload, written))
}

/// Uploads being written now, so that two requests never append to one file at once.
static WRITING: LazyLock<Mutex<HashSet<uuid::Uuid>>> = LazyLock::new(Default::default);

struct Writing(uuid::Uuid);

impl Writing {
    fn take(id: uuid::Uuid) -> Option<Writing> {
        let inserted = WRITING.lock().ok()?.insert(id);
        // The guard is made only once the lock is released: a guard made and dropped while
        // the lock is held would wait on itself.
        inserted.then(|| Writing(id))
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        if let Ok(mut writing) = WRITING.lock() {
            writing.remove(&self.0);
        }
    }
}

/// Appends a chunk at `at`, which must be the upload's offset; with `checksum` (the chunk's
/// SHA-256) the chunk is kept only if it matches. The last chunk finishes the file: checked
/// and put on the submission.
pub async fn append(
    ctx: &Context,
    actor: &Actor,
    id: uuid::Uuid,
    at: u64,
    body: &mut (dyn AsyncRead + Unpin + Send),
    checksum: Option<[u8; 32]>,
) -> Result<Appended, ResumableError> {
    let _writing = Writing::take(id).ok_or(ResumableError::Busy)?;
    let (upload, written) = offset(ctx, id).await?;
    if written != at {
        return Err(ResumableError::Offset(written));
    }
    let path = file_of(ctx, id);
    let mut file = tokio::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .await?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut end = at;
    let outcome = loop {
        let n = match body.read(&mut buffer).await {
            Ok(0) => break Ok(()),
            Ok(n) => n,
            Err(_) => break Err(ResumableError::Interrupted),
        };
        let chunk = buffer.get(..n).unwrap_or_default();
        end += n as u64;
        if end > upload.length {
            break Err(ResumableError::PastLength(upload.length));
        }
        hasher.update(chunk);
        if let Err(error) = file.write_all(chunk).await {
            break Err(error.into());
        }
    };
    file.flush().await?;
    let kept_end = match (&outcome, checksum) {
        (Ok(()), Some(expected)) if hasher.finalize().as_slice() != expected => {
            file.set_len(at).await?;
            return Err(ResumableError::Checksum);
        }
        (Ok(()), _) => end,
        // A chunk that broke off is kept as far as it came, unless its checksum cannot now be
        // checked; a chunk past the length is dropped whole.
        (Err(ResumableError::Interrupted), None) => file.metadata().await?.len(),
        (Err(_), _) => {
            file.set_len(at).await?;
            at
        }
    };
    file.sync_all().await?;
    drop(file);
    outcome?;
    let submission = ctx
        .store()
        .submission(upload.submission_id)
        .await?
        .ok_or(ResumableError::NotFound)?;
    // The type is judged as soon as the first bytes are in, not after a gigabyte.
    let sniffed = (SNIFF_BYTES as u64).min(upload.length);
    if at < sniffed && kept_end >= sniffed {
        let mut head = Vec::new();
        tokio::fs::File::open(&path)
            .await?
            .take(sniffed)
            .read_to_end(&mut head)
            .await?;
        if let Err(refusal) = detect(&head) {
            let error = EvidenceError::from(refusal);
            refused(ctx, actor, &submission, &error).await;
            forget(ctx, id).await?;
            return Err(error.into());
        }
    }
    if kept_end < upload.length {
        return Ok(Appended::Partial(kept_end));
    }
    ctx.store().remove_evidence_upload(id).await?;
    let checked = match check_file(ctx, path).await {
        Ok(checked) => checked,
        Err(error) => {
            if !matches!(error, EvidenceError::Internal(_)) {
                refused(ctx, actor, &submission, &error).await;
            }
            return Err(error.into());
        }
    };
    let item = attach(ctx, actor, &submission, checked, &upload.filename).await?;
    Ok(Appended::Finished(Box::new(item)))
}

/// Cancels an upload: its file and record are removed.
pub async fn terminate(ctx: &Context, id: uuid::Uuid) -> Result<(), ResumableError> {
    let _writing = Writing::take(id).ok_or(ResumableError::Busy)?;
    offset(ctx, id).await?;
    forget(ctx, id).await
}

async fn forget(ctx: &Context, id: uuid::Uuid) -> Result<(), ResumableError> {
    ctx.store().remove_evidence_upload(id).await?;
    match tokio::fs::remove_file(file_of(ctx, id)).await {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::Writing;

    #[test]
    fn a_second_writer_of_one_upload_is_refused_and_the_first_lets_go() {
        let id = uuid::Uuid::new_v4();
        let first = Writing::take(id).expect("the first writer");
        assert!(
            Writing::take(id).is_none(),
            "a second writer is refused, not blocked"
        );
        drop(first);
        assert!(
            Writing::take(id).is_some(),
            "free again once the first is done"
        );
    }
}
