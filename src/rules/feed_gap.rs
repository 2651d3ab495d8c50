//! `feed_gap` (warning): a statement with regular activity goes silent far longer than
//! its own usual gap, or ends long before it was downloaded. When a bank changes its
//! systems the feed often just stops: downloads "succeed" with nothing new, then fail
//! with Error 324.
//!
//! The rhythm is the statement's own: the median gap between days with transactions.
//! A silence counts when it is at least [`MIN_SILENCE_DAYS`] and [`RHYTHM_FACTOR`] times
//! that median. The end of the statement is judged against its download date (`DTSERVER`),
//! or its period end when that is earlier; never against today's date, since an old
//! file checked today is not a stopped feed.

use super::{
    days_between, statement_account_words, statement_evidence, transaction_evidence, Context,
    Findings, Trigger,
};
use super::{Code, Needs};
use crate::model::{day_number, Date, RowFacts, Severity, Statement, Transaction, Transactions};

/// `feed_gap`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::FeedGap,
    severity: Severity::Warning,
    fix_steps: &[1],
    title: "Transactions that stopped coming",
    needs: Needs::Statement,
    clear: "No statement shows its transactions stopping.",
};

/// A statement needs this many distinct activity days to have a rhythm.
pub const MIN_ACTIVE_DAYS: usize = 8;
/// No silence shorter than this is reported, however busy the account.
pub const MIN_SILENCE_DAYS: i64 = 21;
/// A silence must be this many times the usual gap.
pub const RHYTHM_FACTOR: i64 = 6;

/// Runs the `feed_gap` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    for s in ctx.statements {
        check_one(s, ctx.today, out);
    }
}

fn check_one(s: &Statement, today: Option<Date>, out: &mut Findings) {
    let days: Vec<(Date, Transaction<'_>)> = first_of_each_day(&s.transactions, today)
        .into_iter()
        .filter_map(|i| {
            let t = s.transactions.get(i as usize)?;
            Some((t.date?, t))
        })
        .collect();
    if days.len() < MIN_ACTIVE_DAYS {
        return;
    }
    let mut gaps: Vec<(i64, usize)> = days
        .windows(2)
        .enumerate()
        .map(|(k, w)| (days_between(w[0].0, w[1].0), k))
        .collect();
    let mut sorted: Vec<i64> = gaps.iter().map(|g| g.0).collect();
    sorted.sort_unstable();
    let Some(&median) = sorted.get(sorted.len() / 2) else {
        return;
    };
    let threshold = (median.max(1) * RHYTHM_FACTOR).max(MIN_SILENCE_DAYS);
    let what = statement_account_words(s);
    // The longest silence inside the statement.
    gaps.sort_by_key(|(g, k)| (std::cmp::Reverse(*g), *k));
    if let Some(&(gap, k)) = gaps.first().filter(|(g, _)| *g >= threshold) {
        if let (Some(before), Some(after)) = (days.get(k), days.get(k + 1)) {
            let title = format!("{gap} days without a transaction on the {what}");
            let detail = format!(
                "In {} the account usually has activity {}, but nothing \
                 posted from {} to {}. A feed that falls silent like this is often the first \
                 sign of a change at the bank that ends in Error 324. Refresh the bank \
                 connection (see the plan) and compare with the bank's own website.",
                s.file,
                rhythm(median),
                before.0,
                after.0
            );
            let mut f = TRIGGER.finding(confidence(gap, threshold), title, detail);
            f.statement = Some(s.file.clone());
            f.evidence = vec![
                transaction_evidence(s, &before.1),
                transaction_evidence(s, &after.1),
            ];
            out.push(f);
        }
    }
    // The end: last activity long before the file was made.
    let end = match (s.period_end, s.download_date) {
        (Some(p), Some(d)) => Some(p.min(d)),
        (p, d) => p.or(d),
    };
    let (Some(end), Some(last)) = (end, days.last()) else {
        return;
    };
    let silence = days_between(last.0, end);
    if silence < threshold {
        return;
    }
    let title = format!("The {what} has no transactions for its last {silence} days");
    let detail = format!(
        "{} was produced on {end}, but its last transaction is from {}, {silence} days \
         earlier, while the account usually has activity {}. When a bank \
         feed stops, downloads return nothing new until they fail with Error 324. Refresh the \
         bank connection (see the plan) and check the bank's website for newer \
         transactions.",
        s.file,
        last.0,
        rhythm(median)
    );
    // Less sure than a silence inside the statement: a card statement is often downloaded
    // weeks after its cycle closed, and a period that starts where it ends says little.
    let real_period = matches!((s.period_start, s.period_end), (Some(a), Some(b)) if a < b);
    let cap = if real_period { 75 } else { 60 };
    let mut f = TRIGGER.finding(confidence(silence, threshold).min(cap), title, detail);
    f.statement = Some(s.file.clone());
    f.evidence = vec![transaction_evidence(s, &last.1), statement_evidence(s)];
    out.push(f);
}

/// The day number of a row that counts as activity: dated, not pending, and not after
/// `today` (a later date is a typo or a pending item; `u32::MAX` stands for no today).
fn active_day(t: &RowFacts, today: u32) -> Option<u32> {
    let d = day_number(t.date.filter(|_| !t.pending)?);
    (d <= today).then_some(d)
}

/// Day numbers of one table slot each at most: 128 years, 512 KB of slots. A statement
/// spans a few years; a wider span (a typo'd year) takes the map instead.
const MAX_TABLE_DAYS: u32 = 1 << 16;

/// Each active day's first row by (line, row), in the order of the days.
fn first_of_each_day(txs: &Transactions, today: Option<Date>) -> Vec<u32> {
    let today_n = today.map_or(u32::MAX, day_number);
    let (lo, hi) = txs
        .facts()
        .filter_map(|t| active_day(&t, today_n))
        .fold((u32::MAX, 0), |(lo, hi), d| (lo.min(d), hi.max(d)));
    if lo > hi {
        return Vec::new();
    }
    if hi - lo < MAX_TABLE_DAYS {
        first_by_table(txs, today_n, lo, hi)
    } else {
        first_by_map(txs, today)
    }
}

/// [`first_of_each_day`] for days numbered `lo..=hi`: a slot per day number, so each row
/// costs an index and a compare, not a search of a map (a million rows are a few
/// hundred days, but rarely in order: a statement interleaves its days).
fn first_by_table(txs: &Transactions, today: u32, lo: u32, hi: u32) -> Vec<u32> {
    // (line, row) as one u64, `line << 32 | row`: one compare, in the same order.
    const NONE: u64 = u64::MAX;
    let mut first = vec![NONE; (hi - lo) as usize + 1];
    // for_each: one loop per block of rows, not the flattened iterator resumed per row.
    txs.facts().enumerate().for_each(|(i, t)| {
        let slot = active_day(&t, today).and_then(|d| first.get_mut((d - lo) as usize));
        if let Some(slot) = slot {
            *slot = (*slot).min((u64::from(t.line) << 32) | u64::from(i as u32));
        }
    });
    first
        .into_iter()
        .filter(|&k| k != NONE)
        .map(|k| k as u32)
        .collect()
}

/// [`first_of_each_day`] for any dates: a map of the few distinct days.
fn first_by_map(txs: &Transactions, today: Option<Date>) -> Vec<u32> {
    let mut first: std::collections::BTreeMap<Date, (u32, u32)> = Default::default();
    for (i, t) in txs.facts().enumerate() {
        let Some(d) = t.date.filter(|_| !t.pending) else {
            continue;
        };
        if today.is_some_and(|today| d > today) {
            continue;
        }
        let key = (t.line, i as u32);
        first
            .entry(d)
            .and_modify(|k| *k = (*k).min(key))
            .or_insert(key);
    }
    first.into_values().map(|(_, i)| i).collect()
}

/// `every day`, `every 3 days`.
fn rhythm(median: i64) -> String {
    if median <= 1 {
        "every day".to_string()
    } else {
        format!("every {median} days")
    }
}

fn confidence(gap: i64, threshold: i64) -> u8 {
    let ratio = gap.saturating_mul(10) / threshold.max(1);
    u8::try_from((50 + ratio * 2).min(85)).unwrap_or(85)
}

#[cfg(test)]
mod tests {
    use crate::model::AccountKind::*;
    use crate::rules::testutil::*;

    fn busy(days: &[u32]) -> crate::model::Statement {
        let mut s = statement("chk.qbo", "000123454321", Checking);
        for (n, d) in days.iter().enumerate() {
            let date = format!("2026-{:02}-{:02}", 1 + (d - 1) / 28, 1 + (d - 1) % 28);
            txn(
                &mut s,
                &date,
                "-5.00",
                "Coffee",
                &format!("F{n}"),
                30 + n as u32,
            );
        }
        s
    }

    #[test]
    fn silence_against_its_own_rhythm() {
        // Every other day, then six weeks of nothing.
        let s = busy(&[1, 3, 5, 7, 9, 11, 13, 15, 17, 61, 63, 65]);
        assert_eq!(codes(&run(None, &[s], None)), ["feed_gap"]);
        // Steady every other day: nothing to say.
        let s = busy(&[1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23]);
        assert!(run(None, &[s], None).is_empty());
    }

    #[test]
    fn stops_long_before_download() {
        let mut s = busy(&[1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
        s.download_date = "2026-03-15".parse().ok();
        assert_eq!(codes(&run(None, &[s.clone()], None)), ["feed_gap"]);
        s.download_date = "2026-01-25".parse().ok();
        assert!(run(None, &[s], None).is_empty());
    }

    /// The day table and the map pick the same first row of each day, whatever the
    /// order, spread, lines, pending rows and dates after today.
    #[test]
    fn day_table_matches_map() {
        use super::*;
        use proptest::prelude::*;
        let date = prop_oneof![
            // Dates of one busy year, and dates centuries apart (typo'd years).
            (2025i16..=2026, 1i8..=12, 1i8..=31),
            (1900i16..=2200, 1i8..=12, 1i8..=31),
        ]
        .prop_map(|(y, m, d)| Date::new(y, m, d.min(28)).ok());
        let row = (prop::option::weighted(0.9, date), any::<bool>(), 0u32..50);
        let case = (
            prop::collection::vec(row, 0..200),
            prop::option::of((2025i16..=2026, 1i8..=12, 1i8..=28)),
            any::<bool>(),
        );
        proptest!(ProptestConfig::with_cases(2000), |((rows, today, narrow) in case)| {
            let mut txs = Transactions::new();
            for (date, pending, line) in rows {
                // Narrow: no far dates, so the table is taken (the map is the reference).
                let date = date.flatten().filter(|d| !narrow || d.year() >= 2025);
                txs.push(Transaction {
                    date,
                    amount: None,
                    payee: "",
                    memo: "",
                    fitid: "",
                    account_last4: None,
                    pending: pending && line % 5 == 0,
                    line,
                });
            }
            let today = today.and_then(|(y, m, d)| Date::new(y, m, d).ok());
            let expected = first_by_map(&txs, today);
            prop_assert_eq!(first_of_each_day(&txs, today), expected.clone());
            // The table over a span wider than the rule takes it for, too.
            let today_n = today.map_or(u32::MAX, day_number);
            let (lo, hi) = (day_number(date_of(1900, 1, 1)), day_number(date_of(2200, 12, 31)));
            prop_assert_eq!(first_by_table(&txs, today_n, lo, hi), expected);
        });
    }

    fn date_of(y: i16, m: i8, d: i8) -> crate::model::Date {
        crate::model::Date::new(y, m, d).expect("a valid date")
    }
}
