//! Opening the article the view names, marked for the query.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::state::{Action, State};

/// Fetches and marks the article `view.doc` whenever it (or the query marking it)
/// changes, once the index is open: [`Action::Opened`], or [`Action::Failed`]
/// with a sentence for the user.
#[hook]
pub fn use_article(state: &UseReducerHandle<State>) {
    let engine = state.engine();
    let key = (engine.is_some(), state.view.doc.clone(), state.view.query.clone());
    let dispatcher = state.dispatcher();
    use_effect_with(key, move |(_, doc, query)| {
        if let (Some(engine), Some(id)) = (engine, doc.clone()) {
            let query = query.clone();
            spawn_local(async move {
                let Some(number) = engine.doc_number(&id) else {
                    dispatcher.dispatch(Action::Failed(format!("there is no article {id:?} in this index")));
                    return;
                };
                match engine.article(number, &query).await {
                    Ok(article) => dispatcher.dispatch(Action::Opened(article)),
                    Err(message) => dispatcher.dispatch(Action::Failed(message)),
                }
            });
        }
    });
}
