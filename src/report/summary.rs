//! The report's summaries of what was read: each file, the chart, each statement and
//! the chart account it was tied to. Built here, whole, from what the readers and
//! identity found; `lib.rs` only hands them over.

use serde::Serialize;

use crate::formats::{FileFormat, FileRead, OtherFormat, Role};
use crate::identity::{MatchKind, StatementIdentity};
use crate::input::TextEncoding;
use crate::model::{AccountKind, Chart, ChartFormat, ProblemKind, Statement};
use crate::rules::account_name;

/// A bank-facing chart account, as the report lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BankAccountSummary {
    pub name: String,
    #[serde(rename = "type")]
    pub account_type: String,
    pub active: bool,
    /// Last four digits of the bank number the chart carries.
    pub number_last4: Option<String>,
    pub balance: Option<String>,
    pub bank_balance: Option<String>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartSummary {
    pub file: String,
    pub format: ChartFormat,
    pub accounts: usize,
    pub bank_accounts: Vec<BankAccountSummary>,
    /// The company the chart's title rows name, when they do.
    pub company: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InstitutionSummary {
    pub org: Option<String>,
    pub fid: Option<String>,
    pub intu_bid: Option<String>,
    pub bankid: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatementSummary {
    pub file: String,
    /// What the statement was read from (`unknown` when no reader said).
    pub format: FileFormat,
    pub kind: AccountKind,
    pub account_last4: Option<String>,
    /// The chart account this statement belongs to, when one was found.
    pub matched_account: Option<String>,
    /// How it was matched: `number` (a bank number agrees), `likely` (same bank and a
    /// fitting kind) or `only_candidate` (the one account that could be it).
    pub match_kind: Option<MatchKind>,
    pub transactions: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub ending_balance: Option<String>,
    pub currency: Option<String>,
    pub institution: InstitutionSummary,
    pub download_date: Option<String>,
    pub line: usize,
    /// The bank the statement comes from, as far as its identifiers, card number or
    /// file name tell (`American Express`).
    pub bank: Option<String>,
    /// When no account matched: chart accounts that may still be this statement's,
    /// since they carry no bank number and name no other bank (at most five).
    pub possible_accounts: Vec<String>,
    /// What decided `matched_account`, in plain words (`its name ends in 3007, the
    /// statement's last four digits`).
    pub because: Option<String>,
    /// How sure the match is, 0–100 (a full number agreeing is 100).
    pub confidence: Option<u8>,
}

/// Each input file: what it was recognised as.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileSummary {
    pub file: String,
    pub role: Role,
    pub format: Option<FileFormat>,
    pub encoding: Option<TextEncoding>,
    pub statements: usize,
    /// Accounts the file lists without a statement (an OFX account list).
    pub listed_accounts: usize,
    pub accounts: Option<usize>,
    /// Whether anything in the file could be read: false for a file empty, binary,
    /// unrecognised or hopelessly malformed. A bank's error reply (an OFX carrying a
    /// status code instead of a statement) was read, though it holds nothing to check.
    /// Decided here once; the CLI's exit status, the text report and the page read it.
    pub readable: bool,
}

/// What one file was read as.
pub fn file(read: &FileRead) -> FileSummary {
    FileSummary {
        file: read.file.clone(),
        role: read.role,
        format: read.format,
        encoding: read.encoding,
        statements: read.statements.len(),
        listed_accounts: read.listed_accounts.len(),
        accounts: read.chart.as_ref().map(|c| c.accounts.len()),
        readable: read.role != Role::Unknown
            || !read.statements.is_empty()
            || !read.listed_accounts.is_empty()
            || read.chart.is_some()
            || read
                .problems
                .iter()
                .any(|p| p.kind == ProblemKind::BankError),
    }
}

/// The chart and its bank-facing accounts.
pub fn chart(chart: &Chart) -> ChartSummary {
    ChartSummary {
        file: chart.file.clone(),
        format: chart.format,
        company: chart.company.clone(),
        accounts: chart.accounts.len(),
        bank_accounts: chart
            .accounts
            .iter()
            .filter(|a| a.account_type.is_bank_facing())
            .map(|a| BankAccountSummary {
                name: account_name(a),
                account_type: a.type_text.clone(),
                active: a.active,
                number_last4: a.bank_number.as_ref().map(|n| n.last4().to_string()),
                balance: a.balance.map(|m| m.to_string()),
                bank_balance: a.bank_balance.map(|m| m.to_string()),
                line: a.line,
            })
            .collect(),
    }
}

/// A statement and what identity found of it: its bank, its chart account and why, or
/// (unmatched) the accounts that may still be its own.
pub fn statement(s: &Statement, id: &StatementIdentity, chart: Option<&Chart>) -> StatementSummary {
    let range = s.transactions.date_range();
    let mask = |o: &Option<String>| o.as_ref().map(|v| super::mask_long_numbers(v, 5));
    let matched = id.matched.filter(|_| chart.is_some());
    let possible_accounts = match chart {
        Some(c) if id.matched.is_none() => id
            .plausible
            .iter()
            .filter_map(|&i| c.accounts.get(i))
            .take(5)
            .map(account_name)
            .collect(),
        _ => Vec::new(),
    };
    StatementSummary {
        file: s.file.clone(),
        format: s.format.map_or(
            FileFormat::Other(OtherFormat::Unknown),
            FileFormat::Statement,
        ),
        kind: s.kind,
        account_last4: s.last4().map(str::to_string),
        matched_account: matched
            .and_then(|m| chart?.accounts.get(m.account))
            .map(account_name),
        match_kind: matched.map(|m| m.kind),
        transactions: s.transactions.len(),
        first_date: range.map(|r| r.0.to_string()),
        last_date: range.map(|r| r.1.to_string()),
        ending_balance: s.ending_balance.map(|m| m.to_string()),
        currency: s.currency.clone(),
        institution: InstitutionSummary {
            org: s.institution.org.clone(),
            fid: s.institution.fid.clone(),
            intu_bid: s.institution.intu_bid.clone(),
            bankid: mask(&s.institution.bankid),
        },
        download_date: s.download_date.map(|d| d.to_string()),
        line: s.line,
        bank: id.bank.as_ref().map(|b| b.bank.display()),
        possible_accounts,
        because: id.because.clone().filter(|_| id.matched.is_some()),
        confidence: id.matched.map(|m| m.confidence),
    }
}
