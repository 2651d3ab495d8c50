//! The 324 triggers of SPEC §4, one module per trigger code. Each module holds its
//! [`Trigger`] (code, severity, fix steps) and a `check` that reads the [`Context`] and
//! pushes [`Finding`]s into a [`Findings`] sink; the report orders and judges them once.
//!
//! Helpers here build the parts every finding shares: account labels with bank numbers
//! masked, and evidence (file, line, short excerpt) for chart rows, statements and
//! transactions.

pub mod account_number_changed;
pub mod account_type_mismatch;
pub mod balance_mismatch;
pub mod duplicate_bank_number;
pub mod duplicate_name;
pub mod duplicate_transactions;
pub mod feed_gap;
pub mod inactive_account;
pub mod institution_changed;
pub mod name_number_mismatch;
pub mod no_bank_accounts;
pub mod similar_name;
pub mod statement_account_closed;
pub mod statement_account_unmatched;
pub mod upload_rejected;

use crate::identity::{self, AccountMatch, StatementIdentity};
use crate::model::{
    Account, AccountKind, Chart, Date, ListedAccount, Severity, Statement, Transaction,
};
pub use crate::report::Code;
use crate::report::{mask_long_numbers, Evidence, Finding};

/// Everything the rules may look at. No clock: `today` is given.
pub struct Context<'a> {
    /// The chart of accounts, when one was given.
    pub chart: Option<&'a Chart>,
    /// Every statement read, in input order.
    pub statements: &'a [Statement],
    /// Accounts the banks' account lists name (for duplicate bank-side names).
    pub listed_accounts: &'a [ListedAccount],
    /// "Now" for the date rules; `None` when unknown.
    pub today: Option<Date>,
    /// `identities[i]` is what identity work found about `statements[i]`: its bank,
    /// its chart account, ties and plausible accounts.
    pub identities: &'a [StatementIdentity],
}

impl<'a> Context<'a> {
    /// The identity of statement `i` (a default one when none was given).
    pub fn identity(&self, i: usize) -> StatementIdentity {
        self.identities.get(i).cloned().unwrap_or_default()
    }

    /// The chart account statement `i` was matched to, with the match.
    pub fn matched_account(&self, i: usize) -> Option<(&'a Account, AccountMatch)> {
        let m = self.identities.get(i).and_then(|id| id.matched)?;
        let a = self.chart?.accounts.get(m.account)?;
        Some((a, m))
    }
}

/// A trigger of SPEC §4: its code, how bad it is, which fix steps apply, and what the
/// report's `checked` list says of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trigger {
    pub code: Code,
    /// How bad it is when it fires.
    pub severity: Severity,
    /// Fix steps of SPEC §1, by number.
    pub fix_steps: &'static [u8],
    /// What the check looks for, as a short plain heading.
    pub title: &'static str,
    /// What the check needs to run.
    pub needs: Needs,
    /// What "clear" means, in plain words.
    pub clear: &'static str,
}

/// What a check needs to run: without it the report says "not checked".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    Chart,
    Statement,
    Both,
}

impl Trigger {
    /// A finding of this trigger with the parts every finding has; rules add accounts,
    /// the statement and evidence.
    pub fn finding(&self, confidence: u8, title: String, detail: String) -> Finding {
        Finding {
            code: self.code,
            severity: self.severity,
            title: mask_long_numbers(&title, 5),
            detail: mask_long_numbers(&detail, 5),
            accounts: Vec::new(),
            statement: None,
            evidence: Vec::new(),
            fix_steps: self.fix_steps.to_vec(),
            confidence: confidence.min(100),
            reason: None,
        }
    }
}

/// A trigger with the check that fires it.
pub struct Rule {
    pub trigger: Trigger,
    pub check: fn(&Context<'_>, &mut Findings),
}

/// Every rule, in SPEC order: the one list of triggers (the report's `checked` list
/// follows it) and of the checks that run.
pub const RULES: &[Rule] = &[
    Rule {
        trigger: duplicate_name::TRIGGER,
        check: duplicate_name::check,
    },
    Rule {
        trigger: similar_name::TRIGGER,
        check: similar_name::check,
    },
    Rule {
        trigger: duplicate_bank_number::TRIGGER,
        check: duplicate_bank_number::check,
    },
    Rule {
        trigger: statement_account_unmatched::TRIGGER,
        check: statement_account_unmatched::check,
    },
    Rule {
        trigger: account_number_changed::TRIGGER,
        check: account_number_changed::check,
    },
    Rule {
        trigger: inactive_account::TRIGGER,
        check: inactive_account::check,
    },
    Rule {
        trigger: account_type_mismatch::TRIGGER,
        check: account_type_mismatch::check,
    },
    Rule {
        trigger: statement_account_closed::TRIGGER,
        check: statement_account_closed::check,
    },
    Rule {
        trigger: institution_changed::TRIGGER,
        check: institution_changed::check,
    },
    Rule {
        trigger: feed_gap::TRIGGER,
        check: feed_gap::check,
    },
    Rule {
        trigger: balance_mismatch::TRIGGER,
        check: balance_mismatch::check,
    },
    Rule {
        trigger: duplicate_transactions::TRIGGER,
        check: duplicate_transactions::check,
    },
    Rule {
        trigger: no_bank_accounts::TRIGGER,
        check: no_bank_accounts::check,
    },
    Rule {
        trigger: name_number_mismatch::TRIGGER,
        check: name_number_mismatch::check,
    },
    Rule {
        trigger: upload_rejected::TRIGGER,
        check: upload_rejected::check,
    },
];

/// Where rules put what they find (ripgrep's `Sink`, in small).
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    /// Adds a finding.
    pub fn push(&mut self, f: Finding) {
        self.items.push(f);
    }

    /// Every finding, in the order pushed (the report orders them).
    pub fn into_vec(self) -> Vec<Finding> {
        self.items
    }
}

/// Runs every rule.
pub fn run(ctx: &Context<'_>, out: &mut Findings) {
    for rule in RULES {
        (rule.check)(ctx, out);
    }
}

/// An account's full name as the report shows it: long digit runs (bank numbers)
/// masked to their last four, a leading chart number (`10100 Checking`) kept.
pub fn account_name(a: &Account) -> String {
    let name = a.full_name.as_str();
    if let Some(num) = a.chart_number.as_deref().filter(|n| !n.is_empty()) {
        if let Some(rest) = name.strip_prefix(num) {
            return format!("{num}{}", mask_long_numbers(rest, 5));
        }
    }
    mask_long_numbers(name, 5)
}

/// The account's name, plus its bank number's last four when the name does not show
/// them (`Amex Gold (…1005)`), so the user sees which number QuickBooks holds.
pub fn account_label(a: &Account) -> String {
    label_named(a, account_name(a))
}

/// [`account_label`] from the account's [`account_name`], already made.
pub fn label_named(a: &Account, name: String) -> String {
    match identity::bank_number_of(a) {
        Some(n) if !name.contains(n.last4()) => format!("{name} (…{})", n.last4()),
        _ => name,
    }
}

/// Evidence pointing at an account's row in the chart.
pub fn chart_evidence(chart: &Chart, a: &Account) -> Evidence {
    evidence_named(chart, a, &account_name(a))
}

/// [`chart_evidence`] from the account's [`account_name`], already made: a rule naming
/// many accounts masks each name once, not once per place it shows.
pub fn evidence_named(chart: &Chart, a: &Account, name: &str) -> Evidence {
    let mut excerpt = format!("{name} · {}", a.type_text);
    if let Some(n) = identity::bank_number_of(a) {
        if !excerpt.contains(n.last4()) {
            excerpt.push_str(&format!(" · bank number …{}", n.last4()));
        }
    }
    if !a.active {
        excerpt.push_str(" · inactive");
    }
    if let Some(b) = a.bank_balance {
        excerpt.push_str(&format!(" · bank balance {b}"));
    }
    Evidence {
        file: chart.file.clone(),
        line: Some(a.line).filter(|l| *l > 0),
        excerpt: mask_long_numbers(&excerpt, 5),
    }
}

/// Evidence pointing at where a statement names its account.
pub fn statement_evidence(s: &Statement) -> Evidence {
    let excerpt = match (&s.account_id, s.format) {
        (Some(id), Some(f)) if f != crate::model::StatementFormat::Csv => {
            let tag = if s.kind == AccountKind::CreditCard {
                "<CCACCTFROM><ACCTID>"
            } else {
                "<BANKACCTFROM><ACCTID>"
            };
            format!("{tag}{}", mask_account_id(id))
        }
        (Some(id), _) => format!("account {}", mask_account_id(id)),
        (None, _) => match &s.account_hint_from_filename {
            Some(h) => format!("file name shows account {}", mask_account_id(h)),
            None => "no account number in the file".to_string(),
        },
    };
    Evidence {
        file: s.file.clone(),
        line: Some(s.line).filter(|l| *l > 0),
        excerpt: mask_long_numbers(&excerpt, 5),
    }
}

/// An account id as a file writes it, showing at most its last four digits: ids with
/// more become `…` + the last four (`1452687~7` → `…6877`); already-masked ids such as
/// `XXXXXXXXXXX2008` stay as written.
pub fn mask_account_id(id: &str) -> String {
    let digits: Vec<char> = id.chars().filter(char::is_ascii_digit).collect();
    if digits.len() <= 4 {
        return id.trim().to_string();
    }
    let last: String = digits[digits.len() - 4..].iter().collect();
    format!("…{last}")
}

/// Evidence pointing at one transaction: date, amount, payee (and memo), masked.
pub fn transaction_evidence(s: &Statement, t: &Transaction<'_>) -> Evidence {
    let mut parts: Vec<String> = Vec::new();
    parts.push(
        t.date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "no date".into()),
    );
    parts.push(
        t.amount
            .map(|m| m.to_string())
            .unwrap_or_else(|| "no amount".into()),
    );
    let payee = short(t.payee.trim(), 40);
    if !payee.is_empty() {
        parts.push(payee);
    }
    let memo = short(t.memo.trim(), 30);
    if !memo.is_empty() && memo != t.payee.trim() {
        parts.push(memo);
    }
    if !t.fitid.is_empty() {
        parts.push(format!("FITID {}", short(t.fitid, 24)));
    }
    Evidence {
        file: s.file.clone(),
        line: Some(t.line as usize).filter(|l| *l > 0),
        excerpt: mask_long_numbers(&parts.join(" · "), 5),
    }
}

/// At most `max` characters, with `…` when cut.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// What to call the account a statement is for: `card`, `checking account`, ...
pub fn kind_noun(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Checking => "checking account",
        AccountKind::Savings => "savings account",
        AccountKind::MoneyMarket => "money market account",
        AccountKind::CreditLine => "credit line",
        AccountKind::CreditCard => "card",
        AccountKind::Unknown => "account",
    }
}

/// The statement's account in words: `card ending 2008`, `checking account ending
/// 1234`, `account with no number in the file`.
pub fn statement_account_words(s: &Statement) -> String {
    match s.last4() {
        Some(l) => format!("{} ending {l}", kind_noun(s.kind)),
        None => match s.account_number.as_ref() {
            Some(n) => format!("{} numbered {}", kind_noun(s.kind), n.digits()),
            None => format!("{} with no number in the file", kind_noun(s.kind)),
        },
    }
}

/// Days from `a` to `b` (negative when `b` is earlier). Never fails: any two dates are
/// a whole number of days apart.
pub fn days_between(a: Date, b: Date) -> i64 {
    epoch_day(b) - epoch_day(a)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
/// By hand, not jiff's `Date::until`: that is jiff's whole span machinery (units,
/// rounding, relative dates and their error texts, ~30 KB of the wasm) for one subtraction.
fn epoch_day(d: Date) -> i64 {
    let (m, day) = (i64::from(d.month()), i64::from(d.day()));
    let y = i64::from(d.year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Joins names as English: `A`, `A and B`, `A, B and C`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Model values for the rules' unit tests; realistic files are in `tests/`.
    use crate::model::*;

    pub fn account(name: &str, t: AccountType) -> Account {
        let type_text = match t {
            AccountType::Bank => "Bank",
            AccountType::CreditCard => "Credit Card",
            _ => "Expenses",
        };
        let mut a = Account::new(name, t, type_text, 5);
        crate::formats::text::read_name_number(&mut a, name);
        a
    }

    pub fn chart(accounts: Vec<Account>) -> Chart {
        Chart {
            file: "accounts.csv".into(),
            format: ChartFormat::QboCsv,
            accounts,
            company: None,
        }
    }

    pub fn statement(file: &str, id: &str, kind: AccountKind) -> Statement {
        Statement {
            file: file.into(),
            format: Some(StatementFormat::OfxSgml),
            line: 20,
            account_id: Some(id.into()),
            account_number: BankNumber::from_text(id),
            kind,
            ..Statement::default()
        }
    }

    pub fn txn(s: &mut Statement, date: &str, amount: &str, payee: &str, fitid: &str, line: u32) {
        s.transactions.push(Transaction {
            date: date.parse().ok(),
            amount: Money::parse_plain(amount),
            payee,
            memo: "",
            fitid,
            account_last4: None,
            pending: false,
            line,
        });
    }

    /// Runs every rule on a chart and statements, identifying them first.
    pub fn run(
        chart: Option<&Chart>,
        statements: &[Statement],
        today: Option<Date>,
    ) -> Vec<crate::report::Finding> {
        let ids = crate::identity::identify(chart, statements);
        let ctx = super::Context {
            chart,
            statements,
            listed_accounts: &[],
            today,
            identities: &ids,
        };
        let mut out = super::Findings::default();
        super::run(&ctx, &mut out);
        out.into_vec()
    }

    pub fn codes(f: &[crate::report::Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.code.name()).collect()
    }
}

#[cfg(test)]
mod days_tests {
    use super::*;

    /// The hand day count agrees with jiff's `until` across leap years, centuries and
    /// negative years.
    #[test]
    fn days_between_matches_jiff() {
        let dates = [
            (-44, 3, 15),
            (1600, 2, 29),
            (1899, 12, 31),
            (1900, 3, 1),
            (1970, 1, 1),
            (1999, 12, 31),
            (2000, 2, 29),
            (2024, 2, 29),
            (2026, 11, 30),
            (2100, 3, 1),
            (9999, 12, 31),
        ];
        for &(y1, m1, d1) in &dates {
            for &(y2, m2, d2) in &dates {
                let (a, b) = (
                    Date::new(y1, m1, d1).unwrap(),
                    Date::new(y2, m2, d2).unwrap(),
                );
                let span = a.until(b).unwrap();
                let want = i64::from(span.get_days()) + i64::from(span.get_weeks()) * 7;
                assert_eq!(days_between(a, b), want, "{a} → {b}");
            }
        }
        let mut d = Date::new(1999, 1, 1).unwrap();
        for i in 0..3000 {
            assert_eq!(epoch_day(d), 10_592 + i);
            d = d.tomorrow().unwrap();
        }
    }
}
