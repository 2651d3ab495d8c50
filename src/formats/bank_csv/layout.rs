//! Sniffing a bank CSV's layout from a bounded prefix: delimiter, header line (after
//! any preamble) or, for headerless files, each column's role from its content;
//! decimal separator, amount style, and what the preamble says (account, balance).

use super::balance::RunningBalance;
use super::columns::{self, ColumnRole, PreambleKey};
use super::dates::{self, DateOrder, DateTally, RawDate};
use super::records::all_records;
use crate::formats::text::{
    decimal_evidence, money_marked, money_shape, parse_amount, DecimalSeparator,
};
use crate::model::{AccountKind, Money};

/// How a file writes the direction of money.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AmountStyle {
    /// One amount column with a sign (`-18,00`, `(12.00)`).
    #[default]
    Signed,
    /// Money out and money in in separate columns.
    DebitCredit,
    /// An unsigned amount and a column that marks credits (`CR`) or debits (`DR`).
    UnsignedWithCrFlag,
}

/// Which column (0-based) holds what; `None` when the file has no such column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// The posting (booking) date.
    pub date: Option<usize>,
    /// One signed amount.
    pub amount: Option<usize>,
    /// Money out.
    pub debit: Option<usize>,
    /// Money in.
    pub credit: Option<usize>,
    /// The running balance after each row.
    pub balance: Option<usize>,
    /// A stated closing balance repeated on every row.
    pub closing_balance: Option<usize>,
    /// The bank's description of the row.
    pub description: Option<usize>,
    /// The counterparty or merchant.
    pub payee: Option<usize>,
    /// A note or payment reference.
    pub memo: Option<usize>,
    /// The holder's own account number or IBAN.
    pub account: Option<usize>,
    /// The card each row was paid with.
    pub card: Option<usize>,
    /// The currency code of each row.
    pub currency: Option<usize>,
    /// The holder's own BIC or bank code.
    pub bank_id: Option<usize>,
    /// The bank's transaction id.
    pub fitid: Option<usize>,
    /// Posted / pending.
    pub status: Option<usize>,
    /// A column of `CR`/`DR` or `DEBIT`/`CREDIT` words.
    pub flag: Option<usize>,
}

/// A bank CSV's layout as sniffed from its first lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The field delimiter: `,`, `;`, tab or `|`.
    pub delimiter: u8,
    /// The decimal separator of the money cells (a dot when nothing tells).
    pub decimal: DecimalSeparator,
    /// The date order the sniffed rows show (the reader decides again from the whole
    /// column); `None` when the prefix has no dates.
    pub date_order: Option<DateOrder>,
    /// 1-based line of the header; `None` for headerless files.
    pub header_line: Option<usize>,
    /// How money's direction is written.
    pub amount_style: AmountStyle,
    /// Which column holds what.
    pub columns: Columns,
    /// The file's columns are card-specific (a card-number column, a `CR` flag).
    pub card_columns: bool,
    /// With [`AmountStyle::UnsignedWithCrFlag`]: whether an unflagged row is money in
    /// (the file flags debits with `DR`) rather than money out (it flags credits).
    pub unflagged_is_credit: bool,
    /// A currency the header (`Amount (EUR)`) or the money cells (`£`) state.
    pub currency_hint: Option<String>,
    /// The account number a preamble line states, as written.
    pub preamble_account: Option<String>,
    /// A closing/ledger balance a preamble line states.
    pub preamble_balance: Option<Money>,
    /// A currency a preamble line states.
    pub preamble_currency: Option<String>,
    /// The account kind a preamble line states (`Account Type: Checking`).
    pub preamble_kind: AccountKind,
    /// The file's day-first (true) or month-first (false) convention when it shows
    /// one: comma decimals, semicolons, a European currency.
    pub day_first_hint: Option<bool>,
    /// The running-balance identity holds with the amounts negated: they are written
    /// money-out positive.
    pub negate_amounts: bool,
    /// The file holds a balance per day, not transactions.
    pub balances_only: bool,
    /// The running-balance identity the sniffed rows satisfy; the reader checks it on
    /// every row and names the rows where it breaks.
    pub running_balance: Option<RunningBalance>,
}

/// Sniffs the layout of a bank CSV text from its first 64 KiB, as the reader does.
/// `None` when the text has no date column or no money column (not a bank statement).
pub fn detect_layout(text: &str) -> Option<Layout> {
    let limit = super::SNIFF_BYTES;
    if text.len() <= limit {
        return detect(text, true);
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind('\n').map_or(end, |i| i + 1);
    detect(&text[..cut], false)
}

/// Currencies whose countries write the day first.
const DAY_FIRST_CURRENCIES: &[&str] = &[
    "EUR", "GBP", "CHF", "SGD", "AUD", "NZD", "DKK", "SEK", "NOK", "INR", "ZAR", "HKD", "PLN",
    "CZK", "BRL", "MXN", "IDR", "MYR",
];

/// Sniffs a prefix (`whole` = it is the whole file; else its last record may be cut).
pub(crate) fn detect(text: &str, whole: bool) -> Option<Layout> {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = sniff_delimiter(text);
    let mut records = all_records(text, delimiter, whole);
    if !whole && records.len() > 1 {
        records.pop();
    }
    let found = find_columns(&records)?;
    let mut cols = found.columns;
    let data = &records[found.data_start.min(records.len())..];
    cols.date?;
    if cols.amount.is_none() && cols.debit.is_none() && cols.credit.is_none() {
        return None;
    }
    // A flag column, by content, among the columns nothing else claimed.
    if cols.flag.is_none() {
        cols.flag = find_flag_column(data, &cols);
    }
    let money_cols: Vec<usize> = [cols.amount, cols.debit, cols.credit, cols.balance]
        .into_iter()
        .flatten()
        .collect();
    let decimal = sniff_decimal(data, &money_cols, delimiter);
    // The running-balance identity may change which column is the amount and which the
    // balance, or find that the file holds balances only.
    let names = found
        .header_line
        .and_then(|l| records.iter().find(|(line, _)| *line == l))
        .map(|r| r.1.as_slice());
    let identity = super::balance::decide(data, &mut cols, decimal, !found.known_header, names);
    let style = StyleRead::of(data, &cols, decimal);
    let currency_hint = found
        .header_currency
        .or_else(|| symbol_currency(data, &money_cols).map(str::to_string));
    let preamble_end = found
        .data_start
        .saturating_sub(usize::from(found.known_header));
    let preamble = Preamble::read(&records[..preamble_end.min(records.len())], decimal);
    let column_currency = cols.currency.and_then(|c| {
        data.iter()
            .map(|(_, r)| cell(r, c))
            .find(|v| is_currency_code(v))
    });
    let currency_any = column_currency
        .map(str::to_string)
        .or(currency_hint.clone())
        .or(preamble.currency.clone());
    let day_first_hint = day_first_hint(decimal, delimiter, currency_any.as_deref());
    let date_order = cols.date.and_then(|d| {
        let mut tally = DateTally::default();
        for (_, r) in data {
            let c = cell(r, d);
            tally.add(dates::parse(c));
        }
        tally.decide(day_first_hint).map(|x| x.order())
    });
    let card_columns = cols.card.is_some()
        || found.card_names
        || (style.style == AmountStyle::UnsignedWithCrFlag && style.flags_mark_exceptions);
    Some(Layout {
        delimiter,
        decimal,
        date_order,
        header_line: found.header_line,
        amount_style: style.style,
        columns: cols,
        card_columns,
        unflagged_is_credit: style.unflagged_is_credit,
        currency_hint,
        preamble_account: preamble.account,
        preamble_balance: preamble.balance,
        preamble_currency: preamble.currency,
        preamble_kind: preamble.kind,
        day_first_hint,
        negate_amounts: identity.negate,
        balances_only: identity.balances_only,
        running_balance: identity.running,
    })
}

/// The columns, from a header the table knows or else from the cells' content.
struct FoundColumns {
    columns: Columns,
    /// The header's line: a known header, or a line of unknown names above the rows.
    header_line: Option<usize>,
    /// The header's names were known (the columns came from them).
    known_header: bool,
    /// Index of the first data record.
    data_start: usize,
    /// A currency the header names (`Amount (EUR)`).
    header_currency: Option<String>,
    /// The header has card-only names (`Card No.`).
    card_names: bool,
}

fn find_columns(records: &[(usize, Vec<String>)]) -> Option<FoundColumns> {
    let header = records
        .iter()
        .take(60)
        .position(|(_, cells)| is_header(cells));
    Some(match header {
        Some(h) => {
            let (line, cells) = &records[h];
            let (columns, header_currency) = columns_from_header(cells, &records[h + 1..]);
            let card_names = cells.iter().any(|c| {
                columns::CARD_ONLY_NAMES.contains(&columns::header_key_and_currency(c).0.as_str())
            });
            FoundColumns {
                columns,
                header_line: Some(*line),
                known_header: true,
                data_start: h + 1,
                header_currency,
                card_names,
            }
        }
        None => {
            let (columns, data_start, header_line) = columns_from_content(records)?;
            FoundColumns {
                columns,
                header_line,
                known_header: false,
                data_start,
                header_currency: None,
                card_names: false,
            }
        }
    })
}

/// How money's direction is written, read from the amount and flag cells.
struct StyleRead {
    style: AmountStyle,
    /// See [`Layout::unflagged_is_credit`].
    unflagged_is_credit: bool,
    /// Flags on only some rows (`CR` on a card's few payments).
    flags_mark_exceptions: bool,
}

impl StyleRead {
    fn of(data: &[(usize, Vec<String>)], cols: &Columns, decimal: DecimalSeparator) -> StyleRead {
        let mut out = StyleRead {
            style: AmountStyle::DebitCredit,
            unflagged_is_credit: false,
            flags_mark_exceptions: false,
        };
        let Some(a) = cols.amount else {
            return out;
        };
        out.style = AmountStyle::Signed;
        let unsigned = data
            .iter()
            .map(|(_, r)| cell(r, a))
            .filter(|c| !c.is_empty())
            .all(|c| parse_amount(c, decimal).is_none_or(|m| m.0 >= 0));
        let flags: Vec<bool> = cols
            .flag
            .map(|f| {
                data.iter()
                    .filter_map(|(_, r)| columns::flag_word(cell(r, f)))
                    .collect()
            })
            .unwrap_or_default();
        if unsigned && !flags.is_empty() {
            out.style = AmountStyle::UnsignedWithCrFlag;
            out.unflagged_is_credit = !flags.iter().any(|&incoming| incoming);
            // `CR` on the few payment rows of a list of charges: a card's habit. A
            // debit/credit word on every row is any bank's.
            let amounts = data.iter().filter(|(_, r)| !cell(r, a).is_empty()).count();
            out.flags_mark_exceptions = flags.len() < amounts;
        }
        out
    }
}

/// A currency the money cells' symbols show.
fn symbol_currency(data: &[(usize, Vec<String>)], money_cols: &[usize]) -> Option<&'static str> {
    money_cols.iter().find_map(|&c| {
        data.iter().take(200).find_map(|(_, r)| {
            let v = cell(r, c);
            if v.contains('£') {
                Some("GBP")
            } else if v.contains('€') {
                Some("EUR")
            } else {
                None
            }
        })
    })
}

/// What `Key: value` lines above the rows state.
#[derive(Default)]
struct Preamble {
    account: Option<String>,
    balance: Option<Money>,
    currency: Option<String>,
    kind: AccountKind,
}

impl Preamble {
    fn read(lines: &[(usize, Vec<String>)], decimal: DecimalSeparator) -> Preamble {
        let mut out = Preamble::default();
        for (_, cells) in lines {
            let Some((key, value)) = preamble_pair(cells) else {
                continue;
            };
            match key {
                PreambleKey::Account => {
                    if out.account.is_none() {
                        out.account = account_token(&value);
                    }
                }
                PreambleKey::ClosingBalance => {
                    if let Some(m) = parse_amount(&value, decimal) {
                        out.balance.get_or_insert(m);
                    }
                }
                PreambleKey::Kind => {
                    let kind = super::filename::kind_from_filename(&value);
                    if kind != AccountKind::Unknown {
                        out.kind = kind;
                    }
                }
                PreambleKey::Currency => {
                    let v = value.trim();
                    if is_currency_code(v) {
                        out.currency = Some(v.to_string());
                    }
                }
            }
        }
        out
    }
}

/// The file's day-first (true) or month-first (false) convention, when it shows one:
/// comma decimals or semicolons are Europe's; a currency says whose.
fn day_first_hint(
    decimal: DecimalSeparator,
    delimiter: u8,
    currency: Option<&str>,
) -> Option<bool> {
    if decimal == DecimalSeparator::Comma || delimiter == b';' {
        return Some(true);
    }
    match currency {
        Some("USD") => Some(false),
        Some(c) if DAY_FIRST_CURRENCIES.contains(&c) => Some(true),
        _ => None,
    }
}

/// A cell of a row, or "" past its end.
pub(crate) fn cell(row: &[String], i: usize) -> &str {
    row.get(i).map(String::as_str).unwrap_or("")
}

/// The delimiter that splits the most lines into the same number (2 or more) of fields.
fn sniff_delimiter(text: &str) -> u8 {
    // A bounded look: the first 200 lines are plenty.
    let end = text
        .match_indices('\n')
        .nth(200)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let sample = &text[..end];
    let mut best = (0usize, 0usize, b',');
    for d in [b',', b';', b'\t', b'|'] {
        let recs = all_records(sample, d, true);
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for (_, r) in &recs {
            let n = r.len();
            if n < 2 {
                continue;
            }
            match counts.iter_mut().find(|(k, _)| *k == n) {
                Some(c) => c.1 += 1,
                None => counts.push((n, 1)),
            }
        }
        let Some(&(fields, lines)) = counts.iter().max_by_key(|(k, c)| (*c, *k)) else {
            continue;
        };
        if (lines, fields) > (best.0, best.1) {
            best = (lines, fields, d);
        }
    }
    best.2
}

/// A header row: names a date column and a money column.
fn is_header(cells: &[String]) -> bool {
    let roles = columns::header_roles(cells);
    let has = |r: ColumnRole| roles.iter().any(|x| x.0 == r);
    has(ColumnRole::Date)
        && (has(ColumnRole::Amount) || has(ColumnRole::Debit) || has(ColumnRole::Credit))
        && cells
            .iter()
            .all(|c| !matches!(dates::parse(c), RawDate::Known(..) | RawDate::Open { .. }))
}

/// Columns from a header's names, checked against the rows below it.
fn columns_from_header(
    cells: &[String],
    data: &[(usize, Vec<String>)],
) -> (Columns, Option<String>) {
    let mut roles = columns::header_roles(cells);
    // Higher rank first; the leftmost column on a tie.
    roles.sort_by_key(|&(_, rank, col)| (std::cmp::Reverse(rank), col));
    let sample = &data[..data.len().min(200)];
    let fits = |role: ColumnRole, col: usize| -> bool {
        let values: Vec<&str> = sample
            .iter()
            .map(|(_, r)| cell(r, col))
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            // No evidence either way, except that a date column must show dates when
            // another one does.
            return role != ColumnRole::Date
                || !roles
                    .iter()
                    .any(|&(r, _, c)| r == ColumnRole::Date && c != col && has_dates(sample, c));
        }
        match role {
            ColumnRole::Date => has_dates(sample, col),
            ColumnRole::Currency => values.iter().all(|v| is_currency_code(v)),
            ColumnRole::Account | ColumnRole::Card => values
                .iter()
                .any(|v| v.chars().filter(char::is_ascii_digit).count() >= 4),
            _ => true,
        }
    };
    let mut cols = Columns::default();
    let mut taken: Vec<usize> = Vec::new();
    for &(role, _, col) in &roles {
        let slot = slot(&mut cols, role);
        if slot.is_some() || taken.contains(&col) || !fits(role, col) {
            continue;
        }
        *slot = Some(col);
        taken.push(col);
    }
    // Weak account names (`Kontonummer`) beside a counterparty's name are the
    // counterparty's account, not the holder's.
    let weak_account = roles
        .iter()
        .any(|&(r, rank, c)| r == ColumnRole::Account && rank <= 1 && cols.account == Some(c));
    if weak_account && cols.payee.is_some() {
        cols.account = None;
    }
    // With one signed amount column, separate debit/credit columns are redundant
    // (KBC has both); the signed one is read.
    if cols.amount.is_some() {
        cols.debit = None;
        cols.credit = None;
    }
    let currency = cells
        .iter()
        .find_map(|c| columns::header_key_and_currency(c).1);
    (cols, currency)
}

fn has_dates(sample: &[(usize, Vec<String>)], col: usize) -> bool {
    let (mut dates, mut other) = (0, 0);
    for (_, r) in sample {
        match dates::parse(cell(r, col)) {
            RawDate::Known(..) | RawDate::Open { .. } | RawDate::Pending => dates += 1,
            RawDate::Bad => other += 1,
            RawDate::Empty => {}
        }
    }
    dates > 0 && dates >= other
}

fn slot(cols: &mut Columns, role: ColumnRole) -> &mut Option<usize> {
    match role {
        ColumnRole::Date => &mut cols.date,
        ColumnRole::Amount => &mut cols.amount,
        ColumnRole::Debit => &mut cols.debit,
        ColumnRole::Credit => &mut cols.credit,
        ColumnRole::Balance => &mut cols.balance,
        ColumnRole::ClosingBalance => &mut cols.closing_balance,
        ColumnRole::Description => &mut cols.description,
        ColumnRole::Payee => &mut cols.payee,
        ColumnRole::Memo => &mut cols.memo,
        ColumnRole::Account => &mut cols.account,
        ColumnRole::Card => &mut cols.card,
        ColumnRole::Currency => &mut cols.currency,
        ColumnRole::BankId => &mut cols.bank_id,
        ColumnRole::Fitid => &mut cols.fitid,
        ColumnRole::Status => &mut cols.status,
    }
}

/// What the cells of one column look like over the sampled rows.
struct ColumnStats {
    rows: usize,
    non_empty: usize,
    dates: usize,
    money: usize,
    /// Money cells with cents, a currency symbol or an explicit sign.
    money_marked: usize,
    /// Rows with a non-zero money value.
    active: Vec<bool>,
    text_len: usize,
    first: Option<String>,
    constant: bool,
    four_digit: usize,
    distinct: Vec<String>,
    currency_codes: usize,
}

impl ColumnStats {
    fn new() -> ColumnStats {
        ColumnStats {
            rows: 0,
            non_empty: 0,
            dates: 0,
            money: 0,
            money_marked: 0,
            active: Vec::new(),
            text_len: 0,
            first: None,
            constant: true,
            four_digit: 0,
            distinct: Vec::new(),
            currency_codes: 0,
        }
    }

    fn add(&mut self, v: &str) {
        self.rows += 1;
        let money = money_shape(v);
        self.active.push(
            money
                && parse_amount(v, DecimalSeparator::Dot)
                    .or_else(|| parse_amount(v, DecimalSeparator::Comma))
                    .is_some_and(|m| !m.is_zero()),
        );
        if v.is_empty() {
            return;
        }
        self.non_empty += 1;
        match &self.first {
            None => self.first = Some(v.to_string()),
            Some(f) if f != v => self.constant = false,
            _ => {}
        }
        if is_row_date(v) {
            self.dates += 1;
        } else if money {
            self.money += 1;
            if money_marked(v) {
                self.money_marked += 1;
            }
        }
        self.text_len += v.chars().count();
        if is_card_cell(v) {
            self.four_digit += 1;
        }
        if self.distinct.len() <= 8 && !self.distinct.iter().any(|d| d == v) {
            self.distinct.push(v.to_string());
        }
        if is_currency_code(v) {
            self.currency_codes += 1;
        }
    }

    /// Mostly dates, on at least half the rows.
    fn is_date(&self) -> bool {
        self.non_empty > 0 && self.dates * 5 >= self.non_empty * 4 && self.dates * 2 >= self.rows
    }

    /// Every cell money, some of them marked as money (cents, a symbol, a sign).
    fn is_money(&self) -> bool {
        self.non_empty > 0
            && self.dates == 0
            && self.money == self.non_empty
            && self.money_marked > 0
    }

    /// The same long number on every row: the holder's account.
    fn is_holder_account(&self) -> bool {
        self.rows >= 2
            && self.constant
            && self.non_empty == self.rows
            && self.first.as_deref().is_some_and(|v| {
                v.chars().filter(char::is_ascii_digit).count() >= 6
                    && v.chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | 'X' | 'x' | '*'))
            })
    }

    /// Last-four numbers on every row, few of them: the card column.
    fn is_card(&self) -> bool {
        self.rows >= 2
            && self.non_empty == self.rows
            && self.four_digit == self.non_empty
            && self.distinct.len() <= (self.rows / 4).max(1)
    }
}

/// A cell a data row's date column may hold (a pending row's word included).
fn is_row_date(v: &str) -> bool {
    matches!(
        dates::parse(v),
        RawDate::Known(..) | RawDate::Open { .. } | RawDate::Pending
    )
}

/// Columns of a headerless file, from what their cells look like. Returns the
/// columns, the index of the first data record, and the line of a header whose
/// names are unknown (the columns are still read from content).
fn columns_from_content(
    records: &[(usize, Vec<String>)],
) -> Option<(Columns, usize, Option<usize>)> {
    let width = common_width(records)?;
    // Rows start at the first record of that width with a date in it: preamble lines
    // and a header in a language the table does not know stay out of the statistics.
    let is_date = |v: &str| matches!(dates::parse(v), RawDate::Known(..) | RawDate::Open { .. });
    let first_dated = records
        .iter()
        .position(|(_, r)| r.len() == width && r.iter().any(|v| is_date(v)))?;
    let mut stats: Vec<ColumnStats> = (0..width).map(|_| ColumnStats::new()).collect();
    let rows = records[first_dated..]
        .iter()
        .map(|(_, r)| r)
        .filter(|r| r.len() == width)
        .take(500);
    for r in rows {
        for (i, s) in stats.iter_mut().enumerate() {
            s.add(cell(r, i));
        }
    }
    let mut cols = Columns::default();
    let date = stats.iter().position(ColumnStats::is_date)?;
    cols.date = Some(date);
    money_columns_by_content(&stats, &mut cols);
    let free = |i: usize, cols: &Columns| {
        ![
            cols.date,
            cols.amount,
            cols.debit,
            cols.credit,
            cols.balance,
            cols.account,
            cols.card,
            cols.currency,
        ]
        .contains(&Some(i))
    };
    cols.account = (0..width).find(|&i| free(i, &cols) && stats[i].is_holder_account());
    cols.card = (0..width).find(|&i| free(i, &cols) && stats[i].is_card());
    cols.currency = (0..width).find(|&i| {
        let s = &stats[i];
        free(i, &cols) && s.non_empty > 0 && s.currency_codes == s.non_empty
    });
    // The description: the text column with the longest cells.
    cols.description = (0..width)
        .filter(|&i| {
            let s = &stats[i];
            free(i, &cols) && s.non_empty > 0 && s.dates == 0 && s.money < s.non_empty
        })
        .max_by_key(|&i| stats[i].text_len / stats[i].non_empty.max(1));
    // Data starts at the first record with a date in the date column.
    let start = records[first_dated..]
        .iter()
        .position(|(_, r)| r.len() >= 2 && is_row_date(cell(r, date)))
        .map_or(records.len(), |p| p + first_dated);
    Some((cols, start, unknown_header(records, start, width)))
}

/// The most common field count (2 or more) among the records.
fn common_width(records: &[(usize, Vec<String>)]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for (_, r) in records {
        if r.len() >= 2 {
            match counts.iter_mut().find(|(k, _)| *k == r.len()) {
                Some(c) => c.1 += 1,
                None => counts.push((r.len(), 1)),
            }
        }
    }
    counts.iter().max_by_key(|(k, c)| (*c, *k)).map(|&(w, _)| w)
}

/// Amount, or debit and credit, and balance among the money columns by content.
fn money_columns_by_content(stats: &[ColumnStats], cols: &mut Columns) {
    let money: Vec<usize> = (0..stats.len())
        .filter(|&i| Some(i) != cols.date && stats[i].is_money())
        .collect();
    let pair = money
        .windows(2)
        .find(|w| w[1] == w[0] + 1 && out_and_in(&stats[w[0]], &stats[w[1]]))
        .map(|w| (w[0], w[1]));
    let rest: Vec<usize> = money
        .iter()
        .copied()
        .filter(|c| pair.is_none_or(|(a, b)| *c != a && *c != b))
        .collect();
    match pair {
        Some((a, b)) => {
            cols.debit = Some(a);
            cols.credit = Some(b);
            cols.balance = rest
                .iter()
                .copied()
                .find(|&c| c > b)
                .or(rest.last().copied());
        }
        None => {
            cols.amount = rest.first().copied();
            if rest.len() >= 2 {
                cols.balance = rest.last().copied();
            }
        }
    }
}

/// Two money columns never active on the same row, each blank on some, together
/// covering most rows: money out and money in.
fn out_and_in(a: &ColumnStats, b: &ColumnStats) -> bool {
    let clash = a.active.iter().zip(&b.active).any(|(x, y)| *x && *y);
    let covered = a
        .active
        .iter()
        .zip(&b.active)
        .filter(|(x, y)| **x || **y)
        .count();
    let both_used = a.active.iter().any(|x| *x) || b.active.iter().any(|x| *x);
    let sparse = |s: &ColumnStats| s.active.iter().any(|x| !x);
    !clash && both_used && sparse(a) && sparse(b) && covered * 5 >= a.rows * 4
}

/// A line of names just above the rows, none of them a date or money: a header whose
/// names the table does not know.
fn unknown_header(records: &[(usize, Vec<String>)], start: usize, width: usize) -> Option<usize> {
    start
        .checked_sub(1)
        .and_then(|h| records.get(h))
        .filter(|(_, r)| {
            r.len() == width
                && r.iter().all(|v| {
                    matches!(dates::parse(v), RawDate::Empty | RawDate::Bad) && !money_shape(v)
                })
                && r.iter().filter(|v| !v.is_empty()).count() * 2 > width
        })
        .map(|(line, _)| *line)
}

/// A column of flag words (`CR`, `DEBIT`), by content.
fn find_flag_column(data: &[(usize, Vec<String>)], cols: &Columns) -> Option<usize> {
    let width = data.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let claimed = [
        cols.date,
        cols.amount,
        cols.debit,
        cols.credit,
        cols.balance,
        cols.description,
        cols.payee,
        cols.memo,
    ];
    (0..width).find(|&i| {
        if claimed.contains(&Some(i)) {
            return false;
        }
        let (mut words, mut other) = (0usize, 0usize);
        for (_, r) in data.iter().take(500) {
            let v = cell(r, i);
            if v.is_empty() {
                continue;
            }
            if columns::flag_word(v).is_some() {
                words += 1;
            } else {
                other += 1;
            }
        }
        words > 0 && words >= other * 4
    })
}

/// Decides the decimal separator from the money cells; when nothing tells, a comma in
/// semicolon files and a dot elsewhere.
fn sniff_decimal(
    data: &[(usize, Vec<String>)],
    money_cols: &[usize],
    delimiter: u8,
) -> DecimalSeparator {
    let (mut dot, mut comma) = (0usize, 0usize);
    for (_, r) in data.iter().take(1000) {
        for &c in money_cols {
            match decimal_evidence(cell(r, c)) {
                Some(DecimalSeparator::Dot) => dot += 1,
                Some(DecimalSeparator::Comma) => comma += 1,
                None => {}
            }
        }
    }
    // Semicolons are what comma-decimal locales use: their convention when no cell tells.
    if comma > dot || (comma == dot && delimiter == b';') {
        DecimalSeparator::Comma
    } else {
        DecimalSeparator::Dot
    }
}

/// `2226`, `**** 1234`, `XXXX1234`: a card's last four.
fn is_card_cell(v: &str) -> bool {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    digits == 4
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | 'X' | 'x' | ' ' | '•' | '-'))
}

/// Three capital letters: an ISO currency code.
pub(crate) fn is_currency_code(v: &str) -> bool {
    v.len() == 3 && v.chars().all(|c| c.is_ascii_uppercase())
}

/// A preamble line's key and value: `Account details for:,FRANK Account 666-…` or
/// `Currency: EUR` in one cell.
fn preamble_pair(cells: &[String]) -> Option<(PreambleKey, String)> {
    let non_empty: Vec<&str> = cells
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect();
    let (key, value) = match non_empty.as_slice() {
        [] => return None,
        [one] => {
            let (k, v) = one.split_once(':')?;
            (k.to_string(), v.trim().to_string())
        }
        [k, rest @ ..] => (k.to_string(), rest.join(" ")),
    };
    let (norm, _) = columns::header_key_and_currency(&key);
    // Balance keys may go on: `Ending balance as of 01/31/2026`.
    columns::PREAMBLE_KEYS
        .iter()
        .find(|(k, p)| {
            *k == norm
                || (*p == PreambleKey::ClosingBalance
                    && norm
                        .strip_prefix(k)
                        .is_some_and(|rest| rest.starts_with(' ')))
        })
        .map(|(_, p)| (*p, value))
}

/// The account number in a preamble value, as written: the run of tokens made of
/// digits, capitals and masks (`666-666666-666`, `DE44 2004 0000 0538 9176 00`).
pub(crate) fn account_token(value: &str) -> Option<String> {
    let ok = |t: &str| {
        t.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '*' | '•'))
            && t.chars().all(|c| {
                c.is_ascii_digit()
                    || c.is_ascii_uppercase()
                    || matches!(c, '-' | '*' | '•' | '.' | '/')
            })
    };
    let mut best: Option<String> = None;
    let mut run: Vec<&str> = Vec::new();
    let tokens: Vec<&str> = value.split_whitespace().collect();
    if !tokens.iter().any(|t| ok(t)) {
        return masked_in_word(value);
    }
    for (i, t) in tokens.iter().enumerate() {
        if ok(t) {
            run.push(t);
        }
        if !ok(t) || i + 1 == tokens.len() {
            let joined = run.join(" ");
            if joined.chars().filter(char::is_ascii_digit).count() >= 4
                && best.as_ref().is_none_or(|b| joined.len() > b.len())
            {
                best = Some(joined);
            }
            run.clear();
        }
    }
    best
}

/// A masked account number glued to words (`Business_****04567`, `Checking-XXXX1234`):
/// from the first mask character, two or more masks then two or more digits.
pub(crate) fn masked_in_word(value: &str) -> Option<String> {
    let is_mask = |c: char| matches!(c, '*' | '•' | 'X' | 'x');
    let chars: Vec<(usize, char)> = value.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_mask(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < chars.len() && is_mask(chars[j].1) {
            j += 1;
        }
        let masks = j - start;
        let mut k = j;
        while k < chars.len() && chars[k].1.is_ascii_digit() {
            k += 1;
        }
        let digits = k - j;
        // `x` alone is a word's letter (`Fedex`); a real mask is two or more, or stars.
        let real_mask = masks >= 2 || matches!(chars[start].1, '*' | '•');
        if real_mask && digits >= 2 && chars.get(k).is_none_or(|c| !c.1.is_alphanumeric()) {
            let end = chars.get(k).map_or(value.len(), |c| c.0);
            return Some(value[chars[start].0..end].to_string());
        }
        i = j.max(i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_numbers_glued_to_words() {
        assert_eq!(
            account_token("Business_****04567").as_deref(),
            Some("****04567")
        );
        assert_eq!(
            masked_in_word("Checking-XXXX1234").as_deref(),
            Some("XXXX1234")
        );
        assert_eq!(masked_in_word("Fedex 12"), None);
        assert_eq!(masked_in_word("Business Checking"), None);
        assert_eq!(
            account_token("FRANK Account 666-666666-666").as_deref(),
            Some("666-666666-666")
        );
    }
}
