//! The demo's scripted conversation: the client asks, the agent answers in the ticket's
//! thread, the client receives the answer — each step logged, so the log tells the story of
//! what Ticketgram just did. Then, once, how to continue by hand with the sandbox's control
//! API, and last a sign-in link that opens the web console as the demo agent.

use std::time::Duration;

use serde_json::Value;
use ticketgram_domain::{AgentId, TicketNumber, WorkspaceId};
use ticketgram_sandbox::{ControlError, World};
use ticketgram_store::{Store, StoreError};
use tracing::{info, warn};

use super::Cast;
use crate::shutdown::Stop;

/// How long one step may take before the demo gives up and says which step stalled.
const STEP: Duration = Duration::from_secs(30);

const QUESTION: &str = "Hi! I was charged twice for order A-1042. Can you refund one payment?";
const ANSWER: &str = "Sorry about that! The duplicate payment is refunded; \
                      it shows on your card within 3-5 days.";

/// How long the demo's sign-in link works: longer than the manager bot's ten minutes, as
/// the newcomer reads the log first; it still works once only.
const SIGN_IN_LINK_TTL: Duration = Duration::from_secs(60 * 60);

/// What the script needs: the sandbox world to act in, who plays whom, the store to find
/// the ticket's thread in, and the console to sign the demo agent in to.
pub struct Script {
    pub world: World,
    pub cast: Cast,
    pub bot_id: i64,
    pub sandbox_url: url::Url,
    pub store: Store,
    pub ws: WorkspaceId,
    /// The demo agent (Alex) in the desk.
    pub agent: AgentId,
    /// The console's base URL, e.g. `http://127.0.0.1:8080`.
    pub console_url: String,
}

#[derive(Debug, thiserror::Error)]
enum ScriptError {
    #[error("{0} did not happen within {STEP:?}")]
    Timeout(&'static str),
    #[error("the sandbox refused an action")]
    World(#[from] ControlError),
    #[error("cannot read the ticket")]
    Store(#[from] StoreError),
    #[error("stopped")]
    Stopped,
}

/// Plays the conversation, then logs how to play with the demo and ends with a sign-in link
/// to the console. Never fails the instance: a stalled step is logged and the demo keeps
/// running for manual use.
pub async fn play(script: Script, stop: Stop) {
    let thread = match conversation(&script, &stop).await {
        Ok(thread) => Some(thread),
        Err(ScriptError::Stopped) => return,
        Err(error) => {
            warn!("demo: the scripted conversation stopped: {error}");
            None
        }
    };
    hints(&script, thread);
    sign_in_link(&script).await;
}

/// The last words of the start-up: a one-time link that signs the newcomer in to the web
/// console as Alex, printed (like the setup code) and logged.
async fn sign_in_link(s: &Script) {
    let made = s
        .store
        .write(async |tx| {
            tx.create_login_link(s.ws, s.agent, SIGN_IN_LINK_TTL, chrono::Utc::now())
                .await
        })
        .await;
    let token = match made {
        Ok(token) => token,
        Err(error) => {
            warn!("demo: cannot make a sign-in link for the console: {error}");
            return;
        }
    };
    let link = format!("{}/login/{token}", s.console_url.trim_end_matches('/'));
    println!("Open the web console as agent Alex (the link works once, for an hour): {link}");
    info!("demo: open the web console as agent Alex (the link works once, for an hour): {link}");
}

/// Returns the ticket number and its thread id in the discussion group.
async fn conversation(s: &Script, stop: &Stop) -> Result<(i64, i64), ScriptError> {
    let cast = &s.cast;
    let world = &s.world;
    let sent = world.user_sends_text(cast.client, cast.client_chat, "/start")?;
    info!("demo: client Dana opened the support bot with /start");
    let welcome = s
        .bot_says_after(id_of(&sent), "the welcome", stop, |_| true)
        .await?;
    info!("demo: the bot greeted Dana: {}", one_line(&welcome));

    // "/new" always starts a new request, even when a previous demo run left one open.
    let sent = world.user_sends_text(cast.client, cast.client_chat, "/new")?;
    let prompt = s
        .bot_says_after(id_of(&sent), "the new-request prompt", stop, |_| true)
        .await?;
    if let Some(data) = first_button(&prompt) {
        // The desk has topics (`ticketgram topic add`): pick the first.
        world.user_presses_button(cast.client, cast.client_chat, id_of(&prompt), &data)?;
        s.bot_says_after(id_of(&prompt), "the question prompt", stop, |_| true)
            .await?;
    }

    let sent = world.user_sends_text(cast.client, cast.client_chat, QUESTION)?;
    info!("demo: client Dana asked: {QUESTION}");
    let created = s
        .bot_says_after(id_of(&sent), "the ticket confirmation", stop, |m| {
            ticket_number(&text_of(m)).is_some()
        })
        .await?;
    let number =
        ticket_number(&text_of(&created)).ok_or(ScriptError::Timeout("a ticket number"))?;
    info!("demo: the bot told Dana: {}", one_line(&created));

    let thread = s.thread_of(number, stop).await?;
    info!(
        "demo: ticket #{number} has its card in the agents' channel; \
         its comment thread is message {thread} of the discussion group"
    );
    world.user_comments(cast.agent, cast.group, thread, ANSWER)?;
    info!("demo: agent Alex answered in the thread of #{number}: {ANSWER}");

    let reply = s
        .bot_says_after(id_of(&created), "the answer reaching Dana", stop, |m| {
            text_of(m).contains("refunded")
        })
        .await?;
    info!("demo: Dana received: {}", one_line(&reply));
    Ok((number, thread))
}

impl Script {
    /// Waits for a message from the bot in the client's chat, newer than `after`, that
    /// satisfies `wanted`.
    async fn bot_says_after(
        &self,
        after: i64,
        step: &'static str,
        stop: &Stop,
        wanted: impl Fn(&Value) -> bool,
    ) -> Result<Value, ScriptError> {
        let bot = self.bot_id;
        let matches = |m: &Value| {
            m.pointer("/from/id").and_then(Value::as_i64) == Some(bot)
                && id_of(m) > after
                && wanted(m)
        };
        let waited = tokio::select! {
            waited = self.world.wait_for(self.cast.client_chat, STEP, |all| all.iter().any(matches)) => waited,
            _ = stop.wait() => return Err(ScriptError::Stopped),
        };
        waited
            .ok()
            .and_then(|all| all.into_iter().find(|m| matches(m)))
            .ok_or(ScriptError::Timeout(step))
    }

    /// The ticket's thread in the discussion group, once the relay has posted its card and
    /// seen the card's automatic forward into the group.
    async fn thread_of(&self, number: i64, stop: &Stop) -> Result<i64, ScriptError> {
        let deadline = tokio::time::Instant::now() + STEP;
        while tokio::time::Instant::now() < deadline {
            let ticket = self
                .store
                .find_ticket_by_number(self.ws, TicketNumber(number))
                .await?;
            if let Some(ticket) = ticket {
                let post = self.store.find_ticket_post(self.ws, ticket.id).await?;
                if let Some(thread) = post.and_then(|p| p.thread_message_id) {
                    return Ok(thread);
                }
            }
            if !stop.sleep(Duration::from_millis(100)).await {
                return Err(ScriptError::Stopped);
            }
        }
        Err(ScriptError::Timeout(
            "the ticket's thread in the discussion group",
        ))
    }
}

/// Ready-to-paste commands for continuing by hand (see crates/sandbox/README.md).
fn hints(s: &Script, thread: Option<(i64, i64)>) {
    let base = s.sandbox_url.as_str().trim_end_matches('/');
    let (bot, client) = (s.bot_id, s.cast.client);
    let group = s.cast.group.telegram_id();
    let json = "-H 'content-type: application/json'";
    info!(
        "demo: try it yourself: the Telegram sandbox runs at {base} \
         (control API under {base}/control, documented in crates/sandbox/README.md)"
    );
    info!(
        "demo: write to the bot as Dana: curl -s {base}/control/messages {json} \
         -d '{{\"user\":{client},\"chat\":{{\"bot\":{bot},\"user\":{client}}},\"text\":\"Thanks! One more question...\"}}'"
    );
    info!(
        "demo: read what Dana received: curl -s '{base}/control/messages?bot={bot}&user={client}'"
    );
    info!(
        "demo: read the agents' discussion group: curl -s '{base}/control/messages?chat={group}'"
    );
    if let Some((number, thread)) = thread {
        let agent = s.cast.agent;
        info!(
            "demo: answer as agent Alex in the thread of #{number}: curl -s {base}/control/messages {json} \
             -d '{{\"user\":{agent},\"chat\":{group},\"thread_id\":{thread},\"text\":\"Anything else?\"}}'"
        );
    }
}

fn id_of(message: &Value) -> i64 {
    message
        .get("message_id")
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

fn text_of(message: &Value) -> String {
    message
        .get("text")
        .or_else(|| message.get("caption"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}

/// The message's text on one log line.
fn one_line(message: &Value) -> String {
    text_of(message)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first inline button's callback data, if the message has buttons.
fn first_button(message: &Value) -> Option<String> {
    message
        .pointer("/reply_markup/inline_keyboard/0/0/callback_data")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The number in "Request #1000 created ...".
fn ticket_number(text: &str) -> Option<i64> {
    let (_, rest) = text.split_once('#')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::ticket_number;

    #[test]
    fn ticket_number_from_the_confirmation() {
        assert_eq!(
            ticket_number("Request #1000 created. We answer"),
            Some(1000)
        );
        assert_eq!(ticket_number("no number here"), None);
        assert_eq!(ticket_number("# 12"), None);
    }
}
