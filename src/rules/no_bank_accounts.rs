//! `no_bank_accounts` (warning): the chart holds no bank or credit-card account at all.
//! Usually the wrong report was exported (a profit-and-loss list, or a filtered chart),
//! and nothing about the bank feeds can be checked against it.

use super::{Code, Needs};
use super::{Context, Findings, Trigger};
use crate::model::Severity;
use crate::report::Evidence;

/// `no_bank_accounts`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::NoBankAccounts,
    severity: Severity::Warning,
    fix_steps: &[],
    title: "A chart without bank accounts",
    needs: Needs::Chart,
    clear: "The chart has bank or card accounts.",
};

/// Runs the `no_bank_accounts` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    if chart
        .accounts
        .iter()
        .any(|a| a.account_type.is_bank_facing())
    {
        return;
    }
    let n = chart.accounts.len();
    let title = if n == 0 {
        "The chart of accounts lists no accounts".to_string()
    } else {
        format!("None of the chart's {n} accounts is a bank or credit card account")
    };
    let detail = "Bank feeds connect to accounts of type Bank or Credit Card, and this chart has \
                  none, so it is probably not the full chart of accounts (a filtered list, or a \
                  different report). Export it again from QuickBooks: Settings → Chart of \
                  accounts → Run report → Export, with all accounts shown."
        .to_string();
    let mut f = TRIGGER.finding(if n == 0 { 90 } else { 80 }, title, detail);
    f.evidence = vec![Evidence {
        file: chart.file.clone(),
        line: None,
        excerpt: format!("{n} accounts, none of type Bank or Credit Card"),
    }];
    out.push(f);
}

#[cfg(test)]
mod tests {
    use crate::model::AccountType::*;
    use crate::rules::testutil::*;

    #[test]
    fn only_when_no_bank_account() {
        assert_eq!(
            codes(&run(
                Some(&chart(vec![account("Rent", Expense)])),
                &[],
                None
            )),
            ["no_bank_accounts"]
        );
        assert!(run(Some(&chart(vec![account("Checking", Bank)])), &[], None).is_empty());
    }
}
