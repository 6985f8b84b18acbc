//! The document table as it is held in memory: column by column, as the `docs`
//! file stores it (layout in `build.rs`), decoded when the index is opened.
//!
//! Each column stays a column: ids and addresses in one buffer each, a facet
//! value once however many documents share it (each document holds the number
//! of its value). Opening a table of 100,000 documents then allocates a few
//! dozen buffers and a string per distinct value, not a million strings, and
//! the facet index is built from the
//! value numbers without hashing a string per document. A [`DocMeta`] is made
//! when one document is asked for ([`DocColumns::get`]).

use super::format::Cursor;
use crate::document::{days_from_iso, Metadata};
use crate::error::{Error, Result};

/// A document's entry in the document table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMeta {
    /// The stable id given at build (the path relative to the corpus folder).
    pub id: String,
    /// The document's length for BM25: the positions its title takes (its words,
    /// and a gap at a clause end inside it) and the words of its body, as the
    /// table stores it, to within about 3% ([`length_code`]).
    pub words: u32,
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
        DocMeta { id: String::new(), words: 2, slot_units: 1, meta, days }
    }
}

/// A document's length in one byte of the table: exact below 16, then the top
/// five bits of the length and how many bits follow them, so that each doubling
/// of length has 16 codes. [`code_length`] reads back the middle of a code's
/// range: within 1/32 (about 3%) of the length, which moves a BM25 score by
/// less than that. Lengths from 507,904 on share the last code. On 100,000
/// generated articles, these bytes gzip to 74 KB where the exact title and body
/// lengths took 208 KB, in a table every visitor loads before the first result.
pub(crate) fn length_code(words: u32) -> u8 {
    if words < 16 {
        return words as u8;
    }
    // The bits below the top five.
    let shift = 27 - words.leading_zeros();
    (((shift + 1) << 4) | ((words >> shift) & 15)).min(255) as u8
}

/// The length a [`length_code`] stands for: the middle of the lengths that
/// have it.
pub(crate) fn code_length(code: u8) -> u32 {
    let code = u32::from(code);
    if code < 16 {
        return code;
    }
    let shift = (code >> 4) - 1;
    ((16 | (code & 15)) << shift) + ((1 << shift) >> 1)
}

/// Strings one after another in one buffer.
#[derive(Debug, Default)]
struct Strings {
    text: String,
    /// Where each string ends in `text`.
    end: Vec<usize>,
}

impl Strings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.end.get(i)?;
        let start = if i == 0 { 0 } else { self.end[i - 1] };
        self.text.get(start..end)
    }

    #[cfg(test)]
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.end.push(self.text.len());
    }

    fn len(&self) -> usize {
        self.end.len()
    }
}

/// Marks a document without a value in a [`OneValue`] column.
const NONE: u32 = u32::MAX;

/// A field of at most one value per document (date, author, source, category).
#[derive(Debug, Default)]
pub(crate) struct OneValue {
    /// The distinct values.
    pub values: Vec<String>,
    /// Per document, its value's number in `values`, or [`NONE`].
    of: Vec<u32>,
}

impl OneValue {
    /// The value numbers of document `doc`: none or one.
    pub fn of(&self, doc: usize) -> &[u32] {
        match self.of.get(doc) {
            Some(v) if *v != NONE => std::slice::from_ref(v),
            _ => &[],
        }
    }

    pub fn get(&self, doc: usize) -> Option<&str> {
        self.of(doc).first().map(|&v| self.values[v as usize].as_str())
    }

    #[cfg(test)]
    fn push(&mut self, value: Option<&str>) {
        let v = value.map_or(NONE, |value| match self.values.iter().position(|x| x == value) {
            Some(i) => i as u32,
            None => {
                self.values.push(value.to_owned());
                self.values.len() as u32 - 1
            }
        });
        self.of.push(v);
    }
}

/// A field of a list of values per document (places, people, references).
#[derive(Debug, Default)]
pub(crate) struct ValueLists {
    /// The distinct values.
    pub values: Vec<String>,
    /// Document `d`'s value numbers are `items[start[d]..start[d + 1]]`.
    start: Vec<usize>,
    items: Vec<u32>,
}

impl ValueLists {
    /// The value numbers of document `doc`, in the document's order.
    pub fn of(&self, doc: usize) -> &[u32] {
        match (self.start.get(doc), self.start.get(doc + 1)) {
            (Some(&a), Some(&b)) => &self.items[a..b],
            _ => &[],
        }
    }

    fn get(&self, doc: usize) -> Vec<String> {
        self.of(doc).iter().map(|&v| self.values[v as usize].clone()).collect()
    }

    #[cfg(test)]
    fn push(&mut self, list: &[String]) {
        if self.start.is_empty() {
            self.start.push(0);
        }
        for value in list {
            let v = match self.values.iter().position(|x| x == value) {
                Some(i) => i,
                None => {
                    self.values.push(value.clone());
                    self.values.len() - 1
                }
            };
            self.items.push(v as u32);
        }
        self.start.push(self.items.len());
    }
}

/// The document table, column by column.
#[derive(Debug, Default)]
pub(crate) struct DocColumns {
    ids: Strings,
    /// Per document, its length's [`length_code`].
    words: Vec<u8>,
    slot_units: Vec<u32>,
    pub date: OneValue,
    pub author: OneValue,
    pub source: OneValue,
    pub category: OneValue,
    urls: Strings,
    pub places: ValueLists,
    pub people: ValueLists,
    pub doc_refs: ValueLists,
}

impl DocColumns {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The number of the document whose id is `id`.
    pub fn find(&self, id: &str) -> Option<u32> {
        (0..self.len()).find(|&d| self.ids.get(d) == Some(id)).map(|d| d as u32)
    }

    /// Document `doc`'s length for BM25, as stored ([`code_length`]).
    pub fn words(&self, doc: usize) -> u32 {
        self.words.get(doc).map_or(0, |&c| code_length(c))
    }

    pub fn slot_units(&self, doc: usize) -> u32 {
        self.slot_units.get(doc).copied().unwrap_or(0)
    }

    /// Document `doc`'s entry, made from the columns.
    pub fn get(&self, doc: usize) -> Option<DocMeta> {
        let id = self.ids.get(doc)?.to_owned();
        let one = |c: &OneValue| c.get(doc).map(str::to_owned);
        let meta = Metadata {
            date: one(&self.date),
            author: one(&self.author),
            source: one(&self.source),
            category: one(&self.category),
            url: self.urls.get(doc).filter(|u| !u.is_empty()).map(str::to_owned),
            places: self.places.get(doc),
            people: self.people.get(doc),
            doc_refs: self.doc_refs.get(doc),
        };
        let days = meta.date.as_deref().and_then(days_from_iso);
        Some(DocMeta { id, words: self.words(doc), slot_units: self.slot_units(doc), meta, days })
    }

    /// A table of these documents, as the `docs` file would give it back.
    #[cfg(test)]
    pub fn from_metas<'a>(docs: impl IntoIterator<Item = &'a DocMeta>) -> DocColumns {
        let mut t = DocColumns::default();
        for d in docs {
            t.ids.push(&d.id);
            t.words.push(length_code(d.words));
            t.slot_units.push(d.slot_units);
            let m = &d.meta;
            t.date.push(m.date.as_deref());
            t.author.push(m.author.as_deref());
            t.source.push(m.source.as_deref());
            t.category.push(m.category.as_deref());
            t.urls.push(m.url.as_deref().unwrap_or(""));
            t.places.push(&m.places);
            t.people.push(&m.people);
            t.doc_refs.push(&m.doc_refs);
        }
        t
    }
}

/// The decoded `docs` file: the table, and the first document of each store pack.
#[derive(Debug)]
pub(super) struct DocTable {
    pub docs: DocColumns,
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
    // What the front-coded strings may decode to in all: a hostile table must
    // not make a few KB ask for gigabytes.
    let mut budget = body.len().saturating_mul(64).saturating_add(1 << 20);
    let ids = front_coded(&mut c, n, &mut budget, "id")?;
    let words = c.bytes(n)?.to_vec();
    let slot_units = (0..n).map(|_| c.varint32()).collect::<Result<Vec<u32>>>()?;
    if let Some(d) = slot_units.iter().position(|&u| u == 0) {
        let id = ids.get(d).unwrap_or_default();
        return Err(Error::corrupt(file, format!("document {id} has an empty store slot")));
    }
    let one = |c: &mut Cursor| one_value(c, n, body.len());
    let (date, author, source, category) = (one(&mut c)?, one(&mut c)?, one(&mut c)?, one(&mut c)?);
    let urls = front_coded(&mut c, n, &mut budget, "address")?;
    let list = |c: &mut Cursor| values(c, n, body.len());
    let (places, people, doc_refs) = (list(&mut c)?, list(&mut c)?, list(&mut c)?);
    if !c.is_empty() {
        return Err(Error::corrupt(file, format!("{} trailing bytes", body.len() - c.position())));
    }
    let docs = DocColumns { ids, words, slot_units, date, author, source, category, urls, places, people, doc_refs };
    Ok(DocTable { docs, pack_first })
}

/// `n` front-coded strings (see `build.rs`), into one buffer. The buffer is
/// checked for UTF-8 once, whole, and each string's end for a character
/// boundary: a quarter of the time to open a table of 100,000 documents went
/// to checking each string on its own.
/// `what` names the column's strings in errors.
fn front_coded(c: &mut Cursor, n: usize, budget: &mut usize, what: &str) -> Result<Strings> {
    // Every string empty (no document has an address, say): n pairs of zeros.
    if c.zeros(n.saturating_mul(2)) {
        return Ok(Strings { text: String::new(), end: vec![0; n] });
    }
    let mut text: Vec<u8> = Vec::new();
    let mut end = Vec::with_capacity(n);
    // Where the string before starts in `text`.
    let mut prev = 0;
    for _ in 0..n {
        let shared = c.varint32()?;
        let keep = usize::try_from(shared)
            .ok()
            .filter(|&k| k <= text.len() - prev)
            .ok_or_else(|| Error::corrupt(c.file(), format!("a string shares {shared} bytes with the one before")))?;
        let rest = c.len_bytes()?;
        *budget = budget
            .checked_sub(keep + rest.len())
            .ok_or_else(|| Error::corrupt(c.file(), "the document table's strings decode to far more than its size"))?;
        let start = text.len();
        text.extend_from_within(prev..prev + keep);
        text.extend_from_slice(rest);
        end.push(text.len());
        prev = start;
    }
    let text = String::from_utf8(text).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Error::corrupt(c.file(), format!("a document {what} is not UTF-8 (byte {at} of the column)"))
    })?;
    if let Some(i) = end.iter().position(|&e| !text.is_char_boundary(e)) {
        return Err(Error::corrupt(c.file(), format!("document {i}'s {what} ends inside a character")));
    }
    Ok(Strings { text, end })
}

/// The distinct values at the head of a values column; `bound` caps their count.
fn distinct(c: &mut Cursor, bound: usize) -> Result<Vec<String>> {
    let v = c.varint()?;
    if v > bound as u64 || v >= u64::from(NONE) {
        return Err(Error::corrupt(c.file(), format!("{v} values cannot fit")));
    }
    (0..v).map(|_| Ok(c.str()?.to_owned())).collect()
}

/// A values column of `n` documents (see `build.rs`) that gives each at most
/// one value; `bound` caps its counts.
fn one_value(c: &mut Cursor, n: usize, bound: usize) -> Result<OneValue> {
    let values = distinct(c, bound)?;
    // No document with a value: a zero each.
    if c.zeros(n) {
        return Ok(OneValue { values, of: vec![NONE; n] });
    }
    let v = values.len() as u64;
    let mut of = Vec::with_capacity(n);
    for _ in 0..n {
        match c.varint32()? {
            0 => of.push(NONE),
            1 => {
                let i = u64::from(c.varint32()?);
                if i >= v {
                    return Err(Error::corrupt(c.file(), format!("value {i} of {v}")));
                }
                of.push(i as u32);
            }
            _ => return Err(Error::corrupt(c.file(), "a document has more than one value of a one-value field")),
        }
    }
    Ok(OneValue { values, of })
}

/// A values column of `n` documents (see `build.rs`); `bound` caps its counts.
/// Every value number takes a byte of the file at least, so what it holds is
/// bounded by the file's size.
fn values(c: &mut Cursor, n: usize, bound: usize) -> Result<ValueLists> {
    let values = distinct(c, bound)?;
    // No document with a value: a zero each.
    if c.zeros(n) {
        return Ok(ValueLists { values, start: vec![0; n + 1], items: Vec::new() });
    }
    let v = values.len() as u64;
    let mut start = Vec::with_capacity(n + 1);
    start.push(0);
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        let k = c.varint32()?;
        if k as usize > bound {
            return Err(Error::corrupt(c.file(), format!("a list of {k} values cannot fit")));
        }
        for _ in 0..k {
            let i = u64::from(c.varint32()?);
            if i >= v {
                return Err(Error::corrupt(c.file(), format!("value {i} of {v}")));
            }
            items.push(i as u32);
        }
        start.push(items.len());
    }
    Ok(ValueLists { values, start, items })
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

    /// Ids `a/1`, `a/2`; lengths (103 and 124 words); slots; then what `rest` writes.
    fn valid_start(b: &mut Vec<u8>) {
        for (shared, rest) in [(0, "a/1"), (2, "2")] {
            put_varint(b, shared);
            put_str(b, rest);
        }
        b.extend([length_code(103), length_code(124)]);
        for v in [1, 2] {
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
        assert_eq!(t.docs.len(), 2);
        let (first, second) = (t.docs.get(0).unwrap(), t.docs.get(1).unwrap());
        assert!(t.docs.get(2).is_none());
        assert_eq!((first.id.as_str(), second.id.as_str()), ("a/1", "a/2"));
        // 100..=103 share a code, read back as 102; 124..=127 as 126.
        assert_eq!((first.words, first.slot_units), (102, 1));
        assert_eq!((second.words, second.slot_units), (126, 2));
        assert_eq!(first.meta.author, None);
        assert_eq!(second.meta.author.as_deref(), Some("Minh Châu"));
        assert_eq!(second.days, days_from_iso("2024-05-01"));
        assert_eq!(second.meta.url.as_deref(), Some("https://x.vn/2"));
        assert_eq!(first.meta.places, ["Huế", "Hà Nội"]);
        assert!(second.meta.people.is_empty());
    }

    #[test]
    fn a_length_code_reads_back_within_a_thirty_second() {
        let mut last = 0;
        for words in (0..70_000).chain([516_095, 1 << 20, u32::MAX]) {
            let code = length_code(words);
            assert!(code >= last, "codes grow with the length: {words}");
            last = code;
            let back = code_length(code);
            if words < 16 {
                assert_eq!(back, words);
            } else if words < 500_000 {
                assert!(back.abs_diff(words) * 32 <= words, "{words} read back as {back}");
                assert_eq!(length_code(back), code, "{words}: {back} has another code");
            } else {
                assert_eq!(code, 255);
            }
        }
        assert_eq!(code_length(255), 516_096);
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
        // Ids that are not UTF-8, or that end inside a character even though the
        // next one completes it (the column as a whole is then UTF-8).
        for (first, second) in [(&b"\xff"[..], &b"a"[..]), (&b"\xc3"[..], &b"\xa9"[..])] {
            let bad = table(|b| {
                for rest in [first, second] {
                    put_varint(b, 0);
                    put_varint(b, rest.len() as u64);
                    b.extend_from_slice(rest);
                }
            });
            let message = bad.unwrap_err().to_string();
            assert!(message.contains("not UTF-8") || message.contains("inside a character"), "{message}");
        }
        // Cut short anywhere: an error.
        let mut whole = Vec::new();
        valid_start(&mut whole);
        valid_rest(&mut whole, 0);
        for cut in 0..whole.len() {
            assert!(table(|b| b.extend_from_slice(&whole[..cut])).is_err(), "cut at {cut}");
        }
    }
}
