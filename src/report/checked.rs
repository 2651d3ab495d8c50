//! "What we checked" (SPEC §4 `checked`): one entry per trigger code, saying whether it
//! was found, checked and clear, or could not be checked and why, so a `clear` is never
//! read as more than the files allowed.

use serde::Serialize;

use super::{words, Code, Report};
use crate::rules::{Needs, RULES};

/// One check of SPEC §4 and how it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checked {
    /// The trigger code.
    pub code: Code,
    /// What the check looks for, in a few plain words.
    pub title: &'static str,
    pub status: CheckStatus,
    /// In plain words: what was found, what was checked, or what was missing.
    pub why: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The check fired: see the findings with this code.
    Found,
    /// The check ran and nothing fired.
    Clear,
    /// The files needed for it were not given (or could not be read).
    NotChecked,
}

const NO_CHART: &str = "No chart of accounts was given, or it could not be read.";
const NO_STATEMENT: &str = "No bank or card statement was given, or none could be read.";
const NOTHING: &str = "None of the files could be read as a chart of accounts or a statement.";

/// Every check of SPEC §4 (every trigger the rules know), in SPEC order.
pub fn list(r: &Report) -> Vec<Checked> {
    let has_chart = r.chart.is_some();
    let has_statement = !r.statements.is_empty();
    RULES
        .iter()
        .map(|rule| {
            let t = &rule.trigger;
            let found = r.findings.iter().filter(|f| f.code == t.code).count();
            if found > 0 {
                return Checked {
                    code: t.code,
                    title: t.title,
                    status: CheckStatus::Found,
                    why: format!(
                        "{} in this report.",
                        words::count_of(found, "finding", "findings")
                    ),
                };
            }
            let missing = match t.needs {
                _ if !has_chart && !has_statement => Some(NOTHING),
                Needs::Chart | Needs::Both if !has_chart => Some(NO_CHART),
                Needs::Statement | Needs::Both if !has_statement => Some(NO_STATEMENT),
                _ => None,
            };
            let (status, why) = match missing {
                Some(why) => (CheckStatus::NotChecked, why),
                None => (CheckStatus::Clear, t.clear),
            };
            Checked {
                code: t.code,
                title: t.title,
                status,
                why: why.to_string(),
            }
        })
        .collect()
}
