//! One reader per input format, and the dispatcher that picks one by content.
//!
//! Every reader returns what it could read *and* the problems it met, each with file
//! and line: a bad date on one row is a problem on that row, not a failed file. No
//! reader panics on any input.

pub mod bank_csv;
pub mod chart_columns;
pub mod chart_csv;
mod delimited;
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
use crate::model::{
    Chart, ChartFormat, ListedAccount, Problem, Register, RegisterFormat, Statement,
    StatementFormat,
};

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
    /// What the file was read as (or, when nothing in it could be read, what it looked like).
    pub format: Option<FileFormat>,
    pub encoding: Option<TextEncoding>,
    pub chart: Option<Chart>,
    pub statements: Vec<Statement>,
    pub listed_accounts: Vec<ListedAccount>,
    /// QuickBooks' own record of accounts (register exports, IIF `TRNS` lines).
    pub registers: Vec<Register>,
    pub problems: Vec<Problem>,
}

/// What a file was read as, in the report's words: each role's own vocabulary, written
/// as its word (`qbo-csv`, `ofx-sgml`, `qbo-register-csv`, `ofx`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FileFormat {
    Chart(ChartFormat),
    Statement(StatementFormat),
    Register(RegisterFormat),
    /// Where no reader's format says it.
    Other(OtherFormat),
}

vocabulary! {
    /// What a file (or statement) was read as where no reader's format says it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum OtherFormat {
        /// OFX that held no statement (a bank's error reply, an account list).
        Ofx = "ofx",
        /// A statement no reader named a format for.
        Unknown = "unknown",
    }
}

impl FileFormat {
    /// The word as the report's JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Chart(f) => f.name(),
            FileFormat::Statement(f) => f.name(),
            FileFormat::Register(f) => f.name(),
            FileFormat::Other(f) => f.name(),
        }
    }
}

impl std::fmt::Display for FileFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Reads one file: decodes it, sniffs what it is, and runs the matching reader.
pub fn read_file(name: &str, bytes: &[u8], hint: RoleHint) -> FileRead {
    let mut stream = FileStream::new(name, hint);
    stream.feed(bytes);
    stream.finish()
}
