//! Text with highlighted matches. Article text is data: every piece becomes a text
//! node (Yew escapes nothing because nothing is parsed as markup), and matches are
//! wrapped in `<mark>`. Ranges that are out of order, out of bounds or not on char
//! boundaries are skipped, never trusted: [`shown_marks`] says which are kept, and
//! whatever counts or steps through marks counts those, so that its numbers are the
//! `<mark>`s on the screen.

use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct MarkedProps {
    pub text: AttrValue,
    /// `[start, end)` byte ranges into `text`.
    #[prop_or_default]
    pub marks: Vec<[usize; 2]>,
    /// The index of the mark to show as current (class `current`), if any: an
    /// index into the [`shown_marks`] of `marks`.
    #[prop_or_default]
    pub current: Option<usize>,
}

/// The ranges of `marks` that become `<mark>` elements in `text`: in order, not
/// overlapping the one before, non-empty, within `text` and on char boundaries.
pub fn shown_marks(text: &str, marks: &[[usize; 2]]) -> Vec<[usize; 2]> {
    let mut shown = Vec::with_capacity(marks.len());
    let mut at = 0;
    for &[start, end] in marks {
        if start < at
            || start >= end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        shown.push([start, end]);
        at = end;
    }
    shown
}

#[component]
pub fn Marked(props: &MarkedProps) -> Html {
    let text = props.text.as_str();
    let marks = shown_marks(text, &props.marks);
    let mut parts: Vec<Html> = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for (i, [start, end]) in marks.into_iter().enumerate() {
        if start > at {
            parts.push(html! { { text[at..start].to_owned() } });
        }
        let class = (props.current == Some(i)).then_some("current");
        parts.push(html! { <mark {class}>{ text[start..end].to_owned() }</mark> });
        at = end;
    }
    if at < text.len() {
        parts.push(html! { { text[at..].to_owned() } });
    }
    html! { <>{ for parts }</> }
}
