//! The flow definition as written by a desk (YAML or JSON): plain serde types, also the source of
//! the published JSON Schema (doc comments here become the schema's descriptions, which editors
//! show as hints). Nothing here is checked beyond its shape; `validate` checks the rest and
//! `Flow` is the checked form the engine runs.
//!
//! Step kinds and answer kinds are externally tagged (`menu: {...}`, `answer: {number: {...}}`)
//! rather than `kind: menu`: serde buffers internally tagged enums before reading them, which
//! loses the position of a mistake inside; externally tagged ones keep exact lines.

use crate::text::{Texts, Words};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ticketgram_domain::Priority;

/// A desk's self-service flow: what the client bot says and asks, step by step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowDefinition {
    /// Format version. This build reads version 1; revisions of a desk's flow are kept by the
    /// console's history, not here.
    pub version: u32,
    /// The step every client starts at, and returns to with /start.
    pub start: String,
    /// The `hand_off` step used when a client asks for a human (the button on every message,
    /// or a keyword leading to this step). A step may name its own with `human:`.
    pub human: String,
    /// Words that jump to a step from anywhere in the flow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<Keyword>,
    /// Every step by id (lowercase letters, digits, `_` and `-`).
    pub steps: BTreeMap<String, Step>,
}

/// Words in any language that take the client to `goto`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Keyword {
    /// Whole words, matched case-insensitively (Chinese and Japanese words anywhere in the
    /// message, as they are written without spaces).
    pub words: Words,
    pub goto: String,
}

/// One step of a flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// A text with buttons, each leading to a step.
    Menu(Menu),
    /// A question whose typed answer is stored in a field.
    Ask(Ask),
    /// Looks an order up on the platform (the bot does it) and branches on the result.
    Lookup(Lookup),
    /// Searches the knowledge base (the bot does it and shows the articles), then asks whether
    /// that answered the question.
    Knowledge(Knowledge),
    /// A text, then the next step (or the end of the flow).
    Message(Message),
    /// Opens a ticket with the collected fields and tells the client when to expect an answer.
    HandOff(HandOff),
    /// One of the bot's own screens.
    Action(BuiltinAction),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Menu {
    pub text: Texts,
    pub options: Vec<MenuOption>,
    /// The hand-off step for "talk to a human" here, instead of the flow's `human`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MenuOption {
    pub label: Texts,
    pub goto: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// The question.
    pub text: Texts,
    /// The field the answer is stored in (and attached to the ticket under).
    pub field: String,
    pub answer: Answer,
    /// Where to go after a valid answer. A choice option's own `goto` wins over this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Said instead of repeating the question when an answer is refused (the bot puts the
    /// reason above it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid: Option<Texts>,
    /// The hand-off step for "talk to a human" here, instead of the flow's `human`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human: Option<String>,
}

/// The kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Answer {
    /// Free text. `{}` for no constraints.
    Text(TextAnswer),
    Number(NumberAnswer),
    /// One of a list, by button or by typing a label or its number.
    Choice(Vec<ChoiceOption>),
    /// Photos or documents, one or several; the client presses Done when finished.
    Media(MediaAnswer),
    /// An order number (`{}` for the default shape: one word of letters, digits, `-`, `_`, `/`).
    OrderNumber(OrderNumberAnswer),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextAnswer {
    /// A regular expression the whole answer must match (anchored for you).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The longest answer accepted, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_len: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Whole numbers only.
    #[serde(default)]
    pub integer: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// What is stored (stable across translations and label edits; reports group by it).
    pub value: String,
    pub label: Texts,
    /// Where this answer leads, instead of the question's `next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goto: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaAnswer {
    /// The kinds accepted; photos and documents when left out.
    #[serde(default = "MediaAnswer::default_accept")]
    pub accept: Vec<AcceptedMedia>,
    /// Fewest files before Done is accepted.
    #[serde(default = "MediaAnswer::default_min")]
    pub min: u32,
    /// Most files; reaching it finishes the question without Done.
    #[serde(default = "MediaAnswer::default_max")]
    pub max: u32,
}

impl MediaAnswer {
    fn default_accept() -> Vec<AcceptedMedia> {
        vec![AcceptedMedia::Photo, AcceptedMedia::Document]
    }
    fn default_min() -> u32 {
        1
    }
    fn default_max() -> u32 {
        10
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AcceptedMedia {
    Photo,
    Document,
    Video,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderNumberAnswer {
    /// A regular expression the whole order number must match (anchored for you).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lookup {
    /// The `order_number` field to look up.
    pub field: String,
    pub found: String,
    /// Left out: a human takes over (the ticket says the flow failed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_found: Option<String>,
    /// The platform did not answer. Left out: a human takes over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Knowledge {
    /// The field whose text is searched; the client's last message when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Asked after the articles are shown, with Yes and No buttons.
    pub confirm: Texts,
    pub answered: String,
    /// "No", or nothing found. Left out: a human takes over with what was collected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_answered: Option<String>,
    /// The hand-off step for "talk to a human" here, instead of the flow's `human`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Message {
    pub text: Texts,
    /// Left out: the flow ends here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HandOff {
    /// The desk's topic the ticket opens in (its queue), by name; none for a ticket without a
    /// topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// The ticket's priority (its SLA); the topic's default when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<PriorityName>")]
    pub priority: Option<Priority>,
    /// The fields attached to the ticket, in this order; every collected field when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<String>>,
    /// A different topic or priority by the answer to a choice (e.g. per dispute type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routes: Option<Routes>,
    /// Told to the client once the ticket is open. `{ticket}` and `{hours}` (the answer time
    /// of the ticket's SLA) are filled in by the bot.
    pub acknowledgement: Texts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Routes {
    /// A `choice` field.
    pub field: String,
    /// By the choice's `value`.
    pub cases: BTreeMap<String, Route>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<PriorityName>")]
    pub priority: Option<Priority>,
}

/// The bot's own screens that today's menu offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BuiltinAction {
    /// The topic list, then the question: the bot takes the conversation from here.
    NewRequest,
    /// The client's tickets.
    MyRequests,
    Help,
    ChooseLanguage,
}

impl BuiltinAction {
    /// Whether the bot takes the conversation over (the flow ends) or shows its screen and the
    /// client carries on from the step they were at.
    pub fn ends_flow(self) -> bool {
        matches!(self, BuiltinAction::NewRequest)
    }
}

// The schema of `ticketgram_domain::Priority`, which does not derive `JsonSchema` (the domain
// crate stays free of schema concerns). A unit test keeps the two spellings equal.
/// A ticket priority; each has its own SLA targets.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "Priority")]
#[allow(dead_code)] // only its schema is used
pub(crate) enum PriorityName {
    Low,
    Normal,
    High,
    Urgent,
}

impl Step {
    /// The kind's name as written in the source (`menu`, `ask`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Step::Menu(_) => "menu",
            Step::Ask(_) => "ask",
            Step::Lookup(_) => "lookup",
            Step::Knowledge(_) => "knowledge",
            Step::Message(_) => "message",
            Step::HandOff(_) => "hand_off",
            Step::Action(_) => "action",
        }
    }

    /// Whether a client can be left at this step: it waits for the client (menu, ask) or for
    /// a result the bot feeds back (lookup, knowledge). Other steps pass straight on.
    pub fn holds(&self) -> bool {
        matches!(
            self,
            Step::Menu(_) | Step::Ask(_) | Step::Lookup(_) | Step::Knowledge(_)
        )
    }

    /// Whether the step always waits for the client. A knowledge step does not: with no
    /// article found it passes on at once. A loop needs one of these or it never ends.
    pub fn always_waits_for_client(&self) -> bool {
        matches!(self, Step::Menu(_) | Step::Ask(_))
    }

    /// The step's own "talk to a human" override.
    pub fn human(&self) -> Option<&str> {
        match self {
            Step::Menu(m) => m.human.as_deref(),
            Step::Ask(a) => a.human.as_deref(),
            Step::Knowledge(k) => k.human.as_deref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_priority_schema_spells_every_domain_priority() {
        let schema = serde_json::to_value(schemars::schema_for!(PriorityName)).unwrap();
        let names: Vec<&str> = schema["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let domain: Vec<&str> = Priority::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(names, domain);
    }
}
