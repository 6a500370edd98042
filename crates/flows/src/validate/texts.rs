//! Texts: English is required (it is the fallback); other languages are warned about when
//! missing, once for the whole flow when the flow has none of that language, else at each
//! text that lacks it; placeholders must name a field or one the bot fills; messages must fit
//! Telegram.

use super::answers::fields;
use super::Checker;
use crate::definition::{Answer, FlowDefinition, Step};
use crate::problem::ProblemKind;
use crate::render::{placeholders, ACKNOWLEDGEMENT_PLACEHOLDERS, BOT_PLACEHOLDERS};
use crate::text::Texts;
use ticketgram_domain::Language;

/// Telegram's limit for one message's text.
const MESSAGE_LIMIT: usize = 4096;

#[derive(Clone, Copy, PartialEq)]
enum Use {
    Message,
    Label,
    Acknowledgement,
}

fn all_texts(def: &FlowDefinition) -> Vec<(String, &Texts, Use)> {
    let mut out = Vec::new();
    for (id, step) in &def.steps {
        let base = format!("steps.{id}.{}", step.kind());
        match step {
            Step::Menu(menu) => {
                out.push((format!("{base}.text"), &menu.text, Use::Message));
                for (i, option) in menu.options.iter().enumerate() {
                    out.push((
                        format!("{base}.options[{i}].label"),
                        &option.label,
                        Use::Label,
                    ));
                }
            }
            Step::Ask(ask) => {
                out.push((format!("{base}.text"), &ask.text, Use::Message));
                if let Some(invalid) = &ask.invalid {
                    out.push((format!("{base}.invalid"), invalid, Use::Message));
                }
                if let Answer::Choice(options) = &ask.answer {
                    for (i, option) in options.iter().enumerate() {
                        let path = format!("{base}.answer.choice[{i}].label");
                        out.push((path, &option.label, Use::Label));
                    }
                }
            }
            Step::Knowledge(k) => out.push((format!("{base}.confirm"), &k.confirm, Use::Message)),
            Step::Message(m) => out.push((format!("{base}.text"), &m.text, Use::Message)),
            Step::HandOff(h) => out.push((
                format!("{base}.acknowledgement"),
                &h.acknowledgement,
                Use::Acknowledgement,
            )),
            Step::Lookup(_) | Step::Action(_) => {}
        }
    }
    out
}

fn written(texts: &Texts, lang: Language) -> bool {
    texts.get(lang).is_some_and(|t| !t.trim().is_empty())
}

pub(super) fn check(c: &mut Checker<'_>, def: &FlowDefinition) {
    let texts = all_texts(def);
    let fields = fields(def);
    for (path, text, use_) in &texts {
        if !written(text, Language::En) {
            c.error(
                ProblemKind::MissingText,
                path.clone(),
                "no English text (English is shown when the client's language is missing)".into(),
            );
        }
        for (lang, value) in text.iter() {
            if *use_ != Use::Label && value.chars().count() > MESSAGE_LIMIT {
                c.error(
                    ProblemKind::TooLong,
                    format!("{path}.{lang}"),
                    format!("longer than Telegram's {MESSAGE_LIMIT} characters"),
                );
            }
            for p in placeholders(value) {
                let known = fields.contains_key(p.name)
                    || BOT_PLACEHOLDERS.contains(&p.name)
                    || (*use_ == Use::Acknowledgement
                        && ACKNOWLEDGEMENT_PLACEHOLDERS.contains(&p.name));
                let part_known = match p.part {
                    None => true,
                    Some("details") => fields.get(p.name).is_some_and(|f| f.kind == "order_number"),
                    Some(_) => false,
                };
                if !known || !part_known {
                    let shown = &value[p.start..p.end];
                    c.warning(
                        ProblemKind::UnknownPlaceholder,
                        format!("{path}.{lang}"),
                        format!("`{shown}` is neither a field nor filled in by the bot here, so the client sees it as written"),
                    );
                }
            }
        }
    }
    for lang in Language::ALL.into_iter().filter(|l| *l != Language::En) {
        let have = texts.iter().filter(|(_, t, _)| written(t, lang)).count();
        if have == 0 {
            if !texts.is_empty() {
                c.warning(
                    ProblemKind::MissingTranslation,
                    "",
                    format!("the flow has no `{lang}` texts; those clients see English"),
                );
            }
            continue;
        }
        for (path, text, _) in &texts {
            if !written(text, lang) && written(text, Language::En) {
                c.warning(
                    ProblemKind::MissingTranslation,
                    path.clone(),
                    format!("no `{lang}` text; those clients see English here"),
                );
            }
        }
    }
}
