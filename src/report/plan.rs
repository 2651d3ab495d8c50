//! The plan (SPEC §5 `plan`): what to do, in the order a person should do it, each step
//! once, written for the findings (which account to rename, which to make active, which
//! card number to ask the bank about) in the menu words of the user's edition (SPEC §1).
//!
//! Built from the finished report alone (findings already ordered, numbers masked), so
//! the CLI's text, the JSON and the page show the same plan.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{BankAccountSummary, Code, Edition, Finding, Report, StatementSummary};
use crate::model::AccountKind;

vocabulary! {
    /// Which step (SPEC §5 `plan[].id`), declared in the order a person should work.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum PlanStepId {
        Rename = "rename",
        MakeActive = "make_active",
        AskBank = "ask_bank",
        Refresh = "refresh",
        Reconnect = "reconnect",
        Upload = "upload",
        ClearBrowser = "clear_browser",
    }
}

/// One step of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanStep {
    pub id: PlanStepId,
    /// The seed step of SPEC §1 this one refines (`fix_steps` numbers), if any.
    pub step: Option<u8>,
    pub title: String,
    /// What to do, in plain words and the edition's menu words. Paragraphs are separated
    /// by `\n`: first what to do for these files, then where to find it in QuickBooks.
    pub text: String,
    /// The chart accounts it concerns (numbers masked).
    pub accounts: Vec<String>,
    /// Indexes into the report's `findings` that call for this step.
    pub findings: Vec<usize>,
}

/// One kind of step: its order, seed step, title, and menu words per edition (SPEC §1's
/// table, as data).
struct Kind {
    id: PlanStepId,
    step: Option<u8>,
    title: &'static str,
    /// What the step is for, whatever the findings.
    why: &'static str,
    online: &'static str,
    desktop: Option<&'static str>,
    self_employed: Option<&'static str>,
}

/// Every step, in the order a person should work: fix the chart first (names, active
/// accounts), learn from the bank what changed, then refresh, and only then reconnect;
/// the browser last.
const KINDS: &[Kind] = &[
    Kind {
        id: PlanStepId::Rename,
        step: Some(2),
        title: "Give each account a name of its own",
        why: "QuickBooks matches the bank's accounts to yours partly by name; two accounts \
              with the same or nearly the same name confuse it.",
        online: "Settings ⚙ → Chart of accounts → find the account → Edit (or, in Bank \
                 transactions, ✎ on the account's tile → Edit account details).",
        desktop: Some("Lists → Chart of Accounts → select the account → Edit Account."),
        self_employed: Some("Settings ⚙ → Transactions → Manage accounts → ✎."),
    },
    Kind {
        id: PlanStepId::MakeActive,
        step: None,
        title: "Make the account active again",
        why: "An inactive account cannot receive a bank feed.",
        online: "Settings ⚙ → Chart of accounts → ⚙ above the list → tick Include inactive → \
                 find the account → Make active.",
        desktop: Some(
            "Lists → Chart of Accounts → tick Include inactive → select the account → \
             Account → Make Account Active.",
        ),
        self_employed: None,
    },
    Kind {
        id: PlanStepId::AskBank,
        step: Some(4),
        title: "Check the account with your bank",
        why: "Ask your bank to confirm that the account is open and active, that its number \
              has not changed, and that its online access (the connection QuickBooks uses) \
              works.",
        online: "",
        desktop: Some(""),
        self_employed: None,
    },
    Kind {
        id: PlanStepId::Refresh,
        step: Some(1),
        title: "Refresh the bank connection",
        why: "Many Error 324 messages clear once the bank answers again: refresh, wait a few \
              minutes, then look again.",
        online: "Bank transactions (in newer menus: All apps → Accounting → Bank \
                 transactions) → Update.",
        desktop: Some(
            "Banking → Bank Feeds → Bank Feeds Center → select the bank → Download \
             Transactions.",
        ),
        self_employed: Some(
            "Transactions: let the accounts update; if nothing changes, sign out and back in.",
        ),
    },
    Kind {
        id: PlanStepId::Reconnect,
        step: Some(3),
        title: "Reconnect and map the account",
        why: "If refreshing does not clear the error, connect again and map the bank's \
              account to the QuickBooks account you already have: your history and bank \
              rules stay.",
        online: "On the account, choose Fix now → sign in to your bank → share All \
                 accounts → map the bank's updated account to your existing QuickBooks \
                 account. Only if that fails: ✎ → Edit account info → tick Disconnect this \
                 account on save → Save, then Link account and map it again.",
        desktop: Some(
            "Lists → Chart of Accounts → Edit Account → Bank Feed Settings → Deactivate \
             All Online Services → Save & Close. Then set up the bank feed again, or \
             download the bank's Web Connect file (.qbo) and import it with File → \
             Utilities → Import → Web Connect Files → “Use an existing QuickBooks account”.",
        ),
        self_employed: Some(
            "Transactions → ▼ next to Add transaction → Manage accounts → Authenticate \
             account.",
        ),
    },
    Kind {
        id: PlanStepId::Upload,
        step: None,
        title: "Bring in the transactions the feed missed",
        why: "A reconnect brings back only about the last 90 days. The recovery files made here \
              made hold exactly the transactions QuickBooks is missing; upload them into \
              the account once it is connected again, and check the ones marked for review.",
        online: "Bank transactions → Link account ▼ → Upload from file → choose the recovery \
                 CSV → pick the QuickBooks account it belongs to.",
        desktop: Some(
            "File → Utilities → Import → Web Connect Files → choose the recovery .qbo → \
             “Use an existing QuickBooks account” → pick the account.",
        ),
        self_employed: None,
    },
    Kind {
        id: PlanStepId::ClearBrowser,
        step: Some(5),
        title: "Clear your browser’s cache, or try another browser",
        why: "Old saved pages can keep showing an error that is already fixed.",
        online: "Clear the browser’s cache and cookies for QuickBooks, or sign in from a \
                 private window or another browser.",
        // QuickBooks Desktop is not a browser product.
        desktop: None,
        self_employed: Some(
            "clear the browser’s cache and cookies, or sign in from a private window or \
             another browser.",
        ),
    },
];

/// Where the step is, in the edition's words (SPEC §1). `None` when the step does not
/// exist in that edition.
fn menu(kind: &Kind, edition: Edition) -> Option<String> {
    let online = |t: &str| {
        if t.is_empty() {
            String::new()
        } else {
            format!("In QuickBooks Online: {t}")
        }
    };
    let desktop = |t: &str| {
        if t.is_empty() {
            String::new()
        } else {
            format!("In QuickBooks Desktop: {t}")
        }
    };
    match edition {
        Edition::Online => Some(online(kind.online)),
        Edition::Desktop => kind.desktop.map(desktop),
        // Self-Employed has no chart of accounts: a step without its own words there
        // keeps its title and reason, never Online's chart menus.
        Edition::SelfEmployed => Some(match kind.self_employed {
            Some(t) => format!("In QuickBooks Self-Employed / Solopreneur: {t}"),
            None => String::new(),
        }),
        Edition::Unknown => Some(match kind.desktop {
            Some(d) if !d.is_empty() => format!("{}\n{}", online(kind.online), desktop(d)),
            Some(_) => String::new(),
            None => format!("{} (QuickBooks Online only.)", online(kind.online)),
        }),
    }
}

/// Which steps a finding calls for. Codes the plan knows get the steps their fix needs
/// (an inactive account is made active and the bank asked before reconnecting); any
/// other code gets the steps of its `fix_steps` numbers.
fn steps_for(f: &Finding) -> Vec<PlanStepId> {
    match f.code {
        Code::DuplicateName | Code::SimilarName | Code::DuplicateBankNumber => {
            vec![PlanStepId::Rename]
        }
        Code::NameNumberMismatch => vec![PlanStepId::Rename, PlanStepId::AskBank],
        Code::StatementAccountUnmatched | Code::AccountNumberChanged => {
            vec![PlanStepId::AskBank, PlanStepId::Reconnect]
        }
        Code::InactiveAccount => vec![
            PlanStepId::MakeActive,
            PlanStepId::AskBank,
            PlanStepId::Reconnect,
        ],
        Code::AccountTypeMismatch => vec![PlanStepId::Reconnect],
        Code::StatementAccountClosed => vec![PlanStepId::AskBank],
        Code::InstitutionChanged => vec![PlanStepId::Refresh, PlanStepId::Reconnect],
        Code::FeedGap | Code::BalanceMismatch => vec![PlanStepId::Refresh],
        Code::UploadRejected => vec![PlanStepId::Upload],
        _ => f
            .fix_steps
            .iter()
            .filter_map(|n| match n {
                1 => Some(PlanStepId::Refresh),
                2 => Some(PlanStepId::Rename),
                3 => Some(PlanStepId::Reconnect),
                4 => Some(PlanStepId::AskBank),
                5 => Some(PlanStepId::ClearBrowser),
                _ => None,
            })
            .collect(),
    }
}

/// The plan for a finished report.
pub fn build(r: &Report) -> Vec<PlanStep> {
    let look = Lookup::new(r);
    let mut plan = Vec::new();
    for kind in KINDS {
        let Some(where_) = menu(kind, r.edition) else {
            continue;
        };
        let mut findings = Vec::new();
        // In first-seen order, each once (the sets keep that linear in findings).
        let mut accounts: Vec<String> = Vec::new();
        let mut lines: Vec<String> = Vec::new();
        let (mut have_account, mut have_line) = (HashSet::new(), HashSet::new());
        for (i, f) in r.findings.iter().enumerate() {
            if !steps_for(f).contains(&kind.id) {
                continue;
            }
            findings.push(i);
            for a in &f.accounts {
                if have_account.insert(a.as_str()) {
                    accounts.push(a.clone());
                }
            }
            if let Some(line) = specific(kind.id, f, &look) {
                if have_line.insert(line.clone()) {
                    lines.push(line);
                }
            }
        }
        // Refreshing and the browser apply whatever the files say: no file can rule out
        // the bank's side or a stale page (SPEC §4). Every other step only when called for.
        // Refreshing and the browser always; the upload whenever there are recovery files.
        let always = matches!(kind.id, PlanStepId::Refresh | PlanStepId::ClearBrowser)
            || (kind.id == PlanStepId::Upload && !r.recovery.is_empty());
        if kind.id == PlanStepId::Upload {
            // The recovery files themselves call for this step, finding or not.
            for rec in &r.recovery {
                let line = format!(
                    "For {}: {} from {} to {} in the recovery files ({} already in QuickBooks \
                     left out{}).",
                    q(&rec.account),
                    super::words::count_of(rec.transactions, "transaction", "transactions"),
                    rec.from,
                    rec.to,
                    super::words::count(rec.already_in_quickbooks),
                    if rec.to_review > 0 {
                        format!("; {} to review", super::words::count(rec.to_review))
                    } else {
                        String::new()
                    }
                );
                if have_line.insert(line.clone()) {
                    lines.push(line);
                }
                if have_account.insert(rec.account.as_str()) {
                    accounts.push(rec.account.clone());
                }
            }
        }
        if findings.is_empty() && !always {
            continue;
        }
        let mut text = lines;
        text.push(kind.why.to_string());
        if !where_.is_empty() {
            text.push(where_);
        }
        plan.push(PlanStep {
            id: kind.id,
            step: kind.step,
            title: kind.title.to_string(),
            text: text.join("\n"),
            accounts,
            findings,
        });
    }
    plan
}

/// Finds the chart's and statements' facts behind a finding's names.
struct Lookup<'a> {
    r: &'a Report,
    /// The chart's bank accounts by name, in chart order: one lookup per finding, not a
    /// scan of a 100,000-account chart per finding.
    by_name: HashMap<&'a str, Vec<&'a BankAccountSummary>>,
}

impl<'a> Lookup<'a> {
    fn new(r: &'a Report) -> Lookup<'a> {
        let mut by_name: HashMap<&str, Vec<&BankAccountSummary>> = HashMap::new();
        for a in r.chart.iter().flat_map(|c| &c.bank_accounts) {
            by_name.entry(a.name.as_str()).or_default().push(a);
        }
        Lookup { r, by_name }
    }

    /// The chart's bank account a finding names (by name, or by label: the name plus
    /// ` (…1234)`).
    fn account(&self, label: &str) -> Option<&'a BankAccountSummary> {
        let named = |name: &str| self.by_name.get(name).map(Vec::as_slice).unwrap_or(&[]);
        named(label).first().copied().or_else(|| {
            let (name, tail) = label.rsplit_once(" (…")?;
            let digits = tail.strip_suffix(')')?;
            let list = named(name);
            list.iter()
                .find(|a| a.number_last4.as_deref() == Some(digits))
                .or_else(|| list.first())
                .copied()
        })
    }

    /// The name a finding's label stands for (the label without its ` (…1234)`).
    fn name(&self, label: &str) -> String {
        self.account(label)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| label.to_string())
    }

    /// The last four digits QuickBooks holds for an account: its bank number, else the
    /// ` (…1234)` of its label.
    fn last4(&self, label: &str) -> Option<String> {
        self.account(label)
            .and_then(|a| a.number_last4.clone())
            .or_else(|| {
                let tail = label.rsplit_once(" (…")?.1.strip_suffix(')')?;
                tail.chars()
                    .all(|c| c.is_ascii_digit())
                    .then(|| tail.to_string())
            })
    }

    /// The statement a finding is about: the one of its file that belongs to one of
    /// its accounts, else the file's first.
    fn statement(&self, f: &Finding) -> Option<&'a StatementSummary> {
        let file = f.statement.as_deref()?;
        let mine: Vec<&StatementSummary> = self
            .r
            .statements
            .iter()
            .filter(|s| s.file == file)
            .collect();
        mine.iter()
            .find(|s| {
                s.matched_account
                    .as_ref()
                    .is_some_and(|m| f.accounts.iter().any(|a| self.name(a) == *m))
            })
            .or(mine.first())
            .copied()
    }
}

/// `“Name”`.
fn q(name: &str) -> String {
    format!("“{name}”")
}

fn noun(kind: AccountKind) -> &'static str {
    crate::rules::kind_noun(kind)
}

/// `the card ending 2008`, `the account in amex.qbo`.
fn statement_words(s: &StatementSummary) -> String {
    match &s.account_last4 {
        Some(l) => format!("the {} ending {l}", noun(s.kind)),
        None => format!("the {} in {}", noun(s.kind), s.file),
    }
}

/// `American Express` or `your bank`.
fn bank_of(s: Option<&StatementSummary>) -> String {
    s.and_then(|s| s.bank.clone())
        .unwrap_or_else(|| "your bank".to_string())
}

/// What this finding asks of this step, for these accounts, in one or two sentences.
fn specific(id: PlanStepId, f: &Finding, look: &Lookup<'_>) -> Option<String> {
    let names: Vec<String> = f.accounts.iter().map(|a| look.name(a)).collect();
    let first = names.first().map(|n| q(n));
    let statement = look.statement(f);
    match (id, f.code) {
        (PlanStepId::Rename, Code::DuplicateBankNumber) if names.len() >= 2 => {
            let keep = &names[0];
            let other = &names[1..];
            let number = look
                .last4(&f.accounts[0])
                .map(|l| format!(" (ending {l})"))
                .unwrap_or_default();
            Some(format!(
                "{} carry the same bank number{number}, but only one of them can be that \
                 account. Keep it on {}; for {}, correct the number and rename it after the \
                 account it really is.",
                and_names(&names),
                q(keep),
                or_names(other)
            ))
        }
        (PlanStepId::Rename, Code::DuplicateName | Code::SimilarName) if names.len() >= 2 => {
            Some(rename_one(f, look))
        }
        (PlanStepId::Rename, Code::NameNumberMismatch) => first.map(|n| {
            format!(
                "The last four digits in the name of {n} differ from its own bank number: \
                 once the bank confirms which is right, rename it (or correct its number) so \
                 the two agree."
            )
        }),
        (PlanStepId::MakeActive, _) => first.map(|n| {
            format!(
                "Make {n} active again, so the bank feed has an account to deliver to. \
                 Before you reconnect it, ask the bank whether it is still open (next step)."
            )
        }),
        (PlanStepId::AskBank, Code::AccountNumberChanged) => {
            let s = statement?;
            let old = f
                .accounts
                .first()
                .and_then(|a| look.last4(a))
                .map(|l| format!(" ending {l}"))
                .unwrap_or_default();
            let what = match &s.account_last4 {
                Some(l) => format!("{} ending {l}", noun(s.kind)),
                None => format!("{} in {}", noun(s.kind), s.file),
            };
            Some(format!(
                "Ask {} whether the {what} replaced the one{old} that QuickBooks has as {}, \
                 and whether online access is set up for the new number.",
                bank_of(Some(s)),
                first.unwrap_or_else(|| "your account".into())
            ))
        }
        (PlanStepId::AskBank, Code::StatementAccountUnmatched) => {
            let s = statement?;
            Some(format!(
                "Ask {} about {} ({}): is it open, and is it the account QuickBooks should \
                 connect to? No account in your chart carries its number.",
                bank_of(Some(s)),
                statement_words(s),
                s.file
            ))
        }
        (PlanStepId::AskBank, Code::InactiveAccount) => first.map(|n| {
            format!("Ask the bank whether the account behind {n} is still open before you reconnect it.")
        }),
        (PlanStepId::AskBank, Code::StatementAccountClosed) => {
            let s = statement?;
            Some(format!(
                "Ask {} whether {} was closed. If it was, leave its QuickBooks account \
                 inactive and disconnect its feed instead of reconnecting it.",
                bank_of(Some(s)),
                statement_words(s)
            ))
        }
        (PlanStepId::AskBank, Code::NameNumberMismatch) => first.map(|n| {
            format!("Ask the bank which number the account {n} stands for really has.")
        }),
        (PlanStepId::Reconnect, Code::AccountNumberChanged) => {
            let s = statement?;
            Some(format!(
                "Map the bank’s {} to your existing {}.",
                statement_words(s).trim_start_matches("the "),
                first.unwrap_or_else(|| "account".into())
            ))
        }
        (PlanStepId::Reconnect, Code::StatementAccountUnmatched) => {
            let s = statement?;
            Some(format!(
                "Map the bank’s {} to the QuickBooks account it belongs to (add one if your \
                 chart has none).",
                statement_words(s).trim_start_matches("the ")
            ))
        }
        (PlanStepId::Reconnect, Code::InactiveAccount) => first.map(|n| {
            format!("Once {n} is active and the bank confirms it is open, reconnect it.")
        }),
        (PlanStepId::Reconnect, Code::AccountTypeMismatch) => first.map(|n| {
            format!(
                "The bank sends {n} as a different kind of account (bank or card) than \
                 QuickBooks has: map the bank’s account to a QuickBooks account of the same \
                 kind."
            )
        }),
        (PlanStepId::Reconnect | PlanStepId::Refresh, Code::InstitutionChanged) => first.map(|n| {
            if id == PlanStepId::Refresh {
                format!("The bank changed its systems for {n}: refresh first.")
            } else {
                format!("If refreshing does not help, reconnect {n} and map it to the same QuickBooks account.")
            }
        }),
        (PlanStepId::Refresh, Code::FeedGap) => Some(match first {
            Some(n) => format!("The transactions for {n} stopped coming: refresh its connection."),
            None => match statement {
                Some(s) => format!(
                    "The transactions for {} stopped coming: refresh its connection.",
                    statement_words(s)
                ),
                None => "A feed stopped delivering transactions: refresh it.".to_string(),
            },
        }),
        (PlanStepId::Refresh, Code::BalanceMismatch) => first.map(|n| {
            format!("The balance QuickBooks shows from the bank for {n} differs from the statement: a refresh brings it up to date.")
        }),
        _ => None,
    }
}

/// Which of two (or more) same or nearly same names to rename, and how: the inactive
/// one, else one the bank does not feed, else the later one; add the last four digits
/// only when they would tell the names apart.
fn rename_one(f: &Finding, look: &Lookup<'_>) -> String {
    let labels = &f.accounts;
    let info: Vec<Option<&BankAccountSummary>> = labels.iter().map(|l| look.account(l)).collect();
    let pick = info
        .iter()
        .position(|a| a.is_some_and(|a| !a.active))
        .or_else(|| {
            let fed = |a: &Option<&BankAccountSummary>| a.is_some_and(|a| a.bank_balance.is_some());
            if info.iter().any(fed) {
                info.iter().position(|a| !fed(a))
            } else {
                None
            }
        })
        .unwrap_or(labels.len() - 1);
    let target = look.name(&labels[pick]);
    let others: Vec<String> = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != pick)
        .map(|(_, l)| look.name(l))
        .collect();
    // Two accounts of one name are told apart by their labels (`Savings (…7730)`).
    let shown = |i: usize| {
        let n = look.name(&labels[i]);
        let same = labels
            .iter()
            .enumerate()
            .any(|(j, l)| j != i && look.name(l) == n);
        if same {
            labels[i].clone()
        } else {
            n
        }
    };
    let shown_others: Vec<String> = (0..labels.len())
        .filter(|&i| i != pick)
        .map(shown)
        .collect();
    let why = match info[pick] {
        Some(a) if !a.active => " (the inactive one)",
        Some(a)
            if a.bank_balance.is_none()
                && info.iter().flatten().any(|o| o.bank_balance.is_some()) =>
        {
            " (the one not connected to the bank)"
        }
        _ => "",
    };
    let mine = look.last4(&labels[pick]);
    let others_last4: Vec<Option<String>> = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != pick)
        .map(|(_, l)| look.last4(l))
        .collect();
    let how = match &mine {
        // The names already carry these digits, and so do the others: the last four
        // cannot tell them apart.
        Some(l) if target.contains(l.as_str()) && others.iter().any(|o| o.contains(l.as_str())) => {
            format!(
                "Both names already carry the last four digits {l}, so those will not tell \
                 them apart: add what the account is for or whose it is, for example {}.",
                q(&format!("{target} (old)"))
            )
        }
        Some(l) if !target.contains(l.as_str()) && !others_last4.contains(&mine) => format!(
            "Add the last four digits of its number, for example {}.",
            q(&format!("{target} …{l}"))
        ),
        // Not a bank or card account (an expense account, say): no bank number to add.
        _ if look.r.chart.is_some() && info[pick].is_none() => "If both are in use, give it \
              a name of its own; if it is a leftover copy, move its transactions to the other \
              and make it inactive."
            .to_string(),
        _ => "Add something that tells them apart, such as the last four digits of its \
              account number (from your bank statement) or what the account is for."
            .to_string(),
    };
    format!(
        "Rename {}{why}, so it no longer matches {}. {how}",
        q(&shown(pick)),
        and_names(&shown_others)
    )
}

fn and_names(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| q(n)).collect();
    crate::rules::and_list(&quoted)
}

fn or_names(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| q(n)).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::FileFormat;
    use crate::identity::MatchKind;
    use crate::model::{ChartFormat, Severity, StatementFormat};
    use crate::report::{ChartSummary, Evidence, Verdict};

    fn finding(code: Code, severity: Severity, accounts: &[&str]) -> Finding {
        Finding {
            code,
            severity,
            title: code.to_string(),
            detail: String::new(),
            accounts: accounts.iter().map(|a| a.to_string()).collect(),
            statement: None,
            evidence: Vec::<Evidence>::new(),
            fix_steps: Vec::new(),
            confidence: 80,
            reason: None,
        }
    }

    fn bank(name: &str, last4: Option<&str>, active: bool, fed: bool) -> BankAccountSummary {
        BankAccountSummary {
            name: name.into(),
            account_type: "Bank".into(),
            active,
            number_last4: last4.map(str::to_string),
            balance: None,
            bank_balance: fed.then(|| "10.00".to_string()),
            line: 2,
        }
    }

    fn report(
        format: ChartFormat,
        accounts: Vec<BankAccountSummary>,
        findings: Vec<Finding>,
    ) -> Report {
        let mut r = Report::new(None);
        r.chart = Some(ChartSummary {
            company: None,
            file: "chart.csv".into(),
            format,
            accounts: accounts.len(),
            bank_accounts: accounts,
        });
        r.findings = findings;
        r.finish();
        r
    }

    /// The ids as the JSON writes them.
    fn ids(r: &Report) -> Vec<&'static str> {
        r.plan.iter().map(|s| s.id.name()).collect()
    }

    #[test]
    fn every_step_id_has_one_kind_in_declared_order() {
        let ids: Vec<PlanStepId> = KINDS.iter().map(|k| k.id).collect();
        assert_eq!(ids, PlanStepId::ALL);
    }

    #[test]
    fn steps_come_in_working_order_each_once() {
        let r = report(
            ChartFormat::QboCsv,
            vec![
                bank("Checking", Some("1111"), true, true),
                bank("Bank:Checking", None, true, false),
                bank("Old Savings", Some("2222"), false, false),
            ],
            vec![
                finding(Code::FeedGap, Severity::Warning, &["Checking"]),
                finding(Code::InactiveAccount, Severity::Error, &["Old Savings"]),
                finding(
                    Code::DuplicateName,
                    Severity::Error,
                    &["Checking", "Bank:Checking"],
                ),
                finding(
                    Code::SimilarName,
                    Severity::Warning,
                    &["Checking", "Bank:Checking"],
                ),
                finding(Code::StatementAccountClosed, Severity::Warning, &[]),
            ],
        );
        assert_eq!(
            ids(&r),
            [
                "rename",
                "make_active",
                "ask_bank",
                "refresh",
                "reconnect",
                "clear_browser"
            ]
        );
        assert_eq!(
            r.plan.iter().map(|s| s.step).collect::<Vec<_>>(),
            [Some(2), None, Some(4), Some(1), Some(3), Some(5)]
        );
        // Each finding index points at a finding that calls for the step.
        let rename = &r.plan[0];
        assert_eq!(rename.findings.len(), 2);
        for &i in &rename.findings {
            assert!([Code::DuplicateName, Code::SimilarName].contains(&r.findings[i].code));
        }
        // The same rename is said once, though two findings ask for it.
        assert_eq!(
            rename.text.matches("Rename “Bank:Checking”").count(),
            1,
            "{}",
            rename.text
        );
        assert_eq!(rename.accounts, ["Checking", "Bank:Checking"]);
        let make_active = &r.plan[1];
        assert!(
            make_active.text.contains("Make “Old Savings” active"),
            "{}",
            make_active.text
        );
        assert!(make_active
            .text
            .contains("Include inactive → find the account → Make active"));
    }

    #[test]
    fn rename_says_which_and_never_adds_last_four_already_there() {
        // Both names carry 4821: adding the last four would not tell them apart.
        let r = report(
            ChartFormat::QboCsv,
            vec![
                bank("Chase Checking 4821", Some("4821"), true, true),
                bank("Chase Checking x4821", Some("4821"), true, false),
            ],
            vec![finding(
                Code::SimilarName,
                Severity::Warning,
                &["Chase Checking 4821", "Chase Checking x4821"],
            )],
        );
        let text = &r.plan[0].text;
        assert!(
            text.contains("Rename “Chase Checking x4821” (the one not connected to the bank)"),
            "{text}"
        );
        assert!(!text.contains("Add the last four"), "{text}");
        assert!(
            text.contains("already carry the last four digits 4821"),
            "{text}"
        );

        // The inactive one is renamed, and told its own last four.
        let r = report(
            ChartFormat::QboCsv,
            vec![
                bank("Savings", Some("7730"), false, false),
                bank("Savings", Some("9001"), true, true),
            ],
            vec![finding(
                Code::DuplicateName,
                Severity::Error,
                &["Savings (…7730)", "Savings (…9001)"],
            )],
        );
        let text = &r.plan[0].text;
        assert!(text.contains("Rename “Savings (…7730)” (the inactive one), so it no longer matches “Savings (…9001)”"), "{text}");
        assert!(text.contains("“Savings …7730”"), "{text}");
    }

    #[test]
    fn menu_words_follow_the_edition() {
        let findings = || {
            vec![finding(
                Code::AccountNumberChanged,
                Severity::Error,
                &["Amex"],
            )]
        };
        let online = report(
            ChartFormat::QboCsv,
            vec![bank("Amex", Some("1005"), true, true)],
            findings(),
        );
        let desktop = report(
            ChartFormat::Iif,
            vec![bank("Amex", Some("1005"), true, true)],
            findings(),
        );
        let all = |r: &Report| {
            r.plan
                .iter()
                .map(|s| s.text.clone())
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(online.edition, Edition::Online);
        assert_eq!(desktop.edition, Edition::Desktop);
        assert!(all(&online).contains("Fix now"));
        assert!(all(&online).contains("Bank transactions"));
        assert!(!all(&online).contains("Bank Feeds Center"));
        assert!(all(&desktop).contains("Deactivate All Online Services"));
        assert!(all(&desktop).contains("Bank Feeds Center"));
        assert!(!all(&desktop).contains("Fix now"));
        assert!(!all(&desktop).contains("Settings ⚙"));
        // Desktop is not a browser product.
        assert_eq!(ids(&desktop), ["ask_bank", "refresh", "reconnect"]);
        assert_eq!(
            ids(&online),
            ["ask_bank", "refresh", "reconnect", "clear_browser"]
        );
        // No chart: both editions' words.
        let mut none = Report::new(None);
        none.findings = findings();
        none.finish();
        assert_eq!(none.edition, Edition::Unknown);
        assert!(
            all(&none).contains("In QuickBooks Online:")
                && all(&none).contains("In QuickBooks Desktop:")
        );
    }

    #[test]
    fn ask_bank_names_the_new_card_number() {
        let mut r = Report::new(None);
        r.chart = Some(ChartSummary {
            company: None,
            file: "chart.csv".into(),
            format: ChartFormat::QboCsv,
            accounts: 1,
            bank_accounts: vec![bank("Amex Gold", Some("1005"), true, true)],
        });
        r.statements = vec![StatementSummary {
            file: "amex.qbo".into(),
            format: FileFormat::Statement(StatementFormat::OfxSgml),
            kind: AccountKind::CreditCard,
            account_last4: Some("2008".into()),
            matched_account: Some("Amex Gold".into()),
            match_kind: Some(MatchKind::Likely),
            transactions: 3,
            first_date: None,
            last_date: None,
            ending_balance: None,
            currency: None,
            institution: crate::report::InstitutionSummary {
                org: None,
                fid: None,
                intu_bid: None,
                bankid: None,
            },
            download_date: None,
            line: 1,
            bank: Some("American Express".into()),
            possible_accounts: Vec::new(),
            because: None,
            confidence: None,
        }];
        let mut f = finding(
            Code::AccountNumberChanged,
            Severity::Error,
            &["Amex Gold (…1005)"],
        );
        f.statement = Some("amex.qbo".into());
        r.findings = vec![f];
        r.finish();
        assert_eq!(r.verdict, Verdict::Likely);
        let ask = r.plan.iter().find(|s| s.id == PlanStepId::AskBank).unwrap();
        assert!(
            ask.text.starts_with("Ask American Express whether the card ending 2008 replaced the one ending 1005 that QuickBooks has as “Amex Gold”"),
            "{}",
            ask.text
        );
        let reconnect = r
            .plan
            .iter()
            .find(|s| s.id == PlanStepId::Reconnect)
            .unwrap();
        assert!(reconnect
            .text
            .contains("Map the bank’s card ending 2008 to your existing “Amex Gold”"));
    }

    #[test]
    fn clear_and_info_only_plans_hold_the_always_steps_and_nothing_else() {
        let r = report(
            ChartFormat::QboCsv,
            vec![bank("Checking", Some("1111"), true, true)],
            vec![finding(Code::DuplicateTransactions, Severity::Info, &[])],
        );
        assert_eq!(r.verdict, Verdict::Clear);
        assert!(!r.complete, "no statement: not complete");
        assert_eq!(ids(&r), ["refresh", "clear_browser"]);
        assert!(r.plan.iter().all(|s| s.findings.is_empty()));
        let nothing = {
            let mut r = Report::new(None);
            r.finish();
            r
        };
        assert_eq!(nothing.verdict, Verdict::Unchecked);
        assert!(nothing
            .checked
            .iter()
            .all(|c| c.status == crate::report::checked::CheckStatus::NotChecked));
    }
}
