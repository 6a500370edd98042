//! The REST API over HTTP against a running service: tickets end to end through the sandbox,
//! clients and reports, the authorization matrix, the OpenAPI document and webhooks.

mod harness;
mod receiver;

mod authorization;
mod clients_reports;
mod complaints;
mod events;
mod forecast;
mod kb;
mod openapi;
mod order_lookup;
mod privacy;
mod report_time_zone;
mod routing;
mod tickets;
mod translation_settings;
mod webhook_destinations;
mod webhook_signatures;
mod webhooks;
