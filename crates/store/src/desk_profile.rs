//! The desk's own configuration, set from the settings bot (or the console) and read by every
//! instance: working hours, SLA targets, where the agents work in Telegram, what the client
//! bot says on its own. Kept in the `settings` table, one typed key each, so a change to one
//! never races a change to another.

use crate::Tx;
use crate::{Store, StoreError};
use serde::{de::DeserializeOwned, Serialize};
use ticketgram_domain::sla::{SlaTargets, WorkingHours};
use ticketgram_domain::{Language, Timestamp, WorkspaceId};

/// What the desk configured. `None` and defaults mean "not set here": the instance's own
/// settings (file or environment) apply.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeskProfile {
    pub hours: Option<WorkingHours>,
    pub sla: Option<SlaTargets>,
    pub chats: Option<AgentChats>,
    /// The desk's further agents' channels (shards), beside `chats`: empty for most desks.
    pub more_chats: Vec<ticketgram_domain::shard::Shard>,
    pub agent_language: Option<Language>,
    /// Replaces the client bot's standard greeting, per language.
    pub welcome: Vec<(Language, String)>,
    /// Sent to a client who writes while the desk is closed, per language; `{ $opens }` in it
    /// is replaced with the next opening time.
    pub out_of_hours: Vec<(Language, String)>,
    /// Told once to a client the desk blocked, per language (the reason is for agents only).
    pub blocked_notice: Vec<(Language, String)>,
    /// Machine translation's settings as JSON (the relay owns their shape), and the
    /// provider's key sealed with the instance's key; `None` when the desk translates nothing.
    pub translation: Option<String>,
    pub translation_key: Option<String>,
    /// Who gets new tickets (docs/routing.md); `None`: agents press Take.
    pub routing: Option<ticketgram_domain::routing::RoutingRules>,
    /// Whether and when the desk follows up after closing (docs/follow-up.md).
    pub follow_up: Option<ticketgram_domain::follow_up::FollowUp>,
    /// The complaint register's settings (docs/complaints.md); `None`: the defaults, with
    /// nothing recognised or acknowledged on its own.
    pub complaints: Option<ticketgram_domain::complaint::ComplaintSettings>,
    /// Proactive alerts' settings (docs/proactive-alerts.md); `None`: the defaults.
    pub proactive: Option<ticketgram_domain::proactive::ProactiveSettings>,
    /// The public chats the client bot watches for complaints (docs/public-complaints.md);
    /// `None`: it never watched any.
    pub public: Option<ticketgram_domain::public_chats::PublicSettings>,
    /// The newest saved flow's revision (docs/flows.md), read with the rest so the client
    /// bot need not ask for it with every message; `None`: the built-in menu.
    pub flow_revision: Option<i64>,
    /// The Telegram ids of the desk's agents, whatever their role or state: who may be staff.
    /// Anyone else writing to the desk's bots is a client, known without a query per message.
    /// `None` until the profile is read.
    pub staff: Option<std::collections::BTreeSet<i64>>,
    /// The desk's stored bots as (role, Telegram bot id), oldest first.
    pub bots: Vec<(crate::bots::BotRole, i64)>,
}

/// The agents' channel and its discussion group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgentChats {
    pub channel_id: i64,
    pub group_id: Option<i64>,
}

/// The settings keys, one per part of the profile.
pub mod keys {
    pub const HOURS: &str = "desk.working_hours";
    pub const SLA: &str = "desk.sla_targets";
    pub const CHATS: &str = "desk.agent_chats";
    pub const MORE_CHATS: &str = "desk.more_agent_chats";
    pub const AGENT_LANGUAGE: &str = "desk.agent_language";
    pub const WELCOME: &str = "desk.welcome";
    pub const OUT_OF_HOURS: &str = "desk.out_of_hours";
    pub const BLOCKED_NOTICE: &str = "desk.blocked_notice";
    pub const TRANSLATION: &str = "desk.translation";
    pub const TRANSLATION_KEY: &str = "desk.translation_key";
    pub const ROUTING: &str = "desk.routing";
    pub const FOLLOW_UP: &str = "desk.follow_up";
    pub const COMPLAINTS: &str = "desk.complaints";
    pub const PROACTIVE: &str = "desk.proactive";
    pub const PUBLIC_CHATS: &str = "desk.public_chats";
}

impl Store {
    /// The desk's profile in one read.
    pub async fn desk_profile(&self, ws: WorkspaceId) -> Result<DeskProfile, StoreError> {
        let mut profile = DeskProfile::default();
        // What is read with every backlog rides along as rows under keys no setting has (a
        // setting's key is a dotted name): the flow's revision (empty key), each agent's
        // Telegram id ("#staff") and each bot ("#bot": id, role, Telegram id).
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT key, value FROM settings WHERE workspace_id = $1
             UNION ALL
             SELECT '', CAST(MAX(revision) AS TEXT) FROM desk_flows WHERE workspace_id = $1
             UNION ALL
             SELECT '#staff', CAST(telegram_user_id AS TEXT) FROM agents
             WHERE workspace_id = $1 AND telegram_user_id IS NOT NULL
             UNION ALL
             SELECT '#bot', CAST(id AS TEXT) || ' ' || role || ' ' || CAST(telegram_bot_id AS TEXT)
             FROM bots WHERE workspace_id = $1",
        )
        .bind(ws.0)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut bots = Vec::new();
        let mut staff = std::collections::BTreeSet::new();
        for (key, value) in rows {
            let Some(value) = value else { continue };
            match key.as_str() {
                "" => profile.flow_revision = Some(decode(&key, &value)?),
                "#staff" => {
                    staff.insert(decode(&key, &value)?);
                }
                "#bot" => bots.push(bot_row(&value)?),
                keys::HOURS => profile.hours = Some(decode(&key, &value)?),
                keys::SLA => profile.sla = Some(decode(&key, &value)?),
                keys::CHATS => profile.chats = Some(decode(&key, &value)?),
                keys::MORE_CHATS => profile.more_chats = decode(&key, &value)?,
                keys::AGENT_LANGUAGE => profile.agent_language = Some(decode(&key, &value)?),
                keys::WELCOME => profile.welcome = decode(&key, &value)?,
                keys::OUT_OF_HOURS => profile.out_of_hours = decode(&key, &value)?,
                keys::BLOCKED_NOTICE => profile.blocked_notice = decode(&key, &value)?,
                keys::TRANSLATION => profile.translation = Some(value),
                keys::TRANSLATION_KEY => profile.translation_key = Some(value),
                keys::ROUTING => profile.routing = Some(decode(&key, &value)?),
                keys::FOLLOW_UP => profile.follow_up = Some(decode(&key, &value)?),
                keys::COMPLAINTS => profile.complaints = Some(decode(&key, &value)?),
                keys::PROACTIVE => profile.proactive = Some(decode(&key, &value)?),
                keys::PUBLIC_CHATS => profile.public = Some(decode(&key, &value)?),
                _ => {}
            }
        }
        profile.staff = Some(staff);
        bots.sort_unstable_by_key(|(id, _, _)| *id);
        profile.bots = bots.into_iter().map(|(_, role, id)| (role, id)).collect();
        Ok(profile)
    }
}

/// A "#bot" row of [`Store::desk_profile`]: "id role telegram_id".
fn bot_row(value: &str) -> Result<(i64, crate::bots::BotRole, i64), StoreError> {
    let invalid = || StoreError::Invalid(format!("stored bot {value:?}"));
    let mut parts = value.split(' ');
    let mut next = || parts.next().ok_or_else(invalid);
    let id = next()?.parse().map_err(|_| invalid())?;
    let role = crate::bots::BotRole::parse(next()?).ok_or_else(invalid)?;
    let telegram = next()?.parse().map_err(|_| invalid())?;
    Ok((id, role, telegram))
}

fn decode<T: DeserializeOwned>(key: &str, value: &str) -> Result<T, StoreError> {
    serde_json::from_str(value).map_err(|e| StoreError::Invalid(format!("setting {key}: {e}")))
}

fn replace_for(all: &mut Vec<(Language, String)>, language: Language, text: Option<&str>) {
    all.retain(|(l, _)| *l != language);
    if let Some(text) = text {
        all.push((language, text.to_string()));
        all.sort_by_key(|(l, _)| l.code());
    }
}

impl Tx {
    pub async fn set_working_hours(
        &self,
        ws: WorkspaceId,
        hours: &WorkingHours,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.set_typed(ws, keys::HOURS, hours, at).await
    }

    pub async fn set_sla_targets(
        &self,
        ws: WorkspaceId,
        sla: &SlaTargets,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.set_typed(ws, keys::SLA, sla, at).await
    }

    pub async fn set_agent_chats(
        &self,
        ws: WorkspaceId,
        chats: &AgentChats,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.set_typed(ws, keys::CHATS, chats, at).await
    }

    /// The desk's further agents' channels, as a whole (the settings bot adds, routes and
    /// removes them one at a time, each in one input).
    pub async fn set_more_agent_chats(
        &self,
        ws: WorkspaceId,
        shards: &[ticketgram_domain::shard::Shard],
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.set_typed(ws, keys::MORE_CHATS, &shards, at).await
    }

    pub async fn set_agent_language(
        &self,
        ws: WorkspaceId,
        language: Language,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.set_typed(ws, keys::AGENT_LANGUAGE, &language, at)
            .await
    }

    /// The greeting in `language`; `None` restores the standard one.
    pub async fn set_welcome_text(
        &self,
        ws: WorkspaceId,
        language: Language,
        text: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut all = self.desk_profile(ws).await?.welcome;
        replace_for(&mut all, language, text);
        self.set_typed(ws, keys::WELCOME, &all, at).await
    }

    /// The out-of-hours notice in `language`; `None` restores the standard one.
    pub async fn set_out_of_hours_text(
        &self,
        ws: WorkspaceId,
        language: Language,
        text: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut all = self.desk_profile(ws).await?.out_of_hours;
        replace_for(&mut all, language, text);
        self.set_typed(ws, keys::OUT_OF_HOURS, &all, at).await
    }

    /// What a blocked client is told in `language`; `None` restores the standard notice.
    pub async fn set_blocked_notice_text(
        &self,
        ws: WorkspaceId,
        language: Language,
        text: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut all = self.desk_profile(ws).await?.blocked_notice;
        replace_for(&mut all, language, text);
        self.set_typed(ws, keys::BLOCKED_NOTICE, &all, at).await
    }

    async fn set_typed<T: Serialize>(
        &self,
        ws: WorkspaceId,
        key: &str,
        value: &T,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let json =
            serde_json::to_string(value).map_err(|e| StoreError::Invalid(format!("{key}: {e}")))?;
        self.set_setting(ws, key, &json, at).await
    }
}
