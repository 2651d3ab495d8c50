//! The readable text form of a report, for a terminal. Same content as the JSON.
//! (being written; a plain listing until the rules issue lands)

use std::fmt::Write;

use super::Report;

/// Renders a report as plain text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Verdict: {:?}", report.verdict);
    for f in &report.findings {
        let _ = writeln!(out, "[{:?}] {} ({})", f.severity, f.title, f.code);
    }
    for s in &report.statements {
        let _ = writeln!(
            out,
            "Statement {} ({}): account {} , {} transactions",
            s.file,
            s.format,
            s.account_last4
                .as_deref()
                .map(|l| format!("…{l}"))
                .unwrap_or_else(|| "unknown".into()),
            s.transactions
        );
    }
    for p in &report.problems {
        let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
        let _ = writeln!(out, "Problem {}{}: {}", p.file, line, p.message);
    }
    out
}
