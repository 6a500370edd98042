//! Machine translation for the desk: a client's message translated for the agents, an
//! agent's answer translated for the client.
//!
//! One call, [`Translator::translate`], whichever provider the desk configured
//! ([`ProviderConfig`]: DeepL, Google Cloud Translation v2, LibreTranslate, or an
//! OpenAI-compatible chat endpoint, which also serves local model servers), with the desk's
//! [`Glossary`] applied on our side so it works the same for every provider. Every failure is
//! a typed [`TranslateError`], never a panic; the relay sends the message untranslated and
//! marked, and [`TranslateError::is_transient`] says whether trying later may help.
//!
//! Around the call sit pure rules the relay applies ([`policy`]): a [`Mode`] per client
//! language, a daily character [`Quota`] that resets at the desk's midnight, and
//! [`assess`], which says when a translation should be shown to the agent before it is sent.
//!
//! Calls go through a [`ticketgram_outbound::GuardedClient`], so an address typed into the
//! console cannot reach the desk's own network. No database and no Telegram here: the relay
//! calls this between its transactions. `docs/translation.md` has the configuration.

mod config;
mod error;
mod glossary;
mod http;
mod lang;
pub mod policy;
mod providers;
mod translator;

pub use config::{
    ApiKey, ConfigError, ProviderConfig, TranslationConfig, DEFAULT_TIMEOUT_MS, MAX_MODEL_LEN,
    MAX_TIMEOUT_MS, MIN_TIMEOUT_MS,
};
pub use error::TranslateError;
pub use glossary::{Glossary, Term, MAX_TERMS, MAX_TERM_CHARS};
pub use http::MAX_BODY;
pub use lang::{InvalidLang, Lang};
pub use policy::mode::{AnswerStep, Mode};
pub use policy::quota::{billed_chars, local_day, next_reset, Quota, QuotaCheck, Usage};
pub use policy::risk::{assess, Assessment, Risk};
pub use providers::Translation;
pub use translator::{Translator, MAX_CHARS, MAX_TEXTS};
