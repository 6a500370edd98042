/// The index could not be built or searched. Both come from tantivy and mean a bug or an
/// exhausted machine, not bad input: any text can be indexed and any text can be a query.
#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    #[error("knowledge index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("knowledge index: {0}")]
    Io(#[from] std::io::Error),
    #[error("knowledge index: no analyzer {0}")]
    NoAnalyzer(&'static str),
}
