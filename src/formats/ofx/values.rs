//! OFX values: dates, amounts, character references, and what status codes mean.

use std::borrow::Cow;

use super::lexer::bytes_equal;
use crate::model::{Date, Money};

/// Reads the date of an OFX date-time: `YYYYMMDD[hhmmss[.xxx]][[+-h[:TZ]]]`.
///
/// Only the calendar date matters to the checker, and it is the date as the bank wrote
/// it (not moved to UTC). What follows the eight digits must look like a time or a zone,
/// but is not validated further: real files carry `20180804093914:014` and minute 82.
pub fn parse_date(text: &str) -> Option<Date> {
    let (digits, rest) = text.as_bytes().split_first_chunk::<8>()?;
    if !all_digits(u64::from_le_bytes(*digits)) {
        return None;
    }
    if !rest
        .iter()
        .all(|&b| TIME_BYTES.get(usize::from(b)) == Some(&true))
    {
        return None;
    }
    // A time, when present, starts with digits (not `2012-02-03`, not letters).
    if rest
        .first()
        .is_some_and(|&b| !(b.is_ascii_digit() || matches!(b, b'[' | b'.' | b' ')))
    {
        return None;
    }
    let num = |digits: &[u8]| {
        digits
            .iter()
            .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'))
    };
    let [y0, y1, y2, y3, m0, m1, d0, d1] = *digits;
    let year = i16::try_from(num(&[y0, y1, y2, y3])).ok()?;
    let month = i8::try_from(num(&[m0, m1])).ok()?;
    let day = i8::try_from(num(&[d0, d1])).ok()?;
    Date::new(year, month, day).ok()
}

/// Whether all eight bytes of `word` are ASCII digits: each has the high nibble 3, and
/// adding 6 leaves it there (so the low nibble is at most 9). No carry crosses a byte
/// once the first test holds.
fn all_digits(word: u64) -> bool {
    const NIBBLES: u64 = 0xf0f0_f0f0_f0f0_f0f0;
    const THREES: u64 = 0x3030_3030_3030_3030;
    word & NIBBLES == THREES && (word + 0x0606_0606_0606_0606) & NIBBLES == THREES
}

/// The bytes an OFX date may carry after its eight digits (a time, fractions, a zone),
/// as a table: the test runs on every byte of every date.
const TIME_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric()
            || matches!(c, b' ' | b'.' | b':' | b'+' | b'-' | b'[' | b']');
        b += 1;
    }
    t
};

/// Reads an OFX amount: a plain decimal, with `.` or (as ofxtools accepts) `,` as the
/// decimal separator. Currency symbols and thousands separators are refused: a file
/// that writes them is broken, and guessing would hide it.
pub fn parse_amount(text: &str) -> Option<Money> {
    if let Some(m) = Money::parse_plain(text) {
        return Some(m);
    }
    if text.matches(',').count() == 1 && !text.contains('.') {
        return Money::parse_plain(&text.replace(',', "."));
    }
    None
}

/// Decodes character references one level (`&amp;lt;` becomes `&lt;`, as the bank
/// meant it): the XML five, `&nbsp;`, and numeric `&#233;` / `&#xE9;`. Anything else,
/// such as a lone `&` in `AT&T`, stays as written.
#[inline]
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    // It runs on every (short) value, where `memchr`'s set-up (which `contains`
    // calls) costs more than the search: eight bytes at a time, then the last few.
    let mut words = text.as_bytes().chunks_exact(8);
    let amp_in_words = words.by_ref().any(|word| {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        bytes_equal(word, b'&') != 0
    });
    let mut amp_in_tail = false;
    for &b in words.remainder() {
        if b == b'&' {
            amp_in_tail = true;
            break;
        }
    }
    if amp_in_words || amp_in_tail {
        Cow::Owned(decode_references(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// [`decode_entities`] once a `&` is known to be there.
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let decoded = after
            .get(..after.len().min(12))
            .and_then(|head| head.find(';'))
            .and_then(|semi| {
                let name = after.get(..semi)?;
                Some((entity(name)?, semi))
            });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = after.get(semi + 1..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference names, if it names one.
fn entity(name: &str) -> Option<char> {
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("nbsp", '\u{a0}'),
    ];
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// What an OFX status code means and what to do about it, in words for a bookkeeper,
/// from the OFX specification's table of codes (the ones banks send on downloads).
/// Codes not listed get a general meaning and advice.
const STATUS_CODES: &[(u32, &str, &str)] = &[
    (2000, "the bank's server had a general error", RETRY),
    (2001, "the bank says the account number is not valid", CHECK_ACCOUNT),
    (2002, "the bank reported an error with the account", CHECK_ACCOUNT),
    (2003, "the bank could not find the account", CHECK_ACCOUNT),
    (2004, "the bank says the account is closed", CLOSED),
    (2005, "the bank says this sign-in may not download the account", CHECK_ACCOUNT),
    (2019, "the bank took this download for a duplicate request", RETRY),
    (2020, "the bank did not accept a date in the request", RETRY),
    (2027, "the bank did not accept the requested date range", RETRY),
    (15000, "the bank wants the password changed first", "Change the password on the bank's website, then download the file again."),
    (15500, "the bank did not accept the sign-in (user ID or password)", "Sign in on the bank's website to check the user ID and password, then download the file again."),
    (15501, "the bank says the customer account is already in use", RETRY),
    (15502, "the bank has locked the sign-in after too many attempts", "Ask the bank to unlock the sign-in, then download the file again."),
    (15510, "the bank did not accept the connecting program's identifier", RETRY),
];

const RETRY: &str = "Download the file again from the bank's website; if it keeps failing, ask the bank what the code means for your account.";
const CHECK_ACCOUNT: &str = "Ask the bank whether the account number changed or the account is inactive, then download the file again.";
const CLOSED: &str = "Ask the bank whether the account was closed or replaced; a replacement account must be connected anew in QuickBooks.";

/// Plain words for a status code, and the advice for it: `(meaning, advice)`.
pub fn status_meaning(code: u32) -> (Option<&'static str>, &'static str) {
    match STATUS_CODES.iter().find(|(c, _, _)| *c == code) {
        Some((_, meaning, advice)) => (Some(meaning), advice),
        None => (None, RETRY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn dates_in_every_shape() {
        assert_eq!(date("20131124").as_deref(), Some("2013-11-24"));
        assert_eq!(
            date("20131124000000.000[-7:MST]").as_deref(),
            Some("2013-11-24")
        );
        assert_eq!(
            date("20240322000000[-3:GMT]").as_deref(),
            Some("2024-03-22")
        );
        assert_eq!(date("20180804093914:014").as_deref(), Some("2018-08-04"));
        assert_eq!(date("200510291120").as_deref(), Some("2005-10-29"));
        assert_eq!(date("20130626120000[-5]").as_deref(), Some("2013-06-26"));
        assert_eq!(date("20120231"), None);
        assert_eq!(date("201120000000"), None);
        assert_eq!(date(""), None);
        assert_eq!(date("2012-02-03"), None);
        assert_eq!(date("2013112"), None);
    }

    #[test]
    fn eight_digits_in_a_word() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"20131124";
                bytes[at] = b;
                assert_eq!(
                    all_digits(u64::from_le_bytes(bytes)),
                    b.is_ascii_digit(),
                    "{b} at {at}"
                );
            }
        }
    }

    #[test]
    fn amounts() {
        let a = |s: &str| parse_amount(s).map(|m| m.to_string());
        assert_eq!(a("-200,00").as_deref(), Some("-200.00"));
        assert_eq!(a("-3.77000").as_deref(), Some("-3.77"));
        assert_eq!(a("-01.7").as_deref(), Some("-1.70"));
        assert_eq!(a("$120"), None);
        assert_eq!(a("1,000.00"), None);
        assert_eq!(a(""), None);
    }

    #[test]
    fn entities_decode_one_level() {
        assert_eq!(
            decode_entities("B.C. HYDRO &amp; POWER"),
            "B.C. HYDRO & POWER"
        );
        assert_eq!(
            decode_entities("TPAY &amp;lt;DEF&amp;gt;"),
            "TPAY &lt;DEF&gt;"
        );
        assert_eq!(decode_entities("caf&#233; &#xE9;"), "café é");
        assert_eq!(decode_entities("AT&T & co"), "AT&T & co");
        assert_eq!(decode_entities("&#0;&bogus;&"), "&#0;&bogus;&");
    }
}
