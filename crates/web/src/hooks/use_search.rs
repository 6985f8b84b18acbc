//! Searching as the user types, filters and sorts.

use std::rc::Rc;

use yew::prelude::*;

use crate::client::Client;
use crate::state::{State, RESULT_LIMIT};

/// Asks the search worker for the results whenever the view's question changes
/// (not when only the open article does), once the index is open. The answer
/// comes back as [`Action::Answered`](crate::state::Action::Answered), unless a
/// newer question superseded it.
#[hook]
pub fn use_search(client: &Option<Rc<Client>>, state: &UseReducerHandle<State>) {
    let client = client.clone().filter(|_| state.ready());
    let question = state.view.question();
    use_effect_with((client.is_some(), question), move |(_, view)| {
        if let Some(client) = client {
            client.search(view.clone(), RESULT_LIMIT);
        }
    });
}
