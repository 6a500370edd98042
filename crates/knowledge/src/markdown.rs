//! Articles are written in Markdown and shown three ways: as an HTML page (public `/kb` and
//! the console preview), as plain text in Telegram and in search, and as a short excerpt.
//!
//! Articles come from agents, but an agent's account can be stolen and a pasted snippet can
//! carry a `<script>`: the HTML is always cleaned by ammonia (allow-list of tags, attributes
//! and URL schemes) after Markdown rendering, never trusted as written.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

fn parser(markdown: &str) -> Parser<'_> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    Parser::new_ext(markdown, options)
}

/// The article as HTML safe to embed in a page: no scripts, styles, event handlers or
/// `javascript:` links; links open without giving the target page a handle on ours.
pub fn to_safe_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser(markdown));
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto", "tg"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

/// The article's words without Markdown marks: for Telegram messages and for the index.
/// Blocks are separated by blank lines, list items start with "• ", links keep their text.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in parser(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => {
                trim_line_end(&mut out);
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("• ");
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock)
            | Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Table) => {
                trim_line_end(&mut out);
                out.push_str("\n\n");
            }
            Event::End(TagEnd::TableCell) => out.push_str("  "),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => out.push('\n'),
            // Raw HTML in an article is markup, not words.
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

fn trim_line_end(out: &mut String) {
    let trimmed = out.trim_end_matches([' ', '\t']).len();
    out.truncate(trimmed);
}

/// The first `max_chars` characters of the plain text on one line, cut at a word boundary
/// with "…" when cut: the line under a search result.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let text = plain_text(markdown);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_in_an_article_never_reaches_a_page() {
        let html = to_safe_html(
            "# Refunds\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) \
             <img src=x onerror=alert(1)> [terms](https://example.com/terms)",
        );
        assert!(html.contains("<h1>Refunds</h1>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(
            html.contains("href=\"https://example.com/terms\""),
            "{html}"
        );
        assert!(html.contains("noopener"), "{html}");
    }

    #[test]
    fn plain_text_keeps_words_and_drops_marks() {
        let text = plain_text(
            "# Refund policy\n\nMoney is **returned** within *5 days*.\n\n- card\n- wallet\n\n\
             See [the terms](https://example.com).",
        );
        assert_eq!(
            text,
            "Refund policy\n\nMoney is returned within 5 days.\n\n• card\n• wallet\n\nSee the terms."
        );
    }

    #[test]
    fn an_excerpt_is_cut_between_words() {
        let markdown = "Money is returned to the card you paid with, within five working days.";
        assert_eq!(excerpt(markdown, 200), markdown);
        assert_eq!(excerpt(markdown, 30), "Money is returned to the card…");
    }
}
