//! The one masker: every string that reaches a person or a file goes through
//! [`shown`] once, in [`Report::finish`](super::Report::finish).
//!
//! **The rule.** A *digit run* is digits (ASCII, fullwidth `０`–`９`, Arabic-Indic) joined
//! by at most three separators between digits (spaces of any kind incl. no-break and
//! thin spaces, `-`, `–`, `.`, `/`). A run that is a bank number keeps only its last four
//! digits (`…1234`). A run is *not* a bank number when it is
//! - a real calendar date or date-time: `YYYYMMDD`, `YYYYMMDDhhmm[ss]` with a real time,
//!   `YYYY-MM[-DD]`, `MM/DD/YYYY`, `DD.MM.YY` (any of the separators); other groups of a
//!   run holding a date are judged one by one (`20180226-1000594757` → `20180226-…4757`);
//! - an amount: two groups split by one `.` or `,` with at most five decimals
//!   (`-1234567.89`, `-3.77000`);
//! - shorter than the field's threshold: 5 digits in identifiers ([`Field::Name`]: file
//!   names, account names, excerpts), 8 in prose ([`Field::Prose`]: titles, details,
//!   messages, and institution ids, where 5-digit FIDs and status codes such as `15500`
//!   are not account numbers).
//!
//! A date-shaped run that is not a real date (`201503127788`: 77:88 is no time) is masked.
//!
//! Then every control character, bidi control and invisible character is shown as
//! `⟨U+202E⟩`, so a name or file name can neither drive a terminal (ESC sequences), forge
//! a report line (a newline), nor look like another account (a right-to-left override).

use std::collections::HashMap;

/// What kind of string is masked: decides the shortest digit run that is masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// File names, account names, excerpts of files, bank ids: 5 digits or more.
    Name,
    /// Sentences and institution ids: 8 digits or more.
    Prose,
}

impl Field {
    fn min_digits(self) -> usize {
        match self {
            Field::Name => 5,
            Field::Prose => 8,
        }
    }
}

/// The string as it may be shown to a person: bank numbers masked, control and
/// invisible characters made visible.
pub fn shown(text: &str, field: Field) -> String {
    escape_controls(&mask_digits(text, field.min_digits()))
}

/// In place, for the report's fields.
pub fn show(text: &mut String, field: Field) {
    if needs_work(text, field) {
        *text = shown(text, field);
    }
}

/// Fast path: most strings have no long digit run and no special character.
fn needs_work(text: &str, field: Field) -> bool {
    if text.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_control()
        } else {
            digit_value(c).is_some() || is_hidden(c)
        }
    }) {
        return true;
    }
    longest_run_bound(text) >= field.min_digits()
}

/// At least the digits of the longest digit run in `text`: digits counted across any
/// separators, restarted at any other character. A report's long texts (a plan step
/// naming thousands of accounts) hold many short numbers and no long one; counting all
/// their digits sent every such text through the whole masker, twice.
fn longest_run_bound(text: &str) -> usize {
    let (mut run, mut longest) = (0usize, 0usize);
    // By bytes through a class table, decoding only where a character starts beyond
    // ASCII: this runs over every long text of a report, several megabytes in a big one.
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match BYTE_CLASS[b as usize] {
            DIGIT => {
                run += 1;
                longest = longest.max(run);
            }
            OTHER => run = 0,
            LEAD => {
                let c = text[i..].chars().next().unwrap_or(' ');
                if digit_value(c).is_some() {
                    run += 1;
                    longest = longest.max(run);
                } else if !is_separator(c) {
                    run = 0;
                }
            }
            // A separator, or a byte inside a character already judged at its lead.
            _ => {}
        }
    }
    longest
}

const OTHER: u8 = 0;
const DIGIT: u8 = 1;
const SEPARATOR: u8 = 2;
const LEAD: u8 = 3;
const CONTINUATION: u8 = 4;

/// What each byte of UTF-8 text is to [`longest_run_bound`]: ASCII as [`is_separator`]
/// says, non-ASCII by whether it starts a character.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b' ' | b'-' | b'.' | b'/' | 0x0B | 0x0C => SEPARATOR,
            0x80..=0xBF => CONTINUATION,
            0xC0..=0xFF => LEAD,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// Masks file names so that two different names never mask alike
/// (`Chase111111114821.csv`, `Chase222222224821.csv` → `Chase…4821.csv`,
/// `Chase…4821 (2).csv`): the page lists each file's statements under its name.
#[derive(Debug, Default)]
pub struct FileNames {
    shown: HashMap<String, String>,
    taken: HashMap<String, usize>,
}

impl FileNames {
    /// The name shown for `original`, the same every time it is asked.
    pub fn name(&mut self, original: &str) -> String {
        if let Some(s) = self.shown.get(original) {
            return s.clone();
        }
        let base = shown(original, Field::Name);
        let mut n = self.taken.get(&base).copied().unwrap_or(0) + 1;
        let mut name = base.clone();
        if n > 1 {
            name = numbered(&base, n);
            // A numbered name may itself be a name already given: count on.
            while self.taken.contains_key(&name) {
                n += 1;
                name = numbered(&base, n);
            }
            self.taken.insert(name.clone(), 1);
        }
        self.taken.insert(base, n);
        self.shown.insert(original.to_string(), name.clone());
        name
    }
}

/// `a.csv` → `a (2).csv`.
fn numbered(name: &str, n: usize) -> String {
    match name.rfind('.').filter(|&i| i > 0) {
        Some(i) => format!("{} ({n}){}", &name[..i], &name[i..]),
        None => format!("{name} ({n})"),
    }
}

/// The value of a decimal digit of any of the scripts a bank number may be typed in.
fn digit_value(c: char) -> Option<u32> {
    let base = match c {
        '0'..='9' => '0',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        '\u{0966}'..='\u{096F}' => '\u{0966}',
        '\u{1D7CE}'..='\u{1D7FF}' => return Some((c as u32 - 0x1D7CE) % 10),
        _ => return None,
    };
    Some(c as u32 - base as u32)
}

/// Characters that may stand between the digit groups of one number.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '.'
            | '/'
            | '\u{00A0}'
            | '\u{2007}'
            | '\u{2009}'
            | '\u{202F}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{FF0D}'
            | '\u{FF0E}'
            | '\u{FF0F}'
            | '\u{3000}'
    ) || (c.is_whitespace() && !matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}'))
}

/// Control, bidi and invisible characters: shown as `⟨U+XXXX⟩`.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Shows control and invisible characters as `⟨U+202E⟩`; a tab becomes a space.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_hidden) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '\t' {
            out.push(' ');
        } else if is_hidden(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One digit group of a run: where it is (char indices) and its digits' values.
struct Group {
    start: usize,
    end: usize,
    digits: Vec<u32>,
}

/// Masks bank numbers in `text`: every digit run of `min_len` digits or more that is
/// not a date or an amount keeps its last four digits (see the module's rule).
pub fn mask_digits(text: &str, min_len: usize) -> String {
    // Most strings have no digit run long enough to be a bank number.
    if longest_run_bound(text) < min_len {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if digit_value(chars[i]).is_none() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // Collect the run's groups.
        let mut groups: Vec<Group> = Vec::new();
        let mut seps: Vec<(usize, usize)> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            let mut digits = Vec::new();
            while let Some(d) = chars.get(j).and_then(|&c| digit_value(c)) {
                digits.push(d);
                j += 1;
            }
            groups.push(Group {
                start,
                end: j,
                digits,
            });
            let mut k = j;
            while k < chars.len() && k - j < 3 && is_separator(chars[k]) {
                k += 1;
            }
            if k > j && chars.get(k).is_some_and(|&c| digit_value(c).is_some()) {
                seps.push((j, k));
                j = k;
            } else {
                break;
            }
        }
        let end = groups.last().map_or(i, |g| g.end);
        mask_run(&chars, &groups, &seps, min_len, &mut out);
        i = end;
    }
    out
}

fn mask_run(
    chars: &[char],
    groups: &[Group],
    seps: &[(usize, usize)],
    min_len: usize,
    out: &mut String,
) {
    let total: usize = groups.iter().map(|g| g.digits.len()).sum();
    let start = groups[0].start;
    let end = groups[groups.len() - 1].end;
    let keep = |out: &mut String, a: usize, b: usize| out.extend(&chars[a..b]);
    // An amount: `1234567.89`, `-3.77000`, `1 234,56` is three groups and judged as a number.
    if groups.len() == 2 {
        let (a, b) = seps[0];
        let sep: String = chars[a..b].iter().collect();
        if (sep == "." || sep == ",") && groups[1].digits.len() <= 5 && groups[0].digits.len() < 12
        {
            keep(out, start, end);
            return;
        }
    }
    if total < min_len {
        keep(out, start, end);
        return;
    }
    if groups.len() == 1 {
        if is_date_time(&groups[0].digits) {
            keep(out, start, end);
        } else {
            masked(out, chars, groups, end);
        }
        return;
    }
    // Several groups: a date among them means they are separate numbers.
    if let Some(date) = date_groups(groups) {
        for (n, g) in groups.iter().enumerate() {
            if date.contains(&n) || g.digits.len() < min_len || is_date_time(&g.digits) {
                keep(out, g.start, g.end);
            } else {
                masked(out, chars, std::slice::from_ref(g), g.end);
            }
            if let Some(&(a, b)) = seps.get(n) {
                keep(out, a, b);
            }
        }
        return;
    }
    masked(out, chars, groups, end);
}

/// `…` and the run's last four digits, as written.
fn masked(out: &mut String, chars: &[char], groups: &[Group], end: usize) {
    let mut last: Vec<char> = Vec::with_capacity(4);
    let mut k = end;
    let start = groups[0].start;
    while k > start && last.len() < 4 {
        k -= 1;
        if digit_value(chars[k]).is_some() {
            last.push(chars[k]);
        }
    }
    out.push('…');
    out.extend(last.iter().rev());
}

fn number(d: &[u32]) -> u32 {
    d.iter()
        .fold(0u32, |n, &x| n.saturating_mul(10).saturating_add(x))
}

fn real_date(y: u32, m: u32, d: u32) -> bool {
    (1900..=2100).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && i16::try_from(y)
            .ok()
            .and_then(|y| jiff::civil::Date::new(y, m as i8, d as i8).ok())
            .is_some()
}

/// `YYYYMMDD`, `YYYYMMDDhhmm` or `YYYYMMDDhhmmss` with a real date and time.
fn is_date_time(d: &[u32]) -> bool {
    if !matches!(d.len(), 8 | 12 | 14) {
        return false;
    }
    if !real_date(number(&d[..4]), number(&d[4..6]), number(&d[6..8])) {
        return false;
    }
    let time_ok = |from: usize, max: u32| d.len() <= from || number(&d[from..from + 2]) <= max;
    time_ok(8, 23) && time_ok(10, 59) && time_ok(12, 60)
}

/// Indexes of groups that together write a date (`2026-11-30`, `2026-11`, `11/30/2026`,
/// `30.11.26`), or of a group that is a `YYYYMMDD` date on its own.
fn date_groups(groups: &[Group]) -> Option<Vec<usize>> {
    if let Some(n) = groups.iter().position(|g| is_date_time(&g.digits)) {
        return Some(vec![n]);
    }
    let len = |n: usize| groups.get(n).map_or(0, |g| g.digits.len());
    let val = |n: usize| groups.get(n).map_or(0, |g| number(&g.digits));
    for n in 0..groups.len() {
        // Y-M-D
        if len(n) == 4 && (1..=2).contains(&len(n + 1)) {
            if (1..=2).contains(&len(n + 2)) && real_date(val(n), val(n + 1), val(n + 2)) {
                return Some(vec![n, n + 1, n + 2]);
            }
            if n == 0 && groups.len() == 2 && real_date(val(0), val(1), 1) {
                return Some(vec![0, 1]);
            }
        }
        // M/D/Y or D.M.Y, two- or four-digit year.
        if (1..=2).contains(&len(n)) && (1..=2).contains(&len(n + 1)) && matches!(len(n + 2), 2 | 4)
        {
            let y = if len(n + 2) == 2 {
                2000 + val(n + 2)
            } else {
                val(n + 2)
            };
            if real_date(y, val(n), val(n + 1)) || real_date(y, val(n + 1), val(n)) {
                return Some(vec![n, n + 1, n + 2]);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(t: &str) -> String {
        shown(t, Field::Name)
    }

    #[test]
    fn keeps_dates_and_amounts() {
        assert_eq!(name("<DTPOSTED>20261115120000"), "<DTPOSTED>20261115120000");
        assert_eq!(
            name("<DTPOSTED>20261115120000.000[-5:EST]"),
            "<DTPOSTED>20261115120000.000[-5:EST]"
        );
        assert_eq!(name("<TRNAMT>-1234567.89"), "<TRNAMT>-1234567.89");
        assert_eq!(name("<TRNAMT>-3.77000"), "<TRNAMT>-3.77000");
        assert_eq!(name("on 2026-11-30"), "on 2026-11-30");
        assert_eq!(name("amex-2026-11.qbo"), "amex-2026-11.qbo");
        assert_eq!(
            name("11/30/2026,\"PAYMENT\",-12.00"),
            "11/30/2026,\"PAYMENT\",-12.00"
        );
        assert_eq!(name("30.11.2026 12345678"), "30.11.2026 …5678");
        assert_eq!(
            name("20180226-1000594757-umsatz.CSV"),
            "20180226-…4757-umsatz.CSV"
        );
        assert_eq!(name("x1234 and 12"), "x1234 and 12");
    }

    #[test]
    fn masks_numbers_behind_any_separator_or_script() {
        assert_eq!(name("card 4111 1111 1111 1234 ok"), "card …1234 ok");
        assert_eq!(name("card 4111  1111  1111  1234"), "card …1234");
        assert_eq!(name("4111.1111.1111.1234"), "…1234");
        assert_eq!(name("4111/1111/1111/1234"), "…1234");
        assert_eq!(name("4111\u{a0}1111\u{a0}1111\u{a0}1234"), "…1234");
        assert_eq!(
            name("ＩＤ ４１１１１１１１１１１１１２３４"),
            "ＩＤ …１２３４"
        );
        // Date-shaped but no real time: an account number.
        assert_eq!(name("acct 201503127788"), "acct …7788");
        assert_eq!(
            shown("code 15500 and 12345678", Field::Prose),
            "code 15500 and …5678"
        );
    }

    #[test]
    fn long_texts_of_short_numbers_are_kept_and_joined_runs_still_masked() {
        // Many digits, no run of five: nothing to mask (the fast path).
        let many = "“Account …1010 Meals”, “Visa …1010” and “Parent 20:Child 1010”, ".repeat(200);
        assert!(longest_run_bound(&many) < 5);
        assert_eq!(name(&many), many);
        assert_eq!(shown(&many, Field::Prose), many);
        // A run joined across separators counts whole, so it still reaches the masker.
        assert_eq!(name("Visa 2 - 0014"), "Visa …0014");
        assert_eq!(name("“Visa 2 - 0014”"), "“Visa …0014”");
        assert_eq!(name("４１１１ １２３４"), "…１２３４");
        assert_eq!(longest_run_bound("ab 12 - 345 cd 1"), 5);
        // The byte table agrees with is_separator on every ASCII character.
        for b in 0u8..0x80 {
            let class = BYTE_CLASS[b as usize];
            assert_eq!(class == SEPARATOR, is_separator(b as char), "{b:#x}");
            assert_eq!(class == DIGIT, b.is_ascii_digit(), "{b:#x}");
        }
    }

    #[test]
    fn shows_controls_and_bidi() {
        assert_eq!(name("a\u{1b}[2Jb"), "a⟨U+001B⟩[2Jb");
        assert_eq!(name("x\nFORGED"), "x⟨U+000A⟩FORGED");
        assert_eq!(name("Checking\u{202e}1234"), "Checking⟨U+202E⟩1234");
        assert_eq!(name("Che\u{200b}cking"), "Che⟨U+200B⟩cking");
    }

    #[test]
    fn file_names_stay_distinct() {
        let mut f = FileNames::default();
        let a = f.name("Chase111111114821.csv");
        let b = f.name("Chase222222224821.csv");
        assert_eq!(a, "Chase…4821.csv");
        assert_eq!(b, "Chase…4821 (2).csv");
        assert_eq!(f.name("Chase111111114821.csv"), a);
        assert_eq!(f.name("Chase…4821 (2).csv"), "Chase…4821 (2) (2).csv");
    }
}
