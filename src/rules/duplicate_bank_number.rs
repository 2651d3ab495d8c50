//! `duplicate_bank_number` (error): two or more chart accounts carry the same bank
//! number (or the same last four). A bank feed is tied to one QuickBooks account; when
//! two claim the same bank account, QuickBooks may map the feed to the other one, and an
//! old copy left behind after a reconnect is a classic source of Error 324.
//!
//! Numbers agree as [`crate::identity::numbers_agree`] says: equal when both are
//! complete, else the same last four. Accounts naming different banks with the same
//! last four are still reported, with less confidence (two issuers can share a tail).

use std::collections::BTreeMap;

use super::{account_name, and_list, evidence_named, label_named, Context, Findings, Trigger};
use super::{Code, Needs};
use crate::identity::{account_bank, bank_number_of};
use crate::model::{Account, Severity};

/// The accounts of one last-four group that agree with at least one other, without
/// comparing every pair (a chart may hold 100,000 accounts). Within one tail, two
/// numbers disagree only when both are complete (more than four digits) and differ;
/// so a tail-only number agrees with every member, and complete ones agree with their
/// equals.
fn agreeing_members<'a>(group: &[&'a Account]) -> Vec<&'a Account> {
    let full = |a: &Account| {
        bank_number_of(a)
            .filter(|n| n.is_complete() && n.digits().len() > 4)
            .map(|n| n.digits().trim_start_matches('0').to_string())
    };
    let tails = group.iter().filter(|a| full(a).is_none()).count();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for a in group {
        if let Some(d) = full(a) {
            *counts.entry(d).or_default() += 1;
        }
    }
    group
        .iter()
        .filter(|a| match full(a) {
            // A tail agrees with any other member.
            None => group.len() > 1,
            // A full number agrees with a tail, or with an equal full number.
            Some(d) => tails > 0 || counts.get(&d).is_some_and(|c| *c > 1),
        })
        .copied()
        .collect()
}

/// `duplicate_bank_number`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::DuplicateBankNumber,
    severity: Severity::Error,
    fix_steps: &[2],
    title: "Two accounts with one bank number",
    needs: Needs::Chart,
    clear: "No two accounts in the chart carry the same bank number.",
};

/// Runs the `duplicate_bank_number` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    let mut by_last4: BTreeMap<&str, Vec<&Account>> = BTreeMap::new();
    for a in &chart.accounts {
        if let Some(n) = bank_number_of(a).filter(|n| n.digits().len() >= 4) {
            by_last4.entry(n.last4()).or_default().push(a);
        }
    }
    for (last4, group) in by_last4 {
        let agreeing = agreeing_members(&group);
        if agreeing.len() < 2 {
            continue;
        }
        let all_complete = agreeing
            .iter()
            .all(|a| bank_number_of(a).is_some_and(|n| n.is_complete()));
        let mut banks: Vec<&str> = agreeing
            .iter()
            .filter_map(|a| account_bank(a))
            .map(|b| b.name)
            .collect();
        banks.sort_unstable();
        banks.dedup();
        let confidence = match (all_complete, banks.len() > 1) {
            (_, true) => 50,
            (true, false) => 95,
            (false, false) => 80,
        };
        // Each account's name masked once, for its label, its evidence and the list.
        let plain: Vec<String> = agreeing.iter().map(|a| account_name(a)).collect();
        let names: Vec<String> = agreeing
            .iter()
            .zip(&plain)
            .map(|(a, n)| format!("“{}”", label_named(a, n.clone())))
            .collect();
        let title = format!(
            "{} accounts carry the same bank number ending {last4}: {}",
            agreeing.len(),
            and_list(&names)
        );
        let mut detail = format!(
            "A bank account can feed only one QuickBooks account. {} {} say they are the \
             account ending {last4}, so QuickBooks may connect the bank to the wrong one (often \
             an old copy left from an earlier connection), which shows as Error 324.",
            and_list(&names),
            if agreeing.len() == 2 { "both" } else { "all" }
        );
        if agreeing.iter().any(|a| !a.active) {
            detail.push_str(" At least one of them is inactive; a retired copy still holding the number is enough to confuse the mapping.");
        }
        if banks.len() > 1 {
            detail.push_str(&format!(
                " Their names point to different banks ({}), so they may be different accounts that share a last four; check the full numbers.",
                and_list(&banks.iter().map(|b| b.to_string()).collect::<Vec<_>>())
            ));
        }
        detail.push_str(" Keep the number on the account the bank feed should use and rename or correct the others.");
        let mut f = TRIGGER.finding(confidence, title, detail);
        f.evidence = agreeing
            .iter()
            .zip(&plain)
            .map(|(a, n)| evidence_named(chart, a, n))
            .collect();
        f.accounts = plain;
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::AccountType::*;
    use crate::rules::testutil::*;

    /// Many accounts on one last four are one finding naming each once, not one per
    /// pair (300 accounts would be 44,850 pairs), and the plan names each in one step.
    #[test]
    fn a_large_group_is_one_finding_naming_each_account_once() {
        let accounts: Vec<_> = (0..300)
            .map(|i| account(&format!("Card {i} ending 1010"), CreditCard))
            .collect();
        let c = chart(accounts);
        let f = run(Some(&c), &[], None);
        let dup: Vec<_> = f
            .iter()
            .filter(|f| f.code.name() == "duplicate_bank_number")
            .collect();
        assert_eq!(dup.len(), 1);
        assert_eq!(dup[0].accounts.len(), 300);
        assert_eq!(dup[0].evidence.len(), 300);
        assert!(dup[0]
            .title
            .starts_with("300 accounts carry the same bank number ending 1010"));
        assert_eq!(dup[0].title.matches(" ending 1010”").count(), 300);
        // A 5-digit number in a name is masked, once per place it shows.
        let c = chart(vec![
            account("Account 11010 Meals", Bank),
            account("Account 21010 Meals", Bank),
        ]);
        let f = run(Some(&c), &[], None);
        let dup = f
            .iter()
            .find(|f| f.code.name() == "duplicate_bank_number")
            .unwrap();
        assert_eq!(dup.accounts, ["Account …1010 Meals", "Account …1010 Meals"]);
        assert_eq!(dup.evidence[0].excerpt, "Account …1010 Meals · Bank");
        assert_eq!(dup.title.matches("“Account …1010 Meals”").count(), 2);
    }

    #[test]
    fn same_last_four_fires_different_does_not() {
        let c = chart(vec![
            account("Chase Checking x4321", Bank),
            account("Chase Old x4321", Bank),
        ]);
        assert!(codes(&run(Some(&c), &[], None)).contains(&"duplicate_bank_number"));
        let c = chart(vec![
            account("Chase Checking x4321", Bank),
            account("Chase Savings x9876", Bank),
        ]);
        assert!(!codes(&run(Some(&c), &[], None)).contains(&"duplicate_bank_number"));
        // Two full numbers with the same tail are different accounts.
        let c = chart(vec![
            account("Operating 123454321", Bank),
            account("Payroll 987654321", Bank),
        ]);
        assert!(!codes(&run(Some(&c), &[], None)).contains(&"duplicate_bank_number"));
    }
}
