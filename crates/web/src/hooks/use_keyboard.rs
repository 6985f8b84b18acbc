//! The explorer from the keyboard: `/` focuses the search box, the arrows move
//! through the results, Esc closes the reader. While the facet drawer is open, the
//! keys are its own (Esc closes it). The arrows move through the results from the
//! search box, a result or nowhere in particular: elsewhere they are the focused
//! control's own (a facet's filter box, the month histogram, the range handles).

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::state::{Action, State};

/// Moves focus among the result links (`step` = ±1), from the search box too.
fn move_focus(step: i32) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(links) = doc.query_selector_all(".hit-title") else { return };
    let n = links.length() as i32;
    if n == 0 {
        return;
    }
    let active = doc.active_element();
    let current = (0..n)
        .find(|&i| links.get(i as u32).is_some_and(|l| active.as_ref().is_some_and(|a| a.is_same_node(Some(&l)))));
    let next = match current {
        Some(i) => (i + step).clamp(0, n - 1),
        None if step > 0 => 0,
        None => return,
    };
    if let Some(el) = links.get(next as u32).and_then(|l| l.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Listens for the shortcuts on the document while the app is shown; what the
/// arrows and Esc do depends on whether the reader is open.
#[hook]
pub fn use_keyboard(state: &UseReducerHandle<State>) {
    let reading = state.view.doc.is_some();
    let dispatcher = state.dispatcher();
    use_effect_with(reading, move |&reading| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|document| {
            // Not passive: `/` must not also be typed into the box it focuses.
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&document.clone(), "keydown", options, move |event| {
                let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                let active = document.active_element();
                let typing = active.as_ref().is_some_and(|a| a.tag_name() == "INPUT" || a.tag_name() == "SELECT");
                let arrows_ours = active.as_ref().is_none_or(|a| {
                    a.id() == "q" || a.tag_name() == "BODY" || a.matches(".hit-title").unwrap_or(false)
                });
                // A modal dialog (the facet drawer) has the keys: Esc closes it.
                if active.is_some_and(|a| a.closest("dialog[open]").ok().flatten().is_some()) {
                    return;
                }
                match e.key().as_str() {
                    "/" if !typing => {
                        e.prevent_default();
                        if let Some(input) =
                            document.get_element_by_id("q").and_then(|el| el.dyn_into::<HtmlElement>().ok())
                        {
                            let _ = input.focus();
                        }
                    }
                    "ArrowDown" if !reading && arrows_ours => {
                        e.prevent_default();
                        move_focus(1);
                    }
                    "ArrowUp" if !reading && arrows_ours => {
                        e.prevent_default();
                        move_focus(-1);
                    }
                    "Escape" if reading => dispatcher.dispatch(Action::Close),
                    _ => {}
                }
            })
        });
        move || drop(listener)
    });
}
