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
    let n = n as usize;
    let ids = front_coded(&mut c, n)?;
    let mut numbers = || (0..n).map(|_| c.varint32()).collect::<Result<Vec<u32>>>();
    let (title_words, body_words, slot_units) = (numbers()?, numbers()?, numbers()?);
    let one = |c: &mut Cursor| -> Result<Vec<Option<String>>> {
        let lists = values(c, n, body.len())?;
        lists
            .into_iter()
            .map(|mut l| match l.len() {
                0 | 1 => Ok(l.pop()),
                _ => Err(Error::corrupt(file, "a document has more than one value of a one-value field")),
            })
            .collect()
    };
    let (dates, authors, sources, categories) = (one(&mut c)?, one(&mut c)?, one(&mut c)?, one(&mut c)?);
    let urls = front_coded(&mut c, n)?;
    let (places, people, refs) =
        (values(&mut c, n, body.len())?, values(&mut c, n, body.len())?, values(&mut c, n, body.len())?);
    let mut docs = Vec::with_capacity(n);
    let columns = ids
        .into_iter()
        .zip(dates)
        .zip(authors)
        .zip(sources)
        .zip(categories)
        .zip(urls)
        .zip(places)
        .zip(people)
        .zip(refs);
    for (k, ((((((((id, date), author), source), category), url), places), people), doc_refs)) in columns.enumerate() {
        if slot_units[k] == 0 {
            return Err(Error::corrupt(file, format!("document {id} has an empty store slot")));
        }
        let days = date.as_deref().and_then(days_from_iso);
        let url = Some(url).filter(|u| !u.is_empty());
        let meta = Metadata { date, author, source, category, url, places, people, doc_refs };
        docs.push(DocMeta {
            id,
            title_words: title_words[k],
            body_words: body_words[k],
            slot_units: slot_units[k],
            meta,
            days,
        });
    }
    if !c.is_empty() {
        return Err(Error::corrupt(file, format!("{} trailing bytes", body.len() - c.position())));
    }
    Ok(DocTable { docs, pack_first })
}

/// `n` front-coded strings (see `build.rs`).
fn front_coded(c: &mut Cursor, n: usize) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        let shared = c.varint()?;
        let prev = out.last().map_or("", |s| s.as_str());
        let keep = usize::try_from(shared)
            .ok()
            .filter(|&k| k <= prev.len() && prev.is_char_boundary(k))
            .ok_or_else(|| Error::corrupt(c.file(), format!("a string shares {shared} bytes with the one before")))?;
        let value = format!("{}{}", &prev[..keep], c.str()?);
        out.push(value);
    }
    Ok(out)
}

/// A values column of `n` documents (see `build.rs`); `bound` caps its counts.
fn values(c: &mut Cursor, n: usize, bound: usize) -> Result<Vec<Vec<String>>> {
    let v = c.varint()?;
    if v > bound as u64 {
        return Err(Error::corrupt(c.file(), format!("{v} values cannot fit")));
    }
    let distinct: Vec<String> = (0..v).map(|_| Ok(c.str()?.to_owned())).collect::<Result<_>>()?;
    (0..n)
        .map(|_| {
            let k = c.varint()?;
            if k > bound as u64 {
                return Err(Error::corrupt(c.file(), format!("a list of {k} values cannot fit")));
            }
            (0..k)
                .map(|_| {
                    let i = c.varint()?;
                    distinct
                        .get(usize::try_from(i).unwrap_or(usize::MAX))
                        .cloned()
                        .ok_or_else(|| Error::corrupt(c.file(), format!("value {i} of {v}")))
                })
                .collect()
        })
        .collect()
}
