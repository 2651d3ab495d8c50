//! Bank and card CSV statements in their real layouts (SPEC §2).
//!
//! A file is read in two steps. First a bounded prefix (64 KiB) is sniffed for its
//! [`Layout`]: delimiter, the header (below any preamble lines) or, without one, each
//! column's role from its content; decimal separator; how money's direction is
//! written. Then every row is read as it comes, in one pass: the push form
//! [`BankCsvReader`] takes pieces cut anywhere, so a worker can stream a million-row
//! export. What only the whole file can tell is decided at [`BankCsvReader::finish`]:
//! the date order (from every value of the date column; the rows keep compact raw
//! date parts until then), whether a card file writes charges positive, and which
//! row is the newest for the ending balance.
//!
//! Amounts come out in the holder's view: money in positive. Card exports that write
//! charges positive (a card column or a `CR` flag makes the file a card's; payments
//! being the rare negative rows, or `DEBIT` rows being positive, shows the convention)
//! are turned around.
//!
//! Decisions a reader of the output should know:
//! - Dates that read both ways in every row (no day above 12) follow the file's
//!   convention when it shows one (dotted dates, comma decimals, semicolons, a
//!   European currency: day first; US dollars: month first). When nothing shows one,
//!   month-first (US) is assumed and a warning says so.
//! - `Pending` in the date column is a pending row without a date, not a bad value;
//!   one informational note counts them (they may still change or vanish).
//! - A bad date or amount is a warning on its line; the row is kept without it.
//! - An export whose own-account column names several accounts gives one statement
//!   per account; one account written two ways (a stray quote) stays one, with a
//!   warning on the odd lines.
//! - Text with no date column and no money column is not a statement: one error.

mod balance;

use balance::BalanceWalk;
mod columns;
mod dates;
mod filename;
mod layout;
mod records;

pub use balance::RunningBalance;
pub use columns::{ColumnRole, HEADER_NAMES};
pub use dates::DateOrder;
pub use filename::{account_hint_from_filename, kind_from_filename};
pub use layout::{detect_layout, AmountStyle, Columns, Layout};

use self::dates::{DateCells, DateTally, Decided, RawDate, ResolvedDates};
use self::records::{Record, Splitter};
use super::text::parse_amount;
use super::{ProblemLog, StatementsRead};
use crate::chunked::ChunkedVec;
use crate::model::{
    AccountKind, BankNumber, Institution, Last4, Money, Problem, ProblemKind, RowFacts, Severity,
    Statement, StatementFormat, TextId, Transactions,
};

/// How much text is buffered to sniff the layout before rows are read.
pub(crate) const SNIFF_BYTES: usize = 64 * 1024;

/// Reads every statement in `text` (already decoded, `\n` line breaks).
pub fn read(file: &str, text: &str) -> StatementsRead {
    let mut r = BankCsvReader::new(file);
    r.feed(text);
    r.finish()
}

/// The push form of [`read`]: feed decoded text in pieces cut anywhere, then finish.
/// Memory is the sniffed prefix plus the compact transactions; time is linear.
pub struct BankCsvReader {
    file: String,
    sniff: String,
    run: Option<Box<Run>>,
    /// No layout was found in the prefix: the rest is not read.
    failed: bool,
    problems: Vec<Problem>,
}

impl BankCsvReader {
    /// A reader for the file named `file` (the name is also evidence: an account
    /// number or kind in it).
    pub fn new(file: &str) -> BankCsvReader {
        BankCsvReader {
            file: file.to_string(),
            sniff: String::new(),
            run: None,
            failed: false,
            problems: Vec::new(),
        }
    }

    /// Feeds the next piece of the text.
    pub fn feed(&mut self, text: &str) {
        if let Some(run) = &mut self.run {
            run.feed(text);
            return;
        }
        if self.failed {
            return;
        }
        // Buffer only up to the sniffing size; the rest goes straight to the rows.
        let mut head = SNIFF_BYTES.saturating_sub(self.sniff.len()).min(text.len());
        while !text.is_char_boundary(head) {
            head += 1;
        }
        self.sniff.push_str(&text[..head]);
        if self.sniff.len() >= SNIFF_BYTES {
            self.start(false);
            self.feed(&text[head..]);
        }
    }

    fn start(&mut self, whole: bool) {
        let text = std::mem::take(&mut self.sniff);
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let cut = if whole {
            body.len()
        } else {
            body.rfind('\n').map_or(body.len(), |i| i + 1)
        };
        match layout::detect(&body[..cut], whole) {
            Some(layout) => {
                let mut run = Box::new(Run::new(&self.file, layout));
                run.feed(body);
                self.run = Some(run);
            }
            None => {
                self.failed = true;
                let message = if body.trim().is_empty() {
                    "The file is empty.".to_string()
                } else {
                    "This file is not a bank statement qb324 can read: no column of dates \
                     with a column of amounts was found. Export the statement from your bank \
                     as CSV, OFX, QFX or QBO."
                        .to_string()
                };
                self.problems.push(Problem::error(
                    &self.file,
                    None,
                    ProblemKind::Unrecognized,
                    message,
                ));
            }
        }
    }

    /// Ends the text and returns the statement read (none when the file is not a
    /// bank statement) with every problem met.
    pub fn finish(mut self) -> StatementsRead {
        if self.run.is_none() && !self.failed {
            self.start(true);
        }
        let mut read = StatementsRead::default();
        read.problems.extend(std::mem::take(&mut self.problems));
        if let Some(run) = self.run.take() {
            let (statements, problems) = run.finish();
            read.statements.extend(statements);
            read.problems.append(problems);
        }
        read.problems.sort_by_line();
        read
    }
}

/// A row read but not yet stored: the next record may continue its description
/// (OCBC writes a second line with empty date and money cells).
struct Held {
    line: u32,
    raw_date: RawDate,
    amount: Option<Money>,
    /// Stored as soon as the row is read (only the memo can grow with a wrapped line).
    payee: TextId,
    memo: String,
    fitid: TextId,
    last4: Option<Last4>,
    pending: bool,
    balance: Option<Money>,
    group: u8,
}

impl Held {
    fn empty() -> Held {
        Held {
            line: 0,
            raw_date: RawDate::Empty,
            amount: None,
            payee: TextId::EMPTY,
            memo: String::new(),
            fitid: TextId::EMPTY,
            last4: None,
            pending: false,
            balance: None,
            group: NO_GROUP,
        }
    }
}

/// No account group: the row's account cell is empty or there is no account column.
const NO_GROUP: u8 = u8::MAX;

/// The rows of one own account, in a file that names the account on every row.
struct Group {
    /// The account's digits (its text when it has none), so `NL77RABO0311467415"`
    /// (a stray quote) and `NL77RABO0311467415` are one account.
    key: String,
    /// The ways the rows write it.
    variants: Vec<Seen>,
    rows: u64,
    ends: Ends,
    closing: Option<Money>,
}

/// The balance cells of a group's first and last rows, with those rows' indexes.
#[derive(Clone, Copy, Default)]
struct Ends {
    first: Option<(usize, Option<Money>)>,
    last: Option<(usize, Option<Money>)>,
}

impl Ends {
    fn add(&mut self, index: usize, balance: Option<Money>) {
        if self.first.is_none() {
            self.first = Some((index, balance));
        }
        self.last = Some((index, balance));
    }

    /// The ends of two groups' rows taken together.
    fn merge(self, other: Ends) -> Ends {
        let pick = |a: Option<(usize, Option<Money>)>,
                    b: Option<(usize, Option<Money>)>,
                    first: bool| match (a, b) {
            (Some(x), Some(y)) => Some(if (x.0 < y.0) == first { x } else { y }),
            (x, y) => x.or(y),
        };
        Ends {
            first: pick(self.first, other.first, true),
            last: pick(self.last, other.last, false),
        }
    }

    fn balances(self) -> (Option<Money>, Option<Money>) {
        (self.first.and_then(|f| f.1), self.last.and_then(|l| l.1))
    }
}

/// The grouping key of an account cell.
fn account_key(cell: &str) -> impl Iterator<Item = char> + '_ {
    let has_digits = cell.bytes().any(|b| b.is_ascii_digit());
    cell.chars()
        .filter(move |c| !has_digits || c.is_ascii_digit())
}

/// How often a value (account, BIC, currency) appears, and the first lines it is on.
struct Seen {
    value: String,
    count: u64,
    lines: Vec<u32>,
}

/// Counts `value` (an empty cell counts nothing: checked inline, as most rows have no
/// bank id or card cell).
#[inline]
fn count_value(list: &mut Vec<Seen>, value: &str, line: u32) {
    if !value.is_empty() {
        count_seen(list, value, line);
    }
}

fn count_seen(list: &mut Vec<Seen>, value: &str, line: u32) {
    if let Some(s) = list.iter_mut().find(|s| s.value == value) {
        s.count += 1;
        if s.lines.len() < 8 {
            s.lines.push(line);
        }
    } else if list.len() < 32 {
        list.push(Seen {
            value: value.to_string(),
            count: 1,
            lines: vec![line],
        });
    }
}

fn most_seen(list: &[Seen]) -> Option<&Seen> {
    // The most frequent; the first seen on a tie.
    list.iter()
        .enumerate()
        .max_by_key(|(i, s)| (s.count, std::cmp::Reverse(*i)))
        .map(|(_, s)| s)
}

/// The row-by-row reading, once the layout is known.
struct Run {
    file: String,
    layout: Layout,
    /// Taken out while it calls back into `record` (always present otherwise).
    splitter: Option<Splitter>,
    tx: Transactions,
    /// Each row's date as written, until the whole column settles its order.
    raw_dates: ChunkedVec<RawDate>,
    balances: (Option<Money>, Option<Money>),
    tally: DateTally,
    /// Each distinct date cell read once.
    date_cells: DateCells,
    /// The row read last, not yet stored (when `holding`). Kept in place, its memo's
    /// buffer reused row after row: moving it in and out of an `Option` twice a row
    /// cost a copy of the whole struct each time.
    held: Held,
    holding: bool,
    started: bool,
    first_line: Option<usize>,
    problems: ProblemLog,
    groups: Vec<Group>,
    /// Each stored row's account group (only with an account column).
    row_group: ChunkedVec<u8>,
    /// First and last rows without an account.
    unassigned: Ends,
    cards: Vec<Seen>,
    pending: u64,
    bank_ids: Vec<Seen>,
    currencies: Vec<Seen>,
    closing: Option<Money>,
    /// How the rows' signs read, for a card file's charges-positive question.
    signs: SignEvidence,
    /// A file of daily balances: its first and last balance rows.
    daily: DailyBalances,
    /// The running balance checked on every row, when the sniffed rows satisfy it.
    walk: Option<BalanceWalk>,
    /// More than [`MAX_GROUPS`] accounts were named (said once).
    groups_overflowed: bool,
}

/// Account groups one file may hold apart (a row stores its group in a byte; one
/// export naming more than this is not one customer's statement).
const MAX_GROUPS: usize = 32;

/// How the rows' amounts are signed: overall, and beside a debit/credit type word.
#[derive(Default)]
struct SignEvidence {
    positive: u64,
    negative: u64,
    /// Rows a type word calls money out, written positive / negative.
    out_positive: u64,
    out_negative: u64,
    /// Rows a type word calls money in, written positive / negative.
    in_positive: u64,
    in_negative: u64,
}

impl SignEvidence {
    fn add(&mut self, amount: Money, incoming: Option<bool>) {
        if amount.0 == 0 {
            return;
        }
        let positive = amount.0 > 0;
        if positive {
            self.positive += 1;
        } else {
            self.negative += 1;
        }
        let count = match (incoming, positive) {
            (None, _) => return,
            (Some(false), true) => &mut self.out_positive,
            (Some(false), false) => &mut self.out_negative,
            (Some(true), true) => &mut self.in_positive,
            (Some(true), false) => &mut self.in_negative,
        };
        *count += 1;
    }

    /// Charges are written positive: by the type words when the rows have them, else
    /// by most rows being positive (a card's charges outnumber its payments).
    fn charges_positive(&self) -> bool {
        let typed = self.out_positive + self.out_negative + self.in_positive + self.in_negative;
        if typed > 0 {
            self.out_positive + self.in_negative > self.out_negative + self.in_positive
        } else {
            self.positive > self.negative
        }
    }
}

/// What a row's money cells gave.
enum AmountRead {
    Empty,
    Bad(String),
    Value(Money),
}

impl Run {
    fn new(file: &str, layout: Layout) -> Run {
        // A CR/DR-flagged file's amounts are signed by the flag, which the sniffed
        // identity did not read: its choice says nothing about them.
        let walk = layout
            .running_balance
            .filter(|_| layout.amount_style != AmountStyle::UnsignedWithCrFlag)
            .map(BalanceWalk::new);
        Run {
            file: file.to_string(),
            splitter: Some(Splitter::new(layout.delimiter)),
            started: layout.header_line.is_some(),
            layout,
            tx: Transactions::new(),
            raw_dates: ChunkedVec::default(),
            balances: (None, None),
            tally: DateTally::default(),
            date_cells: DateCells::default(),
            held: Held::empty(),
            holding: false,
            first_line: None,
            problems: ProblemLog::new(),
            groups: Vec::new(),
            row_group: ChunkedVec::default(),
            unassigned: Ends::default(),
            cards: Vec::new(),
            pending: 0,
            bank_ids: Vec::new(),
            currencies: Vec::new(),
            closing: None,
            signs: SignEvidence::default(),
            daily: DailyBalances::default(),
            walk,
            groups_overflowed: false,
        }
    }

    fn feed(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let Some(mut splitter) = self.splitter.take() else {
            return;
        };
        splitter.feed(text, &mut |r| self.record(r));
        self.splitter = Some(splitter);
    }

    /// A problem with one row; the message is made only when the log keeps it.
    fn row_problem(&mut self, line: usize, message: impl FnOnce() -> String) {
        let file = &self.file;
        self.problems
            .push_with(Severity::Warning, ProblemKind::BadValue, || {
                Problem::warning(file, Some(line), ProblemKind::BadValue, message())
            });
    }

    fn amount(&self, r: &Record<'_>) -> AmountRead {
        let cols = &self.layout.columns;
        let dec = self.layout.decimal;
        let get = |c: Option<usize>| c.map(|c| r.get(c)).unwrap_or("");
        match self.layout.amount_style {
            AmountStyle::Signed | AmountStyle::UnsignedWithCrFlag => {
                let text = get(cols.amount);
                if text.is_empty() {
                    return AmountRead::Empty;
                }
                let Some(m) = parse_amount(text, dec) else {
                    return AmountRead::Bad(text.to_string());
                };
                if self.layout.amount_style == AmountStyle::Signed {
                    return AmountRead::Value(m);
                }
                let incoming =
                    columns::flag_word(get(cols.flag)).unwrap_or(self.layout.unflagged_is_credit);
                AmountRead::Value(if incoming { m.abs() } else { Money(-m.abs().0) })
            }
            AmountStyle::DebitCredit => {
                let (d, c) = (get(cols.debit), get(cols.credit));
                if d.is_empty() && c.is_empty() {
                    return AmountRead::Empty;
                }
                let mut total = Money::ZERO;
                for (text, out) in [(d, true), (c, false)] {
                    if text.is_empty() {
                        continue;
                    }
                    let Some(m) = parse_amount(text, dec) else {
                        return AmountRead::Bad(text.to_string());
                    };
                    let signed = if out { Money(-m.abs().0) } else { m.abs() };
                    total = Money(total.0.saturating_add(signed.0));
                }
                AmountRead::Value(total)
            }
        }
    }

    fn record(&mut self, r: Record<'_>) {
        let line = r.line;
        if self.layout.header_line.is_some_and(|h| line <= h) {
            return;
        }
        if r.is_blank() {
            return;
        }
        let cols = &self.layout.columns;
        let get = |c: Option<usize>| c.map(|c| r.get(c)).unwrap_or("");
        let date_cell = get(cols.date);
        let date = self.date_cells.read(date_cell);
        let raw = date.raw;
        if !self.started {
            // Headerless: preamble lines end at the first row with a date.
            if matches!(
                raw,
                RawDate::Known(..) | RawDate::Open { .. } | RawDate::Pending
            ) {
                self.started = true;
            } else {
                return;
            }
        }
        if raw == RawDate::Bad && columns::is_summary(date_cell) {
            // `Total,,-500.00`: a summary line, not a transaction.
            return;
        }
        let amount = self.amount(&r);
        let description = get(cols.description);
        if matches!(raw, RawDate::Empty | RawDate::Bad) && matches!(amount, AmountRead::Empty) {
            if raw == RawDate::Empty {
                self.continue_held(&r, description);
                return;
            }
            self.row_problem(line, || {
                format!("Line {line} has neither a date nor an amount; it was skipped.")
            });
            return;
        }
        let balance = cols
            .balance
            .and_then(|c| parse_amount(r.get(c), self.layout.decimal));
        if let Some(walk) = &mut self.walk {
            let value = match amount {
                AmountRead::Value(m) => Some(m),
                _ => None,
            };
            walk.row(line, value, balance);
        }
        // A dated row with a balance but no amount is a balance line (`Beginning
        // balance as of …`), not a transaction.
        if matches!(amount, AmountRead::Empty) && balance.is_some() {
            if self.layout.balances_only {
                self.tally.add_read(date);
                self.daily.note(raw, balance, line);
            }
            return;
        }
        self.flush();
        let amount = self.kept_with_problems(line, raw, date_cell, amount);
        self.tally.add_read(date);
        let line32 = u32::try_from(line).unwrap_or(u32::MAX);
        let group = self.count_row(&r, line32, amount);
        if self.first_line.is_none() {
            self.first_line = Some(line);
        }
        self.hold(&r, line32, raw, amount, balance, group);
    }

    /// A transaction row's amount, kept whatever is wrong with the row: a bad or missing
    /// date or amount is told (the row stays, without it).
    fn kept_with_problems(
        &mut self,
        line: usize,
        raw: RawDate,
        date_cell: &str,
        amount: AmountRead,
    ) -> Option<Money> {
        match raw {
            RawDate::Bad => self.row_problem(line, || {
                format!(
                    "The date \"{}\" on line {line} is not a date; the row is kept without one.",
                    clip(date_cell)
                )
            }),
            RawDate::Empty => self.row_problem(line, || {
                format!("Line {line} has an amount but no date; the row is kept without one.")
            }),
            _ => {}
        }
        match amount {
            AmountRead::Value(m) => Some(m),
            AmountRead::Empty => {
                self.row_problem(line, || format!("Line {line} has a date but no amount."));
                None
            }
            AmountRead::Bad(text) => {
                self.row_problem(line, || {
                    format!(
                        "The amount \"{}\" on line {line} is not a number.",
                        clip(&text)
                    )
                });
                None
            }
        }
    }

    /// Holds the row until the next one (which may continue its text), in the last
    /// stored row's buffers: no allocation per row.
    fn hold(
        &mut self,
        r: &Record<'_>,
        line: u32,
        raw: RawDate,
        amount: Option<Money>,
        balance: Option<Money>,
        group: u8,
    ) {
        let cols = &self.layout.columns;
        let get = |c: Option<usize>| c.map(|c| r.get(c)).unwrap_or("");
        let h = &mut self.held;
        h.line = line;
        h.raw_date = raw;
        h.amount = amount;
        h.last4 = cols
            .card
            .and_then(|c| BankNumber::from_text(r.get(c)))
            .and_then(|n| Last4::from_number(&n));
        h.pending = raw == RawDate::Pending
            || cols
                .status
                .is_some_and(|c| dates::is_pending_word(r.get(c)));
        if h.pending {
            self.pending += 1;
        }
        h.balance = balance;
        h.group = group;
        // The payee: the counterparty's name, else the description, else the memo.
        let payee_col = cols.payee.or(cols.description).or(cols.memo);
        let payee = get(payee_col);
        h.payee = self.tx.add_text(payee);
        h.memo.clear();
        for c in [cols.memo, cols.description] {
            let v = get(c);
            if c.is_some() && c != payee_col && !v.is_empty() && v != payee {
                if !h.memo.is_empty() {
                    h.memo.push_str(" / ");
                }
                h.memo.push_str(v);
            }
        }
        h.fitid = self.tx.add_unique_text(get(cols.fitid));
        self.holding = true;
    }

    /// A line with neither date nor amount right after a row: its text belongs to the
    /// row above (a description wrapped onto the next line).
    fn continue_held(&mut self, r: &Record<'_>, description: &str) {
        if !self.holding {
            return;
        }
        let h = &mut self.held;
        let mut add = |e: &str| {
            if !h.memo.is_empty() {
                h.memo.push(' ');
            }
            h.memo.push_str(e);
        };
        if description.is_empty() {
            (0..r.len())
                .map(|i| r.get(i))
                .filter(|s| !s.is_empty())
                .for_each(&mut add);
        } else {
            add(description);
        }
    }

    /// Counts what a transaction row says about the whole file (its account group,
    /// bank ids, cards, currencies, a closing balance, how its sign is written) and
    /// returns its account group.
    fn count_row(&mut self, r: &Record<'_>, line: u32, amount: Option<Money>) -> u8 {
        let get = |c: Option<usize>| c.map(|c| r.get(c)).unwrap_or("");
        let group = self.group_for(get(self.layout.columns.account), line);
        let cols = &self.layout.columns;
        count_value(&mut self.bank_ids, get(cols.bank_id), line);
        count_value(&mut self.cards, get(cols.card), line);
        let cur = get(cols.currency);
        if layout::is_currency_code(cur) {
            count_value(&mut self.currencies, cur, line);
        }
        if let Some(m) = cols
            .closing_balance
            .and_then(|c| parse_amount(r.get(c), self.layout.decimal))
        {
            self.closing = Some(m);
            if let Some(g) = self.groups.get_mut(usize::from(group)) {
                g.closing = Some(m);
            }
        }
        if let Some(m) = amount {
            self.signs.add(m, columns::flag_word(get(cols.flag)));
        }
        group
    }

    /// The account group of a row's account cell, counting how it is written.
    fn group_for(&mut self, cell: &str, line: u32) -> u8 {
        if cell.is_empty() {
            return NO_GROUP;
        }
        let found = self
            .groups
            .iter()
            .position(|g| g.key.chars().eq(account_key(cell)));
        let i = match found {
            Some(i) => i,
            None if self.groups.len() < MAX_GROUPS => {
                self.groups.push(Group {
                    key: account_key(cell).collect(),
                    variants: Vec::new(),
                    rows: 0,
                    ends: Ends::default(),
                    closing: None,
                });
                self.groups.len() - 1
            }
            None => {
                // Past the cap the rows still count, with the main account; say so once.
                if !self.groups_overflowed {
                    self.groups_overflowed = true;
                    self.problems.push(Problem::warning(
                        &self.file,
                        Some(line as usize),
                        ProblemKind::Suspicious,
                        format!(
                            "This file names more than {MAX_GROUPS} accounts; rows of the \
                             accounts after the first {MAX_GROUPS} (from line {line}) are read \
                             with the account most rows are for. Export one account per file."
                        ),
                    ));
                }
                return NO_GROUP;
            }
        };
        if let Some(g) = self.groups.get_mut(i) {
            count_value(&mut g.variants, cell, line);
        }
        u8::try_from(i).unwrap_or(NO_GROUP)
    }

    /// Stores the held row.
    fn flush(&mut self) {
        if !self.holding {
            return;
        }
        self.holding = false;
        let h = &self.held;
        if self.tx.is_empty() {
            self.balances.0 = h.balance;
        }
        self.balances.1 = h.balance;
        if self.layout.columns.account.is_some() {
            let index = self.row_group.len();
            self.row_group.push(h.group);
            match self.groups.get_mut(usize::from(h.group)) {
                Some(g) => {
                    g.rows += 1;
                    g.ends.add(index, h.balance);
                }
                None => self.unassigned.add(index, h.balance),
            }
        }
        let memo = self.tx.add_text(&h.memo);
        self.tx.push_facts(RowFacts {
            date: None,
            amount: h.amount,
            payee: h.payee,
            memo,
            fitid: h.fitid,
            account_last4: h.last4,
            pending: h.pending,
            line: h.line,
        });
        self.raw_dates.push(h.raw_date);
    }

    /// The file's statements once every row is in: each job below in its own step.
    fn finish(mut self) -> (Vec<Statement>, ProblemLog) {
        self.last_rows();
        let order = self.resolve_dates();
        self.running_balance_problems();
        let daily = self.daily.ending(order);
        if let Some((m, d)) = daily {
            self.daily_problem(m, d);
        }
        let kind = self.account_kind();
        self.holders_signs(kind);
        self.account_variant_problems();
        let common = Common {
            file: self.file.clone(),
            line: self.layout.header_line.or(self.first_line).unwrap_or(1),
            hint: account_hint_from_filename(&self.file),
            kind,
            currency: most_seen(&self.currencies)
                .map(|s| s.value.clone())
                .or_else(|| self.layout.currency_hint.clone())
                .or_else(|| self.layout.preamble_currency.clone()),
            bankid: most_seen(&self.bank_ids).map(|s| s.value.clone()),
        };
        if self.groups.len() <= 1 {
            self.one_statement(common, daily)
        } else {
            self.statement_per_account(common)
        }
    }

    /// The splitter's last record and the held row.
    fn last_rows(&mut self) {
        let mut splitter = self
            .splitter
            .take()
            .unwrap_or_else(|| Splitter::new(self.layout.delimiter));
        splitter.feed("", &mut |r| self.record(r));
        if splitter.truncated() {
            self.problems.push(Problem::warning(
                &self.file,
                None,
                ProblemKind::Malformed,
                "A line of this file is over a megabyte long and was cut; it is probably not CSV.",
            ));
        }
        self.flush();
    }

    /// The date order, decided from the whole column (the sniffed rows may all read
    /// both ways), and every row's date read in it.
    fn resolve_dates(&mut self) -> DateOrder {
        let line = self.layout.header_line.or(self.first_line);
        let decided = self.tally.decide(self.layout.day_first_hint);
        let order = decided.map(Decided::order).unwrap_or(DateOrder::Mdy);
        if let Some(Decided::Assumed(o)) = decided {
            let (what, other) = match o {
                DateOrder::Mdy => ("month/day/year (US)", "day/month/year"),
                DateOrder::Dmy => ("day/month/year", "month/day/year"),
                DateOrder::Ymd => ("year/month/day", "another order"),
            };
            self.problems.push(Problem::warning(
                &self.file,
                line,
                ProblemKind::Suspicious,
                format!(
                    "Every date in this file reads both ways (no day is above 12); they were \
                     read as {what}. If your bank writes {other}, the dates are wrong."
                ),
            ));
        }
        if self.pending > 0 {
            // Not an error: pending rows are real, but they may still change or vanish,
            // which matters when comparing with what QuickBooks downloaded.
            self.problems.push(Problem::new(
                &self.file,
                line,
                Severity::Info,
                ProblemKind::Suspicious,
                format!(
                    "{} row(s) are pending: the bank has not posted them yet, so they have no \
                     date and may still change.",
                    self.pending
                ),
            ));
        }
        // Rows whose open date is no real day in the order (rare), told after.
        let mut unreal = Vec::new();
        let raw_dates = std::mem::take(&mut self.raw_dates);
        let mut resolved = ResolvedDates::new(order);
        let dates = raw_dates.iter().enumerate().map(|(i, raw)| {
            let date = resolved.resolve(*raw);
            if date.is_none() && matches!(raw, RawDate::Open { .. }) {
                unreal.push(i);
            }
            date
        });
        self.tx.set_dates(dates);
        for i in unreal {
            let line = self.tx.get(i).map(|t| t.line as usize).unwrap_or(0);
            self.row_problem(line, || {
                format!("The date on line {line} is not a real date in this file's order.")
            });
        }
        order
    }

    /// Card-specific columns, else what a preamble line or the file name says.
    fn account_kind(&self) -> AccountKind {
        if self.layout.card_columns {
            AccountKind::CreditCard
        } else if self.layout.preamble_kind != AccountKind::Unknown {
            self.layout.preamble_kind
        } else {
            kind_from_filename(&self.file)
        }
    }

    /// Amounts in the holder's view: turned round when the running balance says the
    /// file writes money out positive, and for a card export that writes charges
    /// positive.
    fn holders_signs(&mut self, kind: AccountKind) {
        let card_charges_positive = kind == AccountKind::CreditCard
            && self.layout.amount_style == AmountStyle::Signed
            && self.signs.charges_positive();
        // Both turnings cancel out.
        if self.layout.negate_amounts != card_charges_positive {
            self.negate_all();
        }
    }

    /// In each account group, the way most rows write the account is the holder's;
    /// rows that write it otherwise are told (a stray quote, a typo).
    fn account_variant_problems(&mut self) {
        for g in &self.groups {
            let Some(main) = most_seen(&g.variants) else {
                continue;
            };
            for other in g.variants.iter().filter(|s| s.value != main.value) {
                for &line in &other.lines {
                    self.problems.push(Problem::warning(
                        &self.file,
                        Some(line as usize),
                        ProblemKind::Suspicious,
                        format!(
                            "Line {line} writes the account as \"{}\" where the other rows write \
                             \"{}\"; it is read as the same account.",
                            clip(&other.value),
                            clip(&main.value)
                        ),
                    ));
                }
            }
        }
    }

    /// The file as one statement. One card on every row is its card; several stay
    /// per row.
    fn one_statement(
        self,
        common: Common,
        daily: Option<(Money, crate::model::Date)>,
    ) -> (Vec<Statement>, ProblemLog) {
        let single_card = match self.cards.as_slice() {
            [only] => Some(only.value.clone()),
            _ => None,
        };
        let account_id = self
            .groups
            .first()
            .and_then(|g| most_seen(&g.variants))
            .map(|s| s.value.clone())
            .or(single_card)
            .or_else(|| self.layout.preamble_account.clone());
        let running = newest_balance(&self.tx, self.balances);
        let ending = self
            .closing
            .or(self.layout.preamble_balance)
            .or(running)
            .or(daily.map(|d| d.0));
        let mut st = common.statement(account_id, ending, self.tx);
        if let (Some((_, d)), None) = (daily, st.balance_date) {
            st.balance_date = Some(d);
        }
        (vec![st], self.problems)
    }

    /// Several accounts in one export: one statement each, rows without an account
    /// going with the account most rows are for.
    fn statement_per_account(self, common: Common) -> (Vec<Statement>, ProblemLog) {
        let main = self
            .groups
            .iter()
            .enumerate()
            .max_by_key(|(i, g)| (g.rows, std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
            .unwrap_or(0);
        let group_of = |i: usize| match self.row_group.get(i).copied().unwrap_or(NO_GROUP) {
            NO_GROUP => main,
            g => usize::from(g),
        };
        let mut statements = Vec::with_capacity(self.groups.len());
        for (gi, g) in self.groups.iter().enumerate() {
            let mut tx = Transactions::new();
            for (i, t) in self.tx.iter().enumerate() {
                if group_of(i) == gi {
                    tx.push(t);
                }
            }
            if tx.is_empty() {
                continue;
            }
            let account_id = most_seen(&g.variants).map(|s| s.value.clone());
            let ends = if gi == main {
                g.ends.merge(self.unassigned)
            } else {
                g.ends
            };
            let running = newest_balance(&tx, ends.balances());
            let ending = g.closing.or(running);
            statements.push(common.statement(account_id, ending, tx));
        }
        (statements, self.problems)
    }
}

/// A balance-history file's first and last balance rows (date as written, balance, line).
#[derive(Default)]
struct DailyBalances {
    first: Option<(RawDate, Money, usize)>,
    last: Option<(RawDate, Money, usize)>,
    rows: usize,
}

impl DailyBalances {
    fn note(&mut self, raw: RawDate, balance: Option<Money>, line: usize) {
        let Some(b) = balance else { return };
        self.rows += 1;
        if self.first.is_none() {
            self.first = Some((raw, b, line));
        }
        self.last = Some((raw, b, line));
    }

    /// The newest balance and its date, whichever way the rows run.
    fn ending(&self, order: DateOrder) -> Option<(Money, crate::model::Date)> {
        let f = self
            .first
            .and_then(|(r, m, _)| r.resolve(order).map(|d| (m, d)));
        let l = self
            .last
            .and_then(|(r, m, _)| r.resolve(order).map(|d| (m, d)));
        match (f, l) {
            (Some(f), Some(l)) => Some(if f.1 > l.1 { f } else { l }),
            (f, l) => f.or(l),
        }
    }
}

impl Run {
    /// Says that the file holds balances, not transactions.
    fn daily_problem(&mut self, balance: Money, date: crate::model::Date) {
        self.problems.push(Problem::warning(
            &self.file,
            self.layout.header_line.or(self.daily.first.map(|f| f.2)),
            ProblemKind::Suspicious,
            format!(
                "This file holds balances, not transactions: {} rows of a date and the day's \
                 balance. No transactions were read from it; its last balance, {balance} on \
                 {date}, is used as the ending balance. For transactions, export the account's \
                 activity (transaction history) instead.",
                self.daily.rows
            ),
        ));
    }

    /// Rows where the running balance breaks, in a file whose first rows satisfy it
    /// (checked on every row of the file as it streamed past).
    fn running_balance_problems(&mut self) {
        let Some(walk) = self.walk.take() else {
            return;
        };
        if walk.compared < 3 || walk.broken == 0 {
            return;
        }
        for &line in &walk.breaks {
            self.problems.push(Problem::warning(
                &self.file,
                Some(line),
                ProblemKind::Suspicious,
                format!(
                    "The balance on line {line} is not the balance before it plus the row's \
                     amount, as it is on the other rows: a row may be missing, repeated or \
                     changed here."
                ),
            ));
        }
        if walk.broken > walk.breaks.len() {
            self.problems.push(Problem::warning(
                &self.file,
                None,
                ProblemKind::Suspicious,
                format!(
                    "The running balance breaks on {} more rows (of {} rows compared).",
                    crate::formats::problems::thousands(walk.broken - walk.breaks.len()),
                    crate::formats::problems::thousands(walk.compared)
                ),
            ));
        }
    }

    /// Turns every amount round (the running balance says the file writes money out
    /// positive).
    fn negate_all(&mut self) {
        for i in 0..self.tx.len() {
            let a = self.tx.get(i).and_then(|t| t.amount);
            self.tx
                .set_amount(i, a.map(|m| Money(m.0.saturating_neg())));
        }
    }
}

/// What every statement of one file shares.
struct Common {
    file: String,
    line: usize,
    hint: Option<String>,
    kind: AccountKind,
    currency: Option<String>,
    bankid: Option<String>,
}

impl Common {
    fn statement(
        &self,
        account_id: Option<String>,
        ending_balance: Option<Money>,
        transactions: Transactions,
    ) -> Statement {
        let account_number = account_id
            .as_deref()
            .and_then(BankNumber::from_text)
            .or_else(|| self.hint.as_deref().and_then(BankNumber::from_text));
        Statement {
            file: self.file.clone(),
            format: Some(StatementFormat::Csv),
            line: self.line,
            institution: Institution {
                bankid: self.bankid.clone(),
                ..Institution::default()
            },
            account_id,
            account_number,
            account_hint_from_filename: self.hint.clone(),
            kind: self.kind,
            currency: self.currency.clone(),
            // A CSV's balance is as of its newest row.
            balance_date: ending_balance.and(transactions.date_range().map(|r| r.1)),
            ending_balance,
            transactions,
            ..Statement::default()
        }
    }
}

/// The running balance on the newest row: the last row when the file runs oldest
/// first, the first when it runs newest first (most steps between dated rows say
/// which); none when the rows are in no clear order.
fn newest_balance(
    tx: &Transactions,
    (first, last): (Option<Money>, Option<Money>),
) -> Option<Money> {
    let (mut up, mut down) = (0u64, 0u64);
    let mut prev = None;
    for d in tx.facts().filter_map(|t| t.date) {
        if let Some(p) = prev {
            if d > p {
                up += 1;
            } else if d < p {
                down += 1;
            }
        }
        prev = Some(d);
    }
    match (tx.len(), up.cmp(&down)) {
        (0, _) => None,
        (1, _) => last,
        (_, std::cmp::Ordering::Greater) => last,
        (_, std::cmp::Ordering::Less) => first,
        (_, std::cmp::Ordering::Equal) => None,
    }
}

/// A cell shortened for a message.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}
