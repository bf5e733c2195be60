//! A crash between commit and send loses no message and sends none twice under different ids:
//! `peel serve` is killed with SIGKILL while the mail server holds a message it has been handed
//! (before it answers), with more messages still queued. After a restart every message
//! arrives, and the one handed over before the crash is sent again with the same Message-ID.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// One message the sink was handed: its Message-ID and whether the sink said it was accepted.
type Handed = Arc<Mutex<Vec<(String, bool)>>>;

/// A minimal SMTP server that, while `hold` is set, takes a message's data and never answers.
async fn sink(hold: Arc<AtomicBool>, handed: Handed) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let (hold, handed) = (hold.clone(), handed.clone());
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 sink\r\n",
                        "DATA" => {
                            let _ = write.write_all(b"354 go on\r\n").await;
                            let mut id = String::new();
                            while let Ok(Some(data)) = lines.next_line().await {
                                if data == "." {
                                    break;
                                }
                                if let Some(value) = data.strip_prefix("Message-ID:") {
                                    id = value.trim().to_owned();
                                }
                            }
                            if hold.load(Ordering::SeqCst) {
                                handed.lock().unwrap().push((id, false));
                                // Handed over; the answer never comes.
                                tokio::time::sleep(Duration::from_secs(3600)).await;
                                return;
                            }
                            handed.lock().unwrap().push((id, true));
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        }
                        _ => b"250 ok\r\n",
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

#[tokio::test]
async fn a_crash_between_commit_and_send_loses_nothing_and_resends_with_the_same_message_id() {
    let hold = Arc::new(AtomicBool::new(true));
    let handed: Handed = Arc::default();
    let port = sink(hold.clone(), handed.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("peel.toml"),
        format!(
            "report_limit_exempt = [\"127.0.0.1\"]\nsmtp_url = \"smtp://127.0.0.1:{port}\"\n\
             mail_from = \"peel@example.police.uk\"\noutbox_lease_seconds = 6\n"
        ),
    )
    .unwrap();
    let (mut child, _stdout, lines) = super::spawn_serve(dir.path(), 1);
    let base = super::url_in(&lines[0]).to_owned();
    let client = reqwest::Client::new();
    let mut references = Vec::new();
    for i in 0..5 {
        let body = serde_json::json!({
            "description": format!("report {i}: someone is sending me threats"),
            "category": "online-abuse",
            "occurred_at": "2026-11-25T22:15:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "contact": {"email": format!("victim{i}@example.org")}},
            "safe_contact": {"channels": ["email"]}
        });
        let created: serde_json::Value = client
            .post(format!("{base}/api/v1/reports"))
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        references.push(created["reference"].as_str().unwrap().to_owned());
    }
    // Kill the server once the sink holds a message it was handed.
    let deadline = Instant::now() + Duration::from_secs(20);
    while handed.lock().unwrap().is_empty() {
        assert!(
            Instant::now() < deadline,
            "nothing was handed to the mail server"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before: Vec<String> = handed
        .lock()
        .unwrap()
        .iter()
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(before.len(), 1, "one message was in flight: {before:?}");

    // The mail server recovers; Peel starts again on the same data.
    hold.store(false, Ordering::SeqCst);
    let (mut child, _stdout, _) = super::spawn_serve(dir.path(), 1);
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let accepted = handed.lock().unwrap().iter().filter(|(_, ok)| *ok).count();
        if accepted >= 5 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not every message arrived after the restart: {:?}",
            handed.lock().unwrap()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Give a worker time to send anything twice, were it going to.
    tokio::time::sleep(Duration::from_secs(2)).await;
    super::terminate(&mut child);
    let handed = handed.lock().unwrap().clone();
    let mut accepted: BTreeMap<String, usize> = BTreeMap::new();
    for (id, ok) in &handed {
        if *ok {
            *accepted.entry(id.clone()).or_default() += 1;
        }
    }
    assert_eq!(
        accepted.len(),
        5,
        "every message, each under its own id: {handed:?}"
    );
    assert!(
        accepted.values().all(|n| *n == 1),
        "none accepted twice: {handed:?}"
    );
    assert!(
        accepted.contains_key(&before[0]),
        "the message in flight at the crash was sent again with the same Message-ID"
    );
}
