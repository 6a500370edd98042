//! Every problem of a definition at once, each with its line: syntax (from the parser), then
//! structure (references, reachability, loops), answers and fields, texts. Errors stop a flow
//! from being saved or run; warnings do not.

mod answers;
mod structure;
mod texts;

use crate::definition::FlowDefinition;
use crate::problem::{Problem, ProblemKind, Severity};
use crate::source_map::SourceMap;

/// Every problem of `source` (YAML or JSON), ordered by line.
pub fn validate(source: &str) -> Vec<Problem> {
    check(source).1
}

/// The definition (when it parses) and every problem, ordered by line.
pub(crate) fn check(source: &str) -> (Option<FlowDefinition>, Vec<Problem>) {
    let map = SourceMap::build(source);
    let mut checker = Checker {
        map: &map,
        problems: Vec::new(),
    };
    for duplicate in map.duplicates() {
        let what = match duplicate.path.strip_prefix("steps.") {
            Some(id) if !id.contains('.') => format!("step `{id}` is defined twice"),
            _ => format!("`{}` is written twice", duplicate.path),
        };
        checker.problems.push(Problem {
            severity: Severity::Error,
            kind: ProblemKind::DuplicateKey,
            line: Some(duplicate.at.line),
            column: Some(duplicate.at.column),
            path: duplicate.path.clone(),
            message: format!(
                "{what} (first at line {}, which is the one used)",
                duplicate.first.line
            ),
        });
    }
    let definition = match crate::parse::parse(source) {
        Ok(definition) => {
            structure::check(&mut checker, &definition);
            answers::check(&mut checker, &definition);
            texts::check(&mut checker, &definition);
            Some(definition)
        }
        Err(problem) => {
            checker.problems.push(problem);
            None
        }
    };
    let mut problems = checker.problems;
    problems.sort_by_key(|p| (p.line, p.column, p.severity));
    (definition, problems)
}

pub(crate) struct Checker<'a> {
    map: &'a SourceMap,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    pub(crate) fn error(&mut self, kind: ProblemKind, path: impl Into<String>, message: String) {
        self.push(Severity::Error, kind, path.into(), message);
    }

    pub(crate) fn warning(&mut self, kind: ProblemKind, path: impl Into<String>, message: String) {
        self.push(Severity::Warning, kind, path.into(), message);
    }

    fn push(&mut self, severity: Severity, kind: ProblemKind, path: String, message: String) {
        let pos = self.map.locate(&path);
        self.problems.push(Problem {
            severity,
            kind,
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            path,
            message,
        });
    }
}

/// " (did you mean `x`?)" when one name is a likely typo of `name`.
pub(crate) fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let length = name.chars().count();
    let limit = (length / 3).clamp(1, 3);
    candidates
        .map(|c| (distance(name, c), c))
        // A one-letter name is "close" to every other one-letter name: no suggestion.
        .filter(|(d, _)| *d <= limit && *d < length)
        .min()
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// Levenshtein distance, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_a_suggestion() {
        let steps = ["dispute_type", "dispute_reason", "welcome"];
        assert_eq!(
            did_you_mean("dispute_tipe", steps.into_iter()),
            " (did you mean `dispute_type`?)"
        );
        assert_eq!(did_you_mean("refund", steps.into_iter()), "");
    }
}
