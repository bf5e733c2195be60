//! `peel link` reads records, reviewers' decisions, configurations and MISP warning lists from
//! outside: none may panic, whatever the bytes. Records that do read are linked end to end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_link::WarningLists;
use peel_link::person::{Decisions, LinkConfig, Linker, Records};

const CONFIG: &str = r#"
id_column = "id"
u_sample_pairs = 200
[[comparison]]
column = "name"
method = "jaro_winkler"
thresholds = [0.9]
[[comparison]]
column = "dob"
method = "date"
[[blocking]]
keys = [{ column = "name", prefix = 2 }]
"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = LinkConfig::from_toml(text);
    let _ = Decisions::read_csv(data);
    let _ = WarningLists::new().add_misp(text);
    let Ok(config) = LinkConfig::from_toml(CONFIG) else { return };
    let mut records = Records::new(&config.columns());
    if records.read_csv(data, "id", 0, &mut |_| {}).is_err() || records.len() < 2 {
        return;
    }
    let Ok(linker) = Linker::new(config, records, false) else { return };
    if let Ok(model) = linker.train() {
        let (pairs, _) = linker.score_all(&model, 0.0, &|_, _| {});
        for pair in &pairs {
            let p = pair.probability();
            assert!(p.is_nan() || (0.0..=1.0).contains(&p));
        }
        let _ = linker.clusters(&pairs, &Default::default());
    }
});
