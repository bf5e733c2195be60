//! `peel evidence export` and `verify`: a report's evidence sent over HTTP to `peel serve`,
//! exported to a bundle that verifies, and a bundle with one byte changed that fails, naming the
//! item.

use std::time::Duration;

/// A small JPEG (its type is told by its first bytes).
fn photo() -> Vec<u8> {
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    jpeg.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    jpeg.extend((0..30_000u32).map(|i| (i % 251) as u8));
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

#[tokio::test]
async fn an_export_verifies_and_one_changed_byte_is_found_naming_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, _stdout, lines) = super::spawn_serve(dir.path(), 1);
    let base = super::url_in(&lines[0]).to_owned();
    let client = reqwest::Client::new();
    let created: serde_json::Value = client
        .post(format!("{base}/api/v1/reports"))
        .json(&serde_json::json!({
            "description": "A van was broken into outside number 4",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reference = created["reference"].as_str().unwrap().to_owned();
    let token = created["status_token"].as_str().unwrap().to_owned();
    let photo = photo();
    let boundary = "bundle-test";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"van.jpg\"\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&photo);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let sent = client
        .post(format!("{base}/api/v1/reports/{reference}/evidence"))
        .bearer_auth(&token)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 201);
    let item: serde_json::Value = sent.json().await.unwrap();
    let id = item["items"][0]["id"].as_str().unwrap().to_owned();
    super::terminate(&mut server);
    tokio::time::sleep(Duration::from_millis(100)).await;

    let bundle = dir.path().join("bundle.zip");
    let data = dir.path().to_str().unwrap();
    let export = super::peel(
        &[
            "evidence",
            "export",
            "--data-dir",
            data,
            &reference,
            "--out",
            bundle.to_str().unwrap(),
        ],
        "",
    );
    assert!(export.status.success(), "{}", super::stderr(&export));
    let verify = super::peel(&["evidence", "verify", bundle.to_str().unwrap()], "");
    assert!(verify.status.success(), "{}", super::stderr(&verify));
    assert!(super::stdout(&verify).contains("verified: 1 item(s)"));

    // One byte of the file changed: found, naming the item.
    let mut bytes = std::fs::read(&bundle).unwrap();
    let at = bytes
        .windows(8)
        .position(|w| w == &photo[100..108])
        .expect("the file is stored as it is");
    bytes[at] ^= 0x01;
    std::fs::write(&bundle, &bytes).unwrap();
    let tampered = super::peel(&["evidence", "verify", bundle.to_str().unwrap()], "");
    assert!(!tampered.status.success());
    let said = super::stderr(&tampered);
    assert!(
        said.contains(&format!("MISMATCH item {id} (van.jpg)")),
        "{said}"
    );
}
