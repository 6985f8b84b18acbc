//! Result count (a live region), how long the search took, and the sort order.

use soi_core::Sort;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::{number, t, tenths, Key};
use crate::view::View;

#[derive(Properties, PartialEq, Clone)]
pub struct ToolbarProps {
    pub total: usize,
    pub millis: f64,
    pub sort: Sort,
    pub view: View,
    pub on_view: Callback<View>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = use_lang();
    let onchange = {
        let (view, on_view) = (props.view.clone(), props.on_view.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let sort = select.value().parse().unwrap_or_default();
            on_view.emit(View { sort, ..view.clone() });
        })
    };
    let option = |sort: Sort, key: Key| {
        html! { <option value={sort.name()} selected={props.sort == sort}>{ t(lang, key) }</option> }
    };
    html! {
        <div class="toolbar">
            <p class="count" role="status" aria-live="polite">
                { format!("{} {} ", number(lang, props.total), t(lang, if props.total == 1 { Key::Result } else { Key::Results })) }
                <span class="took">{ format!("({} {} ms)", t(lang, Key::Took), tenths(lang, props.millis)) }</span>
            </p>
            <label class="sort">
                { t(lang, Key::Sort) }{ " " }
                <select {onchange}>
                    { option(Sort::Relevance, Key::Relevance) }
                    { option(Sort::Newest, Key::Newest) }
                    { option(Sort::Oldest, Key::Oldest) }
                </select>
            </label>
        </div>
    }
}
