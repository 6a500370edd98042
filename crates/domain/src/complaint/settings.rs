//! A desk's complaint settings: its categories, whether complaints are recognised and
//! acknowledged on their own, the time promised, the currency and each role's approval
//! limit, and which of the platform's client attributes say value and reputation.

use super::category::ComplaintCategory;
use super::compensation::Money;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Up to what amount each role decides a compensation alone; the owner has no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalLimits {
    pub agent: Money,
    /// `None`: admins decide any amount.
    pub admin: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintSettings {
    pub categories: Vec<ComplaintCategory>,
    /// Register a new request as a complaint when the client's words read as one.
    pub recognise: bool,
    /// Tell the client the complaint is registered and by when they will hear back.
    pub acknowledge: bool,
    /// The time promised in the acknowledgement, in working hours.
    pub promise_hours: u32,
    /// ISO 4217 code of the amounts (limits and decisions).
    pub currency: String,
    pub limits: ApprovalLimits,
    /// The client attribute (from the platform) holding the client's value, and from which
    /// value a client counts as valuable.
    pub value_attribute: Option<String>,
    pub high_value_from: Option<f64>,
    /// The same for the client's reputation (a seller's rating, say).
    pub reputation_attribute: Option<String>,
    pub high_reputation_from: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SettingsError {
    #[error("at least one category and at most {max}")]
    Categories { max: usize },
    #[error("the category {0:?} is listed twice")]
    DuplicateCategory(String),
    #[error("the promised time is 1 to {max} working hours")]
    PromiseHours { max: u32 },
    #[error("the currency is a three-letter ISO code such as EUR")]
    Currency,
    #[error("an admin's limit cannot be below an agent's")]
    Limits,
}

impl Default for ComplaintSettings {
    fn default() -> Self {
        ComplaintSettings {
            categories: ComplaintCategory::DEFAULTS
                .iter()
                .filter_map(|slug| ComplaintCategory::parse(slug))
                .collect(),
            recognise: false,
            acknowledge: false,
            promise_hours: 24,
            currency: "EUR".into(),
            limits: ApprovalLimits {
                agent: Money::from_minor(50 * 100).expect("a valid amount"),
                admin: Some(Money::from_minor(500 * 100).expect("a valid amount")),
            },
            value_attribute: None,
            high_value_from: None,
            reputation_attribute: None,
            high_reputation_from: None,
        }
    }
}

impl ComplaintSettings {
    pub const MAX_CATEGORIES: usize = 30;
    pub const MAX_PROMISE_HOURS: u32 = 30 * 24;

    pub fn validate(&self) -> Result<(), SettingsError> {
        let max = ComplaintSettings::MAX_CATEGORIES;
        if self.categories.is_empty() || self.categories.len() > max {
            return Err(SettingsError::Categories { max });
        }
        for (i, c) in self.categories.iter().enumerate() {
            if self.categories[..i].contains(c) {
                return Err(SettingsError::DuplicateCategory(c.to_string()));
            }
        }
        let max = ComplaintSettings::MAX_PROMISE_HOURS;
        if !(1..=max).contains(&self.promise_hours) {
            return Err(SettingsError::PromiseHours { max });
        }
        let code = self.currency.as_bytes();
        if code.len() != 3 || !code.iter().all(u8::is_ascii_uppercase) {
            return Err(SettingsError::Currency);
        }
        if self
            .limits
            .admin
            .is_some_and(|admin| admin < self.limits.agent)
        {
            return Err(SettingsError::Limits);
        }
        Ok(())
    }

    /// The desk's category for a guess: the guess when the desk keeps it, else `other`, else
    /// the desk's first category.
    pub fn category(&self, guess: Option<&str>) -> ComplaintCategory {
        let listed = |slug: &str| self.categories.iter().find(|c| c.as_str() == slug);
        guess
            .and_then(listed)
            .or_else(|| listed(ComplaintCategory::FALLBACK))
            .or(self.categories.first())
            .cloned()
            .unwrap_or_else(ComplaintCategory::other)
    }

    /// Whether the client's attributes make them valuable / reputable to the platform.
    pub fn standing(&self, attribute: impl Fn(&str) -> Option<String>) -> (bool, bool) {
        let at_least = |name: &Option<String>, from: Option<f64>| match (name, from) {
            (Some(name), Some(from)) => attribute(name)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .is_some_and(|v| v >= from),
            _ => false,
        };
        (
            at_least(&self.value_attribute, self.high_value_from),
            at_least(&self.reputation_attribute, self.high_reputation_from),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_keep_the_usual_categories() {
        let s = ComplaintSettings::default();
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(s.category(Some("delivery")).as_str(), "delivery");
        assert_eq!(s.category(Some("weather")).as_str(), "other");
        assert_eq!(s.category(None).as_str(), "other");
    }

    #[test]
    fn settings_that_cannot_work_are_refused() {
        let s = ComplaintSettings {
            currency: "euro".into(),
            ..Default::default()
        };
        assert_eq!(s.validate(), Err(SettingsError::Currency));
        let mut s = ComplaintSettings::default();
        s.categories
            .push(ComplaintCategory::parse("payment").unwrap());
        assert!(matches!(
            s.validate(),
            Err(SettingsError::DuplicateCategory(_))
        ));
        let s = ComplaintSettings {
            promise_hours: 0,
            ..Default::default()
        };
        assert!(matches!(
            s.validate(),
            Err(SettingsError::PromiseHours { .. })
        ));
        let mut s = ComplaintSettings::default();
        s.limits.admin = Some(Money::from_minor(100).unwrap());
        assert_eq!(s.validate(), Err(SettingsError::Limits));
    }

    #[test]
    fn a_client_worth_more_than_the_threshold_counts_as_valuable() {
        let s = ComplaintSettings {
            value_attribute: Some("lifetime_value".into()),
            high_value_from: Some(1000.0),
            reputation_attribute: Some("rating".into()),
            high_reputation_from: Some(4.8),
            ..Default::default()
        };
        let attrs = |name: &str| match name {
            "lifetime_value" => Some("2500".to_string()),
            "rating" => Some("4.2".to_string()),
            _ => None,
        };
        assert_eq!(s.standing(attrs), (true, false));
        assert_eq!(ComplaintSettings::default().standing(attrs), (false, false));
    }
}
