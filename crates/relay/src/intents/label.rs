//! What the desk's model names: what agents said of a past ticket — its topic, the tag they
//! gave it, or both — written as one label so that one model learns them together:
//! `12` (topic 12), `#refund` (the tag alone), `12#refund` (topic 12 with the tag).
//!
//! Topics are labels as before (a model trained before tags were learned reads the same), and
//! a ticket's label carries its topic beside its tag, so a request recognised as a refund
//! also lands in Payments.

use std::fmt;
use ticketgram_domain::{Tag, TopicId};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    pub topic: Option<TopicId>,
    pub tag: Option<Tag>,
}

impl Label {
    /// `None` for a label naming nothing, or not written as above.
    pub fn parse(raw: &str) -> Option<Label> {
        let (topic, tag) = match raw.split_once('#') {
            Some((topic, tag)) => (topic, Some(Tag::parse(tag)?)),
            None => (raw, None),
        };
        let topic = match topic {
            "" => None,
            id => Some(TopicId(id.parse().ok()?)),
        };
        (topic.is_some() || tag.is_some()).then_some(Label { topic, tag })
    }

    /// The same label without its tag (a topic's own), when it has a topic.
    pub fn topic_only(&self) -> Option<Label> {
        self.topic.map(|topic| Label {
            topic: Some(topic),
            tag: None,
        })
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(TopicId(id)) = self.topic {
            write!(f, "{id}")?;
        }
        if let Some(tag) = &self.tag {
            write!(f, "#{}", tag.as_str())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_reads_back_as_written() {
        for raw in ["12", "#refund", "12#refund", "3#a#b"] {
            let label = Label::parse(raw).unwrap();
            assert_eq!(label.to_string(), raw);
        }
        let both = Label::parse("12#refund").unwrap();
        assert_eq!(both.topic, Some(TopicId(12)));
        assert_eq!(both.tag.as_ref().map(Tag::as_str), Some("refund"));
        assert_eq!(both.topic_only(), Label::parse("12"));
        assert_eq!(Label::parse("#refund").unwrap().topic_only(), None);
        for nothing in ["", "#", "12#", "payments", "x#refund"] {
            assert_eq!(Label::parse(nothing), None, "{nothing:?}");
        }
    }
}
