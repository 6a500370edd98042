//! Placeholders in flow texts: `{field}` is filled with a collected answer by the engine,
//! `{field.details}` with what the platform said about an order; `{name}` (the client's first
//! name) and, in acknowledgements, `{ticket}` and `{hours}` are left for the bot, which knows
//! them. Braces that do not form a placeholder stay as written.

use crate::state::{FieldValue, Fields};

/// Filled in by the bot in any text.
pub const BOT_PLACEHOLDERS: [&str; 1] = ["name"];
/// Filled in by the bot in a hand-off acknowledgement, once the ticket exists.
pub const ACKNOWLEDGEMENT_PLACEHOLDERS: [&str; 2] = ["ticket", "hours"];

/// One `{name}` or `{name.part}` in a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder<'a> {
    pub name: &'a str,
    pub part: Option<&'a str>,
    pub start: usize,
    pub end: usize,
}

pub fn placeholders(text: &str) -> impl Iterator<Item = Placeholder<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let open = from + text[from..].find('{')?;
        let close = open + text[open..].find('}')?;
        from = open + 1;
        let inner = &text[open + 1..close];
        let (name, part) = match inner.split_once('.') {
            Some((name, part)) => (name, Some(part)),
            None => (inner, None),
        };
        let word = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        };
        if word(name) && part.is_none_or(word) {
            from = close + 1;
            return Some(Placeholder {
                name,
                part,
                start: open,
                end: close + 1,
            });
        }
    })
}

/// `text` with collected fields filled in; other placeholders stay for the bot.
pub fn fill(text: &str, fields: &Fields) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for p in placeholders(text) {
        let value = fields.get(p.name).and_then(|value| match (value, p.part) {
            (value, None) => Some(value.display()),
            (FieldValue::Order { details, .. }, Some("details")) => {
                Some(details.as_deref().unwrap_or_default().into())
            }
            _ => None,
        });
        if let Some(value) = value {
            out.push_str(&text[last..p.start]);
            out.push_str(&value);
            last = p.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_words_in_braces() {
        let found: Vec<_> = placeholders("Order {order} ({order.details}), { not } {X} {hours}")
            .map(|p| (p.name, p.part))
            .collect();
        assert_eq!(
            found,
            [("order", None), ("order", Some("details")), ("hours", None)]
        );
    }

    #[test]
    fn collected_fields_are_filled_and_the_rest_left_for_the_bot() {
        let mut fields = Fields::default();
        fields.set("order", FieldValue::order("A-1042"));
        assert_eq!(
            fill(
                "Dispute for {order} opened, {name}; answer in {hours} h",
                &fields
            ),
            "Dispute for A-1042 opened, {name}; answer in {hours} h"
        );
    }
}
