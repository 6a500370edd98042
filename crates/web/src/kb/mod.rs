//! The knowledge base in the console: every agent reads and searches it (and finds article
//! links from the ticket page); admins write, publish, roll back and delete articles.
//!
//! Each saved form is one input keyed by its nonce, with its audit row in the same
//! transaction. An edit carries the revision it started from: when someone saved in between,
//! the editor comes back with the author's text and says so, instead of undoing the other
//! edit. The preview is the same ammonia-cleaned HTML the public pages show.

use crate::auth::Signed;
use crate::error::WebError;
use crate::nonce::FormNonce;
use crate::words::Words;
use crate::WebState;
use ticketgram_domain::{
    Actor, AgentId, Article, ArticleDraft, ArticleId, ArticleStatus, AuditEntry,
};
use ticketgram_relay::{Desk, Input};
use ticketgram_store::{StoreError, Tx};

mod delete;
mod editor;
mod history;
mod list;
mod ticket_box;

pub use delete::{delete, delete_page};
pub use editor::{create, new_page, page, save};
pub use history::{history, restore};
pub use list::list;
pub(crate) use ticket_box::ticket_box;

/// The deflection figures the list shows cover this many days back.
const DEFLECTION_DAYS: i64 = 30;

/// The public address of an article: absolute when the console's public URL is known.
pub(crate) fn public_link(state: &WebState, workspace: &str, article: &Article) -> String {
    let base = state.settings.public_url.as_deref().unwrap_or("");
    ticketgram_relay::knowledge::article_url(base, workspace, article)
}

async fn workspace_slug(desk: &Desk) -> Result<String, WebError> {
    Ok(desk.store.get_workspace(desk.ws()).await?.slug)
}

async fn article(desk: &Desk, id: i64) -> Result<Article, WebError> {
    Ok(desk.store.kb_article(desk.ws(), ArticleId(id)).await?)
}

fn status_word(words: &Words, status: ArticleStatus) -> String {
    words.t(match status {
        ArticleStatus::Draft => "web-kb-status-draft",
        ArticleStatus::Published => "web-kb-status-published",
    })
}

fn author(signed: &Signed) -> Option<AgentId> {
    Some(signed.agent.id)
}

/// The audit row of a knowledge-base change, in the change's own transaction.
async fn audit(tx: &Tx, signed: &Signed, action: &str, a: &Article) -> Result<(), StoreError> {
    tx.record_audit(&AuditEntry {
        workspace: signed.agent.workspace,
        actor: Actor::Agent(signed.agent.id),
        action: action.into(),
        subject: format!("kb/{}/{}", a.language.code(), a.slug),
        details: vec![
            ("article".into(), a.id.0.to_string()),
            ("revision".into(), a.revision.to_string()),
            ("status".into(), a.status.code().into()),
            ("via".into(), "console".into()),
        ],
        at: chrono::Utc::now(),
    })
    .await
}

/// Applies one posted form as one input, keyed by its nonce. `Ok(None)`: this very form was
/// applied before (a double click); nothing changed the second time.
async fn apply<T>(
    state: &WebState,
    signed: &Signed,
    nonce: FormNonce,
    act: impl AsyncFnOnce(&Tx) -> Result<T, WebError>,
) -> Result<Option<T>, WebError> {
    let origin = format!("web:{}:{}", signed.agent.id.0, nonce.0);
    let outcome = Input::apply(&state.desk, origin, chrono::Utc::now(), async |_, fx| {
        act(fx.tx).await
    })
    .await;
    match outcome {
        Ok(out) => Ok(Some(out)),
        Err(WebError::Replayed) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Another article of the language has the slug: said before the database's index would.
async fn slug_taken(
    desk: &Desk,
    draft: &ArticleDraft,
    this: Option<ArticleId>,
) -> Result<bool, WebError> {
    Ok(desk
        .store
        .kb_translations(desk.ws(), &draft.slug)
        .await?
        .iter()
        .any(|a| a.language == draft.language && Some(a.id) != this))
}
