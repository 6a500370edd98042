//! `/duty`, `/away`, `/off`: whether routing gives this agent new tickets (docs/routing.md).
//! Stepping away or off hands their unanswered tickets back to the queue.

use super::Me;
use crate::desk::Effects;
use crate::RelayError;
use ticketgram_domain::routing::Presence;
use ticketgram_domain::Actor;

/// `/myhours mon-fri 09:00-17:00`: the agent's own working hours (outside them routing gives
/// them nothing new, no `/off` needed); `/myhours desk`: the desk's again; `/myhours`: what holds.
pub async fn hours(me: &Me<'_>, fx: &mut Effects<'_>, args: &str) -> Result<(), RelayError> {
    let args = args.trim();
    if args.is_empty() {
        return match me.agent.schedule.as_deref() {
            Some(own) => {
                me.say(
                    fx,
                    "manager-hours-own",
                    &[("hours", own.to_string().into())],
                )
                .await
            }
            None => me.say(fx, "manager-hours-desk", &[]).await,
        };
    }
    let schedule = (args != "desk").then_some(args);
    let actor = Actor::Agent(me.agent.id);
    match crate::actions::route::set_hours(me.desk, fx, me.agent, schedule, actor).await? {
        Ok(()) => match schedule {
            Some(_) => me.say(fx, "manager-hours-set", &[]).await,
            None => me.say(fx, "manager-hours-desk", &[]).await,
        },
        Err(problem) => {
            me.say(fx, "manager-hours-bad", &[("problem", problem.into())])
                .await
        }
    }
}

pub async fn set(me: &Me<'_>, fx: &mut Effects<'_>, presence: Presence) -> Result<(), RelayError> {
    let before = me
        .desk
        .store
        .unanswered_of(me.desk.ws(), me.agent.id)
        .await?;
    let actor = Actor::Agent(me.agent.id);
    let changed =
        crate::actions::route::set_presence(me.desk, fx, me.agent, presence, actor).await?;
    let text = if !changed {
        me.text("manager-presence-same", &[])
    } else {
        let requeued = match presence {
            Presence::OnDuty => 0,
            _ => i64::try_from(before.len()).unwrap_or(i64::MAX),
        };
        let key = format!("manager-presence-{}", presence.as_str());
        me.text(&key, &[("requeued", requeued.into())])
    };
    super::say(fx, me.chat_id, text, None).await
}
