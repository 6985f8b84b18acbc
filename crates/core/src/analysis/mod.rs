//! Analysis, shared by build time and query time: what a word is, and the forms it
//! is compared in. The indexer, the query parser and the highlighter all call this
//! one pipeline, so they cannot disagree.
//!
//! - `text.rs`: [`normalize`] (NFC), [`tokens`] (words with byte ranges and
//!   positions), [`surface`] (lowercase NFC, one tone placement) and [`fold`] (no
//!   tones or marks, `đ`/`Đ`/`Ð` → `d`).
//! - `tones.rs`: the five tone marks.
//! - `unicode.rs`: NFC, NFD and combining marks: the `unicode-normalization`
//!   crate natively, the browser's own `normalize` in wasm, and one small table
//!   for the Latin letters either way.
//! - `telex.rs`: reading Telex/VNI typed with the input method off ([`telex`]).

pub mod telex;
mod text;
mod tones;
mod unicode;

pub use text::{
    fold, has_diacritics, is_boundary, is_word_char, normalize, surface, tokens, Token, Tokens, MAX_TERM_BYTES,
};
pub use tones::{is_tone_mark, TONE_MARKS};
pub(crate) use unicode::{compose, compose_letter, decompose, latin_letters, latin_slot};
