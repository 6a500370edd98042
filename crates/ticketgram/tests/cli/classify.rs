//! `ticketgram classify`: a support lead holds out a fifth of BANKING77, trains on the rest and
//! reads the classifier's quality off the last line, as docs/classification.md reports it.

use crate::helpers::{run, Sandbox};

fn banking77() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/datasets/banking77/train.csv"
    );
    assert!(
        std::path::Path::new(path).exists(),
        "the BANKING77 dataset is missing at {path}"
    );
    path.to_owned()
}

#[test]
fn a_held_out_fifth_of_banking77_is_classified_at_least_nine_times_in_ten() {
    let dir = Sandbox::new();
    let (train, test) = (dir.path("train.csv"), dir.path("test.csv"));
    let (train, test) = (train.display().to_string(), test.display().to_string());
    let split = run(&mut dir.cmd(&[
        "classify",
        "split",
        &banking77(),
        "--train-out",
        &train,
        "--test-out",
        &test,
    ]));
    split.assert_success();
    assert!(split.stdout.contains("8005 messages"), "{}", split.dump());
    assert!(split.stdout.contains("1998 to"), "{}", split.dump());

    let evaluated =
        run(&mut dir.cmd(&["classify", "evaluate", "--train", &train, "--test", &test]));
    evaluated.assert_success();
    let last = evaluated.stdout.lines().last().unwrap_or_default();
    let fields: Vec<&str> = last.split(' ').collect();
    assert_eq!(
        [fields[0], fields[2], fields[4], fields[6]],
        ["accuracy", "macro_f1", "train_s", "per_message_us"],
        "{}",
        evaluated.dump()
    );
    let accuracy: f64 = fields[1].parse().expect("a number");
    let macro_f1: f64 = fields[3].parse().expect("a number");
    assert!(accuracy >= 0.90, "{last}");
    assert!(macro_f1 >= 0.89, "{last}");
}

#[test]
fn a_file_without_a_category_column_is_refused_by_name() {
    let dir = Sandbox::new();
    std::fs::write(dir.path("bad.csv"), "message,intent\nhi,greeting\n").unwrap();
    let bad = dir.path("bad.csv").display().to_string();
    let refused = run(&mut dir.cmd(&["classify", "evaluate", "--train", &bad, "--test", &bad]));
    assert_ne!(refused.code, Some(0), "{}", refused.dump());
    assert!(refused.stderr.contains("text"), "{}", refused.dump());
}

#[test]
fn the_bench_says_what_understanding_costs_each_message() {
    let dir = Sandbox::new();
    let bench = run(&mut dir.cmd(&["classify", "bench", &banking77(), "--rounds", "1"]));
    bench.assert_success();
    let lines: Vec<&str> = bench.stdout.lines().collect();
    assert!(
        lines[0].starts_with("trained on 8005 messages"),
        "{}",
        bench.dump()
    );
    assert!(lines[1].starts_with("mean_us language"), "{}", bench.dump());
    let last = lines.last().copied().unwrap_or_default();
    let fields: Vec<&str> = last.split(' ').collect();
    assert_eq!(
        [fields[0], fields[1], fields[3], fields[5], fields[7], fields[9]],
        [
            "per_message_us",
            "p50",
            "p90",
            "p99",
            "max",
            "messages_per_s"
        ],
        "{}",
        bench.dump()
    );
}
