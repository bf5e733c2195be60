//! Kept files on local disk under the data directory: `DIR/ab/abcdef…`.

use std::path::PathBuf;

use super::{BlobError, BlobReader, BlobStore, Kept, Staged, is_sha256};

/// Files on local disk, by content.
#[derive(Debug, Clone)]
pub struct LocalBlobs {
    dir: PathBuf,
}

impl LocalBlobs {
    /// The store under `dir` (made when first written). Keep its spool on the same disk, so a
    /// file is moved into place, not copied.
    pub fn new(dir: impl Into<PathBuf>) -> LocalBlobs {
        LocalBlobs { dir: dir.into() }
    }

    /// Where the file with this SHA-256 is kept; `None` for a name that is not a SHA-256.
    pub fn path(&self, sha256: &str) -> Option<PathBuf> {
        let prefix = sha256.get(..2)?;
        is_sha256(sha256).then(|| self.dir.join(prefix).join(sha256))
    }

    fn path_or_missing(&self, sha256: &str) -> Result<PathBuf, BlobError> {
        self.path(sha256)
            .ok_or_else(|| BlobError::Missing(sha256.to_owned()))
    }
}

#[async_trait::async_trait]
impl BlobStore for LocalBlobs {
    async fn keep(&self, staged: Staged) -> Result<Kept, BlobError> {
        let path = self.path_or_missing(&staged.sha256)?;
        let duplicate = tokio::fs::try_exists(&path).await?;
        if duplicate {
            tokio::fs::remove_file(&staged.path).await?;
        } else {
            if let Some(parent) = path.parent() {
                tokio::fs::create_dir_all(parent).await?;
            }
            if tokio::fs::rename(&staged.path, &path).await.is_err() {
                // The spool is on another disk: copy to a temporary name beside the target,
                // then rename, so the file is never seen half-written.
                let partial = path.with_extension("partial");
                tokio::fs::copy(&staged.path, &partial).await?;
                tokio::fs::rename(&partial, &path).await?;
                tokio::fs::remove_file(&staged.path).await?;
            }
        }
        Ok(Kept {
            sha256: staged.sha256,
            size: staged.size,
            duplicate,
        })
    }

    async fn contains(&self, sha256: &str) -> Result<bool, BlobError> {
        match self.path(sha256) {
            Some(path) => Ok(tokio::fs::try_exists(path).await?),
            None => Ok(false),
        }
    }

    async fn open(&self, sha256: &str) -> Result<BlobReader, BlobError> {
        let path = self.path_or_missing(sha256)?;
        match tokio::fs::File::open(path).await {
            Ok(file) => Ok(Box::pin(file)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(BlobError::Missing(sha256.to_owned()))
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn remove(&self, sha256: &str) -> Result<(), BlobError> {
        let path = self.path_or_missing(sha256)?;
        match tokio::fs::remove_file(path).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }
}
