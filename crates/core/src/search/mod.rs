//! Per keystroke: a query in, a ranked, highlighted answer out. Runs in the
//! browser on every keystroke, and in `soi search`.
//!
//! # The data flow of a query
//!
//! ```text
//! "dai hoi kim s"
//!   │ query.rs     parse (lenient, never fails): clauses of words and phrases,
//!   │              exclusions, OR, title:, the last word as a prefix   → Query
//!   │ plan.rs      expand each distinct word ONCE on the fst dictionary: tone
//!   │              variants, completions, Telex/VNI, typos, each with a
//!   │              MatchKind, weight and class; build the Highlighter     → Plan
//!   │              (reads only the dictionary: the reader stops here)
//!   │              Index::missing_shards(plan): the postings shards to fetch
//!   │              first, and Index::missing_positions(plan) their positions
//!   │              if the query reads any (a phrase, title:, an exclusion,
//!   │              a word that may be two joined syllables),
//!   │              or Index::missing_followers(plan) the followers of its
//!   │              words but the last (several words: which stand side by
//!   │              side); the browser fetches them in parallel, the CLI has all
//!   │ context.rs   on executing, from postings: a rare pair of words whose
//!   │              other tone or completion makes a frequent pair takes it
//!   │              (`kinh tê`, `tuyên sinh`, `Nam Đị`); joined.rs: an unknown
//!   │              word that is two syllables typed without the space is
//!   │              searched as that pair too (`kinhte`)
//!   │ matching.rs  postings of each word's expansions merged by document;
//!   │              phrases at consecutive positions; clauses scored (BM25)
//!   │ rank.rs      clauses combined per document (a merge, no table sized by
//!   │              the corpus), exclusions, filters and facet counts
//!   │              (facets.rs, options.rs), top `limit` in the asked order → SearchResults
//!   │ suggest.rs   "did you mean", from the plan's expansions
//!   ▼ response.rs  hits with snippets and marks (highlight.rs)             → SearchResponse
//! ```
//!
//! Every ranking weight is in `weights.rs`. Related articles (`related.rs`) are
//! the reader's "see also". The methods below are the whole search API of
//! [`Index`].

mod context;
mod damerau;
mod facets;
mod highlight;
mod joined;
mod matching;
mod options;
mod plan;
mod query;
mod rank;
mod related;
mod response;
mod suggest;
pub mod weights;

pub use facets::{FacetCount, MonthCount, MAX_FACET_VALUES};
pub use highlight::{
    highlight, highlight_of, snippet, snippet_of, snippet_with, Highlighter, Snippet, Tokenized, SNIPPET_WORDS,
};
pub use options::{date_bound, FacetFind, Filter, SearchOptions, Sort, SORT_NAMES};
pub use plan::{Expansion, MatchKind, Plan, PlannedWord};
pub use query::{Clause, Field, Query, QueryTerm, Unit, MAX_CLAUSES, MAX_PHRASE_WORDS};
pub use rank::{Hit, Ranking, SearchResults};
pub use related::RELATED_TERMS;
pub use response::{ArticleView, HitView, RelatedView, SearchResponse, RELATED_SHOWN};

use crate::error::Result;
use crate::index::Index;

impl Index {
    /// Reads and expands a query: what searching and highlighting need. Reads
    /// only the dictionary.
    pub fn plan(&self, query: &str) -> Plan {
        plan::plan(self, Query::parse(query))
    }

    /// [`Index::plan`] for an already parsed query.
    pub fn plan_query(&self, query: Query) -> Plan {
        plan::plan(self, query)
    }

    /// The postings shards a plan needs that have not been added yet: first the
    /// shards its words had to be looked up in ([`Plan::unresolved`]): add those
    /// and plan again, as the plan may then find more terms. Once a plan has no
    /// unresolved shard, the shards of its terms: add them, then
    /// [`Index::execute`].
    pub fn missing_shards(&self, plan: &Plan) -> Vec<usize> {
        if !plan.unresolved.is_empty() {
            return plan.unresolved.iter().copied().filter(|&s| !self.has_shard(s)).collect();
        }
        self.missing_shards_of(plan.ordinals())
    }

    /// The postings shards whose positions a plan needs ([`Plan::needs_positions`])
    /// and that have not been added yet: fetch them ([`Index::positions_range`],
    /// [`Index::add_positions`]) with the lists [`Index::missing_shards`] names,
    /// before [`Index::execute`]. None while the plan has unresolved shards (it
    /// is made again first).
    pub fn missing_positions(&self, plan: &Plan) -> Vec<usize> {
        if !plan.unresolved.is_empty() || !plan.needs_positions() {
            return Vec::new();
        }
        self.missing_positions_of(plan.ordinals())
    }

    /// The postings shards whose followers a plan needs ([`Plan::needs_followers`])
    /// and that have not been added yet: fetch them ([`Index::followers_range`],
    /// [`Index::add_followers`]) with the lists, before [`Index::execute`]. None
    /// while the plan has unresolved shards.
    pub fn missing_followers(&self, plan: &Plan) -> Vec<usize> {
        if !plan.unresolved.is_empty() || !plan.needs_followers() {
            return Vec::new();
        }
        self.missing_followers_of(plan.follower_ordinals())
    }

    /// The postings shards that [`Index::article`] needs for `doc`'s related
    /// articles and that have not been added yet (its text must be loaded).
    pub fn missing_shards_for_article(&self, doc: u32) -> Vec<usize> {
        self.missing_shards_of(related::distinctive_terms(self, doc).into_iter().map(|t| t.0))
    }

    /// The documents whose text [`Index::article`] needs for `doc` (its own, and
    /// its related articles' for their titles) that have not been added yet.
    /// Needs `doc`'s text and [`Index::missing_shards_for_article`] loaded first,
    /// to know the related articles.
    pub fn missing_texts_for_article(&self, doc: u32) -> Result<Vec<u32>> {
        let related = related::related(self, doc, RELATED_SHOWN)?;
        Ok(self.missing_texts(std::iter::once(doc).chain(related.into_iter().map(|r| r.0))))
    }

    /// Runs a plan: the ranked answer, without a suggestion.
    pub fn execute(&self, plan: Plan, options: &SearchOptions) -> Result<SearchResults> {
        rank::execute(self, plan, options, Ranking::TopK)
    }

    /// [`Index::execute`] choosing the page by `ranking`: with
    /// [`Ranking::Exhaustive`], every hit is scored in full (for tests and
    /// benchmarks that check the pruned ranking against it).
    pub fn execute_ranked(&self, plan: Plan, options: &SearchOptions, ranking: Ranking) -> Result<SearchResults> {
        rank::execute(self, plan, options, ranking)
    }

    /// Searches the index; returns at most `limit` hits, best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults> {
        self.search_with(query, &SearchOptions { limit, ..SearchOptions::default() })
    }

    /// Searches with filters, a date range and a sort order, and suggests a
    /// respelling. An empty query with filters lists the documents that pass them.
    /// Errors when the options are invalid ([`SearchOptions::validate`]) or a
    /// postings list cannot be decoded.
    pub fn search_with(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let mut results = self.execute(self.plan(query), options)?;
        results.suggestion = self.suggestion(query, &results.plan);
        Ok(results)
    }

    /// "Did you mean": `input` respelled from its plan, when a word matched only
    /// through a typo or Telex, or not at all, or was corrected or read apart by
    /// its neighbours (reads only the dictionary; pass the executed plan,
    /// [`SearchResults::plan`], for what execution decided).
    pub fn suggestion(&self, input: &str, plan: &Plan) -> Option<String> {
        suggest::suggest(self, input, plan)
    }

    /// Every dictionary term a query word matches, with its weight and class
    /// (among the terms of the shards added so far: see [`Plan::unresolved`]).
    pub fn expand(&self, term: &QueryTerm) -> Vec<Expansion> {
        plan::expand(&mut plan::Lookup::new(self), term)
    }

    /// Turns results into the response shape, with snippets from whatever text
    /// is loaded (see [`Index::missing_texts`]).
    pub fn response(&self, results: &SearchResults) -> SearchResponse {
        response::response(self, results)
    }

    /// The article `doc` with the words `hl` marks highlighted (a plan's
    /// highlighter: `index.article(doc, index.plan(q).highlighter())`), and its
    /// related articles. `None` when the document does not exist or its text is
    /// not loaded.
    pub fn article(&self, doc: u32, hl: &Highlighter) -> Result<Option<ArticleView>> {
        response::article(self, doc, hl)
    }

    /// Up to `k` documents sharing the most distinctive words with `doc`, best
    /// first, as (document, score). Empty when the document's text is not loaded.
    pub fn related(&self, doc: u32, k: usize) -> Result<Vec<(u32, f32)>> {
        related::related(self, doc, k)
    }
}
