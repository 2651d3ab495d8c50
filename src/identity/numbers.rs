//! When two bank numbers are the same account: the one rule every part of qb324 asks.
//!
//! Files write one account's number many ways: in full (`000123454321`), masked
//! (`XXXXXXXX4321`, `****4321`), as a last four in a name (`x4321`), and after a bank
//! conversion with a prefix the old bank never wrote (`1234567890` becomes
//! `0099001234567890`). [`compare`] says how strongly two of them agree.

use crate::model::{Account, BankNumber};

/// How two bank numbers relate, strongest agreement first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Agreement {
    /// Both are whole numbers and the same (leading zeros aside).
    Full,
    /// Every digit one side shows ends the other (a masked number, a last four).
    Tail,
    /// Both are whole, and the longer ends with all of the shorter's 8 or more digits:
    /// a prefix added by a bank conversion.
    Suffix,
    /// They cannot be the same account.
    Differ,
    /// Too few digits on one side (under four) to say anything.
    Unknown,
}

impl Agreement {
    /// Whether the numbers can be the same account.
    pub fn agrees(self) -> bool {
        matches!(self, Agreement::Full | Agreement::Tail | Agreement::Suffix)
    }
}

/// Digits at or under this count are a number's tail even when written plainly: a
/// bank-number column holding `4471` is a last four, not a four-digit account.
const SHORT: usize = 6;

/// Digits a prefixed number must share with the original (SPEC §3).
const SUFFIX_MIN: usize = 8;

/// How `a` and `b` relate; symmetric.
pub fn compare(a: &BankNumber, b: &BankNumber) -> Agreement {
    let (da, db) = (a.digits(), b.digits());
    if da.len() < 4 || db.len() < 4 {
        return Agreement::Unknown;
    }
    let (short, long, short_whole) = if da.len() <= db.len() {
        (da, db, a.is_complete())
    } else {
        (db, da, b.is_complete())
    };
    let common = short
        .bytes()
        .rev()
        .zip(long.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let whole = a.is_complete() && b.is_complete();
    if whole && da.trim_start_matches('0') == db.trim_start_matches('0') {
        return Agreement::Full;
    }
    if !whole || !short_whole || short.len() <= SHORT {
        // One side is only a tail: it must end the other entirely.
        return if common == short.len() {
            Agreement::Tail
        } else {
            Agreement::Differ
        };
    }
    let short_significant = short.trim_start_matches('0').len();
    if common >= SUFFIX_MIN && common >= short_significant {
        Agreement::Suffix
    } else {
        Agreement::Differ
    }
}

/// Whether two bank numbers can be the same account.
pub fn numbers_agree(a: &BankNumber, b: &BankNumber) -> bool {
    compare(a, b).agrees()
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

/// Where an account's bank number was read from, for explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberSource {
    /// The export's number field (a bank-number column, IIF `BANKNUM`).
    Field,
    /// The account's name.
    Name,
    /// The account's description.
    Description,
}

/// Where [`bank_number_of`] came from.
pub fn number_source(a: &Account) -> NumberSource {
    match (&a.bank_number, &a.name_number) {
        (Some(b), Some(n)) if b == n => {
            let leaf_shows = a.name.contains(n.last4());
            if leaf_shows {
                NumberSource::Name
            } else {
                NumberSource::Description
            }
        }
        _ => NumberSource::Field,
    }
}

/// The four-digit words of an account's leaf name that may be a last four: not one that
/// opens the name (a chart number, `1010 Checking`, read as one or not). A year-like or
/// bare number is no bank number on its own, but it is a hint when a statement ends so.
pub fn name_digit_words(a: &Account) -> impl Iterator<Item = &str> {
    let name = a.name.trim_start();
    let opening = name
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or("");
    name.split(|c: char| !c.is_ascii_digit())
        .skip(usize::from(!opening.is_empty()))
        .filter(move |w| w.len() == 4 && a.chart_number.as_deref() != Some(*w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(t: &str) -> BankNumber {
        BankNumber::from_text(t).unwrap()
    }

    #[test]
    fn agreements() {
        use Agreement::*;
        assert_eq!(compare(&n("000123456789"), &n("123456789")), Full);
        assert_eq!(compare(&n("XXXXXXXX2008"), &n("123456782008")), Tail);
        assert_eq!(compare(&n("****7001"), &n("XXXXXX7001")), Tail);
        assert_eq!(compare(&n("1234567890"), &n("0099001234567890")), Suffix);
        // Same last four, both whole and different: two accounts.
        assert_eq!(compare(&n("111122223333"), &n("999988883333")), Differ);
        // Seven digits in common are not enough for a prefix.
        assert_eq!(compare(&n("234567890"), &n("9994567890")), Differ);
        assert_eq!(compare(&n("x1005"), &n("XXXX2008")), Differ);
        assert_eq!(compare(&n("1"), &n("xxxx0001")), Unknown);
        // A plain four-digit column value is a last four.
        assert_eq!(compare(&n("4471"), &n("000123454471")), Tail);
    }
}
