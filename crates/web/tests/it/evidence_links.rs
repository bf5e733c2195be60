//! Evidence that links reports: the same file, a near-identical picture, and a registration an
//! evidence reviewer read; and the reviewer, who sees only the files of their task.

use peel_testkit::TestApp;
use serde_json::json;
use sha2::Digest;

use crate::evidence::{doorbell_still, send};

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

#[tokio::test]
async fn the_teams_evidence_awaiting_review_lists_unreviewed_files_until_reviewed() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let created = app
        .send_report(&json!({
            "description": "A van was broken into; my doorbell filmed it",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "anonymous": true}
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
    let officer = app.signed_in("pc.smith").await;
    let queue = app.get_page(&officer, "/queue?team=central-intake").await;
    assert!(queue.contains("/evidence/review?team=central-intake"));
    let page = app.get_page(&officer, "/evidence/review").await;
    assert!(page.contains("van.jpg"), "{page}");
    assert!(page.contains(reference));

    // Reviewed, it leaves the list.
    let s = app.submission(reference).await;
    let task = a_review_given_to_eve(&app, s.id).await;
    let item = app.store.evidence_of(s.id).await.unwrap()[0].id;
    let eve = app.signed_in("eve.v").await;
    let review = app
        .get_page(&eve, &format!("/portal/tasks/{task}/evidence"))
        .await;
    let csrf = peel_testkit::csrf_token(&review);
    let saved = eve
        .post(app.url(&format!("/portal/tasks/{task}/evidence/{item}/review")))
        .form(&[("csrf_token", csrf.as_str()), ("people", "Nobody in view")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let page = app.get_page(&officer, "/evidence/review").await;
    assert!(!page.contains("van.jpg"), "{page}");
    assert!(page.contains("Nothing awaits review."));
}

#[tokio::test]
async fn a_report_with_no_place_is_placed_by_its_photos_gps_and_finds_reports_nearby() {
    let Some(app) = peel_testkit::spawn_london_app().await else {
        return;
    };
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    // A report pinned on the map in Hackney, ten minutes earlier.
    let pinned = app
        .send_report(&json!({
            "description": "Someone trying car doors along the road",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:00:00Z",
            "location": {"latitude": 51.5368, "longitude": -0.0552},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .await;
    // A report with only a street name, and a doorbell photo whose GPS is in the same street.
    let created = app
        .send_report(&json!({
            "description": "My doorbell caught a man at the cars",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["status_token"].as_str().unwrap();
    let still = doorbell_still();
    assert_eq!(
        send(&app, reference, token, "ring.jpg", &still)
            .await
            .status(),
        201
    );
    let s = app.submission(reference).await;
    app.create_user_in("pc.jones", "neighbourhood_officer", Some(s.team.as_str()))
        .await;
    let officer = app.signed_in("pc.jones").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    let nearby = &page[page
        .find("<h2>Nearby in place and time</h2>")
        .expect("a nearby section")..];
    assert!(
        nearby.contains(pinned["reference"].as_str().unwrap()),
        "{nearby}"
    );
}

#[tokio::test]
async fn a_redacted_copy_is_a_new_item_derived_from_the_original_which_is_kept() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let created = app
        .send_report(&json!({
            "description": "A van was broken into; my doorbell filmed it",
            "category": "vehicle-crime",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["status_token"].as_str().unwrap();
    let frame = doorbell_frame(1.0, 92, 0);
    assert_eq!(
        send(&app, reference, token, "front-door.jpg", &frame)
            .await
            .status(),
        201
    );
    let s = app.submission(reference).await;
    let original = app.store.evidence_of(s.id).await.unwrap().remove(0);
    let officer = app.signed_in("pc.smith").await;
    let page = app
        .get_page(&officer, &format!("/evidence/{}/custody", original.id))
        .await;
    assert!(page.contains("Make a redacted copy"));
    let csrf = peel_testkit::csrf_token(&page);

    // A bad area is said plainly, and nothing is made.
    let bad = officer
        .post(app.url(&format!("/evidence/{}/redact", original.id)))
        .form(&[("csrf_token", csrf.as_str()), ("areas", "10, 20")])
        .send()
        .await
        .unwrap();
    assert!(bad.text().await.unwrap().contains("needs four numbers"));
    assert_eq!(app.store.evidence_of(s.id).await.unwrap().len(), 1);

    // The lit window blacked out.
    let made = officer
        .post(app.url(&format!("/evidence/{}/redact", original.id)))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("areas", "896, 144, 192, 108"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 303);
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 2, "the original is kept beside the copy");
    let copy = items
        .iter()
        .find(|i| i.derived_from == Some(original.id))
        .unwrap();
    assert_eq!(copy.original_name, "front-door (redacted).jpg");
    assert_ne!(copy.sha256, original.sha256);
    let bytes = officer
        .get(app.url(&format!("/evidence/{}", copy.id)))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let picture = image::load_from_memory(&bytes).unwrap().to_rgb8();
    assert!(
        picture.get_pixel(990, 190).0.iter().all(|&c| c < 16),
        "blacked out"
    );
    assert!(picture.get_pixel(100, 100).0[2] > 150, "the rest kept");

    // The original's custody records the copy.
    let record: serde_json::Value = officer
        .get(app.url(&format!("/evidence/{}/custody.json", original.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let redacted = record["custody"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "evidence.redacted")
        .expect("the copy in the original's custody");
    assert!(
        redacted["detail"]
            .as_str()
            .unwrap()
            .contains(&copy.id.to_string())
    );
}
