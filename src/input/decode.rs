//! Decoding: UTF-8 (with or without BOM), UTF-16 LE/BE, Windows-1252; CRLF, CR or LF.
//!
//! The bytes decide, not what a file declares: an OFX header that says `CHARSET:1252`
//! over UTF-8 bytes is read as UTF-8, and one that says UTF-8 over Latin-1 bytes is read
//! as Windows-1252. ISO-8859-1 is read as Windows-1252 too (as browsers do): the two
//! differ only in 0x80–0x9F, which are unused control codes in ISO-8859-1.
//!
//! The four decoders are written here (the WHATWG Encoding Standard's algorithms for
//! UTF-8, UTF-16LE/BE and windows-1252, whose only table is 32 entries) rather than taken
//! from encoding_rs: its `Decoder` dispatches over every encoding at run time, which put
//! all of them (Big5, GB18030, Shift_JIS, EUC-KR... ~280 KB) into the wasm.
use serde::Serialize;

/// The character set a file was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TextEncoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "windows-1252")]
    Windows1252,
}

/// windows-1252 bytes 0x80–0x9F (WHATWG index-windows-1252); the other bytes are
/// their own code points.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// A streaming decoder for one of the four encodings: what a chunk boundary cut is held
/// until the next chunk.
#[derive(Debug)]
enum Decoder {
    /// Bytes of a UTF-8 sequence cut by the chunk end (at most 3).
    Utf8(Vec<u8>),
    /// Big-endian?, a byte cut from its pair, a high surrogate awaiting its low half.
    Utf16 {
        big_endian: bool,
        odd: Option<u8>,
        high: Option<u16>,
    },
    Windows1252,
}

impl Decoder {
    fn new(enc: TextEncoding) -> Decoder {
        match enc {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => Decoder::Utf8(Vec::new()),
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => Decoder::Utf16 {
                big_endian: enc == TextEncoding::Utf16Be,
                odd: None,
                high: None,
            },
            TextEncoding::Windows1252 => Decoder::Windows1252,
        }
    }

    /// Appends the text of `bytes` to `out`; returns whether anything was malformed
    /// (each malformed sequence becomes one U+FFFD, as the WHATWG decoders do).
    fn decode(&mut self, bytes: &[u8], last: bool, out: &mut String) -> bool {
        let mut errors = false;
        match self {
            Decoder::Utf8(carry) => {
                let joined;
                let mut input = if carry.is_empty() {
                    bytes
                } else {
                    carry.extend_from_slice(bytes);
                    joined = std::mem::take(carry);
                    &joined[..]
                };
                loop {
                    match std::str::from_utf8(input) {
                        Ok(s) => {
                            out.push_str(s);
                            break;
                        }
                        Err(e) => {
                            let (valid, rest) = input.split_at(e.valid_up_to());
                            out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                            match e.error_len() {
                                Some(n) => {
                                    out.push('\u{FFFD}');
                                    errors = true;
                                    input = rest.get(n..).unwrap_or_default();
                                }
                                None if last => {
                                    out.push('\u{FFFD}');
                                    errors = true;
                                    break;
                                }
                                None => {
                                    *carry = rest.to_vec();
                                    break;
                                }
                            }
                        }
                    }
                }
            }
            Decoder::Utf16 {
                big_endian,
                odd,
                high,
            } => {
                let mut units = bytes.iter().copied();
                loop {
                    let first = match odd.take() {
                        Some(b) => b,
                        None => match units.next() {
                            Some(b) => b,
                            None => break,
                        },
                    };
                    let Some(second) = units.next() else {
                        *odd = Some(first);
                        break;
                    };
                    let unit = if *big_endian {
                        u16::from_be_bytes([first, second])
                    } else {
                        u16::from_le_bytes([first, second])
                    };
                    if let Some(h) = high.take() {
                        if (0xDC00..0xE000).contains(&unit) {
                            let c = 0x10000
                                + ((u32::from(h) - 0xD800) << 10)
                                + (u32::from(unit) - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                        out.push('\u{FFFD}');
                        errors = true;
                    }
                    match unit {
                        0xD800..=0xDBFF => *high = Some(unit),
                        0xDC00..=0xDFFF => {
                            out.push('\u{FFFD}');
                            errors = true;
                        }
                        u => out.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')),
                    }
                }
                if last && (odd.take().is_some() | high.take().is_some()) {
                    out.push('\u{FFFD}');
                    errors = true;
                }
            }
            Decoder::Windows1252 => {
                out.reserve(bytes.len());
                for &b in bytes {
                    out.push(match b {
                        0x80..=0x9F => WINDOWS_1252_HIGH
                            .get(usize::from(b - 0x80))
                            .copied()
                            .unwrap_or('\u{FFFD}'),
                        b => char::from(b),
                    });
                }
            }
        }
        errors
    }
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf8Bom => "utf-8-bom",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Windows1252 => "windows-1252",
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
            let decoder = Decoder::new(enc);
            self.decoder = Some((enc, decoder));
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

    fn decode_into(&mut self, bytes: &[u8], last: bool, out: &mut String) {
        let Some((_, decoder)) = self.decoder.as_mut() else {
            return;
        };
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        self.had_errors |= decoder.decode(bytes, last, &mut scratch);
        self.normalise_line_breaks(&scratch, last, out);
        self.scratch = scratch;
    }

    /// `\r\n`, `\r\r\n` (seen in Rabobank exports) and a lone `\r` become one `\n`.
    /// Trailing `\r`s of a piece wait for the next one, so a break cut by a chunk
    /// boundary is judged whole.
    fn normalise_line_breaks(&mut self, piece: &str, last: bool, out: &mut String) {
        let mut joined = std::mem::take(&mut self.carry);
        joined.push_str(piece);
        if !last {
            let keep = joined.trim_end_matches('\r').len();
            self.carry = joined[keep..].to_string();
            joined.truncate(keep);
        }
        let bytes = joined.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' => {
                    out.push_str(&joined[start..i]);
                    out.push('\n');
                    i += match (bytes.get(i + 1), bytes.get(i + 2)) {
                        (Some(b'\n'), _) => 2,
                        (Some(b'\r'), Some(b'\n')) => 3,
                        _ => 1,
                    };
                    start = i;
                }
                b'\n' => {
                    out.push_str(&joined[start..=i]);
                    i += 1;
                    start = i;
                }
                _ => i += 1,
            }
        }
        out.push_str(&joined[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written decoders give what encoding_rs (the WHATWG reference) gives, on
    /// random and tricky bytes, whole and cut into chunks at every kind of boundary.
    #[test]
    fn decoders_match_encoding_rs() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let pieces: [&[u8]; 10] = [
            b"a",
            "é".as_bytes(),
            "€".as_bytes(),
            "😀".as_bytes(),
            b"\xF0\x9F",
            b"\xE2\x82",
            b"\x00\xD8",
            b"\x3D\xD8\x00\xDE",
            b"\xDC\x00",
            b"\x80\x81\x9F\xFF",
        ];
        for round in 0..3000 {
            let mut bytes = Vec::new();
            for _ in 0..(next() % 24) {
                if next() % 3 == 0 {
                    bytes.push(next() as u8);
                } else {
                    bytes.extend_from_slice(pieces[(next() % 10) as usize]);
                }
            }
            for (enc, reference) in [
                (TextEncoding::Utf8, encoding_rs::UTF_8),
                (TextEncoding::Utf16Le, encoding_rs::UTF_16LE),
                (TextEncoding::Utf16Be, encoding_rs::UTF_16BE),
                (TextEncoding::Windows1252, encoding_rs::WINDOWS_1252),
            ] {
                let (want, want_errors) = reference.decode_without_bom_handling(&bytes);
                let mut got = String::new();
                let mut d = Decoder::new(enc);
                let cut = if bytes.is_empty() {
                    0
                } else {
                    (next() as usize) % bytes.len()
                };
                let mut errors = d.decode(&bytes[..cut], false, &mut got);
                errors |= d.decode(&bytes[cut..], true, &mut got);
                assert_eq!(got, want, "round {round} {enc:?} cut {cut} {bytes:x?}");
                assert_eq!(errors, want_errors, "round {round} {enc:?} {bytes:x?}");
            }
        }
    }

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
    fn normalises_every_line_break() {
        assert_eq!(decode(b"a\rb\rc").text, "a\nb\nc");
        assert_eq!(decode(b"a\r\r\nb\r\r\n").text, "a\nb\n");
        assert_eq!(decode(b"a\r\rb").text, "a\n\nb");
        assert_eq!(decode(b"a\n\nb").text, "a\n\nb");
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
}
