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
        ClassifyCommand::Bench { input, rounds } => bench(&examples(&input)?, rounds),
    }
}

/// Per held-out message, what the relay runs when a client writes: the message's language
/// (among the bots' languages), the desk's intent model, and the urgency and sentiment cues.
fn bench(examples: &[Example], rounds: usize) -> anyhow::Result<String> {
    use std::time::Instant;
    use ticketgram_understanding::{cues, detect_message, Lang};
    let (train, test) = classifier::split(examples, 0.2, 2020);
    anyhow::ensure!(!test.is_empty(), "too few messages to hold any out");
    let started = Instant::now();
    let model = classifier::IntentModel::train(&train).context("cannot train")?;
    let train_s = started.elapsed().as_secs_f64();
    let bots: Vec<Lang> = ["en", "ru", "zh", "de"]
        .into_iter()
        .filter_map(Lang::from_code)
        .collect();
    let mut latencies_us = Vec::with_capacity(test.len() * rounds.max(1));
    let mut kept = 0usize;
    // Seconds spent detecting the language, predicting the intent, finding the cues.
    let mut spent = [0f64; 3];
    let run_started = Instant::now();
    for _ in 0..rounds.max(1) {
        for example in &test {
            let started = Instant::now();
            let language = detect_message(&example.text, &bots);
            let detected = Instant::now();
            let intent = model.predict(&example.text);
            let predicted = Instant::now();
            let urgency = cues::urgency(&example.text);
            let sentiment = cues::sentiment(&example.text);
            let done = Instant::now();
            spent[0] += (detected - started).as_secs_f64();
            spent[1] += (predicted - detected).as_secs_f64();
            spent[2] += (done - predicted).as_secs_f64();
            latencies_us.push((done - started).as_secs_f64() * 1e6);
            // Keeps the work from being optimised away.
            kept += usize::from(language.is_some())
                + intent.label.len()
                + format!("{urgency:?}{sentiment:?}").len() % 2;
        }
    }
    let total_s = run_started.elapsed().as_secs_f64();
    latencies_us.sort_by(f64::total_cmp);
    let at = |q: f64| latencies_us[((latencies_us.len() - 1) as f64 * q).round() as usize];
    Ok(format!(
        "trained on {} messages in {train_s:.2} s; {} messages x {} rounds (checksum {kept})\n\
         mean_us language {:.1} intent {:.1} cues {:.1}\n\
         per_message_us p50 {:.1} p90 {:.1} p99 {:.1} max {:.1} messages_per_s {:.0}\n",
        train.len(),
        test.len(),
        rounds.max(1),
        spent[0] * 1e6 / latencies_us.len() as f64,
        spent[1] * 1e6 / latencies_us.len() as f64,
        spent[2] * 1e6 / latencies_us.len() as f64,
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0),
        latencies_us.len() as f64 / total_s
    ))
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
