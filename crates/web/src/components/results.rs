//! The list of hits, each with a marked title and snippet and its metadata, plus
//! "did you mean", left-out words and partial-answer notices.

use std::rc::Rc;

use soi_core::{HitView, SearchResponse};
use yew::prelude::*;

use super::Marked;
use crate::hooks::use_lang;
use crate::i18n::{t, Key};
use crate::view::View;

#[derive(Properties, PartialEq, Clone)]
pub struct ResultListProps {
    pub response: Rc<SearchResponse>,
    pub query: AttrValue,
    /// The current view, for the hits' links.
    pub view: View,
    /// Called with the id of the clicked hit.
    pub on_open: Callback<String>,
    /// Called with a suggested query ("did you mean") when it is clicked.
    pub on_suggest: Callback<String>,
}

/// Date · source · places of a hit, when known.
fn meta_line(hit: &HitView) -> Html {
    let parts: Vec<String> = [hit.date.clone(), hit.source.clone()]
        .into_iter()
        .flatten()
        .chain((!hit.places.is_empty()).then(|| hit.places.join(", ")))
        .collect();
    if parts.is_empty() {
        return html! {};
    }
    html! { <p class="hit-meta">{ parts.join(" · ") }</p> }
}

#[component]
pub fn ResultList(props: &ResultListProps) -> Html {
    let lang = use_lang();
    let r = &props.response;
    let none = (r.total == 0)
        .then(|| html! { <p class="status">{ format!("{} “{}”", t(lang, Key::NoResults), props.query) }</p> });
    let unmatched = (!r.unmatched.is_empty()).then(
        || html! { <p class="unmatched">{ format!("{} {}", t(lang, Key::LeftOut), r.unmatched.join(", ")) }</p> },
    );
    let partial = r.partial.then(|| html! { <p class="unmatched">{ t(lang, Key::Partial) }</p> });
    let suggestion = r.suggestion.clone().map(|suggested| {
        let on_suggest = props.on_suggest.clone();
        let text = suggested.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_suggest.emit(text.clone());
        });
        html! {
            <p class="suggestion">{ t(lang, Key::DidYouMean) }{ " " }<a href="#" {onclick}>{ suggested }</a>{ "?" }</p>
        }
    });
    html! {
        // `data-query`: the query these results answer, for tests that check no
        // stale answer is ever shown.
        <section class="results" aria-label={t(lang, Key::SearchLabel)} data-query={props.query.clone()}>
            { for suggestion }
            { for none }
            { for unmatched }
            { for partial }
            <ol class="hits">
                { for r.hits.iter().map(|hit| {
                    let on_open = props.on_open.clone();
                    let id = hit.id.clone();
                    let href = View { doc: Some(hit.id.clone()), ..props.view.clone() }.to_query_string();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        // Plain clicks open in place; modified clicks follow the link.
                        if !(e.ctrl_key() || e.meta_key() || e.shift_key()) {
                            e.prevent_default();
                            on_open.emit(id.clone());
                        }
                    });
                    html! {
                        <li class="hit" key={hit.id.clone()}>
                            <a class="hit-title" {href} {onclick}>
                                <Marked text={hit.title.clone()} marks={hit.title_marks.clone()} />
                            </a>
                            { meta_line(hit) }
                            <p class="snippet"><Marked text={hit.snippet.clone()} marks={hit.marks.clone()} /></p>
                            <p class="hit-id">{ hit.id.clone() }</p>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
