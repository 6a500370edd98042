//! `api-token`: tokens are created by an admin, printed once, listed without their value and
//! revoked.

use crate::helpers::{run, sqlite_url, Run, Sandbox};

fn tg(sandbox: &Sandbox, args: &[&str]) -> Run {
    let db = sandbox.path("tokens.db");
    run(sandbox
        .cmd(args)
        .env("TICKETGRAM_DATABASE_URL", sqlite_url(&db)))
}

#[test]
fn a_token_is_printed_once_listed_by_prefix_and_revoked() {
    let s = Sandbox::new();
    tg(
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
    )
    .assert_success();
    tg(
        &s,
        &["agent", "add", "--telegram-id", "44", "--name", "Ann"],
    )
    .assert_success();

    let out = tg(
        &s,
        &[
            "api-token",
            "create",
            "--name",
            "marketplace",
            "--scope",
            "tickets:read",
            "--scope",
            "tickets:write",
            "--agent",
            "43",
        ],
    );
    out.assert_success();
    let raw = out
        .stdout
        .lines()
        .find(|l| l.starts_with("tg_"))
        .unwrap_or_else(|| panic!("no token printed: {}", out.dump()))
        .to_string();
    assert_eq!(raw.len(), 67);
    assert!(out.stdout.starts_with("created\t1\ttg_"), "{}", out.dump());

    let list = tg(&s, &["api-token", "list"]);
    list.assert_success().assert_no_secret(&raw);
    assert!(
        list.stdout
            .contains("\tmarketplace\ttickets:read,tickets:write\t-\tactive"),
        "{}",
        list.dump()
    );
    assert!(
        list.stdout.contains(&raw[..9]),
        "the prefix is shown: {}",
        list.dump()
    );

    let revoked = tg(&s, &["api-token", "revoke", "1"]);
    revoked.assert_success();
    assert!(
        revoked.stdout.ends_with("\trevoked\n"),
        "{}",
        revoked.dump()
    );

    // Only admins create tokens; scopes are checked; unknown ids are named.
    let refused = tg(
        &s,
        &[
            "api-token",
            "create",
            "--name",
            "x",
            "--scope",
            "tickets:read",
            "--agent",
            "44",
        ],
    );
    assert_eq!(refused.code, Some(1), "{}", refused.dump());
    assert!(
        refused.stderr.contains("not an admin"),
        "{}",
        refused.dump()
    );
    let refused = tg(
        &s,
        &["api-token", "create", "--name", "x", "--scope", "root"],
    );
    assert_eq!(refused.code, Some(2), "{}", refused.dump());
    assert!(
        refused.stderr.contains("unknown scope"),
        "{}",
        refused.dump()
    );
    let refused = tg(&s, &["api-token", "revoke", "99"]);
    assert_eq!(refused.code, Some(1), "{}", refused.dump());
    assert!(
        refused.stderr.contains("no API token 99"),
        "{}",
        refused.dump()
    );
}
