//! The streaming face (what the page's worker drives): one file fed to `FileStream` in
//! chunks whose sizes the input picks, checked with `check_reads`. It must not panic,
//! and must give exactly the report `check` gives for the same bytes read whole (the
//! head sniff sees the same 64 KiB however the file is cut).
#![no_main]
use libfuzzer_sys::fuzz_target;
use qb324::formats::{FileStream, RoleHint};

const NAMES: [&str; 4] = ["a.csv", "Chase4821_Activity.CSV", "card.qfx", "coa.xlsx"];
const ROLES: [RoleHint; 3] = [RoleHint::Any, RoleHint::Chart, RoleHint::Statement];

fuzz_target!(|data: &[u8]| {
    let (&pick, rest) = data.split_first().unwrap_or((&0, &[]));
    let (sizes, bytes) = rest.split_at(rest.len().min(4));
    let name = NAMES[usize::from(pick) % 4];
    let role = ROLES[usize::from(pick >> 2) % 3];
    let options = qb324::Options {
        today: qb324::model::Date::new(2026, 11, 30).ok(),
        ..Default::default()
    };
    let mut stream = FileStream::new(name, role);
    let mut left = bytes;
    let mut k = 0;
    while !left.is_empty() {
        let n = sizes.get(k % sizes.len().max(1)).map_or(7, |&s| usize::from(s) + 1);
        let (chunk, tail) = left.split_at(n.min(left.len()));
        stream.feed(chunk);
        left = tail;
        k += 1;
    }
    let streamed = qb324::check_reads(vec![stream.finish()], &options);
    let whole = qb324::check(
        &[qb324::InputFile::new(name, bytes).with_role(role)],
        &options,
    );
    assert_eq!(streamed, whole);
});
