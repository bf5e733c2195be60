//! `peel partner add` and `peel agreement add`: the agreements register kept at the console,
//! each version kept, every change audited, and a file naming what it may not refused.

use std::process::Output;

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const AGREEMENT: &str = r#"
id = "camden-youth"
purpose = "Early help for young people at risk of exploitation"
parties = ["camden-youth-service"]
lawful_basis = "part2"
article6 = "6(1)(e) public task"
categories = ["identity", "location", "offence", "vulnerability", "safeguarding"]
max_marking = "TLP:AMBER+STRICT"
direction = "both"
practitioners = ["yw.amara"]
roles = ["designated safeguarding lead"]
identity = true
start = 2026-04-01
review = 2099-03-31
expires = 2099-12-31
"#;

#[test]
fn partners_and_agreements_are_registered_at_the_console_versioned_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    let file = dir.path().join("agreement.toml");

    // An agreement naming a partner not yet registered is refused, naming it.
    std::fs::write(&file, AGREEMENT).unwrap();
    let early = super::peel(
        &[
            "agreement",
            "add",
            "--data-dir",
            data_dir,
            "--file",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert!(!early.status.success());
    let said = String::from_utf8_lossy(&early.stderr);
    assert!(
        said.contains("\"camden-youth-service\" is not a registered partner"),
        "{said}"
    );

    let added = ok(&super::peel(
        &[
            "partner",
            "add",
            "--data-dir",
            data_dir,
            "camden-youth-service",
            "--name",
            "Camden Youth Service",
            "--kind",
            "youth-service",
        ],
        "",
    ));
    assert!(
        added.contains("Registered partner 'camden-youth-service'"),
        "{added}"
    );
    let odd = super::peel(
        &[
            "partner",
            "add",
            "--data-dir",
            data_dir,
            "other",
            "--name",
            "X",
            "--kind",
            "circus",
        ],
        "",
    );
    assert!(!odd.status.success());
    assert!(String::from_utf8_lossy(&odd.stderr).contains("youth-service"));

    // The named practitioner must be a partner practitioner of a party.
    let unknown = super::peel(
        &[
            "agreement",
            "add",
            "--data-dir",
            data_dir,
            "--file",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        String::from_utf8_lossy(&unknown.stderr)
            .contains("\"yw.amara\" is not a partner practitioner of a party")
    );
    ok(&super::peel(
        &[
            "user",
            "add",
            "--data-dir",
            data_dir,
            "--role",
            "partner_practitioner",
            "--organisation",
            "camden-youth-service",
            "yw.amara",
        ],
        "heron kettle gravel 47\n",
    ));
    let first = ok(&super::peel(
        &[
            "agreement",
            "add",
            "--data-dir",
            data_dir,
            "--file",
            file.to_str().unwrap(),
        ],
        "",
    ));
    assert!(first.contains("'camden-youth' version 1"), "{first}");

    // A changed file is the next version; the list shows the newest, in force.
    std::fs::write(&file, AGREEMENT.replace("TLP:AMBER+STRICT", "TLP:AMBER")).unwrap();
    let second = ok(&super::peel(
        &[
            "agreement",
            "add",
            "--data-dir",
            data_dir,
            "--file",
            file.to_str().unwrap(),
        ],
        "",
    ));
    assert!(second.contains("'camden-youth' version 2"), "{second}");
    let list = ok(&super::peel(
        &["agreement", "list", "--data-dir", data_dir],
        "",
    ));
    assert!(
        list.contains("camden-youth\tversion 2\tcamden-youth-service\tin force"),
        "{list}"
    );

    // A bad file names every problem and registers nothing.
    std::fs::write(
        &file,
        AGREEMENT
            .replace("TLP:AMBER+STRICT", "TLP:PURPLE")
            .replace("\"offence\"", "\"shoe size\""),
    )
    .unwrap();
    let bad = super::peel(
        &[
            "agreement",
            "add",
            "--data-dir",
            data_dir,
            "--file",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert!(!bad.status.success());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(
        said.contains("max_marking:") && said.contains("\"shoe size\""),
        "{said}"
    );

    let trail = ok(&super::peel(
        &["audit", "export", "--data-dir", data_dir],
        "",
    ));
    assert!(trail.contains("agreement.registered"), "{trail}");
    assert!(trail.contains("agreement.changed"), "{trail}");
    assert_eq!(
        trail.matches("agreement.changed").count(),
        1,
        "nothing for the bad file"
    );
}
