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
/// through memory).
#[inline(always)]
fn key_hash(t: &RowFacts, txs: &Transactions, words: &mut WordsHashes<'_>) -> Option<u64> {
    if t.fitid != TextId::EMPTY {
        let fitid = crate::formats::text::trim_cell(txs.text(t.fitid));
        if !fitid.is_empty() {
            return Some(mix(1, crate::model::text_hash(fitid)));
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

/// Rows with one key hash, first row first: each later row equal to the first is a repeat
/// (a hash collision between different rows is verified away).
fn verify_run(s: &Statement, mut run: impl Iterator<Item = u32>, found: &mut [Repeats; 2]) {
    let Some(f) = run.next() else {
        return;
    };
    let Some(x) = s.transactions.get(f as usize) else {
        return;
    };
    let mut group = Group {
        rows: [f; MAX_EVIDENCE],
        shown: 1,
        extra: 0,
    };
    for i in run {
        if s.transactions.get(i as usize).is_some_and(|y| same(&x, &y)) {
            group.extra += 1;
            if let Some(slot) = group.rows.get_mut(group.shown) {
                *slot = i;
                group.shown += 1;
            }
        }
    }
    if group.extra > 0 {
        // A group is told by transaction ID when its first row has one.
        found[usize::from(x.fitid.trim().is_empty())].add(group);
    }
}

/// One row and its repeats: the first [`MAX_EVIDENCE`] rows (no allocation: a file of
/// doubled rows verifies a group per row, and keeps six), and how many repeats.
struct Group {
    rows: [u32; MAX_EVIDENCE],
    shown: usize,
    extra: usize,
}

/// The repeats of one kind (by ID, by content) in a statement, counted, with the groups
/// whose first rows come first kept for evidence: a file of a million doubled rows keeps
/// a few groups, not a million.
#[derive(Default)]
struct Repeats {
    groups: usize,
    extra: usize,
    /// Up to [`MAX_EVIDENCE`] groups, by first row (each has two rows at least, so they
    /// give the evidence's rows whatever order the groups are found in).
    first: Vec<Group>,
}

impl Repeats {
    fn add(&mut self, g: Group) {
        self.groups += 1;
        self.extra += g.extra;
        let at = self.first.partition_point(|h| h.rows[0] < g.rows[0]);
        if at < MAX_EVIDENCE {
            self.first.insert(at, g);
            self.first.truncate(MAX_EVIDENCE);
        }
    }
}

/// The keys of `keyed` (hash above bit 24, row below) whose hash occurs more than once,
/// into `repeated`, found with an open-addressing table of twice as many slots (`seen`,
/// reused between buckets): a sort of every key to find the few that repeat cost ~130
/// instructions a row; two probes cost a fraction of that.
fn repeated_keys(keyed: &[u64], seen: &mut Vec<u64>, repeated: &mut Vec<u64>) {
    repeated.clear();
    let slots = (keyed.len() * 2).next_power_of_two().max(16);
    seen.clear();
    seen.resize(slots, 0);
    let mask = slots - 1;
    // A slot holds `hash << 2 | 1` (never 0: 0 is free), with bit 1 set once the hash is
    // seen again. The hash's low bits are as random as its top ones (which chose the
    // bucket), so they pick the first slot.
    let slot_of = |seen: &[u64], tag: u64| {
        let mut i = (tag >> 2) as usize & mask;
        while seen[i] != 0 && seen[i] | 2 != tag | 2 {
            i = (i + 1) & mask;
        }
        i
    };
    for &key in keyed {
        let tag = (key >> 24) << 2 | 1;
        let i = slot_of(seen, tag);
        seen[i] |= tag | u64::from(seen[i] != 0) << 1;
    }
    for &key in keyed {
        let tag = (key >> 24) << 2 | 1;
        if seen[slot_of(seen, tag)] & 2 != 0 {
            repeated.push(key);
        }
    }
}

/// Keys in one bucket of [`check_one`], on average (256 KB of keys).
const BUCKET_KEYS: usize = 1 << 15;

fn check_one(s: &Statement, out: &mut Findings) {
    // Every row's key hash beside its index; the keys whose hash repeats are sorted, so
    // equal keys end up side by side, the first row of each run first. One pass to hash,
    // a table and a small sort per bucket, no allocation per row. Below 2^24 rows 40 bits
    // of the hash and the row share one u64 (8 bytes a row, not a 34 MB table for a
    // million rows); candidates are verified.
    // Rows of different cards are never doubles of each other (the card is in the key).
    let n = s.transactions.len();
    let mut found: [Repeats; 2] = Default::default();
    let txs = &s.transactions;
    let mut words = WordsHashes::new(txs);
    let rows = txs
        .facts()
        .enumerate()
        .filter_map(|(i, t)| Some((key_hash(&t, txs, &mut words)?, i as u32)));
    // A key of one row (nearly all of them) has nothing to verify: its row is not read.
    if n < 1 << 24 {
        // Keys go to buckets by their hash's top bits, about BUCKET_KEYS a bucket: equal
        // keys share a bucket, each bucket is sorted in cache, and no allocation is the
        // whole n·8 bytes in one piece (in wasm, whose memory never shrinks, one piece
        // that big cannot reuse the blocks the reader freed, and grows the page).
        let bits = (n / BUCKET_KEYS).next_power_of_two().trailing_zeros();
        let per_bucket = (n >> bits) + (n >> bits) / 8 + 16;
        let mut buckets: Vec<Vec<u64>> = (0..1usize << bits)
            .map(|_| Vec::with_capacity(per_bucket))
            .collect();
        rows.for_each(|(h, i)| {
            let key = (h << 24) | u64::from(i);
            if let Some(b) = buckets.get_mut((key >> 24 >> (40 - bits)) as usize) {
                b.push(key);
            }
        });
        drop(words);
        let mut seen = Vec::new();
        let mut repeated = Vec::new();
        for keyed in &mut buckets {
            // Only keys whose hash repeats are sorted (nearly every key is alone).
            repeated_keys(keyed, &mut seen, &mut repeated);
            *keyed = Vec::new();
            repeated.sort_unstable();
            for same_key in repeated.chunk_by(|a, b| a >> 24 == b >> 24) {
                let rows = same_key.iter().map(|k| (k & 0xFF_FFFF) as u32);
                verify_run(s, rows, &mut found);
            }
        }
    } else {
        let mut keyed: Vec<(u64, u32)> = rows.collect();
        drop(words);
        keyed.sort_unstable();
        for same_key in keyed.chunk_by(|a, b| a.0 == b.0) {
            if same_key.len() > 1 {
                verify_run(s, same_key.iter().map(|k| k.1), &mut found);
            }
        }
    }
    // Groups are in order of their first row, so the output never depends on hash order.
    for (repeats, by_id) in found.into_iter().zip([true, false]) {
        let Repeats {
            groups,
            extra,
            first,
        } = repeats;
        if groups == 0 {
            continue;
        }
        let title = if by_id {
            format!(
                "{} gives {} transaction ID{} to more than one transaction",
                s.file,
                crate::report::words::count(groups),
                if groups == 1 { "" } else { "s" }
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
        f.evidence = first
            .iter()
            .flat_map(|g| &g.rows[..g.shown])
            .take(MAX_EVIDENCE)
            .filter_map(|&i| s.transactions.get(i as usize))
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
    use super::repeated_keys;

    /// The table finds exactly the keys whose hash another key shares, however hashes
    /// crowd its slots (few distinct low bits force long probe runs) and whatever the
    /// bucket's size.
    #[test]
    fn repeated_keys_are_the_keys_whose_hash_repeats() {
        use proptest::prelude::*;
        let hashes = prop::collection::vec((0u64..40, 0u64..4), 0..300);
        proptest!(ProptestConfig::with_cases(500), |(picks in hashes)| {
            // Hashes differing only above the slot bits land on the same first slot.
            let keyed: Vec<u64> = picks
                .iter()
                .enumerate()
                .map(|(row, &(low, high))| ((high << 30 | low) << 24) | row as u64)
                .collect();
            let (mut seen, mut repeated) = (Vec::new(), Vec::new());
            repeated_keys(&keyed, &mut seen, &mut repeated);
            let count = |k: u64| keyed.iter().filter(|&&o| o >> 24 == k >> 24).count();
            let expected: Vec<u64> = keyed.iter().copied().filter(|&k| count(k) > 1).collect();
            prop_assert_eq!(repeated, expected);
        });
    }

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

    /// A -5.00 row on 2026-10-01 paid to `payee`.
    fn five_dollars_on_oct_1(s: &mut crate::model::Statement, payee: &str, line: u32) {
        s.transactions.push(crate::model::Transaction {
            date: "2026-10-01".parse().ok(),
            amount: crate::model::Money::parse_plain("-5.00"),
            payee,
            memo: "",
            fitid: "",
            account_last4: None,
            pending: false,
            line,
        });
    }

    /// The one finding the rule makes for `s`, whose title says `title_has`.
    fn only_finding(s: crate::model::Statement, title_has: &str) -> crate::report::Finding {
        let mut found = run(None, &[s], None);
        assert_eq!(codes(&found), ["duplicate_transactions"]);
        let f = found.remove(0);
        assert!(f.title.contains(title_has), "{}", f.title);
        f
    }

    /// A statement long enough for many sort buckets finds every repeat, wherever the
    /// pair is (close or far apart), and nothing else.
    #[test]
    fn repeats_across_a_long_statement() {
        let n = 6 * super::BUCKET_KEYS + 123;
        let repeated = [7, 40_000, 100_001, n - 1];
        let mut s = statement("chk.csv", "", Unknown);
        let payees: Vec<String> = (0..n).map(|i| format!("Shop {i}")).collect();
        let mut line = 2;
        let mut push = |s: &mut crate::model::Statement, i: usize| {
            line += 1;
            five_dollars_on_oct_1(s, &payees[i], line);
        };
        for i in 0..n {
            push(&mut s, i);
        }
        // Each repeat is far from its first row: once near the start, once at the end.
        push(&mut s, repeated[3]);
        for &i in &repeated[..3] {
            push(&mut s, i);
        }
        only_finding(s, "4 transactions identical");
    }

    /// A file repeated whole (an export downloaded three times and joined): every row's
    /// repeats are counted, and the evidence is the first rows' groups in file order,
    /// whatever order the sort found them in.
    #[test]
    fn a_file_repeated_whole_counts_every_repeat_and_shows_the_first_groups() {
        let payees: Vec<String> = (0..500).map(|i| format!("Shop {i}")).collect();
        let mut s = statement("chk.csv", "", Unknown);
        for copy in 0..3u32 {
            for (i, p) in payees.iter().enumerate() {
                five_dollars_on_oct_1(&mut s, p, 2 + copy * 500 + i as u32);
            }
        }
        let found = only_finding(s, "1,000 transactions");
        let lines: Vec<Option<usize>> = found.evidence.iter().map(|e| e.line).collect();
        let want = [2, 502, 1002, 3, 503, 1003].map(Some);
        assert_eq!(lines, want);
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
}
