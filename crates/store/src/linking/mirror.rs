//! Each store's mirror of the value index, in memory, so that a batch of ten thousand
//! notifications costs a handful of statements rather than several per notification.
//!
//! The mirror is a `peel_link::CorrelationIndex` built from the postings, the notifications'
//! own indicators and the common values, and brought up to date at the start of every
//! correlating transaction from the rows added since (by `seq`, under the correlation lock, so
//! nothing is missed even when another process wrote them). Anything that removes postings
//! moves an epoch, and every mirror is rebuilt. A mirror taken for a transaction is put back
//! only once it commits; after any failure the next transaction rebuilds it.

use std::sync::Arc;

use peel_link::CorrelationIndex;

/// The value index in memory, and how far into each table it has read.
#[derive(Debug)]
pub(crate) struct Mirror {
    /// The index.
    pub index: CorrelationIndex,
    /// The epoch it was built in.
    pub epoch: i64,
    /// The last postings row read.
    pub postings_seq: i64,
    /// The last notifications row read.
    pub notifications_seq: i64,
    /// The last common value read.
    pub common_seq: i64,
}

impl Mirror {
    /// An empty mirror for `epoch`.
    pub fn new(epoch: i64) -> Mirror {
        Mirror {
            index: CorrelationIndex::new(0),
            epoch,
            postings_seq: 0,
            notifications_seq: 0,
            common_seq: 0,
        }
    }
}

/// Where a store keeps its mirror; `None` until first needed, and while a transaction has it.
pub(crate) type MirrorSlot = Arc<tokio::sync::Mutex<Option<Mirror>>>;

/// The mirror, taken for one transaction with the slot locked. [`Held::restore`] puts it back
/// once the transaction has committed; dropped without that (an error, a rollback), the slot
/// is left empty and the next transaction rebuilds the mirror from the database.
pub(crate) struct Held<'m> {
    guard: tokio::sync::MutexGuard<'m, Option<Mirror>>,
    /// The mirror, while held.
    pub mirror: Option<Mirror>,
}

impl<'m> Held<'m> {
    /// Locks the slot and takes what is in it.
    pub async fn take(slot: &'m MirrorSlot) -> Held<'m> {
        let mut guard = slot.lock().await;
        let mirror = guard.take();
        Held { guard, mirror }
    }

    /// Puts the mirror back, after the transaction committed.
    pub fn restore(mut self) {
        *self.guard = self.mirror.take();
    }
}
