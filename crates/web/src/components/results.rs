//! The result count and the list of hits, each with a marked title and snippet.

use std::rc::Rc;

use soi_core::SearchResponse;
use yew::prelude::*;

use super::Marked;

#[derive(Properties, PartialEq, Clone)]
pub struct ResultListProps {
    pub response: Rc<SearchResponse>,
    pub query: AttrValue,
    /// Called with the document number of the clicked hit.
    pub on_open: Callback<u32>,
    /// Called with a suggested query ("did you mean") when it is clicked.
    pub on_suggest: Callback<String>,
}

#[component]
pub fn ResultList(props: &ResultListProps) -> Html {
    let r = &props.response;
    let count = match r.total {
        0 => format!("Không tìm thấy kết quả cho “{}”", props.query),
        n => format!("{n} kết quả"),
    };
    let unmatched = (!r.unmatched.is_empty()).then(|| {
        html! { <p class="unmatched">{ format!("Không bài nào chứa: {} (đã bỏ qua)", r.unmatched.join(", ")) }</p> }
    });
    let partial = r.partial.then(|| {
        html! { <p class="unmatched">{ "Không bài nào khớp mọi từ; đây là các bài khớp nhiều từ nhất." }</p> }
    });
    let suggestion = r.suggestion.clone().map(|suggested| {
        let on_suggest = props.on_suggest.clone();
        let text = suggested.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_suggest.emit(text.clone());
        });
        html! {
            <p class="suggestion">{ "Có phải bạn muốn tìm: " }<a href="#" {onclick}>{ suggested }</a>{ "?" }</p>
        }
    });
    html! {
        <section class="results" aria-label="Kết quả tìm kiếm">
            <p class="count" role="status" aria-live="polite">{ count }</p>
            { for suggestion }
            { for unmatched }
            { for partial }
            <ol class="hits">
                { for r.hits.iter().map(|hit| {
                    let on_open = props.on_open.clone();
                    let doc = hit.doc;
                    let onclick = Callback::from(move |e: MouseEvent| { e.prevent_default(); on_open.emit(doc); });
                    html! {
                        <li class="hit" key={hit.id.clone()}>
                            <a class="hit-title" href="#" {onclick}>
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

/// Date · source · places of a hit, when known.
fn meta_line(hit: &soi_core::HitView) -> Html {
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
