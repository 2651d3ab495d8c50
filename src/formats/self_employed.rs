//! QuickBooks Self-Employed (QBSE) and QuickBooks Solopreneur transaction exports, read
//! as the user's **account list**.
//!
//! These products have no chart of accounts to export: the accounts a bank feed
//! connects to are the connected bank and card accounts, and the one file a user can
//! take out is the transactions list (Transactions → Export, CSV or Excel). Every row
//! names the connected account it came from, so the distinct accounts of that file are
//! the account list: one [`Account`] per connected account, typed Bank or Credit Card,
//! its last four read from its name, its bank in the description. Identity, the number
//! and institution rules and the duplicate-name rules then read it like an Online chart.
//!
//! # What is known about the export, and from where
//!
//! Searched (December 2026) in Intuit's help pages, community threads, converters' docs
//! and public code:
//!
//! - Intuit, "Categorize transactions in QuickBooks Self-Employed"
//!   (quickbooks.intuit.com/learn-support/en-us/help-article/matching-rules/
//!   categorize-transactions-quickbooks-self-employed/L3u8U0wRA_US_en_US): every
//!   downloaded or manual transaction is marked **Business** or **Personal** (or
//!   **Split**) and has a **Category** (a Schedule C line: `Vehicle`, `Gas and fuel`);
//!   expenses are negative, income positive ("Negative transactions on the
//!   Transactions menu are expenses").
//! - Intuit, "Handle duplicate transactions in QuickBooks Self-Employed"
//!   (quickbooks.intuit.com/learn-support/en-us/duplicate-transactions/
//!   handle-duplicate-transactions-in-quickbooks-self-employed/01/369803): a bank or
//!   card account can end up **connected twice**; the fix is to keep it connected once
//!   and hide the other (Bank Accounts → Show account OFF). Those two connections are
//!   the duplicate connected accounts of the seed article's cause 4.
//! - Intuit UK, "How to reconsent your bank feed connection in QuickBooks Self-Employed"
//!   (quickbooks.intuit.com/learn-support/en-uk/help-article/self-employed/
//!   reconsent-bank-feed-connection-quickbooks-self/L4hkqEiQO_GB_en_GB): linked
//!   accounts are listed under Transactions → ▼ Add transaction → Manage accounts, where
//!   an account is re-authorised (Authenticate account) or unlinked; "Your past and
//!   duplicate consents" lists old connections.
//! - Intuit, "Connect bank and credit card accounts to QuickBooks Self-Employed" (en-uk
//!   .../00/652235) and community.intuit.com/articles/1763828: accounts are connected
//!   per bank (⚙ → Bank accounts / Connect bank); "avoid disconnecting the connection, as
//!   this will delete your transaction history".
//! - Maestrano's copy of Intuit's bank-connection help ("How to Download
//!   Transactions", maestrano.atlassian.net/wiki/spaces/UKB/pages/38470326): "Many banks
//!   have multiple names on our list" — a reconnect through another listing of the same
//!   bank gives the same account under another bank name.
//! - community.intuit.com/articles/1771212 ("Start over with a clean slate"): CSV files
//!   can also be *imported* per bank (⚙ → Imports), so an account may carry a bank name
//!   and no feed at all.
//!
//! **Silent or unconfirmed:** no source found lists the export's exact columns or how
//! it writes an account's name, and none shows a Solopreneur export. What the reader
//! assumes, from the app's own screens described above: a header row with a date, an
//! amount, the account (`Account`, e.g. `Chase Checking (1234)` or `Checking ...1234`)
//! and/or the bank (`Bank`, e.g. `Chase`), and usually a Business/Personal column
//! (`Type`) and a `Category`, `Receipt` and `Notes`. So columns are matched by
//! synonyms ([`HEADERS`]), never by position; title rows above the header (an Excel
//! report's) are skipped; the account may be in one column, the bank in another, or
//! both in one cell; a last-four column is taken when there is one. Where a real export
//! differs, the header table is the one place to change.
//!
//! # The same account connected twice
//!
//! Two connections of one account show as the same account name under two bank names
//! (another listing of the bank chosen at the reconnect): two accounts here, by bank +
//! account + number. Under one bank name they cannot be told apart by name, but their
//! transactions come twice (Intuit's duplicate-transactions article above): an account
//! whose rows repeat at least [`DOUBLED_MIN`] transactions, making up a third of its
//! rows, is counted as two connections, with a warning saying why.
//!
//! # Whether an account still receives transactions
//!
//! An account whose newest row is more than [`STALE_DAYS`] days older than the newest
//! row of the whole file is reported as an Info problem (its feed may have stopped, or
//! a reconnect replaced it). The account stays `active`: QuickBooks has not made it
//! inactive, and `inactive_account` must not fire on a guess.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};

use crate::model::{
    Account, AccountType, BankNumber, Chart, ChartFormat, Date, Problem, ProblemKind,
};

use super::chart_columns::{account_type_of, header_key, Container};
use super::delimited;
use super::problems::ProblemLog;
use super::text::read_name_number;
use super::ChartRead;

/// How many days without a transaction (before the file's newest) make an account's
/// feed look stopped.
pub const STALE_DAYS: i32 = 90;

/// How far down the header row is looked for (an Excel export's title rows).
const HEADER_SEARCH_ROWS: usize = 20;

/// What a column of the export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Date,
    Bank,
    Account,
    AccountNumber,
    AccountType,
    Amount,
    /// Business / Personal / Split.
    Purpose,
    Category,
    Description,
    Receipt,
}

/// Header names after [`header_key`], as data. `Type` is the Business/Personal column in
/// QBSE's list (a bank CSV's `Type` holds DEBIT/CREDIT: the values decide, see
/// [`looks_like_export`]).
const HEADERS: &[(&str, Col)] = &[
    ("date", Col::Date),
    ("transactiondate", Col::Date),
    ("txndate", Col::Date),
    ("bank", Col::Bank),
    ("bankname", Col::Bank),
    ("institution", Col::Bank),
    ("financialinstitution", Col::Bank),
    ("account", Col::Account),
    ("accountname", Col::Account),
    ("bankaccount", Col::Account),
    ("connectedaccount", Col::Account),
    ("paymentaccount", Col::Account),
    ("accountnumber", Col::AccountNumber),
    ("accountlast4", Col::AccountNumber),
    ("last4", Col::AccountNumber),
    ("cardnumber", Col::AccountNumber),
    ("accounttype", Col::AccountType),
    ("amount", Col::Amount),
    ("amt", Col::Amount),
    ("type", Col::Purpose),
    ("businesspersonal", Col::Purpose),
    ("businessorpersonal", Col::Purpose),
    ("purpose", Col::Purpose),
    ("category", Col::Category),
    ("taxcategory", Col::Category),
    ("schedulecategory", Col::Category),
    ("description", Col::Description),
    ("merchant", Col::Description),
    ("payee", Col::Description),
    ("receipt", Col::Receipt),
    ("receipts", Col::Receipt),
];

/// Values of the Business/Personal column.
const PURPOSES: &[&str] = &["business", "personal", "split", "mixed", "uncategorized"];

/// Words of an account's name or bank that say its kind, as data: (phrase, credit
/// card?, detail type). The first phrase found wins, so longer phrases come first.
const KIND_WORDS: &[(&str, bool, &str)] = &[
    ("money market", false, "Money Market"),
    ("credit card", true, "Credit Card"),
    ("checking", false, "Checking"),
    ("chequing", false, "Checking"),
    ("savings", false, "Savings"),
    ("saving", false, "Savings"),
    ("card", true, "Credit Card"),
    ("visa", true, "Credit Card"),
    ("mastercard", true, "Credit Card"),
    ("amex", true, "Credit Card"),
    ("american express", true, "Credit Card"),
    ("discover", true, "Credit Card"),
];

/// Where each field sits.
#[derive(Clone, Debug, Default)]
struct ExportColumns {
    date: Option<usize>,
    bank: Option<usize>,
    account: Option<usize>,
    number: Option<usize>,
    account_type: Option<usize>,
    amount: Option<usize>,
    purpose: Option<usize>,
    category: Option<usize>,
    description: Option<usize>,
    receipt: Option<usize>,
}

impl ExportColumns {
    /// A header row: a date, an amount, and an account or bank column.
    fn from_header<S: AsRef<str>>(cells: &[S]) -> Option<ExportColumns> {
        let mut c = ExportColumns::default();
        for (i, cell) in cells.iter().enumerate() {
            let key = header_key(cell.as_ref());
            let Some(col) = HEADERS.iter().find(|(k, _)| *k == key).map(|(_, c)| *c) else {
                continue;
            };
            let slot = match col {
                Col::Date => &mut c.date,
                Col::Bank => &mut c.bank,
                Col::Account => &mut c.account,
                Col::AccountNumber => &mut c.number,
                Col::AccountType => &mut c.account_type,
                Col::Amount => &mut c.amount,
                Col::Purpose => &mut c.purpose,
                Col::Category => &mut c.category,
                Col::Description => &mut c.description,
                Col::Receipt => &mut c.receipt,
            };
            slot.get_or_insert(i);
        }
        (c.date.is_some() && c.amount.is_some() && (c.account.is_some() || c.bank.is_some()))
            .then_some(c)
    }
}

fn cell<S: AsRef<str>>(row: &[S], col: Option<usize>) -> &str {
    col.and_then(|c| row.get(c))
        .map_or("", |s| s.as_ref().trim())
}

/// The header row among the first rows, its index and columns, when the rows are a
/// Self-Employed / Solopreneur export: besides date, amount and account, either the
/// Business/Personal column holding those words on most rows, or both a bank and an
/// account column with a category or receipt column (what a categorising app writes;
/// a bank's own CSV names no bank per row).
fn find_export<S: AsRef<str>>(rows: &[Vec<S>]) -> Option<(usize, ExportColumns)> {
    let (at, cols) = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, r)| ExportColumns::from_header(r).map(|c| (i, c)))?;
    let (mut purpose, mut filled) = (0usize, 0usize);
    for row in rows.iter().skip(at + 1).take(200) {
        let p = cell(row, cols.purpose).to_lowercase();
        if !p.is_empty() {
            filled += 1;
            if PURPOSES.contains(&p.as_str()) {
                purpose += 1;
            }
        }
    }
    let by_purpose = cols.account.is_some() && purpose > 0 && purpose * 2 >= filled;
    let by_columns = cols.bank.is_some()
        && cols.account.is_some()
        && (cols.category.is_some() || cols.receipt.is_some());
    (by_purpose || by_columns).then_some((at, cols))
}

/// Whether rows (CSV records or an Excel sheet's rows) are a Self-Employed export.
pub fn rows_look_like_export<S: AsRef<str>>(rows: &[Vec<S>]) -> bool {
    find_export(rows).is_some()
}

/// Delimiters the export may use (a re-saved file may carry tabs or semicolons).
const DELIMITERS: &[u8] = b",\t;";

fn delimiter_of(text: &str) -> Option<u8> {
    DELIMITERS
        .iter()
        .copied()
        .find(|&d| rows_look_like_export(&delimited::head(text, d, 200)))
}

/// Whether delimited text is a Self-Employed / Solopreneur transactions export.
pub fn looks_like_export(text: &str) -> bool {
    delimiter_of(text).is_some()
}

/// Reads the CSV export as an account list. No chart and an Error problem when the
/// text is not such an export.
pub fn read(file: &str, text: &str) -> ChartRead {
    let Some(delimiter) = delimiter_of(text) else {
        return not_an_export(file);
    };
    let (rows, stop) = delimited::split(text, delimiter, usize::MAX);
    let mut read = read_rows(file, &rows, Container::Csv);
    if let Some(stop) = stop {
        read.problems
            .push(stop.problem(file, "the transactions", "the transactions"));
    }
    read
}

fn not_an_export(file: &str) -> ChartRead {
    let mut out = ChartRead::default();
    out.problems.push(Problem::error(
        file,
        None,
        ProblemKind::Unrecognized,
        "No QuickBooks Self-Employed transactions export found: the file has no header \
         row with Date, Amount and Account (or Bank) columns.",
    ));
    out
}

/// One connected account as gathered from its rows.
struct Gathered {
    account: Account,
    last_date: Option<Date>,
    /// How often each transaction (date, amount, description as written) came, by a
    /// 64-bit hash of the three (a collision among one account's rows is a 2^-64 chance
    /// and could only add one repeat to a threshold of a third of the rows), and the
    /// line of the first one that came again.
    seen: HashMap<u64, u32>,
    rows: usize,
    first_repeat: Option<usize>,
}

/// Transactions that come twice under one account name mean the account is connected
/// twice (Intuit's "Handle duplicate transactions": a second connection of the same
/// account downloads the same transactions). At least this many of them, and a third
/// of the rows, so that two real identical coffees are not a second connection.
const DOUBLED_MIN: usize = 3;

/// The connections one gathered account stands for: two when its transactions come
/// twice over.
fn connections(g: &Gathered) -> usize {
    let doubled = g.seen.values().filter(|&&n| n >= 2).count();
    let repeats: usize = g.seen.values().map(|&n| n as usize - 1).sum();
    if doubled >= DOUBLED_MIN && repeats * 3 >= g.rows {
        2
    } else {
        1
    }
}

/// Reads the export's rows (CSV records or an Excel sheet's rows, each with its line)
/// as an account list: one account per distinct bank + account + number.
pub fn read_rows<S: AsRef<str>>(
    file: &str,
    rows: &[(usize, Vec<S>)],
    _container: Container,
) -> ChartRead {
    let head: Vec<Vec<&str>> = rows
        .iter()
        .take(HEADER_SEARCH_ROWS + 200)
        .map(|r| r.1.iter().map(AsRef::as_ref).collect())
        .collect();
    let Some((at, cols)) = find_export(&head) else {
        return not_an_export(file);
    };
    let mut out = ChartRead::default();
    let (mut accounts, newest) = gather(&rows[at + 1..], &cols);
    let twice = connected_twice(file, &accounts, &mut out.problems);
    accounts.extend(twice);
    if accounts.is_empty() {
        out.problems.push(Problem::warning(
            file,
            rows.get(at).map(|r| r.0),
            ProblemKind::Suspicious,
            "This Self-Employed export names no connected bank or card account (every row \
             was added by hand, or the file is empty).",
        ));
    }
    if let Some(newest) = newest {
        stopped_connections(file, &accounts, newest, &mut out.problems);
    }
    out.chart = Some(Chart {
        file: file.to_string(),
        format: ChartFormat::SelfEmployed,
        accounts: accounts.into_iter().map(|g| g.account).collect(),
        company: None,
    });
    out
}

/// The connected accounts the transaction rows name, one per distinct bank + account +
/// number, in the order first seen, and the newest date of the export.
fn gather<S: AsRef<str>>(
    rows: &[(usize, Vec<S>)],
    cols: &ExportColumns,
) -> (Vec<Gathered>, Option<Date>) {
    let dates = DateReader::for_column(rows.iter().map(|r| cell(&r.1, cols.date)));
    // Keyed by the cells as written (one reused buffer per row), then by the folded
    // key: most rows repeat an account's cells exactly, so the folding runs once per
    // spelling, not once per row.
    let mut by_cells: HashMap<String, usize> = HashMap::new();
    let mut by_key: HashMap<(String, String, String), usize> = HashMap::new();
    let mut cells_key = String::new();
    let hashing = RandomState::new();
    let mut accounts: Vec<Gathered> = Vec::new();
    let mut newest: Option<Date> = None;
    for (line, row) in rows {
        let bank = cell(row, cols.bank);
        let name = cell(row, cols.account);
        let number = cell(row, cols.number);
        if bank.is_empty() && name.is_empty() {
            // Transactions added by hand (cash) belong to no connected account.
            continue;
        }
        let date = dates.read(cell(row, cols.date));
        newest = newest.max(date);
        cells_key.clear();
        for part in [bank, "\u{1f}", name, "\u{1f}", number] {
            cells_key.push_str(part);
        }
        let i = match by_cells.get(cells_key.as_str()) {
            Some(&i) => i,
            None => {
                let key = (bank.to_lowercase(), name.to_lowercase(), digits(number));
                let i = *by_key.entry(key).or_insert_with(|| {
                    let kind = cell(row, cols.account_type);
                    accounts.push(Gathered {
                        account: account_of(name, bank, number, kind, *line),
                        last_date: None,
                        seen: HashMap::new(),
                        rows: 0,
                        first_repeat: None,
                    });
                    accounts.len() - 1
                });
                by_cells.insert(cells_key.clone(), i);
                i
            }
        };
        let g = &mut accounts[i];
        g.last_date = g.last_date.max(date);
        g.rows += 1;
        let mut h = hashing.build_hasher();
        (cell(row, cols.date), cell(row, cols.amount)).hash(&mut h);
        cell(row, cols.description).hash(&mut h);
        let n = g.seen.entry(h.finish()).or_insert(0);
        *n += 1;
        if *n == 2 && g.first_repeat.is_none() {
            g.first_repeat = Some(*line);
        }
    }
    (accounts, newest)
}

/// An account connected twice under one name: the second connection is an account of
/// its own, so the duplicate-name rules see both. Returns the second connections.
fn connected_twice(file: &str, accounts: &[Gathered], problems: &mut ProblemLog) -> Vec<Gathered> {
    let mut twice = Vec::new();
    for g in accounts {
        if connections(g) == 2 {
            let mut second = g.account.clone();
            second.line = g.first_repeat.unwrap_or(second.line);
            problems.push(Problem::warning(
                file,
                Some(second.line),
                ProblemKind::Suspicious,
                format!(
                    "\"{}\" brings most of its transactions twice: the account is connected \
                     twice (a reconnect left the old connection), so it is counted as two \
                     connected accounts.",
                    g.account.full_name
                ),
            ));
            twice.push(Gathered {
                account: second,
                last_date: g.last_date,
                seen: HashMap::new(),
                rows: 0,
                first_repeat: None,
            });
        }
    }
    twice
}

/// A connection with nothing in the export's last [`STALE_DAYS`] days may have stopped.
fn stopped_connections(file: &str, accounts: &[Gathered], newest: Date, problems: &mut ProblemLog) {
    for g in accounts {
        let Some(last) = g.last_date else { continue };
        let days = (newest - last).get_days();
        if days > STALE_DAYS {
            problems.push(Problem::new(
                file,
                Some(g.account.line),
                crate::model::Severity::Info,
                ProblemKind::Suspicious,
                format!(
                    "\"{}\" has no transaction in the last {STALE_DAYS} days of this export \
                     (its newest is {last}, {days} days before the file's newest): its bank \
                     connection may have stopped, or a reconnect replaced it.",
                    g.account.full_name
                ),
            ));
        }
    }
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// A connected account from its account name, bank name, number cell and type cell.
fn account_of(name: &str, bank: &str, number: &str, type_text: &str, line: usize) -> Account {
    // The name QBSE shows; the bank alone when the export has no account column.
    let shown = if name.is_empty() { bank } else { name };
    let words = format!(" {} {} ", plain_words(shown), plain_words(bank));
    let kind = KIND_WORDS
        .iter()
        .find(|(phrase, _, _)| words.contains(&format!(" {phrase} ")));
    let from_type = account_type_of(type_text);
    let account_type = if from_type.is_bank_facing() {
        from_type
    } else if kind.is_some_and(|k| k.1) {
        AccountType::CreditCard
    } else {
        AccountType::Bank
    };
    let type_label = match account_type {
        AccountType::CreditCard => "Credit Card",
        _ => "Bank",
    };
    let mut a = Account::new(shown, account_type, type_label, line);
    // `Account::new` splits `Parent:Child`; a connected account has no parent.
    a.name = a.full_name.clone();
    a.detail_type = kind
        .filter(|k| k.1 == (account_type == AccountType::CreditCard))
        .map(|k| k.2.to_string());
    a.description = (!bank.is_empty()).then(|| bank.to_string());
    a.bank_number = match number.len() {
        0 => None,
        1..=4 => BankNumber::last_digits(number),
        _ => BankNumber::from_text(number),
    };
    read_name_number(&mut a, shown);
    a
}

/// Lower-case words separated by single spaces (punctuation dropped).
fn plain_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads the export's dates: `MM/DD/YYYY` (US) or `DD/MM/YYYY` (UK, AU, CA), decided
/// from the whole column; `YYYY-MM-DD`; and Excel serial day numbers.
struct DateReader {
    day_first: bool,
}

impl DateReader {
    fn for_column<'a>(cells: impl Iterator<Item = &'a str>) -> DateReader {
        let (mut first_big, mut second_big) = (0usize, 0usize);
        for c in cells.take(5000) {
            if let Some((a, b, _)) = split_date(c) {
                if a > 12 {
                    first_big += 1;
                }
                if b > 12 {
                    second_big += 1;
                }
            }
        }
        DateReader {
            day_first: first_big > second_big,
        }
    }

    fn read(&self, text: &str) -> Option<Date> {
        let text = text.trim();
        if let Some(d) = crate::model::parse_iso_date(text.get(..10).unwrap_or(text)) {
            return Some(d);
        }
        if let Some((a, b, y)) = split_date(text) {
            let (m, d) = if self.day_first { (b, a) } else { (a, b) };
            let y = if y < 100 { 2000 + y } else { y };
            return Date::new(
                i16::try_from(y).ok()?,
                i8::try_from(m).ok()?,
                i8::try_from(d).ok()?,
            )
            .ok();
        }
        // Excel's serial day number (days since 1899-12-30), as an .xlsx stores dates.
        let serial: f64 = text.parse().ok()?;
        if !(20_000.0..80_000.0).contains(&serial) {
            return None;
        }
        let base = Date::new(1899, 12, 30).ok()?;
        base.checked_add(jiff::Span::new().days(serial.trunc() as i64))
            .ok()
    }
}

/// `a/b/y`, `a-b-y` or `a.b.y` with a two- or four-digit year.
fn split_date(text: &str) -> Option<(u32, u32, u32)> {
    let date = text.split_whitespace().next()?;
    let mut parts = date.split(['/', '-', '.']);
    let mut num = || parts.next()?.parse::<u32>().ok();
    let (a, b, y) = (num()?, num()?, num()?);
    (a <= 31 && b <= 31 && (y < 100 || (1900..2100).contains(&y))).then_some((a, b, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "Date,Bank,Account,Description,Amount,Type,Category,Receipt,Notes\n\
        11/02/2026,Chase,Chase Business Checking (4321),STRIPE TRANSFER,1250.00,Business,Sales,,\n\
        11/03/2026,American Express,Amex Gold (1005),ADOBE,-52.99,Business,Software,Yes,\n\
        11/04/2026,Chase,Chase Business Checking (4321),WHOLE FOODS,-80.12,Personal,Groceries,,\n";

    #[test]
    fn one_account_per_connected_account() {
        assert!(looks_like_export(EXPORT));
        let chart = read("qbse.csv", EXPORT).chart.unwrap();
        assert_eq!(chart.format, ChartFormat::SelfEmployed);
        let names: Vec<&str> = chart.accounts.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            ["Chase Business Checking (4321)", "Amex Gold (1005)"]
        );
        let chase = &chart.accounts[0];
        assert_eq!(chase.account_type, AccountType::Bank);
        assert_eq!(chase.detail_type.as_deref(), Some("Checking"));
        assert_eq!(chase.description.as_deref(), Some("Chase"));
        assert_eq!(chase.bank_number.as_ref().map(|n| n.last4()), Some("4321"));
        assert_eq!(chase.line, 2);
        let amex = &chart.accounts[1];
        assert_eq!(amex.account_type, AccountType::CreditCard);
        assert_eq!(amex.bank_number.as_ref().map(|n| n.last4()), Some("1005"));
        assert!(chart.accounts.iter().all(|a| a.active));
    }

    #[test]
    fn a_bank_csv_is_not_an_export() {
        for csv in [
            "Date,Description,Amount\n11/02/2026,Coffee,-3.50\n",
            // Chase card CSV: a Category and a Type column, but Sale/Payment, no account.
            "Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n\
             11/02/2026,11/03/2026,ADOBE,Software,Sale,-52.99,\n",
            // An account column with DEBIT/CREDIT types, no bank column.
            "Account,Date,Description,Amount,Type\n****1234,11/02/2026,ADOBE,-52.99,DEBIT\n",
        ] {
            assert!(!looks_like_export(csv), "{csv}");
        }
    }

    #[test]
    fn stale_accounts_are_noted_not_made_inactive() {
        let text = "Date,Account,Amount,Type\n\
            06/01/2026,Old Visa ...7777,-5.00,Business\n\
            11/20/2026,Checking ...1234,-5.00,Business\n";
        let read = read("qbse.csv", text);
        let chart = read.chart.unwrap();
        assert!(chart.accounts.iter().all(|a| a.active));
        assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
        assert!(read.problems[0].message.contains("Old Visa"));
    }

    #[test]
    fn transactions_twice_over_are_two_connections() {
        let mut text = String::from("Date,Bank,Account,Description,Amount,Type\n");
        for (d, desc, amt) in [
            ("11/02/2026", "ADOBE", "-52.99"),
            ("11/03/2026", "SHELL", "-40.00"),
            ("11/05/2026", "STRIPE", "900.00"),
            ("11/07/2026", "COMCAST", "-89.00"),
        ] {
            for _ in 0..2 {
                text.push_str(&format!(
                    "{d},Chase,Chase Checking (1234),{desc},{amt},Business\n"
                ));
            }
        }
        let got = read("qbse.csv", &text);
        let chart = got.chart.unwrap();
        assert_eq!(chart.accounts.len(), 2);
        assert_eq!(chart.accounts[1].name, "Chase Checking (1234)");
        assert_eq!(chart.accounts[1].line, 3);
        assert_eq!(got.problems.len(), 1, "{:?}", got.problems);
        // Near miss: one real repeated purchase among many rows is one connection.
        let mut text = String::from("Date,Bank,Account,Description,Amount,Type\n");
        for day in 10..20 {
            text.push_str(&format!(
                "11/{day}/2026,Chase,Chase Checking (1234),COFFEE,-4.{day},Business\n"
            ));
        }
        text.push_str("11/19/2026,Chase,Chase Checking (1234),COFFEE,-4.19,Business\n");
        let chart = read("qbse.csv", &text).chart.unwrap();
        assert_eq!(chart.accounts.len(), 1);
    }

    #[test]
    fn dates_read_both_orders_and_excel_serials() {
        let us = DateReader::for_column(["11/02/2026", "12/25/2026"].into_iter());
        assert_eq!(us.read("11/02/2026"), Date::new(2026, 11, 2).ok());
        let uk = DateReader::for_column(["25/12/2026", "02/11/2026"].into_iter());
        assert_eq!(uk.read("02/11/2026"), Date::new(2026, 11, 2).ok());
        assert_eq!(us.read("46328"), Date::new(2026, 11, 2).ok());
    }
}
