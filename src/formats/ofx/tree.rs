//! Rebuilds the element tree from tags, as leniently as real files need.
//!
//! - A tag followed by text is a leaf with that value; its closing tag is optional (SGML).
//! - A known aggregate ([`Tag::is_aggregate`]) is an aggregate (unless text follows one
//!   that banks also write as a leaf, [`Tag::may_hold_text`]); one that is opened again
//!   while still open (an unclosed `<STMTTRN>`) is closed first.
//! - Any other tag with no text is an empty leaf or an aggregate the reader skips over;
//!   it is kept on the stack only so that its closing tag finds a match.
//! - A closing tag pops to the nearest open element of that name, closing what lies
//!   above it; one that matches nothing (a pretty-printer's `</SEVERITY></CODE>`, a
//!   second `</BANKTRANLIST>`) is counted and ignored.
//!
//! The tree sends what it rebuilds straight to an [`ElementSink`] (the statement
//! builder, wired in `ofx/mod.rs`): the token stream is never held, only the open
//! elements. The tree knows nothing of statements, as ripgrep's searcher knows nothing
//! of printing.

use std::borrow::Cow;

use super::lexer::TokenSink;
use super::tags::{KnownName, Tag};

/// Where the tree sends the elements it rebuilds.
pub trait ElementSink {
    /// A known aggregate opens.
    fn open(&mut self, tag: Tag, line: usize);
    /// A known aggregate closes (explicitly, or because something around it did).
    fn close(&mut self, tag: Tag, line: usize);
    /// A leaf the reader reads, and its value (entities decoded, trimmed).
    fn leaf(&mut self, tag: Tag, value: &str, line: usize);
}

/// Most known aggregates kept open at once; real OFX nests under 15 levels, garbage
/// may not stop. Past it, elements are skipped (and reported).
const MAX_DEPTH: usize = 64;
/// Most skipped-over elements (empty leaves, unknown aggregates) kept open at once.
/// They are kept only to match their closing tags, so past this they are dropped
/// quietly. Both caps keep each closing tag's search of the stack short.
const MAX_OPAQUE: usize = 32;
/// Longest value kept for a leaf; the rest is dropped (a memo is never this long).
const MAX_VALUE: usize = 4096;

/// One open element.
#[derive(Debug)]
struct Frame {
    tag: Tag,
    /// The name of an element the reader does not read ([`Tag::OtherAggregate`],
    /// [`Tag::Other`]), to match its closing tag.
    name: Option<Box<[u8]>>,
}

impl Frame {
    fn new(tag: Tag, name: &[u8]) -> Frame {
        let name = matches!(tag, Tag::OtherAggregate | Tag::Other).then(|| name.into());
        Frame { tag, name }
    }

    fn is(&self, tag: Tag, name: &[u8]) -> bool {
        match &self.name {
            Some(n) => **n == *name,
            None => self.tag == tag,
        }
    }
}

/// An element's name, kept to match its closing tag: a known name by its id (nothing
/// copied, for almost every tag of a file), any other by its bytes.
#[derive(Debug, Default)]
struct KeptName {
    known: Option<KnownName>,
    other: Vec<u8>,
}

impl KeptName {
    fn set(&mut self, known: Option<KnownName>, name: &[u8]) {
        self.known = known;
        if known.is_none() {
            self.other.clear();
            self.other.extend_from_slice(name);
        }
    }

    /// Whether this is the name `name` (known as `known`, from [`Tag::lookup`]).
    fn is(&self, known: Option<KnownName>, name: &[u8]) -> bool {
        match (self.known, known) {
            (Some(kept), Some(known)) => kept == known,
            (None, None) => self.other == name,
            _ => false,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self.known {
            Some(known) => known.as_bytes(),
            None => &self.other,
        }
    }
}

/// A start tag waiting to learn whether text follows it.
#[derive(Debug, Default)]
struct Pending {
    name: KeptName,
    tag: Option<Tag>,
    line: usize,
    has_text: bool,
    /// Whether the sink reads this leaf's value (else only its presence matters).
    wanted: bool,
    value: Vec<u8>,
}

/// Counts of structural damage, for one warning each at the end.
#[derive(Debug, Default, Clone, Copy)]
pub struct Damage {
    /// Closing tags that matched no open element, and the first one's line.
    pub stray_closers: (usize, usize),
    /// Tags broken by a `<` or grown too long.
    pub broken_tags: (usize, usize),
    /// Elements nested too deep to keep.
    pub too_deep: usize,
}

/// `str::trim`, with ASCII whitespace (a value's usual `\n`) cut bytewise first: the
/// `char`-wise trim runs only when what remains starts or ends with a non-ASCII byte
/// or a vertical tab (both may be Unicode whitespace).
fn trim(value: &str) -> &str {
    trim_unicode(value.trim_ascii())
}

/// `str::trim` of a value with no ASCII whitespace at either end.
#[inline]
fn trim_unicode(cut: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_none_or(|&b| b.is_ascii() && b != 0x0B);
    if plain(cut.as_bytes().first()) && plain(cut.as_bytes().last()) {
        cut
    } else {
        cut.trim()
    }
}

fn count(slot: &mut (usize, usize), line: usize) {
    if slot.0 == 0 {
        slot.1 = line;
    }
    slot.0 += 1;
}

/// The lenient tree between the tokenizer and an [`ElementSink`].
#[derive(Debug)]
pub struct Tree<S> {
    stack: Vec<Frame>,
    /// How many frames on the stack are skipped-over elements.
    opaque: usize,
    pending: Pending,
    /// The last leaf read while its closing tag may still come (`<NAME>x</NAME>`).
    last_leaf: KeptName,
    last_leaf_open: bool,
    seen_tag: bool,
    /// Text before the first tag: the OFX 1 header, if any.
    prolog: Vec<u8>,
    xml_header: bool,
    damage: Damage,
    /// Where the rebuilt elements go.
    sink: S,
}

impl<S: ElementSink> Tree<S> {
    /// A tree feeding `sink`.
    pub fn new(sink: S) -> Tree<S> {
        Tree {
            stack: Vec::new(),
            opaque: 0,
            pending: Pending::default(),
            last_leaf: KeptName::default(),
            last_leaf_open: false,
            seen_tag: false,
            prolog: Vec::new(),
            xml_header: false,
            damage: Damage::default(),
            sink,
        }
    }

    /// The sink, once the input has ended.
    pub fn into_sink(self) -> S {
        self.sink
    }

    /// Whether an OFX 2 XML header was seen.
    pub fn has_xml_header(&self) -> bool {
        self.xml_header
    }

    /// Whether the text before the first tag holds an OFX 1 header (`OFXHEADER:100`,
    /// or at least its `DATA:OFXSGML` line).
    pub fn has_sgml_header(&self) -> bool {
        let holds = |key: &[u8]| {
            self.prolog
                .windows(key.len())
                .any(|w| w.eq_ignore_ascii_case(key))
        };
        holds(b"OFXHEADER") || holds(b"OFXSGML")
    }

    /// Ends the input: settles the last tag and closes whatever is still open.
    /// Returns the damage seen and how many known aggregates were still open.
    pub fn finish(&mut self, line: usize) -> (Damage, Vec<Tag>) {
        self.settle_pending(None, "");
        let mut open = Vec::new();
        while let Some(frame) = self.pop() {
            if frame.tag.is_aggregate() {
                open.push(frame.tag);
                self.sink.close(frame.tag, line);
            }
        }
        (self.damage, open)
    }

    /// Decides what the pending start tag was, now that its text (if any) is known:
    /// what was buffered, then `before` (text just before the tag that settles it).
    /// `closer` is the closing tag that ended it, if one did (its name, and which known
    /// name that is); returns whether that closing tag was the pending element's own.
    fn settle_pending(&mut self, closer: Option<(Option<KnownName>, &[u8])>, before: &str) -> bool {
        let Some(tag) = self.pending.tag.take() else {
            return false;
        };
        // ASCII whitespace cut first, so that both the test for text and the search
        // for references see only the value. (Cutting it before references are
        // decoded changes nothing: no reference takes in whitespace.)
        let cut = before.trim_ascii();
        let has_text = self.pending.has_text || !cut.is_empty();
        let own_closer = closer.is_some_and(|(known, name)| self.pending.name.is(known, name));
        if has_text || own_closer || tag.is_leaf() {
            // A leaf after all, even when the table says aggregate (`<PAYEE>Joe`).
            if self.pending.wanted {
                if self.pending.value.is_empty() && before.len() <= MAX_VALUE {
                    // The usual case: the whole value lies in the input before the
                    // tag, and is read there, without a copy.
                    let line = self.pending.line;
                    match super::values::decode_entities(cut) {
                        // No reference: only Unicode whitespace may be left to cut.
                        Cow::Borrowed(value) => self.sink.leaf(tag, trim_unicode(value), line),
                        Cow::Owned(value) => self.sink.leaf(tag, trim(&value), line),
                    }
                } else {
                    self.append_value(before.as_bytes());
                    // Text arrives whole characters at a time, so only a value cut at
                    // MAX_VALUE can be invalid; checking first spares the lossy copy.
                    let raw = match std::str::from_utf8(&self.pending.value) {
                        Ok(text) => Cow::Borrowed(text),
                        Err(_) => String::from_utf8_lossy(&self.pending.value),
                    };
                    let value = super::values::decode_entities(&raw);
                    self.sink.leaf(tag, trim(&value), self.pending.line);
                }
            }
            // Kept for a closing tag that may follow (`<NAME>x</NAME>`); only a name
            // outside the table has bytes to move.
            self.last_leaf.known = self.pending.name.known;
            if self.last_leaf.known.is_none() {
                std::mem::swap(&mut self.last_leaf.other, &mut self.pending.name.other);
            }
            self.last_leaf_open = !own_closer;
        } else if tag.is_aggregate() {
            self.open_aggregate(tag, self.pending.line);
            self.last_leaf_open = false;
        } else {
            // No text and not a known leaf: an aggregate the reader skips, or an empty
            // leaf whose closing tag never comes. Either way, keep it to match a closer.
            let frame = Frame::new(tag, self.pending.name.as_bytes());
            self.push(frame);
            self.last_leaf_open = false;
        }
        own_closer
    }

    /// Adds text to the pending leaf's value, up to [`MAX_VALUE`].
    fn append_value(&mut self, text: &[u8]) {
        let room = MAX_VALUE.saturating_sub(self.pending.value.len());
        self.pending
            .value
            .extend_from_slice(text.get(..room.min(text.len())).unwrap_or_default());
    }

    /// Opens a known aggregate named `self.pending.name`.
    fn open_aggregate(&mut self, tag: Tag, line: usize) {
        // OFX never nests an aggregate in itself: a second one means the first was
        // never closed.
        let kept = std::mem::take(&mut self.pending.name);
        let name = kept.as_bytes();
        if let Some(at) = self.stack.iter().rposition(|f| f.is(tag, name)) {
            self.pop_above(at + 1, line);
            self.pop();
            self.sink.close(tag, line);
        }
        if self.push(Frame::new(tag, name)) {
            self.sink.open(tag, line);
        }
        self.pending.name = kept;
    }

    fn push(&mut self, frame: Frame) -> bool {
        if frame.tag.is_aggregate() {
            if self.stack.len() - self.opaque >= MAX_DEPTH {
                self.damage.too_deep += 1;
                return false;
            }
        } else if self.opaque >= MAX_OPAQUE {
            return false;
        } else {
            self.opaque += 1;
        }
        self.stack.push(frame);
        true
    }

    fn pop(&mut self) -> Option<Frame> {
        let frame = self.stack.pop()?;
        if !frame.tag.is_aggregate() {
            self.opaque = self.opaque.saturating_sub(1);
        }
        Some(frame)
    }

    /// Pops every frame above index `keep` (exclusive), telling the sink about
    /// known aggregates closed on the way. Not reported as damage: real files leave
    /// aggregates open (a `<BANKTRANLIST>` never closed before `<LEDGERBAL>`) and
    /// lenient readers, ofxtools among them, accept them.
    fn pop_above(&mut self, keep: usize, line: usize) {
        while self.stack.len() > keep {
            if let Some(frame) = self.pop() {
                if frame.tag.is_aggregate() {
                    self.sink.close(frame.tag, line);
                }
            }
        }
    }
}

impl<S: ElementSink> TokenSink for Tree<S> {
    fn text(&mut self, text: &[u8]) {
        if self.pending.tag.is_some() {
            if !self.pending.has_text && text.iter().any(|b| !b.is_ascii_whitespace()) {
                self.pending.has_text = true;
            }
            if self.pending.wanted {
                self.append_value(text);
            }
        } else if !self.seen_tag {
            let room = MAX_VALUE.saturating_sub(self.prolog.len());
            self.prolog
                .extend_from_slice(text.get(..room.min(text.len())).unwrap_or_default());
        }
    }

    fn cdata(&mut self, text: &[u8]) {
        if self.pending.tag.is_some() {
            if !text.is_empty() {
                self.pending.has_text = true;
            }
            // Escape `&` so that decoding the value later leaves CDATA text literal.
            for &b in text {
                if self.pending.value.len() >= MAX_VALUE {
                    break;
                }
                if b == b'&' {
                    self.pending.value.extend_from_slice(b"&amp;");
                } else {
                    self.pending.value.push(b);
                }
            }
        }
    }

    fn start(&mut self, before: &str, name: &[u8], self_closing: bool, line: usize) {
        if self.pending.tag.is_none() && !before.is_empty() {
            self.text(before.as_bytes());
        }
        self.seen_tag = true;
        self.settle_pending(None, before);
        self.last_leaf_open = false;
        let (tag, known) = Tag::lookup(name);
        if tag.is_aggregate() && self_closing {
            self.sink.open(tag, line);
            self.sink.close(tag, line);
        } else if tag.is_aggregate() && !tag.may_hold_text() {
            self.pending.name.set(known, name);
            self.open_aggregate(tag, line);
        } else if self_closing {
            if tag != Tag::Other && tag != Tag::OtherLeaf {
                self.sink.leaf(tag, "", line);
            }
        } else {
            self.pending.name.set(known, name);
            self.pending.tag = Some(tag);
            self.pending.line = line;
            self.pending.has_text = false;
            self.pending.wanted = !matches!(tag, Tag::Other | Tag::OtherLeaf | Tag::OtherAggregate);
            self.pending.value.clear();
        }
    }

    fn end(&mut self, before: &str, name: &[u8], line: usize) {
        if self.pending.tag.is_none() && !before.is_empty() {
            self.text(before.as_bytes());
        }
        self.seen_tag = true;
        let (tag, known) = Tag::lookup(name);
        if self.pending.tag.is_some() {
            if self.settle_pending(Some((known, name)), before) {
                return;
            }
        } else if self.last_leaf_open && self.last_leaf.is(known, name) {
            self.last_leaf_open = false;
            return;
        }
        self.last_leaf_open = false;
        let found = self.stack.iter().rposition(|f| f.is(tag, name));
        match found {
            Some(at) => {
                self.pop_above(at + 1, line);
                if let Some(frame) = self.pop() {
                    if frame.tag.is_aggregate() {
                        self.sink.close(frame.tag, line);
                    }
                }
            }
            None => count(&mut self.damage.stray_closers, line),
        }
    }

    fn xml_header(&mut self) {
        if !self.seen_tag {
            self.xml_header = true;
        }
    }

    fn broken_tag(&mut self, line: usize) {
        count(&mut self.damage.broken_tags, line);
    }
}

#[cfg(test)]
mod tests {
    use super::trim;

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "\n",
            " x ",
            "x\n",
            "\u{a0}x\u{a0}",
            "\u{b}x",
            "x\u{b}",
            "\u{3000}x",
            "x\u{85}",
            " \u{2028} x \u{202f} ",
            "é",
            " é\n",
            "\u{1c}x\u{1f}",
            "a b",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
