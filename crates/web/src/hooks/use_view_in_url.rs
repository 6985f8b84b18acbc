//! The view in the page URL: a link reproduces it, back and forward walk through
//! the views.

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::state::{Action, State};
use crate::view::View;

/// Mirrors `view` in the URL: a new history entry when filters, sort or the open
/// article change, a replaced one while typing.
fn sync_url(view: &View, previous: &View) {
    let Some(window) = web_sys::window() else { return };
    // A URL that already means this view stays as it is (a link may spell it
    // differently, `%20` for `+`, and must not become a second history entry).
    if View::from_location() == *view {
        return;
    }
    let Ok(history) = window.history() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}{}", view.to_query_string());
    let only_typing = View { query: previous.query.clone(), ..view.clone() } == *previous;
    let _ = if only_typing {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    };
}

/// Keeps the URL in step with the view, and shows the view of the URL that back
/// and forward bring ([`Action::Show`]).
#[hook]
pub fn use_view_in_url(state: &UseReducerHandle<State>) {
    let previous = use_mut_ref(View::default);
    use_effect_with(state.view.clone(), move |view| {
        sync_url(view, &previous.borrow());
        *previous.borrow_mut() = view.clone();
    });
    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "popstate", move |_| dispatcher.dispatch(Action::Show(View::from_location())))
        });
        move || drop(listener)
    });
}
