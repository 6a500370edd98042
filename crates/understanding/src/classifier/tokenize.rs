//! Words of a message, the way the classifier sees them.

use unicode_segmentation::UnicodeSegmentation;

/// Lowercased Unicode words (UAX #29): punctuation and spaces go, apostrophes inside words
/// stay ("can't"), and each Han character is a word of its own, which the character n-grams
/// then join back into pairs and triples.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .unicode_words()
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_words_without_punctuation() {
        assert_eq!(
            words("Why can't I top-up my CARD?!"),
            ["why", "can't", "i", "top", "up", "my", "card"]
        );
        assert_eq!(words("Карта, не РАБОТАЕТ"), ["карта", "не", "работает"]);
        assert_eq!(words("退款"), ["退", "款"]);
        assert!(words("!!! 🙂").is_empty());
    }
}
