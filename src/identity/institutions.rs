//! Banks and card issuers as data: the names bookkeepers write for them, and the
//! identifiers their files carry (OFX `FID`, Web Connect `INTU.BID`, `ORG` codes, ABA
//! routing numbers in `BANKID`, card-number prefixes). Adding a bank is adding a row.
//!
//! Identifiers are listed only where they are well known; an unknown `ORG` still names
//! its institution by its own text (see [`super::BankRef::Named`]).

/// One bank or card issuer.
#[derive(Debug, PartialEq, Eq)]
pub struct Bank {
    /// The name shown to the user.
    pub name: &'static str,
    /// Ways people and files write the name, normalised by [`words`]: lowercase ASCII
    /// words separated by one space, `&`, `.` and `'` removed (`U.S. Bank` → `us bank`).
    pub aliases: &'static [&'static str],
    /// OFX `<ORG>` codes that are not names (`B1` is Chase's).
    pub orgs: &'static [&'static str],
    /// OFX `<FID>` values.
    pub fids: &'static [&'static str],
    /// QuickBooks Web Connect `<INTU.BID>` values.
    pub intu_bids: &'static [&'static str],
    /// ABA routing numbers (OFX `<BANKID>` of US bank statements).
    pub routing: &'static [&'static str],
    /// Leading digits of the card numbers the issuer alone uses (IIN ranges).
    pub card_prefixes: &'static [&'static str],
}

const NONE: &[&str] = &[];

/// What a bank entry knows when only its names are given: most banks are known by
/// name alone, and writing every empty id list out would bury the ones that matter.
const NAME_ONLY: Bank = Bank {
    name: "",
    aliases: NONE,
    orgs: NONE,
    fids: NONE,
    intu_bids: NONE,
    routing: NONE,
    card_prefixes: NONE,
};

/// The table. Aliases of two letters (`wf`, `td`) only ever match a whole word.
pub static BANKS: &[Bank] = &[
    Bank {
        name: "American Express",
        aliases: &["amex", "american express", "americanexpress", "amex card"],
        orgs: &["AMEX"],
        fids: &["3101"],
        intu_bids: &["3101"],
        card_prefixes: &["34", "37"],
        ..NAME_ONLY
    },
    Bank {
        name: "Bank of America",
        aliases: &["bank of america", "bankofamerica", "bofa", "boa", "b of a"],
        fids: &["5959"],
        intu_bids: &["6526"],
        routing: &["026009593"],
        ..NAME_ONLY
    },
    Bank {
        name: "Chase",
        aliases: &[
            "chase",
            "jpmorgan chase",
            "jp morgan chase",
            "jpmorgan",
            "jp morgan",
            "jpmc",
        ],
        orgs: &["B1"],
        fids: &["10898"],
        routing: &["021000021"],
        ..NAME_ONLY
    },
    Bank {
        name: "Wells Fargo",
        aliases: &["wells fargo", "wellsfargo", "wf", "wfb"],
        orgs: &["WF"],
        fids: &["3000"],
        routing: &["121000248"],
        ..NAME_ONLY
    },
    Bank {
        name: "Capital One",
        aliases: &[
            "capital one",
            "capitalone",
            "cap one",
            "capone",
            "capital one 360",
        ],
        intu_bids: &["1236"],
        routing: &["031176110"],
        ..NAME_ONLY
    },
    Bank {
        name: "Citi",
        aliases: &[
            "citi",
            "citibank",
            "citigroup",
            "citicards",
            "citi cards",
            "citicorp",
        ],
        fids: &["24909"],
        routing: &["021000089"],
        ..NAME_ONLY
    },
    Bank {
        name: "Discover",
        aliases: &["discover", "discover card", "discover bank"],
        fids: &["7101"],
        routing: &["031100649"],
        card_prefixes: &["6011", "65"],
        ..NAME_ONLY
    },
    Bank {
        name: "U.S. Bank",
        aliases: &["us bank", "usbank", "u s bank", "usbancorp", "us bancorp"],
        routing: &["091000022"],
        ..NAME_ONLY
    },
    Bank {
        name: "PNC",
        aliases: &["pnc", "pnc bank"],
        routing: &["043000096"],
        ..NAME_ONLY
    },
    Bank {
        // SunTrust and BB&T merged into Truist: a chart account named after either
        // is the same bank's account.
        name: "Truist",
        aliases: &["truist", "suntrust", "sun trust", "bbt", "bb and t"],
        routing: &["061000104"],
        ..NAME_ONLY
    },
    Bank {
        name: "TD Bank",
        aliases: &["td", "td bank", "toronto dominion", "td canada trust"],
        routing: &["031101266"],
        ..NAME_ONLY
    },
    Bank {
        name: "Regions",
        aliases: &["regions", "regions bank"],
        routing: &["062000019"],
        ..NAME_ONLY
    },
    Bank {
        name: "USAA",
        aliases: &["usaa"],
        orgs: &["USAA"],
        fids: &["24591"],
        routing: &["314074269"],
        ..NAME_ONLY
    },
    Bank {
        name: "Navy Federal Credit Union",
        aliases: &["navy federal", "nfcu", "navy fcu"],
        ..NAME_ONLY
    },
    Bank {
        name: "Charles Schwab",
        aliases: &["schwab", "charles schwab"],
        ..NAME_ONLY
    },
    Bank {
        name: "Silicon Valley Bank",
        aliases: &["silicon valley bank", "svb"],
        ..NAME_ONLY
    },
    Bank {
        name: "Citizens Bank",
        aliases: &["citizens bank", "citizens"],
        ..NAME_ONLY
    },
    Bank {
        name: "Fifth Third",
        aliases: &["fifth third", "53 bank", "5 3 bank"],
        ..NAME_ONLY
    },
    Bank {
        name: "KeyBank",
        aliases: &["keybank", "key bank"],
        ..NAME_ONLY
    },
    Bank {
        name: "Huntington",
        aliases: &["huntington", "huntington bank"],
        ..NAME_ONLY
    },
    Bank {
        name: "M&T Bank",
        aliases: &["m and t bank", "mt bank", "m and t"],
        ..NAME_ONLY
    },
    Bank {
        name: "Ally Bank",
        aliases: &["ally", "ally bank"],
        ..NAME_ONLY
    },
    Bank {
        name: "Synchrony",
        aliases: &["synchrony", "synchrony bank"],
        ..NAME_ONLY
    },
    Bank {
        name: "Barclays",
        aliases: &["barclays", "barclaycard"],
        ..NAME_ONLY
    },
    Bank {
        name: "HSBC",
        aliases: &["hsbc"],
        ..NAME_ONLY
    },
    Bank {
        name: "BMO",
        aliases: &["bmo", "bmo harris", "bank of montreal"],
        ..NAME_ONLY
    },
    Bank {
        name: "Santander",
        aliases: &["santander"],
        ..NAME_ONLY
    },
    Bank {
        name: "Digital Federal Credit Union",
        aliases: &["dcu", "digital federal credit union"],
        ..NAME_ONLY
    },
    Bank {
        name: "Mercury",
        aliases: &["mercury"],
        ..NAME_ONLY
    },
    Bank {
        name: "Brex",
        aliases: &["brex"],
        ..NAME_ONLY
    },
    Bank {
        name: "Monzo",
        aliases: &["monzo"],
        ..NAME_ONLY
    },
    Bank {
        name: "bunq",
        aliases: &["bunq"],
        ..NAME_ONLY
    },
    Bank {
        name: "N26",
        aliases: &["n 26"],
        ..NAME_ONLY
    },
    Bank {
        name: "Nubank",
        aliases: &["nubank", "nu pagamentos"],
        ..NAME_ONLY
    },
    Bank {
        name: "ANZ",
        aliases: &["anz"],
        ..NAME_ONLY
    },
    Bank {
        name: "Suncorp",
        aliases: &["suncorp"],
        ..NAME_ONLY
    },
    Bank {
        name: "Nationwide",
        aliases: &["nationwide"],
        ..NAME_ONLY
    },
];

/// Text as lowercase ASCII-ish words: `&`, `.`, `'` and `’` dropped (so `BB&T` is `bbt`
/// and `U.S.` is `us`), every other non-alphanumeric a break, and breaks between letters
/// and digits and at lower→upper case changes (`Chase1234` → `chase 1234`,
/// `AmexGold` → `amex gold`), which is how file names run words together.
pub fn words(text: &str) -> Vec<String> {
    split_words(text, true).0
}

/// [`words`] without the case-change break, for names like `BofA` and `AmEx`.
pub fn words_keep_case_runs(text: &str) -> Vec<String> {
    split_words(text, false).0
}

/// The words, and whether `text` has a case change (a lowercase letter before an
/// uppercase one) that splits them when `camel`: without one, both splits are the same.
fn split_words(text: &str, camel: bool) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    let mut case_change = false;
    for c in text.chars() {
        if matches!(c, '&' | '.' | '\'' | '’') {
            continue;
        }
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let changes_case = p.is_lowercase() && c.is_uppercase();
            case_change |= changes_case;
            let boundary = (p.is_ascii_digit() != c.is_ascii_digit()) || (camel && changes_case);
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
        prev = Some(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    (out, case_change)
}

/// Whether `phrase` (words joined by single spaces) occurs as whole words in `words`.
pub fn has_phrase(words: &[String], phrase: &str) -> bool {
    // Matched in place, without splitting or collecting the phrase: this runs for every
    // alias of every bank on every account name (most of a big chart's check).
    let first = phrase.as_bytes().first();
    (0..words.len()).any(|i| {
        let from = words.get(i..).unwrap_or_default();
        // Most words differ from the phrase at their first byte: no comparison call.
        from.first().map(|w| w.as_bytes().first()) == Some(first) && phrase_starts(from, phrase)
    })
}

/// Whether `words`, from its first, spell out all of `phrase`.
fn phrase_starts(words: &[String], phrase: &str) -> bool {
    let mut rest = phrase;
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            match rest.strip_prefix(' ') {
                Some(r) => rest = r,
                None => return false,
            }
        }
        match rest.strip_prefix(word.as_str()) {
            Some("") => return true,
            Some(r) => rest = r,
            None => return false,
        }
    }
    false
}

/// The first bank whose alias the text names.
pub fn bank_named_in(text: &str) -> Option<&'static Bank> {
    // The case-change split is tried only where it differs (`AmexGold`): asking the
    // same words twice was half of a chart's bank look-ups.
    let (kept, case_change) = split_words(text, false);
    bank_named_in_words(&kept).or_else(|| case_change.then(|| bank_named_in_words(&words(text)))?)
}

/// [`bank_named_in`] on words already split; the longest alias wins, so
/// `Bank of America` is not read as some shorter name inside it.
pub fn bank_named_in_words(w: &[String]) -> Option<&'static Bank> {
    // An alias matches only where one of the text's words is its first word, and most
    // texts (a chart's names, each asked several times) hold none: one sorted look-up
    // per word instead of a phrase test per alias of every bank.
    if !w
        .iter()
        .any(|x| alias_first_words().binary_search(&x.as_str()).is_ok())
    {
        return None;
    }
    BANKS
        .iter()
        .flat_map(|b| b.aliases.iter().map(move |a| (b, a)))
        .filter(|(_, a)| has_phrase(w, a))
        .max_by_key(|(_, a)| a.len())
        .map(|(b, _)| b)
}

/// The first word of every bank's every alias, sorted: a text none of whose words is
/// here names no bank ([`has_phrase`] matches a phrase's first word whole).
fn alias_first_words() -> &'static [&'static str] {
    static FIRST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    FIRST.get_or_init(|| {
        let mut first: Vec<&'static str> = BANKS
            .iter()
            .flat_map(|b| b.aliases.iter())
            .map(|a| a.split(' ').next().unwrap_or(""))
            .collect();
        first.sort_unstable();
        first.dedup();
        first
    })
}

/// The bank an OFX `FID` belongs to.
pub fn bank_by_fid(fid: &str) -> Option<&'static Bank> {
    let fid = fid.trim();
    BANKS.iter().find(|b| b.fids.contains(&fid))
}

/// The bank a Web Connect `INTU.BID` belongs to.
pub fn bank_by_intu_bid(bid: &str) -> Option<&'static Bank> {
    let bid = bid.trim();
    BANKS.iter().find(|b| b.intu_bids.contains(&bid))
}

/// The bank an OFX `ORG` names: an `ORG` code, else a name or alias in it.
pub fn bank_by_org(org: &str) -> Option<&'static Bank> {
    let code = org.trim().to_ascii_uppercase();
    BANKS
        .iter()
        .find(|b| b.orgs.contains(&code.as_str()))
        .or_else(|| bank_named_in(org))
}

/// The bank an ABA routing number (OFX `BANKID`) belongs to.
pub fn bank_by_routing(bankid: &str) -> Option<&'static Bank> {
    let digits: String = bankid.chars().filter(char::is_ascii_digit).collect();
    BANKS.iter().find(|b| b.routing.contains(&digits.as_str()))
}

/// The issuer of a card whose full number is known, by its leading digits.
pub fn bank_by_card_number(digits: &str) -> Option<&'static Bank> {
    if !(13..=19).contains(&digits.len()) {
        return None;
    }
    BANKS
        .iter()
        .find(|b| b.card_prefixes.iter().any(|p| digits.starts_with(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bank_names_found_by_first_word_and_case_change_only_where_written() {
        let name = |t: &str| bank_named_in(t).map(|b| b.name);
        // Every alias's first word is in the look-up, so every bank is still found.
        for b in BANKS {
            for a in b.aliases {
                assert!(bank_named_in_words(&words(a)).is_some(), "{a}");
            }
        }
        assert_eq!(name("Bank of America Checking"), Some("Bank of America"));
        assert_eq!(name("BofA Visa"), name("bofa"));
        // Found only after the case-change split (`AmexGold` → `amex gold`).
        assert_eq!(name("AmexGold"), name("Amex"));
        assert!(name("Amex").is_some());
        // A first word inside a longer word is no bank.
        assert_eq!(name("Chaser Account 11010 Meals"), None);
        assert_eq!(name("Account 11010 Meals"), None);
        assert!(!split_words("Chase Checking x1010", false).1);
        assert!(split_words("AmexGold", false).1);
        assert!(split_words("Amex.Gold", false).1);
        assert!(!split_words("Amex Gold", false).1);
    }

    #[test]
    fn words_split_like_people_and_file_names_write_them() {
        assert_eq!(
            words("Chase1234_Activity_20261115.CSV")[0..2],
            ["chase", "1234"]
        );
        assert_eq!(words("BB&T Checking"), ["bbt", "checking"]);
        assert_eq!(words("U.S. Bank"), ["us", "bank"]);
        assert_eq!(words("AmexGold"), ["amex", "gold"]);
    }

    #[test]
    fn phrases_match_whole_words_in_a_row() {
        let w: Vec<String> = ["my", "bank", "of", "america", "card"]
            .map(String::from)
            .to_vec();
        assert!(has_phrase(&w, "bank of america"));
        assert!(has_phrase(&w, "card"));
        assert!(has_phrase(&w, "my bank"));
        assert!(!has_phrase(&w, "ban"));
        assert!(!has_phrase(&w, "bankbank"));
        assert!(!has_phrase(&w, "bank  of america"));
        assert!(!has_phrase(&w, "america card x"));
        assert!(!has_phrase(&w, "of america card x"));
        assert!(!has_phrase(&w, ""));
        assert!(!has_phrase(&[], "bank"));
    }

    #[test]
    fn aliases_name_their_banks() {
        let name = |t: &str| bank_named_in(t).map(|b| b.name);
        assert_eq!(name("Amex Gold x1005"), Some("American Express"));
        assert_eq!(name("American Express Platinum"), Some("American Express"));
        assert_eq!(name("BofA Business Checking"), Some("Bank of America"));
        assert_eq!(name("Bank of America Checking"), Some("Bank of America"));
        assert_eq!(name("JPMorgan Chase Operating"), Some("Chase"));
        assert_eq!(name("WF Checking"), Some("Wells Fargo"));
        assert_eq!(name("SunTrust Savings"), Some("Truist"));
        assert_eq!(name("TD Checking"), Some("TD Bank"));
        // Whole words only: "td" inside "Ltd" or "wf" inside a word is not a bank.
        assert_eq!(name("Acme Ltd Operating"), None);
        assert_eq!(name("Operating Checking"), None);
        assert_eq!(
            bank_by_fid("3101").map(|b| b.name),
            Some("American Express")
        );
        assert_eq!(bank_by_org("B1").map(|b| b.name), Some("Chase"));
        assert_eq!(
            bank_by_org("Capital One Bank").map(|b| b.name),
            Some("Capital One")
        );
        assert_eq!(
            bank_by_routing("031176110").map(|b| b.name),
            Some("Capital One")
        );
        assert_eq!(
            bank_by_card_number("371449635398431").map(|b| b.name),
            Some("American Express")
        );
        assert_eq!(bank_by_card_number("4111111111111111"), None);
    }

    #[test]
    fn every_alias_is_already_normalised() {
        for b in BANKS {
            for a in b.aliases {
                assert_eq!(words(a).join(" "), *a, "{}: alias {a:?}", b.name);
            }
        }
    }
}
