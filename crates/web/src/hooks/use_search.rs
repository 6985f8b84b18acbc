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
    use_effect_with((client.is_some(), question, state.limit), move |(_, view, limit)| {
        if let Some(client) = client {
            client.search(view.clone(), *limit);
        }
    });
}
