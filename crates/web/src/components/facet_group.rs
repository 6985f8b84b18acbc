//! One facet's values, for a facet with many: the top ones (the values named in
//! more than one article first, where the overview asks for that), a "show all"
//! control for the rest of what the answer lists, and a box that finds a value by
//! typing it, without tones (`kim son` finds *Kim Sơn*). Each value toggles a
//! filter; a selected value stays in view even when it is not among the top ones.
//!
//! An answer lists a facet's [`MAX_FACET_VALUES`] most frequent values. When a
//! facet has more, the find box also asks the search worker ([`FindValues`], from
//! the app) for the values containing what is typed, so a value named in one
//! article of ten thousand can still be found and chosen.

use soi_core::search::{FacetCount, MAX_FACET_VALUES};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::toneless::{contains_folded, fold};
use crate::hooks::use_lang;
use crate::i18n::{number, t, Key};

/// Values listed per facet before "show all".
pub const SHOWN: usize = 8;

/// Asks the search worker for a facet's values containing a text, for the
/// question shown: `(facet, text, reply)`; the reply gets `(text, values)`.
#[derive(Clone, PartialEq)]
pub struct FindValues(pub Callback<(String, String, FoundValues)>);

/// Where [`FindValues`] answers: `(text, values)`.
pub type FoundValues = Callback<(String, Vec<FacetCount>)>;

#[derive(Properties, PartialEq, Clone)]
pub struct FacetGroupProps {
    /// The facet's name (`place`, `source`, …).
    pub facet: &'static str,
    pub heading: AttrValue,
    /// Where the group stands (`panel`, `overview`): its element ids are unique
    /// on the page with this prefix.
    pub scope: &'static str,
    /// The values with their counts, most frequent first, as the answer lists them.
    pub values: Vec<FacetCount>,
    /// The values shown pressed (selected by the filters).
    #[prop_or_default]
    pub selected: Vec<String>,
    pub on_toggle: Callback<(String, String)>,
    /// The top values listed are those counted at least this often (the rest are
    /// behind "show all").
    #[prop_or(1)]
    pub lead_min: usize,
    /// How many top values are listed.
    #[prop_or(SHOWN)]
    pub shown: usize,
}

#[component]
pub fn FacetGroup(props: &FacetGroupProps) -> Html {
    let lang = use_lang();
    let expanded = use_state_eq(|| false);
    let needle = use_state_eq(String::new);
    let folded = fold(&needle);
    let searching = !folded.is_empty();
    // Values beyond the ones the answer lists, found by the worker: (text, values).
    let found = use_state_eq(|| None::<(String, Vec<FacetCount>)>);
    let find_values = use_context::<FindValues>();
    let capped = props.values.len() >= MAX_FACET_VALUES;
    {
        let (found, facet) = (found.clone(), props.facet);
        // Asked again when the text changes, or the answer (so the question) does.
        use_effect_with(((*needle).clone(), capped, props.values.clone()), move |(text, capped, _)| {
            if let (Some(FindValues(find)), true, false) = (find_values, *capped, text.trim().is_empty()) {
                let reply: FoundValues =
                    Callback::from(move |answer: (String, Vec<FacetCount>)| found.set(Some(answer)));
                find.emit((facet.to_owned(), text.clone(), reply));
            }
        });
    }
    let worker_found = found.as_ref().filter(|(text, _)| searching && capped && *text == *needle).map(|(_, v)| v);
    let values = worker_found.unwrap_or(&props.values);
    // The values come most frequent first: the top ones are a prefix.
    let lead = values.iter().take_while(|c| c.count >= props.lead_min).count().min(props.shown);
    let more = values.len() > lead;
    let visible: Vec<&FacetCount> = values
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            if searching {
                contains_folded(&c.value, &folded)
            } else {
                *expanded || i < lead || props.selected.contains(&c.value)
            }
        })
        .map(|(_, c)| c)
        .collect();
    let facet = props.facet;
    let toggle = |value: &str| {
        let on_toggle = props.on_toggle.clone();
        let (f, v) = (facet.to_owned(), value.to_owned());
        Callback::from(move |_: MouseEvent| on_toggle.emit((f.clone(), v.clone())))
    };
    let items = visible.iter().map(|c| {
        let pressed = props.selected.contains(&c.value);
        html! {
            <li key={c.value.clone()}>
                <button type="button" class="facet-value" aria-pressed={pressed.to_string()} onclick={toggle(&c.value)}>
                    <span class="value">{ c.value.clone() }</span>
                    <span class="n">{ number(lang, c.count) }</span>
                </button>
            </li>
        }
    });
    let id = |what: &str| format!("{}-{facet}-{what}", props.scope);
    let list_id = id("values");
    let finder = (values.len() > props.shown || !needle.is_empty()).then(|| {
        let oninput = {
            let needle = needle.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                needle.set(input.value());
            })
        };
        // Enter takes the first value found.
        let onkeydown = {
            let first = visible.first().map(|c| c.value.clone()).filter(|_| searching);
            let on_toggle = props.on_toggle.clone();
            Callback::from(move |e: KeyboardEvent| {
                if let (Some(value), "Enter") = (&first, e.key().as_str()) {
                    e.prevent_default();
                    on_toggle.emit((facet.to_owned(), value.clone()));
                }
            })
        };
        html! {
            <input key="find" type="search" class="facet-find" autocomplete="off" spellcheck="false"
                aria-label={format!("{} {}", t(lang, Key::FindIn), props.heading)} aria-controls={list_id.clone()}
                placeholder={t(lang, Key::FindPlaceholder)} value={(*needle).clone()} {oninput} {onkeydown} />
        }
    });
    let nothing = (searching && visible.is_empty()).then(|| {
        html! { <p key="none" class="facet-note" role="status">{ format!("{} “{}”", t(lang, Key::NothingMatches), needle.trim()) }</p> }
    });
    let only_once = (!searching && !*expanded && lead == 0 && props.lead_min > 1 && !values.is_empty())
        .then(|| html! { <p key="once" class="facet-note">{ t(lang, Key::OnlyOnce) }</p> });
    let capped_note = ((*expanded || searching) && values.len() >= MAX_FACET_VALUES)
        .then(|| html! { <p key="capped" class="facet-note">{ t(lang, Key::TopListed).replace("{n}", &number(lang, values.len())) }</p> });
    let toggle_more = (more && !searching).then(|| {
        let onclick = {
            let expanded = expanded.clone();
            Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
        };
        let label = if *expanded {
            t(lang, Key::ShowFewer).to_owned()
        } else {
            format!("{} {}", t(lang, Key::ShowAll), number(lang, values.len()))
        };
        html! {
            <button key="more" type="button" class="facet-more" aria-expanded={expanded.to_string()} aria-controls={list_id.clone()} {onclick}>
                { label }
            </button>
        }
    });
    html! {
        // Every child keyed: the parts that come and go never make Yew replace the
        // others (the focused button or find box would lose the focus).
        <section class="facet" aria-labelledby={id("title")}>
            <h3 key="title" id={id("title")}>{ props.heading.clone() }</h3>
            { for finder }
            { for only_once }
            <ul key="values" id={list_id.clone()}>{ for items }</ul>
            { for nothing }
            { for toggle_more }
            { for capped_note }
        </section>
    }
}
