//! A ticket's entry in the complaint register, on its console page (docs/complaints.md):
//! register it (or move it to another category), change the severity with a reason, write the
//! root cause and resolution, propose a compensation, and approve or reject one that waits.
//! Every form is one console input calling the same action the thread's commands call.

use crate::auth::{AgentUser, RequireRole, Signed};
use crate::console_input;
use crate::error::WebError;
use crate::layout::csrf;
use crate::nonce::FormNonce;
use crate::ticket::ticket_by_number;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use std::collections::BTreeMap;
use ticketgram_domain::complaint::{
    Approval, CompensationKind, CompensationStatus, Money, Severity,
};
use ticketgram_domain::{Actor, Agent, AgentId, Ticket};
use ticketgram_relay::actions::complaint::{self, Refusal};
use ticketgram_relay::Desk;
use ticketgram_store::ComplaintNote;

/// The complaint box of a ticket page.
pub async fn section(
    desk: &Desk,
    words: &Words,
    signed: &Signed,
    ticket: &Ticket,
    agents: &BTreeMap<AgentId, Agent>,
) -> Result<Markup, WebError> {
    let ws = desk.ws();
    let settings = complaint::settings(desk);
    let lang = words.language;
    let n = ticket.number.0;
    let category_options = |selected: Option<&str>| {
        html! {
            @for c in &settings.categories {
                option value=(c.as_str()) selected[selected == Some(c.as_str())] {
                    (complaint::category_label(desk, lang, c))
                }
            }
        }
    };
    let Some(registered) = desk.store.complaint(ws, ticket.id).await? else {
        return Ok(html! {
            aside.box #complaint {
                h2 { (words.t("web-complaint")) }
                p.muted { (words.t("web-complaint-none")) }
                form method="post" action={ "/tickets/" (n) "/complaint" } {
                    (csrf(signed))
                    select name="category" aria-label=(words.t("web-complaint-category")) {
                        option value="" { (words.t("web-complaint-category-guess")) }
                        (category_options(None))
                    }
                    button #register-complaint { (words.t("web-complaint-register")) }
                }
            }
        });
    };
    let c = &registered.complaint;
    let compensations = desk.store.compensations(ws, ticket.id).await?;
    // Where a public complaint was written (docs/public-complaints.md). The chat's title is
    // someone else's text, escaped like all of it; the link is ours, and only a Telegram one.
    let public = match c.public {
        true => desk.store.public_post(ws, ticket.id).await?,
        false => None,
    };
    let public_link = public
        .as_ref()
        .map(|p| p.link.clone())
        .filter(|l| l.starts_with("https://t.me/"));
    let name_of = |id| {
        agents
            .get(&id)
            .map_or_else(|| "—".to_string(), |a| a.name.clone())
    };
    let reasons: Vec<String> = c
        .assessed
        .reasons
        .iter()
        .map(|r| desk.text(lang, &format!("complaint-reason-{r}"), &[]))
        .collect();
    let currency = &settings.currency;
    let may_approve = |amount: Money| {
        signed.agent.role.can_configure()
            && settings.limits.approval(signed.agent.role, amount) == Approval::Within
    };
    Ok(html! {
        aside.box #complaint {
            h2 { (words.t("web-complaint")) }
            p {
                span.badge #complaint-category { (complaint::category_label(desk, lang, &c.category)) } " "
                span.badge #complaint-severity data-severity=(c.severity().as_str()) {
                    (complaint::severity_label(desk, lang, c.severity()))
                }
            }
            p.muted #complaint-computed {
                (words.with("web-complaint-computed", &[
                    ("severity", complaint::severity_label(desk, lang, c.assessed.severity).into()),
                    ("reasons", if reasons.is_empty() { desk.text(lang, "complaint-reason-none", &[]) } else { reasons.join(", ") }.into()),
                ]))
            }
            @if let Some(post) = &public {
                p #complaint-public {
                    (words.with("web-complaint-public", &[("chat", post.chat_title.clone().into())]))
                    @if let Some(link) = &public_link {
                        " " a href=(link) rel="noopener noreferrer" target="_blank" { (link) }
                    }
                }
                form #answer-in-public method="post" action={ "/tickets/" (n) "/complaint/public" } {
                    (csrf(signed))
                    textarea name="text" maxlength="1000" rows="2"
                        placeholder=(words.t("web-complaint-public-placeholder")) {}
                    button { (words.t("web-complaint-public-answer")) }
                }
            }
            @if let Some((_, reason)) = &c.adjusted {
                p #complaint-adjusted { (words.with("web-complaint-adjusted", &[("reason", reason.clone().into())])) }
            }
            @if let Some(promised) = c.promised_by {
                p.muted { (words.with("web-complaint-promised", &[("at", words.when(promised).into())])) }
            }
            form method="post" action={ "/tickets/" (n) "/complaint" } {
                (csrf(signed))
                select name="category" aria-label=(words.t("web-complaint-category")) {
                    (category_options(Some(c.category.as_str())))
                }
                button { (words.t("web-complaint-move")) }
            }
            form method="post" action={ "/tickets/" (n) "/complaint/severity" } {
                (csrf(signed))
                select name="severity" aria-label=(words.t("web-complaint-severity")) {
                    @for s in Severity::ALL {
                        option value=(s.as_str()) selected[c.severity() == s] { (complaint::severity_label(desk, lang, s)) }
                    }
                }
                input name="reason" required placeholder=(words.t("web-complaint-reason"));
                button { (words.t("web-complaint-set-severity")) }
            }
            form method="post" action={ "/tickets/" (n) "/complaint/notes" } {
                (csrf(signed))
                label { (words.t("web-complaint-root-cause"))
                    textarea name="root_cause" maxlength="2000" { (c.root_cause.as_deref().unwrap_or("")) } }
                label { (words.t("web-complaint-resolution"))
                    textarea name="resolution" maxlength="2000" { (c.resolution.as_deref().unwrap_or("")) } }
                button { (words.t("web-complaint-save-notes")) }
            }
            h3 { (words.t("web-compensations")) }
            @if compensations.is_empty() { p.muted { (words.t("web-compensations-none")) } }
            table #compensations { @for comp in &compensations {
                tr data-status=(comp.status.as_str()) {
                    td { (complaint::kind_label(desk, lang, comp.kind)) }
                    td { (comp.amount) " " (currency) }
                    td { (words.t(&format!("web-compensation-{}", comp.status.as_str()))) }
                    td.muted { (name_of(comp.proposed_by)) @if let Some(by) = comp.decided_by { " → " (name_of(by)) } }
                    td { (comp.note) }
                    td {
                        @if comp.status == CompensationStatus::Pending && may_approve(comp.amount) {
                            form method="post" action={ "/compensations/" (comp.id) "/decide" } {
                                (csrf(signed))
                                input type="hidden" name="ticket" value=(n);
                                button name="verdict" value="approve" { (words.t("web-compensation-approve")) }
                                button name="verdict" value="reject" { (words.t("web-compensation-reject")) }
                            }
                        }
                    }
                }
            } }
            form method="post" action={ "/tickets/" (n) "/compensations" } {
                (csrf(signed))
                select name="kind" aria-label=(words.t("web-compensation-kind")) {
                    @for k in CompensationKind::ALL { option value=(k.as_str()) { (complaint::kind_label(desk, lang, k)) } }
                }
                input name="amount" required inputmode="decimal" placeholder=(format!("20.00 {currency}"));
                input name="note" placeholder=(words.t("web-compensation-note"));
                button #propose-compensation { (words.t("web-compensation-propose")) }
            }
        }
    })
}

fn back(number: i64) -> Response {
    Redirect::to(&format!("/tickets/{number}#complaint")).into_response()
}

/// A refused change: the console says why, as the thread would.
fn refused(refusal: Refusal) -> WebError {
    WebError::bad(refusal.key())
}

/// Back to the ticket's complaint box, or the refusal (`None`: the form was applied before).
fn answer<T>(outcome: Option<Result<T, Refusal>>, number: i64) -> Result<Response, WebError> {
    match outcome {
        Some(Err(refusal)) => Err(refused(refusal)),
        _ => Ok(back(number)),
    }
}

#[derive(serde::Deserialize)]
pub struct CategoryForm {
    #[serde(default)]
    category: String,
}

/// Registers the ticket (the category chosen, or guessed from the client's words), or moves
/// a registered one to the chosen category.
pub async fn register(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<CategoryForm>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let ticket = ticket_by_number(&desk, number).await?;
    let chosen = form.category.trim();
    let listed = match chosen {
        "" => None,
        slug => Some(
            complaint::listed_category(&desk, slug)
                .ok_or_else(|| refused(Refusal::UnknownCategory))?,
        ),
    };
    let agent = signed.agent.clone();
    let outcome = console_input::apply(&state, &signed, nonce, async |desk, fx| {
        if desk.store.complaint(desk.ws(), ticket.id).await?.is_some() {
            return match chosen {
                "" => Ok(Ok(())),
                slug => Ok(complaint::set_category(desk, fx, &ticket, slug, &agent).await?),
            };
        }
        let words = complaint::client_words(desk, ticket.id).await?;
        let by = Actor::Agent(agent.id);
        complaint::register(desk, fx, &ticket, listed, words.as_deref(), false, by).await?;
        Ok(Ok(()))
    })
    .await?;
    answer(outcome, number)
}

#[derive(serde::Deserialize)]
pub struct SeverityForm {
    severity: String,
    #[serde(default)]
    reason: String,
}

pub async fn severity(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<SeverityForm>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let ticket = ticket_by_number(&desk, number).await?;
    let severity = Severity::parse(&form.severity).ok_or_else(|| refused(Refusal::BadNote))?;
    let agent = signed.agent.clone();
    let outcome = console_input::apply(&state, &signed, nonce, async |desk, fx| {
        let reason = &form.reason;
        Ok(complaint::adjust_severity(desk, fx, &ticket, severity, reason, &agent).await?)
    })
    .await?;
    answer(outcome, number)
}

#[derive(serde::Deserialize)]
pub struct NotesForm {
    #[serde(default)]
    root_cause: String,
    #[serde(default)]
    resolution: String,
}

/// Writes whichever of root cause and resolution changed (an empty field is left as it was).
pub async fn notes(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<NotesForm>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let ticket = ticket_by_number(&desk, number).await?;
    let Some(current) = desk.store.complaint(desk.ws(), ticket.id).await? else {
        return Err(refused(Refusal::NotAComplaint));
    };
    let mut changes = Vec::new();
    for (field, text, was) in [
        (
            ComplaintNote::RootCause,
            form.root_cause.trim(),
            current.complaint.root_cause,
        ),
        (
            ComplaintNote::Resolution,
            form.resolution.trim(),
            current.complaint.resolution,
        ),
    ] {
        if !text.is_empty() && was.as_deref() != Some(text) {
            changes.push((field, text.to_string()));
        }
    }
    if changes.is_empty() {
        return Ok(back(number));
    }
    let agent = signed.agent.clone();
    let outcome = console_input::apply(&state, &signed, nonce, async |desk, fx| {
        for (field, text) in &changes {
            if let Err(refusal) =
                complaint::write_note(desk, fx, &ticket, *field, text, &agent).await?
            {
                return Ok(Err(refusal));
            }
        }
        Ok(Ok(()))
    })
    .await?;
    answer(outcome, number)
}

#[derive(serde::Deserialize)]
pub struct PublicForm {
    #[serde(default)]
    text: String,
}

/// Answers a public complaint where it was written (docs/public-complaints.md): the text
/// typed, or the desk's acknowledgement when it is empty; the same action as `/public` in
/// the ticket's thread.
pub async fn public_answer(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<PublicForm>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let ticket = ticket_by_number(&desk, number).await?;
    let text = form.text.trim().to_owned();
    let by = Actor::Agent(signed.agent.id);
    let outcome = console_input::apply(&state, &signed, nonce, async |desk, fx| {
        let text = Some(text.as_str()).filter(|t| !t.is_empty());
        Ok(ticketgram_relay::actions::public::answer(desk, fx, ticket.id, text, by).await?)
    })
    .await?;
    match outcome {
        Some(Err(refusal)) => Err(WebError::bad(refusal.key())),
        _ => Ok(back(number)),
    }
}

#[derive(serde::Deserialize)]
pub struct CompensationForm {
    kind: String,
    amount: String,
    #[serde(default)]
    note: String,
}

pub async fn propose(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<CompensationForm>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let ticket = ticket_by_number(&desk, number).await?;
    let (Some(kind), Ok(amount)) = (
        CompensationKind::parse(&form.kind),
        Money::parse(&form.amount),
    ) else {
        return Err(refused(Refusal::BadCompensation));
    };
    let agent = signed.agent.clone();
    let outcome = console_input::apply(&state, &signed, nonce, async |desk, fx| {
        let note = &form.note;
        Ok(complaint::propose_compensation(desk, fx, &ticket, kind, amount, note, &agent).await?)
    })
    .await?;
    answer(outcome, number)
}

#[derive(serde::Deserialize)]
pub struct DecideForm {
    verdict: String,
    ticket: i64,
}

/// An approver's verdict; the same action (and limits) as the manager bot's buttons.
pub async fn decide(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(id): Path<i64>,
    Form(form): Form<DecideForm>,
) -> Result<Response, WebError> {
    let approve = match form.verdict.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(refused(Refusal::BadCompensation)),
    };
    if !signed.agent.role.can_configure() {
        return Err(WebError::Forbidden);
    }
    let agent = signed.agent.clone();
    let outcome = console_input::apply(&state, &signed, nonce, async |desk, fx| {
        Ok(complaint::decide_compensation(desk, fx, id, approve, &agent).await?)
    })
    .await?;
    answer(outcome, form.ticket)
}
