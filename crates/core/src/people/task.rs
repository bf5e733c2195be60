//! Where a task for someone on the panels stands.

use crate::slug::slug_enum;

slug_enum! {
    /// Where a task stands: open → assigned → accepted → done, or declined back to open.
    pub enum TaskStatus {
        /// Waiting for a supervisor to assign it.
        Open = ("open", "Open"),
        /// Offered to a person, who has not yet answered.
        Assigned = ("assigned", "Assigned"),
        /// Accepted by the person.
        Accepted = ("accepted", "Accepted"),
        /// Declined by the person; back with the supervisor.
        Declined = ("declined", "Declined"),
        /// Done: the visit or help recorded with its hours.
        Done = ("done", "Done"),
        /// Taken back from the person it was with (their clearance no longer covers it, or a
        /// supervisor took it back), with the reason; with the supervisor again.
        Returned = ("returned", "Returned to the supervisor"),
    }
}

impl TaskStatus {
    /// Whether the person it is with may see its details now (it is with them and not done).
    pub fn is_with_person(self) -> bool {
        matches!(self, TaskStatus::Assigned | TaskStatus::Accepted)
    }
}
