//! The app's custom hooks: each effect of the root component in its own file,
//! the way the Yew examples lay them out. They take the state's reducer handle,
//! read what they need from it and answer with [`Action`](crate::state::Action)s.
//!
//! - [`use_worker`]: starts the search worker, which loads the index and settles
//!   `window.soi.ready`; the other hooks post to it.
//! - [`use_search`]: asks for the results whenever the view's question changes.
//! - [`use_article`]: asks for the article the view names.
//! - [`use_view_in_url`]: the URL follows the view; back and forward bring views back.
//! - [`use_keyboard`]: `/`, the arrows and Esc.
//! - [`use_lang`]: the UI language, from the context the app provides.
//! - [`use_narrow`]: is the window phone-narrow (the facets are a drawer then)?

mod use_article;
mod use_keyboard;
mod use_lang;
mod use_narrow;
mod use_search;
mod use_view_in_url;
mod use_worker;

pub use use_article::use_article;
pub use use_keyboard::use_keyboard;
pub use use_lang::use_lang;
pub use use_narrow::{use_narrow, NARROW};
pub use use_search::use_search;
pub use use_view_in_url::use_view_in_url;
pub use use_worker::use_worker;
