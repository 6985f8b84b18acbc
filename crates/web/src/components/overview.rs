//! The corpus at a glance, shown when nothing is asked yet: how many articles,
//! the dates they span, the most frequent places and sources — each a way in.

use std::rc::Rc;

use soi_core::SearchResponse;
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::{t, Key};

#[derive(Properties, PartialEq, Clone)]
pub struct OverviewProps {
    pub response: Rc<SearchResponse>,
    pub on_toggle: Callback<(String, String)>,
}

#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let lang = use_lang();
    let r = &props.response;
    let span = match (r.months.first(), r.months.last()) {
        (Some(a), Some(b)) => Some(format!("{} – {}", a.month, b.month)),
        _ => None,
    };
    let top = |facet: &'static str, key: Key| {
        let values = r.facets.get(facet).cloned().unwrap_or_default();
        if values.is_empty() {
            return html! {};
        }
        let items = values.into_iter().take(6).map(|c| {
            let on_toggle = props.on_toggle.clone();
            let value = c.value.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_toggle.emit((facet.to_owned(), value.clone())));
            html! { <li><button type="button" class="facet-value" {onclick}><span class="value">{ c.value }</span><span class="n">{ c.count }</span></button></li> }
        });
        html! { <section class="facet"><h3>{ t(lang, key) }</h3><ul>{ for items }</ul></section> }
    };
    html! {
        <section class="overview" aria-label="overview">
            <p class="big" role="status">{ format!("{} {}", r.total, t(lang, Key::Articles)) }</p>
            if let Some(span) = span {
                <p class="span">{ format!("{}: {span}", t(lang, Key::Dates)) }</p>
            }
            <div class="overview-facets">
                { top("place", Key::TopPlaces) }
                { top("source", Key::TopSources) }
            </div>
        </section>
    }
}
