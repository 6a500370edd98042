//! The page shell: navigation by role, a little CSS that works on a phone, and the one
//! script that keeps lists live (server-sent events, then a re-fetch of the live part).

use crate::auth::Signed;
use axum::response::Html;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use ticketgram_domain::Timestamp;

const CSS: &str = r#"
*{box-sizing:border-box}body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#1d2330;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.8rem;align-items:center}
header a{color:#fff;text-decoration:none}header form{margin-left:auto}
main{padding:1rem;max-width:1200px;margin:auto}a{color:#2455c3}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.35rem .5rem;border-bottom:1px solid #e3e5ea;text-align:left;vertical-align:top}
form.filters{display:flex;flex-wrap:wrap;gap:.4rem;margin-bottom:.8rem}
input,select,textarea,button{font:inherit;padding:.3rem .45rem}textarea{width:100%;min-height:5rem}
label{display:block;margin:.3rem 0}.error{color:#b00020}.muted{color:#6b7280}
.grid{display:grid;grid-template-columns:1fr 320px;gap:1rem}@media(max-width:800px){.grid{grid-template-columns:1fr}}
.msg{background:#fff;border-radius:8px;padding:.5rem .7rem;margin:.4rem 0;border-left:4px solid #9ca3af}
.msg.client{border-color:#2455c3}.msg.agent{border-color:#16a34a}.msg.internal_note{border-color:#d97706;background:#fffbeb}
.msg.system,.msg.event{border-color:#d1d5db;background:#f9fafb;font-size:.9em}
.msg img{max-width:100%;max-height:320px;display:block}
aside,.box{background:#fff;border-radius:8px;padding:.7rem;margin-bottom:.8rem}
.badge{display:inline-block;padding:0 .4rem;border-radius:4px;background:#e5e7eb;font-size:.85em}
.badge.breached{background:#fee2e2;color:#991b1b}
"#;

const LIVE_JS: &str = r#"
(function(){var live=document.getElementById('live');if(!live||!window.EventSource)return;
var es=new EventSource('/events');es.addEventListener('changed',function(){
var u=new URL(location.href);u.searchParams.set('partial','1');
fetch(u,{credentials:'same-origin'}).then(function(r){return r.ok?r.text():null}).then(function(t){if(t!==null)live.innerHTML=t;});});})();
"#;

pub fn page(title: &str, signed: Option<&Signed>, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · Ticketgram" }
                    style { (PreEscaped(CSS)) }
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
                    script { (PreEscaped(LIVE_JS)) }
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
