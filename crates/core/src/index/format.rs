//! The framing every binary index file shares, and the small codecs inside them.
//!
//! # Byte layout of every binary file (format version 12)
//!
//! ```text
//! offset  size  field
//! 0       4     magic  b"SOI\x1a"
//! 4       2     format version, u16 little-endian (FORMAT_VERSION)
//! 6       1     kind: 1 dict, 2 postings (a pack, and each shard's lists inside
//!               it), 3 docs, 4 store (a pack), 5 terms, 6 positions (a shard's
//!               positions, inside a postings pack), 7 followers (a shard's
//!               adjacent pairs, inside a postings pack)
//! 7       1     reserved, 0
//! 8       n     body (layout per kind: see `build.rs`, which writes it, and `read.rs`)
//! 8+n     4     CRC32 (IEEE) of bytes 0..8+n, u32 little-endian
//! ```
//!
//! Integers inside bodies are little-endian `u32` where a table needs fixed width and
//! LEB128 varints elsewhere (`put_varint` / `Cursor::varint`).

use crate::error::{Error, ErrorKind, Result};

/// The first four bytes of every Soi binary file.
pub const MAGIC: [u8; 4] = *b"SOI\x1a";

/// The index format version written by this build and the only one it reads.
///
/// Version policy: any change to the bytes of any file, or to the meaning of a
/// manifest field, bumps this number. Readers accept exactly their own version and
/// report any other with [`ErrorKind::UnsupportedVersion`], telling the user to
/// rebuild: an index is a build artefact, cheap to regenerate, so there is no
/// migration path, and a reader never guesses at bytes it was not written for.
/// Adding an optional manifest field that old readers may ignore does not bump it.
///
/// History: 1 — first format; 2 — document metadata in the docs table; 3 — the
/// postings split into term-range shards fetched on demand, with document
/// frequencies and the shard table in a small `terms` file; 4 — the root
/// dictionary holds only the terms of at least two documents, the others are in
/// a dictionary inside their postings shard, and the `terms` file names each
/// shard's first key; 5 — a sentence or clause boundary inside a text is a gap
/// of one word position; 6 — postings shards and article text in a few large
/// packs, each shard and each document's text one gzip member that a browser
/// fetches by HTTP range, its place known from the root (shard sizes in the
/// terms file, slot sizes in the document table); 7 — in a term's postings the
/// documents and their frequencies (with how many occurrences are in the title)
/// come before all positions, so that ranking a lone word reads no position;
/// 8 — the document table by column, ids and addresses front-coded, metadata
/// values numbered once; 9 — each shard's positions are a gzip member of their
/// own, after its lists, so that a query of one word fetches no position;
/// 10 — a dictionary key spells the surface form as the marks it adds to the
/// folded word (`key.rs`), not as the whole word again; 11 — the terms file
/// gives each shard part's gzip member size only, not also its size unpacked
/// (the part's own header, CRC and gzip's trailer check what arrives); 12 —
/// each shard has a third part, its followers (for each of its terms, the
/// terms that stand right after it and in which documents), so that a query of
/// several words ranks and corrects by adjacency without fetching positions;
/// 13 — the document table stores a document's length for BM25 as one byte
/// (within about 3%) in place of its title and body lengths, and a reader tells
/// title occurrences by the title count of the document's postings entry (at
/// 100,000 generated articles, the table every visitor loads went from 399 to
/// 262 KB gzipped).
pub const FORMAT_VERSION: u16 = 13;

/// Size of the header in bytes.
pub const HEADER_LEN: usize = 8;
/// Size of the CRC footer in bytes.
pub const FOOTER_LEN: usize = 4;

/// The kinds of binary files an index is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The fst term dictionary.
    Dict = 1,
    /// A pack of postings shards, and each shard in it (the lists of a range of
    /// term ordinals).
    Postings = 2,
    /// The document table: ids, titles, lengths.
    Docs = 3,
    /// A pack of stored article text, one slot per document.
    Store = 4,
    /// Per term its document frequency, and the first term of each postings shard.
    Terms = 5,
    /// The positions of a postings shard's terms (inside a postings pack).
    Positions = 6,
    /// The followers of a postings shard's terms (inside a postings pack).
    Followers = 7,
}

impl FileKind {
    /// Lowercase name, as used in file names and messages.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Dict => "dict",
            FileKind::Postings => "postings",
            FileKind::Docs => "docs",
            FileKind::Store => "store",
            FileKind::Terms => "terms",
            FileKind::Positions => "positions",
            FileKind::Followers => "followers",
        }
    }
}

/// Wraps `body` in the header and CRC footer.
pub fn frame(kind: FileKind, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + body.len() + FOOTER_LEN);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(kind as u8);
    out.push(0);
    out.extend_from_slice(body);
    let crc = super::crc::crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// Checks the header (magic, version, kind) and, when given, the expected length.
/// Cheap: does not read the body. Returns the body's byte range.
pub fn check_header(
    file: &str,
    bytes: &[u8],
    kind: FileKind,
    expected_len: Option<u64>,
) -> Result<std::ops::Range<usize>> {
    if bytes.len() < 4 || bytes[..4] != MAGIC {
        return Err(Error::new(ErrorKind::NotAnIndexFile { file: file.to_owned() }));
    }
    if bytes.len() < HEADER_LEN + FOOTER_LEN {
        return Err(Error::new(ErrorKind::Truncated {
            file: file.to_owned(),
            expected: expected_len.unwrap_or((HEADER_LEN + FOOTER_LEN) as u64),
            got: bytes.len() as u64,
        }));
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != FORMAT_VERSION {
        return Err(Error::new(ErrorKind::UnsupportedVersion {
            file: file.to_owned(),
            expected: FORMAT_VERSION,
            got: version,
        }));
    }
    if bytes[6] != kind as u8 {
        return Err(Error::new(ErrorKind::WrongKind { file: file.to_owned(), expected: kind.name(), got: bytes[6] }));
    }
    if let Some(expected) = expected_len {
        if bytes.len() as u64 != expected {
            return Err(Error::new(ErrorKind::Truncated { file: file.to_owned(), expected, got: bytes.len() as u64 }));
        }
    }
    Ok(HEADER_LEN..bytes.len() - FOOTER_LEN)
}

/// Checks the CRC32 footer against the contents.
pub fn check_crc(file: &str, bytes: &[u8]) -> Result<()> {
    if bytes.len() < HEADER_LEN + FOOTER_LEN {
        return Err(Error::new(ErrorKind::Truncated {
            file: file.to_owned(),
            expected: (HEADER_LEN + FOOTER_LEN) as u64,
            got: bytes.len() as u64,
        }));
    }
    let (data, footer) = bytes.split_at(bytes.len() - FOOTER_LEN);
    let expected = u32::from_le_bytes(footer.try_into().expect("footer is 4 bytes"));
    let got = super::crc::crc32(data);
    if got != expected {
        return Err(Error::new(ErrorKind::Checksum { file: file.to_owned(), expected, got }));
    }
    Ok(())
}

/// Appends `v` as an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a varint length and the bytes of `s`.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_bytes(out, s.as_bytes());
}

/// Appends a varint length and `b`.
pub fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

/// A bounds-checked reader over a body; every error names the file.
pub struct Cursor<'a> {
    file: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(file: &'a str, bytes: &'a [u8]) -> Self {
        Self { file, bytes, at: 0 }
    }

    pub fn position(&self) -> usize {
        self.at
    }

    /// The same cursor at byte `at`.
    pub fn at(mut self, at: usize) -> Self {
        self.at = at;
        self
    }

    /// The length of the whole body read.
    pub fn body_len(&self) -> usize {
        self.bytes.len()
    }

    /// The file read, for messages.
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// Moves to byte `at` (at most the end).
    pub fn seek(&mut self, at: usize) -> Result<()> {
        if at > self.bytes.len() {
            return Err(self.eof("a seek"));
        }
        self.at = at;
        Ok(())
    }

    /// Passes over `n` varints without decoding them: each ends at a byte below
    /// 0x80, and those are counted eight bytes at a time.
    pub fn skip_varints(&mut self, n: u32) -> Result<()> {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let mut left = n as usize;
        while left >= 8 {
            let Some(chunk) = self.bytes.get(self.at..self.at + 8) else { break };
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            let ends = (!word & HIGH).count_ones() as usize;
            if ends > left {
                break;
            }
            self.at += 8;
            left -= ends;
        }
        while left > 0 {
            let b = *self.bytes.get(self.at).ok_or_else(|| self.eof("varint"))?;
            self.at += 1;
            left -= usize::from(b < 0x80);
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn eof(&self, what: &str) -> Error {
        Error::corrupt(self.file, format!("unexpected end of data reading {what} at byte {}", self.at))
    }

    pub fn u32(&mut self) -> Result<u32> {
        let b = self.bytes.get(self.at..self.at + 4).ok_or_else(|| self.eof("u32"))?;
        self.at += 4;
        Ok(u32::from_le_bytes(b.try_into().expect("4 bytes")))
    }

    pub fn varint(&mut self) -> Result<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or_else(|| self.eof("varint"))?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Error::corrupt(self.file, format!("varint longer than 10 bytes at byte {}", self.at)))
    }

    /// A varint that must fit in u32. Most are one byte (postings' gaps and
    /// frequencies): read inline, the rest by [`Cursor::varint`].
    #[inline]
    pub fn varint32(&mut self) -> Result<u32> {
        if let Some(&b) = self.bytes.get(self.at) {
            if b < 0x80 {
                self.at += 1;
                return Ok(u32::from(b));
            }
        }
        let v = self.varint()?;
        u32::try_from(v).map_err(|_| Error::corrupt(self.file, format!("value {v} out of range at byte {}", self.at)))
    }

    /// Skips the next `n` bytes if they are all zero (a column of documents
    /// without a value, say); `false`, and nothing read, otherwise.
    pub fn zeros(&mut self, n: usize) -> bool {
        let all = self
            .at
            .checked_add(n)
            .and_then(|end| self.bytes.get(self.at..end))
            .is_some_and(|b| b.iter().all(|&x| x == 0));
        if all {
            self.at += n;
        }
        all
    }

    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).ok_or_else(|| self.eof("bytes"))?;
        let b = self.bytes.get(self.at..end).ok_or_else(|| self.eof("bytes"))?;
        self.at = end;
        Ok(b)
    }

    /// A pack table (`varint P, P × varint first part`): the first part (shard
    /// or document) of each of the `packs` packs the manifest names, increasing
    /// from 0 and below `parts`, none when there are no parts. `what` names the
    /// packs and `part` their parts in messages ("store packs", "documents").
    pub fn pack_firsts(&mut self, packs: usize, parts: u64, what: &str, part: &str) -> Result<Vec<u32>> {
        let p = self.varint()?;
        if p != packs as u64 {
            return Err(Error::corrupt(self.file, format!("{p} {what}; the manifest names {packs}")));
        }
        let firsts: Vec<u32> = (0..p).map(|_| self.varint32()).collect::<Result<_>>()?;
        let starts_at_0 = firsts.first().is_none_or(|&f| f == 0) && (parts == 0) == firsts.is_empty();
        if !starts_at_0
            || !firsts.windows(2).all(|w| w[0] < w[1])
            || firsts.last().is_some_and(|&f| u64::from(f) >= parts)
        {
            return Err(Error::corrupt(self.file, format!("the {what}' first {part} are not increasing from 0")));
        }
        Ok(firsts)
    }

    /// A varint length followed by that many bytes.
    pub fn len_bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.varint32()?;
        self.bytes(n as usize)
    }

    /// A varint length followed by that many bytes of UTF-8.
    pub fn str(&mut self) -> Result<&'a str> {
        let n = self.varint()?;
        let n = usize::try_from(n).map_err(|_| self.eof("string"))?;
        let at = self.at;
        let b = self.bytes(n)?;
        std::str::from_utf8(b).map_err(|_| Error::corrupt(self.file, format!("invalid UTF-8 at byte {at}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framed_body_round_trips_and_checks() {
        let f = frame(FileKind::Docs, b"hello");
        let body = check_header("x", &f, FileKind::Docs, Some(f.len() as u64)).unwrap();
        assert_eq!(&f[body], b"hello");
        check_crc("x", &f).unwrap();
    }

    #[test]
    fn flipped_byte_reports_checksum_error() {
        let mut f = frame(FileKind::Docs, b"hello");
        f[9] ^= 1;
        assert!(matches!(check_crc("x", &f).unwrap_err().kind(), ErrorKind::Checksum { .. }));
    }

    #[test]
    fn wrong_magic_version_kind_and_length_are_distinguished() {
        let f = frame(FileKind::Dict, b"abc");
        let mut bad = f.clone();
        bad[0] = b'X';
        assert!(matches!(
            check_header("x", &bad, FileKind::Dict, None).unwrap_err().kind(),
            ErrorKind::NotAnIndexFile { .. }
        ));
        let mut bad = f.clone();
        bad[4] = 99;
        assert!(matches!(
            check_header("x", &bad, FileKind::Dict, None).unwrap_err().kind(),
            ErrorKind::UnsupportedVersion { got: 99, .. }
        ));
        assert!(matches!(
            check_header("x", &f, FileKind::Store, None).unwrap_err().kind(),
            ErrorKind::WrongKind { .. }
        ));
        assert!(matches!(
            check_header("x", &f[..f.len() - 1], FileKind::Dict, Some(f.len() as u64)).unwrap_err().kind(),
            ErrorKind::Truncated { .. }
        ));
    }

    #[test]
    fn varints_round_trip_and_reject_overlong() {
        let mut out = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            put_varint(&mut out, v);
        }
        let mut c = Cursor::new("x", &out);
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            assert_eq!(c.varint().unwrap(), v);
        }
        assert!(c.is_empty());
        let overlong = [0xffu8; 11];
        assert!(Cursor::new("x", &overlong).varint().is_err());
        assert!(Cursor::new("x", &[0x80]).varint().is_err());
    }
}
