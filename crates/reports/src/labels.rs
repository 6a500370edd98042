//! Translated labels and the names shown for agents and topics.

use ticketgram_domain::{AgentId, TopicId};

use crate::{ReportBook, Sheet};

impl ReportBook<'_> {
    /// The label `key` from `reports.ftl` in the book's language.
    pub(crate) fn label(&self, key: &str) -> String {
        self.translator.text(self.language, key, &[])
    }

    pub(crate) fn sheet_name(&self, sheet: Sheet) -> String {
        self.label(match sheet {
            Sheet::Summary => "report-sheet-summary",
            Sheet::Agents => "report-sheet-agents",
            Sheet::Topics => "report-sheet-topics",
            Sheet::Trend => "report-sheet-trend",
            Sheet::TopicTrend => "report-sheet-topic-trend",
            Sheet::Complaints => "report-sheet-complaints",
            Sheet::Articles => "report-sheet-articles",
            Sheet::FlowSteps => "report-sheet-flow-steps",
        })
    }

    /// A complaint category's name: the built-in ones translated, a desk's own as written.
    pub(crate) fn category_name(&self, slug: &str) -> String {
        let key = format!("complaint-category-{slug}");
        match self.label(&key) {
            text if text == key => slug.replace('_', " "),
            text => text,
        }
    }

    /// The agent's name, `#<id>` for an agent without one, "Unassigned" for no agent.
    pub(crate) fn agent_name(&self, agent: Option<AgentId>) -> String {
        match agent {
            None => self.label("report-unassigned"),
            Some(id) => self
                .agent_names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("#{}", id.0)),
        }
    }

    /// The topic's name, `#<id>` for a topic without one, "No topic" for no topic.
    pub(crate) fn topic_name(&self, topic: Option<TopicId>) -> String {
        match topic {
            None => self.label("report-no-topic"),
            Some(id) => self
                .topic_names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("#{}", id.0)),
        }
    }
}
