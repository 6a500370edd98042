//! The exactly-once check: once the outbox is empty, the whole discussion group is read back
//! and every relayed copy is counted. This, not the observer's first sightings, is what the
//! delivery figures rest on.

use crate::desk::BenchDesk;
use crate::ledger::{Ledger, Token};
use crate::observer::relayed_tokens;
use crate::report::DeliveryReport;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub fn read_back(desk: &BenchDesk, ledger: &Ledger) -> DeliveryReport {
    let mut cards_posted = 0;
    // Every copy of every token, with the thread it landed in (group and thread).
    let mut copies: BTreeMap<Token, Vec<(i64, i64)>> = BTreeMap::new();
    for group in &desk.groups {
        let messages = desk.world().chat_messages(*group);
        cards_posted += messages
            .iter()
            .filter(|m| m.get("is_automatic_forward").and_then(Value::as_bool) == Some(true))
            .count();
        for message in &messages {
            let thread = message["message_thread_id"].as_i64().unwrap_or(0);
            for token in relayed_tokens(message, &desk.posters) {
                copies
                    .entry(token)
                    .or_default()
                    .push((group.telegram_id(), thread));
            }
        }
    }
    let slots = ledger.snapshot();
    let messages_each = slots.first().map_or(0, Vec::len);
    let mut report = DeliveryReport {
        expected: slots.len() * messages_each,
        cards_posted,
        card_edits: desk
            .world()
            .call_count(desk.bot.id, "editMessageText", None),
        ..DeliveryReport::default()
    };
    let mut threads_taken = BTreeSet::new();
    for (client, messages) in slots.iter().enumerate() {
        let home = copies
            .get(&Token { client, message: 0 })
            .and_then(|t| t.first().copied());
        if let Some(home) = home {
            if !threads_taken.insert(home) {
                // Another client's first message already opened this thread.
                report.misrouted += 1;
            }
        }
        for (message, slot) in messages.iter().enumerate() {
            let seen = copies
                .remove(&Token { client, message })
                .unwrap_or_default();
            if slot.sent.is_some() {
                report.sent += 1;
            } else if !seen.is_empty() {
                report.unexpected += seen.len();
                continue;
            }
            match seen.len() {
                0 if slot.sent.is_some() => report.lost += 1,
                0 => {}
                n => {
                    report.delivered_once += 1;
                    report.duplicated += n - 1;
                }
            }
            report.misrouted += seen.iter().filter(|t| Some(**t) != home).count();
        }
    }
    // Tokens of clients or messages that never existed.
    report.unexpected += copies.values().map(Vec::len).sum::<usize>();
    report.exactly_once = report.sent == report.expected
        && report.delivered_once == report.expected
        && report.duplicated == 0
        && report.unexpected == 0
        && report.misrouted == 0
        && report.cards_posted == ledger.clients();
    report
}
