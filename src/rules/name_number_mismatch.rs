//! `name_number_mismatch` (warning): one chart account contradicts itself. The last four
//! its name shows (`Business Visa - 4417`) differ from its own bank number field (…4471).
//! QuickBooks maps the bank feed by the number; the person reading the chart goes by the
//! name, so statements land in, or are looked for in, the wrong place.

use super::{account_name, chart_evidence, Context, Findings, Trigger};
use super::{Code, Needs};
use crate::identity::{compare, number_source, Agreement, NumberSource};
use crate::model::Severity;

/// `name_number_mismatch`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::NameNumberMismatch,
    severity: Severity::Warning,
    fix_steps: &[2, 4],
    title: "A name that contradicts its own number",
    needs: Needs::Chart,
    clear: "No account's name contradicts its own bank number.",
};

/// Runs the `name_number_mismatch` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    for a in &chart.accounts {
        if !a.account_type.is_bank_facing() || number_source(a) != NumberSource::Field {
            continue;
        }
        let (Some(field), Some(named)) = (a.bank_number.as_ref(), a.name_number.as_ref()) else {
            continue;
        };
        if compare(field, named) != Agreement::Differ {
            continue;
        }
        let name = account_name(a);
        let title = format!(
            "“{name}” says …{} in its name but holds the bank number …{}",
            named.last4(),
            field.last4()
        );
        let detail = format!(
            "The name of “{name}” ends in {}, while the bank account number saved on the same \
             account ends in {}. QuickBooks connects the bank feed by the saved number, and \
             you find the account by its name, so one of them is out of date: a replaced \
             card, or a typo. Ask the bank which number is current, then correct the other \
             one (edit the account's name or its bank account number).",
            named.last4(),
            field.last4()
        );
        let mut f = TRIGGER.finding(85, title, detail);
        f.accounts = vec![name];
        f.evidence = vec![chart_evidence(chart, a)];
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{AccountType, BankNumber};
    use crate::rules::testutil::*;

    #[test]
    fn name_and_number_disagree() {
        let mut a = account("Business Visa - 4417", AccountType::CreditCard);
        a.bank_number = BankNumber::from_text("4471");
        assert_eq!(
            codes(&run(Some(&chart(vec![a.clone()])), &[], None)),
            ["name_number_mismatch"]
        );
        // Near miss: the number field agrees with the name.
        a.bank_number = BankNumber::from_text("000012344417");
        assert!(run(Some(&chart(vec![a])), &[], None).is_empty());
    }
}
