//! One desk's articles, searchable. Built whole from the articles the caller hands over and
//! never written afterwards: a changed article means a new index (cheap at a desk's size),
//! which keeps readers lock-free and a search never sees half an update.

use crate::analysis::{self, analyzer_name};
use crate::KnowledgeError;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STRING,
};
use tantivy::{DocId, DocSet, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};
use ticketgram_domain::{ArticleId, Language};

/// A title word counts twice as much as a word in the text: "Refund policy" is about refunds,
/// an article that mentions a refund once may not be.
const TITLE_BOOST: f32 = 2.0;

/// One article as the index needs it.
#[derive(Debug, Clone, Copy)]
pub struct IndexedArticle<'a> {
    pub id: ArticleId,
    pub language: Language,
    pub title: &'a str,
    /// Plain text (see [`crate::plain_text`]); Markdown marks would only add noise words.
    pub text: &'a str,
    pub published: bool,
}

/// Who is searching: clients never see drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Clients,
    Agents,
}

/// A found article. `coverage` is the share of the query's words the article contains: BM25
/// scores are not comparable across queries, so the bot's "is this worth suggesting" test
/// uses coverage, which means the same for a two-word and a twenty-word question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub article: ArticleId,
    pub score: f32,
    pub coverage: f32,
}

#[derive(Clone, Copy)]
struct LanguageFields {
    title: Field,
    text: Field,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    language: Field,
    published: Field,
    per_language: [LanguageFields; 4],
}

impl Fields {
    fn of(&self, language: Language) -> LanguageFields {
        self.per_language[slot(language)]
    }
}

fn slot(language: Language) -> usize {
    match language {
        Language::En => 0,
        Language::Ru => 1,
        Language::Zh => 2,
        Language::De => 3,
    }
}

pub struct KnowledgeIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    articles: usize,
}

impl std::fmt::Debug for KnowledgeIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnowledgeIndex")
            .field("articles", &self.articles)
            .finish()
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let id = builder.add_i64_field("id", NumericOptions::default().set_stored());
    let language = builder.add_text_field("language", STRING);
    let published = builder.add_text_field("published", STRING);
    let mut text_field = |name: String, language: Language| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(analyzer_name(language))
            .set_index_option(IndexRecordOption::WithFreqs);
        builder.add_text_field(&name, TextOptions::default().set_indexing_options(indexing))
    };
    let per_language = Language::ALL.map(|language| LanguageFields {
        title: text_field(format!("title_{}", language.code()), language),
        text: text_field(format!("text_{}", language.code()), language),
    });
    // `Language::ALL` is in slot order; keep it so.
    debug_assert!(Language::ALL.iter().enumerate().all(|(i, l)| slot(*l) == i));
    let fields = Fields {
        id,
        language,
        published,
        per_language,
    };
    (builder.build(), fields)
}

impl KnowledgeIndex {
    /// Indexes `articles`. One writer thread: building is rare, and a desk's rebuild should not
    /// take every core from the bots that keep answering meanwhile.
    pub fn build<'a>(
        articles: impl IntoIterator<Item = IndexedArticle<'a>>,
    ) -> Result<KnowledgeIndex, KnowledgeError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        analysis::register(index.tokenizers());
        // 15 MB is tantivy's floor per writer thread; segments are flushed past it.
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000)?;
        let mut count = 0;
        for article in articles {
            let own = fields.of(article.language);
            let mut doc = TantivyDocument::default();
            doc.add_i64(fields.id, article.id.0);
            doc.add_text(fields.language, article.language.code());
            doc.add_text(fields.published, published_code(article.published));
            doc.add_text(own.title, article.title);
            doc.add_text(own.text, article.text);
            writer.add_document(doc)?;
            count += 1;
        }
        writer.commit()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(KnowledgeIndex {
            index,
            reader,
            fields,
            articles: count,
        })
    }

    pub fn len(&self) -> usize {
        self.articles
    }

    pub fn is_empty(&self) -> bool {
        self.articles == 0
    }

    /// The best `limit` articles in `language` for `query`, best first. Any text is a valid
    /// query (no query syntax: a client's "refund: not received (again!)" is words, not
    /// operators); a query with no searchable word finds nothing.
    pub fn search(
        &self,
        query: &str,
        language: Language,
        audience: Audience,
        limit: usize,
    ) -> Result<Vec<Hit>, KnowledgeError> {
        let name = analyzer_name(language);
        let mut analyzer = self
            .index
            .tokenizers()
            .get(name)
            .ok_or(KnowledgeError::NoAnalyzer(name))?;
        // A pasted essay should not make one search walk thousands of posting lists.
        let terms: Vec<String> = analysis::terms(&mut analyzer, query)
            .into_iter()
            .take(32)
            .collect();
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let own = self.fields.of(language);
        let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in &terms {
            for (field, boost) in [(own.title, TITLE_BOOST), (own.text, 1.0)] {
                let query = TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                );
                words.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), boost)),
                ));
            }
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(BooleanQuery::new(words))),
            (Occur::Must, keyword(self.fields.language, language.code())),
        ];
        if audience == Audience::Clients {
            clauses.push((
                Occur::Must,
                keyword(self.fields.published, published_code(true)),
            ));
        }
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let segment = searcher.segment_reader(address.segment_ord);
            let found = terms_in(segment, own, &terms, address.doc_id)?;
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc
                .get_first(self.fields.id)
                .and_then(|value| tantivy::schema::Value::as_i64(&value))
                .ok_or_else(|| {
                    tantivy::TantivyError::InternalError("an article without its id".into())
                })?;
            hits.push(Hit {
                article: ArticleId(id),
                score,
                coverage: found as f32 / terms.len() as f32,
            });
        }
        Ok(hits)
    }
}

fn published_code(published: bool) -> &'static str {
    if published {
        "yes"
    } else {
        "no"
    }
}

fn keyword(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// How many of `terms` the document holds, in its title or text.
fn terms_in(
    segment: &tantivy::SegmentReader,
    fields: LanguageFields,
    terms: &[String],
    doc: DocId,
) -> Result<usize, KnowledgeError> {
    let title = segment.inverted_index(fields.title)?;
    let text = segment.inverted_index(fields.text)?;
    let mut found = 0;
    for term in terms {
        for (inverted, field) in [(&title, fields.title), (&text, fields.text)] {
            let term = Term::from_field_text(field, term);
            if let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? {
                // `seek` may only move forward: a list starting past `doc` lacks it.
                let first = postings.doc();
                if first == doc || (first < doc && postings.seek(doc) == doc) {
                    found += 1;
                    break;
                }
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: i64, language: Language, title: &str, text: &str) -> IndexedArticle<'static> {
        IndexedArticle {
            id: ArticleId(id),
            language,
            title: Box::leak(title.to_string().into_boxed_str()),
            text: Box::leak(text.to_string().into_boxed_str()),
            published: true,
        }
    }

    #[test]
    fn finds_by_stem_in_the_clients_language_only() {
        let index = KnowledgeIndex::build([
            article(
                1,
                Language::En,
                "Refunds",
                "How refunds are paid after escrow.",
            ),
            article(
                2,
                Language::Ru,
                "Возврат денег",
                "Как вернуть деньги после эскроу.",
            ),
            article(
                3,
                Language::En,
                "Two-factor login",
                "Set up a second factor.",
            ),
        ])
        .unwrap();
        let hits = index
            .search("refund", Language::En, Audience::Clients, 3)
            .unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].article, ArticleId(1));
        assert_eq!(hits[0].coverage, 1.0);
        let hits = index
            .search("возврата", Language::Ru, Audience::Clients, 3)
            .unwrap();
        assert_eq!(hits[0].article, ArticleId(2));
    }

    #[test]
    fn drafts_are_for_agents_and_syntax_is_just_words() {
        let mut draft = article(1, Language::En, "Chargebacks", "Card chargeback rules");
        draft.published = false;
        let index = KnowledgeIndex::build([draft]).unwrap();
        let query = "chargeback AND (title:\"x";
        assert!(index
            .search(query, Language::En, Audience::Clients, 3)
            .unwrap()
            .is_empty());
        let hits = index
            .search(query, Language::En, Audience::Agents, 3)
            .unwrap();
        assert_eq!(hits.len(), 1);
        assert!(hits[0].coverage < 1.0, "'x' and 'title' are not in it");
        assert!(index
            .search("?!", Language::En, Audience::Agents, 3)
            .unwrap()
            .is_empty());
    }
}
