//! `peel audit verify` and `peel audit export`.

use super::{add_user, peel, stdout};

async fn tamper(dir: &std::path::Path, sql: &str) {
    let store = peel_store::SqliteStore::open(&dir.join("peel.db"))
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(store.pool())
        .await
        .unwrap();
}

#[tokio::test]
async fn verify_passes_on_an_untouched_store_and_names_the_entry_after_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    for name in ["alpha", "bravo", "charlie"] {
        add_user(dir.path(), name, "volunteer");
    }

    let intact = peel(&["audit", "verify", "--data-dir", data_dir], "");
    assert!(intact.status.success(), "{}", stdout(&intact));
    assert!(stdout(&intact).contains("intact: 3 entries"));

    tamper(
        dir.path(),
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2",
    )
    .await;
    let broken = peel(&["audit", "verify", "--data-dir", data_dir], "");
    assert!(!broken.status.success());
    assert!(
        stdout(&broken).contains("entry 2 was altered"),
        "{}",
        stdout(&broken)
    );
    assert!(stdout(&broken).contains("First bad entry: 2"));
}

#[tokio::test]
async fn verify_catches_a_removed_entry() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["alpha", "bravo", "charlie"] {
        add_user(dir.path(), name, "volunteer");
    }
    tamper(
        dir.path(),
        "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 1",
    )
    .await;
    let broken = peel(
        &[
            "audit",
            "verify",
            "--data-dir",
            dir.path().to_str().unwrap(),
        ],
        "",
    );
    assert!(!broken.status.success());
    assert!(
        stdout(&broken).contains("First bad entry: 2"),
        "{}",
        stdout(&broken)
    );
}

#[test]
fn export_writes_json_lines_and_records_the_disclosure() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    add_user(dir.path(), "alpha", "volunteer");
    add_user(dir.path(), "bravo", "volunteer");

    let export = peel(&["audit", "export", "--data-dir", data_dir], "");
    assert!(export.status.success());
    let lines: Vec<serde_json::Value> = stdout(&export)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["event"], "user.created");
    assert_eq!(lines[0]["operation"], "collection");
    assert_eq!(lines[1]["prev_hash"], lines[0]["hash"]);

    let again = peel(
        &[
            "audit",
            "export",
            "--data-dir",
            data_dir,
            "--from",
            "2000-01-01",
        ],
        "",
    );
    let last: serde_json::Value =
        serde_json::from_str(stdout(&again).lines().last().unwrap()).unwrap();
    assert_eq!(last["event"], "audit.exported");
    assert_eq!(last["operation"], "disclosure");
    assert_eq!(last["recipient"], "data protection officer");

    let nothing = peel(
        &[
            "audit",
            "export",
            "--data-dir",
            data_dir,
            "--to",
            "2000-01-01",
        ],
        "",
    );
    assert!(stdout(&nothing).is_empty());
    let bad = peel(
        &[
            "audit",
            "export",
            "--data-dir",
            data_dir,
            "--from",
            "yesterday",
        ],
        "",
    );
    assert!(!bad.status.success());
}
