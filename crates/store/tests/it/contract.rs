//! The store contract: every test runs against SQLite and, when `PEEL_TEST_POSTGRES_URL` is set,
//! against PostgreSQL in a fresh schema. Test names say which backend ran.

use std::sync::Arc;

use peel_core::audit::{AuditCode, AuditEvent, ChainBreak, Operation};
use peel_core::throttle::ThrottleState;
use peel_core::{ApiKeyId, Role, RoleSet, SessionId, UserId};
use peel_store::testing::TestStore;
use peel_store::{
    AuditQuery, LATEST_SCHEMA_VERSION, NewApiKey, NewSession, NewUser, Store, StoreError,
    VerifyError, verify_audit_chain,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

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

fn new_user(name: &str, roles: &[Role]) -> NewUser {
    NewUser {
        id: UserId(Uuid::new_v4()),
        username: name.into(),
        password_hash: "$argon2id$not-a-real-hash".into(),
        roles: roles.iter().copied().collect(),
        organisation: "met".into(),
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
    }
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

async fn migrations_report_the_latest_schema_version(store: Arc<dyn Store>) {
    assert_eq!(store.schema_version().await.unwrap(), LATEST_SCHEMA_VERSION);
}

async fn a_user_round_trips_with_roles(store: Arc<dyn Store>) {
    let user = new_user("pc.smith", &[Role::NeighbourhoodOfficer, Role::Supervisor]);
    store
        .create_user(&user, event(T0, "user.created", "user:x"))
        .await
        .unwrap();

    let creds = store.credentials("pc.smith").await.unwrap().unwrap();
    assert_eq!(creds.user.id, user.id);
    assert_eq!(creds.user.roles, user.roles);
    assert_eq!(creds.user.created_at, T0);
    assert_eq!(creds.password_hash, user.password_hash);
    assert_eq!(
        store.user(user.id).await.unwrap().unwrap().username,
        "pc.smith"
    );
    assert_eq!(store.count_users().await.unwrap(), 1);
    assert!(store.credentials("nobody").await.unwrap().is_none());
}

async fn a_taken_username_is_a_conflict_and_writes_no_audit_entry(store: Arc<dyn Store>) {
    store
        .create_user(&new_user("pc.smith", &[]), event(T0, "user.created", ""))
        .await
        .unwrap();
    let before = audit_count(store.as_ref()).await;

    let err = store
        .create_user(
            &new_user("pc.smith", &[Role::Auditor]),
            event(T0, "user.created", ""),
        )
        .await
        .unwrap_err();

    assert!(
        matches!(err, StoreError::Conflict(ref m) if m.contains("pc.smith")),
        "{err:?}"
    );
    assert_eq!(audit_count(store.as_ref()).await, before);
    assert_eq!(store.count_users().await.unwrap(), 1);
}

async fn roles_are_replaced_and_listed(store: Arc<dyn Store>) {
    let a = new_user("alpha", &[Role::Volunteer]);
    let b = new_user("bravo", &[Role::Analyst]);
    store
        .create_user(&a, event(T0, "user.created", ""))
        .await
        .unwrap();
    store
        .create_user(&b, event(T0, "user.created", ""))
        .await
        .unwrap();

    let roles: RoleSet = [Role::Auditor, Role::Administrator].into_iter().collect();
    store
        .set_roles(a.id, &roles, event(T0, "user.roles_changed", ""))
        .await
        .unwrap();

    let users = store.list_users().await.unwrap();
    assert_eq!(
        users
            .iter()
            .map(|u| u.username.as_str())
            .collect::<Vec<_>>(),
        ["alpha", "bravo"]
    );
    assert_eq!(users[0].roles, roles);
    assert_eq!(users[1].roles, b.roles);
    let missing = store
        .set_roles(
            UserId(Uuid::new_v4()),
            &roles,
            event(T0, "login.succeeded", ""),
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

async fn a_setup_token_creates_one_administrator_once_and_expires(store: Arc<dyn Store>) {
    let expires = T0 + Duration::hours(1);
    store
        .create_setup_token("digest-1", T0, expires)
        .await
        .unwrap();
    store
        .create_setup_token("digest-2", T0, expires)
        .await
        .unwrap();
    assert!(store.setup_token_is_usable("digest-1", T0).await.unwrap());
    assert!(
        !store
            .setup_token_is_usable("digest-1", expires)
            .await
            .unwrap()
    );
    assert!(!store.setup_token_is_usable("unknown", T0).await.unwrap());

    let expired = store
        .complete_setup(
            "digest-1",
            expires,
            &new_user("late", &[]),
            event(T0, "user.created", ""),
        )
        .await;
    assert!(matches!(expired, Err(StoreError::SetupTokenInvalid)));

    let admin = new_user("admin", &[Role::Administrator]);
    store
        .complete_setup("digest-1", T0, &admin, event(T0, "user.created", ""))
        .await
        .unwrap();
    assert_eq!(store.count_users().await.unwrap(), 1);

    let again = store
        .complete_setup(
            "digest-1",
            T0,
            &new_user("second", &[]),
            event(T0, "user.created", ""),
        )
        .await;
    assert!(matches!(again, Err(StoreError::SetupTokenInvalid)));
    // Another unused token is worthless once an account exists.
    let other = store
        .complete_setup(
            "digest-2",
            T0,
            &new_user("third", &[]),
            event(T0, "user.created", ""),
        )
        .await;
    assert!(matches!(other, Err(StoreError::SetupTokenInvalid)));
    assert!(!store.setup_token_is_usable("digest-2", T0).await.unwrap());
    assert_eq!(store.count_users().await.unwrap(), 1);
}

async fn sessions_are_listed_and_revoked_one_at_a_time_or_all(store: Arc<dyn Store>) {
    let user = new_user("pc.smith", &[]);
    let other = new_user("pc.jones", &[]);
    store
        .create_user(&user, event(T0, "user.created", ""))
        .await
        .unwrap();
    store
        .create_user(&other, event(T0, "user.created", ""))
        .await
        .unwrap();
    let s1 = new_session(user.id, "d1");
    let s2 = new_session(user.id, "d2");
    let s3 = new_session(other.id, "d3");
    for session in [&s1, &s2, &s3] {
        store
            .create_session(session, &[], event(T0, "login.succeeded", ""))
            .await
            .unwrap();
    }

    let found = store.session_by_token("d1").await.unwrap().unwrap();
    assert_eq!(found.id, s1.id);
    assert_eq!(found.csrf_token, "csrf-d1");
    store
        .touch_session(s1.id, T0 + Duration::minutes(5))
        .await
        .unwrap();
    let touched = store.session_by_token("d1").await.unwrap().unwrap();
    assert_eq!(touched.last_seen_at, T0 + Duration::minutes(5));
    assert_eq!(store.list_sessions(user.id).await.unwrap().len(), 2);

    // Another account's session cannot be revoked through this account.
    assert!(
        !store
            .revoke_session(user.id, s3.id, T0, event(T0, "login.succeeded", ""))
            .await
            .unwrap()
    );
    assert!(
        store
            .revoke_session(user.id, s1.id, T0, event(T0, "login.succeeded", ""))
            .await
            .unwrap()
    );
    assert!(store.session_by_token("d1").await.unwrap().is_none());
    assert!(
        !store
            .revoke_session(user.id, s1.id, T0, event(T0, "login.succeeded", ""))
            .await
            .unwrap()
    );

    assert_eq!(
        store
            .revoke_user_sessions(user.id, T0, event(T0, "login.succeeded", ""))
            .await
            .unwrap(),
        1
    );
    assert!(store.list_sessions(user.id).await.unwrap().is_empty());
    assert!(store.session_by_token("d3").await.unwrap().is_some());
}

async fn throttle_states_are_kept_cleared_and_listed_when_locked(store: Arc<dyn Store>) {
    let locked = ThrottleState {
        failures: 5,
        window_started: T0,
        locked_until: Some(T0 + Duration::minutes(15)),
    };
    let counting = ThrottleState {
        failures: 2,
        window_started: T0,
        locked_until: None,
    };
    store
        .record_login_failure(
            &[
                ("account:a".into(), locked),
                ("ip:127.0.0.1".into(), counting),
            ],
            vec![event(T0, "login.failed", ""), event(T0, "login.locked", "")],
        )
        .await
        .unwrap();
    assert_eq!(store.throttle("account:a").await.unwrap(), Some(locked));

    let updated = ThrottleState {
        failures: 3,
        ..counting
    };
    store
        .record_login_failure(&[("ip:127.0.0.1".into(), updated)], vec![])
        .await
        .unwrap();
    assert_eq!(store.throttle("ip:127.0.0.1").await.unwrap(), Some(updated));

    let listed = store.locked_keys(T0 + Duration::minutes(1)).await.unwrap();
    assert_eq!(listed, vec![("account:a".to_owned(), locked)]);
    assert!(
        store
            .locked_keys(T0 + Duration::minutes(15))
            .await
            .unwrap()
            .is_empty()
    );

    assert!(
        store
            .clear_throttle("account:a", event(T0, "lockout.cleared", ""))
            .await
            .unwrap()
    );
    assert!(store.throttle("account:a").await.unwrap().is_none());
    assert!(
        !store
            .clear_throttle("account:a", event(T0, "lockout.cleared", ""))
            .await
            .unwrap()
    );
}

async fn a_successful_sign_in_clears_the_account_throttle(store: Arc<dyn Store>) {
    let user = new_user("pc.smith", &[]);
    store
        .create_user(&user, event(T0, "user.created", ""))
        .await
        .unwrap();
    let state = ThrottleState {
        failures: 2,
        window_started: T0,
        locked_until: None,
    };
    store
        .record_login_failure(&[("account:pc.smith".into(), state)], vec![])
        .await
        .unwrap();

    let session = new_session(user.id, "d1");
    store
        .create_session(
            &session,
            &["account:pc.smith".into()],
            event(T0, "login.succeeded", ""),
        )
        .await
        .unwrap();
    assert!(store.throttle("account:pc.smith").await.unwrap().is_none());
}

async fn api_keys_are_stored_listed_and_revoked(store: Arc<dyn Store>) {
    let key = NewApiKey {
        id: ApiKeyId(Uuid::new_v4()),
        key_ref: "a".repeat(32),
        digest: "digest".into(),
        label: "Bank feed".into(),
        organisation: "a-bank".into(),
        created_by: "operator".into(),
        created_at: T0,
        expires_at: Some(T0 + Duration::days(90)),
    };
    store
        .create_api_key(&key, event(T0, "api_key.created", ""))
        .await
        .unwrap();

    let found = store.api_key_by_ref(&key.key_ref).await.unwrap().unwrap();
    assert_eq!(found.digest, "digest");
    assert_eq!(found.expires_at, key.expires_at);
    assert_eq!(found.revoked_at, None);
    assert_eq!(store.list_api_keys().await.unwrap().len(), 1);

    assert!(
        store
            .revoke_api_key(key.id, T0, event(T0, "api_key.revoked", ""))
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .api_key_by_ref(&key.key_ref)
            .await
            .unwrap()
            .unwrap()
            .revoked_at,
        Some(T0)
    );
    assert!(
        !store
            .revoke_api_key(key.id, T0, event(T0, "api_key.revoked", ""))
            .await
            .unwrap()
    );
}

async fn every_change_is_audited_in_order_and_the_chain_verifies(store: Arc<dyn Store>) {
    let user = new_user("pc.smith", &[]);
    store
        .create_user(&user, event(T0, "user.created", "user:1"))
        .await
        .unwrap();
    store
        .set_roles(
            user.id,
            &RoleSet::empty(),
            event(T0, "user.roles_changed", "user:1"),
        )
        .await
        .unwrap();
    store
        .append_audit(vec![
            event(T0, "session.revoked", ""),
            event(T0, "session.ended", ""),
        ])
        .await
        .unwrap();

    let entries = store
        .audit_entries(&AuditQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let codes: Vec<&str> = entries.iter().map(|e| e.event.event.as_str()).collect();
    assert_eq!(
        codes,
        [
            "user.created",
            "user.roles_changed",
            "session.revoked",
            "session.ended"
        ]
    );
    assert_eq!(
        entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(verify_audit_chain(store.as_ref()).await.unwrap(), 4);
    assert_eq!(store.audit_head().await.unwrap().map(|h| h.0), Some(4));
}

async fn audit_entries_filter_by_actor_subject_and_time(store: Arc<dyn Store>) {
    let mut mine = event(T0, "login.succeeded", "user:1");
    mine.actor = "user:me".into();
    let later = event(T0 + Duration::hours(2), "login.failed", "user:2");
    store
        .append_audit(vec![
            mine,
            later,
            event(T0 + Duration::hours(1), "login.locked", "user:1"),
        ])
        .await
        .unwrap();

    let by_actor = AuditQuery {
        actor: Some("user:me".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(store.audit_entries(&by_actor).await.unwrap().len(), 1);
    let by_subject = AuditQuery {
        subject: Some("user:1".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(store.audit_entries(&by_subject).await.unwrap().len(), 2);
    let window = AuditQuery {
        from: Some(T0 + Duration::minutes(30)),
        to: Some(T0 + Duration::hours(2)),
        limit: 10,
        ..Default::default()
    };
    let codes: Vec<String> = store
        .audit_entries(&window)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.event.as_str().to_owned())
        .collect();
    assert_eq!(codes, ["login.locked"]);
    let by_code = AuditQuery {
        event: Some(AuditCode::LoginFailed),
        limit: 10,
        ..Default::default()
    };
    let found = store.audit_entries(&by_code).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].event.subject, "user:2");
    let paged = AuditQuery {
        after_seq: Some(1),
        limit: 1,
        ..Default::default()
    };
    assert_eq!(store.audit_entries(&paged).await.unwrap()[0].seq, 2);
}

async fn concurrent_appends_keep_one_unbroken_chain(store: Arc<dyn Store>) {
    let mut tasks = Vec::new();
    for task in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..10 {
                let subject = format!("task{task}.{i}");
                store
                    .append_audit(vec![event(T0, "login.succeeded", &subject)])
                    .await
                    .unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(verify_audit_chain(store.as_ref()).await.unwrap(), 80);
}

async fn append_audit_entries(store: &dyn Store, n: u32) {
    let events = (0..n)
        .map(|i| event(T0 + Duration::seconds(i.into()), "login.failed", ""))
        .collect();
    store.append_audit(events).await.unwrap();
}

async fn the_log_refuses_updates_and_deletes_through_sql(test: &TestStore) {
    append_audit_entries(test.store.as_ref(), 2).await;
    assert!(
        test.execute_raw("UPDATE audit_log SET detail = 'x' WHERE seq = 1")
            .await
            .is_err()
    );
    assert!(
        test.execute_raw("DELETE FROM audit_log WHERE seq = 1")
            .await
            .is_err()
    );
}

async fn drop_guards(test: &TestStore) {
    let sql = match test.store.backend() {
        peel_store::Backend::Sqlite => {
            "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
        }
        peel_store::Backend::Postgres => "DROP TRIGGER audit_log_no_update ON audit_log;",
    };
    test.execute_raw(sql).await.unwrap();
}

async fn an_altered_entry_is_named_by_verify(test: &TestStore) {
    append_audit_entries(test.store.as_ref(), 5).await;
    drop_guards(test).await;
    test.execute_raw("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3")
        .await
        .unwrap();
    let err = verify_audit_chain(test.store.as_ref()).await.unwrap_err();
    assert!(
        matches!(err, VerifyError::Broken(ChainBreak::Altered { seq: 3 })),
        "{err:?}"
    );
}

async fn a_deleted_entry_is_named_by_verify(test: &TestStore) {
    append_audit_entries(test.store.as_ref(), 5).await;
    drop_guards(test).await;
    test.execute_raw("DELETE FROM audit_log WHERE seq = 2")
        .await
        .unwrap();
    let err = verify_audit_chain(test.store.as_ref()).await.unwrap_err();
    assert!(
        matches!(err, VerifyError::Broken(ChainBreak::Broken { seq: 3, .. })),
        "{err:?}"
    );
}

async fn cutting_off_the_newest_entries_is_caught(test: &TestStore) {
    append_audit_entries(test.store.as_ref(), 5).await;
    drop_guards(test).await;
    test.execute_raw("DELETE FROM audit_log WHERE seq > 3")
        .await
        .unwrap();
    let err = verify_audit_chain(test.store.as_ref()).await.unwrap_err();
    assert!(
        matches!(err, VerifyError::Broken(ChainBreak::Truncated { .. })),
        "{err:?}"
    );
}

async fn swapped_entries_are_caught(test: &TestStore) {
    append_audit_entries(test.store.as_ref(), 5).await;
    drop_guards(test).await;
    test.execute_raw(
        "UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; \
         UPDATE audit_log SET seq = 3 WHERE seq = -1;",
    )
    .await
    .unwrap();
    let err = verify_audit_chain(test.store.as_ref()).await.unwrap_err();
    assert!(
        matches!(err, VerifyError::Broken(ChainBreak::Broken { seq: 2, .. })),
        "{err:?}"
    );
}

fn geography() -> peel_store::GeographyImport {
    peel_store::GeographyImport {
        boroughs: vec![peel_store::GeoBoroughRow {
            code: "E09000033".into(),
            name: "Westminster".into(),
            boundary_geojson: "{}".into(),
        }],
        wards: vec![peel_store::GeoWardRow {
            code: "E05013806".into(),
            name: "St. James's".into(),
            borough_code: "E09000033".into(),
        }],
        postcodes: (0..1_200)
            .map(|i| peel_store::GeoPostcodeRow {
                postcode: format!("SW1A {}AA", i),
                latitude: 51.5 + f64::from(i) / 1e5,
                longitude: -0.12,
                ward_code: "E05013806".into(),
            })
            .collect(),
    }
}

async fn geography_is_replaced_whole_and_every_ward_gets_a_team(store: Arc<dyn Store>) {
    store
        .import_geography(&geography(), event(T0, "geography.imported", ""))
        .await
        .unwrap();
    store
        .import_geography(&geography(), event(T0, "geography.imported", ""))
        .await
        .unwrap();
    let stored = store.geography().await.unwrap();
    assert_eq!(stored.postcodes.len(), 1_200);
    assert_eq!(stored.wards, geography().wards);
    assert_eq!(stored.boroughs, geography().boroughs);
    let teams: Vec<String> = store
        .teams()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert!(teams.contains(&"snt-E05013806".to_owned()));
    assert!(teams.contains(&"central-online".to_owned()));
}

fn submission(reference: &str, received_at: OffsetDateTime) -> peel_store::SubmissionRecord {
    peel_store::SubmissionRecord {
        id: peel_core::SubmissionId(Uuid::new_v4()),
        reference: reference.into(),
        status_token_digest: "digest".into(),
        channel: "api".into(),
        received_at,
        category: "burglary".into(),
        description: "<b>door forced</b>".into(),
        occurred_at: received_at - Duration::hours(1),
        location_kind: "postcode".into(),
        postcode: Some("SW1A 2AA".into()),
        latitude: None,
        longitude: None,
        address_line: None,
        reporter_role: "victim".into(),
        anonymous: false,
        contact_name: Some("Ada".into()),
        contact_email: Some("ada@example.com".into()),
        contact_phone: None,
        safe_contact: "{}".into(),
        language: "English".into(),
        ward_code: Some("E05013806".into()),
        team_id: "snt-E05013806".into(),
        routing_reason: "test".into(),
        stage: "new".into(),
        enhanced_rights: false,
        next_update_due: Some(received_at + Duration::days(7)),
        first_contact_at: None,
        first_contact_channel: None,
        first_contact_by: None,
        updated_at: received_at,
        grade: Some("E".into()),
        first_contact_due: Some(received_at + Duration::hours(24)),
        harm_days: Some(2.0),
        triage_reasons: Some("[]".into()),
        grade_override: None,
        override_reason: None,
        override_by: None,
        override_at: None,
    }
}

async fn a_submission_round_trips_and_a_replayed_key_stores_nothing_twice(store: Arc<dyn Store>) {
    let first = submission("AAAA-AAAA-A", T0);
    let key = peel_store::Idempotency {
        scope: "api".into(),
        key: "k1".into(),
        request_digest: "r1".into(),
        response: "{\"reference\":\"AAAA-AAAA-A\"}".into(),
    };
    let created = store
        .create_submission(&first, Some(&key), event(T0, "submission.received", ""))
        .await
        .unwrap();
    assert_eq!(created, peel_store::CreateOutcome::Created);
    assert_eq!(
        store
            .submission_by_reference("AAAA-AAAA-A")
            .await
            .unwrap()
            .unwrap(),
        first
    );

    let retry = submission("BBBB-BBBB-B", T0);
    let replayed = store
        .create_submission(&retry, Some(&key), event(T0, "submission.received", ""))
        .await
        .unwrap();
    assert_eq!(
        replayed,
        peel_store::CreateOutcome::Replayed(key.response.clone())
    );
    assert!(
        store
            .submission_by_reference("BBBB-BBBB-B")
            .await
            .unwrap()
            .is_none()
    );

    let other_body = peel_store::Idempotency {
        request_digest: "r2".into(),
        ..key.clone()
    };
    let clash = store
        .create_submission(&retry, Some(&other_body), event(T0, "login.succeeded", ""))
        .await;
    assert!(matches!(clash, Err(StoreError::Conflict(_))));
    let taken = store
        .create_submission(
            &submission("AAAA-AAAA-A", T0),
            None,
            event(T0, "login.succeeded", ""),
        )
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))));
    let codes: Vec<String> = store
        .audit_entries(&AuditQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.event.as_str().to_owned())
        .collect();
    assert_eq!(
        codes,
        ["submission.received"],
        "only the stored submission is audited"
    );
}

async fn the_queue_puts_overdue_updates_first_then_grade_then_time_left(store: Arc<dyn Store>) {
    let old_overdue = submission("AAAA-AAAA-A", T0 - Duration::days(10));
    let mut recent = submission("BBBB-BBBB-B", T0 - Duration::hours(1));
    recent.category = "robbery".into();
    let older = submission("CCCC-CCCC-C", T0 - Duration::days(2));
    let mut urgent = submission("DDDD-DDDD-D", T0 - Duration::days(3));
    urgent.grade = Some("I".into());
    urgent.next_update_due = None;
    for s in [&old_overdue, &recent, &older, &urgent] {
        store
            .create_submission(s, None, event(T0, "submission.received", ""))
            .await
            .unwrap();
    }
    let filter = peel_store::QueueFilter {
        team_id: "snt-E05013806".into(),
        stage: None,
        category: None,
        received_after: None,
        now: T0,
        limit: 50,
    };
    let order: Vec<String> = store
        .queue(&filter)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.reference)
        .collect();
    // Overdue update first, then the I-grade, then the E-grades by least time left to contact.
    assert_eq!(
        order,
        ["AAAA-AAAA-A", "DDDD-DDDD-D", "CCCC-CCCC-C", "BBBB-BBBB-B"]
    );
    let robbery = peel_store::QueueFilter {
        category: Some("robbery".into()),
        ..filter.clone()
    };
    assert_eq!(store.queue(&robbery).await.unwrap().len(), 1);
    let other_team = peel_store::QueueFilter {
        team_id: "central-online".into(),
        ..filter
    };
    assert!(store.queue(&other_team).await.unwrap().is_empty());
}

async fn an_override_keeps_the_original_grade_and_overdue_first_contacts_are_listed(
    store: Arc<dyn Store>,
) {
    let late = submission("AAAA-AAAA-A", T0 - Duration::days(3));
    let on_time = submission("BBBB-BBBB-B", T0 - Duration::hours(1));
    for s in [&late, &on_time] {
        store
            .create_submission(s, None, event(T0, "submission.received", ""))
            .await
            .unwrap();
    }
    let overdue: Vec<String> = store
        .overdue_first_contacts(T0, None)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.reference)
        .collect();
    assert_eq!(overdue, ["AAAA-AAAA-A"]);
    assert!(
        store
            .overdue_first_contacts(T0, Some("central-online"))
            .await
            .unwrap()
            .is_empty()
    );

    store
        .override_grade(
            late.id,
            "S",
            T0 + Duration::hours(1),
            "Caller rang back: neighbour threatened",
            "sgt.patel",
            T0,
            event(T0, "submission.regraded", ""),
        )
        .await
        .unwrap();
    let stored = store.submission(late.id).await.unwrap().unwrap();
    assert_eq!(
        stored.grade.as_deref(),
        Some("E"),
        "the original grade is kept"
    );
    assert_eq!(stored.grade_override.as_deref(), Some("S"));
    assert_eq!(stored.override_by.as_deref(), Some("sgt.patel"));
    assert_eq!(stored.first_contact_due, Some(T0 + Duration::hours(1)));
    assert!(
        store
            .overdue_first_contacts(T0, None)
            .await
            .unwrap()
            .is_empty()
    );
    let counts = store
        .override_counts(T0 - Duration::days(90))
        .await
        .unwrap();
    assert_eq!(
        counts,
        vec![("E".to_owned(), "S".to_owned(), "burglary".to_owned(), 1)]
    );

    store
        .retriage(
            on_time.id,
            "S",
            T0 + Duration::minutes(30),
            "[{\"code\":\"risk.dash_high\"}]",
            event(T0, "submission.retriaged", ""),
        )
        .await
        .unwrap();
    let retriaged = store.submission(on_time.id).await.unwrap().unwrap();
    assert_eq!(retriaged.grade.as_deref(), Some("S"));
    assert_eq!(
        retriaged.first_contact_due,
        Some(T0 + Duration::minutes(30))
    );
    assert!(retriaged.triage_reasons.unwrap().contains("risk.dash_high"));
}

async fn dash_checklists_are_kept_and_feed_the_victims_history(store: Arc<dyn Store>) {
    let mut first = submission("AAAA-AAAA-A", T0 - Duration::days(60));
    first.category = "domestic-abuse".into();
    store
        .create_submission(&first, None, event(T0, "submission.received", ""))
        .await
        .unwrap();
    let since = T0 - Duration::days(365);
    assert_eq!(
        store
            .dash_history(Some("ada@example.com"), None, since)
            .await
            .unwrap(),
        (1, false)
    );

    let record = peel_store::DashRecord {
        id: Uuid::new_v4(),
        submission_id: first.id,
        checklist_version: "DASH2009-police/peel-wording-1".into(),
        answers: vec!["yes"; 27].join(","),
        judgement_level: None,
        judgement_reason: None,
        yes_count: 27,
        level: "high".into(),
        marac_referral: true,
        reasons: "[]".into(),
        assessed_by: "pc.smith".into(),
        assessed_at: T0 - Duration::days(59),
    };
    let task = peel_store::Note {
        id: Uuid::new_v4(),
        submission_id: first.id,
        at: T0 - Duration::days(59),
        author: "pc.smith".into(),
        kind: "marac".into(),
        body: "Refer to MARAC".into(),
    };
    store
        .save_dash(&record, Some(&task), event(T0, "dash.assessed", ""))
        .await
        .unwrap();
    assert_eq!(
        store.dash_assessments(first.id).await.unwrap(),
        vec![record]
    );
    assert_eq!(
        store
            .dash_history(Some("ada@example.com"), None, since)
            .await
            .unwrap(),
        (1, true)
    );
    assert_eq!(
        store
            .dash_history(Some("someone@else.com"), None, since)
            .await
            .unwrap(),
        (0, false)
    );
    assert!(
        store
            .notes(first.id)
            .await
            .unwrap()
            .iter()
            .any(|n| n.kind == "marac")
    );
}

async fn earlier_reports_match_on_exact_contact_details_or_address(store: Arc<dyn Store>) {
    let mut first = submission("AAAA-AAAA-A", T0 - Duration::days(30));
    first.address_line = Some("12 High Street".into());
    store
        .create_submission(&first, None, event(T0, "submission.received", ""))
        .await
        .unwrap();
    let since = T0 - Duration::days(365);
    assert_eq!(
        store
            .earlier_reports(Some("ada@example.com"), None, None, since)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .earlier_reports(None, None, Some("12 HIGH STREET"), since)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .earlier_reports(Some("someone@else.com"), None, None, since)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .earlier_reports(None, None, None, since)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .earlier_reports(Some("ada@example.com"), None, None, T0)
            .await
            .unwrap(),
        0,
        "too long ago"
    );
}

async fn first_contact_notes_and_reassignment_are_kept(store: Arc<dyn Store>) {
    let s = submission("AAAA-AAAA-A", T0);
    store
        .create_submission(&s, None, event(T0, "submission.received", ""))
        .await
        .unwrap();
    assert!(
        store
            .record_first_contact(
                s.id,
                T0 + Duration::minutes(20),
                "phone",
                "pc.smith",
                event(T0, "login.succeeded", "")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_first_contact(
                s.id,
                T0 + Duration::minutes(30),
                "email",
                "pc.jones",
                event(T0, "login.succeeded", "")
            )
            .await
            .unwrap()
    );
    let note = peel_store::Note {
        id: Uuid::new_v4(),
        submission_id: s.id,
        at: T0 + Duration::hours(1),
        author: "pc.smith".into(),
        kind: "update".into(),
        body: "We have looked at the CCTV.".into(),
    };
    let due = T0 + Duration::days(8);
    store
        .add_note(&note, Some(due), event(T0, "login.succeeded", ""))
        .await
        .unwrap();
    let moved = peel_store::Note {
        id: Uuid::new_v4(),
        kind: "reassigned".into(),
        body: "online part".into(),
        ..note.clone()
    };
    store
        .reassign(&moved, "central-online", event(T0, "login.succeeded", ""))
        .await
        .unwrap();

    let stored = store.submission(s.id).await.unwrap().unwrap();
    assert_eq!(stored.first_contact_channel.as_deref(), Some("phone"));
    assert_eq!(stored.stage, "contacted");
    assert_eq!(stored.next_update_due, Some(due));
    assert_eq!(stored.team_id, "central-online");
    let kinds: Vec<String> = store
        .notes(s.id)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(kinds.len(), 2);
    assert!(kinds.contains(&"update".to_owned()) && kinds.contains(&"reassigned".to_owned()));
}

fn indicators(
    item: &str,
    source: &str,
    marking: peel_core::Marking,
    values: &[(peel_link::Kind, &str)],
    at: OffsetDateTime,
) -> peel_store::ItemIndicators {
    peel_store::ItemIndicators {
        item: item.into(),
        source: source.into(),
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
        let mut audit = event(item.at, "submission.linked", &item.item);
        audit.operation = Operation::Combination;
        self.correlate(item, cap, audit).await
    }
}

async fn shared_values_link_items_and_common_values_stop_linking(store: Arc<dyn Store>) {
    let entries_before = audit_count(store.as_ref()).await;
    use peel_core::Marking;
    use peel_link::Kind;
    let account = (Kind::BankAccount, "123456-12345678");
    let first = store
        .correlate_audited(
            &indicators("submission:a", "ann", Marking::Amber, &[account], T0),
            2,
        )
        .await
        .unwrap();
    assert!(first.links.is_empty());
    let second = store
        .correlate_audited(
            &indicators(
                "notification:b",
                "a-bank",
                Marking::AmberStrict,
                &[account, (Kind::Phone, "+447700900001")],
                T0 + Duration::minutes(1),
            ),
            2,
        )
        .await
        .unwrap();
    assert_eq!(second.links.len(), 1);
    let link = &second.links[0];
    assert_eq!(
        (link.earlier.as_str(), link.later.as_str()),
        ("submission:a", "notification:b")
    );
    assert_eq!(link.marking, Marking::AmberStrict, "the stricter marking");
    assert_eq!(link.earlier_found_in, "submission:a text");
    // The same item correlated again makes nothing twice.
    store
        .correlate_audited(
            &indicators(
                "notification:b",
                "a-bank",
                Marking::AmberStrict,
                &[account],
                T0,
            ),
            2,
        )
        .await
        .unwrap();
    let stored = store.links_of("submission:a").await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].other("submission:a"), "notification:b");
    assert_eq!(stored[0].kind, Kind::BankAccount);
    assert_eq!(store.links_of("notification:b").await.unwrap(), stored);
    // Linking is a combination in s.62's terms: recorded when links are made, and only then.
    let entries = store
        .audit_entries(&AuditQuery {
            limit: 100,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let linked: Vec<_> = entries
        .iter()
        .filter(|e| e.event.event == "submission.linked")
        .collect();
    assert_eq!(linked.len(), 2, "the first correlation made no link");
    assert_eq!(linked[0].event.operation, Operation::Combination);
    assert!(linked[0].event.detail.contains("linked to submission:a"));
    assert_eq!(audit_count(store.as_ref()).await, entries_before + 2);

    // A third source passes the cap of two: the value is common and links nothing.
    let third = store
        .correlate_audited(
            &indicators(
                "submission:c",
                "carl",
                Marking::Green,
                &[account],
                T0 + Duration::minutes(2),
            ),
            2,
        )
        .await
        .unwrap();
    assert!(third.links.is_empty());
    assert_eq!(
        third.common,
        vec![(Kind::BankAccount, "123456-12345678".to_owned())]
    );
    assert!(
        store
            .is_common(Kind::BankAccount, "123456-12345678")
            .await
            .unwrap()
    );
    assert!(!store.is_common(Kind::Phone, "+447700900001").await.unwrap());
    let fourth = store
        .correlate_audited(
            &indicators(
                "submission:d",
                "ann",
                Marking::Green,
                &[account],
                T0 + Duration::minutes(3),
            ),
            2,
        )
        .await
        .unwrap();
    assert!(fourth.links.is_empty() && fourth.common.len() == 1);
}

async fn notifications_are_stored_once_and_linked_to_earlier_items(store: Arc<dyn Store>) {
    use peel_core::Marking;
    use peel_link::Kind;
    let org = peel_store::Organisation {
        id: "northbank".into(),
        name: "North Bank".into(),
        sector: "bank".into(),
        contact: "fraud@northbank.example".into(),
        agreement: "DSA-2026-01".into(),
        allowed_types: vec!["money-mule".into()],
        default_marking: Marking::Amber,
        rate_per_minute: 600,
        red_recipients: vec!["fraud.lead".into()],
        created_at: T0,
    };
    store
        .create_organisation(
            &org,
            event(T0, "organisation.created", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_organisation(
                &org,
                event(T0, "organisation.created", "organisation:northbank")
            )
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.organisation("northbank").await.unwrap(),
        Some(org.clone())
    );
    // A public report already named the account.
    store
        .correlate_audited(
            &indicators(
                "submission:r1",
                "reporter:ann",
                Marking::Amber,
                &[(Kind::BankAccount, "123456-12345678")],
                T0,
            ),
            50,
        )
        .await
        .unwrap();
    let notification = |own: &str, account: &str| peel_store::NewNotification {
        id: Uuid::new_v4(),
        own_id: own.into(),
        kind: "money-mule".into(),
        occurred_at: T0,
        received_at: T0 + Duration::minutes(5),
        postcode: None,
        online: true,
        amount: Some((95_000, "GBP".into())),
        victim_age_band: None,
        body: "mule".into(),
        marking: Marking::Red,
        indicators: vec![peel_store::FoundIndicator {
            kind: Kind::BankAccount,
            value: account.into(),
            found_in: "the notification's indicators".into(),
        }],
    };
    let batch = vec![
        notification("N-1", "123456-12345678"),
        notification("N-2", "654321-87654321"),
    ];
    let outcomes = store
        .ingest_notifications(
            "northbank",
            &batch,
            50,
            event(T0, "notifications.received", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(
        outcomes,
        vec![
            peel_store::IngestOutcome::Accepted { links: 1 },
            peel_store::IngestOutcome::Accepted { links: 0 }
        ]
    );
    let links = store.links_of("submission:r1").await.unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].marking,
        Marking::Red,
        "the link carries the stricter marking"
    );
    // Sent again (with new Peel ids): nothing is stored twice.
    let again: Vec<_> = batch
        .iter()
        .map(|n| peel_store::NewNotification {
            id: Uuid::new_v4(),
            ..n.clone()
        })
        .collect();
    let outcomes = store
        .ingest_notifications(
            "northbank",
            &again,
            50,
            event(T0, "notifications.received", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(outcomes, vec![peel_store::IngestOutcome::Duplicate; 2]);
    assert_eq!(store.notification_count("northbank").await.unwrap(), 2);
    let stored = store.notification(batch[0].id).await.unwrap().unwrap();
    assert_eq!(
        (stored.own_id.as_str(), stored.marking),
        ("N-1", Marking::Red)
    );
    assert!(store.notification(Uuid::new_v4()).await.unwrap().is_none());
    assert_eq!(store.links_of("submission:r1").await.unwrap().len(), 1);

    // The link to a report raised an alert on the fraud queue, RED like the notification.
    let alerts = store.alerts_of("submission:r1").await.unwrap();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    let alert = &alerts[0];
    assert_eq!(
        (
            alert.organisation_id.as_str(),
            alert.notification.clone(),
            alert.notifications,
            alert.marking,
            alert.kind,
            alert.value.as_str(),
            alert.status
        ),
        (
            "northbank",
            format!("notification:{}", batch[0].id),
            1,
            Marking::Red,
            Kind::BankAccount,
            "123456-12345678",
            peel_store::AlertStatus::Open
        )
    );
    let raised = store
        .audit_entries(&peel_store::AuditQuery {
            subject: Some("submission:r1".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        raised
            .iter()
            .any(|e| e.event.event == "alert.raised" && e.event.detail.contains("northbank")),
        "the alert is audited under the report"
    );
    assert!(
        store
            .set_alert_status(
                alert.id,
                peel_store::AlertStatus::Closed,
                "fraud.lead",
                T0 + Duration::minutes(6),
                event(T0, "alert.closed", "alert"),
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .set_alert_status(
                alert.id + 1_000,
                peel_store::AlertStatus::Closed,
                "fraud.lead",
                T0,
                event(T0, "alert.closed", "alert"),
            )
            .await
            .unwrap()
    );

    // The same own id twice in one batch: the first is stored. The bank's next notification
    // naming the account chains to its last and adds to the alert, reopening it.
    let outcomes = store
        .ingest_notifications(
            "northbank",
            &[
                notification("N-3", "123456-12345678"),
                notification("N-3", "123456-12345678"),
            ],
            50,
            event(T0, "notifications.received", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(
        outcomes,
        vec![
            peel_store::IngestOutcome::Accepted { links: 2 },
            peel_store::IngestOutcome::Duplicate
        ]
    );
    let alert = store.alert(alert.id).await.unwrap().unwrap();
    assert_eq!(alert.notifications, 2);
    assert_eq!(alert.status, peel_store::AlertStatus::Open);
    assert_eq!(
        store
            .alerts(Some(peel_store::AlertStatus::Open), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        store
            .alerts(Some(peel_store::AlertStatus::Closed), 10)
            .await
            .unwrap()
            .is_empty()
    );

    // A later report naming the account links to the bank's latest notification, and raises
    // its own alert.
    store
        .correlate_audited(
            &indicators(
                "submission:r2",
                "reporter:bob",
                Marking::Amber,
                &[(Kind::BankAccount, "123456-12345678")],
                T0 + Duration::minutes(10),
            ),
            50,
        )
        .await
        .unwrap();
    let later = store.links_of("submission:r2").await.unwrap();
    let mut others: Vec<&str> = later.iter().map(|l| l.other("submission:r2")).collect();
    others.sort_unstable();
    assert_eq!(
        others.len(),
        2,
        "the first reporter and the bank's latest: {others:?}"
    );
    assert!(others.contains(&"submission:r1"));
    let alerts = store.alerts_of("submission:r2").await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].notifications, 1);
    assert_eq!(store.alerts(None, 10).await.unwrap().len(), 2);

    // The bank reads back what it sent, with how many reports each matched, in pages.
    let sent = store.notifications_sent("northbank", 0, 10).await.unwrap();
    let seen: Vec<(&str, i64)> = sent
        .iter()
        .map(|n| (n.own_id.as_str(), n.matched_reports))
        .collect();
    assert_eq!(seen, vec![("N-1", 1), ("N-2", 0), ("N-3", 2)]);
    let next = store
        .notifications_sent("northbank", sent[0].seq, 1)
        .await
        .unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].own_id, "N-2");
    assert!(
        store
            .notifications_sent("another-bank", 0, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

/// Two stores on one database (the server and an import beside it) each keep the value index in
/// memory; each sees what the other wrote, and removing postings makes both rebuild it.
async fn a_second_store_on_the_same_database_links_to_what_the_first_wrote(test: &TestStore) {
    use peel_core::Marking;
    use peel_link::Kind;
    const ACCOUNT: &str = "123456-12345678";
    let first = test.store.clone();
    let second = test.another().await.unwrap();
    let linked = |c: peel_store::Correlated| {
        let mut items: Vec<String> = c.links.into_iter().map(|l| l.earlier).collect();
        items.sort_unstable();
        items
    };
    let one = first
        .correlate_audited(
            &indicators(
                "submission:r1",
                "reporter:ann",
                Marking::Amber,
                &[(Kind::BankAccount, ACCOUNT)],
                T0,
            ),
            50,
        )
        .await
        .unwrap();
    assert!(one.links.is_empty());
    let two = second
        .correlate_audited(
            &indicators(
                "submission:r2",
                "reporter:bob",
                Marking::Amber,
                &[(Kind::BankAccount, ACCOUNT)],
                T0 + Duration::minutes(1),
            ),
            50,
        )
        .await
        .unwrap();
    assert_eq!(
        linked(two),
        vec!["submission:r1"],
        "the second store read the first's posting"
    );
    let three = first
        .correlate_audited(
            &indicators(
                "submission:r3",
                "reporter:cat",
                Marking::Amber,
                &[(Kind::BankAccount, ACCOUNT)],
                T0 + Duration::minutes(2),
            ),
            50,
        )
        .await
        .unwrap();
    assert_eq!(
        linked(three),
        vec!["submission:r1", "submission:r2"],
        "the first store caught up with the second's"
    );
    // Postings removed (as erasure will) with the epoch moved: both rebuild, and r1 is gone.
    test.execute_raw(
        "DELETE FROM indicator_postings WHERE item = 'submission:r1'; \
         UPDATE correlation_epoch SET epoch = epoch + 1",
    )
    .await
    .unwrap();
    let four = second
        .correlate_audited(
            &indicators(
                "submission:r4",
                "reporter:dan",
                Marking::Amber,
                &[(Kind::BankAccount, ACCOUNT)],
                T0 + Duration::minutes(3),
            ),
            50,
        )
        .await
        .unwrap();
    assert_eq!(linked(four), vec!["submission:r2", "submission:r3"]);
}

/// Retention: old notifications are erased with their links; older ones that link to nothing
/// are pseudonymised and link no more; both are audited as erasures.
async fn retention_erases_old_notifications_and_pseudonymises_unlinked_ones(store: Arc<dyn Store>) {
    use peel_core::Marking;
    use peel_link::Kind;
    let org = peel_store::Organisation {
        id: "northbank".into(),
        name: "North Bank".into(),
        sector: "bank".into(),
        contact: String::new(),
        agreement: "DSA-1".into(),
        allowed_types: vec!["money-mule".into()],
        default_marking: Marking::Amber,
        rate_per_minute: 600,
        red_recipients: vec![],
        created_at: T0,
    };
    store
        .create_organisation(
            &org,
            event(T0, "organisation.created", "organisation:northbank"),
        )
        .await
        .unwrap();
    let report = |item: &str, who: &str, account: &str, at: OffsetDateTime| {
        indicators(
            item,
            who,
            Marking::Amber,
            &[(Kind::BankAccount, account)],
            at,
        )
    };
    store
        .correlate_audited(
            &report(
                "submission:r1",
                "reporter:ann",
                "111111-11111111",
                T0 - Duration::days(1),
            ),
            50,
        )
        .await
        .unwrap();
    store
        .correlate_audited(
            &report(
                "submission:r2",
                "reporter:bob",
                "333333-33333333",
                T0 - Duration::days(1),
            ),
            50,
        )
        .await
        .unwrap();
    let notification = |own: &str, account: &str, days: i64| peel_store::NewNotification {
        id: Uuid::new_v4(),
        own_id: own.into(),
        kind: "money-mule".into(),
        occurred_at: T0,
        received_at: T0 + Duration::days(days),
        postcode: Some("SW1A 1AA".into()),
        online: false,
        amount: None,
        victim_age_band: Some("75-plus".into()),
        body: "mule".into(),
        marking: Marking::Amber,
        indicators: vec![peel_store::FoundIndicator {
            kind: Kind::BankAccount,
            value: account.into(),
            found_in: "North Bank's notification".into(),
        }],
    };
    let batch = [
        notification("A", "111111-11111111", 0),
        notification("B", "222222-22222222", 10),
        notification("C", "333333-33333333", 10),
        notification("D", "444444-44444444", 100),
    ];
    store
        .ingest_notifications(
            "northbank",
            &batch,
            50,
            event(T0, "notifications.received", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(store.links_of("submission:r1").await.unwrap().len(), 1);
    assert_eq!(
        store.notification_kinds("northbank").await.unwrap(),
        vec!["money-mule"]
    );

    store
        .set_retention(
            "northbank",
            "*",
            365,
            90,
            event(T0, "retention.set", "organisation:northbank"),
        )
        .await
        .unwrap();
    store
        .set_retention(
            "northbank",
            "money-mule",
            730,
            30,
            event(T0, "retention.set", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(
        store.retention_rules("northbank").await.unwrap(),
        vec![
            ("*".to_owned(), 365, 90),
            ("money-mule".to_owned(), 730, 30)
        ]
    );

    let mut erasure = event(T0, "notifications.erased", "organisation:northbank");
    erasure.operation = Operation::Erasure;
    let outcome = store
        .apply_retention(
            "northbank",
            "money-mule",
            T0 + Duration::days(1),
            T0 + Duration::days(50),
            T0 + Duration::days(120),
            erasure.clone(),
        )
        .await
        .unwrap();
    assert_eq!(
        outcome,
        peel_store::RetentionOutcome {
            erased: 1,
            pseudonymised: 1
        }
    );
    assert!(
        store.notification(batch[0].id).await.unwrap().is_none(),
        "A is erased"
    );
    assert!(
        store.links_of("submission:r1").await.unwrap().is_empty(),
        "with its link"
    );
    assert!(
        store.notification(batch[1].id).await.unwrap().is_some(),
        "B is kept, pseudonymised"
    );
    assert_eq!(
        store.links_of("submission:r2").await.unwrap().len(),
        1,
        "C links, so it is kept whole"
    );

    // B's account is gone from the index; C's and D's remain.
    let later =
        |item: &str, account: &str| report(item, "reporter:cat", account, T0 + Duration::days(121));
    let b = store
        .correlate_audited(&later("submission:r3", "222222-22222222"), 50)
        .await
        .unwrap();
    assert!(
        b.links.is_empty(),
        "a pseudonymised notification links no more"
    );
    let d = store
        .correlate_audited(&later("submission:r4", "444444-44444444"), 50)
        .await
        .unwrap();
    assert_eq!(d.links.len(), 1);

    // Applied again, nothing more happens.
    let again = store
        .apply_retention(
            "northbank",
            "money-mule",
            T0 + Duration::days(1),
            T0 + Duration::days(50),
            T0 + Duration::days(120),
            erasure,
        )
        .await
        .unwrap();
    assert_eq!(again, peel_store::RetentionOutcome::default());
    let entries = store
        .audit_entries(&peel_store::AuditQuery {
            subject: Some("organisation:northbank".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let erasures: Vec<&str> = entries
        .iter()
        .filter(|e| e.event.operation == Operation::Erasure)
        .map(|e| e.event.event.as_str())
        .collect();
    assert_eq!(
        erasures,
        vec!["notifications.erased", "notifications.pseudonymised"]
    );
}

/// A person round-trips with skills, training, associations and clearances; a trigger and a
/// review are kept; a taken id is a conflict.
async fn people_round_trip_and_clearances_are_updated(store: Arc<dyn Store>) {
    use peel_core::people::matching as m;
    use peel_core::people::skills::{Evidence, HeldSkill, Skill, SkillLevel};
    use peel_core::people::training::Completion;
    use peel_core::people::vetting::{Clearance, Level, Scope, Status, Trigger};
    use time::macros::date;
    let clearance = Clearance {
        level: Level::Nppv2,
        scopes: vec![Scope::DomesticAbuse, Scope::Cyber],
        granted: date!(2025 - 02 - 01),
        expires: date!(2028 - 02 - 01),
        aftercare_due: date!(2026 - 12 - 20),
        status: Status::Active,
        suspended: Vec::new(),
    };
    let record = peel_store::PersonRecord {
        person: m::Person {
            id: "vol-ann".into(),
            name: "Ann Volunteer".into(),
            kind: m::PersonKind::Volunteer,
            home: Some((51.55, -0.06)),
            languages: vec!["en".into(), "pl".into()],
            skills: vec![
                HeldSkill {
                    skill: Skill::CyberHelp,
                    level: SkillLevel::Expert,
                    evidence: Some(Evidence {
                        body: "BCS".into(),
                        number: "990011".into(),
                        verified: Some(("vet.officer".into(), date!(2026 - 03 - 01))),
                    }),
                },
                HeldSkill {
                    skill: Skill::Interpreting("pl".into()),
                    level: SkillLevel::Working,
                    evidence: None,
                },
            ],
            clearances: vec![clearance.clone()],
            training: vec![Completion {
                module: "victim-care".into(),
                completed: date!(2026 - 01 - 10),
                expires: Some(date!(2027 - 01 - 10)),
            }],
            associations: vec![m::Association {
                kind: m::AssociationKind::School,
                value: m::normalise("Hackney Downs School"),
            }],
            availability: m::Availability {
                weekly: vec![m::Slot {
                    day: time::Weekday::Wednesday,
                    from: 540,
                    until: 1020,
                }],
                away: vec![(date!(2026 - 12 - 20), date!(2027 - 01 - 03))],
            },
        },
        username: Some("ann.v".into()),
        team_id: Some("panel-hackney".into()),
        clearance_ids: Vec::new(),
    };
    store
        .create_person(&record, event(T0, "person.created", "person:vol-ann"))
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_person(&record, event(T0, "person.created", "person:vol-ann"))
            .await,
        Err(StoreError::Conflict(_))
    ));
    let people = store.people().await.unwrap();
    assert_eq!(people.len(), 1);
    let stored = &people[0];
    assert_eq!(stored.person, record.person);
    assert_eq!(
        (stored.username.as_deref(), stored.team_id.as_deref()),
        (Some("ann.v"), Some("panel-hackney"))
    );
    assert_eq!(stored.clearance_ids.len(), 1);
    assert_eq!(
        store.person("vol-ann").await.unwrap().as_ref(),
        Some(stored)
    );
    assert!(store.person("nobody").await.unwrap().is_none());

    let id = stored.clearance_ids[0];
    let mut changed = stored.person.clearances[0].clone();
    changed.trigger(
        &Trigger::ChangeOfCircumstances("new partner".into()),
        &[Scope::DomesticAbuse],
        date!(2026 - 11 - 20),
    );
    assert!(
        store
            .update_clearance(
                id,
                &changed,
                event(T0, "clearance.suspended", "person:vol-ann")
            )
            .await
            .unwrap()
    );
    let again = store.people().await.unwrap();
    assert_eq!(again[0].person.clearances[0], changed);
    changed.review(&[Scope::DomesticAbuse], date!(2026 - 11 - 25));
    store
        .update_clearance(
            id,
            &changed,
            event(T0, "clearance.reviewed", "person:vol-ann"),
        )
        .await
        .unwrap();
    let reviewed = store.people().await.unwrap();
    assert!(reviewed[0].person.clearances[0].suspended.is_empty());
    assert_eq!(
        reviewed[0].person.clearances[0].aftercare_due,
        date!(2027 - 11 - 25)
    );
    assert!(
        !store
            .update_clearance(
                id + 100,
                &changed,
                event(T0, "clearance.reviewed", "person:x")
            )
            .await
            .unwrap()
    );
    // Evidence checked again later; a skill with no evidence has nothing to check.
    assert!(
        store
            .verify_skill(
                "vol-ann",
                "cyber_help",
                "vet.lead",
                date!(2026 - 11 - 26),
                event(T0, "skill.verified", "person:vol-ann")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .verify_skill(
                "vol-ann",
                "interpreting:pl",
                "vet.lead",
                date!(2026 - 11 - 26),
                event(T0, "skill.verified", "person:vol-ann")
            )
            .await
            .unwrap()
    );
    let checked = store.people().await.unwrap();
    let evidence = checked[0].person.skills[0].evidence.as_ref().unwrap();
    assert_eq!(
        evidence.verified,
        Some(("vet.lead".to_owned(), date!(2026 - 11 - 26)))
    );
    tasks_are_offered_accepted_and_done(store.as_ref()).await;
}

/// A task on a submission is offered, accepted and done; a stale move changes nothing.
async fn tasks_are_offered_accepted_and_done(store: &dyn Store) {
    use peel_core::people::matching as m;
    use peel_core::people::vetting::Scope;
    use peel_store::TaskStatus::{Accepted, Assigned, Done, Open};
    use time::macros::date;
    let mut requirements = m::TaskKind::VictimVisit.requirements();
    requirements.scope = Some(Scope::DomesticAbuse);
    let task = peel_store::TaskRecord {
        task: m::Task {
            id: "task-1".into(),
            kind: m::TaskKind::VictimVisit,
            requirements,
            language: Some("pl".into()),
            place: Some((51.55, -0.06)),
            window: m::Window {
                day: date!(2026 - 12 - 02),
                from: 600,
                until: 660,
            },
            touches: vec!["pembury estate".into(), "1 mare street".into()],
            previous: Vec::new(),
        },
        item: Some("submission:r1".into()),
        status: Open,
        assigned_to: None,
        created_by: "sgt.patel".into(),
        created_at: T0,
        hours: None,
        visit_note: None,
    };
    store
        .create_task(&task, event(T0, "task.created", "submission:r1"))
        .await
        .unwrap();
    assert_eq!(store.task("task-1").await.unwrap(), Some(task.clone()));
    assert_eq!(store.tasks_not_done().await.unwrap(), vec![task.clone()]);
    let step = |from: peel_store::TaskStatus, to, who: Option<&str>, done: Option<(f64, &str)>| {
        peel_store::TaskMove {
            from: vec![from],
            to,
            assigned_to: who.map(str::to_owned),
            done: done.map(|(h, n)| (h, n.to_owned())),
            at: T0 + Duration::hours(1),
        }
    };
    let audit = |name: &str| event(T0, name, "submission:r1");
    assert!(
        store
            .move_task(
                "task-1",
                &step(Open, Assigned, Some("vol-ann"), None),
                audit("task.assigned")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .move_task(
                "task-1",
                &step(Open, Assigned, Some("vol-bob"), None),
                audit("task.assigned")
            )
            .await
            .unwrap(),
        "already assigned: a second supervisor's click changes nothing"
    );
    assert!(
        store
            .move_task(
                "task-1",
                &step(Assigned, Accepted, None, None),
                audit("task.accepted")
            )
            .await
            .unwrap()
    );
    let note = "Sat with her; new locks booked";
    assert!(
        store
            .move_task(
                "task-1",
                &step(Accepted, Done, None, Some((1.5, note))),
                audit("task.done")
            )
            .await
            .unwrap()
    );
    let done = store.task("task-1").await.unwrap().unwrap();
    assert_eq!(
        (
            done.status,
            done.assigned_to.as_deref(),
            done.hours,
            done.visit_note.as_deref()
        ),
        (Done, Some("vol-ann"), Some(1.5), Some(note))
    );
    assert_eq!(store.tasks_of_person("vol-ann").await.unwrap().len(), 1);
    assert!(
        store.tasks_not_done().await.unwrap().is_empty(),
        "the only task is done"
    );
    assert_eq!(store.tasks_of_item("submission:r1").await.unwrap().len(), 1);
    assert!(
        store
            .tasks_of_item("submission:r2")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.task("task-2").await.unwrap().is_none());
}

/// Abstractions and rosters are kept and read back by the days asked for.
async fn abstractions_and_rosters_are_read_by_period(store: Arc<dyn Store>) {
    use peel_core::people::abstraction::{Abstraction, Cause};
    use time::macros::date;
    let away = |day: time::Date, hours: f64| Abstraction {
        officer: "PC Smith".into(),
        ward: "E05013806".into(),
        day,
        hours,
        cause: Cause::Demonstration,
        reason: "march on Whitehall".into(),
    };
    for (day, hours) in [(date!(2026 - 10 - 31), 8.0), (date!(2026 - 11 - 02), 6.5)] {
        store
            .record_abstraction(
                &away(day, hours),
                "sgt.patel",
                event(T0, "abstraction.recorded", "ward:E05013806"),
            )
            .await
            .unwrap();
    }
    store
        .set_roster(
            "E05013806",
            date!(2026 - 11 - 01),
            900.0,
            event(T0, "roster.set", "ward:E05013806"),
        )
        .await
        .unwrap();
    store
        .set_roster(
            "E05013806",
            date!(2026 - 11 - 01),
            950.0,
            event(T0, "roster.set", "ward:E05013806"),
        )
        .await
        .unwrap();
    let (log, rosters) = store
        .abstractions_between(date!(2026 - 11 - 01), date!(2026 - 12 - 01))
        .await
        .unwrap();
    assert_eq!(log, vec![away(date!(2026 - 11 - 02), 6.5)]);
    assert_eq!(
        rosters,
        vec![("E05013806".to_owned(), date!(2026 - 11 - 01), 950.0)]
    );
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
                        eprintln!("PEEL_TEST_POSTGRES_URL is not set: skipped the PostgreSQL run");
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
                        eprintln!("PEEL_TEST_POSTGRES_URL is not set: skipped the PostgreSQL run");
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

contract!(
    store:
        migrations_report_the_latest_schema_version,
        a_user_round_trips_with_roles,
        a_taken_username_is_a_conflict_and_writes_no_audit_entry,
        roles_are_replaced_and_listed,
        a_setup_token_creates_one_administrator_once_and_expires,
        sessions_are_listed_and_revoked_one_at_a_time_or_all,
        throttle_states_are_kept_cleared_and_listed_when_locked,
        a_successful_sign_in_clears_the_account_throttle,
        api_keys_are_stored_listed_and_revoked,
        every_change_is_audited_in_order_and_the_chain_verifies,
        audit_entries_filter_by_actor_subject_and_time,
        concurrent_appends_keep_one_unbroken_chain,
        geography_is_replaced_whole_and_every_ward_gets_a_team,
        a_submission_round_trips_and_a_replayed_key_stores_nothing_twice,
        the_queue_puts_overdue_updates_first_then_grade_then_time_left,
        first_contact_notes_and_reassignment_are_kept,
        earlier_reports_match_on_exact_contact_details_or_address,
        an_override_keeps_the_original_grade_and_overdue_first_contacts_are_listed,
        dash_checklists_are_kept_and_feed_the_victims_history,
        shared_values_link_items_and_common_values_stop_linking,
        notifications_are_stored_once_and_linked_to_earlier_items,
        retention_erases_old_notifications_and_pseudonymises_unlinked_ones,
        people_round_trip_and_clearances_are_updated,
        abstractions_and_rosters_are_read_by_period;
    raw:
        a_second_store_on_the_same_database_links_to_what_the_first_wrote,
        the_log_refuses_updates_and_deletes_through_sql,
        an_altered_entry_is_named_by_verify,
        a_deleted_entry_is_named_by_verify,
        cutting_off_the_newest_entries_is_caught,
        swapped_entries_are_caught,
);
