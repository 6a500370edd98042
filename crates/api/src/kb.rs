//! The knowledge base: articles (one per language, Markdown, draft or published) with their
//! history, and the deflection figures of `GET /reports/kb-deflections`.
//!
//! Each write is one input (one transaction, see [`Caller::input`]) that also records its
//! audit row; a stale save (`revision` is not the article's current one) is a `conflict`
//! rather than silently undoing someone else's edit.

use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use ticketgram_domain::{
    Actor, Article, ArticleDraft, ArticleId, ArticleSlug, ArticleStatus, AuditEntry, Language,
    ReportPeriod, Timestamp,
};
use ticketgram_knowledge::Audience;
use ticketgram_store::{ArticleRevision, StoreError, Tx};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::rules;

pub const TITLE_CHARS: usize = 200;
pub const CATEGORY_CHARS: usize = 80;
const EXCERPT_CHARS: usize = 200;

pub fn slug_schema() -> Value {
    json!({
        "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "minLength": 1,
        "maxLength": ArticleSlug::MAX,
        "description": "Lowercase ASCII letters, digits and single hyphens (refund-policy)",
    })
}

pub fn status_schema() -> Value {
    rules::word_schema(&["draft", "published"])
}

pub fn title_schema() -> Value {
    let mut schema = rules::not_blank_schema("1 to 200 characters");
    schema["maxLength"] = json!(TITLE_CHARS);
    schema
}

pub fn category_schema() -> Value {
    json!({ "type": "string", "maxLength": CATEGORY_CHARS,
            "description": "Groups articles on the public page; empty: uncategorised" })
}

pub fn body_schema() -> Value {
    json!({ "type": "string", "maxLength": ArticleDraft::MAX_BODY, "description": "Markdown" })
}

fn slug(raw: &str) -> Result<ArticleSlug, ApiError> {
    ArticleSlug::new(raw).map_err(|e| ApiError::Invalid(format!("slug: {e}")))
}

fn status(raw: &str) -> Result<ArticleStatus, ApiError> {
    ArticleStatus::from_code(raw)
        .ok_or_else(|| ApiError::Invalid(format!("status must be draft or published, not {raw:?}")))
}

fn title(raw: &str) -> Result<String, ApiError> {
    if raw.chars().count() > TITLE_CHARS {
        return Err(ApiError::Invalid(format!(
            "title is at most {TITLE_CHARS} characters"
        )));
    }
    Ok(rules::not_blank("title", raw)?.to_string())
}

fn category(raw: &str) -> Result<String, ApiError> {
    if raw.chars().count() > CATEGORY_CHARS {
        return Err(ApiError::Invalid(format!(
            "category is at most {CATEGORY_CHARS} characters"
        )));
    }
    Ok(raw.trim().to_string())
}

fn body(raw: String) -> Result<String, ApiError> {
    if raw.chars().count() > ArticleDraft::MAX_BODY {
        return Err(ApiError::Invalid(format!(
            "body is at most {} characters",
            ArticleDraft::MAX_BODY
        )));
    }
    Ok(raw)
}

/// An article as the API shows it, with its text.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleView {
    #[serde(flatten)]
    summary: ArticleSummary,
    body: String,
}

/// An article in a list: everything but its text, and the start of it.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleSummary {
    id: i64,
    slug: String,
    language: &'static str,
    category: String,
    title: String,
    status: &'static str,
    revision: i64,
    updated_at: Timestamp,
    updated_by: Option<i64>,
    excerpt: String,
    /// The public page, for published articles of a desk whose public URL is known.
    public_url: Option<String>,
}

/// Where the desk's public pages live: `<public url>/kb/<workspace slug>`.
async fn public_base(caller: &Caller) -> Result<Option<String>, ApiError> {
    let Some(base) = caller.desk.config.console_url.clone() else {
        return Ok(None);
    };
    let workspace = caller.desk.store.get_workspace(caller.ws()).await?;
    Ok(Some(format!(
        "{}/kb/{}",
        base.trim_end_matches('/'),
        workspace.slug
    )))
}

fn summary(article: &Article, base: Option<&str>) -> ArticleSummary {
    ArticleSummary {
        id: article.id.0,
        slug: article.slug.to_string(),
        language: article.language.code(),
        category: article.category.clone(),
        title: article.title.clone(),
        status: article.status.code(),
        revision: article.revision,
        updated_at: article.updated_at,
        updated_by: article.updated_by.map(|a| a.0),
        excerpt: ticketgram_knowledge::excerpt(&article.body, EXCERPT_CHARS),
        public_url: base
            .filter(|_| article.status == ArticleStatus::Published)
            .map(|base| format!("{base}/{}/{}", article.language.code(), article.slug)),
    }
}

async fn view(caller: &Caller, article: &Article) -> Result<ArticleView, ApiError> {
    let base = public_base(caller).await?;
    Ok(ArticleView {
        summary: summary(article, base.as_deref()),
        body: article.body.clone(),
    })
}

async fn article(caller: &Caller, id: i64) -> Result<Article, ApiError> {
    match caller
        .desk
        .store
        .kb_article(caller.ws(), ArticleId(id))
        .await
    {
        Err(StoreError::NotFound) => Err(ApiError::not_found(format!("no article {id}"))),
        other => Ok(other?),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    language: Option<String>,
    status: Option<String>,
    category: Option<String>,
    q: Option<String>,
    limit: Option<i64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ArticleList {
    articles: Vec<ArticleSummary>,
}

/// Every article (by category, then title), or with `q` the best matches first, as agents
/// search: drafts included.
pub(crate) async fn list(
    Extension(caller): Extension<Caller>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<ArticleList>, ApiError> {
    let language = query.language.as_deref().map(rules::language).transpose()?;
    let wanted_status = query.status.as_deref().map(status).transpose()?;
    // The same limit as a stored category: a longer one cannot match, and says so.
    let wanted_category = query.category.as_deref().map(category).transpose()?;
    let limit = rules::page_size(query.limit)? as usize;
    let store = &caller.desk.store;
    let all = store.kb_articles(caller.ws()).await?;
    let keep = |a: &Article| {
        language.is_none_or(|l| a.language == l)
            && wanted_status.is_none_or(|s| a.status == s)
            && wanted_category.as_deref().is_none_or(|c| a.category == c)
    };
    let found: Vec<&Article> = match query.q.as_deref().map(str::trim) {
        Some(q) if !q.is_empty() => {
            let by_id: HashMap<ArticleId, &Article> = all.iter().map(|a| (a.id, a)).collect();
            let languages = match language {
                Some(l) => vec![l],
                None => Language::ALL.to_vec(),
            };
            let mut hits = Vec::new();
            for language in languages {
                hits.extend(
                    caller
                        .desk
                        .knowledge
                        .search(store, caller.ws(), q, language, Audience::Agents, limit)
                        .await?,
                );
            }
            hits.sort_by(|a, b| b.score.total_cmp(&a.score));
            hits.iter()
                .filter_map(|hit| by_id.get(&hit.article).copied())
                .filter(|&a| keep(a))
                .take(limit)
                .collect()
        }
        _ => all.iter().filter(|&a| keep(a)).take(limit).collect(),
    };
    let base = public_base(&caller).await?;
    Ok(Json(ArticleList {
        articles: found
            .into_iter()
            .map(|a| summary(a, base.as_deref()))
            .collect(),
    }))
}

pub(crate) async fn get_one(
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ArticleView>, ApiError> {
    let article = article(&caller, id).await?;
    Ok(Json(view(&caller, &article).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewArticle {
    title: String,
    body: String,
    language: String,
    slug: Option<String>,
    category: Option<String>,
    status: Option<String>,
}

/// Another article of the desk already has this slug in this language: said plainly, before
/// the database's unique index would (which still guards against a race).
async fn slug_free(
    caller: &Caller,
    draft: &ArticleDraft,
    this: Option<ArticleId>,
) -> Result<(), ApiError> {
    let taken = caller
        .desk
        .store
        .kb_translations(caller.ws(), &draft.slug)
        .await?
        .into_iter()
        .any(|a| a.language == draft.language && Some(a.id) != this);
    if taken {
        return Err(ApiError::Conflict(format!(
            "another {} article already has the slug {}",
            draft.language.code(),
            draft.slug
        )));
    }
    Ok(())
}

/// The audit row of a knowledge-base change, in the change's own transaction.
pub(crate) async fn audit(
    tx: &Tx,
    caller: &Caller,
    action: &str,
    article: &Article,
    at: Timestamp,
) -> Result<(), StoreError> {
    tx.record_audit(&AuditEntry {
        workspace: caller.ws(),
        actor: caller.actor(),
        action: action.into(),
        subject: format!("kb/{}/{}", article.language.code(), article.slug),
        details: vec![
            ("article".into(), article.id.0.to_string()),
            ("revision".into(), article.revision.to_string()),
            ("status".into(), article.status.code().into()),
            ("via".into(), "api".into()),
        ],
        at,
    })
    .await
}

fn author(caller: &Caller) -> Option<ticketgram_domain::AgentId> {
    match caller.actor() {
        Actor::Agent(agent) => Some(agent),
        _ => None,
    }
}

pub(crate) async fn create(
    Extension(caller): Extension<Caller>,
    ApiJson(request): ApiJson<NewArticle>,
) -> Result<(StatusCode, Json<ArticleView>), ApiError> {
    let title = title(&request.title)?;
    let draft = ArticleDraft {
        slug: match request.slug.as_deref() {
            Some(raw) => slug(raw)?,
            None => ArticleSlug::from_title(&title),
        },
        language: rules::language(&request.language)?,
        category: category(request.category.as_deref().unwrap_or(""))?,
        title,
        body: body(request.body)?,
        status: request
            .status
            .as_deref()
            .map(status)
            .transpose()?
            .unwrap_or_default(),
    };
    slug_free(&caller, &draft, None).await?;
    let input = caller.input().await?;
    let created = input
        .tx
        .create_article(caller.ws(), &draft, author(&caller), input.now)
        .await?;
    audit(&input.tx, &caller, "kb.article.create", &created, input.now).await?;
    input.commit().await?;
    Ok((StatusCode::CREATED, Json(view(&caller, &created).await?)))
}

/// A new text over the revision the author started from. Fields left out keep their value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticleChange {
    #[serde(deserialize_with = "rules::whole_number")]
    revision: i64,
    title: Option<String>,
    body: Option<String>,
    language: Option<String>,
    slug: Option<String>,
    category: Option<String>,
    status: Option<String>,
}

pub(crate) async fn update(
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ArticleChange>,
) -> Result<Json<ArticleView>, ApiError> {
    if request.revision < 1 {
        return Err(ApiError::Invalid("revision starts at 1".into()));
    }
    let current = article(&caller, id).await?;
    let draft = ArticleDraft {
        slug: request
            .slug
            .as_deref()
            .map(slug)
            .transpose()?
            .unwrap_or(current.slug),
        language: request
            .language
            .as_deref()
            .map(rules::language)
            .transpose()?
            .unwrap_or(current.language),
        category: request
            .category
            .as_deref()
            .map(category)
            .transpose()?
            .unwrap_or(current.category),
        title: request
            .title
            .as_deref()
            .map(title)
            .transpose()?
            .unwrap_or(current.title),
        body: request.body.map(body).transpose()?.unwrap_or(current.body),
        status: request
            .status
            .as_deref()
            .map(status)
            .transpose()?
            .unwrap_or(current.status),
    };
    slug_free(&caller, &draft, Some(current.id)).await?;
    let input = caller.input().await?;
    let saved = input
        .tx
        .update_article(
            caller.ws(),
            current.id,
            &draft,
            Some(request.revision),
            author(&caller),
            input.now,
        )
        .await?;
    audit(&input.tx, &caller, "kb.article.update", &saved, input.now).await?;
    input.commit().await?;
    Ok(Json(view(&caller, &saved).await?))
}

pub(crate) async fn remove(
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let current = article(&caller, id).await?;
    let input = caller.input().await?;
    input.tx.delete_article(caller.ws(), current.id).await?;
    audit(&input.tx, &caller, "kb.article.delete", &current, input.now).await?;
    input.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize)]
pub(crate) struct RevisionView {
    revision: i64,
    slug: String,
    category: String,
    title: String,
    body: String,
    status: &'static str,
    edited_at: Timestamp,
    edited_by: Option<i64>,
}

impl RevisionView {
    fn new(r: &ArticleRevision) -> RevisionView {
        RevisionView {
            revision: r.revision,
            slug: r.slug.to_string(),
            category: r.category.clone(),
            title: r.title.clone(),
            body: r.body.clone(),
            status: r.status.code(),
            edited_at: r.edited_at,
            edited_by: r.edited_by.map(|a| a.0),
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct RevisionList {
    revisions: Vec<RevisionView>,
}

pub(crate) async fn revisions(
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RevisionList>, ApiError> {
    let current = article(&caller, id).await?;
    let revisions = caller
        .desk
        .store
        .kb_revisions(caller.ws(), current.id)
        .await?;
    Ok(Json(RevisionList {
        revisions: revisions.iter().map(RevisionView::new).collect(),
    }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RestoreRequest {
    #[serde(deserialize_with = "rules::whole_number")]
    revision: i64,
}

/// Rollback: the text of an earlier revision saved again as the newest one.
pub(crate) async fn restore(
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<RestoreRequest>,
) -> Result<Json<ArticleView>, ApiError> {
    let current = article(&caller, id).await?;
    let old = caller
        .desk
        .store
        .kb_revisions(caller.ws(), current.id)
        .await?
        .into_iter()
        .find(|r| r.revision == request.revision)
        .ok_or_else(|| {
            ApiError::not_found(format!("article {id} has no revision {}", request.revision))
        })?;
    let draft = ArticleDraft {
        slug: old.slug,
        language: current.language,
        category: old.category,
        title: old.title,
        body: old.body,
        status: old.status,
    };
    slug_free(&caller, &draft, Some(current.id)).await?;
    let input = caller.input().await?;
    let restored = input
        .tx
        .restore_article(
            caller.ws(),
            current.id,
            request.revision,
            author(&caller),
            input.now,
        )
        .await?;
    audit(
        &input.tx,
        &caller,
        "kb.article.restore",
        &restored,
        input.now,
    )
    .await?;
    input.commit().await?;
    Ok(Json(view(&caller, &restored).await?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct PeriodQuery {
    from: String,
    to: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct DeflectionRow {
    article_id: i64,
    /// Null when the article was deleted since.
    slug: Option<String>,
    language: Option<&'static str>,
    title: Option<String>,
    helped: i64,
    not_helped: i64,
    /// helped / (helped + not_helped).
    deflection_rate: f64,
}

#[derive(Debug, Serialize)]
pub(crate) struct DeflectionReport {
    from: String,
    to: String,
    helped: i64,
    not_helped: i64,
    articles: Vec<DeflectionRow>,
}

fn rate(helped: i64, not_helped: i64) -> f64 {
    let asked = helped + not_helped;
    if asked == 0 {
        0.0
    } else {
        helped as f64 / asked as f64
    }
}

/// Per article, how often a client said its suggestion answered the question (a request no
/// human had to handle) and how often not, over local days of the desk.
pub(crate) async fn deflections(
    Extension(caller): Extension<Caller>,
    ApiQuery(query): ApiQuery<PeriodQuery>,
) -> Result<Json<DeflectionReport>, ApiError> {
    let (first, last) = (
        rules::day(&query.from, "from")?,
        rules::day(&query.to, "to")?,
    );
    let desk = caller.desk.current().await?;
    // One aggregate over the feedback rows, whatever the span: no cap on the period (unlike
    // the desk report, which builds each day). A period that ends before it starts holds no
    // day, hence no figures, rather than an error (the schema cannot say "to after from").
    let figures = if last < first {
        Vec::new()
    } else {
        let period = ReportPeriod::local_days(&desk.config.hours, first, last);
        desk.store
            .kb_deflections(caller.ws(), period.start, period.end)
            .await?
    };
    let articles: HashMap<ArticleId, Article> = desk
        .store
        .kb_articles(caller.ws())
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let rows: Vec<DeflectionRow> = figures
        .iter()
        .map(|f| {
            let article = articles.get(&f.article);
            DeflectionRow {
                article_id: f.article.0,
                slug: article.map(|a| a.slug.to_string()),
                language: article.map(|a| a.language.code()),
                title: article.map(|a| a.title.clone()),
                helped: f.helped,
                not_helped: f.not_helped,
                deflection_rate: rate(f.helped, f.not_helped),
            }
        })
        .collect();
    Ok(Json(DeflectionReport {
        from: first.to_string(),
        to: last.to_string(),
        helped: rows.iter().map(|r| r.helped).sum(),
        not_helped: rows.iter().map(|r| r.not_helped).sum(),
        articles: rows,
    }))
}
