//! The audit area.

use super::*;

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
            vec![event(T0, "user.roles_changed", "user:1")],
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

contract!(
    store: every_change_is_audited_in_order_and_the_chain_verifies,
        audit_entries_filter_by_actor_subject_and_time,
        concurrent_appends_keep_one_unbroken_chain;
    raw: the_log_refuses_updates_and_deletes_through_sql,
        an_altered_entry_is_named_by_verify,
        a_deleted_entry_is_named_by_verify,
        cutting_off_the_newest_entries_is_caught,
        swapped_entries_are_caught
);
