//! qb324 finds what makes QuickBooks show **Error 324** ("QuickBooks can't find this
//! account at your bank") in a chart-of-accounts export and bank statements.
//!
//! The core is pure: bytes in, a [`Report`] out. No file system, no clock, no browser,
//! no terminal. The data flows one way:
//!
//! ```text
//! bytes ─► input (decode, sniff) ─► formats (one reader each) ─► model
//!       ─► identity (statement ↔ chart account) ─► rules ─► report
//! ```
//!
//! The faces around it are thin: `src/bin/qb324.rs` (the CLI) and `src/wasm.rs` (the
//! wasm-bindgen API the page uses).
//!
//! ```
//! let chart = b"Full name,Type,Detail type\nChecking,Bank,Checking\n";
//! let report = qb324::check(
//!     &[qb324::InputFile::new("accounts.csv", chart)],
//!     &qb324::Options::default(),
//! );
//! assert_eq!(report.schema, "qb324.report/1");
//! ```

pub mod formats;
pub mod identity;
pub mod input;
pub mod model;
pub mod recovery;
pub mod report;
pub mod rules;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use formats::{FileRead, RoleHint};
use model::{Chart, Date, Problem, ProblemKind, Register, Statement};
pub use report::Report;
use report::{BankAccountSummary, ChartSummary, FileSummary, InstitutionSummary, StatementSummary};

/// One input file: its name (used only in messages and as evidence, and for account
/// numbers written into it) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    /// What the caller says the file is; by default the content decides.
    pub role: RoleHint,
}

impl<'a> InputFile<'a> {
    pub fn new(name: &'a str, bytes: &'a [u8]) -> InputFile<'a> {
        InputFile {
            name,
            bytes,
            role: RoleHint::Any,
        }
    }

    pub fn with_role(mut self, role: RoleHint) -> InputFile<'a> {
        self.role = role;
        self
    }
}

/// How to check.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// "Now" for the date rules; `None` turns off the rules that need it.
    pub today: Option<Date>,
    /// The date of the last transaction QuickBooks received, for every statement without
    /// a register of its own (`--quickbooks-has-until`): the recovery file holds what
    /// comes after it.
    pub quickbooks_has_until: Option<Date>,
    /// The same, per statement file (the page's date field on a statement's card);
    /// wins over [`Options::quickbooks_has_until`].
    pub quickbooks_has_until_by_file: Vec<(String, Date)>,
}

/// Reads every file and checks them together.
pub fn check(files: &[InputFile<'_>], options: &Options) -> Report {
    let reads: Vec<FileRead> = files
        .iter()
        .map(|f| formats::read_file(f.name, f.bytes, f.role))
        .collect();
    check_reads(reads, options)
}

/// Checks files already read (the streaming face reads them chunk by chunk first).
pub fn check_reads(reads: Vec<FileRead>, options: &Options) -> Report {
    let mut files = Vec::with_capacity(reads.len());
    let mut problems: Vec<Problem> = Vec::new();
    let mut chart: Option<(Chart, &'static str)> = None;
    let mut statements: Vec<Statement> = Vec::new();
    let mut listed_accounts = Vec::new();
    let mut registers: Vec<Register> = Vec::new();
    for read in reads {
        files.push(FileSummary {
            file: read.file.clone(),
            role: read.role,
            format: read.format,
            encoding: read.encoding.map(|e| e.label()),
            statements: read.statements.len(),
            listed_accounts: read.listed_accounts.len(),
            accounts: read.chart.as_ref().map(|c| c.accounts.len()),
        });
        problems.extend(read.problems);
        statements.extend(read.statements);
        listed_accounts.extend(read.listed_accounts);
        registers.extend(read.registers);
        if let Some(c) = read.chart {
            if let Some((first, _)) = &chart {
                problems.push(Problem::warning(
                    &c.file,
                    None,
                    ProblemKind::WrongRole,
                    format!(
                        "A second chart of accounts was given; only the first ({}) is used.",
                        first.file
                    ),
                ));
            } else {
                let label = formats::chart_format_label(c.format);
                chart = Some((c, label));
            }
        }
    }
    let chart_ref = chart.as_ref().map(|(c, _)| c);
    let identities = identity::identify(chart_ref, &statements);
    let ctx = rules::Context {
        chart: chart_ref,
        statements: &statements,
        listed_accounts: &listed_accounts,
        today: options.today,
        identities: &identities,
    };
    let mut sink = rules::Findings::default();
    rules::run(&ctx, &mut sink);
    // The way back: what QuickBooks lacks per statement, and the rules that read it
    // (registers are not in the rules' context, which other rules share).
    let gaps = recovery::find_gaps(
        chart_ref,
        &statements,
        &identities,
        &registers,
        options.quickbooks_has_until,
        &options.quickbooks_has_until_by_file,
    );
    let recoveries: Vec<report::Recovery> = gaps
        .iter()
        .filter_map(|g| recovery::summarize(g, &statements, &registers, options.today))
        .collect();
    rules::duplicate_transactions::check_against_registers(
        &statements,
        &registers,
        &gaps,
        &mut sink,
    );
    rules::upload_rejected::check_backfill(
        &statements,
        &gaps,
        &recoveries,
        options.today,
        &mut sink,
    );

    let statement_summaries = statements
        .iter()
        .zip(&identities)
        .map(|(s, id)| {
            let mut summary = summarize_statement(
                s,
                id.matched.as_ref().and_then(|m| chart_ref.map(|c| (c, m))),
            );
            summary.bank = id.bank.as_ref().map(|b| b.bank.display());
            summary.because = id.because.clone().filter(|_| id.matched.is_some());
            summary.confidence = id.matched.map(|m| m.confidence);
            if let Some(c) = chart_ref.filter(|_| id.matched.is_none()) {
                summary.possible_accounts = id
                    .plausible
                    .iter()
                    .filter_map(|&i| c.accounts.get(i))
                    .take(5)
                    .map(rules::account_name)
                    .collect();
            }
            summary
        })
        .collect();
    let mut report = Report::new(options.today.map(|d| d.to_string()));
    report.findings = sink.into_vec();
    report.chart = chart.as_ref().map(|(c, label)| summarize_chart(c, label));
    report.statements = statement_summaries;
    report.problems = problems;
    report.files = files;
    report.recovery = recoveries;
    report.finish();
    report
}

fn summarize_chart(chart: &Chart, format: &'static str) -> ChartSummary {
    ChartSummary {
        file: chart.file.clone(),
        format,
        company: chart.company.clone(),
        accounts: chart.accounts.len(),
        bank_accounts: chart
            .accounts
            .iter()
            .filter(|a| a.account_type.is_bank_facing())
            .map(|a| BankAccountSummary {
                name: rules::account_name(a),
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

fn summarize_statement(
    s: &Statement,
    matched: Option<(&Chart, &identity::AccountMatch)>,
) -> StatementSummary {
    let range = s.transactions.date_range();
    let mask = |o: &Option<String>| o.as_ref().map(|v| report::mask_long_numbers(v, 5));
    StatementSummary {
        file: s.file.clone(),
        format: s
            .format
            .map(formats::statement_format_label)
            .unwrap_or("unknown"),
        kind: s.kind,
        account_last4: s.last4().map(str::to_string),
        matched_account: matched
            .and_then(|(c, m)| c.accounts.get(m.account))
            .map(rules::account_name),
        match_kind: matched.map(|(_, m)| m.kind.label()),
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
        bank: None,
        possible_accounts: Vec::new(),
        because: None,
        confidence: None,
    }
}

/// The recovery files of one `recovery` entry of the report (SPEC §5, §7): the same
/// check as [`check`], then the files for entry `id` (none when there is no such entry).
pub fn recover(
    files: &[InputFile<'_>],
    options: &Options,
    id: &str,
) -> Vec<recovery::RecoveryFile> {
    let reads: Vec<FileRead> = files
        .iter()
        .map(|f| formats::read_file(f.name, f.bytes, f.role))
        .collect();
    recover_reads(reads, options, id)
}

/// [`recover`] for files already read.
pub fn recover_reads(
    reads: Vec<FileRead>,
    options: &Options,
    id: &str,
) -> Vec<recovery::RecoveryFile> {
    let mut chart: Option<Chart> = None;
    let mut statements: Vec<Statement> = Vec::new();
    let mut registers: Vec<Register> = Vec::new();
    for read in reads {
        statements.extend(read.statements);
        registers.extend(read.registers);
        if chart.is_none() {
            chart = read.chart;
        }
    }
    let identities = identity::identify(chart.as_ref(), &statements);
    let gaps = recovery::find_gaps(
        chart.as_ref(),
        &statements,
        &identities,
        &registers,
        options.quickbooks_has_until,
        &options.quickbooks_has_until_by_file,
    );
    gaps.iter()
        .find(|g| g.id == id)
        .and_then(|g| {
            let s = statements.get(g.statement)?;
            Some(recovery::write_files(g, s, options.today).0)
        })
        .unwrap_or_default()
}
