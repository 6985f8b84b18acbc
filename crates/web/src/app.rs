//! The root component: loads the index, keeps the view in the URL, searches on
//! every change, and lays out the search box, facets, results, overview and reader.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::{Chips, FacetPanel, Overview, Reader, ResultList, SearchBox, Toolbar};
use crate::engine::{Engine, Source};
use crate::i18n::{t, Key, Lang};
use crate::js_api;
use crate::state::{Action, Answer, Phase, State, RESULT_LIMIT};
use crate::view::View;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Where to load the index from.
    pub source: Source,
}

fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Mirrors the view in the URL: a new history entry when filters, sort or the
/// open article change, a replaced one while typing.
fn sync_url(view: &View, previous: &View) {
    let Some(window) = web_sys::window() else { return };
    let wanted = view.to_query_string();
    if location_search() == wanted {
        return;
    }
    let Ok(history) = window.history() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}{wanted}");
    let only_typing = View { query: previous.query.clone(), ..view.clone() } == *previous;
    let _ = if only_typing {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Moves focus among the result links (`step` = ±1), from the search box too.
fn move_focus(step: i32) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(links) = doc.query_selector_all(".hit-title") else { return };
    let n = links.length() as i32;
    if n == 0 {
        return;
    }
    let active = doc.active_element();
    let current = (0..n)
        .find(|&i| links.get(i as u32).is_some_and(|l| active.as_ref().is_some_and(|a| a.is_same_node(Some(&l)))));
    let next = match current {
        Some(i) => (i + step).clamp(0, n - 1),
        None if step > 0 => 0,
        None => return,
    };
    if let Some(el) = links.get(next as u32).and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| State::new(View::from_query_string(&location_search()), Lang::from_browser()));
    let previous_view = use_mut_ref(View::default);

    // Load the index once per source.
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

    // Search whenever the view's question changes (not when only the article does).
    {
        let state = state.clone();
        let v = &state.view;
        let key = (engine.is_some(), v.query.clone(), v.filters.clone(), v.from.clone(), v.to.clone(), v.sort);
        let engine = engine.clone();
        use_effect_with(key, move |_| {
            if let Some(engine) = engine {
                let view = state.view.clone();
                spawn_local(async move {
                    let started = now();
                    match engine.search(&view.query, &view.options(RESULT_LIMIT)).await {
                        Ok(response) => {
                            let millis = now() - started;
                            state.dispatch(Action::Answered(Answer { view, response: Rc::new(response), millis }));
                        }
                        Err(message) => state.dispatch(Action::Failed(message)),
                    }
                });
            }
        });
    }

    // Open the article named by the view.
    {
        let state = state.clone();
        let key = (engine.is_some(), state.view.doc.clone(), state.view.query.clone());
        let engine = engine.clone();
        use_effect_with(key, move |(_, doc, query)| {
            if let (Some(engine), Some(id)) = (engine, doc.clone()) {
                let query = query.clone();
                spawn_local(async move {
                    let Some(number) = engine.doc_number(&id) else {
                        state.dispatch(Action::Failed(format!("there is no article {id:?} in this index")));
                        return;
                    };
                    match engine.article(number, &query).await {
                        Ok(article) => state.dispatch(Action::Opened(article)),
                        Err(message) => state.dispatch(Action::Failed(message)),
                    }
                });
            }
        });
    }

    // The URL follows the view; back and forward bring views back.
    {
        let view = state.view.clone();
        let previous_view = previous_view.clone();
        use_effect_with(view, move |view| {
            sync_url(view, &previous_view.borrow());
            *previous_view.borrow_mut() = view.clone();
        });
    }
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "popstate", move |_| {
                    state.dispatch(Action::Show(View::from_query_string(&location_search())))
                })
            });
            move || drop(listener)
        });
    }

    // Keyboard: `/` focuses the search box, arrows move through results, Esc goes back.
    {
        let state = state.clone();
        use_effect_with(state.view.clone(), move |view| {
            let view = view.clone();
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                EventListener::new(&doc, "keydown", move |event| {
                    let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    let typing = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.active_element())
                        .is_some_and(|a| a.tag_name() == "INPUT" || a.tag_name() == "SELECT");
                    match e.key().as_str() {
                        "/" if !typing => {
                            e.prevent_default();
                            if let Some(input) = web_sys::window()
                                .and_then(|w| w.document())
                                .and_then(|d| d.get_element_by_id("q"))
                                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                let _ = input.focus();
                            }
                        }
                        "ArrowDown" if view.doc.is_none() => {
                            e.prevent_default();
                            move_focus(1);
                        }
                        "ArrowUp" if view.doc.is_none() => {
                            e.prevent_default();
                            move_focus(-1);
                        }
                        "Escape" if view.doc.is_some() => {
                            state.dispatch(Action::Show(View { doc: None, ..view.clone() }))
                        }
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }

    // The reader's current match is scrolled into view.
    {
        let key = (state.current_match, state.article.as_ref().map(|a| a.doc));
        use_effect_with(key, move |_| {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".reader mark.current").ok().flatten())
            {
                el.scroll_into_view_with_bool(false);
            }
        });
    }

    let lang = state.lang;
    let show = {
        let state = state.clone();
        Callback::from(move |view: View| state.dispatch(Action::Show(view)))
    };
    let view = state.view.clone();
    let on_input = {
        let (show, view) = (show.clone(), view.clone());
        Callback::from(move |query: String| show.emit(View { query, doc: None, ..view.clone() }))
    };
    let on_toggle = {
        let (show, view) = (show.clone(), view.clone());
        Callback::from(move |(facet, value): (String, String)| {
            let mut v = View { doc: None, ..view.clone() };
            v.toggle(&facet, &value);
            show.emit(v);
        })
    };
    let on_month = {
        let (show, view) = (show.clone(), view.clone());
        Callback::from(move |month: Option<String>| {
            show.emit(View { from: month.clone(), to: month, doc: None, ..view.clone() })
        })
    };
    let on_view = show.clone();
    let on_open = {
        let (show, view) = (show.clone(), view.clone());
        Callback::from(move |id: String| show.emit(View { doc: Some(id), ..view.clone() }))
    };
    let on_close = {
        let (show, view) = (show.clone(), view.clone());
        Callback::from(move |()| show.emit(View { doc: None, ..view.clone() }))
    };
    let on_step = {
        let state = state.clone();
        Callback::from(move |by: isize| state.dispatch(Action::StepMatch(by)))
    };
    let on_lang = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let next = state.lang.other();
            if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                let _ = root.set_attribute("lang", next.code());
            }
            state.dispatch(Action::SetLang(next));
        })
    };

    let main = match &state.phase {
        Phase::Loading { fetched, total } => html! {
            <p class="status loading" role="status">
                { t(lang, Key::Loading) }
                if *total > 0 {
                    { format!(" {} / {} KiB", fetched / 1024, total.div_ceil(1024)) }
                    <progress max={total.to_string()} value={fetched.to_string()}></progress>
                }
            </p>
        },
        Phase::Failed(message) => html! {
            <div class="status error" role="alert">
                <h2>{ t(lang, Key::LoadFailed) }</h2>
                <p>{ message.clone() }</p>
            </div>
        },
        Phase::Ready(_) => {
            let answer = state.answer.clone();
            let content = if view.doc.is_some() {
                match &state.article {
                    Some(article) => html! {
                        <Reader article={article.clone()} {lang} current={state.current_match} on_close={on_close.clone()} on_step={on_step.clone()} on_open={on_open.clone()} />
                    },
                    None => html! { <p class="status">{ t(lang, Key::Loading) }</p> },
                }
            } else {
                match &answer {
                    Some(a) if a.view.query.trim().is_empty() && !a.view.has_filters() => html! {
                        <Overview response={a.response.clone()} {lang} on_toggle={on_toggle.clone()} />
                    },
                    Some(a) => html! {
                        <>
                            <Toolbar total={a.response.total} millis={a.millis} sort={view.sort} {lang} view={view.clone()} on_view={on_view.clone()} />
                            <ResultList response={a.response.clone()} query={a.view.query.clone()} {lang} view={view.clone()} on_open={on_open.clone()} on_suggest={on_input.clone()} />
                        </>
                    },
                    None => html! {},
                }
            };
            let facets = answer.as_ref().filter(|_| view.doc.is_none()).map(|a| {
                html! { <FacetPanel response={a.response.clone()} view={view.clone()} {lang} on_toggle={on_toggle.clone()} on_month={on_month.clone()} /> }
            });
            html! {
                <>
                    if let Some(message) = &state.error {
                        <p class="status error" role="alert">{ message.clone() }</p>
                    }
                    <Chips view={view.clone()} {lang} on_view={on_view.clone()} />
                    <div class="layout">
                        { for facets }
                        <div class="content">{ content }</div>
                    </div>
                </>
            }
        }
    };

    html! {
        <div class="app">
            <header>
                <h1 class="brand">{ "Soi" }</h1>
                <SearchBox value={view.query.clone()} on_input={on_input} disabled={engine.is_none()} {lang} />
                <button type="button" class="lang" onclick={on_lang}>{ t(lang, Key::Language) }</button>
            </header>
            <p class="hint">{ t(lang, Key::Hint) }</p>
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
