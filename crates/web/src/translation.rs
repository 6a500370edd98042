//! The desk's machine translation (docs/translation.md), for admins: the service and its
//! address or model, the API key, the mode per client language, the daily limit, whether a
//! risky translation waits for the agent, and the glossary.
//!
//! The key is write-only: the page says whether one is stored, never what it is; left blank
//! it is kept. A save is checked first (`TranslationConfig::validate`); a refused one shows the
//! problem and keeps what was typed, the key excepted. "Test" translates a sample with what
//! the form holds and the stored key, saving nothing. Each save or removal is one transaction
//! with its audit row.

use crate::admin::admin_nav;
use crate::auth::{AdminUser, RequireRole, Signed};
use crate::console_input;
use crate::error::WebError;
use crate::layout::{self, csrf};
use crate::nonce::FormNonce;
use crate::words::Words;
use crate::WebState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use std::collections::BTreeMap;
use ticketgram_domain::Actor;
use ticketgram_i18n::Arg;
use ticketgram_relay::order_lookup::SavedBy;
use ticketgram_relay::translation::settings::{
    self, KeyChange, TranslationChange, TranslationSettingsError,
};
use ticketgram_translation::{
    ApiKey, Lang, Mode, ProviderConfig, Term, TranslationConfig, Translator, DEFAULT_TIMEOUT_MS,
    MAX_TIMEOUT_MS,
};

/// The form as typed. Languages are one per line (`ru = automatic`); glossary entries one
/// per line, either a term kept as written (`PayFlow`) or its forms (`en: escrow | ru: эскроу`).
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct TranslationForm {
    #[serde(default)]
    provider: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    model: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    remove_key: Option<String>,
    #[serde(default)]
    timeout_ms: String,
    #[serde(default)]
    default_mode: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    daily_char_limit: String,
    #[serde(default)]
    confirm_risky: Option<String>,
    #[serde(default)]
    glossary: String,
    /// For "test": a sample and the language to translate it into.
    #[serde(default)]
    sample: String,
    #[serde(default)]
    sample_to: String,
    /// `save`, `test` or `remove`.
    #[serde(default)]
    intent: String,
}

const PROVIDERS: [&str; 4] = ["deepl", "google", "libretranslate", "openai"];
const MODES: [(Mode, &str); 3] = [
    (Mode::Automatic, "automatic"),
    (Mode::Confirm, "confirm"),
    (Mode::Off, "off"),
];

fn mode_name(mode: Mode) -> &'static str {
    MODES
        .iter()
        .find(|(m, _)| *m == mode)
        .map_or("confirm", |(_, name)| name)
}

fn mode_of(name: &str) -> Option<Mode> {
    MODES
        .iter()
        .find(|(_, n)| n.eq_ignore_ascii_case(name.trim()))
        .map(|(m, _)| *m)
}

/// A line of the form that cannot be read: its field's key and number.
struct BadLine {
    field: &'static str,
    line: usize,
}

impl TranslationForm {
    fn of(config: &TranslationConfig) -> TranslationForm {
        let (provider, url, model) = match &config.provider {
            ProviderConfig::DeepL { url, .. } => ("deepl", url.clone(), None),
            ProviderConfig::Google { url } => ("google", url.clone(), None),
            ProviderConfig::LibreTranslate { url } => ("libretranslate", Some(url.clone()), None),
            ProviderConfig::OpenAi { url, model } => {
                ("openai", Some(url.clone()), Some(model.clone()))
            }
        };
        let languages = config
            .languages
            .iter()
            .map(|(lang, mode)| format!("{} = {}", lang.as_str(), mode_name(*mode)))
            .collect::<Vec<_>>()
            .join("\n");
        let glossary = config
            .glossary
            .iter()
            .map(|term| match &term.keep {
                Some(kept) => kept.clone(),
                None => term
                    .forms
                    .iter()
                    .map(|(lang, form)| format!("{}: {form}", lang.as_str()))
                    .collect::<Vec<_>>()
                    .join(" | "),
            })
            .collect::<Vec<_>>()
            .join("\n");
        TranslationForm {
            provider: provider.into(),
            url: url.unwrap_or_default(),
            model: model.unwrap_or_default(),
            timeout_ms: config.timeout_ms.to_string(),
            default_mode: mode_name(config.default_mode).into(),
            languages,
            daily_char_limit: config
                .daily_char_limit
                .map(|l| l.to_string())
                .unwrap_or_default(),
            confirm_risky: config.confirm_risky.then(|| "on".into()),
            glossary,
            ..TranslationForm::default()
        }
    }

    fn config(&self) -> Result<TranslationConfig, BadLine> {
        let url = Some(self.url.trim().to_string()).filter(|u| !u.is_empty());
        let provider = match self.provider.as_str() {
            "google" => ProviderConfig::Google { url },
            "libretranslate" => ProviderConfig::LibreTranslate {
                url: url.unwrap_or_default(),
            },
            "openai" => ProviderConfig::OpenAi {
                url: url.unwrap_or_default(),
                model: self.model.trim().to_string(),
            },
            _ => ProviderConfig::DeepL {
                url,
                glossary_id: None,
            },
        };
        let mut config = TranslationConfig::new(provider);
        // Not a number: 0, which the settings' own check refuses with its own words.
        config.timeout_ms = match self.timeout_ms.trim() {
            "" => DEFAULT_TIMEOUT_MS,
            typed => typed.parse().unwrap_or(0),
        };
        config.default_mode = mode_of(&self.default_mode).unwrap_or_default();
        config.daily_char_limit = match self.daily_char_limit.trim() {
            "" => None,
            typed => Some(typed.parse().unwrap_or(0)),
        };
        config.confirm_risky = self.confirm_risky.is_some();
        let mut languages = BTreeMap::new();
        for (i, line) in lines(&self.languages) {
            let bad = BadLine {
                field: "web-translation-languages",
                line: i,
            };
            let (lang, mode) = line.split_once('=').ok_or(bad)?;
            let bad = || BadLine {
                field: "web-translation-languages",
                line: i,
            };
            let lang = Lang::parse(lang.trim()).map_err(|_| bad())?;
            languages.insert(lang, mode_of(mode).ok_or_else(bad)?);
        }
        config.languages = languages;
        let mut glossary = Vec::new();
        for (i, line) in lines(&self.glossary) {
            let bad = || BadLine {
                field: "web-translation-glossary",
                line: i,
            };
            if !line.contains(':') {
                glossary.push(Term {
                    keep: Some(line.to_string()),
                    ..Term::default()
                });
                continue;
            }
            let mut forms = BTreeMap::new();
            for form in line.split('|') {
                let (lang, term) = form.split_once(':').ok_or_else(bad)?;
                let lang = Lang::parse(lang.trim()).map_err(|_| bad())?;
                forms.insert(lang, term.trim().to_string());
            }
            glossary.push(Term {
                forms,
                ..Term::default()
            });
        }
        config.glossary = glossary;
        Ok(config)
    }

    fn key_change(&self) -> KeyChange {
        if self.remove_key.is_some() {
            return KeyChange::Remove;
        }
        match self.key.trim() {
            "" => KeyChange::Keep,
            key => KeyChange::Set(key.to_string()),
        }
    }
}

/// The non-blank lines of a text area, numbered from 1.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
}

/// What the page says under its heading after an action.
enum Said {
    Nothing,
    Problem(String),
    Tested(String),
    TestFailed(String),
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let shown = settings::shown(&desk.profile).map_err(web_error)?;
    let (form, has_key) = match &shown {
        Some(shown) => (TranslationForm::of(&shown.config), shown.has_key),
        None => (
            TranslationForm {
                timeout_ms: DEFAULT_TIMEOUT_MS.to_string(),
                default_mode: "confirm".into(),
                confirm_risky: Some("on".into()),
                ..TranslationForm::default()
            },
            false,
        ),
    };
    let state = Stored {
        set: shown.is_some(),
        has_key,
    };
    Ok(render(
        &words,
        &signed,
        &form,
        state,
        Said::Nothing,
        StatusCode::OK,
    ))
}

#[derive(Clone, Copy)]
struct Stored {
    set: bool,
    has_key: bool,
}

pub async fn act(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    nonce: FormNonce,
    Form(form): Form<TranslationForm>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let ws = desk.ws();
    let sealing = desk.token_key.clone();
    let by = SavedBy {
        actor: Actor::Agent(signed.agent.id),
        via: "console",
    };
    let stored = Stored {
        set: desk.profile.translation.is_some(),
        has_key: desk.profile.translation_key.is_some(),
    };
    let refused = |problem: String| {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(render(
            &words,
            &signed,
            &form,
            stored,
            Said::Problem(problem),
            status,
        ))
    };
    let config = match form.config() {
        Ok(config) => config,
        Err(bad) if form.intent != "remove" => return refused(bad_line_text(&words, &bad)),
        Err(_) => TranslationConfig::new(ProviderConfig::Google { url: None }),
    };
    match form.intent.as_str() {
        "save" => {
            let change = TranslationChange {
                config,
                key: form.key_change(),
            };
            // One console input, named by the form's nonce: a form posted twice saves once.
            let saved =
                console_input::apply(&state, &signed, nonce, async |_, fx| match settings::save(
                    fx.tx,
                    sealing.as_ref(),
                    ws,
                    &change,
                    by,
                    fx.now,
                )
                .await
                {
                    Ok(()) => Ok(Ok(())),
                    Err(TranslationSettingsError::Store(e)) => Err(e.into()),
                    Err(problem) => Ok(Err(problem)),
                })
                .await;
            match saved? {
                Some(Err(problem)) => refused(problem_text(&words, &problem)),
                Some(Ok(())) | None => Ok(Redirect::to("/admin/translation").into_response()),
            }
        }
        "test" => {
            if let Err(invalid) = config.validate() {
                return refused(problem_text(&words, &invalid.into()));
            }
            let key = match form.key_change() {
                KeyChange::Set(key) => Some(ApiKey::new(key)),
                KeyChange::Remove => None,
                KeyChange::Keep => settings::configured(&desk.profile, sealing.as_ref())
                    .map_err(web_error)?
                    .and_then(|(_, key)| key),
            };
            let said = sample(&desk.config.outbound, &config, key, &form).await;
            Ok(render(&words, &signed, &form, stored, said, StatusCode::OK))
        }
        "remove" => {
            let removed = console_input::apply(&state, &signed, nonce, async |_, fx| {
                settings::remove(fx.tx, ws, by, fx.now)
                    .await
                    .map_err(web_error)
            })
            .await;
            removed?;
            Ok(Redirect::to("/admin/translation").into_response())
        }
        _ => Err(WebError::bad("web-translation-error-intent")),
    }
}

/// The sample translated with what the form holds.
async fn sample(
    policy: &ticketgram_outbound::DestinationPolicy,
    config: &TranslationConfig,
    key: Option<ApiKey>,
    form: &TranslationForm,
) -> Said {
    let timeout = std::time::Duration::from_millis(MAX_TIMEOUT_MS);
    let target = Lang::parse(form.sample_to.trim()).unwrap_or_else(|_| {
        Lang::parse("en").unwrap_or_else(|_| unreachable!("en is a language code"))
    });
    let translator = ticketgram_outbound::GuardedClient::new(policy.clone(), timeout)
        .map_err(|e| e.to_string())
        .and_then(|http| Translator::new(http, config, key).map_err(|e| e.to_string()));
    let translator = match translator {
        Ok(translator) => translator,
        Err(why) => return Said::TestFailed(why),
    };
    let glossary = match config.compiled_glossary() {
        Ok(glossary) => glossary,
        Err(why) => return Said::TestFailed(why.to_string()),
    };
    match translator
        .translate(&[form.sample.as_str()], None, &target, &glossary)
        .await
    {
        Ok(mut done) if !done.is_empty() => Said::Tested(done.remove(0).text),
        Ok(_) => Said::TestFailed(String::new()),
        Err(why) => Said::TestFailed(why.to_string()),
    }
}

fn web_error(error: TranslationSettingsError) -> WebError {
    match error {
        TranslationSettingsError::Store(e) => e.into(),
        other => WebError::Internal(other.to_string()),
    }
}

fn bad_line_text(words: &Words, bad: &BadLine) -> String {
    words.with(
        "web-translation-bad-line",
        &[
            ("field", Arg::from(words.t(bad.field))),
            ("line", Arg::from(bad.line as i64)),
        ],
    )
}

/// The problem in the admin's language: the settings' own checks name the exact rule.
fn problem_text(words: &Words, problem: &TranslationSettingsError) -> String {
    match problem {
        TranslationSettingsError::NoKey => words.t("web-translation-no-key"),
        TranslationSettingsError::Invalid(invalid) => {
            let (key, args) = invalid.message();
            let args: Vec<(&str, Arg)> = args.into_iter().map(|(k, v)| (k, v.into())).collect();
            words.with(key, &args)
        }
        other => other.to_string(),
    }
}

fn render(
    words: &Words,
    signed: &Signed,
    form: &TranslationForm,
    stored: Stored,
    said: Said,
    status: StatusCode,
) -> Response {
    let title = words.t("web-translation-title");
    let body = html! {
        h1 { (title) }
        (admin_nav(words))
        p.muted { (words.t("web-translation-intro")) }
        (said_box(words, said))
        (editor(words, signed, form, stored))
        @if stored.set {
            form.box #translation-remove method="post" action="/admin/translation" {
                (csrf(signed))
                button name="intent" value="remove" { (words.t("web-translation-remove")) }
            }
        }
    };
    (status, layout::page(words, &title, Some(signed), body)).into_response()
}

fn said_box(words: &Words, said: Said) -> Markup {
    match said {
        Said::Nothing => html! {},
        Said::Problem(problem) => html! {
            p.box.error #translation-problem {
                (words.with("web-translation-invalid", &[("problem", Arg::from(problem))]))
            }
        },
        Said::Tested(text) => html! {
            p.box #translation-tested {
                (words.with("web-translation-test-done", &[("text", Arg::from(text))]))
            }
        },
        Said::TestFailed(why) => html! {
            p.box.error #translation-tested {
                (words.with("web-translation-test-failed", &[("why", Arg::from(why))]))
            }
        },
    }
}

fn editor(words: &Words, signed: &Signed, form: &TranslationForm, stored: Stored) -> Markup {
    let key_state = if stored.has_key {
        words.t("web-translation-key-set")
    } else {
        words.t("web-translation-key-not-set")
    };
    html! {
        form.box #translation-form method="post" action="/admin/translation" {
            (csrf(signed))
            label { (words.t("web-translation-provider")) " "
                select name="provider" {
                    @for provider in PROVIDERS {
                        option value=(provider) selected[form.provider == provider] {
                            (words.t(&format!("web-translation-provider-{provider}")))
                        }
                    }
                }
            }
            label { (words.t("web-translation-url")) " "
                input name="url" size="50" value=(form.url)
                    placeholder="https://translate.example.com"; }
            label { (words.t("web-translation-model")) " "
                input name="model" size="20" value=(form.model) placeholder="gpt-4o-mini"; }
            // Write-only: never rendered back, not even after a refused save.
            label { (words.t("web-translation-key")) " "
                input type="password" name="key" autocomplete="new-password" value=""; }
            span.muted #translation-key-state { (key_state) }
            @if stored.has_key {
                label { input type="checkbox" name="remove_key" value="on";
                    " " (words.t("web-translation-remove-key")) }
            }
            label { (words.t("web-translation-timeout")) " "
                input name="timeout_ms" size="6" value=(form.timeout_ms); }
            label { (words.t("web-translation-default-mode")) " "
                select name="default_mode" {
                    @for (_, mode) in MODES {
                        option value=(mode) selected[form.default_mode == mode] {
                            (words.t(&format!("web-translation-mode-{mode}")))
                        }
                    }
                }
            }
            label { (words.t("web-translation-languages")) }
            textarea.code name="languages" rows="4" spellcheck="false"
                placeholder="ru = automatic\nzh = confirm\nde = off" { (form.languages) }
            label { (words.t("web-translation-limit")) " "
                input name="daily_char_limit" size="10" value=(form.daily_char_limit); }
            label { input type="checkbox" name="confirm_risky" value="on"
                    checked[form.confirm_risky.is_some()];
                " " (words.t("web-translation-confirm-risky")) }
            label { (words.t("web-translation-glossary")) }
            textarea.code name="glossary" rows="5" spellcheck="false"
                placeholder="PayFlow\nen: escrow | ru: эскроу | de: Treuhand" { (form.glossary) }
            button name="intent" value="save" { (words.t("web-translation-save")) }
            " · "
            label { (words.t("web-translation-sample")) " "
                input name="sample" size="30" value=(form.sample); }
            label { (words.t("web-translation-sample-to")) " "
                input name="sample_to" size="5" value=(form.sample_to) placeholder="ru"; }
            button name="intent" value="test" { (words.t("web-translation-test")) }
        }
    }
}
