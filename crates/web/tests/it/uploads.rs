//! Resumable evidence uploads by tus 1.0: a large video over a connection that drops half way
//! is resumed from where the server says it got to, and finishes with the right SHA-256.

use base64::Engine;
use peel_testkit::{TestApp, spawn_app};
use serde_json::json;
use sha2::Digest;
use tokio::io::AsyncWriteExt;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Something an MP4 parser and `infer` take for a video: an `ftyp` box, then data.
fn video(bytes: usize) -> Vec<u8> {
    let mut out = vec![0, 0, 0, 0x18];
    out.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2");
    out.extend((0..bytes - out.len()).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    out
}

async fn report(app: &TestApp) -> (String, String) {
    let created = app
        .send_report(&json!({
            "description": "Our doorbell camera filmed a man trying car doors for twenty minutes",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "contact": {"email": "neighbour@example.org"}}
        }))
        .await;
    (
        created["reference"].as_str().unwrap().to_owned(),
        created["status_token"].as_str().unwrap().to_owned(),
    )
}

/// tus creation: the upload's address.
async fn create(app: &TestApp, reference: &str, token: &str, length: usize) -> reqwest::Response {
    app.client()
        .post(app.url("/api/v1/uploads"))
        .header("tus-resumable", "1.0.0")
        .header("upload-length", length.to_string())
        .header(
            "upload-metadata",
            format!(
                "reference {},token {},filename {}",
                b64(reference.as_bytes()),
                b64(token.as_bytes()),
                b64(b"doorbell.mp4")
            ),
        )
        .send()
        .await
        .unwrap()
}

async fn patch(
    app: &TestApp,
    location: &str,
    offset: usize,
    chunk: &[u8],
    checksum: Option<&[u8]>,
) -> reqwest::Response {
    let mut request = app
        .client()
        .patch(app.url(location))
        .header("tus-resumable", "1.0.0")
        .header("content-type", "application/offset+octet-stream")
        .header("upload-offset", offset.to_string());
    if let Some(of) = checksum {
        request = request.header(
            "upload-checksum",
            format!("sha256 {}", b64(&sha2::Sha256::digest(of))),
        );
    }
    request.body(chunk.to_vec()).send().await.unwrap()
}

async fn offset(app: &TestApp, location: &str) -> reqwest::Response {
    app.client()
        .head(app.url(location))
        .header("tus-resumable", "1.0.0")
        .send()
        .await
        .unwrap()
}

/// A PATCH whose connection drops after `sent` of the chunk's bytes, as a phone's does going
/// into a tunnel.
async fn patch_and_drop(app: &TestApp, location: &str, chunk: &[u8], sent: usize) {
    let address = app.address.trim_start_matches("http://");
    let mut connection = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "PATCH {location} HTTP/1.1\r\nHost: {address}\r\nTus-Resumable: 1.0.0\r\n\
         Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n\
         Content-Length: {}\r\n\r\n",
        chunk.len()
    );
    connection.write_all(head.as_bytes()).await.unwrap();
    connection.write_all(&chunk[..sent]).await.unwrap();
    connection.flush().await.unwrap();
    // Let the server take in what was sent, then drop the connection.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    drop(connection);
}

#[tokio::test]
async fn an_upload_interrupted_half_way_resumes_and_finishes_with_the_right_sha256() {
    let app = spawn_app().await;
    let (reference, token) = report(&app).await;
    let file = video(3 * 1024 * 1024 + 17);
    let whole_sha = hex::encode(sha2::Sha256::digest(&file));

    // What the server speaks.
    let options = app
        .client()
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/uploads"))
        .send()
        .await
        .unwrap();
    assert_eq!(options.status(), 204);
    assert_eq!(options.headers()["tus-version"], "1.0.0");
    let extensions = options.headers()["tus-extension"].to_str().unwrap();
    for extension in ["creation", "termination", "checksum", "expiration"] {
        assert!(extensions.contains(extension), "{extensions}");
    }
    assert_eq!(options.headers()["tus-checksum-algorithm"], "sha256");

    let created = create(&app, &reference, &token, file.len()).await;
    assert_eq!(created.status(), 201);
    assert_eq!(created.headers()["tus-resumable"], "1.0.0");
    assert!(
        created.headers()["upload-expires"]
            .to_str()
            .unwrap()
            .ends_with(" GMT")
    );
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/api/v1/uploads/"));

    // The connection drops half way through the first chunk.
    let half = file.len() / 2;
    patch_and_drop(&app, &location, &file, half).await;
    // Until the server has noticed the drop, the upload is busy: a second writer is told so.
    let mut settled = false;
    for _ in 0..100 {
        let probe = patch(&app, &location, 0, &file[..10], None).await;
        assert_eq!(probe.status(), 409);
        if !probe.text().await.unwrap().contains("another request") {
            settled = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(settled, "the dropped chunk was let go");
    let head = offset(&app, &location).await;
    assert_eq!(head.status(), 200);
    assert_eq!(
        head.headers()["upload-length"],
        file.len().to_string().as_str()
    );
    let got: usize = head.headers()["upload-offset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        got > 0 && got <= half,
        "kept {got} of the {half} bytes sent"
    );

    // A chunk sent for the wrong offset is refused with the upload's own.
    let wrong = patch(&app, &location, 0, &file[..10], None).await;
    assert_eq!(wrong.status(), 409);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains(&format!("at byte {got}"))
    );
    // A chunk whose checksum does not match is not kept.
    let mismatch = patch(&app, &location, got, &file[got..got + 1000], Some(b"other")).await;
    assert_eq!(mismatch.status(), 460);
    let head = offset(&app, &location).await;
    assert_eq!(head.headers()["upload-offset"], got.to_string().as_str());

    // The rest, from where the server got to, with its checksum.
    let done = patch(&app, &location, got, &file[got..], Some(&file[got..])).await;
    assert_eq!(done.status(), 204, "{:?}", done.text().await);
    let done = patch(&app, &location, got, &file[got..], Some(&file[got..])).await;
    assert_eq!(done.status(), 404, "a finished upload takes no more");

    let s = app.submission(&reference).await;
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].sha256, whole_sha);
    assert_eq!(items[0].size, file.len() as u64);
    assert_eq!(items[0].mime, "video/mp4");
    assert_eq!(items[0].original_name, "doorbell.mp4");
}

#[tokio::test]
async fn the_last_chunk_says_which_item_it_made() {
    let app = spawn_app().await;
    let (reference, token) = report(&app).await;
    let file = video(20_000);
    let location = create(&app, &reference, &token, file.len()).await.headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    let done = patch(&app, &location, 0, &file, None).await;
    assert_eq!(done.status(), 204);
    assert_eq!(
        done.headers()["peel-evidence-sha256"],
        hex::encode(sha2::Sha256::digest(&file)).as_str()
    );
    assert_eq!(
        done.headers()["upload-offset"],
        file.len().to_string().as_str()
    );
}

#[tokio::test]
async fn a_program_is_refused_at_its_first_chunk_and_uploads_can_be_cancelled() {
    let app = spawn_app().await;
    let (reference, token) = report(&app).await;

    // A program is judged by its first bytes, long before the rest would arrive.
    let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    program.extend(std::iter::repeat_n(0u8, 9_000));
    let location = create(&app, &reference, &token, 10_000_000).await.headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    let refused = patch(&app, &location, 0, &program, None).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("program"));
    assert_eq!(offset(&app, &location).await.status(), 404);

    // Termination removes an upload.
    let location = create(&app, &reference, &token, 1_000).await.headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    let cancelled = app
        .client()
        .delete(app.url(&location))
        .header("tus-resumable", "1.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), 204);
    assert_eq!(offset(&app, &location).await.status(), 404);

    // Without the protocol's version, or with the wrong code, nothing is made.
    let unversioned = app
        .client()
        .post(app.url("/api/v1/uploads"))
        .header("upload-length", "10")
        .send()
        .await
        .unwrap();
    assert_eq!(unversioned.status(), 412);
    assert_eq!(create(&app, &reference, "WRONG", 10).await.status(), 404);
    // Longer than a report may hold.
    assert_eq!(
        create(&app, &reference, &token, 64 * 1024 * 1024 * 1024)
            .await
            .status(),
        413
    );
    let s = app.submission(&reference).await;
    assert!(app.store.evidence_of(s.id).await.unwrap().is_empty());
}

/// tuspy (PyPI), a tus client written by others, uploads half a file, is dropped (as a phone
/// that dies), and a new client resumes from the server's offset with sha256 checksums.
#[tokio::test]
async fn a_real_tus_client_resumes_an_upload_it_was_stopped_in() {
    #![allow(clippy::disallowed_methods)]
    let has_client = std::process::Command::new("python3")
        .args(["-c", "import tusclient"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_client {
        peel_skip::skip("tuspy is not installed: skipped the tus client test");
        return;
    }
    let app = spawn_app().await;
    let (reference, token) = report(&app).await;
    let file = video(2 * 1024 * 1024 + 333);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.mp4");
    std::fs::write(&path, &file).unwrap();
    let script = r#"
import hashlib, sys
from tusclient import client
from tusclient.uploader import Uploader

class Sha256Uploader(Uploader):
    CHECKSUM_ALGORITHM_PAIR = ("sha256", hashlib.sha256)

base, reference, token, path = sys.argv[1:]
tus = client.TusClient(base + "/api/v1/uploads")
first = Sha256Uploader(file_path=path, client=tus, chunk_size=512 * 1024, upload_checksum=True,
                       metadata={"reference": reference, "token": token, "filename": "clip.mp4"})
first.upload_chunk()
first.upload_chunk()
url = first.url
del first
second = Sha256Uploader(file_path=path, client=tus, url=url, chunk_size=512 * 1024,
                        upload_checksum=True)
assert second.offset == 1024 * 1024, second.offset
second.upload()
print(url)
"#;
    let address = app.address.clone();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(address)
            .arg(reference.clone())
            .arg(token)
            .arg(path)
            .output()
            .map(|o| (o, reference))
    })
    .await
    .unwrap()
    .unwrap();
    let (output, reference) = output;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let s = app.submission(&reference).await;
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].sha256, hex::encode(sha2::Sha256::digest(&file)));
}
