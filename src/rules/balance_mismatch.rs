//! `balance_mismatch` (info): the chart's bank balance for the matched account differs
//! from the statement's ending balance. QuickBooks' bank balance is what the feed last
//! delivered; if it disagrees with what the bank now says, the feed has stopped
//! updating. Card balances are compared by size, since banks and QuickBooks sign a
//! balance owed differently.

use super::{account_name, chart_evidence, statement_evidence, Context, Findings, Trigger};
use super::{Code, Needs};
use crate::identity::MatchKind;
use crate::model::{AccountType, Severity};
use crate::report::words::money;

/// `balance_mismatch`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::BalanceMismatch,
    severity: Severity::Info,
    fix_steps: &[1],
    title: "Balances that disagree",
    needs: Needs::Both,
    clear: "No bank balance in the chart disagrees with a statement.",
};

/// Runs the `balance_mismatch` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    for (i, s) in ctx.statements.iter().enumerate() {
        let Some((a, m)) = ctx.matched_account(i) else {
            continue;
        };
        // A likely account may be another card at the same bank: only a number match
        // makes the two balances one account's.
        if m.kind != MatchKind::Number {
            continue;
        }
        let (Some(bank), Some(stmt)) = (a.bank_balance, s.ending_balance) else {
            continue;
        };
        let card = a.account_type == AccountType::CreditCard;
        let same = if card {
            bank.abs() == stmt.abs()
        } else {
            bank == stmt
        };
        if same {
            continue;
        }
        let when = s
            .balance_date
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        // Money as the statement's currency writes it: `$10,250.00`, not `10250.00`.
        let cur = s.currency.as_deref();
        let (bank, stmt) = (money(bank, cur), money(stmt, cur));
        let title = format!(
            "QuickBooks' bank balance for “{}” ({bank}) differs from the statement ({stmt})",
            account_name(a)
        );
        let detail = format!(
            "The chart shows a bank balance of {bank} for “{}”, but {} ends at {stmt}{when}. \
             QuickBooks' bank balance is what the feed last delivered; when it lags the bank, \
             the feed may have stopped updating: refresh the bank connection (see the plan). \
             The two can also differ simply because they were taken on different days.",
            account_name(a),
            s.file
        );
        let mut f = TRIGGER.finding(60, title, detail);
        f.accounts = vec![account_name(a)];
        f.statement = Some(s.file.clone());
        f.evidence = vec![chart_evidence(chart, a), statement_evidence(s)];
        out.push(f);
    }
}

#[cfg(test)]
mod tests {

    use crate::model::AccountKind::Checking;

    use crate::model::AccountType::Bank;
    use crate::model::Money;
    use crate::rules::testutil::*;

    #[test]
    fn differing_balances() {
        let mut a = account("Chase Checking x4321", Bank);
        a.bank_balance = Some(Money::from_cents(10_000));
        let mut s = statement("chk.qbo", "000123454321", Checking);
        s.ending_balance = Some(Money::from_cents(25_000));
        assert_eq!(
            codes(&run(Some(&chart(vec![a.clone()])), &[s.clone()], None)),
            ["balance_mismatch"]
        );
        s.ending_balance = Some(Money::from_cents(10_000));
        assert!(run(Some(&chart(vec![a])), &[s], None).is_empty());
    }
}
