//! Splitting text into CSV records pushed in pieces cut anywhere, with the 1-based
//! line each record starts on. Quoting (doubled quotes, delimiters and line breaks
//! inside quotes) is `csv-core`'s job: the push-style core of rust-csv, which never
//! fails and takes a stray quote inside an unquoted field as text (Rabobank's
//! `NL77…415","EUR"` line) rather than giving up.
//!
//! Most lines of a bank export are plain: no quote, or quotes only around whole
//! fields (none doubled inside), on one line. Those are split here directly, eight
//! bytes at a time, and their fields are borrowed from the text rather than copied;
//! they read as `csv-core` reads them (a property test compares the two on any text).
//! Every other line, and any line cut by a piece's end, goes to `csv-core`.

use crate::formats::text::trim_cell;
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// Records longer than this are cut (a many-megabyte "field" of garbage must not
/// grow without bound); the rest of such a record is dropped.
const MAX_RECORD_BYTES: usize = 1 << 20;

/// A push CSV splitter: feed text, get whole records with their start line.
pub struct Splitter {
    reader: Reader,
    /// The plain-line scanner, for this delimiter.
    stops: Stops,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    /// Line of the next byte to be read.
    line: usize,
    /// Line the record being read started on (None between records).
    start: Option<usize>,
    truncated: bool,
    /// Whether plain lines are split here (tests compare with `csv-core` alone).
    plain_lines: bool,
    /// The current record's fields: byte ranges of the record's text.
    spans: Vec<(u32, u32)>,
}

/// One record, borrowed from the splitter until the next call.
pub struct Record<'a> {
    pub line: usize,
    /// Text holding the record's fields: the line itself for a plain line, else
    /// `csv-core`'s unquoted copy of the record.
    text: &'a str,
    /// Each field's byte range in `text`.
    spans: &'a [(u32, u32)],
}

impl<'a> Record<'a> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `i`, trimmed of spaces (fixed-width padded exports), or "" when absent.
    pub fn get(&self, i: usize) -> &'a str {
        let Some(&(start, end)) = self.spans.get(i) else {
            return "";
        };
        // Fields are split only at ASCII bytes, so every end is a char boundary.
        trim_cell(self.text.get(start as usize..end as usize).unwrap_or(""))
    }

    /// Whether every field is empty (a line of delimiters only).
    pub fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.get(i).is_empty())
    }

    /// Every field, trimmed.
    pub fn fields(&self) -> Vec<String> {
        (0..self.len()).map(|i| self.get(i).to_string()).collect()
    }
}

impl Splitter {
    /// A splitter for `delimiter`.
    pub fn new(delimiter: u8) -> Splitter {
        Splitter {
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            stops: Stops::new(delimiter),
            out: vec![0; 4096],
            ends: vec![0; 64],
            nout: 0,
            nend: 0,
            line: 1,
            start: None,
            truncated: false,
            plain_lines: true,
            spans: Vec::new(),
        }
    }

    /// Feeds a piece of text; calls `each` for every record it completes.
    /// An empty piece means the end of the text.
    pub fn feed(&mut self, piece: &str, each: &mut dyn FnMut(Record<'_>)) {
        let mut input = piece.as_bytes();
        loop {
            if self.start.is_none() {
                // Blank lines between records: counted here, skipped.
                let skip = input
                    .iter()
                    .take_while(|b| matches!(b, b'\n' | b'\r'))
                    .count();
                self.line += input[..skip].iter().filter(|&&b| b == b'\n').count();
                input = &input[skip..];
                if input.is_empty() {
                    return;
                }
                // A whole plain line in the piece: split here, not by the state machine.
                let line = self.line;
                let rest = &piece[piece.len() - input.len()..];
                let plain = if self.plain_lines {
                    self.plain_line(rest)
                } else {
                    None
                };
                if let Some(used) = plain {
                    self.line += 1;
                    let text = &rest[..used];
                    input = &input[used..];
                    each(Record {
                        line,
                        text,
                        spans: &self.spans,
                    });
                    continue;
                }
                self.start = Some(line);
            }
            let (res, nin, nout, nend) = self.reader.read_record(
                input,
                &mut self.out[self.nout..],
                &mut self.ends[self.nend..],
            );
            self.line += input[..nin].iter().filter(|&&b| b == b'\n').count();
            input = &input[nin..];
            self.nout += nout;
            self.nend += nend;
            match res {
                // Out of input: wait for more, or (at the end) nothing is left.
                ReadRecordResult::InputEmpty => return,
                ReadRecordResult::OutputFull => {
                    if self.out.len() >= MAX_RECORD_BYTES {
                        // Keep what fits; drop the rest of the field's bytes.
                        self.truncated = true;
                        self.nout = self.nout.min(self.out.len() / 2);
                    } else {
                        let n = self.out.len() * 2;
                        self.out.resize(n, 0);
                    }
                }
                ReadRecordResult::OutputEndsFull => {
                    if self.ends.len() >= 1 << 16 {
                        self.truncated = true;
                        self.nend = self.ends.len() / 2;
                    } else {
                        let n = self.ends.len() * 2;
                        self.ends.resize(n, 0);
                    }
                }
                ReadRecordResult::Record => {
                    let line = self.start.take().unwrap_or(self.line);
                    let data = &self.out[..self.nout];
                    // Pieces are whole UTF-8 text; only a record cut for length may end
                    // inside a character, and then its fields past the cut read empty.
                    let text = match std::str::from_utf8(data) {
                        Ok(t) => t,
                        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or(""),
                    };
                    self.spans.clear();
                    let mut start = 0;
                    for &end in &self.ends[..self.nend] {
                        let end = u32::try_from(end).unwrap_or(u32::MAX);
                        self.spans.push((start, end));
                        start = end;
                    }
                    each(Record {
                        line,
                        text,
                        spans: &self.spans,
                    });
                    self.nout = 0;
                    self.nend = 0;
                }
                ReadRecordResult::End => return,
            }
        }
    }

    /// Splits the line `text` starts with into `spans` when it is plain (see the module
    /// docs) and ends in this piece; returns the bytes it used, its `\n` included.
    /// `None`: leave it to `csv-core`.
    fn plain_line(&mut self, text: &str) -> Option<usize> {
        let stops = &self.stops;
        let delimiter = stops.delimiter;
        self.spans.clear();
        let b = &text.as_bytes()[..text.len().min(MAX_RECORD_BYTES / 2)];
        let span = |a: usize, z: usize| Some((u32::try_from(a).ok()?, u32::try_from(z).ok()?));
        let mut i = 0;
        loop {
            let (field, next) = if b.get(i) == Some(&b'"') {
                // `"…"` up to a quote followed by the delimiter or the line's end; a
                // doubled quote (to be unescaped) or a line break inside: `csv-core`.
                let mut q = i + 1;
                loop {
                    q = stops.find(b, q)?;
                    match b[q] {
                        b'"' => break,
                        c if c == delimiter => q += 1,
                        _ => return None,
                    }
                }
                match b.get(q + 1) {
                    Some(&d) if d == delimiter || d == b'\n' => (span(i + 1, q)?, q + 1),
                    _ => return None,
                }
            } else {
                let n = stops.find(b, i)?;
                if matches!(b[n], b'"' | b'\r') {
                    return None;
                }
                (span(i, n)?, n)
            };
            self.spans.push(field);
            if b[next] == b'\n' {
                return Some(next + 1);
            }
            i = next + 1;
        }
    }

    /// Whether some record was too long and was cut.
    pub fn truncated(&self) -> bool {
        self.truncated
    }
}

/// The bytes a plain line stops at: the delimiter, `"`, `\n` and `\r`, found eight at a
/// time with the zero-byte trick (fields are too short for a `memchr` call each to pay,
/// and this works the same in wasm, which has no SIMD by default). Three tests a word:
/// the delimiter, `"`, and any control byte (`\n` and `\r` among them; a tab in a
/// comma file is stepped over).
struct Stops {
    delimiter: u8,
    /// The delimiter and `"`, repeated in all eight lanes.
    lanes: [u64; 2],
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

impl Stops {
    fn new(delimiter: u8) -> Stops {
        Stops {
            delimiter,
            lanes: [delimiter, b'"'].map(|c| u64::from(c) * LOW_BITS),
        }
    }

    fn is_stop(&self, c: u8) -> bool {
        c == self.delimiter || matches!(c, b'"' | b'\n' | b'\r')
    }

    /// The first stop byte in `b` at or after `from`.
    #[inline]
    fn find(&self, b: &[u8], from: usize) -> Option<usize> {
        let mut i = from;
        while let Some(word) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(word.try_into().ok()?);
            // A lane of `w ^ lane` is zero where `w` holds that byte, and `w - 0x20…`
            // borrows where a byte is below 0x20; the lowest flagged lane is always a
            // real one (borrows only run upwards).
            let mut found = w.wrapping_sub(0x20 * LOW_BITS) & !w & HIGH_BITS;
            for lane in self.lanes {
                let x = w ^ lane;
                found |= x.wrapping_sub(LOW_BITS) & !x & HIGH_BITS;
            }
            if found != 0 {
                let at = i + found.trailing_zeros() as usize / 8;
                if self.is_stop(b[at]) {
                    return Some(at);
                }
                // Another control byte (a tab): look on after it.
                i = at + 1;
                continue;
            }
            i += 8;
        }
        b.get(i..)?
            .iter()
            .position(|&c| self.is_stop(c))
            .map(|p| i + p)
    }
}

/// Every record of a whole text, owned: for sniffing a bounded prefix.
pub fn all_records(text: &str, delimiter: u8, whole: bool) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut s = Splitter::new(delimiter);
    let mut push = |r: Record<'_>| out.push((r.line, r.fields()));
    s.feed(text, &mut push);
    if whole {
        s.feed("", &mut push);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(pieces: &[&str]) -> Vec<(usize, Vec<String>)> {
        let mut out = Vec::new();
        let mut s = Splitter::new(b',');
        let mut push = |r: Record<'_>| out.push((r.line, r.fields()));
        for p in pieces {
            s.feed(p, &mut push);
        }
        s.feed("", &mut push);
        out
    }

    #[test]
    fn records_keep_their_lines() {
        let text = "a,b\n\n\"x\ny\",2\nNL77\",\"EUR\"\nlast,1";
        let whole = split(&[text]);
        assert_eq!(whole.len(), 4);
        assert_eq!(whole[0].0, 1);
        assert_eq!(whole[1], (3, vec!["x\ny".to_string(), "2".to_string()]));
        assert_eq!(whole[2], (5, vec!["NL77\"".to_string(), "EUR".to_string()]));
        assert_eq!(whole[3].0, 6);
        for cut in 0..=text.len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            assert_eq!(split(&[&text[..cut], &text[cut..]]), whole, "cut at {cut}");
        }
    }

    /// Plain lines split here read exactly as `csv-core` reads them: fields, lines,
    /// for any text cut into any pieces (quotes, doubled quotes, stray quotes, quoted
    /// line breaks, blank lines, other delimiters).
    #[test]
    fn plain_lines_read_as_csv_core_reads_them() {
        use proptest::prelude::*;
        // Long runs as well as single bytes, so the eight-byte scan meets stops in every lane.
        let alphabet = prop::sample::select(vec![
            "a",
            "b",
            ",",
            ";",
            "\"",
            "\"\"",
            "\n",
            "\r",
            "\t",
            " ",
            "é",
            "abcdefghijklm",
            "0123456",
        ]);
        let case = (
            prop::collection::vec(alphabet, 0..60),
            prop::collection::vec(0usize..80, 0..4),
            prop::bool::ANY,
        );
        proptest!(ProptestConfig::with_cases(3000), |((parts, cuts, semicolon) in case)| {
            let text: String = parts.concat();
            let delimiter = if semicolon { b';' } else { b',' };
            let mut cuts: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(text.len()))
                .filter(|&c| text.is_char_boundary(c))
                .collect();
            cuts.sort_unstable();
            let read = |plain_lines: bool| {
                let mut out = Vec::new();
                let mut s = Splitter::new(delimiter);
                s.plain_lines = plain_lines;
                let mut push = |r: Record<'_>| out.push((r.line, r.fields()));
                let mut from = 0;
                for &c in cuts.iter().filter(|&&c| c > 0) {
                    if c == from {
                        continue; // an empty piece means the end
                    }
                    s.feed(&text[from..c], &mut push);
                    from = c;
                }
                s.feed(&text[from..], &mut push);
                s.feed("", &mut push);
                out
            };
            prop_assert_eq!(read(true), read(false));
        });
    }
}
