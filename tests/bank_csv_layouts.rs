//! Holds the layout sniffer to every CSV entry of `../shared/fixtures/real/EXPECTED.json`:
//! delimiter, decimal separator, date order, header line and amount style. A `null`
//! in EXPECTED means the file cannot tell, so any answer is accepted.

mod common;

use std::path::PathBuf;

use qb324::formats::bank_csv::{detect_layout, AmountStyle, DateOrder};
use qb324::formats::text::DecimalSeparator;
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    common::real_dir()
}

fn decode(bytes: &[u8]) -> String {
    qb324::input::decode(bytes).text
}

#[test]
fn every_real_csv_layout_is_sniffed() {
    let dir = fixtures_dir();
    let expected: Value =
        serde_json::from_slice(&std::fs::read(dir.join("EXPECTED.json")).expect("EXPECTED.json"))
            .expect("EXPECTED.json parses");
    let mut bad = Vec::new();
    let mut checked = 0;
    for (path, exp) in expected["files"].as_object().expect("files") {
        if exp["format"].as_str() != Some("csv") {
            continue;
        }
        checked += 1;
        let text = decode(&std::fs::read(dir.join(path)).expect("fixture"));
        let Some(layout) = detect_layout(&text) else {
            bad.push(format!("{path}: no layout"));
            continue;
        };
        let mut check = |what: &str, want: &Value, got: String| {
            if let Some(w) = want.as_str() {
                if w != got {
                    bad.push(format!("{path}: {what}: want {w}, got {got}"));
                }
            } else if let Some(w) = want.as_u64() {
                if w.to_string() != got {
                    bad.push(format!("{path}: {what}: want {w}, got {got}"));
                }
            }
        };
        check(
            "delimiter",
            &exp["delimiter"],
            match layout.delimiter {
                b'\t' => "\\t".to_string(),
                d => (d as char).to_string(),
            },
        );
        check(
            "decimal_separator",
            &exp["decimal_separator"],
            match layout.decimal {
                DecimalSeparator::Dot => ".".into(),
                DecimalSeparator::Comma => ",".into(),
            },
        );
        check(
            "date_order",
            &exp["date_order"],
            match layout.date_order {
                Some(DateOrder::Dmy) => "DMY".into(),
                Some(DateOrder::Mdy) => "MDY".into(),
                Some(DateOrder::Ymd) => "YMD".into(),
                None => "none".into(),
            },
        );
        // A null header_line means "headerless": that one is asserted too.
        let header = layout
            .header_line
            .map(|h| h.to_string())
            .unwrap_or_else(|| "null".into());
        let want_header = if exp["header_line"].is_null() {
            Value::String("null".into())
        } else {
            exp["header_line"].clone()
        };
        check("header_line", &want_header, header);
        check(
            "amount_style",
            &exp["amount_style"],
            match layout.amount_style {
                AmountStyle::Signed => "signed".into(),
                AmountStyle::DebitCredit => "debit_credit".into(),
                AmountStyle::UnsignedWithCrFlag => "unsigned_with_cr_flag".into(),
            },
        );
    }
    assert_eq!(checked, 30, "EXPECTED.json lists 30 CSV files");
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
