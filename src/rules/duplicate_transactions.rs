//! `duplicate_transactions` (info): one statement repeats a `FITID`, or (for rows
//! without one) has identical date + amount + description rows. Reconnecting a feed
//! often leaves such doubles behind; they are worth a look, not a cause of 324.
//!
//! Rows with distinct FITIDs are distinct transactions by the bank's word (two coffees
//! of the same price on one day), so only rows without a FITID are compared by content.

use super::{transaction_evidence, Context, Findings, Trigger};
use super::{Code, Needs};
use crate::model::{RowFacts, Severity, Statement, TextId, Transaction, Transactions};

/// `duplicate_transactions`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::DuplicateTransactions,
    severity: Severity::Info,
    fix_steps: &[],
    title: "Transactions that appear twice",
    needs: Needs::Statement,
    clear: "No transaction appears twice.",
};

/// At most this many repeated transactions are shown as evidence.
const MAX_EVIDENCE: usize = 6;

/// Runs the `duplicate_transactions` rule over the context.
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    for s in ctx.statements {
        check_one(s, out);
    }
}

/// One round of a multiply–rotate hash (FxHash's): fast, and good enough since every
/// candidate is verified exactly.
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The description as compared: payee and memo, lower-cased, white space collapsed,
/// each character handed to `f` (ASCII without decoding).
fn description(texts: [&str; 2], mut f: impl FnMut(char)) {
    let mut pending = false;
    let mut started = false;
    let mut put = |c: char| {
        if c.is_whitespace() {
            pending = true;
            return;
        }
        if pending && started {
            f(' ');
        }
        pending = false;
        started = true;
        if c.is_ascii() {
            f(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut f);
        }
    };
    for part in [texts[0], " ", texts[1]] {
        if part.is_ascii() {
            part.bytes().for_each(|b| put(char::from(b)));
        } else {
            part.chars().for_each(&mut put);
        }
    }
}

fn description_chars(texts: [&str; 2]) -> Vec<char> {
    let mut out = Vec::new();
    description(texts, |c| out.push(c));
    out
}

/// The base of [`WordsHash`]'s polynomial (odd, so its powers never reach 0).
const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// A text's compared form (its words, lower-cased, one space apart) as a polynomial
/// hash `Σ cᵢ·BASEⁿ⁻ⁱ` with `BASEⁿ`. The description of a row is its payee's words then
/// its memo's, so its hash is two per-text hashes joined by a space: each distinct text
/// is walked once per statement, not once per row (a million rows hold a few thousand
/// payees).
#[derive(Clone, Copy, PartialEq, Eq)]
struct WordsHash {
    hash: u64,
    /// `BASE` to the number of characters; 0 means not computed yet.
    power: u64,
}

impl WordsHash {
    const UNKNOWN: WordsHash = WordsHash { hash: 0, power: 0 };

    fn of(text: &str) -> WordsHash {
        let mut w = WordsHash { hash: 0, power: 1 };
        description([text, ""], |c| {
            w.hash = w.hash.wrapping_mul(BASE).wrapping_add(u64::from(c));
            w.power = w.power.wrapping_mul(BASE);
        });
        w
    }

    fn is_empty(self) -> bool {
        self.power == 1
    }

    /// `self`'s words, a space, then `next`'s (no space when either has none).
    fn then(self, next: WordsHash) -> WordsHash {
        if self.is_empty() {
            return next;
        }
        if next.is_empty() {
            return self;
        }
        let spaced = self.hash.wrapping_mul(BASE).wrapping_add(u64::from(b' '));
        WordsHash {
            hash: spaced.wrapping_mul(next.power).wrapping_add(next.hash),
            power: self.power.wrapping_mul(BASE).wrapping_mul(next.power),
        }
    }
}

/// [`WordsHash`] of each payee and memo text of one statement, made on first use.
struct WordsHashes<'a> {
    transactions: &'a Transactions,
    by_text: Vec<WordsHash>,
}

impl<'a> WordsHashes<'a> {
    fn new(transactions: &'a Transactions) -> WordsHashes<'a> {
        WordsHashes {
            transactions,
            by_text: vec![WordsHash::UNKNOWN; transactions.text_count()],
        }
    }

    /// Inlined into the per-row loop: a load and a compare for a text seen before.
    #[inline]
    fn get(&mut self, id: TextId) -> WordsHash {
        match self.by_text.get(id.index()) {
            // Only UNKNOWN has power 0 (BASE is odd): one compare, not two.
            Some(&w) if w.power != 0 => w,
            _ => self.first_get(id),
        }
    }

    /// A text's first use (a few thousand in a million rows): walked and remembered.
    #[cold]
    #[inline(never)]
    fn first_get(&mut self, id: TextId) -> WordsHash {
        let w = WordsHash::of(self.transactions.text(id));
        if let Some(slot) = self.by_text.get_mut(id.index()) {
            *slot = w;
        }
        w
    }
}

/// What makes two rows the same: the FITID when there is one, else date, amount, card
/// and description (`None`: a row without FITID, date or amount is never a double).
/// Inlined into the per-row loop (a call cost a fifth of the rule: the row's facts went
/// through memory); the FITID's hash stays a call.
#[inline(always)]
fn key_hash(t: &RowFacts, txs: &Transactions, words: &mut WordsHashes<'_>) -> Option<u64> {
    if t.fitid != TextId::EMPTY {
        if let Some(h) = fitid_hash(txs.text(t.fitid)) {
            return Some(h);
        }
    }
    let (d, a) = (t.date?, t.amount?);
    let day = (i64::from(d.year()) << 16) | (i64::from(d.month()) << 8) | i64::from(d.day());
    let mut h = mix(mix(2, day as u64), a.0 as u64);
    let last4 = t.account_last4.map_or(0, |l| u32::from_le_bytes(l.0));
    h = mix(h, u64::from(last4) | 1 << 40);
    // Most rows have no memo (every row of most CSVs): their description is the payee's.
    let text = if t.memo == TextId::EMPTY {
        words.get(t.payee)
    } else {
        words.get(t.payee).then(words.get(t.memo))
    };
    Some(mix(mix(h, text.hash), text.power))
}

/// The key hash of a row by its FITID; `None` when the FITID is only white space.
#[inline(never)]
fn fitid_hash(fitid: &str) -> Option<u64> {
    // A FITID nearly always starts and ends with a printable ASCII character, which
    // trimming leaves alone: trim's search for Unicode white space is then skipped (it
    // was the most of this function).
    let printable = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    let bytes = fitid.as_bytes();
    let fitid = if printable(bytes.first()) && printable(bytes.last()) {
        fitid
    } else {
        fitid.trim()
    };
    (!fitid.is_empty()).then(|| mix(1, crate::model::text_hash(fitid)))
}

/// Whether two rows with the same hash are the same, exactly.
fn same(x: &Transaction<'_>, y: &Transaction<'_>) -> bool {
    let (fx, fy) = (x.fitid.trim(), y.fitid.trim());
    if !fx.is_empty() || !fy.is_empty() {
        return fx == fy;
    }
    x.date == y.date
        && x.amount == y.amount
        && x.account_last4 == y.account_last4
        && ((x.payee, x.memo) == (y.payee, y.memo)
            || description_chars([x.payee, x.memo]) == description_chars([y.payee, y.memo]))
}

/// Whether row `f` and a later row `i` with its key hash are the same; if so it is a repeat.
fn verify_pair(s: &Statement, f: u32, i: u32, repeats: &mut Vec<(u32, u32)>) {
    let (Some(x), Some(y)) = (
        s.transactions.get(f as usize),
        s.transactions.get(i as usize),
    ) else {
        return;
    };
    if same(&x, &y) {
        repeats.push((f, i));
    }
}

/// The low 40 bits of a key hash beside a row below 2^24, in one u64: `key << 24 | row`.
const ROW_BITS: u32 = 24;

/// The first row of each key (the low 40 bits of a key hash) seen so far, for rows below
/// 2^24 that come in increasing order: an open-addressing table of `key << 24 | row`
/// entries, one probe per row for nearly all of them. No sort of the rows' keys, and a
/// key of one row (nearly all of them) is never looked at again. 12 to 21 bytes a row
/// (16 MB for a million rows) while the rule runs.
struct FirstRows {
    table: Vec<u64>,
    bits: u32,
}

impl FirstRows {
    // Entries are stored inverted, so the empty table is zeroed memory (fresh pages from
    // the allocator, no fill); the one entry that inverts to EMPTY is the last possible
    // row, which no later row looks for.
    const EMPTY: u64 = 0;

    /// A table for `n` rows.
    fn new(n: usize) -> FirstRows {
        // At most two thirds full, so a probe rarely goes past its first slot.
        let bits = (n + n / 2).max(16).next_power_of_two().trailing_zeros();
        FirstRows {
            table: vec![FirstRows::EMPTY; 1 << bits],
            bits,
        }
    }

    /// The first row with `hash`'s key, or `None` when `row` is the first (and is kept).
    #[inline]
    fn first(&mut self, hash: u64, row: u32) -> Option<u32> {
        let entry = !((hash << ROW_BITS) | u64::from(row));
        let key = entry >> ROW_BITS;
        let mask = self.table.len() - 1;
        // The slot from the key's bits by a multiply, whatever their spread.
        let mut slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize;
        while let Some(e) = self.table.get_mut(slot) {
            if *e == FirstRows::EMPTY {
                *e = entry;
                return None;
            }
            if *e >> ROW_BITS == key {
                return Some((!*e & ((1 << ROW_BITS) - 1)) as u32);
            }
            slot = (slot + 1) & mask;
        }
        None
    }
}

fn check_one(s: &Statement, out: &mut Findings) {
    // Rows with the same key hash are compared exactly with the first row that had it
    // (a hash collision between different rows is verified away). Below 2^24 rows the
    // key is 40 bits of the hash; rows of different cards are never doubles of each
    // other (the card is in the key).
    let n = s.transactions.len();
    let mut repeats: Vec<(u32, u32)> = Vec::new();
    let txs = &s.transactions;
    let mut words = WordsHashes::new(txs);
    if n < 1 << ROW_BITS {
        let mut first_rows = FirstRows::new(n);
        // for_each, not a for loop: one loop per block of rows, not the flattened
        // iterator resumed per row.
        txs.facts().enumerate().for_each(|(i, t)| {
            let Some(h) = key_hash(&t, txs, &mut words) else {
                return;
            };
            if let Some(f) = first_rows.first(h, i as u32) {
                verify_pair(s, f, i as u32, &mut repeats);
            }
        });
    } else {
        // Every row's whole hash beside its index, sorted: equal keys end up side by
        // side, the first row of each run first.
        let rows = txs
            .facts()
            .enumerate()
            .filter_map(|(i, t)| Some((key_hash(&t, txs, &mut words)?, i as u32)));
        let mut keyed: Vec<(u64, u32)> = rows.collect();
        drop(words);
        keyed.sort_unstable();
        for same_key in keyed.chunk_by(|a, b| a.0 == b.0) {
            if let Some((first, rest)) = same_key.split_first() {
                for k in rest {
                    verify_pair(s, first.1, k.1, &mut repeats);
                }
            }
        }
    }
    repeats.sort_unstable();
    let mut fitid_groups: Vec<Vec<usize>> = Vec::new();
    let mut content_groups: Vec<Vec<usize>> = Vec::new();
    let mut k = 0;
    while k < repeats.len() {
        let f = repeats[k].0;
        let mut group = vec![f as usize];
        while k < repeats.len() && repeats[k].0 == f {
            group.push(repeats[k].1 as usize);
            k += 1;
        }
        let by_id = s
            .transactions
            .get(f as usize)
            .is_some_and(|t| !t.fitid.trim().is_empty());
        if by_id {
            fitid_groups.push(group);
        } else {
            content_groups.push(group);
        }
    }
    // Groups are in order of their first row, so the output never depends on hash order.
    for (groups, by_id) in [(fitid_groups, true), (content_groups, false)] {
        if groups.is_empty() {
            continue;
        }
        let extra: usize = groups.iter().map(|g| g.len() - 1).sum();
        let title = if by_id {
            format!(
                "{} gives {} transaction ID{} to more than one transaction",
                s.file,
                crate::report::words::count(groups.len()),
                if groups.len() == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{} has {} transaction{} identical to another",
                s.file,
                crate::report::words::count(extra),
                if extra == 1 { "" } else { "s" }
            )
        };
        let detail = if by_id {
            format!(
                "The bank gave the same transaction ID (its own label for each \
                 transaction) to {} more row{} than it has transactions. QuickBooks skips a transaction whose ID it has seen, so a \
                 repeat either hides a real transaction or is a double left after a \
                 reconnect. Compare these rows with the bank's website before accepting them.",
                crate::report::words::count(extra),
                if extra == 1 { "" } else { "s" }
            )
        } else {
            "These rows have the same date, amount and description. They may be genuine (two \
             equal purchases on one day) or doubles left by a reconnect or an overlapping \
             download; check them against the bank before accepting them in QuickBooks."
                .to_string()
        };
        let mut f = TRIGGER.finding(if by_id { 80 } else { 50 }, title, detail);
        f.statement = Some(s.file.clone());
        f.evidence = groups
            .iter()
            .flatten()
            .take(MAX_EVIDENCE)
            .filter_map(|&i| s.transactions.get(i))
            .map(|t| transaction_evidence(s, &t))
            .collect();
        out.push(f);
    }
}

/// `duplicate_transactions` across a statement and QuickBooks' own register of the same
/// account: the register holds one bank transaction twice (what a reconnect leaves when
/// the old and the new connection both bring it in). Fed by the recovery's one-to-one
/// matching, whose left-over register rows that repeat a matched one are the doubles.
/// Called from `check_reads` (the rules' context carries no registers).
pub fn check_against_registers(
    statements: &[Statement],
    registers: &[crate::model::Register],
    gaps: &[crate::recovery::Gap],
    out: &mut Findings,
) {
    for gap in gaps {
        let crate::recovery::Basis::Register { index, .. } = gap.basis else {
            continue;
        };
        if gap.outcome.doubles.is_empty() {
            continue;
        }
        let (Some(s), Some(reg)) = (statements.get(gap.statement), registers.get(index)) else {
            continue;
        };
        let n = gap.outcome.doubles.len();
        let title = format!(
            "QuickBooks holds {n} transaction{} of {} twice",
            if n == 1 { "" } else { "s" },
            gap.account
        );
        let detail = format!(
            "The bank's statement has {} once, but QuickBooks' register ({}) has {} twice, \
             close in date and equal in amount: a reconnect often brings the same \
             transactions in again. Compare these rows and exclude or delete the extra \
             copies in QuickBooks.",
            if n == 1 {
                "this transaction"
            } else {
                "these transactions"
            },
            reg.file,
            if n == 1 { "it" } else { "each" }
        );
        let mut f = TRIGGER.finding(70, title, detail);
        f.statement = Some(s.file.clone());
        f.accounts.push(gap.account.clone());
        let reg_evidence = |j: usize| {
            reg.transactions.get(j).map(|t| {
                let mut e = transaction_evidence(s, &t);
                e.file = reg.file.clone();
                e
            })
        };
        for &(i, kept, extra) in gap.outcome.doubles.iter().take(MAX_EVIDENCE / 3 + 1) {
            if let Some(t) = s.transactions.get(i) {
                f.evidence.push(transaction_evidence(s, &t));
            }
            f.evidence.extend(reg_evidence(kept));
            f.evidence.extend(reg_evidence(extra));
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::AccountKind::*;
    use crate::rules::testutil::*;

    #[test]
    fn repeated_fitid_or_content() {
        let mut s = statement("chk.qbo", "000123454321", Checking);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "A1", 30);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "A1", 36);
        assert_eq!(codes(&run(None, &[s], None)), ["duplicate_transactions"]);
        let mut s = statement("chk.qbo", "000123454321", Checking);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "A1", 30);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "A2", 36);
        assert!(run(None, &[s], None).is_empty());
        let mut s = statement("chk.csv", "", Unknown);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "", 3);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee", "", 4);
        assert_eq!(codes(&run(None, &[s], None)), ["duplicate_transactions"]);
        // White space and case do not tell rows apart; the amount does.
        let mut s = statement("chk.csv", "", Unknown);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee  Shop", "", 3);
        txn(&mut s, "2026-10-01", "-5.00", "coffee shop ", "", 4);
        txn(&mut s, "2026-10-01", "-6.00", "coffee shop", "", 5);
        let found = run(None, &[s], None);
        assert_eq!(codes(&found), ["duplicate_transactions"]);
        assert_eq!(found[0].evidence.len(), 2);
        let mut s = statement("chk.csv", "", Unknown);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee Shop", "", 3);
        txn(&mut s, "2026-10-01", "-5.00", "Coffee Shops", "", 4);
        assert!(run(None, &[s], None).is_empty());
    }

    /// The description is the payee's words then the memo's, however a bank splits them
    /// between the two fields, in any case and spacing (the per-text hashes are joined).
    #[test]
    fn description_split_between_payee_and_memo() {
        use crate::model::{Money, Transaction};
        let row = |s: &mut crate::model::Statement, payee: &str, memo: &str, line: u32| {
            s.transactions.push(Transaction {
                date: "2026-10-01".parse().ok(),
                amount: Money::parse_plain("-5.00"),
                payee,
                memo,
                fitid: "",
                account_last4: None,
                pending: false,
                line,
            })
        };
        for (a, b) in [
            (("Café Shop", "Seattle WA"), ("  CAFÉ", "shop  seattle wa")),
            (("Café Shop Seattle WA", ""), ("", "café shop seattle wa")),
            (("Café", "Shop Seattle WA"), ("Café Shop Seattle", "WA")),
        ] {
            let mut s = statement("chk.csv", "", Unknown);
            row(&mut s, a.0, a.1, 3);
            row(&mut s, b.0, b.1, 4);
            assert_eq!(
                codes(&run(None, &[s], None)),
                ["duplicate_transactions"],
                "{a:?} {b:?}"
            );
        }
        // A word boundary is part of the description: "CaféShop" is another text.
        let mut s = statement("chk.csv", "", Unknown);
        row(&mut s, "Café", "Shop", 3);
        row(&mut s, "CaféShop", "", 4);
        assert!(run(None, &[s], None).is_empty());
    }

    /// The table finds the same (first row, repeat) pairs as sorting `key << 24 | row`
    /// and walking runs of one key: keys are the hash's low 40 bits (hashes that differ
    /// only above them are one key), rows skipped (no key) or not.
    #[test]
    fn table_matches_sorted_runs() {
        use proptest::prelude::*;
        let hash =
            (0u64..8, 0u64..4, any::<u64>(), 0u8..4).prop_map(
                |(low, high, any, pick)| match pick {
                    0 => any,
                    _ => low | high << 40,
                },
            );
        let rows = prop::collection::vec((hash, 1u32..4), 0..300);
        proptest!(ProptestConfig::with_cases(2000), |(rows in rows)| {
            let mut next = 0;
            let rows: Vec<(u64, u32)> = rows
                .into_iter()
                .map(|(h, step)| {
                    next += step;
                    (h, next)
                })
                .collect();
            let n = next as usize + 1;
            let mut keyed: Vec<u64> = rows.iter().map(|&(h, i)| (h << 24) | u64::from(i)).collect();
            keyed.sort_unstable();
            let mut expected = Vec::new();
            for run in keyed.chunk_by(|a, b| a >> 24 == b >> 24) {
                for k in &run[1..] {
                    expected.push(((run[0] & 0xFF_FFFF) as u32, (k & 0xFF_FFFF) as u32));
                }
            }
            expected.sort_unstable();
            let mut table = super::FirstRows::new(n);
            let mut found: Vec<(u32, u32)> = rows
                .into_iter()
                .filter_map(|(h, i)| Some((table.first(h, i)?, i)))
                .collect();
            found.sort_unstable();
            prop_assert_eq!(found, expected);
        });
    }

    /// The FITID's hash is that of the trimmed text, whichever way it is reached.
    #[test]
    fn fitid_hash_is_of_the_trimmed_text() {
        use proptest::prelude::*;
        let fitid = "[ \t\u{a0}\u{3000}]{0,2}[A-Za-z0-9 é\u{a0}-]{0,12}[ \t\r\u{2003}]{0,2}";
        proptest!(ProptestConfig::with_cases(3000), |(s in fitid)| {
            let t = s.trim();
            let expected = (!t.is_empty()).then(|| super::mix(1, crate::model::text_hash(t)));
            prop_assert_eq!(super::fitid_hash(&s), expected);
        });
    }
}
