//! `manifest.json`: the one small mutable file of an index. It names the
//! content-hashed binary files, their sizes and CRCs, and the format version.
//!
//! ```json
//! {
//!   "format": "soi-index",
//!   "format_version": 5,
//!   "documents": 5,
//!   "terms": 1234,
//!   "files": {
//!     "dict": ["dict.3f9a….bin", 9000],
//!     "terms": ["terms.….bin", 1300],
//!     "docs": ["docs.….bin", 900],
//!     "postings": [["postings.….bin", 9000], …],
//!     "store": [["store.….bin", 25000], …]
//!   }
//! }
//! ```
//! (written on one line). Each file is `[name, size in bytes]`: the name is a hash
//! of the content, and every file carries its own CRC32, so nothing more is
//! needed. The manifest is fetched before anything else, and at 100,000 articles it
//! names over 7,000 files, so each entry is kept short.
//!
//! File paths are bare file names in the manifest's folder; anything else (a slash,
//! `..`, a leading dot) is rejected, so a hostile manifest cannot point a reader at
//! other files.

use serde::{Deserialize, Serialize};

use super::format::FORMAT_VERSION;
use crate::error::{Error, ErrorKind, Result};

/// The value of the manifest's `format` field.
pub const MANIFEST_FORMAT: &str = "soi-index";

/// The name of the manifest file inside an index folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// One binary file of the index, written `[name, bytes]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// File name, relative to the manifest's folder.
    pub path: String,
    /// Exact size in bytes.
    pub bytes: u64,
}

impl Serialize for FileEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        (&self.path, self.bytes).serialize(s)
    }
}

impl<'de> Deserialize<'de> for FileEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let (path, bytes) = <(String, u64)>::deserialize(d)?;
        Ok(FileEntry { path, bytes })
    }
}

/// The binary files of the index, by role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFiles {
    /// The fst dictionary: always fetched.
    pub dict: FileEntry,
    /// Document frequencies and the shard table: always fetched.
    pub terms: FileEntry,
    /// The document table: always fetched.
    pub docs: FileEntry,
    /// Postings shards by term range, fetched when a query needs one of their terms.
    pub postings: Vec<FileEntry>,
    /// Article text in packs, one slot per document, fetched by range when a result is shown.
    pub store: Vec<FileEntry>,
}

/// The parsed `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u16,
    /// Number of documents.
    pub documents: u32,
    /// Number of distinct (folded, surface) terms in the dictionary.
    pub terms: u32,
    pub files: ManifestFiles,
}

impl Manifest {
    /// Parses and validates a manifest. A manifest of another format version is
    /// reported as such even when the rest of its shape changed.
    pub fn parse(json: &str) -> Result<Manifest> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| Error::new(ErrorKind::Manifest { detail: e.to_string() }))?;
        Manifest::check_format(
            value.get("format").and_then(|f| f.as_str()),
            value.get("format_version").and_then(|v| v.as_u64()),
        )?;
        let manifest: Manifest =
            serde_json::from_value(value).map_err(|e| Error::new(ErrorKind::Manifest { detail: e.to_string() }))?;
        manifest.check_paths()
    }

    /// Checks the `format` and `format_version` fields before the rest is read, so
    /// that a manifest of another version is reported as such even when its shape
    /// changed. For readers that parse the JSON themselves (the browser app uses
    /// the browser's `JSON.parse`); [`Manifest::parse`] calls it.
    pub fn check_format(format: Option<&str>, version: Option<u64>) -> Result<()> {
        if format != Some(MANIFEST_FORMAT) {
            return Err(Error::new(ErrorKind::Manifest {
                detail: format!("\"format\" is not \"{MANIFEST_FORMAT}\": this is not a Soi index manifest"),
            }));
        }
        match version {
            Some(v) if v == u64::from(FORMAT_VERSION) => Ok(()),
            Some(v) => Err(Error::new(ErrorKind::ManifestVersion {
                expected: FORMAT_VERSION,
                got: u16::try_from(v).unwrap_or(u16::MAX),
            })),
            None => Err(Error::new(ErrorKind::Manifest { detail: "\"format_version\" is missing".into() })),
        }
    }

    /// Rejects file paths that are not plain file names. [`Manifest::parse`] calls it.
    pub fn check_paths(self) -> Result<Manifest> {
        for entry in self.entries() {
            if !is_safe_file_name(&entry.path) {
                return Err(Error::new(ErrorKind::Manifest {
                    detail: format!("file path {:?} is not a plain file name", entry.path),
                }));
            }
        }
        Ok(self)
    }

    /// JSON on one line, with a trailing newline; the same manifest gives the same
    /// bytes.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string(self).expect("manifest serialises");
        s.push('\n');
        s
    }

    /// Every binary file, in a fixed order: dict, terms, docs, postings shards,
    /// store packs.
    pub fn entries(&self) -> impl Iterator<Item = &FileEntry> {
        let f = &self.files;
        [&f.dict, &f.terms, &f.docs].into_iter().chain(f.postings.iter()).chain(f.store.iter())
    }

    /// The files every search needs before its first result: dict, terms, docs.
    pub fn root_entries(&self) -> [&FileEntry; 3] {
        [&self.files.dict, &self.files.terms, &self.files.docs]
    }

    /// Total bytes of the binary files.
    pub fn total_bytes(&self) -> u64 {
        self.entries().map(|e| e.bytes).sum()
    }
}

fn is_safe_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 128
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(p: &str) -> FileEntry {
        FileEntry { path: p.into(), bytes: 1 }
    }

    fn sample() -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT.into(),
            format_version: FORMAT_VERSION,
            documents: 1,
            terms: 2,
            files: ManifestFiles {
                dict: entry("dict.a.bin"),
                terms: entry("terms.a.bin"),
                docs: entry("docs.a.bin"),
                postings: vec![entry("postings.a.bin")],
                store: vec![entry("store.a.bin")],
            },
        }
    }

    #[test]
    fn manifest_round_trips_through_json() {
        let m = sample();
        assert_eq!(Manifest::parse(&m.to_json()).unwrap(), m);
    }

    #[test]
    fn other_format_version_is_reported_as_version_error() {
        let other = FORMAT_VERSION + 1;
        let json = sample()
            .to_json()
            .replace(&format!("\"format_version\":{FORMAT_VERSION}"), &format!("\"format_version\":{other}"));
        assert!(json.contains(&format!("\"format_version\":{other}")));
        assert_eq!(
            Manifest::parse(&json).unwrap_err().kind(),
            &ErrorKind::ManifestVersion { expected: FORMAT_VERSION, got: other }
        );
    }

    #[test]
    fn path_escaping_the_index_folder_is_rejected() {
        let json = sample().to_json().replace("docs.a.bin", "../../etc/passwd");
        assert!(matches!(Manifest::parse(&json).unwrap_err().kind(), ErrorKind::Manifest { .. }));
    }

    #[test]
    fn garbage_is_a_manifest_error() {
        assert!(matches!(Manifest::parse("<html>").unwrap_err().kind(), ErrorKind::Manifest { .. }));
        assert!(matches!(Manifest::parse("{}").unwrap_err().kind(), ErrorKind::Manifest { .. }));
    }
}
