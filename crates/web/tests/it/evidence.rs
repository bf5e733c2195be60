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
pub(crate) fn doorbell_still() -> Vec<u8> {
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

pub(crate) async fn send(
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
pub(crate) fn form_with_files(
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> (String, Vec<u8>) {
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
pub(crate) fn phone_video() -> Vec<u8> {
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
