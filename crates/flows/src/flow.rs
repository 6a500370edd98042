//! `Flow`: a definition that passed validation, ready to run — regular expressions compiled,
//! keywords prepared, button tags indexed. The engine only ever sees a `Flow`, so it never has
//! to wonder whether a step it is sent to exists.

use crate::buttons::tag;
use crate::definition::{Answer, FlowDefinition, Step};
use crate::keywords::Keywords;
use crate::problem::Problem;
use crate::validate::check;
use regex::Regex;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Flow {
    definition: FlowDefinition,
    /// Anchored answer patterns, by step id.
    patterns: HashMap<String, Regex>,
    keywords: Keywords,
    /// Step ids by button tag.
    tags: HashMap<String, String>,
}

/// A flow that passed validation, with the warnings it has.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub flow: Flow,
    pub warnings: Vec<Problem>,
}

/// A definition with errors: every problem found (errors and warnings), ordered by line.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the flow has {} error(s); the first: {}", self.errors().count(), self.errors().next().map(ToString::to_string).unwrap_or_default())]
pub struct Invalid {
    pub problems: Vec<Problem>,
}

impl Invalid {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }
}

/// Anything that is not a space, made of letters, digits, `-`, `_`, `/`: the order numbers
/// marketplaces use (A-1042, 2024/118-7) without knowing each platform's shape.
const DEFAULT_ORDER_PATTERN: &str = r"[\p{L}\p{N}][\p{L}\p{N}_/\-]{0,63}";

impl Flow {
    /// Parses and validates `source` (YAML, or JSON when it starts with `{`).
    pub fn parse(source: &str) -> Result<Parsed, Invalid> {
        let (definition, problems) = check(source);
        match definition {
            Some(definition) if !problems.iter().any(Problem::is_error) => Ok(Parsed {
                flow: Flow::compile(definition),
                warnings: problems,
            }),
            _ => Err(Invalid { problems }),
        }
    }

    /// Only for a definition that validated: every pattern compiles.
    fn compile(definition: FlowDefinition) -> Flow {
        let mut patterns = HashMap::new();
        for (id, step) in &definition.steps {
            let Step::Ask(ask) = step else { continue };
            let pattern = match &ask.answer {
                Answer::Text(text) => text.pattern.as_deref(),
                Answer::OrderNumber(order) => {
                    Some(order.pattern.as_deref().unwrap_or(DEFAULT_ORDER_PATTERN))
                }
                _ => None,
            };
            if let Some(pattern) = pattern {
                // Anchored: "A-\d+" must not accept "see A-12 and B-4".
                if let Ok(regex) = Regex::new(&format!("^(?:{pattern})$")) {
                    patterns.insert(id.clone(), regex);
                }
            }
        }
        let tags = definition
            .steps
            .keys()
            .map(|id| (tag(id), id.clone()))
            .collect();
        Flow {
            keywords: Keywords::new(&definition.keywords),
            definition,
            patterns,
            tags,
        }
    }

    pub fn definition(&self) -> &FlowDefinition {
        &self.definition
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.definition.steps.get(id)
    }

    /// Every topic a hand-off may open a ticket in, for the console to check against the
    /// desk's topics (this crate does not know them).
    pub fn topics(&self) -> Vec<&str> {
        let mut topics: Vec<&str> = self
            .definition
            .steps
            .values()
            .filter_map(|step| match step {
                Step::HandOff(h) => Some(h),
                _ => None,
            })
            .flat_map(|h| {
                let routed = h
                    .routes
                    .iter()
                    .flat_map(|r| r.cases.values().filter_map(|c| c.topic.as_deref()));
                h.topic.as_deref().into_iter().chain(routed)
            })
            .collect();
        topics.sort_unstable();
        topics.dedup();
        topics
    }

    pub(crate) fn pattern(&self, step: &str) -> Option<&Regex> {
        self.patterns.get(step)
    }

    pub(crate) fn keywords(&self) -> &Keywords {
        &self.keywords
    }

    pub(crate) fn step_by_tag(&self, tag: &str) -> Option<&str> {
        self.tags.get(tag).map(String::as_str)
    }
}
