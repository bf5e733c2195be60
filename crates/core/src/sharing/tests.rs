use time::macros::date;

use super::*;

/// Camden Youth Service's agreement: location, offence, vulnerability and safeguarding, up to
/// TLP:AMBER+STRICT, identity with a justification, to its named worker or its safeguarding lead.
fn youth() -> Agreement {
    Agreement {
        id: "camden-youth".into(),
        version: 1,
        parties: vec!["camden-youth-service".into()],
        purpose: "Early help for young people at risk of exploitation".into(),
        lawful_basis: LawfulBasis::Part2 {
            article6: "6(1)(e) public task".into(),
            article9: None,
        },
        categories: vec![
            Category::Identity,
            Category::Location,
            Category::Offence,
            Category::Vulnerability,
            Category::Safeguarding,
        ],
        max_marking: Marking::AmberStrict,
        direction: Direction::Both,
        recipients: vec![
            Named::Practitioner("yw.amara".into()),
            Named::Role("designated safeguarding lead".into()),
        ],
        identity: true,
        start: date!(2026 - 04 - 01),
        review: date!(2027 - 03 - 31),
        expires: date!(2028 - 03 - 31),
    }
}

fn amara() -> Recipient {
    Recipient {
        username: "yw.amara".into(),
        organisation: "camden-youth-service".into(),
        roles: vec!["youth worker".into()],
    }
}

fn lead() -> Recipient {
    Recipient {
        username: "yw.lead".into(),
        organisation: "camden-youth-service".into(),
        roles: vec!["Designated Safeguarding Lead".into()],
    }
}

fn asking(recipient: Recipient, fields: &[Field], marking: Marking) -> Disclosure {
    Disclosure {
        recipient,
        fields: fields.to_vec(),
        marking,
        reveal_identity: false,
        justification: String::new(),
    }
}

const TODAY: Date = date!(2026 - 12 - 01);

/// The table: each row is (agreement change, recipient, fields, marking, day, expected).
#[test]
fn the_disclosure_rule_by_agreement_category_marking_and_date() {
    type Change = fn(&mut Agreement);
    type Row = (
        &'static str,
        Change,
        Recipient,
        &'static [Field],
        Marking,
        Result<Onward, Forbids>,
    );
    let same: Change = |_| {};
    let expired: Change = |a| a.expires = date!(2026 - 11 - 30);
    let overdue: Change = |a| a.review = date!(2026 - 11 - 01);
    let not_started: Change = |a| a.start = date!(2027 - 01 - 01);
    let inbound_only: Change = |a| a.direction = Direction::FromPartner;
    let red_allowed: Change = |a| a.max_marking = Marking::Red;
    use Field as F;
    use Marking as M;
    let place = &[F::Place, F::OffenceType][..];
    let rows: Vec<Row> = vec![
        (
            "in force, allowed fields, GREEN",
            same,
            amara(),
            place,
            M::Green,
            Ok(Onward::Community),
        ),
        (
            "CLEAR",
            same,
            amara(),
            place,
            M::Clear,
            Ok(Onward::Unlimited),
        ),
        (
            "AMBER",
            same,
            amara(),
            place,
            M::Amber,
            Ok(Onward::OrganisationAndClients),
        ),
        (
            "AMBER+STRICT: the organisation only",
            same,
            amara(),
            place,
            M::AmberStrict,
            Ok(Onward::OrganisationOnly),
        ),
        (
            "AMBER+STRICT to a role of the organisation",
            same,
            lead(),
            place,
            M::AmberStrict,
            Ok(Onward::OrganisationOnly),
        ),
        (
            "RED above the agreement's highest",
            same,
            amara(),
            place,
            M::Red,
            Err(Forbids::Marking(
                M::Red,
                "it is stricter than the highest marking the agreement allows",
            )),
        ),
        (
            "RED to a named practitioner",
            red_allowed,
            amara(),
            place,
            M::Red,
            Ok(Onward::RecipientOnly),
        ),
        (
            "RED never to a role",
            red_allowed,
            lead(),
            place,
            M::Red,
            Err(Forbids::Marking(
                M::Red,
                "it goes only to a recipient the agreement names individually, never to a role",
            )),
        ),
        (
            "health is outside its categories",
            same,
            amara(),
            &[F::Place, F::HealthNeeds],
            M::Green,
            Err(Forbids::Field(F::HealthNeeds)),
        ),
        (
            "evidence is outside its categories",
            same,
            amara(),
            &[F::EvidenceItems],
            M::Green,
            Err(Forbids::Field(F::EvidenceItems)),
        ),
        (
            "the first field outside is named",
            same,
            amara(),
            &[F::CaseOutcome, F::HealthNeeds],
            M::Green,
            Err(Forbids::Field(F::CaseOutcome)),
        ),
        (
            "contact is outside its categories even pseudonymised",
            same,
            amara(),
            &[F::ContactDetails],
            M::Green,
            Err(Forbids::Field(F::ContactDetails)),
        ),
        (
            "expired refuses everything",
            expired,
            amara(),
            place,
            M::Clear,
            Err(Forbids::NotInForce(Standing::Expired)),
        ),
        (
            "past review refuses everything",
            overdue,
            amara(),
            place,
            M::Clear,
            Err(Forbids::NotInForce(Standing::ReviewOverdue)),
        ),
        (
            "not started",
            not_started,
            amara(),
            place,
            M::Clear,
            Err(Forbids::NotInForce(Standing::NotStarted)),
        ),
        (
            "inbound only",
            inbound_only,
            amara(),
            place,
            M::Clear,
            Err(Forbids::Direction),
        ),
    ];
    for (name, change, recipient, fields, marking, expected) in rows {
        let mut agreement = youth();
        change(&mut agreement);
        let got = decide(&agreement, &asking(recipient, fields, marking), TODAY).map(|a| a.onward);
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn a_recipient_outside_the_parties_or_unnamed_is_refused() {
    let stranger = Recipient {
        organisation: "another-borough".into(),
        ..amara()
    };
    assert_eq!(
        decide(
            &youth(),
            &asking(stranger, &[Field::Place], Marking::Green),
            TODAY
        ),
        Err(Forbids::NotAParty("another-borough".into()))
    );
    let colleague = Recipient {
        username: "yw.other".into(),
        roles: vec!["youth worker".into()],
        ..amara()
    };
    assert_eq!(
        decide(
            &youth(),
            &asking(colleague, &[Field::Place], Marking::Green),
            TODAY
        ),
        Err(Forbids::NotNamed("yw.other".into()))
    );
}

#[test]
fn identity_is_withheld_unless_revealed_with_a_justification_the_agreement_allows() {
    let fields = [Field::Name, Field::Place, Field::Grade];
    let plain = decide(&youth(), &asking(amara(), &fields, Marking::Amber), TODAY).unwrap();
    assert!(plain.pseudonymised);
    assert_eq!(
        plain.fields,
        vec![Field::Place, Field::Grade],
        "the name is withheld"
    );
    let mut reveal = asking(amara(), &fields, Marking::Amber);
    reveal.reveal_identity = true;
    assert_eq!(
        decide(&youth(), &reveal, TODAY),
        Err(Forbids::JustificationMissing)
    );
    reveal.justification = "To arrange a safe meeting with him at school this week".into();
    let revealed = decide(&youth(), &reveal, TODAY).unwrap();
    assert!(!revealed.pseudonymised);
    assert_eq!(revealed.fields, fields.to_vec());
    let mut closed = youth();
    closed.identity = false;
    assert_eq!(
        decide(&closed, &reveal, TODAY),
        Err(Forbids::IdentityNotAllowed)
    );
    // Asking to reveal with nothing identifying asked for is just a pseudonymised disclosure.
    let mut nothing = asking(amara(), &[Field::Place], Marking::Amber);
    nothing.reveal_identity = true;
    assert!(decide(&youth(), &nothing, TODAY).unwrap().pseudonymised);
}

#[test]
fn an_agreement_warns_its_owner_a_month_before_it_lapses_and_not_after() {
    let a = youth();
    assert_eq!(a.lapsing(date!(2027 - 02 - 27)), None);
    assert_eq!(
        a.lapsing(date!(2027 - 03 - 01)),
        Some(date!(2027 - 03 - 31))
    );
    assert_eq!(
        a.lapsing(date!(2027 - 04 - 01)),
        None,
        "lapsed: no longer in force"
    );
    // Its owner must act from the warning on, and while it shares nothing.
    assert!(!a.needs_owner(date!(2027 - 02 - 27)));
    assert!(a.needs_owner(date!(2027 - 03 - 01)));
    assert!(a.needs_owner(date!(2027 - 04 - 01)));
    assert_eq!(a.standing_words(date!(2027 - 02 - 27)), "in force");
    assert_eq!(
        a.standing_words(date!(2027 - 03 - 01)),
        "in force, lapses 2027-03-31: review it"
    );
    assert_eq!(
        a.standing_words(date!(2027 - 04 - 01)),
        "past its review date: shares nothing"
    );
}

#[test]
fn every_slug_reads_back() {
    for &k in PartnerKind::ALL {
        assert_eq!(PartnerKind::parse(k.slug()), Some(k));
    }
    for &c in Category::ALL {
        assert_eq!(Category::parse(c.slug()), Some(c));
    }
    for &f in Field::ALL {
        assert_eq!(Field::parse(f.slug()), Some(f));
    }
    for &o in Onward::ALL {
        assert_eq!(Onward::parse(o.slug()), Some(o));
    }
    for d in [
        Direction::ToPartner,
        Direction::FromPartner,
        Direction::Both,
    ] {
        assert_eq!(Direction::parse(d.slug()), Some(d));
    }
}

proptest::proptest! {
    /// Whatever is asked, what is allowed never holds a field outside the agreement's
    /// categories, never identity when pseudonymised, and never a marking above its highest.
    #[test]
    fn what_is_allowed_never_exceeds_the_agreement(
        picks in proptest::collection::vec(0usize..12, 0..8),
        marking in 0usize..5,
        reveal in proptest::bool::ANY,
        days in -400i64..900,
    ) {
        let fields: Vec<Field> = picks.iter().filter_map(|i| Field::ALL.get(*i).copied()).collect();
        let marking = Marking::ALL.get(marking).copied().unwrap_or(Marking::Red);
        let mut d = asking(amara(), &fields, marking);
        d.reveal_identity = reveal;
        d.justification = "needed".into();
        let agreement = youth();
        if let Ok(allowed) = decide(&agreement, &d, TODAY + time::Duration::days(days)) {
            proptest::prop_assert!(marking <= agreement.max_marking);
            for f in &allowed.fields {
                proptest::prop_assert!(agreement.allows(f.category()));
                proptest::prop_assert!(!allowed.pseudonymised || !f.category().identifies());
            }
        }
    }
}

/// The example in the README, as an agreement's owner writes it.
const EXAMPLE: &str = r#"
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
review = 2027-03-31
expires = "2028-03-31"
"#;

#[test]
fn the_readme_example_reads_as_the_agreement_it_describes() {
    assert_eq!(Agreement::from_toml(EXAMPLE, 1), Ok(youth()));
}

#[test]
fn every_problem_in_an_agreement_file_is_named_by_its_key() {
    let bad = r#"
id = "Camden Youth"
purpose = ""
parties = []
lawful_basis = "part2"
categories = ["location", "shoe size", "health"]
max_marking = "TLP:PURPLE"
direction = "sideways"
start = "1 April 2026"
review = 2027-03-31
expires = 2026-01-01
"#;
    let problems = Agreement::from_toml(bad, 1).unwrap_err();
    for key in [
        "id:",
        "purpose:",
        "parties:",
        "article6:",
        "categories: \"shoe size\"",
        "max_marking:",
        "direction:",
        "practitioners:",
        "start:",
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(key)),
            "{key} in {problems:?}"
        );
    }
    // Dates out of order, and health shared under Part 2 without an Article 9 condition.
    let health = EXAMPLE
        .replace("\"safeguarding\"]", "\"safeguarding\", \"health\"]")
        .replace("expires = \"2028-03-31\"", "expires = 2027-01-01");
    let problems = Agreement::from_toml(&health, 1).unwrap_err();
    assert!(
        problems.iter().any(|p| p.starts_with("article9:")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with("review:")),
        "{problems:?}"
    );
    // A misspelt key is refused, not ignored.
    let misspelt = EXAMPLE.replace("max_marking", "max_markings");
    let problems = Agreement::from_toml(&misspelt, 1).unwrap_err();
    assert!(
        problems.iter().any(|p| p.contains("max_markings")),
        "{problems:?}"
    );
    // Part 3 needs its law-enforcement purpose.
    let part3 = EXAMPLE.replace("lawful_basis = \"part2\"", "lawful_basis = \"part3\"");
    let problems = Agreement::from_toml(&part3, 1).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("law_enforcement_purpose:"))
    );
    let part3 = format!(
        "{part3}\nlaw_enforcement_purpose = \"Preventing the exploitation of children (s.31)\""
    );
    assert!(matches!(
        Agreement::from_toml(&part3, 2).map(|a| a.lawful_basis),
        Ok(LawfulBasis::Part3 { .. })
    ));
}

proptest::proptest! {
    #[test]
    fn reading_an_agreement_file_never_panics(text in "\\PC{0,400}") {
        let _ = Agreement::from_toml(&text, 1);
    }

    #[test]
    fn an_agreement_file_with_any_values_never_panics(
        values in proptest::collection::vec("\\PC{0,20}", 6),
    ) {
        let mut file = EXAMPLE.to_owned();
        for (key, value) in ["id", "purpose", "lawful_basis", "max_marking", "direction", "start"]
            .iter()
            .zip(&values)
        {
            let value = value.replace(['"', '\\', '\n', '\r'], "");
            file = file
                .lines()
                .map(|line| if line.starts_with(&format!("{key} =")) {
                    format!("{key} = \"{value}\"")
                } else {
                    line.to_owned()
                })
                .collect::<Vec<_>>()
                .join("\n");
        }
        let _ = Agreement::from_toml(&file, 1);
    }
}
