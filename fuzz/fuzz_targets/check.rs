//! The whole pipeline (sniff, read, match, rules, report) on two arbitrary files.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.first().map_or(0, |&b| usize::from(b)).min(data.len());
    let (a, b) = data.split_at(split);
    let files = [
        qb324::InputFile::new("a.csv", a),
        qb324::InputFile::new("b.ofx", b),
    ];
    let today = qb324::model::Date::new(2026, 11, 30).ok();
    let _ = qb324::check(&files, &qb324::Options { today });
});
