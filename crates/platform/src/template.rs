//! The status template a client sees: `Order {order}: {status}, due {due_date}`.
//!
//! `{name}` (letters, digits, `_`) is a placeholder; any other brace is text, so a desk need
//! not learn an escape to write `{ }` in a message. `{order}` is the order number as the
//! client typed it; every other name is a field of the lookup. A field the platform did not
//! send renders as [`MISSING`]: the client still gets the rest of the answer.

use std::collections::BTreeMap;

/// What a placeholder renders as when the platform's answer has no value for it.
pub const MISSING: &str = "—";

/// The placeholder for the order number itself; a field cannot take this name.
pub(crate) const ORDER: &str = "order";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

/// Whether `name` may name a field or placeholder: letters, digits and `_`.
pub(crate) fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The template cut into text and placeholders, in order.
pub(crate) fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = template;
    // Text is gathered up to each real placeholder, so a stray brace stays inside its text.
    let mut text_start = 0;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let placeholder = after
            .find('}')
            .map(|close| &after[..close])
            .filter(|name| is_name(name));
        let at = offset + open;
        match placeholder {
            Some(name) => {
                if text_start < at {
                    pieces.push(Piece::Text(&template[text_start..at]));
                }
                pieces.push(Piece::Placeholder(name));
                let consumed = open + 1 + name.len() + 1;
                offset += consumed;
                rest = &rest[consumed..];
                text_start = offset;
            }
            None => {
                offset += open + 1;
                rest = &rest[open + 1..];
            }
        }
    }
    if text_start < template.len() {
        pieces.push(Piece::Text(&template[text_start..]));
    }
    pieces
}

/// The placeholders `template` uses.
pub(crate) fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    pieces(template)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Placeholder(name) => Some(name),
            Piece::Text(_) => None,
        })
}

/// The client's text: placeholders filled from `fields`, `{order}` with `order`.
pub(crate) fn render(template: &str, order: &str, fields: &BTreeMap<String, String>) -> String {
    pieces(template)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text,
            Piece::Placeholder(ORDER) => order,
            Piece::Placeholder(name) => fields.get(name).map_or(MISSING, String::as_str),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_missing_ones_show_a_dash() {
        let fields = BTreeMap::from([("status".to_string(), "in escrow".to_string())]);
        assert_eq!(
            render("Order {order}: {status}, due {due_date}", "A-1042", &fields),
            "Order A-1042: in escrow, due —"
        );
    }

    #[test]
    fn braces_that_are_not_placeholders_are_text() {
        let fields = BTreeMap::from([("s".to_string(), "ok".to_string())]);
        assert_eq!(
            render("{ {s} {not a name} {} {{s}} {", "", &fields),
            "{ ok {not a name} {} {ok} {"
        );
        assert_eq!(
            placeholders("{a}{b-c}{d_1}").collect::<Vec<_>>(),
            vec!["a", "d_1"]
        );
        assert_eq!(render("", "x", &fields), "");
        assert_eq!(
            render("Заказ {order} — {s}", "Б-1", &fields),
            "Заказ Б-1 — ok"
        );
    }
}
