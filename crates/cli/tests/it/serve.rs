//! `peel serve`: the first-run link, the health check and a graceful stop.

use super::{spawn_serve, terminate, url_in};

#[tokio::test]
async fn first_run_prints_one_setup_link_serves_health_and_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    // The first line says where Peel runs; on first run the second holds the setup link.
    let (mut child, _stdout, lines) = spawn_serve(dir.path(), 2);

    let setup_lines: Vec<&String> = lines.iter().filter(|l| l.contains("/setup/")).collect();
    assert_eq!(setup_lines.len(), 1, "{lines:?}");
    let setup_url = url_in(setup_lines[0]);
    let base = &setup_url[..setup_url.find("/setup/").unwrap()];
    assert!(
        dir.path().join("peel.db").exists(),
        "SQLite lives at DIR/peel.db"
    );

    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    let form = reqwest::get(setup_url).await.unwrap();
    assert_eq!(form.status(), 200);
    assert!(
        form.text()
            .await
            .unwrap()
            .contains("Create the first administrator")
    );

    assert!(
        terminate(&mut child).success(),
        "a SIGTERM stops Peel cleanly"
    );
}

#[tokio::test]
async fn no_setup_link_is_printed_once_an_account_exists() {
    let dir = tempfile::tempdir().unwrap();
    super::add_user(dir.path(), "admin", "administrator");
    let (mut child, mut stdout, lines) = spawn_serve(dir.path(), 1);
    assert!(lines[0].contains("Peel is running"), "{lines:?}");
    // Any setup link would already be printed by the time the server answers.
    let base = url_in(&lines[0]).trim_end_matches('/').to_owned();
    assert_eq!(
        reqwest::get(format!("{base}/healthz"))
            .await
            .unwrap()
            .status(),
        200
    );
    assert!(lines.iter().all(|l| !l.contains("/setup/")), "{lines:?}");
    terminate(&mut child);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert!(!rest.contains("/setup/"), "{rest}");
}

/// Findings M-11 and L-1: the data directory and database are the owner's alone, Peel writes a
/// first audit checkpoint, and a damaged database is refused at start with a plain message.
#[tokio::test]
async fn a_damaged_database_is_refused_at_start_and_the_files_are_the_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    super::add_user(&dir, "admin", "administrator");
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    for file in [
        "peel.db",
        "audit-chain.key",
        "audit-signing.key",
        "audit-checkpoints.jsonl",
        "card-hash.key",
    ] {
        let path = dir.join(file);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{file}");
        }
    }
    assert!(
        dir.join("audit-checkpoints.jsonl").exists(),
        "the console's entry was sealed"
    );

    // Damage a page in the middle of the file, past the header (as a failing disk would),
    // once everything is in the file itself rather than its write-ahead log.
    let db = dir.join("peel.db");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", db.display()))
        .await
        .unwrap();
    sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let mut bytes = std::fs::read(&db).unwrap();
    let len = bytes.len();
    assert!(len > 3 * 4096, "{len}");
    for b in &mut bytes[4096..4096 + 200] {
        *b = 0xa5;
    }
    std::fs::write(&db, bytes).unwrap();
    let out = super::peel(
        &[
            "serve",
            "--data-dir",
            dir.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ],
        "",
    );
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("Peel will not start") || said.contains("malformed"),
        "{said}"
    );
}
