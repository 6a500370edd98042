//! A desk translating with each provider: every test is one thing that happens on a support
//! day, against stand-ins for DeepL, Google, LibreTranslate and an OpenAI-compatible server
//! over real HTTP, each checking requests as its provider would.
//!
//! The stand-ins listen on 127.0.0.1, which the shipped policy refuses; the desk in these
//! tests allows 127.0.0.0/8, as an operator whose LibreTranslate or Ollama runs beside the
//! desk would.

mod stand_in;

use serde_json::json;
use stand_in::{
    deepl, google, libre, openai, StandIn, AGENT_EN_PROTECTED, CLIENT_EN, CLIENT_RU, KEY,
};
use std::time::{Duration, Instant};
use ticketgram_outbound::{DestinationPolicy, GuardedClient};
use ticketgram_translation::{
    ApiKey, ConfigError, Glossary, Lang, ProviderConfig, Term, TranslateError, TranslationConfig,
    Translator, MAX_TIMEOUT_MS,
};

fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap()
}

fn http(policy: DestinationPolicy) -> GuardedClient {
    GuardedClient::new(policy, Duration::from_millis(MAX_TIMEOUT_MS)).unwrap()
}

/// The relay's client on a desk whose services run on its own machine.
fn local_http() -> GuardedClient {
    http(DestinationPolicy::parse(["127.0.0.0/8"]).unwrap())
}

/// One configured provider and its stand-in.
struct Desk {
    name: &'static str,
    service: StandIn,
    config: TranslationConfig,
    key: Option<ApiKey>,
}

impl Desk {
    async fn deepl() -> Desk {
        let service = deepl::start().await;
        let config = TranslationConfig::new(ProviderConfig::DeepL {
            url: Some(service.base.clone()),
            glossary_id: None,
        });
        Desk::with("deepl", service, config, Some(KEY))
    }

    async fn google() -> Desk {
        let service = google::start().await;
        let config = TranslationConfig::new(ProviderConfig::Google {
            url: Some(service.base.clone()),
        });
        Desk::with("google", service, config, Some(KEY))
    }

    async fn libre() -> Desk {
        let service = libre::start().await;
        let config = TranslationConfig::new(ProviderConfig::LibreTranslate {
            url: service.base.clone(),
        });
        Desk::with("libretranslate", service, config, Some(KEY))
    }

    /// A local model server (Ollama-like): no key.
    async fn local_model() -> Desk {
        let service = openai::start(false).await;
        let config = TranslationConfig::new(ProviderConfig::OpenAi {
            url: service.base.clone(),
            model: openai::MODEL.into(),
        });
        Desk::with("openai (local)", service, config, None)
    }

    async fn every_provider() -> Vec<Desk> {
        vec![
            Desk::deepl().await,
            Desk::google().await,
            Desk::libre().await,
            Desk::local_model().await,
        ]
    }

    fn with(
        name: &'static str,
        service: StandIn,
        config: TranslationConfig,
        key: Option<&str>,
    ) -> Desk {
        Desk {
            name,
            service,
            config,
            key: key.map(ApiKey::new),
        }
    }

    fn translator(&self) -> Translator {
        Translator::new(local_http(), &self.config, self.key.clone()).unwrap()
    }

    async fn translate(
        &self,
        text: &str,
        source: Option<&str>,
        target: &str,
        glossary: &Glossary,
    ) -> Result<String, TranslateError> {
        let source = source.map(lang);
        let out = self
            .translator()
            .translate(&[text], source.as_ref(), &lang(target), glossary)
            .await?;
        assert_eq!(out.len(), 1, "{}", self.name);
        Ok(out.into_iter().next().unwrap().text)
    }
}

fn marketplace_glossary() -> Glossary {
    let terms: Vec<Term> = serde_json::from_value(json!([
        { "forms": { "en": "escrow", "ru": "эскроу" } },
        { "keep": "Ticketgram" },
    ]))
    .unwrap();
    Glossary::new(&terms).unwrap()
}

#[tokio::test]
async fn a_russian_client_s_message_reaches_the_english_agent_in_english() {
    for desk in Desk::every_provider().await {
        let out = desk
            .translator()
            .translate(&[CLIENT_RU], None, &lang("en"), &Glossary::default())
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", desk.name));
        assert_eq!(out[0].text, CLIENT_EN, "{}", desk.name);
        // A chat model is not asked which language it read; the desk detects it itself.
        let expected = (desk.name != "openai (local)").then(|| lang("ru"));
        assert_eq!(out[0].detected_source, expected, "{}", desk.name);
    }
}

#[tokio::test]
async fn each_provider_receives_the_request_its_documentation_describes() {
    let deepl = Desk::deepl().await;
    deepl
        .translate(CLIENT_RU, None, "en-US", &Glossary::default())
        .await
        .unwrap();
    let seen = &deepl.service.seen()[0];
    assert_eq!(seen.path, "/v2/translate");
    assert_eq!(
        seen.authorization.as_deref(),
        Some(format!("DeepL-Auth-Key {KEY}").as_str())
    );
    assert_eq!(seen.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        seen.body,
        json!({ "text": [CLIENT_RU], "target_lang": "EN-US" })
    );

    let google = Desk::google().await;
    google
        .translate(CLIENT_RU, Some("ru"), "en", &Glossary::default())
        .await
        .unwrap();
    let seen = &google.service.seen()[0];
    assert_eq!(seen.path, "/language/translate/v2");
    assert_eq!(seen.query.as_deref(), Some(format!("key={KEY}").as_str()));
    assert_eq!(seen.authorization, None);
    assert_eq!(
        seen.body,
        json!({ "q": [CLIENT_RU], "target": "en", "source": "ru", "format": "text" })
    );

    let libre = Desk::libre().await;
    libre
        .translate(CLIENT_RU, None, "en", &Glossary::default())
        .await
        .unwrap();
    let seen = &libre.service.seen()[0];
    assert_eq!(seen.path, "/translate");
    assert_eq!(
        seen.body,
        json!({ "q": CLIENT_RU, "source": "auto", "target": "en", "format": "text", "api_key": KEY })
    );

    let local = Desk::local_model().await;
    local
        .translate(CLIENT_RU, None, "en", &Glossary::default())
        .await
        .unwrap();
    let seen = &local.service.seen()[0];
    assert_eq!(seen.path, "/v1/chat/completions");
    assert_eq!(seen.authorization, None, "a local server gets no key");
    assert_eq!(seen.body["model"], openai::MODEL);
    assert_eq!(seen.body["stream"], false);
    assert_eq!(seen.body["messages"][1]["role"], "user");
    assert_eq!(
        seen.body["messages"][1]["content"],
        serde_json::to_string(&[CLIENT_RU]).unwrap()
    );
}

#[tokio::test]
async fn an_agent_s_answer_reaches_the_client_in_russian_with_the_glossary_s_terms() {
    let glossary = marketplace_glossary();
    let answer = "Your money is in escrow until Friday; Ticketgram will refund 25 EUR.";
    for desk in Desk::every_provider().await {
        let text = desk
            .translate(answer, Some("en"), "ru", &glossary)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", desk.name));
        assert_eq!(
            text, "Ваши деньги на эскроу до пятницы; Ticketgram вернёт 25 EUR.",
            "{}",
            desk.name
        );
        let body = desk.service.seen()[0].body.to_string();
        assert!(
            body.contains(AGENT_EN_PROTECTED),
            "{}: the provider saw placeholders, not the terms: {body}",
            desk.name
        );
        assert!(
            !body.contains("escrow") && !body.contains("Ticketgram"),
            "{}: {body}",
            desk.name
        );
    }
}

#[tokio::test]
async fn several_texts_go_in_one_call_and_come_back_in_order() {
    for desk in Desk::every_provider().await {
        let texts = ["first text", "", "second text"];
        let out = desk
            .translator()
            .translate(&texts, Some(&lang("en")), &lang("de"), &Glossary::default())
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", desk.name));
        let got: Vec<&str> = out.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            got,
            ["[de] first text", "", "[de] second text"],
            "{}: the blank text is not sent",
            desk.name
        );
        assert_eq!(desk.service.seen().len(), 1, "{}", desk.name);
    }
}

#[tokio::test]
async fn deepl_saying_456_is_a_spent_quota_that_waiting_does_not_fix() {
    let desk = Desk::deepl().await;
    let error = desk
        .translate("QUOTA please", None, "en", &Glossary::default())
        .await
        .unwrap_err();
    assert_eq!(
        error,
        TranslateError::QuotaExceeded {
            detail: "Quota Exceeded".into()
        }
    );
    assert!(!error.is_transient());
}

#[tokio::test]
async fn every_provider_s_spent_allowance_is_told_apart_from_a_rate_limit() {
    for desk in Desk::every_provider().await {
        let spent = desk
            .translate("QUOTA", None, "en", &Glossary::default())
            .await
            .unwrap_err();
        let expected_quota = desk.name != "libretranslate";
        // LibreTranslate has no quota status: its key limit answers 403 like a bad key.
        assert_eq!(
            matches!(spent, TranslateError::QuotaExceeded { .. }),
            expected_quota,
            "{}: {spent:?}",
            desk.name
        );
        assert!(!spent.is_transient(), "{}", desk.name);

        let busy = desk
            .translate("BUSY", None, "en", &Glossary::default())
            .await
            .unwrap_err();
        assert!(
            matches!(busy, TranslateError::RateLimited { .. }),
            "{}: {busy:?}",
            desk.name
        );
        assert!(busy.is_transient());

        let down = desk
            .translate("DOWN", None, "en", &Glossary::default())
            .await
            .unwrap_err();
        assert!(
            matches!(down, TranslateError::Unavailable { status: 500..=599 }),
            "{}: {down:?}",
            desk.name
        );
        assert!(down.is_transient());
    }
}

#[tokio::test]
async fn a_provider_hanging_past_the_timeout_is_a_timeout() {
    for desk in Desk::every_provider().await {
        let mut desk = desk;
        desk.config.timeout_ms = 300;
        let started = Instant::now();
        let error = desk
            .translate("HANG", None, "en", &Glossary::default())
            .await
            .unwrap_err();
        assert_eq!(
            error,
            TranslateError::Timeout { after_ms: 300 },
            "{}",
            desk.name
        );
        assert!(error.is_transient());
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{}: {:?}",
            desk.name,
            started.elapsed()
        );
    }
}

#[tokio::test]
async fn a_local_model_wrapping_its_json_in_code_fences_is_still_understood() {
    let desk = Desk::local_model().await;
    let out = desk
        .translator()
        .translate(
            &["FENCE one", "FENCE two"],
            Some(&lang("en")),
            &lang("ru"),
            &Glossary::default(),
        )
        .await
        .unwrap();
    let got: Vec<&str> = out.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(got, ["[ru] FENCE one", "[ru] FENCE two"]);
}

#[tokio::test]
async fn a_mangled_placeholder_is_caught_and_the_message_goes_untranslated() {
    let glossary = marketplace_glossary();
    for desk in Desk::every_provider().await {
        let error = desk
            .translate("MANGLE: the escrow ends", Some("en"), "ru", &glossary)
            .await
            .unwrap_err();
        assert_eq!(
            error,
            TranslateError::GlossaryLost {
                term: "эскроу".into()
            },
            "{}",
            desk.name
        );
        assert!(!error.is_transient());
    }
}

#[tokio::test]
async fn a_placeholder_the_provider_wrote_out_as_the_term_is_accepted() {
    let glossary = marketplace_glossary();
    for desk in Desk::every_provider().await {
        let text = desk
            .translate("SPELL: the escrow ends", Some("en"), "ru", &glossary)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", desk.name));
        assert_eq!(text, "[ru] SPELL: the эскроу ends", "{}", desk.name);
    }
}

#[tokio::test]
async fn google_s_html_entities_reach_the_client_as_characters() {
    let desk = Desk::google().await;
    let text = desk
        .translate("It's ENTITY time", Some("en"), "ru", &Glossary::default())
        .await
        .unwrap();
    assert_eq!(text, "It's время ENTITY");
}

#[tokio::test]
async fn a_broken_or_oversized_answer_is_refused_without_panicking() {
    for desk in Desk::every_provider().await {
        let garbled = desk
            .translate("GARBLE", None, "en", &Glossary::default())
            .await
            .unwrap_err();
        assert!(
            matches!(garbled, TranslateError::Malformed(_)),
            "{}: {garbled:?}",
            desk.name
        );
        let huge = desk
            .translate("HUGE", None, "en", &Glossary::default())
            .await
            .unwrap_err();
        assert_eq!(huge, TranslateError::Oversized, "{}", desk.name);
    }
}

#[tokio::test]
async fn an_answer_with_a_translation_missing_is_refused_whole() {
    let desk = Desk::deepl().await;
    let error = desk
        .translator()
        .translate(
            &["SHORT first", "second"],
            None,
            &lang("en"),
            &Glossary::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        error,
        TranslateError::Malformed("2 texts sent, 1 translations received".into())
    );
}

#[tokio::test]
async fn a_wrong_key_is_told_to_the_admin_as_a_key_problem() {
    let cloud = openai::start(true).await;
    let openai_cloud = Desk::with(
        "openai (cloud)",
        cloud,
        TranslationConfig::new(ProviderConfig::OpenAi {
            url: String::new(),
            model: openai::MODEL.into(),
        }),
        Some("sk-wrong"),
    );
    let mut desks = vec![
        Desk::deepl().await,
        Desk::google().await,
        Desk::libre().await,
    ];
    desks.push(openai_cloud);
    for mut desk in desks {
        if let ProviderConfig::OpenAi { url, .. } = &mut desk.config.provider {
            *url = desk.service.base.clone();
        }
        desk.key = Some(ApiKey::new("wrong-key"));
        let error = desk
            .translate("hello", None, "ru", &Glossary::default())
            .await
            .unwrap_err();
        assert!(
            matches!(error, TranslateError::Unauthorized { .. }),
            "{}: {error:?}",
            desk.name
        );
        let told = error.to_string();
        assert!(told.contains("API key"), "{told}");
        assert!(!told.contains("wrong-key"), "{told}");
    }
}

#[tokio::test]
async fn a_desk_on_public_addresses_only_does_not_reach_a_service_on_its_own_machine() {
    let desk = Desk::libre().await;
    let translator = Translator::new(
        http(DestinationPolicy::public_only()),
        &desk.config,
        desk.key.clone(),
    )
    .unwrap();
    let error = translator
        .translate(&["hello"], None, &lang("ru"), &Glossary::default())
        .await
        .unwrap_err();
    assert_eq!(error, TranslateError::Refused);
    assert!(desk.service.seen().is_empty(), "no request reached it");
}

#[tokio::test]
async fn no_call_is_made_for_text_already_in_the_target_language_or_too_long() {
    let desk = Desk::deepl().await;
    let translator = desk.translator();
    let same = translator
        .translate(
            &["Hi"],
            Some(&lang("en-GB")),
            &lang("en-US"),
            &Glossary::default(),
        )
        .await
        .unwrap();
    assert_eq!(same[0].text, "Hi");
    let long = "a".repeat(ticketgram_translation::MAX_CHARS + 1);
    assert!(matches!(
        translator
            .translate(&[long], None, &lang("ru"), &Glossary::default())
            .await,
        Err(TranslateError::TooLong { .. })
    ));
    assert!(desk.service.seen().is_empty());
}

#[test]
fn a_provider_that_needs_a_key_cannot_be_set_up_without_one() {
    let config = TranslationConfig::new(ProviderConfig::DeepL {
        url: None,
        glossary_id: None,
    });
    assert!(matches!(
        Translator::new(local_http(), &config, None),
        Err(ConfigError::MissingKey)
    ));
    assert!(matches!(
        Translator::new(local_http(), &config, Some(ApiKey::new("  "))),
        Err(ConfigError::MissingKey)
    ));
}
