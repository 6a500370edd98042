//! The flow's shape: version, step ids, references between steps, what can be reached, loops
//! that never wait for the client, keywords, and button tags that would collide.

use super::{did_you_mean, Checker};
use crate::buttons::tag;
use crate::definition::{FlowDefinition, Step};
use crate::graph::references;
use crate::problem::ProblemKind;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub(crate) const VERSION: u32 = 1;

pub(super) fn check(c: &mut Checker<'_>, def: &FlowDefinition) {
    if def.version != VERSION {
        c.error(
            ProblemKind::UnsupportedVersion,
            "version",
            format!(
                "version {} is not known to this Ticketgram (it reads version {VERSION})",
                def.version
            ),
        );
    }
    step_ids(c, def);
    references_resolve(c, def);
    hand_off_targets(c, def);
    keywords(c, def);
    unreachable(c, def);
    endless_loops(c, def);
}

fn step_ids(c: &mut Checker<'_>, def: &FlowDefinition) {
    let mut tags: HashMap<String, &str> = HashMap::new();
    for id in def.steps.keys() {
        let well_formed = !id.is_empty()
            && id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !well_formed {
            c.error(
                ProblemKind::BadStepId,
                format!("steps.{id}"),
                format!(
                    "step id `{id}` may only have lowercase letters, digits, `_` and `-` (64 at most)"
                ),
            );
        }
        if let Some(other) = tags.insert(tag(id), id) {
            c.error(
                ProblemKind::Ambiguous,
                format!("steps.{id}"),
                format!("steps `{other}` and `{id}` get the same button id by chance; rename one"),
            );
        }
    }
}

fn references_resolve(c: &mut Checker<'_>, def: &FlowDefinition) {
    let unknown = |c: &mut Checker<'_>, path: String, target: &str| {
        if !def.steps.contains_key(target) {
            let hint = did_you_mean(target, def.steps.keys().map(String::as_str));
            c.error(
                ProblemKind::UnknownStep,
                path,
                format!("there is no step `{target}`{hint}"),
            );
        }
    };
    unknown(c, "start".into(), &def.start);
    unknown(c, "human".into(), &def.human);
    for (i, keyword) in def.keywords.iter().enumerate() {
        unknown(c, format!("keywords[{i}].goto"), &keyword.goto);
    }
    for (id, step) in &def.steps {
        for r in references(id, step) {
            unknown(c, r.path, r.target);
        }
    }
}

/// `human:` (of the flow or of a step) must name a hand-off step.
fn hand_off_targets(c: &mut Checker<'_>, def: &FlowDefinition) {
    let check = |c: &mut Checker<'_>, path: String, target: &str| {
        if let Some(step) = def.steps.get(target) {
            if !matches!(step, Step::HandOff(_)) {
                c.error(
                    ProblemKind::NotAHandOff,
                    path,
                    format!(
                        "`{target}` is a {} step; \"talk to a human\" needs a hand_off step",
                        step.kind()
                    ),
                );
            }
        }
    };
    check(c, "human".into(), &def.human);
    for (id, step) in &def.steps {
        if let Some(human) = step.human() {
            check(c, format!("steps.{id}.{}.human", step.kind()), human);
        }
    }
}

fn keywords(c: &mut Checker<'_>, def: &FlowDefinition) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (i, keyword) in def.keywords.iter().enumerate() {
        if keyword.words.iter().next().is_none() {
            c.error(
                ProblemKind::EmptyList,
                format!("keywords[{i}].words"),
                "a keyword needs at least one word".into(),
            );
        }
        for (lang, word) in keyword.words.iter() {
            let lower = word.trim().to_lowercase();
            if !lower.chars().any(char::is_alphanumeric) {
                c.error(
                    ProblemKind::EmptyList,
                    format!("keywords[{i}].words.{lang}"),
                    format!("keyword `{word}` has no letters or digits"),
                );
                continue;
            }
            match seen.get(&lower) {
                Some(other) if *other != keyword.goto => c.error(
                    ProblemKind::Ambiguous,
                    format!("keywords[{i}].words.{lang}"),
                    format!("`{word}` leads both to `{other}` and to `{}`", keyword.goto),
                ),
                _ => {
                    seen.insert(lower, &keyword.goto);
                }
            }
        }
    }
}

/// Steps no client can get to: warnings (a step kept for later is not an error).
fn unreachable(c: &mut Checker<'_>, def: &FlowDefinition) {
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    let mut queue: Vec<&str> = vec![&def.start, &def.human];
    queue.extend(def.keywords.iter().map(|k| k.goto.as_str()));
    while let Some(id) = queue.pop() {
        if !reached.insert(id) {
            continue;
        }
        let Some(step) = def.steps.get(id) else {
            continue;
        };
        queue.extend(references(id, step).into_iter().map(|r| r.target));
    }
    for (id, step) in &def.steps {
        if !reached.contains(id.as_str()) {
            c.warning(
                ProblemKind::UnreachableStep,
                format!("steps.{id}"),
                format!(
                    "no client can reach step `{id}` (nothing leads to this {})",
                    step.kind()
                ),
            );
        }
    }
}

/// A cycle through steps that never wait for the client would run forever within one
/// message. Steps that always wait (menu, ask) break cycles; the human fallback of a lookup or
/// knowledge step ends at a hand-off, which leads nowhere.
fn endless_loops(c: &mut Checker<'_>, def: &FlowDefinition) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Unvisited,
        OnPath,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = def
        .steps
        .keys()
        .map(|id| (id.as_str(), Mark::Unvisited))
        .collect();
    let passes = |id: &str| {
        def.steps
            .get(id)
            .is_some_and(|step| !step.always_waits_for_client())
    };
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for start in def.steps.keys() {
        if !passes(start) || marks[start.as_str()] != Mark::Unvisited {
            continue;
        }
        // Iterative depth-first search; `path` is the chain being followed.
        let mut path: Vec<(&str, Vec<&str>)> = vec![(start, next_passing(def, start, &passes))];
        marks.insert(start, Mark::OnPath);
        while let Some((id, pending)) = path.last_mut() {
            let id = *id;
            match pending.pop() {
                None => {
                    marks.insert(id, Mark::Done);
                    path.pop();
                }
                Some(next) => match marks.get(next).copied() {
                    Some(Mark::Unvisited) => {
                        marks.insert(next, Mark::OnPath);
                        let successors = next_passing(def, next, &passes);
                        path.push((next, successors));
                    }
                    Some(Mark::OnPath) => {
                        let from = path.iter().position(|(s, _)| *s == next).unwrap_or(0);
                        let cycle: Vec<&str> = path[from..].iter().map(|(s, _)| *s).collect();
                        let fresh = cycle.iter().any(|s| !reported.contains(s));
                        reported.extend(cycle.iter().copied());
                        if fresh {
                            let chain = cycle
                                .iter()
                                .chain(std::iter::once(&next))
                                .copied()
                                .collect::<Vec<_>>()
                                .join(" → ");
                            c.error(
                                ProblemKind::EndlessLoop,
                                format!("steps.{next}"),
                                format!(
                                    "{chain} lead into each other without ever waiting for the client; add a menu or a question to the loop"
                                ),
                            );
                        }
                    }
                    _ => {}
                },
            }
        }
    }
}

fn next_passing<'a>(
    def: &'a FlowDefinition,
    id: &str,
    passes: &dyn Fn(&str) -> bool,
) -> Vec<&'a str> {
    let Some(step) = def.steps.get(id) else {
        return Vec::new();
    };
    references(id, step)
        .into_iter()
        .map(|r| r.target)
        .filter(|target| passes(target))
        .collect()
}
