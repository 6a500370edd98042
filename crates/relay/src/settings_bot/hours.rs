//! `/hours` and `/holidays`: the desk's time zone, weekly schedule and closed days. The
//! schedule grammar is the domain's ("mon-fri 09:00-18:00; sat 10:00-14:00").

use super::dialog::Dialog;
use super::reply::{audit, Reply};
use crate::desk::{Desk, Effects};
use crate::RelayError;
use chrono::NaiveDate;
use chrono_tz::Tz;
use ticketgram_domain::{Agent, WeeklySchedule, WorkingHours};

fn current(desk: &Desk) -> WorkingHours {
    desk.profile
        .hours
        .clone()
        .unwrap_or_else(|| desk.config.hours.clone())
}

pub async fn ask_hours(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
) -> Result<(), RelayError> {
    let hours = current(desk);
    let args = [
        ("zone", hours.time_zone.name().to_string().into()),
        ("schedule", hours.week.to_string().into()),
    ];
    super::ask(
        desk,
        fx,
        reply,
        admin,
        Dialog::Hours,
        "settings-hours-ask",
        &args,
    )
    .await
}

/// "Europe/Berlin mon-fri 09:00-18:00": an optional time zone, then the schedule.
pub fn parse_hours(text: &str, zone: Tz) -> Result<(Tz, WeeklySchedule), String> {
    let (first, rest) = text
        .trim()
        .split_once(char::is_whitespace)
        .unwrap_or((text.trim(), ""));
    let (zone, schedule) = match first.parse::<Tz>() {
        Ok(tz) => (tz, rest.trim()),
        Err(_) => (zone, text.trim()),
    };
    let week = schedule
        .parse::<WeeklySchedule>()
        .map_err(|e| e.to_string())?;
    Ok((zone, week))
}

pub async fn set_hours(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    text: &str,
) -> Result<(), RelayError> {
    let old = current(desk);
    let (zone, week) = match parse_hours(text, old.time_zone) {
        Ok(parsed) => parsed,
        Err(error) => {
            return reply
                .say(
                    desk,
                    fx,
                    "settings-hours-invalid",
                    &[("error", error.into())],
                )
                .await
        }
    };
    let hours = WorkingHours::new(zone, week).with_holidays(old.holidays.iter().copied());
    fx.tx.set_working_hours(desk.ws(), &hours, fx.now).await?;
    super::dialog::set(desk, fx, admin.telegram_user_id, None).await?;
    let shown = hours.week.to_string();
    let details = vec![
        ("zone", zone.name().to_string()),
        ("schedule", shown.clone()),
    ];
    audit(desk, fx, admin, "desk.hours_set", "desk".into(), details).await?;
    let args = [
        ("zone", zone.name().to_string().into()),
        ("schedule", shown.into()),
    ];
    reply.say(desk, fx, "settings-hours-set", &args).await
}

pub async fn ask_holidays(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
) -> Result<(), RelayError> {
    let list = holiday_list(&current(desk));
    super::ask(
        desk,
        fx,
        reply,
        admin,
        Dialog::Holidays,
        "settings-holidays-ask",
        &[("dates", list.into())],
    )
    .await
}

fn holiday_list(hours: &WorkingHours) -> String {
    if hours.holidays.is_empty() {
        return "—".into();
    }
    hours
        .holidays
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "2026-12-25, 2027-01-01"; "-" clears the list.
pub fn parse_holidays(text: &str) -> Result<Vec<NaiveDate>, String> {
    if text.trim() == "-" {
        return Ok(vec![]);
    }
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| s.to_string()))
        .collect()
}

pub async fn set_holidays(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    text: &str,
) -> Result<(), RelayError> {
    let dates = match parse_holidays(text) {
        Ok(dates) => dates,
        Err(bad) => {
            return reply
                .say(
                    desk,
                    fx,
                    "settings-holidays-invalid",
                    &[("date", bad.into())],
                )
                .await
        }
    };
    let mut hours = current(desk);
    hours.holidays = dates.into_iter().collect();
    fx.tx.set_working_hours(desk.ws(), &hours, fx.now).await?;
    super::dialog::set(desk, fx, admin.telegram_user_id, None).await?;
    let list = holiday_list(&hours);
    audit(
        desk,
        fx,
        admin,
        "desk.holidays_set",
        "desk".into(),
        vec![("dates", list.clone())],
    )
    .await?;
    reply
        .say(desk, fx, "settings-holidays-set", &[("dates", list.into())])
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_zone_may_lead_the_schedule() {
        let (zone, week) = parse_hours("Europe/Berlin mon-fri 09:00-18:00", Tz::UTC).unwrap();
        assert_eq!(zone, Tz::Europe__Berlin);
        assert_eq!(week, "mon-fri 09:00-18:00".parse().unwrap());
        let (zone, _) = parse_hours("mon-fri 09:00-18:00", Tz::Asia__Tokyo).unwrap();
        assert_eq!(zone, Tz::Asia__Tokyo);
        assert!(parse_hours("Europe/Berlin someday", Tz::UTC).is_err());
    }

    #[test]
    fn holidays_are_iso_dates() {
        assert_eq!(parse_holidays("2026-12-25, 2027-01-01").unwrap().len(), 2);
        assert_eq!(parse_holidays("-").unwrap(), vec![]);
        assert_eq!(parse_holidays("25.12.2026"), Err("25.12.2026".into()));
    }
}
