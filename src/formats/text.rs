//! Small text readers several formats share: money in the many ways exports write it,
//! and bank numbers hidden in account names.

use crate::model::{Account, BankNumber, Money};

/// Which character separates decimals in a file's amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DecimalSeparator {
    #[default]
    Dot,
    Comma,
}

/// `cell.trim()`, without walking Unicode's white-space table for the usual cell that
/// starts and ends with a visible ASCII character (every cell of a million-row file
/// is trimmed, some more than once).
pub(crate) fn trim_cell(cell: &str) -> &str {
    // Visible ASCII (`!` to `~`, and DEL) is never white space.
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b.wrapping_sub(b'!') < 0x5F);
    let b = cell.as_bytes();
    if plain(b.first()) && plain(b.last()) {
        cell
    } else {
        cell.trim()
    }
}

/// Parses money as exports write it: `-1,234.56`, `(1,234.56)`, `$1,234.56`, `-$7.00`,
/// `+ £1,100.00`, `1.234,56` and `-200,00` (with [`DecimalSeparator::Comma`]),
/// `11'373.94`, `1 234,56`, `120.00-`, `12.00 CR` / `DR`. Returns `None` for anything
/// else, so a bad cell is reported rather than guessed.
#[inline]
pub fn parse_amount(text: &str, decimal: DecimalSeparator) -> Option<Money> {
    let s = trim_cell(text);
    if s.is_empty() {
        return None;
    }
    // Most cells are plain (`-45.23`): read them inline, without the general path's
    // allocations or its call (whose set-up, saving what it uses, cost as much as
    // reading a plain cell; two cells of every row come here).
    match plain_amount(s, decimal) {
        Some(plain) => Some(plain),
        None => written_amount(s, decimal),
    }
}

/// [`parse_amount`] for a trimmed cell that is not plain.
#[inline(never)]
fn written_amount(text: &str, decimal: DecimalSeparator) -> Option<Money> {
    let mut s = text;
    let mut negative = false;
    // Parentheses mean negative.
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    // Trailing CR/DR markers (credit/debit) and trailing minus.
    let upper_tail = s
        .get(s.len().saturating_sub(2)..)
        .map(str::to_ascii_uppercase);
    match upper_tail.as_deref() {
        Some("DR") => {
            negative = !negative;
            s = s[..s.len() - 2].trim_end();
        }
        Some("CR") => {
            s = s[..s.len() - 2].trim_end();
        }
        _ => {}
    }
    if let Some(rest) = s.strip_suffix('-') {
        negative = !negative;
        s = rest.trim_end();
    }
    let mut digits = String::with_capacity(s.len());
    let mut seen_digit = false;
    let mut sign_seen = false;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                seen_digit = true;
                digits.push(c);
            }
            '-' | '−' if !seen_digit && !sign_seen => {
                negative = !negative;
                sign_seen = true;
            }
            '+' if !seen_digit && !sign_seen => sign_seen = true,
            '.' | ',' => {
                let is_decimal = (c == '.') == (decimal == DecimalSeparator::Dot);
                if is_decimal {
                    digits.push('.');
                }
            }
            '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}' if seen_digit => {}
            c if !seen_digit
                && (is_currency_symbol(c) || c.is_whitespace() || c.is_ascii_alphabetic()) =>
            {
                // `$`, `£`, `€`, `USD `, `R$`: only before the number.
            }
            c if seen_digit
                && (is_currency_symbol(c) || c.is_whitespace() || c.is_ascii_alphabetic()) =>
            {
                // `12,00 €` or `12.00 EUR`: trailing currency text; digits resuming after
                // it are refused below.
            }
            _ => return None,
        }
    }
    if !seen_digit || digits.matches('.').count() > 1 {
        return None;
    }
    // Letters after the number must not hide more digits ("12 abc 34").
    let last_digit = s.rfind(|c: char| c.is_ascii_digit())?;
    if s[..last_digit]
        .rfind(|c: char| c.is_ascii_alphabetic())
        .is_some_and(|p| p > s.find(|c: char| c.is_ascii_digit()).unwrap_or(0))
    {
        return None;
    }
    let value = Money::parse_plain(&digits)?;
    Some(if negative { Money(-value.0) } else { value })
}

/// `-?digits[.digits]` (the `.` only in the dot convention), as `parse_amount` would read
/// it, in one pass over the bytes (two cells of every row of a million-row file go
/// through here).
#[inline]
fn plain_amount(s: &str, decimal: DecimalSeparator) -> Option<Money> {
    let b = s.as_bytes();
    let (negative, body) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    // Whole units, at most 14 digits (so the value in ten-thousandths cannot overflow).
    let mut units: i64 = 0;
    let mut int = 0;
    while let Some(d) = body
        .get(int)
        .map(|c| c.wrapping_sub(b'0'))
        .filter(|&d| d <= 9)
    {
        if int == 14 {
            return None;
        }
        units = units * 10 + i64::from(d);
        int += 1;
    }
    if int == 0 {
        return None;
    }
    let mut value = units * Money::SCALE;
    let digit = |c: u8| Some(i64::from(c.wrapping_sub(b'0'))).filter(|&d| d <= 9);
    match &body[int..] {
        [] => {}
        _ if decimal != DecimalSeparator::Dot => return None,
        // Cents, as nearly every cell writes them.
        &[b'.', a, b] => value += digit(a)? * 1000 + digit(b)? * 100,
        [b'.', frac @ ..] if !frac.is_empty() => {
            let mut scale = Money::SCALE;
            for (i, &c) in frac.iter().enumerate() {
                let d = digit(c)?;
                if i < 4 {
                    scale /= 10;
                    value += d * scale;
                } else if i == 4 && d >= 5 {
                    value += 1;
                }
            }
        }
        _ => return None,
    }
    Some(Money(if negative { -value } else { value }))
}

fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '£'
            | '€'
            | '¥'
            | '₹'
            | '₩'
            | '₽'
            | '₺'
            | '₪'
            | '₱'
            | '₫'
            | '฿'
            | '¤'
            | '₣'
            | '₦'
            | '₴'
    )
}

/// The longest key of a word table, in bytes: a cell longer than it is no key, and
/// needs no lookup (type columns, tag names).
pub(crate) const fn longest_key<T>(table: &[(&str, T)]) -> usize {
    let mut longest = 0;
    let mut i = 0;
    while i < table.len() {
        if table[i].0.len() > longest {
            longest = table[i].0.len();
        }
        i += 1;
    }
    longest
}

// The shapes of money cells, for telling which columns hold money and how they write
// it (bank CSV layout sniffing), kept beside the parser whose input they anticipate.

/// What one money cell says about the decimal separator: the last of `.`/`,` when
/// both appear; a lone separator followed by other than three digits; else nothing.
pub(crate) fn decimal_evidence(v: &str) -> Option<DecimalSeparator> {
    let seps: Vec<(usize, char)> = v
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | ','))
        .collect();
    let &(pos, last) = seps.last()?;
    let kind = |c: char| {
        if c == '.' {
            DecimalSeparator::Dot
        } else {
            DecimalSeparator::Comma
        }
    };
    if seps.iter().any(|(_, c)| *c != last) {
        return Some(kind(last));
    }
    if seps.len() > 1 {
        // `1.234.567` or `1,234,567`: thousands separators.
        return Some(kind(if last == '.' { ',' } else { '.' }));
    }
    let digits_after = v[pos + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    (digits_after != 3 && digits_after > 0).then(|| kind(last))
}

/// Whether a cell is written like money: digits with separators, signs, parentheses,
/// currency symbols, a trailing `CR`/`DR` or currency code. No other letters.
pub(crate) fn money_shape(v: &str) -> bool {
    let mut s = v.trim();
    if s.is_empty() {
        return false;
    }
    for suffix in [" CR", " DR", "CR", "DR"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end();
            break;
        }
    }
    let code = |t: &str| t.len() == 3 && t.chars().all(|c| c.is_ascii_uppercase());
    if let Some((head, tail)) = s.split_once(' ') {
        if code(head) {
            s = tail.trim_start();
        } else if let Some((num, cur)) = s.rsplit_once(' ') {
            if code(cur) {
                s = num.trim_end();
            }
        }
    }
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '.' | ','
                        | '\''
                        | '+'
                        | '-'
                        | '('
                        | ')'
                        | '$'
                        | '£'
                        | '€'
                        | '¥'
                        | '₹'
                        | ' '
                        | '\u{a0}'
                )
        })
}

/// Money with cents, a currency symbol or an explicit sign: not a plain integer id.
pub(crate) fn money_marked(v: &str) -> bool {
    let t = v.trim();
    let cents = t.rfind(['.', ',']).is_some_and(|p| {
        (1..=2).contains(&t[p + 1..].chars().take_while(char::is_ascii_digit).count())
    });
    cents || t.contains(['$', '£', '€', '¥', '₹']) || t.starts_with(['+', '-', '('])
}

/// Finds a bank account or card number written into an account name or description,
/// the ways bookkeepers write them: `x1234`, `X-1234`, `...1234`, `…1234`, `****1234`,
/// `#1234`, `(1234)`, `ending in 1234`, `- 1234` at the end, and a long plain number
/// (8+ digits). A leading chart number (`1010 Checking`) is never taken.
pub fn bank_number_in_text(text: &str) -> Option<BankNumber> {
    let lower = text.to_lowercase();
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    // Marker patterns: the digits that follow a mask or "ending in".
    const ENDING: &[&str] = &[
        "ending in",
        "ending with",
        "ends in",
        "ending",
        "last 4",
        "last four",
    ];
    for marker in ENDING {
        if let Some(pos) = lower.find(marker) {
            let rest = &lower[pos + marker.len()..];
            let rest = rest.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '#' | '-' | '.' | '*' | 'x')
            });
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            if (3..=6).contains(&digits.len()) {
                return BankNumber::last_digits(&digits);
            }
        }
    }
    // Walk digit runs and look at what stands before each.
    let mut i = 0;
    let mut found: Option<BankNumber> = None;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        // A number may contain single spaces or dashes between digit groups (card numbers).
        let mut end = i;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_ascii_digit() {
                end = j + 1;
                j += 1;
            } else if matches!(c, ' ' | '-')
                && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit())
                && end - start >= 4
            {
                j += 1;
            } else {
                break;
            }
        }
        let run: String = chars[start..end]
            .iter()
            .map(|c| c.1)
            .filter(|c| c.is_ascii_digit())
            .collect();
        i = end.max(start + 1);
        let before: String = chars[..start]
            .iter()
            .rev()
            .take(6)
            .map(|c| c.1)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let before_trim = before.trim_end();
        let after = chars.get(end).map(|c| c.1);
        // `x1234`, `X-1234`, `xx1234`, but not a word ending in x (`Fedex 1234`).
        let before_sep = before.trim_end_matches([' ', '-']);
        let x_mask = before_sep.ends_with('x')
            && before_sep
                .chars()
                .rev()
                .nth(1)
                .is_none_or(|c| !c.is_alphabetic() || c == 'x');
        let masked = x_mask
            || before_trim.ends_with("...")
            || before_trim.ends_with('…')
            || before_trim.ends_with('*')
            || before_trim.ends_with('•')
            || before_trim.ends_with('#');
        if masked && (2..=6).contains(&run.len()) {
            return BankNumber::last_digits(&run);
        }
        let in_parens = before_trim.ends_with('(') && after == Some(')');
        if in_parens && (4..=6).contains(&run.len()) {
            return BankNumber::last_digits(&run);
        }
        // `Checking - 1234` at the very end.
        let at_end = chars[end..]
            .iter()
            .all(|c| c.1.is_whitespace() || c.1 == ')');
        // ...but not the tail of a phone number or date (`800-555-1212`, `11-15-2026`).
        let dash_after_digit = before_trim
            .strip_suffix('-')
            .is_some_and(|b| b.trim_end().ends_with(|c: char| c.is_ascii_digit()));
        if at_end && start > 0 && before_trim.ends_with('-') && !dash_after_digit && run.len() == 4
        {
            return BankNumber::last_digits(&run);
        }
        // A long plain number is an account number, unless it opens the name (a chart
        // number) or a word before it says it is something else (`Routing 021000021`).
        if run.len() >= 8 && start > 0 && found.is_none() && !names_other_number(&chars[..start]) {
            found = BankNumber::from_text(&run);
        }
    }
    found
}

/// Finds the bank number an account's own name (or description) carries, knowing what
/// kind of account it is: every form [`bank_number_in_text`] reads, and on a bank or
/// credit-card account (`bank_facing`) also the forms that only make sense there — a
/// bare last four at the end (`Amex Blue 3007`, `Citizens Checking 2290`) and a number
/// after a word that names it (`Payroll Acct 8841`, `Account No 1234`).
///
/// Not taken, since they are not bank numbers: a bare number on any other account
/// (`Store 1234` under expenses), a year (`Checking 2019`: identity may still use it as
/// a weak hint when a statement ends that way), the tail of a phone number or date, and
/// the `- 1` QuickBooks Online's feed appends (`BUS COMPLETE CHK (1234) - 1`).
pub fn bank_number_in_account_name(text: &str, bank_facing: bool) -> Option<BankNumber> {
    let text = strip_feed_suffix(text);
    if let Some(n) = bank_number_in_text(text) {
        return Some(n);
    }
    if !bank_facing {
        return None;
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ';'))
        .filter(|t| !t.is_empty())
        .collect();
    // `Acct 8841`, `Account No. 1234`, `A/C 1234`: a word that names the number.
    for (k, t) in tokens.iter().enumerate().skip(1) {
        let digits = t.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | '#'));
        if !(3..=6).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let word = tokens[k - 1]
            .trim_end_matches(['.', ':', '#'])
            .to_ascii_lowercase();
        if NUMBER_WORDS.contains(&word.as_str()) {
            return BankNumber::last_digits(digits);
        }
    }
    // A bare four digits ending the name, not the name's only word (a chart number),
    // not a year, not the last group of a phone number (`555 1212`).
    let [.., before, last] = tokens[..] else {
        return None;
    };
    let bare = last.trim_end_matches(')');
    let is_four_digits = bare.len() == 4 && bare.bytes().all(|b| b.is_ascii_digit());
    let before_is_number = before
        .trim_end_matches(['-', '.'])
        .ends_with(|c: char| c.is_ascii_digit());
    if is_four_digits && !before_is_number && !looks_like_year(bare) {
        return BankNumber::last_digits(bare);
    }
    None
}

/// Sets [`Account::name_number`] from the account's name as written without its chart
/// number (`name`), else its description; and takes it as the bank number when the
/// export's own number field gave none.
pub fn read_name_number(a: &mut Account, name: &str) {
    let bank_facing = a.account_type.is_bank_facing();
    a.name_number = bank_number_in_account_name(name, bank_facing).or_else(|| {
        a.description
            .as_deref()
            .and_then(|d| bank_number_in_account_name(d, bank_facing))
    });
    if a.bank_number.is_none() {
        a.bank_number = a.name_number.clone();
    }
}

/// Words that, just before a short number, say it is the account's number.
const NUMBER_WORDS: &[&str] = &[
    "acct", "account", "acc", "a/c", "no", "nbr", "num", "number", "card", "ending", "x",
];

/// Whether four digits read as a year a name might carry (`Loan 2024`, `Truck 1998`).
pub fn looks_like_year(digits: &str) -> bool {
    digits
        .parse::<u16>()
        .is_ok_and(|y| (1950..=2059).contains(&y))
}

/// A name without the ` - 1` (one or two digits after a dash) that QuickBooks Online's
/// bank feed appends to the bank's account name: that digit is no account number.
fn strip_feed_suffix(text: &str) -> &str {
    let t = text.trim_end();
    if let Some((head, tail)) = t.rsplit_once(" - ") {
        if (1..=2).contains(&tail.len()) && tail.bytes().all(|b| b.is_ascii_digit()) {
            return head.trim_end();
        }
    }
    t
}

/// Words that, just before a long number, say it is not an account number.
const OTHER_NUMBER_WORDS: &[&str] = &[
    "routing", "aba", "rtn", "transit", "phone", "tel", "fax", "ein", "tin", "ssn", "id", "swift",
    "sort",
];

/// Whether the word just before a number names it as another kind of number.
fn names_other_number(before: &[(usize, char)]) -> bool {
    let tail: String = before
        .iter()
        .rev()
        .take(24)
        .map(|c| c.1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.split(|c: char| !c.is_alphabetic())
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| OTHER_NUMBER_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalSeparator::*;

    /// The shortcut is `str::trim` for any text: every ASCII byte, and Unicode white
    /// space (no-break, ideographic, line separator) at either end.
    #[test]
    fn trim_cell_is_trim() {
        use proptest::prelude::*;
        let ends = prop::sample::select(vec![
            "", " ", "\t", "\u{a0}", "\u{3000}", "\u{2028}", "\u{85}", "\u{1}", "\u{7f}", "é", "x",
        ]);
        proptest!(ProptestConfig::with_cases(2000), |(a in ends.clone(), mid in "[\\x00-\\x7f]{0,3}", z in ends)| {
            let cell = format!("{a}{mid}{z}");
            prop_assert_eq!(trim_cell(&cell), cell.trim());
        });
        for b in 0u8..0x80 {
            let cell = char::from(b).to_string();
            assert_eq!(trim_cell(&cell), cell.trim(), "byte {b:#x}");
        }
    }

    fn amt(s: &str, d: DecimalSeparator) -> Option<String> {
        parse_amount(s, d).map(|m| m.to_string())
    }

    #[test]
    fn amounts_in_their_many_shapes() {
        assert_eq!(amt("-1,234.56", Dot).as_deref(), Some("-1234.56"));
        assert_eq!(amt("(1,234.56)", Dot).as_deref(), Some("-1234.56"));
        assert_eq!(amt("-$7,971.39", Dot).as_deref(), Some("-7971.39"));
        assert_eq!(amt("+ £1,100.00", Dot).as_deref(), Some("1100.00"));
        assert_eq!(amt("£67.40", Dot).as_deref(), Some("67.40"));
        assert_eq!(amt("1.234,56", Comma).as_deref(), Some("1234.56"));
        assert_eq!(amt("-200,00", Comma).as_deref(), Some("-200.00"));
        assert_eq!(amt("+5257,28", Comma).as_deref(), Some("5257.28"));
        assert_eq!(amt("11'373.94", Dot).as_deref(), Some("11373.94"));
        assert_eq!(amt("1 234,56 €", Comma).as_deref(), Some("1234.56"));
        assert_eq!(amt("120.00-", Dot).as_deref(), Some("-120.00"));
        assert_eq!(amt("12.00 DR", Dot).as_deref(), Some("-12.00"));
        assert_eq!(amt("USD 5", Dot).as_deref(), Some("5.00"));
        assert_eq!(amt("", Dot), None);
        assert_eq!(amt("abc", Dot), None);
        assert_eq!(amt("1.2.3", Dot), None);
        assert_eq!(amt("12 abc 34", Dot), None);
    }

    #[test]
    fn bank_numbers_in_names() {
        let last = |s: &str| bank_number_in_text(s).map(|n| n.digits().to_string());
        assert_eq!(last("Amex Gold x1005").as_deref(), Some("1005"));
        assert_eq!(last("Chase Checking ...4321").as_deref(), Some("4321"));
        assert_eq!(last("Visa ****9876").as_deref(), Some("9876"));
        assert_eq!(last("BofA Business (6789)").as_deref(), Some("6789"));
        assert_eq!(last("Card ending in 2008").as_deref(), Some("2008"));
        assert_eq!(last("Wells Fargo Checking - 5555").as_deref(), Some("5555"));
        assert_eq!(last("Operating 123456789").as_deref(), Some("123456789"));
        assert_eq!(last("1010 Checking"), None);
        assert_eq!(last("Checking 2"), None);
        assert_eq!(last("Tax 2024"), None);
        assert_eq!(last("Fedex 1234"), None);
        assert_eq!(last("Customer service 800-555-1212"), None);
        assert_eq!(last("Checking-1234").as_deref(), Some("1234"));
        assert_eq!(last("Visa XXXX-XXXX-XXXX-4321").as_deref(), Some("4321"));
        assert_eq!(last("PNC Checking (XXXXXX1234)").as_deref(), Some("1234"));
        assert_eq!(last("Routing 021000021").as_deref(), None);
        assert_eq!(
            last("Routing 021000021 acct 443871002").as_deref(),
            Some("443871002")
        );
        assert_eq!(last("Opened 11/15/2019"), None);
        assert_eq!(last("Operating 123456789").as_deref(), Some("123456789"));
    }

    #[test]
    fn last_fours_in_bank_account_names() {
        let bank = |s: &str| bank_number_in_account_name(s, true).map(|n| n.digits().to_string());
        let other = |s: &str| bank_number_in_account_name(s, false).map(|n| n.digits().to_string());
        assert_eq!(bank("Amex Blue 3007").as_deref(), Some("3007"));
        assert_eq!(bank("Citizens Checking 2290").as_deref(), Some("2290"));
        assert_eq!(bank("Payroll Acct 8841").as_deref(), Some("8841"));
        assert_eq!(bank("Operating Checking - 5170").as_deref(), Some("5170"));
        assert_eq!(bank("Business Visa - 0718").as_deref(), Some("0718"));
        assert_eq!(bank("BUS COMPLETE CHK (1234) - 1").as_deref(), Some("1234"));
        assert_eq!(bank("Account No. 4455").as_deref(), Some("4455"));
        assert_eq!(bank("Chase …4321").as_deref(), Some("4321"));
        // Near misses: not bank numbers.
        assert_eq!(bank("Loan 2024"), None);
        assert_eq!(bank("Checking 2019"), None);
        assert_eq!(bank("Checking - 1"), None);
        assert_eq!(bank("Call 555 1212"), None);
        assert_eq!(bank("1010"), None);
        assert_eq!(other("Store 1234 Supplies"), None);
        assert_eq!(other("Amex Fees 3007"), None);
        assert_eq!(other("Fees x3007").as_deref(), Some("3007"));
    }

    #[test]
    fn decimal_evidence_reads_separators() {
        assert_eq!(decimal_evidence("-8,78"), Some(Comma));
        assert_eq!(decimal_evidence("11'373.94"), Some(Dot));
        assert_eq!(decimal_evidence("1.234,56"), Some(Comma));
        assert_eq!(decimal_evidence("1,234"), None);
        assert_eq!(decimal_evidence("512.0"), Some(Dot));
        assert_eq!(decimal_evidence("50000"), None);
    }

    #[test]
    fn money_shapes() {
        assert!(money_shape("-$7,971.39"));
        assert!(money_shape("+120,00"));
        assert!(money_shape("£1,183.23"));
        assert!(money_shape("12.00 CR"));
        assert!(!money_shape("INV-1"));
        assert!(!money_shape("Check"));
    }

    /// The one-pass reading of plain cells agrees with `Money::parse_plain` on every
    /// plain shape (rounding past the fourth decimal, long integers left to the
    /// general path, comma decimals never read as plain).
    #[test]
    fn plain_cells_read_as_parse_plain_reads_them() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(3000), |(s in "-?[0-9]{1,17}(\\.[0-9]{1,7})?")| {
            prop_assert_eq!(parse_amount(&s, DecimalSeparator::Dot), Money::parse_plain(&s));
            if let Some(p) = plain_amount(&s, DecimalSeparator::Comma) {
                prop_assert!(!s.contains('.'));
                prop_assert_eq!(Some(p), Money::parse_plain(&s));
            }
        });
        // Near-plain cells (a stray letter, a second point, a bare sign or point): the
        // shortcut reads them as `parse_plain` does, or leaves them to the general path.
        proptest!(ProptestConfig::with_cases(3000), |(s in "[-0-9.a]{0,10}")| {
            if let Some(p) = plain_amount(&s, DecimalSeparator::Dot) {
                prop_assert_eq!(Some(p), Money::parse_plain(&s));
            }
        });
    }
}
