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
pub mod problems;
pub mod register;
pub mod self_employed;
pub mod stream;
pub mod text;
pub mod xlsx;

use serde::Serialize;

pub use problems::ProblemLog;
pub use stream::FileStream;

use crate::input::TextEncoding;
use crate::model::{Chart, ListedAccount, Problem, Register, Statement};

/// Statements read from one file, with the problems met.
#[derive(Debug, Default)]
pub struct StatementsRead {
    pub statements: Vec<Statement>,
    /// Accounts a bank's account list names (OFX `ACCTINFORS`), statement or not.
    pub listed_accounts: Vec<ListedAccount>,
    pub problems: ProblemLog,
}

/// A chart read from one file (none when unreadable), with the problems met.
#[derive(Debug, Default)]
pub struct ChartRead {
    pub chart: Option<Chart>,
    pub problems: ProblemLog,
}

/// What a file turned out to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chart,
    Statement,
    /// QuickBooks' own record of an account (a register or transaction report).
    Register,
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
    /// QuickBooks' own record of an account (SPEC §2, for the recovery file).
    Register,
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
    /// QuickBooks' own record of accounts (register exports, IIF `TRNS` lines).
    pub registers: Vec<Register>,
    pub problems: Vec<Problem>,
}

/// Reads one file: decodes it, sniffs what it is, and runs the matching reader.
pub fn read_file(name: &str, bytes: &[u8], hint: RoleHint) -> FileRead {
    let mut stream = FileStream::new(name, hint);
    stream.feed(bytes);
    stream.finish()
}

pub fn chart_format_label(f: crate::model::ChartFormat) -> &'static str {
    use crate::model::ChartFormat::*;
    match f {
        QboCsv => "qbo-csv",
        QboXlsx => "qbo-xlsx",
        DesktopCsv => "desktop-csv",
        DesktopXlsx => "desktop-xlsx",
        Iif => "iif",
        SelfEmployed => "self-employed",
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
