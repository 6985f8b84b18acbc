//! Starting the search worker, which loads the index: once per backend, and
//! stopped with the app.

use std::rc::Rc;

use yew::prelude::*;

use crate::client::{Backend, Client};
use crate::state::{Action, State};

/// Connects to the search worker of `backend` (again when it changes), which
/// reports into the state: [`Action::Progress`], then [`Action::Loaded`] or
/// [`Action::LoadFailed`]. Returns the client to post searches to, once there is
/// one; this hook holds it, so the worker stops when the app goes.
#[hook]
pub fn use_worker(backend: &Backend, state: &UseReducerHandle<State>) -> Option<Rc<Client>> {
    let client = use_state(|| None::<Rc<Client>>);
    let dispatcher = state.dispatcher();
    {
        let client = client.clone();
        use_effect_with(backend.clone(), move |backend| {
            match Client::connect(backend, dispatcher.clone()) {
                Ok(connected) => client.set(Some(connected)),
                Err(message) => dispatcher.dispatch(Action::LoadFailed(message)),
            }
            move || client.set(None)
        });
    }
    (*client).clone()
}
