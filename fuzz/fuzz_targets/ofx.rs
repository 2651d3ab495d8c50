//! The OFX reader on any text: it must return, never panic or hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = qb324::input::decode(data).text;
    let _ = qb324::formats::ofx::read("fuzz.ofx", &text);
});
