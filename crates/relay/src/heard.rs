//! The language a client's text was written in (`ticketgram_understanding::detect_message`),
//! detected for a whole backlog of updates before its transaction opens: detection is the
//! costliest computing a client's message needs, and on SQLite the transaction holds the
//! database's one write lock, which the dispatcher and the poller wait for meanwhile.

use std::collections::HashMap;
use teloxide_core::types::Update;
use ticketgram_domain::{HeardLanguage, Language};
use ticketgram_understanding::{detect_message, Lang};

/// The texts of a backlog and the language each was heard in (`None`: too little to tell).
#[derive(Debug, Default)]
pub struct HeardLanguages(HashMap<String, Option<HeardLanguage>>);

impl HeardLanguages {
    /// Detects the language of every message text and caption among `updates`.
    pub fn of_updates<'a>(updates: impl IntoIterator<Item = &'a Update>) -> HeardLanguages {
        let mut heard = HashMap::new();
        for update in updates {
            let teloxide_core::types::UpdateKind::Message(message) = &update.kind else {
                continue;
            };
            if let Some(text) = message.text().or(message.caption()) {
                if !heard.contains_key(text) {
                    heard.insert(text.to_owned(), heard_in(text));
                }
            }
        }
        HeardLanguages(heard)
    }

    /// The language of `text`: as detected for the backlog, else detected now.
    pub fn of(&self, text: &str) -> Option<HeardLanguage> {
        match self.0.get(text) {
            Some(heard) => heard.clone(),
            None => heard_in(text),
        }
    }
}

/// The language of a message, decided among the languages the bots speak when it is short.
pub fn heard_in(text: &str) -> Option<HeardLanguage> {
    let bots: Vec<Lang> = Language::ALL
        .iter()
        .filter_map(|l| Lang::from_code(l.code()))
        .collect();
    let detected = detect_message(text, &bots)?;
    Some(HeardLanguage {
        code: detected.lang.code().to_owned(),
        letters: text.chars().filter(|c| c.is_alphabetic()).count(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(update_id: i64, text: &str) -> Update {
        // Parsed from text, as stored updates are.
        let json = serde_json::json!({
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 1_764_000_000,
                "chat": {"id": 1001, "type": "private", "first_name": "Anna"},
                "from": {"id": 1001, "is_bot": false, "first_name": "Anna"},
                "text": text
            }
        });
        serde_json::from_str(&json.to_string()).expect("a private text message")
    }

    #[test]
    fn a_backlog_s_texts_are_heard_before_and_others_when_asked() {
        let backlog = [
            message(1, "Где мои деньги? Выплата задерживается уже неделю"),
            message(2, "ok"),
        ];
        let heard = HeardLanguages::of_updates(&backlog);
        assert_eq!(heard.0.len(), 2, "each text once, too short ones too");
        let russian = heard
            .of("Где мои деньги? Выплата задерживается уже неделю")
            .expect("a sentence is heard");
        assert_eq!(russian.code, "ru");
        assert_eq!(heard.of("ok"), None, "two letters tell nothing");
        let later = heard.of("Meine Auszahlung ist seit einer Woche überfällig");
        assert_eq!(later.map(|h| h.code).as_deref(), Some("de"));
    }
}
