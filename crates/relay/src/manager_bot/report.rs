//! Reports from the bot: `/report day|week|month` (admins) sends the desk report for
//! yesterday, the last full week (Monday to Sunday) or the last full month, in the desk's time
//! zone, as two documents — the Excel workbook and the same numbers as CSV. The weekly
//! report to every admin (see `timers`) is built here too.

use super::Me;
use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use base64::Engine;
use chrono::{Datelike, Duration, NaiveDate};
use ticketgram_domain::{Language, Timestamp};

/// Which stretch of the desk's calendar a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Day,
    Week,
    Month,
}

impl Span {
    pub fn parse(word: &str) -> Option<Span> {
        match word.trim().to_lowercase().as_str() {
            "day" => Some(Span::Day),
            "week" => Some(Span::Week),
            "month" => Some(Span::Month),
            _ => None,
        }
    }

    /// The last complete span before `today` (a local date): yesterday, last Monday–Sunday,
    /// last calendar month.
    pub fn last_full(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Span::Day => {
                let yesterday = today - Duration::days(1);
                (yesterday, yesterday)
            }
            Span::Week => {
                let monday =
                    today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
                (monday - Duration::days(7), monday - Duration::days(1))
            }
            Span::Month => {
                let first_of_this = today.with_day(1).unwrap_or(today);
                let last = first_of_this - Duration::days(1);
                (last.with_day(1).unwrap_or(last), last)
            }
        }
    }
}

pub async fn on_demand(me: &Me<'_>, fx: &mut Effects<'_>, args: &str) -> Result<(), RelayError> {
    if !me.agent.role.can_configure() {
        return me.say(fx, "manager-admins-only", &[]).await;
    }
    let Some(span) = Span::parse(args) else {
        return me.say(fx, "manager-report-usage", &[]).await;
    };
    for job in documents(me.desk, span, fx.now, me.language(), me.chat_id).await? {
        fx.send(job, None).await?;
    }
    Ok(())
}

/// The workbook and the CSV of the last full `span` before `now`, addressed to `chat_id`.
pub async fn documents(
    desk: &Desk,
    span: Span,
    now: Timestamp,
    language: Language,
    chat_id: i64,
) -> Result<Vec<Delivery>, RelayError> {
    let hours = &desk.config.hours;
    let today = now.with_timezone(&hours.time_zone).date_naive();
    let (first, last) = span.last_full(today);
    let gathered = crate::reporting::gather(desk, first, last, language).await?;
    let book = gathered.book(language, &desk.t);
    let xlsx = ticketgram_reports::xlsx(&book).map_err(|e| {
        tracing::error!(error = %e, "the report workbook could not be written");
        RelayError::Internal("the report workbook could not be written")
    })?;
    let csv = ticketgram_reports::csv_all(&book);
    let caption = desk.text(
        language,
        "manager-report-caption",
        &[
            ("first", first.to_string().into()),
            ("last", last.to_string().into()),
            ("zone", hours.time_zone.name().to_string().into()),
        ],
    );
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(vec![
        Delivery::SendDocument {
            chat_id,
            file_name: ticketgram_reports::file_name(&book, "xlsx"),
            bytes_b64: b64.encode(xlsx),
            caption: Some(caption),
        },
        Delivery::SendDocument {
            chat_id,
            file_name: ticketgram_reports::file_name(&book, "csv"),
            bytes_b64: b64.encode(csv.as_bytes()),
            caption: None,
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::Span;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_last_full_span_ends_before_today() {
        // Wednesday 2 December 2026.
        let today = day(2026, 12, 2);
        assert_eq!(
            Span::Day.last_full(today),
            (day(2026, 12, 1), day(2026, 12, 1))
        );
        assert_eq!(
            Span::Week.last_full(today),
            (day(2026, 11, 23), day(2026, 11, 29))
        );
        assert_eq!(
            Span::Month.last_full(today),
            (day(2026, 11, 1), day(2026, 11, 30))
        );
        // On a Monday, last week is the one that ended yesterday.
        assert_eq!(
            Span::Week.last_full(day(2026, 11, 30)),
            (day(2026, 11, 23), day(2026, 11, 29))
        );
        assert_eq!(
            Span::Month.last_full(day(2026, 1, 15)),
            (day(2025, 12, 1), day(2025, 12, 31))
        );
    }
}
