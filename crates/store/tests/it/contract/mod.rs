//! The store contract: every test runs against SQLite and, when `PEEL_TEST_POSTGRES_URL` is set,
//! against PostgreSQL in a fresh schema. One module per area of the store; test names say the
//! area and which backend ran (`contract::accounts::sqlite::…`).

mod accounts;
mod audit;
mod cases;
mod evidence;
mod geography;
mod linking;
mod notification_versions;
mod notifications;
mod people;
mod priorities;
mod rights;
mod sharing;
mod stats;
mod submissions;
mod tasks;

use std::sync::Arc;

use peel_core::audit::{AuditCode, AuditEvent, ChainBreak, Operation};
use peel_core::throttle::ThrottleState;
use peel_core::username::Username;
use peel_core::{
    ApiKeyId, ItemRef, OrganisationId, Role, RoleSet, SessionId, Source, TeamId, UserId,
};
use peel_store::testing::TestStore;
use peel_store::{
    AuditQuery, LATEST_SCHEMA_VERSION, NewApiKey, NewSession, NewUser, Store, StoreError,
    VerifyError,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// Walks a test store's chain under the test chain key, with no checkpoints.
async fn verify_audit_chain(store: &dyn Store) -> Result<i64, VerifyError> {
    peel_store::verify_audit_chain(
        store,
        &peel_store::testing::test_chain_key(),
        &Default::default(),
    )
    .await
}

const T0: OffsetDateTime = datetime!(2026-11-26 09:00 UTC);

fn event(at: OffsetDateTime, code: &str, subject: &str) -> AuditEvent {
    AuditEvent {
        at,
        actor: "operator".into(),
        actor_label: "console".into(),
        operation: Operation::Security,
        event: AuditCode::parse(code).expect("a code in the catalogue"),
        subject: subject.into(),
        justification: "test".into(),
        recipient: String::new(),
        detail: String::new(),
    }
}

fn name(text: &str) -> Username {
    Username::parse(text).unwrap()
}

fn org(id: &str) -> OrganisationId {
    OrganisationId::parse(id).unwrap()
}

fn team(id: &str) -> TeamId {
    TeamId::parse(id).unwrap()
}

fn person(id: &str) -> peel_core::PersonId {
    peel_core::PersonId::parse(id).unwrap()
}

fn ward(code: &str) -> peel_core::WardCode {
    peel_core::WardCode::parse(code).unwrap()
}

fn new_user(username: &str, roles: &[Role]) -> NewUser {
    NewUser {
        id: UserId(Uuid::new_v4()),
        username: name(username),
        password_hash: "$argon2id$not-a-real-hash".into(),
        roles: roles.iter().copied().collect(),
        organisation: org("met"),
        team: None,
        created_at: T0,
    }
}

fn new_session(user: UserId, digest: &str) -> NewSession {
    NewSession {
        id: SessionId(Uuid::new_v4()),
        token_digest: digest.into(),
        user_id: user,
        csrf_token: format!("csrf-{digest}"),
        created_at: T0,
        ip: "127.0.0.1".into(),
        user_agent: "test".into(),
        stage: peel_core::session::SessionStage::Full,
    }
}

async fn migrations_report_the_latest_schema_version(store: Arc<dyn Store>) {
    assert_eq!(store.schema_version().await.unwrap(), LATEST_SCHEMA_VERSION);
}

async fn audit_count(store: &dyn Store) -> usize {
    store
        .audit_entries(&AuditQuery {
            limit: 10_000,
            ..Default::default()
        })
        .await
        .unwrap()
        .len()
}

/// A submission item numbered `n`, for tests that need items but not their contents.
fn sub(n: u128) -> ItemRef {
    ItemRef::Submission(peel_core::SubmissionId(Uuid::from_u128(n)))
}

/// A notification item numbered `n`.
fn note(n: u128) -> ItemRef {
    ItemRef::Notification(peel_core::NotificationId(Uuid::from_u128(n)))
}

fn reporter(contact: &str) -> Source {
    Source::Reporter(contact.into())
}

/// A reference made from a label, so each label in a test has its own.
fn reference_for(label: &str) -> peel_core::reference::Reference {
    let mut bytes = [0u8; 8];
    for (byte, from) in bytes.iter_mut().zip(label.bytes().filter(|b| *b != b'-')) {
        *byte = from;
    }
    peel_core::reference::Reference::from_random(bytes)
}

fn submission(label: &str, received_at: OffsetDateTime) -> peel_store::Submission {
    use peel_core::submission::{Channel, Contact, Location, ReporterRole, SafeContact, Stage};
    peel_store::Submission {
        id: peel_core::SubmissionId(Uuid::new_v4()),
        reference: reference_for(label),
        status_token_digest: "digest".into(),
        channel: Channel::Api,
        received_at,
        category: peel_core::submission::Category::Burglary,
        description: "<b>door forced</b>".into(),
        occurred_at: received_at - Duration::hours(1),
        location: Location::Postcode(peel_core::postcode::Postcode::parse("SW1A 2AA").unwrap()),
        reporter_role: ReporterRole::Victim,
        contact: Some(Contact {
            name: Some("Ada".into()),
            email: Some("ada@example.com".into()),
            phone: None,
        }),
        safe_contact: SafeContact::default(),
        language: "English".into(),
        ward: Some(ward("E05013806")),
        team: team("snt-E05013806"),
        routing_reason: "test".into(),
        stage: Stage::New,
        enhanced_rights: false,
        next_update_due: Some(received_at + Duration::days(7)),
        first_contact_due: Some(received_at + Duration::hours(24)),
        first_contact: None,
        updated_at: received_at,
        triage: Some(peel_store::Triage {
            grade: peel_core::triage::Grade::E,
            harm_days: 2.0,
            reasons: Vec::new(),
        }),
        grade_override: None,
        has_dash: false,
        review_due: None,
        restricted: None,
        community: None,
        taken_by: None,
        concern: None,
    }
}

fn indicators(
    item: ItemRef,
    source: Source,
    marking: peel_core::Marking,
    values: &[(peel_link::Kind, &str)],
    at: OffsetDateTime,
) -> peel_store::ItemIndicators {
    peel_store::ItemIndicators {
        item,
        source,
        marking,
        at,
        indicators: values
            .iter()
            .map(|(kind, value)| peel_store::FoundIndicator {
                kind: *kind,
                value: (*value).into(),
                found_in: format!("{item} text"),
            })
            .collect(),
    }
}

trait CorrelateAudited {
    async fn correlate_audited(
        &self,
        item: &peel_store::ItemIndicators,
        cap: usize,
    ) -> Result<peel_store::Correlated, StoreError>;
}

impl CorrelateAudited for Arc<dyn Store> {
    async fn correlate_audited(
        &self,
        item: &peel_store::ItemIndicators,
        cap: usize,
    ) -> Result<peel_store::Correlated, StoreError> {
        let mut audit = event(item.at, "submission.linked", &item.item.to_string());
        audit.operation = Operation::Combination;
        self.correlate(item, cap, audit).await
    }
}

/// Generates one test per backend for each contract function.
macro_rules! contract {
    (store: $($name:ident),* ; raw: $($raw:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let test = TestStore::sqlite().await.unwrap();
                    super::$name(test.store.clone()).await;
                }
            )*
            $(
                #[tokio::test]
                async fn $raw() {
                    let test = TestStore::sqlite().await.unwrap();
                    super::$raw(&test).await;
                }
            )*
            use super::TestStore;
        }

        /// Runs only when `PEEL_TEST_POSTGRES_URL` is set; `.ci/run` always sets it.
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(test) = TestStore::postgres().await.unwrap() else {
                        peel_skip::skip("PEEL_TEST_POSTGRES_URL is not set: skipped the PostgreSQL run");
                        return;
                    };
                    super::$name(test.store.clone()).await;
                    test.cleanup().await;
                }
            )*
            $(
                #[tokio::test]
                async fn $raw() {
                    let Some(test) = TestStore::postgres().await.unwrap() else {
                        peel_skip::skip("PEEL_TEST_POSTGRES_URL is not set: skipped the PostgreSQL run");
                        return;
                    };
                    super::$raw(&test).await;
                    test.cleanup().await;
                }
            )*
            use super::TestStore;
        }
    };
}

pub(crate) use contract;

contract!(
    store: migrations_report_the_latest_schema_version;
    raw:
);
