//! The corpus at a glance, shown when nothing is asked yet: how many articles,
//! the months they span as a timeline of articles per month, and the most
//! frequent places, people, sources and document references. The values named in
//! more than one article lead; the ones named once are behind "show all" (and
//! found by typing). Every bar and value is a way in: a click filters by it.

use std::rc::Rc;

use soi_core::SearchResponse;
use yew::prelude::*;

use super::{FacetGroup, MonthBars};
use crate::hooks::use_lang;
use crate::i18n::{number, t, Key};

#[derive(Properties, PartialEq, Clone)]
pub struct OverviewProps {
    pub response: Rc<SearchResponse>,
    pub on_toggle: Callback<(String, String)>,
    /// A month (or range) chosen on the timeline.
    pub on_range: Callback<(Option<String>, Option<String>)>,
}

/// What the overview lists, in this order.
const LISTED: [(&str, Key); 4] =
    [("place", Key::TopPlaces), ("person", Key::TopPeople), ("source", Key::TopSources), ("doc_ref", Key::TopDocRefs)];

#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let lang = use_lang();
    let r = &props.response;
    let span = match (r.months.first(), r.months.last()) {
        (Some(a), Some(b)) => Some(format!("{} – {}", a.month, b.month)),
        _ => None,
    };
    let timeline = (!r.months.is_empty()).then(|| {
        html! {
            <section class="timeline" aria-labelledby="overview-timeline-title">
                <h3 id="overview-timeline-title">{ t(lang, Key::Timeline) }</h3>
                <MonthBars months={r.months.clone()} on_range={props.on_range.clone()} height={96} />
            </section>
        }
    });
    let lists = LISTED.iter().filter_map(|&(facet, key)| {
        let values = r.facets.get(facet).filter(|v| !v.is_empty())?;
        Some(html! {
            <FacetGroup key={facet} {facet} heading={t(lang, key)} scope="overview" values={values.clone()}
                on_toggle={props.on_toggle.clone()} lead_min={2} />
        })
    });
    html! {
        <section class="overview" aria-label={t(lang, Key::Overview)}>
            <p class="big" role="status">{ format!("{} {}", number(lang, r.total), t(lang, Key::Articles)) }</p>
            if let Some(span) = span {
                <p class="span">{ format!("{}: {span}", t(lang, Key::Dates)) }</p>
            }
            { for timeline }
            <div class="overview-facets">{ for lists }</div>
        </section>
    }
}
