//! `peel triage`: train and evaluate the scam classifier on the SMS collection format.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Subcommand;
use peel_core::classifier::{self, Model};

#[derive(Debug, Subcommand)]
pub enum TriageCommand {
    /// Train the scam classifier on the training 80% of a labelled file (label, tab, text)
    Train {
        /// The labelled messages, such as ../shared/data/text/uci_sms_spam/SMSSpamCollection
        #[arg(long)]
        data: PathBuf,
        /// Where to write the model
        #[arg(long)]
        out: PathBuf,
        /// Passes over the training data
        #[arg(long, default_value_t = 10)]
        epochs: usize,
    },
    /// Evaluate a model on the held-out 20% of the same file and print accuracy and macro-F1
    Eval {
        /// The model written by `peel triage train`
        #[arg(long)]
        model: PathBuf,
        /// The labelled messages the model was trained from
        #[arg(long)]
        data: PathBuf,
    },
}

fn read(data: &PathBuf) -> anyhow::Result<Vec<(String, bool)>> {
    let bytes =
        std::fs::read(data).with_context(|| format!("Failed to read {}", data.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let (examples, bad) = classifier::read_labelled(&text);
    anyhow::ensure!(
        bad.is_empty(),
        "{}: lines {:?} are not 'spam' or 'ham', a tab, then the message",
        data.display(),
        bad.iter().take(10).collect::<Vec<_>>()
    );
    anyhow::ensure!(
        examples.len() >= 10,
        "{} holds too few messages to train on",
        data.display()
    );
    Ok(examples)
}

pub async fn run(command: TriageCommand) -> anyhow::Result<ExitCode> {
    match command {
        TriageCommand::Train { data, out, epochs } => {
            let examples = read(&data)?;
            let (train, _) = classifier::split(examples.len());
            let training: Vec<(&str, bool)> = train
                .iter()
                .filter_map(|i| examples.get(*i))
                .map(|(text, scam)| (text.as_str(), *scam))
                .collect();
            let started = Instant::now();
            let model = Model::train(&training, epochs, 0);
            std::fs::write(&out, model.to_bytes())
                .with_context(|| format!("Failed to write {}", out.display()))?;
            crate::say(&format!(
                "Trained on {} messages in {:.2} s; model written to {}",
                training.len(),
                started.elapsed().as_secs_f64(),
                out.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        TriageCommand::Eval { model, data } => {
            let bytes = std::fs::read(&model)
                .with_context(|| format!("Failed to read {}", model.display()))?;
            let model = Model::from_bytes(&bytes)?;
            let examples = read(&data)?;
            let (_, held_out) = classifier::split(examples.len());
            let test: Vec<&(String, bool)> =
                held_out.iter().filter_map(|i| examples.get(*i)).collect();
            let started = Instant::now();
            let predicted: Vec<bool> = test
                .iter()
                .map(|(text, _)| model.probability(text) >= 0.5)
                .collect();
            let elapsed = started.elapsed();
            let truth: Vec<bool> = test.iter().map(|(_, scam)| *scam).collect();
            let (accuracy, macro_f1) = classifier::scores(&truth, &predicted);
            crate::say(&format!("accuracy={accuracy:.4} macro_f1={macro_f1:.4}"));
            crate::say(&format!(
                "held out: {} messages; {:.0} predictions/s on one core, one at a time",
                test.len(),
                test.len() as f64 / elapsed.as_secs_f64()
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}
