//! The selected filters as removable chips, and "clear all".

use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::{t, Key};
use crate::view::View;

#[derive(Properties, PartialEq, Clone)]
pub struct ChipsProps {
    pub view: View,
    pub on_view: Callback<View>,
}

#[component]
pub fn Chips(props: &ChipsProps) -> Html {
    let lang = use_lang();
    let view = &props.view;
    if !view.has_filters() {
        return html! {};
    }
    let mut chips: Vec<Html> = Vec::new();
    for (facet, values) in &view.filters {
        for value in values {
            let mut without = view.clone();
            without.toggle(facet, value);
            let on_view = props.on_view.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_view.emit(without.clone()));
            let label = format!("{}: {value}", t(lang, Key::Facet(crate::components::facets::facet_name(facet))));
            chips.push(html! {
                <li><button type="button" class="chip" aria-label={format!("{} {label}", t(lang, Key::Remove))} {onclick}>{ label }{ " ×" }</button></li>
            });
        }
    }
    if view.from.is_some() || view.to.is_some() {
        let on_view = props.on_view.clone();
        let without = View { from: None, to: None, ..view.clone() };
        let onclick = Callback::from(move |_: MouseEvent| on_view.emit(without.clone()));
        let span = match (&view.from, &view.to) {
            (Some(a), Some(b)) if a == b => a.clone(),
            (a, b) => format!("{} – {}", a.as_deref().unwrap_or("…"), b.as_deref().unwrap_or("…")),
        };
        let label = format!("{}: {span}", t(lang, Key::Dates));
        chips.push(html! {
            <li><button type="button" class="chip" aria-label={format!("{} {label}", t(lang, Key::Remove))} {onclick}>{ label }{ " ×" }</button></li>
        });
    }
    let clear = {
        let on_view = props.on_view.clone();
        let query = view.query.clone();
        Callback::from(move |_: MouseEvent| on_view.emit(View { query: query.clone(), ..View::default() }))
    };
    html! {
        <div class="chips" aria-label={t(lang, Key::Filters)}>
            <ul>{ for chips }</ul>
            <button type="button" class="clear" onclick={clear}>{ t(lang, Key::ClearAll) }</button>
        </div>
    }
}
