//! `agent` and `topic`: managing a desk from the command line, on a fresh SQLite file.

use crate::helpers::{run, sqlite_url, Run, Sandbox};

/// `ticketgram ARGS` against the test's own database.
fn tg(sandbox: &Sandbox, args: &[&str]) -> Run {
    let db = sandbox.path("admin.db");
    run(sandbox
        .cmd(args)
        .env("TICKETGRAM_DATABASE_URL", sqlite_url(&db)))
}

#[test]
fn agents_are_added_listed_updated_and_deactivated() {
    let s = Sandbox::new();
    let out = tg(
        &s,
        &[
            "agent",
            "add",
            "--telegram-id",
            "42",
            "--name",
            "Kate Smith",
            "--alias",
            "Kate",
            "--language",
            "en",
            "--language",
            "ru",
        ],
    );
    out.assert_success();
    assert_eq!(
        out.stdout,
        "added\t42\tKate Smith\tKate\tagent\ten,ru\tactive\n",
        "{}",
        out.dump()
    );
    let out = tg(
        &s,
        &[
            "agent",
            "add",
            "--telegram-id",
            "43",
            "--name",
            "Max",
            "--role",
            "admin",
        ],
    );
    assert_eq!(
        out.stdout,
        "added\t43\tMax\t-\tadmin\ten\tactive\n",
        "{}",
        out.dump()
    );

    let out = tg(&s, &["agent", "remove", "--telegram-id", "42"]);
    out.assert_success();
    assert!(
        out.stdout.starts_with("deactivated\t42\t"),
        "{}",
        out.dump()
    );

    // Adding again updates the same agent and re-activates them: no duplicate.
    let out = tg(
        &s,
        &[
            "agent",
            "add",
            "--telegram-id",
            "42",
            "--name",
            "Kate S.",
            "--alias",
            "Kate",
        ],
    );
    assert!(
        out.stdout.starts_with("updated\t42\tKate S.\t"),
        "{}",
        out.dump()
    );
    let out = tg(&s, &["agent", "list"]);
    out.assert_success();
    assert_eq!(
        out.stdout,
        "42\tKate S.\tKate\tagent\ten\tactive\n43\tMax\t-\tadmin\ten\tactive\n",
        "{}",
        out.dump()
    );
}

#[test]
fn agent_errors_are_clear() {
    let s = Sandbox::new();
    let out = tg(&s, &["agent", "remove", "--telegram-id", "99"]);
    assert_eq!(out.code, Some(1), "{}", out.dump());
    assert!(
        out.stderr
            .contains("error: no agent with Telegram id 99 in workspace \"default\""),
        "{}",
        out.dump()
    );
    // Bad values are usage errors (status 2) that say what is allowed.
    let out = tg(
        &s,
        &[
            "agent",
            "add",
            "--telegram-id",
            "1",
            "--name",
            "X",
            "--role",
            "boss",
        ],
    );
    assert_eq!(out.code, Some(2), "{}", out.dump());
    assert!(out.stderr.contains("agent, admin, owner"), "{}", out.dump());
    let out = tg(
        &s,
        &[
            "agent",
            "add",
            "--telegram-id",
            "1",
            "--name",
            "X",
            "--alias",
            "",
        ],
    );
    assert_eq!(out.code, Some(2), "{}", out.dump());
}

#[test]
fn topics_are_added_in_order_without_duplicates() {
    let s = Sandbox::new();
    tg(&s, &["topic", "add", "Payments"]).assert_success();
    let out = tg(&s, &["topic", "add", "Disputes", "--priority", "high"]);
    assert_eq!(
        out.stdout,
        "added\t1\tDisputes\thigh\tactive\n",
        "{}",
        out.dump()
    );
    let out = tg(&s, &["topic", "add", "payments"]);
    assert_eq!(out.code, Some(1), "{}", out.dump());
    assert!(out.stderr.contains("already has a topic"), "{}", out.dump());
    let out = tg(&s, &["topic", "list"]);
    assert_eq!(
        out.stdout,
        "0\tPayments\tnormal\tactive\n1\tDisputes\thigh\tactive\n",
        "{}",
        out.dump()
    );
}

#[test]
fn the_workspace_comes_from_the_settings() {
    let s = Sandbox::new();
    let db = s.path("admin.db");
    let in_ws = |ws: &str, args: &[&str]| {
        run(s
            .cmd(args)
            .env("TICKETGRAM_DATABASE_URL", sqlite_url(&db))
            .env("TICKETGRAM_WORKSPACE", ws))
    };
    in_ws("acme", &["topic", "add", "Billing"]).assert_success();
    assert!(in_ws("other", &["topic", "list"]).stdout.is_empty());
    assert!(in_ws("acme", &["topic", "list"]).stdout.contains("Billing"));
}
