//! How serious a complaint is, computed from what the desk knows when it is registered: how
//! the client sounds, whether they threaten outside action, what they are worth to the
//! platform, whether they complained recently, and whether it was said in public. Each factor
//! adds points; the reasons are kept so an agent sees why and can disagree (with a reason).

use crate::Priority;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    #[default]
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        let text = text.trim().to_ascii_lowercase();
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The least priority a complaint of this severity deserves: a high one is not left
    /// behind ordinary questions, a critical one goes to the top.
    pub fn priority_floor(self) -> Priority {
        match self {
            Severity::Low => Priority::Low,
            Severity::Medium => Priority::Normal,
            Severity::High => Priority::High,
            Severity::Critical => Priority::Urgent,
        }
    }

    fn from_points(points: u8) -> Severity {
        match points {
            0..=1 => Severity::Low,
            2..=3 => Severity::Medium,
            4..=5 => Severity::High,
            _ => Severity::Critical,
        }
    }
}

/// How the client sounds (from the understanding cues; the domain keeps its own word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    #[default]
    Calm,
    /// Complaint words or shouting.
    Upset,
    /// Complaint words and shouting together, insults, threats to leave.
    Angry,
}

/// What is known about a complaint when it is registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeverityFactors {
    pub tone: Tone,
    /// The client named outside action: a lawyer, the police, a chargeback, the press.
    pub threatens: bool,
    /// The client's value to the platform is at or above the desk's threshold.
    pub high_value: bool,
    /// The client's reputation on the platform is at or above the desk's threshold.
    pub high_reputation: bool,
    /// Complaints the client registered in the 30 days before this one.
    pub recent_complaints: u32,
    /// Said in a public group or a channel's comments.
    pub public: bool,
}

/// The computed severity and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub severity: Severity,
    pub points: u8,
    /// The factors that counted, as slugs (`angry`, `threat`, `high_value`, `high_reputation`,
    /// `repeat`, `public`), for the card, the console and the API.
    pub reasons: Vec<String>,
}

impl SeverityFactors {
    pub fn assess(&self) -> Assessment {
        let mut points = 0u8;
        let mut reasons = Vec::new();
        let mut count = |add: u8, reason: &str| {
            points += add;
            reasons.push(reason.to_string());
        };
        match self.tone {
            Tone::Calm => {}
            Tone::Upset => count(1, "upset"),
            Tone::Angry => count(2, "angry"),
        }
        if self.threatens {
            count(2, "threat");
        }
        if self.high_value {
            count(1, "high_value");
        }
        if self.high_reputation {
            count(1, "high_reputation");
        }
        match self.recent_complaints {
            0 => {}
            1 => count(1, "repeat"),
            _ => count(2, "repeat"),
        }
        if self.public {
            count(2, "public");
        }
        Assessment {
            severity: Severity::from_points(points),
            points,
            reasons,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_calm_first_complaint_is_low() {
        let a = SeverityFactors::default().assess();
        assert_eq!((a.severity, a.points), (Severity::Low, 0));
        assert!(a.reasons.is_empty());
    }

    #[test]
    fn an_angry_client_threatening_a_chargeback_is_high() {
        let a = SeverityFactors {
            tone: Tone::Angry,
            threatens: true,
            ..Default::default()
        }
        .assess();
        assert_eq!(a.severity, Severity::High);
        assert_eq!(a.reasons, ["angry", "threat"]);
    }

    #[test]
    fn a_valued_seller_complaining_again_in_public_is_critical() {
        let a = SeverityFactors {
            tone: Tone::Upset,
            high_value: true,
            high_reputation: true,
            recent_complaints: 3,
            public: true,
            ..Default::default()
        }
        .assess();
        assert_eq!((a.severity, a.points), (Severity::Critical, 7));
    }

    #[test]
    fn severities_read_back_and_set_a_priority_floor() {
        for s in Severity::ALL {
            assert_eq!(Severity::parse(s.as_str()), Some(s));
        }
        assert_eq!(Severity::parse("Urgent"), None);
        assert_eq!(Severity::Critical.priority_floor(), Priority::Urgent);
        assert!(Severity::Low < Severity::High);
    }
}
