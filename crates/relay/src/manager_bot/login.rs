//! `/login` in the manager bot: a one-time link into the web console.

use crate::desk::{Desk, Effects};
use crate::jobs::Delivery;
use crate::RelayError;
use std::time::Duration;
use ticketgram_domain::{Agent, Language};

/// How long a sign-in link works. Short: it travels through a chat and the outbox.
pub const LOGIN_LINK_TTL: Duration = Duration::from_secs(10 * 60);

/// Answers `/login` from `agent` in the private chat `chat_id` with a single-use link, or
/// says the console is not reachable when no public URL is configured.
pub async fn handle_login(
    desk: &Desk,
    fx: &mut Effects<'_>,
    agent: &Agent,
    chat_id: i64,
) -> Result<(), RelayError> {
    let language = agent.languages.first().copied().unwrap_or(Language::En);
    // The link is a credential until used: the outbox keeps it sealed with the instance's
    // key. A desk without a key offers no links rather than storing one in plain text.
    let (Some(base), Some(key)) = (&desk.config.console_url, desk.token_key.as_ref()) else {
        let job = Delivery::Say {
            chat_id,
            text: desk.text(language, "login-unavailable", &[]),
            keyboard: None,
        };
        return fx.send(job, None).await;
    };
    let token = fx
        .tx
        .create_login_link(desk.ws(), agent.id, LOGIN_LINK_TTL, fx.now)
        .await?;
    let url = login_url(base, &token);
    let minutes = (LOGIN_LINK_TTL.as_secs() / 60) as i64;
    let text = desk.text(
        language,
        "login-link",
        &[("url", url.into()), ("minutes", minutes.into())],
    );
    fx.send(Delivery::say_sealed(key, chat_id, &text), None)
        .await
}

/// `https://help.example.com/` + token -> `https://help.example.com/login/<token>`.
pub fn login_url(base: &str, token: &str) -> String {
    format!("{}/login/{token}", base.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn login_urls_join_the_base_once() {
        for base in ["https://help.example.com", "https://help.example.com/"] {
            assert_eq!(
                super::login_url(base, "abc"),
                "https://help.example.com/login/abc"
            );
        }
    }
}
