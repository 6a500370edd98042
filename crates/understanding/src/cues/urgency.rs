//! How soon a message wants an answer, from words that say so.

use serde::Serialize;

use super::lexicon::Message;

/// Ordered: a desk can sort or alert on `>= Urgency::High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Normal,
    /// The client asks for speed ("urgent", "срочно", "紧急", "dringend").
    High,
    /// Money or access may be in danger now: fraud, theft, a compromised account.
    Critical,
}

/// The urgency and the lexicon entries that decided it (empty for `Normal`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrgencyCues {
    pub urgency: Urgency,
    pub cues: Vec<&'static str>,
}

/// Danger to the client's money or account, en/ru/zh/de. Stems: they must begin a word.
const CRITICAL: &[&str] = &[
    // en
    "fraud",
    "stolen",
    "scam",
    "hacked",
    "unauthori",
    "compromised",
    "phishing",
    "identity theft",
    "didn't make",
    "did not make",
    // ru
    "мошен",
    "украл",
    "украден",
    "взлом",
    "похищ",
    "не совершал",
    "не делал",
    // zh
    "诈骗",
    "欺诈",
    "被盗",
    "盗刷",
    "被骗",
    "黑客",
    // de
    "betrug",
    "betrüg",
    "gestohlen",
    "gehackt",
    "nicht autorisiert",
    "phishing",
];

/// The client asks for speed.
const HIGH: &[&str] = &[
    // en
    "urgent",
    "asap",
    "emergency",
    "immediately",
    "right now",
    "right away",
    // ru
    "срочн",
    "немедленн",
    "как можно скорее",
    "сейчас же",
    "экстренн",
    // zh
    "紧急",
    "着急",
    "马上",
    "立刻",
    "尽快",
    // de
    "dringend",
    "sofort",
    "eilig",
    "notfall",
    "so schnell wie möglich",
];

/// Rules, not a model: cheap, explainable to the agent ("flagged for: stolen"), and
/// honest about their limits: no negation ("not urgent" is High), no context, four languages.
pub fn urgency(text: &str) -> UrgencyCues {
    let message = Message::new(text);
    let critical = message.find(CRITICAL);
    if !critical.is_empty() {
        return UrgencyCues {
            urgency: Urgency::Critical,
            cues: critical,
        };
    }
    let high = message.find(HIGH);
    let urgency = if high.is_empty() {
        Urgency::Normal
    } else {
        Urgency::High
    };
    UrgencyCues {
        urgency,
        cues: high,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_words_in_four_languages() {
        for text in [
            "URGENT: my transfer is stuck",
            "Срочно помогите, перевод завис",
            "紧急！转账一直没到",
            "Bitte dringend prüfen",
        ] {
            assert_eq!(urgency(text).urgency, Urgency::High, "{text}");
        }
        assert_eq!(urgency("Срочно помогите").cues, ["срочн"]);
    }

    #[test]
    fn danger_outranks_speed() {
        let cues = urgency("Urgent!!! my card was stolen and there are unauthorised payments");
        assert_eq!(cues.urgency, Urgency::Critical);
        assert_eq!(cues.cues, ["stolen", "unauthori"]);
        assert_eq!(urgency("Мошенники сняли деньги").urgency, Urgency::Critical);
        assert_eq!(urgency("我的卡被盗刷了").urgency, Urgency::Critical);
        assert_eq!(
            urgency("Meine Karte wurde gestohlen").urgency,
            Urgency::Critical
        );
    }

    #[test]
    fn ordinary_questions_are_normal() {
        let cues = urgency("How do I change my PIN?");
        assert_eq!(
            cues,
            UrgencyCues {
                urgency: Urgency::Normal,
                cues: vec![]
            }
        );
        assert!(Urgency::Critical > Urgency::High && Urgency::High > Urgency::Normal);
    }
}
