//! Whether a message is a complaint, what it is about, and whether it threatens outside
//! action (a lawyer, the police, a chargeback, the press). Lexicon rules in English, Russian,
//! Chinese and German, like the other cues: modest, explainable, no network.

use serde::Serialize;

use super::lexicon::Message;
use super::sentiment::{sentiment, Sentiment};

/// What the complaint rules found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintCues {
    /// Complaint words, or an upset or angry tone.
    pub is_complaint: bool,
    /// The default category slug the words point to (`delivery`, `payment`…), if any.
    pub category: Option<&'static str>,
    /// The client names outside action.
    pub threatens: bool,
    /// The sentiment the message reads with.
    pub sentiment: Sentiment,
    /// The lexicon entries that decided it.
    pub cues: Vec<&'static str>,
}

/// Saying it is a complaint, in so many words.
const COMPLAINT: &[&str] = &[
    "complain",
    "complaint",
    "жалоб",
    "пожалова",
    "претензи",
    "投诉",
    "抱怨",
    "beschwer",
    "reklamation",
];

const THREATS: &[&str] = &[
    // en
    "lawyer",
    "attorney",
    "court",
    "police",
    "chargeback",
    "regulator",
    "ombudsman",
    "the press",
    "journalist",
    "consumer protection",
    // ru
    "юрист",
    "адвокат",
    "в суд",
    "судом",
    "судебн",
    "полици",
    "прокуратур",
    "роспотребнадзор",
    "чарджбэк",
    // zh
    "律师",
    "法院",
    "起诉",
    "报警",
    "警察",
    "消协",
    "媒体曝光",
    // de
    "anwalt",
    "gericht",
    "polizei",
    "verbraucherzentrale",
    "klage",
    "rückbuchung",
];

/// Categories in the order they are tried: the first with a word in the message wins.
const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "payment",
        &[
            "payment",
            "paid",
            "charged",
            "refund",
            "money",
            "card",
            "invoice",
            "оплат",
            "платеж",
            "платёж",
            "заплат",
            "деньг",
            "списа",
            "возврат",
            "карт",
            "付款",
            "支付",
            "退款",
            "扣款",
            "zahlung",
            "bezahl",
            "geld",
            "erstattung",
            "abgebucht",
        ],
    ),
    (
        "delivery",
        &[
            "deliver",
            "parcel",
            "package",
            "courier",
            "shipping",
            "shipment",
            "arrive",
            "доставк",
            "посылк",
            "курьер",
            "доставил",
            "快递",
            "物流",
            "包裹",
            "送货",
            "lieferung",
            "geliefert",
            "paket",
            "versand",
            "kurier",
        ],
    ),
    (
        "account",
        &[
            "account",
            "login",
            "log in",
            "password",
            "blocked",
            "banned",
            "аккаунт",
            "учётн",
            "учетн",
            "логин",
            "парол",
            "заблокир",
            "账户",
            "账号",
            "登录",
            "密码",
            "封号",
            "konto",
            "passwort",
            "anmeld",
            "gesperrt",
        ],
    ),
    (
        "service_attitude",
        &[
            "rude",
            "impolite",
            "ignored",
            "unprofessional",
            "your agent",
            "your support",
            "груб",
            "хам",
            "игнорир",
            "态度",
            "客服",
            "不理",
            "unhöflich",
            "unfreundlich",
            "ignoriert",
        ],
    ),
    (
        "product_quality",
        &[
            "broken",
            "defect",
            "damaged",
            "quality",
            "fake",
            "does not work",
            "doesn't work",
            "not as described",
            "сломан",
            "брак",
            "дефект",
            "качеств",
            "подделк",
            "не работает",
            "质量",
            "坏了",
            "假货",
            "破损",
            "kaputt",
            "defekt",
            "beschädigt",
            "qualität",
            "funktioniert nicht",
        ],
    ),
];

pub fn complaint(text: &str) -> ComplaintCues {
    let message = Message::new(text);
    let mood = sentiment(text);
    let said = message.find(COMPLAINT);
    let threats = message.find(THREATS);
    let category = CATEGORIES
        .iter()
        .find(|(_, words)| !message.find(words).is_empty())
        .map(|(slug, _)| *slug);
    let upset = matches!(mood.sentiment, Sentiment::Negative | Sentiment::Angry);
    let mut cues = said.clone();
    cues.extend(threats.iter().copied());
    cues.extend(mood.cues.iter().copied());
    ComplaintCues {
        is_complaint: !said.is_empty() || upset || !threats.is_empty(),
        category,
        threatens: !threats.is_empty(),
        sentiment: mood.sentiment,
        cues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_parcel_with_a_threat_is_a_delivery_complaint() {
        let c = complaint("My parcel is two weeks late, this is unacceptable. I'll call my lawyer");
        assert!(c.is_complaint && c.threatens);
        assert_eq!(c.category, Some("delivery"));
    }

    #[test]
    fn complaints_are_heard_in_four_languages() {
        let c = complaint("Хочу подать жалобу: деньги списали дважды");
        assert_eq!((c.is_complaint, c.category), (true, Some("payment")));
        let c = complaint("我要投诉，客服态度很差");
        assert_eq!(
            (c.is_complaint, c.category),
            (true, Some("service_attitude"))
        );
        let c = complaint("Ich möchte mich beschweren, das Gerät ist kaputt");
        assert_eq!(
            (c.is_complaint, c.category),
            (true, Some("product_quality"))
        );
    }

    #[test]
    fn a_plain_question_is_not_a_complaint() {
        let c = complaint("How do I change the delivery address?");
        assert!(!c.is_complaint && !c.threatens);
        assert_eq!(c.category, Some("delivery"));
    }
}
