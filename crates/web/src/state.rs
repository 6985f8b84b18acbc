//! The app's state and its reducer: every change of what the user sees is an
//! [`Action`]. What can be shared as a link lives in [`View`]; the rest (answers,
//! loading, the current match in the reader) is derived or transient. The user's
//! moves (type, toggle a facet, pick a month, open, close) are actions on the
//! current view, so a callback never works from a stale copy of it.

use std::collections::BTreeMap;
use std::rc::Rc;

use soi_core::{ArticleView, SearchResponse};
use yew::Reducible;

use crate::components::shown_marks;
use crate::i18n::Lang;
use crate::view::View;

/// Results asked per page: a query shows this many, and "show more" asks for as
/// many again.
pub const RESULT_LIMIT: usize = 20;

/// Where loading the index stands.
#[derive(Clone)]
pub enum Phase {
    Loading {
        fetched: u64,
        total: u64,
    },
    /// The search worker has the index open.
    Ready,
    Failed(String),
}

/// The article as the reader shows it: only the marks that become `<mark>`s
/// ([`shown_marks`]), so that every count of them is the number on the screen.
fn as_shown(mut article: ArticleView) -> ArticleView {
    article.title_marks = shown_marks(&article.title, &article.title_marks);
    article.marks = shown_marks(&article.body, &article.marks);
    article
}

/// How many matches the reader shows for `article` (one source for its header,
/// its "match 3 / 12" and the stepping): the title's, then the body's, in the
/// order the reader steps through them.
pub fn match_count(article: &ArticleView) -> usize {
    article.title_marks.len() + article.marks.len()
}

/// An answer to a view, with how long it took.
#[derive(Clone, PartialEq)]
pub struct Answer {
    pub view: View,
    /// The rank of its first hit: 0 for a new question's answer, or where the
    /// next page starts (a page's hits are added to the list shown).
    pub offset: usize,
    pub response: Rc<SearchResponse>,
    /// Per filtered facet, the values of `response.facets` the filters select.
    pub selected: Rc<BTreeMap<String, Vec<String>>>,
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
    /// The highlighted match in the reader: an index into the title's marks,
    /// then the body's ([`match_count`] of them).
    pub current_match: usize,
    /// A search or article error to show (the index itself loaded).
    pub error: Option<String>,
    /// How many results the list asks for: [`RESULT_LIMIT`] per page shown
    /// ("show more" adds a page, asked from where the list ends; a new question
    /// starts again at one).
    pub limit: usize,
    /// The article the reader was last closed on (by its back button, Esc or the
    /// browser's back): the result list gives its hit the focus, so that the
    /// reader returns to where they were.
    pub closed: Option<String>,
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
            limit: RESULT_LIMIT,
            closed: None,
        }
    }

    /// Is the index open, so that searches can be asked?
    pub fn ready(&self) -> bool {
        matches!(self.phase, Phase::Ready)
    }

    /// Shows `view`, closing the article when another one (or none) is asked for.
    fn show(&mut self, view: View) {
        if view.doc.is_none() || view.doc != self.view.doc {
            self.article = None;
            self.current_match = 0;
        }
        if view.question() != self.view.question() {
            self.limit = RESULT_LIMIT;
        }
        self.closed = match (&self.view.doc, &view.doc) {
            (Some(open), None) => Some(open.clone()),
            _ => None,
        };
        self.view = view;
    }
}

pub enum Action {
    Progress {
        fetched: u64,
        total: u64,
    },
    Loaded,
    LoadFailed(String),
    /// A new view (sorted, a chip removed, or from the URL).
    Show(View),
    /// The query typed (or a suggestion taken): back to the results.
    Search(String),
    /// Select or deselect one facet value: `(facet, value)`.
    Toggle(String, String),
    /// Filter by one month (`YYYY-MM`), or by none.
    Month(Option<String>),
    /// Filter by a range of months, `(from, to)`, either end open.
    Range(Option<String>, Option<String>),
    /// Ask for the next page of results.
    More,
    /// Open the article with this id in the reader.
    Open(String),
    /// Close the reader.
    Close,
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
            Action::Loaded => s.phase = Phase::Ready,
            Action::LoadFailed(message) => s.phase = Phase::Failed(message),
            Action::Show(view) => s.show(view),
            Action::Search(query) => s.show(View { query, ..s.view.question() }),
            Action::Toggle(facet, value) => {
                let mut view = s.view.question();
                view.toggle(&facet, &value);
                s.show(view);
            }
            Action::Month(month) => s.show(View { from: month.clone(), to: month, ..s.view.question() }),
            Action::Range(from, to) => s.show(View { from, to, ..s.view.question() }),
            Action::More => {
                // Only past what the answer already lists, and not twice for one page.
                let Some(answer) = s.answer.as_ref().filter(|a| a.view.question() == s.view.question()) else {
                    return self;
                };
                let (listed, total) = (answer.response.hits.len(), answer.response.total);
                if s.limit > listed || listed >= total {
                    return self;
                }
                s.limit = listed + RESULT_LIMIT;
            }
            Action::Open(id) => s.show(View { doc: Some(id), ..s.view.clone() }),
            Action::Close => s.show(s.view.question()),
            Action::Answered(answer) => {
                // An answer to an older view than the one shown is dropped.
                if answer.view.question() != s.view.question() {
                    return self;
                }
                if answer.offset == 0 {
                    s.answer = Some(answer);
                } else {
                    // The next page: added to the list it continues, and only to it.
                    let Some(shown) = s.answer.as_mut().filter(|a| {
                        a.view.question() == answer.view.question() && a.response.hits.len() == answer.offset
                    }) else {
                        return self;
                    };
                    let mut response = (*shown.response).clone();
                    response.total = answer.response.total;
                    response.hits.extend(answer.response.hits.iter().cloned());
                    shown.response = Rc::new(response);
                }
                s.error = None;
            }
            Action::Opened(article) => {
                if s.view.doc.as_deref() != Some(article.id.as_str()) {
                    return self;
                }
                s.article = Some(Rc::new(as_shown(article)));
                s.current_match = 0;
            }
            Action::StepMatch(by) => {
                let n = s.article.as_deref().map_or(0, match_count);
                if n == 0 {
                    return self;
                }
                s.current_match = (s.current_match as isize + by).rem_euclid(n as isize) as usize;
            }
            Action::SetLang(lang) => s.lang = lang,
            Action::Failed(message) => {
                s.error = Some(message);
                // A next page that failed is not pending forever: the list asks
                // for what it shows, and "show more" can be tried again.
                if let Some(listed) = s.answer.as_ref().map(|a| a.response.hits.len().max(RESULT_LIMIT)) {
                    s.limit = s.limit.min(listed);
                }
            }
        }
        Rc::new(s)
    }
}
