//! The UI language, provided once by the app (`ContextProvider<Lang>`) instead of
//! passed to every component.

use yew::prelude::*;

use crate::i18n::Lang;

/// The UI language of the app around the component; English for a component
/// rendered on its own (tests, embedding).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or(Lang::En)
}
