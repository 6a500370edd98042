//! Topics clients choose when opening a request ("Payments", "Disputes").

use crate::ids::{TopicId, WorkspaceId};
use crate::language::Language;
use crate::ticket::Priority;
use serde::{Deserialize, Serialize};

/// A topic's name in every language the desk speaks; falls back to English, then to any.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TopicName(pub Vec<(Language, String)>);

impl TopicName {
    pub fn single(name: &str) -> TopicName {
        TopicName(vec![(Language::En, name.to_string())])
    }

    pub fn in_language(&self, language: Language) -> &str {
        let find = |l: Language| {
            self.0
                .iter()
                .find(|(lang, _)| *lang == l)
                .map(|(_, n)| n.as_str())
        };
        find(language)
            .or_else(|| find(Language::En))
            .or_else(|| self.0.first().map(|(_, n)| n.as_str()))
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: TopicId,
    pub workspace: WorkspaceId,
    pub name: TopicName,
    pub position: i64,
    pub default_priority: Priority,
    /// Queue (team) tickets of this topic are routed to.
    pub queue: Option<String>,
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_names_fall_back_to_english() {
        let name = TopicName(vec![
            (Language::En, "Payments".into()),
            (Language::Ru, "Платежи".into()),
        ]);
        assert_eq!(name.in_language(Language::Ru), "Платежи");
        assert_eq!(name.in_language(Language::De), "Payments");
    }
}
