//! Stand-ins for the translation providers: real HTTP on 127.0.0.1, each checking requests
//! as its provider documents them (path, auth, body shape; a wrong request gets the
//! provider's own error answer) and answering in its provider's format.
//!
//! They translate with a phrase table ([`translate`]) and behave as each test needs when a
//! text holds a trigger word ([`Trigger`]): the texts are all a stand-in sees, as a real
//! provider's.

pub mod deepl;
pub mod google;
pub mod libre;
pub mod openai;

use axum::http::HeaderMap;
use axum::Router;
use serde_json::Value;
use std::sync::{Arc, Mutex};

/// The key the stand-ins accept.
pub const KEY: &str = "stand-in-key-7f3a9c";

/// A request as the stand-in received it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub path: String,
    pub query: Option<String>,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
}

#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Vec<Seen>>>);

impl Recorder {
    pub fn record(&self, uri: &axum::http::Uri, headers: &HeaderMap, body: &Value) {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        self.0.lock().unwrap().push(Seen {
            path: uri.path().to_string(),
            query: uri.query().map(str::to_string),
            authorization: header("authorization"),
            content_type: header("content-type"),
            body: body.clone(),
        });
    }
}

pub struct StandIn {
    /// `http://127.0.0.1:<port>`
    pub base: String,
    recorder: Recorder,
}

impl StandIn {
    pub async fn start(router: Router<Recorder>) -> StandIn {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let recorder = Recorder::default();
        let app = router.with_state(recorder.clone());
        // The listener is bound: connections wait in its backlog until the server runs.
        tokio::spawn(async move { axum::serve(listener, app).await });
        StandIn { base, recorder }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.recorder.0.lock().unwrap().clone()
    }
}

/// How a stand-in behaves, chosen by a word in the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Normal,
    /// The account's allowance is spent.
    Quota,
    /// Never answers in time.
    Hang,
    /// Rate limited (429).
    Busy,
    /// An outage (503).
    Down,
    /// A 200 whose body is cut off.
    Garble,
    /// A 200 far past the desk's size cap.
    Huge,
    /// Placeholders come back as `[1]`.
    Mangle,
    /// Placeholders come back as the term written out ("эскроу").
    Spell,
    /// (Chat models) the JSON array inside code fences.
    Fence,
    /// (Google) apostrophes as HTML entities.
    Entity,
    /// (DeepL) one translation fewer than texts sent.
    Short,
}

pub fn trigger<S: AsRef<str>>(texts: &[S]) -> Trigger {
    let all: String = texts
        .iter()
        .map(|t| t.as_ref())
        .collect::<Vec<_>>()
        .join(" ");
    [
        ("QUOTA", Trigger::Quota),
        ("HANG", Trigger::Hang),
        ("BUSY", Trigger::Busy),
        ("DOWN", Trigger::Down),
        ("GARBLE", Trigger::Garble),
        ("HUGE", Trigger::Huge),
        ("MANGLE", Trigger::Mangle),
        ("SPELL", Trigger::Spell),
        ("FENCE", Trigger::Fence),
        ("ENTITY", Trigger::Entity),
        ("SHORT", Trigger::Short),
    ]
    .into_iter()
    .find(|(word, _)| all.contains(word))
    .map_or(Trigger::Normal, |(_, trigger)| trigger)
}

pub const CLIENT_RU: &str = "Здравствуйте! Мой заказ A-1042 так и не пришёл, прошло 12 дней.";
pub const CLIENT_EN: &str = "Hello! My order A-1042 never arrived, it has been 12 days.";
/// The agent's answer as the provider sees it: glossary terms already placeholders.
pub const AGENT_EN_PROTECTED: &str = "Your money is in ⟦1⟧ until Friday; ⟦2⟧ will refund 25 EUR.";
pub const AGENT_RU_PROTECTED: &str = "Ваши деньги на ⟦1⟧ до пятницы; ⟦2⟧ вернёт 25 EUR.";

/// The phrase table: a text this stand-in knows, in `target`; anything else is marked with
/// the target code, placeholders and all, as an engine leaves tokens it does not know.
pub fn translate(text: &str, target: &str, trigger: Trigger) -> String {
    let table = [
        (CLIENT_RU, "en", CLIENT_EN),
        (AGENT_EN_PROTECTED, "ru", AGENT_RU_PROTECTED),
        ("It's ENTITY time", "ru", "It's время ENTITY"),
    ];
    let translated = table
        .iter()
        .find(|(from, lang, _)| *from == text && target.eq_ignore_ascii_case(lang))
        .map_or_else(|| format!("[{target}] {text}"), |(_, _, to)| to.to_string());
    match trigger {
        Trigger::Mangle => translated.replace('⟦', "[").replace('⟧', "]"),
        Trigger::Spell => {
            let placeholder = placeholder();
            placeholder.replace_all(&translated, "эскроу").into_owned()
        }
        _ => translated,
    }
}

fn placeholder() -> regex::Regex {
    regex::Regex::new("⟦[0-9]+⟧").unwrap()
}

/// A language guess good enough for the phrase table.
pub fn detect(text: &str) -> &'static str {
    if text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        "ru"
    } else {
        "en"
    }
}

/// The body of a `Huge` answer: a JSON string far past the desk's 256 KiB cap.
pub fn huge() -> String {
    "x".repeat(400 * 1024)
}
