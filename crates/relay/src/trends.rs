//! The spike watch (docs/trends.md): every few minutes the manager bot's clock counts the
//! requests of the last hour — all of them, per topic, per complaint category — and compares
//! each with the same hour of the week over the last four weeks (`ticketgram_foresight::spikes`:
//! median and MAD, so one wild week does not move the baseline). A series far above its usual
//! tells every admin in the manager bot: what spiked, how much, and example tickets.
//!
//! Reading and judging happen outside any transaction; the alerts are one input of their own
//! (one transaction, dedupe keys per series and clock hour), so looking every few minutes, or
//! on two instances, alerts once an hour at most for one series.

use crate::desk::Desk;
use crate::jobs::Delivery;
use crate::notices::{language_of, notify};
use crate::RelayError;
use chrono::{Duration, DurationRound};
use std::collections::BTreeMap;
use ticketgram_domain::{Language, TicketNumber, Timestamp, TopicId};
use ticketgram_foresight::series::HOURS_PER_WEEK;
use ticketgram_foresight::spikes::{category_spikes, CategoryCounts, SpikeSettings};
use ticketgram_i18n::Arg;

/// How often the clock looks: a spike is news within minutes, and each look is one grouped
/// read of four weeks.
pub const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(300);
/// Example tickets named in an alert.
const EXAMPLES: usize = 3;

/// What a series counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Series {
    All,
    Topic(TopicId),
    Complaint(String),
}

impl Series {
    fn code(&self) -> String {
        match self {
            Series::All => "all".into(),
            Series::Topic(id) => format!("topic:{}", id.0),
            Series::Complaint(category) => format!("complaint:{category}"),
        }
    }

    fn of(code: &str) -> Option<Series> {
        match code.split_once(':') {
            None if code == "all" => Some(Series::All),
            Some(("topic", id)) => id.parse().ok().map(|id| Series::Topic(TopicId(id))),
            Some(("complaint", category)) => Some(Series::Complaint(category.to_string())),
            _ => None,
        }
    }
}

/// A series whose last hour spiked.
#[derive(Debug, Clone, PartialEq)]
pub struct SpikeAlert {
    pub series: Series,
    pub latest: f64,
    pub baseline: f64,
    pub ratio: Option<f64>,
    pub examples: Vec<TicketNumber>,
}

/// The series that spiked in the hour before `now`, the largest excess first.
pub async fn spikes(desk: &Desk, now: Timestamp) -> Result<Vec<SpikeAlert>, RelayError> {
    let settings = SpikeSettings::hourly();
    let hours = HOURS_PER_WEEK * settings.weeks_back + 1;
    let from = now - Duration::hours(i64::try_from(hours).unwrap_or(i64::MAX));
    let openings = desk.store.hourly_openings(desk.ws(), from, now).await?;
    let mut counts: BTreeMap<Series, Vec<f64>> = BTreeMap::new();
    let mut add = |series: Series, hour: usize, tickets: u64| {
        let slot = counts.entry(series).or_insert_with(|| vec![0.0; hours]);
        if let Some(count) = slot.get_mut(hour) {
            *count += tickets as f64;
        }
    };
    for o in &openings {
        add(Series::All, o.hour, o.tickets);
        if let Some(topic) = o.topic {
            add(Series::Topic(topic), o.hour, o.tickets);
        }
        if let Some(category) = &o.complaint {
            add(Series::Complaint(category.clone()), o.hour, o.tickets);
        }
    }
    let series: Vec<CategoryCounts> = counts
        .into_iter()
        .map(|(series, counts)| CategoryCounts {
            category: series.code(),
            counts,
        })
        .collect();
    let spiked = category_spikes(&series, &settings)
        .map_err(|_| RelayError::Internal("the hourly spike settings"))?;
    if spiked.is_empty() {
        return Ok(vec![]);
    }
    let recent = desk
        .store
        .openings_between(desk.ws(), now - Duration::hours(1), now, 500)
        .await?;
    Ok(spiked
        .into_iter()
        .filter_map(|s| {
            let series = Series::of(&s.category)?;
            let examples = recent
                .iter()
                .filter(|o| match &series {
                    Series::All => true,
                    Series::Topic(id) => o.topic == Some(*id),
                    Series::Complaint(c) => o.complaint.as_deref() == Some(c.as_str()),
                })
                .take(EXAMPLES)
                .map(|o| o.number)
                .collect();
            Some(SpikeAlert {
                series,
                latest: s.check.latest,
                baseline: s.check.baseline,
                ratio: s.spike.ratio,
                examples,
            })
        })
        .collect())
}

async fn label(desk: &Desk, lang: Language, series: &Series) -> Result<String, RelayError> {
    Ok(match series {
        Series::All => desk.text(lang, "spike-series-all", &[]),
        Series::Topic(id) => match desk.store.get_topic(desk.ws(), *id).await {
            Ok(topic) => topic.name.in_language(lang).to_string(),
            Err(ticketgram_store::StoreError::NotFound) => id.0.to_string(),
            Err(e) => return Err(e.into()),
        },
        Series::Complaint(category) => {
            let name = ticketgram_domain::complaint::ComplaintCategory::parse(category)
                .map(|c| crate::actions::complaint::category_label(desk, lang, &c))
                .unwrap_or_else(|| category.clone());
            desk.text(lang, "spike-series-complaint", &[("category", name.into())])
        }
    })
}

/// Looks for spikes and tells the admins, once per series and clock hour. Returns the alerts.
pub async fn watch(desk: &Desk, now: Timestamp) -> Result<Vec<SpikeAlert>, RelayError> {
    let desk = &desk.current().await?;
    let alerts = spikes(desk, now).await?;
    if alerts.is_empty() {
        return Ok(alerts);
    }
    let hour = now
        .duration_trunc(Duration::hours(1))
        .unwrap_or(now)
        .format("%Y%m%d%H")
        .to_string();
    let admins: Vec<_> = desk
        .store
        .list_agents(desk.ws())
        .await?
        .into_iter()
        .filter(|a| a.active && a.role.can_configure())
        .collect();
    let tx = desk.store.begin_tx_for("spike-watch").await?;
    let bound = desk.bound_to(&tx);
    for alert in &alerts {
        for admin in &admins {
            let lang = language_of(&bound, admin);
            let examples = alert
                .examples
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let args: [(&str, Arg); 5] = [
                ("series", label(&bound, lang, &alert.series).await?.into()),
                ("latest", (alert.latest.round() as i64).into()),
                ("baseline", format!("{:.1}", alert.baseline).into()),
                (
                    "ratio",
                    alert
                        .ratio
                        .map(|r| format!("{r:.1}"))
                        .unwrap_or_default()
                        .into(),
                ),
                ("examples", examples.into()),
            ];
            let key = if alert.ratio.is_some() {
                "spike-alert"
            } else {
                "spike-alert-new"
            };
            let job = Delivery::Say {
                chat_id: admin.telegram_user_id,
                text: bound.text(lang, key, &args),
                keyboard: None,
            };
            let dedupe = format!("spike:{hour}:{}:{}", alert.series.code(), admin.id.0);
            notify::enqueue_keyed(&bound, &tx, bound.config.bots.manager, &job, dedupe, now)
                .await?;
        }
    }
    tx.commit().await?;
    desk.signals.jobs_queued.ring();
    Ok(alerts)
}
