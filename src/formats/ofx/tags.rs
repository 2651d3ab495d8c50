//! The OFX element names the reader knows, as data.
//!
//! SGML OFX (1.x) leaves the closing tag of a *leaf* (an element holding a value)
//! optional, so a reader must know which names are *aggregates* (elements holding other
//! elements) to rebuild the tree. Names not listed here are told apart by what follows
//! them: text makes a leaf, another tag makes an element the reader skips over.

/// An element the reader gives meaning to; everything else is [`Tag::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    // Aggregates.
    Ofx,
    SignOnMsgs,
    SonRs,
    Status,
    Fi,
    StmtTrnRs,
    StmtRs,
    CcStmtTrnRs,
    CcStmtRs,
    BankAcctFrom,
    CcAcctFrom,
    BankAcctTo,
    CcAcctTo,
    BankTranList,
    StmtTrn,
    Payee,
    LedgerBal,
    AvailBal,
    AcctInfoRs,
    AcctInfo,
    BankAcctInfo,
    CcAcctInfo,
    /// An aggregate whose contents the reader does not read, listed so that its leaves
    /// (a `<NAME>` in a transfer's payee, a `<CURSYM>` in a currency) are not taken for
    /// the enclosing element's own.
    OtherAggregate,
    // Leaves.
    Code,
    Severity,
    Message,
    DtServer,
    Org,
    Fid,
    IntuBid,
    CurDef,
    BankId,
    BranchId,
    AcctId,
    AcctType,
    DtStart,
    DtEnd,
    DtPosted,
    TrnAmt,
    Name,
    Memo,
    FitId,
    BalAmt,
    DtAsOf,
    Desc,
    /// A leaf the reader does not read (`TRNTYPE`, `CHECKNUM`, `LANGUAGE`, ...).
    OtherLeaf,
    /// Not in the table: aggregate or leaf is decided by what follows it.
    Other,
}

impl Tag {
    /// Whether the name always opens an aggregate.
    pub fn is_aggregate(self) -> bool {
        (self as u8) <= (Tag::OtherAggregate as u8)
    }

    /// Aggregates some banks write as leaves (`<PAYEE>Joe's Diner`): whether one is
    /// depends on whether text follows, as for names not in the table.
    pub fn may_hold_text(self) -> bool {
        matches!(self, Tag::Payee | Tag::OtherAggregate)
    }

    /// Whether the name is always a leaf (a value, never other elements).
    pub fn is_leaf(self) -> bool {
        !self.is_aggregate() && self != Tag::Other
    }

    /// Looks a name up (upper-case ASCII, as OFX writes it).
    #[cfg(test)]
    pub fn of(name: &[u8]) -> Tag {
        Tag::lookup(name).0
    }

    /// Looks a name up, and says which known name it is, if any.
    #[inline]
    pub fn lookup(name: &[u8]) -> (Tag, Option<KnownName>) {
        // It runs for every tag of a file: the name packed into two words, one hash,
        // and (almost always) one comparison of words.
        if name.len() > LONGEST {
            return (Tag::Other, None);
        }
        let key = key(name);
        let mut slot = hash(key);
        // The table is under half full, so a probe always ends at an empty slot.
        while let Some(&entry) = INDEX.get(slot % SLOTS) {
            let Some(i) = usize::from(entry).checked_sub(1) else {
                break;
            };
            // Names longer than a key are rare: their tail compared bytewise.
            if KEYS.get(i) == Some(&key) && (name.len() <= KEY_BYTES || long_name_is(i, name)) {
                let tag = TAGS.get(i).map_or(Tag::Other, |(_, tag)| *tag);
                return (tag, u8::try_from(i).ok().map(KnownName));
            }
            slot += 1;
        }
        (Tag::Other, None)
    }
}

/// Whether the known name at `i` is `name`, for names longer than a key.
#[cold]
fn long_name_is(i: usize, name: &[u8]) -> bool {
    TAGS.get(i)
        .is_some_and(|(known, _)| known.as_bytes() == name)
}

/// A name in the table, by its place there: two known names are the same exactly when
/// their `KnownName`s are, so the tree matches a closing tag to its element without
/// keeping a copy of the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownName(u8);

impl KnownName {
    /// The name itself.
    pub fn as_bytes(self) -> &'static [u8] {
        TAGS.get(usize::from(self.0))
            .map(|(name, _)| name.as_bytes())
            .unwrap_or_default()
    }
}

/// A name's first [`KEY_BYTES`] bytes packed into two words (zero-padded; no name
/// byte is zero) beside its length.
type Key = (u64, u64, usize);

const KEY_BYTES: usize = 16;

#[inline]
fn key(name: &[u8]) -> Key {
    // Whole words where the name has them (most names are 5 to 12 bytes), shorter
    // tails by overlapping loads; the same key as `const_key`, which builds the table.
    match name.split_first_chunk::<8>() {
        Some((lo, rest)) => (
            u64::from_le_bytes(*lo),
            short_word(rest.get(..rest.len().min(8)).unwrap_or_default()),
            name.len(),
        ),
        None => (short_word(name), 0, name.len()),
    }
}

/// Up to 8 bytes as a little-endian word, zero-padded. Two loads that may overlap
/// (their common bytes are equal, so OR-ing them is exact) instead of a byte loop.
#[inline]
fn short_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if let Some(word) = bytes.first_chunk::<8>() {
        u64::from_le_bytes(*word)
    } else if let (Some(head), Some(tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        let (head, tail) = (u32::from_le_bytes(*head), u32::from_le_bytes(*tail));
        u64::from(head) | u64::from(tail) << (8 * (n - 4))
    } else {
        // 0 to 3 bytes: the first, the middle and the last cover them all.
        let at = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(0)) << (8 * i);
        if n == 0 {
            0
        } else {
            at(0) | at(n / 2) | at(n - 1)
        }
    }
}

const fn const_key(name: &[u8]) -> Key {
    let (mut lo, mut hi) = (0u64, 0u64);
    let mut i = 0;
    while i < name.len() && i < KEY_BYTES {
        if i < 8 {
            lo |= (name[i] as u64) << (8 * i);
        } else {
            hi |= (name[i] as u64) << (8 * (i - 8));
        }
        i += 1;
    }
    (lo, hi, name.len())
}

/// Slots of the open-addressing [`INDEX`]: over three per known name, so probes are short.
const SLOTS: usize = 256;

/// The longest known name; longer ones are [`Tag::Other`] without a lookup.
const LONGEST: usize = crate::formats::text::longest_key(TAGS);

/// A key's slot (multiplicative hashing).
const fn hash(key: Key) -> usize {
    let mixed = key.0 ^ key.1.rotate_left(29) ^ (key.2 as u64);
    (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize % SLOTS
}

/// Each known name's key, by its index in [`TAGS`].
const KEYS: [Key; TAGS.len()] = {
    let mut keys = [(0, 0, 0); TAGS.len()];
    let mut i = 0;
    while i < TAGS.len() {
        keys[i] = const_key(TAGS[i].0.as_bytes());
        i += 1;
    }
    keys
};

/// Each known name's index in [`TAGS`] plus one, at its hash's slot or the next free
/// one after it (linear probing); 0 is an empty slot. Built at compile time.
const INDEX: [u8; SLOTS] = {
    let mut index = [0u8; SLOTS];
    let mut i = 0;
    while i < TAGS.len() {
        let mut slot = hash(KEYS[i]);
        while index[slot] != 0 {
            slot = (slot + 1) % SLOTS;
        }
        index[slot] = (i + 1) as u8;
        i += 1;
    }
    index
};

/// Every known name, sorted by name (a test checks) so that a reader finds one.
const TAGS: &[(&str, Tag)] = &[
    ("ACCTID", Tag::AcctId),
    ("ACCTINFO", Tag::AcctInfo),
    ("ACCTINFORS", Tag::AcctInfoRs),
    ("ACCTINFOTRNRS", Tag::OtherAggregate),
    ("ACCTTYPE", Tag::AcctType),
    ("AVAILBAL", Tag::AvailBal),
    ("BAL", Tag::OtherAggregate),
    ("BALAMT", Tag::BalAmt),
    ("BALLIST", Tag::OtherAggregate),
    ("BANKACCTFROM", Tag::BankAcctFrom),
    ("BANKACCTINFO", Tag::BankAcctInfo),
    ("BANKACCTTO", Tag::BankAcctTo),
    ("BANKID", Tag::BankId),
    ("BANKMSGSRSV1", Tag::OtherAggregate),
    ("BANKTRANLIST", Tag::BankTranList),
    ("BPACCTINFO", Tag::OtherAggregate),
    ("BRANCHID", Tag::BranchId),
    ("CCACCTFROM", Tag::CcAcctFrom),
    ("CCACCTINFO", Tag::CcAcctInfo),
    ("CCACCTTO", Tag::CcAcctTo),
    ("CCSTMTRS", Tag::CcStmtRs),
    ("CCSTMTTRNRS", Tag::CcStmtTrnRs),
    ("CHECKNUM", Tag::OtherLeaf),
    ("CODE", Tag::Code),
    ("CORRECTACTION", Tag::OtherLeaf),
    ("CORRECTFITID", Tag::OtherLeaf),
    ("CREDITCARDMSGSRSV1", Tag::OtherAggregate),
    ("CURDEF", Tag::CurDef),
    ("CURRATE", Tag::OtherLeaf),
    ("CURRENCY", Tag::OtherAggregate),
    ("CURSYM", Tag::OtherLeaf),
    ("DESC", Tag::Desc),
    ("DTACCTUP", Tag::OtherLeaf),
    ("DTASOF", Tag::DtAsOf),
    ("DTAVAIL", Tag::OtherLeaf),
    ("DTEND", Tag::DtEnd),
    ("DTPOSTED", Tag::DtPosted),
    ("DTPROFUP", Tag::OtherLeaf),
    ("DTSERVER", Tag::DtServer),
    ("DTSTART", Tag::DtStart),
    ("DTUSER", Tag::OtherLeaf),
    ("EXTDNAME", Tag::OtherLeaf),
    ("FI", Tag::Fi),
    ("FID", Tag::Fid),
    ("FITID", Tag::FitId),
    ("INTU.BID", Tag::IntuBid),
    ("INTU.USERID", Tag::OtherLeaf),
    ("INVACCTFROM", Tag::OtherAggregate),
    ("INVACCTINFO", Tag::OtherAggregate),
    ("LANGUAGE", Tag::OtherLeaf),
    ("LEDGERBAL", Tag::LedgerBal),
    ("MEMO", Tag::Memo),
    ("MESSAGE", Tag::Message),
    ("MKTGINFO", Tag::OtherLeaf),
    ("NAME", Tag::Name),
    ("OFX", Tag::Ofx),
    ("ORG", Tag::Org),
    ("ORIGCURRENCY", Tag::OtherAggregate),
    ("PAYEE", Tag::Payee),
    ("PAYEEID", Tag::OtherLeaf),
    ("REFNUM", Tag::OtherLeaf),
    ("SEVERITY", Tag::Severity),
    ("SIC", Tag::OtherLeaf),
    ("SIGNONMSGSRSV1", Tag::SignOnMsgs),
    ("SIGNUPMSGSRSV1", Tag::OtherAggregate),
    ("SONRS", Tag::SonRs),
    ("SRVRTID", Tag::OtherLeaf),
    ("STATUS", Tag::Status),
    ("STMTRS", Tag::StmtRs),
    ("STMTTRN", Tag::StmtTrn),
    ("STMTTRNRS", Tag::StmtTrnRs),
    ("SVCSTATUS", Tag::OtherLeaf),
    ("TRNAMT", Tag::TrnAmt),
    ("TRNTYPE", Tag::OtherLeaf),
    ("TRNUID", Tag::OtherLeaf),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_every_name_is_found() {
        for pair in TAGS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} !< {}", pair[0].0, pair[1].0);
        }
        for (name, tag) in TAGS {
            assert_eq!(Tag::of(name.as_bytes()), *tag, "{name}");
        }
        assert!(TAGS.len() < SLOTS / 2);
        assert_eq!(Tag::of(b""), Tag::Other);
        assert_eq!(Tag::of(b"STMTTRNX"), Tag::Other);
        assert_eq!(Tag::of(b"CREDITCARDMSGSRSV1X"), Tag::Other);
    }

    #[test]
    fn keys_are_built_as_the_table_builds_them() {
        let name = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for len in 0..=name.len() {
            let name = &name[..len];
            assert_eq!(key(name), const_key(name), "{len}");
        }
        for (name, _) in TAGS {
            let (_, known) = Tag::lookup(name.as_bytes());
            assert_eq!(known.map(KnownName::as_bytes), Some(name.as_bytes()));
        }
        assert_eq!(Tag::lookup(b"AMEX.ROLE"), (Tag::Other, None));
    }

    #[test]
    fn kinds() {
        assert_eq!(Tag::of(b"STMTTRN"), Tag::StmtTrn);
        assert!(Tag::of(b"STMTTRN").is_aggregate());
        assert!(Tag::of(b"CURRENCY").is_aggregate());
        assert!(Tag::of(b"TRNAMT").is_leaf());
        assert!(Tag::of(b"CHECKNUM").is_leaf());
        assert_eq!(Tag::of(b"AMEX.ROLE"), Tag::Other);
        assert!(!Tag::Other.is_aggregate() && !Tag::Other.is_leaf());
    }
}
