//! The desk report as files people open: an Excel workbook with one sheet (and one chart) per
//! part of the report, and the same numbers as CSV.
//!
//! The numbers come from [`ticketgram_domain::metrics::build_report`]; this crate only lays
//! them out. Both formats are rendered from one table model ([`Sheet`] by [`Sheet`]), so the
//! workbook and the CSV can never disagree. Labels (sheet names, column headers, chart titles)
//! come from `locales/<lang>/reports.ftl`.
//!
//! Conventions, in both formats: durations are working-time minutes with one decimal, shares
//! are percentages with one decimal, the average rating has two decimals, and a figure without
//! samples is an empty cell, never 0 (no ticket measured is not the same as "instant").

mod cell;
mod error;
mod export;
pub mod forecast;
mod labels;
mod period;
mod tables;
mod workbook;

use std::collections::BTreeMap;

use ticketgram_domain::metrics::SelfServiceReport;
use ticketgram_domain::{AgentId, Language, Report, TopicId};
use ticketgram_i18n::Translator;

pub use error::ReportError;
pub use tables::STEP_COLUMNS;

/// Everything needed to render one report in one language.
#[derive(Debug, Clone, Copy)]
pub struct ReportBook<'a> {
    pub report: &'a Report,
    /// What the help centre and the flows answered in the same period.
    pub self_service: &'a SelfServiceReport,
    /// The follow-up's answers in the same period (docs/follow-up.md).
    pub effort: &'a ticketgram_domain::follow_up::EffortSummary,
    /// Complaints registered per category and local day (docs/complaints.md).
    pub complaints: &'a ticketgram_domain::complaint::ComplaintTrend,
    /// Display names of agents; an agent missing here is shown as `#<id>`.
    pub agent_names: &'a BTreeMap<AgentId, String>,
    /// Display names of topics; a topic missing here is shown as `#<id>`.
    pub topic_names: &'a BTreeMap<TopicId, String>,
    pub desk_name: &'a str,
    /// The language of every label in the workbook and the CSV.
    pub language: Language,
    pub translator: &'a Translator,
}

/// The parts of a report: one worksheet each, in this order, and one CSV section each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sheet {
    /// Desk totals for the period, one metric per row.
    Summary,
    /// One row per agent (and one for tickets nobody took).
    Agents,
    /// One row per topic (and one for tickets without a topic).
    Topics,
    /// One row per local day of the period.
    Trend,
    /// One row per local day, one column per topic: tickets created.
    TopicTrend,
    /// One row per local day, one column per complaint category: complaints registered.
    Complaints,
    /// One row per suggested article: helped, not helped.
    Articles,
    /// One row per flow step: entered, completed, abandoned.
    FlowSteps,
}

impl Sheet {
    pub const ALL: [Sheet; 8] = [
        Sheet::Summary,
        Sheet::Agents,
        Sheet::Topics,
        Sheet::Trend,
        Sheet::TopicTrend,
        Sheet::Complaints,
        Sheet::Articles,
        Sheet::FlowSteps,
    ];
}

/// The workbook (`.xlsx` bytes): one worksheet per [`Sheet`], each with one chart.
pub fn xlsx(book: &ReportBook) -> Result<Vec<u8>, ReportError> {
    workbook::render(book)
}

/// One sheet as CSV (comma-separated, header row first, `\n` line ends, no byte-order mark).
pub fn csv(book: &ReportBook, sheet: Sheet) -> String {
    export::sheet(book, sheet)
}

/// Every sheet in one CSV. The first column names the section (the translated sheet name);
/// each section starts with its own header row, so rows of different sections differ in width.
pub fn csv_all(book: &ReportBook) -> String {
    export::all(book)
}

/// `ticketgram-report-<first day>-<last day>.<extension>`, days in the desk's time zone, e.g.
/// `ticketgram-report-2026-11-23-2026-11-29.xlsx`. `extension` may be given with or without
/// its dot.
pub fn file_name(book: &ReportBook, extension: &str) -> String {
    let (first, last) = period::local_days(book.report);
    format!(
        "ticketgram-report-{first}-{last}.{}",
        extension.trim_start_matches('.')
    )
}
