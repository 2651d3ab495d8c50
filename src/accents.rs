//! Accent folding, the one rule: a Latin letter with a diacritic reads as its plain
//! letters (`É` → `e`, `ß` → `ss`), so `Épargne` and `Epargne` are one word whether a
//! bank's CSV header or a chart account's name writes it.

/// Latin letters with diacritics people type in account names and headers, lower case.
const TABLE: &[(&str, &str)] = &[
    ("àáâãäåā", "a"),
    ("çćč", "c"),
    ("èéêëēė", "e"),
    ("ìíîïī", "i"),
    ("ñń", "n"),
    ("òóôõöøō", "o"),
    ("ùúûüū", "u"),
    ("ýÿ", "y"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("œ", "oe"),
];

/// The plain lower-case ASCII letters of an accented letter (either case), or `None`
/// for anything else (ASCII, digits, punctuation, letters of other scripts).
pub fn fold_letter(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    let mut lower = c.to_lowercase();
    let l = lower.next()?;
    if lower.next().is_some() {
        return None;
    }
    TABLE
        .iter()
        .find(|(from, _)| from.contains(l))
        .map(|(_, to)| *to)
}

#[cfg(test)]
mod tests {
    use super::fold_letter;

    #[test]
    fn folds_both_cases_and_leaves_the_rest() {
        assert_eq!(fold_letter('é'), Some("e"));
        assert_eq!(fold_letter('É'), Some("e"));
        assert_eq!(fold_letter('ß'), Some("ss"));
        assert_eq!(fold_letter('Æ'), Some("ae"));
        assert_eq!(fold_letter('e'), None);
        assert_eq!(fold_letter('°'), None);
        assert_eq!(fold_letter('日'), None);
    }
}
