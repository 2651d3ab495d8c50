//! The readable text form of a report, for a terminal: plain text, at most 80 columns,
//! the verdict first, then each finding with why it matters, its evidence and the fix
//! steps written out, then the statements, the chart and any problems reading the files.
//! Same content as the JSON.

use std::fmt::Write;

use super::checked::CheckStatus::{self, NotChecked};
use super::{words, Finding, Report, Verdict};
use crate::identity::MatchKind;
use crate::model::Severity;

/// Width the text is wrapped to.
pub const WIDTH: usize = 80;

/// Renders a report as plain text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    verdict(&mut out, report);
    plan(&mut out, report);
    if !report.findings.is_empty() {
        heading(&mut out, "What the files show");
        for (n, f) in report.findings.iter().enumerate() {
            finding(&mut out, n + 1, f, report);
        }
    }
    checked(&mut out, report);
    statements(&mut out, report);
    chart(&mut out, report);
    problems(&mut out, report);
    out
}

/// The verdict's heading and sentence, as the page shows them too (in its own markup):
/// likely, possible, checked and clear, clear but incomplete, or nothing checked.
pub fn verdict_words(r: &Report) -> (&'static str, String) {
    let count = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let missing = missing_words(r);
    match r.verdict {
        Verdict::Likely => (
            "Error 324 is likely",
            format!(
                "These files show {} QuickBooks fail with Error 324 (\"can't find this \
                 account at your bank\"). The plan below fixes {}.{}",
                if errors == 1 {
                    "a problem that makes".to_string()
                } else {
                    format!("{} problems that make", words::count(errors))
                },
                if errors == 1 { "it" } else { "them" },
                missing.map(|m| format!(" {m}")).unwrap_or_default()
            ),
        ),
        Verdict::Possible => (
            "Error 324 is possible",
            format!(
                "Nothing here is certain to cause Error 324, but {} can lead to it; the plan \
                 below says what to do.{}",
                words::count_of(warnings, "sign", "signs"),
                missing.map(|m| format!(" {m}")).unwrap_or_default()
            ),
        ),
        Verdict::Clear if r.complete => (
            "Checked: no known cause of Error 324",
            "Nothing in these files points to a cause of Error 324. The bank's side and the \
             browser cannot be checked from files, so the steps below are still worth trying."
                .to_string(),
        ),
        Verdict::Clear => (
            "Could not check everything",
            format!(
                "Nothing found in what could be checked, but the check is not complete. {}",
                missing.unwrap_or_default()
            ),
        ),
        Verdict::Unchecked if r.files.iter().any(|f| f.readable) => (
            "Nothing could be checked",
            "These files were read, but none of them holds a QuickBooks chart of accounts or \
             a bank statement, so nothing was checked. Add your chart of accounts and a bank \
             or card statement (see the problems below for what each file holds instead)."
                .to_string(),
        ),
        Verdict::Unchecked => (
            "Nothing could be checked",
            "None of these files could be read as a QuickBooks chart of accounts or a bank \
             statement, so nothing was checked. Add your chart of accounts and a bank or \
             card statement (see the problems below for why each file could not be read)."
                .to_string(),
        ),
    }
}

/// What the check lacks, in one sentence, when it lacks a side.
pub fn missing_words(r: &Report) -> Option<String> {
    if r.nothing_read() {
        return None;
    }
    if r.chart.is_none() {
        let n = r.checked.iter().filter(|c| c.status == NotChecked).count();
        return Some(format!(
            "No chart of accounts was given, so the statements could not be matched to \
             QuickBooks accounts and {} could not be checked: add the chart for the full check.",
            words::count_of(n, "check", "checks")
        ));
    }
    if r.statements.is_empty() {
        let n = r.checked.iter().filter(|c| c.status == NotChecked).count();
        return Some(format!(
            "Only the chart of accounts was read, so {} (account numbers, closed \
             accounts, stopped feeds) could not be checked: add bank or card statements too.",
            words::count_of(n, "check", "checks")
        ));
    }
    None
}

fn verdict(out: &mut String, r: &Report) {
    let (head, mut body) = verdict_words(r);
    let infos = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info)
        .count();
    let warnings = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let mut extra = Vec::new();
    if r.verdict == Verdict::Likely && warnings > 0 {
        extra.push(words::count_of(
            warnings,
            "sign worth checking",
            "signs worth checking",
        ));
    }
    if infos > 0 {
        extra.push(words::count_of(infos, "note", "notes"));
    }
    if !extra.is_empty() {
        body.push_str(&format!(" Also {}.", extra.join(" and ")));
    }
    let errors_reading = r
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if errors_reading > 0 && r.verdict != Verdict::Unchecked {
        body.push_str(&format!(
            " {} could not be read fully; see the end of this report.",
            words::count_of(errors_reading, "part of the files", "parts of the files")
        ));
    }
    let _ = writeln!(out, "{}.", head.to_uppercase());
    wrap_into(out, &body, "", "");
    if let Some(today) = &r.today {
        let _ = writeln!(out, "(Checked as of {today}.)");
    }
}

/// The plan: numbered, each step once, in order (SPEC §5).
fn plan(out: &mut String, r: &Report) {
    if r.plan.is_empty() {
        return;
    }
    heading(
        out,
        match r.verdict {
            Verdict::Likely | Verdict::Possible => "What to do, in this order",
            _ => "Worth trying even so",
        },
    );
    for (n, step) in r.plan.iter().enumerate() {
        let _ = writeln!(out);
        let lead = format!("{}. [ ] ", n + 1);
        let indent = " ".repeat(lead.chars().count());
        wrap_into(out, &step.title, &lead, &indent);
        for para in step.text.split('\n') {
            wrap_into(out, para, &indent, &indent);
        }
        if !step.accounts.is_empty() {
            wrap_into(
                out,
                &format!("Accounts: {}", step.accounts.join("; ")),
                &indent,
                &format!("{indent}  "),
            );
        }
    }
}

/// What was checked, found, or could not be checked (SPEC §4 `checked`).
fn checked(out: &mut String, r: &Report) {
    if r.checked.is_empty() {
        return;
    }
    heading(out, "What we checked");
    let _ = writeln!(out);
    for c in &r.checked {
        let mark = match c.status {
            CheckStatus::Found => "found",
            CheckStatus::Clear => "clear",
            NotChecked => "not checked",
        };
        wrap_into(
            out,
            &format!("{} [{mark}]: {}", c.title, c.why),
            "  - ",
            "    ",
        );
    }
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out);
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "{}", "=".repeat(title.chars().count()));
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "NOTE",
    }
}

fn finding(out: &mut String, n: usize, f: &Finding, r: &Report) {
    let _ = writeln!(out);
    // Number and severity lead the title; everything else hangs under the number.
    let number = format!("{n}. ");
    let indent = " ".repeat(number.chars().count());
    let lead = format!("{number}{}: ", severity_word(f.severity));
    wrap_into(out, &f.title, &lead, &indent);
    let _ = writeln!(out);
    wrap_into(out, &f.detail, &indent, &indent);
    if !f.accounts.is_empty() {
        let _ = writeln!(out);
        wrap_into(
            out,
            &format!("QuickBooks accounts: {}", f.accounts.join("; ")),
            &indent,
            &format!("{indent}  "),
        );
    }
    if !f.evidence.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{indent}Where to look (as the file writes it):");
        for e in &f.evidence {
            let place = match e.line {
                Some(l) => format!("{}:{l}", e.file),
                None => e.file.clone(),
            };
            let lead = format!("{indent}  {place}  ");
            let cont = format!("{indent}    ");
            wrap_into(out, &e.excerpt, &lead, &cont);
        }
    }
    // Which plan steps this finding calls for, by their number in the plan above.
    let steps: Vec<String> = r
        .plan
        .iter()
        .enumerate()
        .filter(|(_, s)| s.findings.contains(&(n - 1)))
        .map(|(k, _)| (k + 1).to_string())
        .collect();
    let _ = writeln!(out);
    let to_do = match steps.as_slice() {
        [] => String::new(),
        [one] => format!("What to do: step {one} above. "),
        _ => format!(
            "What to do: steps {} above. ",
            crate::rules::and_list(&steps)
        ),
    };
    wrap_into(
        out,
        &format!(
            "{to_do}(The checker is {} about this; code {}.)",
            words::confidence(f.confidence),
            f.code
        ),
        &indent,
        &indent,
    );
}

fn statements(out: &mut String, r: &Report) {
    if r.statements.is_empty() {
        return;
    }
    heading(out, "Statements read");
    for s in &r.statements {
        let number = s
            .account_last4
            .as_deref()
            .map(|l| format!("ending {l}"))
            .unwrap_or_else(|| "no account number".into());
        let kind = match s.kind {
            crate::model::AccountKind::Checking => "checking",
            crate::model::AccountKind::Savings => "savings",
            crate::model::AccountKind::MoneyMarket => "money market",
            crate::model::AccountKind::CreditLine => "credit line",
            crate::model::AccountKind::CreditCard => "credit card",
            crate::model::AccountKind::Unknown => "account",
        };
        let _ = writeln!(out);
        wrap_into(out, &format!("{} ({})", s.file, s.format), "  ", "    ");
        let at = s
            .bank
            .as_deref()
            .map(|b| format!(" at {b}"))
            .unwrap_or_default();
        let mut facts = format!(
            "{kind} {number}{at}, {}",
            words::count_of(s.transactions, "transaction", "transactions")
        );
        if let (Some(a), Some(b)) = (&s.first_date, &s.last_date) {
            facts.push_str(&format!(" from {a} to {b}"));
        }
        if let Some(bal) = &s.ending_balance {
            let shown = crate::model::Money::parse_plain(bal)
                .map(|m| words::money(m, s.currency.as_deref()))
                .unwrap_or_else(|| bal.clone());
            facts.push_str(&format!(", ending balance {shown}"));
        }
        wrap_into(out, &facts, "    ", "    ");
        let because = s.because.as_deref().unwrap_or("");
        let matched = match (&s.matched_account, s.match_kind) {
            (Some(a), Some(MatchKind::Number)) => {
                format!("QuickBooks account: {a}, because {because}")
            }
            (Some(a), Some(MatchKind::Likely)) => {
                format!("QuickBooks account: probably {a}, because {because}")
            }
            (Some(a), _) => format!("QuickBooks account: perhaps {a}, because {because}"),
            (None, _) if !s.possible_accounts.is_empty() => format!(
                "QuickBooks account: not decided; could be {} (nothing in the files \
                 tells them apart)",
                s.possible_accounts
                    .iter()
                    .map(|a| format!("“{a}”"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            (None, _) if r.chart.is_some() => "QuickBooks account: none found".to_string(),
            (None, _) => "QuickBooks account: no chart of accounts given".to_string(),
        };
        wrap_into(out, &matched, "    ", "      ");
    }
}

fn chart(out: &mut String, r: &Report) {
    let Some(c) = &r.chart else { return };
    heading(out, "Chart of accounts");
    let _ = writeln!(out);
    wrap_into(
        out,
        &format!(
            "{} ({}): {}, {} of them bank or credit card:",
            c.file,
            c.format,
            words::count_of(c.accounts, "account", "accounts"),
            c.bank_accounts.len()
        ),
        "  ",
        "    ",
    );
    for a in c.bank_accounts.iter().take(40) {
        let mut line = format!("{} ({})", a.name, a.account_type);
        if let Some(l) = &a.number_last4 {
            if !a.name.contains(l.as_str()) {
                line.push_str(&format!(", bank number …{l}"));
            }
        }
        if !a.active {
            line.push_str(", inactive");
        }
        wrap_into(out, &line, "    - ", "      ");
    }
    if c.bank_accounts.len() > 40 {
        let _ = writeln!(out, "    … and {} more", c.bank_accounts.len() - 40);
    }
}

fn problems(out: &mut String, r: &Report) {
    if r.problems.is_empty() {
        return;
    }
    heading(out, "Problems reading the files");
    let _ = writeln!(out);
    for p in &r.problems {
        let place = match p.line {
            Some(l) => format!("{}:{l}", p.file),
            None => p.file.clone(),
        };
        let lead = format!("  {place}: ");
        wrap_into(
            out,
            &format!("[{}] {}", severity_word(p.severity), p.message),
            &lead,
            "      ",
        );
    }
}

/// Appends `text` word-wrapped to [`WIDTH`] columns: the first line after `first`, the
/// rest after `rest`. A word longer than a line is put on its own line whole.
pub fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut line = String::from(first);
    let mut width = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !empty && width + 1 + w > WIDTH {
            let _ = writeln!(out, "{line}");
            line = String::from(rest);
            width = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            width += 1;
        }
        line.push_str(word);
        width += w;
        empty = false;
    }
    let _ = writeln!(out, "{}", line.trim_end());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_eighty_columns() {
        let mut out = String::new();
        let text = "word ".repeat(60);
        wrap_into(&mut out, &text, "  ", "    ");
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH));
        assert!(out.lines().count() > 3);
    }
}
