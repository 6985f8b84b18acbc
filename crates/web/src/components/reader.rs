//! The reader: one whole article with every match marked.

use std::rc::Rc;

use soi_core::ArticleView;
use yew::prelude::*;

use super::Marked;

#[derive(Properties, PartialEq, Clone)]
pub struct ReaderProps {
    pub article: Rc<ArticleView>,
    pub on_close: Callback<()>,
}

#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let a = &props.article;
    let on_close = props.on_close.clone();
    let onclick = Callback::from(move |_: MouseEvent| on_close.emit(()));
    let matches = a.marks.len() + a.title_marks.len();
    html! {
        <article class="reader" aria-labelledby="reader-title">
            <button class="back" type="button" {onclick}>{ "← Kết quả" }</button>
            <h1 id="reader-title"><Marked text={a.title.clone()} marks={a.title_marks.clone()} /></h1>
            <p class="meta">{ about(a) }{ format!("{} · {} chỗ khớp", a.id, matches) }</p>
            <div class="body"><Marked text={a.body.clone()} marks={a.marks.clone()} /></div>
        </article>
    }
}

/// The article's metadata as one line (date, author, source, category, places).
fn about(a: &ArticleView) -> String {
    let m = &a.meta;
    let mut parts: Vec<String> =
        [m.date.clone(), m.author.clone(), m.source.clone(), m.category.clone()].into_iter().flatten().collect();
    if !m.places.is_empty() {
        parts.push(m.places.join(", "));
    }
    parts.into_iter().map(|p| format!("{p} · ")).collect()
}
