//! Whether a message is translated, and between which languages. Pure: decided by the input
//! that receives the message, from the desk's settings, the agents' language and the client.

use ticketgram_domain::{Client, Language, LanguageSource};
use ticketgram_translation::{Lang, Mode, TranslationConfig};
use ticketgram_understanding as understanding;

/// A translation to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The language the text is in; `None` lets the provider tell.
    pub source: Option<Lang>,
    pub target: Lang,
    /// The mode of the client's language (what happens to an answer).
    pub mode: Mode,
}

/// The language a text is written in, when it says enough; a short text is decided among
/// the languages the bots speak (as the client's language is learned, `client_bot::language`).
pub fn written_in(text: &str) -> Option<String> {
    let bots: Vec<understanding::Lang> = Language::ALL
        .iter()
        .filter_map(|l| understanding::Lang::from_code(l.code()))
        .collect();
    understanding::detect_message(text, &bots).map(|d| d.lang.code().to_owned())
}

/// A client's message `text`: translated for the agents when it is in another language than
/// theirs and the desk translates that language. The message's own language counts first (a
/// client may switch), then the one the client is known to write in.
pub fn incoming(
    config: &TranslationConfig,
    agents: Language,
    client: &Client,
    text: &str,
) -> Option<Plan> {
    if text.trim().is_empty() {
        return None;
    }
    let code = written_in(text).or_else(|| client.written_language.clone())?;
    let source = Lang::parse(&code).ok()?;
    let target = Lang::parse(agents.code()).ok()?;
    if source.same_language(&target) {
        return None;
    }
    let mode = config.mode_for(&source);
    mode.translates_incoming().then_some(Plan {
        source: Some(source),
        target,
        mode,
    })
}

/// The language the client reads: the one they chose in the bot, else the one they write in,
/// else the one their Telegram app is set to.
pub fn client_reads(client: &Client) -> String {
    match (client.language_source, &client.written_language) {
        (LanguageSource::Chosen, _) | (_, None) => client.language.code().to_owned(),
        (_, Some(written)) => written.clone(),
    }
}

/// An agent's answer `text` to `client`: translated when the client reads another language
/// than the agent wrote in and the desk translates that language.
pub fn answer(
    config: &TranslationConfig,
    agents: Language,
    client: &Client,
    text: &str,
) -> Option<Plan> {
    if text.trim().is_empty() {
        return None;
    }
    let target = Lang::parse(&client_reads(client)).ok()?;
    // The agent's own language unless the answer says otherwise: an agent who writes the
    // client's language needs no translation.
    let code = written_in(text).unwrap_or_else(|| agents.code().to_owned());
    let source = Lang::parse(&code).ok()?;
    if source.same_language(&target) {
        return None;
    }
    let mode = config.mode_for(&target);
    mode.translates_answers().then_some(Plan {
        source: Some(source),
        target,
        mode,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticketgram_translation::ProviderConfig;

    fn desk(default_mode: Mode) -> TranslationConfig {
        let mut config = TranslationConfig::new(ProviderConfig::LibreTranslate {
            url: "https://translate.example".into(),
        });
        config.default_mode = default_mode;
        config
    }

    fn client(written: Option<&str>, language: Language, source: LanguageSource) -> Client {
        Client {
            id: ticketgram_domain::ClientId(1),
            workspace: ticketgram_domain::WorkspaceId(1),
            telegram_user_id: 1,
            first_name: "Olga".into(),
            last_name: None,
            username: None,
            language,
            language_source: source,
            written_language: written.map(str::to_owned),
            blocked: None,
            created_at: chrono::Utc::now(),
            erased_at: None,
        }
    }

    #[test]
    fn a_russian_question_is_translated_for_english_agents() {
        let olga = client(Some("ru"), Language::Ru, LanguageSource::Detected);
        let plan = incoming(
            &desk(Mode::Confirm),
            Language::En,
            &olga,
            "Здравствуйте, где мой заказ? Оплатила вчера.",
        )
        .unwrap();
        assert_eq!(plan.source.unwrap().as_str(), "ru");
        assert_eq!(plan.target.as_str(), "en");
        // An English line from her is not.
        let english = "Hello, where is my order? I paid yesterday.";
        assert_eq!(
            incoming(&desk(Mode::Confirm), Language::En, &olga, english),
            None
        );
        // Nor anything when the desk switched her language off.
        assert_eq!(
            incoming(
                &desk(Mode::Off),
                Language::En,
                &olga,
                "Где мой заказ? Оплатила вчера."
            ),
            None
        );
    }

    #[test]
    fn an_answer_goes_in_the_language_the_client_reads() {
        let config = desk(Mode::Automatic);
        let olga = client(Some("ru"), Language::En, LanguageSource::Detected);
        let plan = answer(&config, Language::En, &olga, "Your order ships on Friday.").unwrap();
        assert_eq!(plan.target.as_str(), "ru");
        assert_eq!(plan.mode, Mode::Automatic);
        // She chose English in the bot: her choice wins over what she writes.
        let chose = client(Some("ru"), Language::En, LanguageSource::Chosen);
        assert_eq!(
            answer(&config, Language::En, &chose, "Your order ships on Friday."),
            None
        );
        // An agent who answers in Russian needs no translation.
        assert_eq!(
            answer(
                &config,
                Language::En,
                &olga,
                "Ваш заказ отправят в пятницу, не волнуйтесь."
            ),
            None
        );
    }
}
