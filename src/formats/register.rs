//! QuickBooks' own record of an account, the third kind of input (SPEC §2): what
//! QuickBooks already holds, so the recovery file can leave it out.
//!
//! - QuickBooks Online "Transaction Detail by Account" and account QuickReport exports
//!   (CSV, .xlsx): title rows, a header (`Date, Transaction Type, Num, Name,
//!   Memo/Description, Split, Amount, Balance`), then one section per account opened
//!   by a row holding only the account's name and closed by `Total for …`.
//! - An account register export (QuickBooks Online `Date, Ref No., Payee, Account, Memo,
//!   Payment, Deposit, …`; Desktop `Date, Number, Payee, Account, Memo, Payment, Deposit,
//!   Balance`, a card's `Charge`/`Payment`).
//! - QuickBooks Desktop QuickReport (`Type, Date, Num, Name, Memo, Split, Amount, Balance`).
//! - IIF `TRNS` lines (the account side of each transaction; `SPL` lines are the other side).
//!
//! Told apart from a bank CSV by what only QuickBooks writes: a `Split` or `Transaction
//! Type` column, a `Num`/`Ref No.` beside a `Name`/`Payee`, or a report title naming a
//! register, a QuickReport or a transaction detail. Rows keep the export's sign; which
//! sign the bank's statement uses is settled when the register is matched to it.

use crate::model::{Date, Money, Problem, ProblemKind, Register, RegisterFormat, Transaction};

use super::delimited;
use super::iif::split_fields;
use super::text::{parse_amount, DecimalSeparator};

/// Registers read from one file, with the problems met.
#[derive(Debug, Default)]
pub struct RegistersRead {
    pub registers: Vec<Register>,
    pub problems: Vec<Problem>,
}

/// Rows looked at for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// Delimiters a QuickBooks export may use.
const DELIMITERS: &[u8] = b",\t;";

/// What a header cell names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Date,
    Amount,
    /// Money out of the account (`Payment`, `Withdrawal`, a card's `Charge`).
    Out,
    /// Money into the account (`Deposit`, a card's `Payment`, `Credit`).
    In,
    Payee,
    Memo,
    Kind,
    Num,
    Split,
    /// The other side of a register row (QuickBooks Online's register export).
    Account,
    Balance,
}

/// The header's columns, by index.
#[derive(Clone, Debug, Default)]
struct Header {
    date: Option<usize>,
    amount: Option<usize>,
    out: Option<usize>,
    into: Option<usize>,
    payee: Option<usize>,
    memo: Option<usize>,
    kind: bool,
    num: bool,
    split: bool,
    account: bool,
    balance: bool,
}

fn norm(cell: &str) -> String {
    cell.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn col_of(cell: &str) -> Option<Col> {
    Some(match norm(cell).as_str() {
        "date" | "transactiondate" | "txndate" => Col::Date,
        "amount" => Col::Amount,
        "payment" | "withdrawal" | "charge" | "decrease" | "spent" => Col::Out,
        "deposit" | "increase" | "received" => Col::In,
        "name" | "payee" => Col::Payee,
        "memo" | "memodescription" | "description" => Col::Memo,
        "transactiontype" | "type" => Col::Kind,
        "num" | "refno" | "number" | "no" | "checkno" => Col::Num,
        "split" => Col::Split,
        "account" => Col::Account,
        "balance" => Col::Balance,
        _ => return None,
    })
}

impl Header {
    fn from_cells(cells: &[String]) -> Option<Header> {
        let mut h = Header::default();
        let mut cols: Vec<Col> = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            let Some(c) = col_of(cell) else { continue };
            // A card register's `Charge` and `Payment` columns: the payment is money in.
            let c = if c == Col::Out && cols.contains(&Col::Out) {
                Col::In
            } else {
                c
            };
            cols.push(c);
            let slot = match c {
                Col::Date => &mut h.date,
                Col::Amount => &mut h.amount,
                Col::Out => &mut h.out,
                Col::In => &mut h.into,
                Col::Payee => &mut h.payee,
                Col::Memo => &mut h.memo,
                Col::Kind => {
                    h.kind = true;
                    continue;
                }
                Col::Num => {
                    h.num = true;
                    continue;
                }
                Col::Split => {
                    h.split = true;
                    continue;
                }
                Col::Balance => {
                    h.balance = true;
                    continue;
                }
                Col::Account => {
                    h.account = true;
                    continue;
                }
            };
            if slot.is_none() {
                *slot = Some(i);
            }
        }
        // `Charge` before `Payment` on a card: Out then In. `Payment` before `Deposit`
        // on a bank: the same. A lone `Payment` column with `Deposit` after is covered.
        let money = h.amount.is_some() || (h.out.is_some() && h.into.is_some());
        h.date?;
        money.then_some(h)
    }

    /// Columns only QuickBooks writes together.
    fn quickbooks_shaped(&self) -> bool {
        (self.split && (self.payee.is_some() || self.kind || self.num))
            || (self.kind && self.num && self.payee.is_some())
            || (self.num && self.account && self.payee.is_some() && self.out.is_some())
    }
}

/// Report titles that name QuickBooks' record of an account.
fn title_says_register(rows: &[Vec<String>]) -> bool {
    rows.iter().flatten().any(|c| {
        let l = c.to_lowercase();
        l.contains("transaction detail by account")
            || l.contains("quickreport")
            || l.contains("register")
            || l.contains("transaction report")
    })
}

/// Finds the header row among the first rows: its index and columns.
fn find_header(rows: &[Vec<String>]) -> Option<(usize, Header)> {
    let n = rows.len().min(HEADER_SEARCH_ROWS);
    for i in 0..n {
        if let Some(h) = Header::from_cells(&rows[i]) {
            if h.quickbooks_shaped() || (title_says_register(&rows[..i]) && h.payee.is_some()) {
                return Some((i, h));
            }
        }
    }
    None
}

/// Whether rows (a sheet, a CSV's first records) are a QuickBooks register export.
pub fn rows_look_like_register(rows: &[Vec<String>]) -> bool {
    find_header(rows).is_some()
}

fn delimiter_of(text: &str) -> Option<u8> {
    DELIMITERS
        .iter()
        .copied()
        .find(|&d| rows_look_like_register(&delimited::head(text, d, HEADER_SEARCH_ROWS)))
}

/// Whether delimited text is a QuickBooks register / QuickReport / Transaction Detail
/// by Account export (by content, never by name).
pub fn looks_like_register(text: &str) -> bool {
    delimiter_of(text).is_some()
}

/// Whether an IIF file carries transactions (`!TRNS`) rather than only lists.
pub fn iif_has_transactions(text: &str) -> bool {
    text.lines().any(|l| {
        l.trim_start_matches('\u{feff}')
            .get(..5)
            .is_some_and(|h| h.eq_ignore_ascii_case("!TRNS"))
    })
}

/// Reads a register CSV export.
pub fn read_csv(file: &str, text: &str, format: RegisterFormat) -> RegistersRead {
    match delimiter_of(text) {
        Some(d) => {
            let (rows, stop) = delimited::split(text, d, usize::MAX);
            let mut read = read_rows(file, &rows, format);
            if let Some(stop) = stop {
                let problem = stop.problem(file, "the transactions", "the register");
                read.problems.push(problem);
            }
            read
        }
        None => RegistersRead {
            registers: Vec::new(),
            problems: vec![no_header(file)],
        },
    }
}

/// Reads a register saved as an Excel workbook: the first sheet that is one. `None`
/// when no sheet is (the caller then reads it as a chart).
pub fn read_xlsx(file: &str, bytes: &[u8]) -> Option<RegistersRead> {
    let mut found = None;
    super::xlsx::read_sheets(bytes, |_, rows| {
        let Ok(rows) = rows else { return false };
        let head: Vec<Vec<String>> = rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .map(|r| r.1.clone())
            .collect();
        if !rows_look_like_register(&head) {
            return false;
        }
        let format = if title_says_online(&head) {
            RegisterFormat::QboXlsx
        } else {
            RegisterFormat::DesktopXlsx
        };
        found = Some(read_rows(file, &rows, format));
        true
    })
    .ok()?;
    found
}

/// Which edition wrote a register CSV, as far as its shape tells.
pub fn csv_format(text: &str) -> RegisterFormat {
    let head: Vec<Vec<String>> = DELIMITERS
        .iter()
        .find_map(|&d| {
            let r = delimited::head(text, d, HEADER_SEARCH_ROWS);
            rows_look_like_register(&r).then_some(r)
        })
        .unwrap_or_default();
    if title_says_online(&head) {
        RegisterFormat::QboCsv
    } else {
        RegisterFormat::DesktopCsv
    }
}

/// QuickBooks Online's reports say "Transaction Detail by Account" or write `Ref No.`
/// / `Memo/Description`; Desktop's say `Num`, `Memo`.
fn title_says_online(rows: &[Vec<String>]) -> bool {
    rows.iter().flatten().any(|c| {
        let n = norm(c);
        n == "transactiondetailbyaccount" || n == "refno" || n == "memodescription"
    })
}

fn no_header(file: &str) -> Problem {
    Problem::error(
        file,
        None,
        ProblemKind::Unrecognized,
        "This looks like a QuickBooks register export, but no header row with a Date and \
         an Amount (or Payment and Deposit) column was found.",
    )
}

/// A date as QuickBooks exports write it: `11/05/2026`, `2026-11-05`, `5/11/26`, or an
/// Excel serial day number. `day_first` decides `a/b/c`.
fn parse_date(cell: &str, day_first: bool) -> Option<Date> {
    let cell = cell.trim();
    if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        // An Excel serial day (1900 system): 46000 is 2025-12-09.
        let days: f64 = cell.parse().ok()?;
        if (20_000.0..80_000.0).contains(&days) {
            let base = Date::new(1899, 12, 30).ok()?;
            return base.checked_add(jiff::Span::new().days(days as i64)).ok();
        }
        return None;
    }
    let parts: Vec<&str> = cell
        .split(['/', '-', '.'])
        .map(str::trim)
        .collect::<Vec<_>>();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let n: Vec<i32> = parts
        .iter()
        .map(|p| p.parse::<i32>().ok())
        .collect::<Option<_>>()?;
    let (y, m, d) = if parts[0].len() == 4 {
        (n[0], n[1], n[2])
    } else {
        let y = if parts[2].len() == 2 {
            2000 + n[2]
        } else {
            n[2]
        };
        if day_first {
            (y, n[1], n[0])
        } else {
            (y, n[0], n[1])
        }
    };
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// Whether a date column is written day first: some first part over 12 says so.
fn column_day_first<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    let mut day_first = false;
    for c in cells {
        let parts: Vec<&str> = c.trim().split(['/', '-', '.']).collect();
        if parts.len() == 3 && parts[0].len() <= 2 {
            let a: u32 = parts[0].trim().parse().unwrap_or(0);
            let b: u32 = parts[1].trim().parse().unwrap_or(0);
            if b > 12 {
                return false;
            }
            if a > 12 {
                day_first = true;
            }
        }
    }
    day_first
}

fn cell(row: &[String], i: Option<usize>) -> &str {
    i.and_then(|i| row.get(i)).map_or("", |s| s.trim())
}

fn money(text: &str) -> Option<Money> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    parse_amount(t, DecimalSeparator::Dot)
}

/// Reads rows (a CSV's records or a sheet's rows) once the header is known.
fn read_rows(file: &str, rows: &[(usize, Vec<String>)], format: RegisterFormat) -> RegistersRead {
    let mut out = RegistersRead::default();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|r| r.1.clone())
        .collect();
    let Some((at, h)) = find_header(&cells) else {
        out.problems.push(no_header(file));
        return out;
    };
    let date_col = h.date.unwrap_or(0);
    let day_first = column_day_first(rows[at + 1..].iter().map(|r| cell(&r.1, Some(date_col))));
    // A register export names its account in the title (`Checking register`, `Account
    // QuickReport: Checking`); a Transaction Detail report in section rows.
    let mut title_account: Option<(String, usize)> = None;
    for (line, row) in &rows[..at] {
        for c in row {
            let t = c.trim();
            // ASCII lower case keeps byte positions, so `l`'s indexes cut `t` safely.
            let l = t.to_ascii_lowercase();
            let name = if let Some(i) = l.find("register") {
                Some(
                    t[..i]
                        .trim()
                        .trim_end_matches(['-', ':', '–'])
                        .trim()
                        .to_string(),
                )
            } else {
                t.split_once(':')
                    .filter(|_| l.contains("quickreport"))
                    .map(|rest| rest.1.trim().to_string())
            };
            if let Some(n) = name.filter(|n| !n.is_empty()) {
                title_account.get_or_insert((n, *line));
            }
        }
    }
    let mut current = Register {
        file: file.to_string(),
        format,
        line: title_account.as_ref().map_or(rows[at].0, |t| t.1),
        account: title_account.map(|t| t.0),
        ..Register::default()
    };
    let mut bad = 0usize;
    for (line, row) in &rows[at + 1..] {
        let filled: Vec<(usize, &str)> = row
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.trim()))
            .filter(|(_, c)| !c.is_empty())
            .collect();
        if filled.is_empty() {
            continue;
        }
        let date_text = cell(row, Some(date_col));
        let date = parse_date(date_text, day_first);
        if date.is_none() {
            // A section row (only the account's name), a total or a report footer.
            if filled.len() == 1 && filled[0].0 < date_col.max(1) {
                let name = filled[0].1;
                let lower = name.to_lowercase();
                if !lower.starts_with("total") {
                    if !current.transactions.is_empty() || current.account.is_some() {
                        out.registers.push(std::mem::replace(
                            &mut current,
                            Register {
                                file: file.to_string(),
                                format,
                                ..Register::default()
                            },
                        ));
                    }
                    current.account = Some(name.to_string());
                    current.line = *line;
                }
            } else if !date_text.is_empty() && !is_footer(row) {
                bad += 1;
            }
            continue;
        }
        let amount = match h.amount {
            Some(i) => money(cell(row, Some(i))),
            None => {
                let out_amt = money(cell(row, h.out)).map(|m| Money(-m.0.abs()));
                let in_amt = money(cell(row, h.into)).map(|m| Money(m.0.abs()));
                match (out_amt, in_amt) {
                    (Some(o), None) => Some(o),
                    (None, Some(i)) => Some(i),
                    (Some(o), Some(i)) => o.checked_add(i),
                    (None, None) => None,
                }
            }
        };
        let Some(amount) = amount else {
            bad += 1;
            continue;
        };
        current.transactions.push(Transaction {
            date,
            amount: Some(amount),
            payee: cell(row, h.payee),
            memo: cell(row, h.memo),
            fitid: "",
            account_last4: None,
            pending: false,
            line: u32::try_from(*line).unwrap_or(u32::MAX),
        });
    }
    if !current.transactions.is_empty() {
        out.registers.push(current);
    }
    out.registers.retain(|r| !r.transactions.is_empty());
    if bad > 0 {
        out.problems.push(Problem::warning(
            file,
            None,
            ProblemKind::BadValue,
            format!(
                "{bad} row{} of this QuickBooks export had no readable date or amount and \
                 {} skipped.",
                if bad == 1 { "" } else { "s" },
                if bad == 1 { "was" } else { "were" }
            ),
        ));
    }
    if out.registers.is_empty() {
        out.problems.push(Problem::error(
            file,
            None,
            ProblemKind::Unrecognized,
            "This QuickBooks export has a register's columns but no transaction rows.",
        ));
    }
    out
}

/// Report footers QuickBooks writes under the data (`Cash Basis Monday, …`).
fn is_footer(row: &[String]) -> bool {
    row.iter().any(|c| {
        let l = c.to_lowercase();
        l.contains("basis") || l.contains("gmt")
    })
}

/// Reads IIF `TRNS` lines: one register per account (`ACCNT`).
pub fn read_iif(file: &str, text: &str) -> RegistersRead {
    let mut out = RegistersRead::default();
    let mut names: Option<Vec<String>> = None;
    let mut by_account: Vec<Register> = Vec::new();
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_fields(line);
        let kind = fields
            .first()
            .map(|f| f.trim().trim_start_matches('\u{feff}').to_ascii_uppercase())
            .unwrap_or_default();
        if kind == "!TRNS" {
            names = Some(
                fields
                    .iter()
                    .map(|f| f.trim().to_ascii_uppercase())
                    .collect(),
            );
        } else if kind == "TRNS" {
            rows.push((i + 1, fields));
        }
    }
    let Some(names) = names else {
        out.problems.push(Problem::error(
            file,
            None,
            ProblemKind::Malformed,
            "This IIF file has TRNS lines but no !TRNS header naming their fields.",
        ));
        return out;
    };
    let at = |n: &str| names.iter().position(|x| x == n);
    let (date_i, acc_i, amt_i, name_i, memo_i) = (
        at("DATE"),
        at("ACCNT"),
        at("AMOUNT"),
        at("NAME"),
        at("MEMO"),
    );
    let day_first = column_day_first(rows.iter().map(|r| cell(&r.1, date_i)));
    let mut bad = 0usize;
    for (line, row) in &rows {
        let (Some(date), Some(amount)) = (
            parse_date(cell(row, date_i), day_first),
            money(cell(row, amt_i)),
        ) else {
            bad += 1;
            continue;
        };
        let account = cell(row, acc_i).to_string();
        let reg = match by_account
            .iter_mut()
            .position(|r| r.account.as_deref() == Some(account.as_str()))
        {
            Some(p) => &mut by_account[p],
            None => {
                by_account.push(Register {
                    file: file.to_string(),
                    format: RegisterFormat::Iif,
                    line: *line,
                    account: Some(account.clone()).filter(|a| !a.is_empty()),
                    ..Register::default()
                });
                by_account.last_mut().expect("just pushed")
            }
        };
        reg.transactions.push(Transaction {
            date: Some(date),
            amount: Some(amount),
            payee: cell(row, name_i),
            memo: cell(row, memo_i),
            fitid: "",
            account_last4: None,
            pending: false,
            line: u32::try_from(*line).unwrap_or(u32::MAX),
        });
    }
    if bad > 0 {
        out.problems.push(Problem::warning(
            file,
            None,
            ProblemKind::BadValue,
            format!("{bad} TRNS line(s) had no readable DATE or AMOUNT and were skipped."),
        ));
    }
    out.registers = by_account;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_transaction_detail_by_account_sections() {
        let text = "Acme Landscaping\nTransaction Detail by Account\nNovember 1-30, 2026\n\n\
            ,Date,Transaction Type,Num,Name,Memo/Description,Split,Amount,Balance\n\
            Checking x4821,,,,,,,,\n\
            ,11/03/2026,Expense,,Home Depot,,Supplies,-52.10,947.90\n\
            ,11/05/2026,Deposit,,,Client,Income,\"1,200.00\",2147.90\n\
            Total for Checking x4821,,,,,,,\"$1,147.90\",\n\
            Visa,,,,,,,,\n\
            ,11/04/2026,Expense,,Shell,,Fuel,40.00,40.00\n\
            Total for Visa,,,,,,,40.00,\n\n\nCash Basis Monday, December 1, 2026 10:00 AM GMT-05:00\n";
        assert!(looks_like_register(text));
        assert_eq!(csv_format(text), RegisterFormat::QboCsv);
        let r = read_csv("tda.csv", text, RegisterFormat::QboCsv);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.registers.len(), 2);
        assert_eq!(r.registers[0].account.as_deref(), Some("Checking x4821"));
        assert_eq!(r.registers[0].transactions.len(), 2);
        assert_eq!(
            r.registers[0].transactions.amount_sum(),
            Money::parse_plain("1147.90").unwrap()
        );
        assert_eq!(r.registers[1].account.as_deref(), Some("Visa"));
    }

    #[test]
    fn bank_csv_is_not_a_register() {
        let chase = "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n\
                     DEBIT,11/03/2026,HOME DEPOT,-52.10,DEBIT_CARD,947.90,\n";
        assert!(!looks_like_register(chase));
        let schwab = "Date,Status,Type,CheckNumber,Description,Withdrawal,Deposit,RunningBalance\n";
        assert!(!looks_like_register(schwab));
    }

    #[test]
    fn reads_a_card_register_and_iif() {
        let text = "Visa 1005 Register\nDate,Ref No.,Payee,Account,Memo,Charge,Payment,Balance\n\
                    11/04/2026,,Shell,Fuel,,40.00,,40.00\n11/20/2026,,Payment,Checking,,,100.00,-60.00\n";
        let r = read_csv("reg.csv", text, RegisterFormat::QboCsv);
        assert_eq!(r.registers[0].account.as_deref(), Some("Visa 1005"));
        let sums: Vec<String> = r.registers[0]
            .transactions
            .iter()
            .map(|t| t.amount.unwrap().to_string())
            .collect();
        assert_eq!(sums, ["-40.00", "100.00"]);
        let iif =
            "!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tMEMO\n!SPL\tSPLID\n!ENDTRNS\n\
                   TRNS\t1\tCHECK\t11/03/2026\tChecking\tHome Depot\t-52.10\t\nSPL\t2\n";
        assert!(iif_has_transactions(iif));
        let r = read_iif("t.iif", iif);
        assert_eq!(r.registers.len(), 1);
        assert_eq!(r.registers[0].transactions.len(), 1);
    }
}
