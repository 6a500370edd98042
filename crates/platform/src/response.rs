//! Reading the platform's answer: at most [`MAX_BODY`] bytes, JSON, the configured fields
//! picked out as plain text.

use serde_json::Value;
use std::collections::BTreeMap;

use crate::config::FieldMapping;

/// An order's status is a few hundred bytes; this leaves room for a verbose platform while a
/// broken one cannot make the desk buffer megabytes.
pub const MAX_BODY: usize = 64 * 1024;

pub(crate) enum BodyError {
    Oversized,
    Read(reqwest::Error),
}

/// The body, refused as soon as it passes the cap (the declared length is checked first, so
/// an honest platform's large answer is not read at all).
pub(crate) async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    if response
        .content_length()
        .is_some_and(|length| length > MAX_BODY as u64)
    {
        return Err(BodyError::Oversized);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Read)? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(BodyError::Oversized);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The configured fields found in `body`, as text. `Err` says what is wrong, for the operator.
pub(crate) fn fields(
    body: &[u8],
    mappings: &[FieldMapping],
) -> Result<BTreeMap<String, String>, String> {
    let answer: Value =
        serde_json::from_slice(body).map_err(|error| format!("not JSON ({error})"))?;
    let mut fields = BTreeMap::new();
    for mapping in mappings {
        let Some(value) = answer.pointer(&mapping.pointer) else {
            continue;
        };
        let text = match value {
            Value::Null => continue,
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            Value::Bool(flag) => flag.to_string(),
            // A client reads a sentence, not a JSON document: point the field at a value.
            Value::Array(_) | Value::Object(_) => {
                return Err(format!(
                    "field {:?} at {} is a list or an object, not a single value",
                    mapping.name, mapping.pointer
                ))
            }
        };
        fields.insert(mapping.name.clone(), text);
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(name: &str, pointer: &str) -> FieldMapping {
        FieldMapping {
            name: name.into(),
            pointer: pointer.into(),
        }
    }

    #[test]
    fn values_are_plain_text_and_absent_ones_are_left_out() {
        let body = br#"{"order": {"status": "in escrow", "total": 129.5, "count": 3,
            "paid": true, "note": null, "a/b": "slash", "tags": ["x"]}}"#;
        let found = fields(
            body,
            &[
                map("status", "/order/status"),
                map("total", "/order/total"),
                map("count", "/order/count"),
                map("paid", "/order/paid"),
                map("note", "/order/note"),
                map("missing", "/order/tracking"),
                map("escaped", "/order/a~1b"),
                map("first_tag", "/order/tags/0"),
            ],
        )
        .unwrap();
        let expected = [
            ("count", "3"),
            ("escaped", "slash"),
            ("first_tag", "x"),
            ("paid", "true"),
            ("status", "in escrow"),
            ("total", "129.5"),
        ];
        assert_eq!(
            found,
            expected
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        );
    }

    #[test]
    fn a_nested_value_or_a_broken_body_is_refused() {
        let nested = fields(
            br#"{"order": {"escrow": {"until": "Fri"}}}"#,
            &[map("e", "/order/escrow")],
        );
        assert!(nested.unwrap_err().contains("\"e\""));
        assert!(fields(b"{\"order\": ", &[])
            .unwrap_err()
            .starts_with("not JSON"));
    }
}
