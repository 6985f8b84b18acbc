//! The search field. Every keystroke calls `on_input` with the whole query. It
//! takes typing while the index still loads (the query is searched once it is
//! ready: `use_search`), so no keystroke is lost on a slow connection; it is
//! disabled only when the index could not be loaded.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::{t, Key};

#[derive(Properties, PartialEq, Clone)]
pub struct SearchBoxProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub disabled: bool,
    /// Whether the box takes the focus when the page opens: not when a link opens
    /// an article, whose reader Space and the arrow keys scroll.
    #[prop_or(true)]
    pub autofocus: bool,
}

#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let lang = use_lang();
    let on_input = props.on_input.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on_input.emit(input.value());
    });
    html! {
        <div class="search-box" role="search">
            <label for="q" class="visually-hidden">{ t(lang, Key::SearchLabel) }</label>
            <input
                id="q"
                type="search"
                autocomplete="off"
                spellcheck="false"
                autofocus={props.autofocus}
                placeholder={t(lang, Key::Placeholder)}
                value={props.value.clone()}
                disabled={props.disabled}
                {oninput}
            />
        </div>
    }
}
