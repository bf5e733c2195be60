//! Peel's domain core: the types, rules and policies that every capability shares.
//!
//! **Architecture Invariant:** this crate never does IO.
//! Time, randomness and identifiers are passed in as arguments, so every rule here can be tested
//! in microseconds and cannot fail because of the network or the disk.

pub mod audit;
pub mod calendar;
pub mod case;
pub mod classifier;
pub mod clock;
pub mod concern;
pub mod contact;
pub mod dash;
pub mod evidence;
pub mod ids;
pub mod item;
pub mod london;
pub mod marking;
pub mod message;
pub mod notification;
pub mod password;
pub mod people;
pub mod policy;
pub mod postcode;
pub mod reference;
pub mod retention;
pub mod role;
pub mod routing;
pub mod session;
pub mod sharing;
mod slug;
pub mod stats;
pub mod submission;
pub mod support;
pub mod throttle;
pub mod token;
pub mod totp;
pub mod triage;
pub mod username;

pub use ids::{
    AlertId, ApiKeyId, CaseId, ClearanceId, IdError, MessageId, NotificationId, OrganisationId,
    PersonId, SessionId, SubmissionId, TaskId, TeamId, UserId, WardCode,
};
pub use item::{ItemRef, Source};
pub use marking::Marking;
pub use role::{Role, RoleSet};
