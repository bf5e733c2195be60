//! The checkpoint file: signed anchors of the audit chain written outside the database (the
//! setting `audit_checkpoints`, by default `DATA_DIR/audit-checkpoints.jsonl`, which an operator
//! ships elsewhere, to syslog or WORM storage).
//!
//! A checkpoint is written only after the entries since the last one have been checked under
//! the chain key, so Peel never signs a chain that someone has rewritten in the database: the
//! writer refuses, and says so, instead. `peel serve` writes one at start, at least every
//! `audit_checkpoint_every` entries and every hour, and on shutdown; a console command that
//! wrote entries writes one when it ends.

use std::io::Write;
use std::path::{Path, PathBuf};

use peel_core::audit::checkpoint::{
    Checkpoint, CheckpointError, CheckpointKey, SignedCheckpoint, read_all,
};
use peel_core::audit::{ChainKey, GENESIS};
use peel_store::{Anchors, AuditStore, VerifyError, verify_audit_chain, verify_audit_since};
use time::OffsetDateTime;

/// Why checkpoints could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointFailure {
    /// A line of the file is bad.
    #[error(transparent)]
    File(#[from] CheckpointError),
    /// The chain does not agree with the last checkpoint, or could not be read.
    #[error(transparent)]
    Chain(#[from] VerifyError),
    /// The file could not be read or written.
    #[error("the checkpoint file {path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        error: std::io::Error,
    },
}

/// The checkpoint file and the keys that sign and check it.
#[derive(Debug, Clone)]
pub struct CheckpointLog {
    path: PathBuf,
    signing: CheckpointKey,
    chain: ChainKey,
}

/// What verifying the trail against its checkpoints found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Entries checked.
    pub entries: i64,
    /// Signed checkpoints read.
    pub checkpoints: usize,
    /// The newest entry a checkpoint sealed, and when.
    pub latest: Option<(i64, OffsetDateTime)>,
}

impl CheckpointLog {
    /// The file at `path`, signed with `signing`, for a chain sealed with `chain`.
    pub fn new(path: PathBuf, signing: CheckpointKey, chain: ChainKey) -> CheckpointLog {
        CheckpointLog {
            path,
            signing,
            chain,
        }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The public key its lines must be signed with, in hex.
    pub fn public_key(&self) -> String {
        self.signing.public_hex()
    }

    fn io(&self, error: std::io::Error) -> CheckpointFailure {
        CheckpointFailure::Io {
            path: self.path.display().to_string(),
            error,
        }
    }

    /// Every checkpoint in the file, each signature checked (none when there is no file).
    pub fn read(&self) -> Result<Vec<SignedCheckpoint>, CheckpointFailure> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => Ok(read_all(&text, &self.signing.public())?),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(error) => Err(self.io(error)),
        }
    }

    /// The newest checkpoint (by position).
    pub fn latest(&self) -> Result<Option<SignedCheckpoint>, CheckpointFailure> {
        Ok(self
            .read()?
            .into_iter()
            .max_by_key(|c| (c.checkpoint.seq, c.checkpoint.at)))
    }

    /// Checks what was written since the newest checkpoint and seals the head with a new one,
    /// appended to the file as one whole line, synced. Writes nothing and returns `None` when
    /// the head has not moved, unless `always`.
    pub async fn write(
        &self,
        store: &dyn AuditStore,
        now: OffsetDateTime,
        always: bool,
    ) -> Result<Option<SignedCheckpoint>, CheckpointFailure> {
        let latest = self.latest()?;
        let (seq, hash) = latest
            .as_ref()
            .map_or((0, GENESIS), |c| (c.checkpoint.seq, c.checkpoint.head));
        // The store's word on where keying starts must be the checkpoints' own: otherwise
        // someone could move it on and pass re-hashed entries off as unkeyed old ones.
        let keyed_from = store.audit_keyed_from().await.map_err(VerifyError::from)?;
        if let Some(sealed) = latest
            .as_ref()
            .map(|c| c.checkpoint.keyed_from)
            .filter(|k| *k != keyed_from)
        {
            return Err(
                VerifyError::from(peel_core::audit::ChainBreak::KeyingMoved {
                    stored: keyed_from,
                    sealed,
                })
                .into(),
            );
        }
        let (head_seq, head_hash) = verify_audit_since(store, &self.chain, seq, hash).await?;
        if latest.is_some() && head_seq == seq && !always {
            return Ok(None);
        }
        let signed = self.signing.sign(Checkpoint {
            seq: head_seq,
            head: head_hash,
            at: now,
            keyed_from,
        });
        self.append(&signed)?;
        Ok(Some(signed))
    }

    fn append(&self, signed: &SignedCheckpoint) -> Result<(), CheckpointFailure> {
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| self.io(e))?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&self.path).map_err(|e| self.io(e))?;
        // One write of the whole line, so that a crash leaves whole lines (the reader reports a
        // torn one rather than guessing).
        let mut line = signed.to_line();
        line.push('\n');
        file.write_all(line.as_bytes()).map_err(|e| self.io(e))?;
        file.sync_all().map_err(|e| self.io(e))
    }

    /// Verifies the whole trail under the chain key and against every checkpoint. A trail with
    /// entries and no checkpoint is not called intact: nothing outside the database vouches
    /// for it.
    pub async fn verify(&self, store: &dyn AuditStore) -> Result<Verified, CheckpointFailure> {
        let checkpoints = self.read()?;
        let anchors = Anchors {
            sealed: checkpoints.iter().map(SignedCheckpoint::sealed).collect(),
            keyed_from: checkpoints.first().map(|c| c.checkpoint.keyed_from),
        };
        let entries = verify_audit_chain(store, &self.chain, &anchors).await?;
        let latest = checkpoints
            .iter()
            .max_by_key(|c| c.checkpoint.seq)
            .map(|c| (c.checkpoint.seq, c.checkpoint.at));
        Ok(Verified {
            entries,
            checkpoints: checkpoints.len(),
            latest,
        })
    }
}

/// What verifying the trail says, for the auditor's page and the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrailStatus {
    /// Intact under the key and against every checkpoint.
    Intact(Verified),
    /// Not intact, or nothing vouches for it.
    Broken {
        /// The first bad entry, when one is known.
        first_bad_entry: Option<i64>,
        /// What is wrong, in words.
        problem: String,
    },
}

impl crate::Context {
    /// Verifies the audit trail against the checkpoint file; a store that cannot be read is
    /// the `Err`.
    pub async fn verify_trail(&self) -> Result<TrailStatus, peel_store::StoreError> {
        let Some(log) = self.checkpoints() else {
            return Ok(TrailStatus::Broken {
                first_bad_entry: None,
                problem: "no checkpoint file is configured, so nothing outside the database \
                          vouches for the trail"
                    .into(),
            });
        };
        Ok(match log.verify(self.store()).await {
            Ok(verified) => TrailStatus::Intact(verified),
            Err(CheckpointFailure::Chain(VerifyError::Store(error))) => return Err(error),
            Err(CheckpointFailure::Chain(VerifyError::Broken(broken))) => TrailStatus::Broken {
                first_bad_entry: Some(broken.seq()),
                problem: broken.to_string(),
            },
            Err(other) => TrailStatus::Broken {
                first_bad_entry: None,
                problem: other.to_string(),
            },
        })
    }
}
