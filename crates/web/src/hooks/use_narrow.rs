//! Whether the window is phone-narrow, followed as it changes (a phone turned, a
//! window narrowed to split screen), not only as it was when the page opened.

use gloo::events::EventListener;
use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::EventTarget;
use yew::prelude::*;

/// A narrow window, as a CSS media query: `www/style.css` switches the layout at
/// the same width.
pub const NARROW: &str = "(max-width: 800px)";

/// `window.matchMedia(NARROW)`: a `MediaQueryList`, which tells of each crossing
/// with a `change` event.
fn media_query_list() -> Option<EventTarget> {
    let window = web_sys::window()?;
    let match_media: Function = Reflect::get(&window, &"matchMedia".into()).ok()?.dyn_into().ok()?;
    match_media.call1(&window, &NARROW.into()).ok()?.dyn_into().ok()
}

fn matches(list: &JsValue) -> bool {
    Reflect::get(list, &"matches".into()).ok().and_then(|m| m.as_bool()).unwrap_or(false)
}

/// Is the window narrow ([`NARROW`])? Re-renders the component when it crosses
/// the width either way.
#[hook]
pub fn use_narrow() -> bool {
    let narrow = use_state_eq(|| media_query_list().is_some_and(|list| matches(&list)));
    let set = narrow.setter();
    use_effect_with((), move |_| {
        let listener = media_query_list().map(|list| {
            // It may have changed between the first render and now.
            set.set(matches(&list));
            EventListener::new(&list.clone(), "change", move |_| set.set(matches(&list)))
        });
        move || drop(listener)
    });
    *narrow
}
