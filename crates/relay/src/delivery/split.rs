//! Telegram refuses texts over 4096 characters and captions over 1024. An agent's long answer
//! is split into several messages rather than rejected, at paragraph, line or word boundaries
//! so no word is cut in half.

/// Telegram's limits, counted in characters (UTF-16 code units in Telegram's docs; characters
/// are the conservative reading for the scripts our clients write in).
pub const TEXT_LIMIT: usize = 4096;
pub const CAPTION_LIMIT: usize = 1024;

pub fn split_text(text: &str, limit: usize) -> Vec<String> {
    let mut parts = vec![];
    let mut rest = text;
    while rest.chars().count() > limit {
        let byte_limit = rest
            .char_indices()
            .nth(limit)
            .map_or(rest.len(), |(i, _)| i);
        let window = &rest[..byte_limit];
        let cut = ["\n\n", "\n", " "]
            .iter()
            .filter_map(|sep| window.rfind(sep).map(|i| i + sep.len()))
            .find(|&i| i > byte_limit / 2)
            .unwrap_or(byte_limit);
        parts.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(rest.to_string());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_stay_whole() {
        assert_eq!(split_text("hello", TEXT_LIMIT), vec!["hello"]);
    }

    #[test]
    fn long_answers_split_at_paragraphs_within_the_limit() {
        let paragraph = "word ".repeat(300); // 1500 chars
        let text = [paragraph.as_str(); 4].join("\n\n");
        let parts = split_text(&text, TEXT_LIMIT);
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.chars().count() <= TEXT_LIMIT));
        assert_eq!(
            parts.concat().replace(['\n', ' '], ""),
            text.replace(['\n', ' '], "")
        );
    }

    #[test]
    fn a_text_without_spaces_is_cut_hard_but_never_inside_a_character() {
        let text = "я".repeat(5000);
        let parts = split_text(&text, TEXT_LIMIT);
        assert_eq!(parts[0].chars().count(), TEXT_LIMIT);
        assert_eq!(parts[1].chars().count(), 5000 - TEXT_LIMIT);
    }
}
