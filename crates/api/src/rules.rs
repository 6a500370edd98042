//! What the API accepts, stated once: each rule is a check the handlers run and the JSON
//! Schema the OpenAPI document publishes for it, side by side, so the document cannot promise
//! what the server refuses (or the reverse). The contract test runs schemathesis against a
//! real server to hold them to it.

use serde_json::{json, Value};

use crate::error::ApiError;

/// Telegram user ids are positive and have at most 52 significant bits (Telegram's own
/// promise), so they are also exact in a JavaScript number. Negative ids are chats.
pub const MAX_TELEGRAM_USER_ID: i64 = (1 << 52) - 1;

pub fn telegram_user_id_schema() -> Value {
    json!({ "type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_TELEGRAM_USER_ID })
}

pub fn telegram_user_id(id: i64) -> Result<i64, ApiError> {
    if (1..=MAX_TELEGRAM_USER_ID).contains(&id) {
        Ok(id)
    } else {
        Err(ApiError::Invalid(format!(
            "{id} is not a Telegram user id (1 to {MAX_TELEGRAM_USER_ID})"
        )))
    }
}

/// Ticket numbers, webhook ids, topic and agent ids: whatever fits in 64 bits. Larger
/// numbers cannot be read (400), others that name nothing are not found (404).
pub fn id_schema() -> Value {
    json!({ "type": "integer", "format": "int64", "minimum": i64::MIN, "maximum": i64::MAX })
}

/// A JSON number that is a whole number, as JSON Schema's `integer` means it: `42` and also
/// `42.0` (what some JSON encoders write), within 64 bits. For `#[serde(deserialize_with)]`.
pub fn whole_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    use serde::Deserialize as _;
    let n = serde_json::Number::deserialize(d)?;
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    // 2^63 as a float: every whole float below it (and at or above -2^63) is an exact i64.
    const BOUND: f64 = 9_223_372_036_854_775_808.0;
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && (-BOUND..BOUND).contains(&f) => Ok(f as i64),
        _ => Err(serde::de::Error::custom(format!(
            "expected a whole number within 64 bits, got {n}"
        ))),
    }
}

/// A nested object of the request as a `T`, refusing the array form serde's derive also
/// accepts for a struct (`[null, null]` for `{"a": null, "b": null}`), which the document does
/// not allow. For `#[serde(deserialize_with)]`.
pub fn object<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::Deserialize as _;
    let fields = serde_json::Map::<String, Value>::deserialize(d)?;
    serde_json::from_value(Value::Object(fields)).map_err(serde::de::Error::custom)
}

/// [`whole_number`] for an optional field (`null` or absent: `None`).
pub fn optional_whole_number<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<i64>, D::Error> {
    use serde::Deserialize as _;
    #[derive(serde::Deserialize)]
    struct Whole(#[serde(deserialize_with = "whole_number")] i64);
    Ok(Option::<Whole>::deserialize(d)?.map(|Whole(n)| n))
}

/// Exactly the characters Rust's `char::is_whitespace` (Unicode White_Space) knows, which is
/// what `str::trim` removes; written as escapes so ECMA-262 and Python agree on the pattern.
const WHITESPACE: &[(char, char)] = &[
    ('\u{9}', '\u{d}'),
    (' ', ' '),
    ('\u{85}', '\u{85}'),
    ('\u{a0}', '\u{a0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200a}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202f}', '\u{202f}'),
    ('\u{205f}', '\u{205f}'),
    ('\u{3000}', '\u{3000}'),
];

fn escape(c: char) -> String {
    format!("\\u{:04x}", c as u32)
}

/// The white space characters as the body of a character class.
fn whitespace_class() -> String {
    WHITESPACE
        .iter()
        .map(|&(from, to)| {
            if from == to {
                escape(from)
            } else {
                format!("{}-{}", escape(from), escape(to))
            }
        })
        .collect()
}

/// A pattern that matches text with at least one character that is not white space.
pub fn not_blank_pattern() -> String {
    format!("[^{}]", whitespace_class())
}

/// A pattern for text with a character besides white space and none of `refused`.
pub fn not_blank_without_pattern(refused: &[char]) -> String {
    let refused: String = refused.iter().map(|&c| escape(c)).collect();
    format!(
        "^[^{refused}]*[^{}{refused}][^{refused}]*$",
        whitespace_class()
    )
}

/// A text the desk will send or show: something besides white space.
pub fn not_blank_schema(description: &str) -> Value {
    json!({ "type": "string", "pattern": not_blank_pattern(), "description": description })
}

/// The text without surrounding white space; refused when nothing is left.
pub fn not_blank<'a>(field: &str, text: &'a str) -> Result<&'a str, ApiError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(ApiError::Invalid(format!("{field} must not be empty")))
    } else {
        Ok(trimmed)
    }
}

pub fn language_schema() -> Value {
    json!({ "type": "string", "enum": ["en", "ru", "zh", "de"] })
}

pub fn language(code: &str) -> Result<ticketgram_domain::Language, ApiError> {
    ticketgram_domain::Language::from_code(code)
        .ok_or_else(|| ApiError::Invalid(format!("unsupported language {code:?}")))
}

/// URLs the desk calls (webhooks, a translation service) are written out in ASCII (a host in
/// its punycode form), at most this long.
pub const MAX_URL_CHARS: usize = 2048;
const URL_PATTERN: &str = "^https?://[!-~]+$";

/// An http(s) URL in printable ASCII, with what else is asked of it in `description`.
pub fn http_url_schema(description: &str) -> Value {
    json!({
        "type": "string", "format": "uri", "pattern": URL_PATTERN, "maxLength": MAX_URL_CHARS,
        "description": format!("http:// or https:// and the rest in printable ASCII (a host in its punycode form); {description}"),
    })
}

/// The shape [`http_url_schema`] describes; whether it parses and where it points is checked
/// after.
pub fn http_url_shape(field: &str, raw: &str) -> Result<(), ApiError> {
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && raw.chars().count() <= MAX_URL_CHARS
                && rest.bytes().all(|b| (b'!'..=b'~').contains(&b)) =>
        {
            Ok(())
        }
        _ => Err(ApiError::Invalid(format!(
            "{field} must start with http:// or https:// and be printable ASCII, at most {MAX_URL_CHARS} characters"
        ))),
    }
}

pub fn webhook_url_schema() -> Value {
    http_url_schema(
        "its host must be a public address (or in the instance's webhooks.allow_private_networks)",
    )
}

pub fn webhook_url_shape(raw: &str) -> Result<(), ApiError> {
    http_url_shape("url", raw)
}

/// `whsec_` and the canonical, padded base64 of 24 to 64 bytes: 8 to 21 groups of four
/// characters, then a last group for 1 or 2 more bytes (never making more than 64).
pub fn webhook_secret_pattern() -> String {
    let b64 = "[A-Za-z0-9+/]";
    let one_more = format!("{b64}[AQgw]==");
    let two_more = format!("{b64}{{2}}[AEIMQUYcgkosw048]=");
    format!(
        "^whsec_(?:(?:{b64}{{4}}){{8,20}}(?:{one_more}|{two_more})?|(?:{b64}{{4}}){{21}}(?:{one_more})?)$"
    )
}

pub fn webhook_secret_schema() -> Value {
    json!({
        "type": "string", "pattern": webhook_secret_pattern(),
        "description": "Standard Webhooks form: whsec_ and the base64 of 24 to 64 random bytes; generated when absent",
    })
}

/// `Idempotency-Key`: 1 to 255 printable ASCII characters, no spaces.
pub const MAX_IDEMPOTENCY_KEY: usize = 255;

pub fn idempotency_key_schema() -> Value {
    json!({ "type": "string", "pattern": "^[!-~]{1,255}$", "minLength": 1, "maxLength": MAX_IDEMPOTENCY_KEY })
}

pub fn idempotency_key_ok(key: &str) -> bool {
    (1..=MAX_IDEMPOTENCY_KEY).contains(&key.len())
        && key.bytes().all(|b| (b'!'..=b'~').contains(&b))
}

/// Page sizes: 1 to 100, 50 when not given.
pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 100;

pub fn limit_schema() -> Value {
    json!({ "type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT })
}

pub fn page_size(limit: Option<i64>) -> Result<i64, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::Invalid(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        ))),
    }
}

/// The `next_cursor` this API hands out: digits (callers should treat it as opaque).
const CURSOR_DIGITS: usize = 18;

pub fn cursor_schema() -> Value {
    json!({ "type": "string", "pattern": "^[0-9]{1,18}$" })
}

pub fn cursor(raw: &str) -> Result<i64, ApiError> {
    let digits =
        (1..=CURSOR_DIGITS).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit());
    match raw.parse() {
        Ok(id) if digits => Ok(id),
        _ => Err(ApiError::Invalid(
            "cursor is not one this API handed out".into(),
        )),
    }
}

/// A calendar day written `YYYY-MM-DD`, year 1 or later.
pub fn day_schema(description: &str) -> Value {
    json!({
        "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": description,
    })
}

pub fn day(raw: &str, name: &str) -> Result<chrono::NaiveDate, ApiError> {
    use chrono::Datelike;
    let invalid = || ApiError::Invalid(format!("{name} must be a date like 2026-11-02"));
    let shaped = raw.len() == 10
        && raw.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(invalid());
    }
    let date = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| invalid())?;
    if date.year() < 1 {
        return Err(invalid());
    }
    Ok(date)
}

/// A comma-separated list of these words (OpenAPI's `style: form, explode: false`), each
/// exactly as written here, at least one.
pub fn word_list_schema(words: &[&str]) -> Value {
    json!({ "type": "array", "minItems": 1, "items": { "type": "string", "enum": words } })
}

/// One of these words, exactly.
pub fn word_schema(words: &[&str]) -> Value {
    json!({ "type": "string", "enum": words })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blank_pattern_names_exactly_what_trim_removes() {
        let listed = |c: char| {
            WHITESPACE
                .iter()
                .any(|&(from, to)| (from..=to).contains(&c))
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(c.is_whitespace(), listed(c), "U+{:04X}", c as u32);
        }
        assert_eq!(
            not_blank_pattern(),
            "[^\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028-\\u2029\\u202f\\u205f\\u3000]"
        );
        assert!(not_blank("text", " \u{3000}\n").is_err());
        assert_eq!(not_blank("text", " Hi ").unwrap(), "Hi");
    }

    #[test]
    fn a_secret_is_accepted_exactly_when_it_has_the_documented_shape() {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        for len in 0..=70usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let secret = format!("whsec_{}", b64.encode(&bytes));
            let accepted = crate::webhooks::standard::check_secret(&secret).is_ok();
            assert_eq!(accepted, (24..=64).contains(&len), "{len} bytes");
            // The groups the pattern allows for this length.
            let body = &secret["whsec_".len()..];
            let padded_groups = body.len() / 4;
            let shape_ok = body.len() % 4 == 0 && (8..=22).contains(&padded_groups);
            assert!(!accepted || shape_ok, "{len} bytes: {secret}");
        }
        assert!(crate::webhooks::standard::check_secret("whsec_AB==").is_err());
    }

    #[test]
    fn whole_numbers_may_be_written_as_floats_but_not_have_a_fraction() {
        #[derive(serde::Deserialize)]
        struct Body {
            #[serde(deserialize_with = "whole_number")]
            id: i64,
            #[serde(default, deserialize_with = "optional_whole_number")]
            topic: Option<i64>,
        }
        let read = |json: &str| serde_json::from_str::<Body>(json).map(|b| (b.id, b.topic));
        assert_eq!(read(r#"{"id": 42}"#).unwrap(), (42, None));
        assert_eq!(
            read(r#"{"id": 42.0, "topic": 7.0}"#).unwrap(),
            (42, Some(7))
        );
        assert_eq!(read(r#"{"id": 1, "topic": null}"#).unwrap(), (1, None));
        // Parsed exactly (serde_json's float_roundtrip), not off by the last bit.
        assert_eq!(
            read(r#"{"id": 4503599627370494.0}"#).unwrap().0,
            4_503_599_627_370_494
        );
        assert_eq!(
            read(r#"{"id": -9223372036854775808.0}"#).unwrap().0,
            i64::MIN
        );
        for bad in [
            r#"{"id": 4.5}"#,
            r#"{"id": 9223372036854775808}"#,
            r#"{"id": 9223372036854775808.0}"#,
            r#"{"id": "42"}"#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn idempotency_keys_and_cursors_and_days_and_urls() {
        assert!(idempotency_key_ok("order-42/retry"));
        for bad in ["", "a b", "ключ", &"k".repeat(256), "tab\there"] {
            assert!(!idempotency_key_ok(bad), "{bad:?}");
        }
        assert_eq!(cursor("1042").unwrap(), 1042);
        for bad in ["", "+5", "-1", "1e3", "9999999999999999999"] {
            assert!(cursor(bad).is_err(), "{bad:?}");
        }
        assert!(day("2026-11-02", "from").is_ok());
        for bad in [
            "2026-1-2",
            "0000-01-01",
            "2026-02-30",
            "+2026-01-01",
            "20261102",
        ] {
            assert!(day(bad, "from").is_err(), "{bad:?}");
        }
        assert!(webhook_url_shape("https://hooks.example.com/tg?x=1").is_ok());
        for bad in [
            "ftp://x",
            "HTTP://x",
            "http://",
            "http://a b",
            "http://пример.рф",
            " http://x",
        ] {
            assert!(webhook_url_shape(bad).is_err(), "{bad:?}");
        }
        assert!(telegram_user_id(0).is_err() && telegram_user_id(-5).is_err());
        assert!(telegram_user_id(MAX_TELEGRAM_USER_ID + 1).is_err());
        assert_eq!(telegram_user_id(42).unwrap(), 42);
    }
}
