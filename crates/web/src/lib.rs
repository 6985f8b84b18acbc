//! # soi-web
//!
//! Soi's browser app: Yew function components over [`soi_core`]. It holds no search
//! logic: [`engine::Engine`] loads the index files and calls the core; the
//! components render what it returns.
//!
//! - [`engine`]: fetching and opening an index (over HTTP, or from memory in tests),
//!   and the async search/article calls that fetch store chunks on demand.
//! - [`state`]: the app's state and its reducer; [`view`]: what the user looks at,
//!   round-tripped through the URL; [`i18n`]: Vietnamese and English UI text.
//! - [`app`]: the root component, composing the [`hooks`] (one per effect:
//!   loading, searching, opening an article, the URL, the keyboard) and the
//!   components; the UI language reaches them through a Yew context.
//! - [`components`]: search box, result list, reader, and [`components::Marked`],
//!   the one place where match ranges become `<mark>` elements around text nodes.
//! - [`js_api`]: `window.soi` (`ready`, `search`) for embedding and browser tests.

pub mod app;
pub mod components;
pub mod engine;
pub mod hooks;
pub mod i18n;
pub mod js_api;
pub mod state;
pub mod view;

pub use app::{App, AppProps};
pub use engine::{Engine, Source};
