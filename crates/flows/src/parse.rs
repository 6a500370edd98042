//! Source text to `FlowDefinition`: JSON when the text starts with `{`, YAML otherwise. A
//! failure is one syntax problem at the parser's line and column.

use crate::definition::FlowDefinition;
use crate::problem::{Problem, ProblemKind, Severity};
use serde_saphyr::{options, render_options, DefaultMessageFormatter, SnippetMode};

pub(crate) fn parse(source: &str) -> Result<FlowDefinition, Problem> {
    if source.trim_start().starts_with('{') {
        // serde_json for JSON: its messages speak JSON ("trailing comma") where a YAML
        // parser's would speak YAML.
        return serde_json::from_str(source).map_err(|e| {
            // serde_json says " at line L column C" itself; the problem carries them apart.
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(cut) => message[..cut].to_string(),
                None => message,
            };
            syntax(message, Some(e.line()), Some(e.column()))
        });
    }
    // The first of a duplicated key counts; `SourceMap` reports every duplicate with both
    // lines. Strict booleans: `no` is a word here (a button label), never `false`.
    let options = options! {
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::FirstWins,
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options(source, options).map_err(|e| {
        let location = e.location();
        let formatter = DefaultMessageFormatter;
        let rendered = e.without_snippet().render_with_options(render_options! {
            formatter: &formatter,
            snippets: SnippetMode::Off,
        });
        let line = location.map(|l| l.line() as usize).filter(|l| *l > 0);
        let column = location.map(|l| l.column() as usize).filter(|c| *c > 0);
        syntax(strip_location(&rendered), line, column)
    })
}

fn syntax(message: String, line: Option<usize>, column: Option<usize>) -> Problem {
    Problem {
        severity: Severity::Error,
        kind: ProblemKind::Syntax,
        line,
        column,
        path: String::new(),
        message,
    }
}

/// The rendered message ends with its position, which the problem carries as numbers.
fn strip_location(rendered: &str) -> String {
    let first_line = rendered.lines().next().unwrap_or(rendered);
    match first_line.rfind(" at line ") {
        Some(cut) => first_line[..cut].to_string(),
        None => first_line.to_string(),
    }
}
