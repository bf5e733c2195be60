//! The evidence blob store on local disk: files named by their SHA-256 under the data directory
//! (`DIR/evidence/ab/abcdef…`), written as they arrive (memory does not grow with a file's
//! size), hashed on the way, and kept once however many times they are sent.

use std::path::PathBuf;

use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

/// Why a file could not be kept.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// It is larger than the limit.
    #[error("the file is larger than {0} bytes")]
    TooLarge(u64),
    /// The disk failed.
    #[error("could not store the file: {0}")]
    Io(#[from] std::io::Error),
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

/// Files on local disk, by content.
#[derive(Debug, Clone)]
pub struct LocalBlobs {
    dir: PathBuf,
}

impl LocalBlobs {
    /// The store under `dir` (made when first written).
    pub fn new(dir: impl Into<PathBuf>) -> LocalBlobs {
        LocalBlobs { dir: dir.into() }
    }

    /// Where the file with this SHA-256 is kept; `None` for a name that is not a SHA-256.
    pub fn path(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        valid.then(|| self.dir.join(&sha256[..2]).join(sha256))
    }

    /// Starts writing a file of at most `limit` bytes: give it the chunks as they arrive,
    /// then [`Incoming::finish`]; the file is in place (by its hash) only once it is whole.
    pub async fn begin(&self, limit: u64) -> Result<Incoming, BlobError> {
        let incoming = self.dir.join("incoming");
        tokio::fs::create_dir_all(&incoming).await?;
        let temporary = incoming.join(uuid::Uuid::now_v7().to_string());
        let file = tokio::fs::File::create(&temporary).await?;
        Ok(Incoming {
            blobs: self.clone(),
            temporary,
            file: Some(file),
            hasher: Sha256::new(),
            size: 0,
            limit,
        })
    }

    /// Writes what `reader` gives, at most `limit` bytes (see [`LocalBlobs::begin`]).
    pub async fn put(
        &self,
        mut reader: impl AsyncRead + Unpin,
        limit: u64,
    ) -> Result<Kept, BlobError> {
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

    /// The first `n` bytes of a kept file (for metadata), or all of it if shorter.
    pub async fn head(&self, sha256: &str, n: usize) -> Result<Vec<u8>, BlobError> {
        let path = self
            .path(sha256)
            .ok_or_else(|| BlobError::Io(std::io::Error::other("not a SHA-256")))?;
        let file = tokio::fs::File::open(path).await?;
        let mut out = Vec::new();
        file.take(n as u64).read_to_end(&mut out).await?;
        Ok(out)
    }
}

/// A file being written: hashed and counted as it comes.
#[derive(Debug)]
pub struct Incoming {
    blobs: LocalBlobs,
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

    /// Puts the whole file in place by its SHA-256 (or drops it, when the same content is held
    /// already).
    pub async fn finish(mut self) -> Result<Kept, BlobError> {
        let Some(mut file) = self.file.take() else {
            return Err(BlobError::Io(std::io::Error::other("the file was dropped")));
        };
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        let sha256 = hex::encode(std::mem::take(&mut self.hasher).finalize());
        let Some(path) = self.blobs.path(&sha256) else {
            self.abort().await;
            return Err(BlobError::Io(std::io::Error::other("not a SHA-256")));
        };
        let duplicate = tokio::fs::try_exists(&path).await?;
        if duplicate {
            tokio::fs::remove_file(&self.temporary).await?;
        } else {
            if let Some(parent) = path.parent() {
                tokio::fs::create_dir_all(parent).await?;
            }
            tokio::fs::rename(&self.temporary, &path).await?;
        }
        Ok(Kept {
            sha256,
            size: self.size,
            duplicate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_is_kept_by_its_hash_once_and_a_file_past_the_limit_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = LocalBlobs::new(dir.path());
        let kept = blobs.put(&b"abc"[..], 10).await.unwrap();
        assert_eq!(
            kept.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!((kept.size, kept.duplicate), (3, false));
        assert!(blobs.put(&b"abc"[..], 10).await.unwrap().duplicate);
        assert_eq!(blobs.head(&kept.sha256, 2).await.unwrap(), b"ab");
        assert!(matches!(
            blobs.put(&b"more than ten bytes"[..], 10).await,
            Err(BlobError::TooLarge(10))
        ));
        let mut left = tokio::fs::read_dir(dir.path().join("incoming"))
            .await
            .unwrap();
        assert!(
            left.next_entry().await.unwrap().is_none(),
            "nothing half-written is left"
        );
        assert!(blobs.path("../etc/passwd").is_none());
    }
}
