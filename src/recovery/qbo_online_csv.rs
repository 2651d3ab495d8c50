//! QuickBooks Online's bank upload CSV ("Upload from file"): the three-column layout
//! `Date, Description, Amount`, one signed amount (money out negative), a header row,
//! and each file under QuickBooks Online's 350 KB upload limit.
//!
//! Spreadsheet-safe: a description a spreadsheet would run as a formula (one that begins
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, the mark
//! spreadsheets read as "text"; amounts stay plain numbers.

use crate::model::{Date, Money};

/// One row of the upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadRow {
    pub date: Date,
    pub description: String,
    pub amount: Money,
}

/// Date order of the upload: QuickBooks Online's import asks which one a file uses;
/// this writes the one the company's country writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// `11/30/2026` (United States).
    MonthFirst,
    /// `30/11/2026` (Canada, the United Kingdom, Australia, ...).
    DayFirst,
}

impl DateOrder {
    /// Month first for US dollars or an unknown currency, day first otherwise.
    pub fn for_currency(currency: Option<&str>) -> DateOrder {
        match currency.map(str::to_ascii_uppercase).as_deref() {
            None | Some("USD") | Some("") => DateOrder::MonthFirst,
            Some(_) => DateOrder::DayFirst,
        }
    }
}

/// The header every file starts with.
pub const HEADER: &str = "Date,Description,Amount\r\n";

/// A description as text a spreadsheet will not run, quoted as CSV needs.
pub fn safe_description(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let clean = if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{clean}")
    } else {
        clean
    };
    let needs_quotes = clean.contains([',', '"', '\r', '\t', '\'']) || clean.starts_with(' ');
    if needs_quotes {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean
    }
}

fn line(row: &UploadRow, order: DateOrder) -> String {
    let (y, m, d) = (row.date.year(), row.date.month(), row.date.day());
    let date = match order {
        DateOrder::MonthFirst => format!("{m:02}/{d:02}/{y:04}"),
        DateOrder::DayFirst => format!("{d:02}/{m:02}/{y:04}"),
    };
    // Two decimals as QuickBooks stores money (a bank's `-3.77000` is `-3.77`).
    let cents = (row.amount.0 as f64 / 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!(
        "{date},{},{sign}{}.{:02}\r\n",
        safe_description(&row.description),
        abs / 100,
        abs % 100
    )
}

/// Writes the rows (oldest first) as files of at most `limit` bytes each.
pub fn write(rows: &[UploadRow], order: DateOrder, limit: usize) -> Vec<Vec<u8>> {
    let mut files: Vec<Vec<u8>> = Vec::new();
    let mut current = HEADER.as_bytes().to_vec();
    let mut in_current = 0usize;
    for row in rows {
        let l = line(row, order);
        if in_current > 0 && current.len() + l.len() > limit {
            files.push(std::mem::replace(&mut current, HEADER.as_bytes().to_vec()));
            in_current = 0;
        }
        current.extend_from_slice(l.as_bytes());
        in_current += 1;
    }
    if in_current > 0 {
        files.push(current);
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_amounts_stay_numbers() {
        assert_eq!(
            safe_description("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(safe_description("-Refund"), "\"'-Refund\"");
        assert_eq!(safe_description("@SUM"), "\"'@SUM\"");
        assert_eq!(safe_description("Coffee"), "Coffee");
        let rows = [UploadRow {
            date: Date::new(2026, 11, 3).unwrap(),
            description: "+1 555".into(),
            amount: Money::parse_plain("-1234.5").unwrap(),
        }];
        let out = write(&rows, DateOrder::MonthFirst, 350_000);
        assert_eq!(
            String::from_utf8(out[0].clone()).unwrap(),
            "Date,Description,Amount\r\n11/03/2026,\"'+1 555\",-1234.50\r\n"
        );
    }
}
