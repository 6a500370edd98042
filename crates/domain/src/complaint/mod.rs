//! The complaint register (docs/complaints.md): a ticket may be a complaint, with a category
//! from the desk's own list, a severity the desk computes from what it knows (and an agent may
//! change with a reason), a root cause and a resolution, and compensation decisions within
//! each role's approval limit.

mod category;
mod compensation;
mod settings;
mod severity;
mod trend;

pub use category::ComplaintCategory;
pub use compensation::{
    Approval, Compensation, CompensationKind, CompensationStatus, Money, MoneyError,
};
pub use settings::{ApprovalLimits, ComplaintSettings, SettingsError};
pub use severity::{Assessment, Severity, SeverityFactors, Tone};
pub use trend::{complaint_trend, ComplaintDay, ComplaintTrend};

use crate::{TicketId, Timestamp};
use serde::{Deserialize, Serialize};

/// A ticket registered as a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    pub ticket: TicketId,
    pub category: ComplaintCategory,
    /// The severity the desk computed when the complaint was registered.
    pub assessed: Assessment,
    /// The severity an agent set instead, with their reason; `None` keeps the assessed one.
    pub adjusted: Option<(Severity, String)>,
    /// Whether it came from a public place (a group or a channel's comments).
    pub public: bool,
    pub root_cause: Option<String>,
    pub resolution: Option<String>,
    /// When the client was told the complaint is registered, and what time was promised.
    pub acknowledged_at: Option<Timestamp>,
    pub promised_by: Option<Timestamp>,
    pub registered_at: Timestamp,
}

impl Complaint {
    /// The severity in force: the agent's if they changed it, else the computed one.
    pub fn severity(&self) -> Severity {
        self.adjusted
            .as_ref()
            .map_or(self.assessed.severity, |(severity, _)| *severity)
    }
}

/// Longest root cause, resolution or reason kept (characters): a paragraph, not a report.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// A free-text field of the register, trimmed; `None` when empty or too long.
pub fn note(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= MAX_NOTE_CHARS).then(|| text.to_string())
}
