//! The xlsx reader on any bytes: it must return, never panic or hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = qb324::formats::xlsx::read("fuzz.xlsx", data);
});
