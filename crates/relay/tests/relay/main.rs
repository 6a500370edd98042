//! End-to-end stories of the ticket conversation, against the Telegram sandbox and a real
//! database, through the same Telegram client as production.

mod bad_input;
mod complaints;
mod conversation;
mod crash_inside;
mod flood;
mod flow_knowledge;
mod follow_up;
mod group_upgrade;
mod harness;
mod help_centre;
mod helper_bots;
mod instances;
mod intents;
mod joined_comments;
mod language;
mod manager_bot;
mod order_lookup;
mod outside;
mod pacing;
mod platform;
mod public_complaints;
mod recovery;
mod resilience;
mod routing;
mod self_service;
mod settings_bot;
mod shards;
mod story;
mod structure;
mod three_bots;
mod translated_captions;
mod translation;
mod trends;
mod urgency;
mod work_avoided;
