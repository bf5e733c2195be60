//! `peel user add`.

use super::{peel, stderr, stdout};

#[test]
fn an_account_is_created_with_the_password_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    let output = peel(
        &[
            "user",
            "add",
            "--data-dir",
            data_dir,
            "--role",
            "supervisor,neighbourhood_officer",
            "Sgt.Patel",
        ],
        "heron kettle gravel 47\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Created account 'sgt.patel'"));

    let listed = peel(&["user", "list", "--data-dir", data_dir], "");
    assert!(stdout(&listed).contains("sgt.patel\tmet\tneighbourhood_officer,supervisor\t-"));
}

#[test]
fn an_account_is_put_in_a_team_and_a_team_that_is_not_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    let output = peel(
        &[
            "user",
            "add",
            "--data-dir",
            data_dir,
            "--role",
            "supervisor",
            "--team",
            "central-safeguarding",
            "--supervises",
            "central-intake",
            "sgt.okoro",
        ],
        "heron kettle gravel 47\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("in team central-safeguarding"));
    let listed = peel(&["user", "list", "--data-dir", data_dir], "");
    assert!(
        stdout(&listed).contains(
            "sgt.okoro\tmet\tsupervisor\tcentral-safeguarding\tsupervises central-intake"
        ),
        "{}",
        stdout(&listed)
    );

    for (team, problem) in [
        ("queue-9", "is not a team id"),
        ("snt-E05013806", "there is no team snt-E05013806"),
    ] {
        let refused = peel(
            &[
                "user",
                "add",
                "--data-dir",
                data_dir,
                "--role",
                "contact_handler",
                "--team",
                team,
                "ch.ward",
            ],
            "heron kettle gravel 47\n",
        );
        assert!(!refused.status.success());
        assert!(stderr(&refused).contains(problem), "{}", stderr(&refused));
    }
}

#[test]
fn a_weak_password_is_refused_with_a_plain_reason() {
    let dir = tempfile::tempdir().unwrap();
    let output = peel(
        &[
            "user",
            "add",
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--role",
            "auditor",
            "aud.khan",
        ],
        "password1234\n",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("too easy to guess"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unknown_role_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let output = peel(
        &[
            "user",
            "add",
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--role",
            "chief",
            "someone",
        ],
        "heron kettle gravel 47\n",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("unknown role 'chief'"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_password_cannot_be_given_as_an_argument() {
    let output = peel(
        &[
            "user",
            "add",
            "--password",
            "heron kettle gravel 47",
            "--role",
            "auditor",
            "x",
        ],
        "",
    );
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--password"));
}

#[test]
fn help_lists_every_subcommand_with_one_line_each() {
    let help = stdout(&peel(&["--help"], ""));
    for command in ["serve", "user", "audit"] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(command))
            .unwrap();
        assert!(line.split_whitespace().count() > 2, "{line}");
    }
}

#[test]
fn settings_come_from_the_data_directory_file_then_the_environment_then_flags() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    std::fs::write(
        dir.path().join("peel.toml"),
        "organisation = \"city-of-london\"\n",
    )
    .unwrap();
    super::add_user(dir.path(), "pc.file", "volunteer");

    let output = super::peel_with_env(
        &[
            "user",
            "add",
            "--data-dir",
            data_dir,
            "--role",
            "volunteer",
            "pc.env",
        ],
        "heron kettle gravel 47\n",
        &[("PEEL_ORGANISATION", "btp")],
    );
    assert!(output.status.success(), "{}", stderr(&output));

    let listed = stdout(&peel(&["user", "list", "--data-dir", data_dir], ""));
    assert!(listed.contains("pc.file\tcity-of-london"), "{listed}");
    assert!(listed.contains("pc.env\tbtp"), "{listed}");
}

#[test]
fn a_bad_database_url_is_a_clear_error() {
    let output = peel(
        &["user", "list", "--database-url", "mysql://somewhere/db"],
        "",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("postgres://"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_ineligible_special_constable_recruit_is_refused_with_the_rule_quoted() {
    let refused = crate::peel(
        &[
            "people",
            "check-special",
            "--born",
            "1990-05-01",
            "--occupation",
            "Door supervisor",
        ],
        "",
    );
    assert!(!refused.status.success());
    let text = String::from_utf8_lossy(&refused.stdout);
    assert!(text.starts_with("Ineligible"), "{text}");
    assert!(
        text.contains("door staff and other SIA-licensed roles are ineligible"),
        "{text}"
    );
    let fine = crate::peel(
        &[
            "people",
            "check-special",
            "--born",
            "1990-05-01",
            "--occupation",
            "Teacher",
        ],
        "",
    );
    assert!(fine.status.success());
}

#[test]
fn people_are_added_with_skills_clearance_training_and_availability_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let added = crate::peel(
        &[
            "people",
            "add",
            "--data-dir",
            data,
            "vol-ann",
            "--name",
            "Ann Able",
            "--username",
            "ann.v",
            "--home",
            "51.546,-0.055",
            "--language",
            "pl",
            "--skill",
            "victim_support:practitioner:Victim Support:VS-1:vet.officer:2026-03-01",
            "--clearance",
            "nppv2:domestic_abuse,cyber:2026-01-10:2029-01-10",
            "--training",
            "victim-care:2026-01-10:2027-01-10",
            "--association",
            "school:Hackney Downs School",
            "--available",
            "wed 09:00-17:00",
        ],
        "",
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let listed = crate::peel(&["people", "list", "--data-dir", data], "");
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(
        text.contains("vol-ann\tAnn Able\tvolunteer\tnppv2 (domestic_abuse,cyber) to 2029-01-10"),
        "{text}"
    );
    let wrong = crate::peel(
        &[
            "people",
            "add",
            "--data-dir",
            data,
            "vol-bob",
            "--name",
            "Bob",
            "--clearance",
            "nppv9:cyber:2026-01-10:2029-01-10",
        ],
        "",
    );
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("\"nppv9\" is not a vetting level"));
}

#[test]
fn a_special_constable_is_checked_on_recruitment() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let refused = crate::peel(
        &[
            "people",
            "add",
            "--data-dir",
            data,
            "sc-1",
            "--name",
            "Sam Special",
            "--kind",
            "special",
            "--born",
            "1990-01-01",
            "--occupation",
            "Bailiff",
        ],
        "",
    );
    assert!(!refused.status.success());
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains("not eligible")
            && why.contains("Bailiffs and warrant officers are ineligible"),
        "{why}"
    );
    let nurse = crate::peel(
        &[
            "people",
            "add",
            "--data-dir",
            data,
            "sc-2",
            "--name",
            "Nia Nurse",
            "--kind",
            "special",
            "--born",
            "1990-01-01",
            "--occupation",
            "Staff nurse",
        ],
        "",
    );
    assert!(nurse.status.success());
    assert!(String::from_utf8_lossy(&nurse.stdout).contains("Needs the chief officer's approval"));
    let missing = crate::peel(
        &[
            "people",
            "add",
            "--data-dir",
            data,
            "sc-3",
            "--name",
            "Al",
            "--kind",
            "special",
        ],
        "",
    );
    assert!(String::from_utf8_lossy(&missing.stderr).contains("needs --born and --occupation"));
}

/// `peel key add` issues an organisation's API key at the console, printed once and audited.
#[test]
fn key_add_prints_a_key_once_and_records_it() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    let out = super::peel(
        &[
            "key",
            "add",
            "--data-dir",
            data_dir,
            "--organisation",
            "northbank",
            "Fraud feed",
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let key = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(key.starts_with("peel_") && key.len() > 90, "{key}");
    let export = super::peel(&["audit", "export", "--data-dir", data_dir], "");
    let trail = String::from_utf8_lossy(&export.stdout);
    assert!(trail.contains("api_key.issued_at_console"), "{trail}");
    assert!(
        !trail.contains(&key),
        "the key itself is never written down"
    );
    let bad = super::peel(
        &[
            "key",
            "add",
            "--data-dir",
            data_dir,
            "--organisation",
            "North Bank!",
            "x",
        ],
        "",
    );
    assert!(!bad.status.success());
}
