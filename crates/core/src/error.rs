//! Errors of the core library: one [`Error`] carrying an [`ErrorKind`] with the facts,
//! and a message that says what to do about it.

use std::fmt;

/// What went wrong. New kinds may be added without a major version.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file does not start with Soi's magic bytes: not a Soi index file at all.
    NotAnIndexFile { file: String },
    /// The file was written by another format version.
    UnsupportedVersion { file: String, expected: u16, got: u16 },
    /// The file is a Soi file of another kind than the manifest says.
    WrongKind { file: String, expected: &'static str, got: u8 },
    /// The file is shorter or longer than its manifest entry, or than its own layout says.
    Truncated { file: String, expected: u64, got: u64 },
    /// The CRC32 at the end of the file does not match its contents.
    Checksum { file: String, expected: u32, got: u32 },
    /// The bytes pass the header checks but their structure is inconsistent.
    Corrupt { file: String, detail: String },
    /// The manifest is not valid JSON of the expected shape.
    Manifest { detail: String },
    /// A manifest of a format version this build cannot read.
    ManifestVersion { expected: u16, got: u16 },
    /// A file named by the manifest was not supplied to [`crate::Index::open`].
    MissingFile { file: String },
    /// A postings shard a query needs has not been added to the index (the caller
    /// fetches what `Index::missing_shards` names before searching).
    NotLoaded { file: String },
    /// The positions of postings shard `shard` are needed by a query that was
    /// not expected to need them (the caller fetches what
    /// `Index::missing_positions` names before searching, then this, and runs
    /// the query again).
    PositionsNotLoaded { shard: usize, file: String },
    /// A search option that cannot be used (an unknown facet, a date that is not
    /// one, an unknown sort order).
    InvalidOption { option: &'static str, value: String, expected: String },
}

/// The error type of `soi-core`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Self { kind }
    }

    pub(crate) fn corrupt(file: &str, detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::Corrupt { file: file.to_owned(), detail: detail.into() })
    }

    /// The facts of the error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

const REBUILD: &str = "rebuild the index with `soi build`";

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::NotAnIndexFile { file } => {
                write!(f, "{file} is not a Soi index file (wrong magic bytes); {REBUILD}")
            }
            ErrorKind::UnsupportedVersion { file, expected, got } => write!(
                f,
                "{file} has index format version {got}, this Soi reads version {expected}; {REBUILD} using this version of Soi"
            ),
            ErrorKind::WrongKind { file, expected, got } => {
                write!(f, "{file} should be a {expected} file but is of kind {got}; {REBUILD}")
            }
            ErrorKind::Truncated { file, expected, got } => write!(
                f,
                "{file} is {got} bytes but should be {expected}: it is truncated or from another build; {REBUILD} and upload all of its files"
            ),
            ErrorKind::Checksum { file, expected, got } => write!(
                f,
                "{file} is corrupt (checksum {got:08x}, expected {expected:08x}); {REBUILD} and upload all of its files"
            ),
            ErrorKind::Corrupt { file, detail } => write!(f, "{file} is corrupt: {detail}; {REBUILD}"),
            ErrorKind::Manifest { detail } => write!(f, "the index manifest is invalid: {detail}; {REBUILD}"),
            ErrorKind::ManifestVersion { expected, got } => write!(
                f,
                "the index has format version {got}, this Soi reads version {expected}; {REBUILD} using this version of Soi"
            ),
            ErrorKind::MissingFile { file } => {
                write!(f, "the index file {file} named by the manifest is missing; {REBUILD} and upload all of its files")
            }
            ErrorKind::NotLoaded { file } => {
                write!(f, "the index file {file} is needed but was not loaded; reload the page to fetch it again")
            }
            ErrorKind::PositionsNotLoaded { file, .. } => {
                write!(f, "{file} are needed but were not loaded; reload the page to fetch them again")
            }
            ErrorKind::InvalidOption { option, value, expected } => write!(f, "invalid {option} {value:?}: use {expected}"),
        }
    }
}

impl std::error::Error for Error {}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
