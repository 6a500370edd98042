//! `parse_mode`: turning HTML / MarkdownV2 into plain text plus entities.
//!
//! Only the part that matters for a bot's correctness is modelled: markup that Telegram would
//! refuse ("can't parse entities") is refused here too, so unescaped user text is caught in
//! tests rather than in production.

use serde_json::{json, Value};

use crate::error::ApiError;

/// Applies `parse_mode` to `text`; returns the visible text and its entities.
pub fn apply(text: &str, parse_mode: Option<&str>) -> Result<(String, Vec<Value>), ApiError> {
    let parsed = match parse_mode {
        None | Some("") => return Ok((text.to_owned(), Vec::new())),
        Some("HTML") => parse_html(text),
        Some("MarkdownV2") => parse_markdown_v2(text),
        Some("Markdown") => Ok((text.replace(['*', '_', '`'], ""), Vec::new())),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unsupported parse_mode \"{other}\""
            )))
        }
    };
    parsed.map_err(|detail| ApiError::bad_request(format!("can't parse entities: {detail}")))
}

fn entity_type(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "b" | "strong" => "bold",
        "i" | "em" => "italic",
        "u" | "ins" => "underline",
        "s" | "strike" | "del" => "strikethrough",
        "tg-spoiler" | "span" => "spoiler",
        "code" => "code",
        "pre" => "pre",
        "a" => "text_link",
        "blockquote" => "blockquote",
        "tg-emoji" => "custom_emoji",
        _ => return None,
    })
}

struct Open {
    tag: String,
    start: usize,
    href: Option<String>,
}

fn parse_html(src: &str) -> Result<(String, Vec<Value>), String> {
    let mut out = String::new();
    let mut pos16 = 0usize;
    let mut stack: Vec<Open> = Vec::new();
    let mut entities = Vec::new();
    let mut i = 0;
    while let Some(c) = src[i..].chars().next() {
        if c == '<' {
            let end = src[i..]
                .find('>')
                .ok_or_else(|| format!("Can't find end of the tag starting at byte offset {i}"))?;
            let inner = &src[i + 1..i + end];
            if let Some(name) = inner.strip_prefix('/') {
                let name = name.trim().to_ascii_lowercase();
                let open = stack
                    .pop()
                    .ok_or_else(|| format!("Unexpected end tag at byte offset {i}"))?;
                if open.tag != name {
                    return Err(format!(
                        "Can't find end tag corresponding to start tag \"{}\"",
                        open.tag
                    ));
                }
                let length = pos16 - open.start;
                let kind = entity_type(&open.tag).unwrap_or("bold");
                if length > 0 && (kind != "text_link" || open.href.is_some()) {
                    let mut e = json!({"type": kind, "offset": open.start, "length": length});
                    if let Some(url) = open.href {
                        e["url"] = json!(url);
                    }
                    if kind != "custom_emoji" {
                        entities.push(e);
                    }
                }
            } else {
                let name = inner
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if entity_type(&name).is_none() {
                    return Err(format!(
                        "Unsupported start tag \"{name}\" at byte offset {i}"
                    ));
                }
                let href = inner
                    .split_once("href=\"")
                    .and_then(|(_, rest)| rest.split_once('"'))
                    .map(|(url, _)| url.to_owned());
                stack.push(Open {
                    tag: name,
                    start: pos16,
                    href,
                });
            }
            i += end + 1;
            continue;
        }
        if c == '&' {
            if let Some((decoded, used)) = html_entity(&src[i..]) {
                out.push(decoded);
                pos16 += decoded.len_utf16();
                i += used;
                continue;
            }
        }
        out.push(c);
        pos16 += c.len_utf16();
        i += c.len_utf8();
    }
    if let Some(open) = stack.pop() {
        return Err(format!(
            "Can't find end tag corresponding to start tag \"{}\"",
            open.tag
        ));
    }
    entities.sort_by_key(|e| e["offset"].as_u64());
    Ok((out, entities))
}

fn html_entity(s: &str) -> Option<(char, usize)> {
    let semi = s.find(';').filter(|&n| n <= 10)?;
    let name = &s[1..semi];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, semi + 1))
}

/// MarkdownV2: markers are stripped (without entities), and every reserved character outside
/// the markup must be escaped — the rule bots most often break.
fn parse_markdown_v2(src: &str) -> Result<(String, Vec<Value>), String> {
    const RESERVED: &str = "_*[]()~`>#+-=|{}.!";
    let mut out = String::new();
    let mut chars = src.char_indices().peekable();
    let mut in_link_text = false;
    let mut at_line_start = true;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
            }
            '*' | '_' | '~' | '`' => {}
            '|' if chars.peek().is_some_and(|(_, n)| *n == '|') => {
                chars.next();
            }
            '[' => in_link_text = true,
            ']' if in_link_text => {
                in_link_text = false;
                if chars.peek().is_some_and(|(_, n)| *n == '(') {
                    for (_, n) in chars.by_ref() {
                        if n == ')' {
                            break;
                        }
                    }
                }
            }
            '>' if at_line_start => {}
            c if RESERVED.contains(c) => {
                return Err(format!(
                    "Character '{c}' is reserved and must be escaped with the preceding '\\' (byte offset {i})"
                ));
            }
            c => out.push(c),
        }
        at_line_start = c == '\n';
    }
    Ok((out, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_entities() {
        let (text, entities) = apply("<b>Hi</b> &amp; bye", Some("HTML")).unwrap();
        assert_eq!(text, "Hi & bye");
        assert_eq!(
            entities,
            vec![json!({"type": "bold", "offset": 0, "length": 2})]
        );
    }

    #[test]
    fn broken_markup_is_refused() {
        let err = apply("a < b", Some("HTML")).unwrap_err();
        assert!(err
            .description
            .starts_with("Bad Request: can't parse entities"));
        let err = apply("1.5", Some("MarkdownV2")).unwrap_err();
        assert!(err.description.contains("reserved"));
        assert_eq!(apply("1\\.5", Some("MarkdownV2")).unwrap().0, "1.5");
    }
}
