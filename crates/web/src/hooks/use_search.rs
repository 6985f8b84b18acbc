//! Searching as the user types, filters and sorts, and for the next page.

use std::rc::Rc;

use yew::prelude::*;

use crate::client::Client;
use crate::state::State;

/// Asks the search worker for the results whenever the view's question changes
/// (not when only the open article does), or the list asks for more of them
/// (`state.limit`), once the index is open. The answer comes back as
/// [`Action::Answered`](crate::state::Action::Answered), unless a newer question
/// superseded it.
#[hook]
pub fn use_search(client: &Option<Rc<Client>>, state: &UseReducerHandle<State>) {
    let client = client.clone().filter(|_| state.ready());
    let question = state.view.question();
    // What the list shows of this question already: a next page starts there.
    let listed = state
        .answer
        .as_ref()
        .filter(|a| a.view.question() == question)
        .map_or(0, |a| a.response.hits.len())
        .min(state.limit);
    use_effect_with((client.is_some(), question, state.limit), move |(_, view, limit)| {
        if let Some(client) = client {
            // The overview (nothing typed, nothing filtered) shows the counts and
            // the timeline, not hits: it asks for none, so the page's first
            // search fetches no article's text.
            if view.is_overview() {
                client.search(view.clone(), 0, 0);
                return;
            }
            // A new question asks for its first page; "show more" for the next.
            let offset = if *limit > crate::state::RESULT_LIMIT { listed } else { 0 };
            if offset < *limit {
                client.search(view.clone(), offset, *limit - offset);
            }
        }
    });
}
