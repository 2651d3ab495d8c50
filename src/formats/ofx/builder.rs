//! Builds statements from the rebuilt tree's events, one element at a time.
//!
//! A value means something only in its place (`<ACCTID>` in `<BANKACCTFROM>` is the
//! statement's account; in `<BANKACCTTO>` it is a transfer's other side), so the builder
//! keeps the open known aggregates and reads each leaf by its nearest one.

use super::tags::Tag;
use super::tree::{Damage, ElementSink};
use super::values::{parse_amount, parse_date, status_meaning};
use crate::formats::StatementsRead;
use crate::model::{
    AccountKind, BankNumber, Date, ListedAccount, Money, Problem, ProblemKind, Statement,
    StatementFormat, Transaction,
};

/// OFX `ACCTTYPE` values and the kind each means.
const ACCOUNT_TYPES: &[(&str, AccountKind)] = &[
    ("CHECKING", AccountKind::Checking),
    ("SAVINGS", AccountKind::Savings),
    ("MONEYMRKT", AccountKind::MoneyMarket),
    ("CREDITLINE", AccountKind::CreditLine),
    // A certificate of deposit is a deposit account, as savings is.
    ("CD", AccountKind::Savings),
];

/// A `<STATUS>` being read.
#[derive(Debug, Default)]
struct Status {
    line: usize,
    in_signon: bool,
    code: Option<String>,
    severity: Option<String>,
    message: Option<String>,
}

/// The statement being read, with what is needed to judge it when it closes.
#[derive(Debug, Default)]
struct Draft {
    statement: Statement,
    balance_line: Option<usize>,
    balance_seen: bool,
}

/// The transaction being read. Its text buffers are reused from one to the next.
#[derive(Debug, Default)]
struct TxnDraft {
    active: bool,
    line: usize,
    date: Option<Date>,
    date_seen: bool,
    amount: Option<Money>,
    amount_seen: bool,
    payee: String,
    memo: String,
    fitid: String,
}

/// Builds statements, listed accounts and problems from tree events.
#[derive(Debug, Default)]
pub struct Builder {
    file: String,
    ctx: Vec<Tag>,
    org: Option<String>,
    fid: Option<String>,
    intu_bid: Option<String>,
    download_date: Option<Date>,
    /// Where the sign-on's values are written, for the upload doctor.
    intu_bid_line: Option<usize>,
    org_line: Option<usize>,
    download_line: Option<usize>,
    status: Option<Status>,
    signon_failed: bool,
    response_failed: bool,
    bank_errors: usize,
    stmt: Option<Draft>,
    txn: TxnDraft,
    listed: Option<ListedAccount>,
    out: StatementsRead,
}

fn some_text(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

impl Builder {
    /// A builder for the file named `file`.
    pub fn new(file: &str) -> Builder {
        Builder {
            file: file.to_string(),
            ..Builder::default()
        }
    }

    fn parent(&self) -> Option<Tag> {
        self.ctx.last().copied()
    }

    /// A problem with one value (a date, an amount, a balance), up to the cap.
    fn value_problem(&mut self, line: usize, message: String) {
        self.out.problems.push(Problem::warning(
            &self.file,
            Some(line),
            ProblemKind::BadValue,
            message,
        ));
    }
}

/// The tree's elements, read into statements.
impl ElementSink for Builder {
    fn open(&mut self, tag: Tag, line: usize) {
        match tag {
            Tag::StmtTrnRs | Tag::CcStmtTrnRs => self.response_failed = false,
            Tag::Status => {
                self.status = Some(Status {
                    line,
                    in_signon: self.parent() == Some(Tag::SonRs),
                    ..Status::default()
                })
            }
            Tag::StmtRs | Tag::CcStmtRs => {
                let kind = if tag == Tag::CcStmtRs {
                    AccountKind::CreditCard
                } else {
                    AccountKind::Unknown
                };
                self.stmt = Some(Draft {
                    statement: Statement {
                        file: self.file.clone(),
                        line,
                        kind,
                        ..Statement::default()
                    },
                    ..Draft::default()
                });
            }
            Tag::BankAcctFrom | Tag::CcAcctFrom => {
                if self.listed.is_none() {
                    if let Some(d) = &mut self.stmt {
                        d.statement.line = line;
                        if tag == Tag::CcAcctFrom {
                            d.statement.kind = AccountKind::CreditCard;
                        }
                    }
                } else if let Some(l) = &mut self.listed {
                    if tag == Tag::CcAcctFrom {
                        l.kind = AccountKind::CreditCard;
                    }
                }
            }
            Tag::StmtTrn if self.stmt.is_some() => {
                let t = &mut self.txn;
                t.active = true;
                t.line = line;
                t.date = None;
                t.date_seen = false;
                t.amount = None;
                t.amount_seen = false;
                t.payee.clear();
                t.memo.clear();
                t.fitid.clear();
            }
            Tag::LedgerBal => {
                if let Some(d) = &mut self.stmt {
                    d.balance_line = Some(line);
                    d.statement.upload.ledger_balance_line = Some(line);
                }
            }
            Tag::AcctInfo => {
                self.listed = Some(ListedAccount {
                    file: self.file.clone(),
                    line,
                    ..ListedAccount::default()
                })
            }
            _ => {}
        }
        self.ctx.push(tag);
    }

    fn close(&mut self, tag: Tag, line: usize) {
        if let Some(at) = self.ctx.iter().rposition(|t| *t == tag) {
            self.ctx.truncate(at);
        }
        match tag {
            Tag::Status => self.close_status(),
            Tag::StmtTrn => self.close_transaction(),
            Tag::LedgerBal => {
                if let Some(d) = &mut self.stmt {
                    if !d.balance_seen {
                        let at = d.balance_line.unwrap_or(line);
                        self.value_problem(
                            at,
                            "The ledger balance (LEDGERBAL) has no amount, so the statement's \
                             ending balance is unknown."
                                .to_string(),
                        );
                    }
                }
            }
            Tag::StmtRs | Tag::CcStmtRs => self.close_statement(),
            Tag::AcctInfo => {
                if let Some(l) = self.listed.take() {
                    self.out.listed_accounts.push(l);
                }
            }
            _ => {}
        }
    }

    fn leaf(&mut self, tag: Tag, value: &str, line: usize) {
        let parent = self.parent();
        if parent == Some(Tag::StmtTrn) && !matches!(tag, Tag::IntuBid | Tag::DtServer) {
            // Most leaves of a file are a transaction's: the one upload fact they can
            // make (a required value left empty) and the value, without the general
            // dispatch below, whose other arms do not apply to them.
            if value.is_empty() {
                self.note_empty_transaction_field(tag, line);
            }
            self.transaction_leaf(parent, tag, value, line);
            return;
        }
        self.note_upload_fact(parent, tag, value, line);
        match (parent, tag) {
            (Some(Tag::Status), Tag::Code | Tag::Severity | Tag::Message) => {
                if let Some(s) = &mut self.status {
                    let slot = match tag {
                        Tag::Code => &mut s.code,
                        Tag::Severity => &mut s.severity,
                        _ => &mut s.message,
                    };
                    *slot = some_text(value);
                }
            }
            (Some(Tag::Fi), Tag::Org) => {
                self.org = self.org.take().or_else(|| some_text(value));
            }
            (Some(Tag::Fi), Tag::Fid) => {
                self.fid = self.fid.take().or_else(|| some_text(value));
            }
            (_, Tag::IntuBid) => {
                self.intu_bid = self.intu_bid.take().or_else(|| some_text(value));
            }
            (_, Tag::DtServer) if self.download_date.is_none() => {
                self.download_date = parse_date(value);
            }
            (Some(Tag::BankAcctFrom | Tag::CcAcctFrom), _) => self.account_leaf(tag, value, line),
            (Some(Tag::AcctInfo), Tag::Desc) => {
                if let Some(l) = &mut self.listed {
                    l.description = some_text(value);
                }
            }
            (Some(Tag::StmtTrn | Tag::Payee), _) => self.transaction_leaf(parent, tag, value, line),
            (Some(Tag::LedgerBal), Tag::BalAmt) => self.balance(value, line),
            (Some(Tag::LedgerBal), Tag::DtAsOf) => {
                if let Some(d) = &mut self.stmt {
                    d.statement.balance_date = parse_date(value);
                }
            }
            (Some(Tag::StmtRs | Tag::CcStmtRs), Tag::CurDef) => {
                if let Some(d) = &mut self.stmt {
                    d.statement.currency = some_text(value).map(|c| c.to_ascii_uppercase());
                }
            }
            (Some(Tag::BankTranList | Tag::StmtRs | Tag::CcStmtRs), Tag::DtStart | Tag::DtEnd) => {
                if let Some(d) = &mut self.stmt {
                    let date = parse_date(value);
                    if tag == Tag::DtStart {
                        d.statement.period_start = date;
                    } else {
                        d.statement.period_end = date;
                    }
                }
            }
            _ => {}
        }
    }
}

impl Builder {
    /// Records where the values QuickBooks' import needs are written, and which
    /// required ones are empty (`upload_rejected` reads these; nothing else changes).
    fn note_upload_fact(&mut self, parent: Option<Tag>, tag: Tag, value: &str, line: usize) {
        match (parent, tag) {
            (_, Tag::IntuBid) => {
                self.intu_bid_line = self.intu_bid_line.or(Some(line));
            }
            (Some(Tag::Fi), Tag::Org) => self.org_line = self.org_line.or(Some(line)),
            (_, Tag::DtServer) => self.download_line = self.download_line.or(Some(line)),
            _ => {}
        }
        let Some(d) = &mut self.stmt else { return };
        let facts = &mut d.statement.upload;
        match (parent, tag) {
            (Some(Tag::StmtRs | Tag::CcStmtRs), Tag::CurDef) => facts.currency_line = Some(line),
            (Some(Tag::BankTranList | Tag::StmtRs | Tag::CcStmtRs), Tag::DtStart | Tag::DtEnd) => {
                facts.period_line = facts.period_line.or(Some(line));
            }
            (Some(Tag::LedgerBal), Tag::DtAsOf) if !value.is_empty() => {
                facts.balance_date_written = true;
            }
            _ => {}
        }
        let required = match (parent, tag) {
            (Some(Tag::StmtTrn), Tag::DtPosted) => Some("DTPOSTED"),
            (Some(Tag::StmtTrn), Tag::TrnAmt) => Some("TRNAMT"),
            (Some(Tag::StmtTrn), Tag::FitId) => Some("FITID"),
            (Some(Tag::BankAcctFrom | Tag::CcAcctFrom), Tag::AcctId) if self.listed.is_none() => {
                Some("ACCTID")
            }
            (Some(Tag::BankAcctFrom), Tag::BankId) if self.listed.is_none() => Some("BANKID"),
            (Some(Tag::BankAcctFrom), Tag::AcctType) if self.listed.is_none() => Some("ACCTTYPE"),
            (Some(Tag::StmtRs | Tag::CcStmtRs), Tag::CurDef) => Some("CURDEF"),
            (Some(Tag::LedgerBal), Tag::BalAmt) => Some("BALAMT"),
            (Some(Tag::LedgerBal), Tag::DtAsOf) => Some("DTASOF"),
            _ => None,
        };
        if let Some(name) = required.filter(|_| value.is_empty()) {
            facts.empty_field_count += 1;
            if facts.empty_fields.len() < 5 {
                facts.empty_fields.push((name, line));
            }
        }
    }

    /// [`note_upload_fact`](Builder::note_upload_fact) for an empty leaf of a
    /// `<STMTTRN>` (the same facts, found without its general matches).
    fn note_empty_transaction_field(&mut self, tag: Tag, line: usize) {
        let name = match tag {
            Tag::DtPosted => "DTPOSTED",
            Tag::TrnAmt => "TRNAMT",
            Tag::FitId => "FITID",
            _ => return,
        };
        let Some(d) = &mut self.stmt else { return };
        let facts = &mut d.statement.upload;
        facts.empty_field_count += 1;
        if facts.empty_fields.len() < 5 {
            facts.empty_fields.push((name, line));
        }
    }

    /// A leaf of `<BANKACCTFROM>` / `<CCACCTFROM>`, in a statement or an account list.
    fn account_leaf(&mut self, tag: Tag, value: &str, line: usize) {
        let kind = match tag {
            Tag::AcctType => Some(self.account_kind(value, line)),
            _ => None,
        };
        if let Some(l) = &mut self.listed {
            match tag {
                Tag::AcctId => {
                    l.account_id = some_text(value);
                    l.account_number = BankNumber::from_text(value);
                }
                Tag::BankId => l.institution.bankid = some_text(value),
                Tag::AcctType => l.kind = kind.unwrap_or_default(),
                _ => {}
            }
        } else if let Some(d) = &mut self.stmt {
            let s = &mut d.statement;
            match tag {
                Tag::AcctId => {
                    s.account_id = some_text(value);
                    s.account_number = BankNumber::from_text(value);
                }
                Tag::BankId => s.institution.bankid = some_text(value),
                Tag::AcctType => s.kind = kind.unwrap_or_default(),
                _ => {}
            }
        }
    }

    /// The kind an `ACCTTYPE` names; a problem when it names none.
    fn account_kind(&mut self, value: &str, line: usize) -> AccountKind {
        let upper = value.to_ascii_uppercase();
        if let Some((_, kind)) = ACCOUNT_TYPES.iter().find(|(name, _)| *name == upper) {
            return *kind;
        }
        let message = if value.is_empty() {
            "The account type (ACCTTYPE) is empty, so whether this is a checking, savings or \
             other account is unknown."
                .to_string()
        } else {
            format!(
                "The account type \"{value}\" is not one OFX defines (CHECKING, SAVINGS, \
                 MONEYMRKT, CREDITLINE, CD), so the account's kind is unknown."
            )
        };
        self.value_problem(line, message);
        AccountKind::Unknown
    }

    fn transaction_leaf(&mut self, parent: Option<Tag>, tag: Tag, value: &str, line: usize) {
        if !self.txn.active {
            return;
        }
        match (parent, tag) {
            (Some(Tag::StmtTrn), Tag::DtPosted) => {
                if self.txn.date_seen {
                    return;
                }
                self.txn.date_seen = true;
                self.txn.date = parse_date(value);
                if self.txn.date.is_none() {
                    let message = if value.is_empty() {
                        "This transaction's posting date (DTPOSTED) is empty.".to_string()
                    } else {
                        format!(
                            "This transaction's posting date \"{value}\" is not a real date \
                             (OFX writes dates as YYYYMMDD)."
                        )
                    };
                    self.value_problem(line, message);
                }
            }
            (Some(Tag::StmtTrn), Tag::TrnAmt) => {
                if self.txn.amount_seen {
                    return;
                }
                self.txn.amount_seen = true;
                self.txn.amount = parse_amount(value);
                if self.txn.amount.is_none() {
                    let message = if value.is_empty() {
                        "This transaction's amount (TRNAMT) is empty.".to_string()
                    } else {
                        format!(
                            "This transaction's amount \"{value}\" is not a plain number \
                             (OFX amounts carry no currency sign or thousands separator)."
                        )
                    };
                    self.value_problem(line, message);
                }
            }
            (_, Tag::Name) | (Some(Tag::StmtTrn), Tag::Payee) if self.txn.payee.is_empty() => {
                self.txn.payee.push_str(value);
            }
            (Some(Tag::StmtTrn), Tag::Memo) if self.txn.memo.is_empty() => {
                self.txn.memo.push_str(value);
            }
            (Some(Tag::StmtTrn), Tag::FitId) if self.txn.fitid.is_empty() => {
                self.txn.fitid.push_str(value);
            }
            _ => {}
        }
    }

    fn balance(&mut self, value: &str, line: usize) {
        let Some(d) = &mut self.stmt else { return };
        if d.balance_seen {
            return;
        }
        d.balance_seen = true;
        d.statement.ending_balance = parse_amount(value);
        if d.statement.ending_balance.is_none() {
            let message = if value.is_empty() {
                "The ledger balance (BALAMT) is empty, so the statement's ending balance is \
                 unknown."
                    .to_string()
            } else {
                format!(
                    "The ledger balance \"{value}\" is not a plain number, so the statement's \
                     ending balance is unknown."
                )
            };
            self.value_problem(line, message);
        }
    }

    fn close_transaction(&mut self) {
        if !self.txn.active {
            return;
        }
        self.txn.active = false;
        let line = self.txn.line;
        if !self.txn.date_seen {
            self.value_problem(
                line,
                "This transaction has no posting date (DTPOSTED).".to_string(),
            );
        }
        if !self.txn.amount_seen {
            self.value_problem(line, "This transaction has no amount (TRNAMT).".to_string());
        }
        let Some(d) = &mut self.stmt else { return };
        let t = &self.txn;
        d.statement.transactions.push(Transaction {
            date: t.date,
            amount: t.amount,
            payee: &t.payee,
            memo: &t.memo,
            fitid: &t.fitid,
            account_last4: None,
            pending: false,
            line: u32::try_from(line).unwrap_or(u32::MAX),
        });
    }

    fn close_status(&mut self) {
        let Some(status) = self.status.take() else {
            return;
        };
        let code_text = status.code.as_deref().unwrap_or("");
        let Ok(code) = code_text.parse::<u32>() else {
            return;
        };
        if code == 0 {
            return;
        }
        let severity = status
            .severity
            .as_deref()
            .unwrap_or("")
            .to_ascii_uppercase();
        let error = severity == "ERROR";
        if error {
            if status.in_signon {
                self.signon_failed = true;
            } else {
                self.response_failed = true;
            }
        }
        if !error && severity == "INFO" {
            return;
        }
        self.bank_errors += usize::from(error);
        let (meaning, advice) = status_meaning(code);
        let meaning = meaning.map(|m| format!(": {m}")).unwrap_or_default();
        let said = status
            .message
            .as_deref()
            .map(|m| format!(" The bank's own words: \"{m}\"."))
            .unwrap_or_default();
        let problem = if error {
            Problem::error(
                &self.file,
                Some(status.line),
                ProblemKind::BankError,
                format!(
                    "The bank sent an error instead of a statement (OFX status code \
                     {code}{meaning}).{said} {advice}"
                ),
            )
        } else {
            Problem::warning(
                &self.file,
                Some(status.line),
                ProblemKind::BankError,
                format!(
                    "The bank's file carries a warning (OFX status code {code}{meaning}).{said} \
                     The statement was read; check that it is complete."
                ),
            )
        };
        self.out.problems.push(problem);
    }

    fn close_statement(&mut self) {
        if self.txn.active {
            self.close_transaction();
        }
        let Some(draft) = self.stmt.take() else {
            return;
        };
        if self.signon_failed || self.response_failed {
            // The bank's error is reported already; what came with it is not a statement.
            return;
        }
        let s = draft.statement;
        if s.account_id.is_none() {
            let empty = s.transactions.is_empty() && s.ending_balance.is_none();
            let message = if empty {
                "A statement here names no account and holds no transactions or balance; \
                 it was skipped."
            } else {
                "This statement names no account (ACCTID), so it cannot be matched to a \
                 QuickBooks account."
            };
            self.out.problems.push(Problem::error(
                &self.file,
                Some(s.line),
                ProblemKind::Malformed,
                message,
            ));
            if empty {
                return;
            }
        }
        self.out.statements.push(s);
    }

    /// Ends the file: fills in what the sign-on said, and reports what went wrong
    /// with the file as a whole.
    pub fn finish(mut self, format: StatementFormat, end: FileEnd) -> StatementsRead {
        let file = self.file.clone();
        for s in &mut self.out.statements {
            s.format = Some(format);
            let inst = &mut s.institution;
            inst.org = inst.org.take().or_else(|| self.org.clone());
            inst.fid = inst.fid.take().or_else(|| self.fid.clone());
            inst.intu_bid = inst.intu_bid.take().or_else(|| self.intu_bid.clone());
            s.download_date = s.download_date.or(self.download_date);
            s.upload.intu_bid_line = self.intu_bid_line;
            s.upload.org_line = self.org_line;
            s.upload.download_line = self.download_line;
        }
        for l in &mut self.out.listed_accounts {
            let inst = &mut l.institution;
            inst.org = inst.org.take().or_else(|| self.org.clone());
            inst.fid = inst.fid.take().or_else(|| self.fid.clone());
            inst.intu_bid = inst.intu_bid.take().or_else(|| self.intu_bid.clone());
        }
        let problems = &mut self.out.problems;
        let d = end.damage;
        let structure = [
            (
                d.stray_closers,
                "closing tag matches",
                "closing tags match",
                "no open element",
            ),
            (d.broken_tags, "tag is", "tags are", "broken and skipped"),
        ];
        for ((n, line), one, many, what) in structure {
            if n > 0 {
                let subject = if n == 1 { one } else { many };
                problems.push(Problem::warning(
                    &file,
                    Some(line),
                    ProblemKind::Malformed,
                    format!(
                        "{n} {subject} {what} (the first at line {line}): the file's structure \
                         is damaged. Its values were read leniently; compare what was read with \
                         the bank's website."
                    ),
                ));
            }
        }
        if d.too_deep > 0 {
            problems.push(Problem::warning(
                &file,
                None,
                ProblemKind::Malformed,
                "Elements nest far deeper than any OFX file does; the deepest were skipped.",
            ));
        }
        let cut_inside = end.open.iter().any(|t| *t != Tag::Ofx) || end.inside_markup;
        if cut_inside {
            problems.push(Problem::error(
                &file,
                Some(end.line),
                ProblemKind::Malformed,
                "The file ends in the middle of its data: it looks cut off (an incomplete \
                 download?). What was read up to there is kept, but anything after that \
                 point is missing. Download the file again.",
            ));
        } else if !end.open.is_empty() {
            problems.push(Problem::warning(
                &file,
                Some(end.line),
                ProblemKind::Malformed,
                "The file ends without its closing </OFX> tag; it may have been cut off.",
            ));
        }
        if self.out.statements.is_empty()
            && self.out.listed_accounts.is_empty()
            && self.bank_errors == 0
        {
            self.out.problems.push(Problem::error(
                &file,
                None,
                ProblemKind::Malformed,
                "No bank or credit-card statement was found in this OFX file.",
            ));
        }
        self.out
    }
}

/// How the input ended, as the tokenizer and the tree saw it.
#[derive(Debug, Default)]
pub struct FileEnd {
    pub line: usize,
    pub damage: Damage,
    /// Known aggregates still open at the end.
    pub open: Vec<Tag>,
    /// Whether the input stopped inside a tag, comment or CDATA section.
    pub inside_markup: bool,
}
