//! One reader per input format, and the dispatcher that picks one by content.
//!
//! Every reader returns what it could read *and* the problems it met, each with file
//! and line: a bad date on one row is a problem on that row, not a failed file. No
//! reader panics on any input.

pub mod bank_csv;
pub mod chart_columns;
pub mod chart_csv;
pub mod iif;
pub mod ofx;
pub mod text;
pub mod xlsx;

use serde::Serialize;

use crate::input::{self, Sniffed, TextEncoding};
use crate::model::{Chart, ListedAccount, Problem, ProblemKind, Statement};

/// Statements read from one file, with the problems met.
#[derive(Debug, Default)]
pub struct StatementsRead {
    pub statements: Vec<Statement>,
    /// Accounts a bank's account list names (OFX `ACCTINFORS`), statement or not.
    pub listed_accounts: Vec<ListedAccount>,
    pub problems: Vec<Problem>,
}

/// A chart read from one file (none when unreadable), with the problems met.
#[derive(Debug, Default)]
pub struct ChartRead {
    pub chart: Option<Chart>,
    pub problems: Vec<Problem>,
}

/// What a file turned out to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chart,
    Statement,
    #[default]
    Unknown,
}

/// What the caller says a file is; `Any` lets the content decide (SPEC §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RoleHint {
    #[default]
    Any,
    Chart,
    Statement,
}

/// Everything read from one file.
#[derive(Debug, Default)]
pub struct FileRead {
    pub file: String,
    pub role: Role,
    /// Format label as in the report (`qbo-csv`, `ofx-sgml`, `csv`, ...).
    pub format: Option<&'static str>,
    pub encoding: Option<TextEncoding>,
    pub chart: Option<Chart>,
    pub statements: Vec<Statement>,
    pub listed_accounts: Vec<ListedAccount>,
    pub problems: Vec<Problem>,
}

/// Reads one file: decodes it, sniffs what it is, and runs the matching reader.
pub fn read_file(name: &str, bytes: &[u8], hint: RoleHint) -> FileRead {
    let mut read = FileRead {
        file: name.to_string(),
        ..FileRead::default()
    };
    if let Some(sniffed) = input::sniff::sniff_magic(bytes) {
        match sniffed {
            Sniffed::Empty => {
                read.problems.push(Problem::error(
                    name,
                    None,
                    ProblemKind::Unrecognized,
                    "The file is empty.",
                ));
                return read;
            }
            Sniffed::Binary { what } => {
                read.problems.push(Problem::error(
                    name,
                    None,
                    ProblemKind::Unrecognized,
                    format!(
                        "This is {what}, not an export qb324 can read. Export the chart of accounts \
                         as CSV or Excel from QuickBooks, and statements as CSV, OFX, QFX or QBO from your bank."
                    ),
                ));
                return read;
            }
            Sniffed::Xlsx => {
                let r = xlsx::read(name, bytes);
                read.role = if r.chart.is_some() {
                    Role::Chart
                } else {
                    Role::Unknown
                };
                read.format = r.chart.as_ref().map(|c| chart_format_label(c.format));
                read.chart = r.chart;
                read.problems = r.problems;
                return check_role(read, hint);
            }
            Sniffed::Ofx | Sniffed::Iif | Sniffed::Delimited => {}
        }
    }
    let decoded = input::decode(bytes);
    read.encoding = Some(decoded.encoding);
    let text = decoded.text.as_str();
    match input::sniff::sniff_text(text) {
        Sniffed::Empty => {
            read.problems.push(Problem::error(
                name,
                None,
                ProblemKind::Unrecognized,
                "The file is empty.",
            ));
        }
        Sniffed::Ofx => {
            let r = ofx::read(name, text);
            read.role = Role::Statement;
            read.format = r
                .statements
                .first()
                .and_then(|s| s.format)
                .map(statement_format_label)
                .or(Some("ofx"));
            read.statements = r.statements;
            read.listed_accounts = r.listed_accounts;
            read.problems = r.problems;
            if read.statements.is_empty() {
                read.role = Role::Unknown;
            }
        }
        Sniffed::Iif => {
            let r = iif::read(name, text);
            read.role = if r.chart.is_some() {
                Role::Chart
            } else {
                Role::Unknown
            };
            read.format = Some("iif");
            read.chart = r.chart;
            read.problems = r.problems;
        }
        Sniffed::Delimited => {
            let as_chart = match hint {
                RoleHint::Chart => true,
                RoleHint::Statement => false,
                RoleHint::Any => chart_csv::looks_like_chart(text),
            };
            if as_chart {
                let r = chart_csv::read(name, text);
                read.role = if r.chart.is_some() {
                    Role::Chart
                } else {
                    Role::Unknown
                };
                read.format = r.chart.as_ref().map(|c| chart_format_label(c.format));
                read.chart = r.chart;
                read.problems = r.problems;
            } else {
                let r = bank_csv::read(name, text);
                read.role = if r.statements.is_empty() {
                    Role::Unknown
                } else {
                    Role::Statement
                };
                read.format = Some("csv");
                read.statements = r.statements;
                read.problems = r.problems;
            }
        }
        Sniffed::Binary { what } => {
            read.problems.push(Problem::error(
                name,
                None,
                ProblemKind::Unrecognized,
                format!("This is {what}, not an export qb324 can read."),
            ));
        }
        Sniffed::Xlsx => {}
    }
    if decoded.had_errors {
        read.problems.push(Problem::warning(
            name,
            None,
            ProblemKind::Encoding,
            "Some bytes could not be decoded as text and were replaced; names may show odd characters.",
        ));
    }
    check_role(read, hint)
}

/// Tells the user when a file is not what they said it was (a chart dropped as a
/// statement), keeping what was read.
fn check_role(mut read: FileRead, hint: RoleHint) -> FileRead {
    let mismatch = match (hint, read.role) {
        (RoleHint::Chart, Role::Statement) => {
            Some("was given as a chart of accounts but is a bank statement")
        }
        (RoleHint::Statement, Role::Chart) => {
            Some("was given as a bank statement but is a chart of accounts")
        }
        _ => None,
    };
    if let Some(what) = mismatch {
        let message = format!("This file {what}; it is used as what it is.");
        read.problems.push(Problem::warning(
            &read.file,
            None,
            ProblemKind::WrongRole,
            message,
        ));
    }
    read
}

pub fn chart_format_label(f: crate::model::ChartFormat) -> &'static str {
    use crate::model::ChartFormat::*;
    match f {
        QboCsv => "qbo-csv",
        QboXlsx => "qbo-xlsx",
        DesktopCsv => "desktop-csv",
        DesktopXlsx => "desktop-xlsx",
        Iif => "iif",
    }
}

pub fn statement_format_label(f: crate::model::StatementFormat) -> &'static str {
    use crate::model::StatementFormat::*;
    match f {
        OfxSgml => "ofx-sgml",
        OfxXml => "ofx-xml",
        OfxNoHeader => "ofx-no-header",
        Csv => "csv",
    }
}
