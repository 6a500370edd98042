//! One translation, as the dispatcher makes it: the desk's settings as of the round, its
//! daily quota, then the provider. Called outside every transaction; what it returns is
//! recorded with the job's outcome.

use super::plan::Plan;
use crate::desk::Desk;
use ticketgram_store::StoreError;
use ticketgram_translation::{billed_chars, local_day, QuotaCheck, TranslateError, Usage};

/// What became of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempted {
    Translated {
        text: String,
        /// The language the provider found it in, when it says.
        detected: Option<String>,
        /// The desk's local day and the characters it cost.
        usage: (String, u64),
    },
    /// Not translated: the agents' text key saying why, with its arguments.
    NotTranslated {
        why: &'static str,
        args: Vec<(&'static str, String)>,
    },
    /// The desk no longer translates (its settings were removed since the message came).
    Off,
}

impl Attempted {
    fn not(why: &'static str) -> Attempted {
        Attempted::NotTranslated {
            why,
            args: Vec::new(),
        }
    }
}

/// Translates `text` as `plan` says, with the desk's settings and quota as of `desk`.
pub async fn translate(desk: &Desk, text: &str, plan: &Plan) -> Result<Attempted, StoreError> {
    let found = desk.translators.get(
        desk.ws(),
        &desk.profile,
        desk.token_key.as_ref(),
        &desk.config.outbound,
    );
    let (config, built) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(Attempted::Off),
        Err(why) => {
            tracing::warn!(%why, "the desk's translation settings cannot be used");
            return Ok(Attempted::not("translation-not-configured"));
        }
    };
    let now = chrono::Utc::now();
    let tz = desk.config.hours.time_zone;
    let day = local_day(now, &tz);
    let chars = billed_chars(&[text]);
    if let Some(quota) = config.quota() {
        let used = desk
            .store
            .translation_usage(desk.ws(), &day.to_string())
            .await?;
        let stored = Usage { day, chars: used };
        if let QuotaCheck::Exhausted { resets_at, .. } = quota.check(Some(stored), chars, now, &tz)
        {
            let resets = resets_at.with_timezone(&tz).format("%H:%M %Z").to_string();
            return Ok(Attempted::NotTranslated {
                why: "translation-quota-spent",
                args: vec![("resets", resets)],
            });
        }
    }
    let answer = built
        .translator
        .translate(&[text], plan.source.as_ref(), &plan.target, &built.glossary)
        .await;
    match answer {
        Ok(mut translations) if translations.len() == 1 => {
            let translation = translations.remove(0);
            Ok(Attempted::Translated {
                text: translation.text,
                detected: translation
                    .detected_source
                    .map(|lang| lang.as_str().to_owned()),
                usage: (day.to_string(), chars),
            })
        }
        Ok(_) => Ok(Attempted::not("translation-unusable")),
        Err(error) => {
            tracing::warn!(%error, "translation failed: the message goes as written");
            Ok(Attempted::not(why_not(&error)))
        }
    }
}

/// The agents' text key for a provider's failure.
fn why_not(error: &TranslateError) -> &'static str {
    match error {
        TranslateError::Timeout { .. }
        | TranslateError::RateLimited { .. }
        | TranslateError::Unavailable { .. }
        | TranslateError::Connection => "translation-unavailable",
        TranslateError::QuotaExceeded { .. } => "translation-provider-quota",
        TranslateError::Unauthorized { .. }
        | TranslateError::Refused
        | TranslateError::Misconfigured(_) => "translation-not-configured",
        TranslateError::TooLong { .. } => "translation-too-long",
        TranslateError::Rejected { .. }
        | TranslateError::Malformed(_)
        | TranslateError::Oversized
        | TranslateError::GlossaryLost { .. } => "translation-unusable",
    }
}
