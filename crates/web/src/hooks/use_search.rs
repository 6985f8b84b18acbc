//! Searching as the user types, filters and sorts.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::state::{Action, Answer, State, RESULT_LIMIT};

/// Milliseconds since the page loaded.
fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Searches whenever the view's question changes (not when only the open article
/// does), once the index is open. Answers come back as [`Action::Answered`],
/// which drops those to a question no longer asked.
#[hook]
pub fn use_search(state: &UseReducerHandle<State>) {
    let engine = state.engine();
    let question = state.view.question();
    let dispatcher = state.dispatcher();
    use_effect_with((engine.is_some(), question), move |(_, view)| {
        if let Some(engine) = engine {
            let view = view.clone();
            spawn_local(async move {
                let started = now();
                match engine.search(&view.query, &view.options(RESULT_LIMIT)).await {
                    Ok(response) => {
                        let millis = now() - started;
                        dispatcher.dispatch(Action::Answered(Answer { view, response: Rc::new(response), millis }));
                    }
                    Err(message) => dispatcher.dispatch(Action::Failed(message)),
                }
            });
        }
    });
}
