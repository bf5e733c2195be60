use super::*;
use proptest::prelude::*;

fn toy() -> Vec<(&'static str, bool)> {
    vec![
        (
            "WINNER!! You have won a £1000 prize. Call 09061701461 to claim now",
            true,
        ),
        (
            "URGENT your account is suspended, verify at http://bank-secure.example now",
            true,
        ),
        ("Free entry to win a holiday, text WIN to 80086", true),
        (
            "Your parcel is held, pay the £1.99 fee at royal-mail.example",
            true,
        ),
        ("Are we still on for lunch tomorrow?", false),
        ("I'll be home late, can you feed the cat", false),
        ("Thanks for yesterday, it was lovely to see you", false),
        ("Running ten minutes late, sorry", false),
    ]
}

#[test]
fn fnv1a_matches_the_published_test_vectors() {
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn features_include_words_bigrams_and_character_grams_once_each() {
    let found: Vec<String> = features("Free FREE free!")
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert!(found.contains(&"w:free".to_owned()));
    assert!(found.contains(&"b:free free".to_owned()));
    assert!(found.contains(&"c:fr".to_owned()));
    assert_eq!(found.iter().filter(|f| *f == "w:free").count(), 1);
}

#[test]
fn a_trained_model_separates_the_toy_examples_and_explains_itself() {
    let model = Model::train(&toy(), 30, 0);
    let scam = model.predict("You have WON a prize! Call now to claim", 5);
    assert!(scam.is_scam(), "{scam:?}");
    assert!(scam.reasons.iter().any(|r| r.weight > 0.0));
    let friend = model.predict("Are we still on for dinner tomorrow?", 5);
    assert!(!friend.is_scam(), "{friend:?}");
}

#[test]
fn training_is_deterministic() {
    assert_eq!(Model::train(&toy(), 5, 7), Model::train(&toy(), 5, 7));
}

#[test]
fn a_model_survives_a_round_trip_through_its_file() {
    let model = Model::train(&toy(), 3, 0);
    assert_eq!(Model::from_bytes(&model.to_bytes()), Ok(model));
}

#[test]
fn damaged_or_foreign_model_files_are_refused_with_a_clear_error() {
    let bytes = Model::train(&toy(), 1, 0).to_bytes();
    assert_eq!(
        Model::from_bytes(b"not a model at all"),
        Err(ModelError::NotAModel)
    );
    assert_eq!(
        Model::from_bytes(&bytes[..bytes.len() - 1]),
        Err(ModelError::Corrupt)
    );
    let mut flipped = bytes.clone();
    flipped[100] ^= 1;
    assert_eq!(Model::from_bytes(&flipped), Err(ModelError::Corrupt));
    let mut newer = bytes;
    newer[8] = 9;
    assert_eq!(
        Model::from_bytes(&newer),
        Err(ModelError::WrongVersion {
            found: 9,
            expected: MODEL_VERSION
        })
    );
}

#[test]
fn the_split_is_fixed_and_eighty_twenty() {
    let (train, test) = split(5_574);
    assert_eq!((train.len(), test.len()), (4_459, 1_115));
    assert_eq!(split(5_574), (train.clone(), test.clone()));
    let mut all: Vec<usize> = train.into_iter().chain(test).collect();
    all.sort_unstable();
    assert_eq!(all, (0..5_574).collect::<Vec<_>>());
}

#[test]
fn splitmix64_matches_its_reference_output() {
    // The first outputs of SplitMix64 seeded with 0.
    let mut rng = SplitMix64(0);
    assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
    assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
}

#[test]
fn scores_are_computed_per_class() {
    let truth = [true, true, false, false];
    let predicted = [true, false, false, false];
    let (accuracy, macro_f1) = scores(&truth, &predicted);
    assert!((accuracy - 0.75).abs() < 1e-9);
    assert!((macro_f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-9);
}

#[test]
fn malformed_lines_are_reported_by_number() {
    let (examples, bad) = read_labelled("ham\thello\nspam\twin now\nnonsense line\n\n");
    assert_eq!(examples.len(), 2);
    assert_eq!(bad, [3]);
}

proptest! {
    #[test]
    fn any_text_gets_a_probability_without_panicking(text in "\\PC{0,200}") {
        let model = Model::train(&toy(), 1, 0);
        let p = model.predict(&text, 3).probability;
        prop_assert!((0.0..=1.0).contains(&p));
    }

    #[test]
    fn the_fast_buckets_are_exactly_the_named_features_buckets(text in "\\PC{0,80}") {
        let mut named: Vec<usize> = features(&text).into_iter().map(|(_, b)| b).collect();
        named.sort_unstable();
        named.dedup();
        prop_assert_eq!(feature_buckets(&text), named);
    }

    #[test]
    fn features_are_the_same_whatever_the_case(text in "[a-zA-Z ]{0,40}") {
        prop_assert_eq!(features(&text), features(&text.to_uppercase()));
    }
}
