//! A fast hash for maps of words and terms.
//!
//! Analysing a corpus looks up every word of every article in a map (each
//! word's analysis, each term's postings): hundreds of millions of lookups of
//! keys a few bytes long at 100,000 articles; a snippet looks up each distinct
//! word of its article among the query's. The standard library's SipHash
//! guards a server against keys chosen to collide; a build reads its owner's
//! own articles, a search the words of its index, and FxHash (`rustc-hash`,
//! the compiler's own) is several times faster. Only for maps that are looked
//! up, never iterated in their order into an index or an answer (which
//! therefore do not depend on the hash).

/// A map of words or terms, hashed with FxHash.
pub(crate) type WordMap<K, V> = rustc_hash::FxHashMap<K, V>;
