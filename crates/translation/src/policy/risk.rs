//! When a translation is risky enough for the agent to look before it is sent. Two plain
//! signs, chosen because they catch what hurts in support and rarely cry wolf:
//!
//! - **Numbers changed.** Order numbers, amounts, dates and codes must come through as they
//!   are. Each number is read as its digits (separators dropped, so `1,000.50`, `1.000,50`
//!   and `1 000,50` are the same number, and Arabic-Indic, Devanagari or full-width digits
//!   count as theirs); the original's numbers and the translation's must be the same
//!   multiset. A time written `10:30` in one and `10.30` in the other is flagged too: a
//!   false alarm costs a tap.
//! - **Much shorter or longer.** For an original of at least [`MIN_CHARS_FOR_LENGTH`]
//!   characters, a translation under a third or over three times its length (CJK characters
//!   count twice, since a Chinese sentence takes about half the characters of its English
//!   one) was probably cut, padded or answered instead of translated. An empty translation
//!   of a non-empty text is always risky.

use regex::Regex;
use std::sync::LazyLock;

/// Shorter texts vary too much in length between languages ("OK" / "Хорошо") to judge.
pub const MIN_CHARS_FOR_LENGTH: usize = 20;
const MIN_RATIO: f64 = 1.0 / 3.0;
const MAX_RATIO: f64 = 3.0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Risk {
    /// Numbers of the original missing from the translation, and numbers it added.
    NumbersChanged {
        missing: Vec<String>,
        added: Vec<String>,
    },
    /// The translation's length as a percentage of the original's (weighted as above).
    Length {
        percent: u32,
    },
    Empty,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assessment {
    pub risks: Vec<Risk>,
}

impl Assessment {
    pub fn is_risky(&self) -> bool {
        !self.risks.is_empty()
    }
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]+(?:[.,'\u{00A0}\u{202F} ][0-9]+)*")
        .unwrap_or_else(|_| unreachable!("a valid pattern"))
});

/// The signs of risk in `translation` of `original`.
pub fn assess(original: &str, translation: &str) -> Assessment {
    let mut risks = Vec::new();
    if translation.trim().is_empty() && !original.trim().is_empty() {
        risks.push(Risk::Empty);
        return Assessment { risks };
    }
    let (missing, added) = difference(numbers(original), numbers(translation));
    if !missing.is_empty() || !added.is_empty() {
        risks.push(Risk::NumbersChanged { missing, added });
    }
    let before = weighted_len(original);
    if original.trim().chars().count() >= MIN_CHARS_FOR_LENGTH && before > 0.0 {
        let ratio = weighted_len(translation) / before;
        if !(MIN_RATIO..=MAX_RATIO).contains(&ratio) {
            risks.push(Risk::Length {
                percent: (ratio * 100.0).round() as u32,
            });
        }
    }
    Assessment { risks }
}

/// Every number in `text`, as its ASCII digits, sorted.
fn numbers(text: &str) -> Vec<String> {
    let ascii: String = text.chars().map(ascii_digit).collect();
    let mut found: Vec<String> = NUMBER
        .find_iter(&ascii)
        .map(|m| m.as_str().chars().filter(char::is_ascii_digit).collect())
        .collect();
    found.sort();
    found
}

/// What `a` has that `b` lacks, and the reverse (both sorted).
fn difference(a: Vec<String>, b: Vec<String>) -> (Vec<String>, Vec<String>) {
    let (mut i, mut j) = (0, 0);
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => (i, j) = (i + 1, j + 1),
            (Some(x), Some(y)) if x < y => {
                only_a.push(x.clone());
                i += 1;
            }
            (Some(_), Some(y)) => {
                only_b.push(y.clone());
                j += 1;
            }
            (Some(x), None) => {
                only_a.push(x.clone());
                i += 1;
            }
            (None, Some(y)) => {
                only_b.push(y.clone());
                j += 1;
            }
            (None, None) => break,
        }
    }
    (only_a, only_b)
}

/// Decimal digits of other scripts as ASCII ones (the ranges of the scripts a desk meets).
fn ascii_digit(c: char) -> char {
    let zero = match c {
        '\u{0660}'..='\u{0669}' => 0x0660, // Arabic-Indic
        '\u{06F0}'..='\u{06F9}' => 0x06F0, // Extended Arabic-Indic (Persian, Urdu)
        '\u{0966}'..='\u{096F}' => 0x0966, // Devanagari
        '\u{FF10}'..='\u{FF19}' => 0xFF10, // full-width
        _ => return c,
    };
    char::from_digit(u32::from(c) - zero, 10).unwrap_or(c)
}

fn weighted_len(text: &str) -> f64 {
    text.trim()
        .chars()
        .map(|c| if is_wide(c) { 2.0 } else { 1.0 })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_faithful_translation_is_not_risky() {
        for (original, translation) in [
            (
                "Order A-1042: refund of 1,000.50 EUR on 12.03",
                "Заказ A-1042: возврат 1 000,50 EUR 12.03",
            ),
            (
                "Your parcel is on its way and arrives tomorrow.",
                "Ваша посылка в пути и прибудет завтра.",
            ),
            (
                "Your order has been refunded in full today.",
                "您的订单今天已全额退款。",
            ),
            ("Сумма 120 ₽", "المبلغ ١٢٠ ₽"),
            ("ok", "хорошо, конечно"),
        ] {
            let assessment = assess(original, translation);
            assert!(
                !assessment.is_risky(),
                "{original} → {translation}: {assessment:?}"
            );
        }
    }

    #[test]
    fn a_changed_number_is_risky_and_named() {
        let assessment = assess(
            "Refund of 120 EUR for order 1042",
            "Возврат 12 EUR за заказ 1042",
        );
        assert_eq!(
            assessment.risks,
            [Risk::NumbersChanged {
                missing: vec!["120".into()],
                added: vec!["12".into()]
            }]
        );
        assert!(assess("Order 1042", "Заказ").is_risky());
    }

    #[test]
    fn a_much_shorter_or_empty_translation_is_risky() {
        let long = "Please send a photo of the damaged item and the packaging it came in.";
        assert!(matches!(
            assess(long, "Фото.").risks[..],
            [Risk::Length { percent }] if percent < 33
        ));
        assert_eq!(assess(long, "  ").risks, [Risk::Empty]);
        assert!(assess(long, &long.repeat(4)).is_risky());
    }
}
