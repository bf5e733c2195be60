//! The accounts area.

use super::*;

async fn a_user_round_trips_with_roles(store: Arc<dyn Store>) {
    let user = new_user("pc.smith", &[Role::NeighbourhoodOfficer, Role::Supervisor]);
    store
        .create_user(&user, event(T0, "user.created", "user:x"))
        .await
        .unwrap();

    let creds = store.credentials(&name("pc.smith")).await.unwrap().unwrap();
    assert_eq!(creds.user.id, user.id);
    assert_eq!(creds.user.roles, user.roles);
    assert_eq!(creds.user.created_at, T0);
    assert_eq!(creds.password_hash, user.password_hash);
    assert_eq!(
        store.user(user.id).await.unwrap().unwrap().username,
        name("pc.smith")
    );
    assert_eq!(store.count_users().await.unwrap(), 1);
    assert!(store.credentials(&name("nobody")).await.unwrap().is_none());
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
        matches!(err, StoreError::Conflict(peel_store::Conflict::Username)),
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
        .set_roles(a.id, &roles, vec![event(T0, "user.roles_changed", "")])
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
            vec![event(T0, "login.succeeded", "")],
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

async fn an_account_keeps_its_team_and_the_teams_it_supervises(store: Arc<dyn Store>) {
    let mut sergeant = new_user("sgt.khan", &[Role::Supervisor]);
    sergeant.team = Some(team("snt-E05013806"));
    store
        .create_user(&sergeant, event(T0, "user.created", ""))
        .await
        .unwrap();
    let teams = [team("snt-E05013807"), team("snt-E05013808")];
    store
        .set_supervises(
            sergeant.id,
            &teams,
            event(T0, "user.supervises_changed", ""),
        )
        .await
        .unwrap();
    let read = store.user(sergeant.id).await.unwrap().unwrap();
    assert_eq!(read.team, sergeant.team);
    assert_eq!(read.supervises, teams);
    store
        .set_team(sergeant.id, None, event(T0, "user.team_changed", ""))
        .await
        .unwrap();
    store
        .set_supervises(sergeant.id, &[], event(T0, "user.supervises_changed", ""))
        .await
        .unwrap();
    let listed = store.list_users().await.unwrap();
    assert_eq!(
        (listed[0].team.clone(), listed[0].supervises.len()),
        (None, 0)
    );
    let missing = store
        .set_supervises(
            UserId(Uuid::new_v4()),
            &teams,
            event(T0, "user.supervises_changed", ""),
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
    // A second failure counted from the same reading (a parallel guess) still counts.
    store
        .record_login_failure(&[("ip:127.0.0.1".into(), updated)], vec![])
        .await
        .unwrap();
    assert_eq!(
        store
            .throttle("ip:127.0.0.1")
            .await
            .unwrap()
            .map(|s| s.failures),
        Some(4)
    );
    // A new window replaces the old count.
    let fresh = ThrottleState {
        failures: 1,
        window_started: T0 + Duration::minutes(20),
        locked_until: None,
    };
    store
        .record_login_failure(&[("ip:127.0.0.1".into(), fresh)], vec![])
        .await
        .unwrap();
    assert_eq!(store.throttle("ip:127.0.0.1").await.unwrap(), Some(fresh));

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
        organisation: org("a-bank"),
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

contract!(
    store: a_user_round_trips_with_roles,
        an_account_keeps_its_team_and_the_teams_it_supervises,
        a_taken_username_is_a_conflict_and_writes_no_audit_entry,
        roles_are_replaced_and_listed,
        a_setup_token_creates_one_administrator_once_and_expires,
        sessions_are_listed_and_revoked_one_at_a_time_or_all,
        throttle_states_are_kept_cleared_and_listed_when_locked,
        a_successful_sign_in_clears_the_account_throttle,
        api_keys_are_stored_listed_and_revoked;
    raw:
);
