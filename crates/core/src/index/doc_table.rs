//! The document table as it is held in memory: one [`DocMeta`] per document,
//! decoded from the `docs` file when the index is opened (layout in `build.rs`).

use super::format::Cursor;
use crate::document::{days_from_iso, Metadata};
use crate::error::{Error, Result};

/// A document's entry in the document table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMeta {
    /// The stable id given at build (the path relative to the corpus folder).
    pub id: String,
    /// Positions the title takes (its words, and a gap at a clause end inside
    /// it); body positions start at `title_words + 1`.
    pub title_words: u32,
    /// Words in the body (its length for BM25).
    pub body_words: u32,
    /// The size of the document's store slot, in [`super::STORE_ALIGN`] units.
    pub slot_units: u32,
    pub meta: Metadata,
    /// The date as days since 1970-01-01, for ranges and sorting.
    pub days: Option<i32>,
}

/// The decoded `docs` file: the table, and the first document of each store pack.
pub(super) struct DocTable {
    pub docs: Vec<DocMeta>,
    pub pack_first: Vec<u32>,
}

pub(super) fn decode_docs(file: &str, body: &[u8], packs: usize) -> Result<DocTable> {
    let mut c = Cursor::new(file, body);
    let n = c.varint()?;
    if n > body.len() as u64 {
        return Err(Error::corrupt(file, format!("{n} documents cannot fit in {} bytes", body.len())));
    }
    let pack_first = c.pack_firsts(packs, n, "store packs", "documents")?;
    let mut docs = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let id = c.str()?.to_owned();
        let title_words = c.varint32()?;
        let body_words = c.varint32()?;
        let slot_units = c.varint32()?;
        if slot_units == 0 {
            return Err(Error::corrupt(file, format!("document {id} has an empty store slot")));
        }
        let mut opt = || -> Result<Option<String>> { Ok(Some(c.str()?.to_owned()).filter(|s| !s.is_empty())) };
        let (date, author, source, category, url) = (opt()?, opt()?, opt()?, opt()?, opt()?);
        let mut list = || -> Result<Vec<String>> {
            let n = c.varint()?;
            if n > body.len() as u64 {
                return Err(Error::corrupt(file, format!("a list of {n} values cannot fit")));
            }
            (0..n).map(|_| Ok(c.str()?.to_owned())).collect()
        };
        let (places, people, doc_refs) = (list()?, list()?, list()?);
        let days = date.as_deref().and_then(days_from_iso);
        let meta = Metadata { date, author, source, category, url, places, people, doc_refs };
        docs.push(DocMeta { id, title_words, body_words, slot_units, meta, days });
    }
    if !c.is_empty() {
        return Err(Error::corrupt(file, format!("{} trailing bytes", body.len() - c.position())));
    }
    Ok(DocTable { docs, pack_first })
}
