//! Keyword matching: a keyword jumps to its step when the client writes it as a whole word
//! (or words), in any letter case and in any of the flow's languages. Chinese and Japanese are
//! written without spaces, so a keyword in those scripts matches anywhere in the message.

use crate::definition::Keyword;

#[derive(Debug, Clone, Default)]
pub(crate) struct Keywords {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    /// Lowercased words of the keyword ("talk to a human" is four).
    words: Vec<String>,
    /// The whole keyword, lowercased, when it is in a script written without spaces.
    unspaced: Option<String>,
    goto: String,
}

/// How much of the message must be the keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Anywhere, as whole words.
    Anywhere,
    /// The whole message (punctuation aside): used while the client is answering a
    /// free-text question, whose answer may well contain "dispute" or "human".
    WholeMessage,
}

impl Keywords {
    pub(crate) fn new(keywords: &[Keyword]) -> Keywords {
        let entries = keywords
            .iter()
            .flat_map(|keyword| {
                keyword.words.iter().map(|(_, word)| {
                    let lower = word.trim().to_lowercase();
                    Entry {
                        words: words(&lower).map(str::to_string).collect(),
                        unspaced: lower.chars().any(is_unspaced).then(|| lower.clone()),
                        goto: keyword.goto.clone(),
                    }
                })
            })
            .filter(|entry| !entry.words.is_empty())
            .collect();
        Keywords { entries }
    }

    /// The step the first matching keyword leads to.
    pub(crate) fn find(&self, text: &str, scope: Scope) -> Option<&str> {
        if self.entries.is_empty() {
            return None;
        }
        let lower = text.to_lowercase();
        let message: Vec<&str> = words(&lower).collect();
        self.entries
            .iter()
            .find(|entry| match (&entry.unspaced, scope) {
                (Some(_), Scope::WholeMessage) | (None, Scope::WholeMessage) => {
                    message == entry.words
                }
                (Some(keyword), Scope::Anywhere) => lower.contains(keyword.as_str()),
                (None, Scope::Anywhere) => message
                    .windows(entry.words.len())
                    .any(|window| window == entry.words),
            })
            .map(|entry| entry.goto.as_str())
    }
}

/// Runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Han, kana: scripts written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Words;

    fn keywords() -> Keywords {
        Keywords::new(&[
            Keyword {
                words: Words {
                    en: vec!["human".into(), "talk to a person".into()],
                    ru: vec!["оператор".into()],
                    zh: vec!["人工".into()],
                    ..Words::default()
                },
                goto: "human".into(),
            },
            Keyword {
                words: Words {
                    en: vec!["dispute".into()],
                    ..Words::default()
                },
                goto: "dispute".into(),
            },
        ])
    }

    #[test]
    fn whole_words_in_any_case_and_language() {
        let k = keywords();
        assert_eq!(
            k.find("I need a HUMAN please", Scope::Anywhere),
            Some("human")
        );
        assert_eq!(k.find("Оператор!", Scope::Anywhere), Some("human"));
        assert_eq!(
            k.find("can I talk to a person?", Scope::Anywhere),
            Some("human")
        );
        assert_eq!(k.find("我要人工服务", Scope::Anywhere), Some("human"));
        assert_eq!(k.find("humane treatment", Scope::Anywhere), None);
        assert_eq!(k.find("disputed", Scope::Anywhere), None);
    }

    #[test]
    fn while_answering_in_free_text_only_the_whole_message_counts() {
        let k = keywords();
        let reason = "I want to dispute the quality, it broke";
        assert_eq!(k.find(reason, Scope::WholeMessage), None);
        assert_eq!(k.find("  Dispute. ", Scope::WholeMessage), Some("dispute"));
        assert_eq!(k.find("人工", Scope::WholeMessage), Some("human"));
    }
}
