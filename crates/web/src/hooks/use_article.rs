//! Opening the article the view names, marked for the query.

use std::rc::Rc;

use yew::prelude::*;

use crate::client::Client;
use crate::state::State;

/// Asks the search worker for the article `view.doc`, marked for the query,
/// whenever either changes, once the index is open:
/// [`Action::Opened`](crate::state::Action::Opened), or
/// [`Action::Failed`](crate::state::Action::Failed) with a sentence for the user.
#[hook]
pub fn use_article(client: &Option<Rc<Client>>, state: &UseReducerHandle<State>) {
    let client = client.clone().filter(|_| state.ready());
    let key = (client.is_some(), state.view.doc.clone(), state.view.query.clone());
    use_effect_with(key, move |(_, doc, query)| {
        if let (Some(client), Some(doc)) = (client, doc) {
            client.article(doc, query);
        }
    });
}
