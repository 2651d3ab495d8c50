//! `account_type_mismatch` (warning): the statement is a credit-card statement and the
//! chart account its number matches is a bank account, or the reverse. QuickBooks maps a
//! feed to an account of the matching type; a card feed tied to a bank account (or a
//! changed account type at the bank) breaks the mapping.

use super::{
    account_name, chart_evidence, kind_noun, statement_account_words, statement_evidence, Context,
    Findings, Trigger,
};
use super::{Code, Needs};
use crate::identity::{account_fit, KindFit, MatchKind};
use crate::model::Severity;

/// `account_type_mismatch`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::AccountTypeMismatch,
    severity: Severity::Warning,
    fix_steps: &[3],
    title: "Bank account or card mixed up",
    needs: Needs::Both,
    clear: "Each statement is the same kind of account (bank or card) as its QuickBooks account.",
};

/// Runs the `account_type_mismatch` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    for (i, s) in ctx.statements.iter().enumerate() {
        let Some((a, m)) = ctx.matched_account(i) else {
            continue;
        };
        if m.kind != MatchKind::Number {
            continue;
        }
        // A number said it is this account. A card against a bank account (or the
        // reverse), or a feed on an account no feed may have (cash on hand), clashes;
        // checking vs savings is the bank's naming, not a mismatch.
        let clash = matches!(account_fit(s.kind, a), KindFit::Clash | KindFit::Never);
        if !clash {
            continue;
        }
        let title = format!(
            "The bank calls this a {}, QuickBooks has “{}” as {}",
            kind_noun(s.kind),
            account_name(a),
            a.type_text
        );
        let detail = format!(
            "The statement {} is for the {}, and its number matches “{}”, whose type in \
             QuickBooks is {}. QuickBooks maps a bank's accounts to accounts of the same type; \
             when the types disagree the mapping breaks and downloads fail (Error 324). \
             Reconnect and map the feed to an account of the right type.",
            s.file,
            statement_account_words(s),
            account_name(a),
            a.type_text
        );
        let mut f = TRIGGER.finding(85, title, detail);
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
    use crate::model::AccountType::Bank;
    use crate::rules::testutil::*;

    #[test]
    fn card_statement_on_a_bank_account() {
        let c = chart(vec![account("Amex x1005", Bank)]);
        let s = statement("amex.qbo", "XXXXXXXXXXX1005", K::CreditCard);
        assert_eq!(codes(&run(Some(&c), &[s], None)), ["account_type_mismatch"]);
        let c = chart(vec![account("Amex x1005", T::CreditCard)]);
        let s = statement("amex.qbo", "XXXXXXXXXXX1005", K::CreditCard);
        assert!(run(Some(&c), &[s], None).is_empty());
    }
}
