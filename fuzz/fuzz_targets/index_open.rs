#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soi_fuzz::index_open(data));
