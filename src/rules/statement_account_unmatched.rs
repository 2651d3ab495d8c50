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

use super::{kind_noun, statement_account_words, statement_evidence, Context, Findings, Trigger};
use crate::identity::kind_fits;
use crate::model::Severity;

pub const TRIGGER: Trigger = Trigger {
    code: "statement_account_unmatched",
    severity: Severity::Error,
    fix_steps: &[3, 4],
};

pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    for (i, s) in ctx.statements.iter().enumerate() {
        let id = ctx.identity(i);
        if id.matched.is_some() || !id.plausible.is_empty() {
            continue;
        }
        let what = statement_account_words(s);
        let bank = id.bank.as_ref().map(|b| b.bank.display());
        let at_bank = bank
            .as_deref()
            .map(|b| format!(" at {b}"))
            .unwrap_or_default();
        let same_kind = chart
            .accounts
            .iter()
            .filter(|a| a.account_type.is_bank_facing() && kind_fits(s.kind, a.account_type))
            .count();
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
