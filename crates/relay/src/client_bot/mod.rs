//! The client bot: what a marketplace user sees in their private chat with the desk.

mod blocked;
mod buttons;
mod dispute;
mod flood;
mod intent;
mod language;
mod menu;
mod messages;
mod mood;
mod opening;
mod public;
mod rating;
mod routing;
mod self_service;
mod suggestions;
mod urgency;

pub use buttons::{handle_button, handle_flow_button};
pub use language::language_name;
pub use messages::{handle_edit, handle_message};
pub use mood::ANGRY as ANGRY_TAG;
pub use public::public_message;

use crate::desk::Desk;
use crate::RelayError;
use teloxide_core::types::User;
use ticketgram_domain::{Client, Language};
use ticketgram_store::NewClient;

/// Finds or records the client behind a Telegram user, refreshing name and username (people
/// rename themselves; agents should see the current name, so the cards of their open tickets
/// are redrawn then, and only then).
pub(crate) async fn client_of(
    desk: &Desk,
    fx: &mut crate::desk::Effects<'_>,
    user: &User,
) -> Result<Client, RelayError> {
    Ok(seen_client(desk, fx, user).await?.client)
}

/// [`client_of`], with where the client stood when read
/// ([`ticketgram_store::Store::client_place_since`]).
pub(crate) async fn seen_client(
    desk: &Desk,
    fx: &mut crate::desk::Effects<'_>,
    user: &User,
) -> Result<ticketgram_store::SeenClient, RelayError> {
    // The store keeps the language of a known client (their own choice in the bot); the
    // Telegram locale only seeds it on first contact.
    let language = Language::from_telegram_code(user.language_code.as_deref());
    let seen = fx
        .tx
        .client_seen(
            desk.ws(),
            &NewClient {
                telegram_user_id: user.id.0 as i64,
                first_name: user.first_name.clone(),
                last_name: user.last_name.clone(),
                username: user.username.clone(),
                language,
                attributes: serde_json::json!({}),
                seen_at: fx.now,
            },
        )
        .await?;
    if seen.profile_changed {
        for ticket in desk
            .store
            .active_tickets_of_client(desk.ws(), seen.client.id)
            .await?
        {
            fx.refresh_card(ticket.id).await?;
        }
    }
    Ok(seen)
}
