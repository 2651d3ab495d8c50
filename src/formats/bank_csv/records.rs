//! Splitting text into CSV records pushed in pieces cut anywhere, with the 1-based
//! line each record starts on. Quoting (doubled quotes, delimiters and line breaks
//! inside quotes) is `csv-core`'s job: the push-style core of rust-csv, which never
//! fails and takes a stray quote inside an unquoted field as text (Rabobank's
//! `NL77…415","EUR"` line) rather than giving up.
//!
//! Most lines of a bank export are plain: no quote, or quotes only around whole
//! fields, on one line. Those are split here directly in one pass (fields copied
//! once), which reads them as `csv-core` would (a property test compares the two
//! on any text); every other line, and any line cut by a piece's end, goes to `csv-core`.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// Records longer than this are cut (a many-megabyte "field" of garbage must not
/// grow without bound); the rest of such a record is dropped.
const MAX_RECORD_BYTES: usize = 1 << 20;

/// A push CSV splitter: feed text, get whole records with their start line.
pub struct Splitter {
    reader: Reader,
    reader_delimiter: u8,
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
    /// A plain line's fields, back to back (see [`Splitter::plain_line`]).
    plain: String,
    plain_ends: Vec<usize>,
}

/// One record, borrowed from the splitter until the next call.
pub struct Record<'a> {
    pub line: usize,
    /// The record's fields back to back, checked as UTF-8 once for all its fields.
    text: &'a str,
    ends: &'a [usize],
}

impl<'a> Record<'a> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`, trimmed of spaces (fixed-width padded exports), or "" when absent.
    pub fn get(&self, i: usize) -> &'a str {
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 {
            0
        } else {
            self.ends.get(i - 1).copied().unwrap_or(0)
        };
        // csv-core splits only at ASCII bytes, so every field end is a char boundary.
        trim_field(self.text.get(start..end).unwrap_or(""))
    }

    /// Every field, trimmed.
    pub fn fields(&self) -> Vec<String> {
        (0..self.len()).map(|i| self.get(i).to_string()).collect()
    }
}

/// A field without surrounding white space (fixed-width padded exports). Most fields
/// start and end with a visible ASCII character: those are returned as they are
/// without walking the Unicode white-space table.
fn trim_field(field: &str) -> &str {
    match (field.as_bytes().first(), field.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => field,
        _ => field.trim(),
    }
}

impl Splitter {
    /// A splitter for `delimiter`.
    pub fn new(delimiter: u8) -> Splitter {
        Splitter {
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            reader_delimiter: delimiter,
            out: vec![0; 4096],
            ends: vec![0; 64],
            nout: 0,
            nend: 0,
            line: 1,
            start: None,
            truncated: false,
            plain_lines: true,
            plain: String::new(),
            plain_ends: Vec::new(),
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
                let plain = if self.plain_lines {
                    self.plain_line(&piece[piece.len() - input.len()..])
                } else {
                    None
                };
                if let Some(used) = plain {
                    self.line += 1;
                    input = &input[used..];
                    each(Record {
                        line,
                        text: &self.plain,
                        ends: &self.plain_ends,
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
                    each(Record {
                        line,
                        text,
                        ends: &self.ends[..self.nend],
                    });
                    self.nout = 0;
                    self.nend = 0;
                }
                ReadRecordResult::End => return,
            }
        }
    }

    /// Splits the line `text` starts with into `plain` and `plain_ends` when it is
    /// plain (see the module docs) and ends in this piece; returns the bytes it used,
    /// its `\n` included. `None`: leave it to `csv-core`. One pass over the bytes:
    /// fields are short, so a byte loop beats a `memchr` call per field.
    fn plain_line(&mut self, text: &str) -> Option<usize> {
        let delimiter = self.reader_delimiter;
        self.plain.clear();
        self.plain_ends.clear();
        let b = text.as_bytes();
        let limit = b.len().min(MAX_RECORD_BYTES / 2);
        let mut i = 0;
        loop {
            let next = if b.get(i) == Some(&b'"') {
                // `"…"` up to a quote followed by the delimiter or the line's end, with
                // `""` inside meaning one quote; a line break inside goes to `csv-core`.
                let mut at = i + 1;
                loop {
                    let q = at
                        + b.get(at..limit)?
                            .iter()
                            .position(|&c| matches!(c, b'"' | b'\n' | b'\r'))?;
                    if b[q] != b'"' {
                        return None;
                    }
                    self.plain.push_str(&text[at..q]);
                    match b.get(q + 1) {
                        Some(b'"') => {
                            self.plain.push('"');
                            at = q + 2;
                        }
                        Some(&d) if d == delimiter || d == b'\n' => break q + 1,
                        _ => return None,
                    }
                }
            } else {
                let n = i + b
                    .get(i..limit)?
                    .iter()
                    .position(|&c| c == delimiter || matches!(c, b'"' | b'\n' | b'\r'))?;
                if matches!(b[n], b'"' | b'\r') {
                    return None;
                }
                self.plain.push_str(&text[i..n]);
                n
            };
            self.plain_ends.push(self.plain.len());
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
        let alphabet = prop::sample::select(vec!["a", "b", ",", ";", "\"", "\"\"", "\n", " ", "é"]);
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
