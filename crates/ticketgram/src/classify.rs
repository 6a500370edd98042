//! `ticketgram classify`: the message classifier on labelled CSV files, without a desk.
//! Reading and writing the files happens here; the classifier itself does no I/O.

use crate::cli::ClassifyCommand;
use anyhow::Context as _;
use std::path::Path;
use ticketgram_understanding::classifier::{self, Example};

/// Runs one `classify` command and returns what it prints. `evaluate` ends with exactly
/// `accuracy A macro_f1 F train_s T per_message_us U`, so scripts can read its last line.
pub fn run(command: ClassifyCommand) -> anyhow::Result<String> {
    match command {
        ClassifyCommand::Evaluate { train, test } => {
            let (train, test) = (examples(&train)?, examples(&test)?);
            let evaluation =
                classifier::evaluate(&train, &test).context("cannot evaluate the classifier")?;
            Ok(format!(
                "trained on {} messages, tested on {}\n{evaluation}\n",
                train.len(),
                test.len()
            ))
        }
        ClassifyCommand::Split {
            input,
            test_share,
            seed,
            train_out,
            test_out,
        } => {
            let (train, test) = classifier::split(&examples(&input)?, test_share, seed);
            write(&train_out, &train)?;
            write(&test_out, &test)?;
            Ok(format!(
                "{} messages to {}, {} to {}\n",
                train.len(),
                train_out.display(),
                test.len(),
                test_out.display()
            ))
        }
    }
}

/// The labelled messages of a CSV file, read once.
fn examples(path: &Path) -> anyhow::Result<Vec<Example>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    classifier::read_examples(std::io::BufReader::new(file))
        .with_context(|| format!("cannot read {}", path.display()))
}

fn write(path: &Path, examples: &[Example]) -> anyhow::Result<()> {
    let file = std::fs::File::create_new(path)
        .with_context(|| format!("cannot create {} (it must not exist yet)", path.display()))?;
    classifier::write_examples(examples, std::io::BufWriter::new(file))
        .with_context(|| format!("cannot write {}", path.display()))
}
