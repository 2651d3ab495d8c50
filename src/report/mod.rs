//! The report: what the checker found, in the shape of SPEC §5. Built once, after the
//! rules ran: findings are ordered, the verdict judged and bank numbers masked here.

pub mod checked;
pub mod mask;
pub mod plain_text;
pub mod plan;
pub mod summary;
pub mod words;

use serde::Serialize;

use crate::model::{ChartFormat, Problem, Severity};
pub use plan::PlanStepId;
pub use summary::{
    BankAccountSummary, ChartSummary, FileSummary, InstitutionSummary, StatementSummary,
};

pub const SCHEMA: &str = "qb324.report/1";

/// The one-word answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// An error-severity trigger fired.
    Likely,
    /// Only warnings fired.
    Possible,
    /// Something was checked and nothing fired (steps 1 and 5 still apply: no file can
    /// rule them out). Complete only when [`Report::complete`] says so.
    Clear,
    /// Nothing could be read: no chart and no statement, so nothing was checked.
    Unchecked,
}

/// Which QuickBooks the user has, as far as the chart's format tells (SPEC §1): it
/// decides the menu words of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Edition {
    /// QuickBooks Online (an Account List export, CSV or Excel).
    Online,
    /// QuickBooks Desktop (an Account Listing report, or IIF).
    Desktop,
    /// QuickBooks Self-Employed / Solopreneur (no reader gives it yet).
    SelfEmployed,
    /// No chart: the plan gives both main editions' words.
    Unknown,
}

impl Edition {
    /// The edition a chart's format comes from.
    pub fn of_chart_format(format: Option<ChartFormat>) -> Edition {
        match format {
            Some(ChartFormat::QboCsv | ChartFormat::QboXlsx) => Edition::Online,
            Some(ChartFormat::DesktopCsv | ChartFormat::DesktopXlsx | ChartFormat::Iif) => {
                Edition::Desktop
            }
            Some(ChartFormat::SelfEmployed) => Edition::SelfEmployed,
            None => Edition::Unknown,
        }
    }
}

vocabulary! {
    /// The trigger codes of SPEC §4, in SPEC order: stable API (the page, the JSON, tests
    /// and users' help articles use them).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Code {
        DuplicateName = "duplicate_name",
        SimilarName = "similar_name",
        DuplicateBankNumber = "duplicate_bank_number",
        StatementAccountUnmatched = "statement_account_unmatched",
        AccountNumberChanged = "account_number_changed",
        InactiveAccount = "inactive_account",
        AccountTypeMismatch = "account_type_mismatch",
        StatementAccountClosed = "statement_account_closed",
        InstitutionChanged = "institution_changed",
        FeedGap = "feed_gap",
        BalanceMismatch = "balance_mismatch",
        DuplicateTransactions = "duplicate_transactions",
        NoBankAccounts = "no_bank_accounts",
        NameNumberMismatch = "name_number_mismatch",
        UploadRejected = "upload_rejected",
    }
}

vocabulary! {
    /// Why QuickBooks' own import would refuse a statement file (`upload_rejected`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum RejectReason {
        /// Larger than QuickBooks Online's upload takes.
        TooLarge = "too_large",
        /// OFX 2 (XML) given to QuickBooks Desktop's Web Connect.
        Ofx2ForDesktop = "ofx2_for_desktop",
        /// No (or a placeholder) `INTU.BID`.
        NoBankId = "no_bank_id",
        /// A `CURDEF` the edition does not take.
        Currency = "currency",
        /// Missing or broken parts QuickBooks checks.
        Structure = "structure",
        /// A gap older than the history a reconnect brings back.
        BeyondBackfill = "beyond_backfill",
    }
}

/// Where a finding's proof is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub file: String,
    /// 1-based line, when the evidence has one.
    pub line: Option<usize>,
    /// A short piece of the file, bank numbers masked.
    pub excerpt: String,
}

/// One trigger that fired.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code from SPEC §4.
    pub code: Code,
    pub severity: Severity,
    pub title: String,
    pub detail: String,
    /// Chart account names involved (numbers masked).
    pub accounts: Vec<String>,
    /// The statement file involved, if any.
    pub statement: Option<String>,
    pub evidence: Vec<Evidence>,
    /// Fix steps of SPEC §1, by number.
    pub fix_steps: Vec<u8>,
    /// How sure the checker is, 0–100; orders findings of the same severity.
    pub confidence: u8,
    /// Why, for codes that have reasons (`upload_rejected`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<RejectReason>,
}

vocabulary! {
    /// A recovery file's format (SPEC §5 `recovery.formats`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RecoveryFormat {
        /// A CSV for QuickBooks Online's "Upload from file".
        QboOnlineCsv = "qbo-online-csv",
        /// A Web Connect file for QuickBooks Desktop (and Online).
        WebConnectQbo = "web-connect-qbo",
    }
}

vocabulary! {
    /// What told what QuickBooks already has.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RecoveryBasis {
        /// QuickBooks' own register export.
        Register = "register",
        /// A date the user gave.
        Date = "date",
    }
}

/// A file the user can have that holds exactly the transactions QuickBooks is missing
/// for one statement's account (SPEC §5 `recovery`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recovery {
    /// Names this entry for `recover(files, options, id)` and `--recover`.
    pub id: String,
    /// The QuickBooks account (or, without a chart, the statement's account, masked).
    pub account: String,
    /// The statement file the transactions come from.
    pub statement: String,
    /// First and last date of the transactions in the file.
    pub from: String,
    pub to: String,
    /// How many transactions the file holds.
    pub transactions: usize,
    /// Their signed sum (money into the account positive).
    pub total: crate::model::Money,
    /// Statement transactions left out because QuickBooks already has them.
    pub already_in_quickbooks: usize,
    /// Statement transactions that need the user's eye (in the file or not is theirs to say).
    pub to_review: usize,
    /// The files offered.
    pub formats: Vec<RecoveryFormat>,
    /// What told what QuickBooks has.
    pub basis: RecoveryBasis,
    /// The register export compared against, when one was.
    pub register: Option<String>,
    /// The date QuickBooks has transactions until, when that was the basis.
    pub quickbooks_has_until: Option<String>,
    /// Statement transactions the register does not cover (dated before it starts): not judged.
    pub outside_register: usize,
    /// The rows to review, each with file and line.
    pub review: Vec<Evidence>,
    /// The file names `recover` gives for this entry.
    pub files: Vec<String>,
    /// Why a format is not offered (a CSV statement has no bank id for Web Connect).
    pub notes: Vec<String>,
}

/// The whole answer for one set of files.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub verdict: Verdict,
    /// Whether a chart and at least one statement were read: only then is a `clear`
    /// the whole check (SPEC §4).
    pub complete: bool,
    /// The QuickBooks edition the plan is written for (SPEC §1).
    pub edition: Edition,
    /// What to do, in order, each step once (SPEC §5).
    pub plan: Vec<plan::PlanStep>,
    pub findings: Vec<Finding>,
    /// Each check of SPEC §4: found, clear, or not checked and why.
    pub checked: Vec<checked::Checked>,
    pub chart: Option<ChartSummary>,
    pub statements: Vec<StatementSummary>,
    pub problems: Vec<Problem>,
    pub files: Vec<FileSummary>,
    /// The date the date rules took as today.
    pub today: Option<String>,
    /// Recovery files on offer (SPEC §5): one per statement whose account QuickBooks is
    /// missing transactions for.
    pub recovery: Vec<Recovery>,
}

/// What a report is built from: what the readers, identity and the rules gave.
pub struct Parts {
    pub today: Option<crate::model::Date>,
    pub findings: Vec<Finding>,
    pub chart: Option<ChartSummary>,
    pub statements: Vec<StatementSummary>,
    pub problems: Vec<Problem>,
    pub files: Vec<FileSummary>,
    pub recovery: Vec<Recovery>,
}

impl Report {
    /// The report of these parts: ordered, masked, judged, with its checks and plan.
    pub fn build(parts: Parts) -> Report {
        let mut report = Report::new(parts.today.map(|d| d.to_string()));
        report.findings = parts.findings;
        report.chart = parts.chart;
        report.statements = parts.statements;
        report.problems = parts.problems;
        report.files = parts.files;
        report.recovery = parts.recovery;
        report.finish();
        report
    }

    /// Orders findings (severity, then confidence, then a stable key), masks bank numbers
    /// in file names (`Umsaetze_KtoNr538917600.CSV` → `Umsaetze_KtoNr…7600.CSV`: SPEC §4
    /// wants them masked everywhere, and a report is often pasted into a support ticket)
    /// and judges the verdict.
    pub fn finish(&mut self) {
        self.mask();
        self.findings.sort_by(|a, b| {
            a.severity
                .cmp(&b.severity)
                .then(b.confidence.cmp(&a.confidence))
                .then_with(|| a.code.name().cmp(b.code.name()))
                .then_with(|| a.title.cmp(&b.title))
        });
        self.complete = self.chart.is_some() && !self.statements.is_empty();
        self.edition = Edition::of_chart_format(self.chart.as_ref().map(|c| c.format));
        self.verdict = verdict_of(&self.findings, self.nothing_read());
        self.checked = checked::list(self);
        self.plan = plan::build(self);
    }

    /// Whether nothing could be checked: no chart and no statement was read. Decided
    /// here once; the text report and the page read the verdict (`unchecked`). A
    /// bank's error reply (an OFX carrying a status code instead of a statement) was
    /// read, but holds nothing to check, so it counts as nothing.
    pub fn nothing_read(&self) -> bool {
        self.chart.is_none() && self.statements.is_empty()
    }

    /// An empty report, to fill in and [`finish`](Report::finish).
    pub fn new(today: Option<String>) -> Report {
        Report {
            schema: SCHEMA,
            verdict: Verdict::Unchecked,
            complete: false,
            edition: Edition::Unknown,
            plan: Vec::new(),
            findings: Vec::new(),
            checked: Vec::new(),
            chart: None,
            statements: Vec::new(),
            problems: Vec::new(),
            files: Vec::new(),
            today,
            recovery: Vec::new(),
        }
    }
}

impl Report {
    /// Files that could not be read at all ([`FileSummary::readable`]). The CLI exits 2
    /// when any input is unreadable (SPEC §6).
    pub fn unreadable_files(&self) -> Vec<&str> {
        self.files
            .iter()
            .filter(|f| !f.readable)
            .map(|f| f.file.as_str())
            .collect()
    }
}

/// The fix steps of SPEC §1: number, a short name, and the step in full.
pub const FIX_STEPS: &[(u8, &str, &str)] = &[
    (
        1,
        "Refresh the bank connection",
        "In QuickBooks, go to Banking and choose Update to refresh the bank connection.",
    ),
    (
        2,
        "Make account names unique",
        "Rename duplicate or similar accounts in the chart of accounts so each one is unique.",
    ),
    (
        3,
        "Reconnect and re-map the account",
        "From the account's \"Fix now\" or update prompt, sign in to the bank, share all \
         accounts, and map the bank's updated account to your existing QuickBooks account \
         (history and rules are kept). Only if that fails: disconnect, reconnect and map again.",
    ),
    (
        4,
        "Check with the bank",
        "Ask the bank to confirm that the account is active and that its number has not changed.",
    ),
    (
        5,
        "Clear the browser",
        "Clear the browser's cache and cookies, or try another browser or a private window.",
    ),
];

/// The full text of fix step `n`, when there is one.
pub fn fix_step(n: u8) -> Option<(&'static str, &'static str)> {
    FIX_STEPS
        .iter()
        .find(|(k, _, _)| *k == n)
        .map(|(_, short, full)| (*short, *full))
}

/// SPEC §4: `likely` when any error fires, `possible` when only warnings do, `clear`
/// when something was checked and nothing fired, `unchecked` when nothing was read.
pub fn verdict_of(findings: &[Finding], nothing_read: bool) -> Verdict {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        Verdict::Likely
    } else if findings.iter().any(|f| f.severity == Severity::Warning) {
        Verdict::Possible
    } else if nothing_read {
        Verdict::Unchecked
    } else {
        Verdict::Clear
    }
}

/// Masks bank numbers in free text: digit runs of `min_len` digits or more keep their
/// last four ([`mask::mask_digits`], the one rule). Rules use it while writing; the
/// report runs every string through [`mask::shown`] once more in [`Report::finish`].
pub fn mask_long_numbers(text: &str, min_len: usize) -> String {
    mask::mask_digits(text, min_len)
}

impl Report {
    /// Every string that reaches a person or a file, through the one masker: bank numbers
    /// masked (SPEC §4 wants them masked everywhere, and a report is often pasted into a
    /// support ticket), control and bidi characters shown, and file names kept distinct.
    fn mask(&mut self) {
        use mask::{show, Field, FileNames};
        let mut names = FileNames::default();
        // Input order first, so the first of two look-alike names keeps the plain form.
        for f in &mut self.files {
            f.file = names.name(&f.file);
        }
        let mut file = |f: &mut String| *f = names.name(f);
        let name = |t: &mut String| show(t, Field::Name);
        let prose = |t: &mut String| show(t, Field::Prose);
        for f in &mut self.findings {
            prose(&mut f.title);
            prose(&mut f.detail);
            f.accounts.iter_mut().for_each(name);
            if let Some(s) = f.statement.as_mut() {
                file(s);
            }
            for e in &mut f.evidence {
                file(&mut e.file);
                name(&mut e.excerpt);
            }
        }
        if let Some(c) = self.chart.as_mut() {
            file(&mut c.file);
            c.company.iter_mut().for_each(name);
            for a in &mut c.bank_accounts {
                name(&mut a.name);
                name(&mut a.account_type);
            }
        }
        for s in &mut self.statements {
            file(&mut s.file);
            s.matched_account.iter_mut().for_each(name);
            s.possible_accounts.iter_mut().for_each(name);
            s.currency.iter_mut().for_each(name);
            s.bank.iter_mut().for_each(prose);
            let i = &mut s.institution;
            i.org.iter_mut().for_each(prose);
            i.fid.iter_mut().for_each(prose);
            i.intu_bid.iter_mut().for_each(prose);
            i.bankid.iter_mut().for_each(name);
            s.because.iter_mut().for_each(prose);
        }
        for p in &mut self.problems {
            file(&mut p.file);
            prose(&mut p.message);
        }
        for r in &mut self.recovery {
            file(&mut r.statement);
            name(&mut r.account);
            if let Some(g) = r.register.as_mut() {
                file(g);
            }
            for e in &mut r.review {
                file(&mut e.file);
                name(&mut e.excerpt);
            }
            r.notes.iter_mut().for_each(prose);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_masks_account_numbers_quoted_in_messages() {
        let mut r = Report::new(None);
        r.problems = vec![Problem::warning(
            "x.csv",
            Some(3),
            crate::model::ProblemKind::Suspicious,
            "Line 3 writes the account as \"NL77RABO0311467415\"; bank code 15500.",
        )];
        r.finish();
        assert_eq!(
            r.problems[0].message,
            "Line 3 writes the account as \"NL77RABO…7415\"; bank code 15500."
        );
    }

    #[test]
    fn masks_numbers_but_not_dates_or_amounts() {
        assert_eq!(
            mask_long_numbers("<ACCTID>123456782008", 5),
            "<ACCTID>…2008"
        );
        assert_eq!(
            mask_long_numbers("card 4111 1111 1111 1234 ok", 5),
            "card …1234 ok"
        );
        assert_eq!(
            mask_long_numbers("<DTPOSTED>20261115120000", 5),
            "<DTPOSTED>20261115120000"
        );
        assert_eq!(
            mask_long_numbers("<TRNAMT>-1234567.89", 5),
            "<TRNAMT>-1234567.89"
        );
        assert_eq!(mask_long_numbers("x1234 and 12", 5), "x1234 and 12");
        assert_eq!(mask_long_numbers("amex-2026-11.qbo", 5), "amex-2026-11.qbo");
        assert_eq!(mask_long_numbers("on 2026-11-30", 5), "on 2026-11-30");
        assert_eq!(
            mask_long_numbers("20180226-1000594757-umsatz.CSV", 5),
            "20180226-…4757-umsatz.CSV"
        );
        assert_eq!(mask_long_numbers("4111-1111-1111-1234", 5), "…1234");
    }
}
