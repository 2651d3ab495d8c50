//! "What we checked" (SPEC §4 `checked`): one entry per trigger code, saying whether it
//! was found, checked and clear, or could not be checked and why, so a `clear` is never
//! read as more than the files allowed.

use serde::Serialize;

use super::{words, Report};

/// One check of SPEC §4 and how it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checked {
    /// The trigger code (`feed_gap`, ...).
    pub code: &'static str,
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

/// What a check needs to run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    Chart,
    Statement,
    Both,
}

/// Each check: what it needs, and what "clear" means in words.
fn about(code: &str) -> (Needs, &'static str) {
    match code {
        "duplicate_name" => (Needs::Chart, "No two accounts in the chart share a name."),
        "similar_name" => (
            Needs::Chart,
            "No two bank or card accounts have nearly the same name.",
        ),
        "duplicate_bank_number" => (
            Needs::Chart,
            "No two accounts in the chart carry the same bank number.",
        ),
        "statement_account_unmatched" => (
            Needs::Both,
            "Every statement belongs to an account in the chart.",
        ),
        "account_number_changed" => (
            Needs::Both,
            "No statement shows a different account or card number from its QuickBooks account.",
        ),
        "inactive_account" => (
            Needs::Chart,
            "No statement belongs to an inactive account, and no inactive account still shows a bank balance.",
        ),
        "account_type_mismatch" => (
            Needs::Both,
            "Each statement is the same kind of account (bank or card) as its QuickBooks account.",
        ),
        "statement_account_closed" => (
            Needs::Statement,
            "No statement shows its account being closed.",
        ),
        "institution_changed" => (
            Needs::Statement,
            "No account's statements show the bank changing its systems.",
        ),
        "feed_gap" => (
            Needs::Statement,
            "No statement shows its transactions stopping.",
        ),
        "balance_mismatch" => (
            Needs::Both,
            "No bank balance in the chart disagrees with a statement.",
        ),
        "duplicate_transactions" => (Needs::Statement, "No transaction appears twice."),
        "no_bank_accounts" => (Needs::Chart, "The chart has bank or card accounts."),
        "name_number_mismatch" => (
            Needs::Chart,
            "No account's name contradicts its own bank number.",
        ),
        "upload_rejected" => (
            Needs::Statement,
            "QuickBooks would take each statement file as it is.",
        ),
        _ => (Needs::Statement, "Nothing found."),
    }
}

/// What each check looks for, as a short plain heading.
fn title(code: &str) -> &'static str {
    match code {
        "duplicate_name" => "Accounts with the same name",
        "similar_name" => "Accounts with nearly the same name",
        "duplicate_bank_number" => "Two accounts with one bank number",
        "statement_account_unmatched" => "Statements QuickBooks has no account for",
        "account_number_changed" => "A new card or account number",
        "inactive_account" => "Inactive accounts still in use",
        "account_type_mismatch" => "Bank account or card mixed up",
        "statement_account_closed" => "Closed accounts",
        "institution_changed" => "The bank changed its systems",
        "feed_gap" => "Transactions that stopped coming",
        "balance_mismatch" => "Balances that disagree",
        "duplicate_transactions" => "Transactions that appear twice",
        "no_bank_accounts" => "A chart without bank accounts",
        "name_number_mismatch" => "A name that contradicts its own number",
        "upload_rejected" => "Files QuickBooks would refuse",
        _ => "Other check",
    }
}

const NO_CHART: &str = "No chart of accounts was given, or it could not be read.";
const NO_STATEMENT: &str = "No bank or card statement was given, or none could be read.";
const NOTHING: &str = "None of the files could be read as a chart of accounts or a statement.";

/// Every check of SPEC §4 (every trigger the rules know), in SPEC order.
pub fn list(r: &Report) -> Vec<Checked> {
    let has_chart = r.chart.is_some();
    let has_statement = !r.statements.is_empty();
    crate::rules::TRIGGERS
        .iter()
        .map(|t| {
            let found = r.findings.iter().filter(|f| f.code == t.code).count();
            let (needs, clear) = about(t.code);
            let title = title(t.code);
            if found > 0 {
                return Checked {
                    code: t.code,
                    title,
                    status: CheckStatus::Found,
                    why: format!(
                        "{} in this report.",
                        words::count_of(found, "finding", "findings")
                    ),
                };
            }
            let missing = match needs {
                _ if !has_chart && !has_statement => Some(NOTHING),
                Needs::Chart | Needs::Both if !has_chart => Some(NO_CHART),
                Needs::Statement | Needs::Both if !has_statement => Some(NO_STATEMENT),
                _ => None,
            };
            match missing {
                Some(why) => Checked {
                    title,
                    code: t.code,
                    status: CheckStatus::NotChecked,
                    why: why.to_string(),
                },
                None => Checked {
                    title,
                    code: t.code,
                    status: CheckStatus::Clear,
                    why: clear.to_string(),
                },
            }
        })
        .collect()
}
