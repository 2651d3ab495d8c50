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
use super::{Code, Needs};
use crate::model::{Severity, Statement, StatementFormat};

/// `institution_changed`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::InstitutionChanged,
    severity: Severity::Warning,
    fix_steps: &[1, 3],
    title: "The bank changed its systems",
    needs: Needs::Statement,
    clear: "No account's statements show the bank changing its systems.",
};

/// Reads one identifier of a statement.
type Field = fn(&Statement) -> Option<&str>;

/// The identifiers compared: the tag the evidence shows, and the words a person reads.
const FIELDS: &[(&str, &str, Field)] = &[
    ("ORG", "the bank's name in the file", |s| {
        s.institution.org.as_deref()
    }),
    ("FID", "the bank's identifier", |s| {
        s.institution.fid.as_deref()
    }),
    ("INTU.BID", "QuickBooks' identifier for the bank", |s| {
        s.institution.intu_bid.as_deref()
    }),
    ("BANKID", "the routing number", |s| {
        s.institution.bankid.as_deref()
    }),
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

/// A number shape in words: `10 digits`, `4 digits after 12 hidden`.
fn shape_words(shape: &str) -> String {
    let digits = shape.chars().filter(|&c| c == '9').count();
    let hidden = shape.chars().filter(|&c| c == 'X').count();
    let other = shape.chars().count() - digits - hidden;
    let mut w = format!("{digits} digits");
    if hidden > 0 {
        w.push_str(&format!(" after {hidden} hidden"));
    }
    if other > 0 {
        w.push_str(&format!(" and {other} other characters"));
    }
    w
}

fn is_ofx(s: &Statement) -> bool {
    s.format.is_some_and(|f| f != StatementFormat::Csv)
}

/// Runs the `institution_changed` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    // Statements of one account: by chart account, else by identity's number groups.
    // Keyed, so 100,000 statements group in one pass.
    let mut groups: BTreeMap<(bool, usize), Vec<usize>> = BTreeMap::new();
    for (i, s) in ctx.statements.iter().enumerate() {
        let id = ctx.identities.get(i);
        let by_account = ctx
            .matched_account(i)
            .filter(|(_, m)| m.kind != crate::identity::MatchKind::OnlyCandidate);
        let key = match by_account {
            Some((_, m)) => (false, m.account),
            None if s
                .account_number
                .as_ref()
                .is_some_and(|n| n.digits().len() >= 4) =>
            {
                (true, id.map_or(i, |id| id.group))
            }
            None => continue,
        };
        groups.entry(key).or_default().push(i);
    }
    for mut group in groups.into_values() {
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
        for (_, words, get) in FIELDS {
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
                changes.push(format!("{words} went from {}", list.join(" to ")));
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
            let shapes: Vec<String> = formats.iter().map(|(_, f)| shape_words(f)).collect();
            changes.push(format!(
                "the account number is written differently ({})",
                shapes.join(" then ")
            ));
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
             which gives Error 324. Update the bank connection and, if it still fails, \
             reconnect and map the account again.",
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
                    .filter_map(|(n, _, g)| g(s).map(|v| format!("{n} {v}")))
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
