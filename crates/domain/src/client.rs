//! Clients: the marketplace's users who write to the client bot.

use crate::audit::Actor;
use crate::ids::{ClientId, WorkspaceId};
use crate::language::{Language, LanguageSource};
use crate::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockState {
    pub reason: String,
    pub by: Actor,
    pub at: Timestamp,
}

/// A message's language, as detection found it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeardLanguage {
    /// ISO 639-1.
    pub code: String,
    /// Letters in the message: how much the guess rests on.
    pub letters: usize,
}

/// What to remember of a client's language after a message.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedLanguage {
    pub written: String,
    /// The bots switch to it (`None`: they keep theirs).
    pub bot_language: Option<Language>,
}

/// Letters from which a message may change a client's known language.
const SENTENCE_LETTERS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Client {
    pub id: ClientId,
    pub workspace: WorkspaceId,
    pub telegram_user_id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    /// The language the bots speak to the client.
    pub language: Language,
    #[serde(default)]
    pub language_source: LanguageSource,
    /// The language the client writes in (ISO 639-1, any language, not only the bots'):
    /// learned from their messages, shown to agents, the one translations start from.
    #[serde(default)]
    pub written_language: Option<String>,
    pub blocked: Option<BlockState>,
    pub created_at: Timestamp,
    /// When the desk erased the client's personal data (see docs/privacy.md): the row stays
    /// so the tickets still count in reports, but it names nobody.
    #[serde(default)]
    pub erased_at: Option<Timestamp>,
}

impl Client {
    /// The name agents see on the ticket card: "Anna Petrova (@anna, id 42)".
    pub fn display_name(&self) -> String {
        let mut name = self.first_name.clone();
        if let Some(last) = &self.last_name {
            name.push(' ');
            name.push_str(last);
        }
        match &self.username {
            Some(u) => format!("{name} (@{u}, id {})", self.telegram_user_id),
            None => format!("{name} (id {})", self.telegram_user_id),
        }
    }

    /// What a message detected in `heard` teaches the desk about the client, if anything: the
    /// language they write in, and the bots' language when the client did not choose one and
    /// the bots speak it and the message is a sentence. A short message ("спасибо") only sets a language not known yet;
    /// changing a known one takes a sentence.
    pub fn learns_language(&self, heard: &HeardLanguage) -> Option<LearnedLanguage> {
        if self.written_language.as_deref() == Some(heard.code.as_str()) {
            return None;
        }
        if self.written_language.is_some() && heard.letters < SENTENCE_LETTERS {
            return None;
        }
        // The bots switch on a sentence only: a word or two is too thin to answer in another
        // language than the client's phone asked for.
        let bots = Language::from_code(&heard.code).filter(|l| {
            *l != self.language
                && self.language_source != LanguageSource::Chosen
                && heard.letters >= SENTENCE_LETTERS
        });
        Some(LearnedLanguage {
            written: heard.code.clone(),
            bot_language: bots,
        })
    }

    pub fn is_erased(&self) -> bool {
        self.erased_at.is_some()
    }

    pub fn is_blocked(&self) -> bool {
        self.blocked.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(language: Language, source: LanguageSource, written: Option<&str>) -> Client {
        Client {
            id: ClientId(1),
            workspace: WorkspaceId(1),
            telegram_user_id: 42,
            first_name: "Olga".into(),
            last_name: None,
            username: None,
            language,
            language_source: source,
            written_language: written.map(str::to_owned),
            blocked: None,
            created_at: chrono::DateTime::UNIX_EPOCH,
            erased_at: None,
        }
    }

    fn heard(code: &str, letters: usize) -> HeardLanguage {
        HeardLanguage {
            code: code.into(),
            letters,
        }
    }

    #[test]
    fn a_client_with_an_english_phone_who_writes_russian_is_answered_in_russian() {
        let olga = client(Language::En, LanguageSource::Telegram, None);
        assert_eq!(
            olga.learns_language(&heard("ru", 40)),
            Some(LearnedLanguage {
                written: "ru".into(),
                bot_language: Some(Language::Ru),
            })
        );
    }

    #[test]
    fn an_explicit_choice_wins_over_what_the_client_writes() {
        let olga = client(Language::En, LanguageSource::Chosen, None);
        let learned = olga.learns_language(&heard("ru", 40)).unwrap();
        assert_eq!(learned.written, "ru");
        assert_eq!(learned.bot_language, None);
    }

    #[test]
    fn a_language_the_bots_do_not_speak_is_kept_for_agents_only() {
        let pablo = client(Language::En, LanguageSource::Telegram, None);
        let learned = pablo.learns_language(&heard("es", 40)).unwrap();
        assert_eq!(
            (learned.written.as_str(), learned.bot_language),
            ("es", None)
        );
    }

    #[test]
    fn a_short_message_sets_an_unknown_language_but_never_changes_a_known_one() {
        let fresh = client(Language::En, LanguageSource::Telegram, None);
        let learned = fresh.learns_language(&heard("de", 5)).unwrap();
        assert_eq!(
            learned.bot_language, None,
            "a word does not switch the bots"
        );
        let known = client(Language::Ru, LanguageSource::Detected, Some("ru"));
        assert_eq!(known.learns_language(&heard("de", 5)), None);
        assert_eq!(known.learns_language(&heard("ru", 60)), None, "nothing new");
        assert!(known.learns_language(&heard("de", 60)).is_some());
    }
}
