//! [`IndexBuilder`]: documents in, the bytes of every index file out (no I/O).
//!
//! # Body layouts (format version 12; framing in `format.rs`)
//!
//! Terms are keyed `fold(word) ‖ 0x00 ‖ tones`, the marks the surface form adds to
//! the folded letters (layout in `key.rs`), so all tone variants of a folded word
//! are one contiguous key range, and numbered by key: the term ordinals 0, 1, 2, …
//! follow key order. The dictionary is split
//! in two by document frequency:
//!
//! **dict** (always fetched) — the raw bytes of one `fst::Map` of the terms in at
//! least [`ROOT_MIN_DF`] documents: the terms prefix, typo and Telex expansion may
//! lead to. Value: the term ordinal. On news text about half the terms occur in
//! one article only (names, numbers, misspellings); they are not here but in
//! their postings shard, which a query fetches anyway when it finds them. A small
//! corpus, whose whole dictionary is at most [`WHOLE_DICT_BYTES`], keeps every
//! term in the root (and every shard's own dictionary is empty).
//!
//! **terms** (always fetched)
//! ```text
//! u32               term count T
//! u32               shard count S
//! S × u32           the first term ordinal of each postings shard (increasing, the first 0)
//! S × str           the key of that first term: which shard holds a key, before it is fetched
//! S × varint        the number of terms in each shard's own dictionary (0: nothing to look up)
//! T × varint        document frequency of each term, by ordinal
//! S × varint        the size of each shard's lists' gzip member in its postings pack
//! S × varint        the size of each shard's followers' gzip member (right after
//!                   its lists' member, in the same pack)
//! S × varint        the size of each shard's positions' gzip member (right after
//!                   its followers' member)
//! varint P, P × varint  the first shard of each postings pack (0, increasing)
//! ```
//!
//! **postings** (packs of up to about [`POSTINGS_PACK_BYTES`]; in each, the
//! shards one after another, each shard three framed files of its own, its lists
//! (kind postings), its followers (kind followers) and its positions (kind
//! positions), each one gzip member (a query of several words fetches a shard's
//! lists and followers, side by side, in one request); a
//! browser fetches one part of a shard by an HTTP range request, its place known
//! from the sizes in the terms file). A shard holds consecutive term ordinals,
//! about [`POSTINGS_SHARD_BYTES`] of lists and positions together (a term's list
//! is never split). The body of a shard's lists:
//! ```text
//! u32               first term ordinal f
//! u32               term count n
//! u32               byte length r of the shard's dictionary
//! r bytes           `fst::Map` of the shard's terms that are not in the root
//!                   dictionary (key → ordinal, within f..f+n)
//! n × u32           end offset of each term's entries (from the start of data)
//! data              per term f..f+n, per document in increasing id order:
//!                     varint doc-id delta (the first is the id itself)
//!                     varint t << 1 | h: term frequency t, h = 1 when in the title
//!                     varint title frequency (only when h = 1)
//! ```
//! The body of a shard's positions:
//! ```text
//! u32               first term ordinal f
//! u32               term count n
//! n × u32           end offset of each term's positions (from the start of data)
//! data              per term f..f+n, per document in the order of its entries:
//!                     t × varint position delta (the first is the position itself)
//! ```
//! The body of a shard's followers (which terms stand right after each of its
//! terms, and where):
//! ```text
//! u32               first term ordinal f
//! u32               term count n
//! n × u32           end offset of each term's followers (from the start of data)
//! data              per term f..f+n:
//!                     varint F, the number of terms that follow it somewhere
//!                     F × (varint ordinal delta (the first is the ordinal itself),
//!                          varint c, the number of documents where it follows)
//!                     per follower in that order, c × varint document delta
//!                       (the first is the document itself)
//! ```
//! A term `b` follows `a` in a document when `b` is at position `p + 1` for some
//! position `p` of `a`: what positions would tell, without them. A query of
//! several words reads the followers of every word but the last, for the
//! adjacency of its words (ranking) and the pair counts of its corrections
//! (`search/context.rs`), and so fetches no position unless it has a phrase, a
//! field, an exclusion, or a word that may be two syllables typed without the
//! space.
//!
//! Positions are apart from the documents and frequencies, so that a query that
//! ranks a lone word (`người`, or `t` while typing) neither reads nor fetches a
//! position; a document's positions are found by skipping the earlier
//! documents' (`t` varints each).
//! Positions count words: the title's words are positions `0..t`, the body's start
//! at `t + 1` (the gap keeps a phrase from spanning title and body), and after the
//! body come the metadata values (author, source, category, places, people,
//! references), each after a gap of one position. Inside a text, the end of a
//! sentence or clause is a gap of one position too ([`crate::analysis::tokens`]).
//! Which of a document's occurrences are in its title is known from its entry
//! alone: its first `title` positions (the table does not store `t`).
//!
//! **docs** (by column: a column of small numbers compresses far better than
//! rows of mixed fields)
//! ```text
//! varint document count D,
//! varint store pack count P, P × varint the first document of each pack (0, increasing),
//! D × front-coded id                   (varint bytes shared with the previous id, str the rest)
//! D × byte length_code(t + body words) (the length for BM25), D × varint store slot units,
//! values column: date (ISO YYYY-MM-DD), author, source, category (one value or none each)
//! D × front-coded url (empty: unknown)
//! values column: places, people, document references
//! ```
//! where `str` is a varint byte length and UTF-8 bytes, and a values column is
//! `varint V, V × str` its distinct values in order of first use, then per
//! document `varint n, n × varint` the numbers of its values (n = 0: unknown).
//! The per-value document sets of the facets are derived from this table
//! when the index is opened (see `facets.rs`), so each fact is stored once. Titles
//! are not here but in the store, beside the text: a result list reads them from
//! the slots it fetches for its snippets, and the table every visitor loads stays
//! small (on 10,000 news articles, titles were three quarters of it).
//!
//! **store** (packs of up to about [`STORE_PACK_BYTES`], documents in id order;
//! a browser fetches one document's slot with an HTTP range request)
//! ```text
//! per document, a slot of (store slot units × STORE_ALIGN) bytes, the first at body offset 0:
//!     varint length m, m bytes: one gzip member of the record, zero bytes up to the slot's end
//! record (inside the gzip member): varint document number, str title, str body
//! ```
//! A slot's place is known from the document table alone: the slots of a pack's
//! documents follow one another from the start of its body (byte 8 of the file),
//! so a result needs one range request, and no table of offsets is fetched. The
//! sizes are in units of [`STORE_ALIGN`] bytes so that a size takes one byte in
//! the table for most articles. Each record is compressed on its own (the file is
//! stored as is, not gzipped again); gzip's own CRC checks a record fetched alone,
//! the file's CRC the whole pack. A pack is split before it would pass
//! [`STORE_PACK_BYTES`], so that no file exceeds what static hosts accept.
//!
//! Determinism: documents are ordered by id, terms by key, and nothing depends on
//! time or hash-map order, so the same corpus always gives byte-identical files.

use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

use super::doc_table::length_code;
use super::format::{frame, put_bytes, put_str, put_varint, Cursor, FileKind, FORMAT_VERSION};
use super::key::term_key;
use super::manifest::{FileEntry, Manifest, ManifestFiles, MANIFEST_FORMAT};
use crate::analysis::{normalize, tokens};
use crate::document::{days_from_iso, Document, Metadata};
use crate::hash::WordMap;
use crate::parallel::par_map;

/// Target size of one postings shard (lists and positions, uncompressed). A
/// query fetches the shards of its terms (in parallel, each part by a range
/// request), so smaller shards mean fewer bytes per query and a larger terms
/// file (about 14 bytes more per shard). Smaller is not better for typing: the
/// prefixes typed on the way to a word fetch the shards of its neighbours, so
/// that with 32 KB shards the shards of the finished word are mostly there when
/// it is complete. Measured on the 10k bench corpus, typing `dai hoi dang bo
/// tinh nhiem ky moi` at 60 ms a key, the last answer came 12 ms after the last
/// key with 32 KB shards, 50-62 ms with 16 KB and 117-507 ms with 8 KB, although
/// 8 KB shards fetched 28 % fewer postings bytes over the bench's 28 queries.
pub const POSTINGS_SHARD_BYTES: usize = 32 * 1024;

/// Most bytes in one postings pack (compressed shards); as for store packs, it
/// only bounds the size of a file.
pub const POSTINGS_PACK_BYTES: usize = 16 * 1024 * 1024;

/// Terms in at least this many documents are in the root dictionary, which every
/// visitor fetches; the others only in their postings shard's dictionary. A word
/// seen in one article is found when typed in full (its shard is fetched), but is
/// never the target of a completion, a typo correction or a Telex reading.
pub const ROOT_MIN_DF: u32 = 2;

/// A dictionary of at most this many bytes stays whole in the root: on a small
/// corpus most words are in one article, and completing them as they are typed
/// matters more than these few kilobytes.
pub const WHOLE_DICT_BYTES: usize = 64 * 1024;

/// Most bytes in one store pack (compressed text): a browser fetches one
/// document's slot out of it, so its size costs nothing per query; it only
/// bounds the file size (some static hosts refuse files over 25 MiB).
pub const STORE_PACK_BYTES: usize = 16 * 1024 * 1024;

/// A store slot's size is a multiple of this many bytes (see the layout above).
pub const STORE_ALIGN: usize = 64;

/// One built binary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// Content-hashed file name, e.g. `dict.1a2b3c4d5e6f7a8b.bin`.
    pub name: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
}

/// The result of [`IndexBuilder::build`]: the manifest and the files it names.
#[derive(Debug, Clone)]
pub struct BuiltIndex {
    pub manifest: Manifest,
    /// In manifest order: dict, terms, docs, postings shards, store packs.
    pub files: Vec<IndexFile>,
}

/// Collects documents and writes the index files.
#[derive(Debug)]
pub struct IndexBuilder {
    docs: Vec<Document>,
    shard_bytes: usize,
    whole_dict_bytes: usize,
    pack_bytes: usize,
    threads: usize,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder {
            docs: Vec::new(),
            shard_bytes: POSTINGS_SHARD_BYTES,
            whole_dict_bytes: WHOLE_DICT_BYTES,
            pack_bytes: STORE_PACK_BYTES,
            threads: default_threads(),
        }
    }
}

/// The threads that analyse documents: one per core (one in the browser).
fn default_threads() -> usize {
    if cfg!(target_arch = "wasm32") {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// One term's postings, encoded as they are added (each document's entry
/// followed by its positions; [`split_list`] makes the shard layout above), so
/// that the build holds compact bytes rather than a vector per document.
#[derive(Default)]
struct TermPostings {
    /// Documents added so far.
    df: u32,
    last_doc: u32,
    data: Vec<u8>,
    /// The terms that follow this one, as added: per document where some do,
    /// `varint document delta, varint k, k × varint slot delta` (slots number
    /// terms as they are first met, increasing here; [`encode_followers`] makes
    /// them ordinals). Grouped by document and delta-coded, as there are tens
    /// of millions of them at 100,000 articles.
    followers: Vec<u8>,
    follower_docs: u32,
    last_followed: u32,
}

impl TermPostings {
    /// Adds document `doc` (greater than any added before) with its positions,
    /// of which those below `title_words` are in its title. Kept as one stream
    /// per term (a document's entry, then its positions) while building;
    /// [`split_list`] puts the positions apart when the shard is written.
    fn push(&mut self, doc: u32, positions: &[u32], title_words: u32) {
        put_varint(&mut self.data, u64::from(if self.df == 0 { doc } else { doc - self.last_doc }));
        let title = positions.partition_point(|&p| p < title_words) as u64;
        put_varint(&mut self.data, (positions.len() as u64) << 1 | u64::from(title > 0));
        if title > 0 {
            put_varint(&mut self.data, title);
        }
        let mut prev = 0;
        for (j, &p) in positions.iter().enumerate() {
            put_varint(&mut self.data, u64::from(if j == 0 { p } else { p - prev }));
            prev = p;
        }
        self.df += 1;
        self.last_doc = doc;
    }

    /// Notes that the terms of slots `followers` (increasing, each once) stand
    /// right after this one in document `doc` (documents added in increasing
    /// order).
    fn followed_by(&mut self, doc: u32, followers: &[usize]) {
        put_varint(&mut self.followers, u64::from(doc - self.last_followed));
        put_varint(&mut self.followers, followers.len() as u64);
        let mut prev = 0;
        for &f in followers {
            put_varint(&mut self.followers, (f - prev) as u64);
            prev = f;
        }
        self.last_followed = doc;
        self.follower_docs += 1;
    }
}

/// Documents analysed at a time (split across the threads). Two batches are
/// alive at once (one analysed while the other's terms are added), about 30 KB
/// a document.
const ANALYSIS_BATCH: usize = 256;

/// One document's terms (key → positions, increasing), the pairs of them that
/// stand side by side (indices into `terms`, each pair once, in order), and its
/// lengths (title positions, body words).
struct Analysed {
    terms: Vec<(Vec<u8>, Vec<u32>)>,
    pairs: Vec<(u32, u32)>,
    lengths: (u32, u32),
}

/// Analyses one document: every field's words at their positions.
fn analyse(doc: &Document) -> Analysed {
    let mut terms = DocTerms::default();
    // The title's span bounds its positions; the body's word count is its length
    // for BM25 (gaps are not words).
    let (title_words, _) = terms.add_field(&doc.title, 0);
    let (body_span, body_words) = terms.add_field(&doc.body, title_words + 1);
    // Metadata values are searchable too (a byline's organisation, a place only
    // named in a dropped banner), each after a gap so that no phrase spans two.
    let mut next = title_words + 1 + body_span + 1;
    let m = &doc.meta;
    let singles = [&m.author, &m.source, &m.category].into_iter().flatten();
    for value in singles.chain(m.places.iter()).chain(m.people.iter()).chain(m.doc_refs.iter()) {
        next += terms.add_field(value, next).0 + 1;
    }
    let pairs = adjacent_pairs(&terms.terms);
    Analysed { terms: terms.terms, pairs, lengths: (title_words, body_words) }
}

/// The pairs of terms at consecutive positions (`a` at `p`, `b` at `p + 1`), as
/// indices into `terms`, each pair once, sorted.
fn adjacent_pairs(terms: &[(Vec<u8>, Vec<u32>)]) -> Vec<(u32, u32)> {
    let mut at: Vec<(u32, u32)> =
        terms.iter().enumerate().flat_map(|(t, (_, ps))| ps.iter().map(move |&p| (p, t as u32))).collect();
    at.sort_unstable();
    let mut pairs: Vec<(u32, u32)> = at.windows(2).filter(|w| w[1].0 == w[0].0 + 1).map(|w| (w[0].1, w[1].1)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A document's terms with their positions, as its fields are added.
#[derive(Default)]
struct DocTerms<'a> {
    /// Each word as written → its term in `terms` (`None`: a word not indexed).
    /// An article repeats most of its words: each is analysed once.
    written: WordMap<&'a str, Option<usize>>,
    /// A term's key → its place in `terms`.
    keys: WordMap<Vec<u8>, usize>,
    terms: Vec<(Vec<u8>, Vec<u32>)>,
}

impl<'a> DocTerms<'a> {
    /// Adds a field's words at positions starting from `first_position`; returns
    /// the positions the field takes (its words, and a gap at each sentence or
    /// clause end) and its number of words.
    fn add_field(&mut self, text: &'a str, first_position: u32) -> (u32, u32) {
        let (mut span, mut words) = (0, 0);
        for token in tokens(text) {
            span = token.position + 1;
            words += 1;
            let term = match self.written.get(token.text) {
                Some(&term) => term,
                None => {
                    let term = term_key(token.text).map(|key| {
                        let next = self.terms.len();
                        let at = *self.keys.entry(key.clone()).or_insert(next);
                        if at == next {
                            self.terms.push((key, Vec::new()));
                        }
                        at
                    });
                    self.written.insert(token.text, term);
                    term
                }
            };
            if let Some(t) = term {
                self.terms[t].1.push(first_position + token.position);
            }
        }
        (span, words)
    }
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the target size of a postings shard (default [`POSTINGS_SHARD_BYTES`]);
    /// small shards let tests exercise many shards with a small corpus.
    pub fn shard_bytes(mut self, bytes: usize) -> Self {
        self.shard_bytes = bytes.max(1);
        self
    }

    /// Sets the size up to which the whole dictionary stays in the root (default
    /// [`WHOLE_DICT_BYTES`]); 0 splits it whatever its size, so that tests can
    /// exercise the shards' own dictionaries with a small corpus.
    pub fn whole_dict_bytes(mut self, bytes: usize) -> Self {
        self.whole_dict_bytes = bytes;
        self
    }

    /// Sets the most bytes of a store pack (default [`STORE_PACK_BYTES`]); small
    /// packs let tests exercise many packs with a small corpus. A document's slot
    /// is never split: one larger than this is a pack on its own.
    pub fn store_pack_bytes(mut self, bytes: usize) -> Self {
        self.pack_bytes = bytes.max(1);
        self
    }

    /// Sets how many threads analyse documents (default: one per core). The
    /// index is byte for byte the same whatever the number.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads.max(1);
        self
    }

    /// Adds a document. Order does not matter: documents are sorted by id at build.
    pub fn add(&mut self, doc: Document) {
        self.docs.push(doc);
    }

    /// The documents added so far, in the order they were added.
    pub fn documents(&self) -> &[Document] {
        &self.docs
    }

    /// Number of documents added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Writes every file. `progress` is called with (documents analysed, total).
    pub fn build_with_progress(self, progress: impl FnMut(usize, usize)) -> BuiltIndex {
        let mut files = Vec::new();
        let manifest = self
            .build_into(
                |f| {
                    files.push(f);
                    Ok::<(), std::convert::Infallible>(())
                },
                progress,
            )
            .unwrap_or_else(|never| match never {});
        // In manifest order: dict, terms, docs, postings shards, store packs.
        let rank = |f: &IndexFile| match f.kind {
            FileKind::Dict => 0,
            FileKind::Terms => 1,
            FileKind::Docs => 2,
            // (Positions and followers are inside postings packs, never a file
            // of their own.)
            FileKind::Postings | FileKind::Positions | FileKind::Followers => 3,
            FileKind::Store => 4,
        };
        files.sort_by_key(rank); // stable: shards and packs keep their order
        BuiltIndex { manifest, files }
    }

    /// Builds the index and hands each file to `sink` as soon as it is made, so
    /// that the caller can write it and the build never holds the whole index:
    /// store packs as the documents are analysed, each document's text dropped
    /// once it is in one, then postings shards made and handed over one by one
    /// (then the terms are dropped). Returns the manifest (write it last).
    /// `progress` is called with (documents analysed, total).
    pub fn build_into<E>(
        mut self,
        mut sink: impl FnMut(IndexFile) -> Result<(), E>,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Manifest, E> {
        self.docs.sort_by(|a, b| a.id.cmp(&b.id));
        let mut docs: Vec<Document> = self
            .docs
            .into_iter()
            .map(|d| Document {
                title: normalize(d.title.trim()).into_owned(),
                body: normalize(&d.body).into_owned(),
                id: d.id,
                meta: normalize_meta(d.meta),
            })
            .collect();

        // Documents are analysed in batches on every core; their terms are added
        // in document order (so the bytes do not depend on the number of threads),
        // one batch while the next is analysed.
        // Each term's postings, found by a hash of its key: this loop is the one
        // part of the analysis on a single thread, and a lookup in a map ordered by
        // key compared about seventeen keys (160,000 terms at 100,000 generated
        // articles). The terms are put in key order once, after the last document.
        let mut slot_of: WordMap<Vec<u8>, usize> = WordMap::default();
        let mut postings_of: Vec<TermPostings> = Vec::new();
        let mut lengths: Vec<(u32, u32)> = Vec::with_capacity(docs.len());
        let total = docs.len();
        let threads = self.threads.max(1);
        let mut add = |analysed: Vec<Analysed>| {
            let (mut slots, mut after) = (Vec::new(), Vec::new());
            for a in analysed {
                let doc_id = lengths.len() as u32;
                slots.clear();
                for (key, positions) in a.terms {
                    let slot = *slot_of.entry(key).or_insert_with(|| {
                        postings_of.push(TermPostings::default());
                        postings_of.len() - 1
                    });
                    postings_of[slot].push(doc_id, &positions, a.lengths.0);
                    slots.push(slot);
                }
                // The pairs come sorted by their first term: each term's followers
                // in this document are one run.
                for run in a.pairs.chunk_by(|p, q| p.0 == q.0) {
                    after.clear();
                    after.extend(run.iter().map(|&(_, y)| slots[y as usize]));
                    after.sort_unstable();
                    postings_of[slots[run[0].0 as usize]].followed_by(doc_id, &after);
                }
                lengths.push(a.lengths);
                progress(doc_id as usize + 1, total);
            }
        };
        let entry = |f: &IndexFile| FileEntry { path: f.name.clone(), bytes: f.bytes.len() as u64 };
        let mut emit = |kind: FileKind, body: &[u8], entries: &mut Vec<FileEntry>| -> Result<(), E> {
            let file = named(kind, frame(kind, body));
            entries.push(entry(&file));
            sink(file)
        };
        // The store is written as the documents are analysed: a batch's texts
        // are packed (and dropped) once its terms are added, so that the build
        // never holds every article's text beside every term's postings.
        let mut store = Vec::new();
        let mut writer = StoreWriter::new(self.pack_bytes);
        let mut previous: Vec<Analysed> = Vec::new();
        let mut start = 0;
        while start < docs.len() {
            let end = (start + ANALYSIS_BATCH).min(docs.len());
            let done = std::mem::take(&mut previous);
            let (head, tail) = docs.split_at_mut(start);
            let (batch, analysed) = (&tail[..end - start], &mut head[writer.stored..]);
            let stored;
            (previous, stored) = if threads == 1 {
                add(done);
                let stored = writer.add(analysed, 1, |pack| emit(FileKind::Store, &pack, &mut store));
                (batch.iter().map(analyse).collect(), stored)
            } else {
                std::thread::scope(|scope| {
                    let next = scope.spawn(|| par_map(batch, threads, analyse));
                    add(done);
                    let stored = writer.add(analysed, threads, |pack| emit(FileKind::Store, &pack, &mut store));
                    (next.join().expect("an analysis thread panicked"), stored)
                })
            };
            stored?;
            start = end;
        }
        add(previous);
        let rest = &mut docs[writer.stored..];
        writer.add(rest, threads, |pack| emit(FileKind::Store, &pack, &mut store))?;
        // Terms in key order; a slot's ordinal is its place in that order.
        let mut keyed: Vec<(Vec<u8>, usize)> = slot_of.into_iter().collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut ordinal_of_slot = vec![0u32; postings_of.len()];
        for (ordinal, (_, slot)) in keyed.iter().enumerate() {
            ordinal_of_slot[*slot] = ordinal as u32;
        }
        let terms: BTreeMap<Vec<u8>, TermPostings> =
            keyed.into_iter().map(|(key, slot)| (key, std::mem::take(&mut postings_of[slot]))).collect();
        drop(postings_of);

        let whole = build_dict(&terms, |_| true);
        let split = whole.len() > self.whole_dict_bytes;
        let in_root = |p: &TermPostings| !split || p.df >= ROOT_MIN_DF;
        let dict = if split { build_dict(&terms, in_root) } else { whole };
        let mut root = Vec::with_capacity(3);
        emit(FileKind::Dict, &dict, &mut root)?;
        drop(dict);
        let term_count = terms.len() as u32;
        let mut postings = Vec::new();
        let mut packer = ShardPacker::new(self.pack_bytes.min(POSTINGS_PACK_BYTES), threads);
        let mut terms_body =
            build_postings(&terms, &ordinal_of_slot, self.shard_bytes, in_root, |lists, positions, followers| {
                // In the pack in this order (see the layout above).
                let shard = [
                    frame(FileKind::Postings, &lists),
                    frame(FileKind::Followers, &followers),
                    frame(FileKind::Positions, &positions),
                ];
                packer.add(shard, |pack| emit(FileKind::Postings, &pack, &mut postings))
            })?;
        packer.finish(&mut terms_body, |pack| emit(FileKind::Postings, &pack, &mut postings))?;
        drop(terms);
        let slots = writer.finish(|pack| emit(FileKind::Store, &pack, &mut store))?;
        let docs_body = build_docs(&docs, &lengths, &slots);
        emit(FileKind::Terms, &terms_body, &mut root)?;
        emit(FileKind::Docs, &docs_body, &mut root)?;

        Ok(Manifest {
            format: MANIFEST_FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            documents: docs.len() as u32,
            terms: term_count,
            files: ManifestFiles {
                dict: root[0].clone(),
                terms: root[1].clone(),
                docs: root[2].clone(),
                postings,
                store,
            },
        })
    }

    /// Writes every file.
    pub fn build(self) -> BuiltIndex {
        self.build_with_progress(|_, _| {})
    }
}

/// An fst map of `(key, ordinal)`, keys in increasing order.
fn fst_map<'a>(entries: impl Iterator<Item = (&'a [u8], u64)>) -> Vec<u8> {
    let mut builder = fst::MapBuilder::memory();
    for (key, ordinal) in entries {
        builder.insert(key, ordinal).expect("keys are inserted in sorted order");
    }
    builder.into_inner().expect("in-memory fst cannot fail")
}

/// The root dictionary: the terms `in_root` takes.
fn build_dict(terms: &BTreeMap<Vec<u8>, TermPostings>, in_root: impl Fn(&TermPostings) -> bool) -> Vec<u8> {
    fst_map(terms.iter().enumerate().filter(|(_, (_, p))| in_root(p)).map(|(o, (k, _))| (k.as_slice(), o as u64)))
}

/// The `terms` body and the postings shards (layouts above), each handed to
/// `emit` as the bodies of its lists, of its positions and of its followers;
/// each shard's own dictionary has its terms that `in_root` leaves out of the
/// root. `ordinal_of_slot` numbers the followers as the build first met them.
fn build_postings<E>(
    terms: &BTreeMap<Vec<u8>, TermPostings>,
    ordinal_of_slot: &[u32],
    shard_bytes: usize,
    in_root: impl Fn(&TermPostings) -> bool,
    mut emit: impl FnMut(Vec<u8>, Vec<u8>, Vec<u8>) -> Result<(), E>,
) -> Result<Vec<u8>, E> {
    // Each term's list, encoded as it was added.
    let lists: Vec<&[u8]> = terms.values().map(|p| p.data.as_slice()).collect();
    let keys: Vec<&Vec<u8>> = terms.keys().collect();
    let postings: Vec<&TermPostings> = terms.values().collect();
    // Consecutive terms fill a shard up to the target size.
    let mut firsts: Vec<u32> = Vec::new();
    let mut own_counts: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < lists.len() {
        let mut end = start;
        let mut size = 0;
        while end < lists.len() && (end == start || size + lists[end].len() + 4 <= shard_bytes) {
            size += lists[end].len() + 4;
            end += 1;
        }
        let own: Vec<usize> = (start..end).filter(|&o| !in_root(postings[o])).collect();
        let own_dict = fst_map(own.iter().map(|&o| (keys[o].as_slice(), o as u64)));
        own_counts.push(own.len());
        let mut body = Vec::with_capacity(12 + own_dict.len() + size);
        body.extend_from_slice(&(start as u32).to_le_bytes());
        body.extend_from_slice(&((end - start) as u32).to_le_bytes());
        body.extend_from_slice(&(own_dict.len() as u32).to_le_bytes());
        body.extend_from_slice(&own_dict);
        let split: Vec<(Vec<u8>, Vec<u8>)> = (start..end).map(|o| split_list(lists[o], postings[o].df)).collect();
        let mut positions = Vec::with_capacity(8 + split.iter().map(|(_, p)| p.len() + 4).sum::<usize>());
        positions.extend_from_slice(&(start as u32).to_le_bytes());
        positions.extend_from_slice(&((end - start) as u32).to_le_bytes());
        let (mut entries_end, mut positions_end) = (0u32, 0u32);
        for (entries, at) in &split {
            entries_end += entries.len() as u32;
            body.extend_from_slice(&entries_end.to_le_bytes());
            positions_end += at.len() as u32;
            positions.extend_from_slice(&positions_end.to_le_bytes());
        }
        for (entries, at) in &split {
            body.extend_from_slice(entries);
            positions.extend_from_slice(at);
        }
        let followed: Vec<Vec<u8>> = (start..end).map(|o| encode_followers(postings[o], ordinal_of_slot)).collect();
        let mut followers = Vec::with_capacity(8 + followed.iter().map(|f| f.len() + 4).sum::<usize>());
        followers.extend_from_slice(&(start as u32).to_le_bytes());
        followers.extend_from_slice(&((end - start) as u32).to_le_bytes());
        let mut followers_end = 0u32;
        for f in &followed {
            followers_end += f.len() as u32;
            followers.extend_from_slice(&followers_end.to_le_bytes());
        }
        for f in &followed {
            followers.extend_from_slice(f);
        }
        firsts.push(start as u32);
        emit(body, positions, followers)?;
        start = end;
    }
    let mut table = Vec::with_capacity(8 + firsts.len() * 4 + terms.len() * 2);
    table.extend_from_slice(&(terms.len() as u32).to_le_bytes());
    table.extend_from_slice(&(firsts.len() as u32).to_le_bytes());
    for first in &firsts {
        table.extend_from_slice(&first.to_le_bytes());
    }
    for &first in &firsts {
        put_bytes(&mut table, keys[first as usize]);
    }
    for &count in &own_counts {
        put_varint(&mut table, count as u64);
    }
    for postings in terms.values() {
        put_varint(&mut table, u64::from(postings.df));
    }
    Ok(table)
}

/// A term's followers as a shard holds them (layout above), from the pairs the
/// build noted as documents were added.
fn encode_followers(postings: &TermPostings, ordinal_of_slot: &[u32]) -> Vec<u8> {
    const OWN: &str = "the build's own followers";
    let mut c = Cursor::new(OWN, &postings.followers);
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut doc = 0u32;
    for _ in 0..postings.follower_docs {
        doc += c.varint32().expect(OWN);
        let mut slot = 0;
        for _ in 0..c.varint().expect(OWN) {
            slot += c.varint().expect(OWN) as usize;
            pairs.push((ordinal_of_slot[slot], doc));
        }
    }
    pairs.sort_unstable();
    let mut out = Vec::new();
    let mut runs: Vec<(u32, usize)> = Vec::new();
    for &(b, _) in &pairs {
        match runs.last_mut() {
            Some((last, n)) if *last == b => *n += 1,
            _ => runs.push((b, 1)),
        }
    }
    put_varint(&mut out, runs.len() as u64);
    let mut prev = 0;
    for &(b, n) in &runs {
        put_varint(&mut out, u64::from(b - prev));
        put_varint(&mut out, n as u64);
        prev = b;
    }
    let mut at = 0;
    for &(_, n) in &runs {
        let mut last = 0;
        for &(_, d) in &pairs[at..at + n] {
            put_varint(&mut out, u64::from(d - last));
            last = d;
        }
        at += n;
    }
    out
}

/// A term's list as a shard holds it: the documents' entries (gap, `tf << 1 | in
/// title`, title count if in title), and apart from them all their positions,
/// so that a reader that needs no position reads none. `data` is the build's
/// interleaved stream of `df` entries, each followed by its positions.
fn split_list(data: &[u8], df: u32) -> (Vec<u8>, Vec<u8>) {
    const OWN: &str = "the build's own postings";
    let mut entries = Vec::with_capacity(data.len() / 2);
    let mut positions = Vec::with_capacity(data.len());
    let mut c = Cursor::new(OWN, data);
    for _ in 0..df {
        let from = c.position();
        c.varint().expect(OWN);
        let tf = c.varint().expect(OWN);
        if tf & 1 == 1 {
            c.varint().expect(OWN);
        }
        entries.extend_from_slice(&data[from..c.position()]);
        let from = c.position();
        c.skip_varints((tf >> 1) as u32).expect(OWN);
        positions.extend_from_slice(&data[from..c.position()]);
    }
    debug_assert_eq!(c.position(), data.len(), "every entry read");
    (entries, positions)
}

/// Postings shards into packs: each framed part of a shard (its lists, its
/// followers, its positions) compressed to one gzip member (a batch at a time, on the build's
/// threads), the three appended in order, together; a pack is handed over before
/// it would pass its limit. Records the sizes the terms file gives, so that a
/// reader finds each part's byte range.
struct ShardPacker {
    threads: usize,
    batch: Vec<[Vec<u8>; 3]>,
    packs: Packs,
    /// Per shard, the size of the gzip member of its lists, of its followers and
    /// of its positions (their order in the pack).
    member: Vec<[u32; 3]>,
}

/// Parts (shards or slots) appended to packs in order: a pack is handed over
/// before a part would take it past `limit` (a larger part is a pack of its own).
struct Packs {
    limit: usize,
    pack: Vec<u8>,
    parts: u32,
    /// The first part of each pack.
    first: Vec<u32>,
}

impl Packs {
    fn new(limit: usize) -> Self {
        Packs { limit, pack: Vec::new(), parts: 0, first: Vec::new() }
    }

    fn push<E>(&mut self, part: &[u8], mut emit: impl FnMut(Vec<u8>) -> Result<(), E>) -> Result<(), E> {
        if self.parts == 0 || (!self.pack.is_empty() && self.pack.len() + part.len() > self.limit) {
            if self.parts > 0 {
                emit(std::mem::take(&mut self.pack))?;
            }
            self.first.push(self.parts);
        }
        self.pack.extend_from_slice(part);
        self.parts += 1;
        Ok(())
    }

    /// Hands over the last pack; returns the first part of each pack.
    fn finish<E>(mut self, mut emit: impl FnMut(Vec<u8>) -> Result<(), E>) -> Result<Vec<u32>, E> {
        if self.parts > 0 {
            emit(std::mem::take(&mut self.pack))?;
        }
        Ok(self.first)
    }
}

impl ShardPacker {
    fn new(limit: usize, threads: usize) -> Self {
        ShardPacker { threads, batch: Vec::new(), packs: Packs::new(limit), member: Vec::new() }
    }

    fn add<E>(&mut self, shard: [Vec<u8>; 3], emit: impl FnMut(Vec<u8>) -> Result<(), E>) -> Result<(), E> {
        self.batch.push(shard);
        if self.batch.len() >= self.threads * 4 {
            self.flush(emit)?;
        }
        Ok(())
    }

    fn flush<E>(&mut self, mut emit: impl FnMut(Vec<u8>) -> Result<(), E>) -> Result<(), E> {
        let batch = std::mem::take(&mut self.batch);
        let parts: Vec<&Vec<u8>> = batch.iter().flatten().collect();
        let members = par_map(&parts, self.threads, |b| gzip(b));
        for member in members.chunks_exact(3) {
            self.packs.push(&member.concat(), &mut emit)?;
            self.member.push([member[0].len() as u32, member[1].len() as u32, member[2].len() as u32]);
        }
        Ok(())
    }

    /// Hands over the last pack and appends the sizes to the terms body.
    fn finish<E>(mut self, table: &mut Vec<u8>, mut emit: impl FnMut(Vec<u8>) -> Result<(), E>) -> Result<(), E> {
        self.flush(&mut emit)?;
        let first = self.packs.finish(emit)?;
        for part in 0..3 {
            for &n in self.member.iter().map(|sizes| &sizes[part]) {
                put_varint(table, u64::from(n));
            }
        }
        put_varint(table, first.len() as u64);
        for &f in &first {
            put_varint(table, u64::from(f));
        }
        Ok(())
    }
}

/// The gzip level of pack members (shards and slots). Measured on 10,000 generated
/// articles: level 9 saved 97 bytes of 27 MB of packs over level 6, and its build
/// took 9.1 s against 7.4 s.
const PACK_GZIP_LEVEL: u32 = 6;

/// `bytes` as one gzip member, the same bytes for the same input (no name, no
/// time in the header).
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::new(PACK_GZIP_LEVEL));
    gz.write_all(bytes).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// Where the store put the documents: the first document of each pack, and each
/// document's slot size in [`STORE_ALIGN`] units.
struct Slots {
    pack_first: Vec<u32>,
    units: Vec<u32>,
}

/// One document's slot: its record, gzip-compressed, behind its length and padded
/// to a multiple of [`STORE_ALIGN`] (layout above).
fn store_slot(number: u32, doc: &Document) -> Vec<u8> {
    let mut record = Vec::with_capacity(doc.title.len() + doc.body.len() + 16);
    put_varint(&mut record, u64::from(number));
    put_str(&mut record, &doc.title);
    put_str(&mut record, &doc.body);
    let member = gzip(&record);
    let mut slot = Vec::with_capacity(member.len() + STORE_ALIGN + 4);
    put_varint(&mut slot, member.len() as u64);
    slot.extend_from_slice(&member);
    slot.resize(slot.len().next_multiple_of(STORE_ALIGN), 0);
    slot
}

/// The store packs, written as documents come: each batch's slots compressed
/// on the build's threads, appended in document order, each document's text
/// dropped once it is in a pack.
struct StoreWriter {
    packs: Packs,
    units: Vec<u32>,
    /// Documents stored so far (the next one's number).
    stored: usize,
}

impl StoreWriter {
    fn new(pack_bytes: usize) -> Self {
        StoreWriter { packs: Packs::new(pack_bytes), units: Vec::new(), stored: 0 }
    }

    /// Stores `docs`, the next documents in order, and empties their text.
    fn add<E>(
        &mut self,
        docs: &mut [Document],
        threads: usize,
        mut emit: impl FnMut(Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        let first = self.stored as u32;
        let numbered: Vec<(u32, &Document)> = docs.iter().enumerate().map(|(j, d)| (first + j as u32, d)).collect();
        let compressed = par_map(&numbered, threads, |&(number, d)| store_slot(number, d));
        for (slot, doc) in compressed.into_iter().zip(docs.iter_mut()) {
            self.packs.push(&slot, &mut emit)?;
            self.units.push((slot.len() / STORE_ALIGN) as u32);
            doc.title = String::new();
            doc.body = String::new();
        }
        self.stored += docs.len();
        Ok(())
    }

    /// Hands over the last pack: where the store put the documents.
    fn finish<E>(self, emit: impl FnMut(Vec<u8>) -> Result<(), E>) -> Result<Slots, E> {
        Ok(Slots { pack_first: self.packs.finish(emit)?, units: self.units })
    }
}

fn build_docs(docs: &[Document], lengths: &[(u32, u32)], slots: &Slots) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, docs.len() as u64);
    put_varint(&mut out, slots.pack_first.len() as u64);
    for &first in &slots.pack_first {
        put_varint(&mut out, u64::from(first));
    }
    put_front_coded(&mut out, docs.iter().map(|d| d.id.as_str()));
    out.extend(lengths.iter().map(|&(title, body)| length_code(title.saturating_add(body))));
    for &units in &slots.units {
        put_varint(&mut out, u64::from(units));
    }
    let meta = |f: fn(&Metadata) -> &Option<String>| docs.iter().map(move |d| f(&d.meta).as_deref());
    for column in [meta(|m| &m.date), meta(|m| &m.author), meta(|m| &m.source), meta(|m| &m.category)] {
        put_values(&mut out, column.map(|v| v.into_iter().collect::<Vec<_>>()));
    }
    put_front_coded(&mut out, meta(|m| &m.url).map(|u| u.unwrap_or("")));
    let lists =
        |f: fn(&Metadata) -> &Vec<String>| docs.iter().map(move |d| f(&d.meta).iter().map(|v| v.as_str()).collect());
    for column in [lists(|m| &m.places), lists(|m| &m.people), lists(|m| &m.doc_refs)] {
        put_values(&mut out, column);
    }
    out
}

/// A column of strings, each as the length of the prefix it shares with the one
/// before (in bytes, at a character boundary) and the rest: ids and addresses
/// in corpus order share long prefixes.
fn put_front_coded<'a>(out: &mut Vec<u8>, values: impl Iterator<Item = &'a str>) {
    let mut prev = "";
    for v in values {
        let mut shared = v.bytes().zip(prev.bytes()).take_while(|(a, b)| a == b).count();
        while !v.is_char_boundary(shared) {
            shared -= 1;
        }
        put_varint(out, shared as u64);
        put_str(out, &v[shared..]);
        prev = v;
    }
}

/// A column of value lists (a field with one value or none is a list of at most
/// one): the distinct values in order of first use, then per document the
/// number of its values and each one's number in that order.
fn put_values<'a>(out: &mut Vec<u8>, column: impl Iterator<Item = Vec<&'a str>>) {
    let column: Vec<Vec<&str>> = column.collect();
    let mut number: HashMap<&str, u64> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    for &v in column.iter().flatten() {
        number.entry(v).or_insert_with(|| {
            distinct.push(v);
            distinct.len() as u64 - 1
        });
    }
    put_varint(out, distinct.len() as u64);
    for v in &distinct {
        put_str(out, v);
    }
    for values in &column {
        put_varint(out, values.len() as u64);
        for v in values {
            put_varint(out, number[v]);
        }
    }
}

/// Metadata as stored: NFC, trimmed, empty values dropped, a date only if valid ISO.
fn normalize_meta(m: Metadata) -> Metadata {
    let one = |v: Option<String>| v.map(|s| normalize(s.trim()).into_owned()).filter(|s| !s.is_empty());
    let many = |v: Vec<String>| {
        let mut out: Vec<String> = Vec::new();
        for s in v.into_iter().map(|s| normalize(s.trim()).into_owned()).filter(|s| !s.is_empty()) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    };
    Metadata {
        date: one(m.date).filter(|d| days_from_iso(d).is_some()),
        author: one(m.author),
        source: one(m.source),
        category: one(m.category),
        url: one(m.url),
        places: many(m.places),
        people: many(m.people),
        doc_refs: many(m.doc_refs),
    }
}

fn named(kind: FileKind, bytes: Vec<u8>) -> IndexFile {
    let digest = Sha256::digest(&bytes);
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    IndexFile { name: format!("{}.{hash}.bin", kind.name()), kind, bytes }
}
