//! How each domain type is kept in a column: ids, slugs, times and days. Records come out of
//! the store as the core's types, parsed here once; a value that does not parse is corruption,
//! reported with its table and row.

use std::borrow::Cow;

use peel_core::audit::{AuditCode, Operation};
use peel_core::case::{CaseStage, OutcomeKind, Programme};
use peel_core::clock::{from_unix_micros, to_unix_micros};
use peel_core::dash::RiskLevel;
use peel_core::message::{FromReporter, Purpose, Status as MessageStatus};
use peel_core::notification::{AlertStatus, NotificationType, retention::Covers};
use peel_core::people::abstraction::Cause;
use peel_core::people::matching::{AssociationKind, PersonKind, TaskKind};
use peel_core::people::task::TaskStatus;
use peel_core::people::vetting::{Level, Scope, Status};
use peel_core::reference::Reference;
use peel_core::submission::{Category, Channel, ContactMethod, NoteKind, ReporterRole, Stage};
use peel_core::triage::Grade;
use peel_core::username::Username;
use peel_core::{
    AlertId, ApiKeyId, CaseId, ClearanceId, ItemRef, Marking, MessageId, NotificationId,
    OrganisationId, PersonId, Role, SessionId, Source, SubmissionId, TaskId, TeamId, UserId,
    WardCode,
};
use peel_link::Kind;
use time::{Date, OffsetDateTime};

use crate::sql::{Column, Param, Query, Row};

/// A domain value bound as one parameter of a primitive type.
pub(crate) trait Bindable {
    /// What is bound.
    type Bind<'a>: Param
    where
        Self: 'a;

    /// The value to bind.
    fn bind_value(&self) -> Self::Bind<'_>;

    /// Binds a NULL of this type (PostgreSQL wants the type even of a NULL).
    fn bind_null(query: Query) -> Query;
}

/// A domain value read back from one column of a primitive type.
pub(crate) trait Readable: Sized {
    /// What is read.
    type Read: Column;

    /// The value read back, or why it is not one.
    fn from_read(read: Self::Read) -> Result<Self, String>;
}

impl<T: Bindable> Param for T {
    fn bind_to(self, query: Query) -> Query {
        self.bind_value().bind_to(query)
    }
}

impl<T: Bindable> Param for Option<T> {
    fn bind_to(self, query: Query) -> Query {
        match self {
            Some(value) => value.bind_value().bind_to(query),
            None => T::bind_null(query),
        }
    }
}

impl<T: Readable> Column for T {
    fn read(row: &Row, at: usize) -> Result<Self, String> {
        T::from_read(T::Read::read(row, at)?)
    }
}

/// Types kept as their text: `$bind` gives the text (borrowed or owned), `$parse` reads it.
macro_rules! text {
    ($($t:ty => $bind:expr, $parse:expr;)*) => {$(
        impl Bindable for $t {
            type Bind<'a> = Cow<'a, str>;

            fn bind_value(&self) -> Cow<'_, str> {
                let bind: fn(&$t) -> Cow<'_, str> = $bind;
                bind(self)
            }

            fn bind_null(query: Query) -> Query {
                query.bind_raw(None::<&str>)
            }
        }

        impl Bindable for &$t {
            type Bind<'a> = Cow<'a, str> where Self: 'a;

            fn bind_value(&self) -> Cow<'_, str> {
                let bind: fn(&$t) -> Cow<'_, str> = $bind;
                bind(self)
            }

            fn bind_null(query: Query) -> Query {
                query.bind_raw(None::<&str>)
            }
        }

        impl Readable for $t {
            type Read = String;

            fn from_read(read: String) -> Result<$t, String> {
                let parse: fn(&str) -> Result<$t, String> = $parse;
                parse(&read)
            }
        }
    )*};
}

impl Param for Cow<'_, str> {
    fn bind_to(self, query: Query) -> Query {
        query.bind_raw(self.as_ref())
    }
}

fn unknown<T>(what: &'static str) -> impl FnOnce() -> Result<T, String> {
    move || Err(format!("not {what}"))
}

/// A slug enum: bound as its `&'static str`, read with its `parse`/`from_slug`.
macro_rules! slug {
    ($($t:ty => $slug:ident, $parse:ident, $what:literal;)*) => {
        text! {$(
            $t => |v| Cow::Borrowed(v.$slug()),
            |s| <$t>::$parse(s).map_or_else(unknown($what), Ok);
        )*}
    };
}

slug! {
    Marking => label, parse, "a TLP marking";
    RiskLevel => slug, parse, "a risk level";
    Kind => slug, from_slug, "an indicator kind";
    Category => slug, parse, "a category";
    Stage => slug, parse, "a stage";
    Channel => slug, parse, "a channel";
    NoteKind => slug, parse, "a kind of note";
    ContactMethod => slug, parse, "a way of making contact";
    CaseStage => slug, parse, "a case stage";
    OutcomeKind => slug, parse, "an outcome";
    Programme => slug, parse, "a partner programme";
    Purpose => slug, parse, "a message purpose";
    MessageStatus => slug, parse, "a message status";
    FromReporter => slug, parse, "a kind of message from a reporter";
    ReporterRole => slug, parse, "a reporter's role";
    Grade => letter, parse, "a grade";
    NotificationType => slug, parse, "a notification type";
    AlertStatus => slug, parse, "an alert status";
    TaskStatus => slug, parse, "a task status";
    peel_core::session::SessionStage => slug, parse, "a stage of signing in";
    TaskKind => slug, from_slug, "a kind of task";
    Role => slug, parse, "a role";
    Operation => slug, parse, "an audit operation";
    AuditCode => as_str, parse, "an audit event code in the catalogue";
    PersonKind => slug, from_slug, "a kind of person";
    peel_core::concern::OrganisationKind => slug, parse, "a kind of organisation";
    AssociationKind => slug, from_slug, "a kind of association";
    Level => slug, from_slug, "a vetting level";
    Scope => slug, from_slug, "a vetting scope";
    Status => slug, from_slug, "a vetting status";
    Cause => slug, from_slug, "a cause of abstraction";
    Covers => slug, parse, "a notification type or *";
    peel_core::stats::priority::Theme => slug, parse, "a priority theme";
}

text! {
    OrganisationId => |v| Cow::Borrowed(v.as_str()), |s| OrganisationId::parse(s).map_err(|e| e.to_string());
    PersonId => |v| Cow::Borrowed(v.as_str()), |s| PersonId::parse(s).map_err(|e| e.to_string());
    TeamId => |v| Cow::Borrowed(v.as_str()), |s| TeamId::parse(s).map_err(|e| e.to_string());
    WardCode => |v| Cow::Borrowed(v.as_str()), |s| WardCode::parse(s).map_err(|e| e.to_string());
    Username => |v| Cow::Borrowed(v.as_ref()), Username::parse;
    Reference => |v| Cow::Owned(v.to_string()), |s| Reference::parse(s).ok_or_else(|| format!("{s:?} is not a reference"));
    ItemRef => |v| Cow::Owned(v.to_string()), |s| s.parse::<ItemRef>().map_err(|e| e.to_string());
    Source => |v| Cow::Owned(v.to_string()), |s| s.parse::<Source>().map_err(|e| e.to_string());
    TaskId => |v| Cow::Owned(v.to_string()), |s| s.parse::<TaskId>().map_err(|e| e.to_string());
    Date => |v| Cow::Owned(v.to_string()), parse_day;
    peel_core::stats::pas::Quarter => |v| Cow::Owned(v.to_string()), |s| peel_core::stats::pas::Quarter::parse(s).ok_or_else(|| format!("{s:?} is not a quarter"));
}

/// A day as stored: `YYYY-MM-DD`.
fn parse_day(text: &str) -> Result<Date, String> {
    Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| format!("{text:?} is not a day"))
}

/// Ids kept as a UUID column.
macro_rules! uuid {
    ($($t:ident),*) => {$(
        impl Bindable for $t {
            type Bind<'a> = uuid::Uuid;

            fn bind_value(&self) -> uuid::Uuid {
                self.0
            }

            fn bind_null(query: Query) -> Query {
                query.bind_raw(None::<uuid::Uuid>)
            }
        }

        impl Readable for $t {
            type Read = uuid::Uuid;

            fn from_read(read: uuid::Uuid) -> Result<$t, String> {
                Ok($t(read))
            }
        }
    )*};
}

uuid!(
    UserId,
    SessionId,
    ApiKeyId,
    SubmissionId,
    NotificationId,
    CaseId,
    MessageId
);

/// Ids kept as an integer column.
macro_rules! number {
    ($($t:ident),*) => {$(
        impl Bindable for $t {
            type Bind<'a> = i64;

            fn bind_value(&self) -> i64 {
                self.0
            }

            fn bind_null(query: Query) -> Query {
                query.bind_raw(None::<i64>)
            }
        }

        impl Readable for $t {
            type Read = i64;

            fn from_read(read: i64) -> Result<$t, String> {
                Ok($t(read))
            }
        }
    )*};
}

number!(AlertId, ClearanceId);

/// Times are whole microseconds since the epoch, in UTC, on both backends.
impl Bindable for OffsetDateTime {
    type Bind<'a> = i64;

    fn bind_value(&self) -> i64 {
        to_unix_micros(*self)
    }

    fn bind_null(query: Query) -> Query {
        query.bind_raw(None::<i64>)
    }
}

impl Readable for OffsetDateTime {
    type Read = i64;

    fn from_read(read: i64) -> Result<OffsetDateTime, String> {
        Ok(from_unix_micros(read))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slug_type_reads_back_what_it_binds() {
        macro_rules! round {
            ($($value:expr),*) => {$(
                let value = $value;
                let text = value.bind_value().into_owned();
                assert_eq!(Readable::from_read(text.clone()).as_ref(), Ok(&value), "{text}");
            )*};
        }
        for marking in Marking::ALL {
            assert_eq!(Marking::from_read(marking.label().to_owned()), Ok(marking));
        }
        for code in AuditCode::ALL {
            assert_eq!(AuditCode::from_read(code.as_str().to_owned()), Ok(*code));
        }
        for stage in Stage::ALL {
            assert_eq!(Stage::from_read(stage.slug().to_owned()), Ok(*stage));
        }
        round!(
            TeamId::intake(),
            WardCode::parse("E05013806").unwrap(),
            ItemRef::Submission(SubmissionId(uuid::Uuid::from_u128(3))),
            parse_day("2026-12-01").unwrap()
        );
    }

    #[test]
    fn a_value_that_is_not_one_is_refused_with_what_it_should_be() {
        assert_eq!(
            Stage::from_read("shelved".to_owned()),
            Err("not a stage".to_owned())
        );
        assert!(
            TeamId::from_read("queue 9".to_owned())
                .unwrap_err()
                .contains("team id")
        );
        assert!(Date::from_read("01/12/2026".to_owned()).is_err());
    }
}
