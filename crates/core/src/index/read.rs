//! [`Index`]: opens the bytes written by [`super::IndexBuilder`] (layouts in
//! `build.rs`) and gives the search code terms, postings, documents and text.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use fst::{IntoStreamer, Map, Streamer};

use super::build::{BuiltIndex, IndexFile, ROOT_MIN_DF, STORE_ALIGN};
use super::crc;
use super::doc_table::{decode_docs, DocColumns, DocMeta, DocTable};
use super::facets::FacetIndex;
use super::format::{check_crc, check_header, Cursor, FileKind, FOOTER_LEN, HEADER_LEN};
use super::manifest::{FileEntry, Manifest};
use crate::error::{Error, ErrorKind, Result};
use crate::search::Tokenized;
use crate::small_sort::sort_dedup;

/// The parts of a postings shard by number (as `Index::shard_range` keeps
/// them): each one's kind and its name in messages.
const SHARD_PARTS: [(FileKind, &str); 3] =
    [(FileKind::Postings, "lists"), (FileKind::Positions, "positions"), (FileKind::Followers, "followers")];

/// A byte buffer and the range of it that is a file's body (shared, never copied).
#[derive(Clone)]
pub(crate) struct Body {
    bytes: Arc<[u8]>,
    start: usize,
    end: usize,
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[self.start..self.end]
    }
}

/// Term statistics from the `terms` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInfo {
    /// Number of documents containing the term.
    pub doc_freq: u32,
    /// The postings shard holding the term's list (see [`Index::shard_range`]).
    pub shard: usize,
}

/// A postings shard's lists that have been added: the documents and
/// frequencies of terms `first..first + ends.len()`.
#[derive(Clone)]
struct Shard {
    /// The shard's terms that are not in the root dictionary.
    own_dict: Map<Body>,
    first: u32,
    terms: TermData,
}

/// Per-term byte ranges of a shard's part (its lists or its positions): term
/// `first + k` is `body[data_start + ends[k - 1]..data_start + ends[k]]` (body
/// offsets).
#[derive(Clone)]
struct TermData {
    body: Body,
    ends: Vec<u32>,
    data_start: usize,
}

impl TermData {
    /// The bytes of the `k`-th term (`None` past the table, or outside the body).
    fn get(&self, k: usize) -> Option<&[u8]> {
        let start = self.data_start + if k == 0 { 0 } else { *self.ends.get(k - 1)? as usize };
        let end = self.data_start + *self.ends.get(k)? as usize;
        self.body.as_ref().get(start..end)
    }
}

/// Documents whose analysed body [`Index`] keeps for snippets (about 16 bytes
/// per word: a few MB for news articles).
const TOKENIZED_KEPT: usize = 512;

/// A document's stored text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDoc {
    pub title: String,
    pub body: String,
}

/// A stored text's title and body, analysed ([`Index::text_tokens`]).
#[derive(Debug)]
pub(crate) struct TextTokens {
    pub title: Tokenized,
    pub body: Tokenized,
}

/// A term's postings, flat: document `docs[i]` has positions
/// `pos[offs[i]..offs[i + 1]]`, increasing, the first `title[i]` of them in
/// its title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlatPostings {
    pub docs: Vec<u32>,
    pub offs: Vec<u32>,
    pub pos: Vec<u32>,
    pub title: Vec<u32>,
}

impl FlatPostings {
    /// Positions of the `i`-th document.
    pub fn positions(&self, i: usize) -> &[u32] {
        &self.pos[self.offs[i] as usize..self.offs[i + 1] as usize]
    }
}

/// A term's documents, with how often it occurs in each (`tf`) and in its
/// title (`title`); [`Index::positions_at`] reads a document's positions.
#[derive(Debug, Clone, Default)]
pub struct DocCounts {
    pub docs: Vec<u32>,
    pub tf: Vec<u32>,
    pub title: Vec<u32>,
    /// Where each document's positions start in the term's, found when first
    /// asked for.
    at: std::sync::OnceLock<Vec<u32>>,
    ordinal: u64,
}

/// Decoded lists kept by term while they cost at most `limit` in all (then all
/// are let go; a list costing more than that is not kept): what
/// [`Index::doc_counts`] and [`Index::flat_postings`] keep.
#[derive(Debug)]
struct Kept<T> {
    /// The lists, and their cost in all.
    lists: Mutex<(HashMap<u64, Arc<T>>, usize)>,
    limit: usize,
}

impl<T> Kept<T> {
    fn new(limit: usize) -> Self {
        Kept { lists: Mutex::default(), limit }
    }

    /// Term `ordinal`'s list: the one kept, or `decode`d and kept if it costs
    /// (`cost`, plus [`LIST_COST`] for its own vectors and entry, so that many
    /// short lists are bounded too) little enough.
    fn get_or_decode(
        &self,
        ordinal: u64,
        decode: impl FnOnce() -> Result<T>,
        cost: impl FnOnce(&T) -> usize,
    ) -> Result<Arc<T>> {
        // A poisoned lock only means a panic elsewhere: the map is still sound.
        let lock = || self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(kept) = lock().0.get(&ordinal) {
            return Ok(kept.clone());
        }
        let list = decode()?;
        let cost = cost(&list) + LIST_COST;
        let list = Arc::new(list);
        if cost > self.limit {
            return Ok(list);
        }
        let mut kept = lock();
        if kept.1 + cost > self.limit {
            *kept = Default::default();
        }
        if kept.0.insert(ordinal, list.clone()).is_none() {
            kept.1 += cost;
        }
        Ok(list)
    }
}

/// The pairs of term sets whose counts [`Index::pair_count`] keeps.
const PAIRS_KEPT: usize = 4096;

/// The terms before and the terms after of a kept pair count (ordinals, sorted).
type PairKey = (Vec<u64>, Vec<u64>);

/// A kept pair count: the documents counted, and whether the count is all of
/// them (else it stopped at its limit, and there may be more).
#[derive(Debug, Clone, Copy)]
struct PairCount {
    docs: usize,
    exact: bool,
}

/// At most this many documents and positions are kept decoded by
/// [`Index::flat_postings`] (a document 8 bytes, a position 4): 8 MB at most.
const FLATS_KEPT: usize = 1 << 20;

/// At most this many postings are kept decoded (about 16 bytes each, with the
/// offsets of their positions once read): 32 MB. Room for the lists of the
/// longest common query, a first letter typed into 100,000 articles (`t`: 32
/// completions, 1.6 million postings), so that asking it again (a filter, a
/// page, the sort) decodes nothing: with half as much it was cleared on the way
/// and decoded every time (22 ms natively instead of 6).
const COUNTS_KEPT: usize = 1 << 21;

/// What a kept list costs besides its postings, in postings (about 160 bytes).
const LIST_COST: usize = 10;

/// One document's `tf` positions (gaps from the previous, the first from 0),
/// appended to `out`.
fn read_positions(c: &mut Cursor<'_>, tf: u32, out: &mut Vec<u32>) -> Result<()> {
    let mut p = 0u32;
    for j in 0..tf {
        let d = c.varint32()?;
        p = if j == 0 { d } else { p.saturating_add(d) };
        out.push(p);
    }
    Ok(())
}

/// A document's entry in a term's list: its term frequency, and how many of
/// its occurrences are in its title.
#[inline]
fn entry_counts(c: &mut Cursor<'_>) -> Result<(u32, u32)> {
    let v = c.varint32()?;
    let tf = v >> 1;
    let title = if v & 1 == 1 { c.varint32()? } else { 0 };
    if tf == 0 || title > tf || (v & 1 == 1 && title == 0) {
        return Err(Error::corrupt(c.file(), "bad term frequency in the postings"));
    }
    Ok((tf, title))
}

/// One document's occurrences of one term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    /// Word positions, increasing.
    pub positions: Vec<u32>,
}

/// An opened index. The root files (dict, terms, docs) are read at open; postings
/// shards and documents' text are added when a query or a shown result needs
/// them ([`Index::add_shard`]; [`Index::add_record`] for one document's slot,
/// fetched by range, or [`Index::add_store_pack`] for a whole pack).
pub struct Index {
    manifest: Manifest,
    dict: Map<Body>,
    dict_raw: Arc<[u8]>,
    terms_raw: Arc<[u8]>,
    /// Document frequency per term ordinal.
    dfs: Vec<u32>,
    /// First term ordinal of each shard.
    shard_first: Vec<u32>,
    /// Key of the first term of each shard.
    shard_first_key: Vec<Vec<u8>>,
    /// Number of terms in each shard's own dictionary.
    shard_own_terms: Vec<u32>,
    /// Where the gzip members of each shard's lists, of its positions and of its
    /// followers are in its postings pack file.
    shard_range: Vec<[std::ops::Range<u64>; 3]>,
    /// First shard of each postings pack.
    shard_pack_first: Vec<u32>,
    shards: Vec<Option<Shard>>,
    /// The positions of each shard, once added.
    positions: Vec<Option<TermData>>,
    /// The followers of each shard's terms, once added.
    followers: Vec<Option<TermData>>,
    /// The document table, once added (at open, or later by
    /// [`Index::add_docs`]).
    table: Option<DocState>,
    /// The text of the documents added so far.
    stored: HashMap<u32, StoredDoc>,
    /// The titles and bodies of shown documents, analysed once for their marks
    /// and snippets (at most [`TOKENIZED_KEPT`]; emptied when full).
    tokenized: Mutex<HashMap<u32, Arc<TextTokens>>>,
    /// The document lists of the terms searched lately, decoded once: typing
    /// adds a letter to a query whose other words are the same, and a word's
    /// positions are found in its list only once ([`Index::doc_counts`]).
    counts: Kept<DocCounts>,
    /// The postings with positions of the terms whose neighbours were looked at
    /// lately, decoded once ([`Index::flat_postings`]): typing a word after
    /// another reads the same lists at every letter.
    flats: Kept<FlatPostings>,
    /// How many documents hold one set of terms directly followed by another,
    /// as the context check counted them lately ([`Index::pair_count`]).
    pairs: Mutex<HashMap<PairKey, PairCount>>,
}

/// The document table and what is derived from it when it is added.
struct DocState {
    docs: DocColumns,
    docs_raw: Arc<[u8]>,
    avg_doc_words: f32,
    /// Per document, its length for BM25 (read from the table's one-byte codes
    /// once, here: ranking reads one per posting).
    lengths: Vec<u32>,
    /// First document of each store pack.
    pack_first: Vec<u32>,
    /// Where each document's slot starts in its pack file (bytes from the start
    /// of the file).
    slot_start: Vec<u64>,
    facets: FacetIndex,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("documents", &self.doc_count())
            .field("terms", &self.dfs.len())
            .field("postings_shards", &self.shards.len())
            .field("store_packs", &self.manifest.files.store.len())
            .finish()
    }
}

fn body(entry: &FileEntry, kind: FileKind, bytes: Arc<[u8]>) -> Result<Body> {
    let range = check_header(&entry.path, &bytes, kind, Some(entry.bytes))?;
    Ok(Body { bytes, start: range.start, end: range.end })
}

impl Index {
    /// Opens the root of an index: the dictionary, the terms file and the
    /// document table. Checks each file's header and size against the manifest
    /// (cheap) and decodes the tables; does not check CRCs (see [`Index::verify`]).
    /// Postings shards and stored text are added separately.
    pub fn open(manifest: Manifest, dict: Vec<u8>, terms: Vec<u8>, docs: Vec<u8>) -> Result<Index> {
        let mut index = Index::open_without_docs(manifest, dict, terms)?;
        index.add_docs(docs)?;
        Ok(index)
    }

    /// Opens the dictionary and the terms file alone: enough to plan queries
    /// ([`Index::plan`], [`Index::missing_shards`]) while the document table,
    /// the largest file of the root, is still on its way. Add it with
    /// [`Index::add_docs`] before running a plan or reading a document: until
    /// then those refuse ([`ErrorKind::NotLoaded`]) or find nothing.
    pub fn open_without_docs(manifest: Manifest, dict: Vec<u8>, terms: Vec<u8>) -> Result<Index> {
        let dict_raw: Arc<[u8]> = dict.into();
        let terms_raw: Arc<[u8]> = terms.into();
        let f = &manifest.files;
        let dict_body = body(&f.dict, FileKind::Dict, dict_raw.clone())?;
        // fst trusts its own bytes and panics on inconsistent ones: check its own
        // checksum (fst version 3 has one), so that a dictionary damaged before
        // its outer CRC was written is an error, not a panic while searching.
        crc::fst_checksum(dict_body.as_ref())
            .map_err(|e| Error::corrupt(&f.dict.path, format!("the dictionary fails its own check: {e}")))?;
        let dict = Map::new(dict_body).map_err(|e| Error::corrupt(&f.dict.path, e.to_string()))?;
        if dict.len() > manifest.terms as usize {
            return Err(Error::corrupt(
                &f.dict.path,
                format!("{} terms in the dictionary, {} in the whole index", dict.len(), manifest.terms),
            ));
        }
        let terms_body = body(&f.terms, FileKind::Terms, terms_raw.clone())?;
        let TermsTable {
            dfs,
            shard_first,
            shard_first_key,
            shard_own_terms,
            shard_member,
            pack_first: shard_pack_first,
        } = decode_terms(&f.terms.path, terms_body.as_ref(), manifest.terms as usize, f.postings.len())?;
        // A shard's three members follow one another, parts 3i, 3i + 1, 3i + 2:
        // its lists, its followers, its positions.
        let sizes: Vec<u64> = shard_member.iter().flatten().map(|&m| u64::from(m)).collect();
        let part_first: Vec<u32> = shard_pack_first.iter().map(|&f| f * 3).collect();
        let starts = part_starts(&f.postings, &part_first, &sizes).map_err(|pack| {
            Error::corrupt(&f.terms.path, format!("the shard table does not fill postings pack {pack} exactly"))
        })?;
        let shard_range = starts
            .chunks_exact(3)
            .zip(sizes.chunks_exact(3))
            .map(|(at, size)| [at[0]..at[0] + size[0], at[2]..at[2] + size[2], at[1]..at[1] + size[1]])
            .collect();
        let shards = vec![None; shard_first.len()];
        let positions = vec![None; shard_first.len()];
        let followers = vec![None; shard_first.len()];
        Ok(Index {
            manifest,
            dict,
            dict_raw,
            terms_raw,
            dfs,
            shard_first,
            shard_first_key,
            shard_own_terms,
            shard_range,
            shard_pack_first,
            shards,
            positions,
            followers,
            table: None,
            stored: HashMap::new(),
            tokenized: Mutex::default(),
            counts: Kept::new(COUNTS_KEPT),
            flats: Kept::new(FLATS_KEPT),
            pairs: Mutex::default(),
        })
    }

    /// Adds the document table to an index opened without it
    /// ([`Index::open_without_docs`]): checks its header and size against the
    /// manifest and decodes it. Its CRC is checked by [`Index::verify`] once it
    /// is added, or by the caller before (as the browser's worker does).
    pub fn add_docs(&mut self, docs: Vec<u8>) -> Result<()> {
        let docs_raw: Arc<[u8]> = docs.into();
        let f = &self.manifest.files;
        let docs_body = body(&f.docs, FileKind::Docs, docs_raw.clone())?;
        let DocTable { docs, pack_first } = decode_docs(&f.docs.path, docs_body.as_ref(), f.store.len())?;
        if docs.len() != self.manifest.documents as usize {
            return Err(Error::corrupt(
                &f.docs.path,
                format!("{} documents, the manifest says {}", docs.len(), self.manifest.documents),
            ));
        }
        let n = docs.len();
        let lengths: Vec<u32> = (0..n).map(|d| docs.words(d)).collect();
        let total_words: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
        let avg_doc_words = if n == 0 { 1.0 } else { (total_words as f32 / n as f32).max(1.0) };
        let facets = FacetIndex::build(&docs);
        let sizes: Vec<u64> = (0..n).map(|d| u64::from(docs.slot_units(d)) * STORE_ALIGN as u64).collect();
        let slot_start = part_starts(&f.store, &pack_first, &sizes).map_err(|pack| {
            Error::corrupt(&f.docs.path, format!("the document table does not fill store pack {pack} exactly"))
        })?;
        self.table = Some(DocState { docs, docs_raw, avg_doc_words, lengths, pack_first, slot_start, facets });
        Ok(())
    }

    /// Whether the document table is added ([`Index::add_docs`]).
    pub fn has_docs(&self) -> bool {
        self.table.is_some()
    }

    /// The document table; an error while it is not added.
    fn table(&self) -> Result<&DocState> {
        self.table
            .as_ref()
            .ok_or_else(|| Error::new(ErrorKind::NotLoaded { file: self.manifest.files.docs.path.clone() }))
    }

    /// Opens a whole index, verifying the CRC of every file, with every postings
    /// shard and every store pack that `load` returns (the CLI reads them all).
    /// `load` gets a file name from the manifest.
    pub fn open_all(manifest: Manifest, mut load: impl FnMut(&str) -> Option<Vec<u8>>) -> Result<Index> {
        let mut get = |entry: &FileEntry, kind: FileKind| -> Result<Vec<u8>> {
            let bytes =
                load(&entry.path).ok_or_else(|| Error::new(ErrorKind::MissingFile { file: entry.path.clone() }))?;
            check_header(&entry.path, &bytes, kind, Some(entry.bytes))?;
            check_crc(&entry.path, &bytes)?;
            Ok(bytes)
        };
        let f = &manifest.files;
        let dict = get(&f.dict, FileKind::Dict)?;
        let terms = get(&f.terms, FileKind::Terms)?;
        let docs = get(&f.docs, FileKind::Docs)?;
        let postings: Vec<Vec<u8>> = f.postings.iter().map(|e| get(e, FileKind::Postings)).collect::<Result<_>>()?;
        let store: Vec<Vec<u8>> = f.store.iter().map(|e| get(e, FileKind::Store)).collect::<Result<_>>()?;
        let mut index = Index::open(manifest, dict, terms, docs)?;
        for (i, pack) in postings.iter().enumerate() {
            index.add_postings_pack(i, pack)?;
        }
        for (i, pack) in store.iter().enumerate() {
            index.add_store_pack(i, pack)?;
        }
        Ok(index)
    }

    /// Checks the CRC32 of the root files: dictionary, terms and document table
    /// (shards and store packs are checked when they are added).
    pub fn verify(&self) -> Result<()> {
        let f = &self.manifest.files;
        check_crc(&f.dict.path, &self.dict_raw)?;
        check_crc(&f.terms.path, &self.terms_raw)?;
        match &self.table {
            Some(table) => check_crc(&f.docs.path, &table.docs_raw),
            None => Ok(()),
        }
    }

    /// Names shard `i` for a message: "shard 12 of postings.1a2b….bin".
    pub fn shard_file(&self, i: usize) -> String {
        match self.shard_range(i) {
            Some((p, _)) => format!("shard {i} of {}", self.manifest.files.postings[p].path),
            None => format!("postings shard {i}"),
        }
    }

    /// Number of postings shards.
    pub fn shard_count(&self) -> usize {
        self.shard_first.len()
    }

    /// Names the positions of shard `i` for a message.
    pub fn positions_file(&self, i: usize) -> String {
        match self.shard_range(i) {
            Some((p, _)) => format!("the positions of shard {i} of {}", self.manifest.files.postings[p].path),
            None => format!("the positions of postings shard {i}"),
        }
    }

    /// Where the lists of postings shard `i` are: its pack (index into
    /// `manifest.files.postings`) and the byte range of their gzip member in
    /// that file, to fetch with an HTTP range request, decompress, and give to
    /// [`Index::add_shard`].
    pub fn shard_range(&self, i: usize) -> Option<(usize, std::ops::Range<u64>)> {
        let range = self.shard_range.get(i)?[0].clone();
        Some((self.shard_pack_first.partition_point(|&f| f as usize <= i) - 1, range))
    }

    /// Where the positions of postings shard `i` are (as [`Index::shard_range`]),
    /// for [`Index::add_positions`].
    pub fn positions_range(&self, i: usize) -> Option<(usize, std::ops::Range<u64>)> {
        let (pack, _) = self.shard_range(i)?;
        Some((pack, self.shard_range[i][1].clone()))
    }

    /// Where the followers of postings shard `i` are (as [`Index::shard_range`]),
    /// for [`Index::add_followers`].
    pub fn followers_range(&self, i: usize) -> Option<(usize, std::ops::Range<u64>)> {
        let (pack, _) = self.shard_range(i)?;
        Some((pack, self.shard_range[i][2].clone()))
    }

    /// Names the followers of shard `i` for a message.
    pub fn followers_file(&self, i: usize) -> String {
        match self.shard_range(i) {
            Some((p, _)) => format!("the followers of shard {i} of {}", self.manifest.files.postings[p].path),
            None => format!("the followers of postings shard {i}"),
        }
    }

    /// The shards of postings pack `p`.
    pub fn pack_shards(&self, p: usize) -> std::ops::Range<usize> {
        let n = self.shard_first.len();
        let first = self.shard_pack_first.get(p).map_or(n, |&f| f as usize);
        first..self.shard_pack_first.get(p + 1).map_or(n, |&f| f as usize)
    }

    /// Checks a whole postings pack `p` (header, size and CRC), as fetched when a
    /// host ignores range requests.
    pub fn check_postings_pack(&self, p: usize, bytes: &[u8]) -> Result<()> {
        let entry = self
            .manifest
            .files
            .postings
            .get(p)
            .ok_or_else(|| Error::corrupt("postings", format!("no postings pack {p} in the manifest")))?;
        check_header(&entry.path, bytes, FileKind::Postings, Some(entry.bytes))?;
        check_crc(&entry.path, bytes)
    }

    /// Adds every shard of postings pack `p`, its lists, its positions and its
    /// followers (the pack's header, size and CRC, and each part's, are checked).
    pub fn add_postings_pack(&mut self, p: usize, bytes: &[u8]) -> Result<()> {
        self.check_postings_pack(p, bytes)?;
        for i in self.pack_shards(p) {
            let [lists, positions, followers] = self.shard_range[i].clone();
            self.add_shard_member(i, &bytes[lists.start as usize..lists.end as usize])?;
            self.add_positions_member(i, &bytes[positions.start as usize..positions.end as usize])?;
            self.add_followers_member(i, &bytes[followers.start as usize..followers.end as usize])?;
        }
        Ok(())
    }

    /// A part of shard `i` (0 its lists, 1 its positions, 2 its followers) from its gzip member,
    /// decompressed here, with its pack's name.
    fn inflate_part(&self, i: usize, part: usize, member: &[u8]) -> Result<(Vec<u8>, String)> {
        use std::io::Read;
        let (p, _) = self.shard_range(i).ok_or_else(|| Error::corrupt("postings", format!("no postings shard {i}")))?;
        let file = self.manifest.files.postings[p].path.clone();
        let mut framed = Vec::new();
        // Deflate packs at most about 1032 bytes into one: a bound on what a
        // damaged or hostile member may inflate to.
        let limit = (member.len() as u64).saturating_mul(1032);
        let what = SHARD_PARTS[part.min(2)].1;
        match flate2::read::GzDecoder::new(member).take(limit).read_to_end(&mut framed) {
            Ok(_) => Ok((framed, file)),
            Err(e) => Err(Error::corrupt(&file, format!("the {what} of shard {i} do not decompress: {e}"))),
        }
    }

    /// Adds the lists of postings shard `i` from their gzip member (the bytes of
    /// [`Index::shard_range`]), decompressed here (the browser decompresses with
    /// its own `DecompressionStream`, then calls [`Index::add_shard`]).
    pub fn add_shard_member(&mut self, i: usize, member: &[u8]) -> Result<()> {
        let (framed, _) = self.inflate_part(i, 0, member)?;
        self.add_shard(i, framed)
    }

    /// Adds the positions of postings shard `i` from their gzip member (the
    /// bytes of [`Index::positions_range`]), decompressed here.
    pub fn add_positions_member(&mut self, i: usize, member: &[u8]) -> Result<()> {
        let (framed, _) = self.inflate_part(i, 1, member)?;
        self.add_positions(i, framed)
    }

    /// Adds the followers of postings shard `i` from their gzip member (the
    /// bytes of [`Index::followers_range`]), decompressed here.
    pub fn add_followers_member(&mut self, i: usize, member: &[u8]) -> Result<()> {
        let (framed, _) = self.inflate_part(i, 2, member)?;
        self.add_followers(i, framed)
    }

    /// Shard `i`'s pack name, its term ordinals, and its framed part `part`
    /// checked (header, kind, size, CRC) as a body.
    fn checked_part(&self, i: usize, part: usize, bytes: Vec<u8>) -> Result<(String, std::ops::Range<u32>, Body)> {
        let (p, _) = self.shard_range(i).ok_or_else(|| Error::corrupt("postings", format!("no postings shard {i}")))?;
        let file = self.manifest.files.postings[p].path.clone();
        let kind = SHARD_PARTS[part.min(2)].0;
        let range = check_header(&file, &bytes, kind, None)?;
        check_crc(&file, &bytes)?;
        let body = Body { bytes: bytes.into(), start: range.start, end: range.end };
        let first = self.shard_first[i];
        let end = self.shard_first.get(i + 1).copied().unwrap_or(self.dfs.len() as u32);
        Ok((file, first..end, body))
    }

    /// Adds the positions of postings shard `i`, decompressed (header, size,
    /// CRC and layout are checked).
    pub fn add_positions(&mut self, i: usize, bytes: Vec<u8>) -> Result<()> {
        self.positions[i] = Some(self.term_part(i, 1, bytes)?);
        Ok(())
    }

    /// Part `part` of shard `i` (1 its positions, 2 its followers), checked: a
    /// table of per-term ends over the shard's own terms, then their data.
    fn term_part(&self, i: usize, part: usize, bytes: Vec<u8>) -> Result<TermData> {
        let (file, terms, body) = self.checked_part(i, part, bytes)?;
        let mut c = Cursor::new(&file, body.as_ref());
        let (first, n) = (c.u32()?, c.u32()? as usize);
        if first != terms.start || n != terms.len() {
            let what = SHARD_PARTS[part.min(2)].1;
            return Err(Error::corrupt(&file, format!("the {what} of shard {i} are not of its terms")));
        }
        let ends = term_ends(&mut c, n, 8)?;
        Ok(TermData { data_start: 8 + 4 * n, body, ends })
    }

    /// Adds the followers of postings shard `i`, decompressed (header, size,
    /// CRC and layout are checked; each term's when it is read).
    pub fn add_followers(&mut self, i: usize, bytes: Vec<u8>) -> Result<()> {
        self.followers[i] = Some(self.term_part(i, 2, bytes)?);
        Ok(())
    }

    /// Adds the lists of postings shard `i`, decompressed (their header, size,
    /// CRC and layout are checked).
    pub fn add_shard(&mut self, i: usize, bytes: Vec<u8>) -> Result<()> {
        let (file, terms, body) = self.checked_part(i, 0, bytes)?;
        let (first, end) = (terms.start, terms.end);
        let table = decode_shard_table(&file, body.as_ref())?;
        if table.first != first || table.ends.len() as u32 != end - first {
            return Err(Error::corrupt(&file, "the shard does not hold the terms the terms file says"));
        }
        let own =
            Body { bytes: body.bytes.clone(), start: body.start + table.dict.start, end: body.start + table.dict.end };
        crc::fst_checksum(own.as_ref()).map_err(|e| Error::corrupt(&file, format!("the shard's dictionary: {e}")))?;
        let own_dict = Map::new(own).map_err(|e| Error::corrupt(&file, format!("the shard's dictionary: {e}")))?;
        // Its terms must be the shard's own, between its first key and the next
        // shard's, and in no more documents than a root term needs.
        let lo = &self.shard_first_key[i];
        let hi = self.shard_first_key.get(i + 1);
        if own_dict.len() != self.shard_own_terms[i] as usize {
            return Err(Error::corrupt(
                &file,
                "the shard's dictionary does not have as many terms as the terms file says",
            ));
        }
        let mut stream = own_dict.stream();
        while let Some((key, ordinal)) = stream.next() {
            let inside = (u64::from(first)..u64::from(end)).contains(&ordinal)
                && key >= lo.as_slice()
                && hi.is_none_or(|h| key < h.as_slice());
            if !inside || self.dfs[ordinal as usize] >= ROOT_MIN_DF {
                return Err(Error::corrupt(&file, "the shard's dictionary names terms that are not the shard's own"));
            }
        }
        let terms = TermData { data_start: table.data_start, body, ends: table.ends };
        self.shards[i] = Some(Shard { own_dict, first, terms });
        Ok(())
    }

    /// The postings shards whose own dictionaries may have keys starting with
    /// `prefix` (whether they are added or not), from the first keys in the terms
    /// file; shards with an empty dictionary are left out.
    pub(crate) fn shards_with_prefix(&self, prefix: &[u8]) -> Vec<usize> {
        if self.shard_first_key.is_empty() {
            return Vec::new();
        }
        // The shard holding `prefix` itself (or the key right after it)...
        let start = self.shard_first_key.partition_point(|k| k.as_slice() <= prefix).max(1) - 1;
        // ...to the last shard whose first key still starts with `prefix`.
        let end = start + 1 + self.shard_first_key[start + 1..].iter().take_while(|k| k.starts_with(prefix)).count();
        (start..end).filter(|&s| self.shard_own_terms[s] > 0).collect()
    }

    /// The terms of shard `shard` that are not in the root dictionary, with keys
    /// in `lo..hi`, in order; `None` when the shard has not been added.
    pub(crate) fn shard_terms_in(&self, shard: usize, lo: &[u8], hi: &[u8]) -> Option<Vec<(Vec<u8>, u64)>> {
        let s = self.shards.get(shard)?.as_ref()?;
        let mut stream = s.own_dict.range().ge(lo).lt(hi).into_stream();
        let mut out = Vec::new();
        while let Some((key, ordinal)) = stream.next() {
            out.push((key.to_vec(), ordinal));
        }
        Some(out)
    }

    /// Whether postings shard `shard` has been added.
    pub fn has_shard(&self, shard: usize) -> bool {
        self.shards.get(shard).is_some_and(Option::is_some)
    }

    /// The shard holding a term ordinal.
    fn shard_of(&self, ordinal: u64) -> Option<usize> {
        if ordinal >= self.dfs.len() as u64 {
            return None;
        }
        Some(self.shard_first.partition_point(|&f| u64::from(f) <= ordinal) - 1)
    }

    /// The postings shards (numbers, as in [`Index::shard_range`]) that these
    /// terms need and whose lists have not been added yet, without repeats.
    pub fn missing_shards_of(&self, ordinals: impl IntoIterator<Item = u64>) -> Vec<usize> {
        self.shards_not_in(ordinals, &self.shards)
    }

    /// The shards of these terms whose part in `added` (by shard) is `None`,
    /// sorted, without repeats.
    fn shards_not_in<T>(&self, ordinals: impl IntoIterator<Item = u64>, added: &[Option<T>]) -> Vec<usize> {
        let mut out: Vec<usize> =
            ordinals.into_iter().filter_map(|o| self.shard_of(o)).filter(|&s| added[s].is_none()).collect();
        sort_dedup(&mut out);
        out
    }

    /// Whether the positions of postings shard `shard` have been added.
    pub fn has_positions(&self, shard: usize) -> bool {
        self.positions.get(shard).is_some_and(Option::is_some)
    }

    /// The postings shards whose positions these terms need and that have not
    /// been added yet (as [`Index::positions_range`]), without repeats.
    pub fn missing_positions_of(&self, ordinals: impl IntoIterator<Item = u64>) -> Vec<usize> {
        self.shards_not_in(ordinals, &self.positions)
    }

    /// Whether the followers of postings shard `shard` have been added.
    pub fn has_followers(&self, shard: usize) -> bool {
        self.followers.get(shard).is_some_and(Option::is_some)
    }

    /// The postings shards whose followers these terms need and that have not
    /// been added yet (as [`Index::followers_range`]), without repeats.
    pub fn missing_followers_of(&self, ordinals: impl IntoIterator<Item = u64>) -> Vec<usize> {
        self.shards_not_in(ordinals, &self.followers)
    }

    /// Whether the followers of all these terms are here: then which of them
    /// stand side by side is read from them ([`Index::followed_docs`]), not from
    /// positions.
    pub(crate) fn followers_of_all(&self, ordinals: &[u64]) -> bool {
        ordinals.iter().all(|&o| self.shard_of(o).is_some_and(|s| self.followers[s].is_some()))
    }

    /// The documents where one of the terms `before` stands right before one of
    /// `after` (sorted ordinals), each once, increasing. Needs the followers of
    /// every term of `before` ([`Index::followers_of_all`]).
    pub(crate) fn followed_docs(&self, before: &[u64], after: &[u64]) -> Result<Vec<u32>> {
        let mut out = Vec::new();
        let mut runs: Vec<(u64, u64)> = Vec::new();
        for &a in before {
            let shard = self.shard_of(a).ok_or_else(|| Error::corrupt("terms", format!("no term {a}")))?;
            let file = || self.followers_file(shard);
            let data =
                self.followers[shard].as_ref().ok_or_else(|| Error::new(ErrorKind::NotLoaded { file: file() }))?;
            let bytes = data
                .get((a - u64::from(self.shard_first[shard])) as usize)
                .ok_or_else(|| Error::corrupt(&file(), format!("no followers of term {a}")))?;
            let name = file();
            let mut c = Cursor::new(&name, bytes);
            let f = c.varint()?;
            if f > bytes.len() as u64 {
                return Err(Error::corrupt(&name, format!("{f} followers cannot fit in {} bytes", bytes.len())));
            }
            runs.clear();
            let mut b = 0u64;
            for k in 0..f {
                let delta = c.varint()?;
                b = if k == 0 {
                    delta
                } else {
                    b.checked_add(delta)
                        .filter(|_| delta > 0)
                        .ok_or_else(|| Error::corrupt(&name, "followers out of order"))?
                };
                runs.push((b, c.varint()?));
            }
            for &(b, n) in &runs {
                if n > bytes.len() as u64 {
                    return Err(Error::corrupt(&name, format!("{n} documents cannot fit in {} bytes", bytes.len())));
                }
                if after.binary_search(&b).is_err() {
                    c.skip_varints(n as u32)?;
                    continue;
                }
                let mut doc = 0u32;
                for j in 0..n {
                    doc = self.next_doc(&mut c, doc, j == 0)?;
                    out.push(doc);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// Where document `doc`'s text is: the store pack (index into
    /// `manifest.files.store`) and the byte range of its slot in that file, to
    /// fetch with an HTTP range request and hand to [`Index::slot_record`].
    pub fn store_slot(&self, doc: u32) -> Option<(usize, std::ops::Range<u64>)> {
        let table = self.table.as_ref()?;
        let start = *table.slot_start.get(doc as usize)?;
        let pack = table.pack_first.partition_point(|&f| f <= doc) - 1;
        Some((pack, start..start + u64::from(table.docs.slot_units(doc as usize)) * STORE_ALIGN as u64))
    }

    /// The gzip member in document `doc`'s slot (the bytes of
    /// [`Index::store_slot`]'s range): decompress it and give the record to
    /// [`Index::add_record`].
    pub fn slot_record<'a>(&self, doc: u32, slot: &'a [u8]) -> Result<&'a [u8]> {
        let (pack, range) =
            self.store_slot(doc).ok_or_else(|| Error::corrupt("store", format!("no document {doc}")))?;
        let file = &self.manifest.files.store[pack].path;
        if slot.len() as u64 != range.end - range.start {
            return Err(Error::corrupt(
                file,
                format!("the slot of document {doc} is not {} bytes long", range.end - range.start),
            ));
        }
        let mut c = Cursor::new(file, slot);
        let len = c.varint()?;
        let start = c.position();
        usize::try_from(len)
            .ok()
            .and_then(|len| slot.get(start..start.checked_add(len)?))
            .ok_or_else(|| Error::corrupt(file, format!("the slot of document {doc} is shorter than its record")))
    }

    /// Adds document `doc`'s text from its record (the decompressed gzip member of
    /// its slot: document number, title, body).
    pub fn add_record(&mut self, doc: u32, record: &[u8]) -> Result<()> {
        let Some((pack, _)) = self.store_slot(doc) else {
            return Err(Error::corrupt("store", format!("no document {doc}")));
        };
        let file = &self.manifest.files.store[pack].path;
        let mut c = Cursor::new(file, record);
        let number = c.varint()?;
        let title = c.str()?.to_owned();
        let body = c.str()?.to_owned();
        if number != u64::from(doc) || !c.is_empty() {
            return Err(Error::corrupt(file, format!("the slot of document {doc} holds another record")));
        }
        // An analysis kept for an earlier text of `doc` no longer applies.
        self.tokenized.get_mut().unwrap_or_else(|e| e.into_inner()).remove(&doc);
        self.stored.insert(doc, StoredDoc { title, body });
        Ok(())
    }

    /// Checks a whole store pack `i` (header, size and CRC), as fetched when a
    /// host ignores range requests.
    pub fn check_store_pack(&self, i: usize, bytes: &[u8]) -> Result<()> {
        let entry = self
            .manifest
            .files
            .store
            .get(i)
            .ok_or_else(|| Error::corrupt("store", format!("no store pack {i} in the manifest")))?;
        check_header(&entry.path, bytes, FileKind::Store, Some(entry.bytes))?;
        check_crc(&entry.path, bytes)
    }

    /// The documents of store pack `i`.
    pub fn pack_docs(&self, i: usize) -> std::ops::Range<u32> {
        let Some(table) = &self.table else { return 0..0 };
        let n = table.docs.len() as u32;
        let first = table.pack_first.get(i).copied().unwrap_or(n);
        first..table.pack_first.get(i + 1).copied().unwrap_or(n)
    }

    /// Adds the text of every document in store pack `i` (header, size, CRC and
    /// every record are checked).
    pub fn add_store_pack(&mut self, i: usize, bytes: &[u8]) -> Result<()> {
        // The pack's documents and their slots are in the document table.
        self.table()?;
        self.check_store_pack(i, bytes)?;
        for doc in self.pack_docs(i) {
            let (_, range) = self.store_slot(doc).expect("a document of the pack");
            self.add_slot(doc, &bytes[range.start as usize..range.end as usize])?;
        }
        Ok(())
    }

    /// Adds document `doc`'s text from its slot, decompressed here (the browser
    /// decompresses with its own `DecompressionStream` instead: see
    /// [`Index::slot_record`]).
    pub fn add_slot(&mut self, doc: u32, slot: &[u8]) -> Result<()> {
        use std::io::Read;
        let member = self.slot_record(doc, slot)?;
        let mut record = Vec::new();
        flate2::read::GzDecoder::new(member).take(MAX_RECORD_BYTES).read_to_end(&mut record).map_err(|e| {
            let (pack, _) = self.store_slot(doc).expect("a document of the index");
            let file = &self.manifest.files.store[pack].path;
            Error::corrupt(file, format!("the text of document {doc} does not decompress: {e}"))
        })?;
        self.add_record(doc, &record)
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The documents of the index (as the manifest says, which the document
    /// table must agree with when it is added).
    pub fn doc_count(&self) -> usize {
        self.manifest.documents as usize
    }

    pub fn term_count(&self) -> usize {
        self.dfs.len()
    }

    /// Every document's entry, in document order (each made when reached).
    /// (None before [`Index::add_docs`].)
    pub fn docs(&self) -> impl ExactSizeIterator<Item = DocMeta> + '_ {
        let table = self.table.as_ref();
        (0..table.map_or(0, |t| t.docs.len()))
            .map(move |d| table.and_then(|t| t.docs.get(d)).expect("a document of the table"))
    }

    /// Document `doc`'s entry, made from the table's columns.
    pub fn doc(&self, doc: u32) -> Option<DocMeta> {
        self.table.as_ref()?.docs.get(doc as usize)
    }

    /// The number of the document whose id is `id`.
    pub fn doc_number(&self, id: &str) -> Option<u32> {
        self.table.as_ref()?.docs.find(id)
    }

    /// Average document length ([`Index::doc_words`]), for BM25.
    pub fn avg_doc_words(&self) -> f32 {
        self.table.as_ref().map_or(1.0, |t| t.avg_doc_words)
    }

    /// A document's length for BM25 (title positions and body words, as the
    /// table stores it: within about 3%); 0 for a document not in the index (or
    /// before [`Index::add_docs`]).
    #[inline]
    pub fn doc_words(&self, doc: u32) -> u32 {
        self.table.as_ref().and_then(|t| t.lengths.get(doc as usize)).copied().unwrap_or(0)
    }

    /// The root fst term dictionary (keys `fold ‖ 0x00 ‖ tones`, see `key.rs`; values term
    /// ordinals): the terms of at least [`super::build::ROOT_MIN_DF`] documents.
    pub(crate) fn dict(&self) -> &Map<Body> {
        &self.dict
    }

    /// Per facet value, its documents (an error before [`Index::add_docs`]).
    pub fn facets(&self) -> Result<&FacetIndex> {
        Ok(&self.table()?.facets)
    }

    pub fn term_info(&self, ordinal: u64) -> Option<TermInfo> {
        let doc_freq = *self.dfs.get(usize::try_from(ordinal).ok()?)?;
        Some(TermInfo { doc_freq, shard: self.shard_of(ordinal)? })
    }

    /// Decodes the postings of a term.
    pub fn postings(&self, ordinal: u64) -> Result<Vec<Posting>> {
        let mut flat = FlatPostings::default();
        self.postings_into(ordinal, &mut flat)?;
        Ok((0..flat.docs.len()).map(|i| Posting { doc: flat.docs[i], positions: flat.positions(i).to_vec() }).collect())
    }

    /// Decodes the postings of a term into `out` (cleared first), without an
    /// allocation per document: the search's hot path.
    pub fn postings_into(&self, ordinal: u64, out: &mut FlatPostings) -> Result<()> {
        self.postings_head_into(ordinal, u32::MAX, out).map(|_complete| ())
    }

    /// The first `max_docs` documents of a term's postings, with their
    /// positions, into `out` (cleared first), as [`Index::postings_into`] reads
    /// them; true when they are all of its documents.
    pub fn postings_head_into(&self, ordinal: u64, max_docs: u32, out: &mut FlatPostings) -> Result<bool> {
        out.docs.clear();
        out.offs.clear();
        out.pos.clear();
        out.title.clear();
        let (bytes, file, info) = self.term_data(ordinal)?;
        let mut entries = Cursor::new(file, bytes);
        let mut positions = Cursor::new(file, self.term_positions(ordinal, info.shard)?);
        let n = info.doc_freq.min(max_docs);
        out.docs.reserve(n as usize);
        out.offs.reserve(n as usize + 1);
        out.title.reserve(n as usize);
        out.offs.push(0);
        let mut doc = 0u32;
        for i in 0..n {
            doc = self.next_doc(&mut entries, doc, i == 0)?;
            let (tf, title) = entry_counts(&mut entries)?;
            read_positions(&mut positions, tf, &mut out.pos)?;
            out.docs.push(doc);
            out.offs.push(out.pos.len() as u32);
            out.title.push(title);
        }
        Ok(n == info.doc_freq)
    }

    /// A term's documents and how often it occurs in each, in all and in the
    /// title, into `out` (cleared first). No position is read:
    /// [`Index::positions_at`] reads one document's when they are needed.
    pub fn counts_into(&self, ordinal: u64, out: &mut DocCounts) -> Result<()> {
        out.docs.clear();
        out.tf.clear();
        out.title.clear();
        out.at = std::sync::OnceLock::new();
        out.ordinal = ordinal;
        let (bytes, file, info) = self.term_data(ordinal)?;
        let mut entries = Cursor::new(file, bytes);
        let mut doc = 0u32;
        for i in 0..info.doc_freq {
            doc = self.next_doc(&mut entries, doc, i == 0)?;
            let (tf, title) = entry_counts(&mut entries)?;
            out.docs.push(doc);
            out.tf.push(tf);
            out.title.push(title);
        }
        Ok(())
    }

    /// A term's documents and counts, as [`Index::counts_into`] reads them,
    /// decoded once and kept while the lists kept cost fewer than
    /// [`COUNTS_KEPT`] postings in all (then all are let go; a list longer
    /// than that is not kept).
    pub fn doc_counts(&self, ordinal: u64) -> Result<Arc<DocCounts>> {
        let decode = || {
            let mut counts = DocCounts::default();
            self.counts_into(ordinal, &mut counts).map(|()| counts)
        };
        self.counts.get_or_decode(ordinal, decode, |counts| counts.docs.len())
    }

    /// How many documents hold one of `before` directly followed by one of
    /// `after` (term ordinals), up to `stop`: `count(stop)` counts it, and the
    /// count is kept (at most [`PAIRS_KEPT`] pairs; then all are let go), so
    /// that the letters typed on the way to a word, which ask about the same
    /// pairs, and a search asked again, count each pair once. A count that
    /// stopped at its limit answers any smaller limit; an exact one, any.
    pub(crate) fn pair_count(
        &self,
        before: &[u64],
        after: &[u64],
        stop: usize,
        count: impl FnOnce(usize) -> Result<usize>,
    ) -> Result<usize> {
        let key = |terms: &[u64]| {
            let mut terms = terms.to_vec();
            sort_dedup(&mut terms);
            terms
        };
        let key = (key(before), key(after));
        let lock = || self.pairs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(kept) = lock().get(&key) {
            if kept.exact || stop <= kept.docs {
                return Ok(kept.docs.min(stop));
            }
        }
        let docs = count(stop)?;
        let mut pairs = lock();
        if pairs.len() >= PAIRS_KEPT && !pairs.contains_key(&key) {
            pairs.clear();
        }
        pairs.insert(key, PairCount { docs, exact: docs < stop });
        Ok(docs)
    }

    /// A term's postings with their positions, as [`Index::postings_into`]
    /// reads them, decoded once and kept while the lists kept hold fewer than
    /// [`FLATS_KEPT`] documents and positions in all (then all are let go; a
    /// longer list is not kept).
    pub fn flat_postings(&self, ordinal: u64) -> Result<Arc<FlatPostings>> {
        let decode = || {
            let mut flat = FlatPostings::default();
            self.postings_into(ordinal, &mut flat)?;
            // Kept a while: no spare capacity (the positions grow as they decode).
            for v in [&mut flat.docs, &mut flat.offs, &mut flat.pos, &mut flat.title] {
                v.shrink_to_fit();
            }
            Ok(flat)
        };
        self.flats.get_or_decode(ordinal, decode, |flat| flat.docs.len() + flat.pos.len())
    }

    /// The positions of the `i`-th document of `counts` (read by
    /// [`Index::counts_into`]), into `out` (appended). The first call finds
    /// where each document's positions start.
    pub fn positions_at(&self, counts: &DocCounts, i: usize, out: &mut Vec<u32>) -> Result<()> {
        let (_, file, info) = self.term_data(counts.ordinal)?;
        let bytes = self.term_positions(counts.ordinal, info.shard)?;
        let at = match counts.at.get() {
            Some(at) => at,
            None => {
                let mut c = Cursor::new(file, bytes);
                let mut at = Vec::with_capacity(counts.tf.len());
                for &tf in &counts.tf {
                    at.push(c.position() as u32);
                    c.skip_varints(tf)?;
                }
                counts.at.get_or_init(|| at)
            }
        };
        let mut c = Cursor::new(file, bytes);
        c.seek(at[i] as usize)?;
        read_positions(&mut c, counts.tf[i], out)?;
        Ok(())
    }

    /// The positions of term `ordinal` (of shard `shard`), all its documents'
    /// one after another.
    fn term_positions(&self, ordinal: u64, shard: usize) -> Result<&[u8]> {
        let data = self.positions[shard]
            .as_ref()
            .ok_or_else(|| Error::new(ErrorKind::PositionsNotLoaded { shard, file: self.positions_file(shard) }))?;
        let k = (ordinal - u64::from(self.shard_first[shard])) as usize;
        data.get(k)
            .ok_or_else(|| Error::corrupt(&self.positions_file(shard), format!("no positions of term {ordinal}")))
    }

    /// The next document of a postings list, checked: after `doc` (or the first).
    #[inline]
    fn next_doc(&self, c: &mut Cursor<'_>, doc: u32, first: bool) -> Result<u32> {
        let delta = c.varint32()?;
        let next = if first {
            delta
        } else {
            doc.checked_add(delta).ok_or_else(|| Error::corrupt(c.file(), "doc id overflow"))?
        };
        if next as usize >= self.doc_count() || (!first && delta == 0) {
            return Err(Error::corrupt(c.file(), format!("posting names document {next} of {}", self.doc_count())));
        }
        Ok(next)
    }

    /// The bytes of a term's postings, the file they are in (for messages), and
    /// the term's document frequency and shard.
    fn term_data(&self, ordinal: u64) -> Result<(&[u8], &str, TermInfo)> {
        let info = self
            .term_info(ordinal)
            .ok_or_else(|| Error::corrupt(&self.manifest.files.terms.path, format!("no term {ordinal}")))?;
        let shard = self.shards[info.shard]
            .as_ref()
            .ok_or_else(|| Error::new(ErrorKind::NotLoaded { file: self.shard_file(info.shard) }))?;
        let file = &self.manifest.files.postings[self.shard_range(info.shard).map_or(0, |r| r.0)].path;
        let k = (ordinal - u64::from(shard.first)) as usize;
        let bytes = shard
            .terms
            .get(k)
            .ok_or_else(|| Error::corrupt(file, format!("postings of term {ordinal} lie outside the file")))?;
        if info.doc_freq as usize > self.doc_count() || info.doc_freq as usize > bytes.len() {
            return Err(Error::corrupt(file, format!("term {ordinal} claims {} documents", info.doc_freq)));
        }
        Ok((bytes, file, info))
    }

    /// The stored text of a document, if it has been added.
    pub fn stored(&self, doc: u32) -> Option<&StoredDoc> {
        self.stored.get(&doc)
    }

    /// The words of `text`, the stored text of `doc`, analysed: once per
    /// document while it stays among the last [`TOKENIZED_KEPT`] analysed, as
    /// typing shows the same articles query after query.
    pub(crate) fn text_tokens(&self, doc: u32, text: &StoredDoc) -> Arc<TextTokens> {
        // A poisoned lock only means a panic elsewhere: the map is still sound.
        let mut kept = self.tokenized.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = kept.get(&doc) {
            return t.clone();
        }
        let t = Arc::new(TextTokens { title: Tokenized::new(&text.title), body: Tokenized::new(&text.body) });
        if kept.len() >= TOKENIZED_KEPT {
            kept.clear();
        }
        kept.insert(doc, t.clone());
        t
    }

    /// The given documents whose text has not been added yet, in increasing order
    /// without repeats (unknown numbers are left out).
    pub fn missing_texts(&self, docs: impl IntoIterator<Item = u32>) -> Vec<u32> {
        // Only documents whose place in the store is known (none before the
        // document table is added).
        let n = self.table.as_ref().map_or(0, |t| t.docs.len());
        let mut out: Vec<u32> =
            docs.into_iter().filter(|&d| (d as usize) < n && !self.stored.contains_key(&d)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Where each part (shard or slot) of a set of packs starts in its file: the
/// parts of pack `p` are `first[p]..first[p + 1]`, one after another from the end
/// of its header, and must fill its body exactly; else the name of the first
/// pack they do not fill.
fn part_starts<'a>(packs: &'a [FileEntry], first: &[u32], sizes: &[u64]) -> std::result::Result<Vec<u64>, &'a str> {
    let mut starts = Vec::with_capacity(sizes.len());
    for (p, entry) in packs.iter().enumerate() {
        let parts = first[p] as usize..first.get(p + 1).map_or(sizes.len(), |&n| n as usize);
        let mut at = HEADER_LEN as u64;
        for &size in &sizes[parts] {
            starts.push(at);
            at += size;
        }
        if at + FOOTER_LEN as u64 != entry.bytes {
            return Err(&entry.path);
        }
    }
    Ok(starts)
}

/// The `terms` file, decoded.
struct TermsTable {
    dfs: Vec<u32>,
    shard_first: Vec<u32>,
    shard_first_key: Vec<Vec<u8>>,
    shard_own_terms: Vec<u32>,
    /// Per shard, the size of its lists', its followers' and its positions' gzip
    /// members: their order in the pack (`Index::shard_range` keeps their
    /// ranges as lists, positions, followers).
    shard_member: Vec<[u32; 3]>,
    /// First shard of each postings pack.
    pack_first: Vec<u32>,
}

/// Reads the `terms` body: document frequencies and the shard table.
fn decode_terms(file: &str, body: &[u8], terms: usize, packs: usize) -> Result<TermsTable> {
    let mut c = Cursor::new(file, body);
    let n = c.u32()? as usize;
    let s = c.u32()? as usize;
    if n != terms {
        return Err(Error::corrupt(file, format!("{n} terms; the manifest says {terms}")));
    }
    if s > body.len() || (n > 0) != (s > 0) {
        return Err(Error::corrupt(file, format!("{s} shards cannot hold {n} terms")));
    }
    let firsts: Vec<u32> = (0..s).map(|_| c.u32()).collect::<Result<_>>()?;
    let increasing = firsts.first().is_none_or(|&f| f == 0) && firsts.windows(2).all(|w| w[0] < w[1]);
    if !increasing || firsts.last().is_some_and(|&f| f as usize >= n) {
        return Err(Error::corrupt(file, "the shard table is not increasing from 0"));
    }
    let first_keys: Vec<Vec<u8>> = (0..s).map(|_| c.len_bytes().map(<[u8]>::to_vec)).collect::<Result<_>>()?;
    if !first_keys.windows(2).all(|w| w[0] < w[1]) {
        return Err(Error::corrupt(file, "the shards' first keys are not increasing"));
    }
    let own_terms: Vec<u32> = (0..s).map(|_| c.varint32()).collect::<Result<_>>()?;
    let shard_len = |i: usize| firsts.get(i + 1).map_or(n as u32, |&f| f) - firsts[i];
    if (0..s).any(|i| own_terms[i] > shard_len(i)) {
        return Err(Error::corrupt(file, "a shard's own dictionary is larger than the shard"));
    }
    if n > body.len() {
        return Err(Error::corrupt(file, format!("{n} document frequencies cannot fit")));
    }
    let dfs: Vec<u32> = (0..n).map(|_| c.varint32()).collect::<Result<_>>()?;
    let mut sizes = || (0..s).map(|_| c.varint32()).collect::<Result<Vec<u32>>>();
    // In the order of the members in the pack.
    let (lists_member, followers_member, positions_member) = (sizes()?, sizes()?, sizes()?);
    let shard_member = (0..s).map(|i| [lists_member[i], followers_member[i], positions_member[i]]).collect();
    let pack_first = c.pack_firsts(packs, s as u64, "postings packs", "shards")?;
    if !c.is_empty() {
        return Err(Error::corrupt(file, format!("{} trailing bytes", body.len() - c.position())));
    }
    Ok(TermsTable {
        dfs,
        shard_first: firsts,
        shard_first_key: first_keys,
        shard_own_terms: own_terms,
        shard_member,
        pack_first,
    })
}

/// A postings shard's table.
struct ShardTable {
    first: u32,
    /// Where the shard's own dictionary is in the body.
    dict: std::ops::Range<usize>,
    ends: Vec<u32>,
    data_start: usize,
}

/// Reads a postings shard's table: first ordinal, its dictionary, end offsets,
/// where data starts.
fn decode_shard_table(file: &str, body: &[u8]) -> Result<ShardTable> {
    let mut c = Cursor::new(file, body);
    let first = c.u32()?;
    let n = c.u32()? as usize;
    let r = c.u32()? as usize;
    let dict = 12..c.bytes(r)?.len() + 12;
    let ends = term_ends(&mut c, n, dict.end)?;
    let data_start = dict.end + 4 * n;
    Ok(ShardTable { first, dict, ends, data_start })
}

/// A shard part's table of `n` term end offsets, at body offset `at` (where `c`
/// is), checked: increasing, and the last is the end of the body.
fn term_ends(c: &mut Cursor<'_>, n: usize, at: usize) -> Result<Vec<u32>> {
    let len = c.body_len();
    let data_start = n.checked_mul(4).and_then(|t| t.checked_add(at)).filter(|&e| e <= len);
    let Some(data_start) = data_start else {
        return Err(Error::corrupt(c.file(), format!("a table of {n} terms does not fit in {len} bytes")));
    };
    let ends: Vec<u32> = (0..n).map(|_| c.u32()).collect::<Result<_>>()?;
    let data_len = len - data_start;
    let ordered = ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().is_none_or(|&e| e as usize == data_len);
    if !ordered {
        return Err(Error::corrupt(c.file(), "term offsets are out of order or outside the file"));
    }
    Ok(ends)
}

/// The most a record may inflate to (an article is at most 20 MiB when read).
const MAX_RECORD_BYTES: u64 = 64 << 20;

impl BuiltIndex {
    /// A built file by name.
    pub fn file(&self, name: &str) -> Option<&IndexFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Opens the index just built, from memory, with every store pack loaded
    /// and the same checks as [`Index::open_all`] (for tests and tools).
    pub fn open(&self) -> Result<Index> {
        Index::open_all(self.manifest.clone(), |name| self.file(name).map(|f| f.bytes.clone()))
    }
}
