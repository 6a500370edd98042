//! What the engine asks the bot to do, in order. The engine never does anything itself.

use crate::definition::{AcceptedMedia, BuiltinAction};
use crate::state::{FieldValue, FlowState};
use ticketgram_domain::Priority;

/// The result of one `advance`: the state to store and the effects to carry out (in order,
/// in the same transaction as storing the state).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub state: FlowState,
    pub effects: Vec<Effect>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Send a message.
    Say(Say),
    /// Look the order up on the platform, then `advance` with `Input::LookupResult`.
    Lookup { order: String },
    /// Search the knowledge base, show what was found, then `advance` with
    /// `Input::KnowledgeResult`.
    SearchKnowledge { query: String },
    /// Open a ticket and tell the client (the acknowledgement has no human button: a human
    /// is what they get).
    HandOff(HandOff),
    /// Show one of the bot's own screens.
    Builtin(BuiltinAction),
    /// Record for reports (form completion and abandonment per step, self-service).
    Analytics(Analytics),
}

/// A message. `notice` (if any) is a symbolic line the bot words from its translations and
/// puts above `text`; a notice alone has no `text`. Every `Say` has the human button.
#[derive(Debug, Clone, PartialEq)]
pub struct Say {
    pub text: Option<String>,
    pub notice: Option<Notice>,
    /// Rows of buttons, top to bottom.
    pub buttons: Vec<Vec<Button>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// `callback_data`; hand it back as `Input::Button`.
    pub id: String,
    pub label: Label,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// Written in the flow, already in the client's language.
    Text(String),
    /// The bot's own wording, from its translation files.
    Builtin(BuiltinLabel),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltinLabel {
    Human,
    Back,
    Done,
    Yes,
    No,
}

impl BuiltinLabel {
    /// A stable code for the bot's translation key (`flow-button-human`, …).
    pub fn code(self) -> &'static str {
        match self {
            BuiltinLabel::Human => "human",
            BuiltinLabel::Back => "back",
            BuiltinLabel::Done => "done",
            BuiltinLabel::Yes => "yes",
            BuiltinLabel::No => "no",
        }
    }
}

/// A line the bot words itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The answer was refused; the question follows again.
    Rejected(Rejection),
    /// A file arrived; send more or press Done. (An album arrives as several files: the bot
    /// may send only the last of these for one album.)
    MediaReceived { count: u32, max: u32 },
    /// The button belongs to a step the client is no longer at; the current one follows.
    OutdatedButton,
    /// The flow was edited and the client's step is gone; they start again from the top
    /// (what they had answered is kept).
    FlowChanged,
}

/// Why an answer was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    NotANumber,
    NotAWholeNumber,
    OutOfRange {
        min: Option<f64>,
        max: Option<f64>,
    },
    PatternMismatch,
    TooLong {
        max: u32,
    },
    Empty,
    /// Not one of the buttons (nor a label or number of one).
    NotAnOption,
    /// Text where files were asked for.
    ExpectedMedia,
    /// A file where text was asked for.
    ExpectedText,
    WrongMediaKind {
        accepted: Vec<AcceptedMedia>,
    },
    TooManyFiles {
        max: u32,
    },
    NotEnoughFiles {
        min: u32,
    },
    NotAnOrderNumber,
}

impl Rejection {
    /// A stable snake_case code for the bot's translation key.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::NotANumber => "not_a_number",
            Rejection::NotAWholeNumber => "not_a_whole_number",
            Rejection::OutOfRange { .. } => "out_of_range",
            Rejection::PatternMismatch => "pattern_mismatch",
            Rejection::TooLong { .. } => "too_long",
            Rejection::Empty => "empty",
            Rejection::NotAnOption => "not_an_option",
            Rejection::ExpectedMedia => "expected_media",
            Rejection::ExpectedText => "expected_text",
            Rejection::WrongMediaKind { .. } => "wrong_media_kind",
            Rejection::TooManyFiles { .. } => "too_many_files",
            Rejection::NotEnoughFiles { .. } => "not_enough_files",
            Rejection::NotAnOrderNumber => "not_an_order_number",
        }
    }
}

/// Open a ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct HandOff {
    /// The hand-off step.
    pub step: String,
    /// The desk topic by name (the bot matches it to the desk's topics); `None`: no topic.
    pub topic: Option<String>,
    /// `None`: the topic's default.
    pub priority: Option<Priority>,
    /// The ticket's typed fields, in order.
    pub fields: Vec<(String, FieldValue)>,
    /// In the client's language, fields filled; the bot fills `{ticket}`, `{hours}` and
    /// `{name}`.
    pub acknowledgement: String,
    pub reason: HandOffReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HandOffReason {
    /// The flow led here (a form was completed).
    Completed,
    /// The human button, or a keyword.
    ClientAskedForHuman,
    /// The platform failed or did not know the order, with no branch for it.
    FlowFailed,
    /// Knowledge did not answer the question ("no", or nothing found).
    NotAnswered,
}

impl HandOffReason {
    pub fn code(self) -> &'static str {
        match self {
            HandOffReason::Completed => "completed",
            HandOffReason::ClientAskedForHuman => "client_asked_for_human",
            HandOffReason::FlowFailed => "flow_failed",
            HandOffReason::NotAnswered => "not_answered",
        }
    }
}

/// Report events, by step id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Analytics {
    StepEntered {
        step: String,
    },
    /// The client (or the platform) answered and the flow moved on.
    StepCompleted {
        step: String,
    },
    /// A keyword, /start or an old menu button took the client away midway.
    Abandoned {
        step: String,
    },
    /// An answer was refused (steps that confuse clients).
    AnswerRejected {
        step: String,
    },
    /// The knowledge base answered the question; no ticket needed.
    SelfServed {
        step: String,
    },
}
