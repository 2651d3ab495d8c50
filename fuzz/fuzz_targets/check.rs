//! The whole pipeline (sniff, read, match, rules, report) on two arbitrary files. The
//! first byte splits the data, the second picks each file's name and role hint (names
//! matter: the bank CSV reader takes account kinds and numbers from them).
#![no_main]
use libfuzzer_sys::fuzz_target;
use qb324::formats::RoleHint;

const NAMES: [&str; 4] = ["a.csv", "Chase Checking 1234.ofx", "card.qfx", "list.iif"];
const ROLES: [RoleHint; 3] = [RoleHint::Any, RoleHint::Chart, RoleHint::Statement];

fuzz_target!(|data: &[u8]| {
    let (&split, rest) = data.split_first().unwrap_or((&0, &[]));
    let (&pick, rest) = rest.split_first().unwrap_or((&0, &[]));
    let (a, b) = rest.split_at(usize::from(split).min(rest.len()));
    let pick = usize::from(pick);
    let files = [
        qb324::InputFile::new(NAMES[pick % 2], a).with_role(ROLES[(pick >> 2) % 3]),
        qb324::InputFile::new(NAMES[2 + (pick >> 1) % 2], b).with_role(ROLES[(pick >> 4) % 3]),
    ];
    let today = qb324::model::Date::new(2026, 11, 30).ok();
    let report = qb324::check(&files, &qb324::Options {
        today,
        ..Default::default()
    });
    // Every problem names one of the two files.
    assert!(report
        .problems
        .iter()
        .all(|p| files.iter().any(|f| f.name == p.file)));
});
