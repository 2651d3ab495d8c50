//! Plain words for what a person reads: money as the statement's currency writes it,
//! counts with thousands separators, and how sure the checker is as a word rather than a
//! percentage. Used by the text report, the plan and the rules' titles and details, so
//! the CLI, the JSON and the page say the same thing the same way.

use crate::model::Money;

/// Money as a person writes it: `$10,250.00`, `-$4,122.36`, `€1,234.50`, `£12.00`,
/// `CA$99.95`. The symbol comes from the ISO currency code the file gives (`CURDEF`);
/// without one, or for a code with no common symbol here, the amount is written plain
/// with separators and the code after it (`1,234.50 CHF`, `1,234.50`).
pub fn money(m: Money, currency: Option<&str>) -> String {
    let sign = if m.0 < 0 { "-" } else { "" };
    let abs = m.0.unsigned_abs();
    let scale = Money::SCALE as u64;
    let units = abs / scale;
    let frac = abs % scale;
    let frac = if frac.is_multiple_of(100) {
        format!("{:02}", frac / 100)
    } else {
        format!("{frac:04}").trim_end_matches('0').to_string()
    };
    let number = format!("{}.{frac}", group(units));
    let code = currency
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty());
    match code.as_deref().and_then(symbol) {
        Some(sym) => format!("{sign}{sym}{number}"),
        None => match code {
            Some(c) => format!("{sign}{number} {c}"),
            None => format!("{sign}{number}"),
        },
    }
}

/// The symbol written before amounts of a currency, for the currencies bank feeds into
/// QuickBooks use most. Others get their code after the amount.
fn symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "CAD" => "CA$",
        "AUD" => "A$",
        "NZD" => "NZ$",
        "JPY" => "¥",
        "INR" => "₹",
        _ => return None,
    })
}

/// A count with thousands separators: `254,360`.
pub fn count(n: usize) -> String {
    group(n as u64)
}

/// `1 transaction`, `254,360 transactions`.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", count(n))
    }
}

fn group(n: u64) -> String {
    crate::formats::problems::thousands_u64(n)
}

/// How sure the checker is, in words: `almost certain` (90 and up), `likely` (70 and
/// up), `possibly` (below).
pub fn confidence(c: u8) -> &'static str {
    match c {
        90.. => "almost certain",
        70..=89 => "likely",
        _ => "possibly",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Money {
        Money::parse_plain(text).unwrap()
    }

    #[test]
    fn money_in_the_currency_of_the_file() {
        assert_eq!(money(m("10250.00"), Some("USD")), "$10,250.00");
        assert_eq!(money(m("-4122.36"), Some("usd")), "-$4,122.36");
        assert_eq!(money(m("1234.5"), Some("EUR")), "€1,234.50");
        assert_eq!(money(m("12"), Some("GBP")), "£12.00");
        assert_eq!(money(m("99.95"), Some("CAD")), "CA$99.95");
        assert_eq!(money(m("1234567.891"), None), "1,234,567.891");
        assert_eq!(money(m("-0.5"), Some("CHF")), "-0.50 CHF");
        assert_eq!(money(m("999"), Some("")), "999.00");
        assert_eq!(money(Money::ZERO, Some("USD")), "$0.00");
    }

    #[test]
    fn counts_have_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(254_360), "254,360");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count_of(1, "file", "files"), "1 file");
        assert_eq!(
            count_of(254_360, "transaction", "transactions"),
            "254,360 transactions"
        );
    }

    #[test]
    fn confidence_as_words() {
        assert_eq!(confidence(100), "almost certain");
        assert_eq!(confidence(90), "almost certain");
        assert_eq!(confidence(80), "likely");
        assert_eq!(confidence(70), "likely");
        assert_eq!(confidence(69), "possibly");
        assert_eq!(confidence(0), "possibly");
    }
}
