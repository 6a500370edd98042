//! Telegram's automatic entities: the `url`, `email`, `mention`, `hashtag`, `cashtag`,
//! `bot_command` and `phone_number` entities Telegram finds in every text and caption, sent by
//! users and bots alike, with offsets and lengths in UTF-16 code units.
//!
//! URLs and e-mail addresses are found by the `linkify` crate. The other five kinds have no
//! crate that follows Telegram's rules, so they are scanned here, each as Telegram shows it
//! (the reference's `MessageEntity.type`): `@username` (3–32 of `[A-Za-z0-9_]`), `#hashtag`
//! (letters, digits and `_`, at least one non-digit), `$USD` (3–8 capital letters),
//! `/command` or `/command@bot` (1–32 of `[A-Za-z0-9_]`) and `+` international numbers
//! (10–15 digits, with spaces, dashes or brackets between). Each starts after the text's start
//! or a character that cannot be part of a word, and ends where its characters end.
//!
//! Entities the sender gave (`parse_mode` or `entities`) take precedence, as in Telegram: an
//! automatic entity that overlaps a code block, a link, a mention or another automatic entity
//! the sender set is not added; plain formatting (bold, italic, ...) lives beside them.

use linkify::{LinkFinder, LinkKind};
use serde_json::{json, Value};

/// The sender's entities plus the automatic ones of `text`, sorted as Telegram sorts them
/// (by offset, then longest first).
pub fn with_automatic(text: &str, explicit: Vec<Value>) -> Vec<Value> {
    let mut all = explicit;
    for found in find(text) {
        let blocked = all
            .iter()
            .any(|e| excludes_automatic(e) && overlaps(e, found.offset, found.length));
        if !blocked {
            all.push(found.json());
        }
    }
    all.sort_by_key(|e| (offset_of(e), std::cmp::Reverse(length_of(e))));
    all
}

/// One automatic entity, in UTF-16 units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: &'static str,
    pub offset: usize,
    pub length: usize,
}

impl Found {
    fn json(&self) -> Value {
        json!({"type": self.kind, "offset": self.offset, "length": self.length})
    }
}

/// Every automatic entity of `text`, in order, never overlapping each other.
pub fn find(text: &str) -> Vec<Found> {
    let utf16 = Utf16Index::new(text);
    // Byte ranges first: links win over what they contain (`https://t.me/#x`, `a@b.io`).
    let mut spans: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false);
    for link in finder.links(text) {
        let kind = match link.kind() {
            LinkKind::Email => "email",
            _ => "url",
        };
        spans.push((link.start(), link.end(), kind));
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let after_boundary = i == 0 || !is_word_char(chars[i - 1].1);
        let scanned = match c {
            '@' if after_boundary => scan_word(&chars, i, 3, 32, "mention"),
            '#' if after_boundary => scan_hashtag(&chars, i),
            '$' if after_boundary => scan_cashtag(&chars, i),
            '/' if after_boundary && (i == 0 || chars[i - 1].1.is_whitespace()) => {
                scan_command(&chars, i)
            }
            '+' if after_boundary => scan_phone(&chars, i),
            _ => None,
        };
        match scanned {
            Some((end_index, kind)) => {
                let end = chars.get(end_index).map_or(text.len(), |(b, _)| *b);
                if !spans.iter().any(|&(s, e, _)| start < e && s < end) {
                    spans.push((start, end, kind));
                }
                i = end_index;
            }
            None => i += 1,
        }
    }
    spans.sort_by_key(|&(s, _, _)| s);
    spans
        .into_iter()
        .map(|(s, e, kind)| Found {
            kind,
            offset: utf16.at(s),
            length: utf16.at(e) - utf16.at(s),
        })
        .collect()
}

/// Letters, digits and `_`: what usernames, hashtags and commands are made of.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `@name` / `/name`: the marker then `min..=max` ASCII word characters. Returns the index
/// of the first character after it.
fn scan_word(
    chars: &[(usize, char)],
    at: usize,
    min: usize,
    max: usize,
    kind: &'static str,
) -> Option<(usize, &'static str)> {
    let len = chars[at + 1..]
        .iter()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    let followed_by_word = chars
        .get(at + 1 + len)
        .is_some_and(|(_, c)| is_word_char(*c));
    ((min..=max).contains(&len) && !followed_by_word).then_some((at + 1 + len, kind))
}

fn scan_hashtag(chars: &[(usize, char)], at: usize) -> Option<(usize, &'static str)> {
    let body: Vec<char> = chars[at + 1..]
        .iter()
        .map(|(_, c)| *c)
        .take_while(|c| is_word_char(*c))
        .take(256)
        .collect();
    let has_letter = body.iter().any(|c| !c.is_ascii_digit());
    (has_letter).then_some((at + 1 + body.len(), "hashtag"))
}

fn scan_cashtag(chars: &[(usize, char)], at: usize) -> Option<(usize, &'static str)> {
    let len = chars[at + 1..]
        .iter()
        .take_while(|(_, c)| c.is_ascii_uppercase())
        .count();
    let followed_by_word = chars
        .get(at + 1 + len)
        .is_some_and(|(_, c)| is_word_char(*c));
    ((3..=8).contains(&len) && !followed_by_word).then_some((at + 1 + len, "cashtag"))
}

/// `/command`, optionally addressed: `/command@some_bot`.
fn scan_command(chars: &[(usize, char)], at: usize) -> Option<(usize, &'static str)> {
    let name = chars[at + 1..]
        .iter()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    if !(1..=32).contains(&name) {
        return None;
    }
    let mut end = at + 1 + name;
    if chars.get(end).is_some_and(|(_, c)| *c == '@') {
        if let Some((after, _)) = scan_word(chars, end, 3, 32, "bot_command") {
            end = after;
        }
    }
    let followed_by_word = chars.get(end).is_some_and(|(_, c)| is_word_char(*c));
    (!followed_by_word).then_some((end, "bot_command"))
}

/// `+1-212-555-0123`, `+49 151 1234 5678`, `+7 (495) 123-45-67`.
fn scan_phone(chars: &[(usize, char)], at: usize) -> Option<(usize, &'static str)> {
    let mut digits = 0;
    let mut end = at + 1;
    for (i, (_, c)) in chars.iter().enumerate().skip(at + 1) {
        if c.is_ascii_digit() {
            digits += 1;
            end = i + 1;
        } else if !matches!(c, ' ' | '-' | '(' | ')') {
            break;
        }
    }
    let followed_by_word = chars.get(end).is_some_and(|(_, c)| is_word_char(*c));
    ((10..=15).contains(&digits) && !followed_by_word).then_some((end, "phone_number"))
}

/// Entities a sender sets that no automatic entity may overlap.
fn excludes_automatic(entity: &Value) -> bool {
    matches!(
        entity.get("type").and_then(Value::as_str),
        Some(
            "code"
                | "pre"
                | "text_link"
                | "text_mention"
                | "custom_emoji"
                | "url"
                | "email"
                | "mention"
                | "hashtag"
                | "cashtag"
                | "bot_command"
                | "phone_number"
        )
    )
}

fn offset_of(e: &Value) -> usize {
    e.get("offset").and_then(Value::as_u64).unwrap_or(0) as usize
}

fn length_of(e: &Value) -> usize {
    e.get("length").and_then(Value::as_u64).unwrap_or(0) as usize
}

fn overlaps(e: &Value, offset: usize, length: usize) -> bool {
    let (start, end) = (offset_of(e), offset_of(e) + length_of(e));
    start < offset + length && offset < end
}

/// Byte offset → UTF-16 offset, for the char boundaries of one text.
struct Utf16Index {
    /// (byte offset, UTF-16 offset) of every char, plus the end.
    points: Vec<(usize, usize)>,
}

impl Utf16Index {
    fn new(text: &str) -> Self {
        let mut points = Vec::with_capacity(text.len() + 1);
        let mut units = 0;
        for (byte, c) in text.char_indices() {
            points.push((byte, units));
            units += c.len_utf16();
        }
        points.push((text.len(), units));
        Self { points }
    }

    fn at(&self, byte: usize) -> usize {
        match self.points.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.points[i].1,
            // Not a char boundary: never produced by the scanners above.
            Err(i) => self.points[i.min(self.points.len() - 1)].1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String)> {
        let units: Vec<u16> = text.encode_utf16().collect();
        find(text)
            .into_iter()
            .map(|f| {
                let slice = &units[f.offset..f.offset + f.length];
                (f.kind, String::from_utf16(slice).unwrap())
            })
            .collect()
    }

    #[test]
    fn each_kind_is_found_where_telegram_finds_it() {
        let text = "Ticket #id123 for @anna_k: see https://example.com/a?b=1, \
                    mail help@desk.example, pay $USD, call +1-212-555-0123 or /start@desk_bot";
        assert_eq!(
            kinds(text),
            vec![
                ("hashtag", "#id123".into()),
                ("mention", "@anna_k".into()),
                ("url", "https://example.com/a?b=1".into()),
                ("email", "help@desk.example".into()),
                ("cashtag", "$USD".into()),
                ("phone_number", "+1-212-555-0123".into()),
                ("bot_command", "/start@desk_bot".into()),
            ]
        );
    }

    #[test]
    fn offsets_count_utf16_units() {
        // "😀" is two UTF-16 units, "é" one.
        let found = find("😀é #id123");
        assert_eq!(
            found,
            vec![Found {
                kind: "hashtag",
                offset: 4,
                length: 6
            }]
        );
    }

    #[test]
    fn look_alikes_are_not_entities() {
        for text in [
            "#123",                // digits only
            "a#tag",               // inside a word
            "@ab",                 // too short for a username
            "$usd and $TOOLONGXX", // lower case / too long
            "and/or",              // a slash inside a word
            "+123",                // too few digits for a phone number
        ] {
            assert_eq!(kinds(text), vec![], "{text}");
        }
    }

    #[test]
    fn the_senders_entities_take_precedence() {
        let code = json!({"type": "code", "offset": 0, "length": 6});
        let bold = json!({"type": "bold", "offset": 0, "length": 6});
        assert_eq!(with_automatic("#id123", vec![code.clone()]), vec![code]);
        assert_eq!(
            with_automatic("#id123", vec![bold.clone()]),
            vec![bold, json!({"type": "hashtag", "offset": 0, "length": 6})]
        );
    }
}
