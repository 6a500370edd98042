//! Proactive alerts (docs/proactive-alerts.md): the platform tells the desk that something is
//! going wrong for a client — a milestone not confirmed, a payment stuck, a late delivery, the
//! counterparty opened a dispute — and the client bot writes to the client first, before it
//! becomes a complaint. Each event type has a template; each client gets a few a day at most
//! and may opt out; a risky event may open a ticket too.

use crate::Language;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

/// The event types every desk knows, with the data fields their standard texts name.
pub const BUILT_IN: [(&str, &[&str]); 4] = [
    ("milestone_not_confirmed", &["order", "milestone"]),
    ("payment_stuck", &["order"]),
    ("delivery_late", &["order"]),
    ("dispute_opened", &["order"]),
];

/// A desk's own event type (or its own text for a built-in one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomType {
    pub name: String,
    /// The text per language, with `{field}` placeholders filled from the event's data; the
    /// English one (or the first) stands in for a language without its own.
    pub templates: Vec<(Language, String)>,
}

/// The desk's settings; the defaults: three alerts a client a day, tickets from risk 70.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProactiveSettings {
    pub per_client_per_day: u32,
    /// An event with a risk score at or above this opens a ticket as well (`None`: only
    /// events that ask for one).
    pub ticket_from_risk: Option<u8>,
    pub custom: Vec<CustomType>,
}

impl Default for ProactiveSettings {
    fn default() -> Self {
        ProactiveSettings {
            per_client_per_day: 3,
            ticket_from_risk: Some(70),
            custom: vec![],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProactiveError {
    #[error("unknown event type {0:?}")]
    UnknownType(String),
    #[error("the event's data lacks {0:?}")]
    MissingData(Vec<String>),
    #[error("an event type is 1-40 lowercase letters, digits and _: {0:?}")]
    BadTypeName(String),
    #[error("at most 20 alerts a client a day")]
    BadLimit,
}

/// Whether a type name is a usable slug.
pub fn is_type_name(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The `{field}` placeholders of a template, in order, each once.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !found.iter().any(|f| f == name)
        {
            found.push(name.to_string());
        }
        rest = &after[close + 1..];
    }
    found
}

/// The template with its placeholders filled; the fields it names that `data` lacks are an
/// error (a half-filled alert reads worse than none).
pub fn render(template: &str, data: &BTreeMap<String, String>) -> Result<String, ProactiveError> {
    let missing: Vec<String> = placeholders(template)
        .into_iter()
        .filter(|p| !data.contains_key(p))
        .collect();
    if !missing.is_empty() {
        return Err(ProactiveError::MissingData(missing));
    }
    let mut text = template.to_string();
    for (name, value) in data {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    Ok(text)
}

impl ProactiveSettings {
    pub const MAX_PER_DAY: u32 = 20;

    pub fn validate(&self) -> Result<(), ProactiveError> {
        if self.per_client_per_day > ProactiveSettings::MAX_PER_DAY {
            return Err(ProactiveError::BadLimit);
        }
        for custom in &self.custom {
            if !is_type_name(&custom.name) {
                return Err(ProactiveError::BadTypeName(custom.name.clone()));
            }
        }
        Ok(())
    }

    /// The desk's own text for `name` in `lang` (else its English or first one).
    pub fn custom_text(&self, name: &str, lang: Language) -> Option<&str> {
        let custom = self.custom.iter().find(|c| c.name == name)?;
        let find = |l: Language| {
            custom
                .templates
                .iter()
                .find(|(t, _)| *t == l)
                .map(|(_, s)| s.as_str())
        };
        find(lang)
            .or_else(|| find(Language::En))
            .or_else(|| custom.templates.first().map(|(_, s)| s.as_str()))
    }

    /// The fields an event of `name` must carry: those its texts name (a built-in type's
    /// standard ones when the desk has no text of its own). Unknown type: an error.
    pub fn required(&self, name: &str) -> Result<Vec<String>, ProactiveError> {
        if let Some(custom) = self.custom.iter().find(|c| c.name == name) {
            let mut all: Vec<String> = Vec::new();
            for (_, template) in &custom.templates {
                for p in placeholders(template) {
                    if !all.contains(&p) {
                        all.push(p);
                    }
                }
            }
            return Ok(all);
        }
        BUILT_IN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, fields)| fields.iter().map(|f| f.to_string()).collect())
            .ok_or_else(|| ProactiveError::UnknownType(name.to_string()))
    }
}

/// What happens to one event for one client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Sent,
    /// The client asked for no more alerts.
    OptedOut,
    /// The client already got the day's alerts.
    RateLimited,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Sent => "sent",
            Delivery::OptedOut => "opted_out",
            Delivery::RateLimited => "rate_limited",
        }
    }

    pub fn parse(text: &str) -> Option<Delivery> {
        [Delivery::Sent, Delivery::OptedOut, Delivery::RateLimited]
            .into_iter()
            .find(|d| d.as_str() == text)
    }

    /// An opt-out wins over everything; then the day's limit.
    pub fn decide(opted_out: bool, sent_today: u32, per_day: u32) -> Delivery {
        if opted_out {
            Delivery::OptedOut
        } else if sent_today >= per_day {
            Delivery::RateLimited
        } else {
            Delivery::Sent
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn templates_are_filled_from_the_events_data_or_refused() {
        let t = "Your payment for {order} ({amount}) is still pending; {order} is safe.";
        assert_eq!(placeholders(t), ["order", "amount"]);
        assert_eq!(
            render(t, &data(&[("order", "A-7"), ("amount", "40 EUR")])).unwrap(),
            "Your payment for A-7 (40 EUR) is still pending; A-7 is safe."
        );
        assert_eq!(
            render(t, &data(&[("order", "A-7")])),
            Err(ProactiveError::MissingData(vec!["amount".into()]))
        );
        assert_eq!(placeholders("no {fields} {} {bad name}"), ["fields"]);
    }

    #[test]
    fn built_in_types_need_their_fields_and_custom_ones_what_their_texts_name() {
        let mut s = ProactiveSettings::default();
        assert_eq!(
            s.required("milestone_not_confirmed").unwrap(),
            ["order", "milestone"]
        );
        assert!(matches!(
            s.required("weather"),
            Err(ProactiveError::UnknownType(_))
        ));
        s.custom.push(CustomType {
            name: "kyc_expiring".into(),
            templates: vec![
                (Language::En, "Your ID check expires on {date}.".into()),
                (
                    Language::De,
                    "Ihre Prüfung läuft am {date} ab ({days} Tage).".into(),
                ),
            ],
        });
        assert_eq!(s.required("kyc_expiring").unwrap(), ["date", "days"]);
        assert_eq!(
            s.custom_text("kyc_expiring", Language::Ru),
            Some("Your ID check expires on {date}.")
        );
        assert_eq!(s.validate(), Ok(()));
        s.custom[0].name = "KYC!".into();
        assert!(s.validate().is_err());
    }

    #[test]
    fn an_opt_out_wins_then_the_days_limit() {
        assert_eq!(Delivery::decide(true, 0, 3), Delivery::OptedOut);
        assert_eq!(Delivery::decide(false, 3, 3), Delivery::RateLimited);
        assert_eq!(Delivery::decide(false, 2, 3), Delivery::Sent);
        assert_eq!(Delivery::parse("rate_limited"), Some(Delivery::RateLimited));
    }
}
