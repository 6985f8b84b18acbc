//! The root component: loads the index, then shows the search box, results and
//! reader, or a message saying what went wrong.

use std::rc::Rc;

use soi_core::SearchOptions;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::{Reader, ResultList, SearchBox};
use crate::engine::{Engine, Source};
use crate::js_api;
use crate::state::{Action, Phase, State, RESULT_LIMIT};

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Where to load the index from.
    pub source: Source,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(State::default);

    {
        let state = state.clone();
        use_effect_with(props.source.clone(), move |source| {
            let source = source.clone();
            let ready = js_api::install();
            spawn_local(async move {
                let progress = {
                    let state = state.clone();
                    move |fetched, total| state.dispatch(Action::Progress { fetched, total })
                };
                match Engine::load(source, progress).await {
                    Ok(engine) => {
                        ready.resolve(engine.clone());
                        state.dispatch(Action::Loaded(engine));
                    }
                    Err(message) => {
                        ready.reject(&message);
                        state.dispatch(Action::LoadFailed(message));
                    }
                }
            });
        });
    }

    let engine = match &state.phase {
        Phase::Ready(engine) => Some(engine.clone()),
        _ => None,
    };

    let on_input = {
        let state = state.clone();
        let engine = engine.clone();
        Callback::from(move |query: String| {
            state.dispatch(Action::Typed(query.clone()));
            let Some(engine) = engine.clone() else { return };
            let state = state.clone();
            spawn_local(async move {
                // The list shows no facet panel yet: skip counting them.
                let options = SearchOptions { limit: RESULT_LIMIT, facets: false, ..SearchOptions::default() };
                match engine.search(&query, &options).await {
                    Ok(response) => state.dispatch(Action::Answered { query, response }),
                    Err(message) => state.dispatch(Action::Failed(message)),
                }
            });
        })
    };

    let on_open = {
        let state = state.clone();
        let engine = engine.clone();
        Callback::from(move |doc: u32| {
            let Some(engine) = engine.clone() else { return };
            let state = state.clone();
            let query = state.query.clone();
            spawn_local(async move {
                match engine.article(doc, &query).await {
                    Ok(article) => state.dispatch(Action::Opened(article)),
                    Err(message) => state.dispatch(Action::Failed(message)),
                }
            });
        })
    };
    let on_close = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::CloseArticle))
    };

    let main = match &state.phase {
        Phase::Loading { fetched, total } => html! {
            <p class="status loading" role="status">
                { "Đang tải chỉ mục…" }
                if *total > 0 {
                    { format!(" {} / {} KiB", fetched / 1024, total.div_ceil(1024)) }
                    <progress max={total.to_string()} value={fetched.to_string()}></progress>
                }
            </p>
        },
        Phase::Failed(message) => html! {
            <div class="status error" role="alert">
                <h2>{ "Không mở được chỉ mục tìm kiếm" }</h2>
                <p>{ message.clone() }</p>
            </div>
        },
        Phase::Ready(engine) => {
            let body = if let Some(article) = &state.article {
                html! { <Reader article={article.clone()} {on_close} /> }
            } else if let Some(response) = state.response.clone().filter(|_| !state.query.trim().is_empty()) {
                html! { <ResultList {response} query={state.answered_query.clone()} {on_open} on_suggest={on_input.clone()} /> }
            } else {
                html! { <p class="status hint">{ format!("{} bài viết. Gõ để tìm — có dấu hay không dấu đều được.", engine.doc_count()) }</p> }
            };
            html! {
                <>
                    if let Some(message) = &state.error {
                        <p class="status error" role="alert">{ message.clone() }</p>
                    }
                    { body }
                </>
            }
        }
    };

    html! {
        <div class="app">
            <header>
                <h1 class="brand">{ "Soi" }</h1>
                <SearchBox value={state.query.clone()} on_input={on_input} disabled={engine.is_none()} />
            </header>
            <main>{ main }</main>
        </div>
    }
}

impl PartialEq for Source {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Source::Url(a), Source::Url(b)) => a == b,
            (Source::Memory(a), Source::Memory(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}
