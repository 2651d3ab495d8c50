//! QuickBooks chart-of-accounts CSV exports: the QBO Account List report and
//! chart-of-accounts page, and the QuickBooks Desktop Account Listing report.
//!
//! The rows are split by [`super::delimited`] (rust-csv does the quoting) and read by the shared
//! [`super::chart_columns::read_rows`], so an Excel export of the same report gives
//! the same accounts.

use super::chart_columns::{self, Container};
use super::delimited;
use super::ChartRead;

/// Delimiters a chart export may use: QuickBooks writes commas; a re-saved file may
/// carry tabs or (in comma-decimal locales) semicolons.
const DELIMITERS: &[u8] = b",\t;";

/// Rows of a chart read at most: QuickBooks Desktop Enterprise, the largest, holds about
/// 100,000 accounts; a file of millions of tiny rows stops here instead of holding each
/// as an account (2M rows took 850 MB).
const MAX_ROWS: usize = 250_000;

/// How many records are split to decide whether a file is a chart.
const SNIFF_RECORDS: usize = 100;

/// Picks the delimiter whose split of the first records holds an account-list header.
fn delimiter_of(text: &str) -> Option<u8> {
    DELIMITERS.iter().copied().find(|&d| {
        let head = delimited::head(text, d, chart_columns::HEADER_SEARCH_ROWS);
        chart_columns::find_header(&head).is_some()
    })
}

/// Whether delimited text is a QuickBooks chart-of-accounts export rather than a bank
/// CSV, by its header: an account-name and a type column, no transaction column (date,
/// amount, debit, ...), and a column only charts have or a row with a QuickBooks type.
pub fn looks_like_chart(text: &str) -> bool {
    DELIMITERS
        .iter()
        .any(|&d| chart_columns::rows_look_like_chart(&delimited::head(text, d, SNIFF_RECORDS)))
}

/// Reads a chart-of-accounts CSV export. No chart and an Error problem when the file
/// has no account-list header.
pub fn read(file: &str, text: &str) -> ChartRead {
    let Some(delimiter) = delimiter_of(text) else {
        return ChartRead {
            chart: None,
            problems: vec![chart_columns::no_header_problem(file)].into(),
        };
    };
    let (rows, stopped) = delimited::split(text, delimiter, MAX_ROWS + 1);
    let mut read =
        chart_columns::read_rows(file, &rows[..rows.len().min(MAX_ROWS)], Container::Csv);
    if let Some(stop) = stopped {
        read.problems
            .push(stop.problem(file, "the accounts", "the chart of accounts"));
    }
    if rows.len() > MAX_ROWS {
        read.problems.push(crate::model::Problem::error(
            file,
            rows.get(MAX_ROWS).map(|r| r.0),
            crate::model::ProblemKind::Suspicious,
            format!(
                "The file has more than {} rows, more than any QuickBooks chart of accounts; \
                 only the first {} were read.",
                super::problems::thousands(MAX_ROWS),
                super::problems::thousands(MAX_ROWS)
            ),
        ));
    }
    read
}
