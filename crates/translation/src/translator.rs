//! The one call the relay makes: texts in, translations out, with the desk's glossary and
//! deadline. It holds no database and no transaction — the relay calls it between its
//! transactions, since a provider may take seconds.

use std::time::Duration;
use ticketgram_outbound::GuardedClient;

use crate::config::{ApiKey, ConfigError, TranslationConfig};
use crate::error::TranslateError;
use crate::glossary::Glossary;
use crate::lang::Lang;
use crate::providers::{Provider, Translation};

/// Most characters one call translates: two full Telegram messages (4096 each) and a
/// caption. DeepL takes at most 128 KiB per request and Google 128 segments, and a chat
/// model's answer must fit its output window.
pub const MAX_CHARS: usize = 10_000;
/// Most texts one call translates (an album's captions, a message and its buttons).
pub const MAX_TEXTS: usize = 50;

/// A desk's configured provider. Cheap to clone; `Send + Sync`, so one may be kept per desk
/// and shared by tasks.
#[derive(Debug, Clone)]
pub struct Translator {
    http: GuardedClient,
    provider: Provider,
    timeout: Duration,
}

impl Translator {
    /// A translator for `config`, with the desk's key (stored apart from the config).
    /// `http` is the relay's guarded client: its own timeout should be at least
    /// [`crate::MAX_TIMEOUT_MS`], since each call applies the desk's.
    pub fn new(
        http: GuardedClient,
        config: &TranslationConfig,
        key: Option<ApiKey>,
    ) -> Result<Translator, ConfigError> {
        config.validate()?;
        Ok(Translator {
            http,
            provider: Provider::new(&config.provider, key)?,
            timeout: config.timeout(),
        })
    }

    /// `texts` translated from `source` (`None`: the provider detects it) into `target`,
    /// one [`Translation`] per text in order, with `glossary`'s terms kept or fixed.
    ///
    /// Blank texts and texts already in the target language come back as they are,
    /// without a call. Any failure is an error for the whole call: the relay then sends the
    /// originals, marked untranslated ([`TranslateError::is_transient`] says whether to try
    /// again later). Never panics.
    pub async fn translate<S: AsRef<str>>(
        &self,
        texts: &[S],
        source: Option<&Lang>,
        target: &Lang,
        glossary: &Glossary,
    ) -> Result<Vec<Translation>, TranslateError> {
        let chars: usize = texts.iter().map(|t| t.as_ref().chars().count()).sum();
        if chars > MAX_CHARS || texts.len() > MAX_TEXTS {
            return Err(TranslateError::TooLong {
                chars,
                max: MAX_CHARS,
            });
        }
        let as_is = |text: &str| Translation {
            text: text.to_string(),
            detected_source: source.cloned(),
        };
        if source.is_some_and(|source| source.same_language(target)) {
            return Ok(texts.iter().map(|t| as_is(t.as_ref())).collect());
        }
        // Providers refuse or bill empty texts; they are sent nowhere.
        let to_send: Vec<usize> = (0..texts.len())
            .filter(|&i| !texts[i].as_ref().trim().is_empty())
            .collect();
        if to_send.is_empty() {
            return Ok(texts.iter().map(|t| as_is(t.as_ref())).collect());
        }
        let protected: Vec<_> = to_send
            .iter()
            .map(|&i| glossary.protect(texts[i].as_ref(), source, target))
            .collect();
        let sent: Vec<String> = protected.iter().map(|p| p.text.clone()).collect();

        let call = self.provider.translate(&self.http, &sent, source, target);
        let answers = match tokio::time::timeout(self.timeout, call).await {
            Ok(Ok(answers)) => answers,
            Ok(Err(TranslateError::Timeout { .. })) | Err(_) => {
                return Err(TranslateError::Timeout {
                    after_ms: u64::try_from(self.timeout.as_millis()).unwrap_or(u64::MAX),
                })
            }
            Ok(Err(error)) => return Err(error),
        };
        if answers.len() != sent.len() {
            return Err(TranslateError::Malformed(format!(
                "{} texts sent, {} translations received",
                sent.len(),
                answers.len()
            )));
        }

        let mut out: Vec<Translation> = texts.iter().map(|t| as_is(t.as_ref())).collect();
        for ((index, protected), answer) in to_send.into_iter().zip(&protected).zip(answers) {
            out[index] = Translation {
                text: protected.restore(&answer.text)?,
                detected_source: answer.detected_source.or_else(|| source.cloned()),
            };
        }
        Ok(out)
    }
}
