//! The knowledge base's engine: search over a desk's articles and their Markdown rendering.
//!
//! No database and no network: the relay loads a desk's articles from the store, builds a
//! [`KnowledgeIndex`] in memory and rebuilds it when an article changes (a desk has hundreds
//! of articles, 10,000 at most in practice; building takes well under a second).

mod analysis;
mod error;
mod index;
mod markdown;
mod stop_words;

pub use error::KnowledgeError;
pub use index::{Audience, Hit, IndexedArticle, KnowledgeIndex};
pub use markdown::{excerpt, plain_text, to_safe_html};
