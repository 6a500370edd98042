//! The page shell: navigation by role, the stylesheet (works on a phone) and the one script
//! that keeps lists live (server-sent events, then a re-fetch of the live part). Both are
//! files under `/static/` (see `assets`): the pages carry no inline script or style. The
//! shell speaks the reader's language (`words`).

use crate::auth::Signed;
use crate::words::Words;
use axum::response::Html;
use maud::{html, Markup, DOCTYPE};

pub fn page(words: &Words, title: &str, signed: Option<&Signed>, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang=(words.language.code()) {
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
                            a href="/inbox" { (words.t("web-nav-inbox")) }
                            a href="/admin/kb" { (words.t("web-nav-kb")) }
                            a href="/complaints" { (words.t("web-nav-complaints")) }
                            @if signed.agent.role.can_configure() {
                                a href="/reports" { (words.t("web-nav-reports")) }
                                a href="/admin" { (words.t("web-nav-admin")) }
                            }
                            @if signed.desks.len() > 1 {
                                (desk_switcher(words, signed))
                            }
                            a href="/account" { (signed.agent.name) }
                            form method="post" action="/logout" {
                                (csrf(signed))
                                button { (words.t("web-log-out")) }
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
pub fn bare(words: &Words, title: &str, text: &str) -> Html<String> {
    page(
        words,
        title,
        None,
        html! {
            h1 { (title) }
            p { (text) }
            p { a href="/inbox" { (words.t("web-back-to-inbox")) } }
        },
    )
}

pub fn csrf(signed: &Signed) -> Markup {
    html! {
        input type="hidden" name="csrf" value=(signed.csrf);
        (crate::nonce::field())
    }
}

/// The desks this person works in, the current one chosen: switching posts the choice.
fn desk_switcher(words: &Words, signed: &Signed) -> Markup {
    html! {
        form.desk-switch method="post" action="/desks/switch" {
            (csrf(signed))
            label {
                (words.t("web-desk")) " "
                select name="desk" {
                    @for desk in &signed.desks {
                        option value=(desk.slug) selected[desk.current] { (desk.name) }
                    }
                }
            }
            button { (words.t("web-desk-switch")) }
        }
    }
}
