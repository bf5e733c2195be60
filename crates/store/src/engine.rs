//! What every area's SQL runs on: the database and the store's mirror of the value index.

use crate::correlation::MirrorSlot;
use crate::sql::Db;

/// A store the areas' SQL runs against.
#[allow(dead_code)] // The mirror is taken by the linking area, next to move off the old macro.
pub(crate) trait Engine: Send + Sync + std::fmt::Debug + 'static {
    /// The database.
    fn db(&self) -> &Db;
    /// The store's mirror of the value index.
    fn mirror(&self) -> &MirrorSlot;
}
