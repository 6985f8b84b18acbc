//! The index format: [`IndexBuilder`] writes it, [`Index`] reads it, both here so
//! the format is defined once. Byte layouts are documented in `format.rs` (framing)
//! and `build.rs` (bodies); `manifest.rs` describes `manifest.json`.

mod build;
pub mod format;
mod manifest;
mod read;

pub use build::{term_key, BuiltIndex, Document, IndexBuilder, IndexFile, STORE_CHUNK_BYTES};
pub use format::{FileKind, FORMAT_VERSION};
pub use manifest::{FileEntry, Manifest, ManifestFiles, MANIFEST_FILE, MANIFEST_FORMAT};
pub use read::{DocMeta, FlatPostings, Index, Posting, StoredDoc, TermInfo};
