//! The facet panel: per facet, its values with live counts (toggle to filter; the
//! top ones first, the rest behind "show all", any found by typing: see
//! [`FacetGroup`]), and a histogram of dates by month (choose a month, or a range
//! with two handles: see [`MonthBars`]).
//!
//! On a wide window it stands beside the results. On a narrow one ([`use_narrow`],
//! followed as the window changes) it is a drawer: a "Filters" button above the
//! results opens a modal `<dialog>` over the page (the page behind it inert, the
//! focus moved in); its close button, Esc or a click on the backdrop close it and
//! give the focus back to the button. It is closed whenever the window crosses the
//! width, so a window narrowed to phone width shows the results, not the facets.

use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Function, Reflect};
use soi_core::index::FACETS;
use soi_core::SearchResponse;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::{FacetGroup, MonthBars};
use crate::hooks::{use_lang, use_narrow};
use crate::i18n::{number, t, Key};
use crate::view::View;

/// The facet's name as a `'static` str (for the UI text table).
pub fn facet_name(facet: &str) -> &'static str {
    FACETS.iter().copied().find(|f| *f == facet).unwrap_or("other")
}

#[derive(Properties, PartialEq, Clone)]
pub struct FacetPanelProps {
    pub response: Rc<SearchResponse>,
    /// Per filtered facet, the values the filters select (the worker compares
    /// them folded: a link's `kim son` presses *Kim Sơn*).
    pub selected: Rc<BTreeMap<String, Vec<String>>>,
    pub view: View,
    pub on_toggle: Callback<(String, String)>,
    /// A range of months chosen, `(from, to)` (`YYYY-MM`, either end open).
    pub on_range: Callback<(Option<String>, Option<String>)>,
}

/// The drawer's element id (the button's `aria-controls`).
const DRAWER: &str = "facet-drawer";

/// Calls the `<dialog>` method `name` (`showModal`, `close`) on `dialog`.
fn call(dialog: &Element, name: &str) {
    if let Some(method) = Reflect::get(dialog, &name.into()).ok().and_then(|m| m.dyn_into::<Function>().ok()) {
        let _ = method.call0(dialog);
    }
}

/// Is the `<dialog>` shown?
fn is_open(dialog: &Element) -> bool {
    dialog.has_attribute("open")
}

#[component]
pub fn FacetPanel(props: &FacetPanelProps) -> Html {
    let lang = use_lang();
    let narrow = use_narrow();
    let open = use_state_eq(|| false);
    let dialog = use_node_ref();
    let toggle = use_node_ref();
    // Closed whenever the window crosses the width, either way.
    {
        let set = open.setter();
        use_effect_with(narrow, move |_| set.set(false));
    }
    // The `<dialog>` follows `open`.
    {
        let dialog = dialog.clone();
        use_effect_with((*open, narrow), move |&(open, _)| {
            if let Some(d) = dialog.cast::<Element>() {
                match (open, is_open(&d)) {
                    (true, false) => call(&d, "showModal"),
                    (false, true) => call(&d, "close"),
                    _ => {}
                }
            }
        });
    }
    let groups = FACETS.iter().filter_map(|&facet| {
        let counts = props.response.facets.get(facet)?;
        if counts.is_empty() && !props.view.filters.contains_key(facet) {
            return None;
        }
        let selected = props.selected.get(facet).cloned().unwrap_or_default();
        Some(html! {
            <FacetGroup key={facet} {facet} heading={t(lang, Key::Facet(facet))} scope="panel" values={counts.clone()}
                {selected} on_toggle={props.on_toggle.clone()} />
        })
    });
    let months = &props.response.months;
    let histogram = (!months.is_empty()).then(|| {
        html! {
            <section class="facet dates" key="dates" aria-labelledby="panel-dates-title">
                <h3 id="panel-dates-title">{ t(lang, Key::Dates) }</h3>
                <MonthBars months={months.clone()} from={props.view.from.clone()} to={props.view.to.clone()}
                    on_range={props.on_range.clone()} handles=true />
            </section>
        }
    });
    let title = t(lang, Key::Filters);
    if !narrow {
        return html! {
            <section class="facets" aria-labelledby="facets-title">
                <h2 id="facets-title" class="facets-title">{ title }</h2>
                <div class="facet-groups">{ for histogram }{ for groups }</div>
            </section>
        };
    }
    let chosen = props.view.filters.values().map(Vec::len).sum::<usize>()
        + usize::from(props.view.from.is_some() || props.view.to.is_some());
    let show = {
        let set = open.setter();
        Callback::from(move |_: MouseEvent| set.set(true))
    };
    let hide = {
        let set = open.setter();
        Callback::from(move |_: MouseEvent| set.set(false))
    };
    // Closed by Esc, by a button or by the state: the focus goes back to the button.
    let onclose = {
        let (set, toggle) = (open.setter(), toggle.clone());
        Callback::from(move |_: Event| {
            set.set(false);
            if let Some(button) = toggle.cast::<HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    // A click on the backdrop reaches the `<dialog>` itself (its content is all
    // inside `.drawer-inner`).
    let onclick = {
        let (set, dialog) = (open.setter(), dialog.clone());
        Callback::from(move |e: MouseEvent| {
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            if target.is_some_and(|t| dialog.get().is_some_and(|d| d.is_same_node(Some(&t)))) {
                set.set(false);
            }
        })
    };
    let total = props.response.total;
    let results = format!(
        "{} {} {}",
        t(lang, Key::Show),
        number(lang, total),
        t(lang, if total == 1 { Key::Result } else { Key::Results })
    );
    html! {
        <>
            <div class="facets-bar">
                <button ref={toggle} type="button" class="facets-toggle" aria-haspopup="dialog" aria-controls={DRAWER}
                    aria-expanded={open.to_string()} onclick={show}>
                    { title }
                    if chosen > 0 {
                        <span class="n">{ format!(" ({chosen})") }</span>
                    }
                </button>
            </div>
            <dialog ref={dialog} id={DRAWER} class="facets drawer" aria-labelledby="facet-drawer-title"
                aria-modal={(*open).then_some("true")} {onclose} {onclick}>
                <div class="drawer-inner">
                    <div class="drawer-head">
                        <h2 id="facet-drawer-title" class="facets-title">{ title }</h2>
                        <button type="button" class="drawer-close" onclick={hide.clone()}>{ t(lang, Key::CloseFilters) }</button>
                    </div>
                    <div class="facet-groups">{ for histogram }{ for groups }</div>
                    <div class="drawer-foot">
                        <button type="button" class="drawer-done" onclick={hide}>{ results }</button>
                    </div>
                </div>
            </dialog>
        </>
    }
}
