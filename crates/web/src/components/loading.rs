//! What the page shows while the search worker loads the root of the index: a
//! progress bar of the bytes fetched (indeterminate until the manifest says how
//! many there are), then "checking and opening"; and when it takes long, a
//! sentence saying what is happening. Never a blank page. Then, until the first
//! answer comes (it waits for the document table, which keeps coming after the
//! index is ready), "Searching…", with a sentence too when that takes long.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::{t, tenths, Key, Lang};

/// After this long still loading, the page says why it may be slow.
pub const SLOW_LOAD_MS: u32 = 8_000;

#[derive(Properties, PartialEq, Clone)]
pub struct LoadingStatusProps {
    /// Bytes of the index's root fetched so far.
    pub fetched: u64,
    /// Bytes to fetch in all; 0 until the manifest is read.
    pub total: u64,
    /// How long before the "taking longer" sentence shows.
    #[prop_or(SLOW_LOAD_MS)]
    pub slow_after_ms: u32,
}

/// `bytes` in KiB or MiB, for people.
fn size(lang: Lang, bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", tenths(lang, bytes as f64 / (1024.0 * 1024.0)))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// Whether `ms` milliseconds have passed since the component was first drawn.
#[hook]
fn use_after(ms: u32) -> bool {
    let passed = use_state_eq(|| false);
    {
        let passed = passed.clone();
        use_effect_with(ms, move |&ms| {
            let timer = Timeout::new(ms, move || passed.set(true));
            move || drop(timer)
        });
    }
    *passed
}

#[component]
pub fn LoadingStatus(props: &LoadingStatusProps) -> Html {
    let lang = use_lang();
    let slow = use_after(props.slow_after_ms);
    let (fetched, total) = (props.fetched, props.total);
    let known = total > 0;
    let done = known && fetched >= total;
    let amount = format!("{} / {}", size(lang, fetched.min(total)), size(lang, total));
    let status = if done {
        t(lang, Key::Opening).to_owned()
    } else if known {
        format!("{} {amount}", t(lang, Key::Loading))
    } else {
        t(lang, Key::Loading).to_owned()
    };
    // Until the total is known the bar is indeterminate (no value).
    let bar = if known {
        html! {
            <progress key="bar" class="load-progress" aria-label={t(lang, Key::LoadingIndex)} max={total.to_string()}
                value={fetched.min(total).to_string()} aria-valuetext={amount.clone()}></progress>
        }
    } else {
        html! { <progress key="bar" class="load-progress" aria-label={t(lang, Key::LoadingIndex)}></progress> }
    };
    let why = slow.then(|| {
        let detail = if !known { t(lang, Key::NothingYet) } else { t(lang, Key::SlowLoad) };
        html! { <p key="why" class="slow-load" role="status">{ detail }</p> }
    });
    html! {
        <div class="loading-index" aria-busy="true">
            <p key="status" class="status loading" role="status">{ status }</p>
            { bar }
            { for why }
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct SearchingStatusProps {
    /// How long before the "taking longer" sentence shows.
    #[prop_or(SLOW_LOAD_MS)]
    pub slow_after_ms: u32,
}

/// The page's first answer on its way: "Searching…", and when it takes long
/// (the document table still coming over a slow connection), a sentence saying
/// so, as while loading.
#[component]
pub fn SearchingStatus(props: &SearchingStatusProps) -> Html {
    let lang = use_lang();
    let slow = use_after(props.slow_after_ms);
    html! {
        <div class="searching" aria-busy="true">
            <p key="status" class="status" role="status">{ t(lang, Key::Searching) }</p>
            if slow {
                <p key="why" class="slow-load" role="status">{ t(lang, Key::SlowSearch) }</p>
            }
        </div>
    }
}
