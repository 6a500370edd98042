//! The first ten minutes: `serve` without a token plays the demo with nothing in the log that
//! looks like trouble (no WARN, no ERROR: every condition the demo meets is expected), on
//! its first run and on the next, and ends its start-up with a sign-in link that opens the
//! web console as the demo agent.

use crate::helpers::Sandbox;
use crate::serve::{serve_cmd, Server};

/// The log lines at WARN or ERROR level (pretty format, no colours on a pipe).
fn troubles(lines: &[String]) -> Vec<&String> {
    lines
        .iter()
        .filter(|l| l.contains(" WARN ") || l.contains(" ERROR "))
        .collect()
}

/// Opens `link` as a browser would: the page, then its Sign in button, then the inbox with
/// the session cookie it got. Returns the inbox page.
async fn sign_in(link: &str) -> String {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = http.get(link).send().await.expect("the link's page");
    assert_eq!(page.status().as_u16(), 200);
    let base = link.split("/login/").next().expect("a console link");
    let signed_in = http
        .post(link)
        .header("origin", base)
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed_in.status().as_u16(), 303, "the link signs in");
    assert_eq!(signed_in.headers()["location"], "/inbox");
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("name=value")
        .to_string();
    let inbox = http
        .get(format!("{base}/inbox"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("inbox");
    assert_eq!(inbox.status().as_u16(), 200);
    inbox.text().await.expect("inbox page")
}

#[test]
fn the_demo_runs_without_warnings_and_ends_with_a_link_into_the_console() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("first.db");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for (run, ticket) in [(1, "#1000"), (2, "#1001")] {
        let mut server = Server::start(&mut serve_cmd(&sandbox, &db));
        let received = server.wait_for("demo: Dana received:");
        assert!(received.contains(ticket), "run {run}: {received}");
        let line = server.wait_for("open the web console as agent Alex");
        let link = line
            .split_whitespace()
            .find(|word| word.contains("/login/"))
            .unwrap_or_else(|| panic!("no link in {line}"))
            .to_string();
        assert!(link.starts_with("http://127.0.0.1:"), "{link}");

        let inbox = runtime.block_on(sign_in(&link));
        assert!(
            inbox.contains("Alex Morgan") && inbox.contains(&format!("/tickets/{}", &ticket[1..])),
            "run {run}: the console opens as Alex, with the demo's ticket: {inbox}"
        );
        // The link works once: a second press is refused.
        let again = runtime.block_on(async {
            reqwest::Client::new()
                .post(&link)
                .header("origin", link.split("/login/").next().unwrap_or_default())
                .send()
                .await
                .expect("second press")
                .status()
                .as_u16()
        });
        assert_eq!(again, 401, "run {run}: a used link");

        let (code, lines) = server.terminate();
        assert_eq!(code, Some(0), "{}", lines.join("\n"));
        let troubles = troubles(&lines);
        assert!(
            troubles.is_empty(),
            "run {run}: the demo logged trouble:\n{}",
            troubles
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
