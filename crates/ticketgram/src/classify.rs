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
            let train_csv = read(&train)?;
            let test_csv = read(&test)?;
            let (trained, tested) = (count(&train_csv)?, count(&test_csv)?);
            let evaluation = classifier::evaluate_csv(&train_csv, &test_csv)
                .context("cannot evaluate the classifier")?;
            Ok(format!(
                "trained on {trained} messages, tested on {tested}\n{evaluation}\n"
            ))
        }
        ClassifyCommand::Split {
            input,
            test_share,
            seed,
            train_out,
            test_out,
        } => {
            let examples = classifier::read_examples(read(&input)?.as_bytes())
                .with_context(|| format!("cannot read {}", input.display()))?;
            let (train, test) = classifier::split(&examples, test_share, seed);
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

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn count(csv: &str) -> anyhow::Result<usize> {
    Ok(classifier::read_examples(csv.as_bytes())?.len())
}

fn write(path: &Path, examples: &[Example]) -> anyhow::Result<()> {
    let file = std::fs::File::create_new(path)
        .with_context(|| format!("cannot create {} (it must not exist yet)", path.display()))?;
    classifier::write_examples(examples, std::io::BufWriter::new(file))
        .with_context(|| format!("cannot write {}", path.display()))
}
