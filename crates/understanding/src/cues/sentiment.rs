//! Whether a client sounds upset: anger words and shouting.

use serde::Serialize;

use super::lexicon::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sentiment {
    /// Thanks or praise, and nothing angry.
    Positive,
    Neutral,
    /// Complaint words, or shouting (several "!!!", a run of capitals).
    Negative,
    /// Complaint words and shouting together, or insults and threats to leave: worth a
    /// senior agent's eye.
    Angry,
}

/// The sentiment and what was found: lexicon entries, plus "!!!" and "CAPS" for shouting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentimentCues {
    pub sentiment: Sentiment,
    pub cues: Vec<&'static str>,
}

const COMPLAINT: &[&str] = &[
    // en
    "terrible",
    "awful",
    "horrible",
    "worst",
    "disappoint",
    "unacceptable",
    "ridiculous",
    "annoy",
    "frustrat",
    "angry",
    "useless",
    "still waiting",
    "complain",
    // ru
    "ужасн",
    "отвратительн",
    "безобраз",
    "возмут",
    "надоел",
    "бесит",
    "кошмар",
    "сколько можно",
    "жалоб",
    "разочаров",
    // zh
    "太差",
    "垃圾",
    "失望",
    "生气",
    "投诉",
    "气死",
    "无语",
    // de
    "schrecklich",
    "furchtbar",
    "enttäusch",
    "unverschämt",
    "ärger",
    "lächerlich",
    "beschwerde",
    "katastroph",
];

/// Insults, swearing and threats to leave or go to a regulator or a lawyer.
const HOSTILE: &[&str] = &[
    // en
    "idiot",
    "stupid",
    "scammers",
    "wtf",
    "lawyer",
    "sue you",
    "close my account",
    // ru
    "идиот",
    "тупые",
    "в суд",
    "адвокат",
    "закрою счет",
    "закрою счёт",
    // zh
    "骗子",
    "混蛋",
    "律师",
    "起诉",
    // de
    "idioten",
    "anwalt",
    "verklagen",
    "frechheit",
];

const THANKS: &[&str] = &[
    "thank",
    "thx",
    "great",
    "awesome",
    "appreciate",
    "love",
    "спасибо",
    "благодар",
    "отлично",
    "супер",
    "谢谢",
    "感谢",
    "太好了",
    "danke",
    "super",
    "toll",
    "prima",
];

/// Rules over a lexicon and punctuation, like [`super::urgency`]: explainable and modest. They
/// miss sarcasm and negation ("not great" counts as thanks) and know four languages.
pub fn sentiment(text: &str) -> SentimentCues {
    let message = Message::new(text);
    let complaint = message.find(COMPLAINT);
    let hostile = message.find(HOSTILE);
    let shouting = shouting(text);
    let upset = !complaint.is_empty() || !shouting.is_empty();
    let sentiment = if !hostile.is_empty() || (!complaint.is_empty() && !shouting.is_empty()) {
        Sentiment::Angry
    } else if upset {
        Sentiment::Negative
    } else if !message.find(THANKS).is_empty() {
        Sentiment::Positive
    } else {
        Sentiment::Neutral
    };
    let cues = match sentiment {
        Sentiment::Positive => message.find(THANKS),
        Sentiment::Neutral => Vec::new(),
        _ => [hostile, complaint, shouting].concat(),
    };
    SentimentCues { sentiment, cues }
}

/// "!!!" (three in a row, or "?!" runs), and capitals: two or more words of three or more
/// letters all in capitals ("WHERE IS MY MONEY"). One capitalised word is often an acronym
/// ("ATM", "PIN"), so it does not count.
fn shouting(text: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    if text.contains("!!!") || text.contains("?!?") || text.contains("！！！") {
        found.push("!!!");
    }
    let capital_words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_uppercase))
        .count();
    if capital_words >= 2 {
        found.push("CAPS");
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Sentiment {
        sentiment(text).sentiment
    }

    #[test]
    fn complaints_in_four_languages_are_negative() {
        assert_eq!(
            of("This is unacceptable, I am still waiting for my refund"),
            Sentiment::Negative
        );
        assert_eq!(
            of("Это возмутительно, деньги так и не пришли"),
            Sentiment::Negative
        );
        assert_eq!(of("我很失望，钱还没到"), Sentiment::Negative);
        assert_eq!(of("Ich bin sehr enttäuscht"), Sentiment::Negative);
    }

    #[test]
    fn shouting_and_complaint_together_are_angry() {
        let cues = sentiment("WHERE IS MY MONEY?!?! This is ridiculous!!!");
        assert_eq!(cues.sentiment, Sentiment::Angry);
        assert_eq!(cues.cues, ["ridiculous", "!!!", "CAPS"]);
        assert_eq!(of("Вы идиоты"), Sentiment::Angry);
        assert_eq!(of("WHERE IS MY CARD"), Sentiment::Negative);
    }

    #[test]
    fn acronyms_are_not_shouting_and_thanks_are_positive() {
        assert_eq!(of("The ATM kept my card"), Sentiment::Neutral);
        assert_eq!(of("Thank you so much!"), Sentiment::Positive);
        assert_eq!(sentiment("Спасибо большое").cues, ["спасибо"]);
        assert_eq!(of("谢谢"), Sentiment::Positive);
        assert_eq!(of("Danke schön"), Sentiment::Positive);
        assert_eq!(of(""), Sentiment::Neutral);
    }
}
