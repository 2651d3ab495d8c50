//! The running-balance identity: in a statement with a balance column, each row's
//! balance is the previous balance plus the row's amount (or, where a bank writes the
//! balance *before* the row, the balance before plus the amount is the next row's
//! balance before), in whichever order the rows run. Where it holds row after row it
//! says, without trusting a header, which column is the balance, which the amount and
//! which sign the amount has; where no column pair satisfies it and the money columns
//! drift smoothly day after day, the file holds balances, not transactions.
//!
//! Kept apart from the layout sniffing so the choice is one function with its tests.

use super::layout::{cell, Columns};
use crate::formats::text::{parse_amount, DecimalSeparator};
use crate::model::Money;

/// Data rows the identity is tried on (the sniffed prefix holds at most this many).
const SAMPLE: usize = 500;

/// Row comparisons needed before the identity can decide anything.
const MIN_COMPARED: usize = 3;

/// Where an amount comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AmountSource {
    /// One signed column.
    Column(usize),
    /// Money out and money in columns: amount = in − out.
    DebitCredit { debit: usize, credit: usize },
}

/// How well one choice of columns satisfies the identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fit {
    pub amount: AmountSource,
    pub balance: usize,
    /// The amount as written is money out (−1 means it must be negated).
    pub sign: i64,
    /// Comparisons made and those that held.
    pub compared: usize,
    pub held: usize,
    /// The variant that held: rows walked bottom up, balance written before the row.
    pub reversed: bool,
    pub before: bool,
}

impl Fit {
    /// The share of comparisons that held, in percent.
    pub fn percent(&self) -> usize {
        self.held * 100 / self.compared.max(1)
    }

    /// Decided: enough comparisons, and nearly all of them held.
    pub fn holds(&self) -> bool {
        self.compared >= MIN_COMPARED && self.percent() >= 90
    }
}

fn money(row: &[String], col: usize, decimal: DecimalSeparator) -> Option<Money> {
    parse_amount(cell(row, col), decimal)
}

/// A row's amount from `source` (unsigned debit/credit cells are taken by their
/// column); `None` when the row has none.
fn amount_of(row: &[String], source: AmountSource, decimal: DecimalSeparator) -> Option<i64> {
    match source {
        AmountSource::Column(c) => money(row, c, decimal).map(|m| m.0),
        AmountSource::DebitCredit { debit, credit } => {
            let d = money(row, debit, decimal);
            let c = money(row, credit, decimal);
            if d.is_none() && c.is_none() {
                return None;
            }
            Some(c.map_or(0, |m| m.abs().0) - d.map_or(0, |m| m.abs().0))
        }
    }
}

/// The identity for one choice of columns, tried both ways round (rows oldest first or
/// newest first), balance after or before, amount as written or negated: the variant
/// that holds most often. Rows with an empty balance cell are carried: the next
/// balance must equal the last one plus every amount since.
pub(crate) fn fit(
    data: &[(usize, Vec<String>)],
    amount: AmountSource,
    balance: usize,
    decimal: DecimalSeparator,
    newest_first: Option<bool>,
) -> Fit {
    let rows: Vec<(usize, Option<Money>, Option<Money>)> = data
        .iter()
        .take(SAMPLE)
        .map(|(line, r)| {
            (
                *line,
                amount_of(r, amount, decimal).map(Money),
                money(r, balance, decimal),
            )
        })
        .collect();
    let mut best: Option<Fit> = None;
    // Rows newest first with the balance after each row are, read top down, the balance
    // before with the sign turned: only the dates tell the two apart (and so whether
    // the amounts as written are money out), so a variant is named the way the rows
    // run when the dates say which way that is. Each is checked by the same top-down
    // walk the reader runs on every row.
    let ways: &[bool] = match newest_first {
        Some(true) => &[true],
        Some(false) => &[false],
        None => &[false, true],
    };
    for &reversed in ways {
        for before in [false, true] {
            for sign in [1i64, -1] {
                let mut walk = BalanceWalk::new(RunningBalance::top_down(reversed, before, sign));
                for &(line, a, b) in &rows {
                    walk.row(line, a, b);
                }
                let f = Fit {
                    amount,
                    balance,
                    sign,
                    compared: walk.compared,
                    held: walk.compared - walk.broken,
                    reversed,
                    before,
                };
                if best.as_ref().is_none_or(|b| f.held > b.held) {
                    best = Some(f);
                }
            }
        }
    }
    best.unwrap_or(Fit {
        amount,
        balance,
        sign: 1,
        compared: 0,
        held: 0,
        reversed: false,
        before: false,
    })
}

/// Whether the rows run newest first (`Some(true)`), oldest first, or neither clearly.
pub(crate) fn newest_first(data: &[(usize, Vec<String>)], date: Option<usize>) -> Option<bool> {
    use super::dates::{parse, DateOrder};
    let date = date?;
    let (mut up, mut down) = (0usize, 0usize);
    for order in [DateOrder::Ymd, DateOrder::Mdy, DateOrder::Dmy] {
        let days: Vec<_> = data
            .iter()
            .take(SAMPLE)
            .filter_map(|(_, r)| parse(cell(r, date)).resolve(order))
            .collect();
        let (u, d) = days.windows(2).fold((0, 0), |(u, d), w| {
            (u + usize::from(w[1] > w[0]), d + usize::from(w[1] < w[0]))
        });
        if u + d > up + down {
            (up, down) = (u, d);
        }
    }
    match up.cmp(&down) {
        std::cmp::Ordering::Greater => Some(false),
        std::cmp::Ordering::Less => Some(true),
        std::cmp::Ordering::Equal => None,
    }
}

/// Columns whose cells are money: most non-empty cells parse as amounts.
pub(crate) fn money_columns(
    data: &[(usize, Vec<String>)],
    cols: &Columns,
    decimal: DecimalSeparator,
) -> Vec<usize> {
    let width = data
        .iter()
        .take(SAMPLE)
        .map(|(_, r)| r.len())
        .max()
        .unwrap_or(0);
    (0..width)
        .filter(|&c| Some(c) != cols.date)
        .filter(|&c| {
            let (mut n, mut m) = (0usize, 0usize);
            for (_, r) in data.iter().take(SAMPLE) {
                let v = cell(r, c).trim();
                if v.is_empty() {
                    continue;
                }
                n += 1;
                // Not a date, not a long id: money has at most 12 digits before cents.
                if v.chars().filter(char::is_ascii_digit).count() <= 14
                    && parse_amount(v, decimal).is_some()
                {
                    m += 1;
                }
            }
            n >= MIN_COMPARED && m * 10 >= n * 9
        })
        .collect()
}

/// The best choice of amount and balance columns by the identity, among the money
/// columns (and the debit/credit pair the layout found). `None` when nothing holds.
pub(crate) fn best_fit(
    data: &[(usize, Vec<String>)],
    cols: &Columns,
    decimal: DecimalSeparator,
) -> Option<Fit> {
    let money = money_columns(data, cols, decimal);
    let mut sources: Vec<AmountSource> = money.iter().map(|&c| AmountSource::Column(c)).collect();
    if let (Some(debit), Some(credit)) = (cols.debit, cols.credit) {
        sources.push(AmountSource::DebitCredit { debit, credit });
    }
    let mut best: Option<Fit> = None;
    for &source in &sources {
        for &balance in &money {
            let uses = |c: usize| match source {
                AmountSource::Column(a) => a == c,
                AmountSource::DebitCredit { debit, credit } => debit == c || credit == c,
            };
            if uses(balance) {
                continue;
            }
            let f = fit(
                data,
                source,
                balance,
                decimal,
                newest_first(data, cols.date),
            );
            if f.holds()
                && best
                    .as_ref()
                    .is_none_or(|b| (f.held, f.percent()) > (b.held, b.percent()))
            {
                best = Some(f);
            }
        }
    }
    best
}

/// The layout's own choice, tried: its amount (or debit/credit pair) against its balance.
pub(crate) fn current_fit(
    data: &[(usize, Vec<String>)],
    cols: &Columns,
    decimal: DecimalSeparator,
) -> Option<Fit> {
    let balance = cols.balance?;
    let source = match (cols.amount, cols.debit, cols.credit) {
        (Some(a), _, _) => AmountSource::Column(a),
        (None, Some(debit), Some(credit)) => AmountSource::DebitCredit { debit, credit },
        _ => return None,
    };
    Some(fit(
        data,
        source,
        balance,
        decimal,
        newest_first(data, cols.date),
    ))
}

/// The running-balance identity in file order, as the reader checks it on every row
/// of the file (the sniffed prefix only chose it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunningBalance {
    /// Each row's balance is written before its amount (else after it).
    pub before: bool,
    /// −1: the amounts as the reader reads them must be turned round for the identity.
    pub sign: i64,
}

impl RunningBalance {
    /// From a fit's variant. Read top down, rows that hold bottom up with the balance
    /// after each row hold with the balance before and the sign turned (and the other
    /// way round), so one top-down walk checks every variant.
    fn top_down(reversed: bool, before: bool, sign: i64) -> RunningBalance {
        if reversed {
            RunningBalance {
                before: !before,
                sign: -sign,
            }
        } else {
            RunningBalance { before, sign }
        }
    }
}

/// The identity checked on every row as the rows stream past, in constant memory:
/// the last balance and the amounts since it (a blank balance cell is carried).
#[derive(Clone, Debug)]
pub(crate) struct BalanceWalk {
    identity: RunningBalance,
    last: Option<i64>,
    pending: i64,
    /// Comparisons made, and those that broke.
    pub compared: usize,
    pub broken: usize,
    /// The first lines where it broke (at most [`BalanceWalk::KEPT`]).
    pub breaks: Vec<usize>,
}

impl BalanceWalk {
    /// Break lines kept to be named; the rest are counted.
    pub const KEPT: usize = 5;

    pub fn new(identity: RunningBalance) -> BalanceWalk {
        BalanceWalk {
            identity,
            last: None,
            pending: 0,
            compared: 0,
            broken: 0,
            breaks: Vec::new(),
        }
    }

    /// One data row: its amount as read (`None` counts as nothing) and its balance cell.
    pub fn row(&mut self, line: usize, amount: Option<Money>, balance: Option<Money>) {
        // The sign is ±1: a negation, not a multiply (an i64 saturating multiply is a
        // 128-bit library call in wasm, on every row).
        let a = amount.map_or(0, |m| m.0);
        let a = if self.identity.sign < 0 {
            a.saturating_neg()
        } else {
            a
        };
        if !self.identity.before {
            self.pending = self.pending.saturating_add(a);
        }
        if let Some(b) = balance {
            if let Some(prev) = self.last {
                self.compared += 1;
                if prev.saturating_add(self.pending) != b.0 {
                    self.broken += 1;
                    if self.breaks.len() < Self::KEPT {
                        self.breaks.push(line);
                    }
                }
            }
            self.last = Some(b.0);
            self.pending = 0;
        }
        if self.identity.before {
            self.pending = self.pending.saturating_add(a);
        }
    }
}

/// What the identity decided for a layout.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Decision {
    /// The amounts as written are money out: negate them.
    pub negate: bool,
    /// The file holds balances, not transactions.
    pub balances_only: bool,
    /// The identity the sniffed rows satisfy, for the reader to check on every row.
    pub running: Option<RunningBalance>,
}

/// Chooses the amount and balance columns by the identity (changing `cols` only when
/// the layout's own choice does not hold and another does), or decides the file holds
/// balances only. `from_content`: the columns were read from content (no header the
/// table knows); `names`: the header's cells when there is one.
pub(crate) fn decide(
    data: &[(usize, Vec<String>)],
    cols: &mut Columns,
    decimal: DecimalSeparator,
    from_content: bool,
    names: Option<&[String]>,
) -> Decision {
    let mut out = Decision::default();
    let current = current_fit(data, cols, decimal);
    let chosen = match current {
        Some(f) if f.holds() => Some(f),
        _ => {
            let better = best_fit(data, cols, decimal);
            if let Some(f) = &better {
                match f.amount {
                    AmountSource::Column(a) => {
                        cols.amount = Some(a);
                        cols.debit = None;
                        cols.credit = None;
                    }
                    AmountSource::DebitCredit { .. } => cols.amount = None,
                }
                cols.balance = Some(f.balance);
            }
            better
        }
    };
    if let Some(f) = chosen {
        // A negated debit/credit pair is a pair named the wrong way round.
        match f.amount {
            AmountSource::DebitCredit { debit, credit } if f.sign < 0 => {
                cols.debit = Some(credit);
                cols.credit = Some(debit);
            }
            AmountSource::Column(_) => out.negate = f.sign < 0,
            AmountSource::DebitCredit { .. } => {}
        }
        // The reader's amounts before any negation: a swapped pair already reads
        // them turned round.
        let sign = match f.amount {
            AmountSource::DebitCredit { .. } => 1,
            AmountSource::Column(_) => f.sign,
        };
        out.running = Some(RunningBalance::top_down(f.reversed, f.before, sign));
        return out;
    }
    out.balances_only = from_content && looks_like_balance_history(data, cols, decimal, names);
    if out.balances_only {
        cols.balance = cols.amount.or(cols.balance);
        cols.amount = None;
        cols.debit = None;
        cols.credit = None;
    }
    out
}

/// A file of balances: no text column, and the money column either named a balance
/// or drifting day by day (one row a day, steps small beside the values).
fn looks_like_balance_history(
    data: &[(usize, Vec<String>)],
    cols: &Columns,
    decimal: DecimalSeparator,
    names: Option<&[String]>,
) -> bool {
    if cols.description.is_some() || cols.payee.is_some() || cols.memo.is_some() {
        return false;
    }
    let Some(col) = cols.amount.or(cols.balance) else {
        return false;
    };
    let named = names.is_some_and(|n| {
        let name = cell(n, col).to_lowercase();
        ["balance", "saldo", "solde", "kontostand"]
            .iter()
            .any(|w| name.contains(w))
    });
    if named {
        return true;
    }
    let values: Vec<i64> = data
        .iter()
        .take(SAMPLE)
        .filter_map(|(_, r)| money(r, col, decimal).map(|m| m.0))
        .collect();
    if values.len() < 5 {
        return false;
    }
    let mut steps: Vec<i64> = values
        .windows(2)
        .map(|w| w[1].saturating_sub(w[0]).saturating_abs())
        .collect();
    let mut sizes: Vec<i64> = values.iter().map(|v| v.saturating_abs()).collect();
    steps.sort_unstable();
    sizes.sort_unstable();
    let median = |v: &[i64]| v[v.len() / 2];
    // Balances move by a little of themselves; a day without activity repeats.
    median(&steps).saturating_mul(4) <= median(&sizes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<(usize, Vec<String>)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 2, l.split(',').map(str::to_string).collect()))
            .collect()
    }

    #[test]
    fn the_identity_finds_balance_amount_and_sign() {
        // date, balance, amount (money out written positive), newest first.
        let data = rows(&[
            "2026-11-05,900.00,100.00",
            "2026-11-04,1000.00,50.00",
            "2026-11-03,1050.00,-200.00",
            "2026-11-02,850.00,25.00",
            "2026-11-01,875.00,0.00",
        ]);
        let cols = Columns {
            date: Some(0),
            ..Columns::default()
        };
        let f = best_fit(&data, &cols, DecimalSeparator::Dot).unwrap();
        assert_eq!(f.amount, AmountSource::Column(2));
        assert_eq!(f.balance, 1);
        assert_eq!(f.sign, -1);
        assert_eq!(f.held, f.compared, "no row breaks: {f:?}");
    }

    #[test]
    fn balance_before_and_blank_balances_are_carried() {
        // Balance before each row, oldest first; the middle balance is blank.
        let data = rows(&[
            "2026-11-01,-10.00,100.00",
            "2026-11-02,-20.00,",
            "2026-11-03,5.00,70.00",
            "2026-11-04,1.00,75.00",
            "2026-11-05,-3.00,76.00",
        ]);
        let f = fit(
            &data,
            AmountSource::Column(1),
            2,
            DecimalSeparator::Dot,
            Some(false),
        );
        assert!(f.holds(), "{f:?}");
        assert_eq!(f.compared, 3);
    }
}
