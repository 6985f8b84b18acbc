//! The two CRCs that guard an index in the reader: CRC-32 (IEEE 802.3, as in
//! gzip) in every file's footer, and the masked CRC-32C that `fst` writes at
//! the end of each dictionary.
//!
//! Natively, CRC-32 is `crc32fast`, which uses the CPU's carry-less multiply.
//! In the browser that crate, and `fst`'s own check, would each ship a 16 KB
//! table that gzip cannot shrink (a table of CRCs looks random): together about
//! 15% of the worker's download. So the wasm build computes both by
//! slicing-by-8 from tables built at their first use (8 KB of memory each, a
//! few microseconds), and no table ships. Tests check both against the crates.

/// The CRC-32 (IEEE) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    #[cfg(target_arch = "wasm32")]
    {
        sliced(ieee(), data)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        crc32fast::hash(data)
    }
}

/// Checks the checksum `fst` writes at the end of a dictionary (version 3 and
/// later): the masked CRC-32C of all the bytes before it. Does what
/// `fst::raw::Fst::verify` does, without its table.
pub fn fst_checksum(bytes: &[u8]) -> Result<(), &'static str> {
    if bytes.len() < 36 {
        return Err("it is too short to be an fst");
    }
    let version = u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes"));
    if version < 3 {
        return Err("it is not an fst with a checksum (fst 0.4 writes version 3)");
    }
    let (data, tail) = bytes.split_at(bytes.len() - 4);
    let expected = u32::from_le_bytes(tail.try_into().expect("4 bytes"));
    let sum = sliced(castagnoli(), data);
    let masked = (sum.rotate_right(15)).wrapping_add(0xA282_EAD8);
    if masked == expected {
        Ok(())
    } else {
        Err("its checksum does not match its bytes")
    }
}

type Tables = [[u32; 256]; 8];

/// `t[0]` is the byte-at-a-time table of the reflected polynomial `poly`;
/// `t[k][b]` is the CRC of byte `b` followed by `k` zero bytes, so that eight
/// bytes fold in one step.
fn build_tables(poly: u32) -> Box<Tables> {
    let mut t = Box::new([[0u32; 256]; 8]);
    for b in 0..256u32 {
        let mut c = b;
        for _ in 0..8 {
            c = if c & 1 == 1 { (c >> 1) ^ poly } else { c >> 1 };
        }
        t[0][b as usize] = c;
    }
    for b in 0..256 {
        for k in 1..8 {
            let prev = t[k - 1][b];
            t[k][b] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
        }
    }
    t
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn ieee() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Box<Tables>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| build_tables(0xEDB8_8320))
}

fn castagnoli() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Box<Tables>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| build_tables(0x82F6_3B78))
}

/// The reflected CRC of `data` by slicing-by-8 (initial value and final xor
/// all ones, as both CRCs here use).
fn sliced(t: &Tables, data: &[u8]) -> u32 {
    let mut crc = !0u32;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let lo = crc ^ u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        let hi = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
        crc = t[7][(lo & 0xFF) as usize]
            ^ t[6][((lo >> 8) & 0xFF) as usize]
            ^ t[5][((lo >> 16) & 0xFF) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][(hi & 0xFF) as usize]
            ^ t[2][((hi >> 8) & 0xFF) as usize]
            ^ t[1][((hi >> 16) & 0xFF) as usize]
            ^ t[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        crc = (crc >> 8) ^ t[0][((crc ^ u32::from(b)) & 0xFF) as usize];
    }
    !crc
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn check_values() {
        // The catalogued check values of CRC-32/ISO-HDLC and CRC-32C.
        assert_eq!(sliced(ieee(), b"123456789"), 0xCBF4_3926);
        assert_eq!(sliced(castagnoli(), b"123456789"), 0xE306_9283);
        assert_eq!(sliced(ieee(), b""), 0);
    }

    fn fst_of(keys: &[String]) -> Vec<u8> {
        let mut keys = keys.to_vec();
        keys.sort();
        keys.dedup();
        fst::Set::from_iter(keys).unwrap().into_fst().into_inner()
    }

    proptest! {
        #[test]
        fn crc32_agrees_with_crc32fast(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
            prop_assert_eq!(sliced(ieee(), &data), crc32fast::hash(&data));
        }

        #[test]
        fn fst_checksum_agrees_with_fst(
            keys in proptest::collection::vec("[a-zđ]{1,8}", 0..40),
            flip in any::<proptest::sample::Index>(),
            bit in 0u8..8,
        ) {
            let mut bytes = fst_of(&keys);
            let ours = fst_checksum(&bytes);
            let theirs = fst::raw::Fst::new(bytes.clone()).unwrap().verify();
            prop_assert!(ours.is_ok() && theirs.is_ok());
            // One bit changed anywhere: both refuse it (or fst's parse does).
            let i = flip.index(bytes.len());
            bytes[i] ^= 1 << bit;
            let theirs = fst::raw::Fst::new(bytes.clone()).map(|f| f.verify().is_ok()).unwrap_or(false);
            prop_assert_eq!(fst_checksum(&bytes).is_ok(), theirs);
        }
    }
}
