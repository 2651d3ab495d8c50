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

#[macro_use]
mod vocabulary;

pub mod accents;
mod chunked;
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
    let files = reads.iter().map(report::summary::file).collect();
    let mut problems: Vec<Problem> = Vec::new();
    let mut chart: Option<Chart> = None;
    let mut statements: Vec<Statement> = Vec::new();
    let mut listed_accounts = Vec::new();
    let mut registers: Vec<Register> = Vec::new();
    for read in reads {
        problems.extend(read.problems);
        statements.extend(read.statements);
        listed_accounts.extend(read.listed_accounts);
        registers.extend(read.registers);
        if let Some(c) = read.chart {
            if let Some(first) = &chart {
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
                chart = Some(c);
            }
        }
    }
    let chart = chart.as_ref();
    let identities = identity::identify(chart, &statements);
    let ctx = rules::Context {
        chart,
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
        chart,
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

    Report::build(report::Parts {
        today: options.today,
        findings: sink.into_vec(),
        chart: chart.map(report::summary::chart),
        statements: statements
            .iter()
            .zip(&identities)
            .map(|(s, id)| report::summary::statement(s, id, chart))
            .collect(),
        problems,
        files,
        recovery: recoveries,
    })
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
