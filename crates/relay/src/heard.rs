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
