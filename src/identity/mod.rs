//! Which chart account a statement belongs to (SPEC §3).
//!
//! A statement is **matched** to the chart account whose bank number agrees with its
//! own (the full number, else the last four). When no number agrees, a bank-facing
//! account of the same kind whose name or description names the statement's bank is its
//! **likely** account. The statement's bank comes from its OFX identifiers (`FID`,
//! `INTU.BID`, `ORG`, `BANKID`), a full card number, the bank's name for the account, or
//! the file name, in that order of trust; the names are data in [`institutions`].
//!
//! A chart number (`1010 Checking`) is a bookkeeping number and never a bank number.

pub mod institutions;

use crate::model::{Account, AccountKind, AccountType, BankNumber, Chart, Statement};
pub use institutions::Bank;

/// How a statement was tied to a chart account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// The bank numbers agree.
    Number,
    /// No number agrees, but an account of the same kind names the same institution.
    Likely,
    /// Neither number nor bank says so, but the chart has exactly one account of the
    /// statement's kind that could be it (no bank number, no other bank named).
    OnlyCandidate,
}

impl MatchKind {
    /// The label the report uses.
    pub fn label(self) -> &'static str {
        match self {
            MatchKind::Number => "number",
            MatchKind::Likely => "likely",
            MatchKind::OnlyCandidate => "only_candidate",
        }
    }
}

/// The chart account (index into `chart.accounts`) a statement belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountMatch {
    /// Index into `chart.accounts`.
    pub account: usize,
    /// How the match was made.
    pub kind: MatchKind,
    /// How sure the match is, 0–100 (a full number agreeing is 100).
    pub confidence: u8,
}

/// A statement's bank, as far as the files tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BankRef {
    /// A bank of the [`institutions::BANKS`] table.
    Known(&'static Bank),
    /// A bank the table does not know, by its OFX `ORG` as written and its words.
    Named {
        /// The `ORG` as written.
        name: String,
        /// Its words, as [`institutions::words`] splits them.
        words: Vec<String>,
    },
}

impl BankRef {
    /// The name to show.
    pub fn display(&self) -> String {
        match self {
            BankRef::Known(b) => b.name.to_string(),
            BankRef::Named { name, .. } => name.clone(),
        }
    }
}

/// Where a statement's bank was read from, for the report's explanations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankEvidence {
    /// The bank.
    pub bank: BankRef,
    /// `OFX FID 3101`, `the file name`, ...
    pub source: String,
}

/// Everything identity work found out about one statement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatementIdentity {
    /// The chart account the statement belongs to, when one was found.
    pub matched: Option<AccountMatch>,
    /// The statement's bank, when any evidence names it.
    pub bank: Option<BankEvidence>,
    /// Other accounts as likely as the matched one (the choice was a tie).
    pub likely_ties: Vec<usize>,
    /// When nothing matched: accounts that may still be this statement's, since they
    /// carry no bank number and name no other bank. Empty with no match means unmatched.
    pub plausible: Vec<usize>,
}

/// The statement's bank, from the most trusted evidence that names one.
pub fn statement_bank(s: &Statement) -> Option<BankEvidence> {
    let inst = &s.institution;
    let known = |b: Option<&'static Bank>, source: String| {
        b.map(|b| BankEvidence {
            bank: BankRef::Known(b),
            source,
        })
    };
    let ofx = [
        inst.fid
            .as_deref()
            .and_then(|v| known(institutions::bank_by_fid(v), format!("OFX FID {v}"))),
        inst.intu_bid.as_deref().and_then(|v| {
            known(
                institutions::bank_by_intu_bid(v),
                format!("QuickBooks bank id (INTU.BID) {v}"),
            )
        }),
        inst.org
            .as_deref()
            .and_then(|v| known(institutions::bank_by_org(v), format!("OFX ORG {v}"))),
        inst.bankid.as_deref().and_then(|v| {
            known(
                institutions::bank_by_routing(v),
                "the routing number (BANKID)".to_string(),
            )
        }),
    ];
    if let Some(found) = ofx.into_iter().flatten().next() {
        return Some(found);
    }
    // A full card number names its issuer.
    if let Some(n) = s.account_number.as_ref().filter(|n| n.is_complete()) {
        if let Some(b) = institutions::bank_by_card_number(n.digits()) {
            return known(Some(b), "the card number".to_string());
        }
    }
    // An ORG the table does not know still names its bank by its own words.
    if let Some(org) = inst.org.as_deref() {
        let w = institutions::words(org);
        if w.iter()
            .any(|x| x.len() >= 3 && x.chars().any(char::is_alphabetic))
        {
            return Some(BankEvidence {
                source: format!("OFX ORG {org}"),
                bank: BankRef::Named {
                    name: org.trim().to_string(),
                    words: w,
                },
            });
        }
    }
    if let Some(name) = s.bank_account_name.as_deref() {
        if let Some(b) = institutions::bank_named_in(name) {
            return known(Some(b), "the bank's account name".to_string());
        }
    }
    // In a file name a dot separates words (`chase.csv`, `2013-12-03.bofa.ofx`).
    institutions::bank_named_in(&s.file.replace('.', " "))
        .and_then(|b| known(Some(b), "the file name".to_string()))
}

/// The bank an account's name (with its parents) or description names.
pub fn account_bank(a: &Account) -> Option<&'static Bank> {
    institutions::bank_named_in(&a.full_name).or_else(|| {
        a.description
            .as_deref()
            .and_then(institutions::bank_named_in)
    })
}

/// Whether the account's name or description names `bank`.
pub fn account_names_bank(a: &Account, bank: &BankRef) -> bool {
    match bank {
        BankRef::Known(b) => account_bank(a).is_some_and(|x| std::ptr::eq(x, *b)),
        BankRef::Named { words: w, .. } => {
            let phrase = w.join(" ");
            let in_text = |t: &str| institutions::has_phrase(&institutions::words(t), &phrase);
            in_text(&a.full_name) || a.description.as_deref().is_some_and(in_text)
        }
    }
}

/// The account's bank number, unless it is really its chart number (a reader that
/// took `1010` from `1010 Checking` would otherwise match a statement ending 1010).
pub fn bank_number_of(a: &Account) -> Option<&BankNumber> {
    let n = a.bank_number.as_ref()?;
    let is_chart_number = a
        .chart_number
        .as_deref()
        .is_some_and(|c| c.chars().filter(char::is_ascii_digit).collect::<String>() == n.digits());
    (!is_chart_number).then_some(n)
}

/// Whether two bank numbers can be the same account. Both complete: the same digits
/// (leading zeros aside). Otherwise the last four agree, and at least four are known
/// on each side, so a one-digit id never matches by accident.
pub fn numbers_agree(a: &BankNumber, b: &BankNumber) -> bool {
    let (da, db) = (a.digits(), b.digits());
    if a.is_complete() && b.is_complete() && da.len() > 4 && db.len() > 4 {
        return da.trim_start_matches('0') == db.trim_start_matches('0');
    }
    da.len() >= 4 && db.len() >= 4 && a.last4() == b.last4()
}

/// Whether a chart account of `t` can hold a statement of `kind`.
pub fn kind_fits(kind: AccountKind, t: AccountType) -> bool {
    match kind {
        AccountKind::Checking | AccountKind::Savings | AccountKind::MoneyMarket => {
            t == AccountType::Bank
        }
        AccountKind::CreditCard => t == AccountType::CreditCard,
        AccountKind::CreditLine => matches!(
            t,
            AccountType::CreditCard
                | AccountType::Bank
                | AccountType::OtherCurrentLiability
                | AccountType::LongTermLiability
        ),
        AccountKind::Unknown => t.is_bank_facing(),
    }
}

/// Words in an account's name that say what kind of account it is, as data.
const KIND_WORDS: &[(&str, AccountKind)] = &[
    ("checking", AccountKind::Checking),
    ("chequing", AccountKind::Checking),
    ("operating", AccountKind::Checking),
    ("payroll", AccountKind::Checking),
    ("current", AccountKind::Checking),
    ("savings", AccountKind::Savings),
    ("saving", AccountKind::Savings),
    ("reserve", AccountKind::Savings),
    ("money market", AccountKind::MoneyMarket),
    ("mm", AccountKind::MoneyMarket),
    ("card", AccountKind::CreditCard),
    ("credit card", AccountKind::CreditCard),
    ("visa", AccountKind::CreditCard),
    ("mastercard", AccountKind::CreditCard),
    ("line of credit", AccountKind::CreditLine),
    ("credit line", AccountKind::CreditLine),
    ("loc", AccountKind::CreditLine),
    ("heloc", AccountKind::CreditLine),
];

/// The kind an account's name says, if it says one.
pub fn kind_named(a: &Account) -> Option<AccountKind> {
    let w = institutions::words(&a.full_name);
    KIND_WORDS
        .iter()
        .filter(|(p, _)| institutions::has_phrase(&w, p))
        .max_by_key(|(p, _)| p.len())
        .map(|(_, k)| *k)
}

/// Identifies every statement: its bank, its chart account, and the near choices.
pub fn identify(chart: Option<&Chart>, statements: &[Statement]) -> Vec<StatementIdentity> {
    let banks: Vec<Option<BankEvidence>> = statements.iter().map(statement_bank).collect();
    let Some(chart) = chart else {
        return banks
            .into_iter()
            .map(|bank| StatementIdentity {
                bank,
                ..StatementIdentity::default()
            })
            .collect();
    };
    // Numbers first, for every statement: an account a number claims is not another
    // statement's likely account.
    let by_number: Vec<Option<AccountMatch>> = statements
        .iter()
        .map(|s| match_by_number(chart, s))
        .collect();
    let mut claimed = vec![false; chart.accounts.len()];
    for m in by_number.iter().flatten() {
        if let Some(c) = claimed.get_mut(m.account) {
            *c = true;
        }
    }
    // Each account's bank, read once: a chart may hold 100,000 accounts.
    let named: Vec<Option<&'static Bank>> = chart
        .accounts
        .iter()
        .map(|a| {
            a.account_type
                .is_bank_facing()
                .then(|| account_bank(a))
                .flatten()
        })
        .collect();
    statements
        .iter()
        .zip(by_number)
        .zip(banks)
        .map(|((s, num), bank)| {
            if num.is_some() {
                return StatementIdentity {
                    matched: num,
                    bank,
                    ..StatementIdentity::default()
                };
            }
            match_by_bank(chart, s, bank, &claimed, &named)
        })
        .collect()
}

fn match_by_number(chart: &Chart, s: &Statement) -> Option<AccountMatch> {
    let n = s.account_number.as_ref()?;
    let fits = |a: &Account| kind_fits(s.kind, a.account_type);
    chart
        .accounts
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let an = bank_number_of(a)?;
            numbers_agree(an, n).then(|| {
                let exact = an.is_complete() && n.is_complete();
                (i, a, exact)
            })
        })
        // Prefer a bank-facing, fitting, active account with the full number.
        .min_by_key(|(i, a, exact)| {
            (
                !a.account_type.is_bank_facing(),
                !fits(a),
                !a.active,
                !exact,
                *i,
            )
        })
        .map(|(i, _, exact)| AccountMatch {
            account: i,
            kind: MatchKind::Number,
            confidence: if exact { 100 } else { 90 },
        })
}

fn match_by_bank(
    chart: &Chart,
    s: &Statement,
    bank: Option<BankEvidence>,
    claimed: &[bool],
    named: &[Option<&'static Bank>],
) -> StatementIdentity {
    let bank_of = |i: usize| named.get(i).copied().flatten();
    let open: Vec<(usize, &Account)> = chart
        .accounts
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            a.account_type.is_bank_facing()
                && kind_fits(s.kind, a.account_type)
                && !claimed.get(*i).copied().unwrap_or(false)
        })
        .collect();
    let mut id = StatementIdentity {
        bank,
        ..StatementIdentity::default()
    };
    if let Some(b) = id.bank.as_ref().map(|e| e.bank.clone()) {
        let mut likely: Vec<(usize, &Account)> = open
            .iter()
            .copied()
            .filter(|(i, a)| match &b {
                BankRef::Known(k) => bank_of(*i).is_some_and(|x| std::ptr::eq(x, *k)),
                BankRef::Named { .. } => account_names_bank(a, &b),
            })
            .collect();
        // Break ties by the kind the name says (a checking statement and `Chase
        // Savings`), then active before inactive, then chart order.
        likely.sort_by_key(|(i, a)| {
            let said = kind_named(a);
            let kind_agrees = match said {
                Some(k) => k == s.kind,
                None => s.kind == AccountKind::Unknown,
            };
            let kind_clashes = said.is_some_and(|k| k != s.kind) && s.kind != AccountKind::Unknown;
            // An account with no number does not contradict the statement; one with a
            // different number is the "number changed" case, less likely when both exist.
            let has_number = bank_number_of(a).is_some();
            (kind_clashes, !kind_agrees, has_number, !a.active, *i)
        });
        if let Some(&(first, _)) = likely.first() {
            id.likely_ties = likely.iter().skip(1).map(|(i, _)| *i).collect();
            id.matched = Some(AccountMatch {
                account: first,
                kind: MatchKind::Likely,
                confidence: if likely.len() == 1 { 80 } else { 55 },
            });
            return id;
        }
    }
    // No bank agrees: what remains possible is an account that carries no number and
    // names no bank (or names this one, which was handled above).
    // An account whose name says another kind (`Savings` for a checking statement)
    // is not one either.
    id.plausible = open
        .iter()
        .filter(|(i, a)| {
            bank_number_of(a).is_none()
                && bank_of(*i).is_none()
                && !(s.kind != AccountKind::Unknown && kind_named(a).is_some_and(|k| k != s.kind))
        })
        .map(|(i, _)| *i)
        .collect();
    // The only candidate counts as the match only when it is active: a retired account
    // as the sole guess is too weak to build an error on.
    if let [only] = id.plausible[..] {
        if chart.accounts.get(only).is_some_and(|a| a.active) {
            id.matched = Some(AccountMatch {
                account: only,
                kind: MatchKind::OnlyCandidate,
                confidence: 45,
            });
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChartFormat, Institution};

    fn account(name: &str, t: AccountType, number: Option<&str>) -> Account {
        Account {
            bank_number: number.and_then(crate::formats::text::bank_number_in_text),
            ..Account::new(name, t, &format!("{t:?}"), 2)
        }
    }

    fn chart(accounts: Vec<Account>) -> Chart {
        Chart {
            file: "chart.csv".into(),
            format: ChartFormat::QboCsv,
            accounts,
        }
    }

    fn statement(id: &str, kind: AccountKind, inst: Institution) -> Statement {
        Statement {
            file: "s.qbo".into(),
            account_id: Some(id.into()),
            account_number: BankNumber::from_text(id),
            kind,
            institution: inst,
            ..Statement::default()
        }
    }

    #[test]
    fn number_then_bank_then_nothing() {
        let c = chart(vec![
            account("Amex Gold x1005", AccountType::CreditCard, Some("x1005")),
            account("Chase Checking", AccountType::Bank, None),
        ]);
        let amex = Institution {
            fid: Some("3101".into()),
            ..Institution::default()
        };
        let s1 = statement("XXXXXXXXXXX1005", AccountKind::CreditCard, amex.clone());
        let s2 = statement("XXXXXXXXXXX2008", AccountKind::CreditCard, amex);
        let ids = identify(Some(&c), std::slice::from_ref(&s1));
        assert_eq!(ids[0].matched.map(|m| m.kind), Some(MatchKind::Number));
        let ids = identify(Some(&c), std::slice::from_ref(&s2));
        assert_eq!(
            ids[0].matched.map(|m| (m.account, m.kind)),
            Some((0, MatchKind::Likely))
        );
        // With the 1005 card's own statement present, 2008 is a second card, not a change.
        let ids = identify(Some(&c), &[s1, s2]);
        assert_eq!(ids[1].matched, None);
        assert!(ids[1].plausible.is_empty());
    }

    #[test]
    fn file_names_name_banks() {
        let s = Statement {
            file: "chase.csv".into(),
            ..Statement::default()
        };
        let b = statement_bank(&s).map(|b| b.bank.display());
        assert_eq!(b.as_deref(), Some("Chase"));
        let s = Statement {
            file: "Chase1234_Activity_20261115.CSV".into(),
            ..Statement::default()
        };
        let b = statement_bank(&s).map(|b| b.bank.display());
        assert_eq!(b.as_deref(), Some("Chase"));
    }

    #[test]
    fn chart_numbers_are_not_bank_numbers() {
        let mut a = account("1010 Checking", AccountType::Bank, None);
        a.chart_number = Some("1010".into());
        a.bank_number = BankNumber::from_text("1010");
        let c = chart(vec![a]);
        let s = statement("XXXX1010", AccountKind::Checking, Institution::default());
        let ids = identify(Some(&c), &[s]);
        assert_ne!(ids[0].matched.map(|m| m.kind), Some(MatchKind::Number));
    }

    #[test]
    fn short_ids_need_four_digits() {
        let a = BankNumber::from_text("1").unwrap();
        let b = BankNumber::from_text("xxxx0001").unwrap();
        assert!(!numbers_agree(&a, &b));
        let full = BankNumber::from_text("000123456789").unwrap();
        let other = BankNumber::from_text("123456789").unwrap();
        assert!(numbers_agree(&full, &other));
    }
}
