//! Inline-button payloads. Telegram allows 64 bytes of `callback_data`, so actions are short
//! codes ("t:42" = take ticket 42) rather than JSON. Decoding never panics: a stale or forged
//! button is just `None` and the bot answers that it cannot do that.

use ticketgram_domain::{AgentId, ArticleId, MessageId, TicketId, TopicId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackAction {
    // Client bot
    NewRequest,
    MyRequests,
    Help,
    ChooseLanguage,
    SetLanguage(ticketgram_domain::Language),
    ChooseTopic(Option<TopicId>),
    SwitchTo(TicketId),
    CloseByClient(TicketId),
    ReopenByClient(TicketId),
    Rate(TicketId, u8),
    SkipComment(TicketId),
    /// The client answers "which request is this message for?".
    RouteTo(TicketId),
    /// Show a suggested knowledge-base article in the chat.
    ReadArticle(ArticleId),
    /// "Yes, the suggested articles answered my question."
    ArticlesHelped,
    /// "No, I need a person": open the request that was held.
    ArticlesDidNotHelp,
    // Agents' channel
    Take(TicketId),
    CloseByAgent(TicketId),
    ReopenByAgent(TicketId),
    Transfer(TicketId),
    TransferTo(TicketId, AgentId),
    /// The client's Customer Effort Score for a closed ticket, 1–7 (docs/follow-up.md).
    Effort(TicketId, u8),
    /// The client says whether the closed ticket's issue is really solved.
    Solved(TicketId, bool),
    /// An agent sends the translation of their answer (`docs/translation.md`).
    SendTranslation(MessageId),
    /// An agent sends their answer as written, without the translation.
    SendAsWritten(MessageId),
    /// The client wants no more proactive alerts (docs/proactive-alerts.md).
    AlertsOff,
    /// The client wants proactive alerts again.
    AlertsOn,
}

impl CallbackAction {
    pub fn encode(self) -> String {
        use CallbackAction::*;
        match self {
            NewRequest => "new".into(),
            MyRequests => "my".into(),
            Help => "help".into(),
            ChooseLanguage => "lang".into(),
            SetLanguage(l) => format!("lang:{}", l.code()),
            ChooseTopic(Some(t)) => format!("topic:{}", t.0),
            ChooseTopic(None) => "topic:-".into(),
            SwitchTo(t) => format!("sw:{}", t.0),
            CloseByClient(t) => format!("cc:{}", t.0),
            ReopenByClient(t) => format!("cr:{}", t.0),
            Rate(t, stars) => format!("rate:{}:{stars}", t.0),
            SkipComment(t) => format!("skip:{}", t.0),
            RouteTo(t) => format!("route:{}", t.0),
            ReadArticle(a) => format!("kb:{}", a.0),
            ArticlesHelped => "kb:y".into(),
            ArticlesDidNotHelp => "kb:n".into(),
            Take(t) => format!("t:{}", t.0),
            CloseByAgent(t) => format!("ac:{}", t.0),
            ReopenByAgent(t) => format!("ar:{}", t.0),
            Transfer(t) => format!("tr:{}", t.0),
            TransferTo(t, a) => format!("tr:{}:{}", t.0, a.0),
            Effort(t, score) => format!("ef:{}:{score}", t.0),
            Solved(t, yes) => format!("sv:{}:{}", t.0, if yes { "y" } else { "n" }),
            SendTranslation(m) => format!("mt:{}", m.0),
            SendAsWritten(m) => format!("mo:{}", m.0),
            AlertsOff => "al:off".into(),
            AlertsOn => "al:on".into(),
        }
    }

    pub fn decode(data: &str) -> Option<CallbackAction> {
        use CallbackAction::*;
        let mut parts = data.split(':');
        let head = parts.next()?;
        let first = parts.next();
        let second = parts.next();
        if parts.next().is_some() {
            return None;
        }
        let ticket = |s: Option<&str>| s?.parse().ok().map(TicketId);
        Some(match (head, first, second) {
            ("new", None, None) => NewRequest,
            ("my", None, None) => MyRequests,
            ("help", None, None) => Help,
            ("lang", None, None) => ChooseLanguage,
            ("lang", Some(code), None) => {
                SetLanguage(ticketgram_domain::Language::from_code(code)?)
            }
            ("topic", Some("-"), None) => ChooseTopic(None),
            ("topic", Some(t), None) => ChooseTopic(Some(TopicId(t.parse().ok()?))),
            ("sw", t, None) => SwitchTo(ticket(t)?),
            ("cc", t, None) => CloseByClient(ticket(t)?),
            ("cr", t, None) => ReopenByClient(ticket(t)?),
            ("rate", t, Some(stars)) => {
                let stars: u8 = stars.parse().ok()?;
                if !(1..=5).contains(&stars) {
                    return None;
                }
                Rate(ticket(t)?, stars)
            }
            ("skip", t, None) => SkipComment(ticket(t)?),
            ("route", t, None) => RouteTo(ticket(t)?),
            ("kb", Some("y"), None) => ArticlesHelped,
            ("kb", Some("n"), None) => ArticlesDidNotHelp,
            ("kb", Some(a), None) => ReadArticle(ArticleId(a.parse().ok()?)),
            ("t", t, None) => Take(ticket(t)?),
            ("ac", t, None) => CloseByAgent(ticket(t)?),
            ("ar", t, None) => ReopenByAgent(ticket(t)?),
            ("tr", t, None) => Transfer(ticket(t)?),
            ("tr", t, Some(a)) => TransferTo(ticket(t)?, AgentId(a.parse().ok()?)),
            ("ef", t, Some(score)) => {
                let score: u8 = score.parse().ok()?;
                if !(1..=7).contains(&score) {
                    return None;
                }
                Effort(ticket(t)?, score)
            }
            ("sv", t, Some("y")) => Solved(ticket(t)?, true),
            ("sv", t, Some("n")) => Solved(ticket(t)?, false),
            ("mt", Some(m), None) => SendTranslation(MessageId(m.parse().ok()?)),
            ("mo", Some(m), None) => SendAsWritten(MessageId(m.parse().ok()?)),
            ("al", Some("off"), None) => AlertsOff,
            ("al", Some("on"), None) => AlertsOn,
            _ => return None,
        })
    }

    /// Buttons pressed in the agents' channel, as opposed to the client's private chat.
    pub fn is_agent_action(self) -> bool {
        use CallbackAction::*;
        matches!(
            self,
            Take(_)
                | CloseByAgent(_)
                | ReopenByAgent(_)
                | Transfer(_)
                | TransferTo(..)
                | SendTranslation(_)
                | SendAsWritten(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticketgram_domain::Language;
    use CallbackAction::*;

    #[test]
    fn every_action_survives_the_64_byte_round_trip() {
        let big = TicketId(i64::MAX);
        let actions = [
            NewRequest,
            MyRequests,
            Help,
            ChooseLanguage,
            SetLanguage(Language::Zh),
            ChooseTopic(Some(TopicId(3))),
            ChooseTopic(None),
            SwitchTo(big),
            CloseByClient(big),
            ReopenByClient(big),
            Rate(big, 5),
            SkipComment(big),
            RouteTo(big),
            ReadArticle(ArticleId(i64::MAX)),
            ArticlesHelped,
            ArticlesDidNotHelp,
            Take(big),
            CloseByAgent(big),
            ReopenByAgent(big),
            Transfer(big),
            TransferTo(big, AgentId(i64::MAX)),
            SendTranslation(MessageId(i64::MAX)),
            SendAsWritten(MessageId(i64::MAX)),
            AlertsOff,
            AlertsOn,
            Effort(big, 7),
            Solved(big, false),
        ];
        for action in actions {
            let data = action.encode();
            assert!(data.len() <= 64, "{data} is too long for Telegram");
            assert_eq!(CallbackAction::decode(&data), Some(action));
        }
    }

    #[test]
    fn forged_or_stale_buttons_decode_to_nothing() {
        for junk in [
            "",
            "t",
            "t:x",
            "rate:1:9",
            "rate:1:0",
            "lang:xx",
            "t:1:2:3",
            "drop table",
        ] {
            assert_eq!(CallbackAction::decode(junk), None, "{junk}");
        }
    }
}
