//! What the chart readers share: the table of header names QuickBooks exports use, the
//! search for the header row below a report's title rows, and the one function that
//! turns a row of cell texts into an [`Account`].
//!
//! CSV ([`super::chart_csv`]) and Excel ([`super::xlsx`]) exports of the same report
//! carry the same rows, so both readers turn their input into rows of strings and call
//! [`read_rows`]; the IIF reader ([`super::iif`]) builds [`RawAccount`]s from its named
//! fields and shares [`finish_accounts`].

use crate::model::{Account, AccountType, BankNumber, Chart, ChartFormat, Problem, ProblemKind};

use super::text::{parse_amount, read_name_number, DecimalSeparator};
use super::{ChartRead, ProblemLog};

/// A column an account list can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The account's full name (`Parent:Child`).
    Name,
    /// The account type (`Bank`, `Credit Card`, `Other Current Assets`).
    Type,
    /// QBO's detail type (`Checking`, `Money Market`).
    DetailType,
    /// The account's description.
    Description,
    /// QuickBooks' own balance for the account.
    Balance,
    /// The balance the bank feed last reported (QBO).
    BankBalance,
    /// The bookkeeping account number.
    ChartNumber,
    /// The bank account or card number.
    BankNumber,
    /// Active / inactive status.
    Active,
    /// Columns that say "this is a QuickBooks Desktop report" but carry nothing we read.
    DesktopOnly,
}

/// Header names as exports write them, compared after [`header_key`] (lower case, letters,
/// digits and `#` only). The first matching column for a field wins.
///
/// QBO Account List report: `Account`/`Full name`/`Account name`, `Type`, `Detail type`,
/// `Description`, `Balance`/`Total balance`, `Account #`. QBO chart-of-accounts page:
/// `Number`, `Name`, `Type`/`Account type`, `Detail type`, `QuickBooks balance`,
/// `Bank balance`. QB Desktop Account Listing: `Account`, `Type`, `Balance Total`,
/// `Description`, `Accnt. #`, `Tax Line`, `Active Status`.
pub const HEADER_SYNONYMS: &[(&str, Field)] = &[
    ("fullname", Field::Name),
    ("account", Field::Name),
    ("accountname", Field::Name),
    ("name", Field::Name),
    ("accountfullname", Field::Name),
    ("type", Field::Type),
    ("accounttype", Field::Type),
    ("detailtype", Field::DetailType),
    ("detailedtype", Field::DetailType),
    ("accountsubtype", Field::DetailType),
    ("description", Field::Description),
    ("desc", Field::Description),
    ("balance", Field::Balance),
    ("totalbalance", Field::Balance),
    ("balancetotal", Field::Balance),
    ("quickbooksbalance", Field::Balance),
    ("qbbalance", Field::Balance),
    ("currentbalance", Field::Balance),
    ("bankbalance", Field::BankBalance),
    ("account#", Field::ChartNumber),
    ("accnt#", Field::ChartNumber),
    ("acct#", Field::ChartNumber),
    ("number", Field::ChartNumber),
    ("accountnumber", Field::ChartNumber),
    ("accountno", Field::ChartNumber),
    ("#", Field::ChartNumber),
    ("bankaccountnumber", Field::BankNumber),
    ("bankaccount#", Field::BankNumber),
    ("bankacct#", Field::BankNumber),
    ("banknumber", Field::BankNumber),
    ("bankaccountno", Field::BankNumber),
    ("bankno", Field::BankNumber),
    ("bankacctno", Field::BankNumber),
    ("bankacct", Field::BankNumber),
    ("cardnumber", Field::BankNumber),
    ("last4", Field::BankNumber),
    ("activestatus", Field::Active),
    ("status", Field::Active),
    ("active", Field::Active),
    ("taxline", Field::DesktopOnly),
];

/// Header names only QuickBooks Desktop's Account Listing uses.
const DESKTOP_MARKERS: &[&str] = &["balancetotal", "accnt#", "taxline", "activestatus"];

/// Header names no chart export has, but transaction exports (bank CSVs, QuickBooks'
/// General Ledger) do: a header row holding one of these (as part of its name) is not an
/// account list, whatever else it holds.
const TRANSACTION_MARKERS: &[&str] = &[
    "date",
    "amount",
    "debit",
    "credit",
    "withdrawal",
    "deposit",
    "payee",
    "memo",
    "transaction",
    "fitid",
    "merchant",
    "split",
    "counterparty",
];

/// Header names that only a chart export has, so a header holding one is a chart even
/// before any row is seen.
const CHART_ONLY: &[&str] = &[
    "fullname",
    "detailtype",
    "balancetotal",
    "totalbalance",
    "accnt#",
    "account#",
    "taxline",
    "activestatus",
    "quickbooksbalance",
    "bankbalance",
];

/// Values of an active-status column that mean the account is not active.
const INACTIVE_VALUES: &[&str] = &[
    "inactive", "no", "n", "false", "deleted", "hidden", "closed", "0",
];

/// Name suffixes QuickBooks adds to accounts that are deleted or made inactive.
const INACTIVE_SUFFIXES: &[&str] = &["(deleted)", "(inactive)"];

/// Words that open the report lines QuickBooks writes below the data: timestamps
/// (`Tuesday, November 15, 2026 09:12 AM GMT-08:00`) and basis lines.
const FOOTER_OPENERS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "accrual basis",
    "cash basis",
];

/// Type names of QuickBooks editions outside the US (UK/AU/CA English, French) that
/// [`AccountType::from_export_text`] does not know, after [`header_key`].
const REGIONAL_TYPES: &[(&str, AccountType)] = &[
    ("currentassets", AccountType::OtherCurrentAsset),
    ("currentasset", AccountType::OtherCurrentAsset),
    ("noncurrentassets", AccountType::OtherAsset),
    ("noncurrentasset", AccountType::OtherAsset),
    ("currentliabilities", AccountType::OtherCurrentLiability),
    ("currentliability", AccountType::OtherCurrentLiability),
    ("noncurrentliabilities", AccountType::LongTermLiability),
    ("noncurrentliability", AccountType::LongTermLiability),
    ("accountsreceivabledebtors", AccountType::AccountsReceivable),
    ("tradedebtors", AccountType::AccountsReceivable),
    ("accountspayablecreditors", AccountType::AccountsPayable),
    ("tradecreditors", AccountType::AccountsPayable),
    ("costofsales", AccountType::CostOfGoodsSold),
    ("banque", AccountType::Bank),
    ("banques", AccountType::Bank),
    ("cartedecrédit", AccountType::CreditCard),
    ("cartesdecrédit", AccountType::CreditCard),
    ("cartedecredit", AccountType::CreditCard),
];

/// The account type of a type cell: QuickBooks' US names and IIF codes, then the
/// regional names of [`REGIONAL_TYPES`].
pub fn account_type_of(type_text: &str) -> AccountType {
    match AccountType::from_export_text(type_text) {
        AccountType::Other => {
            let key = header_key(type_text);
            REGIONAL_TYPES
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(AccountType::Other, |(_, t)| *t)
        }
        known => known,
    }
}

/// How far down a file the header row is looked for (QuickBooks writes a handful of
/// title rows; a few dozen allows for hand-added notes).
pub const HEADER_SEARCH_ROWS: usize = 60;

/// A header name reduced for comparison: lower case, letters, digits and `#`.
pub fn header_key(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() || c == '#' {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn field_of(normalized: &str) -> Option<Field> {
    HEADER_SYNONYMS
        .iter()
        .find(|(name, _)| *name == normalized)
        .map(|(_, f)| *f)
}

/// Where each field sits in an account list's rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChartColumns {
    /// The account's full name.
    pub name: usize,
    /// The account type.
    pub account_type: usize,
    /// QBO's detail type.
    pub detail_type: Option<usize>,
    /// The account's description.
    pub description: Option<usize>,
    /// QuickBooks' balance (`Balance`, `Total balance`, `Balance Total`).
    pub balance: Option<usize>,
    /// The bank feed's balance (QBO `Bank balance`).
    pub bank_balance: Option<usize>,
    /// The bookkeeping number (`Account #`, `Accnt. #`, `Number`).
    pub chart_number: Option<usize>,
    /// A bank account or card number column.
    pub bank_number: Option<usize>,
    /// An active-status column.
    pub active: Option<usize>,
    /// The columns say QuickBooks Desktop (Account Listing) rather than QBO.
    pub desktop: bool,
    /// The header holds a column only chart exports have.
    pub chart_only: bool,
}

impl ChartColumns {
    /// Reads a header row; `None` unless it names an account and a type column and no
    /// transaction column.
    pub fn from_header<S: AsRef<str>>(cells: &[S]) -> Option<ChartColumns> {
        // Cheap test first: most rows are data rows, and a header has a type column.
        let has_type = cells.iter().any(|c| {
            let c = c.as_ref().trim();
            c.len() <= 16
                && (c.eq_ignore_ascii_case("type")
                    || matches!(field_of(&header_key(c)), Some(Field::Type)))
        });
        if !has_type {
            return None;
        }
        let names: Vec<String> = cells.iter().map(|c| header_key(c.as_ref())).collect();
        let chart_only = names.iter().any(|n| CHART_ONLY.contains(&n.as_str()));
        // A transaction column rules a header out, unless a chart-only column rules it
        // in (QBO's Account List can add `Create Date` / `Last Modified` columns).
        if !chart_only
            && names
                .iter()
                .any(|n| TRANSACTION_MARKERS.iter().any(|m| n.contains(m)))
        {
            return None;
        }
        let mut slots: Vec<(Field, usize, usize)> = Vec::new();
        for (col, n) in names.iter().enumerate() {
            let Some(field) = field_of(n) else { continue };
            // Rank by the synonym's place in the table: `Full name` beats `Name`.
            let rank = HEADER_SYNONYMS
                .iter()
                .position(|(s, _)| s == n)
                .unwrap_or(usize::MAX);
            match slots.iter_mut().find(|(f, _, _)| *f == field) {
                Some(slot) if rank < slot.2 => *slot = (field, col, rank),
                Some(_) => {}
                None => slots.push((field, col, rank)),
            }
        }
        let get = |f: Field| slots.iter().find(|s| s.0 == f).map(|s| s.1);
        let name = get(Field::Name)?;
        let account_type = get(Field::Type)?;
        let first_filled = names.iter().position(|n| !n.is_empty()).unwrap_or(0);
        let desktop = names
            .iter()
            .any(|n| DESKTOP_MARKERS.contains(&n.as_str()))
            // Desktop's CSV opens with an empty indent column; QBO's never does.
            || first_filled > 0;
        Some(ChartColumns {
            name,
            account_type,
            detail_type: get(Field::DetailType),
            description: get(Field::Description),
            balance: get(Field::Balance),
            bank_balance: get(Field::BankBalance),
            chart_number: get(Field::ChartNumber),
            bank_number: get(Field::BankNumber),
            active: get(Field::Active),
            desktop,
            chart_only,
        })
    }
}

/// Finds the header row among the first rows: its index and columns.
pub fn find_header<S: AsRef<str>>(rows: &[Vec<S>]) -> Option<(usize, ChartColumns)> {
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, r)| ChartColumns::from_header(r).map(|c| (i, c)))
}

/// Whether rows look like an account list: a header row, and either a column only
/// charts have or a row below it whose type QuickBooks would recognise.
pub fn rows_look_like_chart<S: AsRef<str>>(rows: &[Vec<S>]) -> bool {
    let Some((at, cols)) = find_header(rows) else {
        return false;
    };
    cols.chart_only
        || rows.iter().skip(at + 1).take(40).any(|r| {
            r.get(cols.account_type)
                .map(|t| t.as_ref().trim())
                .is_some_and(|t| account_type_of(t) != AccountType::Other)
        })
}

/// One account as read, before the chart-wide decisions (number prefixes).
#[derive(Clone, Debug)]
pub struct RawAccount {
    /// The account with what its row says.
    pub account: Account,
    /// The chart number came from a column (or IIF field) rather than the name.
    pub number_from_column: bool,
}

/// Which container the rows came from (the chart format is decided from it and the columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// Delimited text.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

fn cell<S: AsRef<str>>(row: &[S], col: Option<usize>) -> &str {
    col.and_then(|c| row.get(c))
        .map_or("", |s| s.as_ref().trim())
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Whether a cell is QuickBooks' report text below the data (timestamp or basis line).
fn is_footer_text(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    FOOTER_OPENERS.iter().any(|w| lower.starts_with(w)) || lower.contains(" gmt")
}

/// Whether a name is a report total (`TOTAL`, `Total Bank Accounts`).
fn is_total(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    lower == "total" || lower.starts_with("total ") || lower.starts_with("total:")
}

/// Reads an account list from rows of cell texts, each with its 1-based line (CSV) or
/// row number (Excel). An Error problem and no chart when no header row is found.
pub fn read_rows<S: AsRef<str>>(
    file: &str,
    rows: &[(usize, Vec<S>)],
    container: Container,
) -> ChartRead {
    let mut out = ChartRead::default();
    let cells: Vec<&[S]> = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|r| r.1.as_slice())
        .collect();
    let header = cells
        .iter()
        .enumerate()
        .find_map(|(i, r)| ChartColumns::from_header(r).map(|c| (i, c)));
    let Some((at, cols)) = header else {
        out.problems.push(no_header_problem(file));
        return out;
    };
    let format = match (container, cols.desktop) {
        (Container::Csv, false) => ChartFormat::QboCsv,
        (Container::Csv, true) => ChartFormat::DesktopCsv,
        (Container::Xlsx, false) => ChartFormat::QboXlsx,
        (Container::Xlsx, true) => ChartFormat::DesktopXlsx,
    };
    let decimal = decimal_separator(rows.iter().skip(at + 1).map(|r| r.1.as_slice()), &cols);
    let mut raw = Vec::new();
    for (line, row) in rows.iter().skip(at + 1) {
        if let Some(a) = account_from_row(file, row, &cols, decimal, *line, &mut out.problems) {
            raw.push(a);
        }
    }
    let accounts = finish_accounts(raw, cols.chart_number.is_some());
    if accounts.is_empty() {
        out.problems.push(Problem::warning(
            file,
            rows.get(at).map(|r| r.0),
            ProblemKind::Suspicious,
            "The account list has a header but no accounts below it.",
        ));
    }
    out.chart = Some(Chart {
        file: file.to_string(),
        format,
        accounts,
        company: company_in_titles(&cells[..at]),
    });
    out
}

/// Report titles QuickBooks writes above an account list, which are not the company.
const REPORT_TITLES: &[&str] = &["account list", "account listing", "chart of accounts"];

/// The company name among the title rows above the header: the first row holding one
/// text alone that is not the report's title, a date or a basis line.
fn company_in_titles<S: AsRef<str>>(rows: &[&[S]]) -> Option<String> {
    rows.iter().find_map(|r| {
        let mut texts = r
            .iter()
            .map(|c| c.as_ref().trim())
            .filter(|c| !c.is_empty());
        let (Some(text), None) = (texts.next(), texts.next()) else {
            return None;
        };
        let lower = text.to_lowercase();
        let title = REPORT_TITLES.contains(&lower.as_str())
            || is_footer_text(text)
            || lower.starts_with("as of")
            || text.chars().filter(char::is_ascii_digit).count() * 2 > text.chars().count();
        (!title && text.chars().count() <= 120).then(|| text.to_string())
    })
}

/// Decides from the whole balance columns (never cell by cell) whether amounts use a
/// comma decimal (`1 234,56`, as QuickBooks writes in comma-decimal locales): by which
/// separator stands before exactly two final digits more often.
fn decimal_separator<'a, S: AsRef<str> + 'a>(
    rows: impl Iterator<Item = &'a [S]>,
    cols: &ChartColumns,
) -> DecimalSeparator {
    let (mut dot, mut comma) = (0usize, 0usize);
    for row in rows {
        for col in [cols.balance, cols.bank_balance] {
            let text = cell(row, col).trim_end_matches(|c: char| !c.is_ascii_digit());
            let bytes = text.as_bytes();
            let n = bytes.len();
            if n >= 3 && bytes[n - 1].is_ascii_digit() && bytes[n - 2].is_ascii_digit() {
                match bytes[n - 3] {
                    b'.' => dot += 1,
                    b',' => comma += 1,
                    _ => {}
                }
            }
        }
    }
    if comma > dot {
        DecimalSeparator::Comma
    } else {
        DecimalSeparator::Dot
    }
}

/// The problem for a file with no account-list header.
pub fn no_header_problem(file: &str) -> Problem {
    Problem::error(
        file,
        None,
        ProblemKind::Unrecognized,
        "No account list found: the file has no header row with an account name column \
         (Account, Full name or Name) and a Type column. In QuickBooks Online run Reports → \
         Account List and export it to CSV or Excel; in QuickBooks Desktop run Reports → \
         Accountant & Taxes → Account Listing and export it.",
    )
}

/// Turns one row into an account, or `None` for blank, total and report-text rows.
fn account_from_row<S: AsRef<str>>(
    file: &str,
    row: &[S],
    cols: &ChartColumns,
    decimal: DecimalSeparator,
    line: usize,
    problems: &mut ProblemLog,
) -> Option<RawAccount> {
    let filled: Vec<&str> = row
        .iter()
        .map(|c| c.as_ref().trim())
        .filter(|c| !c.is_empty())
        .collect();
    // Blank rows, and the header repeated (two reports pasted together).
    if filled.is_empty() || ChartColumns::from_header(row).as_ref() == Some(cols) {
        return None;
    }
    let name = cell(row, Some(cols.name));
    let type_text = cell(row, Some(cols.account_type));
    if type_text.is_empty() {
        // Totals, timestamps, basis lines and title text carry no type.
        if name.is_empty() || is_total(name) || filled.len() == 1 {
            return None;
        }
        if filled.iter().any(|c| is_footer_text(c)) && filled.len() <= 2 {
            return None;
        }
        problems.push(Problem::warning(
            file,
            Some(line),
            ProblemKind::BadValue,
            format!("Account \"{name}\" has no type; it is kept with type Other."),
        ));
    } else if name.is_empty() {
        if !filled.iter().any(|c| is_total(c)) {
            problems.push(Problem::warning(
                file,
                Some(line),
                ProblemKind::BadValue,
                "A row has a type but no account name; it was skipped.",
            ));
        }
        return None;
    }
    let account_type = account_type_of(type_text);
    if account_type == AccountType::Other && !type_text.is_empty() {
        problems.push(Problem::warning(
            file,
            Some(line),
            ProblemKind::BadValue,
            format!("Account \"{name}\" has the type \"{type_text}\", which QuickBooks does not use; it is kept with type Other."),
        ));
    }
    let mut money = |col: Option<usize>, what: &str| {
        let text = cell(row, col);
        if text.is_empty() {
            return None;
        }
        let value = parse_amount(text, decimal);
        if value.is_none() {
            problems.push(Problem::warning(
                file,
                Some(line),
                ProblemKind::BadValue,
                format!("The {what} of \"{name}\" is not an amount: \"{text}\"."),
            ));
        }
        value
    };
    let balance = money(cols.balance, "balance");
    let bank_balance = money(cols.bank_balance, "bank balance");
    let status = cell(row, cols.active).to_lowercase();
    let inactive_status = INACTIVE_VALUES.contains(&status.as_str());
    let chart_number = non_empty(cell(row, cols.chart_number));
    let bank_number = BankNumber::from_text(cell(row, cols.bank_number));
    let mut account = new_account(name, type_text, line);
    account.account_type = account_type;
    account.detail_type = non_empty(cell(row, cols.detail_type));
    account.description = non_empty(cell(row, cols.description));
    account.balance = balance;
    account.bank_balance = bank_balance;
    account.chart_number = chart_number;
    account.bank_number = bank_number;
    account.active = !inactive_status;
    Some(RawAccount {
        account,
        number_from_column: cols.chart_number.is_some(),
    })
}

/// A fresh account with its names split: the rest is filled by the reader.
pub fn new_account(full_name: &str, type_text: &str, line: usize) -> Account {
    Account::new(full_name, account_type_of(type_text), type_text, line)
}

/// Splits a name's numeric prefix (`1010 Checking`, `1010 · Checking`, `1000 - Cash`,
/// `1500.01 Vans`): the number, and whether QuickBooks Desktop's own separator `·`
/// follows it (which makes it a chart number beyond doubt).
pub fn number_prefix(name: &str) -> Option<(&str, &str, bool)> {
    let name = name.trim_start();
    let end = name
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || (c == '.'
                    && name[..i].ends_with(|p: char| p.is_ascii_digit())
                    && name[i + 1..].starts_with(|n: char| n.is_ascii_digit())))
        })
        .map_or(name.len(), |(i, _)| i);
    let number = &name[..end];
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = &name[end..];
    let after_space = rest.trim_start();
    if after_space.len() == rest.len() && !rest.starts_with('·') {
        // `2019Van`, or the whole name is a number: no separator, no prefix.
        return None;
    }
    let (dot, after) = match after_space.strip_prefix('·') {
        Some(a) => (true, a),
        None => match after_space.strip_prefix(['-', '–', '—']) {
            Some(a) if a.starts_with(char::is_whitespace) => (false, a),
            Some(_) => return None,
            None => (false, after_space),
        },
    };
    let after = after.trim_start();
    // Something must follow: `1010 Checking`, `2400 2019 Equipment Loan`.
    after
        .starts_with(|c: char| c.is_alphanumeric() || c == '(' || c == '&' || c == '\'')
        .then_some((number, after, dot))
}

/// Strips an inactive marker suffix, returning the name without it and whether one was there.
fn strip_inactive_suffix(name: &str) -> (&str, bool) {
    let trimmed = name.trim_end();
    let lower = trimmed.to_lowercase();
    for s in INACTIVE_SUFFIXES {
        if lower.ends_with(s) {
            let cut = trimmed.len().saturating_sub(s.len());
            if let Some(base) = trimmed.get(..cut) {
                return (base.trim_end(), true);
            }
        }
    }
    (trimmed, false)
}

/// The chart-wide decisions, then the accounts: a name's numeric prefix is a chart
/// number when the export has no number column and either QuickBooks' `·` separator
/// follows it or at least a third of the names carry one (so `2019 Range Rover` in a
/// chart without numbers keeps its year); `(deleted)`/`(inactive)` suffixes make an
/// account inactive; bank numbers come from the name, else the description.
pub fn finish_accounts(raw: Vec<RawAccount>, has_number_column: bool) -> Vec<Account> {
    let with_prefix = raw
        .iter()
        .filter(|r| number_prefix(strip_inactive_suffix(&r.account.name).0).is_some())
        .count();
    let prefixes_are_numbers = !has_number_column && with_prefix * 3 >= raw.len();
    raw.into_iter()
        .map(|r| {
            let mut a = r.account;
            let (base, marked) = strip_inactive_suffix(&a.name);
            if marked {
                a.active = false;
            }
            let mut text = base.to_string();
            if let Some((number, rest, dot)) = number_prefix(base) {
                // Desktop's `·` always marks a chart number, even beside a number column.
                let take = dot || (!r.number_from_column && prefixes_are_numbers);
                if take || a.chart_number.as_deref() == Some(number) {
                    if a.chart_number.is_none() {
                        a.chart_number = Some(number.to_string());
                    }
                    text = rest.to_string();
                }
            }
            read_name_number(&mut a, &text);
            a
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(
            number_prefix("1010 Checking"),
            Some(("1010", "Checking", false))
        );
        assert_eq!(
            number_prefix("1010 · Checking"),
            Some(("1010", "Checking", true))
        );
        assert_eq!(
            number_prefix("1000 - Cash on hand"),
            Some(("1000", "Cash on hand", false))
        );
        assert_eq!(
            number_prefix("1500.01 Vans"),
            Some(("1500.01", "Vans", false))
        );
        assert_eq!(number_prefix("Checking"), None);
        assert_eq!(number_prefix("2019"), None);
        assert_eq!(number_prefix("12-345 Loan"), None);
        assert_eq!(
            number_prefix("2400 2019 Loan"),
            Some(("2400", "2019 Loan", false))
        );
    }

    #[test]
    fn headers() {
        let c = ChartColumns::from_header(&["Full name", "Type", "Detail type", "Total balance"])
            .unwrap();
        assert_eq!((c.name, c.account_type, c.balance), (0, 1, Some(3)));
        assert!(!c.desktop && c.chart_only);
        let d = ChartColumns::from_header(&[
            "",
            "Account",
            "Type",
            "Balance Total",
            "Description",
            "Accnt. #",
            "Tax Line",
        ])
        .unwrap();
        assert!(d.desktop);
        assert_eq!(d.chart_number, Some(5));
        assert!(ChartColumns::from_header(&["Date", "Name", "Type", "Amount"]).is_none());
        let extra = ChartColumns::from_header(&["Account", "Type", "Detail type", "Create Date"]);
        assert!(extra.is_some());
    }
}
