//! Every subcommand explains itself.

use crate::helpers::{run, Sandbox};

#[test]
fn top_level_help_lists_every_subcommand() {
    let out = run(&mut Sandbox::new().cmd(&["--help"]));
    out.assert_success();
    for word in [
        "serve",
        "migrate",
        "check-config",
        "sandbox",
        "agent",
        "topic",
        "bench",
        "--config",
        "--log-format",
    ] {
        assert!(out.stdout.contains(word), "{word} missing:\n{}", out.dump());
    }
}

#[test]
fn each_subcommand_has_help() {
    let cases = [
        ("serve", "Ctrl-C"),
        ("migrate", "schema"),
        ("check-config", "redacted"),
        ("sandbox", "--addr"),
        ("agent", "workspace"),
        ("topic", "topics"),
        ("bench", "--clients"),
    ];
    for (command, expected) in cases {
        let out = run(&mut Sandbox::new().cmd(&[command, "--help"]));
        out.assert_success();
        assert!(out.stdout.contains(expected), "{command}: {}", out.dump());
    }
}

#[test]
fn unknown_subcommand_fails_with_usage() {
    let out = run(&mut Sandbox::new().cmd(&["serv"]));
    assert_eq!(out.code, Some(2), "{}", out.dump());
    assert!(out.stderr.contains("serve"), "{}", out.dump());
}
