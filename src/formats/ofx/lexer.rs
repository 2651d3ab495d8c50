//! The tokenizer: turns OFX text, fed in pieces cut anywhere, into tags and text.
//!
//! It knows SGML and XML syntax only as far as OFX files use it: start and end tags,
//! self-closing `<TAG/>`, comments `<!-- -->`, `<![CDATA[ ]]>`, declarations and
//! processing instructions (`<?xml ?>`, `<?OFX ?>`). A `<` that cannot start a tag is
//! text; a tag broken by another `<` or grown absurdly long is dropped and counted.
//! It holds no more than one tag name at a time, so memory stays flat on any input.

/// Where the tokenizer sends the tokens it finds.
pub trait TokenSink {
    /// Text between tags (a piece of it: one run may arrive in several calls).
    fn text(&mut self, text: &[u8]);
    /// Literal text from a CDATA section (again possibly in pieces).
    fn cdata(&mut self, text: &[u8]);
    /// `<NAME>` or `<NAME/>`; `line` is the line of its `<`. `before` is text that came
    /// just before the tag and was not sent through [`text`](TokenSink::text): the call
    /// means `text(before)` and then the tag. (Handing the two over together lets a
    /// value be read straight from the input, without a copy.)
    fn start(&mut self, before: &str, name: &[u8], self_closing: bool, line: usize);
    /// `</NAME>`, with `before` as for [`start`](TokenSink::start).
    fn end(&mut self, before: &str, name: &[u8], line: usize);
    /// A `<?xml ...?>` or `<?OFX ...?>` processing instruction: the OFX 2 (XML) header.
    fn xml_header(&mut self);
    /// A tag that never closed properly and was dropped.
    fn broken_tag(&mut self, line: usize);
}

/// Longest tag name kept; OFX names are far shorter.
const MAX_NAME: usize = 64;
/// Longest run of bytes inside one tag (after its name) before the tag counts as broken.
const MAX_IN_TAG: usize = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Text,
    /// Just after `<`.
    Open,
    /// In a tag's name; `end` for `</`.
    Name {
        end: bool,
    },
    /// Past the name, before `>`; `slash` when the last byte was `/`.
    InTag {
        end: bool,
        slash: bool,
    },
    /// After `<!`, deciding between a comment, CDATA and a declaration.
    Bang,
    Comment {
        dashes: u8,
    },
    Cdata {
        brackets: u8,
    },
    Declaration,
    /// In `<? ... ?>`.
    Instruction,
}

/// The tokenizer's state between pieces of input.
#[derive(Debug)]
pub struct Lexer {
    state: State,
    /// 1-based line of the next byte.
    line: usize,
    /// Line of the `<` that opened the current tag.
    tag_line: usize,
    name: Vec<u8>,
    name_too_long: bool,
    in_tag: usize,
    /// The first bytes after `<!` or `<?`, to tell what follows.
    head: Vec<u8>,
}

impl Default for Lexer {
    fn default() -> Lexer {
        Lexer::new()
    }
}

impl Lexer {
    /// A tokenizer at the start of a file.
    pub fn new() -> Lexer {
        Lexer {
            state: State::Text,
            line: 1,
            tag_line: 1,
            name: Vec::with_capacity(MAX_NAME),
            name_too_long: false,
            in_tag: 0,
            head: Vec::with_capacity(8),
        }
    }

    /// The line the tokenizer has reached.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Whether input ended inside a tag, comment or CDATA section.
    pub fn inside_markup(&self) -> bool {
        self.state != State::Text
    }

    /// Tokenizes one piece of input.
    pub fn feed(&mut self, input: &str, sink: &mut impl TokenSink) {
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if self.state == State::Text {
                // Fast path: a whole run of text up to the next `<`, its line breaks
                // counted in the same pass.
                let rest = bytes.get(i..).unwrap_or_default();
                let (run, lines) = text_run(rest);
                self.line += lines;
                let text = rest.get(..run).unwrap_or_default();
                i += run;
                // The run ends at a `<` or at the end of the piece, so it is whole
                // characters unless it starts inside one (after a tag cut short in the
                // middle of a character), when it goes the byte way.
                let whole_text = input.get(i - run..i);
                if i < bytes.len() {
                    self.tag_line = self.line;
                    // Fast path: a plain tag whole in this piece, its name borrowed, and
                    // the text before it handed over with it.
                    let tag = bytes.get(i..).unwrap_or_default();
                    let used = match whole_text {
                        Some(before) => self.whole_tag(before, tag, sink),
                        None => None,
                    };
                    match used {
                        Some(used) => i += used,
                        None => {
                            if run > 0 {
                                sink.text(text);
                            }
                            self.state = State::Open;
                            i += 1;
                        }
                    }
                } else if run > 0 {
                    sink.text(text);
                }
                continue;
            }
            if let State::Name { .. } = self.state {
                // Fast path: the rest of a tag's name in one go.
                let rest = bytes.get(i..).unwrap_or_default();
                let run = rest
                    .iter()
                    .position(|&b| !is_name_byte(b))
                    .unwrap_or(rest.len());
                let room = MAX_NAME.saturating_sub(self.name.len());
                let name = rest.get(..run).unwrap_or_default();
                if run > room {
                    self.name_too_long = true;
                }
                self.name
                    .extend(name.iter().take(room).map(|b| b.to_ascii_uppercase()));
                i += run;
                if run > 0 {
                    continue;
                }
                // Not a name byte: the name has ended, `step` decides what follows.
            }
            let b = bytes.get(i).copied().unwrap_or_default();
            if self.state == State::Open && !starts_markup(b) {
                // `a < b` in a value: the `<` was text, and `b` is read again as text
                // (it may begin a character of several bytes).
                sink.text(b"<");
                self.state = State::Text;
                continue;
            }
            i += 1;
            if b == b'\n' {
                self.line += 1;
            }
            self.step(b, sink);
        }
    }

    /// `<NAME>`, `<NAME/>` or `</NAME>` (name at most [`MAX_NAME`] bytes) when it lies
    /// whole in `rest`, which starts at its `<`: sent straight from the input, with no
    /// copy of the name unless it needs upper-casing, and the bytes used returned.
    /// Anything else (comments, attributes, a tag cut by the end of the piece) is left
    /// to the byte-wise [`step`](Lexer::step), which gives the same tokens.
    fn whole_tag(&mut self, before: &str, rest: &[u8], sink: &mut impl TokenSink) -> Option<usize> {
        let end = rest.get(1) == Some(&b'/');
        let from = 1 + usize::from(end);
        let first = *rest.get(from)?;
        if !(first.is_ascii_alphabetic() || first == b'_' || (end && is_name_byte(first))) {
            return None;
        }
        let after = rest.get(from..)?;
        let mut len = 0;
        let mut classes = 0;
        for &b in after {
            let class = NAME_CLASS.get(usize::from(b)).copied().unwrap_or(0);
            if class == 0 {
                break;
            }
            classes |= class;
            len += 1;
        }
        let lower = classes & LOWER != 0;
        if len > MAX_NAME {
            return None;
        }
        let name = after.get(..len)?;
        let self_closing = match (after.get(len), after.get(len + 1)) {
            (Some(b'>'), _) => false,
            (Some(b'/'), Some(b'>')) if !end => true,
            _ => return None,
        };
        let used = from + len + 1 + usize::from(self_closing);
        let name = if lower {
            self.name.clear();
            self.name.extend(name.iter().map(u8::to_ascii_uppercase));
            &self.name
        } else {
            name
        };
        if end {
            sink.end(before, name, self.tag_line);
        } else {
            sink.start(before, name, self_closing, self.tag_line);
        }
        Some(used)
    }

    /// One byte of markup.
    fn step(&mut self, b: u8, sink: &mut impl TokenSink) {
        match self.state {
            State::Text => {}
            State::Open => match b {
                b'/' => self.begin_name(true, None),
                b'!' => {
                    self.head.clear();
                    self.state = State::Bang;
                }
                b'?' => {
                    self.head.clear();
                    self.state = State::Instruction;
                }
                b'<' => {
                    // `<<`: the first one was text.
                    sink.text(b"<");
                    self.tag_line = self.line;
                }
                _ if b.is_ascii_alphabetic() || b == b'_' => self.begin_name(false, Some(b)),
                // Not markup: `feed` sends the `<` as text before it gets here.
                _ => self.state = State::Text,
            },
            State::Name { end } => match b {
                b'>' => self.emit(end, false, sink),
                b'<' => self.broken(sink),
                b'/' if !end => {
                    self.in_tag = 0;
                    self.state = State::InTag { end, slash: true };
                }
                _ if is_name_byte(b) => {
                    if self.name.len() < MAX_NAME {
                        self.name.push(b.to_ascii_uppercase());
                    } else {
                        self.name_too_long = true;
                    }
                }
                _ => {
                    self.in_tag = 0;
                    self.state = State::InTag { end, slash: false };
                }
            },
            State::InTag { end, .. } => match b {
                b'>' => {
                    let slash = matches!(self.state, State::InTag { slash: true, .. });
                    self.emit(end, slash, sink);
                }
                b'<' => self.broken(sink),
                _ => {
                    self.in_tag += 1;
                    if self.in_tag > MAX_IN_TAG {
                        sink.broken_tag(self.tag_line);
                        self.state = State::Text;
                    } else {
                        self.state = State::InTag {
                            end,
                            slash: b == b'/',
                        };
                    }
                }
            },
            State::Bang => {
                self.head.push(b);
                if self.head == b"--" {
                    self.state = State::Comment { dashes: 0 };
                } else if self.head == b"[CDATA[" {
                    self.state = State::Cdata { brackets: 0 };
                } else if !b"--".starts_with(&self.head) && !b"[CDATA[".starts_with(&self.head) {
                    self.state = if b == b'>' {
                        State::Text
                    } else {
                        State::Declaration
                    };
                }
            }
            State::Comment { dashes } => {
                self.state = match b {
                    b'-' => State::Comment {
                        dashes: dashes.saturating_add(1),
                    },
                    b'>' if dashes >= 2 => State::Text,
                    _ => State::Comment { dashes: 0 },
                };
            }
            State::Cdata { brackets } => match b {
                b']' => {
                    self.state = State::Cdata {
                        brackets: brackets.saturating_add(1),
                    }
                }
                b'>' if brackets >= 2 => {
                    for _ in 2..brackets {
                        sink.cdata(b"]");
                    }
                    self.state = State::Text;
                }
                _ => {
                    for _ in 0..brackets {
                        sink.cdata(b"]");
                    }
                    sink.cdata(&[b]);
                    self.state = State::Cdata { brackets: 0 };
                }
            },
            State::Declaration => {
                if b == b'>' {
                    self.state = State::Text;
                }
            }
            State::Instruction => {
                if self.head.len() < 3 {
                    self.head.push(b.to_ascii_lowercase());
                    if self.head == b"xml" || self.head == b"ofx" {
                        sink.xml_header();
                    }
                }
                if b == b'>' {
                    self.state = State::Text;
                }
            }
        }
    }

    fn begin_name(&mut self, end: bool, first: Option<u8>) {
        self.name.clear();
        self.name_too_long = false;
        if let Some(b) = first {
            self.name.push(b.to_ascii_uppercase());
        }
        self.state = State::Name { end };
    }

    fn emit(&mut self, end: bool, self_closing: bool, sink: &mut impl TokenSink) {
        self.state = State::Text;
        if self.name_too_long {
            sink.broken_tag(self.tag_line);
        } else if end {
            if !self.name.is_empty() {
                sink.end("", &self.name, self.tag_line);
            }
        } else {
            sink.start("", &self.name, self_closing, self.tag_line);
        }
    }

    /// A `<` inside a tag: the tag so far is dropped and a new one begins.
    fn broken(&mut self, sink: &mut impl TokenSink) {
        sink.broken_tag(self.tag_line);
        self.tag_line = self.line;
        self.state = State::Open;
    }
}

/// Whether `b`, just after a `<`, makes it markup (a tag, comment, declaration or
/// instruction) rather than text.
fn starts_markup(b: u8) -> bool {
    matches!(b, b'/' | b'!' | b'?' | b'<') || b.is_ascii_alphabetic() || b == b'_'
}

/// The length of the text at the start of `rest` (up to its first `<`), and the line
/// breaks in it. Eight bytes at a time: runs between OFX tags are short (a value and a
/// line break), too short for `memchr`'s set-up, but most are longer than a few bytes.
fn text_run(rest: &[u8]) -> (usize, usize) {
    let mut run = 0;
    let mut lines = 0;
    let mut words = rest.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let opens = bytes_equal(word, b'<');
        let breaks = bytes_equal(word, b'\n');
        if opens != 0 {
            // Only the line breaks before the `<` count.
            let before = opens.trailing_zeros() as usize / 8;
            let below = (1u64 << (8 * before)) - 1;
            return (run + before, lines + count_marked(breaks & below));
        }
        lines += count_marked(breaks);
        run += 8;
    }
    for &b in words.remainder() {
        if b == b'<' {
            break;
        }
        lines += usize::from(b == b'\n');
        run += 1;
    }
    (run, lines)
}

/// The bytes of `word` equal to `b`, each marked by its high bit (exactly: no false
/// marks from borrows, unlike the shorter "has a zero byte" test).
pub(super) fn bytes_equal(word: u64, b: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ (u64::from(b) * 0x0101_0101_0101_0101);
    // A byte's high bit ends up set when it is zero: neither its low seven bits (the
    // add carries into bit 7 when any is set) nor its bit 7.
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// How many bytes [`bytes_equal`] marked (a multiply sums the bytes; without a
/// `popcnt` target feature, `count_ones` is longer).
fn count_marked(marks: u64) -> usize {
    ((marks >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// Bytes OFX names are made of (`INTU.BID`, `AMEX.UNIVID`, `X-CUSTOM`, `ns:TAG`).
fn is_name_byte(b: u8) -> bool {
    NAME_CLASS
        .get(usize::from(b))
        .is_some_and(|&class| class != 0)
}

/// [`NAME_CLASS`] of a name byte.
const NAME: u8 = 1;
/// [`NAME_CLASS`] of a lower-case letter (a name byte that must be upper-cased).
const LOWER: u8 = 2;

/// Each byte's class in a tag name (0: not a name byte), as a table: it runs for
/// every byte of every tag name, and one load tells both things the lexer asks.
const NAME_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b':') {
            t[b] = NAME;
        }
        if c.is_ascii_lowercase() {
            t[b] |= LOWER;
        }
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Log(Vec<String>);

    impl TokenSink for Log {
        fn text(&mut self, t: &[u8]) {
            match self.0.last_mut() {
                Some(last) if last.starts_with("T:") => last.push_str(&String::from_utf8_lossy(t)),
                _ => self.0.push(format!("T:{}", String::from_utf8_lossy(t))),
            }
        }
        fn cdata(&mut self, t: &[u8]) {
            match self.0.last_mut() {
                Some(last) if last.starts_with("C:") => last.push_str(&String::from_utf8_lossy(t)),
                _ => self.0.push(format!("C:{}", String::from_utf8_lossy(t))),
            }
        }
        fn start(&mut self, before: &str, n: &[u8], sc: bool, line: usize) {
            if !before.is_empty() {
                self.text(before.as_bytes());
            }
            let sc = if sc { "/" } else { "" };
            self.0
                .push(format!("<{}{sc}>@{line}", String::from_utf8_lossy(n)));
        }
        fn end(&mut self, before: &str, n: &[u8], line: usize) {
            if !before.is_empty() {
                self.text(before.as_bytes());
            }
            self.0
                .push(format!("</{}>@{line}", String::from_utf8_lossy(n)));
        }
        fn xml_header(&mut self) {
            self.0.push("XML".into());
        }
        fn broken_tag(&mut self, line: usize) {
            self.0.push(format!("BROKEN@{line}"));
        }
    }

    fn lex(pieces: &[&str]) -> Vec<String> {
        let mut lexer = Lexer::new();
        let mut log = Log::default();
        for p in pieces {
            lexer.feed(p, &mut log);
        }
        log.0
    }

    #[test]
    fn tags_text_and_lines() {
        assert_eq!(
            lex(&["<OFX>\n<CODE>0\n</OFX>"]),
            ["<OFX>@1", "T:\n", "<CODE>@2", "T:0\n", "</OFX>@3"]
        );
    }

    #[test]
    fn pieces_cut_anywhere_give_the_same_tokens() {
        let text =
            "<?xml version=\"1.0\"?>\n<A><!-- c -- x --><B/><N><![CDATA[x]y]]]></N>\n<C>a < b</C>";
        let whole = lex(&[text]);
        for cut in 0..text.len() {
            let (a, b) = text.split_at(cut);
            assert_eq!(lex(&[a, b]), whole, "cut at {cut}");
        }
        assert!(whole.contains(&"C:x]y]".to_string()), "{whole:?}");
        assert!(whole.contains(&"<B/>@2".to_string()), "{whole:?}");
        assert!(whole.contains(&"T:a < b".to_string()), "{whole:?}");
        assert_eq!(whole.first().map(String::as_str), Some("XML"));
    }

    #[test]
    fn whole_tags_read_like_byte_by_byte() {
        // Fed whole, plain tags take the borrowed fast path; fed a byte at a time,
        // every tag goes through `step`. Both must give the same tokens.
        let text = "<ofx><Stmt.Trn>x</stmt.trn><B/><B /></ B></></B/><1a>\n<_x>y</_X>\n\
                    <A_64_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA>\
                    <A_65_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA>\
                    </9><N a=\"1\">v<";
        let bytes: Vec<String> = text.chars().map(String::from).collect();
        let pieces: Vec<&str> = bytes.iter().map(String::as_str).collect();
        assert_eq!(lex(&[text]), lex(&pieces));
        assert!(lex(&[text]).contains(&"<STMT.TRN>@1".to_string()));
        assert!(lex(&[text]).contains(&"</STMT.TRN>@1".to_string()));
    }

    #[test]
    fn text_runs_and_their_line_breaks() {
        let text = b"ab\nc\n\n\nefghij\n<x\n<\n\n\n\n\n\n\n\n\n<";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let rest = &text[start..end];
                let run = rest.iter().position(|&b| b == b'<').unwrap_or(rest.len());
                let lines = rest[..run].iter().filter(|&&b| b == b'\n').count();
                assert_eq!(text_run(rest), (run, lines), "{start}..{end}");
            }
        }
        for b in 0..=255u8 {
            let word = u64::from_le_bytes([b, 0, 0x80, 0xff, b'<', b, 1, 0x7f]);
            let marks = bytes_equal(word, b);
            for (i, byte) in word.to_le_bytes().iter().enumerate() {
                assert_eq!(marks >> (8 * i) & 0xff, if *byte == b { 0x80 } else { 0 });
            }
        }
    }

    #[test]
    fn broken_tags_are_dropped() {
        assert_eq!(
            lex(&["<STATUSCODE>0<OFX\n<<USEDE0\n</X>"]),
            [
                "<STATUSCODE>@1",
                "T:0",
                "BROKEN@1",
                "T:<",
                "BROKEN@2",
                "</X>@3"
            ]
        );
    }
}
