//! The page shell: navigation by role, the stylesheet (works on a phone) and the one script
//! that keeps lists live (server-sent events, then a re-fetch of the live part). Both are
//! files under `/static/` (see `assets`): the pages carry no inline script or style.

use crate::auth::Signed;
use axum::response::Html;
use maud::{html, Markup, DOCTYPE};
use ticketgram_domain::Timestamp;

pub fn page(title: &str, signed: Option<&Signed>, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · Ticketgram" }
                    link rel="stylesheet" href="/static/console.css";
                    script src="/static/live.js" defer {}
                }
                body {
                    header {
                        strong { "Ticketgram" }
                        @if let Some(signed) = signed {
                            a href="/inbox" { "Inbox" }
                            @if signed.agent.role.can_configure() {
                                a href="/reports" { "Reports" }
                                a href="/admin" { "Admin" }
                            }
                            a href="/account" { (signed.agent.name) }
                            form method="post" action="/logout" {
                                (csrf(signed))
                                button { "Log out" }
                            }
                        }
                    }
                    main { (body) }
                }
            }
        }
        .into_string(),
    )
}

/// A page without a session (errors).
pub fn bare(title: &str, text: &str) -> Html<String> {
    page(
        title,
        None,
        html! { h1 { (title) } p { (text) } p { a href="/inbox" { "Back to the inbox" } } },
    )
}

pub fn csrf(signed: &Signed) -> Markup {
    html! {
        input type="hidden" name="csrf" value=(signed.csrf);
        (crate::nonce::field())
    }
}

pub fn when(at: Timestamp) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}
