//! Reading a typed answer: numbers as people write them, texts against their limits, choices
//! by label (any language), value or position, order numbers against their pattern.

use crate::definition::{Answer, Ask, ChoiceOption};
use crate::effect::Rejection;
use crate::flow::Flow;
use crate::state::FieldValue;
use crate::text::Texts;
use ticketgram_domain::Language;

/// Telegram's message limit: a text answer without `max_len` is never refused for length.
const TEXT_LIMIT: u32 = 4096;

/// The value to store and, for a choice, where that option leads.
pub(super) type Accepted<'f> = (FieldValue, Option<&'f str>);

pub(super) fn read<'f>(
    flow: &'f Flow,
    step: &str,
    ask: &'f Ask,
    text: &str,
    lang: Language,
) -> Result<Accepted<'f>, Rejection> {
    let text = text.trim();
    match &ask.answer {
        Answer::Text(rules) => {
            if text.is_empty() {
                return Err(Rejection::Empty);
            }
            let max = rules.max_len.unwrap_or(TEXT_LIMIT);
            if text.chars().count() > max as usize {
                return Err(Rejection::TooLong { max });
            }
            if flow.pattern(step).is_some_and(|p| !p.is_match(text)) {
                return Err(Rejection::PatternMismatch);
            }
            Ok((
                FieldValue::Text {
                    text: text.to_string(),
                },
                None,
            ))
        }
        Answer::Number(rules) => {
            let number = number(text).ok_or(Rejection::NotANumber)?;
            if rules.integer && number.fract() != 0.0 {
                return Err(Rejection::NotAWholeNumber);
            }
            let below = rules.min.is_some_and(|min| number < min);
            let above = rules.max.is_some_and(|max| number > max);
            if below || above {
                return Err(Rejection::OutOfRange {
                    min: rules.min,
                    max: rules.max,
                });
            }
            Ok((FieldValue::Number { number }, None))
        }
        Answer::Choice(options) => {
            let labels = options.iter().map(|o| (&o.label, Some(o.value.as_str())));
            let i = pick(labels, text).ok_or(Rejection::NotAnOption)?;
            Ok(choice(&options[i], lang))
        }
        Answer::OrderNumber(_) => {
            let number = text.strip_prefix('#').unwrap_or(text).trim();
            match flow.pattern(step) {
                Some(p) if p.is_match(number) => Ok((FieldValue::order(number), None)),
                _ => Err(Rejection::NotAnOrderNumber),
            }
        }
        Answer::Media(_) => Err(Rejection::ExpectedMedia),
    }
}

pub(super) fn choice(option: &ChoiceOption, lang: Language) -> Accepted<'_> {
    (
        FieldValue::Choice {
            value: option.value.clone(),
            label: option.label.resolve(lang).to_string(),
        },
        option.goto.as_deref(),
    )
}

/// Which option a typed text names: its position ("2"), a label in any language (a reply
/// keyboard sends the label; the client may have switched language since), or its value.
pub(super) fn pick<'a>(
    options: impl Iterator<Item = (&'a Texts, Option<&'a str>)>,
    text: &str,
) -> Option<usize> {
    let text = text.trim();
    let position: Option<usize> = text.trim_end_matches('.').parse().ok();
    let lower = text.to_lowercase();
    let mut by_text = None;
    let mut count = 0;
    for (i, (label, value)) in options.enumerate() {
        count = i + 1;
        let named = label.iter().any(|(_, l)| l.trim().to_lowercase() == lower)
            || value.is_some_and(|v| v.to_lowercase() == lower);
        if named && by_text.is_none() {
            by_text = Some(i);
        }
    }
    by_text.or(position.filter(|p| (1..=count).contains(p)).map(|p| p - 1))
}

/// A number as people type it: `1 500`, `12,5` (a decimal comma), `+3`.
fn number(text: &str) -> Option<f64> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let normal = if !compact.contains('.') && compact.matches(',').count() == 1 {
        compact.replace(',', ".")
    } else {
        compact
    };
    normal.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_write_them() {
        assert_eq!(number("12,5"), Some(12.5));
        assert_eq!(number("1 500"), Some(1500.0));
        assert_eq!(number(" +3 "), Some(3.0));
        assert_eq!(number("1,000.5"), None);
        assert_eq!(number("NaN"), None);
        assert_eq!(number("three"), None);
    }

    #[test]
    fn an_option_is_picked_by_label_value_or_position() {
        let a = Texts {
            en: Some("Quality".into()),
            ru: Some("Качество".into()),
            ..Texts::default()
        };
        let b = Texts {
            en: Some("Payment".into()),
            ..Texts::default()
        };
        let options = || [(&a, Some("quality")), (&b, Some("payment"))].into_iter();
        assert_eq!(pick(options(), "качество"), Some(0));
        assert_eq!(pick(options(), "PAYMENT"), Some(1));
        assert_eq!(pick(options(), "2."), Some(1));
        assert_eq!(pick(options(), "3"), None);
        assert_eq!(pick(options(), "refund"), None);
    }
}
