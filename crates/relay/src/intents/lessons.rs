//! Which past tickets teach the model what (docs/classification.md): pure, from what the
//! store read of them.
//!
//! - A ticket's label is its topic, with the tag an agent gave it when it has exactly one
//!   learnable tag ([`Label`]). Two or more such tags say two things at once: the ticket then
//!   teaches its topic only.
//! - A tag is learnable when agents gave it to at least [`MIN_PER_LABEL`] of the tickets read;
//!   rarer ones are left out, and so are the tags the desk sets itself (`angry`, the model's own
//!   guesses), which the store never counts as an agent's.
//! - What the model gave a ticket and nobody changed is not a lesson: its topic, when the
//!   model set it and the ticket still has it, and its tag likewise (the model must not learn
//!   its own guesses). A ticket left with nothing is no example.
//! - A label needs [`MIN_PER_LABEL`] examples. A topic with a tag that has fewer teaches its
//!   topic instead; anything else that rare is left out.

use super::label::Label;
use std::collections::BTreeMap;
use ticketgram_domain::{Tag, TopicId};
use ticketgram_store::PastQuestion;
use ticketgram_understanding::classifier::Example;

/// A label needs this many examples to be learned, a tag this many tickets to be one.
pub const MIN_PER_LABEL: usize = 3;

/// The examples to train on, and how many labels they teach.
#[derive(Debug, Clone)]
pub struct Lessons {
    pub examples: Vec<Example>,
    pub labels: usize,
}

/// What a past ticket says, its own guesses aside.
fn agents_said(question: &PastQuestion) -> (Option<TopicId>, Vec<Tag>) {
    let own = question
        .intent
        .as_ref()
        .filter(|intent| intent.applied)
        .and_then(|intent| Label::parse(&intent.label));
    let topic = question
        .topic
        .map(TopicId)
        .filter(|topic| own.as_ref().is_none_or(|own| own.topic != Some(*topic)));
    let tags = question
        .agent_tags
        .iter()
        .filter_map(|tag| Tag::parse(tag))
        .filter(|tag| own.as_ref().is_none_or(|own| own.tag.as_ref() != Some(tag)))
        .collect();
    (topic, tags)
}

pub fn lessons(questions: &[PastQuestion]) -> Lessons {
    let said: Vec<(Option<TopicId>, Vec<Tag>)> = questions.iter().map(agents_said).collect();
    let mut tickets_per_tag: BTreeMap<&Tag, usize> = BTreeMap::new();
    for (_, tags) in &said {
        for tag in tags {
            *tickets_per_tag.entry(tag).or_default() += 1;
        }
    }
    let learnable = |tag: &&Tag| tickets_per_tag.get(tag).copied().unwrap_or(0) >= MIN_PER_LABEL;
    let labelled: Vec<(Label, &str)> = said
        .iter()
        .zip(questions)
        .filter_map(|((topic, tags), question)| {
            let tags: Vec<&Tag> = tags.iter().filter(learnable).collect();
            let tag = match tags.as_slice() {
                [one] => Some((*one).clone()),
                _ => None,
            };
            let label = Label { topic: *topic, tag };
            (label.topic.is_some() || label.tag.is_some())
                .then_some((label, question.text.as_str()))
        })
        .collect();
    let counts = count(labelled.iter().map(|(label, _)| label));
    let labelled: Vec<(Label, &str)> = labelled
        .into_iter()
        .filter_map(|(label, text)| {
            if counts[&label] >= MIN_PER_LABEL {
                return Some((label, text));
            }
            label.topic_only().map(|topic| (topic, text))
        })
        .collect();
    let counts = count(labelled.iter().map(|(label, _)| label));
    let examples: Vec<Example> = labelled
        .iter()
        .filter(|(label, _)| counts[label] >= MIN_PER_LABEL)
        .map(|(label, text)| Example::new(text.to_string(), label.to_string()))
        .collect();
    let labels = counts.values().filter(|&&n| n >= MIN_PER_LABEL).count();
    Lessons { examples, labels }
}

fn count<'a>(labels: impl Iterator<Item = &'a Label>) -> BTreeMap<Label, usize> {
    let mut counts = BTreeMap::new();
    for label in labels {
        *counts.entry(label.clone()).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticketgram_store::TicketIntent;

    const PAYMENTS: i64 = 1;
    const DELIVERY: i64 = 2;

    fn asked(topic: Option<i64>, tags: &[&str], text: &str) -> PastQuestion {
        PastQuestion {
            topic,
            agent_tags: tags.iter().map(|t| t.to_string()).collect(),
            text: text.into(),
            intent: None,
        }
    }

    fn taught(lessons: &Lessons) -> BTreeMap<String, usize> {
        let mut taught = BTreeMap::new();
        for example in &lessons.examples {
            *taught.entry(example.label.clone()).or_default() += 1;
        }
        taught
    }

    fn many(n: usize, topic: Option<i64>, tags: &[&str]) -> Vec<PastQuestion> {
        (0..n)
            .map(|i| asked(topic, tags, &format!("question {i}")))
            .collect()
    }

    #[test]
    fn a_tag_agents_use_often_is_learned_with_its_topic() {
        let mut past = many(4, Some(PAYMENTS), &[]);
        past.extend(many(3, Some(PAYMENTS), &["refund"]));
        past.extend(many(3, Some(DELIVERY), &[]));
        // Kate once tagged a buyer "vip": too rare to be an intent, the ticket teaches Delivery.
        past.push(asked(Some(DELIVERY), &["vip"], "where is my parcel"));
        let lessons = lessons(&past);
        let expected = BTreeMap::from([
            ("1".to_string(), 4),
            ("1#refund".to_string(), 3),
            ("2".to_string(), 4),
        ]);
        assert_eq!((taught(&lessons), lessons.labels), (expected, 3));
    }

    #[test]
    fn a_desk_without_topics_learns_its_tags() {
        let mut past = many(3, None, &["refund"]);
        past.extend(many(3, None, &["delivery"]));
        past.extend(many(2, None, &["login"]));
        let lessons = lessons(&past);
        let expected = BTreeMap::from([("#delivery".to_string(), 3), ("#refund".to_string(), 3)]);
        assert_eq!(
            taught(&lessons),
            expected,
            "two login tickets teach nothing yet"
        );
    }

    #[test]
    fn a_rare_pair_teaches_its_topic_and_two_intents_at_once_teach_the_topic() {
        let mut past = many(3, Some(PAYMENTS), &[]);
        past.extend(many(3, Some(DELIVERY), &["refund"]));
        // Refund is learnable (five tickets), but only twice in Payments.
        past.extend(many(2, Some(PAYMENTS), &["refund"]));
        past.extend(many(3, Some(DELIVERY), &["refund", "late"]));
        past.extend(many(3, None, &["late"]));
        let taught = taught(&lessons(&past));
        assert_eq!(taught.get("1"), Some(&5));
        assert_eq!(taught.get("2#refund"), Some(&3));
        assert_eq!(
            taught.get("2"),
            Some(&3),
            "refund and late at once: Delivery only"
        );
        assert_eq!(taught.get("#late"), Some(&3));
        assert_eq!(taught.get("1#refund"), None);
    }

    #[test]
    fn the_models_own_guesses_are_not_lessons() {
        let guessed = |label: &str, applied: bool| TicketIntent {
            label: label.into(),
            confidence_pct: 80,
            applied,
        };
        let mut own = asked(Some(PAYMENTS), &["refund"], "my refund?");
        own.intent = Some(guessed("1#refund", true));
        // An agent moved this one to Delivery: the topic is theirs, the tag still the model's.
        let mut moved = asked(Some(DELIVERY), &["refund"], "parcel refund?");
        moved.intent = Some(guessed("1#refund", true));
        // Shown but not applied: what the agents set is theirs.
        let mut shown = asked(Some(PAYMENTS), &["refund"], "refund please");
        shown.intent = Some(guessed("1#refund", false));
        let said: Vec<_> = [own, moved, shown].iter().map(agents_said).collect();
        let refund = Tag::parse("refund");
        assert_eq!(said[0], (None, vec![]));
        assert_eq!(said[1], (Some(TopicId(DELIVERY)), vec![]));
        assert_eq!(
            said[2],
            (Some(TopicId(PAYMENTS)), refund.into_iter().collect())
        );
    }
}
