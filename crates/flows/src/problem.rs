//! A problem found in a flow definition, pointing at the line (and column) of the source where
//! it is, so the console's editor can mark it and the CLI can print `file:line:column`.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The flow cannot be saved or run.
    Error,
    /// It runs, but probably not as meant (an unreachable step, a missing translation).
    Warning,
}

/// What kind of problem; a stable snake_case code the console may translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// YAML or JSON that does not parse, or does not have the shape of a flow.
    Syntax,
    UnsupportedVersion,
    DuplicateKey,
    BadStepId,
    UnknownStep,
    UnreachableStep,
    /// A `human:` (or a keyword meant as one) that is not a `hand_off` step.
    NotAHandOff,
    InvalidPattern,
    /// min greater than max, a zero maximum, and the like.
    BadRange,
    BadField,
    UnknownField,
    /// Steps that lead into each other without ever waiting for the client.
    EndlessLoop,
    MissingText,
    MissingTranslation,
    TooLong,
    EmptyList,
    /// Two options of a step, or two keywords, that cannot be told apart.
    Ambiguous,
    /// A choice option with nowhere to go.
    DeadEnd,
    UnknownPlaceholder,
}

impl ProblemKind {
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::Syntax => "syntax",
            ProblemKind::UnsupportedVersion => "unsupported_version",
            ProblemKind::DuplicateKey => "duplicate_key",
            ProblemKind::BadStepId => "bad_step_id",
            ProblemKind::UnknownStep => "unknown_step",
            ProblemKind::UnreachableStep => "unreachable_step",
            ProblemKind::NotAHandOff => "not_a_hand_off",
            ProblemKind::InvalidPattern => "invalid_pattern",
            ProblemKind::BadRange => "bad_range",
            ProblemKind::BadField => "bad_field",
            ProblemKind::UnknownField => "unknown_field",
            ProblemKind::EndlessLoop => "endless_loop",
            ProblemKind::MissingText => "missing_text",
            ProblemKind::MissingTranslation => "missing_translation",
            ProblemKind::TooLong => "too_long",
            ProblemKind::EmptyList => "empty_list",
            ProblemKind::Ambiguous => "ambiguous",
            ProblemKind::DeadEnd => "dead_end",
            ProblemKind::UnknownPlaceholder => "unknown_placeholder",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub kind: ProblemKind,
    /// 1-based; `None` only when the source has no line for it (an empty file).
    pub line: Option<usize>,
    /// 1-based, in characters.
    pub column: Option<usize>,
    /// Where in the definition, e.g. `steps.dispute_type.ask.answer.choice[2].goto`; empty for
    /// syntax errors.
    pub path: String,
    /// For the person editing the flow (English, like the rest of the format's keys).
    pub message: String,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `14:7: error: …`, the shape compilers use, so editors and terminals link it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{line}:{column}: ")?,
            (Some(line), None) => write!(f, "{line}: ")?,
            _ => {}
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.message)?;
        if !self.path.is_empty() {
            write!(f, " ({})", self.path)?;
        }
        Ok(())
    }
}
