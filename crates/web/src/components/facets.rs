//! The facet panel: per facet, its values with live counts (toggle to filter), and
//! a histogram of dates by month (choose a month to filter by it). A drawer
//! (`<details>`) that is open on wide screens and folds away on phones.

use std::collections::BTreeMap;
use std::rc::Rc;

use soi_core::index::FACETS;
use soi_core::SearchResponse;
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::{t, Key};
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
    pub on_month: Callback<Option<String>>,
}

/// Values listed per facet before "more" would be needed.
const SHOWN: usize = 8;

#[component]
pub fn FacetPanel(props: &FacetPanelProps) -> Html {
    let lang = use_lang();
    let wide =
        web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).is_some_and(|w| w >= 800.0);
    let groups = FACETS.iter().filter_map(|&facet| {
        let counts = props.response.facets.get(facet)?;
        if counts.is_empty() && !props.view.filters.contains_key(facet) {
            return None;
        }
        let selected = props.selected.get(facet);
        let items = counts.iter().take(SHOWN).map(|c| {
            let pressed = selected.is_some_and(|values| values.contains(&c.value));
            let on_toggle = props.on_toggle.clone();
            let (f, v) = (facet.to_owned(), c.value.clone());
            let onclick = Callback::from(move |_: MouseEvent| on_toggle.emit((f.clone(), v.clone())));
            html! {
                <li>
                    <button type="button" class="facet-value" aria-pressed={pressed.to_string()} {onclick}>
                        <span class="value">{ c.value.clone() }</span>
                        <span class="n">{ c.count }</span>
                    </button>
                </li>
            }
        });
        Some(html! {
            <section class="facet" aria-label={t(lang, Key::Facet(facet))}>
                <h3>{ t(lang, Key::Facet(facet)) }</h3>
                <ul>{ for items }</ul>
            </section>
        })
    });
    let months = &props.response.months;
    let histogram = (!months.is_empty()).then(|| {
        let max = months.iter().map(|m| m.count).max().unwrap_or(1).max(1);
        let chosen = props.view.from.clone().filter(|f| props.view.to.as_ref() == Some(f));
        let bars = months.iter().map(|m| {
            let height = 8 + 48 * m.count / max;
            let pressed = chosen.as_deref() == Some(m.month.as_str());
            let on_month = props.on_month.clone();
            let month = m.month.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_month.emit((!pressed).then(|| month.clone())));
            html! {
                <li>
                    <button type="button" class="bar" aria-pressed={pressed.to_string()} title={format!("{}: {}", m.month, m.count)}
                        aria-label={format!("{}: {}", m.month, m.count)} style={format!("height: {height}px")} {onclick}></button>
                    <span class="bar-label">{ m.month.clone() }</span>
                </li>
            }
        });
        html! {
            <section class="facet dates" aria-label={t(lang, Key::Dates)}>
                <h3>{ t(lang, Key::Dates) }</h3>
                <ul class="histogram">{ for bars }</ul>
            </section>
        }
    });
    html! {
        <details class="facets" open={wide}>
            <summary>{ t(lang, Key::Filters) }</summary>
            { for histogram }
            { for groups }
        </details>
    }
}
