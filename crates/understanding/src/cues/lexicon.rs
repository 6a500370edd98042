//! Finding lexicon entries in a message, in languages with and without spaces.

use unicode_segmentation::UnicodeSegmentation;

/// A message prepared once for all lexicon look-ups.
pub(crate) struct Message {
    lowercase: String,
    words: Vec<String>,
}

impl Message {
    pub fn new(text: &str) -> Message {
        let lowercase = text.to_lowercase();
        let words = lowercase.unicode_words().map(str::to_owned).collect();
        Message { lowercase, words }
    }

    /// The entries of `lexicon` found in the message. An entry in Han script is looked for
    /// anywhere (Chinese has no spaces between words); any other entry is a stem that must
    /// begin a word, so "fraud" finds "fraudulent" and "мошен" finds "мошенники" (and "scam"
    /// finds "scampi": the price of stems). An entry with a space is looked for as a phrase.
    pub fn find(&self, lexicon: &[&'static str]) -> Vec<&'static str> {
        lexicon
            .iter()
            .copied()
            .filter(|entry| {
                if entry.chars().any(is_han) || entry.contains(' ') {
                    self.lowercase.contains(entry)
                } else {
                    self.words.iter().any(|word| word.starts_with(entry))
                }
            })
            .collect()
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_begin_words_and_han_entries_match_anywhere() {
        let message = Message::new("Мошенники украли деньги! 我的卡被盗了 Fraudulent charge");
        assert_eq!(message.find(&["мошен", "укра"]), ["мошен", "укра"]);
        assert_eq!(message.find(&["被盗", "fraud", "raud"]), ["被盗", "fraud"]);
        assert!(message.find(&["charged twice"]).is_empty());
    }
}
