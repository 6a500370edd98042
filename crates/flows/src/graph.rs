//! Which steps a step leads to, with the path of each reference in the definition: one list
//! that validation (unknown steps, reachability, endless loops) and nothing else reads, so a
//! new branch added to a step kind is checked everywhere by adding it here.

use crate::definition::{Answer, Step};

/// A reference from one step to another.
pub(crate) struct Ref<'a> {
    /// Where it is written, e.g. `steps.welcome.menu.options[1].goto`.
    pub path: String,
    pub target: &'a str,
}

/// Every step `step` (with id `id`) can lead to, as written. Branches left out (a lookup's
/// `failed`) lead to a human step, which is reachable anyway (the button on every message).
pub(crate) fn references<'a>(id: &str, step: &'a Step) -> Vec<Ref<'a>> {
    let base = format!("steps.{id}.{}", step.kind());
    let mut refs = Vec::new();
    let mut add = |suffix: &str, target: &'a str| {
        refs.push(Ref {
            path: format!("{base}.{suffix}"),
            target,
        })
    };
    match step {
        Step::Menu(menu) => {
            for (i, option) in menu.options.iter().enumerate() {
                add(&format!("options[{i}].goto"), &option.goto);
            }
            if let Some(human) = &menu.human {
                add("human", human);
            }
        }
        Step::Ask(ask) => {
            if let Answer::Choice(options) = &ask.answer {
                for (i, option) in options.iter().enumerate() {
                    if let Some(goto) = &option.goto {
                        add(&format!("answer.choice[{i}].goto"), goto);
                    }
                }
            }
            if let Some(next) = &ask.next {
                add("next", next);
            }
            if let Some(human) = &ask.human {
                add("human", human);
            }
        }
        Step::Lookup(lookup) => {
            add("found", &lookup.found);
            if let Some(s) = &lookup.not_found {
                add("not_found", s);
            }
            if let Some(s) = &lookup.failed {
                add("failed", s);
            }
        }
        Step::Knowledge(knowledge) => {
            add("answered", &knowledge.answered);
            if let Some(s) = &knowledge.not_answered {
                add("not_answered", s);
            }
            if let Some(human) = &knowledge.human {
                add("human", human);
            }
        }
        Step::Message(message) => {
            if let Some(next) = &message.next {
                add("next", next);
            }
        }
        Step::HandOff(_) | Step::Action(_) => {}
    }
    refs
}
