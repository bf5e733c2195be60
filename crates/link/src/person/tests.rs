use std::collections::HashMap;

use proptest::prelude::*;

use peel_core::classifier::SplitMix64;

use super::*;

const CONFIG: &str = r#"
id_column = "id"
u_sample_pairs = 50000

[[comparison]]
column = "given"
method = "jaro_winkler"
thresholds = [0.92, 0.8]

[[comparison]]
column = "surname"
method = "jaro_winkler"
thresholds = [0.92, 0.8]

[[comparison]]
column = "dob"
method = "date"

[[comparison]]
column = "house"
method = "exact"

[[comparison]]
column = "town"
method = "levenshtein"
thresholds = [1]

[[blocking]]
keys = ["dob"]

[[blocking]]
keys = ["given", "surname"]

[[blocking]]
keys = ["surname", "house"]
"#;

const GIVEN: [&str; 24] = [
    "amelia", "oliver", "isla", "noah", "ava", "leo", "mia", "arthur", "ivy", "oscar", "freya",
    "george", "harry", "sophia", "jack", "grace", "theo", "lily", "finley", "rosie", "muhammad",
    "aisha", "yusuf", "zara",
];
const SURNAME: [&str; 30] = [
    "smith", "jones", "taylor", "brown", "williams", "wilson", "johnson", "davies", "patel",
    "wright", "khan", "evans", "thomas", "roberts", "walker", "robinson", "thompson", "white",
    "hughes", "edwards", "green", "hall", "wood", "harris", "lewis", "martin", "jackson", "clarke",
    "clark", "turner",
];
const TOWN: [&str; 8] = [
    "hackney", "lewisham", "camden", "ealing", "barnet", "croydon", "brent", "harrow",
];

fn typo(text: &str, rng: &mut SplitMix64) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = (rng.next_u64() as usize) % chars.len().max(1);
    match rng.next_u64() % 3 {
        0 if chars.len() > 1 => {
            chars.remove(at);
        }
        1 => chars.insert(at, 'e'),
        _ => {
            if let Some(c) = chars.get_mut(at) {
                *c = 'x';
            }
        }
    }
    chars.into_iter().collect()
}

/// People with one to three records each; each copy has one field mistyped and another
/// sometimes missing. Ids are `p<person>-<copy>`.
fn people(count: usize, start: usize) -> Vec<(String, [String; 5])> {
    let mut rng = SplitMix64(start as u64 + 7);
    let mut out = Vec::new();
    for p in start..start + count {
        let pick = |rng: &mut SplitMix64, n: usize| (rng.next_u64() as usize) % n;
        let d = pick(&mut rng, 20_000);
        let original = [
            GIVEN[pick(&mut rng, 24)].to_owned(),
            SURNAME[pick(&mut rng, 30)].to_owned(),
            format!(
                "19{:02}{:02}{:02}",
                20 + d % 80,
                1 + (d / 80) % 12,
                1 + d % 28
            ),
            (1 + pick(&mut rng, 120)).to_string(),
            TOWN[pick(&mut rng, 8)].to_owned(),
        ];
        out.push((format!("p{p}-0"), original.clone()));
        let copies = pick(&mut rng, 3);
        for copy in 1..=copies {
            let mut fields = original.clone();
            let field = pick(&mut rng, 5);
            fields[field] = typo(&fields[field], &mut rng);
            if rng.next_u64().is_multiple_of(4) {
                fields[(field + 1 + (rng.next_u64() as usize) % 4) % 5] = String::new();
            }
            out.push((format!("p{p}-{copy}"), fields));
        }
    }
    out
}

fn linker(rows: &[(String, [String; 5])]) -> Linker {
    let config = LinkConfig::from_toml(CONFIG).unwrap();
    let mut records = Records::new(&config.columns());
    for (id, fields) in rows {
        records.push(id, 0, fields.iter().map(String::as_str));
    }
    Linker::new(config, records, false).unwrap()
}

fn person(id: &str) -> &str {
    id.split('-').next().unwrap()
}

fn truth(linker: &Linker) -> (usize, usize) {
    let ids = &linker.records.ids;
    let (mut all, mut blocked) = (0, 0);
    for a in 0..ids.len() {
        for b in a + 1..ids.len() {
            if person(&ids[a]) == person(&ids[b]) {
                all += 1;
                blocked += usize::from(linker.is_blocked(a, b));
            }
        }
    }
    (all, blocked)
}

#[test]
fn deduplication_finds_the_copies_and_explains_each_pair() {
    let linker = linker(&people(1_500, 0));
    let model = linker.train().unwrap();
    let (pairs, candidates) = linker.score_all(&model, 0.0, &|_, _| {});
    assert!(candidates as usize >= pairs.len());
    let ids = &linker.records.ids;
    let (mut tp, mut fp) = (0, 0);
    for p in pairs.iter().filter(|p| p.probability() >= 0.5) {
        if person(&ids[p.a as usize]) == person(&ids[p.b as usize]) {
            tp += 1;
        } else {
            fp += 1;
        }
    }
    let (all, blocked) = truth(&linker);
    assert!(blocked * 100 >= all * 90, "blocking recall {blocked}/{all}");
    assert!(
        tp * 100 >= blocked * 95,
        "recall {tp}/{blocked} of the blocked true pairs"
    );
    assert!(fp * 50 <= tp, "{fp} false matches against {tp} true");
    // The waterfall adds up to the weight.
    for p in pairs.iter().take(50) {
        let sum: f64 = linker.contributions(&model, p).iter().sum::<f64>()
            + model.prior()
            + linker.dependence_weight(&model, p);
        assert!((sum - p.weight).abs() < 1e-9);
    }
}

#[test]
fn stable_cluster_ids_survive_adding_records() {
    let first = people(800, 0);
    let before = linker(&first);
    let model = before.train().unwrap();
    let (pairs, _) = before.score_all(&model, 0.0, &|_, _| {});
    let ids_before = before.clusters(&pairs, &HashMap::new());
    let previous: HashMap<String, String> = before
        .records
        .ids
        .iter()
        .cloned()
        .zip(ids_before.iter().cloned())
        .collect();

    // New people, and a further copy of person 5.
    let mut second = first.clone();
    second.extend(people(100, 1_000));
    let mut extra = first.iter().find(|(id, _)| id == "p5-0").unwrap().1.clone();
    extra[4] = typo(&extra[4], &mut SplitMix64(1));
    second.push(("p5-9".into(), extra));
    let after = linker(&second);
    let model = after.train().unwrap();
    let (pairs, _) = after.score_all(&model, 0.0, &|_, _| {});
    let ids_after = after.clusters(&pairs, &previous);
    let now: HashMap<&str, &str> = after
        .records
        .ids
        .iter()
        .map(String::as_str)
        .zip(ids_after.iter().map(String::as_str))
        .collect();
    // Every cluster whose old members are still together, and alone, keeps its id.
    let members = |assignments: &mut dyn Iterator<Item = (&str, &str)>| {
        let mut by: HashMap<String, std::collections::BTreeSet<String>> = HashMap::new();
        for (record, cluster) in assignments {
            if previous.contains_key(record) {
                by.entry(cluster.to_owned())
                    .or_default()
                    .insert(record.to_owned());
            }
        }
        by
    };
    let old = members(&mut previous.iter().map(|(r, c)| (r.as_str(), c.as_str())));
    let new = members(&mut now.iter().map(|(r, c)| (*r, *c)));
    let new_by_members: HashMap<&std::collections::BTreeSet<String>, &String> =
        new.iter().map(|(c, m)| (m, c)).collect();
    let mut unchanged = 0;
    for (id, set) in &old {
        if let Some(now_id) = new_by_members.get(set) {
            assert_eq!(*now_id, id, "an unchanged cluster changed its id");
            unchanged += 1;
        }
    }
    assert!(
        unchanged * 100 >= old.len() * 95,
        "{unchanged} of {} unchanged",
        old.len()
    );
    assert_eq!(
        now["p5-9"], now["p5-0"],
        "the new copy joins its person's cluster"
    );
    assert_ne!(now["p1000-0"], now["p5-0"]);
    // A new person's cluster id is not one already used.
    assert!(!previous.values().any(|v| v == now["p1000-0"]));
}

#[test]
fn cluster_ids_go_to_the_cluster_holding_most_old_members_when_one_splits() {
    let ids: Vec<String> = ["a", "b", "c", "d"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let previous: HashMap<String, String> =
        ids.iter().map(|id| (id.clone(), "a".to_owned())).collect();
    // a-b-c stay together, d splits off.
    let out = cluster_ids(&ids, [(0, 1), (1, 2)], &previous);
    assert_eq!(out, ["a", "a", "a", "d"]);
    // Merge of two old clusters keeps the larger one's id.
    let previous: HashMap<String, String> = [("a", "a"), ("b", "a"), ("c", "c")]
        .iter()
        .map(|(x, y)| ((*x).to_owned(), (*y).to_owned()))
        .collect();
    let out = cluster_ids(&ids[..3], [(0, 1), (1, 2)], &previous);
    assert_eq!(out, ["a", "a", "a"]);
}

#[test]
fn reviewers_decisions_override_the_model() {
    let linker = linker(&people(800, 0));
    let model = linker.train().unwrap();
    let (mut pairs, _) = linker.score_all(&model, 0.0, &|_, _| {});
    let first = pairs[0];
    let (a, b) = (
        linker.records.ids[first.a as usize].clone(),
        linker.records.ids[first.b as usize].clone(),
    );
    let mut decisions = Decisions::default();
    let decided = if first.probability() >= 0.5 {
        Decision::NonMatch
    } else {
        Decision::Match
    };
    decisions.insert(&b, &a, decided);
    assert_eq!(linker.apply_decisions(&mut pairs, &decisions), 1);
    assert_eq!(
        pairs[0].probability() >= 0.5,
        decided == Decision::Match,
        "the decision wins"
    );
    let read =
        Decisions::read_csv("left_id,right_id,decision\nx,y,match\nx,z,\n".as_bytes()).unwrap();
    assert_eq!(read.get("y", "x"), Some(Decision::Match));
    assert_eq!(read.len(), 1);
    assert!(Decisions::read_csv("left_id,right_id,decision\nx,y,maybe\n".as_bytes()).is_err());
}

#[test]
fn date_levels() {
    assert_eq!(date_level("19560409", "19560409"), 4);
    assert_eq!(date_level("19560409", "1956-04-09"), 4);
    assert_eq!(date_level("09/04/1956", "19560409"), 4);
    assert_eq!(
        date_level("19560409", "19560904"),
        3,
        "day and month swapped"
    );
    assert_eq!(date_level("19560409", "19560408"), 3, "one typing error");
    assert_eq!(
        date_level("19560409", "19650409"),
        3,
        "neighbouring digits swapped"
    );
    assert_eq!(date_level("19560409", "19560421"), 2, "same year and month");
    assert_eq!(date_level("19560409", "19880409"), 2, "same day and month");
    assert_eq!(date_level("19560409", "19881231"), 1);
    assert_eq!(date_level("unknown", "unknown"), 4);
    assert_eq!(date_level("unknown", "other"), 1);
}

#[test]
fn bad_configurations_are_refused_with_the_reason() {
    let err =
        LinkConfig::from_toml("id_column = 'id'\ncomparison = []\nblocking = []").unwrap_err();
    assert!(err.to_string().contains("comparison"), "{err}");
    let bad = CONFIG.replace("thresholds = [1]", "thresholds = [0.5]");
    let err = LinkConfig::from_toml(&bad).unwrap_err();
    assert!(err.to_string().contains("whole numbers"), "{err}");
    let bad = CONFIG.replace("method = \"date\"", "method = \"soundex\"");
    assert!(LinkConfig::from_toml(&bad).is_err());
    let missing = CONFIG.replace("keys = [\"dob\"]", "keys = [\"nowhere\"]");
    let config = LinkConfig::from_toml(&missing).unwrap();
    let records = Records::new(&config.columns());
    // The column list includes `nowhere`, so the records have it; reading a file without it fails.
    let mut r = records.clone();
    let err = r
        .read_csv(
            "id,given,surname,dob,house,town\n1,a,b,c,d,e\n".as_bytes(),
            "id",
            0,
            &mut |_| {},
        )
        .unwrap_err();
    assert!(err.to_string().contains("nowhere"), "{err}");
}

#[test]
fn reading_refuses_duplicate_and_empty_ids() {
    let config = LinkConfig::from_toml(CONFIG).unwrap();
    let mut records = Records::new(&config.columns());
    let head = "id, given, surname, dob, house, town\n";
    let err = records
        .read_csv(
            format!("{head}1, a, b, c, 1, d\n1, a, b, c, 1, d\n").as_bytes(),
            "id",
            0,
            &mut |_| {},
        )
        .unwrap_err();
    assert!(err.to_string().contains("used twice"), "{err}");
    let mut records = Records::new(&config.columns());
    let n = records
        .read_csv(
            format!("{head}1, Ann, B, , 1, d\n2, ann, b, c, 1, d\n").as_bytes(),
            "id",
            0,
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(n, 2);
    let given = records
        .column(records.column_index("given").unwrap())
        .unwrap();
    assert_eq!(given.value(0), given.value(1), "case is ignored");
    let dob = records
        .column(records.column_index("dob").unwrap())
        .unwrap();
    assert_eq!(dob.value(0), MISSING);
}

proptest! {
    #[test]
    fn a_date_level_is_symmetric_and_exact_only_when_equal(
        a in "(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])",
        b in "(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])",
    ) {
        prop_assert_eq!(date_level(&a, &b), date_level(&b, &a));
        prop_assert_eq!(date_level(&a, &b) == 4, a == b);
    }

    #[test]
    fn reading_any_csv_never_panics(text in "\\PC{0,200}") {
        let config = LinkConfig::from_toml(CONFIG).unwrap();
        let mut records = Records::new(&config.columns());
        let _ = records.read_csv(text.as_bytes(), "id", 0, &mut |_| {});
    }
}
