//! The list of hits, each with a marked title and snippet and its metadata, plus
//! "did you mean", left-out words and partial-answer notices.
//!
//! A list is a page of [`RESULT_LIMIT`] hits, not the end: under it, how many of
//! the exact total are shown and a "show more" button that asks for the next
//! page. The hits already shown stay while it loads; then the focus moves to the
//! first new hit (just under where the button was, so nothing jumps), unless the
//! user has gone elsewhere meanwhile.

use std::rc::Rc;

use soi_core::{HitView, SearchResponse};
use yew::prelude::*;

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::Marked;
use crate::hooks::use_lang;
use crate::i18n::{number, show_more, t, Key};
use crate::state::RESULT_LIMIT;
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
    /// How many hits were asked for (more than the answer lists while the next
    /// page loads).
    #[prop_or(RESULT_LIMIT)]
    pub limit: usize,
    /// Asks for the next page.
    #[prop_or_default]
    pub on_more: Callback<()>,
    /// The id of the article the reader was just closed on: its hit takes the
    /// focus (and so comes into view) when the list shows again.
    #[prop_or_default]
    pub closed: Option<String>,
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
    let list = use_node_ref();
    // Back from the reader: the hit of the article read takes the focus.
    {
        let (list, at) = (list.clone(), props.closed.as_ref().and_then(|id| r.hits.iter().position(|h| &h.id == id)));
        use_effect_with((), move |_| {
            let links = list.cast::<HtmlElement>().and_then(|l| l.query_selector_all(".hit-title").ok());
            if let Some(link) = at.and_then(|i| links?.get(i as u32)?.dyn_into::<HtmlElement>().ok()) {
                let _ = link.focus();
            }
        });
    }
    // After "show more": the index of the first new hit, to move the focus to.
    let focus_from = use_mut_ref(|| None::<usize>);
    {
        let (list, focus_from) = (list.clone(), focus_from.clone());
        use_effect_with(r.hits.len(), move |&listed| {
            let Some(from) = *focus_from.borrow() else { return };
            if listed <= from {
                return;
            }
            focus_from.borrow_mut().take();
            // Only from the button (or from nowhere, when the last page removed it):
            // someone who went on typing keeps the focus where it is.
            let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            let from_button = active.is_none_or(|a| a.tag_name() == "BODY" || a.matches(".show-more").unwrap_or(false));
            let link = list
                .cast::<HtmlElement>()
                .and_then(|l| l.query_selector_all(".hit-title").ok())
                .and_then(|links| links.get(from as u32));
            if let (true, Some(link)) = (from_button, link.and_then(|l| l.dyn_into::<HtmlElement>().ok())) {
                let _ = link.focus();
            }
        });
    }
    let none = (r.total == 0).then(
        || html! { <p key="none" class="status">{ format!("{} “{}”", t(lang, Key::NoResults), props.query) }</p> },
    );
    let unmatched = (!r.unmatched.is_empty()).then(
        || html! { <p key="unmatched" class="unmatched">{ format!("{} {}", t(lang, Key::LeftOut), r.unmatched.join(", ")) }</p> },
    );
    let partial = r.partial.then(|| html! { <p key="partial" class="unmatched">{ t(lang, Key::Partial) }</p> });
    let suggestion = r.suggestion.clone().map(|suggested| {
        let on_suggest = props.on_suggest.clone();
        let text = suggested.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_suggest.emit(text.clone());
        });
        html! {
            <p key="suggestion" class="suggestion">{ t(lang, Key::DidYouMean) }{ " " }<a href="#" {onclick}>{ suggested }</a>{ "?" }</p>
        }
    });
    let listed = r.hits.len();
    let loading = props.limit > listed && listed < r.total;
    let more = (listed > 0 && listed < r.total).then(|| {
        let shown = format!(
            "{} {} {} {} {}",
            t(lang, Key::Showing),
            number(lang, listed),
            t(lang, Key::Of),
            number(lang, r.total),
            t(lang, if r.total == 1 { Key::Result } else { Key::Results })
        );
        let button = {
            let onclick = {
                let (on_more, focus_from) = (props.on_more.clone(), focus_from.clone());
                Callback::from(move |_: MouseEvent| {
                    if !loading {
                        *focus_from.borrow_mut() = Some(listed);
                        on_more.emit(());
                    }
                })
            };
            let label = if loading {
                t(lang, Key::LoadingMore).to_owned()
            } else {
                show_more(lang, RESULT_LIMIT.min(r.total - listed))
            };
            html! {
                <button type="button" class="show-more" aria-describedby="shown-count" aria-disabled={loading.then_some("true")}
                    aria-busy={loading.then_some("true")} {onclick}>{ label }</button>
            }
        };
        html! {
            <div key="more" class="more">
                <p id="shown-count" class="shown-count">{ shown }</p>
                { button }
            </div>
        }
    });
    // Every child of the section keyed: "did you mean" or "show more" coming and
    // going never makes Yew replace the list of hits.
    html! {
        // `data-query`: the query these results answer, for tests that check no
        // stale answer is ever shown.
        <section class="results" aria-label={t(lang, Key::SearchLabel)} data-query={props.query.clone()}>
            { for suggestion }
            { for none }
            { for unmatched }
            { for partial }
            <ol key="hits" class="hits" ref={list}>
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
            { for more }
        </section>
    }
}
