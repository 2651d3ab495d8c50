//! `statement_account_closed` (warning): the statement shows the account closing — its
//! ending balance is zero right after a final transfer out, or its last transactions
//! say so in words (`ACCOUNT CLOSED`, `CLOSING TRANSFER`, ...). A closed account's feed
//! keeps failing with Error 324 until it is disconnected in QuickBooks.
//!
//! A credit card paid down to zero is normal, so for cards only the words count.

use super::{
    statement_account_words, statement_evidence, transaction_evidence, Context, Findings, Trigger,
};
use super::{Code, Needs};
use crate::identity::institutions::{has_phrase, words};
use crate::model::{AccountKind, Money, Severity, Transaction};

/// `statement_account_closed`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::StatementAccountClosed,
    severity: Severity::Warning,
    fix_steps: &[4],
    title: "Closed accounts",
    needs: Needs::Statement,
    clear: "No statement shows its account being closed.",
};

/// Phrases banks write on an account's last transactions when it closes, normalised as
/// [`words`] does.
const CLOSING_PHRASES: &[&str] = &[
    "account closed",
    "account closing",
    "account closure",
    "closed account",
    "close account",
    "closing account",
    "acct closed",
    "acct closing",
    "closing transfer",
    "closing balance transfer",
    "closeout",
    "close out",
    "account close out",
    "final withdrawal",
    "closing withdrawal",
    "cierre de cuenta",
    "cloture du compte",
    "kontoauflosung",
    "kontoschliessung",
];

/// How many of the newest transactions are searched for closing words.
const LAST_N: usize = 3;

fn says_closing(t: &Transaction<'_>) -> bool {
    let w = words(&format!("{} {}", t.payee, t.memo));
    CLOSING_PHRASES.iter().any(|p| has_phrase(&w, p))
}

/// Runs the `statement_account_closed` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    for s in ctx.statements {
        // The newest transactions: by date, then by file order.
        // The LAST_N greatest (date, row) keys in one pass, not a sort of every row.
        let mut top: Vec<(Option<crate::model::Date>, usize)> = Vec::with_capacity(LAST_N + 1);
        for (i, t) in s.transactions.facts().enumerate() {
            let key = (t.date, i);
            if top.len() < LAST_N || top.last().is_some_and(|&k| key > k) {
                let at = top.partition_point(|&k| k > key);
                top.insert(at, key);
                top.truncate(LAST_N);
            }
        }
        let newest_first: Vec<Transaction<'_>> = top
            .iter()
            .filter_map(|&(_, i)| s.transactions.get(i))
            .collect();
        let last: Vec<&Transaction<'_>> = newest_first.iter().collect();
        let Some(newest) = last.first() else { continue };
        let worded: Vec<&&Transaction<'_>> = last.iter().filter(|t| says_closing(t)).collect();
        let emptied = s.kind != AccountKind::CreditCard
            && s.ending_balance == Some(Money::ZERO)
            && newest.amount.is_some_and(|a| a.0 < 0);
        if worded.is_empty() && !emptied {
            continue;
        }
        let confidence = match (!worded.is_empty(), emptied) {
            (true, true) => 90,
            (true, false) => 75,
            _ => 55,
        };
        let what = statement_account_words(s);
        let title = format!("The {what} looks closed ({})", s.file);
        let mut reasons = Vec::new();
        if emptied {
            let money = |m| crate::report::words::money(m, s.currency.as_deref());
            reasons.push(format!(
                "its balance ends at {} right after a final {} out",
                money(crate::model::Money::ZERO),
                newest.amount.map(|a| money(a.abs())).unwrap_or_default()
            ));
        }
        if let Some(t) = worded.first() {
            reasons.push(format!(
                "its last transactions say “{}”",
                super::short(t.payee.trim(), 40)
            ));
        }
        let detail = format!(
            "This statement shows the account closing: {}. QuickBooks keeps trying to download \
             a closed account and reports Error 324. Confirm with the bank that it is closed, \
             then disconnect its bank feed in QuickBooks (and make the account inactive once \
             reconciled).",
            reasons.join(", and ")
        );
        let mut f = TRIGGER.finding(confidence, title, detail);
        f.statement = Some(s.file.clone());
        f.evidence.push(statement_evidence(s));
        let mut shown: Vec<&Transaction<'_>> = worded.iter().map(|t| **t).collect();
        if emptied && !shown.iter().any(|t| t.line == newest.line) {
            shown.push(newest);
        }
        f.evidence
            .extend(shown.iter().map(|t| transaction_evidence(s, t)));
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::AccountKind::*;
    use crate::model::Money;
    use crate::rules::testutil::*;

    #[test]
    fn closing_words_or_emptied_balance() {
        let mut s = statement("sav.qbo", "000123459999", Savings);
        txn(&mut s, "2026-10-01", "10.00", "Interest", "1", 30);
        txn(
            &mut s,
            "2026-10-20",
            "-5400.00",
            "TRANSFER TO CHK 4321 ACCOUNT CLOSED",
            "2",
            36,
        );
        s.ending_balance = Some(Money::ZERO);
        assert_eq!(
            codes(&run(None, &[s.clone()], None)),
            ["statement_account_closed"]
        );
        // A card paid to zero is not closed.
        let mut c = statement("card.qbo", "XXXX1005", CreditCard);
        txn(&mut c, "2026-10-01", "-50.00", "Coffee", "1", 30);
        txn(&mut c, "2026-10-20", "-5.00", "Fee", "2", 36);
        c.ending_balance = Some(Money::ZERO);
        assert!(run(None, &[c], None).is_empty());
        // "closed" alone (a store's name) is not a closing phrase.
        let mut o = statement("chk.qbo", "XXXX4321", Checking);
        txn(&mut o, "2026-10-20", "-5.00", "CLOSED LOOP COFFEE", "2", 36);
        o.ending_balance = Some(Money::from_cents(1000));
        assert!(run(None, &[o], None).is_empty());
    }
}
