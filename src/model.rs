//! The model every reader produces and every rule reads: charts of accounts,
//! statements and their transactions, money, dates and bank numbers.
//!
//! Nothing here knows where the bytes came from. Readers in [`crate::formats`]
//! build these values; rules in [`crate::rules`] only read them.

use std::collections::hash_map::Entry;
use std::fmt;

use crate::chunked::{ChunkedVec, BLOCK};

use serde::Serialize;

pub use jiff::civil::Date;

/// A date as one number in the dates' order: `year·512 + month·32 + day` (a month is 32
/// numbers, a year 512, so it is not a day count). A few instructions from jiff's fields,
/// where a jiff comparison or a day count is many more: for rules and tables that order
/// or index a million rows' dates.
pub fn day_number(d: Date) -> u32 {
    // jiff's years are -9999..=9999: shifted to 1..=19999, the number stays below 2^24.
    let n = (i32::from(d.year()) + 10_000) * 512 + i32::from(d.month()) * 32 + i32::from(d.day());
    n as u32
}

/// A `YYYY-MM-DD` date, as both faces take "today" (`--today`, `options.today`):
/// one parser, so the CLI and the page accept exactly the same text. Read by hand:
/// jiff's `FromStr` is its whole RFC 9557 parser (times, offsets, zones; ~20 KB of
/// wasm) for a field that is only ever a plain date.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let mut field = |len: usize| {
        parts
            .next()
            .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<i16>().ok())
    };
    let (y, m, d) = (field(4)?, field(2)?, field(2)?);
    if parts.next().is_some() {
        return None;
    }
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// Money as a whole number of ten-thousandths: exact (no float drift in sums),
/// 8 bytes per value, and room for the 3- and 5-decimal amounts real OFX files carry
/// (`-3.77000` rounds to `-3.7700`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    /// Ten-thousandths per unit of currency.
    pub const SCALE: i64 = 10_000;

    pub const ZERO: Money = Money(0);

    pub fn from_cents(cents: i64) -> Money {
        Money(cents.saturating_mul(100))
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn abs(self) -> Money {
        Money(self.0.saturating_abs())
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// Parses a plain decimal in the `.` convention: optional sign, digits, optional
    /// `.` and fraction. Thousands separators, currency symbols and comma decimals
    /// are the caller's job (their meaning depends on the file), so this refuses them.
    /// Digits past the fourth decimal are rounded half away from zero.
    pub fn parse_plain(text: &str) -> Option<Money> {
        let text = text.trim();
        let (negative, rest) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (int_part, frac_part) = match rest.find('.') {
            Some(dot) => (&rest[..dot], &rest[dot + 1..]),
            None => (rest, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut units: i64 = 0;
        for b in int_part.bytes() {
            units = units.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
        let mut frac: i64 = 0;
        let mut digits = 0;
        let mut round_up = false;
        for (i, b) in frac_part.bytes().enumerate() {
            if i < 4 {
                frac = frac * 10 + i64::from(b - b'0');
                digits += 1;
            } else if i == 4 {
                round_up = b >= b'5';
            }
        }
        while digits < 4 {
            frac *= 10;
            digits += 1;
        }
        let mut value = units.checked_mul(Self::SCALE)?.checked_add(frac)?;
        if round_up {
            value = value.checked_add(1)?;
        }
        Some(Money(if negative { -value } else { value }))
    }
}

impl fmt::Display for Money {
    /// Two decimals, more only when the value has them: `-30.00`, `1.2345`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let units = abs / Self::SCALE as u64;
        let frac = abs % Self::SCALE as u64;
        if frac.is_multiple_of(100) {
            write!(f, "{sign}{units}.{:02}", frac / 100)
        } else {
            let s = format!("{frac:04}");
            write!(f, "{sign}{units}.{}", s.trim_end_matches('0'))
        }
    }
}

impl Serialize for Money {
    /// Money leaves the core as a decimal string: JSON numbers would invite float drift.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A bank or card number, or the part of it a file shows.
///
/// Only digits are kept: `XXXXXXXXXXX2008`, `****2008` and `x2008` are all the same
/// evidence (digits `2008`, not complete). Never a bookkeeping chart number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BankNumber {
    digits: String,
    complete: bool,
}

impl BankNumber {
    /// From text as a file writes it. Keeps the digits; `complete` is false when the
    /// text masks digits (`X`, `*`, `•`, `.`) or says "ending in". Returns `None` when
    /// the text has no digits at all.
    pub fn from_text(text: &str) -> Option<BankNumber> {
        let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            return None;
        }
        let masked = text
            .chars()
            .any(|c| matches!(c, 'X' | 'x' | '*' | '•' | '#' | '…') || c == '.');
        Some(BankNumber {
            complete: !masked,
            digits,
        })
    }

    /// The last digits of a number whose rest is unknown (`ending in 1234`).
    pub fn last_digits(digits: &str) -> Option<BankNumber> {
        let digits: String = digits.chars().filter(|c| c.is_ascii_digit()).collect();
        (!digits.is_empty()).then_some(BankNumber {
            digits,
            complete: false,
        })
    }

    /// Every digit the file shows, in order.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// Whether `digits` is the whole number rather than its tail.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The last four digits, or all of them when fewer are known.
    pub fn last4(&self) -> &str {
        let n = self.digits.len();
        &self.digits[n.saturating_sub(4)..]
    }

    /// The form every output uses: `…1234` (or fewer digits when fewer are known).
    pub fn masked(&self) -> String {
        format!("…{}", self.last4())
    }
}

/// What QuickBooks calls an account's type. Only the bank-facing distinction matters to
/// the rules; the text as exported is kept in [`Account::type_text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccountType {
    Bank,
    CreditCard,
    AccountsReceivable,
    OtherCurrentAsset,
    FixedAsset,
    OtherAsset,
    AccountsPayable,
    OtherCurrentLiability,
    LongTermLiability,
    Equity,
    Income,
    CostOfGoodsSold,
    Expense,
    OtherIncome,
    OtherExpense,
    NonPosting,
    Other,
}

impl AccountType {
    /// Accounts a bank feed connects to.
    pub fn is_bank_facing(self) -> bool {
        matches!(self, AccountType::Bank | AccountType::CreditCard)
    }

    /// From the type text of a QuickBooks export: QBO names (`Bank`, `Credit Card`,
    /// `Other Current Assets`), Desktop names (`Bank`, `Credit Card`, `Other Current
    /// Asset`) and IIF codes (`BANK`, `CCARD`, `OCASSET`, ...).
    pub fn from_export_text(text: &str) -> AccountType {
        let key: String = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "bank" | "banks" | "cash" | "cashandcashequivalents" => AccountType::Bank,
            "creditcard" | "creditcards" | "ccard" => AccountType::CreditCard,
            "accountsreceivable" | "accountsreceivablear" | "ar" => AccountType::AccountsReceivable,
            "othercurrentasset" | "othercurrentassets" | "ocasset" => {
                AccountType::OtherCurrentAsset
            }
            "fixedasset" | "fixedassets" | "fixasset" | "propertyplantandequipment" => {
                AccountType::FixedAsset
            }
            "otherasset" | "otherassets" | "oasset" => AccountType::OtherAsset,
            "accountspayable" | "accountspayableap" | "ap" => AccountType::AccountsPayable,
            "othercurrentliability" | "othercurrentliabilities" | "ocliab" => {
                AccountType::OtherCurrentLiability
            }
            "longtermliability" | "longtermliabilities" | "ltliab" => {
                AccountType::LongTermLiability
            }
            "equity" => AccountType::Equity,
            "income" | "inc" => AccountType::Income,
            "costofgoodssold" | "cogs" => AccountType::CostOfGoodsSold,
            "expense" | "expenses" | "exp" => AccountType::Expense,
            "otherincome" | "exinc" => AccountType::OtherIncome,
            "otherexpense" | "exexp" => AccountType::OtherExpense,
            "nonposting" => AccountType::NonPosting,
            _ => AccountType::Other,
        }
    }
}

/// One account of a chart of accounts.
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    /// Full name with parents, `Parent:Child`, as QuickBooks shows it.
    pub full_name: String,
    /// The last segment of the full name.
    pub name: String,
    pub account_type: AccountType,
    /// The type as the export wrote it (`Credit Card`, `CCARD`).
    pub type_text: String,
    pub detail_type: Option<String>,
    pub description: Option<String>,
    /// The bookkeeping number (`Account #` column, `1010 Checking` prefix, IIF `ACCNUM`).
    /// Never a bank number.
    pub chart_number: Option<String>,
    /// False for accounts marked inactive, hidden or `(deleted)`.
    pub active: bool,
    pub balance: Option<Money>,
    /// QBO's "Bank Balance" column: present when a bank feed is (or was) connected.
    pub bank_balance: Option<Money>,
    /// The bank account or card number, or its last digits: the export's own number
    /// field (a bank-number column, IIF `BANKNUM`) when it has one, else what the name or
    /// description shows ([`Account::name_number`]).
    pub bank_number: Option<BankNumber>,
    /// The number the account's name (or else its description) shows: `Amex Blue 3007`,
    /// `Checking x1005`. Kept apart from the number field so an account whose name and
    /// number disagree (`Visa - 4417` with bank number …4471) can be told.
    pub name_number: Option<BankNumber>,
    /// 1-based line of the account's row in its file.
    pub line: usize,
}

impl Account {
    /// An account with its names split (`Parent:Child` → leaf `Child`), active, and
    /// nothing else known yet: readers and tests fill in the rest.
    pub fn new(
        full_name: &str,
        account_type: AccountType,
        type_text: &str,
        line: usize,
    ) -> Account {
        let full_name = full_name.trim();
        let name = full_name.rsplit(':').next().unwrap_or(full_name).trim();
        Account {
            full_name: full_name.to_string(),
            name: name.to_string(),
            account_type,
            type_text: type_text.trim().to_string(),
            detail_type: None,
            description: None,
            chart_number: None,
            active: true,
            balance: None,
            bank_balance: None,
            bank_number: None,
            name_number: None,
            line,
        }
    }
}

vocabulary! {
    /// Which chart export a chart was read from.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ChartFormat {
        QboCsv = "qbo-csv",
        QboXlsx = "qbo-xlsx",
        DesktopCsv = "desktop-csv",
        DesktopXlsx = "desktop-xlsx",
        Iif = "iif",
        /// QuickBooks Self-Employed / Solopreneur transactions export, read as the list of
        /// connected accounts (CSV or Excel).
        SelfEmployed = "self-employed",
    }
}

/// A chart of accounts as read from one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub file: String,
    pub format: ChartFormat,
    pub accounts: Vec<Account>,
    /// The company the export's title rows name (`Acme Landscaping LLC` above
    /// `Account List`), for the printed plan's heading.
    pub company: Option<String>,
}

/// The kind of account a statement is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Checking,
    Savings,
    MoneyMarket,
    CreditLine,
    CreditCard,
    #[default]
    Unknown,
}

impl AccountKind {
    /// The chart type this kind belongs under, when known.
    pub fn chart_type(self) -> Option<AccountType> {
        match self {
            AccountKind::Checking | AccountKind::Savings | AccountKind::MoneyMarket => {
                Some(AccountType::Bank)
            }
            AccountKind::CreditCard => Some(AccountType::CreditCard),
            AccountKind::CreditLine | AccountKind::Unknown => None,
        }
    }
}

vocabulary! {
    /// Which statement format a statement was read from.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum StatementFormat {
        /// OFX 1.x, SGML (also QFX/QBO in that syntax).
        OfxSgml = "ofx-sgml",
        /// OFX 2.x, XML.
        OfxXml = "ofx-xml",
        /// OFX body without any header.
        OfxNoHeader = "ofx-no-header",
        Csv = "csv",
    }
}

vocabulary! {
    /// Which export QuickBooks' own record of an account (a [`Register`]) was read from.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub enum RegisterFormat {
        /// QuickBooks Online "Transaction Detail by Account" or register export, CSV.
        #[default]
        QboCsv = "qbo-register-csv",
        QboXlsx = "qbo-register-xlsx",
        /// QuickBooks Desktop register or QuickReport export, CSV.
        DesktopCsv = "desktop-register-csv",
        DesktopXlsx = "desktop-register-xlsx",
        /// IIF `TRNS` lines.
        Iif = "iif",
    }
}

/// Who the bank says it is. Any of these may be absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Institution {
    /// OFX `<FI><ORG>`.
    pub org: Option<String>,
    /// OFX `<FI><FID>`.
    pub fid: Option<String>,
    /// OFX `<INTU.BID>` (QuickBooks Web Connect bank id).
    pub intu_bid: Option<String>,
    /// OFX `<BANKID>` (routing / sort code) or a CSV's own BIC column.
    pub bankid: Option<String>,
}

impl Institution {
    pub fn is_empty(&self) -> bool {
        self.org.is_none() && self.fid.is_none() && self.intu_bid.is_none() && self.bankid.is_none()
    }
}

/// Last four digits of a card or account number, as stored per transaction row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Last4(pub [u8; 4]);

impl Last4 {
    pub fn from_number(n: &BankNumber) -> Option<Last4> {
        let l = n.last4().as_bytes();
        (l.len() == 4).then(|| Last4([l[0], l[1], l[2], l[3]]))
    }

    pub fn as_str(&self) -> &str {
        // Built only from ASCII digits.
        std::str::from_utf8(&self.0).unwrap_or("????")
    }
}

/// One transaction, borrowed from a [`Transactions`] list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transaction<'a> {
    /// Posting date; `None` when the file's date was missing, unparseable or pending.
    pub date: Option<Date>,
    /// Signed amount in the holder's view (money in positive); `None` when unreadable.
    pub amount: Option<Money>,
    pub payee: &'a str,
    pub memo: &'a str,
    /// OFX `FITID` or a CSV's transaction-id column; empty when absent.
    pub fitid: &'a str,
    /// The card or account a row belongs to, in CSVs that carry one per row.
    pub account_last4: Option<Last4>,
    /// Marked pending by the bank (no posting date yet).
    pub pending: bool,
    /// 1-based line of the row (CSV) or of `<STMTTRN>` (OFX) in the source file.
    pub line: u32,
}

/// A transaction's facts without its texts (see [`Transactions::facts`]); the fields
/// mean what [`Transaction`]'s do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowFacts {
    pub date: Option<Date>,
    pub amount: Option<Money>,
    pub account_last4: Option<Last4>,
    pub pending: bool,
    pub line: u32,
    /// The row's texts by id (see [`Transactions::text`]).
    pub payee: TextId,
    pub memo: TextId,
    pub fitid: TextId,
}

/// A text stored in a [`Transactions`] table. Equal payee or memo texts share one id
/// (while the table of shared texts has room), so rules that only compare texts can
/// compare ids first, and work done on a text can be kept per id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextId(u32);

impl TextId {
    /// The empty text.
    pub const EMPTY: TextId = TextId(0);

    /// A dense index below [`Transactions::text_count`], for tables kept per text.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The stored amount that means "none" (no parsed amount reaches it: parsing is checked
/// and sums saturate one short of it only in the debit + credit of one row).
const NO_AMOUNT: i64 = i64::MIN;

/// Distinct payee and memo texts remembered for sharing; past this, new ones are stored
/// without a lookup (the table stays small however varied a file is).
const MAX_SHARED_TEXTS: usize = 1 << 16;

/// A statement's transactions, stored compactly: a column per field (about 26 bytes a
/// row; fields a file never fills take nothing), and each distinct payee and memo text
/// once (banks repeat merchants: a million rows hold a few thousand names), FITIDs once
/// each. Everything is kept in fixed-size blocks ([`crate::chunked`]), so a million-row
/// statement is about 26 MB plus its distinct texts, never twice that while growing.
#[derive(Clone, Debug, Default)]
pub struct Transactions {
    rows: Rows,
    texts: Texts,
    /// Hash of a payee or memo text → its id, for sharing.
    shared: std::collections::HashMap<u64, u32, std::hash::BuildHasherDefault<Fx>>,
}

/// A statement's rows in blocks of [`BLOCK`] rows, each block a column per field: 26
/// bytes a row for a CSV of dates, amounts, descriptions and a second text, where a row
/// struct was 40, and fields a file never fills (memos, FITIDs, card digits, pending
/// marks) cost nothing. Growing never moves a full block (see [`crate::chunked`]).
#[derive(Clone, Debug, Default)]
struct Rows {
    blocks: Vec<RowBlock>,
    len: usize,
}

/// Up to [`BLOCK`] rows, a column each field. A column stays unallocated until a row of
/// the block has a value that is not [`Cell::EMPTY`], and from then holds every row;
/// rows past its stored ones read as empty.
#[derive(Clone, Debug, Default)]
struct RowBlock {
    /// Ten-thousandths; [`NO_AMOUNT`] when unreadable.
    amount: Vec<i64>,
    date: Vec<Option<Date>>,
    payee: Vec<u32>,
    memo: Vec<u32>,
    fitid: Vec<u32>,
    line: Vec<u32>,
    account_last4: Vec<Option<Last4>>,
    pending: Vec<bool>,
}

/// A value a column need not store: what most files leave every row without.
trait Cell: Copy + PartialEq {
    const EMPTY: Self;
}

impl Cell for i64 {
    const EMPTY: i64 = NO_AMOUNT;
}
impl Cell for u32 {
    const EMPTY: u32 = 0;
}
impl Cell for bool {
    const EMPTY: bool = false;
}
impl<T: Copy + PartialEq> Cell for Option<T> {
    const EMPTY: Option<T> = None;
}

// The widths the comment on `Rows` counts on.
const _: () = assert!(std::mem::size_of::<Option<Date>>() <= 6);

/// Row `j`'s value in a column.
#[inline(always)]
fn cell<T: Cell>(column: &[T], j: usize) -> T {
    column.get(j).copied().unwrap_or(T::EMPTY)
}

/// Sets row `j` of a column to `value`; `j` is at or past the column's stored rows
/// (the rows between read as empty until set).
#[inline(always)]
fn put<T: Cell>(column: &mut Vec<T>, j: usize, value: T, whole: bool) {
    if column.len() == j && j != 0 {
        // The usual row: a column already started, in step with its block.
        column.push(value);
    } else if value != T::EMPTY {
        start_column(column, j, value, whole);
    }
}

/// [`put`]'s first value of a column that was empty up to row `j`.
#[cold]
#[inline(never)]
fn start_column<T: Cell>(column: &mut Vec<T>, j: usize, value: T, whole: bool) {
    if column.is_empty() && whole {
        // A later block: the file is long, so the column is made whole once.
        column.reserve_exact(BLOCK);
    }
    column.resize(j, T::EMPTY);
    column.push(value);
}

/// Sets row `j` of a column, stored or not.
fn set<T: Cell>(column: &mut Vec<T>, j: usize, value: T, whole: bool) {
    match column.get_mut(j) {
        Some(c) => *c = value,
        None => put(column, j, value, whole),
    }
}

impl Rows {
    fn push(&mut self, f: RowFacts) {
        let j = self.len % BLOCK;
        if j == 0 {
            self.blocks.push(RowBlock::default());
        }
        let whole = self.blocks.len() > 1;
        let Some(b) = self.blocks.last_mut() else {
            return;
        };
        put(&mut b.amount, j, f.amount.map_or(NO_AMOUNT, |m| m.0), whole);
        put(&mut b.date, j, f.date, whole);
        put(&mut b.payee, j, f.payee.0, whole);
        put(&mut b.memo, j, f.memo.0, whole);
        put(&mut b.fitid, j, f.fitid.0, whole);
        put(&mut b.line, j, f.line, whole);
        put(&mut b.account_last4, j, f.account_last4, whole);
        put(&mut b.pending, j, f.pending, whole);
        self.len += 1;
    }

    /// Row `i`'s block, the row's place in it, and whether the block is a later one.
    fn block_mut(&mut self, i: usize) -> Option<(&mut RowBlock, usize, bool)> {
        if i >= self.len {
            return None;
        }
        let k = i / BLOCK;
        Some((self.blocks.get_mut(k)?, i % BLOCK, k > 0))
    }

    fn set_amount(&mut self, i: usize, amount: i64) {
        if let Some((b, j, whole)) = self.block_mut(i) {
            set(&mut b.amount, j, amount, whole);
        }
    }

    fn set_date(&mut self, i: usize, date: Option<Date>) {
        if let Some((b, j, whole)) = self.block_mut(i) {
            set(&mut b.date, j, date, whole);
        }
    }

    fn get(&self, i: usize) -> Option<RowFacts> {
        if i >= self.len {
            return None;
        }
        Some(self.blocks.get(i / BLOCK)?.facts(i % BLOCK))
    }

    fn iter(&self) -> RowsIter<'_> {
        RowsIter {
            rows: self,
            block: None,
            next_block: 0,
            j: 0,
            n: 0,
        }
    }

    /// Every row's value of one column, in order.
    fn column<'r, T: Cell + 'r>(
        &'r self,
        field: impl Fn(&RowBlock) -> &[T] + 'r,
    ) -> impl Iterator<Item = T> + 'r {
        let len = self.len;
        self.blocks.iter().enumerate().flat_map(move |(k, b)| {
            let rows = (len - k * BLOCK).min(BLOCK);
            let stored = field(b);
            stored
                .iter()
                .copied()
                .chain(std::iter::repeat_n(T::EMPTY, rows - stored.len().min(rows)))
        })
    }
}

impl RowBlock {
    #[inline(always)]
    fn facts(&self, j: usize) -> RowFacts {
        let amount = cell(&self.amount, j);
        RowFacts {
            date: cell(&self.date, j),
            amount: (amount != NO_AMOUNT).then_some(Money(amount)),
            account_last4: cell(&self.account_last4, j),
            pending: cell(&self.pending, j),
            line: cell(&self.line, j),
            payee: TextId(cell(&self.payee, j)),
            memo: TextId(cell(&self.memo, j)),
            fitid: TextId(cell(&self.fitid, j)),
        }
    }
}

/// [`Rows::iter`]: block by block, a row at a time within a block.
struct RowsIter<'r> {
    rows: &'r Rows,
    block: Option<&'r RowBlock>,
    next_block: usize,
    /// The next row in `block`, and how many rows `block` has.
    j: usize,
    n: usize,
}

impl Iterator for RowsIter<'_> {
    type Item = RowFacts;

    #[inline]
    fn next(&mut self) -> Option<RowFacts> {
        if self.j == self.n {
            let k = self.next_block;
            self.block = Some(self.rows.blocks.get(k)?);
            self.n = self.rows.len.saturating_sub(k * BLOCK).min(BLOCK);
            self.j = 0;
            self.next_block += 1;
            if self.n == 0 {
                return None;
            }
        }
        let j = self.j;
        self.j += 1;
        Some(self.block?.facts(j))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let done = (self.next_block.saturating_sub(1)) * BLOCK + self.j;
        let left = self.rows.len.saturating_sub(done.min(self.rows.len));
        (left, Some(left))
    }
}

/// Every text of a [`Transactions`] table, back to back in blocks of [`TEXT_BLOCK`]
/// bytes (one `String` would double, and hold twice the text while it moves). A text
/// is found by its span in one address space where block `k` starts at
/// `k · TEXT_BLOCK`; a text longer than a block has a block of its own, with empty
/// blocks after it for the addresses it covers.
#[derive(Clone, Debug, Default)]
struct Texts {
    blocks: Vec<String>,
    /// Each text id's span; id 0 is "".
    spans: ChunkedVec<(u32, u32)>,
}

const TEXT_BLOCK: usize = 1 << 20;

impl Texts {
    fn add(&mut self, s: &str) -> u32 {
        if self.spans.is_empty() {
            self.spans.push((0, 0));
        }
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.len() + s.len() <= TEXT_BLOCK);
        if !fits {
            // The first block grows from nothing (a statement of a few rows keeps a few
            // texts); later ones are made whole once.
            let size = if self.blocks.is_empty() {
                0
            } else {
                TEXT_BLOCK
            };
            self.blocks.push(String::with_capacity(size.max(s.len())));
            for _ in 1..s.len().div_ceil(TEXT_BLOCK) {
                self.blocks.push(String::new());
            }
        }
        let k = self.blocks.len() - 1 - s.len().saturating_sub(1) / TEXT_BLOCK;
        let block = &mut self.blocks[k];
        let start = k * TEXT_BLOCK + block.len();
        block.push_str(s);
        let id = u32::try_from(self.spans.len()).unwrap_or(u32::MAX);
        let span = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.spans.push((span(start), span(start + s.len())));
        id
    }

    fn get(&self, id: u32) -> &str {
        let Some(&(a, b)) = self.spans.get(id as usize) else {
            return "";
        };
        let (a, b) = (a as usize, b as usize);
        let offset = a % TEXT_BLOCK;
        self.blocks
            .get(a / TEXT_BLOCK)
            .and_then(|block| block.get(offset..offset + b.saturating_sub(a)))
            .unwrap_or("")
    }

    fn count(&self) -> usize {
        self.spans.len().max(1)
    }
}

/// A word-at-a-time multiply–rotate hash (FxHash's step) for the text table: a hash
/// match is checked against the stored text, so collisions only cost sharing.
#[derive(Clone, Copy, Debug, Default)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 =
                (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A word-at-a-time hash of a text, for tables that verify their matches (not keyed:
/// never the only guard against a file built to collide). Each word is mixed by a
/// folded product (as foldhash does): the multiply–rotate step it replaced let a
/// difference in a word's top byte cancel against the next byte, so a quarter of
/// `0000000000`…`0000004095` shared a hash, and its low bits (which hash tables index
/// by) saw only the inputs' low bits.
pub(crate) fn text_hash(s: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    const K2: u64 = 0x9e37_79b9_7f4a_7c15;
    let folded = folded_product;
    // The length mixed before any text: XORed in as it is, a length one apart could
    // cancel a first word one bit apart (`"b"` and `"ab"` shared a hash).
    let mut h = folded(0x243f_6a88_85a3_08d3 ^ s.len() as u64, K);
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        h = folded(h ^ le_word(c), K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = folded(h ^ tail_word(s.as_bytes(), rest), K2);
    }
    folded(h, K)
}

/// `a == b`, eight bytes a step: wasm's `memcmp` (compiler-builtins) steps a byte at
/// a time, and every payee and memo of a statement is checked against the text its hash
/// found.
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (mut wa, mut wb) = (a.chunks_exact(8), b.chunks_exact(8));
    wa.by_ref()
        .zip(wb.by_ref())
        .all(|(x, y)| le_word(x) == le_word(y))
        && wa.remainder() == wb.remainder()
}

/// Two words mixed as foldhash mixes them on 32-bit targets: each one's low half times
/// the other's high half, one product turned half-way round. The whole 128-bit product
/// (foldhash's choice on 64-bit machines) is a `__multi3` library call in wasm, which
/// has no 64×64→128 multiply: it was 4% of the page's whole check. One rule on every
/// target, so the CLI and the page share texts alike.
#[inline]
fn folded_product(a: u64, b: u64) -> u64 {
    let low_high = (a & 0xffff_ffff) * (b >> 32);
    let high_low = (a >> 32) * (b & 0xffff_ffff);
    low_high ^ high_low.rotate_right(32)
}

/// Eight bytes (`word.len()` must be 8) as one little-endian word.
#[inline]
pub(crate) fn le_word(word: &[u8]) -> u64 {
    let mut lanes = [0; 8];
    lanes.copy_from_slice(word);
    u64::from_le_bytes(lanes)
}

/// The last 1–7 bytes of `text` (`rest`) as one word, read in at most two loads (a
/// byte copy into a padded word was a `memcpy` call per text). Texts of one length
/// give different words; the length itself is mixed in first. A text of eight bytes or
/// more gives its last eight.
pub(crate) fn tail_word(text: &[u8], rest: &[u8]) -> u64 {
    let n = rest.len();
    if text.len() >= 8 {
        // The last eight bytes, some of them already hashed.
        return le_word(&text[text.len() - 8..]);
    }
    let u32_at = |i: usize| {
        u64::from(u32::from_le_bytes([
            rest[i],
            rest[i + 1],
            rest[i + 2],
            rest[i + 3],
        ]))
    };
    match n {
        4.. => u32_at(0) | (u32_at(n - 4) << 32),
        _ => u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16),
    }
}

impl Transactions {
    pub fn new() -> Transactions {
        Transactions::default()
    }

    pub fn push(&mut self, t: Transaction<'_>) {
        let payee = self.add_text(t.payee);
        let memo = self.add_text(t.memo);
        let fitid = self.add_unique_text(t.fitid);
        self.push_facts(RowFacts {
            date: t.date,
            amount: t.amount,
            account_last4: t.account_last4,
            pending: t.pending,
            line: t.line,
            payee,
            memo,
            fitid,
        });
    }

    /// Stores a payee or memo text ahead of its row (see [`Transactions::push_facts`]),
    /// sharing the id of an equal text: a reader can store a cell straight from the
    /// file's text instead of copying it into a row first.
    pub fn add_text(&mut self, s: &str) -> TextId {
        TextId(self.intern(s, true))
    }

    /// Stores a text that is never looked up (a FITID: unique by design).
    pub fn add_unique_text(&mut self, s: &str) -> TextId {
        TextId(self.intern(s, false))
    }

    /// Stores a row whose texts were stored with [`Transactions::add_text`] (an id of
    /// another table reads as some other text of this one, or "").
    pub fn push_facts(&mut self, f: RowFacts) {
        self.rows.push(f);
    }

    /// The id of `s`, shared with an equal earlier text when `share` (payees and memos;
    /// FITIDs are unique by design and never looked up).
    fn intern(&mut self, s: &str, share: bool) -> u32 {
        if s.is_empty() {
            return 0;
        }
        // One probe of the shared table: a hit is checked, a miss keeps its slot.
        let mut slot = None;
        if share {
            let room = self.shared.len() < MAX_SHARED_TEXTS;
            match self.shared.entry(text_hash(s)) {
                Entry::Occupied(e) => {
                    let id = *e.get();
                    if same_text(self.texts.get(id), s) {
                        return id;
                    }
                }
                Entry::Vacant(v) if room => slot = Some(v),
                Entry::Vacant(_) => {}
            }
        }
        let id = self.texts.add(s);
        if let Some(slot) = slot {
            slot.insert(id);
        }
        id
    }

    pub fn len(&self) -> usize {
        self.rows.len
    }

    pub fn is_empty(&self) -> bool {
        self.rows.len == 0
    }

    pub fn get(&self, i: usize) -> Option<Transaction<'_>> {
        Some(self.with_texts(self.rows.get(i)?))
    }

    fn with_texts(&self, f: RowFacts) -> Transaction<'_> {
        Transaction {
            date: f.date,
            amount: f.amount,
            payee: self.text(f.payee),
            memo: self.text(f.memo),
            fitid: self.text(f.fitid),
            account_last4: f.account_last4,
            pending: f.pending,
            line: f.line,
        }
    }

    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = Transaction<'_>> + ExactSizeIterator + '_ {
        (0..self.rows.len).map(move |i| self.get(i).expect("index in range"))
    }

    /// Sets every row's date, in order, from `dates` (rows past its end keep theirs):
    /// one pass over the stored rows rather than a lookup per row.
    pub fn set_dates(&mut self, dates: impl IntoIterator<Item = Option<Date>>) {
        for (i, d) in (0..self.rows.len).zip(dates) {
            self.rows.set_date(i, d);
        }
    }

    /// Sets row `i`'s amount: a CSV's sign convention (card charges written positive)
    /// may be known only at the end of the file. Out-of-range `i` is ignored.
    pub fn set_amount(&mut self, i: usize, amount: Option<Money>) {
        self.rows.set_amount(i, amount.map_or(NO_AMOUNT, |m| m.0));
    }

    /// Every row's facts without its texts, in order: for rules that read dates and
    /// amounts of a million rows, without finding three texts for each.
    pub fn facts(&self) -> impl Iterator<Item = RowFacts> + '_ {
        self.rows.iter()
    }

    /// The text an id stands for ("" for an id of another table).
    pub fn text(&self, id: TextId) -> &str {
        self.texts.get(id.0)
    }

    /// How many distinct text ids there are (every [`TextId::index`] is below it).
    pub fn text_count(&self) -> usize {
        self.texts.count()
    }

    /// Earliest and latest valid posting dates.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        // Compared as one integer each: `Date`'s ordering compares year, month and day
        // in turn, on every row of a million-row statement.
        // Only the stored dates, block by block: rows past a block's stored ones have
        // none, and a plain loop per block is what keeps this pass cheap.
        // Day numbers are above 0, so (MAX, 0) is an empty range.
        let (mut lo, mut hi) = ((u32::MAX, None), (0, None));
        for block in &self.rows.blocks {
            for &d in block.date.iter().flatten() {
                let k = day_number(d);
                if k < lo.0 {
                    lo = (k, Some(d));
                }
                if k > hi.0 {
                    hi = (k, Some(d));
                }
            }
        }
        Some((lo.1?, hi.1?))
    }

    /// Signed sum of every readable amount.
    pub fn amount_sum(&self) -> Money {
        Money(
            self.rows
                .column(|b| &b.amount)
                .filter(|&a| a != NO_AMOUNT)
                .fold(0i64, |acc, a| acc.saturating_add(a)),
        )
    }
}

impl PartialEq for Transactions {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

/// One account's statement: an OFX `STMTRS`/`CCSTMTRS`, or (part of) a bank CSV.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Statement {
    pub file: String,
    pub format: Option<StatementFormat>,
    /// 1-based line where the statement's account is named (OFX `<BANKACCTFROM>`),
    /// or the header line of a CSV.
    pub line: usize,
    pub institution: Institution,
    /// The account id exactly as written (`XXXXXXXXXXX2008`, `1452687~7`).
    pub account_id: Option<String>,
    /// The account id's digits (from the file, else from the file name).
    pub account_number: Option<BankNumber>,
    /// An account number read from the file name (`Chase1234_Activity.CSV`).
    pub account_hint_from_filename: Option<String>,
    pub kind: AccountKind,
    /// The bank's own name for the account (OFX `<DESC>` in an account list).
    pub bank_account_name: Option<String>,
    pub currency: Option<String>,
    /// Statement period (OFX `DTSTART`/`DTEND`).
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    /// OFX `LEDGERBAL`, or a CSV's stated/running balance on its newest row.
    pub ending_balance: Option<Money>,
    pub balance_date: Option<Date>,
    /// When the file was produced (OFX `DTSERVER`).
    pub download_date: Option<Date>,
    pub transactions: Transactions,
    /// How the file is written, as QuickBooks' own import judges it (the upload doctor).
    pub upload: UploadFacts,
}

/// What QuickBooks' own import looks at in a statement file, beyond its values: where
/// things are written and whether they are there at all. Readers fill in what their
/// format has; the `upload_rejected` rule reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadFacts {
    /// Size of the whole file in bytes (QuickBooks Online refuses uploads over 350 KB).
    pub file_size: Option<u64>,
    /// 1-based line of `<INTU.BID>` (its value is [`Institution::intu_bid`]).
    pub intu_bid_line: Option<usize>,
    /// 1-based line of `<FI><ORG>`.
    pub org_line: Option<usize>,
    /// 1-based line of `<LEDGERBAL>`, when the statement has one.
    pub ledger_balance_line: Option<usize>,
    /// Whether `<LEDGERBAL>` holds a non-empty `<DTASOF>`.
    pub balance_date_written: bool,
    /// 1-based line of the statement's `<CURDEF>`.
    pub currency_line: Option<usize>,
    /// 1-based lines of `<DTSTART>` / `<DTEND>` of the transaction list.
    pub period_line: Option<usize>,
    /// 1-based line of `<DTSERVER>`.
    pub download_line: Option<usize>,
    /// Required elements written empty: (element name, line), the first few.
    pub empty_fields: Vec<(&'static str, usize)>,
    /// How many required elements were written empty in all.
    pub empty_field_count: usize,
}

impl Statement {
    /// Last four digits of the statement's account, from the file or its name.
    pub fn last4(&self) -> Option<&str> {
        self.account_number
            .as_ref()
            .map(BankNumber::last4)
            .filter(|l| l.len() == 4)
    }
}

/// QuickBooks' own record of one account: a QuickBooks Online "Transaction Detail by
/// Account" section, an account register or QuickReport export, or IIF `TRNS` lines.
/// What QuickBooks already holds, so the recovery file can leave it out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Register {
    pub file: String,
    /// Which export it was read from.
    pub format: RegisterFormat,
    /// 1-based line where the account is named (a section header, the title, the first row).
    pub line: usize,
    /// The QuickBooks account the rows belong to, as the export names it.
    pub account: Option<String>,
    /// Rows in the account's view: money into the account positive.
    pub transactions: Transactions,
}

/// An account the bank lists without a statement (OFX `ACCTINFORS` account list):
/// the bank's own names for accounts, which QuickBooks shows when connecting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListedAccount {
    pub file: String,
    /// 1-based line of the account's `<ACCTINFO>`.
    pub line: usize,
    pub institution: Institution,
    pub account_id: Option<String>,
    pub account_number: Option<BankNumber>,
    pub kind: AccountKind,
    /// The bank's name for the account (`<DESC>`).
    pub description: Option<String>,
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// What kind of thing went wrong while reading a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Empty, binary, PDF, image, or text no reader recognises.
    Unrecognized,
    /// Bytes that are not valid in any supported encoding.
    Encoding,
    /// The file is recognised but its structure is broken (unclosed, truncated).
    Malformed,
    /// One row or element has a bad date, amount or balance.
    BadValue,
    /// The bank's file reports an error instead of a statement (OFX status code).
    BankError,
    /// The file is a chart where a statement was expected, or the reverse.
    WrongRole,
    /// Readable, but something about it may mislead (duplicate ids, odd structure).
    Suspicious,
}

/// Something wrong with an input file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    pub severity: Severity,
    pub kind: ProblemKind,
    pub message: String,
}

impl Problem {
    pub fn new(
        file: &str,
        line: Option<usize>,
        severity: Severity,
        kind: ProblemKind,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.to_string(),
            line,
            severity,
            kind,
            message: message.into(),
        }
    }

    pub fn error(
        file: &str,
        line: Option<usize>,
        kind: ProblemKind,
        message: impl Into<String>,
    ) -> Problem {
        Problem::new(file, line, Severity::Error, kind, message)
    }

    pub fn warning(
        file: &str,
        line: Option<usize>,
        kind: ProblemKind,
        message: impl Into<String>,
    ) -> Problem {
        Problem::new(file, line, Severity::Warning, kind, message)
    }
}

#[cfg(test)]
mod tests {
    /// Texts that differ only late in a word spread over a table's low bits as random
    /// ones would (about 63% of 4,096 buckets for 4,096 texts), not into a few.
    #[test]
    fn text_hash_spreads_its_low_bits() {
        for pattern in ["MEMO TEXT {}", "{}", "0000{}", "PAYEE NUMBER {} X"] {
            let hashes: std::collections::HashSet<u64> = (0..4096)
                .map(|i| text_hash(&pattern.replace("{}", &format!("{i:06}"))))
                .collect();
            assert_eq!(hashes.len(), 4096, "{pattern}: shared hashes");
            let buckets: std::collections::HashSet<u64> = hashes.iter().map(|h| h & 4095).collect();
            assert!(buckets.len() > 2400, "{pattern}: {} buckets", buckets.len());
        }
        // Every text of up to three characters (one of them two bytes), and every length
        // 1–15 of one text: the short tails are read in overlapping loads, which must
        // still tell them all apart.
        let alphabet = ["a", "b", "0", "9", " ", "é"];
        let mut texts = vec![String::new()];
        let mut last = texts.clone();
        for _ in 0..3 {
            last = last
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        texts.extend((1..=15).map(|n| "0123456789abcdef"[..n].to_string()));
        texts.sort();
        texts.dedup();
        let hashes: std::collections::HashSet<u64> = texts.iter().map(|t| text_hash(t)).collect();
        assert_eq!(hashes.len(), texts.len());
    }

    use super::*;

    /// `same_text` is `==`, whatever the lengths and wherever texts differ.
    #[test]
    fn same_text_is_equality() {
        let texts: Vec<String> = (0..20)
            .flat_map(|n| {
                let base = "abcdefghijklmnopqrst"[..n].to_string();
                let changed: Vec<String> = (0..n)
                    .map(|i| {
                        let mut b = base.clone().into_bytes();
                        b[i] = b'X';
                        String::from_utf8(b).unwrap()
                    })
                    .collect();
                std::iter::once(base).chain(changed)
            })
            .collect();
        for a in &texts {
            for b in &texts {
                assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    /// Day numbers are in the dates' order, over all of jiff's years.
    #[test]
    fn day_numbers_keep_the_order() {
        use proptest::prelude::*;
        let date = (-9999i16..=9999, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
            let d = date_of(y, m, 1).last_of_month().day().min(d);
            date_of(y, m, d)
        });
        proptest!(ProptestConfig::with_cases(3000), |(a in date.clone(), b in date)| {
            prop_assert_eq!(day_number(a).cmp(&day_number(b)), a.cmp(&b));
        });
        let (lo, hi) = (Date::MIN, Date::MAX);
        assert!(day_number(lo) > 0 && day_number(hi) < u32::MAX);
    }

    fn date_of(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).expect("a valid date")
    }

    #[test]
    fn iso_dates_only() {
        assert_eq!(parse_iso_date("2026-11-30"), Date::new(2026, 11, 30).ok());
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "20261130",
            "2026-1-5",
            "2026-11-30T00:00",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn money_parses_and_rounds() {
        assert_eq!(Money::parse_plain("-30.000"), Some(Money(-300_000)));
        assert_eq!(Money::parse_plain("-3.77000"), Some(Money(-37_700)));
        assert_eq!(Money::parse_plain("+5"), Some(Money(50_000)));
        assert_eq!(Money::parse_plain(".5"), Some(Money(5_000)));
        assert_eq!(Money::parse_plain("1.23456"), Some(Money(12_346)));
        assert_eq!(Money::parse_plain("1,000.00"), None);
        assert_eq!(Money::parse_plain("$1"), None);
        assert_eq!(Money::parse_plain("-"), None);
        assert_eq!(Money::parse_plain("99999999999999999999"), None);
        assert_eq!(Money(-300_000).to_string(), "-30.00");
        assert_eq!(Money(12_345).to_string(), "1.2345");
        assert_eq!(Money(5).to_string(), "0.0005");
    }

    #[test]
    fn bank_numbers_agree_on_their_tails() {
        let full = BankNumber::from_text("123456782008").unwrap();
        let masked = BankNumber::from_text("XXXXXXXX2008").unwrap();
        let other = BankNumber::from_text("****1005").unwrap();
        assert!(full.is_complete());
        assert!(!masked.is_complete());
        assert_eq!(full.last4(), masked.last4());
        assert_ne!(full.last4(), other.last4());
        assert_eq!(masked.masked(), "…2008");
        assert_eq!(BankNumber::from_text("1452687~7").unwrap().last4(), "6877");
        assert!(BankNumber::from_text("no digits").is_none());
    }

    #[test]
    fn transaction_rows_stay_small_and_share_their_texts() {
        let mut list = Transactions::new();
        for i in 0..1000u32 {
            list.push(Transaction {
                date: None,
                amount: (i % 2 == 0).then_some(Money(i64::from(i))),
                payee: if i % 2 == 0 { "Coffee" } else { "Tea" },
                memo: "",
                fitid: &format!("F{i}"),
                account_last4: None,
                pending: false,
                line: i,
            });
        }
        let text: usize = list.texts.blocks.iter().map(String::len).sum();
        assert!(text < 6000, "{text}");
        // Fields no row filled are not stored at all.
        let b = &list.rows.blocks[0];
        assert!(b.date.is_empty() && b.memo.is_empty() && b.account_last4.is_empty());
        assert!(b.pending.is_empty());
        assert_eq!(
            (b.amount.len(), b.payee.len(), b.fitid.len()),
            (1000, 1000, 1000)
        );
        let t = list.get(999).unwrap();
        assert_eq!((t.payee, t.fitid, t.amount), ("Tea", "F999", None));
        assert_eq!(list.get(998).unwrap().amount, Some(Money(998)));
    }

    /// Rows over several blocks, each field filled now and then (a column starts late in
    /// a block, or in a later block only), read back alike by every accessor, and after
    /// the readers' late changes (dates once the order is known, turned signs).
    #[test]
    fn sparse_columns_over_many_blocks_read_back_as_written() {
        let n = 2 * BLOCK + 1000;
        let texts: Vec<String> = (0..n).map(|i| format!("t{}", i % 777)).collect();
        let date = |i: usize| Date::new(2026, 1 + (i % 12) as i8, 1 + (i % 28) as i8).ok();
        let row = |i: usize| Transaction {
            date: (i.is_multiple_of(5) && i > 70_000)
                .then(|| date(i))
                .flatten(),
            amount: (!i.is_multiple_of(3)).then_some(Money(i as i64 - 50_000)),
            payee: &texts[i],
            memo: if i % 1000 == 999 { &texts[i / 2] } else { "" },
            fitid: if i >= BLOCK + 5 { &texts[i] } else { "" },
            account_last4: (i % 70_000 == 69_999).then_some(Last4(*b"1234")),
            pending: i == 2 * BLOCK + 3,
            line: i as u32 + 2,
        };
        let mut list = Transactions::new();
        let mut want: Vec<Transaction<'_>> = Vec::new();
        for i in 0..n {
            list.push(row(i));
            want.push(row(i));
        }
        list.set_dates((0..n / 2).map(|i| date(i * 7)));
        for (i, w) in want.iter_mut().enumerate().take(n / 2) {
            w.date = date(i * 7);
        }
        for i in [0, 1, BLOCK - 1, BLOCK, 2 * BLOCK + 999] {
            let a = want[i].amount.map(|m| Money(-m.0));
            list.set_amount(i, a);
            want[i].amount = a;
        }
        assert_eq!(list.len(), n);
        assert!(list.iter().eq(want.iter().copied()));
        for (i, (f, w)) in list.facts().zip(&want).enumerate() {
            let got = list.get(i).unwrap();
            assert_eq!(got, *w, "row {i}");
            assert_eq!(
                (f.date, f.amount, f.line, f.pending),
                (w.date, w.amount, w.line, w.pending)
            );
            assert_eq!((list.text(f.payee), list.text(f.memo)), (w.payee, w.memo));
        }
        assert_eq!(list.facts().count(), n);
        assert_eq!(list.get(n), None);
        let sum = want
            .iter()
            .filter_map(|t| t.amount)
            .map(|m| m.0)
            .sum::<i64>();
        assert_eq!(list.amount_sum(), Money(sum));
        let dates = want.iter().filter_map(|t| t.date);
        assert_eq!(
            list.date_range(),
            Some((dates.clone().min().unwrap(), dates.max().unwrap()))
        );
    }

    /// Texts fill blocks of TEXT_BLOCK bytes; one longer than a block has its own.
    #[test]
    fn texts_longer_than_a_block_and_across_blocks() {
        let long = "x".repeat(2 * TEXT_BLOCK + 5);
        let mid = "y".repeat(TEXT_BLOCK / 3);
        let mut texts = Texts::default();
        let mut ids = Vec::new();
        for s in [&mid, &mid, &long, "short", &mid, &mid, &mid, "end"] {
            ids.push((texts.add(s), s.to_string()));
        }
        for (id, s) in &ids {
            assert_eq!(texts.get(*id), s, "text {id}");
        }
        assert_eq!(texts.get(0), "");
        assert_eq!(texts.get(999), "");
        // No block grew past its size but the long text's own.
        assert!(texts
            .blocks
            .iter()
            .all(|b| b.len() <= TEXT_BLOCK || b.len() == long.len()));
    }

    #[test]
    fn transactions_round_trip_their_text() {
        let mut list = Transactions::new();
        let d = Date::new(2026, 11, 1).unwrap();
        list.push(Transaction {
            date: Some(d),
            amount: Some(Money(-100)),
            payee: "Café",
            memo: "",
            fitid: "A1",
            account_last4: None,
            pending: false,
            line: 7,
        });
        let t = list.get(0).unwrap();
        assert_eq!((t.payee, t.fitid, t.line), ("Café", "A1", 7));
        assert_eq!(list.date_range(), Some((d, d)));
        assert_eq!(list.amount_sum(), Money(-100));
    }
}
