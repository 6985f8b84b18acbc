//! The reader: one whole article with its metadata, every match marked, "match 3
//! of 12" with next/previous (the current match scrolled into view), and related
//! articles. The header's count, the "of 12" and the `<mark>`s are one number:
//! [`match_count`] of the article as the state keeps it (its marks are the shown
//! ones), the title's matches first, then the body's.

use std::rc::Rc;

use soi_core::ArticleView;
use yew::prelude::*;

use super::Marked;
use crate::hooks::use_lang;
use crate::i18n::{t, Key};
use crate::state::match_count;

#[derive(Properties, PartialEq, Clone)]
pub struct ReaderProps {
    pub article: Rc<ArticleView>,
    /// The current match: an index into the title's marks, then the body's.
    pub current: usize,
    pub on_close: Callback<()>,
    /// Move the current match by ±1.
    pub on_step: Callback<isize>,
    /// Open another article (by id).
    pub on_open: Callback<String>,
}

/// The article's metadata as one line (date, author, source, category, places).
fn about(a: &ArticleView) -> String {
    let m = &a.meta;
    let mut parts: Vec<String> =
        [m.date.clone(), m.author.clone(), m.source.clone(), m.category.clone()].into_iter().flatten().collect();
    if !m.places.is_empty() {
        parts.push(m.places.join(", "));
    }
    parts.push(a.id.clone());
    parts.join(" · ")
}

/// The article's own address, when it may be a link: `http` or `https` only,
/// without spaces or control characters. A `javascript:`, `data:` or any other
/// address from an article file is never made clickable.
pub fn safe_link(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (web && clean && url.len() > "https://".len() && url.len() <= 2048).then_some(url)
}

#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let lang = use_lang();
    let a = &props.article;
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((props.current, a.doc), move |_| {
            let current = node.cast::<web_sys::Element>().and_then(|r| r.query_selector("mark.current").ok().flatten());
            if let Some(mark) = current {
                mark.scroll_into_view_with_bool(false);
            }
        });
    }
    let on_close = props.on_close.clone();
    let back = Callback::from(move |_: MouseEvent| on_close.emit(()));
    let n = match_count(a);
    let in_title = a.title_marks.len();
    let current = props.current.min(n.saturating_sub(1));
    let step = |by: isize| {
        let on_step = props.on_step.clone();
        Callback::from(move |_: MouseEvent| on_step.emit(by))
    };
    let nav = (n > 0).then(|| {
        html! {
            <div class="match-nav" role="group">
                <button type="button" onclick={step(-1)}>{ t(lang, Key::Prev) }</button>
                <span class="match-count" aria-live="polite">{ format!("{} {} / {}", t(lang, Key::Match), current + 1, n) }</span>
                <button type="button" onclick={step(1)}>{ t(lang, Key::Next) }</button>
            </div>
        }
    });
    let related = (!a.related.is_empty()).then(|| {
        let items = a.related.iter().map(|r| {
            let on_open = props.on_open.clone();
            let id = r.id.clone();
            let onclick = Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                on_open.emit(id.clone());
            });
            let label = match &r.date {
                Some(d) => format!("{} ({d})", r.title),
                None => r.title.clone(),
            };
            html! { <li><a href="#" {onclick}>{ label }</a></li> }
        });
        html! { <aside class="related"><h2>{ t(lang, Key::Related) }</h2><ul>{ for items }</ul></aside> }
    });
    html! {
        <article ref={node} class="reader" aria-labelledby="reader-title">
            <div class="reader-bar">
                <button class="back" type="button" onclick={back}>{ t(lang, Key::Back) }</button>
                { for nav }
            </div>
            <h1 id="reader-title">
                <Marked text={a.title.clone()} marks={a.title_marks.clone()} current={(current < in_title).then_some(current)} />
            </h1>
            <p class="meta">{ format!("{} · ", about(a)) }<span class="match-total">{ format!("{n} {}", t(lang, Key::Matches)) }</span></p>
            if let Some(url) = a.meta.url.as_deref().and_then(safe_link) {
                <p class="source-link"><a href={url.to_owned()} rel="noopener noreferrer nofollow" target="_blank">{ t(lang, Key::Original) }</a></p>
            }
            <div class="body"><Marked text={a.body.clone()} marks={a.marks.clone()} current={current.checked_sub(in_title)} /></div>
            { for related }
        </article>
    }
}
