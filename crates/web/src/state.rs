//! The app's state and its reducer: every change of what the user sees is an
//! [`Action`]. What can be shared as a link lives in [`View`]; the rest (answers,
//! loading, the current match in the reader) is derived or transient.

use std::rc::Rc;

use soi_core::{ArticleView, SearchResponse};
use yew::Reducible;

use crate::engine::Engine;
use crate::i18n::Lang;
use crate::view::View;

/// Results shown per query.
pub const RESULT_LIMIT: usize = 20;

/// Where loading the index stands.
#[derive(Clone)]
pub enum Phase {
    Loading { fetched: u64, total: u64 },
    Ready(Rc<Engine>),
    Failed(String),
}

/// An answer to a view, with how long it took.
#[derive(Clone, PartialEq)]
pub struct Answer {
    pub view: View,
    pub response: Rc<SearchResponse>,
    pub millis: f64,
}

#[derive(Clone)]
pub struct State {
    pub phase: Phase,
    pub lang: Lang,
    /// What the user asked for (the URL mirrors it).
    pub view: View,
    /// The latest answer (may lag `view` by a keystroke).
    pub answer: Option<Answer>,
    /// The article open in the reader (when `view.doc` is set and it loaded).
    pub article: Option<Rc<ArticleView>>,
    /// The highlighted match in the reader.
    pub current_match: usize,
    /// A search or article error to show (the index itself loaded).
    pub error: Option<String>,
}

impl State {
    pub fn new(view: View, lang: Lang) -> Self {
        Self {
            phase: Phase::Loading { fetched: 0, total: 0 },
            lang,
            view,
            answer: None,
            article: None,
            current_match: 0,
            error: None,
        }
    }
}

pub enum Action {
    Progress {
        fetched: u64,
        total: u64,
    },
    Loaded(Rc<Engine>),
    LoadFailed(String),
    /// A new view (typed, filtered, sorted, opened, closed, or from the URL).
    Show(View),
    Answered(Answer),
    Opened(ArticleView),
    /// Move the reader's current match by this much (wrapping).
    StepMatch(isize),
    SetLang(Lang),
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
            Action::Show(view) => {
                if view.doc.is_none() || view.doc != s.view.doc {
                    s.article = None;
                    s.current_match = 0;
                }
                s.view = view;
            }
            Action::Answered(answer) => {
                // An answer to an older view than the one shown is dropped.
                let question = |v: &View| View { doc: None, ..v.clone() };
                if question(&answer.view) != question(&s.view) {
                    return self;
                }
                s.answer = Some(answer);
                s.error = None;
            }
            Action::Opened(article) => {
                if s.view.doc.as_deref() != Some(article.id.as_str()) {
                    return self;
                }
                s.article = Some(Rc::new(article));
                s.current_match = 0;
            }
            Action::StepMatch(by) => {
                let n = s.article.as_ref().map_or(0, |a| a.marks.len());
                if n == 0 {
                    return self;
                }
                s.current_match = (s.current_match as isize + by).rem_euclid(n as isize) as usize;
            }
            Action::SetLang(lang) => s.lang = lang,
            Action::Failed(message) => s.error = Some(message),
        }
        Rc::new(s)
    }
}
