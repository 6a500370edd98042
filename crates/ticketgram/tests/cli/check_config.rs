//! `check-config`: layering, errors and secrets as an operator sees them.

use crate::helpers::{run, Sandbox, TOKEN};

#[test]
fn defaults_alone_are_valid() {
    let out = run(&mut Sandbox::new().cmd(&["check-config"]));
    out.assert_success();
    assert!(
        out.stdout.contains("url = \"sqlite://ticketgram.db\""),
        "{}",
        out.dump()
    );
    assert!(
        out.stdout.contains("# bot_token is not set (demo mode"),
        "{}",
        out.dump()
    );
    assert!(
        out.stderr.contains("configuration is valid"),
        "{}",
        out.dump()
    );
    // stdout is the effective configuration, and it is valid TOML.
    out.stdout.parse::<toml::Table>().expect("stdout is TOML");
}

#[test]
fn env_beats_file_beats_default() {
    let sandbox = Sandbox::new();
    sandbox.config("[http]\naddr = \"0.0.0.0:9000\"\n\n[instance]\nworkspace = \"from-file\"\n");
    let out = run(sandbox
        .cmd(&["check-config"])
        .env("TICKETGRAM_HTTP_ADDR", "127.0.0.1:9999"));
    out.assert_success();
    let effective: toml::Table = out.stdout.parse().expect("TOML");
    assert_eq!(effective["http"]["addr"].as_str(), Some("127.0.0.1:9999"));
    assert_eq!(
        effective["instance"]["workspace"].as_str(),
        Some("from-file")
    );
    assert_eq!(effective["log"]["format"].as_str(), Some("pretty"));
    let line = |key: &str| {
        out.stdout
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(line("addr =").ends_with("# environment variable TICKETGRAM_HTTP_ADDR"));
    assert!(line("workspace =").contains("# config file ./ticketgram.toml"));
    assert!(line("format =").ends_with("# built-in default"));
}

#[test]
fn explicit_config_flag_and_log_format_flag() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("other.toml"), "[log]\nformat = \"pretty\"\n").unwrap();
    let out = run(sandbox
        .cmd(&[
            "--config",
            "other.toml",
            "--log-format",
            "json",
            "check-config",
        ])
        .env("TICKETGRAM_LOG_FORMAT", "pretty"));
    out.assert_success();
    assert!(out.stdout.contains("format = \"json\""), "{}", out.dump());
    assert!(
        out.stdout.contains("command-line flag --log-format"),
        "{}",
        out.dump()
    );
}

#[test]
fn bad_value_fails_with_key_and_source() {
    let sandbox = Sandbox::new();
    sandbox.config("[database]\nurl = \"mysql://root@localhost/tickets\"\n");
    let out = run(&mut sandbox.cmd(&["check-config"]));
    assert_eq!(out.code, Some(2), "{}", out.dump());
    assert!(out.stdout.is_empty(), "{}", out.dump());
    let msg = out.stderr.trim();
    assert!(
        msg.starts_with("error: config file ./ticketgram.toml: `database.url`"),
        "{msg}"
    );
    assert!(
        msg.contains("sqlite://") && msg.contains("postgres://"),
        "{msg}"
    );
}

#[test]
fn unknown_key_and_broken_toml_are_clear() {
    let sandbox = Sandbox::new();
    sandbox.config("[telegram]\nbot_tokn = \"1:x\"\n");
    let out = run(&mut sandbox.cmd(&["check-config"]));
    assert_eq!(out.code, Some(2), "{}", out.dump());
    assert!(
        out.stderr
            .contains("unknown setting `telegram.bot_tokn` (did you mean `telegram.bot_token`?)"),
        "{}",
        out.dump()
    );

    sandbox.config("[telegram\n");
    let out = run(&mut sandbox.cmd(&["check-config"]));
    assert_eq!(out.code, Some(2), "{}", out.dump());
    assert!(
        out.stderr.contains("is not valid TOML") && out.stderr.contains("line 1"),
        "{}",
        out.dump()
    );

    let out = run(&mut sandbox.cmd(&["--config", "missing.toml", "check-config"]));
    assert_eq!(out.code, Some(2), "{}", out.dump());
    assert!(
        out.stderr.contains("cannot read config file missing.toml"),
        "{}",
        out.dump()
    );
}

#[test]
fn bad_env_override_is_attributed_to_the_variable() {
    let out = run(Sandbox::new()
        .cmd(&["check-config"])
        .env("TICKETGRAM_DATABASE_MAX_CONNECTIONS", "lots"));
    assert_eq!(out.code, Some(2), "{}", out.dump());
    assert!(out.stderr.contains("environment variable TICKETGRAM_DATABASE_MAX_CONNECTIONS: `database.max_connections` expected a whole number"), "{}", out.dump());
}

#[test]
fn secrets_are_never_printed() {
    let sandbox = Sandbox::new();
    sandbox.config("[security]\nsecret_key = \"file-secret-key-0123456789-abcdefghij\"\n");
    let out = run(sandbox
        .cmd(&["check-config"])
        .env("TICKETGRAM_BOT_TOKEN", TOKEN)
        .env("TICKETGRAM_WEBHOOK_URL", "https://help.example.com/hook")
        .env("TICKETGRAM_WEBHOOK_SECRET", "hook-secret-value")
        .env(
            "DATABASE_URL",
            "postgres://tg:pg-password-value@db.example/tickets",
        ));
    out.assert_success()
        .assert_no_secret(TOKEN)
        .assert_no_secret("AAFakeToken")
        .assert_no_secret("hook-secret-value")
        .assert_no_secret("file-secret-key")
        .assert_no_secret("pg-password-value");
    assert!(
        out.stdout.contains("bot_token = \"[redacted]\""),
        "{}",
        out.dump()
    );
    assert!(
        out.stdout
            .contains("postgres://tg:[redacted]@db.example/tickets"),
        "{}",
        out.dump()
    );
}

#[test]
fn a_malformed_token_is_rejected_without_echoing_it() {
    let out = run(Sandbox::new()
        .cmd(&["check-config"])
        .env("TICKETGRAM_BOT_TOKEN", "oops-pasted-the-wrong-thing"));
    assert_eq!(out.code, Some(2), "{}", out.dump());
    out.assert_no_secret("oops-pasted");
    assert!(
        out.stderr.contains("TICKETGRAM_BOT_TOKEN"),
        "{}",
        out.dump()
    );
}

#[test]
fn unknown_ticketgram_variable_is_a_warning() {
    let out = run(Sandbox::new()
        .cmd(&["check-config"])
        .env("TICKETGRAM_BOT_TOKN", "x"));
    out.assert_success();
    assert!(out.stderr.contains("warning: environment variable TICKETGRAM_BOT_TOKN is not a Ticketgram setting (did you mean TICKETGRAM_BOT_TOKEN?)"), "{}", out.dump());
}
