//! The desk report of some local days, gathered in one place: the ticket figures, the
//! self-service figures, and the names the files show. The console's reports page and its
//! downloads, the manager bot's `/report` files and the API read it here, so they can never
//! count differently.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ticketgram_domain::complaint::{Compensation, CompensationStatus, Severity};
use ticketgram_domain::metrics::{ArticleFigures, SelfServiceReport, StepFigures};
use ticketgram_domain::{build_report, AgentId, Language, Report, ReportPeriod, TopicId};
use ticketgram_i18n::Translator;
use ticketgram_reports::ReportBook;
use ticketgram_store::StoreError;

use crate::desk::Desk;

/// Everything one report of the desk shows.
pub struct DeskReport {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub report: Report,
    pub self_service: SelfServiceReport,
    /// The follow-up answers given in the period (docs/follow-up.md).
    pub effort: ticketgram_domain::follow_up::EffortSummary,
    /// Complaints registered per category and local day (docs/complaints.md).
    pub complaints: ticketgram_domain::complaint::ComplaintTrend,
    pub agent_names: BTreeMap<AgentId, String>,
    /// In the language the report was gathered for.
    pub topic_names: BTreeMap<TopicId, String>,
    /// The workspace's name, the same in every export.
    pub desk_name: String,
}

impl DeskReport {
    /// The report laid out for files in `language`.
    pub fn book<'a>(&'a self, language: Language, translator: &'a Translator) -> ReportBook<'a> {
        ReportBook {
            report: &self.report,
            self_service: &self.self_service,
            effort: &self.effort,
            complaints: &self.complaints,
            agent_names: &self.agent_names,
            topic_names: &self.topic_names,
            desk_name: &self.desk_name,
            language,
            translator,
        }
    }
}

/// The complaint register as the console's page and the API list it: the complaints `filter`
/// selects (newest first) with their decisions, and the totals by category and by severity in
/// force, approved compensation per kind (minor units) and decisions still waiting.
#[derive(Debug, Clone, Default)]
pub struct ComplaintRegister {
    pub complaints: Vec<ticketgram_store::RegisteredComplaint>,
    pub compensations: BTreeMap<ticketgram_domain::TicketId, Vec<Compensation>>,
    pub by_category: BTreeMap<String, u64>,
    pub by_severity: BTreeMap<Severity, u64>,
    pub approved_minor: BTreeMap<&'static str, i64>,
    pub pending: u64,
}

/// Two reads, however many complaints: the register and every decision on it.
pub async fn complaint_register(
    desk: &Desk,
    filter: &ticketgram_store::ComplaintFilter,
) -> Result<ComplaintRegister, StoreError> {
    let ws = desk.ws();
    let mut register = ComplaintRegister {
        complaints: desk.store.complaints(ws, filter).await?,
        ..ComplaintRegister::default()
    };
    for registered in &register.complaints {
        let c = &registered.complaint;
        *register
            .by_category
            .entry(c.category.to_string())
            .or_default() += 1;
        *register.by_severity.entry(c.severity()).or_default() += 1;
    }
    for decision in desk.store.compensations_of_register(ws, filter).await? {
        match decision.status {
            CompensationStatus::Approved => {
                *register
                    .approved_minor
                    .entry(decision.kind.as_str())
                    .or_default() += decision.amount.minor();
            }
            CompensationStatus::Pending => register.pending += 1,
            CompensationStatus::Rejected => {}
        }
        register
            .compensations
            .entry(decision.ticket)
            .or_default()
            .push(decision);
    }
    Ok(register)
}

/// Complaints registered in `period`, per category and local day.
pub async fn complaint_trend(
    desk: &Desk,
    period: &ReportPeriod,
) -> Result<ticketgram_domain::complaint::ComplaintTrend, StoreError> {
    let filter = ticketgram_store::ComplaintFilter {
        from: Some(period.start),
        to: Some(period.end),
        limit: i64::MAX,
        ..Default::default()
    };
    let registered: Vec<_> = desk
        .store
        .complaints(desk.ws(), &filter)
        .await?
        .into_iter()
        .map(|r| (r.complaint.registered_at, r.complaint.category.to_string()))
        .collect();
    Ok(ticketgram_domain::complaint::complaint_trend(
        &registered,
        period,
        &desk.config.hours,
    ))
}

/// The report of the desk's local days `first..=last`, topic names in `language`.
pub async fn gather(
    desk: &Desk,
    first: NaiveDate,
    last: NaiveDate,
    language: Language,
) -> Result<DeskReport, StoreError> {
    let hours = &desk.config.hours;
    let period = ReportPeriod::local_days(hours, first, last);
    let ws = desk.ws();
    let facts = desk.store.report_facts(ws, &period).await?;
    let report = build_report(&facts, period, hours, desk.sla_policy());
    let created = i64::try_from(report.totals.created).unwrap_or(i64::MAX);
    let self_service = self_service(desk, &period, created).await?;
    let effort = desk
        .store
        .effort_summary(ws, period.start, period.end)
        .await?;
    let complaints = complaint_trend(desk, &period).await?;
    let agent_names = desk
        .store
        .list_agents(ws)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let topic_names = desk
        .store
        .list_topics(ws, true)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name.in_language(language).to_string()))
        .collect();
    let desk_name = desk.store.get_workspace(ws).await?.name;
    Ok(DeskReport {
        first,
        last,
        report,
        self_service,
        effort,
        complaints,
        agent_names,
        topic_names,
        desk_name,
    })
}

/// What the help centre and the flows answered in `period`, against the `tickets_created`
/// the same period saw.
pub async fn self_service(
    desk: &Desk,
    period: &ReportPeriod,
    tickets_created: i64,
) -> Result<SelfServiceReport, StoreError> {
    let ws = desk.ws();
    let deflections = desk
        .store
        .kb_deflections(ws, period.start, period.end)
        .await?;
    // Titles as stored; an article deleted since keeps its numbers under its id.
    let titles: BTreeMap<_, _> = if deflections.is_empty() {
        BTreeMap::new()
    } else {
        desk.store
            .kb_articles(ws)
            .await?
            .into_iter()
            .map(|a| (a.id, a.title))
            .collect()
    };
    let articles = deflections
        .into_iter()
        .map(|d| ArticleFigures {
            title: titles
                .get(&d.article)
                .cloned()
                .unwrap_or_else(|| format!("#{}", d.article.0)),
            helped: d.helped,
            not_helped: d.not_helped,
        })
        .collect();
    let steps = desk
        .store
        .flow_step_funnel(ws, period.start, period.end)
        .await?
        .into_iter()
        .map(|s| StepFigures {
            step: s.step,
            entered: s.entered,
            completed: s.completed,
            abandoned: s.abandoned,
            rejected: s.rejected,
            self_served: s.self_served,
        })
        .collect();
    Ok(SelfServiceReport::new(articles, steps, tickets_created))
}
