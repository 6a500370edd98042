//! Where a client is in the flow and what they have answered: the value the bot stores per
//! client between messages (serde, so any store can keep it as JSON).

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use ticketgram_domain::MediaKind;

/// One client's progress through a flow.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FlowState {
    /// The step the client is at; `None` when not in the flow (never started, finished, or
    /// handed to a human).
    #[serde(default)]
    pub at: Option<At>,
    /// Everything answered so far, in the order first asked.
    #[serde(default)]
    pub fields: Fields,
    /// The steps the client waited at before this one, for Back (most recent last).
    #[serde(default)]
    pub trail: Vec<String>,
    /// The client's last text message, for a knowledge search without a `query` field.
    #[serde(default)]
    pub last_text: Option<String>,
}

impl FlowState {
    /// Whether the client is in the flow. When not, the bot handles their messages as usual
    /// (e.g. relays them to their ticket) and gives the flow only /start.
    pub fn is_active(&self) -> bool {
        self.at.is_some()
    }

    pub fn step(&self) -> Option<&str> {
        self.at.as_ref().map(|at| at.step.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct At {
    pub step: String,
    pub wait: Wait,
}

/// What the step the client is at waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "for", rename_all = "snake_case")]
pub enum Wait {
    /// An answer or a button.
    Client,
    /// More files or Done; `received` counts this visit's files.
    Media { received: u32 },
    /// A result the bot was asked for (a lookup, a knowledge search). Any message from the
    /// client meanwhile asks the bot again (it may have crashed before answering).
    Platform,
    /// Yes or No to "did this answer your question?".
    Confirmation,
}

/// The collected answers, in the order first asked; answering again replaces in place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fields(Vec<Field>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub value: FieldValue,
}

impl Fields {
    pub fn get(&self, name: &str) -> Option<&FieldValue> {
        self.0.iter().find(|f| f.name == name).map(|f| &f.value)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut FieldValue> {
        self.0
            .iter_mut()
            .find(|f| f.name == name)
            .map(|f| &mut f.value)
    }

    pub fn set(&mut self, name: &str, value: FieldValue) {
        match self.get_mut(name) {
            Some(slot) => *slot = value,
            None => self.0.push(Field {
                name: name.to_string(),
                value,
            }),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Field> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// A typed answer, attached to the ticket as a field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldValue {
    Text {
        text: String,
    },
    Number {
        number: f64,
    },
    /// `value` is stable (reports group by it); `label` is what the client saw.
    Choice {
        value: String,
        label: String,
    },
    Media {
        files: Vec<MediaRef>,
    },
    Order {
        number: String,
        /// What the platform said, when the flow looked the order up.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        check: Option<OrderCheck>,
        /// The platform's summary of a found order.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        details: Option<String>,
    },
}

/// The platform's answer about an order number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderCheck {
    Found,
    NotFound,
    /// The platform did not answer (or the desk has no lookup configured).
    Failed,
}

impl FieldValue {
    pub fn order(number: &str) -> FieldValue {
        FieldValue::Order {
            number: number.to_string(),
            check: None,
            details: None,
        }
    }

    /// The value as one line of text (for placeholders and for agents' plain views).
    pub fn display(&self) -> Cow<'_, str> {
        match self {
            FieldValue::Text { text } => Cow::Borrowed(text),
            FieldValue::Number { number } => Cow::Owned(format_number(*number)),
            FieldValue::Choice { label, .. } => Cow::Borrowed(label),
            FieldValue::Media { files } => Cow::Owned(format!("{} file(s)", files.len())),
            FieldValue::Order { number, .. } => Cow::Borrowed(number),
        }
    }
}

/// Whole numbers without a trailing `.0`.
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A file the client sent; `file_id` is the client bot's (Telegram file ids are per bot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaRef {
    pub kind: MediaKind,
    pub file_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answering_again_replaces_in_place() {
        let mut fields = Fields::default();
        fields.set("order", FieldValue::order("A-1"));
        fields.set("reason", FieldValue::Text { text: "x".into() });
        fields.set("order", FieldValue::order("A-2"));
        let names: Vec<_> = fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["order", "reason"]);
        assert_eq!(fields.get("order").unwrap().display(), "A-2");
    }

    #[test]
    fn the_state_round_trips_through_json() {
        let mut state = FlowState {
            at: Some(At {
                step: "evidence".into(),
                wait: Wait::Media { received: 1 },
            }),
            ..FlowState::default()
        };
        state.fields.set(
            "evidence",
            FieldValue::Media {
                files: vec![MediaRef {
                    kind: MediaKind::Photo,
                    file_id: "AgAD".into(),
                }],
            },
        );
        state
            .fields
            .set("amount", FieldValue::Number { number: 12.5 });
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(serde_json::from_str::<FlowState>(&json).unwrap(), state);
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(12.5), "12.5");
    }
}
