//! The complaint register (docs/complaints.md): the complaints of a period, newest first, by
//! category and severity, with what was compensated — the list a support lead reads to find
//! root causes, and the same figures the API's `GET /complaints` gives.

use crate::auth::{AgentUser, RequireRole};
use crate::error::WebError;
use crate::layout;
use crate::reports::Range;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use ticketgram_domain::complaint::{ComplaintCategory, Severity};
use ticketgram_domain::ReportPeriod;
use ticketgram_relay::actions::complaint;
use ticketgram_store::ComplaintFilter;

/// Rows shown; the totals count every complaint of the period.
const SHOWN: usize = 200;
/// The period shown when none is asked for.
const DEFAULT_DAYS: i64 = 30;

#[derive(Debug, Default, serde::Deserialize)]
pub struct RegisterQuery {
    #[serde(flatten)]
    range: Range,
    #[serde(default)]
    category: String,
    #[serde(default)]
    severity: String,
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    words: Words,
    Query(query): Query<RegisterQuery>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let hours = &desk.config.hours;
    let today = chrono::Utc::now()
        .with_timezone(&hours.time_zone)
        .date_naive();
    let (first, last) = query.range.days(today, DEFAULT_DAYS)?;
    let category = match query.category.as_str() {
        "" => None,
        slug => {
            Some(ComplaintCategory::parse(slug).ok_or(WebError::bad("web-complaints-bad-filter"))?)
        }
    };
    let severity = match query.severity.as_str() {
        "" => None,
        s => Some(Severity::parse(s).ok_or(WebError::bad("web-complaints-bad-filter"))?),
    };
    let period = ReportPeriod::local_days(hours, first, last);
    let filter = ComplaintFilter {
        from: Some(period.start),
        to: Some(period.end),
        category: category.clone(),
        severity,
        limit: i64::MAX,
    };
    let register = ticketgram_relay::reporting::complaint_register(&desk, &filter).await?;
    let settings = complaint::settings(&desk);
    let lang = words.language;
    let approved: i64 = register.approved_minor.values().sum();
    let approved = ticketgram_domain::complaint::Money::from_minor(approved)
        .map(|m| format!("{m} {}", settings.currency))
        .unwrap_or_else(|_| format!("0.00 {}", settings.currency));
    let category_name = |slug: &str| match ComplaintCategory::parse(slug) {
        Some(c) => complaint::category_label(&desk, lang, &c),
        None => slug.to_string(),
    };
    let no_decisions = Vec::new();
    let title = words.t("web-complaints");
    let body = html! {
        h1 { (title) }
        form.box #complaint-filter method="get" action="/complaints" {
            label { (words.t("web-complaints-from")) " " input type="date" name="from" value=(first); }
            label { (words.t("web-complaints-to")) " " input type="date" name="to" value=(last); }
            select name="category" aria-label=(words.t("web-complaint-category")) {
                option value="" { (words.t("web-complaints-any-category")) }
                @for c in &settings.categories {
                    option value=(c.as_str()) selected[category.as_ref() == Some(c)] { (complaint::category_label(&desk, lang, c)) }
                }
            }
            select name="severity" aria-label=(words.t("web-complaint-severity")) {
                option value="" { (words.t("web-complaints-any-severity")) }
                @for s in Severity::ALL {
                    option value=(s.as_str()) selected[severity == Some(s)] { (complaint::severity_label(&desk, lang, s)) }
                }
            }
            button { (words.t("web-complaints-show")) }
        }
        p #complaint-totals {
            (words.with("web-complaints-totals", &[
                ("count", (register.complaints.len() as i64).into()),
                ("approved", approved.into()),
                ("pending", (register.pending as i64).into()),
            ]))
        }
        div.grid {
            table #by-category {
                tr { th { (words.t("web-complaint-category")) } th { "#" } }
                @for (slug, count) in &register.by_category { tr { td { (category_name(slug)) } td { (count) } } }
            }
            table #by-severity {
                tr { th { (words.t("web-complaint-severity")) } th { "#" } }
                @for (s, count) in &register.by_severity { tr { td { (complaint::severity_label(&desk, lang, *s)) } td { (count) } } }
            }
        }
        table #complaints {
            tr {
                th { (words.t("web-complaints-ticket")) } th { (words.t("web-complaints-registered")) }
                th { (words.t("web-complaint-category")) } th { (words.t("web-complaint-severity")) }
                th { (words.t("web-complaint-root-cause")) } th { (words.t("web-compensations")) }
            }
            @for registered in register.complaints.iter().take(SHOWN) {
                @let c = &registered.complaint;
                @let compensations = register.compensations.get(&c.ticket).unwrap_or(&no_decisions);
                tr {
                    td { a href={ "/tickets/" (registered.number.0) } { (registered.number) } }
                    td { (words.when(c.registered_at)) }
                    td { (complaint::category_label(&desk, lang, &c.category)) }
                    td data-severity=(c.severity().as_str()) { (complaint::severity_label(&desk, lang, c.severity())) }
                    td { (c.root_cause.as_deref().unwrap_or("—")) }
                    td { @for comp in compensations {
                        (complaint::kind_label(&desk, lang, comp.kind)) " " (comp.amount) " · "
                        (words.t(&format!("web-compensation-{}", comp.status.as_str()))) br;
                    } }
                }
            }
        }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}
