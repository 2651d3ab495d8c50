//! The 324 triggers of SPEC §4, one module per family. Each rule reads the
//! [`Context`] and pushes [`Finding`]s into a [`Findings`] sink; the report orders,
//! masks and judges them once. (rules being written)

use crate::identity::AccountMatch;
use crate::model::{Chart, Date, ListedAccount, Statement};
use crate::report::Finding;

/// Everything the rules may look at. No clock: `today` is given.
pub struct Context<'a> {
    pub chart: Option<&'a Chart>,
    pub statements: &'a [Statement],
    /// `matches[i]` is the chart account of `statements[i]`.
    pub matches: &'a [Option<AccountMatch>],
    /// Accounts the banks' account lists name (for duplicate bank-side names).
    pub listed_accounts: &'a [ListedAccount],
    pub today: Option<Date>,
}

/// Where rules put what they find (ripgrep's `Sink`, in small).
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    pub fn push(&mut self, f: Finding) {
        self.items.push(f);
    }

    pub fn into_vec(self) -> Vec<Finding> {
        self.items
    }
}

/// Runs every rule.
pub fn run(ctx: &Context<'_>, out: &mut Findings) {
    let _ = (ctx, out);
}
