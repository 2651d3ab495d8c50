//! Dates as bank CSVs write them, read into compact raw parts so the day/month order
//! can be decided from the whole column (SPEC §2), never row by row.
//!
//! A cell becomes a [`RawDate`]: either a date whose order the text itself settles
//! (`2018-12-06`, `07 Nov 2013`, `20091224120000[0:GMT]`), or three numbers whose
//! order is open (`02.03.2018`). A [`DateTally`] counts, over a column, which orders
//! every open value fits; [`DateTally::decide`] then picks one.

use crate::formats::text::trim_cell;
use crate::model::{le_word, tail_word, Date};

/// The order of day, month and year in a column of dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// Day, month, year: `28/02/2018`, `07 Nov 2013`.
    Dmy,
    /// Month, day, year: `3/18/2016`.
    Mdy,
    /// Year, month, day: `2018-12-06`, `2013/01/17`, `20091224`.
    Ymd,
}

/// One date cell, read as far as it can be without knowing the column's order.
/// Eight bytes, so a million rows keep their dates in 8 MB until the order is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawDate {
    /// Nothing in the cell.
    Empty,
    /// The bank wrote "Pending" (or the like) instead of a date.
    Pending,
    /// Text that is not a date.
    Bad,
    /// A date whose order the text settles, with that order.
    Known(Date, DateOrder),
    /// `a/b/c` with `c` the year (2 or 4 digits): day-first or month-first is open.
    Open {
        a: u8,
        b: u8,
        c: u16,
        short_year: bool,
        /// Written with dots (`02.03.2018`): a day-first convention.
        dotted: bool,
    },
}

// The eight bytes above, held by the compiler (a new field must fit beside the others).
const _: () = assert!(std::mem::size_of::<RawDate>() <= 8);

/// Words banks put in the date column of a not-yet-posted row.
const PENDING_WORDS: &[&str] = &[
    "pending",
    "vorgemerkt",
    "in bearbeitung",
    "en attente",
    "pendiente",
    "in behandeling",
    "afventer",
];

/// Month names and abbreviations (English, German, French, Dutch, Spanish, Danish,
/// Italian), lower case without accents, with their month number.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("janvier", 1),
    ("januari", 1),
    ("enero", 1),
    ("ene", 1),
    ("janv", 1),
    ("gennaio", 1),
    ("gen", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("fevrier", 2),
    ("fev", 2),
    ("fevr", 2),
    ("februari", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("march", 3),
    ("mar", 3),
    ("marz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("maart", 3),
    ("mrt", 3),
    ("marzo", 3),
    ("marts", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mei", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mag", 5),
    ("maj", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("giu", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("lug", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("augustus", 8),
    ("agosto", 8),
    ("ago", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("set", 9),
    ("october", 10),
    ("oct", 10),
    ("okt", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("ott", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dez", 12),
    ("dezember", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
];

fn month_number(word: &str) -> Option<u8> {
    let key: String = word
        .chars()
        .filter(|c| *c != '.')
        .map(fold_accent)
        .flat_map(char::to_lowercase)
        .collect();
    MONTHS.iter().find(|(name, _)| *name == key).map(|m| m.1)
}

/// Folds the accented letters month names use to their plain letter.
fn fold_accent(c: char) -> char {
    match c {
        'é' | 'è' | 'ê' | 'É' => 'e',
        'ä' | 'à' | 'â' | 'Ä' => 'a',
        'û' | 'ü' => 'u',
        'ô' | 'ö' => 'o',
        _ => c,
    }
}

/// Whether a cell says the row is pending.
pub fn is_pending_word(cell: &str) -> bool {
    let cell = trim_cell(cell);
    // Most cells are dates or amounts: no lower-casing for those.
    cell.starts_with(char::is_alphabetic)
        && PENDING_WORDS.iter().any(|w| w.eq_ignore_ascii_case(cell))
}

/// A part of a date: a number (with its digit count) or a word.
#[derive(Clone, Copy)]
enum Part<'a> {
    Num(u32, usize),
    Word(&'a str),
}

/// Reads one date cell into its raw parts.
pub fn parse(cell: &str) -> RawDate {
    let s = trim_cell(cell);
    if s.is_empty() {
        return RawDate::Empty;
    }
    if is_pending_word(s) {
        return RawDate::Pending;
    }
    parse_text(s).unwrap_or(RawDate::Bad)
}

fn parse_text(s: &str) -> Option<RawDate> {
    let bytes = s.as_bytes();
    if let Some(raw) = two_two_four(bytes) {
        return Some(raw);
    }
    parse_general(s)
}

fn parse_general(s: &str) -> Option<RawDate> {
    let bytes = s.as_bytes();
    // `20091224`, `20091224120000`, `20091224120000[0:GMT]`: compact, year first.
    let lead = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if lead >= 8 {
        let rest = s.get(lead..)?;
        let tail_ok = rest.is_empty() || rest.starts_with('[') || rest.starts_with('.');
        if !(lead == 8 || lead == 12 || lead == 14) || !tail_ok {
            return None;
        }
        let y: i16 = s.get(0..4)?.parse().ok()?;
        let m: i8 = s.get(4..6)?.parse().ok()?;
        let d: i8 = s.get(6..8)?.parse().ok()?;
        return civil(y, m, d).map(|date| RawDate::Known(date, DateOrder::Ymd));
    }
    // Up to three parts split by `/`, `-`, `.`, space or `, `.
    let mut parts: [Part<'_>; 3] = [Part::Num(0, 0); 3];
    let mut n = 0;
    let mut i = 0;
    while n < 3 {
        // Separators between parts (none before the first).
        if n > 0 {
            let start = i;
            while i < bytes.len() && matches!(bytes[i], b'/' | b'-' | b'.' | b' ' | b',') {
                i += 1;
            }
            if i == start || i - start > 3 {
                return None;
            }
        }
        let start = i;
        if i < bytes.len() && bytes[i].is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let digits = s.get(start..i)?;
            if digits.len() > 4 {
                return None;
            }
            parts[n] = Part::Num(digits.parse().ok()?, digits.len());
            n += 1;
        } else {
            // A month word, possibly with accents.
            let rest = s.get(start..)?;
            let len: usize = rest
                .char_indices()
                .take_while(|(_, c)| c.is_alphabetic())
                .last()
                .map(|(p, c)| p + c.len_utf8())
                .unwrap_or(0);
            if len == 0 {
                return None;
            }
            i = start + len;
            parts[n] = Part::Word(s.get(start..i)?);
            n += 1;
        }
    }
    // What follows the date may only be a time (`12:34:56 +0000`, `T11:33:59`).
    let rest = s.get(i..)?;
    if !rest.is_empty() {
        let r = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
        let r = r.trim_start();
        if !r.as_bytes().first().is_some_and(u8::is_ascii_digit) || !r.contains(':') {
            return None;
        }
    }
    let (p0, p1, p2) = (parts[0], parts[1], parts[2]);
    match (p0, p1, p2) {
        (Part::Num(y, 4), Part::Num(m, _), Part::Num(d, w)) if w <= 2 => {
            known(y, m, d, DateOrder::Ymd)
        }
        (Part::Num(a, wa), Part::Num(b, wb), Part::Num(c, wc))
            if wa <= 2 && wb <= 2 && (wc == 4 || wc == 2) =>
        {
            Some(RawDate::Open {
                a: u8::try_from(a).ok()?,
                b: u8::try_from(b).ok()?,
                c: u16::try_from(c).ok()?,
                short_year: wc == 2,
                dotted: s.contains('.'),
            })
        }
        (Part::Num(d, wd), Part::Word(m), Part::Num(y, wy)) if wd <= 2 && (wy == 4 || wy == 2) => {
            known(
                full_year(y, wy),
                u32::from(month_number(m)?),
                d,
                DateOrder::Dmy,
            )
        }
        (Part::Word(m), Part::Num(d, wd), Part::Num(y, wy)) if wd <= 2 && (wy == 4 || wy == 2) => {
            known(
                full_year(y, wy),
                u32::from(month_number(m)?),
                d,
                DateOrder::Mdy,
            )
        }
        (Part::Num(y, 4), Part::Word(m), Part::Num(d, wd)) if wd <= 2 => {
            known(y, u32::from(month_number(m)?), d, DateOrder::Ymd)
        }
        _ => None,
    }
}

/// `12/31/2026`, `31.12.2026`, `12-31-2026`: most bank exports' dates, read without the
/// general path's splitting (it gives the same answer).
fn two_two_four(b: &[u8]) -> Option<RawDate> {
    let &[a1, a2, s1, b1, b2, s2, c1, c2, c3, c4] = b else {
        return None;
    };
    let digit = |x: u8| x.is_ascii_digit().then(|| x - b'0');
    if s1 != s2 || !matches!(s1, b'/' | b'-' | b'.') {
        return None;
    }
    let a = digit(a1)? * 10 + digit(a2)?;
    let b = digit(b1)? * 10 + digit(b2)?;
    let c = [c1, c2, c3, c4]
        .iter()
        .try_fold(0u16, |n, &x| Some(n * 10 + u16::from(digit(x)?)))?;
    Some(RawDate::Open {
        a,
        b,
        c,
        short_year: false,
        // Only the separators can be dots.
        dotted: s1 == b'.',
    })
}

fn known(y: u32, m: u32, d: u32, order: DateOrder) -> Option<RawDate> {
    let date = civil(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )?;
    Some(RawDate::Known(date, order))
}

/// Two-digit years: 70-99 are the 1900s, the rest the 2000s.
fn full_year(y: u32, width: usize) -> u32 {
    match (width, y) {
        (2, 70..) => 1900 + y,
        (2, _) => 2000 + y,
        _ => y,
    }
}

/// A valid calendar date in the years bank exports can mean, checked by [`on_calendar`]
/// before `Date::new`, whose error for an impossible day or month is allocated.
fn civil(y: i16, m: i8, d: i8) -> Option<Date> {
    if !on_calendar(y, m, d) {
        return None;
    }
    Date::new(y, m, d).ok()
}

/// Whether `y-m-d` is a real day in the years bank exports can mean. Without a `Date`:
/// every open date of a column is tried in each order, and half of those tries fail.
fn on_calendar(y: i16, m: i8, d: i8) -> bool {
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d < 1 {
        return false;
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

impl RawDate {
    /// The date under `order` (open dates), or the date the text settled.
    pub fn resolve(self, order: DateOrder) -> Option<Date> {
        match self {
            RawDate::Known(d, _) => Some(d),
            _ => {
                let (y, m, d) = self.open_parts(order)?;
                Date::new(y, m, d).ok()
            }
        }
    }

    /// Whether an open date is a real day under `order` (no `Date` made: the column's
    /// tally tries every open value in each order).
    fn reads_in(self, order: DateOrder) -> bool {
        self.open_parts(order).is_some()
    }

    /// An open date's year, month and day under `order`, when that is a real day.
    fn open_parts(self, order: DateOrder) -> Option<(i16, i8, i8)> {
        let RawDate::Open {
            a,
            b,
            c,
            short_year,
            ..
        } = self
        else {
            return None;
        };
        let width = if short_year { 2 } else { 4 };
        let (y, m, d) = match order {
            DateOrder::Dmy => (full_year(u32::from(c), width), b, a),
            DateOrder::Mdy => (full_year(u32::from(c), width), a, b),
            // Only two-digit years can stand first: `18.02.22`.
            DateOrder::Ymd if short_year => (full_year(u32::from(a), 2), b, u8::try_from(c).ok()?),
            DateOrder::Ymd => return None,
        };
        let parts = (
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        );
        on_calendar(parts.0, parts.1, parts.2).then_some(parts)
    }
}

/// A date cell read: its raw date and, when its order is open, the orders it is a
/// real day in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadDate {
    pub raw: RawDate,
    /// Bit `order_index(o)` is set when the date reads in order `o`.
    fits: u8,
}

impl ReadDate {
    /// `raw`, with each order tried.
    pub fn of(raw: RawDate) -> ReadDate {
        let fits = ORDERS
            .iter()
            .filter(|&&o| raw.reads_in(o))
            .fold(0u8, |bits, &o| bits | 1 << order_index(o));
        ReadDate { raw, fits }
    }

    fn reads_in(self, order: DateOrder) -> bool {
        self.fits & 1 << order_index(order) != 0
    }
}

/// Reads a column's date cells, each distinct text once. A statement has a few hundred
/// dates over any number of rows (many rows a day), so nearly every row's date is a
/// text already read: parsing it and trying it in each order was ~300 instructions a
/// row, a lookup is a tenth of that.
#[derive(Default)]
pub struct DateCells {
    memo: Memo<ReadDate>,
}

impl DateCells {
    /// `cell` read as [`parse`] reads it, with its orders tried.
    pub fn read(&mut self, cell: &str) -> ReadDate {
        match cell_key(cell) {
            Some(key) => self.memo.get_or(key, || ReadDate::of(parse(cell))),
            None => ReadDate::of(parse(cell)),
        }
    }
}

/// A cell of up to 15 bytes as a key: its bytes, read as the text table reads a text's
/// words (its first eight, then its last eight or its short tail in overlapping loads),
/// and its length, which tells where the loads overlap. Longer cells are read each time.
fn cell_key(cell: &str) -> Option<MemoKey> {
    let b = cell.as_bytes();
    let (lo, hi) = match b.len() {
        16.. => return None,
        8.. => (le_word(&b[..8]), tail_word(b, b)),
        1.. => (tail_word(b, b), 0),
        0 => (0, 0),
    };
    Some((lo, hi, b.len() as u8))
}

/// Resolves a column's raw dates in one order, each distinct open date once.
pub struct ResolvedDates {
    order: DateOrder,
    memo: Memo<Option<Date>>,
}

impl ResolvedDates {
    pub fn new(order: DateOrder) -> ResolvedDates {
        ResolvedDates {
            order,
            memo: Memo::default(),
        }
    }

    /// `raw.resolve(order)`.
    pub fn resolve(&mut self, raw: RawDate) -> Option<Date> {
        let order = self.order;
        match raw {
            RawDate::Open {
                a,
                b,
                c,
                short_year,
                dotted,
            } => {
                let key = u64::from(a)
                    | u64::from(b) << 8
                    | u64::from(c) << 16
                    | u64::from(short_year) << 32
                    | u64::from(dotted) << 33;
                self.memo.get_or((key, 0, 0), || raw.resolve(order))
            }
            _ => raw.resolve(order),
        }
    }
}

/// A direct-mapped memo of [`MEMO_SLOTS`] keys and their values: a key's slot holds the
/// last key that fell there, so it never grows and a miss only costs the work itself.
struct Memo<V> {
    slots: Vec<Option<(MemoKey, V)>>,
}

/// Two words and a length: a short text's bytes (see [`cell_key`]) or a packed value.
type MemoKey = (u64, u64, u8);

const MEMO_SLOTS: usize = 2048;

/// The slot `key` falls in (a multiplicative hash's top bits).
fn memo_slot(key: MemoKey) -> usize {
    let mixed =
        (key.0 ^ key.1.rotate_left(31) ^ u64::from(key.2)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> (64 - MEMO_SLOTS.trailing_zeros())) as usize
}

impl<V> Default for Memo<V> {
    fn default() -> Memo<V> {
        Memo { slots: Vec::new() }
    }
}

impl<V: Copy> Memo<V> {
    fn get_or(&mut self, key: MemoKey, make: impl FnOnce() -> V) -> V {
        if self.slots.is_empty() {
            self.slots.resize_with(MEMO_SLOTS, || None);
        }
        let slot = &mut self.slots[memo_slot(key)];
        match slot {
            Some((k, v)) if *k == key => *v,
            _ => {
                let v = make();
                *slot = Some((key, v));
                v
            }
        }
    }
}

/// What a date column's values say about its order.
#[derive(Clone, Copy, Debug, Default)]
pub struct DateTally {
    /// Open values, and how many of them each order cannot read.
    pub open: u64,
    pub bad_dmy: u64,
    pub bad_mdy: u64,
    pub bad_ymd: u64,
    /// Values whose text settled the order, per order (Dmy, Mdy, Ymd).
    pub known: [u64; 3],
    /// Open values written with dots (`02.03.2018`): a day-first convention.
    pub dotted: u64,
}

/// How a column's order was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decided {
    /// Every value fits only this order, or the text settled it.
    Certain(DateOrder),
    /// More than one order fits every value; the file's conventions chose this one.
    ByConvention(DateOrder),
    /// More than one order fits and nothing in the file tells: this one was assumed.
    Assumed(DateOrder),
}

impl Decided {
    /// The order chosen.
    pub fn order(self) -> DateOrder {
        match self {
            Decided::Certain(o) | Decided::ByConvention(o) | Decided::Assumed(o) => o,
        }
    }
}

impl DateTally {
    /// Counts one cell's raw date.
    pub fn add(&mut self, raw: RawDate) {
        self.add_read(ReadDate::of(raw));
    }

    /// Counts one cell's date, its orders already tried ([`DateCells`] tries each
    /// distinct cell once).
    pub fn add_read(&mut self, read: ReadDate) {
        match read.raw {
            RawDate::Known(_, o) => {
                self.known[order_index(o)] += 1;
            }
            RawDate::Open { dotted, .. } => {
                self.open += 1;
                self.bad_dmy += u64::from(!read.reads_in(DateOrder::Dmy));
                self.bad_mdy += u64::from(!read.reads_in(DateOrder::Mdy));
                self.bad_ymd += u64::from(!read.reads_in(DateOrder::Ymd));
                if dotted {
                    self.dotted += 1;
                }
            }
            _ => {}
        }
    }

    /// Decides the column's order. `day_first_hint` is the file's convention when it
    /// has one (dotted dates, comma decimals, a European currency): `Some(true)` for
    /// day-first, `Some(false)` for month-first.
    pub fn decide(&self, day_first_hint: Option<bool>) -> Option<Decided> {
        if self.open == 0 {
            // Every value settled its own order: report the most common.
            let (i, &n) = self.known.iter().enumerate().max_by_key(|(_, n)| **n)?;
            return (n > 0).then(|| Decided::Certain(ORDERS[i]));
        }
        let dmy_ok = self.bad_dmy == 0;
        let mdy_ok = self.bad_mdy == 0;
        let hint = if self.dotted > 0 {
            Some(true)
        } else {
            day_first_hint
        };
        match (dmy_ok, mdy_ok) {
            (true, false) => Some(Decided::Certain(DateOrder::Dmy)),
            (false, true) => Some(Decided::Certain(DateOrder::Mdy)),
            (true, true) => {
                // Known values in the same column (`07 Nov 2013`) settle it too.
                if self.known[0] > self.known[1] {
                    return Some(Decided::ByConvention(DateOrder::Dmy));
                }
                if self.known[1] > self.known[0] {
                    return Some(Decided::ByConvention(DateOrder::Mdy));
                }
                Some(match hint {
                    Some(true) => Decided::ByConvention(DateOrder::Dmy),
                    Some(false) => Decided::ByConvention(DateOrder::Mdy),
                    // QuickBooks' users are mostly in the US: month-first, said aloud.
                    None => Decided::Assumed(DateOrder::Mdy),
                })
            }
            (false, false) => {
                if self.bad_ymd == 0 {
                    return Some(Decided::Certain(DateOrder::Ymd));
                }
                // Some values fit no order: take the order most of them fit.
                let best = [
                    (self.bad_dmy, DateOrder::Dmy),
                    (self.bad_mdy, DateOrder::Mdy),
                    (self.bad_ymd, DateOrder::Ymd),
                ]
                .into_iter()
                .min_by_key(|(bad, _)| *bad)?;
                Some(Decided::Certain(best.1))
            }
        }
    }
}

const ORDERS: [DateOrder; 3] = [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd];

fn order_index(o: DateOrder) -> usize {
    match o {
        DateOrder::Dmy => 0,
        DateOrder::Mdy => 1,
        DateOrder::Ymd => 2,
    }
}

#[cfg(test)]
mod tests {
    /// The shortcut for `nn/nn/nnnn` reads what the general path reads.
    #[test]
    fn two_two_four_agrees_with_the_general_path() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(3000), |(s in "[0-9]{2}[/.\\- x][0-9]{2}[/.\\- x][0-9]{4}")| {
            if let Some(fast) = two_two_four(s.as_bytes()) {
                prop_assert_eq!(Some(fast), parse_general(&s));
            }
        });
    }

    /// The memos read as the plain functions read, however the cells repeat and
    /// evict each other (thousands of distinct cells share 2048 slots), and a tally fed
    /// through them counts as one fed by `parse`.
    #[test]
    fn memoised_reading_matches_plain_reading() {
        use proptest::prelude::*;
        let cell = prop_oneof![
            "[0-3]?[0-9][/.-][01]?[0-9][/.-](19|20)?[0-9]{2}",
            "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}x?",
            " ?[0-9]{4}-[0-9]{2}-[0-9]{2} ?",
            "[a-zA-Z0-9 /.-]{0,18}",
        ];
        // Every day of 41 years, written as banks do: many cells share their first eight
        // bytes (`01/02/20`), so slots are shared by keys that differ only late.
        let mut read = DateCells::default();
        for pass in 0..2 {
            for y in 1990..2031 {
                for m in 1..=12 {
                    for d in 1..=31 {
                        for c in [format!("{m:02}/{d:02}/{y}"), format!("{d}.{m}.{y}")] {
                            assert_eq!(read.read(&c), ReadDate::of(parse(&c)), "{c}, pass {pass}");
                        }
                    }
                }
            }
        }
        // Two cells that share a slot and their first eight bytes: the second must not
        // be taken for the first.
        let cells: Vec<String> = (0..5)
            .flat_map(|pad| (0..100).map(move |y| format!("01/02/20{y:02}{}", " ".repeat(pad))))
            .collect();
        let (first, second) = cells
            .iter()
            .flat_map(|a| cells.iter().map(move |b| (a, b)))
            .find(|(a, b)| {
                memo_slot(cell_key(a).unwrap()) == memo_slot(cell_key(b).unwrap())
                    && parse(a) != parse(b)
            })
            .unwrap();
        let mut read = DateCells::default();
        assert_eq!(read.read(first), ReadDate::of(parse(first)));
        assert_eq!(
            read.read(second),
            ReadDate::of(parse(second)),
            "{second} after {first}"
        );
        proptest!(ProptestConfig::with_cases(300), |(cells in prop::collection::vec(cell, 1..400), order in 0usize..3)| {
            let order = ORDERS[order];
            let mut read = DateCells::default();
            let mut resolved = ResolvedDates::new(order);
            let (mut memoised, mut plain) = (DateTally::default(), DateTally::default());
            // Each cell twice, the second pass after the others may have evicted it.
            for c in cells.iter().chain(cells.iter()) {
                let got = read.read(c);
                prop_assert_eq!(got, ReadDate::of(parse(c)), "cell {:?}", c);
                prop_assert_eq!(resolved.resolve(got.raw), got.raw.resolve(order), "cell {:?}", c);
                memoised.add_read(got);
                plain.add(parse(c));
            }
            prop_assert_eq!(format!("{memoised:?}"), format!("{plain:?}"));
        });
    }

    /// The calendar check before `Date::new` refuses exactly what it refuses.
    #[test]
    fn civil_matches_jiff() {
        for y in [1899, 1900, 1999, 2000, 2023, 2024, 2100, 2200, 2201] {
            for m in -1..=14 {
                for d in -1..=33 {
                    let jiff = (1900..=2200)
                        .contains(&y)
                        .then(|| Date::new(y, m, d).ok())
                        .flatten();
                    assert_eq!(civil(y, m, d), jiff, "{y}-{m}-{d}");
                }
            }
        }
    }

    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn reads_the_shapes_banks_write() {
        assert_eq!(
            parse("2018-12-06"),
            RawDate::Known(d(2018, 12, 6), DateOrder::Ymd)
        );
        assert_eq!(
            parse("2012/3/22"),
            RawDate::Known(d(2012, 3, 22), DateOrder::Ymd)
        );
        assert_eq!(
            parse("20091224120000[0:GMT]"),
            RawDate::Known(d(2009, 12, 24), DateOrder::Ymd)
        );
        assert_eq!(
            parse("07 Nov 2013"),
            RawDate::Known(d(2013, 11, 7), DateOrder::Dmy)
        );
        assert_eq!(
            parse("02-Dec-2019"),
            RawDate::Known(d(2019, 12, 2), DateOrder::Dmy)
        );
        assert_eq!(
            parse("2018-02-25 12:34:56 +0000"),
            RawDate::Known(d(2018, 2, 25), DateOrder::Ymd)
        );
        assert_eq!(
            parse("2018-03-01T11:33:59"),
            RawDate::Known(d(2018, 3, 1), DateOrder::Ymd)
        );
        assert_eq!(parse("Pending"), RawDate::Pending);
        assert_eq!(parse(""), RawDate::Empty);
        assert_eq!(parse("2013011702"), RawDate::Bad);
        assert_eq!(parse("3 Nov 2013 payment"), RawDate::Bad);
        assert_eq!(parse("1.50"), RawDate::Bad);
        let open = parse("22.02.18");
        assert_eq!(open.resolve(DateOrder::Dmy), Some(d(2018, 2, 22)));
        assert_eq!(open.resolve(DateOrder::Mdy), None);
        assert_eq!(parse("2/8/15").resolve(DateOrder::Mdy), Some(d(2015, 2, 8)));
    }

    #[test]
    fn the_column_decides_the_order() {
        let mut t = DateTally::default();
        for s in ["01/02/2020", "13/02/2020"] {
            t.add(parse(s));
        }
        assert_eq!(t.decide(None), Some(Decided::Certain(DateOrder::Dmy)));
        let mut t = DateTally::default();
        t.add(parse("01/02/2020"));
        assert_eq!(t.decide(None), Some(Decided::Assumed(DateOrder::Mdy)));
        assert_eq!(
            t.decide(Some(true)),
            Some(Decided::ByConvention(DateOrder::Dmy))
        );
        // Dots are a day-first convention, by the shortcut's reading or the general one.
        for dotted in ["02.03.2018", "2.3.2018", "02.03.18", " 02.03.2018 10:00"] {
            let mut t = DateTally::default();
            t.add(parse(dotted));
            let order = t.decide(None);
            assert_eq!(
                order,
                Some(Decided::ByConvention(DateOrder::Dmy)),
                "{dotted}"
            );
        }
        for plain in ["02/03/2018", "2-3-2018"] {
            let mut t = DateTally::default();
            t.add(parse(plain));
            let order = t.decide(None);
            assert_eq!(order, Some(Decided::Assumed(DateOrder::Mdy)), "{plain}");
        }
    }
}
