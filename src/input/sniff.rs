//! Deciding what a file is from its content, never from its name: a PDF renamed
//! `.csv` is still a PDF, and an OFX file saved as `.txt` is still OFX.

/// What a file's content says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// No bytes, or only white space.
    Empty,
    /// A binary format no reader takes; `what` names it for the user.
    Binary { what: &'static str },
    /// An Excel workbook (zip with `xl/` parts).
    Xlsx,
    /// OFX/QFX/QBO (SGML or XML, with or without a header).
    Ofx,
    /// QuickBooks IIF (tab-separated, `!` header rows).
    Iif,
    /// Delimited text: a chart export or a bank CSV, told apart by its columns.
    Delimited,
}

/// Sniffs the raw bytes first (magic numbers), then the decoded text.
pub fn sniff(bytes: &[u8], text: &str) -> Sniffed {
    if let Some(s) = sniff_magic(bytes) {
        return s;
    }
    sniff_text(text)
}

/// Magic numbers of the binary files users drop by mistake.
pub fn sniff_magic(bytes: &[u8]) -> Option<Sniffed> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (
            b"\xD0\xCF\x11\xE0",
            "an old-style Excel (.xls) or Word file",
        ),
        (b"\x1F\x8B", "a gzip archive"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"RIFF", "a media file"),
        (b"\x7FELF", "a program"),
        (b"MZ", "a Windows program"),
    ];
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Some(Sniffed::Empty);
    }
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| head.starts_with(m)) {
        return Some(Sniffed::Binary { what });
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        let probe = &bytes[..bytes.len().min(1 << 20)];
        let is_xlsx = contains(probe, b"xl/") || contains(probe, b"[Content_Types].xml");
        return Some(if is_xlsx {
            Sniffed::Xlsx
        } else {
            Sniffed::Binary {
                what: "a zip archive",
            }
        });
    }
    // Text has few control bytes; UTF-16 is handled by the decoder, so count only
    // outside a UTF-16 shape (NULs in every other byte).
    let sample = &bytes[..bytes.len().min(8192)];
    let nul = sample.iter().filter(|&&b| b == 0).count();
    let utf16 = sample.starts_with(b"\xFF\xFE")
        || sample.starts_with(b"\xFE\xFF")
        || nul * 3 >= sample.len();
    if !utf16 {
        let control = sample
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
            .count();
        if control * 20 > sample.len() {
            return Some(Sniffed::Binary {
                what: "a binary file (not text)",
            });
        }
    }
    None
}

/// Sniffs decoded text.
pub fn sniff_text(text: &str) -> Sniffed {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Sniffed::Empty;
    }
    let head: String = trimmed
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_uppercase();
    if head.starts_with("OFXHEADER")
        || head.starts_with("<?OFX")
        || head.contains("<OFX>")
        || head.contains("<OFX ")
        || ((head.starts_with('<') || head.starts_with("<?XML"))
            && [
                "<STMTTRN>",
                "<BANKACCTFROM>",
                "<CCACCTFROM>",
                "<STMTRS>",
                "<SIGNONMSGSRSV1>",
                "<STATUS>",
                "<CODE>",
            ]
            .iter()
            .any(|t| head.contains(t)))
    {
        return Sniffed::Ofx;
    }
    let iif = trimmed.lines().take(50).any(|l| {
        l.starts_with("!HDR")
            || l.starts_with("!ACCNT")
            || l.starts_with("!TRNS")
            || l.starts_with("!SPL")
    });
    if iif {
        return Sniffed::Iif;
    }
    Sniffed::Delimited
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_by_content() {
        assert_eq!(
            sniff(b"%PDF-1.7\n...", ""),
            Sniffed::Binary {
                what: "a PDF document"
            }
        );
        assert_eq!(sniff(b"  \n", "  \n"), Sniffed::Empty);
        let ofx = "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><SIGNONMSGSRSV1>";
        assert_eq!(sniff(ofx.as_bytes(), ofx), Sniffed::Ofx);
        let iif = "!ACCNT\tNAME\tACCNTTYPE\nACCNT\tChecking\tBANK\n";
        assert_eq!(sniff(iif.as_bytes(), iif), Sniffed::Iif);
        let csv = "Date,Description,Amount\n01/02/2026,Coffee,-3.50\n";
        assert_eq!(sniff(csv.as_bytes(), csv), Sniffed::Delimited);
        let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(sniff(&garbage, ""), Sniffed::Binary { .. }));
    }
}
