//! The page's TypeScript types name every word of each report vocabulary, and no other:
//! the unions in the hand-written `.d.ts` (src/wasm.rs) against the Rust enums' `ALL`.
//! tests/browser/report-types.test.mjs checks the other half: that every report the
//! core emits type-checks against that `.d.ts`.

use std::collections::BTreeSet;

use qb324::formats::OtherFormat;
use qb324::identity::MatchKind;
use qb324::input::TextEncoding;
use qb324::model::{ChartFormat, RegisterFormat, StatementFormat};
use qb324::report::{Code, PlanStepId, RecoveryBasis, RecoveryFormat, RejectReason};

const DTS: &str = include_str!("../src/wasm.rs");

/// The quoted words of `export type NAME = …;` in the .d.ts.
fn union(name: &str) -> BTreeSet<String> {
    let head = format!("export type {name} =");
    let start = DTS
        .find(&head)
        .unwrap_or_else(|| panic!("no `{head}` in the .d.ts"))
        + head.len();
    let body = &DTS[start..start + DTS[start..].find(';').expect("union ends with ;")];
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn words(names: impl Iterator<Item = &'static str>) -> BTreeSet<String> {
    names.map(str::to_string).collect()
}

#[test]
fn each_vocabulary_is_spelled_alike_in_rust_and_typescript() {
    let pairs = [
        ("TriggerCode", words(Code::ALL.iter().map(|c| c.name()))),
        (
            "ChartFormat",
            words(ChartFormat::ALL.iter().map(|f| f.name())),
        ),
        (
            "StatementFormat",
            words(StatementFormat::ALL.iter().map(|f| f.name())),
        ),
        (
            "RegisterFormat",
            words(RegisterFormat::ALL.iter().map(|f| f.name())),
        ),
        // The words of its own beside the three formats it joins.
        (
            "FileFormat",
            words(OtherFormat::ALL.iter().map(|f| f.name())),
        ),
        (
            "TextEncoding",
            words(TextEncoding::ALL.iter().map(|e| e.name())),
        ),
        ("MatchKind", words(MatchKind::ALL.iter().map(|k| k.name()))),
        (
            "RecoveryFormat",
            words(RecoveryFormat::ALL.iter().map(|f| f.name())),
        ),
        (
            "RecoveryBasis",
            words(RecoveryBasis::ALL.iter().map(|b| b.name())),
        ),
        (
            "RejectReason",
            words(RejectReason::ALL.iter().map(|r| r.name())),
        ),
        // The .d.ts also takes any string, for ids a later core adds (SPEC §5); the
        // quoted words are the ones this core knows.
        (
            "PlanStepId",
            words(PlanStepId::ALL.iter().map(|s| s.name())),
        ),
    ];
    for (ts, rust) in pairs {
        assert_eq!(
            union(ts),
            rust,
            "the .d.ts's {ts} and the Rust words differ"
        );
    }
}
