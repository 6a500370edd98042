//! Ticketgram's support domain.
//!
//! Invariant: this crate does no I/O and knows nothing of Telegram, HTTP or SQL. Adapters
//! (store, Telegram, web) depend on it; it depends on none of them. Everything here can be
//! unit-tested with plain values, which is why time is always passed in (`at`) rather than read.

pub mod agent;
pub mod audit;
pub mod client;
pub mod complaint;
pub mod conversation;
pub mod flood;
pub mod follow_up;
pub mod ids;
pub mod knowledge;
pub mod language;
pub mod message;
pub mod metrics;
pub mod proactive;
pub mod public_chats;
pub mod routing;
pub mod shard;
pub mod sla;
pub mod ticket;
pub mod topic;

pub use agent::{Agent, AgentAlias, AgentRole};
pub use audit::{Actor, AuditEntry};
pub use client::{BlockState, Client, HeardLanguage, LearnedLanguage};
pub use conversation::{ClientState, HeldFile, PendingMessage};
pub use flood::{FloodLimit, FloodState, Verdict};
pub use ids::{AgentId, ClientId, MessageId, TicketId, TicketNumber, TopicId, WorkspaceId};
pub use knowledge::{
    Article, ArticleDraft, ArticleError, ArticleId, ArticleSlug, ArticleStatus, SuggestionOutcome,
};
pub use language::{Language, LanguageSource};
pub use message::{MediaKind, MediaRef, Message, MessageDirection, TelegramCopy};
pub use metrics::{build_report, Report, ReportPeriod, TicketFacts};
pub use sla::{SlaClock, SlaState, SlaTargets, WeeklySchedule, WorkingHours};
pub use ticket::{
    Priority, Rating, RatingError, StatusChange, Tag, Ticket, TicketStatus, TransitionError,
};
pub use topic::{Topic, TopicName};

/// Every instant in the domain is UTC; time zones only matter for working hours and reports.
pub type Timestamp = chrono::DateTime<chrono::Utc>;
