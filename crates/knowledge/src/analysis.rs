//! How each language's text becomes search terms. Clients write "refunds", agents title the
//! article "Refund"; Russian and German inflect even more ("возврата", "Rückerstattungen"), so
//! en, ru and de go through Snowball stemmers and drop stop words. Chinese has no spaces:
//! jieba cuts it into words (search mode also yields the shorter words inside long ones).

use crate::stop_words;
use tantivy::tokenizer::{
    Language as Snowball, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, TokenizerManager,
};
use ticketgram_domain::Language;

/// Words longer than this are pasted tokens or hashes, not words anyone searches for.
const LONGEST_WORD: usize = 40;

pub fn analyzer_name(language: Language) -> &'static str {
    match language {
        Language::En => "kb_en",
        Language::Ru => "kb_ru",
        Language::De => "kb_de",
        Language::Zh => "kb_zh",
    }
}

fn listed(words: &[&str]) -> StopWordFilter {
    StopWordFilter::remove(words.iter().map(|w| w.to_string()))
}

fn stemmed(language: Snowball, stop_words: StopWordFilter) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(Stemmer::new(language))
        .build()
}

fn snowball_stemmed(language: Snowball) -> TextAnalyzer {
    // Both lists exist with the `stopwords` feature; an empty list would only cost precision.
    let stop_words = StopWordFilter::new(language).unwrap_or_else(|| listed(&[]));
    stemmed(language, stop_words)
}

fn chinese() -> TextAnalyzer {
    TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(listed(stop_words::CHINESE))
        .build()
}

pub fn register(tokenizers: &TokenizerManager) {
    let english = stemmed(Snowball::English, listed(stop_words::ENGLISH));
    tokenizers.register(analyzer_name(Language::En), english);
    tokenizers.register(
        analyzer_name(Language::Ru),
        snowball_stemmed(Snowball::Russian),
    );
    tokenizers.register(
        analyzer_name(Language::De),
        snowball_stemmed(Snowball::German),
    );
    tokenizers.register(analyzer_name(Language::Zh), chinese());
}

/// The distinct search terms of `text`, in order. Jieba also emits spaces and punctuation as
/// tokens; they are no words, so they never become query terms.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let word = &stream.token().text;
        if word.chars().any(char::is_alphanumeric) && !terms.iter().any(|t| t == word) {
            terms.push(word.clone());
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms_of(language: Language, text: &str) -> Vec<String> {
        let manager = TokenizerManager::default();
        register(&manager);
        let mut analyzer = manager.get(analyzer_name(language)).unwrap();
        terms(&mut analyzer, text)
    }

    #[test]
    fn inflected_words_meet_their_stem() {
        assert_eq!(
            terms_of(Language::En, "Refunds"),
            terms_of(Language::En, "refund")
        );
        assert_eq!(
            terms_of(Language::Ru, "возврата платежей"),
            terms_of(Language::Ru, "возврат платёж")
        );
        assert_eq!(
            terms_of(Language::De, "Zahlungen"),
            terms_of(Language::De, "Zahlung")
        );
        assert_eq!(terms_of(Language::En, "How do I get a refund?"), ["refund"]);
        assert_eq!(terms_of(Language::Zh, "我的退款怎么办"), ["退款"]);
    }

    #[test]
    fn chinese_is_cut_into_words_without_punctuation() {
        let terms = terms_of(Language::Zh, "如何申请退款？");
        assert!(terms.contains(&"退款".to_string()), "{terms:?}");
        assert!(terms.iter().all(|t| t != "？"));
    }
}
