//! The overhead of a translation round trip to a local stand-in of each provider: what the
//! relay pays per message beyond the provider's own translating time (request building,
//! the guarded client's checks, HTTP on loopback, JSON both ways, glossary placeholders).
//! Also the pure policy work (glossary, risk assessment) alone.
//!
//! `cargo run -p ticketgram-translation --example roundtrip --release [-- ROUNDS]`
//! Figures and machine load: docs/benchmarks.md.

// The tests' own stand-ins, so the figures are for the same wire formats the tests check;
// the measurement does not use all of what the tests do.
#[allow(dead_code)]
#[path = "../tests/translate/stand_in/mod.rs"]
mod stand_in;

use std::time::{Duration, Instant};
use ticketgram_outbound::{DestinationPolicy, GuardedClient};
use ticketgram_translation::{
    assess, ApiKey, Glossary, Lang, ProviderConfig, Term, TranslationConfig, Translator,
    MAX_TIMEOUT_MS,
};

const ANSWER: &str = "Your money is in escrow until Friday; Ticketgram will refund 25 EUR.";

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let terms: Vec<Term> = serde_json::from_str(
        r#"[{"forms": {"en": "escrow", "ru": "эскроу"}}, {"keep": "Ticketgram"}]"#,
    )
    .expect("glossary");
    let glossary = Glossary::new(&terms).expect("glossary");
    let (en, ru) = (
        Lang::parse("en").expect("en"),
        Lang::parse("ru").expect("ru"),
    );
    let http = GuardedClient::new(
        DestinationPolicy::parse(["127.0.0.0/8"]).expect("policy"),
        Duration::from_millis(MAX_TIMEOUT_MS),
    )
    .expect("client");

    let deepl = stand_in::deepl::start().await;
    let google = stand_in::google::start().await;
    let libre = stand_in::libre::start().await;
    let local = stand_in::openai::start(false).await;
    let providers = [
        (
            "deepl",
            ProviderConfig::DeepL {
                url: Some(deepl.base.clone()),
                glossary_id: None,
            },
            true,
        ),
        (
            "google",
            ProviderConfig::Google {
                url: Some(google.base.clone()),
            },
            true,
        ),
        (
            "libretranslate",
            ProviderConfig::LibreTranslate {
                url: libre.base.clone(),
            },
            true,
        ),
        (
            "openai-compatible",
            ProviderConfig::OpenAi {
                url: local.base.clone(),
                model: stand_in::openai::MODEL.into(),
            },
            false,
        ),
    ];

    println!(
        "rounds {rounds} per provider, one text of {} chars, 2 glossary terms",
        ANSWER.chars().count()
    );
    for (name, provider, keyed) in providers {
        let key = keyed.then(|| ApiKey::new(stand_in::KEY));
        let translator = Translator::new(http.clone(), &TranslationConfig::new(provider), key)
            .expect("translator");
        // Warm the connection pool: the relay's client keeps its connections.
        translator
            .translate(&[ANSWER], Some(&en), &ru, &glossary)
            .await
            .expect("warm-up");
        let mut micros = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let started = Instant::now();
            let out = translator
                .translate(&[ANSWER], Some(&en), &ru, &glossary)
                .await;
            micros.push(started.elapsed().as_micros() as u64);
            assert!(out.is_ok(), "{name}: {out:?}");
        }
        report(name, &mut micros);
    }

    let mut micros = Vec::with_capacity(rounds);
    let translated = "Ваши деньги на эскроу до пятницы; Ticketgram вернёт 25 EUR.";
    for _ in 0..rounds {
        let started = Instant::now();
        let assessment = assess(ANSWER, translated);
        std::hint::black_box(assessment);
        micros.push(started.elapsed().as_nanos() as u64);
    }
    micros.sort_unstable();
    println!(
        "assess (pure)        p50 {} ns  p99 {} ns",
        pct(&micros, 50),
        pct(&micros, 99)
    );
}

fn report(name: &str, micros: &mut [u64]) {
    micros.sort_unstable();
    let mean = micros.iter().sum::<u64>() / micros.len().max(1) as u64;
    println!(
        "{name:<20} p50 {} µs  p95 {} µs  p99 {} µs  mean {mean} µs",
        pct(micros, 50),
        pct(micros, 95),
        pct(micros, 99)
    );
}

fn pct(sorted: &[u64], p: usize) -> u64 {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}
