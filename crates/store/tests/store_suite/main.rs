//! The store suite: one set of support stories, run on SQLite always and on PostgreSQL when
//! `TEST_DATABASE_URL` names a server. Each run gets its own fresh database.

mod helpers;

mod api_tokens;
mod complaints;
mod concurrency;
mod conversation;
mod desk;
mod desk_profile;
mod desks;
mod flows;
mod forecast_history;
mod inbox;
mod instances;
mod leases;
mod manager_bot;
mod messages;
mod outbox;
mod privacy;
mod read_together;
mod recovery;
mod scale;
mod schema;
mod schema_parity;
mod settings_bot;
mod sign_in_throttle;
mod ticket_search;
mod tickets;
mod web_sessions;
mod webhooks;
mod work_avoided;
