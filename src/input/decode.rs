//! Decoding: UTF-8 (with or without BOM), UTF-16 LE/BE, Windows-1252; CRLF, CR or LF.
//!
//! The bytes decide, not what a file declares: an OFX header that says `CHARSET:1252`
//! over UTF-8 bytes is read as UTF-8, and one that says UTF-8 over Latin-1 bytes is read
//! as Windows-1252. ISO-8859-1 is read as Windows-1252 too (as browsers do): the two
//! differ only in 0x80–0x9F, which are unused control codes in ISO-8859-1.

use encoding_rs::{Decoder, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

vocabulary! {
    /// The character set a file was decoded from.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum TextEncoding {
        Utf8 = "utf-8",
        Utf8Bom = "utf-8-bom",
        Utf16Le = "utf-16le",
        Utf16Be = "utf-16be",
        Windows1252 = "windows-1252",
    }
}

impl TextEncoding {
    fn encoding(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => UTF_8,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            TextEncoding::Windows1252 => WINDOWS_1252,
        }
    }

    /// Decides the encoding from the start of a file (a BOM, NUL patterns of UTF-16
    /// without BOM) and whether `sample` is valid UTF-8. Returns the encoding and how
    /// many BOM bytes to skip.
    pub fn detect(sample: &[u8], sample_is_whole_file: bool) -> (TextEncoding, usize) {
        if sample.starts_with(&[0xEF, 0xBB, 0xBF]) {
            return (TextEncoding::Utf8Bom, 3);
        }
        if sample.starts_with(&[0xFF, 0xFE]) {
            return (TextEncoding::Utf16Le, 2);
        }
        if sample.starts_with(&[0xFE, 0xFF]) {
            return (TextEncoding::Utf16Be, 2);
        }
        // UTF-16 without a BOM: ASCII text leaves a NUL in every other byte.
        let pairs = sample.len().min(4096) / 2;
        if pairs >= 8 {
            let (mut even_nul, mut odd_nul) = (0, 0);
            for i in 0..pairs {
                even_nul += usize::from(sample[2 * i] == 0);
                odd_nul += usize::from(sample[2 * i + 1] == 0);
            }
            if odd_nul * 10 >= pairs * 9 && even_nul * 10 < pairs {
                return (TextEncoding::Utf16Le, 0);
            }
            if even_nul * 10 >= pairs * 9 && odd_nul * 10 < pairs {
                return (TextEncoding::Utf16Be, 0);
            }
        }
        match std::str::from_utf8(sample) {
            Ok(_) => (TextEncoding::Utf8, 0),
            // A multi-byte character cut by the end of a partial sample is still UTF-8.
            Err(e) if !sample_is_whole_file && e.error_len().is_none() => (TextEncoding::Utf8, 0),
            Err(_) => (TextEncoding::Windows1252, 0),
        }
    }
}

/// A whole file, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// UTF-8 text, BOM removed, every line break (`\r\n`, `\r\r\n`, `\r`) turned into `\n`.
    pub text: String,
    pub encoding: TextEncoding,
    /// Whether any byte sequence was invalid in that encoding (replaced by U+FFFD).
    pub had_errors: bool,
    /// Whether the text contains anything other than ASCII.
    pub non_ascii: bool,
}

/// Decodes a whole file at once. See [`TextDecoder`] for the chunked form.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut decoder = TextDecoder::new();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    decoder.feed(bytes, true, &mut text);
    decoder.finish(&mut text);
    Decoded {
        non_ascii: !text.is_ascii(),
        encoding: decoder.encoding().unwrap_or(TextEncoding::Utf8),
        had_errors: decoder.had_errors(),
        text,
    }
}

/// How many bytes the streaming decoder looks at before it settles the encoding.
const DETECT_WINDOW: usize = 64 * 1024;

/// A push decoder: feed byte chunks in order, get normalised UTF-8 text appended to a
/// `String`. Chunk boundaries may fall anywhere (inside a character or a `\r\n`).
#[derive(Default)]
pub struct TextDecoder {
    pending: Vec<u8>,
    decoder: Option<(TextEncoding, Decoder)>,
    had_errors: bool,
    /// Trailing `\r`s held back until the next piece shows what follows them.
    carry: String,
    scratch: String,
    finished: bool,
    /// UTF-8 was chosen from an all-ASCII start and no other byte has been seen yet:
    /// the first non-ASCII character still decides between UTF-8 and Windows-1252.
    ascii_so_far: bool,
    /// The start of a first non-ASCII character cut by a chunk boundary.
    held: Vec<u8>,
    /// Once UTF-8 is settled: the start of a character cut by a chunk boundary.
    utf8_tail: Vec<u8>,
}

impl std::fmt::Debug for TextDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextDecoder")
            .field("encoding", &self.encoding())
            .field("had_errors", &self.had_errors)
            .finish()
    }
}

impl TextDecoder {
    pub fn new() -> TextDecoder {
        TextDecoder::default()
    }

    /// The encoding, once enough bytes were seen to decide it.
    pub fn encoding(&self) -> Option<TextEncoding> {
        self.decoder.as_ref().map(|(e, _)| *e)
    }

    pub fn had_errors(&self) -> bool {
        self.had_errors
    }

    /// Decodes `bytes`, appending to `out`. `last` says no more bytes will follow.
    pub fn feed(&mut self, bytes: &[u8], last: bool, out: &mut String) {
        if self.finished {
            return;
        }
        self.finished = last;
        if self.decoder.is_none() {
            self.pending.extend_from_slice(bytes);
            if self.pending.len() < DETECT_WINDOW && !last {
                return;
            }
            let (enc, skip) = TextEncoding::detect(&self.pending, last);
            let decoder = enc.encoding().new_decoder_without_bom_handling();
            self.decoder = Some((enc, decoder));
            self.ascii_so_far = enc == TextEncoding::Utf8;
            let pending = std::mem::take(&mut self.pending);
            self.decode_into(&pending[skip..], last, out);
        } else {
            self.decode_into(bytes, last, out);
        }
    }

    /// Flushes whatever the decoder still holds (a cut character becomes U+FFFD).
    pub fn finish(&mut self, out: &mut String) {
        self.feed(&[], true, out);
    }

    /// A file whose first 64 KiB are plain ASCII (as most exports' headers and first rows
    /// are) is taken for UTF-8; its first non-ASCII character then settles it: valid UTF-8
    /// keeps UTF-8, anything else means a legacy Windows-1252 file. Deciding on that one
    /// character, and not on how much of the file a chunk shows, keeps the answer the
    /// same however the file is chunked.
    fn settle_late_encoding(
        &mut self,
        bytes: &[u8],
        last: bool,
        out: &mut String,
    ) -> Option<Vec<u8>> {
        let mut input = std::mem::take(&mut self.held);
        input.extend_from_slice(bytes);
        let Some(first) = input.iter().position(|b| !b.is_ascii()) else {
            return Some(input);
        };
        // A non-ASCII byte no sequence starts with has width 1: not UTF-8.
        let width = utf8_width(input[first]);
        let verdict = if width == 1 {
            Some(false)
        } else if input.len() - first < width {
            // Cut by the chunk: wait for the rest, unless there is no rest.
            last.then_some(false)
        } else {
            Some(std::str::from_utf8(&input[first..first + width]).is_ok())
        };
        match verdict {
            None => {
                let rest = input.split_off(first);
                self.held = rest;
                self.decode_plain(&input, false, out);
                None
            }
            Some(utf8) => {
                self.ascii_so_far = false;
                if !utf8 {
                    self.decoder = Some((
                        TextEncoding::Windows1252,
                        WINDOWS_1252.new_decoder_without_bom_handling(),
                    ));
                }
                Some(input)
            }
        }
    }

    fn decode_into(&mut self, bytes: &[u8], last: bool, out: &mut String) {
        if self.ascii_so_far && self.held.is_empty() && bytes.is_ascii() {
            // Still all ASCII: nothing to settle, and no copy of the piece to make.
            self.decode_plain(bytes, last, out);
        } else if self.ascii_so_far {
            if let Some(input) = self.settle_late_encoding(bytes, last, out) {
                self.decode_plain(&input, last, out);
            }
        } else {
            self.decode_plain(bytes, last, out);
        }
    }

    fn decode_plain(&mut self, bytes: &[u8], last: bool, out: &mut String) {
        let Some((encoding, decoder)) = self.decoder.as_mut() else {
            return;
        };
        if matches!(encoding, TextEncoding::Utf8 | TextEncoding::Utf8Bom) {
            self.decode_utf8(bytes, last, out);
            return;
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let mut input = bytes;
        loop {
            let need = decoder
                .max_utf8_buffer_length(input.len())
                .unwrap_or(input.len() * 3 + 16);
            scratch.reserve(need);
            let (result, read, errors) = decoder.decode_to_string(input, &mut scratch, last);
            self.had_errors |= errors;
            input = &input[read..];
            if result == encoding_rs::CoderResult::InputEmpty {
                break;
            }
        }
        self.normalise_line_breaks(&scratch, last, out);
        self.scratch = scratch;
    }

    /// UTF-8 input is already the text: it is checked in place and its lines copied
    /// once into `out` (through a decoder it was copied twice, and this is most files'
    /// whole reading cost before the CSV splitter). A character cut by the piece's end
    /// waits in `utf8_tail`; an invalid sequence becomes U+FFFD as the decoder would
    /// make it (the WHATWG rule Rust's lossy conversion follows).
    fn decode_utf8(&mut self, bytes: &[u8], last: bool, out: &mut String) {
        let mut input = bytes;
        if !self.utf8_tail.is_empty() {
            let mut small = std::mem::take(&mut self.utf8_tail);
            let held = small.len();
            let take = utf8_width(small[0]).saturating_sub(held).min(input.len());
            small.extend_from_slice(&input[..take]);
            // The held bytes and what completes them; when they do not make a character,
            // one U+FFFD stands for the bad part and the rest is read again.
            let used = match std::str::from_utf8(&small) {
                Ok(_) => take,
                Err(e) if e.error_len().is_none() && !last => {
                    // Still a valid start, and the piece is used up: wait for more.
                    self.utf8_tail = small;
                    return;
                }
                Err(e) => {
                    let bad = e.error_len().unwrap_or(small.len());
                    small.truncate(bad);
                    bad.saturating_sub(held)
                }
            };
            input = &input[used..];
            self.checked_utf8(&small, last && input.is_empty(), out);
        }
        let cut = if last {
            input.len()
        } else {
            cut_character(input)
        };
        self.utf8_tail.extend_from_slice(&input[cut..]);
        self.checked_utf8(&input[..cut], last, out);
    }

    fn checked_utf8(&mut self, bytes: &[u8], last: bool, out: &mut String) {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.normalise_line_breaks(text, last, out),
            Err(_) => {
                self.had_errors = true;
                let text = String::from_utf8_lossy(bytes);
                self.normalise_line_breaks(&text, last, out);
            }
        }
    }

    /// `\r\n`, `\r\r\n` (seen in Rabobank exports) and a lone `\r` become one `\n`.
    /// Trailing `\r`s of a piece wait for the next one, so a break cut by a chunk
    /// boundary is judged whole.
    fn normalise_line_breaks(&mut self, piece: &str, last: bool, out: &mut String) {
        let mut piece = piece;
        if !self.carry.is_empty() {
            // The held `\r`s and the piece up to its first other character: every break
            // that starts in the held part ends there.
            let upto = piece
                .char_indices()
                .find(|&(_, c)| c != '\r')
                .map_or(piece.len(), |(i, c)| i + c.len_utf8());
            let mut joined = std::mem::take(&mut self.carry);
            joined.push_str(&piece[..upto]);
            piece = &piece[upto..];
            let whole = last && piece.is_empty();
            let keep = if whole {
                joined.len()
            } else {
                joined.trim_end_matches('\r').len()
            };
            if !whole && keep < joined.len() {
                // Only `\r`s so far: the piece is used up, and they wait again.
                self.carry = joined;
                return;
            }
            push_normalised(&joined, out);
        }
        let keep = if last {
            piece.len()
        } else {
            piece.trim_end_matches('\r').len()
        };
        push_normalised(&piece[..keep], out);
        self.carry.push_str(&piece[keep..]);
    }
}

/// Appends `text` with each line break made one `\n` (a `\r` at its very end stands
/// alone).
///
/// Every line of a Windows export has a `\r`. Natively `memchr` finds each with SIMD; in
/// wasm, which has none, `memchr` reads four bytes a step behind a call per line, and an
/// inline eight-byte search is faster (6% of the page's check was here). Both ways are
/// held to a byte loop by one test.
fn push_normalised(text: &str, out: &mut String) {
    if cfg!(target_arch = "wasm32") {
        push_normalised_by_words(text, out);
    } else {
        push_normalised_by_memchr(text, out);
    }
}

/// The bytes of the line break whose `\r` is at `at`: `\r\n`, `\r\r\n` or `\r` alone.
fn break_len(bytes: &[u8], at: usize) -> usize {
    match (bytes.get(at + 1), bytes.get(at + 2)) {
        (Some(b'\n'), _) => 2,
        (Some(b'\r'), Some(b'\n')) => 3,
        _ => 1,
    }
}

/// [`push_normalised`] with `memchr`.
fn push_normalised_by_memchr(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(found) = memchr::memchr(b'\r', &bytes[start..]) {
        let i = start + found;
        out.push_str(&text[start..i]);
        out.push('\n');
        start = i + break_len(bytes, i);
    }
    out.push_str(&text[start..]);
}

/// [`push_normalised`] by an inline search of eight bytes a step.
fn push_normalised_by_words(text: &str, out: &mut String) {
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    const CR_LANES: u64 = 0x0d * LOW_BITS;
    let bytes = text.as_bytes();
    out.reserve(bytes.len());
    // The next byte to copy, and the next to search.
    let mut start = 0;
    let mut i = 0;
    loop {
        let found = match bytes.get(i..i + 8) {
            Some(word) => {
                let mut lanes = [0; 8];
                lanes.copy_from_slice(word);
                let x = u64::from_le_bytes(lanes) ^ CR_LANES;
                // The lowest flagged lane is a `\r` (a borrow only flags lanes above it).
                let flagged = x.wrapping_sub(LOW_BITS) & !x & HIGH_BITS;
                if flagged == 0 {
                    i += 8;
                    continue;
                }
                i + flagged.trailing_zeros() as usize / 8
            }
            None => match bytes[i..].iter().position(|&b| b == b'\r') {
                Some(p) => i + p,
                None => break,
            },
        };
        out.push_str(&text[start..found]);
        out.push('\n');
        start = found + break_len(bytes, found);
        i = start;
    }
    out.push_str(&text[start..]);
}

/// The bytes a UTF-8 sequence with this lead byte has (1 for a byte no sequence starts
/// with: it is invalid on its own).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 1,
    }
}

/// Where a piece stops being whole characters: before a last sequence that is a valid
/// start of a character but needs bytes the piece does not have.
fn cut_character(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let at = bytes.len() - back;
        match bytes[at] {
            0x80..=0xBF => continue,
            b if b >= 0xC0 => {
                let incomplete = matches!(
                    std::str::from_utf8(&bytes[at..]),
                    Err(e) if e.valid_up_to() == 0 && e.error_len().is_none()
                );
                return if incomplete { at } else { bytes.len() };
            }
            _ => return bytes.len(),
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_legacy_bytes() {
        let d = decode(b"\xEF\xBB\xBFa,b\r\nc,d\r\n");
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("a,b\nc,d\n", TextEncoding::Utf8Bom)
        );
        let d = decode(b"Caf\xE9 \x80");
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Café €", TextEncoding::Windows1252)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Name,Type\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let d = decode(&utf16);
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Name,Type\n", TextEncoding::Utf16Le)
        );
        let utf16be: Vec<u8> = "Account,Type,Detail"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&utf16be).encoding, TextEncoding::Utf16Be);
    }

    #[test]
    fn a_late_legacy_byte_settles_windows_1252_however_chunked() {
        let mut bytes = b"Date,Payee\n".repeat(7000);
        bytes.extend_from_slice(b"01/02/2026,Caf\xE9 \x80\n");
        let whole = decode(&bytes);
        assert_eq!(whole.encoding, TextEncoding::Windows1252);
        assert!(whole.text.ends_with("Café €\n") && !whole.had_errors);
        let mut utf8 = b"Date,Payee\n".repeat(7000);
        utf8.extend_from_slice("01/02/2026,Café\n".as_bytes());
        let utf8_whole = decode(&utf8);
        assert_eq!(utf8_whole.encoding, TextEncoding::Utf8);
        // A UTF-8 `é` cut in two by a chunk boundary still reads as UTF-8.
        let mid = utf8.len() - 2;
        let mut dec = TextDecoder::new();
        let mut out = String::new();
        dec.feed(&utf8[..mid], false, &mut out);
        dec.feed(&utf8[mid..], true, &mut out);
        assert_eq!(
            (out, dec.encoding()),
            (utf8_whole.text, Some(TextEncoding::Utf8))
        );
        for cut in [bytes.len() - 9, bytes.len() - 8, bytes.len() - 7] {
            let mut dec = TextDecoder::new();
            let mut out = String::new();
            dec.feed(&bytes[..cut], false, &mut out);
            dec.feed(&bytes[cut..], true, &mut out);
            assert_eq!(
                (out.as_str(), dec.encoding()),
                (whole.text.as_str(), Some(whole.encoding))
            );
        }
    }

    #[test]
    fn normalises_every_line_break() {
        assert_eq!(decode(b"a\rb\rc").text, "a\nb\nc");
        assert_eq!(decode(b"a\r\r\nb\r\r\n").text, "a\nb\n");
        assert_eq!(decode(b"a\r\rb").text, "a\n\nb");
        assert_eq!(decode(b"a\n\nb").text, "a\n\nb");
    }

    /// Both searches read as a byte-at-a-time one, wherever the breaks
    /// fall in the words (long runs put them in every lane, and at the tail).
    #[test]
    fn normalising_matches_a_byte_loop() {
        use proptest::prelude::*;
        fn byte_loop(text: &str) -> String {
            let b = text.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i] != b'\r' {
                    out.push(b[i]);
                    i += 1;
                    continue;
                }
                out.push(b'\n');
                i += match (b.get(i + 1), b.get(i + 2)) {
                    (Some(b'\n'), _) => 2,
                    (Some(b'\r'), Some(b'\n')) => 3,
                    _ => 1,
                };
            }
            String::from_utf8(out).unwrap()
        }
        let parts = prop::sample::select(vec![
            "a",
            "\r",
            "\n",
            "\r\n",
            "\r\r\n",
            "é",
            "€",
            "abcdefghij",
            "0123456",
        ]);
        proptest!(ProptestConfig::with_cases(3000), |(parts in prop::collection::vec(parts, 0..40))| {
            let text = parts.concat();
            for push in [push_normalised_by_words, push_normalised_by_memchr] {
                let mut out = String::from("kept ");
                push(&text, &mut out);
                prop_assert_eq!(out, format!("kept {}", byte_loop(&text)));
            }
        });
    }

    #[test]
    fn chunked_decoding_matches_whole() {
        let bytes = "Café,1\r\nNaïve,2\r\r\nend\r".as_bytes();
        let whole = decode(bytes).text;
        for split in 0..bytes.len() {
            let mut dec = TextDecoder::new();
            let mut out = String::new();
            dec.feed(&bytes[..split], false, &mut out);
            dec.feed(&bytes[split..], true, &mut out);
            dec.finish(&mut out);
            assert_eq!(out, whole, "split at {split}");
        }
    }

    /// The in-place UTF-8 path gives what the WHATWG decoder gives (encoding_rs, then
    /// the breaks made `\n`) for any bytes, cut into any pieces: invalid and cut
    /// sequences, `\r` runs across cuts.
    #[test]
    fn utf8_in_place_matches_the_whatwg_decoder_however_cut() {
        use proptest::prelude::*;
        let alphabet = prop::sample::select(vec![
            b'a', b'\r', b'\n', b',', 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF,
            0x80, 0xC0,
        ]);
        let case = (
            prop::collection::vec(alphabet, 0..40),
            prop::collection::vec(0usize..40, 0..4),
        );
        proptest!(ProptestConfig::with_cases(500), |((tail, cuts) in case)| {
            // A valid non-ASCII start longer than the detection window settles UTF-8
            // before the bytes under test (a whole file with a bad byte is 1252).
            let mut bytes = "é\n".repeat(DETECT_WINDOW / 2).into_bytes();
            let start = bytes.len();
            bytes.extend_from_slice(&tail);
            let (expected, errors) = UTF_8.decode_without_bom_handling(&bytes);
            let mut reference = TextDecoder::new();
            let mut want = String::new();
            reference.normalise_line_breaks(&expected, true, &mut want);
            let mut cuts: Vec<usize> =
                cuts.into_iter().map(|c| (start + c).min(bytes.len())).collect();
            cuts.push(start);
            cuts.sort_unstable();
            let mut dec = TextDecoder::new();
            let mut out = String::new();
            let mut from = 0;
            for c in cuts {
                dec.feed(&bytes[from..c], false, &mut out);
                from = c;
            }
            dec.feed(&bytes[from..], true, &mut out);
            prop_assert_eq!(&out, &want);
            prop_assert_eq!(dec.had_errors(), errors);
        });
    }
}
