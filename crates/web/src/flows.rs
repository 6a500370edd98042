//! The desk's flow editor (docs/flows.md, "Managing a desk's flow"): the active source in a
//! textarea; Check lists every problem by line, keeping what was typed; Save validates and
//! saves a new revision (errors refuse it); a preview of what the client sees at the start
//! and at each menu and question, drawn by the engine itself; the history with Restore.
//! Server-rendered, no JavaScript. Admins only.

use crate::admin::{admin_nav, audit};
use crate::auth::{AdminUser, RequireRole, Signed};
use crate::error::WebError;
use crate::layout::{self, csrf};
use crate::words::Words;
use crate::WebState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use std::collections::HashMap;
use ticketgram_domain::Language;
use ticketgram_flows::state::{At, Wait};
use ticketgram_flows::{
    advance, builtin, BuiltinLabel, Effect, Flow, FlowState, Input, Label, Problem, Say, Severity,
    Step,
};
use ticketgram_i18n::Arg;
use ticketgram_store::{DeskFlow, SaveFlowError};

/// The page's query: the preview's language.
#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    lang: Option<String>,
}

fn preview_language(code: Option<&str>, words: &Words) -> Language {
    code.and_then(Language::from_code).unwrap_or(words.language)
}

/// What the page shows in its editor: the text and, after Check or a refused Save, the
/// problems found in it.
struct Editing {
    source: String,
    checked: Option<Vec<Problem>>,
    note: String,
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    Query(query): Query<PageQuery>,
) -> Result<Response, WebError> {
    let active = state.desk.store.active_flow(state.desk.ws()).await?;
    let editing = Editing {
        source: active
            .as_ref()
            .map_or_else(|| builtin::DEFAULT.to_owned(), |f| f.source.clone()),
        checked: None,
        note: String::new(),
    };
    let language = preview_language(query.lang.as_deref(), &words);
    render(&state, &signed, &words, editing, language, StatusCode::OK).await
}

#[derive(serde::Deserialize)]
pub struct EditForm {
    source: String,
    #[serde(default)]
    note: String,
    /// `check` or `save`.
    intent: String,
    #[serde(default)]
    lang: Option<String>,
}

/// Check (re-render with the problems) or Save (a new revision; refused, with the problems,
/// while the source has errors). A Save of the active text changes nothing, so a form sent
/// twice makes one revision.
pub async fn edit(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    Form(form): Form<EditForm>,
) -> Result<Response, WebError> {
    // Browsers send textarea lines with CRLF.
    let source = form.source.replace("\r\n", "\n");
    let language = preview_language(form.lang.as_deref(), &words);
    let problems = |source: &str| match Flow::parse(source) {
        Ok(parsed) => parsed.warnings,
        Err(invalid) => invalid.problems,
    };
    let keep = |checked: Vec<Problem>| Editing {
        source: source.clone(),
        checked: Some(checked),
        note: form.note.clone(),
    };
    match form.intent.as_str() {
        "check" => {
            let editing = keep(problems(&source));
            render(&state, &signed, &words, editing, language, StatusCode::OK).await
        }
        "save" => {
            let ws = state.desk.ws();
            let store = &state.desk.store;
            let unchanged = store
                .active_flow(ws)
                .await?
                .is_some_and(|active| active.source == source);
            if unchanged {
                return Ok(Redirect::to("/admin/flows").into_response());
            }
            let note = Some(form.note.as_str());
            let saved = store
                .write(async |tx| {
                    let saved = tx
                        .save_flow(ws, &source, Some(signed.agent.id), note, chrono::Utc::now())
                        .await?;
                    let revision = saved.flow.revision.to_string();
                    audit(tx, ws, &signed, "flow.save", "flow", revision)
                        .await
                        .map_err(Refused::Web)?;
                    Ok::<_, Refused>(saved)
                })
                .await;
            match saved {
                Ok(_) => Ok(Redirect::to("/admin/flows").into_response()),
                Err(Refused::Flow(SaveFlowError::Invalid(invalid))) => {
                    let editing = keep(invalid.problems);
                    let status = StatusCode::UNPROCESSABLE_ENTITY;
                    render(&state, &signed, &words, editing, language, status).await
                }
                Err(Refused::Flow(SaveFlowError::Store(e))) => Err(e.into()),
                Err(Refused::Web(e)) => Err(e),
            }
        }
        _ => Err(WebError::bad("web-flows-error-intent")),
    }
}

/// Why a save's transaction stopped.
enum Refused {
    Flow(SaveFlowError),
    Web(WebError),
}

impl From<SaveFlowError> for Refused {
    fn from(e: SaveFlowError) -> Refused {
        Refused::Flow(e)
    }
}

impl From<ticketgram_store::StoreError> for Refused {
    fn from(e: ticketgram_store::StoreError) -> Refused {
        Refused::Flow(SaveFlowError::Store(e))
    }
}

#[derive(serde::Deserialize)]
pub struct RestoreForm {
    revision: i64,
}

/// Rollback: an old revision's source saved again as the newest.
pub async fn restore(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    Form(form): Form<RestoreForm>,
) -> Result<Response, WebError> {
    let ws = state.desk.ws();
    let restored = state
        .desk
        .store
        .write(async |tx| {
            let saved = tx
                .restore_flow(ws, form.revision, Some(signed.agent.id), chrono::Utc::now())
                .await?;
            let what = format!("{} from {}", saved.flow.revision, form.revision);
            audit(tx, ws, &signed, "flow.restore", "flow", what)
                .await
                .map_err(Refused::Web)?;
            Ok::<_, Refused>(saved)
        })
        .await;
    match restored {
        Ok(_) => Ok(Redirect::to("/admin/flows").into_response()),
        // A revision that no longer parses (the format moved on since it was saved).
        Err(Refused::Flow(SaveFlowError::Invalid(_))) => {
            Err(WebError::bad("web-flows-error-restore-invalid"))
        }
        Err(Refused::Flow(SaveFlowError::Store(e))) => Err(e.into()),
        Err(Refused::Web(e)) => Err(e),
    }
}

async fn render(
    state: &WebState,
    signed: &Signed,
    words: &Words,
    editing: Editing,
    language: Language,
    status: StatusCode,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let revisions = desk.store.flow_revisions(desk.ws()).await?;
    let names: HashMap<_, _> = desk
        .store
        .list_agents(desk.ws())
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let title = words.t("web-flows-title");
    let body = html! {
        h1 { (title) }
        (admin_nav(words))
        p.muted #flow-active { (active_line(words, revisions.first())) }
        (editor(words, signed, &editing, language))
        @if let Some(problems) = &editing.checked { (problem_list(words, problems)) }
        (preview(words, &editing.source, language))
        (history(words, signed, &revisions, &names))
    };
    Ok((status, layout::page(words, &title, Some(signed), body)).into_response())
}

fn active_line(words: &Words, active: Option<&DeskFlow>) -> String {
    match active {
        Some(flow) => words.with(
            "web-flows-active",
            &[
                ("revision", Arg::from(flow.revision)),
                ("when", Arg::from(words.when(flow.saved_at))),
            ],
        ),
        None => words.t("web-flows-active-builtin"),
    }
}

fn editor(words: &Words, signed: &Signed, editing: &Editing, language: Language) -> Markup {
    html! {
        form.box #flow-editor method="post" action="/admin/flows" {
            (csrf(signed))
            input type="hidden" name="lang" value=(language.code());
            textarea.code name="source" rows="30" spellcheck="false" { (editing.source) }
            label { (words.t("web-flows-note")) " "
                input name="note" maxlength="200" value=(editing.note); }
            button name="intent" value="check" { (words.t("web-flows-check")) } " "
            button name="intent" value="save" { (words.t("web-flows-save")) }
        }
    }
}

fn problem_list(words: &Words, problems: &[Problem]) -> Markup {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let summary = words.with(
        "web-flows-problems",
        &[
            ("errors", Arg::from(errors as i64)),
            ("warnings", Arg::from((problems.len() - errors) as i64)),
        ],
    );
    html! {
        div.box #flow-problems {
            h2 { (summary) }
            @if !problems.is_empty() {
                table { thead { tr {
                        th { (words.t("web-flows-line")) } th { (words.t("web-flows-severity")) }
                        th { (words.t("web-flows-message")) }
                    } }
                    tbody { @for p in problems { tr class=(severity_class(p.severity)) {
                        td { (p.line.map(|l| match p.column {
                            Some(c) => format!("{l}:{c}"),
                            None => l.to_string(),
                        }).unwrap_or_default()) }
                        td { (words.t(severity_key(p.severity))) }
                        td { (p.message) @if !p.path.is_empty() { " " span.muted { "(" (p.path) ")" } } }
                    } } }
                }
            }
        }
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "problem-error",
        Severity::Warning => "problem-warning",
    }
}

fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "web-flows-error",
        Severity::Warning => "web-flows-warning",
    }
}

/// What the client sees at the start and at each menu and question, in `language`, as the
/// engine says it (the bot's own labels from the translations, `{…}` placeholders as typed).
fn preview(words: &Words, source: &str, language: Language) -> Markup {
    let flow = Flow::parse(source).ok().map(|parsed| parsed.flow);
    // The buttons the bot adds are shown in the previewed language, like the flow's own texts.
    let client_words = words.in_language(language);
    html! {
        div.box #flow-preview {
            h2 { (words.t("web-flows-preview")) }
            form method="get" action="/admin/flows" {
                label { (words.t("web-flows-preview-language")) " "
                    select name="lang" {
                        @for l in Language::ALL {
                            option value=(l.code()) selected[l == language] { (l.code()) }
                        }
                    }
                }
                " " button { (words.t("web-flows-preview-show")) }
            }
            @if let Some(flow) = &flow {
                @for (id, say) in screens(flow, language) {
                    div.preview-step {
                        h3 { code { (id) } }
                        @if let Some(text) = &say.text { p.pre { (text) } }
                        @for row in &say.buttons {
                            div.preview-row { @for button in row {
                                span.preview-button { (label(&client_words, &button.label)) } " "
                            } }
                        }
                    }
                }
            } @else {
                p.muted { (words.t("web-flows-preview-invalid")) }
            }
        }
    }
}

/// The start step, then every other menu and question by id: each with what the engine says
/// there.
fn screens(flow: &Flow, language: Language) -> Vec<(String, Say)> {
    let definition = flow.definition();
    let first = |outcome: ticketgram_flows::Outcome| {
        outcome.effects.into_iter().find_map(|effect| match effect {
            Effect::Say(say) => Some(say),
            _ => None,
        })
    };
    let mut screens = Vec::new();
    if let Some(say) = first(advance(flow, &FlowState::default(), Input::Start, language)) {
        screens.push((definition.start.clone(), say));
    }
    for (id, step) in &definition.steps {
        if *id == definition.start || !matches!(step, Step::Menu(_) | Step::Ask(_)) {
            continue;
        }
        let at = FlowState {
            at: Some(At {
                step: id.clone(),
                wait: Wait::Client,
            }),
            ..FlowState::default()
        };
        if let Some(say) = first(advance(flow, &at, Input::Repeat, language)) {
            screens.push((id.clone(), say));
        }
    }
    screens
}

fn label(words: &Words, label: &Label) -> String {
    match label {
        Label::Text(text) => text.clone(),
        Label::Builtin(builtin) => words.t(match builtin {
            BuiltinLabel::Human => "web-flows-button-human",
            BuiltinLabel::Back => "web-flows-button-back",
            BuiltinLabel::Done => "web-flows-button-done",
            BuiltinLabel::Yes => "web-flows-button-yes",
            BuiltinLabel::No => "web-flows-button-no",
        }),
    }
}

fn history(
    words: &Words,
    signed: &Signed,
    revisions: &[DeskFlow],
    names: &HashMap<ticketgram_domain::AgentId, String>,
) -> Markup {
    html! {
        div.box #flow-history {
            h2 { (words.t("web-flows-history")) }
            @if revisions.is_empty() { p.muted { (words.t("web-flows-history-none")) } }
            @else {
                table { thead { tr {
                        th { (words.t("web-flows-revision")) } th { (words.t("web-flows-who")) }
                        th { (words.t("web-flows-when")) } th { (words.t("web-flows-note")) } th {}
                    } }
                    tbody { @for (i, flow) in revisions.iter().enumerate() { tr {
                        td { (flow.revision) }
                        td { (flow.saved_by.and_then(|id| names.get(&id).cloned())
                                .unwrap_or_else(|| words.t("web-flows-who-cli"))) }
                        td { (words.when(flow.saved_at)) }
                        td { (flow.note.as_deref().unwrap_or_default()) }
                        td { @if i == 0 { span.muted { (words.t("web-flows-current")) } }
                             @else {
                                form method="post" action="/admin/flows/restore" {
                                    (csrf(signed))
                                    input type="hidden" name="revision" value=(flow.revision);
                                    button { (words.t("web-flows-restore")) }
                                }
                             } }
                    } } }
                }
            }
        }
    }
}
