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
