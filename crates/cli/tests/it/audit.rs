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

/// A store for the anchoring tests: a data directory, and on PostgreSQL a database of its own.
struct Anchored {
    dir: tempfile::TempDir,
    database: Option<(String, String)>,
}

impl Anchored {
    /// Three accounts added at the console (three entries, each sealed by a checkpoint when
    /// its command ended); `None` on PostgreSQL when no server is configured (outside CI).
    async fn new(postgres: bool) -> Option<Anchored> {
        let dir = tempfile::tempdir().unwrap();
        let database = if postgres {
            let Ok(url) = std::env::var("PEEL_TEST_POSTGRES_URL") else {
                peel_skip::skip("PEEL_TEST_POSTGRES_URL is not set: skipped the PostgreSQL run");
                return None;
            };
            let name = format!("peel_cli_{}", uuid::Uuid::new_v4().simple());
            let admin = sqlx::PgPool::connect(&url).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin)
                .await
                .unwrap();
            admin.close().await;
            let base = url.rsplit_once('/').unwrap().0.to_owned();
            Some((format!("{base}/{name}"), url))
        } else {
            None
        };
        let anchored = Anchored { dir, database };
        for name in ["alpha", "bravo", "charlie"] {
            let out = anchored.peel(
                &["user", "add", "--role", "volunteer", name],
                "heron kettle gravel 47\n",
            );
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Some(anchored)
    }

    fn peel(&self, args: &[&str], stdin: &str) -> std::process::Output {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--data-dir", self.dir.path().to_str().unwrap()]);
        if let Some((url, _)) = &self.database {
            all.extend(["--database-url", url.as_str()]);
        }
        peel(&all, stdin)
    }

    fn verify(&self) -> (bool, String) {
        let out = self.peel(&["audit", "verify"], "");
        (out.status.success(), stdout(&out))
    }

    async fn sql(&self, sql: &str) {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match &self.database {
            Some((url, _)) => {
                let pool = sqlx::PgPool::connect(url).await.unwrap();
                sqlx::raw_sql(sql).execute(&pool).await.unwrap();
                pool.close().await;
            }
            None => {
                let url = format!("sqlite:{}", self.dir.path().join("peel.db").display());
                let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
                sqlx::raw_sql(sql).execute(&pool).await.unwrap();
                pool.close().await;
            }
        }
    }

    async fn drop_triggers(&self) {
        if self.database.is_some() {
            self.sql("DROP TRIGGER audit_log_no_update ON audit_log")
                .await;
        } else {
            self.sql("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete")
                .await;
        }
    }

    /// The entries as stored.
    async fn entries(&self) -> Vec<peel_core::audit::AuditEntry> {
        let store = peel_store::open(
            self.database.as_ref().map(|(url, _)| url.as_str()),
            self.dir.path(),
            self.chain_key(),
        )
        .await
        .unwrap();
        store
            .audit_entries(&peel_store::AuditQuery {
                limit: 1_000,
                ..Default::default()
            })
            .await
            .unwrap()
    }

    fn chain_key(&self) -> peel_core::audit::ChainKey {
        peel_core::audit::ChainKey::from_slice(
            &std::fs::read(self.dir.path().join("audit-chain.key")).unwrap(),
        )
        .unwrap()
    }

    async fn cleanup(self) {
        if let Some((url, admin_url)) = &self.database {
            let name = url.rsplit_once('/').unwrap().1;
            let admin = sqlx::PgPool::connect(admin_url).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&admin)
            .await
            .unwrap();
        }
    }
}

/// Finding H-4: with the triggers dropped, an entry edited and the chain re-hashed onwards
/// (here even with the chain key itself, the strongest attacker) and the head moved is caught
/// by the signed checkpoints.
async fn re_hashing_after_dropping_the_triggers_is_caught(postgres: bool) {
    let Some(anchored) = Anchored::new(postgres).await else {
        return;
    };
    let (ok, out) = anchored.verify();
    assert!(ok && out.contains("intact: 3 entries"), "{out}");
    anchored.drop_triggers().await;
    let key = anchored.chain_key();
    let mut prev = peel_core::audit::GENESIS;
    let mut sql = String::new();
    for mut entry in anchored.entries().await {
        if entry.seq == 2 {
            entry.event.detail = "nothing happened".into();
        }
        let rehashed = peel_core::audit::seal(entry.seq, prev, entry.event.clone(), Some(&key));
        sql.push_str(&format!(
            "UPDATE audit_log SET detail = '{}', prev_hash = '{}', hash = '{}' WHERE seq = {};",
            rehashed.event.detail.replace('\'', "''"),
            hex::encode(rehashed.prev_hash),
            hex::encode(rehashed.hash),
            rehashed.seq
        ));
        prev = rehashed.hash;
    }
    sql.push_str(&format!(
        "UPDATE audit_head SET hash = '{}' WHERE id = 1;",
        hex::encode(prev)
    ));
    anchored.sql(&sql).await;
    let (ok, out) = anchored.verify();
    assert!(!ok, "{out}");
    assert!(
        out.contains("entry 2 is not the entry the signed checkpoint"),
        "{out}"
    );
    anchored.cleanup().await;
}

/// Finding H-4: the tail cut off and `audit_head` moved back is caught.
async fn a_cut_tail_with_the_head_moved_back_is_caught(postgres: bool) {
    let Some(anchored) = Anchored::new(postgres).await else {
        return;
    };
    anchored.drop_triggers().await;
    let second = anchored.entries().await[1].clone();
    anchored
        .sql(&format!(
            "DELETE FROM audit_log WHERE seq = 3; UPDATE audit_head SET seq = 2, hash = '{}' WHERE id = 1;",
            hex::encode(second.hash)
        ))
        .await;
    let (ok, out) = anchored.verify();
    assert!(!ok, "{out}");
    assert!(
        out.contains("the chain ends at entry 2 but a signed checkpoint sealed entry 3"),
        "{out}"
    );
    anchored.cleanup().await;
}

/// An edited checkpoint file, or one signed by a swapped key, is not trusted.
async fn an_edited_checkpoint_file_or_a_swapped_key_is_caught(postgres: bool) {
    let Some(anchored) = Anchored::new(postgres).await else {
        return;
    };
    let file = anchored.dir.path().join("audit-checkpoints.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    std::fs::write(&file, text.replacen("\"seq\":2", "\"seq\":3", 1)).unwrap();
    let (ok, out) = anchored.verify();
    assert!(!ok, "{out}");
    assert!(
        out.contains("line 2 of the checkpoint file was altered"),
        "{out}"
    );

    // Moved elsewhere and named: the same file is read.
    std::fs::write(&file, &text).unwrap();
    let elsewhere = anchored.dir.path().join("shipped.jsonl");
    std::fs::rename(&file, &elsewhere).unwrap();
    let named = anchored.peel(
        &[
            "audit",
            "verify",
            "--checkpoints",
            elsewhere.to_str().unwrap(),
        ],
        "",
    );
    assert!(named.status.success(), "{}", stdout(&named));
    let (ok, out) = anchored.verify();
    assert!(!ok && out.contains("no signed checkpoint"), "{out}");

    std::fs::rename(&elsewhere, &file).unwrap();
    std::fs::write(anchored.dir.path().join("audit-signing.key"), [9_u8; 32]).unwrap();
    let (ok, out) = anchored.verify();
    assert!(!ok, "{out}");
    assert!(out.contains("not by this Peel's key"), "{out}");
    anchored.cleanup().await;
}

#[tokio::test]
async fn sqlite_re_hashing_after_dropping_the_triggers_is_caught() {
    re_hashing_after_dropping_the_triggers_is_caught(false).await;
}

#[tokio::test]
async fn postgres_re_hashing_after_dropping_the_triggers_is_caught() {
    re_hashing_after_dropping_the_triggers_is_caught(true).await;
}

#[tokio::test]
async fn sqlite_a_cut_tail_with_the_head_moved_back_is_caught() {
    a_cut_tail_with_the_head_moved_back_is_caught(false).await;
}

#[tokio::test]
async fn postgres_a_cut_tail_with_the_head_moved_back_is_caught() {
    a_cut_tail_with_the_head_moved_back_is_caught(true).await;
}

#[tokio::test]
async fn sqlite_an_edited_checkpoint_file_or_a_swapped_key_is_caught() {
    an_edited_checkpoint_file_or_a_swapped_key_is_caught(false).await;
}

#[tokio::test]
async fn postgres_an_edited_checkpoint_file_or_a_swapped_key_is_caught() {
    an_edited_checkpoint_file_or_a_swapped_key_is_caught(true).await;
}

/// A mistyped `--data-dir` is refused by the commands that only read, not given a new empty
/// store; and an empty audit trail is never called intact (the newcomer's review).
#[test]
fn reading_commands_refuse_a_folder_with_no_store_and_an_empty_trail_is_not_intact() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("peel-dat2");
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["audit", "verify", "--data-dir", missing],
        vec!["audit", "export", "--data-dir", missing],
        vec!["user", "list", "--data-dir", missing],
        vec!["org", "list", "--data-dir", missing],
        vec!["agreement", "list", "--data-dir", missing],
        vec!["people", "list", "--data-dir", missing],
    ] {
        let output = peel(&args, "");
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("There is no Peel store"),
            "{args:?}: {stderr}"
        );
    }
    assert!(
        !std::path::Path::new(missing).join("peel.db").exists(),
        "nothing was made"
    );
    // A store that exists but has no audit entries yet.
    let fresh = dir.path().join("fresh");
    let fresh = fresh.to_str().unwrap();
    assert!(
        peel(&["notify", "retention", "--data-dir", fresh], "")
            .status
            .success()
    );
    let output = peel(&["audit", "verify", "--data-dir", fresh], "");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(!stdout.contains("intact"), "{stdout}");
    assert!(stdout.contains("holds no entries"), "{stdout}");
}
