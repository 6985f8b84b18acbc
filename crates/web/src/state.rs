//! The app's state and its reducer: every change of what the user sees is an
//! [`Action`].

use std::rc::Rc;

use soi_core::{ArticleView, SearchResponse};
use yew::Reducible;

use crate::engine::Engine;

/// Results shown per query.
pub const RESULT_LIMIT: usize = 20;

/// Where loading the index stands.
#[derive(Clone)]
pub enum Phase {
    Loading { fetched: u64, total: u64 },
    Ready(Rc<Engine>),
    Failed(String),
}

#[derive(Clone)]
pub struct State {
    pub phase: Phase,
    /// The query as typed.
    pub query: String,
    /// The answer to `answered_query` (may lag `query` by a keystroke).
    pub response: Option<Rc<SearchResponse>>,
    pub answered_query: String,
    /// The article open in the reader.
    pub article: Option<Rc<ArticleView>>,
    /// A search or article error to show (the index itself loaded).
    pub error: Option<String>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            phase: Phase::Loading { fetched: 0, total: 0 },
            query: String::new(),
            response: None,
            answered_query: String::new(),
            article: None,
            error: None,
        }
    }
}

pub enum Action {
    Progress { fetched: u64, total: u64 },
    Loaded(Rc<Engine>),
    LoadFailed(String),
    Typed(String),
    Answered { query: String, response: SearchResponse },
    Opened(ArticleView),
    CloseArticle,
    Failed(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Progress { fetched, total } => {
                if !matches!(s.phase, Phase::Loading { .. }) {
                    return self;
                }
                s.phase = Phase::Loading { fetched, total };
            }
            Action::Loaded(engine) => s.phase = Phase::Ready(engine),
            Action::LoadFailed(message) => s.phase = Phase::Failed(message),
            Action::Typed(query) => {
                s.query = query;
                s.article = None;
            }
            Action::Answered { query, response } => {
                // An answer to an older query than the one shown is dropped.
                if query != s.query {
                    return self;
                }
                s.answered_query = query;
                s.response = Some(Rc::new(response));
                s.error = None;
            }
            Action::Opened(article) => s.article = Some(Rc::new(article)),
            Action::CloseArticle => s.article = None,
            Action::Failed(message) => s.error = Some(message),
        }
        Rc::new(s)
    }
}
