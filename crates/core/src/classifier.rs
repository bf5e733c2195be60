//! The scam and smishing classifier: logistic regression over hashed word and character
//! n-grams, trained and run here, explaining every prediction by the features that pushed it.
//!
//! Features, all taken from the lower-cased text:
//! - `w:` word unigrams and `b:` word bigrams (words are runs of letters and digits);
//! - `c:` character 2- to 5-grams over the text with runs of spaces made single.
//!
//! Each present feature counts once, and the vector is scaled to unit length.
//! Features are hashed with 64-bit FNV-1a (offset 0xcbf29ce484222325, prime 0x100000001b3)
//! over the UTF-8 bytes of the prefixed feature, into 2^18 buckets: the hash is fixed so a
//! model file means the same on every build.
//!
//! The split used to train and evaluate is fixed too: indices shuffled by Fisher–Yates driven
//! by SplitMix64 seeded with 0 (`j = next() % (i + 1)` for `i` from `n - 1` down to 1), the
//! first 80% (rounded down) for training and the rest held out.

use std::collections::HashSet;

use sha2::{Digest, Sha256};

/// Number of hash buckets (2^18).
pub const BUCKETS: usize = 1 << 18;
/// The model file format version this build reads and writes.
pub const MODEL_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"PEELSCAM";

/// A trained model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    weights: Vec<f32>,
    bias: f32,
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// Not a model file.
    #[error("this is not a Peel scam model file")]
    NotAModel,
    /// A model from another version of the format.
    #[error(
        "the model file is format version {found}; this build reads version {expected}: train it again with peel triage train"
    )]
    WrongVersion {
        /// The version found.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The file is cut short or its contents do not match their checksum.
    #[error(
        "the model file is damaged (it is cut short or its checksum does not match): train it again"
    )]
    Corrupt,
}

/// One feature's push on a prediction.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    /// The feature as read, such as `w:free` or `c:£1`.
    pub feature: String,
    /// How far it moved the log-odds of "scam" (positive pushes towards scam).
    pub weight: f32,
}

/// A prediction with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Probability that the message is a scam or spam.
    pub probability: f32,
    /// The strongest pushes either way, strongest first.
    pub reasons: Vec<Contribution>,
}

impl Prediction {
    /// Whether the message is judged a scam (probability at least one half).
    pub fn is_scam(&self) -> bool {
        self.probability >= 0.5
    }
}

/// 64-bit FNV-1a.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The distinct features of a text, as strings (for explanations) with their buckets.
pub fn features(text: &str) -> Vec<(String, usize)> {
    let lower = text.to_lowercase();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut push = |feature: String| {
        if seen.insert(feature.clone()) {
            let bucket = (fnv1a(feature.as_bytes()) % BUCKETS as u64) as usize;
            out.push((feature, bucket));
        }
    };
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for word in &words {
        push(format!("w:{word}"));
    }
    for pair in words.windows(2) {
        if let [first, second] = pair {
            push(format!("b:{first} {second}"));
        }
    }
    let squeezed: Vec<char> = {
        let mut chars = Vec::with_capacity(lower.len());
        let mut last_space = false;
        for c in lower.chars() {
            let space = c.is_whitespace();
            if !(space && last_space) {
                chars.push(if space { ' ' } else { c });
            }
            last_space = space;
        }
        chars
    };
    for n in 2..=5 {
        for gram in squeezed.windows(n) {
            push(format!("c:{}", gram.iter().collect::<String>()));
        }
    }
    out
}

/// FNV-1a continued over more bytes.
fn fnv1a_more(mut hash: u64, bytes: &[u8]) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The distinct buckets of a text's features: the same features as [`features`], hashed
/// without building their strings (the fast path for training and prediction).
pub fn feature_buckets(text: &str) -> Vec<usize> {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    let lower = text.to_lowercase();
    let mut buckets = Vec::with_capacity(lower.len() * 4 + 8);
    let bucket = |hash: u64| (hash % BUCKETS as u64) as usize;
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let word_prefix = fnv1a_more(OFFSET, b"w:");
    let bigram_prefix = fnv1a_more(OFFSET, b"b:");
    for word in &words {
        buckets.push(bucket(fnv1a_more(word_prefix, word.as_bytes())));
    }
    for pair in words.windows(2) {
        if let [first, second] = pair {
            let hash = fnv1a_more(
                fnv1a_more(fnv1a_more(bigram_prefix, first.as_bytes()), b" "),
                second.as_bytes(),
            );
            buckets.push(bucket(hash));
        }
    }
    // Character positions (byte offsets) of the squeezed text, to hash n-grams in place.
    let mut squeezed = String::with_capacity(lower.len());
    let mut last_space = false;
    for c in lower.chars() {
        let space = c.is_whitespace();
        if !(space && last_space) {
            squeezed.push(if space { ' ' } else { c });
        }
        last_space = space;
    }
    let starts: Vec<usize> = squeezed
        .char_indices()
        .map(|(i, _)| i)
        .chain([squeezed.len()])
        .collect();
    let char_prefix = fnv1a_more(OFFSET, b"c:");
    let bytes = squeezed.as_bytes();
    for n in 2..=5usize {
        for window in starts.windows(n + 1) {
            if let (Some(first), Some(last)) = (window.first(), window.last()) {
                let gram = bytes.get(*first..*last).unwrap_or_default();
                buckets.push(bucket(fnv1a_more(char_prefix, gram)));
            }
        }
    }
    buckets.sort_unstable();
    buckets.dedup();
    buckets
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// The log-odds of "scam" for a text's distinct buckets.
    fn score(&self, buckets: &[usize]) -> f32 {
        let scale = 1.0 / (buckets.len().max(1) as f32).sqrt();
        self.bias
            + buckets
                .iter()
                .map(|b| self.weights.get(*b).copied().unwrap_or(0.0))
                .sum::<f32>()
                * scale
    }

    /// The probability that a text is a scam, without the explanation.
    pub fn probability(&self, text: &str) -> f32 {
        sigmoid(self.score(&feature_buckets(text)))
    }

    /// Predicts, with the `n_reasons` strongest pushes either way.
    pub fn predict(&self, text: &str, n_reasons: usize) -> Prediction {
        let buckets = feature_buckets(text);
        let scale = 1.0 / (buckets.len().max(1) as f32).sqrt();
        let probability = sigmoid(self.score(&buckets));
        // One named feature per bucket, so each bucket's push is counted once.
        let mut named: Vec<(String, usize)> = features(text);
        let mut seen = HashSet::new();
        named.retain(|(_, bucket)| seen.insert(*bucket));
        let mut reasons: Vec<Contribution> = named
            .into_iter()
            .map(|(feature, bucket)| Contribution {
                weight: self.weights.get(bucket).copied().unwrap_or(0.0) * scale,
                feature,
            })
            .filter(|c| c.weight != 0.0)
            .collect();
        reasons.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        reasons.truncate(n_reasons);
        Prediction {
            probability,
            reasons,
        }
    }

    /// Trains by logistic regression with AdaGrad over shuffled epochs; deterministic for the
    /// same examples and seed.
    pub fn train(examples: &[(&str, bool)], epochs: usize, seed: u64) -> Model {
        let featurised: Vec<(Vec<usize>, f32, f32)> = examples
            .iter()
            .map(|(text, scam)| {
                let buckets = feature_buckets(text);
                let scale = 1.0 / (buckets.len().max(1) as f32).sqrt();
                (buckets, scale, if *scam { 1.0 } else { 0.0 })
            })
            .collect();
        let mut weights = vec![0.0f32; BUCKETS];
        let mut squared = vec![1e-8f32; BUCKETS];
        let (mut bias, mut bias_squared) = (0.0f32, 1e-8f32);
        let rate = 0.5f32;
        let l2 = 1e-6f32;
        let mut order: Vec<usize> = (0..featurised.len()).collect();
        let mut rng = SplitMix64(seed);
        for _ in 0..epochs {
            shuffle(&mut order, &mut rng);
            for idx in &order {
                let Some((buckets, scale, label)) = featurised.get(*idx) else {
                    continue;
                };
                let score = bias
                    + buckets
                        .iter()
                        .map(|b| weights.get(*b).copied().unwrap_or(0.0))
                        .sum::<f32>()
                        * scale;
                let error = sigmoid(score) - label;
                for bucket in buckets {
                    if let (Some(w), Some(g2)) =
                        (weights.get_mut(*bucket), squared.get_mut(*bucket))
                    {
                        let gradient = error * scale + l2 * *w;
                        *g2 += gradient * gradient;
                        *w -= rate * gradient / g2.sqrt();
                    }
                }
                bias_squared += error * error;
                bias -= rate * error / bias_squared.sqrt();
            }
        }
        Model { weights, bias }
    }

    /// The model as a versioned file: magic, version, bucket count, bias, weights (all
    /// little-endian), then a SHA-256 of everything before it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(8 + 4 + 4 + 4 + 4 * self.weights.len() + 32);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&MODEL_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&self.bias.to_le_bytes());
        for weight in &self.weights {
            bytes.extend_from_slice(&weight.to_le_bytes());
        }
        let checksum = Sha256::digest(&bytes);
        bytes.extend_from_slice(&checksum);
        bytes
    }

    /// Reads a model file, refusing anything damaged or of another version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let magic = bytes.get(..8).ok_or(ModelError::NotAModel)?;
        if magic != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let word = |at: usize| -> Result<[u8; 4], ModelError> {
            bytes
                .get(at..at + 4)
                .and_then(|s| s.try_into().ok())
                .ok_or(ModelError::Corrupt)
        };
        let version = u32::from_le_bytes(word(8)?);
        if version != MODEL_VERSION {
            return Err(ModelError::WrongVersion {
                found: version,
                expected: MODEL_VERSION,
            });
        }
        let n = u32::from_le_bytes(word(12)?) as usize;
        if n != BUCKETS {
            return Err(ModelError::Corrupt);
        }
        let body_len = 20 + 4 * n;
        let (body, checksum) = (bytes.get(..body_len), bytes.get(body_len..));
        let (Some(body), Some(checksum)) = (body, checksum) else {
            return Err(ModelError::Corrupt);
        };
        if checksum != Sha256::digest(body).as_slice() {
            return Err(ModelError::Corrupt);
        }
        let bias = f32::from_le_bytes(word(16)?);
        let weights = body
            .get(20..)
            .unwrap_or_default()
            .chunks_exact(4)
            .filter_map(|chunk| chunk.try_into().ok().map(f32::from_le_bytes))
            .collect();
        Ok(Model { weights, bias })
    }
}

/// SplitMix64, the documented generator behind the split and the training order.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn shuffle<T>(items: &mut [T], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The documented 80/20 split of `n` examples: (training indices, held-out indices).
pub fn split(n: usize) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(&mut order, &mut SplitMix64(0));
    let cut = n * 8 / 10;
    let held_out = order.split_off(cut);
    (order, held_out)
}

/// Accuracy and macro-F1 (the mean of the two classes' F1).
pub fn scores(truth: &[bool], predicted: &[bool]) -> (f64, f64) {
    let count = |t: bool, p: bool| {
        truth
            .iter()
            .zip(predicted)
            .filter(|(a, b)| **a == t && **b == p)
            .count() as f64
    };
    let (tp, tn, fp, fneg) = (
        count(true, true),
        count(false, false),
        count(false, true),
        count(true, false),
    );
    let total = tp + tn + fp + fneg;
    let f1 = |tp: f64, fp: f64, fneg: f64| {
        if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fneg)
        }
    };
    let accuracy = if total == 0.0 { 0.0 } else { (tp + tn) / total };
    (accuracy, (f1(tp, fp, fneg) + f1(tn, fneg, fp)) / 2.0)
}

/// Reads the SMS collection format: a label (`spam` or `ham`), a tab, the text; quoting off.
/// Returns the examples and the 1-based numbers of lines that were not in that shape.
pub fn read_labelled(text: &str) -> (Vec<(String, bool)>, Vec<usize>) {
    let mut examples = Vec::new();
    let mut bad = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        match line.split_once('\t') {
            Some(("spam", message)) => examples.push((message.to_owned(), true)),
            Some(("ham", message)) => examples.push((message.to_owned(), false)),
            _ if line.trim().is_empty() => {}
            _ => bad.push(idx + 1),
        }
    }
    (examples, bad)
}

#[cfg(test)]
mod tests;
