//! `institution_changed` (warning): statements of the same account carry different
//! institution identifiers (OFX `ORG`, `FID`, `INTU.BID`, `BANKID`) or a different
//! account-number format. That is what a bank's systems change (a merger, a new online
//! banking platform) looks like from the files, and QuickBooks' stored connection then
//! points at an institution id that no longer answers: Error 324.
//!
//! Statements are the same account when they match the same chart account, or, without
//! a chart match, when their account numbers agree. Formats are compared only between
//! OFX files, since a CSV never carries them.

use std::collections::BTreeMap;

use super::{account_name, statement_evidence, Context, Findings, Trigger};
use crate::identity::numbers_agree;
use crate::model::{Severity, Statement, StatementFormat};

/// `institution_changed`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: "institution_changed",
    severity: Severity::Warning,
    fix_steps: &[1, 3],
};

/// Reads one identifier of a statement.
type Field = fn(&Statement) -> Option<&str>;

/// The identifiers compared, with how the report names them.
const FIELDS: &[(&str, Field)] = &[
    ("ORG", |s| s.institution.org.as_deref()),
    ("FID", |s| s.institution.fid.as_deref()),
    ("INTU.BID", |s| s.institution.intu_bid.as_deref()),
    ("BANKID", |s| s.institution.bankid.as_deref()),
];

/// The shape of an account id: digits as `9`, mask characters as `X`.
fn number_format(id: &str) -> String {
    id.trim()
        .chars()
        .map(|c| match c {
            '0'..='9' => '9',
            'x' | 'X' | '*' | '•' | '#' => 'X',
            c => c,
        })
        .collect()
}

fn is_ofx(s: &Statement) -> bool {
    s.format.is_some_and(|f| f != StatementFormat::Csv)
}

/// Runs the `institution_changed` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    // Group statements of one account: by chart account, else by agreeing number.
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut loose: Vec<Vec<usize>> = Vec::new();
    for (i, s) in ctx.statements.iter().enumerate() {
        if let Some((_, m)) = ctx.matched_account(i) {
            if m.kind != crate::identity::MatchKind::OnlyCandidate {
                groups
                    .entry(format!("{:08}", m.account))
                    .or_default()
                    .push(i);
                continue;
            }
        }
        let Some(n) = s.account_number.as_ref().filter(|n| n.digits().len() >= 4) else {
            continue;
        };
        let found = loose.iter_mut().find(|g| {
            g.iter().any(|&j| {
                ctx.statements
                    .get(j)
                    .and_then(|o| o.account_number.as_ref())
                    .is_some_and(|o| numbers_agree(o, n))
            })
        });
        match found {
            Some(g) => g.push(i),
            None => loose.push(vec![i]),
        }
    }
    let all = groups.into_values().chain(loose);
    for mut group in all {
        if group.len() < 2 {
            continue;
        }
        // Oldest first, so the report says "from … to …".
        group.sort_by_key(|&i| {
            let last = ctx
                .statements
                .get(i)
                .and_then(|s| s.transactions.date_range().map(|r| r.1).or(s.download_date));
            (last, i)
        });
        let stmts: Vec<&Statement> = group
            .iter()
            .filter_map(|&i| ctx.statements.get(i))
            .collect();
        let mut changes: Vec<String> = Vec::new();
        let mut involved: Vec<usize> = Vec::new();
        for (name, get) in FIELDS {
            let mut values: Vec<(usize, String)> = Vec::new();
            for (k, s) in stmts.iter().enumerate() {
                if let Some(v) = get(s)
                    .map(|v| v.trim().to_uppercase())
                    .filter(|v| !v.is_empty())
                {
                    if values.last().is_none_or(|(_, last)| *last != v) {
                        values.push((k, v));
                    }
                }
            }
            if values.len() > 1 {
                let list: Vec<String> = values.iter().map(|(_, v)| v.clone()).collect();
                changes.push(format!("{name} {}", list.join(" → ")));
                involved.extend(values.iter().map(|(k, _)| *k));
            }
        }
        let mut formats: Vec<(usize, String)> = Vec::new();
        for (k, s) in stmts.iter().enumerate() {
            if let (true, Some(id)) = (is_ofx(s), s.account_id.as_deref()) {
                let f = number_format(id);
                if formats.last().is_none_or(|(_, last)| *last != f) {
                    formats.push((k, f));
                }
            }
        }
        if formats.len() > 1 {
            let list: Vec<String> = formats.iter().map(|(_, f)| f.clone()).collect();
            changes.push(format!("account number written as {}", list.join(" → ")));
            involved.extend(formats.iter().map(|(k, _)| *k));
        }
        if changes.is_empty() {
            continue;
        }
        involved.sort_unstable();
        involved.dedup();
        let account = ctx.matched_account(group[0]).map(|(a, _)| account_name(a));
        let whose = account
            .as_deref()
            .map(|a| format!("“{a}”"))
            .unwrap_or_else(|| super::statement_account_words(stmts[0]));
        let title = format!("The bank's identifiers for {whose} changed between statements");
        let detail = format!(
            "Statements of the same account disagree: {}. That is how a bank changing its \
             systems (a merger or a new online-banking platform) shows in the files, and \
             QuickBooks' saved connection then points at details the bank no longer uses, \
             which gives Error 324. Update the connection (Banking → Update) and, if it still \
             fails, reconnect and map the account again.",
            changes.join("; ")
        );
        let mut f = TRIGGER.finding(if changes.len() > 1 { 80 } else { 65 }, title, detail);
        f.accounts = account.into_iter().collect();
        f.statement = stmts.last().map(|s| s.file.clone());
        f.evidence = involved
            .iter()
            .filter_map(|&k| stmts.get(k))
            .map(|s| {
                let mut e = statement_evidence(s);
                let ids: Vec<String> = FIELDS
                    .iter()
                    .filter_map(|(n, g)| g(s).map(|v| format!("{n} {v}")))
                    .collect();
                if !ids.is_empty() {
                    e.excerpt = crate::report::mask_long_numbers(
                        &format!("{} · {}", e.excerpt, ids.join(" ")),
                        5,
                    );
                }
                e
            })
            .collect();
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::AccountKind::*;
    use crate::rules::testutil::*;

    #[test]
    fn fid_change_fires_same_ids_do_not() {
        let mut a = statement("oct.qbo", "000123454321", Checking);
        a.institution.fid = Some("1234".into());
        txn(&mut a, "2026-10-01", "1.00", "x", "1", 30);
        let mut b = statement("nov.qbo", "000123454321", Checking);
        b.institution.fid = Some("5678".into());
        txn(&mut b, "2026-11-01", "1.00", "x", "1", 30);
        assert_eq!(
            codes(&run(None, &[a.clone(), b.clone()], None)),
            ["institution_changed"]
        );
        b.institution.fid = Some("1234".into());
        assert!(run(None, &[a, b], None).is_empty());
    }
}
