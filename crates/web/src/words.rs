//! The console's words: every text a page shows comes from `locales/<lang>/web.ftl` (and the
//! status, priority and role words every surface shares), in the reader's language, with
//! times in the desk's time zone. Handlers take [`Words`] as an extractor.

use crate::auth::SessionSlot;
use crate::language;
use crate::WebState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono_tz::Tz;
use std::sync::Arc;
use ticketgram_domain::{AgentRole, Language, Priority, TicketStatus, Timestamp};
use ticketgram_i18n::{Arg, Audience, Translator};

/// The reader's language and the desk's clock, for one response.
#[derive(Clone)]
pub struct Words {
    t: Arc<Translator>,
    pub language: Language,
    /// The desk's time zone (its working hours, as configured now).
    pub zone: Tz,
}

impl Words {
    pub fn new(t: Arc<Translator>, language: Language, zone: Tz) -> Words {
        Words { t, language, zone }
    }

    /// The text `key`.
    /// The same words in another language (a preview of what a client sees).
    pub fn in_language(&self, language: Language) -> Words {
        Words {
            t: self.t.clone(),
            language,
            zone: self.zone,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.t.text(self.language, key, &[])
    }

    /// The text `key` with its placeholders filled.
    pub fn with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.t.text(self.language, key, args)
    }

    /// A ticket's status as agents read it everywhere (the card, the manager bot).
    pub fn status(&self, status: TicketStatus) -> String {
        self.t.status(self.language, status, Audience::Agents)
    }

    pub fn priority(&self, priority: Priority) -> String {
        self.t.priority(self.language, priority)
    }

    pub fn role(&self, role: AgentRole) -> String {
        self.t.role(self.language, role)
    }

    /// A moment in the desk's time zone, as the cards show it.
    pub fn when(&self, at: Timestamp) -> String {
        ticketgram_i18n::desk_time(at, self.zone)
    }
}

impl FromRequestParts<WebState> for Words {
    type Rejection = crate::WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Words, crate::WebError> {
        let desk = state.desk.current().await?;
        let agent = parts
            .extensions
            .get::<SessionSlot>()
            .and_then(|slot| slot.0.as_ref())
            .map(|signed| &signed.agent);
        let language = language::choose(agent, &parts.headers, desk.config.agent_language);
        Ok(Words::new(
            desk.t.clone(),
            language,
            desk.config.hours.time_zone,
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use ticketgram_domain::Language;
    use ticketgram_i18n::Translator;

    /// Every `"web-…"` key the console's code names exists in the English file (the i18n
    /// crate's own test then holds every other language to English).
    #[test]
    fn every_console_text_the_code_asks_for_exists() {
        let known: BTreeSet<String> = Translator::keys(Language::En).into_iter().collect();
        let mut sources = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut files = Vec::new();
        // Pages live in folders too (kb/), so the walk goes down every one.
        while let Some(dir) = sources.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut asked = BTreeSet::new();
        for path in files {
            let source = std::fs::read_to_string(path).unwrap();
            for piece in source.split('"').skip(1).step_by(2) {
                let is_key = piece.starts_with("web-")
                    && piece.len() > 4
                    && piece.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                if is_key {
                    asked.insert(piece.to_string());
                }
            }
        }
        assert!(asked.len() > 50, "found only {asked:?}");
        let missing: Vec<_> = asked.difference(&known).collect();
        assert!(missing.is_empty(), "not in locales/en/web.ftl: {missing:?}");
    }
}
