//! The desk a relay serves: its store, its translations and where it lives in Telegram.
//! Handlers receive it by reference; nothing here is global, so tests run desks side by side.

use crate::jobs::Delivery;
use crate::RelayError;
use std::sync::Arc;
use ticketgram_domain::shard::Shard;
use ticketgram_domain::sla::{SlaPolicy, SlaTargets, WorkingHours};
use ticketgram_domain::{
    AgentId, Client, FloodLimit, Language, MediaRef, MessageDirection, MessageId, TelegramCopy,
    Ticket, TicketId, Timestamp, WorkspaceId,
};
use ticketgram_i18n::{Arg, Translator};
use ticketgram_store::{
    BotRole, DeskProfile, NewMessage, NewOutboxJob, RecordedMessage, SealingKey, Store, Tx,
};
use ticketgram_telegram::TelegramClient;

/// Where the desk lives in Telegram: the bot's own id and the agents' channel and group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeskChats {
    pub bot_user_id: i64,
    pub channel_id: Option<i64>,
    pub group_id: Option<i64>,
}

/// How long an instance's hold on a bot outlives it if it dies without letting go: short, so a
/// dead instance's bot is taken over within seconds; renewed by `crate::lease::LeaseKeeper`
/// shortly before it ends, never held across a long poll.
pub const LEASE_TTL: std::time::Duration = std::time::Duration::from_secs(5);

/// How long an outbox claim lasts: short, so a dead instance's jobs go out from another within
/// seconds; extended every third of it while a call is under way, so a slow Telegram call (up
/// to the client's 17 s timeout) keeps its job.
pub const CLAIM_TTL: std::time::Duration = std::time::Duration::from_secs(5);

/// How many transactions a backlog is applied in at once on PostgreSQL, by default
/// (`DeskConfig::update_lanes`, `crate::processor`). Each waits on its own statements' round
/// trips, which is where a busy desk's time goes there (the CPU is mostly idle); four keep the
/// pool (ten connections) free for the deliveries, the console and the API.
pub const UPDATE_LANES: usize = 4;

/// Settings of one desk's relay.
#[derive(Debug, Clone)]
pub struct DeskConfig {
    pub workspace: WorkspaceId,
    pub chats: DeskChats,
    /// The desk's further agents' channels and groups (shards, linked through the settings
    /// bot): new tickets' cards are spread over `chats` and these.
    pub more_chats: Arc<[Shard]>,
    /// Comments starting with this are internal notes, never relayed ("//").
    pub note_prefix: String,
    /// The language of the agents' channel (cards, notices).
    pub agent_language: Language,
    /// How long to wait for the rest of an album before relaying it as one.
    pub album_window: std::time::Duration,
    pub hours: WorkingHours,
    pub sla: SlaTargets,
    /// How long this instance's hold on the bot outlives it if it dies without letting go:
    /// the time another instance waits before taking over. Renewed shortly before it ends.
    pub lease_ttl: std::time::Duration,
    /// How long a claimed outbox job stays ours if we die while sending it: the time another
    /// instance waits before sending it instead. Extended every third of it while the call
    /// is under way.
    pub claim_ttl: std::time::Duration,
    /// How long an idle relay sleeps before looking at the database on its own. Work committed
    /// in this process wakes it at once; this only catches what other instances left.
    pub idle_look: std::time::Duration,
    /// How long one `getUpdates` long poll waits. Below teloxide's 17 s HTTP timeout, so a
    /// quiet poll is never mistaken for a failure.
    pub poll_timeout: std::time::Duration,
    /// What the bot this relay runs is for (one bot may play every role).
    pub roles: BotRoles,
    /// The desk's bots by role, so one bot's handler can queue a message another bot sends
    /// (a new ticket from the client bot notifies its agent through the manager bot).
    pub bots: DeskBots,
    /// The web console's public base URL (`web.public_url`), for the sign-in links the
    /// manager bot sends; `None` when the console is not reachable from outside.
    pub console_url: Option<String>,
    /// How often the manager bot looks for SLA targets at risk and a weekly report due.
    pub timer_interval: std::time::Duration,
    /// A client's messages written less than this apart are one burst: the ticket's owner is
    /// notified once for it, after the client paused (an album, five quick lines).
    pub burst_pause: std::time::Duration,
    /// After a score, the client's next text within this long is taken as its comment (a
    /// reply to the prompt always is); later, or anything else, ends the comment step.
    pub rating_comment_window: std::time::Duration,
    /// How many messages a client may send before the rest of a flood is only stored, not
    /// relayed one by one (`desk.client_burst`, `desk.client_messages_per_minute`); `None`:
    /// no limit.
    pub client_flood: Option<FloodLimit>,
    /// How many transactions a backlog of updates from different chats is applied in at once
    /// on PostgreSQL (`crate::processor`); 1 applies every backlog in one. SQLite always uses
    /// one (it has one writer).
    pub update_lanes: usize,
    /// Whether sends wait for Telegram's limits before the call
    /// (`crate::delivery::dispatcher`'s pacer); off only for a test Telegram without limits.
    pub pacing: bool,
    /// Where the desk's own outgoing calls may go besides public addresses (the order lookup
    /// on its platform, `crate::order_lookup`); the operator's allow-list, as for webhooks.
    pub outbound: ticketgram_outbound::DestinationPolicy,
}

/// The roles one bot plays. A small desk runs a single bot with all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BotRoles {
    /// Talks to clients and runs the agents' channel.
    pub client: bool,
    /// Serves agents in private: their queue, transfers, blocks, templates, reports.
    pub manager: bool,
    /// Serves the owner and admins in private: the desk's configuration.
    pub settings: bool,
}

impl BotRoles {
    pub const ALL: BotRoles = BotRoles {
        client: true,
        manager: true,
        settings: true,
    };
}

/// Telegram ids of the bots playing each role (the same id three times for a one-bot desk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeskBots {
    pub client: i64,
    pub manager: i64,
    pub settings: i64,
}

impl DeskBots {
    pub fn single(bot_id: i64) -> DeskBots {
        DeskBots {
            client: bot_id,
            manager: bot_id,
            settings: bot_id,
        }
    }

    /// The bot that sends `job` when `asked` (the input's bot, or one a caller named) would:
    /// card, thread and client jobs always go through the client bot, which is in those
    /// chats, whichever surface (manager bot, settings bot, console, API) caused them.
    pub fn sender_of(&self, job: &Delivery, asked: i64) -> i64 {
        match job.sender() {
            crate::jobs::Sender::ClientBot => self.client,
            crate::jobs::Sender::ManagerBot => self.manager,
            crate::jobs::Sender::Asked => asked,
        }
    }
}

impl DeskConfig {
    /// A desk with defaults: open around the clock, default SLA targets, English agents.
    pub fn new(workspace: WorkspaceId, chats: DeskChats) -> DeskConfig {
        DeskConfig {
            workspace,
            chats,
            note_prefix: "//".into(),
            agent_language: Language::En,
            album_window: std::time::Duration::from_millis(1500),
            hours: WorkingHours::always_open(),
            sla: SlaTargets::default(),
            lease_ttl: LEASE_TTL,
            claim_ttl: CLAIM_TTL,
            idle_look: std::time::Duration::from_secs(30),
            poll_timeout: std::time::Duration::from_secs(10),
            roles: BotRoles::ALL,
            bots: DeskBots::single(chats.bot_user_id),
            console_url: None,
            timer_interval: std::time::Duration::from_secs(30),
            burst_pause: std::time::Duration::from_secs(3),
            rating_comment_window: std::time::Duration::from_secs(5 * 60),
            client_flood: Some(FloodLimit::default()),
            update_lanes: UPDATE_LANES,
            pacing: true,
            outbound: ticketgram_outbound::DestinationPolicy::public_only(),
            more_chats: Arc::new([]),
        }
    }

    /// Every agents' channel of the desk with its group, the first one (`chats`) first.
    pub fn shards(&self) -> Vec<Shard> {
        let first = self.chats.channel_id.map(|channel_id| Shard {
            channel_id,
            group_id: self.chats.group_id,
            queue: None,
        });
        first
            .into_iter()
            .chain(self.more_chats.iter().cloned())
            .collect()
    }

    /// Whether `chat` is one of the desk's agents' discussion groups.
    pub fn is_agents_group(&self, chat: i64) -> bool {
        self.chats.group_id == Some(chat)
            || self.more_chats.iter().any(|s| s.group_id == Some(chat))
    }

    /// Whether `chat` is one of the desk's agents' channels or groups.
    pub fn is_agents_chat(&self, chat: i64) -> bool {
        self.is_agents_group(chat)
            || self.chats.channel_id == Some(chat)
            || self.more_chats.iter().any(|s| s.channel_id == chat)
    }

    /// The discussion group of the desk's channel `channel`, if it is one and has its group.
    pub fn group_of_channel(&self, channel: i64) -> Option<i64> {
        self.shards()
            .into_iter()
            .find(|s| s.channel_id == channel)
            .and_then(|s| s.group_id)
    }
}

#[derive(Clone)]
pub struct Desk {
    pub store: Store,
    pub t: Arc<Translator>,
    pub config: DeskConfig,
    /// The configuration stored in the database as of [`Desk::current`] (texts such as the
    /// welcome message live only here; hours, SLA and chats are already in `config`).
    pub profile: Arc<DeskProfile>,
    /// This bot's Bot API client, for the queries a handler must answer from (the settings
    /// bot reads its rights in a chat, checks a pasted token). Sends still go through the outbox.
    /// Filled in by [`crate::Relay::start`].
    pub telegram: Option<TelegramClient>,
    /// Seals bot tokens pasted into the settings bot; `None`: tokens cannot be stored.
    pub token_key: Option<SealingKey>,
    /// Telegram's answers to the questions the current input asked, gathered before its
    /// transaction opened (see [`crate::lookups`]).
    pub lookups: Arc<crate::lookups::Lookups>,
    /// Shared by every clone: committing work here wakes the relays that do it.
    pub signals: crate::signals::Signals,
    /// The knowledge base's search indexes, shared by every clone.
    pub knowledge: crate::knowledge::KnowledgeCache,
    /// The desk's parsed self-service flow, shared by every clone.
    pub flows: crate::flows::FlowCache,
    /// The desk's machine translator, built once per version of its settings.
    pub translators: crate::translators::TranslatorCache,
    /// The desk's intent model, loaded once per training.
    pub intents: crate::intents::IntentCache,
    /// Helper bots (`BotRole::Helper`): their clients, for posting clients' texts in the
    /// agents' groups when this bot's budget there is spent. Set by the binary's supervisor.
    pub helpers: Arc<[HelperBot]>,
    /// How this instance shares the desk's bots with the others, shared by every clone.
    pub spread: crate::spread::Spread,
    /// The languages of the current backlog's texts, detected before its transaction opened
    /// (see [`crate::heard`]); empty outside the processor.
    pub heard: Arc<crate::heard::HeardLanguages>,
}

/// A helper bot: it only posts (its updates are not read), so each adds one group's worth
/// of Telegram's per-bot sending limit.
#[derive(Clone)]
pub struct HelperBot {
    pub bot_id: i64,
    pub telegram: TelegramClient,
}

impl Desk {
    pub fn new(store: Store, t: Arc<Translator>, config: DeskConfig) -> Desk {
        Desk {
            store,
            t,
            config,
            profile: Arc::default(),
            telegram: None,
            token_key: None,
            lookups: Arc::default(),
            signals: Default::default(),
            knowledge: Default::default(),
            flows: Default::default(),
            translators: Default::default(),
            intents: Default::default(),
            helpers: Arc::new([]),
            spread: Default::default(),
            heard: Arc::default(),
        }
    }

    /// The client's own ticket: `None` when it does not exist or is someone else's (a button
    /// from a forwarded message, a forged callback), so nobody acts on another's request.
    pub async fn client_ticket(
        &self,
        client: &Client,
        ticket: TicketId,
    ) -> Result<Option<Ticket>, RelayError> {
        match self.store.get_ticket(self.ws(), ticket).await {
            Ok(t) if t.client == client.id => Ok(Some(t)),
            Ok(_) | Err(ticketgram_store::StoreError::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The desk with the key that seals the bot tokens the settings bot stores.
    pub fn with_token_key(mut self, key: SealingKey) -> Desk {
        self.token_key = Some(key);
        self
    }

    /// This desk with what the team configured from Telegram or the console laid over the
    /// instance's settings. Read per batch of work, so a change made through any instance
    /// takes effect everywhere within a poll, without a restart.
    pub async fn current(&self) -> Result<Desk, RelayError> {
        let profile = self.store.desk_profile(self.ws()).await?;
        let mut desk = self.clone();
        let config = &mut desk.config;
        if let Some(hours) = &profile.hours {
            config.hours = hours.clone();
        }
        if let Some(sla) = &profile.sla {
            config.sla = *sla;
        }
        if let Some(chats) = profile.chats {
            config.chats.channel_id = Some(chats.channel_id);
            config.chats.group_id = chats.group_id;
        }
        config.more_chats = profile.more_chats.clone().into();
        if let Some(language) = profile.agent_language {
            config.agent_language = language;
        }
        // Bots stored through the settings bot take their roles over from the configured one
        // (the supervisor starts a relay for each).
        for &(role, telegram_bot_id) in &profile.bots {
            match role {
                BotRole::Client => desk.config.bots.client = telegram_bot_id,
                BotRole::Manager => desk.config.bots.manager = telegram_bot_id,
                BotRole::Settings | BotRole::All | BotRole::Helper => {}
            }
        }
        desk.profile = Arc::new(profile);
        Ok(desk)
    }

    /// The desk as its client bot sees it: what the console and the REST API act through, so
    /// a reply written there reaches the client from the bot they talk to, and the card and
    /// thread are updated by the bot that runs the agents' channel.
    pub async fn as_client_bot(&self) -> Result<Desk, RelayError> {
        let mut desk = self.current().await?;
        desk.config.chats.bot_user_id = desk.config.bots.client;
        Ok(desk)
    }

    /// This desk with no Telegram answers gathered yet, for a new input.
    pub fn with_fresh_lookups(&self) -> Desk {
        let mut desk = self.clone();
        desk.lookups = Arc::default();
        desk
    }

    /// This desk reading through `tx`, for the handlers of one input: what they read includes
    /// what the input already wrote.
    pub fn bound_to(&self, tx: &Tx) -> Desk {
        let mut desk = self.clone();
        desk.store = tx.store().clone();
        desk
    }

    /// The agent behind a Telegram user, if they are an active agent of this desk.
    pub async fn active_agent(
        &self,
        telegram_user_id: i64,
    ) -> Result<Option<ticketgram_domain::Agent>, RelayError> {
        if !self.may_be_staff(telegram_user_id) {
            return Ok(None);
        }
        let agent = self
            .store
            .find_agent_by_telegram_id(self.ws(), telegram_user_id)
            .await?;
        Ok(agent.filter(|a| a.active))
    }

    /// Whether someone may be one of the desk's agents, answered from the staff list read with
    /// the profile (an agent added by this very input is not on it yet). `false`: surely a
    /// client, and no query is needed to tell — every client message asks.
    pub fn may_be_staff(&self, telegram_user_id: i64) -> bool {
        match &self.profile.staff {
            Some(staff) => staff.contains(&telegram_user_id) || self.store.hired_in_transaction(),
            None => true,
        }
    }

    pub fn ws(&self) -> WorkspaceId {
        self.config.workspace
    }

    pub fn bot_id(&self) -> i64 {
        self.config.chats.bot_user_id
    }

    pub fn text(&self, lang: Language, key: &str, args: &[(&str, Arg)]) -> String {
        self.t.text(lang, key, args)
    }

    /// The desk's targets with its queues' own (docs/routing.md): what reports measure.
    pub fn sla_policy(&self) -> SlaPolicy<'_> {
        SlaPolicy {
            targets: &self.config.sla,
            routing: self.profile.routing.as_ref(),
        }
    }

    /// The targets `ticket` is held to: its priority's, as its queue tightens them.
    pub fn sla_targets_for(&self, ticket: &Ticket) -> SlaTargets {
        self.sla_policy().for_queue(ticket.queue.as_deref())
    }

    /// When the first reply is due, in working time; `None` when the desk sets no target.
    pub fn first_reply_due(&self, ticket: &Ticket) -> Option<Timestamp> {
        let target = self
            .sla_targets_for(ticket)
            .first_response(ticket.priority)?;
        Some(
            self.config
                .hours
                .add_business_time(ticket.created_at, target),
        )
    }

    /// "We usually answer within 4 h" for the client, in their language. Out of hours the
    /// client is told when the desk opens instead.
    pub fn first_reply_promise(&self, ticket: &Ticket, lang: Language, now: Timestamp) -> String {
        let number = ticket.number.to_string();
        if !self.config.hours.is_open(now) {
            let hours = &self.config.hours;
            let opens = hours
                .next_opening(now)
                .with_timezone(&hours.time_zone)
                .format("%Y-%m-%d %H:%M %Z")
                .to_string();
            if let Some(custom) = custom_text(&self.profile.out_of_hours, lang) {
                return custom
                    .replace("{ $opens }", &opens)
                    .replace("{$opens}", &opens)
                    .replace("{ $number }", &number)
                    .replace("{$number}", &number);
            }
            return self.text(
                lang,
                "ticket-created-out-of-hours",
                &[("number", number.into()), ("opens", opens.into())],
            );
        }
        let minutes = self
            .sla_targets_for(ticket)
            .first_response(ticket.priority)
            .map_or(240, |d| d.num_minutes().max(1));
        let eta = if minutes < 120 {
            self.text(lang, "eta-minutes", &[("minutes", minutes.into())])
        } else {
            self.text(lang, "eta-hours", &[("hours", (minutes / 60).into())])
        };
        self.text(
            lang,
            "ticket-created",
            &[("number", number.into()), ("eta", eta.into())],
        )
    }

    /// Stores a message of a ticket together with where it lives in Telegram, so edits and
    /// replies can be mapped back to it.
    pub async fn record_message(
        &self,
        fx: &Effects<'_>,
        ticket: TicketId,
        direction: MessageDirection,
        author_agent: Option<AgentId>,
        content: (Option<String>, Vec<MediaRef>),
        copy: TelegramCopy,
    ) -> Result<RecordedMessage, RelayError> {
        let (tx, now) = (fx.tx, fx.now);
        let (text, media) = content;
        let new = NewMessage {
            ticket,
            direction,
            author_agent,
            text,
            media,
            created_at: now,
        };
        Ok(tx.add_message_with_copy(self.ws(), &new, &copy).await?)
    }

    /// Agent-side texts, in the channel's language.
    pub fn agent_text(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.t.text(self.config.agent_language, key, args)
    }
}

/// A text the desk set for `lang`, else its English one; `None`: the standard text applies.
pub fn custom_text(texts: &[(Language, String)], lang: Language) -> Option<&str> {
    let find = |l: Language| texts.iter().find(|(t, _)| *t == l).map(|(_, s)| s.as_str());
    find(lang).or_else(|| find(Language::En))
}

/// What handling one input may change: its transaction (every write of the input goes
/// through `tx` and commits with the input's processed mark, or not at all) and the outbox
/// jobs it queues there. Each job carries a key derived from the input, so an input applied
/// twice queues nothing twice.
pub struct Effects<'a> {
    desk: &'a Desk,
    /// The input's transaction; `desk.store` reads through it.
    pub tx: &'a Tx,
    origin: String,
    seq: u32,
    pub now: Timestamp,
    /// Set while a public complaint opens a ticket for someone who has not opened the client
    /// bot: its messages to them wait like answers do (see `held_for_public_client`), before
    /// the ticket's public post is recorded.
    pub(crate) client_unreachable: bool,
}

impl<'a> Effects<'a> {
    pub fn new(desk: &'a Desk, tx: &'a Tx, origin: String, now: Timestamp) -> Effects<'a> {
        Effects {
            desk,
            tx,
            origin,
            seq: 0,
            now,
            client_unreachable: false,
        }
    }

    /// Queues a delivery. `about` is the ticket the job concerns (for ordering). The bot that
    /// sends it is the one in the job's chat ([`DeskBots::sender_of`]): card, thread and client
    /// jobs go through the client bot whatever bot this input came through.
    pub async fn send(&mut self, job: Delivery, about: Option<TicketId>) -> Result<(), RelayError> {
        self.seq += 1;
        let key = format!("{}:{}", self.origin, self.seq);
        self.enqueue(job, about, key, self.now).await
    }

    /// Queues a message to the client from the client bot, outside any ticket's order.
    pub async fn say_to(
        &mut self,
        client: &Client,
        text: String,
        keyboard: Option<crate::jobs::Keyboard>,
    ) -> Result<(), RelayError> {
        let job = Delivery::Say {
            chat_id: client.telegram_user_id,
            text,
            keyboard,
        };
        self.send(job, None).await
    }

    /// Like [`Effects::send`], not sent before `not_before`.
    pub async fn send_later(
        &mut self,
        job: Delivery,
        about: Option<TicketId>,
        not_before: Timestamp,
    ) -> Result<(), RelayError> {
        self.seq += 1;
        let key = format!("{}:{}", self.origin, self.seq);
        self.enqueue(job, about, key, not_before).await
    }

    /// Queues a message to a chat of another of the desk's bots (`bot_id` from
    /// [`DeskConfig::bots`]): a `Say` to a client from the client bot, caused by a manager-bot
    /// command. Jobs with a fixed sender (cards, threads, notifications) ignore `bot_id`.
    pub async fn send_via(
        &mut self,
        bot_id: i64,
        job: Delivery,
        about: Option<TicketId>,
    ) -> Result<(), RelayError> {
        self.seq += 1;
        let key = format!("{}:{}", self.origin, self.seq);
        self.enqueue_for(bot_id, job, about, key, self.now).await
    }

    /// Like [`Effects::send_via`], not sent before `not_before`.
    pub async fn send_via_later(
        &mut self,
        bot_id: i64,
        job: Delivery,
        about: Option<TicketId>,
        not_before: Timestamp,
    ) -> Result<(), RelayError> {
        self.seq += 1;
        let key = format!("{}:{}", self.origin, self.seq);
        self.enqueue_for(bot_id, job, about, key, not_before).await
    }

    /// Queues a job under an explicit dedupe key and start time (albums: the first part queues
    /// the job, the others find it already there).
    pub async fn send_keyed(
        &mut self,
        job: Delivery,
        about: Option<TicketId>,
        key: String,
        not_before: Timestamp,
    ) -> Result<(), RelayError> {
        self.enqueue(job, about, key, not_before).await
    }

    async fn enqueue(
        &self,
        job: Delivery,
        about: Option<TicketId>,
        dedupe_key: String,
        not_before: Timestamp,
    ) -> Result<(), RelayError> {
        self.enqueue_for(self.desk.bot_id(), job, about, dedupe_key, not_before)
            .await
    }

    async fn enqueue_for(
        &self,
        bot_id: i64,
        job: Delivery,
        about: Option<TicketId>,
        dedupe_key: String,
        not_before: Timestamp,
    ) -> Result<(), RelayError> {
        if let Some(ticket) = about {
            if self
                .held_for_public_client(&job, ticket, &dedupe_key)
                .await?
            {
                return Ok(());
            }
        }
        self.enqueue_now(bot_id, &job, about, dedupe_key, not_before)
            .await
    }

    /// Writes the outbox row of `job`, with no further question.
    async fn enqueue_now(
        &self,
        bot_id: i64,
        job: &Delivery,
        about: Option<TicketId>,
        dedupe_key: String,
        not_before: Timestamp,
    ) -> Result<(), RelayError> {
        let new = NewOutboxJob {
            bot_id: self.desk.config.bots.sender_of(job, bot_id),
            ordering_key: job.ordering_key(about),
            payload: serde_json::to_string(job)?,
            not_before,
            created_at: self.now,
            dedupe_key: Some(dedupe_key),
        };
        self.tx.queue(self.desk.ws(), new)?;
        Ok(())
    }

    /// Whether `job`, for the client of `ticket`, must wait: the ticket came from a public
    /// complaint whose author has not opened the client bot, and Telegram refuses a bot's
    /// first private message. Answers are held (sent when they open it,
    /// `client_bot::public`), and the agents are told why; notices to the client are dropped
    /// (they stay in the history). Only desks that ever watched a public chat ask the store.
    async fn held_for_public_client(
        &self,
        job: &Delivery,
        ticket: TicketId,
        dedupe_key: &str,
    ) -> Result<bool, RelayError> {
        let answer = matches!(
            job,
            Delivery::AgentToClient { .. }
                | Delivery::AgentAlbumToClient { .. }
                | Delivery::TranslateAnswer { .. }
        );
        let notice = matches!(
            job,
            Delivery::ClientNotice { .. } | Delivery::FollowUp { .. }
        );
        if !(answer || notice) {
            return Ok(false);
        }
        if self.client_unreachable {
            return Ok(true);
        }
        if self.desk.profile.public.is_none() {
            return Ok(false);
        }
        let Some(post) = self.tx.public_post(self.desk.ws(), ticket).await? else {
            return Ok(false);
        };
        if !post.is_waiting() {
            return Ok(false);
        }
        if answer && self.desk.config.chats.group_id.is_some() {
            let text = self
                .desk
                .agent_text("public-answer-held", &[("chat", post.chat_title.into())]);
            let notice = Delivery::ThreadNotice {
                ticket,
                text,
                keyboard: None,
            };
            let key = format!("{dedupe_key}:held");
            self.enqueue_now(self.desk.bot_id(), &notice, Some(ticket), key, self.now)
                .await?;
        }
        Ok(true)
    }

    /// A notice from Ticketgram in the ticket's thread, for the agents. Without a discussion
    /// group there is no thread: a job waiting for one would only hold the ticket's later
    /// jobs (the client's confirmation) back and die.
    pub async fn tell_agents(&mut self, ticket: TicketId, text: String) -> Result<(), RelayError> {
        if self.desk.config.chats.group_id.is_none() {
            return Ok(());
        }
        let notice = Delivery::ThreadNotice {
            ticket,
            text,
            keyboard: None,
        };
        self.send(notice, Some(ticket)).await
    }

    /// Re-renders the ticket's card in the channel.
    pub async fn refresh_card(&mut self, ticket: TicketId) -> Result<(), RelayError> {
        self.send(Delivery::RefreshCard { ticket }, Some(ticket))
            .await
    }

    /// A system message on the ticket, sent to the client (so replying to it routes back).
    pub async fn notify_client(
        &mut self,
        ticket: TicketId,
        text: String,
        keyboard: Option<crate::jobs::Keyboard>,
    ) -> Result<(), RelayError> {
        self.notify_client_message(ticket, text, keyboard).await?;
        Ok(())
    }

    /// [`Effects::notify_client`], returning the stored message (a reply to it can be told
    /// apart from other messages).
    pub async fn notify_client_message(
        &mut self,
        ticket: TicketId,
        text: String,
        keyboard: Option<crate::jobs::Keyboard>,
    ) -> Result<MessageId, RelayError> {
        let message = self.system_message(ticket, text).await?;
        self.send(Delivery::ClientNotice { message, keyboard }, Some(ticket))
            .await?;
        Ok(message)
    }

    async fn system_message(
        &mut self,
        ticket: TicketId,
        text: String,
    ) -> Result<MessageId, RelayError> {
        let recorded = self
            .tx
            .add_message(
                self.desk.ws(),
                &ticketgram_store::NewMessage {
                    ticket,
                    direction: ticketgram_domain::MessageDirection::System,
                    author_agent: None,
                    text: Some(text),
                    media: vec![],
                    created_at: self.now,
                },
            )
            .await?;
        Ok(recorded.message.id)
    }
}
