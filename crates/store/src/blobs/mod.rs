//! The evidence blob store: files named by their SHA-256. A file arriving is first written to a
//! spool on local disk (`DIR/incoming/`), hashed and counted on the way so memory does not grow
//! with its size; once it has been checked it is kept in the store by its hash (once, however
//! many times it is sent): on local disk under the data directory (`DIR/ab/abcdef…`) by
//! default, or in S3-compatible object storage ([`s3`]). Both backends pass one contract suite
//! (`crates/store/tests/it/blobs.rs`).

mod local;
pub mod s3;

use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

pub use local::LocalBlobs;
pub use s3::S3Blobs;

/// Why a file could not be kept or read.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// It is larger than the limit.
    #[error("the file is larger than {0} bytes")]
    TooLarge(u64),
    /// No file is kept by that hash.
    #[error("no file is kept as {0}")]
    Missing(String),
    /// The disk failed.
    #[error("could not store the file: {0}")]
    Io(#[from] std::io::Error),
    /// The object store failed.
    #[error("the object store failed: {0}")]
    Remote(String),
}

/// A file kept: its SHA-256 (lower-case hex) and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// SHA-256, lower-case hex.
    pub sha256: String,
    /// Bytes.
    pub size: u64,
    /// Whether the same content was held already.
    pub duplicate: bool,
}

/// Whether `name` is a SHA-256 as the store names files (64 lower-case hex digits).
pub fn is_sha256(name: &str) -> bool {
    name.len() == 64
        && name
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// A kept file, read as a stream.
pub type BlobReader = Pin<Box<dyn AsyncRead + Send>>;

/// Where checked files are kept, by content. Every backend keeps the same promises, tested by
/// one suite: a file is kept once by its hash, read back byte for byte, and never half-written.
#[async_trait::async_trait]
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Keeps a spooled file by its hash (dropping the spool copy); `duplicate` when the same
    /// content was held already.
    async fn keep(&self, staged: Staged) -> Result<Kept, BlobError>;

    /// Whether a file with this hash is kept.
    async fn contains(&self, sha256: &str) -> Result<bool, BlobError>;

    /// The kept file, as a stream ([`BlobError::Missing`] when there is none).
    async fn open(&self, sha256: &str) -> Result<BlobReader, BlobError>;

    /// Removes a kept file (erasure at the end of retention); no error if it is not there.
    async fn remove(&self, sha256: &str) -> Result<(), BlobError>;

    /// The first `n` bytes of a kept file, or all of it if shorter.
    async fn head(&self, sha256: &str, n: usize) -> Result<Vec<u8>, BlobError> {
        let mut out = Vec::new();
        self.open(sha256)
            .await?
            .take(n as u64)
            .read_to_end(&mut out)
            .await?;
        Ok(out)
    }
}

/// The blob store in use, shared.
pub type Blobs = Arc<dyn BlobStore>;

/// Where files are written as they arrive, before they are checked and kept: always local disk.
#[derive(Debug, Clone)]
pub struct Spool {
    dir: PathBuf,
}

impl Spool {
    /// The spool under `dir` (made when first written).
    pub fn new(dir: impl Into<PathBuf>) -> Spool {
        Spool { dir: dir.into() }
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts writing a file of at most `limit` bytes: give it the chunks as they arrive, then
    /// [`Incoming::finish`].
    pub async fn begin(&self, limit: u64) -> Result<Incoming, BlobError> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let temporary = self.dir.join(uuid::Uuid::now_v7().to_string());
        let file = tokio::fs::File::create(&temporary).await?;
        Ok(Incoming {
            temporary,
            file: Some(file),
            hasher: Sha256::new(),
            size: 0,
            limit,
        })
    }

    /// Spools what `reader` gives, at most `limit` bytes.
    pub async fn take(
        &self,
        mut reader: impl AsyncRead + Unpin,
        limit: u64,
    ) -> Result<Staged, BlobError> {
        let mut incoming = self.begin(limit).await?;
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = match reader.read(&mut buffer).await {
                Ok(n) => n,
                Err(error) => {
                    incoming.abort().await;
                    return Err(error.into());
                }
            };
            if n == 0 {
                break;
            }
            incoming.write(buffer.get(..n).unwrap_or_default()).await?;
        }
        incoming.finish().await
    }

    /// Adopts a file already written whole (a resumable upload's), hashing it once.
    pub async fn adopt(&self, path: PathBuf) -> Result<Staged, BlobError> {
        let mut file = tokio::fs::File::open(&path).await?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 256 * 1024];
        let mut size = 0u64;
        loop {
            let n = file.read(&mut buffer).await?;
            if n == 0 {
                break;
            }
            size += n as u64;
            hasher.update(buffer.get(..n).unwrap_or_default());
        }
        Ok(Staged {
            path,
            sha256: hex::encode(hasher.finalize()),
            size,
        })
    }
}

/// A file being spooled: hashed and counted as it comes.
#[derive(Debug)]
pub struct Incoming {
    temporary: PathBuf,
    file: Option<tokio::fs::File>,
    hasher: Sha256,
    size: u64,
    limit: u64,
}

impl Incoming {
    /// Adds a chunk; past the limit the file is dropped and [`BlobError::TooLarge`] returned.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), BlobError> {
        self.size += chunk.len() as u64;
        if self.size > self.limit {
            self.abort().await;
            return Err(BlobError::TooLarge(self.limit));
        }
        self.hasher.update(chunk);
        let Some(file) = self.file.as_mut() else {
            return Err(BlobError::Io(std::io::Error::other("the file was dropped")));
        };
        if let Err(error) = file.write_all(chunk).await {
            self.abort().await;
            return Err(error.into());
        }
        Ok(())
    }

    /// Drops what was written.
    pub async fn abort(&mut self) {
        self.file = None;
        let _ = tokio::fs::remove_file(&self.temporary).await;
    }

    /// The whole file, written to disk and hashed, ready to be checked and kept.
    pub async fn finish(mut self) -> Result<Staged, BlobError> {
        let Some(mut file) = self.file.take() else {
            return Err(BlobError::Io(std::io::Error::other("the file was dropped")));
        };
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        Ok(Staged {
            path: std::mem::take(&mut self.temporary),
            sha256: hex::encode(std::mem::take(&mut self.hasher).finalize()),
            size: self.size,
        })
    }
}

/// A whole file in the spool, hashed, not yet kept. Dropped without [`BlobStore::keep`] or
/// [`Staged::discard`], its spool copy is left for the next start's clean-up.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    sha256: String,
    size: u64,
}

impl Staged {
    /// Its SHA-256, lower-case hex.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Where it is spooled, for checking (scanning, reading its metadata).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The first `n` bytes, or all of it if shorter.
    pub async fn head(&self, n: usize) -> Result<Vec<u8>, BlobError> {
        let file = tokio::fs::File::open(&self.path).await?;
        let mut out = Vec::new();
        file.take(n as u64).read_to_end(&mut out).await?;
        Ok(out)
    }

    /// Drops it.
    pub async fn discard(self) {
        let _ = tokio::fs::remove_file(&self.path).await;
    }

    /// Moves it out of the spool to `dir/<sha256>` (quarantine), never into the store.
    pub async fn move_to(self, dir: &Path) -> Result<(), BlobError> {
        tokio::fs::create_dir_all(dir).await?;
        tokio::fs::rename(&self.path, dir.join(&self.sha256)).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_spooled_file_is_hashed_and_one_past_the_limit_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::new(dir.path().join("incoming"));
        let staged = spool.take(&b"abc"[..], 10).await.unwrap();
        assert_eq!(
            staged.sha256(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(staged.size(), 3);
        assert_eq!(staged.head(2).await.unwrap(), b"ab");
        let adopted = spool.adopt(staged.path().to_owned()).await.unwrap();
        assert_eq!(adopted.sha256(), staged.sha256());
        staged.discard().await;
        assert!(matches!(
            spool.take(&b"more than ten bytes"[..], 10).await,
            Err(BlobError::TooLarge(10))
        ));
        let mut left = tokio::fs::read_dir(spool.dir()).await.unwrap();
        assert!(
            left.next_entry().await.unwrap().is_none(),
            "nothing half-written is left"
        );
        assert!(!is_sha256("../etc/passwd"));
        assert!(!is_sha256(&"A".repeat(64)));
    }
}
