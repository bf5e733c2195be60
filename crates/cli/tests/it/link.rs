//! `peel link`: deduplicating and linking CSV files, evaluating against true links, reusing
//! reviewers' decisions and keeping cluster ids. Uses FEBRL dataset 1 from ../shared/data and
//! skips without it.

use std::path::PathBuf;

use crate::peel;

fn linkage() -> Option<PathBuf> {
    let dir = peel_skip::shared_data().join("linkage");
    if dir.join("dataset1.csv").is_file() {
        Some(dir)
    } else {
        peel_skip::skip(&format!("{} is not here: skipped", dir.display()));
        None
    }
}

fn config() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/link/febrl.toml")
        .display()
        .to_string()
}

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn dedupe_and_eval_print_precision_recall_and_f1_on_febrl() {
    let Some(data) = linkage() else { return };
    let out = tempfile::tempdir().unwrap();
    let file = data.join("dataset1.csv");
    let truth = data.join("dataset1_true_links.csv");
    let out_dir = out.path().to_str().unwrap();
    let summary = stdout(&peel(
        &[
            "link",
            "dedupe",
            file.to_str().unwrap(),
            "--config",
            &config(),
            "--out",
            out_dir,
            "--truth",
            truth.to_str().unwrap(),
        ],
        "",
    ));
    assert!(summary.contains("records=1000"), "{summary}");
    assert!(summary.contains("blocking_recall="), "{summary}");

    let pairs = std::fs::read_to_string(out.path().join("pairs.csv")).unwrap();
    assert!(pairs.starts_with("left_id,right_id,match_probability,match_weight,w_given_name"));
    let clusters = std::fs::read_to_string(out.path().join("clusters.csv")).unwrap();
    assert!(clusters.starts_with("record_id,cluster_id\n"));
    assert_eq!(clusters.lines().count(), 1001);
    assert!(
        std::fs::read_to_string(out.path().join("model.txt"))
            .unwrap()
            .contains("prior weight")
    );

    let eval = stdout(&peel(
        &[
            "link",
            "eval",
            "--pairs",
            out.path().join("pairs.csv").to_str().unwrap(),
            "--truth",
            truth.to_str().unwrap(),
            "--threshold",
            "0.5",
        ],
        "",
    ));
    let line = eval.lines().next().unwrap();
    let f1: f64 = line
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix("f1="))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        line.starts_with("precision=0.") || line.starts_with("precision=1."),
        "{line}"
    );
    assert!(f1 > 0.99, "{line}");
}

#[test]
fn reviewers_decisions_are_reused_and_cluster_ids_kept_between_runs() {
    let Some(data) = linkage() else { return };
    let work = tempfile::tempdir().unwrap();
    let file = data.join("dataset1.csv");
    let first = work.path().join("first");
    stdout(&peel(
        &[
            "link",
            "dedupe",
            file.to_str().unwrap(),
            "--config",
            &config(),
            "--out",
            first.to_str().unwrap(),
        ],
        "",
    ));
    // A reviewer says the first matched pair is two different people.
    let pairs = std::fs::read_to_string(first.join("pairs.csv")).unwrap();
    let row: Vec<&str> = pairs.lines().nth(1).unwrap().split(',').collect();
    let decisions = work.path().join("decisions.csv");
    std::fs::write(
        &decisions,
        format!(
            "left_id,right_id,decision\n{},{},non-match\n",
            row[0], row[1]
        ),
    )
    .unwrap();
    let second = work.path().join("second");
    let summary = stdout(&peel(
        &[
            "link",
            "dedupe",
            file.to_str().unwrap(),
            "--config",
            &config(),
            "--out",
            second.to_str().unwrap(),
            "--decisions",
            decisions.to_str().unwrap(),
            "--previous",
            first.join("clusters.csv").to_str().unwrap(),
        ],
        "",
    ));
    assert!(summary.contains("decided=1"), "{summary}");
    let clusters = |dir: &PathBuf| -> std::collections::HashMap<String, String> {
        std::fs::read_to_string(dir.join("clusters.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| {
                let (a, b) = l.split_once(',').unwrap();
                (a.to_owned(), b.to_owned())
            })
            .collect()
    };
    let (before, after) = (clusters(&first), clusters(&second));
    assert_ne!(after[row[0]], after[row[1]], "the decision split the pair");
    let kept = before
        .iter()
        .filter(|(record, id)| after[record.as_str()] == **id)
        .count();
    assert!(
        kept >= 998,
        "only {kept} of 1000 records kept their cluster id"
    );
}

#[test]
fn pair_links_two_files_and_bad_input_is_named() {
    let Some(data) = linkage() else { return };
    let work = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(data.join("dataset1.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let (mut left, mut right) = (format!("{header}\n"), format!("{header}\n"));
    for line in lines {
        if line.contains("-org") {
            left.push_str(line);
            left.push('\n');
        } else {
            right.push_str(line);
            right.push('\n');
        }
    }
    let (l, r) = (work.path().join("left.csv"), work.path().join("right.csv"));
    std::fs::write(&l, left).unwrap();
    std::fs::write(&r, right).unwrap();
    let out = work.path().join("out");
    stdout(&peel(
        &[
            "link",
            "pair",
            l.to_str().unwrap(),
            r.to_str().unwrap(),
            "--config",
            &config(),
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    ));
    let eval = stdout(&peel(
        &[
            "link",
            "eval",
            "--pairs",
            out.join("pairs.csv").to_str().unwrap(),
            "--truth",
            data.join("dataset1_true_links.csv").to_str().unwrap(),
        ],
        "",
    ));
    assert!(
        eval.contains("f1=0.99") || eval.contains("f1=1.0000"),
        "{eval}"
    );
    // Every pair crosses the two files.
    let pairs = std::fs::read_to_string(out.join("pairs.csv")).unwrap();
    for row in pairs.lines().skip(1) {
        let mut cells = row.split(',');
        assert!(cells.next().unwrap().ends_with("-org"));
        assert!(cells.next().unwrap().contains("-dup-"));
    }

    let broken = work.path().join("broken.csv");
    std::fs::write(&broken, "rec_id, given_name\nrec-1, ann\n").unwrap();
    let output = peel(
        &[
            "link",
            "dedupe",
            broken.to_str().unwrap(),
            "--config",
            &config(),
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("no column \"surname\""), "{message}");
}
