//! One-to-one matching of a statement's transactions to QuickBooks' register rows:
//! which statement rows QuickBooks already has, which it lacks, and which no one can
//! tell without the user.
//!
//! A pair is a *candidate* when the amounts agree to the cent (a register may round a
//! bank's 3- or 5-decimal amount) and the dates lie within [`WINDOW_DAYS`] (QuickBooks
//! posts a bank feed's row on its own date, a hand entry on the receipt's). Candidates
//! are scored (days apart first, then how unlike the payees are: QuickBooks' bank rules
//! rename payees, so names only break ties) and taken best first, each row at most once.
//!
//! A statement row left over is *missing* when nothing could have been its partner, or
//! when every row that could have been is an identical copy of one that was taken (the
//! same date, amount and payee: a true duplicate, of which QuickBooks lacks one).
//! Otherwise, when a different statement row took its partner by a margin too thin to
//! trust, it goes *to review*: listed for the user, neither written nor dropped.
//!
//! Every statement row ends in exactly one of matched, missing, review, or outside (dated
//! before the register starts, so the register cannot say).

use crate::model::{Date, Money};
use crate::rules::days_between;

/// Days a register row's date may differ from the bank's.
pub const WINDOW_DAYS: i64 = 5;
/// Largest difference between amounts still taken as the same amount (one cent).
const ROUNDING: i64 = Money::SCALE / 100;
/// Score points per day apart.
const PER_DAY: i64 = 10;
/// Score margin under which the choice between two statement rows is not trusted.
const THIN_MARGIN: i64 = PER_DAY;

/// One row to match: its date, amount and payee (memo folded in when the payee is empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub date: Option<Date>,
    pub amount: Option<Money>,
    pub payee: String,
}

/// Where every statement row (and every unmatched register row) ended up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// (statement row, register row) pairs: QuickBooks has these.
    pub matched: Vec<(usize, usize)>,
    /// Statement rows QuickBooks lacks: the recovery file.
    pub missing: Vec<usize>,
    /// Statement rows only the user can decide.
    pub review: Vec<usize>,
    /// Statement rows dated before the register starts.
    pub outside: Vec<usize>,
    /// Register rows that double a matched one: (statement row, register row matched,
    /// register row that repeats it). QuickBooks holds that transaction twice.
    pub doubles: Vec<(usize, usize, usize)>,
}

/// Lower-case letters only, words kept: `AMZN Mktp US*2K4` → `amzn mktp us k`.
fn payee_key(p: &str) -> String {
    p.chars()
        .map(|c| {
            if c.is_alphabetic() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// 0 for alike payees, up to 8 for unrelated ones.
fn payee_penalty(a: &str, b: &str) -> i64 {
    if a.is_empty() || b.is_empty() {
        return 4;
    }
    let first = |s: &str| s.split(' ').next().unwrap_or("").to_string();
    if a.contains(&first(b)) || b.contains(&first(a)) {
        return 0;
    }
    let sim = strsim::jaro_winkler(a, b);
    ((1.0 - sim) * 8.0).round() as i64
}

/// Matches `stmt` rows to `reg` rows one to one (see the module's notes).
pub fn match_rows(stmt: &[Row], reg: &[Row]) -> Outcome {
    let mut out = Outcome::default();
    let skeys: Vec<String> = stmt.iter().map(|r| payee_key(&r.payee)).collect();
    let rkeys: Vec<String> = reg.iter().map(|r| payee_key(&r.payee)).collect();
    let reg_start = reg.iter().filter_map(|r| r.date).min();
    // Register rows by amount in cents, each bucket sorted by date, so a statement row
    // reads only the rows of its amount inside its date window (a register of a
    // thousand $5.00 coffees is not a thousand candidates per coffee).
    let cents = |m: Money| m.0.div_euclid(ROUNDING);
    let mut by_cents: std::collections::HashMap<i64, Vec<(Date, usize)>> = Default::default();
    for (j, r) in reg.iter().enumerate() {
        if let (Some(d), Some(a)) = (r.date, r.amount) {
            by_cents.entry(cents(a)).or_default().push((d, j));
        }
    }
    for bucket in by_cents.values_mut() {
        bucket.sort_unstable();
    }
    // Every candidate pair with its score.
    let mut pairs: Vec<(i64, usize, usize)> = Vec::new();
    let mut judged = vec![true; stmt.len()];
    for (i, s) in stmt.iter().enumerate() {
        let (Some(d), Some(a)) = (s.date, s.amount) else {
            judged[i] = false;
            out.review.push(i);
            continue;
        };
        if let Some(start) = reg_start {
            if days_between(d, start) > WINDOW_DAYS {
                judged[i] = false;
                out.outside.push(i);
                continue;
            }
        }
        let days_from = |rd: Date| days_between(d, rd);
        let c = cents(a);
        for k in [c - 1, c, c + 1] {
            let bucket = by_cents.get(&k).map(Vec::as_slice).unwrap_or(&[]);
            let first = bucket.partition_point(|&(rd, _)| days_from(rd) < -WINDOW_DAYS);
            for &(rd, j) in &bucket[first..] {
                let days = days_from(rd);
                if days > WINDOW_DAYS {
                    break;
                }
                let Some(ra) = reg[j].amount else { continue };
                let diff = (ra.0 - a.0).abs();
                if diff > ROUNDING {
                    continue;
                }
                let score = days.abs() * PER_DAY
                    + i64::from(diff != 0) * 2
                    + payee_penalty(&skeys[i], &rkeys[j]);
                pairs.push((score, i, j));
            }
        }
    }
    pairs.sort_unstable();
    // Each statement row's candidates (best first), so the thin-margin question below
    // reads its own few pairs instead of every pair: linear in rows, not quadratic.
    let mut candidates: Vec<Vec<(i64, usize)>> = vec![Vec::new(); stmt.len()];
    for &(score, i, j) in &pairs {
        candidates[i].push((score, j));
    }
    let mut s_to: Vec<Option<(usize, i64)>> = vec![None; stmt.len()];
    let mut r_to: Vec<Option<usize>> = vec![None; reg.len()];
    for &(score, i, j) in &pairs {
        if s_to[i].is_none() && r_to[j].is_none() {
            s_to[i] = Some((j, score));
            r_to[j] = Some(i);
        }
    }
    let same = |i: usize, k: usize| {
        stmt[i].date == stmt[k].date && stmt[i].amount == stmt[k].amount && skeys[i] == skeys[k]
    };
    for i in 0..stmt.len() {
        if !judged[i] {
            continue;
        }
        if let Some((j, _)) = s_to[i] {
            out.matched.push((i, j));
            continue;
        }
        // Could this row have had a partner that another, different row took by a
        // thin margin?
        let thin = candidates[i].iter().any(|&(score, j)| {
            r_to[j].is_some_and(|k| {
                !same(i, k) && s_to[k].is_some_and(|(_, ks)| score - ks < THIN_MARGIN)
            })
        });
        if thin {
            out.review.push(i);
        } else {
            out.missing.push(i);
        }
    }
    // Register rows left over that repeat a matched row (same amount, within the window
    // of the statement row): QuickBooks holds that transaction twice.
    let mut doubled = vec![false; reg.len()];
    for &(_, i, j) in &pairs {
        if r_to[j].is_none() && !doubled[j] {
            if let Some((k, _)) = s_to[i] {
                doubled[j] = true;
                out.doubles.push((i, k, j));
            }
        }
    }
    out.review.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(d: &str, a: &str, p: &str) -> Row {
        Row {
            date: d.parse().ok(),
            amount: Money::parse_plain(a),
            payee: p.into(),
        }
    }

    #[test]
    fn one_to_one_with_duplicates_and_review() {
        let stmt = [
            row("2026-11-01", "-5.00", "Coffee"),
            row("2026-11-01", "-5.00", "Coffee"),
            row("2026-11-08", "-50.00", "ATM"),
            row("2026-11-12", "-50.00", "ATM"),
            row("2026-11-20", "-12.345", "AMZN Mktp"),
        ];
        let reg = [
            row("2026-11-02", "-5.00", "Coffee"),
            row("2026-11-10", "-50.00", "Cash"),
            row("2026-11-21", "-12.35", "Amazon"),
        ];
        let o = match_rows(&stmt, &reg);
        assert_eq!(o.matched.len(), 3, "{o:?}");
        // One coffee is missing (a true duplicate), the ATM choice is the user's.
        assert_eq!(o.missing, [1]);
        assert_eq!(o.review.len(), 1);
        assert!(o.doubles.is_empty());
    }

    #[test]
    fn register_doubles_and_outside() {
        let stmt = [
            row("2026-10-01", "-9.00", "Old"),
            row("2026-11-05", "-20.00", "Gas"),
        ];
        let reg = [
            row("2026-11-05", "-20.00", "Gas"),
            row("2026-11-06", "-20.00", "Gas"),
        ];
        let o = match_rows(&stmt, &reg);
        assert_eq!(o.outside, [0]);
        assert_eq!(o.doubles, [(1, 0, 1)]);
    }
}
