//! `account_number_changed` (error): a statement has a *likely* chart account (same
//! kind, same bank named) whose bank number differs from the statement's: a new card
//! or a changed account number. QuickBooks is still connected to the old number, the
//! bank no longer knows it, and the download fails with Error 324.

use super::{
    account_label, account_name, chart_evidence, kind_noun, statement_evidence, Context, Findings,
    Trigger,
};
use super::{Code, Needs};
use crate::identity::{bank_number_of, chart_kind, chart_kind_noun, numbers_agree, MatchKind};
use crate::model::Severity;

/// `account_number_changed`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::AccountNumberChanged,
    severity: Severity::Error,
    fix_steps: &[3, 4],
    title: "A new card or account number",
    needs: Needs::Both,
    clear: "No statement shows a different account or card number from its QuickBooks account.",
};

/// Runs the `account_number_changed` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    for (i, s) in ctx.statements.iter().enumerate() {
        let Some((a, m)) = ctx.matched_account(i) else {
            continue;
        };
        if m.kind != MatchKind::Likely {
            continue;
        }
        let (Some(sn), Some(an)) = (s.account_number.as_ref(), bank_number_of(a)) else {
            continue;
        };
        if numbers_agree(sn, an) {
            continue;
        }
        let id = ctx.identity(i);
        let noun = kind_noun(s.kind);
        let held = if account_name(a).contains(an.last4()) {
            account_name(a)
        } else {
            format!("{} ending {}", account_name(a), an.last4())
        };
        let title = format!(
            "Statement is for {noun} ending {}, QuickBooks has {held}",
            sn.last4()
        );
        let bank_words = id
            .bank
            .as_ref()
            .map(|b| format!("{} (going by {})", b.bank.display(), b.source))
            .unwrap_or_else(|| "the same bank".into());
        let mut detail = format!(
            "The statement {} comes from {bank_words}, and “{}” is your {} at that bank, but \
             it carries the number ending {} while the statement's ends {}. A replaced card or \
             a changed account number leaves QuickBooks connected to a number the bank no \
             longer knows: Error 324. Reconnect from the account's update prompt and map the \
             new number to “{}” (history and rules are kept); check with the bank that the \
             old number is closed.",
            s.file,
            account_label(a),
            chart_kind_noun(chart_kind(a)),
            an.last4(),
            sn.last4(),
            account_name(a)
        );
        if !id.likely_ties.is_empty() {
            detail.push_str(" Other accounts at the same bank could also be the one; check which account this statement belongs to.");
        }
        let mut f = TRIGGER.finding(m.confidence, title, detail);
        f.accounts = vec![account_name(a)];
        f.statement = Some(s.file.clone());
        f.evidence = vec![statement_evidence(s), chart_evidence(chart, a)];
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::AccountKind as K;

    use crate::model::AccountType as T;

    use crate::rules::testutil::*;

    #[test]
    fn new_card_at_same_bank_fires_same_card_does_not() {
        let c = chart(vec![account("Amex Gold x1005", T::CreditCard)]);
        let mut s = statement("amex-2026-11.qbo", "XXXXXXXXXXX2008", K::CreditCard);
        s.institution.fid = Some("3101".into());
        let f = run(Some(&c), std::slice::from_ref(&s), None);
        assert_eq!(codes(&f), ["account_number_changed"]);
        assert_eq!(
            f[0].title,
            "Statement is for card ending 2008, QuickBooks has Amex Gold x1005"
        );
        s.account_id = Some("XXXXXXXXXXX1005".into());
        s.account_number = crate::model::BankNumber::from_text("XXXXXXXXXXX1005");
        assert!(run(Some(&c), &[s], None).is_empty());
    }
}
