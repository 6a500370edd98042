//! What a client's message tells about their language: detected offline per message
//! (`ticketgram_understanding::detect_message`), remembered on the client, and followed by
//! the bots unless the client chose a language in the bot.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::Client;
use ticketgram_understanding::Lang;

/// The client as the rest of the input should see them: with the language this message
/// taught, written in the input's transaction.
pub(crate) async fn learn_from(
    desk: &Desk,
    fx: &mut Effects<'_>,
    client: &Client,
    text: Option<&str>,
) -> Result<Client, RelayError> {
    let Some(heard) = text.and_then(|text| desk.heard.of(text)) else {
        return Ok(client.clone());
    };
    let Some(learned) = client.learns_language(&heard) else {
        return Ok(client.clone());
    };
    fx.tx
        .learn_client_language(desk.ws(), client.id, &learned)
        .await?;
    let mut client = client.clone();
    client.written_language = Some(learned.written);
    if let Some(language) = learned.bot_language {
        client.language = language;
        client.language_source = ticketgram_domain::LanguageSource::Detected;
    }
    Ok(client)
}

/// How the card names a written language: "Russian (ru)".
pub fn language_name(code: &str) -> String {
    match Lang::from_code(code) {
        Some(lang) => format!("{} ({code})", lang.english_name()),
        None => code.to_owned(),
    }
}
