//! The bytes on disk: [`IndexBuilder`] writes every index file, [`Index`] reads
//! them, both here so the format is defined once.
//!
//! - `format.rs`: the framing of every binary file (magic, version, kind, CRC32)
//!   and [`FORMAT_VERSION`] with its policy; `crc.rs`: the CRC-32 of the footers and
//!   the CRC-32C of fst's dictionaries.
//! - `key.rs`: how a term is spelled in the dictionaries ([`term_key`]).
//! - `build.rs`: the writer, with the byte layout of each file's body.
//! - `read.rs`: the reader ([`Index`]): opens the root files (dict, terms, docs)
//!   and takes postings shards and documents' stored text as a query needs them.
//! - `manifest.rs`: `manifest.json`, the one mutable file naming the others.
//! - `doc_table.rs`: the document table in memory, column by column; a
//!   [`DocMeta`] is made when one document is asked for.
//! - `facets.rs`: facet value → documents, derived from the document table at open.

mod build;
mod crc;
mod doc_table;
mod facets;
pub mod format;
mod key;
mod manifest;
mod read;

pub use build::{
    BuiltIndex, IndexBuilder, IndexFile, POSTINGS_SHARD_BYTES, ROOT_MIN_DF, STORE_ALIGN, STORE_PACK_BYTES,
    WHOLE_DICT_BYTES,
};
#[cfg(test)]
pub(crate) use doc_table::DocColumns;
pub use doc_table::DocMeta;
pub(crate) use facets::NO_MONTH;
pub use facets::{FacetIndex, FacetValue, FACETS};
pub use format::{FileKind, FORMAT_VERSION};
pub use key::{split_key, term_key};
pub use manifest::{FileEntry, Manifest, ManifestFiles, MANIFEST_FILE, MANIFEST_FORMAT};
pub use read::{DocCounts, FlatPostings, Index, Posting, StoredDoc, TermInfo};
