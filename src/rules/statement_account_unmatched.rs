//! `statement_account_unmatched` (error): a statement's account matches no bank or
//! credit-card account in the chart by number, and no account of its kind names its
//! bank either. QuickBooks downloads into an account it is connected to; a bank account
//! it has never seen — a new card, a new account, or changed details — is what it
//! reports as "can't find this account at your bank".
//!
//! It stays quiet when the chart still holds accounts that could be this one (no bank
//! number, no other bank named): with `1010 Operating Checking` and `1020 Payroll
//! Checking` and no numbers in the chart, the files cannot say which is which, and that
//! is not a 324 trigger.

use std::collections::BTreeMap;

use super::{
    kind_noun, statement_account_words, statement_evidence, transaction_evidence, Context,
    Findings, Trigger,
};
use super::{Code, Needs};
use crate::identity::{accounts_of_kind, bank_number_of, could_hold_card, numbers_agree, BankRef};
use crate::model::{BankNumber, Chart, Last4, Severity, Statement};

/// `statement_account_unmatched`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::StatementAccountUnmatched,
    severity: Severity::Error,
    fix_steps: &[3, 4],
    title: "Statements QuickBooks has no account for",
    needs: Needs::Both,
    clear: "Every statement belongs to an account in the chart.",
};

/// Runs the `statement_account_unmatched` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    for (i, s) in ctx.statements.iter().enumerate() {
        let id = ctx.identity(i);
        if id.matched.is_some() || !id.plausible.is_empty() {
            row_cards(chart, s, id.bank.as_ref().map(|b| &b.bank), out);
            continue;
        }
        let what = statement_account_words(s);
        let bank = id.bank.as_ref().map(|b| b.bank.display());
        let at_bank = bank
            .as_deref()
            .map(|b| format!(" at {b}"))
            .unwrap_or_default();
        let same_kind = accounts_of_kind(chart, s.kind);
        let title = format!("No QuickBooks account for the {what}{at_bank}");
        let mut detail = format!("The statement {} is for the {what}{at_bank}. ", s.file);
        if same_kind == 0 {
            detail.push_str(&format!(
                "Your chart of accounts has no {} account this statement could belong to. ",
                match s.kind.chart_type() {
                    Some(crate::model::AccountType::CreditCard) => "credit card",
                    Some(crate::model::AccountType::Bank) => "bank",
                    _ => "bank or credit card",
                }
            ));
        } else {
            detail.push_str(&format!(
                "None of the chart's {same_kind} {} account{} carries that number{}. ",
                match s.kind.chart_type() {
                    Some(crate::model::AccountType::CreditCard) => "credit card",
                    Some(crate::model::AccountType::Bank) => "bank",
                    _ => "bank and card",
                },
                if same_kind == 1 { "" } else { "s" },
                if bank.is_some() {
                    " or names that bank"
                } else {
                    ""
                }
            ));
        }
        detail.push_str(&format!(
            "A {} QuickBooks has never been connected to (a newly issued card or account, or \
             changed account details) is what it reports as Error 324. Reconnect, share all \
             accounts, and map this one to the right QuickBooks account (or add it); confirm \
             with the bank that the number is current.",
            kind_noun(s.kind)
        ));
        let confidence = if s.account_number.is_some() { 90 } else { 70 };
        let mut f = TRIGGER.finding(confidence, title, detail);
        f.statement = Some(s.file.clone());
        f.evidence = vec![statement_evidence(s)];
        out.push(f);
    }
}

/// Rows of a statement under another card than the statement's own (a card CSV with a
/// card-number column, one row per employee card): each such card needs its own
/// QuickBooks account too. Quiet when the chart has a numberless account of the kind
/// that could be it.
fn row_cards(chart: &Chart, s: &Statement, bank: Option<&BankRef>, out: &mut Findings) {
    // Each card's row count and first row, keyed by the stored digits (no text per row).
    let mut cards: BTreeMap<Last4, (usize, usize)> = BTreeMap::new();
    for (i, t) in s.transactions.facts().enumerate() {
        if let Some(l4) = t.account_last4 {
            cards.entry(l4).or_insert((0, i)).0 += 1;
        }
    }
    for (last4, (rows, first)) in cards {
        let Some(first) = s.transactions.get(first) else {
            continue;
        };
        let last4 = last4.as_str();
        let Some(n) = BankNumber::last_digits(last4) else {
            continue;
        };
        let own = s
            .account_number
            .as_ref()
            .is_some_and(|o| numbers_agree(o, &n));
        let known = chart
            .accounts
            .iter()
            .any(|a| bank_number_of(a).is_some_and(|b| numbers_agree(b, &n)));
        let could = chart
            .accounts
            .iter()
            .any(|a| could_hold_card(a, s, bank, &n));
        if own || known || could {
            continue;
        }
        let title = format!(
            "No QuickBooks account for the card ending {last4} in {}",
            s.file
        );
        let detail = format!(
            "{} has {rows} row{} for the card ending {last4}, and no account in your chart \
             carries that number. A newly issued card (a replacement, or one for a new \
             employee) that QuickBooks was never connected to is what it reports as Error \
             324. Reconnect, share all cards, and map this one to a QuickBooks account; \
             confirm with the bank that the number is current.",
            s.file,
            if rows == 1 { "" } else { "s" }
        );
        let mut f = TRIGGER.finding(80, title, detail);
        f.statement = Some(s.file.clone());
        f.evidence = vec![transaction_evidence(s, &first)];
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::AccountKind as K;
    use crate::model::AccountKind::Checking;
    use crate::model::AccountType as T;
    use crate::model::AccountType::Bank;
    use crate::rules::testutil::*;

    #[test]
    fn fires_for_a_card_nobody_has() {
        let c = chart(vec![
            account("Chase Checking x4321", Bank),
            account("Amex Gold x1005", T::CreditCard),
        ]);
        let mut s = statement("wf.qbo", "XXXXXXXXXXXX7777", K::CreditCard);
        s.institution.org = Some("WF".into());
        assert!(codes(&run(Some(&c), &[s], None)).contains(&"statement_account_unmatched"));
    }

    #[test]
    fn rows_of_a_card_nobody_has() {
        let c = chart(vec![account("Amex Gold x1005", T::CreditCard)]);
        let mut s = statement("amex.csv", "XXXX1005", K::CreditCard);
        s.format = Some(crate::model::StatementFormat::Csv);
        for (n, card) in ["1005", "1005", "3007"].iter().enumerate() {
            s.transactions.push(crate::model::Transaction {
                date: "2026-10-01".parse().ok(),
                amount: crate::model::Money::parse_plain("-5"),
                payee: ["Coffee", "Fuel", "Lunch"][n],
                memo: "",
                fitid: "",
                account_last4: crate::model::BankNumber::from_text(card)
                    .as_ref()
                    .and_then(crate::model::Last4::from_number),
                pending: false,
                line: 2 + n as u32,
            });
        }
        let f = run(Some(&c), &[s], None);
        assert_eq!(codes(&f), ["statement_account_unmatched"]);
        assert!(f[0].title.contains("3007"), "{}", f[0].title);
    }

    #[test]
    fn quiet_when_numberless_accounts_could_be_it() {
        let c = chart(vec![
            account("1010 Operating Checking", Bank),
            account("1020 Payroll Checking", Bank),
        ]);
        let s1 = statement("op.qbo", "000111122223333", Checking);
        let s2 = statement("pay.qbo", "000111122224444", Checking);
        let f = run(Some(&c), &[s1, s2], None);
        assert!(
            f.iter()
                .all(|f| f.severity != crate::model::Severity::Error),
            "{f:#?}"
        );
    }
}
