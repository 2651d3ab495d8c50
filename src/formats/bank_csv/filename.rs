//! What a bank's file name says: an account number (`Chase1234_Activity_20261115.CSV`,
//! `Umsaetze_KtoNr538917600_EUR_…`, `export_BE11123456789012_…`, `schwab_XXX234_…`)
//! and sometimes the account's kind (`…_Checking_…`). Dates and timestamps in names
//! (`20180418043121`, `2018-02-26`, `1503`) are never taken for numbers.

use crate::model::AccountKind;

/// Letter prefixes that are not an account's name: month names (`February2018`),
/// encodings (`cp1252`, `utf8`), words that precede versions or years.
const NOT_ACCOUNT_PREFIXES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "cp",
    "utf",
    "iso",
    "win",
    "windows",
    "latin",
    "page",
    "part",
    "version",
    "v",
    "q",
    "fy",
    "year",
];

/// Words in a file name that name the account's kind.
const KIND_WORDS: &[(&str, AccountKind)] = &[
    ("checking", AccountKind::Checking),
    ("chequing", AccountKind::Checking),
    ("girokonto", AccountKind::Checking),
    ("savings", AccountKind::Savings),
    ("creditcard", AccountKind::CreditCard),
    ("mastercard", AccountKind::CreditCard),
    ("visa", AccountKind::CreditCard),
    ("amex", AccountKind::CreditCard),
    ("kreditkarte", AccountKind::CreditCard),
];

/// Reads an account number from a statement's file name, as written there (an IBAN
/// whole, a masked `XXX234` as is, the digits after a word such as `KtoNr` or `Chase`).
/// Returns `None` when the name carries only dates, times and words.
pub fn account_hint_from_filename(name: &str) -> Option<String> {
    // The last path segment, without its extension.
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    };
    stem.split(['_', '-', ' ', '.', '(', ')', ','])
        .filter(|t| !t.is_empty())
        .find_map(token_hint)
}

fn token_hint(token: &str) -> Option<String> {
    let digits = token.chars().filter(char::is_ascii_digit).count();
    if digits < 3 {
        return None;
    }
    // An IBAN: country letters, check digits, then 11-30 letters and digits.
    let b = token.as_bytes();
    if (15..=34).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_alphanumeric)
    {
        return Some(token.to_string());
    }
    // A masked number: `XXX234`, `xx1234`, `****1234`.
    let mask_len = token
        .chars()
        .take_while(|c| matches!(c, 'X' | 'x' | '*' | '#'))
        .count();
    if mask_len >= 2 && token[mask_len..].chars().all(|c| c.is_ascii_digit()) {
        return Some(token.to_string());
    }
    if token.chars().all(|c| c.is_ascii_digit()) {
        return (token.len() >= 7 && !looks_like_timestamp(token)).then(|| token.to_string());
    }
    // A word then digits: `Chase1234`, `KtoNr538917600`.
    let letters = token
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_alphabetic())
        .count();
    let (prefix, rest) = token.split_at(letters);
    if letters >= 3
        && rest.len() >= 4
        && rest.chars().all(|c| c.is_ascii_digit())
        && !NOT_ACCOUNT_PREFIXES.contains(&prefix.to_ascii_lowercase().as_str())
        && !looks_like_timestamp(rest)
        && !looks_like_year(rest)
    {
        return Some(rest.to_string());
    }
    None
}

fn looks_like_year(digits: &str) -> bool {
    digits.len() == 4
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y))
}

/// `20180418`, `20180418043121`, `201804180431`, `18042018`: a date or timestamp.
fn looks_like_timestamp(digits: &str) -> bool {
    let num = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<u32>().ok());
    let ymd = |y: Option<u32>, m: Option<u32>, d: Option<u32>| {
        matches!((y, m, d), (Some(y), Some(m), Some(d))
            if (1970..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
    };
    match digits.len() {
        8 => ymd(num(0..4), num(4..6), num(6..8)) || ymd(num(4..8), num(2..4), num(0..2)),
        10 | 12 | 14 => ymd(num(0..4), num(4..6), num(6..8)),
        _ => false,
    }
}

/// The account kind a file name (or any label: a preamble's account type) states
/// (`…_Checking_…`, `360Checking`, `credit_card`), if any. Words are whole words, or
/// the end of a glued word for the long ones (`pcmastercard`).
pub fn kind_from_filename(name: &str) -> AccountKind {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    // `credit_card`, `Credit Card`: two words.
    if words.windows(2).any(|w| w == ["credit", "card"]) {
        return AccountKind::CreditCard;
    }
    KIND_WORDS
        .iter()
        .find(|(k, _)| {
            words
                .iter()
                .any(|w| w == k || (k.len() >= 8 && w.ends_with(k)))
        })
        .map(|(_, kind)| *kind)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_names_but_not_dates() {
        let h = |n: &str| account_hint_from_filename(n);
        assert_eq!(
            h("Chase1234_Activity_20261115.CSV").as_deref(),
            Some("1234")
        );
        assert_eq!(
            h("Umsaetze_KtoNr538917600_EUR_02-03-2018_1503.CSV").as_deref(),
            Some("538917600")
        );
        assert_eq!(
            h("export_BE11123456789012_20180304_1422.csv").as_deref(),
            Some("BE11123456789012")
        );
        assert_eq!(
            h("schwab_XXX234_Checking_Transactions_20220203.csv").as_deref(),
            Some("XXX234")
        );
        assert_eq!(
            h("20180226-1000594757-umsatz.CSV").as_deref(),
            Some("1000594757")
        );
        assert_eq!(h("TransactionHistory_20180418043121.csv"), None);
        assert_eq!(
            h("MonzoDataExport_February2018_2018-02-26_174335.csv"),
            None
        );
        assert_eq!(h("CSV_A_20180414_112204.csv"), None);
        assert_eq!(h("sample.fr.cp1252.csv"), None);
        assert_eq!(h("MS_JANE_SMITH_01-12-2019_14-12-2019.csv"), None);
        assert_eq!(h("2019-03-02_11-50-46_bunq-statement.csv"), None);
    }

    #[test]
    fn kinds_in_names() {
        assert_eq!(
            kind_from_filename("Main_Checking_Account_Transactions.csv"),
            AccountKind::Checking
        );
        assert_eq!(kind_from_filename("statement.csv"), AccountKind::Unknown);
        assert_eq!(kind_from_filename("advisable.csv"), AccountKind::Unknown);
        assert_eq!(kind_from_filename("360Checking.csv"), AccountKind::Checking);
        assert_eq!(
            kind_from_filename("pcmastercard.csv"),
            AccountKind::CreditCard
        );
        assert_eq!(
            kind_from_filename("inversed_credit_card.csv"),
            AccountKind::CreditCard
        );
    }
}
