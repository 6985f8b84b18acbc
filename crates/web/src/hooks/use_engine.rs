//! Loading the index: once per source, with progress as the files arrive, and
//! `window.soi.ready` settled with the outcome.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::engine::{Engine, Source};
use crate::js_api;
use crate::state::{Action, State};

/// Loads the index from `source` (again when the source changes) into the state:
/// [`Action::Progress`], then [`Action::Loaded`] or [`Action::LoadFailed`].
#[hook]
pub fn use_engine(source: &Source, state: &UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    use_effect_with(source.clone(), move |source| {
        let source = source.clone();
        let ready = js_api::install();
        spawn_local(async move {
            let progress = {
                let dispatcher = dispatcher.clone();
                move |fetched, total| dispatcher.dispatch(Action::Progress { fetched, total })
            };
            match Engine::load(source, progress).await {
                Ok(engine) => {
                    ready.resolve(engine.clone());
                    dispatcher.dispatch(Action::Loaded(engine));
                }
                Err(message) => {
                    ready.reject(&message);
                    dispatcher.dispatch(Action::LoadFailed(message));
                }
            }
        });
    });
}
