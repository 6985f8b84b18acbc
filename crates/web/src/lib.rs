//! # soi-web
//!
//! Soi's browser app, as two wasm binaries built from this crate by Trunk:
//!
//! - `soi-web`, the UI on the main thread: Yew function components over the
//!   [`soi_core`] answer types. It holds no search logic and never runs a search:
//!   [`client::Client`] posts each question to the worker and renders the answer
//!   as it arrives, dropping answers that a newer question superseded.
//! - `soi-worker`, a Web Worker ([`worker`]): loads the index files, calls the
//!   core, and answers over `postMessage` ([`protocol`]).
//!
//! Neither binary calls into the other's modules, so each links only its own
//! half: the UI's wasm carries no index reader, the worker's no Yew.
//!
//! - [`protocol`]: the messages between the two threads, and which requests a
//!   newer one supersedes.
//! - [`worker`]: the [`worker::Engine`] (fetching and opening an index, over HTTP
//!   or from memory in tests; search and article calls that fetch article text on
//!   demand) and the [`worker::Service`] that answers the UI.
//! - [`client`]: the UI's side: where the worker is ([`client::Backend`]), what
//!   was asked last, and the answers turned into [`state::Action`]s;
//!   [`answers`] reads them field by field.
//! - [`state`]: the app's state and its reducer; [`view`]: what the user looks at,
//!   round-tripped through the URL; [`i18n`]: Vietnamese and English UI text.
//! - [`app`]: the root component, composing the [`hooks`] (one per effect:
//!   the worker, searching, opening an article, the URL, the keyboard) and the
//!   components; the UI language reaches them through a Yew context.
//! - [`components`]: search box, result list, reader, and [`components::Marked`],
//!   the one place where match ranges become `<mark>` elements around text nodes.
//! - [`js_api`]: `window.soi` (`ready`, `search`) for embedding and browser tests.

pub mod answers;
pub mod app;
pub mod client;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod js_api;
pub mod protocol;
pub mod state;
pub mod view;
pub mod worker;

pub use app::{App, AppProps};
pub use client::Backend;
