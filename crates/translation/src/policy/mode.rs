//! Per client language: translate automatically, let the agent confirm each translated
//! answer before it is sent, or do not translate.

use serde::{Deserialize, Serialize};

use crate::policy::risk::Assessment;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Clients' messages are translated for the agents; agents' answers are translated and
    /// sent (a risky one waits for confirmation when the desk says `confirm_risky`).
    Automatic,
    /// Clients' messages are translated; each translated answer is shown to its agent, who
    /// sends or corrects it. The default: a wrong translation reaching a client costs more
    /// than a tap.
    #[default]
    Confirm,
    /// Nothing is translated for this language.
    Off,
}

/// What happens to an agent's answer to a client of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerStep {
    /// Send the translation (the original is kept in the ticket's history).
    Send,
    /// Show the agent the translation and send it once they confirm it.
    Confirm,
    /// Send the answer as written.
    Untranslated,
}

impl Mode {
    /// Whether clients' messages in this language are translated for the agents.
    pub fn translates_incoming(self) -> bool {
        self != Mode::Off
    }

    /// Whether an agent's answer is translated at all (before it is assessed).
    pub fn translates_answers(self) -> bool {
        self != Mode::Off
    }

    /// The step for an answer whose translation was assessed as `risk`.
    pub fn answer_step(self, risk: &Assessment, confirm_risky: bool) -> AnswerStep {
        match self {
            Mode::Off => AnswerStep::Untranslated,
            Mode::Confirm => AnswerStep::Confirm,
            Mode::Automatic if confirm_risky && risk.is_risky() => AnswerStep::Confirm,
            Mode::Automatic => AnswerStep::Send,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::risk::assess;

    #[test]
    fn each_mode_decides_an_answer() {
        let fine = assess(
            "Your order ships on Friday.",
            "Ваш заказ отправят в пятницу.",
        );
        let risky = assess("Refund of 120 EUR", "Возврат 12 EUR");
        assert_eq!(Mode::Automatic.answer_step(&fine, true), AnswerStep::Send);
        assert_eq!(
            Mode::Automatic.answer_step(&risky, true),
            AnswerStep::Confirm
        );
        assert_eq!(Mode::Automatic.answer_step(&risky, false), AnswerStep::Send);
        assert_eq!(Mode::Confirm.answer_step(&fine, true), AnswerStep::Confirm);
        assert_eq!(Mode::Off.answer_step(&fine, true), AnswerStep::Untranslated);
        assert!(!Mode::Off.translates_incoming());
        assert_eq!(
            serde_json::to_string(&Mode::Automatic).unwrap(),
            "\"automatic\""
        );
    }
}
