//! The search field. Every keystroke calls `on_input` with the whole query.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{t, Key, Lang};

#[derive(Properties, PartialEq, Clone)]
pub struct SearchBoxProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub disabled: bool,
    pub lang: Lang,
}

#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let on_input = props.on_input.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on_input.emit(input.value());
    });
    html! {
        <div class="search-box" role="search">
            <label for="q" class="visually-hidden">{ t(props.lang, Key::SearchLabel) }</label>
            <input
                id="q"
                type="search"
                autocomplete="off"
                spellcheck="false"
                autofocus=true
                placeholder={t(props.lang, Key::Placeholder)}
                value={props.value.clone()}
                disabled={props.disabled}
                {oninput}
            />
        </div>
    }
}
