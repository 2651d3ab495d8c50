//! Which chart account a statement belongs to: by bank number (full, else last four),
//! else the *likely* account (same kind, same institution named). (being written)

use crate::model::{Chart, Statement};

/// How a statement was tied to a chart account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// The bank numbers agree.
    Number,
    /// No number agrees, but one account of the same kind names the same institution.
    Likely,
}

/// The chart account (index into `chart.accounts`) a statement belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountMatch {
    pub account: usize,
    pub kind: MatchKind,
}

/// Matches every statement; `None` where no account fits.
pub fn match_statements(
    chart: Option<&Chart>,
    statements: &[Statement],
) -> Vec<Option<AccountMatch>> {
    let _ = chart;
    vec![None; statements.len()]
}
