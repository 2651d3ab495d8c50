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
use crate::model::{Date, Severity, Statement, Transaction};

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
    // Each active day once, with its first row by (line, row): a map of the few distinct
    // days, not a sorted copy of every row (a million rows are a few hundred days).
    let mut first: std::collections::BTreeMap<Date, (u32, u32)> = Default::default();
    for (i, t) in s.transactions.facts().enumerate() {
        let Some(d) = t.date.filter(|_| !t.pending) else {
            continue;
        };
        // A date after "today" is a typo or a pending item, not activity.
        if today.is_some_and(|today| d > today) {
            continue;
        }
        let key = (t.line, i as u32);
        first
            .entry(d)
            .and_modify(|k| *k = (*k).min(key))
            .or_insert(key);
    }
    let days: Vec<(Date, Transaction<'_>)> = first
        .into_iter()
        .filter_map(|(d, (_, i))| Some((d, s.transactions.get(i as usize)?)))
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
}
