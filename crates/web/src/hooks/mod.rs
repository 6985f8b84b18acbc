//! The app's custom hooks: each effect of the root component in its own file,
//! the way the Yew examples lay them out. They take the state's reducer handle,
//! read what they need from it and answer with [`Action`](crate::state::Action)s.
//!
//! - [`use_engine`]: loads the index once per source, and settles `window.soi.ready`.
//! - [`use_search`]: searches whenever the view's question changes.
//! - [`use_article`]: opens the article the view names.
//! - [`use_view_in_url`]: the URL follows the view; back and forward bring views back.
//! - [`use_keyboard`]: `/`, the arrows and Esc.
//! - [`use_lang`]: the UI language, from the context the app provides.

mod use_article;
mod use_engine;
mod use_keyboard;
mod use_lang;
mod use_search;
mod use_view_in_url;

pub use use_article::use_article;
pub use use_engine::use_engine;
pub use use_keyboard::use_keyboard;
pub use use_lang::use_lang;
pub use use_search::use_search;
pub use use_view_in_url::use_view_in_url;
