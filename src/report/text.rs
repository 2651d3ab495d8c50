//! The readable text form of a report, for a terminal: plain text, at most 80 columns,
//! the verdict first, then each finding with why it matters, its evidence and the fix
//! steps written out, then the statements, the chart and any problems reading the files.
//! Same content as the JSON.

use std::fmt::Write;

use super::{fix_step, Finding, Report, Verdict};
use crate::model::Severity;

/// Width the text is wrapped to.
pub const WIDTH: usize = 80;

/// Renders a report as plain text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    verdict(&mut out, report);
    if !report.findings.is_empty() {
        heading(&mut out, "What the files show");
        for (n, f) in report.findings.iter().enumerate() {
            finding(&mut out, n + 1, f);
        }
    }
    always(&mut out, report);
    statements(&mut out, report);
    chart(&mut out, report);
    problems(&mut out, report);
    out
}

fn verdict(out: &mut String, r: &Report) {
    let count = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let nothing_read = r.chart.is_none() && r.statements.is_empty();
    let head = match r.verdict {
        Verdict::Likely => "ERROR 324 IS LIKELY.",
        Verdict::Possible => "ERROR 324 IS POSSIBLE.",
        // "No cause found" would be a false comfort when no file could be read.
        Verdict::Clear if nothing_read => "NOTHING COULD BE CHECKED.",
        Verdict::Clear => "NO KNOWN CAUSE OF ERROR 324 FOUND.",
    };
    let mut body = match r.verdict {
        Verdict::Clear if nothing_read => "None of these files could be read as a QuickBooks \
                                           chart of accounts or a bank statement, so nothing \
                                           was checked."
            .to_string(),
        Verdict::Likely => format!(
            "These files show {} QuickBooks fail with Error 324 (\"can't find this \
             account at your bank\").",
            if errors == 1 {
                "a problem that makes".to_string()
            } else {
                format!("{errors} problems that make")
            }
        ),
        Verdict::Possible => format!(
            "Nothing here is certain to cause Error 324, but {} can lead to it.",
            plural(warnings, "sign", "signs")
        ),
        Verdict::Clear => "Nothing in these files points to a cause of Error 324. The bank's \
                           side and the browser cannot be checked from files, so the two \
                           steps below are still worth trying."
            .to_string(),
    };
    if !nothing_read && r.chart.is_none() {
        body.push_str(
            " No chart of accounts was given, so the statements could not be matched to \
             QuickBooks accounts; add the chart for the full check.",
        );
    } else if !nothing_read && r.statements.is_empty() {
        body.push_str(
            " Only the chart of accounts was checked; add bank statements to check \
             account numbers and feeds too.",
        );
    }
    let mut extra = Vec::new();
    if r.verdict == Verdict::Likely && warnings > 0 {
        extra.push(plural(warnings, "warning", "warnings"));
    }
    if infos > 0 {
        extra.push(plural(infos, "note", "notes"));
    }
    if !extra.is_empty() {
        body.push_str(&format!(" Also {}.", extra.join(" and ")));
    }
    let errors_reading = r
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if errors_reading > 0 {
        body.push_str(&format!(
            " {} could not be read fully; see the end of this report.",
            plural(errors_reading, "part of the files", "parts of the files")
        ));
    }
    let _ = writeln!(out, "{head}");
    wrap_into(out, &body, "", "");
    if let Some(today) = &r.today {
        let _ = writeln!(out, "(Checked as of {today}.)");
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
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

fn finding(out: &mut String, n: usize, f: &Finding) {
    let _ = writeln!(out);
    // Number and severity lead the title; everything else hangs under the number.
    let number = format!("{n}. ");
    let indent = " ".repeat(number.chars().count());
    let lead = format!("{number}{}: ", severity_word(f.severity));
    wrap_into(out, &f.title, &lead, &indent);
    let _ = writeln!(out, "{indent}({}, {}% sure)", f.code, f.confidence);
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
        let _ = writeln!(out, "{indent}Where to look:");
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
    if !f.fix_steps.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{indent}What to do:");
        for step in &f.fix_steps {
            if let Some((short, full)) = fix_step(*step) {
                let lead = format!("{indent}  {step}. ");
                let cont = " ".repeat(lead.chars().count());
                wrap_into(out, &format!("{short}. {full}"), &lead, &cont);
            }
        }
    }
}

/// Steps 1 and 5 apply whatever the files say (SPEC §4): list the ones no finding listed.
fn always(out: &mut String, r: &Report) {
    let missing: Vec<u8> = [1u8, 5]
        .into_iter()
        .filter(|s| !r.findings.iter().any(|f| f.fix_steps.contains(s)))
        .collect();
    if missing.is_empty() {
        return;
    }
    heading(out, "Always worth trying");
    for step in missing {
        if let Some((short, full)) = fix_step(step) {
            let lead = format!("  {step}. ");
            let cont = " ".repeat(lead.chars().count());
            wrap_into(out, &format!("{short}. {full}"), &lead, &cont);
        }
    }
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
            plural(s.transactions, "transaction", "transactions")
        );
        if let (Some(a), Some(b)) = (&s.first_date, &s.last_date) {
            facts.push_str(&format!(" from {a} to {b}"));
        }
        if let Some(bal) = &s.ending_balance {
            facts.push_str(&format!(", ending balance {bal}"));
            if let Some(c) = &s.currency {
                facts.push_str(&format!(" {c}"));
            }
        }
        wrap_into(out, &facts, "    ", "    ");
        let because = s.because.as_deref().unwrap_or("");
        let matched = match (&s.matched_account, s.match_kind) {
            (Some(a), Some("number")) => format!("QuickBooks account: {a}, because {because}"),
            (Some(a), Some("likely")) => {
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
            plural(c.accounts, "account", "accounts"),
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
