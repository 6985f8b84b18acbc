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

#[cfg(test)]
impl DocMeta {
    /// A document of one word of title and one of body with this metadata (its
    /// days from its date), for tests of what is derived from the table.
    pub(crate) fn with_meta(meta: Metadata) -> DocMeta {
        let days = meta.date.as_deref().and_then(days_from_iso);
        DocMeta { id: String::new(), title_words: 1, body_words: 1, slot_units: 1, meta, days }
    }
}

/// The decoded `docs` file: the table, and the first document of each store pack.
#[derive(Debug)]
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
    // What the strings may decode to in all: front coding and numbered values
    // expand, but a hostile table must not make a few KB ask for gigabytes.
    let mut budget = body.len().saturating_mul(64).saturating_add(1 << 20);
    let ids = front_coded(&mut c, n, &mut budget)?;
    let mut numbers = || (0..n).map(|_| c.varint32()).collect::<Result<Vec<u32>>>();
    let (title_words, body_words, slot_units) = (numbers()?, numbers()?, numbers()?);
    let mut one = |c: &mut Cursor| -> Result<Vec<Option<String>>> {
        let lists = values(c, n, body.len(), &mut budget)?;
        lists
            .into_iter()
            .map(|mut l| match l.len() {
                0 | 1 => Ok(l.pop()),
                _ => Err(Error::corrupt(file, "a document has more than one value of a one-value field")),
            })
            .collect()
    };
    let (dates, authors, sources, categories) = (one(&mut c)?, one(&mut c)?, one(&mut c)?, one(&mut c)?);
    let urls = front_coded(&mut c, n, &mut budget)?;
    let mut list = |c: &mut Cursor| values(c, n, body.len(), &mut budget);
    let (places, people, refs) = (list(&mut c)?, list(&mut c)?, list(&mut c)?);
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

/// Takes `len` bytes of decoded strings from `budget`.
fn spend(c: &Cursor, budget: &mut usize, len: usize) -> Result<()> {
    *budget = budget
        .checked_sub(len)
        .ok_or_else(|| Error::corrupt(c.file(), "the document table's strings decode to far more than its size"))?;
    Ok(())
}

/// `n` front-coded strings (see `build.rs`).
fn front_coded(c: &mut Cursor, n: usize, budget: &mut usize) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        let shared = c.varint()?;
        let prev = out.last().map_or("", |s| s.as_str());
        let keep = usize::try_from(shared)
            .ok()
            .filter(|&k| k <= prev.len() && prev.is_char_boundary(k))
            .ok_or_else(|| Error::corrupt(c.file(), format!("a string shares {shared} bytes with the one before")))?;
        let rest = c.str()?;
        spend(c, budget, keep + rest.len())?;
        let mut value = String::with_capacity(keep + rest.len());
        value.push_str(&prev[..keep]);
        value.push_str(rest);
        out.push(value);
    }
    Ok(out)
}

/// A values column of `n` documents (see `build.rs`); `bound` caps its counts.
fn values(c: &mut Cursor, n: usize, bound: usize, budget: &mut usize) -> Result<Vec<Vec<String>>> {
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
                    let value = distinct
                        .get(usize::try_from(i).unwrap_or(usize::MAX))
                        .ok_or_else(|| Error::corrupt(c.file(), format!("value {i} of {v}")))?;
                    spend(c, budget, value.len())?;
                    Ok(value.clone())
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::format::{put_str, put_varint};

    /// A table of two documents whose columns are written by `columns` after
    /// the counts and the pack table.
    fn table(columns: impl FnOnce(&mut Vec<u8>)) -> Result<DocTable> {
        let mut b = Vec::new();
        put_varint(&mut b, 2);
        put_varint(&mut b, 1);
        put_varint(&mut b, 0);
        columns(&mut b);
        decode_docs("docs.x.bin", &b, 1)
    }

    /// Ids `a/1`, `a/2`; lengths; slots; then what `rest` writes.
    fn valid_start(b: &mut Vec<u8>) {
        for (shared, rest) in [(0, "a/1"), (2, "2")] {
            put_varint(b, shared);
            put_str(b, rest);
        }
        for v in [3, 4, 100, 120, 1, 2] {
            put_varint(b, v);
        }
    }

    /// Four one-value columns with one value for the second document, urls,
    /// three list columns.
    fn valid_rest(b: &mut Vec<u8>, author_of_second: u64) {
        for column in 0..4 {
            put_varint(b, 1);
            put_str(b, ["2024-05-01", "Minh Châu", "TTXVN", "Thời sự"][column]);
            put_varint(b, 0);
            put_varint(b, 1);
            put_varint(b, if column == 1 { author_of_second } else { 0 });
        }
        for (shared, rest) in [(0, "https://x.vn/1"), (13, "2")] {
            put_varint(b, shared);
            put_str(b, rest);
        }
        for _ in 0..3 {
            put_varint(b, 2);
            put_str(b, "Hà Nội");
            put_str(b, "Huế");
            put_varint(b, 2);
            put_varint(b, 1);
            put_varint(b, 0);
            put_varint(b, 0);
        }
    }

    #[test]
    fn columns_are_read_back_per_document() {
        let t = table(|b| {
            valid_start(b);
            valid_rest(b, 0);
        })
        .unwrap();
        let [first, second] = &t.docs[..] else { panic!("two documents") };
        assert_eq!((first.id.as_str(), second.id.as_str()), ("a/1", "a/2"));
        assert_eq!((first.title_words, first.body_words, first.slot_units), (3, 100, 1));
        assert_eq!((second.title_words, second.body_words, second.slot_units), (4, 120, 2));
        assert_eq!(first.meta.author, None);
        assert_eq!(second.meta.author.as_deref(), Some("Minh Châu"));
        assert_eq!(second.days, days_from_iso("2024-05-01"));
        assert_eq!(second.meta.url.as_deref(), Some("https://x.vn/2"));
        assert_eq!(first.meta.places, ["Huế", "Hà Nội"]);
        assert!(second.meta.people.is_empty());
    }

    #[test]
    fn broken_columns_are_errors_not_panics() {
        // An id sharing more bytes than the one before has.
        let long_share = table(|b| {
            put_varint(b, 0);
            put_str(b, "a");
            put_varint(b, 5);
            put_str(b, "b");
        });
        assert!(long_share.unwrap_err().to_string().contains("shares 5 bytes"));
        // A value number past the column's values.
        let past = table(|b| {
            valid_start(b);
            valid_rest(b, 7);
        });
        assert!(past.unwrap_err().to_string().contains("value 7 of 1"));
        // Two values in a one-value field.
        let two = table(|b| {
            valid_start(b);
            put_varint(b, 1);
            put_str(b, "2024-05-01");
            put_varint(b, 2);
            put_varint(b, 0);
            put_varint(b, 0);
            put_varint(b, 0);
        });
        assert!(two.unwrap_err().to_string().contains("more than one value"));
        // One long id shared by many short ones: far more text than bytes.
        let mut b = Vec::new();
        put_varint(&mut b, 40_000);
        put_varint(&mut b, 1);
        put_varint(&mut b, 0);
        put_varint(&mut b, 0);
        put_str(&mut b, &"x".repeat(60_000));
        for _ in 1..40_000 {
            put_varint(&mut b, 60_000);
            put_str(&mut b, "");
        }
        let blown = decode_docs("docs.x.bin", &b, 1).unwrap_err().to_string();
        assert!(blown.contains("decode to far more than its size"), "{blown}");
        // Cut short anywhere: an error.
        let mut whole = Vec::new();
        valid_start(&mut whole);
        valid_rest(&mut whole, 0);
        for cut in 0..whole.len() {
            assert!(table(|b| b.extend_from_slice(&whole[..cut])).is_err(), "cut at {cut}");
        }
    }
}
