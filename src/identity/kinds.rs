//! What kind of account a chart account is, and whether a statement's kind fits it:
//! the one place kind compatibility is decided.
//!
//! The type says bank or credit card; the detail type says which bank account
//! (QuickBooks Online: `Checking`, `Savings`, `Money Market`, `Cash on hand`, `Trust
//! account`, `Rents held in trust`, ...). Desktop exports carry no detail type, so the
//! name's words (`Payroll Checking`, `Petty Cash`) stand in, as weaker evidence.

use super::institutions::{has_phrase, words};
use crate::model::{Account, AccountKind, AccountType};

/// A chart account's kind, as far as its type, detail type and name say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// A bank account of a known kind (checking, savings, money market), or a card or
    /// credit line.
    Kind(AccountKind),
    /// A bank account held in trust for others: a real bank account, of no one kind.
    Trust,
    /// Cash kept on the premises (petty cash, a cash drawer): never a bank feed's.
    CashOnHand,
    /// A bank account whose kind nothing says.
    Bank,
    /// A liability that a bank's credit line may be booked under.
    Liability,
    /// Anything else (income, expense, assets): no bank feed connects to it.
    Other,
}

/// Detail types as data: normalised text (lowercase letters and digits) → kind.
const DETAIL_TYPES: &[(&str, ChartKind)] = &[
    ("checking", ChartKind::Kind(AccountKind::Checking)),
    ("chequing", ChartKind::Kind(AccountKind::Checking)),
    ("current", ChartKind::Kind(AccountKind::Checking)),
    ("currentaccount", ChartKind::Kind(AccountKind::Checking)),
    ("savings", ChartKind::Kind(AccountKind::Savings)),
    ("moneymarket", ChartKind::Kind(AccountKind::MoneyMarket)),
    ("cashonhand", ChartKind::CashOnHand),
    ("pettycash", ChartKind::CashOnHand),
    ("trustaccount", ChartKind::Trust),
    ("trustaccounts", ChartKind::Trust),
    ("clienttrustaccount", ChartKind::Trust),
    ("rentsheldintrust", ChartKind::Trust),
    ("creditcard", ChartKind::Kind(AccountKind::CreditCard)),
    ("lineofcredit", ChartKind::Kind(AccountKind::CreditLine)),
];

/// Words in a name that say the kind, as data; the longest phrase that matches wins.
const NAME_WORDS: &[(&str, ChartKind)] = &[
    ("checking", ChartKind::Kind(AccountKind::Checking)),
    ("chequing", ChartKind::Kind(AccountKind::Checking)),
    ("chk", ChartKind::Kind(AccountKind::Checking)),
    ("operating", ChartKind::Kind(AccountKind::Checking)),
    ("payroll", ChartKind::Kind(AccountKind::Checking)),
    ("current", ChartKind::Kind(AccountKind::Checking)),
    ("savings", ChartKind::Kind(AccountKind::Savings)),
    ("saving", ChartKind::Kind(AccountKind::Savings)),
    ("sav", ChartKind::Kind(AccountKind::Savings)),
    ("reserve", ChartKind::Kind(AccountKind::Savings)),
    ("money market", ChartKind::Kind(AccountKind::MoneyMarket)),
    ("mm", ChartKind::Kind(AccountKind::MoneyMarket)),
    ("mmda", ChartKind::Kind(AccountKind::MoneyMarket)),
    ("card", ChartKind::Kind(AccountKind::CreditCard)),
    ("credit card", ChartKind::Kind(AccountKind::CreditCard)),
    ("visa", ChartKind::Kind(AccountKind::CreditCard)),
    ("mastercard", ChartKind::Kind(AccountKind::CreditCard)),
    ("line of credit", ChartKind::Kind(AccountKind::CreditLine)),
    ("credit line", ChartKind::Kind(AccountKind::CreditLine)),
    ("loc", ChartKind::Kind(AccountKind::CreditLine)),
    ("heloc", ChartKind::Kind(AccountKind::CreditLine)),
    ("petty cash", ChartKind::CashOnHand),
    ("cash on hand", ChartKind::CashOnHand),
    ("cash drawer", ChartKind::CashOnHand),
    ("cash box", ChartKind::CashOnHand),
    ("cash register", ChartKind::CashOnHand),
    ("till", ChartKind::CashOnHand),
    ("undeposited funds", ChartKind::CashOnHand),
    ("trust", ChartKind::Trust),
    ("iolta", ChartKind::Trust),
    ("escrow", ChartKind::Trust),
];

fn detail_kind(detail: &str) -> Option<ChartKind> {
    let key: String = detail
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    DETAIL_TYPES
        .iter()
        .find(|(d, _)| *d == key)
        .map(|(_, k)| *k)
}

/// The kind the account's name says, if it says one.
pub fn kind_named(a: &Account) -> Option<ChartKind> {
    let w = words(&a.full_name);
    NAME_WORDS
        .iter()
        .filter(|(p, _)| has_phrase(&w, p))
        .max_by_key(|(p, _)| p.len())
        .map(|(_, k)| *k)
}

/// The account's kind: the detail type decides, else the name, else the type.
pub fn chart_kind(a: &Account) -> ChartKind {
    match a.account_type {
        AccountType::Bank => {
            let named = || match kind_named(a) {
                // A bank account's name can't make it a card or a credit line.
                Some(ChartKind::Kind(AccountKind::CreditCard | AccountKind::CreditLine)) | None => {
                    ChartKind::Bank
                }
                Some(k) => k,
            };
            match a.detail_type.as_deref().and_then(detail_kind) {
                Some(k @ (ChartKind::Kind(_) | ChartKind::Trust | ChartKind::CashOnHand)) => {
                    // `Checking` detail on `Petty Cash`: the name is the truer word.
                    if named() == ChartKind::CashOnHand {
                        ChartKind::CashOnHand
                    } else {
                        k
                    }
                }
                _ => named(),
            }
        }
        AccountType::CreditCard => match a.detail_type.as_deref().and_then(detail_kind) {
            Some(ChartKind::Kind(AccountKind::CreditLine)) => {
                ChartKind::Kind(AccountKind::CreditLine)
            }
            _ => ChartKind::Kind(AccountKind::CreditCard),
        },
        AccountType::OtherCurrentLiability | AccountType::LongTermLiability => ChartKind::Liability,
        _ => ChartKind::Other,
    }
}

/// Whether a bank feed can connect to an account of this kind at all.
pub fn is_feed_kind(k: ChartKind) -> bool {
    matches!(k, ChartKind::Kind(_) | ChartKind::Trust | ChartKind::Bank)
}

/// How a statement's kind fits a chart account's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KindFit {
    /// The same kind (a checking statement, a `Checking` account).
    Exact,
    /// Nothing says otherwise (either side's kind is unknown).
    Open,
    /// Both are bank accounts of different kinds (checking vs savings): it weakens a
    /// match, it does not make one.
    Partial,
    /// A card against a bank account, or the reverse.
    Clash,
    /// The account can't have a bank feed (cash on hand, an expense account).
    Never,
}

impl KindFit {
    /// Whether the statement may be this account's without a number saying so.
    pub fn allows_guess(self) -> bool {
        matches!(self, KindFit::Exact | KindFit::Open | KindFit::Partial)
    }
}

/// How a statement of `kind` fits a chart account of `chart`.
pub fn fit(kind: AccountKind, chart: ChartKind) -> KindFit {
    use AccountKind as S;
    let bankish = |k: S| matches!(k, S::Checking | S::Savings | S::MoneyMarket);
    match chart {
        ChartKind::CashOnHand | ChartKind::Other => KindFit::Never,
        ChartKind::Liability => match kind {
            S::CreditLine => KindFit::Open,
            _ => KindFit::Never,
        },
        ChartKind::Bank => match kind {
            S::CreditCard => KindFit::Clash,
            _ => KindFit::Open,
        },
        ChartKind::Trust => match kind {
            S::CreditCard => KindFit::Clash,
            S::Unknown | S::CreditLine => KindFit::Open,
            _ => KindFit::Partial,
        },
        ChartKind::Kind(c) => match (kind, c) {
            (S::Unknown, _) => KindFit::Open,
            (s, c) if s == c => KindFit::Exact,
            (s, c) if bankish(s) && bankish(c) => KindFit::Partial,
            (S::CreditLine, S::CreditCard) | (S::CreditCard, S::CreditLine) => KindFit::Partial,
            (S::CreditLine, _) => KindFit::Open,
            _ => KindFit::Clash,
        },
    }
}

/// How a statement of `kind` fits the chart account `a`.
pub fn account_fit(kind: AccountKind, a: &Account) -> KindFit {
    fit(kind, chart_kind(a))
}

/// What to call an account of this kind in a sentence: `checking account`, `card`.
pub fn chart_kind_noun(k: ChartKind) -> &'static str {
    match k {
        ChartKind::Kind(AccountKind::Checking) => "checking account",
        ChartKind::Kind(AccountKind::Savings) => "savings account",
        ChartKind::Kind(AccountKind::MoneyMarket) => "money market account",
        ChartKind::Kind(AccountKind::CreditCard) => "credit card account",
        ChartKind::Kind(AccountKind::CreditLine) => "credit line",
        ChartKind::Trust => "trust account",
        ChartKind::CashOnHand => "cash account",
        ChartKind::Liability => "liability account",
        ChartKind::Kind(AccountKind::Unknown) | ChartKind::Bank => "bank account",
        ChartKind::Other => "account",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acct(name: &str, t: AccountType, detail: Option<&str>) -> Account {
        Account {
            detail_type: detail.map(str::to_string),
            ..Account::new(name, t, "", 2)
        }
    }

    #[test]
    fn detail_type_decides() {
        let cash = acct("Cash Register", AccountType::Bank, Some("Cash on hand"));
        assert_eq!(chart_kind(&cash), ChartKind::CashOnHand);
        assert_eq!(account_fit(AccountKind::Checking, &cash), KindFit::Never);
        let chk = acct("Operating", AccountType::Bank, Some("Checking"));
        assert_eq!(account_fit(AccountKind::Savings, &chk), KindFit::Partial);
        assert_eq!(account_fit(AccountKind::Checking, &chk), KindFit::Exact);
        let petty = acct("Petty Cash", AccountType::Bank, None);
        assert_eq!(chart_kind(&petty), ChartKind::CashOnHand);
        let trust = acct("Client Funds", AccountType::Bank, Some("Trust account"));
        assert_eq!(account_fit(AccountKind::Checking, &trust), KindFit::Partial);
        let card = acct("Amex", AccountType::CreditCard, Some("Credit Card"));
        assert_eq!(account_fit(AccountKind::Checking, &card), KindFit::Clash);
        let plain = acct("Citizens", AccountType::Bank, None);
        assert_eq!(account_fit(AccountKind::Savings, &plain), KindFit::Open);
    }
}
