//! The root component: the state, the hooks that start the search worker, ask it
//! for results and articles, and follow the URL and the keyboard (see
//! [`crate::hooks`]), and the layout of the search box, facets, results, overview
//! and reader. The UI language reaches every component through a
//! `ContextProvider<Lang>`.

use yew::prelude::*;

use crate::client::Backend;
use crate::components::{
    Chips, FacetPanel, FindValues, FoundValues, LoadingStatus, Overview, Reader, ResultList, SearchBox,
    SearchingStatus, Toolbar,
};
use crate::hooks::{use_article, use_keyboard, use_search, use_view_in_url, use_worker};
use crate::i18n::{t, Key, Lang};
use crate::state::{Action, Answer, Phase, State};
use crate::view::View;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Where the searches run (the worker loads the index).
    pub backend: Backend,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| State::new(View::from_location(), Lang::from_browser()));
    let client = use_worker(&props.backend, &state);
    use_search(&client, &state);
    use_article(&client, &state);
    use_view_in_url(&state);
    use_keyboard(&state);
    // The answer on screen: the one to the question asked once it is here, and
    // until then the one shown before. An answer the reducer took for a question
    // that a keystroke has changed since, before it could be drawn (Yew renders
    // a batch of actions at once), is never drawn.
    let on_screen = use_mut_ref(|| None::<Answer>);

    let dispatch = state.dispatcher().to_callback();
    let on_input = dispatch.reform(Action::Search);
    let on_toggle = dispatch.reform(|(facet, value)| Action::Toggle(facet, value));
    let on_range = dispatch.reform(|(from, to)| Action::Range(from, to));
    let on_more = dispatch.reform(|()| Action::More);
    let on_view = dispatch.reform(Action::Show);
    let on_open = dispatch.reform(Action::Open);
    let on_close = dispatch.reform(|()| Action::Close);
    let on_step = dispatch.reform(Action::StepMatch);
    let on_lang = {
        let next = state.lang.other();
        dispatch.reform(move |_: MouseEvent| {
            if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                let _ = root.set_attribute("lang", next.code());
            }
            Action::SetLang(next)
        })
    };

    // A facet's values beyond those an answer lists, found by text in the worker
    // for the question shown (the facet groups' find boxes ask).
    let find_values = {
        let (client, view) = (client.clone(), state.view.question());
        FindValues(Callback::from(move |(facet, text, reply): (String, String, FoundValues)| {
            let Some(client) = client.clone() else { return };
            let options = view.options(0, 0);
            let find = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&find, &"facet".into(), &facet.as_str().into());
            let _ = js_sys::Reflect::set(&find, &"text".into(), &text.as_str().into());
            let _ = js_sys::Reflect::set(&options, &"find".into(), &find);
            let promise = client.call(&view.query, options);
            wasm_bindgen_futures::spawn_local(async move {
                // A failed search shows its message in the list already: no values.
                let Ok(answer) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
                let values = js_sys::Reflect::get(&answer, &"facets".into())
                    .and_then(|f| js_sys::Reflect::get(&f, &facet.as_str().into()))
                    .ok()
                    .and_then(|v| crate::answers::facet_counts(&v).ok())
                    .unwrap_or_default();
                reply.emit((text, values));
            });
        }))
    };

    let lang = state.lang;
    let view = &state.view;
    let main = match &state.phase {
        Phase::Loading { fetched, total } => html! { <LoadingStatus fetched={*fetched} total={*total} /> },
        Phase::Failed(message) => html! {
            <div class="status error" role="alert">
                <h2>{ t(lang, Key::LoadFailed) }</h2>
                <p>{ message.clone() }</p>
            </div>
        },
        Phase::Ready => {
            let answer = {
                let mut on_screen = on_screen.borrow_mut();
                if let Some(current) = state.answer.as_ref().filter(|a| a.view.question() == view.question()) {
                    *on_screen = Some(current.clone());
                }
                on_screen.clone()
            };
            let content = if view.doc.is_some() {
                match &state.article {
                    Some(article) => html! {
                        <Reader article={article.clone()} current={state.current_match} {on_close} {on_step} on_open={on_open.clone()} />
                    },
                    None => html! { <p class="status">{ t(lang, Key::Loading) }</p> },
                }
            } else {
                match &answer {
                    Some(a) if a.view.is_overview() => html! {
                        <Overview response={a.response.clone()} on_toggle={on_toggle.clone()} on_range={on_range.clone()} />
                    },
                    Some(a) => html! {
                        <>
                            <Toolbar total={a.response.total} millis={a.millis} sort={view.sort} view={view.clone()} on_view={on_view.clone()} />
                            <ResultList response={a.response.clone()} query={a.view.query.clone()} view={view.clone()} {on_open}
                                on_suggest={on_input.clone()} limit={state.limit} {on_more} closed={state.closed.clone()} />
                        </>
                    },
                    // The first answer (the overview's) is on its way.
                    // The first answer failed: its message shows above, nothing is coming.
                    None if state.error.is_some() => html! {},
                    None => html! { <SearchingStatus /> },
                }
            };
            let facets = answer.as_ref().filter(|_| view.doc.is_none()).map(|a| {
                html! { <FacetPanel response={a.response.clone()} selected={a.selected.clone()} view={view.clone()} {on_toggle} {on_range} /> }
            });
            // Two columns only beside the facets: the reader (and anything shown
            // without them) takes the whole width.
            let layout = classes!("layout", facets.is_some().then_some("with-facets"));
            html! {
                <>
                    if let Some(message) = &state.error {
                        <p class="status error" role="alert">{ message.clone() }</p>
                    }
                    <Chips view={view.clone()} {on_view} />
                    <div class={layout}>
                        { for facets }
                        <div class="content">{ content }</div>
                    </div>
                </>
            }
        }
    };

    html! {
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<FindValues> context={find_values}>
            <div class="app">
                <header>
                    <h1 class="brand">{ "Soi" }</h1>
                    <SearchBox value={view.query.clone()} {on_input} disabled={matches!(state.phase, Phase::Failed(_))}
                        autofocus={view.doc.is_none()} />
                    <button type="button" class="lang" onclick={on_lang}>{ t(lang, Key::Language) }</button>
                    <p class="hint">{ t(lang, Key::Hint) }</p>
                </header>
                <main>{ main }</main>
            </div>
        </ContextProvider<FindValues>>
        </ContextProvider<Lang>>
    }
}
