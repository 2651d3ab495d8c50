//! `inactive_account` (error): a statement belongs to an inactive or deleted chart
//! account; or, with no statement for it, an inactive account still shows a bank
//! balance, which means a bank feed is still connected to it. QuickBooks cannot
//! download into an account it has retired, and a feed left on one fails as Error 324.

use super::{
    account_name, chart_evidence, statement_account_words, statement_evidence, Context, Findings,
    Trigger,
};
use super::{Code, Needs};
use crate::identity::MatchKind;
use crate::model::Severity;

/// `inactive_account`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::InactiveAccount,
    severity: Severity::Error,
    fix_steps: &[3, 4],
    title: "Inactive accounts still in use",
    needs: Needs::Chart,
    clear: "No statement belongs to an inactive account, and no inactive account still shows a bank balance.",
};

/// Runs the `inactive_account` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    let mut reported = vec![false; chart.accounts.len()];
    for (i, s) in ctx.statements.iter().enumerate() {
        let Some((a, m)) = ctx.matched_account(i) else {
            continue;
        };
        // The only-candidate guess is too weak to call a retired account the match.
        if a.active || m.kind == MatchKind::OnlyCandidate {
            continue;
        }
        if let Some(r) = reported.get_mut(m.account) {
            *r = true;
        }
        let how = ctx
            .identity(i)
            .because
            .unwrap_or_else(|| "it is the account that fits the statement".into());
        let title = format!(
            "The {} belongs to “{}”, which is inactive in QuickBooks",
            statement_account_words(s),
            account_name(a)
        );
        let detail = format!(
            "The statement {} belongs to “{}” ({how}), but that account is marked inactive or \
             deleted. QuickBooks will not download into a retired account, and a bank \
             connection left on one fails with Error 324. Ask the bank first whether the \
             account is still open. If it is, make the QuickBooks account active again and \
             reconnect; if it is closed, disconnect its bank feed.",
            s.file,
            account_name(a)
        );
        let confidence = match m.kind {
            MatchKind::Number => 95,
            MatchKind::Likely => 70,
            MatchKind::OnlyCandidate => 50,
        };
        let mut f = TRIGGER.finding(confidence, title, detail);
        f.accounts = vec![account_name(a)];
        f.statement = Some(s.file.clone());
        f.evidence = vec![statement_evidence(s), chart_evidence(chart, a)];
        out.push(f);
    }
    for (k, a) in chart.accounts.iter().enumerate() {
        if a.active || !a.account_type.is_bank_facing() || a.bank_balance.is_none() {
            continue;
        }
        if reported.get(k).copied().unwrap_or(true) {
            continue;
        }
        let title = format!(
            "“{}” is inactive but still connected to a bank feed",
            account_name(a)
        );
        let detail = format!(
            "“{}” is marked inactive, yet the chart shows a bank balance for it, which \
             QuickBooks only keeps while a bank feed is connected. A feed left on a retired \
             account keeps failing with Error 324. Disconnect it, or make the account active \
             and reconnect if the bank account is still in use.",
            account_name(a)
        );
        let mut f = TRIGGER.finding(60, title, detail);
        f.accounts = vec![account_name(a)];
        f.evidence = vec![chart_evidence(chart, a)];
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
    fn statement_into_an_inactive_account() {
        let mut a = account("Chase Checking x4321", Bank);
        a.active = false;
        let c = chart(vec![a]);
        let s = statement("chase.qbo", "000123454321", Checking);
        assert_eq!(
            codes(&run(Some(&c), std::slice::from_ref(&s), None)),
            ["inactive_account"]
        );
        let c = chart(vec![account("Chase Checking x4321", Bank)]);
        assert!(run(Some(&c), &[s], None).is_empty());
    }

    #[test]
    fn inactive_with_bank_balance() {
        let mut a = account("Old Savings", Bank);
        a.active = false;
        a.bank_balance = Some(Money::from_cents(100));
        assert_eq!(
            codes(&run(Some(&chart(vec![a.clone()])), &[], None)),
            ["inactive_account"]
        );
        a.bank_balance = None;
        assert!(run(Some(&chart(vec![a])), &[], None).is_empty());
    }
}
