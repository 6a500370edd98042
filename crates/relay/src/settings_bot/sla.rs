//! `/sla`: target first-reaction, next-reply and resolution times per priority, in working
//! minutes.

use super::dialog::Dialog;
use super::reply::{audit, Reply};
use crate::desk::{Desk, Effects};
use crate::RelayError;
use chrono::Duration;
use ticketgram_domain::{Agent, Priority, SlaTargets};

fn minutes(d: Option<Duration>) -> String {
    d.map_or_else(|| "-".into(), |d| d.num_minutes().to_string())
}

/// The targets as the admin types them: one line per priority.
pub fn render(sla: &SlaTargets) -> String {
    Priority::ALL
        .iter()
        .rev()
        .map(|p| {
            format!(
                "{} {} {} {}",
                p.as_str(),
                minutes(sla.first_response(*p)),
                minutes(sla.next_reply(*p)),
                minutes(sla.resolution(*p))
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub async fn ask(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
) -> Result<(), RelayError> {
    let current = render(&desk.config.sla);
    super::ask(
        desk,
        fx,
        reply,
        admin,
        Dialog::Sla,
        "settings-sla-ask",
        &[("current", current.into())],
    )
    .await
}

/// "urgent 15 30 240" per line: priority, first-reaction, next-reply and resolution minutes
/// ("-" for no target). Priorities not mentioned keep their targets. The three-number form
/// admins learnt before next replies were measured ("urgent 15 240") still sets the first
/// reaction and the resolution, keeping the next reply.
pub fn parse(text: &str, mut sla: SlaTargets) -> Result<SlaTargets, String> {
    let target = |s: &str| -> Result<Option<Duration>, String> {
        if s == "-" {
            return Ok(None);
        }
        match s.parse::<i64>() {
            Ok(m) if (1..=525_600).contains(&m) => Ok(Some(Duration::minutes(m))),
            _ => Err(s.to_string()),
        }
    };
    let mut any = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let (priority, first, next, resolution) = match parts[..] {
            [priority, first, next, resolution] => (priority, first, Some(next), resolution),
            [priority, first, resolution] => (priority, first, None, resolution),
            _ => return Err(line.to_string()),
        };
        let priority: Priority = priority
            .to_lowercase()
            .parse()
            .map_err(|_| priority.to_string())?;
        let next = next.map(target).transpose()?;
        let (first, resolution) = (target(first)?, target(resolution)?);
        set_for(&mut sla.first_response, priority, first);
        if let Some(next) = next {
            set_for(&mut sla.next_reply, priority, next);
        }
        set_for(&mut sla.resolution, priority, resolution);
        any = true;
    }
    if any {
        Ok(sla)
    } else {
        Err(text.to_string())
    }
}

fn set_for<T>(by: &mut ticketgram_domain::sla::ByPriority<T>, priority: Priority, value: T) {
    let slot = match priority {
        Priority::Low => &mut by.low,
        Priority::Normal => &mut by.normal,
        Priority::High => &mut by.high,
        Priority::Urgent => &mut by.urgent,
    };
    *slot = value;
}

pub async fn set(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    text: &str,
) -> Result<(), RelayError> {
    let sla = match parse(text, desk.config.sla) {
        Ok(sla) => sla,
        Err(bad) => {
            return reply
                .say(desk, fx, "settings-sla-invalid", &[("line", bad.into())])
                .await
        }
    };
    fx.tx.set_sla_targets(desk.ws(), &sla, fx.now).await?;
    super::dialog::set(desk, fx, admin.telegram_user_id, None).await?;
    let shown = render(&sla);
    audit(
        desk,
        fx,
        admin,
        "desk.sla_set",
        "desk".into(),
        vec![("targets", shown.clone())],
    )
    .await?;
    reply
        .say(desk, fx, "settings-sla-set", &[("current", shown.into())])
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_change_only_for_the_priorities_given() {
        let sla = parse(
            "urgent 10 120\nlow - - -\nhigh 30 45 480",
            SlaTargets::default(),
        )
        .unwrap();
        assert_eq!(
            sla.first_response(Priority::Urgent),
            Some(Duration::minutes(10))
        );
        assert_eq!(sla.resolution(Priority::Low), None);
        assert_eq!(sla.next_reply(Priority::Low), None);
        assert_eq!(sla.next_reply(Priority::High), Some(Duration::minutes(45)));
        assert_eq!(
            sla.next_reply(Priority::Urgent),
            SlaTargets::default().next_reply(Priority::Urgent),
            "the three-number form keeps the next reply"
        );
        assert_eq!(
            sla.first_response(Priority::Normal),
            SlaTargets::default().first_response(Priority::Normal)
        );
        assert!(parse("urgent ten 120", SlaTargets::default()).is_err());
        assert!(parse("", SlaTargets::default()).is_err());
    }
}
