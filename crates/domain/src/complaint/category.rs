//! Complaint categories: short slugs from the desk's editable list (`payment`, `delivery`…).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A category's slug: 1–32 lowercase ASCII letters, digits and `_`, so it reads the same in a
/// command (`/complaint delivery`), a URL and a report column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ComplaintCategory(String);

impl ComplaintCategory {
    /// The categories a desk starts with.
    pub const DEFAULTS: [&'static str; 6] = [
        "product_quality",
        "delivery",
        "payment",
        "service_attitude",
        "account",
        "other",
    ];
    /// Where a complaint goes when nothing more precise is known.
    pub const FALLBACK: &'static str = "other";

    pub fn parse(text: &str) -> Option<ComplaintCategory> {
        let text = text.trim().to_lowercase();
        let ok = (1..=32).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        ok.then_some(ComplaintCategory(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn other() -> ComplaintCategory {
        ComplaintCategory(Self::FALLBACK.to_string())
    }
}

impl fmt::Display for ComplaintCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ComplaintCategory {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        ComplaintCategory::parse(&text).ok_or_else(|| format!("not a category: {text:?}"))
    }
}

impl From<ComplaintCategory> for String {
    fn from(category: ComplaintCategory) -> String {
        category.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_are_short_slugs() {
        assert_eq!(
            ComplaintCategory::parse(" Delivery ").unwrap().as_str(),
            "delivery"
        );
        assert!(ComplaintCategory::parse("late delivery").is_none());
        assert!(ComplaintCategory::parse("").is_none());
        assert!(ComplaintCategory::parse(&"x".repeat(33)).is_none());
        assert!(ComplaintCategory::parse("доставка").is_none());
        for slug in ComplaintCategory::DEFAULTS {
            assert!(ComplaintCategory::parse(slug).is_some());
        }
    }
}
