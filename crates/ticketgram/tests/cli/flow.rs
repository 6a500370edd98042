//! `ticketgram flow`: a lead starts from a shipped flow, checks an edit, imports it, and exports
//! it back — on a fresh SQLite file, as an operator would.

use crate::helpers::{run, sqlite_url, Run, Sandbox};

/// `ticketgram ARGS` against the test's own database.
fn tg(sandbox: &Sandbox, args: &[&str]) -> Run {
    let db = sandbox.path("flows.db");
    run(sandbox
        .cmd(args)
        .env("TICKETGRAM_DATABASE_URL", sqlite_url(&db)))
}

#[test]
fn a_flow_with_mistakes_is_listed_by_line_and_exits_with_one() {
    let s = Sandbox::new();
    // No configuration and no database needed, like `classify`.
    let shipped = run(&mut s.cmd(&["flow", "builtin", "marketplace"]));
    shipped.assert_success();
    assert!(shipped.stdout.contains("version: 1"), "{}", shipped.dump());
    std::fs::write(s.path("good.yaml"), &shipped.stdout).unwrap();
    let ok = run(&mut s.cmd(&["flow", "validate", "good.yaml"]));
    ok.assert_success();
    let last = ok.stdout.lines().last().unwrap_or_default();
    assert!(last.starts_with("good.yaml: ok, "), "{}", ok.dump());
    assert!(last.ends_with(" 0 warnings"), "{}", ok.dump());

    let broken = "version: 1\nstart: welcome\nhuman: human\nsteps:\n  welcome:\n    message:\n      text: { en: \"Hi\" }\n      next: nowhere\n  human:\n    hand_off: { acknowledgement: { en: \"Soon\" } }\n";
    std::fs::write(s.path("bad.yaml"), broken).unwrap();
    let bad = run(&mut s.cmd(&["flow", "validate", "bad.yaml"]));
    assert_eq!(bad.code, Some(1), "{}", bad.dump());
    // The missing step is named on the line that refers to it; the missing translations are
    // warnings about the whole file.
    assert!(
        bad.stdout
            .lines()
            .any(|l| l.starts_with("bad.yaml:8:7: error: there is no step `nowhere`")),
        "{}",
        bad.dump()
    );
    assert!(bad.stderr.contains("bad.yaml: 1 error"), "{}", bad.dump());

    let unknown = run(&mut s.cmd(&["flow", "builtin", "bakery"]));
    assert_ne!(unknown.code, Some(0), "{}", unknown.dump());
}

#[test]
fn an_imported_flow_is_exported_as_written_and_a_broken_one_is_refused() {
    let s = Sandbox::new();
    // Nothing saved yet: the desk runs, and exports, the built-in default.
    let default = tg(&s, &["flow", "export", "--workspace", "acme"]);
    default.assert_success();
    let shipped = run(&mut s.cmd(&["flow", "builtin", "default"]));
    assert_eq!(default.stdout, shipped.stdout);

    let edited = format!("# acme's own\n{}", shipped.stdout);
    std::fs::write(s.path("acme.yaml"), &edited).unwrap();
    let imported = tg(
        &s,
        &[
            "flow",
            "import",
            "--workspace",
            "acme",
            "acme.yaml",
            "--note",
            "first",
        ],
    );
    imported.assert_success();
    assert!(
        imported
            .stdout
            .contains("saved revision 1 of workspace acme"),
        "{}",
        imported.dump()
    );
    let again = tg(&s, &["flow", "import", "--workspace", "acme", "acme.yaml"]);
    assert!(
        again.stdout.contains("saved revision 2"),
        "{}",
        again.dump()
    );

    std::fs::write(s.path("broken.yaml"), "version: 2\n").unwrap();
    let refused = tg(
        &s,
        &["flow", "import", "--workspace", "acme", "broken.yaml"],
    );
    assert_eq!(refused.code, Some(1), "{}", refused.dump());
    assert!(
        refused.stdout.contains("broken.yaml:"),
        "{}",
        refused.dump()
    );
    assert!(
        refused.stderr.contains("nothing saved"),
        "{}",
        refused.dump()
    );

    let exported = tg(&s, &["flow", "export", "--workspace", "acme"]);
    exported.assert_success();
    assert_eq!(exported.stdout, edited);
    let first = tg(
        &s,
        &["flow", "export", "--workspace", "acme", "--revision", "1"],
    );
    assert_eq!(first.stdout, edited);
    let missing = tg(
        &s,
        &["flow", "export", "--workspace", "acme", "--revision", "7"],
    );
    assert_ne!(missing.code, Some(0), "{}", missing.dump());
    assert!(
        missing.stderr.contains("no flow revision 7"),
        "{}",
        missing.dump()
    );
}
