//! Result count (a live region), how long the search took, and the sort order.

use soi_core::Sort;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::{t, Key, Lang};
use crate::view::View;

#[derive(Properties, PartialEq, Clone)]
pub struct ToolbarProps {
    pub total: usize,
    pub millis: f64,
    pub sort: Sort,
    pub lang: Lang,
    pub view: View,
    pub on_view: Callback<View>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = props.lang;
    let onchange = {
        let (view, on_view) = (props.view.clone(), props.on_view.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let sort = match select.value().as_str() {
                "newest" => Sort::Newest,
                "oldest" => Sort::Oldest,
                _ => Sort::Relevance,
            };
            on_view.emit(View { sort, ..view.clone() });
        })
    };
    let option = |value: &'static str, key: Key, sort: Sort| {
        html! { <option {value} selected={props.sort == sort}>{ t(lang, key) }</option> }
    };
    html! {
        <div class="toolbar">
            <p class="count" role="status" aria-live="polite">
                { format!("{} {} ", props.total, t(lang, if props.total == 1 { Key::Result } else { Key::Results })) }
                <span class="took">{ format!("({} {:.1} ms)", t(lang, Key::Took), props.millis) }</span>
            </p>
            <label class="sort">
                { t(lang, Key::Sort) }{ " " }
                <select {onchange}>
                    { option("relevance", Key::Relevance, Sort::Relevance) }
                    { option("newest", Key::Newest, Sort::Newest) }
                    { option("oldest", Key::Oldest, Sort::Oldest) }
                </select>
            </label>
        </div>
    }
}
