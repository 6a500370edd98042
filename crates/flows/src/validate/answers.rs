//! Questions and the fields they fill: names, patterns, ranges, choices; and the steps that
//! read fields (lookups, knowledge searches, hand-offs) naming fields that exist and fit.

use super::{did_you_mean, Checker};
use crate::buttons::tag;
use crate::definition::{Answer, Ask, FlowDefinition, HandOff, Step};
use crate::problem::ProblemKind;
use crate::render::{ACKNOWLEDGEMENT_PLACEHOLDERS, BOT_PLACEHOLDERS};
use std::collections::{BTreeMap, HashMap};

/// What the questions say about one field.
pub(super) struct FieldInfo<'a> {
    pub kind: &'static str,
    pub step: &'a str,
    pub choice_values: Vec<&'a str>,
}

pub(super) fn fields(def: &FlowDefinition) -> BTreeMap<&str, FieldInfo<'_>> {
    let mut fields = BTreeMap::new();
    for (id, step) in &def.steps {
        if let Step::Ask(ask) = step {
            let choice_values = match &ask.answer {
                Answer::Choice(options) => options.iter().map(|o| o.value.as_str()).collect(),
                _ => Vec::new(),
            };
            fields
                .entry(ask.field.as_str())
                .or_insert_with(|| FieldInfo {
                    kind: answer_kind(&ask.answer),
                    step: id,
                    choice_values: Vec::new(),
                })
                .choice_values
                .extend(choice_values);
        }
    }
    fields
}

pub(super) fn answer_kind(answer: &Answer) -> &'static str {
    match answer {
        Answer::Text(_) => "text",
        Answer::Number(_) => "number",
        Answer::Choice(_) => "choice",
        Answer::Media(_) => "media",
        Answer::OrderNumber(_) => "order_number",
    }
}

pub(super) fn check(c: &mut Checker<'_>, def: &FlowDefinition) {
    let fields = fields(def);
    let names = || fields.keys().copied();
    for (id, step) in &def.steps {
        match step {
            Step::Ask(ask) => check_ask(c, id, ask, &fields),
            Step::Menu(menu) => {
                let path = format!("steps.{id}.menu.options");
                if menu.options.is_empty() {
                    c.error(ProblemKind::EmptyList, path, "a menu needs options".into());
                } else {
                    let mut tokens: HashMap<String, &str> = HashMap::new();
                    for (i, option) in menu.options.iter().enumerate() {
                        if let Some(other) = tokens.insert(tag(&option.goto), &option.goto) {
                            if other != option.goto {
                                c.error(
                                    ProblemKind::Ambiguous,
                                    format!("{path}[{i}].goto"),
                                    format!("options to `{other}` and `{}` get the same button id by chance; rename a step", option.goto),
                                );
                            }
                        }
                    }
                }
            }
            Step::Lookup(lookup) => {
                let path = format!("steps.{id}.lookup.field");
                match fields.get(lookup.field.as_str()) {
                    None => c.error(
                        ProblemKind::UnknownField,
                        path,
                        format!(
                            "no question fills `{}`{}",
                            lookup.field,
                            did_you_mean(&lookup.field, names())
                        ),
                    ),
                    Some(info) if info.kind != "order_number" => c.error(
                        ProblemKind::BadField,
                        path,
                        format!(
                            "`{}` is a {} answer (step `{}`); a lookup needs an order_number",
                            lookup.field, info.kind, info.step
                        ),
                    ),
                    Some(_) => {}
                }
            }
            Step::Knowledge(knowledge) => {
                if let Some(query) = &knowledge.query {
                    let path = format!("steps.{id}.knowledge.query");
                    match fields.get(query.as_str()) {
                        None => c.error(
                            ProblemKind::UnknownField,
                            path,
                            format!(
                                "no question fills `{query}`{}",
                                did_you_mean(query, names())
                            ),
                        ),
                        Some(info) if info.kind == "media" => c.error(
                            ProblemKind::BadField,
                            path,
                            format!("`{query}` holds files; the knowledge base searches text"),
                        ),
                        Some(_) => {}
                    }
                }
            }
            Step::HandOff(hand_off) => check_hand_off(c, id, hand_off, &fields),
            Step::Message(_) | Step::Action(_) => {}
        }
    }
}

fn check_ask(c: &mut Checker<'_>, id: &str, ask: &Ask, fields: &BTreeMap<&str, FieldInfo<'_>>) {
    let base = format!("steps.{id}.ask");
    let field = &ask.field;
    let well_formed = !field.is_empty()
        && field
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !well_formed {
        c.error(
            ProblemKind::BadField,
            format!("{base}.field"),
            format!("field name `{field}` may only have lowercase letters, digits and `_`"),
        );
    } else if BOT_PLACEHOLDERS.contains(&field.as_str())
        || ACKNOWLEDGEMENT_PLACEHOLDERS.contains(&field.as_str())
    {
        c.error(
            ProblemKind::BadField,
            format!("{base}.field"),
            format!("`{field}` is filled in by the bot; name the field differently"),
        );
    }
    if let Some(info) = fields.get(field.as_str()) {
        let kind = answer_kind(&ask.answer);
        if info.kind != kind {
            c.error(
                ProblemKind::BadField,
                format!("{base}.field"),
                format!(
                    "`{field}` is a {} answer in step `{}` but a {kind} answer here",
                    info.kind, info.step
                ),
            );
        }
    }
    let answer = format!("{base}.answer");
    match &ask.answer {
        Answer::Text(text) => {
            if let Some(pattern) = &text.pattern {
                check_pattern(c, format!("{answer}.text.pattern"), pattern);
            }
            if text.max_len == Some(0) {
                c.error(
                    ProblemKind::BadRange,
                    format!("{answer}.text.max_len"),
                    "max_len 0 accepts no answer".into(),
                );
            }
        }
        Answer::Number(number) => {
            if let (Some(min), Some(max)) = (number.min, number.max) {
                if min > max {
                    c.error(
                        ProblemKind::BadRange,
                        format!("{answer}.number.min"),
                        format!("min {min} is greater than max {max}"),
                    );
                }
            }
        }
        Answer::OrderNumber(order) => {
            if let Some(pattern) = &order.pattern {
                check_pattern(c, format!("{answer}.order_number.pattern"), pattern);
            }
        }
        Answer::Media(media) => {
            let path = format!("{answer}.media");
            if media.max == 0 {
                c.error(
                    ProblemKind::BadRange,
                    format!("{path}.max"),
                    "max 0 accepts no file".into(),
                );
            } else if media.min > media.max {
                c.error(
                    ProblemKind::BadRange,
                    format!("{path}.min"),
                    format!("min {} is greater than max {}", media.min, media.max),
                );
            }
            if media.accept.is_empty() {
                c.error(
                    ProblemKind::EmptyList,
                    format!("{path}.accept"),
                    "accept lists no kind of file".into(),
                );
            }
        }
        Answer::Choice(options) => {
            if options.is_empty() {
                c.error(
                    ProblemKind::EmptyList,
                    format!("{answer}.choice"),
                    "a choice needs options".into(),
                );
            }
            let mut tokens: HashMap<String, &str> = HashMap::new();
            for (i, option) in options.iter().enumerate() {
                let path = format!("{answer}.choice[{i}]");
                if let Some(other) = tokens.insert(tag(&option.value), &option.value) {
                    let message = if other == option.value {
                        format!("two options have the value `{other}`")
                    } else {
                        format!("values `{other}` and `{}` get the same button id by chance; rename one", option.value)
                    };
                    c.error(ProblemKind::Ambiguous, format!("{path}.value"), message);
                }
                if option.goto.is_none() && ask.next.is_none() {
                    c.error(
                        ProblemKind::DeadEnd,
                        path,
                        format!(
                            "option `{}` has no `goto` and the question no `next`",
                            option.value
                        ),
                    );
                }
            }
        }
    }
    if ask.next.is_none() && !matches!(ask.answer, Answer::Choice(_)) {
        c.error(
            ProblemKind::DeadEnd,
            base,
            "a question needs `next`: where to go once answered".into(),
        );
    }
}

fn check_pattern(c: &mut Checker<'_>, path: String, pattern: &str) {
    if let Err(e) = regex::Regex::new(pattern) {
        // The regex error is several lines (the pattern, a caret); its last line says why.
        let why = e.to_string();
        let why = why.lines().last().unwrap_or_default().trim();
        let why = why.strip_prefix("error: ").unwrap_or(why).to_string();
        c.error(
            ProblemKind::InvalidPattern,
            path,
            format!("the pattern does not compile: {why}"),
        );
    }
}

fn check_hand_off(
    c: &mut Checker<'_>,
    id: &str,
    hand_off: &HandOff,
    fields: &BTreeMap<&str, FieldInfo<'_>>,
) {
    let base = format!("steps.{id}.hand_off");
    let topics = hand_off
        .topic
        .iter()
        .map(|t| (format!("{base}.topic"), t))
        .chain(hand_off.routes.iter().flat_map(|r| {
            r.cases.iter().filter_map(|(value, route)| {
                let path = format!("{base}.routes.cases.{value}.topic");
                route.topic.as_ref().map(|t| (path, t))
            })
        }));
    for (path, topic) in topics {
        if topic.trim().is_empty() {
            c.error(
                ProblemKind::MissingText,
                path,
                "an empty topic name; leave `topic` out for a ticket without a topic".into(),
            );
        }
    }
    for (i, field) in hand_off.fields.iter().flatten().enumerate() {
        if !fields.contains_key(field.as_str()) {
            c.error(
                ProblemKind::UnknownField,
                format!("{base}.fields[{i}]"),
                format!(
                    "no question fills `{field}`{}",
                    did_you_mean(field, fields.keys().copied())
                ),
            );
        }
    }
    if let Some(routes) = &hand_off.routes {
        let path = format!("{base}.routes");
        match fields.get(routes.field.as_str()) {
            None => c.error(
                ProblemKind::UnknownField,
                format!("{path}.field"),
                format!("no question fills `{}`", routes.field),
            ),
            Some(info) if info.kind != "choice" => c.error(
                ProblemKind::BadField,
                format!("{path}.field"),
                format!(
                    "routes go by a choice; `{}` is a {} answer",
                    routes.field, info.kind
                ),
            ),
            Some(info) => {
                for value in routes.cases.keys() {
                    if !info.choice_values.contains(&value.as_str()) {
                        c.error(
                            ProblemKind::UnknownField,
                            format!("{path}.cases.{value}"),
                            format!(
                                "`{}` has no option `{value}`{}",
                                routes.field,
                                did_you_mean(value, info.choice_values.iter().copied())
                            ),
                        );
                    }
                }
            }
        }
    }
}
