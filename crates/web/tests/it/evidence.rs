//! Evidence from the public: checked at receipt, kept by its hash, its own metadata read, and
//! downloaded only as a file by those who may see the case.

use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};
use peel_testkit::{TestApp, spawn_london_app};
use serde_json::json;
use sha2::Digest;

fn ascii(tag: Tag, text: &str) -> Field {
    Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![text.as_bytes().to_vec()]),
    }
}

fn rational(tag: Tag, parts: [(u32, u32); 3]) -> Field {
    Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Rational(parts.iter().map(|&p| Rational::from(p)).collect()),
    }
}

/// A doorbell camera's still with its time and a position in Hackney.
fn doorbell_still() -> Vec<u8> {
    let mut writer = Writer::new();
    let fields = [
        ascii(Tag::Make, "Ring"),
        ascii(Tag::Model, "Video Doorbell 4"),
        ascii(Tag::DateTimeOriginal, "2026:11:25 21:14:03"),
        ascii(Tag::GPSLatitudeRef, "N"),
        rational(Tag::GPSLatitude, [(51, 1), (32, 1), (12, 1)]),
        ascii(Tag::GPSLongitudeRef, "W"),
        rational(Tag::GPSLongitude, [(0, 1), (3, 1), (18, 1)]),
    ];
    for field in &fields {
        writer.push_field(field);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    let tiff = tiff.into_inner();
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    jpeg.extend_from_slice(&u16::try_from(tiff.len() + 8).unwrap().to_be_bytes());
    jpeg.extend_from_slice(b"Exif\0\0");
    jpeg.extend_from_slice(&tiff);
    // Some picture data, so the file is more than its header.
    jpeg.extend(std::iter::repeat_n(0x55u8, 20_000));
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

/// A multipart body with one `file` field.
fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "peel-test-boundary-7d1a";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: image/jpeg\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn send(
    app: &TestApp,
    reference: &str,
    token: &str,
    name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let (content_type, body) = multipart(name, bytes);
    app.client()
        .post(app.url(&format!("/api/v1/reports/{reference}/evidence")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_doorbell_photo_is_kept_by_its_hash_with_its_camera_time_and_ward_and_a_program_is_refused()
 {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let created = app
        .send_report(&json!({
            "description": "Someone tried every car door on our road last night",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "contact": {"email": "neighbour@example.org"}}
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["status_token"].as_str().unwrap();
    let still = doorbell_still();

    let received = send(&app, reference, token, "doorbell.jpg", &still).await;
    assert_eq!(received.status(), 201);
    let body: serde_json::Value = received.json().await.unwrap();
    let item = &body["items"][0];
    let sha = hex::encode(sha2::Sha256::digest(&still));
    assert_eq!(item["sha256"], sha.as_str());
    assert_eq!(item["size"], still.len());
    assert_eq!(item["media_type"], "image/jpeg");
    assert_eq!(item["status"], "received");

    // A program renamed .jpg is refused by its content, and nothing is kept.
    let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    program.extend(std::iter::repeat_n(0u8, 9_000));
    let refused = send(&app, reference, token, "holiday.jpg", &program).await;
    assert_eq!(refused.status(), 422);
    let why: serde_json::Value = refused.json().await.unwrap();
    assert!(why.to_string().contains("program"), "{why}");
    // The wrong code gets nothing.
    assert_eq!(
        send(&app, reference, "WRONG", "x.jpg", &still)
            .await
            .status(),
        404
    );

    // The officer sees the hash, the camera's time and make, and the ward of its position.
    let officer = app.signed_in("pc.smith").await;
    let s = app.submission(reference).await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    assert!(page.contains(&sha), "{page}");
    let evidence = &page[page.find("<h2>Evidence</h2>").unwrap()..];
    assert!(
        evidence.contains("25 November 2026 at 21:14:03 (the camera&#39;s clock)"),
        "{evidence}"
    );
    assert!(page.contains("Ring Video Doorbell 4"));
    assert!(
        !page.contains("No position recorded"),
        "the position gives a ward"
    );
    assert_eq!(page.matches("holiday.jpg").count(), 0);

    // Downloaded only as a file, whole, and the download is in its custody.
    let id = item["id"].as_str().unwrap();
    let download = officer
        .get(app.url(&format!("/evidence/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    let headers = download.headers().clone();
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert_eq!(download.bytes().await.unwrap().as_ref(), still.as_slice());
    let custody = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            subject: Some(format!("evidence:{id}")),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let codes: Vec<&str> = custody.iter().map(|e| e.event.event.as_str()).collect();
    assert_eq!(codes, ["evidence.received", "evidence.downloaded"]);
    assert!(custody[0].event.detail.contains(&sha));
    // The public cannot download it.
    let public = app
        .client()
        .get(app.url(&format!("/evidence/{id}")))
        .send()
        .await
        .unwrap();
    assert_ne!(public.status(), 200);
}

#[tokio::test]
async fn a_reporter_adds_a_photo_from_the_progress_page_without_javascript() {
    let app = peel_testkit::spawn_app().await;
    let created = app
        .send_report(&json!({
            "description": "Graffiti again on the bus shelter",
            "category": "criminal-damage-arson",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"online": true},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["status_token"].as_str().unwrap();
    let client = app.client();
    let csrf = peel_testkit::csrf_token(&app.get_page(&client, "/status").await);
    let status = client
        .post(app.url("/status"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("reference", reference),
            ("status_token", token),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(status.contains("enctype=\"multipart/form-data\""));
    let csrf = peel_testkit::csrf_token(&status);
    let boundary = "status-page-files";
    let mut body = Vec::new();
    for (name, value) in [
        ("csrf_token", csrf.as_str()),
        ("reference", reference),
        ("status_token", token),
    ] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let still = doorbell_still();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"shelter.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(&still);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let sent = client
        .post(app.url("/status/evidence"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    let page = sent.text().await.unwrap();
    assert!(page.contains("your files were received"), "{page}");
    let s = app.submission(reference).await;
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].original_name, "shelter.jpg");
    assert_eq!(items[0].sha256, hex::encode(sha2::Sha256::digest(&still)));
}

use peel_testkit::clamd::{Clamd, EICAR};

#[tokio::test]
async fn malware_found_by_a_real_clamd_is_quarantined_and_the_sender_told_plainly() {
    let Some(clamd) = Clamd::start().await else {
        return;
    };
    let evidence_dir = tempfile::tempdir().unwrap();
    let mut settings = peel_testkit::settings();
    settings.evidence =
        peel_app::evidence::EvidenceSettings::local(evidence_dir.path().to_path_buf());
    settings.evidence.clamd_socket = Some(clamd.socket.clone());
    let app = peel_testkit::spawn_app_settled(
        peel_store::testing::TestStore::sqlite().await.unwrap(),
        settings,
    )
    .await;
    let created = app
        .send_report(&json!({
            "description": "A text message with a link I should not have opened",
            "category": "fraud",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "anonymous": true}
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["status_token"].as_str().unwrap();

    let infected = send(&app, reference, token, "message.txt", EICAR).await;
    assert_eq!(infected.status(), 422);
    let why = infected.text().await.unwrap();
    assert!(why.contains("malware (Peel-Test-EICAR"), "{why}");
    let s = app.submission(reference).await;
    assert!(
        app.store.evidence_of(s.id).await.unwrap().is_empty(),
        "never on the report"
    );
    let sha = hex::encode(sha2::Sha256::digest(EICAR));
    assert!(
        evidence_dir.path().join("quarantine").join(&sha).exists(),
        "quarantined"
    );
    assert!(!evidence_dir.path().join(&sha[..2]).join(&sha).exists());

    // A clean file passes the same scan.
    let clean = send(
        &app,
        reference,
        token,
        "notes.txt",
        b"He rang from 07700 900 123 at 9pm",
    )
    .await;
    assert_eq!(clean.status(), 201);
    assert_eq!(app.store.evidence_of(s.id).await.unwrap().len(), 1);
}

/// The public form's answers and files as a browser sends them from the check-your-answers
/// page (multipart, because the page has a file input).
fn form_with_files(fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "peel-form-boundary-41c9";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn photos_attached_on_the_report_form_show_their_hash_camera_time_and_ward_to_the_officer() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let client = app.client();
    let form = app.get_page(&client, "/report/details").await;
    let csrf = peel_testkit::csrf_token(&form);
    let answers = [
        ("csrf_token", csrf.as_str()),
        (
            "description",
            "A man tried every car door on our road; my doorbell filmed him",
        ),
        ("category", "vehicle-crime"),
        ("occurred_day", "25"),
        ("occurred_month", "11"),
        ("occurred_year", "2026"),
        ("occurred_time", "21:10"),
        ("where_kind", "postcode"),
        ("postcode", "e14 5ab"),
        ("reporter_role", "witness"),
        ("anonymous", "no"),
        ("contact_email", "neighbour@example.org"),
        ("safe_channel", "email"),
    ];

    // The check-your-answers page offers files, without JavaScript: a multipart form.
    let check = client
        .post(app.url("/report/details"))
        .form(&answers)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(check.contains("enctype=\"multipart/form-data\""), "{check}");
    assert!(check.contains("type=\"file\" multiple"));

    let mut sent: Vec<(&str, &str)> = answers.to_vec();
    sent.push(("confirmed", "yes"));

    // A program renamed .jpg is refused by its content: the answers come back with the reason,
    // and nothing is sent.
    let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    program.extend(std::iter::repeat_n(0u8, 9_000));
    let (content_type, body) = form_with_files(&sent, &[("holiday.jpg", &program)]);
    let refused = client
        .post(app.url("/report/details"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 200);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("holiday.jpg: this file is a program"),
        "{page}"
    );
    assert!(
        page.contains("name=\"description\""),
        "the answers are kept"
    );

    // Two photos sent with the report.
    let still = doorbell_still();
    let mut second = doorbell_still();
    second.extend_from_slice(b"another frame");
    let (content_type, body) =
        form_with_files(&sent, &[("doorbell.jpg", &still), ("frame2.jpg", &second)]);
    let done = client
        .post(app.url("/report/details"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    let done = done.text().await.unwrap();
    assert!(
        done.contains("your files were received and added to your report"),
        "{done}"
    );
    let reference = done
        .split("class=\"reference\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    let s = app.submission(&reference).await;
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 2, "only the report's own two files");
    let sha = hex::encode(sha2::Sha256::digest(&still));
    assert_eq!(items[0].sha256, sha);
    let ward = items[0]
        .ward
        .clone()
        .expect("the GPS position gives a ward");

    // The officer's page: its hash, the camera's time and the ward of its position.
    app.create_user_in("pc.jones", "neighbourhood_officer", Some(s.team.as_str()))
        .await;
    let officer = app.signed_in("pc.jones").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    let evidence = &page[page.find("<h2>Evidence</h2>").unwrap()..];
    assert!(evidence.contains(&sha));
    assert!(evidence.contains("25 November 2026 at 21:14:03 (the camera&#39;s clock)"));
    let ward_name = peel_testkit::london()
        .unwrap()
        .wards()
        .iter()
        .find(|w| w.code == ward.as_str())
        .map(|w| w.name.clone())
        .expect("a London ward");
    assert!(evidence.contains(&ward_name), "{ward_name}: {evidence}");
}

#[tokio::test]
async fn the_same_file_sent_with_two_reports_links_them_with_the_reason() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let still = doorbell_still();
    let mut references = Vec::new();
    for (who, name) in [
        ("first@example.org", "ring.jpg"),
        ("second@example.org", "IMG_0042.jpg"),
    ] {
        let created = app
            .send_report(&json!({
                "description": "A man tried the car doors on our road; my doorbell caught him",
                "category": "vehicle-crime",
                "occurred_at": "2026-11-25T21:10:00Z",
                "location": {"address": "Acacia Avenue"},
                "reporter": {"role": "witness", "contact": {"email": who}}
            }))
            .await;
        let reference = created["reference"].as_str().unwrap().to_owned();
        let token = created["status_token"].as_str().unwrap();
        assert_eq!(
            send(&app, &reference, token, name, &still).await.status(),
            201
        );
        references.push(reference);
    }
    let officer = app.signed_in("pc.smith").await;
    let second = app.submission(&references[1]).await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", second.id))
        .await;
    let sha = hex::encode(sha2::Sha256::digest(&still));
    assert!(
        page.contains(&format!(
            "Both name the evidence file (the same SHA-256) {sha}: here in the file IMG_0042.jpg; in {} in the file ring.jpg.",
            references[0]
        )),
        "{page}"
    );
}

#[tokio::test]
async fn an_officer_adds_files_to_a_report_from_its_page_and_they_are_recorded_as_theirs() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    app.create_user_in("pc.other", "neighbourhood_officer", Some("central-intake"))
        .await;
    let created = app
        .send_report(&json!({
            "description": "Shoplifting seen at the corner shop; the owner has CCTV stills",
            "category": "shoplifting",
            "occurred_at": "2026-11-25T17:10:00Z",
            "location": {"address": "Mare Street"},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .await;
    let s = app.submission(created["reference"].as_str().unwrap()).await;
    let officer = app.signed_in("pc.smith").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    assert!(page.contains(&format!(
        "action=\"/submissions/{}/evidence\" enctype=\"multipart/form-data\"",
        s.id
    )));
    let csrf = peel_testkit::csrf_token(&page);
    let still = doorbell_still();
    let (content_type, body) = form_with_files(&[("csrf_token", &csrf)], &[("cctv.jpg", &still)]);
    let added = officer
        .post(app.url(&format!("/submissions/{}/evidence", s.id)))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 303);
    let next = added.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(next, format!("/submissions/{}?notice=evidence", s.id));
    let page = app.get_page(&officer, &next).await;
    assert!(page.contains("Files added."), "{page}");
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 1);
    let user = app
        .store
        .credentials(&peel_core::username::Username::parse("pc.smith").unwrap())
        .await
        .unwrap()
        .unwrap()
        .user;
    assert_eq!(items[0].submitted_by, format!("user:{}", user.id));

    // Without the form's token nothing is read.
    let (content_type, body) = form_with_files(&[("csrf_token", "forged")], &[("x.jpg", &still)]);
    let forged = officer
        .post(app.url(&format!("/submissions/{}/evidence", s.id)))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 400, "the form is refused as expired");
    assert_eq!(app.store.evidence_of(s.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn each_item_has_a_custody_page_and_a_json_record_naming_every_action_on_it() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let created = app
        .send_report(&json!({
            "description": "A man tried the car doors on our road; my doorbell caught him",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["status_token"].as_str().unwrap();
    let still = doorbell_still();
    let sent: serde_json::Value = send(&app, reference, token, "ring.jpg", &still)
        .await
        .json()
        .await
        .unwrap();
    let id = sent["items"][0]["id"].as_str().unwrap();
    let officer = app.signed_in("pc.smith").await;
    // A download first, so the custody has two actions.
    let file = officer
        .get(app.url(&format!("/evidence/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(file.bytes().await.unwrap().len(), still.len());

    let page = app
        .get_page(&officer, &format!("/evidence/{id}/custody"))
        .await;
    let sha = hex::encode(sha2::Sha256::digest(&still));
    assert!(page.contains(&sha));
    assert!(page.contains("<code>evidence.received</code>"), "{page}");
    assert!(page.contains("<code>evidence.downloaded</code>"));
    assert!(
        page.contains("51.536667, -0.055000"),
        "inside the case, the position is shown"
    );

    let record: serde_json::Value = officer
        .get(app.url(&format!("/evidence/{id}/custody.json")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(record["sha256"], sha.as_str());
    assert_eq!(record["report"], reference);
    let events: Vec<&str> = record["custody"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    // The page's reading is in the record too.
    assert_eq!(
        events,
        [
            "evidence.received",
            "evidence.downloaded",
            "evidence.custody_viewed"
        ]
    );

    // Someone who may not see the report sees neither.
    app.create_user_in(
        "pc.elsewhere",
        "neighbourhood_officer",
        Some("central-online"),
    )
    .await;
    let outsider = app.signed_in("pc.elsewhere").await;
    let refused = outsider
        .get(app.url(&format!("/evidence/{id}/custody.json")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

/// A phone video whose `moov` comes after its `mdat` (as a phone writes it while filming): made
/// 25 November 2026 at 21:14:03 UTC, 83.5 seconds long, filmed in Hackney.
fn phone_video() -> Vec<u8> {
    fn boxed(kind: &[u8; 4], content: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(content.len() + 8)
            .unwrap()
            .to_be_bytes()
            .to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(content);
        out
    }
    let made = u32::try_from(
        time::macros::datetime!(2026-11-25 21:14:03 UTC).unix_timestamp() + 2_082_844_800,
    )
    .unwrap();
    let mut mvhd = vec![0, 0, 0, 0];
    mvhd.extend_from_slice(&made.to_be_bytes());
    mvhd.extend_from_slice(&made.to_be_bytes());
    mvhd.extend_from_slice(&1000u32.to_be_bytes());
    mvhd.extend_from_slice(&83_500u32.to_be_bytes());
    mvhd.extend(std::iter::repeat_n(0u8, 80));
    let text = b"+51.5367-000.0550/";
    let mut xyz = u16::try_from(text.len()).unwrap().to_be_bytes().to_vec();
    xyz.extend_from_slice(&0x15c7u16.to_be_bytes());
    xyz.extend_from_slice(text);
    let mut moov = boxed(b"mvhd", &mvhd);
    moov.extend(boxed(b"udta", &boxed(b"\xa9xyz", &xyz)));
    let mut file = boxed(b"ftyp", b"isom\0\0\x02\0isomiso2mp41");
    file.extend(boxed(b"mdat", &vec![0x47u8; 200_000]));
    file.extend(boxed(b"moov", &moov));
    file
}

#[tokio::test]
async fn a_phone_video_shows_when_and_where_it_was_filmed_and_how_long_it_runs() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let created = app
        .send_report(&json!({
            "description": "I filmed two men breaking into a van on my phone",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["status_token"].as_str().unwrap();
    let video = phone_video();
    let sent = send(&app, reference, token, "VID_20261125.mp4", &video).await;
    assert_eq!(sent.status(), 201);
    let s = app.submission(reference).await;
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items[0].mime, "video/mp4");
    assert_eq!(items[0].duration_ms, Some(83_500));
    assert_eq!(items[0].position, Some((51.5367, -0.055)));
    assert!(items[0].ward.is_some(), "the position gives a ward");
    let officer = app.signed_in("pc.smith").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    let evidence = &page[page.find("<h2>Evidence</h2>").unwrap()..];
    assert!(
        evidence.contains("25 November 2026 at 21:14:03 (the camera&#39;s clock)"),
        "{evidence}"
    );
    assert!(evidence.contains("1 min 23 s"));
}

#[tokio::test]
async fn an_officer_asks_the_reporter_for_video_and_the_one_time_link_takes_it_once() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let created = app
        .send_report(&json!({
            "description": "Someone kicked in our front door while we were out; we have a doorbell camera",
            "category": "burglary",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "victim", "contact": {"email": "victim@example.org"}},
            "safe_contact": {"channels": ["email"]}
        }))
        .await;
    let s = app.submission(created["reference"].as_str().unwrap()).await;
    let officer = app.signed_in("pc.smith").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    let csrf = peel_testkit::csrf_token(&page);
    let asked = officer
        .post(app.url(&format!("/submissions/{}/evidence-request", s.id)))
        .form(&[
            ("csrf_token", csrf.as_str()),
            (
                "note",
                "Your doorbell video from 9pm to 10pm on 25 November, please",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 303);

    // The outbox carries the link to the reporter, in a message of its own kind.
    let messages = app.store.messages_of(s.id).await.unwrap();
    let message = messages
        .iter()
        .find(|m| m.purpose == peel_core::message::Purpose::EvidenceRequest)
        .expect("the request's message");
    assert!(message.body.starts_with("Your doorbell video from 9pm"));
    let link = message
        .body
        .split_whitespace()
        .find(|w| w.contains("/evidence-request/"))
        .unwrap();
    let path = &link[link.find("/evidence-request/").unwrap()..];

    // The reporter opens it without signing in, sees what was asked, and sends the video.
    let reporter = app.client();
    let form = app.get_page(&reporter, path).await;
    assert!(form.contains("Your doorbell video from 9pm"));
    assert!(form.contains("enctype=\"multipart/form-data\""));
    let csrf = peel_testkit::csrf_token(&form);
    let video = phone_video();
    let (content_type, body) =
        form_with_files(&[("csrf_token", &csrf)], &[("doorbell.mp4", &video)]);
    let sent = reporter
        .post(app.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    assert!(
        sent.text()
            .await
            .unwrap()
            .contains("your files were received and added to your report")
    );
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].mime, "video/mp4");

    // The link works once.
    let again = reporter.get(app.url(path)).send().await.unwrap();
    assert_eq!(again.status(), 410);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("already been sent through this link")
    );
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    assert!(page.contains("Answered"), "the officer sees it answered");

    // A second request, left unanswered past 14 days, expires.
    let csrf = peel_testkit::csrf_token(&page);
    officer
        .post(app.url(&format!("/submissions/{}/evidence-request", s.id)))
        .form(&[("csrf_token", csrf.as_str()), ("note", "Any other angle?")])
        .send()
        .await
        .unwrap();
    let messages = app.store.messages_of(s.id).await.unwrap();
    let second = messages
        .iter()
        .filter(|m| m.purpose == peel_core::message::Purpose::EvidenceRequest)
        .find(|m| m.body.starts_with("Any other angle?"))
        .unwrap();
    let link = second
        .body
        .split_whitespace()
        .find(|w| w.contains("/evidence-request/"))
        .unwrap();
    let path = &link[link.find("/evidence-request/").unwrap()..];
    app.clock.advance(time::Duration::days(15));
    let expired = reporter.get(app.url(path)).send().await.unwrap();
    assert_eq!(expired.status(), 410);
    assert!(expired.text().await.unwrap().contains("expired"));
    let unknown = reporter
        .get(app.url("/evidence-request/not-a-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

/// A doorbell frame of sorts, as a real JPEG: a gradient night sky, a dark van, a lit window;
/// `scale` resizes it and `quality` re-encodes it, as each neighbour's phone would.
fn doorbell_frame(scale: f32, quality: u8, seed: u32) -> Vec<u8> {
    let (width, height) = ((1280.0 * scale) as u32, (720.0 * scale) as u32);
    let frame = image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        if seed == 0 {
            if (0.2..0.6).contains(&fx) && (0.55..0.8).contains(&fy) {
                image::Rgb([20, 20, 30])
            } else if (0.7..0.85).contains(&fx) && (0.2..0.35).contains(&fy) {
                image::Rgb([250, 230, 120])
            } else {
                let v = (fy * 200.0) as u8;
                image::Rgb([v, v, 255 - v])
            }
        } else {
            image::Rgb([
                ((x * 7) % 256) as u8,
                ((y * 3) % 256) as u8,
                ((x + y) % 256) as u8,
            ])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&frame)
        .unwrap();
    out
}

#[tokio::test]
async fn the_same_doorbell_frame_from_three_neighbours_links_their_reports_and_is_shown_as_a_clean_thumbnail()
 {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let frames = [
        ("front-door.jpg", doorbell_frame(1.0, 92, 0)),
        ("IMG_2211.jpg", doorbell_frame(0.6, 60, 0)),
        ("screenshot.jpg", doorbell_frame(0.8, 75, 0)),
        ("my-cat.jpg", doorbell_frame(1.0, 92, 1)),
    ];
    let mut references = Vec::new();
    for (i, (name, bytes)) in frames.iter().enumerate() {
        let created = app
            .send_report(&json!({
                "description": format!("Neighbour {i}: a van was broken into outside, my camera saw it"),
                "category": "vehicle-crime",
                "occurred_at": "2026-11-25T21:10:00Z",
                "location": {"address": "Acacia Avenue"},
                "reporter": {"role": "witness", "contact": {"email": format!("n{i}@example.org")}}
            }))
            .await;
        let reference = created["reference"].as_str().unwrap().to_owned();
        let token = created["status_token"].as_str().unwrap();
        assert_eq!(
            send(&app, &reference, token, name, bytes).await.status(),
            201
        );
        references.push(reference);
    }
    let officer = app.signed_in("pc.smith").await;
    let third = app.submission(&references[2]).await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", third.id))
        .await;
    let linked = &page[page.find("<h2>Linked to</h2>").unwrap()..];
    assert!(linked.contains(&references[0]), "{linked}");
    assert!(linked.contains(&references[1]), "{linked}");
    assert!(linked.contains("picture (the same by its perceptual hash)"));
    assert!(
        linked.contains("near-identical") || linked.contains("the picture"),
        "{linked}"
    );
    assert!(
        !linked.contains(&references[3]),
        "a different picture links nothing"
    );

    // The officer sees a thumbnail Peel drew: a JPEG with none of the original's metadata.
    let items = app.store.evidence_of(third.id).await.unwrap();
    let id = items[0].id;
    assert!(page.contains(&format!("src=\"/evidence/{id}/thumbnail\"")));
    let thumbnail = officer
        .get(app.url(&format!("/evidence/{id}/thumbnail")))
        .send()
        .await
        .unwrap();
    assert_eq!(thumbnail.status(), 200);
    assert_eq!(thumbnail.headers()["content-type"], "image/jpeg");
    assert_eq!(thumbnail.headers()["x-content-type-options"], "nosniff");
    let bytes = thumbnail.bytes().await.unwrap();
    let drawn = image::load_from_memory(&bytes).unwrap();
    assert!(drawn.width() <= 320 && drawn.height() <= 320);
    assert!(!bytes.windows(4).any(|w| w == b"Exif"));
}

/// Eve, a volunteer cleared to NPPV 3 with digital forensics and the evidence modules, given an
/// evidence review task on `submission`, accepted.
async fn a_review_given_to_eve(app: &TestApp, submission: peel_core::SubmissionId) -> String {
    use peel_core::people::matching as m;
    use peel_core::people::skills::{Skill, SkillLevel};
    use peel_core::people::vetting::Level;
    let mut eve = crate::tasks::volunteer(app, "vol-eve", "Eve Examiner", Some("eve.v"), &[]);
    for skill in &mut eve.person.skills {
        skill.skill = Skill::DigitalForensics;
        skill.level = SkillLevel::Practitioner;
    }
    for clearance in &mut eve.person.clearances {
        clearance.level = Level::Nppv3;
    }
    for (completion, module) in eve
        .person
        .training
        .iter_mut()
        .zip(["evidence-handling", "data-protection"])
    {
        completion.module = module.into();
    }
    app.store
        .create_person(
            &eve,
            app.event(
                peel_core::audit::AuditCode::PersonCreated,
                "person:vol-eve",
                "",
            ),
        )
        .await
        .unwrap();
    app.create_user("eve.v", "volunteer").await;
    let kind = m::TaskKind::EvidenceReview;
    let id = peel_core::TaskId(uuid::Uuid::now_v7());
    let task = peel_store::TaskRecord {
        task: m::Task {
            id,
            kind,
            requirements: kind.requirements(),
            language: None,
            place: None,
            window: m::Window {
                day: peel_core::clock::Clock::now(&*app.clock).date() + time::Duration::days(1),
                from: 9 * 60,
                until: 17 * 60,
            },
            touches: Vec::new(),
            previous: Vec::new(),
        },
        item: Some(peel_core::ItemRef::Submission(submission)),
        status: peel_core::people::task::TaskStatus::Accepted,
        assigned_to: Some(eve.person.id.clone()),
        created_by: "sgt.patel".into(),
        created_at: peel_core::clock::Clock::now(&*app.clock),
        hours: None,
        visit_note: None,
        return_reason: None,
        briefing: None,
        duty_phone: None,
    };
    app.store
        .create_task(
            &task,
            app.event(peel_core::audit::AuditCode::TaskCreated, "task", ""),
        )
        .await
        .unwrap();
    id.to_string()
}

#[tokio::test]
async fn a_reviewer_sees_only_the_files_of_their_task_and_a_registration_they_read_links_reports() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    // An earlier report names the van's registration.
    let earlier = app
        .send_report(&json!({
            "description": "A white van AB12 CDE has been parked up watching the houses",
            "category": "anti-social-behaviour",
            "occurred_at": "2026-11-20T20:00:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .await;
    let created = app
        .send_report(&json!({
            "description": "The private description a reviewer must never see",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "victim", "contact": {"email": "victim@example.org"}}
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["status_token"].as_str().unwrap();
    let frame = doorbell_frame(1.0, 90, 0);
    assert_eq!(
        send(&app, reference, token, "van.jpg", &frame)
            .await
            .status(),
        201
    );
    let s = app.submission(reference).await;
    let task = a_review_given_to_eve(&app, s.id).await;
    let item = app.store.evidence_of(s.id).await.unwrap()[0].id;

    let eve = app.signed_in("eve.v").await;
    let portal = app.get_page(&eve, "/portal").await;
    assert!(portal.contains(&format!("/portal/tasks/{task}/evidence")));
    let page = app
        .get_page(&eve, &format!("/portal/tasks/{task}/evidence"))
        .await;
    assert!(page.contains("van.jpg"));
    assert!(
        !page.contains("private description"),
        "the files only, never the report"
    );
    assert!(!portal.contains("victim@example.org"));
    let thumbnail = eve
        .get(app.url(&format!("/portal/tasks/{task}/evidence/{item}/thumbnail")))
        .send()
        .await
        .unwrap();
    assert_eq!(thumbnail.headers()["content-type"], "image/jpeg");
    let file = eve
        .get(app.url(&format!("/portal/tasks/{task}/evidence/{item}")))
        .send()
        .await
        .unwrap();
    assert_eq!(file.bytes().await.unwrap().len(), frame.len());
    // The report itself stays shut to her.
    let report = eve
        .get(app.url(&format!("/submissions/{}", s.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(report.status(), 403);

    let csrf = peel_testkit::csrf_token(&page);
    let saved = eve
        .post(app.url(&format!("/portal/tasks/{task}/evidence/{item}/review")))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("seen_at", "21:14:03 on the camera"),
            ("people", "Two men in dark hoodies"),
            ("vehicles", "white Transit van, reg AB12 CDE"),
            ("faces_visible", "yes"),
            ("offence", "Trying car door handles"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);

    // The officer sees the review, and the registration it read links the earlier report.
    let officer = app.signed_in("pc.smith").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    assert!(page.contains("Two men in dark hoodies"), "{page}");
    assert!(page.contains("a face can be made out"));
    let linked = &page[page.find("<h2>Linked to</h2>").unwrap()..];
    assert!(
        linked.contains(earlier["reference"].as_str().unwrap()),
        "{linked}"
    );
    assert!(linked.contains("AB12CDE"));

    // Someone else's task opens nothing.
    app.create_user("other.v", "volunteer").await;
    let other = app.signed_in("other.v").await;
    let refused = other
        .get(app.url(&format!("/portal/tasks/{task}/evidence")))
        .send()
        .await
        .unwrap();
    assert!(
        matches!(refused.status().as_u16(), 403 | 404),
        "{}",
        refused.status()
    );
}
