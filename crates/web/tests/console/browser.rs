//! The console in a real browser: Debian's Chromium, headless, driven over WebDriver by
//! chromedriver (package chromium-driver). Skipped, with a notice, when either is missing.

use crate::harness::{eventually, Console};
use serde_json::{json, Value};
use std::time::Duration;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Browser {
    http: reqwest::Client,
    base: String,
    _driver: tokio::process::Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start() -> Option<Browser> {
        if !std::path::Path::new(CHROMIUM).exists() || !std::path::Path::new(CHROMEDRIVER).exists()
        {
            eprintln!("skipping browser tests: {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)");
            return None;
        }
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            probe.local_addr().expect("addr").port()
        };
        let driver = tokio::process::Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts");
        let http = reqwest::Client::new();
        let driver_url = format!("http://127.0.0.1:{port}");
        eventually("chromedriver to get ready", || async {
            let status: Value = match http.get(format!("{driver_url}/status")).send().await {
                Ok(r) => r.json().await.unwrap_or_default(),
                Err(_) => Value::Null,
            };
            status.pointer("/value/ready") == Some(&json!(true))
        })
        .await;
        let profile = tempfile::tempdir().expect("profile dir");
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args }
        } } });
        let session: Value = http
            .post(format!("{driver_url}/session"))
            .json(&caps)
            .send()
            .await
            .expect("new session")
            .json()
            .await
            .expect("session json");
        let id = session
            .pointer("/value/sessionId")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no session: {session}"));
        Some(Browser {
            base: format!("{driver_url}/session/{id}"),
            http,
            _driver: driver,
            _profile: profile,
        })
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let value: Value = request
            .send()
            .await
            .expect("webdriver")
            .json()
            .await
            .expect("webdriver json");
        value["value"].clone()
    }

    async fn go(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", Some(json!({ "url": url })))
            .await;
    }

    async fn find(&self, css: &str) -> String {
        eventually(&format!("an element {css}"), || async {
            let found = self
                .call(
                    reqwest::Method::POST,
                    "/element",
                    Some(json!({ "using": "css selector", "value": css })),
                )
                .await;
            found
                .get(ELEMENT)
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .await
    }

    async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/click"),
            Some(json!({})),
        )
        .await;
    }

    async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        )
        .await;
    }

    /// Waits until the page's source satisfies `done`.
    async fn page_shows(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        eventually(&format!("the page to show {what}"), || async {
            let source = self.call(reqwest::Method::GET, "/source", None).await;
            let source = source.as_str().unwrap_or("").to_string();
            if done(&source) {
                Ok(source)
            } else {
                Err(source)
            }
        })
        .await
    }

    async fn close(self) {
        self.call(reqwest::Method::DELETE, "", None).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_signs_in_answers_with_a_template_filters_and_an_admin_reads_reports() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "My order 77 is late");
    console.client_gets(&anna, "#1000").await;
    let boris = console.client("Boris");
    console.says(&boris, "Cannot log in");
    console.client_gets(&boris, "#1001").await;

    let link = console
        .store
        .write(async |tx| {
            tx.create_login_link(
                console.ws,
                console.agent.id,
                Duration::from_secs(600),
                chrono::Utc::now(),
            )
            .await
        })
        .await
        .expect("link");
    browser.go(&console.url(&format!("/login/{link}"))).await;
    browser.click("#sign-in").await;
    browser
        .page_shows("the inbox", |s| {
            s.contains("<h1>Inbox</h1>") && s.contains("/tickets/1001")
        })
        .await;

    console
        .store
        .write(async |tx| {
            tx.save_template(
                console.ws,
                &ticketgram_store::ReplyTemplate {
                    language: ticketgram_domain::Language::En,
                    name: "Thanks".into(),
                    body: "Thanks for waiting.".into(),
                },
                chrono::Utc::now(),
            )
            .await
        })
        .await
        .expect("template");
    browser.go(&console.url("/tickets/1000")).await;
    // The template goes in first, then the agent types after it.
    browser.click("button[data-template]").await;
    browser
        .type_into(
            "form[action$='/reply'] textarea",
            " We found it, it arrives tomorrow.",
        )
        .await;
    browser.click("#send-reply").await;
    let got = console
        .client_gets(
            &anna,
            "Thanks for waiting. We found it, it arrives tomorrow.",
        )
        .await;
    assert!(crate::harness::text_of(&got).contains("Kate"));
    browser
        .page_shows("the reply in the conversation", |s| {
            s.contains("it arrives tomorrow")
        })
        .await;

    browser.go(&console.url("/inbox")).await;
    browser.type_into("input[name=q]", "order 77").await;
    browser.click("#apply").await;
    browser
        .page_shows("only the matching ticket", |s| {
            s.contains("/tickets/1000") && !s.contains("/tickets/1001")
        })
        .await;

    let admin_link = console
        .store
        .write(async |tx| {
            tx.create_login_link(
                console.ws,
                console.admin.id,
                Duration::from_secs(600),
                chrono::Utc::now(),
            )
            .await
        })
        .await
        .expect("link");
    browser
        .go(&console.url(&format!("/login/{admin_link}")))
        .await;
    browser.click("#sign-in").await;
    browser
        .page_shows("the inbox", |s| s.contains("<h1>Inbox</h1>"))
        .await;
    browser.go(&console.url("/reports")).await;
    browser
        .page_shows("the report", |s| {
            s.contains("<h1>Reports</h1>") && s.contains("id=\"trend\"")
        })
        .await;
    browser.close().await;
    console.stop().await;
}
