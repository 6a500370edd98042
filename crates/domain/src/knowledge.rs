//! The knowledge base: articles that answer common questions before a human is needed.
//!
//! An article is one text in one language; its translations share its slug, so the public
//! page `/kb/<desk>/<language>/<slug>` of one language can link to the others.

use crate::{AgentId, Language, Timestamp};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Row id of one article (one language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub i64);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Whether clients can see an article. Drafts are searched by agents only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ArticleStatus {
    #[default]
    Draft,
    Published,
}

impl ArticleStatus {
    pub fn code(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Published => "published",
        }
    }

    pub fn from_code(code: &str) -> Option<ArticleStatus> {
        match code {
            "draft" => Some(ArticleStatus::Draft),
            "published" => Some(ArticleStatus::Published),
            _ => None,
        }
    }
}

/// The address part of an article: `refund-after-escrow`. Lowercase ASCII letters, digits and
/// single hyphens, so it is safe in a URL and reads well when an agent pastes the link.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ArticleSlug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArticleError {
    #[error("a slug is 1 to 80 lowercase letters, digits and single hyphens (like refund-policy)")]
    BadSlug,
    #[error("a title is 1 to 200 characters")]
    BadTitle,
    #[error("an article's text is at most 100000 characters")]
    BodyTooLong,
    #[error("a category is at most 80 characters")]
    BadCategory,
}

impl ArticleSlug {
    pub const MAX: usize = 80;

    pub fn new(raw: &str) -> Result<ArticleSlug, ArticleError> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !raw.starts_with('-')
            && !raw.ends_with('-')
            && !raw.contains("--");
        ok.then(|| ArticleSlug(raw.to_string()))
            .ok_or(ArticleError::BadSlug)
    }

    /// A slug made from a title: "How do I get a refund?" → `how-do-i-get-a-refund`. Titles
    /// without Latin letters or digits (Russian, Chinese) give `article`; the editor shows the
    /// slug so the author can choose a better one.
    pub fn from_title(title: &str) -> ArticleSlug {
        let mut slug = String::new();
        for c in title.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
            if slug.len() >= Self::MAX {
                break;
            }
        }
        let slug = slug.trim_end_matches('-');
        ArticleSlug::new(slug).unwrap_or_else(|_| ArticleSlug("article".into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for ArticleSlug {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        ArticleSlug::new(&raw).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for ArticleSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an author writes; checked before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDraft {
    pub slug: ArticleSlug,
    pub language: Language,
    pub category: String,
    pub title: String,
    /// Markdown.
    pub body: String,
    pub status: ArticleStatus,
}

impl ArticleDraft {
    pub const MAX_BODY: usize = 100_000;

    pub fn check(&self) -> Result<(), ArticleError> {
        let title = self.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(ArticleError::BadTitle);
        }
        if self.body.chars().count() > Self::MAX_BODY {
            return Err(ArticleError::BodyTooLong);
        }
        if self.category.chars().count() > 80 {
            return Err(ArticleError::BadCategory);
        }
        Ok(())
    }
}

/// A stored article, at its latest revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    pub slug: ArticleSlug,
    pub language: Language,
    pub category: String,
    pub title: String,
    pub body: String,
    pub status: ArticleStatus,
    /// 1 for the first text, +1 per saved edit; the history keeps every one.
    pub revision: i64,
    pub updated_at: Timestamp,
    pub updated_by: Option<AgentId>,
}

/// What a client said about suggested articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionOutcome {
    /// "Yes, this answered my question": a request a human did not have to handle.
    Helped,
    /// "No": the request was opened with the suggestions noted.
    NotHelped,
}

impl SuggestionOutcome {
    pub fn code(self) -> &'static str {
        match self {
            SuggestionOutcome::Helped => "helped",
            SuggestionOutcome::NotHelped => "not_helped",
        }
    }

    pub fn from_code(code: &str) -> Option<SuggestionOutcome> {
        match code {
            "helped" => Some(SuggestionOutcome::Helped),
            "not_helped" => Some(SuggestionOutcome::NotHelped),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe_words() {
        assert!(ArticleSlug::new("refund-after-escrow").is_ok());
        for bad in ["", "Refund", "a--b", "-a", "a-", "a b", "возврат", "a/b"] {
            assert_eq!(ArticleSlug::new(bad), Err(ArticleError::BadSlug), "{bad:?}");
        }
        assert_eq!(
            ArticleSlug::from_title("How do I get a refund?").as_str(),
            "how-do-i-get-a-refund"
        );
        assert_eq!(
            ArticleSlug::from_title("Как вернуть деньги").as_str(),
            "article"
        );
        assert_eq!(ArticleSlug::from_title(&"x".repeat(300)).as_str().len(), 80);
    }

    #[test]
    fn a_draft_needs_a_title() {
        let draft = ArticleDraft {
            slug: ArticleSlug::new("a").unwrap(),
            language: Language::En,
            category: String::new(),
            title: "  ".into(),
            body: String::new(),
            status: ArticleStatus::Draft,
        };
        assert_eq!(draft.check(), Err(ArticleError::BadTitle));
    }
}
