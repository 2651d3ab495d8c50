//! `duplicate_name` (error): two or more accounts QuickBooks would show under the same
//! name. QuickBooks ties a bank feed to an account by name in its mapping screens; two
//! accounts that read the same leave it unable to tell which one the bank's account
//! belongs to.
//!
//! Names are compared after normalising case, white space, punctuation, `&`/`and`, a
//! chart-number prefix and a `(deleted)`/`(inactive)` suffix, on the leaf name, so
//! `Checking` and `Bank:Checking` collide when one of them is a bank or credit-card
//! account. Accounts that are neither collide only on their whole names (`Bank Charges
//! & Fees` / `Bank Charges and Fees`), and rank below bank collisions: they cause 324
//! less directly, and shared leaves under different parents are everyday bookkeeping. The bank side counts
//! too: two accounts an OFX account list gives the same description.

use std::collections::BTreeMap;

use super::{account_name, and_list, chart_evidence, Context, Findings, Trigger};
use super::{Code, Needs};
use crate::model::{Account, Severity};
use crate::report::{mask_long_numbers, Evidence};

/// `duplicate_name`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::DuplicateName,
    severity: Severity::Error,
    fix_steps: &[2],
    title: "Accounts with the same name",
    needs: Needs::Chart,
    clear: "No two accounts in the chart share a name.",
};

/// Suffixes QuickBooks adds to names it keeps after an account is retired.
const RETIRED_SUFFIXES: &[&str] = &["(deleted)", "(inactive)", "(closed)"];

/// The leaf name of an account, normalised as SPEC §4 says.
pub fn name_key(a: &Account) -> String {
    let leaf = if a.name.trim().is_empty() {
        a.full_name.rsplit(':').next().unwrap_or("")
    } else {
        a.name.as_str()
    };
    key_of_name(leaf, a.chart_number.as_deref())
}

/// Characters of a name compared at most: QuickBooks caps account names at 100, and a
/// 1 MB "name" must not make the name rules crawl.
pub const MAX_NAME_CHARS: usize = 256;

/// Latin look-alikes from other scripts, as people (and spoofers) type them: Cyrillic
/// and Greek letters that render like Latin ones.
const LOOK_ALIKES: &[(char, char)] = &[
    ('а', 'a'),
    ('в', 'b'),
    ('е', 'e'),
    ('ё', 'e'),
    ('к', 'k'),
    ('м', 'm'),
    ('н', 'h'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('т', 't'),
    ('у', 'y'),
    ('х', 'x'),
    ('ѕ', 's'),
    ('і', 'i'),
    ('ї', 'i'),
    ('ј', 'j'),
    ('һ', 'h'),
    ('ԁ', 'd'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
    ('α', 'a'),
    ('β', 'b'),
    ('ε', 'e'),
    ('ι', 'i'),
    ('κ', 'k'),
    ('ν', 'v'),
    ('ο', 'o'),
    ('ρ', 'p'),
    ('τ', 't'),
    ('υ', 'u'),
    ('χ', 'x'),
    ('ı', 'i'),
    ('ℓ', 'l'),
];

/// A name as it looks: invisible characters (zero-width, bidi controls, soft hyphens)
/// dropped, fullwidth forms and look-alike letters read as the Latin letters they show,
/// cut to [`MAX_NAME_CHARS`]. `Che\u{200B}cking`, `Сhecking` (Cyrillic С) and
/// `Ｃｈｅｃｋｉｎｇ` all read `checking`.
fn as_seen(name: &str) -> String {
    name.chars()
        .filter(|&c| !crate::report::mask::is_hidden(c) || c.is_whitespace())
        .take(MAX_NAME_CHARS)
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // Fullwidth ASCII (`Ｃ`, `１`, `＆`) to ASCII.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c if c.is_ascii() => c,
            c => LOOK_ALIKES
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c, |&(_, to)| to),
        })
        .collect()
}

/// The key two names share when they are duplicates (SPEC §4), without what does not
/// count: case, white space, punctuation, `&`, a chart-number prefix (the account's own,
/// else a leading 4–6 digit number), a retired-account suffix; invisible and look-alike
/// characters as [`as_seen`] reads them.
pub fn key_of_name(name: &str, chart_number: Option<&str>) -> String {
    let mut s = as_seen(name.trim()).trim().to_string();
    for suffix in RETIRED_SUFFIXES {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end().to_string();
        }
    }
    let mut rest = s.as_str();
    if let Some(n) = chart_number.filter(|n| !n.is_empty()) {
        rest = rest.strip_prefix(&n.to_lowercase()).unwrap_or(rest);
    } else {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let after = rest[digits..].chars().next();
        if (4..=6).contains(&digits) && after.is_some_and(|c| c == ' ' || c == '-' || c == '·') {
            rest = &rest[digits..];
        }
    }
    let spaced = rest.replace('&', " and ");
    spaced
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs the `duplicate_name` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    if let Some(chart) = ctx.chart {
        let mut groups: BTreeMap<String, Vec<&Account>> = BTreeMap::new();
        for a in &chart.accounts {
            let key = name_key(a);
            if !key.is_empty() {
                groups.entry(key).or_default().push(a);
            }
        }
        for leaf_group in groups.values() {
            if leaf_group.len() < 2 {
                continue;
            }
            let bank_facing = leaf_group.iter().any(|a| a.account_type.is_bank_facing());
            // Sub-accounts that share a leaf under different parents (`Utilities:Gas`,
            // `Auto:Gas`) are everyday bookkeeping; only bank screens show leaves alone.
            // So a group with no bank account counts only where whole names collide.
            let full_groups: Vec<Vec<&Account>> = if bank_facing {
                vec![leaf_group.clone()]
            } else {
                let mut by_full: BTreeMap<String, Vec<&Account>> = BTreeMap::new();
                for a in leaf_group {
                    by_full
                        .entry(key_of_name(&a.full_name, a.chart_number.as_deref()))
                        .or_default()
                        .push(a);
                }
                by_full.into_values().filter(|g| g.len() >= 2).collect()
            };
            for group in &full_groups {
                let names: Vec<String> = group
                    .iter()
                    .map(|a| format!("“{}”", account_name(a)))
                    .collect();
                let same_full = group.iter().all(|a| {
                    key_of_name(&a.full_name, a.chart_number.as_deref())
                        == key_of_name(&group[0].full_name, group[0].chart_number.as_deref())
                });
                let retired = group.iter().filter(|a| !a.active).count();
                let title = format!(
                    "{} accounts read as the same name: {}",
                    group.len(),
                    and_list(&names)
                );
                let mut detail = String::from(
                    "When you connect or map a bank account, QuickBooks shows accounts by name; \
                 with two that read the same it can tie the bank feed to the wrong one, or to \
                 neither, and the feed fails with Error 324.",
                );
                if !same_full {
                    detail.push_str(" They sit under different parents, but the bank screens show the last part of the name only.");
                }
                if retired > 0 {
                    detail.push_str(
                        " One of them is inactive or deleted: QuickBooks still keeps its name.",
                    );
                }
                let confidence = if !bank_facing {
                    detail.push_str(
                        " None of them is a bank or card account, so this is a less direct cause, \
                     but QuickBooks' own advice for Error 324 is to make every name unique.",
                    );
                    50
                } else if same_full {
                    95
                } else {
                    80
                };
                detail.push_str(" Rename all but one so each name is unique (adding the last four digits of the account number works well).");
                let mut f = TRIGGER.finding(confidence, title, detail);
                f.accounts = group.iter().map(|a| account_name(a)).collect();
                f.evidence = group.iter().map(|a| chart_evidence(chart, a)).collect();
                out.push(f);
            }
        }
    }
    listed_duplicates(ctx, out);
}

/// Two accounts a bank's own account list describes the same way.
fn listed_duplicates(ctx: &Context<'_>, out: &mut Findings) {
    let mut groups: BTreeMap<(String, String), Vec<&crate::model::ListedAccount>> = BTreeMap::new();
    for l in ctx.listed_accounts {
        if let Some(desc) = l.description.as_deref() {
            let key = key_of_name(desc, None);
            if !key.is_empty() {
                groups.entry((l.file.clone(), key)).or_default().push(l);
            }
        }
    }
    for group in groups.values() {
        let distinct_numbers = {
            let mut n: Vec<Option<&str>> = group
                .iter()
                .map(|l| l.account_number.as_ref().map(|n| n.digits()))
                .collect();
            n.sort();
            n.dedup();
            n.len()
        };
        if group.len() < 2 || distinct_numbers < 2 {
            continue;
        }
        let desc = group[0].description.clone().unwrap_or_default();
        let title = format!(
            "Your bank names {} accounts “{}”",
            group.len(),
            mask_long_numbers(&desc, 5)
        );
        let detail = "The bank's own account list gives two accounts the same name. When you \
                      connect, QuickBooks shows the bank's names, and it is easy to map both to \
                      one QuickBooks account or to map the wrong one, which ends in Error 324. \
                      Map each by its last four digits, and give the QuickBooks accounts unique names."
            .to_string();
        let mut f = TRIGGER.finding(70, title, detail);
        f.statement = Some(group[0].file.clone());
        f.evidence = group
            .iter()
            .map(|l| Evidence {
                file: l.file.clone(),
                line: Some(l.line).filter(|l| *l > 0),
                excerpt: mask_long_numbers(
                    &format!(
                        "<DESC>{} · <ACCTID>{}",
                        l.description.as_deref().unwrap_or(""),
                        l.account_id.as_deref().unwrap_or("")
                    ),
                    5,
                ),
            })
            .collect();
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AccountType::*;
    use crate::rules::testutil::*;

    #[test]
    fn sees_through_invisible_and_look_alike_characters() {
        let plain = key_of_name("Chase Checking", None);
        for spoof in [
            "Chase Che\u{200B}cking",
            "Chase Checking\u{202E}",
            "\u{202D}Chase Checking",
            "Сhase Checking",
            "Ｃｈａｓｅ Ｃｈｅｃｋｉｎｇ",
            "Chase Chec\u{00AD}king",
        ] {
            assert_eq!(key_of_name(spoof, None), plain, "{spoof:?}");
        }
        let long = "x".repeat(1_000_000);
        assert_eq!(key_of_name(&long, None).len(), MAX_NAME_CHARS);
    }

    #[test]
    fn normalises_like_the_spec_says() {
        assert_eq!(key_of_name("1010 Checking", None), "checking");
        assert_eq!(key_of_name("Checking (deleted)", None), "checking");
        assert_eq!(
            key_of_name("Cash & Equivalents", None),
            key_of_name("cash and  equivalents", None)
        );
        assert_eq!(key_of_name("360 Checking", None), "360 checking");
    }

    #[test]
    fn other_accounts_collide_on_whole_names_only() {
        let c = chart(vec![
            account("Bank Charges & Fees", Expense),
            account("Bank Charges and Fees", Expense),
            account("Checking", Bank),
        ]);
        let found = run(Some(&c), &[], None);
        assert_eq!(codes(&found), ["duplicate_name"]);
        assert_eq!(found[0].confidence, 50);
        let c = chart(vec![
            account("Utilities:Gas", Expense),
            account("Automobile:Gas", Expense),
            account("Checking", Bank),
        ]);
        assert!(!codes(&run(Some(&c), &[], None)).contains(&"duplicate_name"));
    }

    #[test]
    fn leaf_names_collide_but_different_names_do_not() {
        let c = chart(vec![
            account("Checking", Bank),
            account("Bank:Checking", Bank),
        ]);
        assert_eq!(codes(&run(Some(&c), &[], None)), ["duplicate_name"]);
        let c = chart(vec![
            account("1010 Operating Checking", Bank),
            account("1020 Payroll Checking", Bank),
        ]);
        assert!(!codes(&run(Some(&c), &[], None)).contains(&"duplicate_name"));
        // Two expense accounts with one name are not a bank-feed problem.
        let c = chart(vec![
            account("Bank", Bank),
            account("Expenses:Other", Expense),
            account("Income:Other", Expense),
        ]);
        assert!(!codes(&run(Some(&c), &[], None)).contains(&"duplicate_name"));
    }
}
