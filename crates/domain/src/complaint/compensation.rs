//! Compensation decisions: what the desk gives a complaining client (a refund, a coupon, a
//! replacement, a goodwill gesture) and for how much. Each role may decide up to its limit;
//! above it the decision waits for someone whose limit covers it.

use super::settings::ApprovalLimits;
use crate::{AgentId, AgentRole, TicketId, Timestamp};
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompensationKind {
    Refund,
    Coupon,
    Replacement,
    Goodwill,
}

impl CompensationKind {
    pub const ALL: [CompensationKind; 4] = [
        CompensationKind::Refund,
        CompensationKind::Coupon,
        CompensationKind::Replacement,
        CompensationKind::Goodwill,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CompensationKind::Refund => "refund",
            CompensationKind::Coupon => "coupon",
            CompensationKind::Replacement => "replacement",
            CompensationKind::Goodwill => "goodwill",
        }
    }

    pub fn parse(text: &str) -> Option<CompensationKind> {
        let text = text.trim().to_ascii_lowercase();
        CompensationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// An amount in the desk's currency, in minor units (cents): money is never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(i64);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("not an amount: {0:?} (write 20 or 20.50)")]
    NotAnAmount(String),
    #[error("the amount must be above zero and at most 10,000,000")]
    OutOfRange,
}

impl Money {
    /// Ten million in major units: far above any goodwill, far below overflow.
    const MAX_MINOR: i64 = 10_000_000 * 100;

    pub fn from_minor(minor: i64) -> Result<Money, MoneyError> {
        if minor <= 0 || minor > Money::MAX_MINOR {
            return Err(MoneyError::OutOfRange);
        }
        Ok(Money(minor))
    }

    /// `20`, `20.5`, `20.50` or `20,50`: two decimals at most (the currencies our desks use
    /// have cents; a desk in yen writes whole numbers).
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let bad = || MoneyError::NotAnAmount(text.to_string());
        let text = text.trim().replace(',', ".");
        let (whole, cents) = match text.split_once('.') {
            Some((whole, cents)) => (whole, Some(cents)),
            None => (text.as_str(), None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || cents.is_some_and(|c| !digits(c) || c.len() > 2) {
            return Err(bad());
        }
        let whole: i64 = whole.parse().map_err(|_| MoneyError::OutOfRange)?;
        let cents: i64 = format!("{:0<2}", cents.unwrap_or(""))
            .parse()
            .map_err(|_| bad())?;
        let minor = whole
            .checked_mul(100)
            .and_then(|m| m.checked_add(cents))
            .ok_or(MoneyError::OutOfRange)?;
        Money::from_minor(minor)
    }

    pub fn minor(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompensationStatus {
    /// Above its author's limit: waiting for an approver.
    Pending,
    Approved,
    Rejected,
}

impl CompensationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CompensationStatus::Pending => "pending",
            CompensationStatus::Approved => "approved",
            CompensationStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<CompensationStatus> {
        [
            CompensationStatus::Pending,
            CompensationStatus::Approved,
            CompensationStatus::Rejected,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// One decision of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compensation {
    pub id: i64,
    pub ticket: TicketId,
    pub kind: CompensationKind,
    pub amount: Money,
    pub note: String,
    pub status: CompensationStatus,
    pub proposed_by: AgentId,
    pub proposed_at: Timestamp,
    pub decided_by: Option<AgentId>,
    pub decided_at: Option<Timestamp>,
}

/// Whether someone of `role` may decide `amount` on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approval {
    /// Within their limit: the decision stands.
    Within,
    /// Above it: someone with a higher limit must approve.
    Above,
}

impl ApprovalLimits {
    /// The most `role` may decide alone; `None` means no limit (the owner always; an admin
    /// when the desk sets none).
    pub fn limit(&self, role: AgentRole) -> Option<Money> {
        match role {
            AgentRole::Agent => Some(self.agent),
            AgentRole::Admin => self.admin,
            AgentRole::Owner => None,
        }
    }

    pub fn approval(&self, role: AgentRole, amount: Money) -> Approval {
        match self.limit(role) {
            Some(limit) if amount > limit => Approval::Above,
            _ => Approval::Within,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    #[test]
    fn amounts_are_read_in_cents_and_never_as_floats() {
        assert_eq!(money("20").minor(), 2000);
        assert_eq!(money("20.5").minor(), 2050);
        assert_eq!(money("20,05").minor(), 2005);
        assert_eq!(money("0.01").to_string(), "0.01");
        assert_eq!(money("1234.5").to_string(), "1234.50");
        for bad in ["", "abc", "1.234", "-5", "1e3", "20.", ".5", "1 000"] {
            assert!(Money::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Money::parse("0"), Err(MoneyError::OutOfRange));
        assert_eq!(
            Money::parse("99999999999999999999"),
            Err(MoneyError::OutOfRange)
        );
    }

    #[test]
    fn each_role_decides_up_to_its_limit() {
        let limits = ApprovalLimits {
            agent: money("50"),
            admin: Some(money("500")),
        };
        assert_eq!(
            limits.approval(AgentRole::Agent, money("50")),
            Approval::Within
        );
        assert_eq!(
            limits.approval(AgentRole::Agent, money("50.01")),
            Approval::Above
        );
        assert_eq!(
            limits.approval(AgentRole::Admin, money("400")),
            Approval::Within
        );
        assert_eq!(
            limits.approval(AgentRole::Admin, money("501")),
            Approval::Above
        );
        assert_eq!(
            limits.approval(AgentRole::Owner, money("9999")),
            Approval::Within
        );
    }

    #[test]
    fn kinds_and_statuses_read_back() {
        for k in CompensationKind::ALL {
            assert_eq!(CompensationKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(CompensationKind::parse("cash"), None);
        assert_eq!(
            CompensationStatus::parse("pending"),
            Some(CompensationStatus::Pending)
        );
    }
}
