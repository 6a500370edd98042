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
/// Letters from which a message may set a language not known yet ("Order 5531" may not).
const FEW_WORDS_LETTERS: usize = 12;

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

    /// What a message detected in `heard` teaches the desk about the client, if anything.
    ///
    /// The language they write in: a few words set it while it is unknown ("спасибо
    /// большое"), changing a known one takes a sentence. The bots' language follows only a
    /// sentence that confirms the known written language, so one pasted paragraph in another
    /// language does not switch the client's menus; never a language the client chose.
    pub fn learns_language(&self, heard: &HeardLanguage) -> Option<LearnedLanguage> {
        let sentence = heard.letters >= SENTENCE_LETTERS;
        let confirmed = self.written_language.as_deref() == Some(heard.code.as_str());
        let bots = Language::from_code(&heard.code).filter(|l| {
            confirmed
                && sentence
                && *l != self.language
                && self.language_source != LanguageSource::Chosen
        });
        let news = match &self.written_language {
            None => heard.letters >= FEW_WORDS_LETTERS,
            Some(_) => !confirmed && sentence,
        };
        (news || bots.is_some()).then(|| LearnedLanguage {
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
    fn a_client_with_an_english_phone_who_keeps_writing_russian_is_answered_in_russian() {
        let olga = client(Language::En, LanguageSource::Telegram, None);
        assert_eq!(
            olga.learns_language(&heard("ru", 40)),
            Some(LearnedLanguage {
                written: "ru".into(),
                bot_language: None,
            }),
            "one message tells agents, not yet the bots"
        );
        let olga = client(Language::En, LanguageSource::Telegram, Some("ru"));
        assert_eq!(
            olga.learns_language(&heard("ru", 40)),
            Some(LearnedLanguage {
                written: "ru".into(),
                bot_language: Some(Language::Ru),
            })
        );
        let olga = client(Language::Ru, LanguageSource::Detected, Some("ru"));
        assert_eq!(olga.learns_language(&heard("ru", 40)), None, "nothing new");
    }

    #[test]
    fn an_explicit_choice_wins_over_what_the_client_writes() {
        let olga = client(Language::En, LanguageSource::Chosen, Some("ru"));
        assert_eq!(olga.learns_language(&heard("ru", 40)), None);
    }

    #[test]
    fn a_language_the_bots_do_not_speak_is_kept_for_agents_only() {
        let pablo = client(Language::En, LanguageSource::Telegram, Some("es"));
        assert_eq!(pablo.learns_language(&heard("es", 40)), None);
    }

    #[test]
    fn a_few_words_set_an_unknown_language_but_never_change_a_known_one() {
        let fresh = client(Language::En, LanguageSource::Telegram, None);
        assert_eq!(fresh.learns_language(&heard("de", 5)), None, "Order 5531");
        let learned = fresh.learns_language(&heard("ru", 13)).unwrap();
        assert_eq!(learned.written, "ru");
        let known = client(Language::Ru, LanguageSource::Detected, Some("ru"));
        assert_eq!(known.learns_language(&heard("de", 15)), None);
        let learned = known.learns_language(&heard("de", 60)).unwrap();
        assert_eq!(
            (learned.written.as_str(), learned.bot_language),
            ("de", None)
        );
    }
}
