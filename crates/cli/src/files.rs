//! Index files on disk are gzip-compressed: article text and postings shrink about
//! threefold, whatever the host does (many serve `.bin` files uncompressed), and
//! the browser undoes it with its own `DecompressionStream`, so no decompressor is
//! shipped in the app. Inside the gzip is the framed file `soi-core` defines
//! (magic, version, kind, body, CRC32); its name is the hash of that content.
//!
//! Packs are the exception (postings and store): a browser fetches one part of a
//! shard (its lists, followers or positions) or one document's slot of a pack by an
//! HTTP range request, so a pack is stored as it is (each part of it is already
//! a gzip member).

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{anyhow, Result};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::{Compression, GzBuilder};

/// The first two bytes of a gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// `bytes` gzip-compressed, the same output for the same input (no time or name
/// in the header).
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut enc: GzEncoder<Vec<u8>> = GzBuilder::new().mtime(0).write(Vec::new(), Compression::best());
    enc.write_all(bytes).expect("writing to memory cannot fail");
    enc.finish().expect("writing to memory cannot fail")
}

/// Whether `file` is a pack, stored as it is (see above); the others are stored
/// gzip-compressed ([`compress`]).
pub fn is_pack(file: &soi_core::index::IndexFile) -> bool {
    use soi_core::index::FileKind;
    matches!(file.kind, FileKind::Store | FileKind::Postings)
}

/// Reads an index file, decompressing it when it is gzip (files written without
/// compression are read as they are). At most `limit + 1` bytes are decompressed,
/// the size the manifest gives, so a hostile file cannot fill the memory. `None`
/// when the file does not exist; an error naming the file when it is not valid
/// gzip.
pub fn read(path: &Path, limit: u64) -> Result<Option<Vec<u8>>> {
    let raw = match fs::read(path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(anyhow!("cannot read {}: {e}", path.display())),
    };
    if !raw.starts_with(&GZIP_MAGIC) {
        return Ok(Some(raw));
    }
    let corrupt = |why: String| {
        anyhow!("{} is corrupt ({why}); rebuild the index with `soi build` and upload all of its files", path.display())
    };
    let mut out = Vec::with_capacity(limit.min(64 << 20) as usize);
    GzDecoder::new(&raw[..])
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| corrupt(format!("it does not decompress: {e}")))?;
    // Stopping early would skip gzip's own checksum at the end: a file that
    // decompresses to more than the manifest says is wrong anyway.
    if out.len() as u64 > limit {
        return Err(corrupt(format!("it decompresses to more than the {limit} bytes the manifest gives")));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_round_trips_and_is_deterministic() {
        let text = "Đại hội chi bộ nhiệm kỳ 2020 – 2025. ".repeat(200);
        let packed = compress(text.as_bytes());
        assert_eq!(packed, compress(text.as_bytes()));
        assert!(packed.len() * 5 < text.len());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.bin");
        fs::write(&path, &packed).unwrap();
        assert_eq!(read(&path, text.len() as u64).unwrap().unwrap(), text.as_bytes());
        // Never more than the manifest's size.
        assert!(read(&path, 10).unwrap_err().to_string().contains("more than the 10 bytes"));
        fs::write(&path, b"plain").unwrap();
        assert_eq!(read(&path, 5).unwrap().unwrap(), b"plain");
        assert!(read(&dir.path().join("missing.bin"), 5).unwrap().is_none());
        let mut broken = packed.clone();
        let mid = broken.len() / 2;
        broken[mid] ^= 0xff;
        fs::write(&path, &broken).unwrap();
        let e = read(&path, text.len() as u64).unwrap_err().to_string();
        assert!(e.contains("x.bin is corrupt") && e.contains("soi build"), "{e}");
    }
}
