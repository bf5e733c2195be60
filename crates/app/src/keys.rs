//! Keys kept in files in the data directory, outside the database: made on first run with 32
//! random bytes, readable by their owner only, and never written anywhere else.

use std::path::Path;

use peel_core::audit::ChainKey;
use peel_core::audit::checkpoint::CheckpointKey;

/// Why a key file could not be had.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    /// It exists but is not 32 bytes.
    #[error("{0} is damaged: it should hold 32 bytes")]
    Damaged(String),
    /// It could not be read or made.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        error: std::io::Error,
    },
    /// No randomness.
    #[error("no randomness for a key: {0}")]
    Random(String),
}

/// The 32 bytes in `path`, made at random (and the file created readable by its owner only)
/// when it does not exist yet.
pub fn load_or_make(path: &Path) -> Result<[u8; 32], KeyFileError> {
    let io = |error| KeyFileError::Io {
        path: path.display().to_string(),
        error,
    };
    match std::fs::read(path) {
        Ok(bytes) => {
            return <[u8; 32]>::try_from(bytes.as_slice())
                .map_err(|_| KeyFileError::Damaged(path.display().to_string()));
        }
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(io(error)),
        Err(_) => {}
    }
    if let Some(parent) = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.exists())
    {
        std::fs::create_dir_all(parent).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
        }
    }
    let mut key = [0_u8; 32];
    getrandom::fill(&mut key).map_err(|e| KeyFileError::Random(e.to_string()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(io)?;
    std::io::Write::write_all(&mut file, &key).map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(key)
}

/// The key of the keyed hash kept of payment cards, `DIR/card-hash.key`, so one card gives one
/// value for ever.
pub fn card_key(data_dir: &Path) -> Result<Vec<u8>, KeyFileError> {
    load_or_make(&data_dir.join("card-hash.key")).map(|k| k.to_vec())
}

/// Whether the audit chain's key has been made in `DIR`.
pub fn chain_key_exists(data_dir: &Path) -> bool {
    data_dir.join("audit-chain.key").exists()
}

/// A chain key made at random and kept nowhere, for looking into a store before its own key
/// is made (it seals nothing that lasts).
pub fn throwaway_chain_key() -> Result<ChainKey, KeyFileError> {
    let mut key = [0_u8; 32];
    getrandom::fill(&mut key).map_err(|e| KeyFileError::Random(e.to_string()))?;
    Ok(ChainKey::from_bytes(key))
}

/// The audit chain's key, `DIR/audit-chain.key`.
pub fn chain_key(data_dir: &Path) -> Result<ChainKey, KeyFileError> {
    load_or_make(&data_dir.join("audit-chain.key")).map(ChainKey::from_bytes)
}

/// The key checkpoints are signed with, `DIR/audit-signing.key`.
pub fn signing_key(data_dir: &Path) -> Result<CheckpointKey, KeyFileError> {
    load_or_make(&data_dir.join("audit-signing.key")).map(CheckpointKey::from_seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_readable_by_its_owner_only_and_then_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("k.key");
        let first = load_or_make(&path).unwrap();
        assert_eq!(load_or_make(&path).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, b"short").unwrap();
        assert!(matches!(load_or_make(&path), Err(KeyFileError::Damaged(_))));
    }
}
