//! The desk's glossary: words translated a fixed way ("escrow" is "эскроу" in Russian) or
//! kept as written (brand names), whichever provider translates.
//!
//! Providers' own glossaries differ (DeepL has one, LibreTranslate none, a chat model only
//! follows instructions), so the desk's is applied on our side, the same for all: each term
//! in the text is replaced by a placeholder `⟦1⟧` before the call and the placeholder by the
//! term's rendering after it. The brackets (U+27E6/U+27E7) never occur in chat text and
//! engines copy such tokens through; a placeholder that comes back with spaces inside
//! (`⟦ 1 ⟧`) still counts. One that is lost or mangled is an error unless the provider wrote
//! the term itself where it was ([`TranslateError::GlossaryLost`]): the relay then sends the
//! message untranslated and marked rather than without the word.
//!
//! **Matching.** A term matches whole words only (a term beginning or ending with a letter
//! or digit needs a word boundary there; CJK text has no spaces, so CJK terms match
//! anywhere), the longest term first. Matching ignores case unless the entry says
//! `case_sensitive`. **Rendering.** A kept term is put back exactly as the text wrote it
//! ("Escrow" at the start of a sentence stays "Escrow"); a fixed translation is inserted as
//! written in the glossary for the target language; a term with no form for the target
//! language is kept as written. A text that already contains `⟦` or `⟧` is sent without
//! placeholders, since its own brackets would be taken for ours.

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::config::ConfigError;
use crate::error::TranslateError;
use crate::lang::Lang;

/// A long glossary is a dictionary, which belongs in a provider's own glossary feature.
pub const MAX_TERMS: usize = 500;
pub const MAX_TERM_CHARS: usize = 100;

/// One glossary entry: either `keep` (the same in every language) or `forms` (the term as
/// written in each language, e.g. `{"en": "escrow", "ru": "эскроу"}`). A form in the text's
/// language is found and replaced by the form in the target language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub forms: BTreeMap<Lang, String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub case_sensitive: bool,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// A glossary checked and compiled: one matcher per source language the glossary names, and
/// one for texts of another or unknown language (kept terms, plus every form when unknown).
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    terms: Vec<Term>,
    by_source: BTreeMap<String, Matcher>,
    keep_only: Option<Matcher>,
    any_source: Option<Matcher>,
}

/// The alternatives of one regex, longest first, each with the term it stands for.
#[derive(Debug, Clone)]
struct Matcher {
    regex: Regex,
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    text: String,
    case_sensitive: bool,
    term: usize,
}

/// A text with its terms replaced by placeholders, and what each placeholder becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Protected {
    pub(crate) text: String,
    inserts: Vec<String>,
}

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"⟦\s*([0-9]{1,4})\s*⟧").unwrap_or_else(|_| unreachable!("a valid pattern"))
});

impl Glossary {
    pub fn new(terms: &[Term]) -> Result<Glossary, ConfigError> {
        if terms.len() > MAX_TERMS {
            return Err(ConfigError::Glossary {
                index: MAX_TERMS,
                problem: format!("a glossary holds at most {MAX_TERMS} entries"),
            });
        }
        for (index, term) in terms.iter().enumerate() {
            check(term).map_err(|problem| ConfigError::Glossary { index, problem })?;
        }
        let all: Vec<Pattern> = patterns(terms, |_| true);
        let keeps: Vec<Pattern> = patterns(terms, |lang| lang.is_none());
        let mut by_source = BTreeMap::new();
        let languages: std::collections::BTreeSet<&str> = terms
            .iter()
            .flat_map(|t| t.forms.keys().map(Lang::primary))
            .collect();
        for language in languages {
            let chosen = patterns(terms, |lang| lang.is_none_or(|l| l.primary() == language));
            if let Some(matcher) = Matcher::new(chosen)? {
                by_source.insert(language.to_string(), matcher);
            }
        }
        Ok(Glossary {
            terms: terms.to_vec(),
            by_source,
            keep_only: Matcher::new(keeps)?,
            any_source: Matcher::new(all)?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// `text` with the terms a text in `source` contains replaced by placeholders, each
    /// rendered for `target`.
    pub(crate) fn protect(&self, text: &str, source: Option<&Lang>, target: &Lang) -> Protected {
        let unprotected = || Protected {
            text: text.to_string(),
            inserts: Vec::new(),
        };
        if text.contains(['⟦', '⟧']) {
            return unprotected();
        }
        let matcher = match source {
            Some(lang) => self
                .by_source
                .get(lang.primary())
                .or(self.keep_only.as_ref()),
            None => self.any_source.as_ref(),
        };
        let Some(matcher) = matcher else {
            return unprotected();
        };
        let mut inserts = Vec::new();
        let protected = matcher
            .regex
            .replace_all(text, |found: &regex::Captures<'_>| {
                let written = &found[0];
                let Some(term) = matcher.find(written).map(|p| &self.terms[p.term]) else {
                    return written.to_string();
                };
                inserts.push(render(term, written, target));
                format!("⟦{}⟧", inserts.len())
            });
        Protected {
            text: protected.into_owned(),
            inserts,
        }
    }
}

impl Protected {
    #[cfg(test)]
    pub(crate) fn inserts(&self) -> &[String] {
        &self.inserts
    }

    /// The translation with each placeholder replaced by its term; an error when a term is
    /// neither at a placeholder nor written out by the provider.
    pub(crate) fn restore(&self, translated: &str) -> Result<String, TranslateError> {
        if self.inserts.is_empty() {
            return Ok(translated.to_string());
        }
        let mut seen = vec![false; self.inserts.len()];
        let restored = PLACEHOLDER.replace_all(translated, |found: &regex::Captures<'_>| {
            let id = found[1].parse::<usize>().unwrap_or(0);
            match id.checked_sub(1).and_then(|i| self.inserts.get(i)) {
                Some(insert) => {
                    seen[id - 1] = true;
                    insert.clone()
                }
                None => found[0].to_string(),
            }
        });
        // A lost placeholder is forgiven when the provider wrote the term out instead (an
        // LLM often does): as many occurrences as the term had placeholders, ignoring case.
        let lowered = restored.to_lowercase();
        for (i, insert) in self.inserts.iter().enumerate() {
            if seen[i] {
                continue;
            }
            let needle = insert.to_lowercase();
            let expected = self.inserts.iter().filter(|other| *other == insert).count();
            if lowered.matches(&needle).count() < expected {
                return Err(TranslateError::GlossaryLost {
                    term: insert.clone(),
                });
            }
        }
        Ok(restored.into_owned())
    }
}

impl Matcher {
    fn new(mut patterns: Vec<Pattern>) -> Result<Option<Matcher>, ConfigError> {
        if patterns.is_empty() {
            return Ok(None);
        }
        // Longest first: the regex takes the first alternative that matches at a position,
        // so "escrow account" must come before "escrow".
        patterns.sort_by_key(|p| std::cmp::Reverse(p.text.chars().count()));
        let alternatives: Vec<String> = patterns.iter().map(Pattern::regex).collect();
        let regex = RegexBuilder::new(&alternatives.join("|"))
            .size_limit(1 << 22)
            .build()
            .map_err(|error| ConfigError::Glossary {
                index: 0,
                problem: format!("the glossary is too large to use ({error})"),
            })?;
        Ok(Some(Matcher { regex, patterns }))
    }

    /// Which pattern `written` (a match of the regex) stands for.
    fn find(&self, written: &str) -> Option<&Pattern> {
        let lowered = written.to_lowercase();
        self.patterns.iter().find(|p| {
            if p.case_sensitive {
                p.text == written
            } else {
                p.text.to_lowercase() == lowered
            }
        })
    }
}

impl Pattern {
    fn regex(&self) -> String {
        let escaped = regex::escape(&self.text);
        let starts = self.text.chars().next().is_some_and(needs_boundary);
        let ends = self.text.chars().last().is_some_and(needs_boundary);
        let flags = if self.case_sensitive { "" } else { "i" };
        format!(
            "(?{flags}:{}{escaped}{})",
            if starts { r"\b" } else { "" },
            if ends { r"\b" } else { "" }
        )
    }
}

/// Every form of every term whose language `choose` accepts (`None`: a kept term).
fn patterns(terms: &[Term], choose: impl Fn(Option<&Lang>) -> bool) -> Vec<Pattern> {
    let mut chosen = Vec::new();
    for (index, term) in terms.iter().enumerate() {
        let pattern = |text: &str| Pattern {
            text: text.trim().to_string(),
            case_sensitive: term.case_sensitive,
            term: index,
        };
        if let Some(keep) = &term.keep {
            if choose(None) {
                chosen.push(pattern(keep));
            }
        }
        for (lang, form) in &term.forms {
            if choose(Some(lang)) {
                chosen.push(pattern(form));
            }
        }
    }
    chosen
}

fn render(term: &Term, written: &str, target: &Lang) -> String {
    if term.keep.is_some() {
        return written.to_string();
    }
    let primary = Lang::parse(target.primary()).ok();
    term.forms
        .get(target)
        .or_else(|| primary.and_then(|p| term.forms.get(&p)))
        .map_or_else(|| written.to_string(), |form| form.trim().to_string())
}

fn check(term: &Term) -> Result<(), String> {
    let texts: Vec<&String> = term.keep.iter().chain(term.forms.values()).collect();
    match (&term.keep, term.forms.is_empty()) {
        (None, true) => return Err("give a term to keep, or its forms in each language".into()),
        (Some(_), false) => {
            return Err("either keep a term as written or give its forms, not both".into())
        }
        _ => {}
    }
    for text in texts {
        if text.trim().is_empty() {
            return Err("a term is empty".into());
        }
        if text.chars().count() > MAX_TERM_CHARS {
            return Err(format!("a term is longer than {MAX_TERM_CHARS} characters"));
        }
        if text.contains(['⟦', '⟧']) {
            return Err("a term must not contain ⟦ or ⟧".into());
        }
    }
    Ok(())
}

/// Whether a term edge at `c` needs a word boundary: letters and digits do, except in
/// scripts written without spaces (Chinese, Japanese, Korean Hangul is spaced but its
/// syllables are words' parts too often to ask for one).
fn needs_boundary(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // kana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(raw: &str) -> Lang {
        Lang::parse(raw).unwrap()
    }

    fn desk() -> Glossary {
        let terms: Vec<Term> = serde_json::from_str(
            r#"[{"keep": "Ticketgram"},
                {"forms": {"en": "escrow", "ru": "эскроу", "de": "Treuhand"}},
                {"forms": {"en": "escrow account", "ru": "счёт эскроу"}},
                {"keep": "PayFlow", "case_sensitive": true},
                {"forms": {"en": "refund", "zh": "退款"}}]"#,
        )
        .unwrap();
        Glossary::new(&terms).unwrap()
    }

    #[test]
    fn terms_become_placeholders_rendered_for_the_target() {
        let protected = desk().protect(
            "Escrow: your ESCROW ACCOUNT at Ticketgram holds it; escrowed is no term.",
            Some(&lang("en")),
            &lang("ru"),
        );
        assert_eq!(
            protected.text,
            "⟦1⟧: your ⟦2⟧ at ⟦3⟧ holds it; escrowed is no term."
        );
        assert_eq!(protected.inserts(), ["эскроу", "счёт эскроу", "Ticketgram"]);
        let back = protected
            .restore("⟦1⟧: ваш ⟦ 2 ⟧ в ⟦3⟧ хранит их; escrowed — не термин.")
            .unwrap();
        assert_eq!(
            back,
            "эскроу: ваш счёт эскроу в Ticketgram хранит их; escrowed — не термин."
        );
    }

    #[test]
    fn the_source_language_decides_which_forms_are_looked_for() {
        let glossary = desk();
        let from_ru = glossary.protect("Деньги на эскроу", Some(&lang("ru")), &lang("en"));
        assert_eq!(from_ru.text, "Деньги на ⟦1⟧");
        assert_eq!(from_ru.inserts(), ["escrow"]);
        // A Russian text does not look for English forms; kept terms are looked for always.
        let mixed = glossary.protect("escrow и Ticketgram", Some(&lang("ru")), &lang("en"));
        assert_eq!(mixed.text, "escrow и ⟦1⟧");
        // A language the glossary does not name: kept terms only.
        let french = glossary.protect("escrow chez Ticketgram", Some(&lang("fr")), &lang("en"));
        assert_eq!(french.text, "escrow chez ⟦1⟧");
        // Unknown source: every form.
        let unknown = glossary.protect("эскроу", None, &lang("de"));
        assert_eq!(unknown.inserts(), ["Treuhand"]);
        // No form for the target: kept as written.
        let to_fr = glossary.protect("the escrow", Some(&lang("en")), &lang("fr"));
        assert_eq!(to_fr.inserts(), ["escrow"]);
    }

    #[test]
    fn case_sensitive_terms_and_cjk_terms() {
        let glossary = desk();
        let text = "PayFlow, not payflow";
        let protected = glossary.protect(text, Some(&lang("en")), &lang("ru"));
        assert_eq!(protected.text, "⟦1⟧, not payflow");
        let zh = glossary.protect("我要退款。", Some(&lang("zh")), &lang("en"));
        assert_eq!(zh.text, "我要⟦1⟧。");
        assert_eq!(zh.inserts(), ["refund"]);
    }

    #[test]
    fn a_lost_placeholder_is_forgiven_only_when_the_term_was_written_out() {
        let protected = desk().protect("Ticketgram and escrow", Some(&lang("en")), &lang("ru"));
        assert_eq!(
            protected.restore("Ticketgram и ⟦2⟧").unwrap(),
            "Ticketgram и эскроу"
        );
        assert_eq!(
            protected.restore("⟦1⟧ и [2]"),
            Err(TranslateError::GlossaryLost {
                term: "эскроу".into()
            })
        );
        assert!(protected.restore("Тикетграм и эскроу").is_err());
    }

    #[test]
    fn a_text_with_brackets_of_its_own_is_sent_as_it_is() {
        let protected = desk().protect("⟦1⟧ escrow", Some(&lang("en")), &lang("ru"));
        assert_eq!(protected.text, "⟦1⟧ escrow");
        assert_eq!(protected.restore("⟦1⟧ эскроу").unwrap(), "⟦1⟧ эскроу");
    }

    #[test]
    fn entries_that_cannot_work_are_refused_with_their_position() {
        let bad = |json: &str| {
            let terms: Vec<Term> = serde_json::from_str(json).unwrap();
            match Glossary::new(&terms) {
                Err(ConfigError::Glossary { index, .. }) => index,
                other => panic!("{json}: {other:?}"),
            }
        };
        assert_eq!(bad(r#"[{"keep": "a"}, {}]"#), 1);
        assert_eq!(bad(r#"[{"keep": "a", "forms": {"en": "b"}}]"#), 0);
        assert_eq!(bad(r#"[{"keep": "  "}]"#), 0);
        assert_eq!(bad(r#"[{"forms": {"en": "⟦x⟧"}}]"#), 0);
        // A misspelt field is no field: the entry is empty, and refused as such.
        assert_eq!(bad(r#"[{"keeep": "a"}]"#), 0);
    }
}
