//! `similar_name` (warning): bank or credit-card accounts whose names are near-duplicates
//! — a typo (`Chase Checkng`), swapped words (`Checking Chase`), an added `2`, `new` or
//! `old`, accents (`Épargne` / `Epargne`), spacing (`Pay roll`). They are how a second
//! account for the same bank account usually starts, and QuickBooks' mapping screen then
//! offers two look-alikes for one feed.
//!
//! Scale: a chart may hold 100,000 accounts, so no pair of names is compared unless a
//! blocking key puts them together first. Each name gives a few keys:
//! - its core words, sorted (catches order, accents, added noise words, spacing);
//! - its core words run together (catches `Pay roll` / `Payroll`);
//! - for each core word, the other words sorted plus that word or one of its
//!   one-letter deletions (a symmetric-deletion index: two words one edit apart share a
//!   deletion), which catches one typo in one word.
//!
//! Keys are 64-bit hashes, sorted, and only names sharing a key are verified with the
//! real comparison (OSA edit distance from `strsim`). Buckets larger than
//! [`MAX_BUCKET`] come from very common words and are verified along a chain instead of
//! all pairs, so the cost stays near-linear.

use super::duplicate_name::key_of_name;
use super::{account_name, and_list, chart_evidence, Context, Findings, Trigger};
use super::{Code, Needs};
use crate::identity::{bank_number_of, numbers_agree};
use crate::model::{BankNumber, Severity};

/// `similar_name`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::SimilarName,
    severity: Severity::Warning,
    fix_steps: &[2],
    title: "Accounts with nearly the same name",
    needs: Needs::Chart,
    clear: "No two bank or card accounts have nearly the same name.",
};

/// Buckets of more names than this are verified along a chain, not pair by pair.
pub const MAX_BUCKET: usize = 48;

/// Words that mark a copy of an account rather than a different account.
const NOISE_WORDS: &[&str] = &[
    "new",
    "old",
    "copy",
    "dup",
    "duplicate",
    "closed",
    "inactive",
    "replacement",
    "legacy",
    "former",
    "second",
    "2nd",
    "archive",
    "archived",
    "temp",
    "dnu",
    "account",
    "acct",
    "main",
    "original",
    "orig",
];

/// One name to compare, with the bank number its account carries (accounts told apart
/// by different numbers are not near-duplicates: `Amex Gold x1005` and `x2008`).
#[derive(Clone, Copy, Debug)]
pub struct NameEntry<'a> {
    /// The name (the leaf name for a chart account).
    pub name: &'a str,
    /// The bank number the account carries.
    pub number: Option<&'a BankNumber>,
}

/// Why two names are near-duplicates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// They differ only in accents.
    Accents,
    /// Same words, different order.
    WordOrder,
    /// One adds a word or number such as `2`, `new`, `old`.
    ExtraWord(String),
    /// One has a word or number where the other has another (`Checking 1` / `Checking 2`).
    OtherWord {
        /// The word in the first name.
        left: String,
        /// The word in the second name.
        right: String,
    },
    /// Same letters, split differently (`Pay roll`).
    Spacing,
    /// One word differs by a letter or two.
    Typo {
        /// The word in the first name.
        left: String,
        /// The word in the second name.
        right: String,
    },
}

impl Why {
    fn words(&self) -> String {
        match self {
            Why::Accents => "differ only in accents".into(),
            Why::WordOrder => "have the same words in a different order".into(),
            Why::ExtraWord(w) => format!("differ only by the added “{w}”"),
            Why::OtherWord { left, right } => format!("differ only in “{left}” / “{right}”"),
            Why::Spacing => "differ only in spacing".into(),
            Why::Typo { left, right } => {
                format!("differ by one small spelling change (“{left}” / “{right}”)")
            }
        }
    }

    fn confidence(&self) -> u8 {
        match self {
            Why::Accents => 85,
            Why::ExtraWord(_) => 80,
            Why::OtherWord { .. } => 60,
            Why::Spacing => 80,
            Why::WordOrder => 75,
            Why::Typo { .. } => 65,
        }
    }
}

/// A verified near-duplicate pair (indices into the entries, `a < b`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NearPair {
    /// The first entry's index.
    pub a: usize,
    /// The second entry's index.
    pub b: usize,
    /// What makes them near-duplicates.
    pub why: Why,
}

/// A name broken into what the comparison needs.
struct Prepared {
    /// The duplicate_name key: equal keys are duplicates, not near-duplicates.
    exact: String,
    /// Accent-folded core words in their order.
    core: Vec<String>,
    /// The noise words and small numbers, sorted.
    noise: Vec<String>,
    /// Bank numbers written into the name (`x1005`), sorted.
    numbers: Vec<String>,
}

/// Lower case, accents folded ([`crate::accents`]).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
        } else {
            match crate::accents::fold_letter(c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            }
        }
    }
    out
}

/// Whether a word is a bank number written into the name (`x1005`, `1005`, `(1005)`).
fn is_number_word(w: &str) -> bool {
    let digits = w.chars().filter(char::is_ascii_digit).count();
    digits >= 3 && w.chars().all(|c| c.is_ascii_digit() || c == 'x')
}

fn prepare(name: &str) -> Prepared {
    let exact = key_of_name(name, None);
    let folded = fold(&exact);
    let mut core = Vec::new();
    let mut noise = Vec::new();
    let mut numbers = Vec::new();
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        if is_number_word(w) {
            numbers.push(w.trim_start_matches('x').to_string());
            continue;
        }
        if NOISE_WORDS.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) {
            noise.push(w.to_string());
        } else {
            core.push(w.to_string());
        }
    }
    noise.sort();
    numbers.sort();
    Prepared {
        exact,
        core,
        noise,
        numbers,
    }
}

/// FNV-1a, 64-bit: fast, deterministic across runs and platforms (a `HashMap`'s
/// random state would not be), and collisions only cost an extra verification.
struct Fnv(u64);

impl Fnv {
    fn new(tag: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.byte(tag);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
    fn str(&mut self, s: &str) {
        for b in s.bytes() {
            self.byte(b);
        }
        self.byte(0xff);
    }
}

fn keys(p: &Prepared, out: &mut Vec<u64>) {
    if p.core.is_empty() {
        return;
    }
    let mut sorted: Vec<&str> = p.core.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let mut h = Fnv::new(b'A');
    for w in &sorted {
        h.str(w);
    }
    out.push(h.0);
    let mut h = Fnv::new(b'C');
    for w in &p.core {
        for b in w.bytes() {
            h.byte(b);
        }
    }
    out.push(h.0);
    // One typo in one word: the other words (sorted) + that word or a deletion of it.
    for w in &p.core {
        if w.chars().count() < 5 {
            continue;
        }
        let mut base = Fnv::new(b'B');
        for (j, o) in sorted.iter().enumerate() {
            // `sorted` holds each word once per occurrence; skip one copy of `w`.
            if *o == w && sorted[..j].iter().all(|x| x != o) {
                continue;
            }
            base.str(o);
        }
        let mut h = Fnv(base.0);
        h.str(w);
        out.push(h.0);
        // Each one-character deletion, hashed in place (no string built). Same namespace
        // as the word itself: a deletion of the longer word must meet the shorter word
        // as it is (an insertion typo).
        let bytes = w.as_bytes();
        let mut prev: Option<char> = None;
        for (start, c) in w.char_indices() {
            // A deletion repeated by a doubled letter gives the same key; skip it.
            if prev == Some(c) {
                continue;
            }
            prev = Some(c);
            let end = start + c.len_utf8();
            let mut h = Fnv(base.0);
            for &b in bytes.get(..start).unwrap_or(&[]) {
                h.byte(b);
            }
            for &b in bytes.get(end..).unwrap_or(&[]) {
                h.byte(b);
            }
            h.byte(0xff);
            out.push(h.0);
        }
    }
}

/// Compares two prepared names; `Some(why)` when they are near-duplicates.
fn verify(x: &Prepared, y: &Prepared) -> Option<Why> {
    if x.exact == y.exact || x.core.is_empty() || y.core.is_empty() {
        // Equal names are duplicate_name's; names of noise only say nothing.
        return None;
    }
    // Names told apart by the numbers written into them are different accounts.
    if !x.numbers.is_empty() && !y.numbers.is_empty() && x.numbers != y.numbers {
        return None;
    }
    let mut xs = x.core.clone();
    let mut ys = y.core.clone();
    xs.sort();
    ys.sort();
    if xs == ys {
        if x.numbers != y.numbers {
            let n = x
                .numbers
                .first()
                .or(y.numbers.first())
                .cloned()
                .unwrap_or_default();
            return Some(Why::ExtraWord(n));
        }
        if x.noise != y.noise {
            let only_x = multiset_minus(&x.noise, &y.noise);
            let only_y = multiset_minus(&y.noise, &x.noise);
            return Some(match (only_x.first(), only_y.first()) {
                // `Checking 1` / `Checking 2`: numbered copies.
                (Some(a), Some(b)) => Why::OtherWord {
                    left: a.to_string(),
                    right: b.to_string(),
                },
                (Some(w), None) | (None, Some(w)) => Why::ExtraWord(w.to_string()),
                (None, None) => Why::Accents,
            });
        }
        if x.core != y.core {
            return Some(Why::WordOrder);
        }
        return Some(Why::Accents);
    }
    if x.core.concat() == y.core.concat() {
        return Some(Why::Spacing);
    }
    if xs.len() != ys.len() {
        return None;
    }
    // Exactly one word differs between the two multisets, and only by a typo.
    let only_x: Vec<&String> = multiset_minus(&xs, &ys);
    let only_y: Vec<&String> = multiset_minus(&ys, &xs);
    let ([a], [b]) = (&only_x[..], &only_y[..]) else {
        return None;
    };
    let len = a.chars().count().min(b.chars().count());
    if len < 5 || a.chars().any(|c| c.is_ascii_digit()) || b.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let limit = if len >= 9 { 2 } else { 1 };
    (strsim::osa_distance(a, b) <= limit).then(|| Why::Typo {
        left: a.to_string(),
        right: b.to_string(),
    })
}

fn multiset_minus<'a>(a: &'a [String], b: &[String]) -> Vec<&'a String> {
    let mut used = vec![false; b.len()];
    let mut out = Vec::new();
    for w in a {
        match b.iter().enumerate().position(|(k, o)| !used[k] && o == w) {
            Some(k) => used[k] = true,
            None => out.push(w),
        }
    }
    out
}

/// Every near-duplicate pair among `entries`, sorted by `(a, b)`. Near-linear: see the
/// module documentation.
pub fn near_pairs(entries: &[NameEntry<'_>]) -> Vec<NearPair> {
    let prepared: Vec<Prepared> = entries.iter().map(|e| prepare(e.name)).collect();
    // Key and entry index packed in one u64 (hash in the high bits, index in the low
    // bits): sorting plain u64s is about twice as fast as sorting pairs. Fewer hash bits
    // only add a few false candidates, which verification drops.
    let index_bits = (usize::BITS - entries.len().leading_zeros()).clamp(1, 32);
    let index_mask = (1u64 << index_bits) - 1;
    let mut keyed: Vec<u64> = Vec::with_capacity(entries.len() * 8);
    let mut buf = Vec::new();
    for (i, p) in prepared.iter().enumerate() {
        buf.clear();
        keys(p, &mut buf);
        buf.sort_unstable();
        buf.dedup();
        keyed.extend(
            buf.iter()
                .map(|k| (k & !index_mask) | (i as u64 & index_mask)),
        );
    }
    keyed.sort_unstable();
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let index = |k: u64| u32::try_from(k & index_mask).unwrap_or(u32::MAX);
    let mut start = 0;
    while start < keyed.len() {
        let key = keyed[start] & !index_mask;
        let end = keyed[start..]
            .iter()
            .position(|k| k & !index_mask != key)
            .map_or(keyed.len(), |n| start + n);
        let bucket = &keyed[start..end];
        if bucket.len() <= MAX_BUCKET {
            for (n, a) in bucket.iter().enumerate() {
                for b in &bucket[n + 1..] {
                    candidates.push((index(*a), index(*b)));
                }
            }
        } else {
            for w in bucket.windows(2) {
                candidates.push((index(w[0]), index(w[1])));
            }
        }
        start = end;
    }
    // Two keys of one name may meet after packing.
    candidates.retain(|(a, b)| a != b);
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let (a, b) = (a as usize, b as usize);
            let (ea, eb) = (entries.get(a)?, entries.get(b)?);
            if let (Some(na), Some(nb)) = (ea.number, eb.number) {
                if !numbers_agree(na, nb) {
                    return None;
                }
            }
            let why = verify(prepared.get(a)?, prepared.get(b)?)?;
            Some(NearPair { a, b, why })
        })
        .collect()
}

/// Runs the `similar_name` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let Some(chart) = ctx.chart else { return };
    let bank: Vec<usize> = chart
        .accounts
        .iter()
        .enumerate()
        .filter(|(_, a)| a.account_type.is_bank_facing())
        .map(|(i, _)| i)
        .collect();
    let entries: Vec<NameEntry<'_>> = bank
        .iter()
        .filter_map(|&i| chart.accounts.get(i))
        .map(|a| NameEntry {
            name: if a.name.trim().is_empty() {
                &a.full_name
            } else {
                &a.name
            },
            number: bank_number_of(a),
        })
        .collect();
    let pairs = near_pairs(&entries);
    // Group pairs into clusters (union-find), one finding per cluster.
    let mut parent: Vec<usize> = (0..entries.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for p in &pairs {
        let (ra, rb) = (root(&mut parent, p.a), root(&mut parent, p.b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut clusters: std::collections::BTreeMap<usize, (Vec<usize>, Vec<&NearPair>)> =
        std::collections::BTreeMap::new();
    for p in &pairs {
        let r = root(&mut parent, p.a);
        let c = clusters.entry(r).or_default();
        for i in [p.a, p.b] {
            if !c.0.contains(&i) {
                c.0.push(i);
            }
        }
        c.1.push(p);
    }
    for (members, why) in clusters.values_mut() {
        members.sort_unstable();
        let accounts: Vec<&crate::model::Account> = members
            .iter()
            .filter_map(|&m| bank.get(m).and_then(|&i| chart.accounts.get(i)))
            .collect();
        let names: Vec<String> = accounts
            .iter()
            .map(|a| format!("“{}”", account_name(a)))
            .collect();
        let Some(&first) = why.first() else {
            continue;
        };
        let confidence = why.iter().map(|p| p.why.confidence()).max().unwrap_or(60);
        let title = if accounts.len() == 2 {
            format!("{} look like the same account", and_list(&names))
        } else {
            format!(
                "{} accounts look like copies of one: {}",
                accounts.len(),
                and_list(&names)
            )
        };
        let pair_names = |p: &NearPair| {
            let n = |i: usize| {
                bank.get(i)
                    .and_then(|&k| chart.accounts.get(k))
                    .map(|a| format!("“{}”", account_name(a)))
                    .unwrap_or_default()
            };
            format!("{} and {}", n(p.a), n(p.b))
        };
        let detail = format!(
            "{} {}. Near-identical bank account names are how a second copy of one bank \
             account usually starts, and when QuickBooks asks which account a bank feed \
             belongs to it offers both, so the feed can end up tied to the wrong one (Error \
             324). If they are the same account, merge or make one inactive; if not, rename \
             them so they are clearly different (the last four digits of each account \
             number are a good way).",
            pair_names(first),
            first.why.words()
        );
        let mut f = TRIGGER.finding(confidence, title, detail);
        f.accounts = accounts.iter().map(|a| account_name(a)).collect();
        f.evidence = accounts
            .iter()
            .take(20)
            .map(|a| chart_evidence(chart, a))
            .collect();
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: &str, b: &str) -> Option<Why> {
        let e = [
            NameEntry {
                name: a,
                number: None,
            },
            NameEntry {
                name: b,
                number: None,
            },
        ];
        near_pairs(&e).into_iter().next().map(|p| p.why)
    }

    #[test]
    fn near_duplicates_of_every_kind() {
        assert_eq!(
            pair("Chase Checking", "Chase Checking 2"),
            Some(Why::ExtraWord("2".into()))
        );
        assert_eq!(
            pair("Visa 1", "Visa 2"),
            Some(Why::OtherWord {
                left: "1".into(),
                right: "2".into()
            })
        );
        assert_eq!(
            pair("Chase Checking (old)", "Chase Checking"),
            Some(Why::ExtraWord("old".into()))
        );
        assert_eq!(
            pair("Chase Checking", "New Chase Checking"),
            Some(Why::ExtraWord("new".into()))
        );
        assert_eq!(
            pair("Business Checking", "Checking Business"),
            Some(Why::WordOrder)
        );
        assert_eq!(pair("Compte Épargne", "Compte Epargne"), Some(Why::Accents));
        assert_eq!(
            pair("Payroll Account", "Pay roll Account"),
            Some(Why::Spacing)
        );
        assert!(matches!(
            pair("Operating Checking", "Operating Checkng"),
            Some(Why::Typo { .. })
        ));
        assert!(matches!(
            pair("Operating Checking", "Opertaing Checking"),
            Some(Why::Typo { .. })
        ));
    }

    #[test]
    fn different_accounts_are_not_near_duplicates() {
        assert_eq!(
            pair("1010 Operating Checking", "1020 Payroll Checking"),
            None
        );
        assert_eq!(pair("Chase Checking", "Chase Savings"), None);
        assert_eq!(pair("Cash", "Card"), None);
        assert_eq!(
            pair("Checking", "Checking"),
            None,
            "equal names are duplicate_name's"
        );
        let a = BankNumber::from_text("x1005").unwrap();
        let b = BankNumber::from_text("x2008").unwrap();
        let e = [
            NameEntry {
                name: "Amex Gold x1005",
                number: Some(&a),
            },
            NameEntry {
                name: "Amex Gold 2 x2008",
                number: Some(&b),
            },
        ];
        assert!(near_pairs(&e).is_empty());
    }

    #[test]
    fn big_buckets_stay_linear_and_still_link() {
        let names: Vec<String> = (0..500).map(|i| format!("Checking {i}")).collect();
        let e: Vec<NameEntry<'_>> = names
            .iter()
            .map(|n| NameEntry {
                name: n,
                number: None,
            })
            .collect();
        let pairs = near_pairs(&e);
        assert!(!pairs.is_empty() && pairs.len() < 2_000, "{}", pairs.len());
    }
}
