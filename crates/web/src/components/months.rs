//! Articles per month as a bar chart: each bar is a way in (it filters by its
//! month), the bars of the months the date filter covers are shown pressed, and,
//! in the facet panel, two handles under the bars choose a range of months.
//!
//! From the keyboard the chart is one stop: the arrows, Home and End move among
//! the bars, Enter or Space chooses one. The handles are range inputs: the arrows,
//! Page Up/Down, Home and End move them, and each step filters. A handle dragged
//! shows its month as it moves and filters when let go.

use soi_core::search::MonthCount;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::{number, t, Key};

#[derive(Properties, PartialEq, Clone)]
pub struct MonthBarsProps {
    /// Dated articles per month, oldest first.
    pub months: Vec<MonthCount>,
    /// The date filter (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, either end open).
    #[prop_or_default]
    pub from: Option<String>,
    #[prop_or_default]
    pub to: Option<String>,
    /// A range chosen: `(from, to)` as months, `None` for an open end; both
    /// `None` clears the date filter.
    pub on_range: Callback<(Option<String>, Option<String>)>,
    /// Two handles under the bars to choose a range.
    #[prop_or_default]
    pub handles: bool,
    /// The tallest bar, in pixels.
    #[prop_or(48)]
    pub height: usize,
}

/// The months a date filter covers, as indices into `months` (`lo..=hi`); the
/// whole list when there is no filter. `None` when it covers none of them.
pub fn covered(months: &[MonthCount], from: Option<&str>, to: Option<&str>) -> Option<(usize, usize)> {
    // A month is in when it overlaps the bounds: `2020-03` is in `..=2020` and in
    // `2020-03-15..`, compared on the bound's own length (months are ASCII).
    let cut = |month: &str, bound: &str| month.get(..bound.len()).unwrap_or(month).to_owned();
    let lo = match from {
        Some(f) => months.iter().position(|m| m.month.as_str() >= f.get(..7).unwrap_or(f))?,
        None => 0,
    };
    let hi = match to {
        Some(t) => months.iter().rposition(|m| cut(&m.month, t).as_str() <= t)?,
        None => months.len().checked_sub(1)?,
    };
    (lo <= hi).then_some((lo, hi))
}

#[component]
pub fn MonthBars(props: &MonthBarsProps) -> Html {
    let lang = use_lang();
    let months = &props.months;
    let n = months.len();
    let list = use_node_ref();
    // The bar that takes the focus when the chart is tabbed to (roving tabindex).
    let active = use_state_eq(|| None::<usize>);
    // A handle being dragged: the range it shows before it is let go.
    let preview = use_state_eq(|| None::<(usize, usize)>);
    let filtered = props.from.is_some() || props.to.is_some();
    let chosen = covered(months, props.from.as_deref(), props.to.as_deref());
    let (lo, hi) = (*preview).or(chosen).unwrap_or((0, n.saturating_sub(1)));
    let pressed = |i: usize| (filtered || preview.is_some()) && chosen.is_some() && lo <= i && i <= hi;
    let tabbable =
        active.filter(|&i| i < n).unwrap_or(if filtered && chosen.is_some() { lo } else { n.saturating_sub(1) });
    let max = months.iter().map(|m| m.count).max().unwrap_or(1).max(1);
    let label_every = n > 12;
    let name = |i: usize| months.get(i).map(|m| m.month.clone());
    let emit = {
        let (on_range, months) = (props.on_range.clone(), months.clone());
        move |lo: usize, hi: usize| {
            let n = months.len();
            let at = |i: usize| months.get(i).map(|m| m.month.clone());
            on_range.emit(((lo > 0).then(|| at(lo)).flatten(), (hi + 1 < n).then(|| at(hi)).flatten()));
        }
    };
    let onkeydown = {
        let list = list.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(bars) = list.cast::<HtmlElement>().and_then(|l| l.query_selector_all(".bar").ok()) else { return };
            let count = bars.length() as usize;
            let at = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .and_then(|t| (0..count).find(|&i| bars.get(i as u32).is_some_and(|b| b.is_same_node(Some(&t)))));
            let Some(at) = at else { return };
            let next = match e.key().as_str() {
                "ArrowLeft" => at.saturating_sub(1),
                "ArrowRight" => (at + 1).min(count.saturating_sub(1)),
                "Home" => 0,
                "End" => count.saturating_sub(1),
                _ => return,
            };
            e.prevent_default();
            if let Some(bar) = bars.get(next as u32).and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
                let _ = bar.focus();
            }
        })
    };
    let bars = months.iter().enumerate().map(|(i, m)| {
        let height = 6 + props.height * m.count / max;
        let single = chosen == Some((i, i)) && filtered;
        let onclick = {
            let emit = emit.clone();
            let on_range = props.on_range.clone();
            let range = chosen.filter(|_| filtered);
            let month = m.month.clone();
            Callback::from(move |e: MouseEvent| match range {
                // Shift extends the chosen range to this month.
                Some((lo, hi)) if e.shift_key() => emit(lo.min(i), hi.max(i)),
                _ if single => on_range.emit((None, None)),
                _ => on_range.emit((Some(month.clone()), Some(month.clone()))),
            })
        };
        let onfocus = {
            let active = active.clone();
            Callback::from(move |_: FocusEvent| active.set(Some(i)))
        };
        let text = format!("{}: {} {}", m.month, number(lang, m.count), t(lang, Key::Articles));
        let shown_label = !label_every || i == 0 || m.month.ends_with("-01");
        html! {
            <li key={m.month.clone()}>
                <button type="button" class="bar" aria-pressed={pressed(i).to_string()} title={text.clone()} aria-label={text}
                    tabindex={if i == tabbable { "0" } else { "-1" }} style={format!("height: {height}px")} {onclick} {onfocus}></button>
                <span class="bar-label" aria-hidden="true">{ if shown_label { m.month.clone() } else { String::new() } }</span>
            </li>
        }
    });
    let handles = (props.handles && n >= 2).then(|| {
        let handle = |end: usize, key: Key| {
            let value = if end == 0 { lo } else { hi };
            let month = name(value).unwrap_or_default();
            // Which range the handle at `v` makes: a handle cannot pass the other.
            let range = move |v: usize| if end == 0 { (v.min(hi), hi) } else { (lo, v.max(lo)) };
            let read = move |e: &Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let v = input.value().parse::<usize>().unwrap_or(value);
                let (a, b) = range(v);
                let kept = if end == 0 { a } else { b };
                if kept != v {
                    input.set_value(&kept.to_string());
                }
                (a, b)
            };
            let oninput = {
                let preview = preview.clone();
                Callback::from(move |e: InputEvent| preview.set(Some(read(&e))))
            };
            let onchange = {
                let (preview, emit) = (preview.clone(), emit.clone());
                Callback::from(move |e: Event| {
                    let (a, b) = read(&e);
                    preview.set(None);
                    emit(a, b);
                })
            };
            html! {
                <label class="range-end">
                    <span class="range-name">{ t(lang, key) }{ " " }<span class="range-month">{ month.clone() }</span></span>
                    <input type="range" min="0" max={(n - 1).to_string()} step="1" value={value.to_string()}
                        aria-valuetext={month} {oninput} {onchange} />
                </label>
            }
        };
        html! { <div key="range" class="month-range">{ handle(0, Key::From) }{ handle(1, Key::To) }</div> }
    });
    html! {
        <>
            <ul key="bars" class="histogram" ref={list} {onkeydown}>{ for bars }</ul>
            { for handles }
        </>
    }
}
