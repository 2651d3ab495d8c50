//! `duplicate_transactions` (info): one statement repeats a `FITID`, or (for rows
//! without one) has identical date + amount + description rows. Reconnecting a feed
//! often leaves such doubles behind; they are worth a look, not a cause of 324.
//!
//! Rows with distinct FITIDs are distinct transactions by the bank's word (two coffees
//! of the same price on one day), so only rows without a FITID are compared by content.

use std::collections::HashMap;

use super::{transaction_evidence, Context, Findings, Trigger};
use crate::model::{Date, Last4, Money, Severity, Statement};

/// `duplicate_transactions`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: "duplicate_transactions",
    severity: Severity::Info,
    fix_steps: &[],
};

/// At most this many repeated transactions are shown as evidence.
const MAX_EVIDENCE: usize = 6;

/// Runs the `duplicate_transactions` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    for s in ctx.statements {
        check_one(s, out);
    }
}

fn check_one(s: &Statement, out: &mut Findings) {
    // Row indices grouped by FITID, and (for rows without one) by content.
    let mut by_fitid: HashMap<&str, Vec<usize>> = HashMap::new();
    // Rows of different cards (a card-number column) are never doubles of each other.
    type Content = (Date, Money, Option<Last4>, String);
    let mut by_content: HashMap<Content, Vec<usize>> = HashMap::new();
    for (i, t) in s.transactions.iter().enumerate() {
        let fitid = t.fitid.trim();
        if !fitid.is_empty() {
            by_fitid.entry(fitid).or_default().push(i);
        } else if let (Some(d), Some(a)) = (t.date, t.amount) {
            let desc = format!("{} {}", t.payee, t.memo)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            by_content
                .entry((d, a, t.account_last4, desc))
                .or_default()
                .push(i);
        }
    }
    // Sorted by first row, so the output never depends on hash order.
    let mut fitid_groups: Vec<Vec<usize>> =
        by_fitid.into_values().filter(|g| g.len() > 1).collect();
    let mut content_groups: Vec<Vec<usize>> =
        by_content.into_values().filter(|g| g.len() > 1).collect();
    fitid_groups.sort_unstable();
    content_groups.sort_unstable();
    for (groups, by_id) in [(fitid_groups, true), (content_groups, false)] {
        if groups.is_empty() {
            continue;
        }
        let extra: usize = groups.iter().map(|g| g.len() - 1).sum();
        let title = if by_id {
            format!(
                "{} gives {} transaction ID{} to more than one transaction",
                s.file,
                crate::report::words::count(groups.len()),
                if groups.len() == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{} has {} transaction{} identical to another",
                s.file,
                crate::report::words::count(extra),
                if extra == 1 { "" } else { "s" }
            )
        };
        let detail = if by_id {
            format!(
                "The bank gave the same transaction ID (its own label for each \
                 transaction) to {} more row{} than it has transactions. QuickBooks skips a transaction whose ID it has seen, so a \
                 repeat either hides a real transaction or is a double left after a \
                 reconnect. Compare these rows with the bank's website before accepting them.",
                crate::report::words::count(extra),
                if extra == 1 { "" } else { "s" }
            )
        } else {
            "These rows have the same date, amount and description. They may be genuine (two \
             equal purchases on one day) or doubles left by a reconnect or an overlapping \
             download; check them against the bank before accepting them in QuickBooks."
                .to_string()
        };
        let mut f = TRIGGER.finding(if by_id { 80 } else { 50 }, title, detail);
        f.statement = Some(s.file.clone());
        f.evidence = groups
            .iter()
            .flatten()
            .take(MAX_EVIDENCE)
            .filter_map(|&i| s.transactions.get(i))
            .map(|t| transaction_evidence(s, &t))
            .collect();
        out.push(f);
    }
}

/// `duplicate_transactions` across a statement and QuickBooks' own register of the same
/// account: the register holds one bank transaction twice (what a reconnect leaves when
/// the old and the new connection both bring it in). Fed by the recovery's one-to-one
/// matching, whose left-over register rows that repeat a matched one are the doubles.
/// Called from `check_reads` (the rules' context carries no registers).
pub fn check_against_registers(
    statements: &[Statement],
    registers: &[crate::model::Register],
    gaps: &[crate::recovery::Gap],
    out: &mut Findings,
) {
    for gap in gaps {
        let crate::recovery::Basis::Register { index, .. } = gap.basis else {
            continue;
        };
        if gap.outcome.doubles.is_empty() {
            continue;
        }
        let (Some(s), Some(reg)) = (statements.get(gap.statement), registers.get(index)) else {
            continue;
        };
        let n = gap.outcome.doubles.len();
        let title = format!(
            "QuickBooks holds {n} transaction{} of {} twice",
            if n == 1 { "" } else { "s" },
            gap.account
        );
        let detail = format!(
            "The bank's statement has {} once, but QuickBooks' register ({}) has {} twice, \
             close in date and equal in amount: a reconnect often brings the same \
             transactions in again. Compare these rows and exclude or delete the extra \
             copies in QuickBooks.",
            if n == 1 {
                "this transaction"
            } else {
                "these transactions"
            },
            reg.file,
            if n == 1 { "it" } else { "each" }
        );
        let mut f = TRIGGER.finding(70, title, detail);
        f.statement = Some(s.file.clone());
        f.accounts.push(gap.account.clone());
        let reg_evidence = |j: usize| {
            reg.transactions.get(j).map(|t| {
                let mut e = transaction_evidence(s, &t);
                e.file = reg.file.clone();
                e
            })
        };
        for &(i, kept, extra) in gap.outcome.doubles.iter().take(MAX_EVIDENCE / 3 + 1) {
            if let Some(t) = s.transactions.get(i) {
                f.evidence.push(transaction_evidence(s, &t));
            }
            f.evidence.extend(reg_evidence(kept));
            f.evidence.extend(reg_evidence(extra));
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::AccountKind::*;
    use crate::rules::testutil::*;

    #[test]
    fn repeated_fitid_or_content() {
        let mut s = statement("chk.qbo", "000123454321", Checking);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "A1", 30);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "A1", 36);
        assert_eq!(codes(&run(None, &[s], None)), ["duplicate_transactions"]);
        let mut s = statement("chk.qbo", "000123454321", Checking);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "A1", 30);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "A2", 36);
        assert!(run(None, &[s], None).is_empty());
        let mut s = statement("chk.csv", "", Unknown);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "", 3);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "", 4);
        assert_eq!(codes(&run(None, &[s], None)), ["duplicate_transactions"]);
    }
}
