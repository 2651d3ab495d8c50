//! QuickBooks chart-of-accounts exports saved as Excel workbooks (.xlsx): the QBO
//! Account List and the QuickBooks Desktop Account Listing.
//!
//! An .xlsx is a zip of XML parts. This reader opens only what an account list needs
//! (the workbook's sheet list, its shared strings and its sheets, in order) with a
//! small zip reader over `miniz_oxide` (deflate) and `quick-xml`, instead of calamine:
//! calamine also carries xls/xlsb/ods support and every encoding_rs table (~500 KB of
//! the wasm that every page visitor downloads). Cells become rows of strings (numbers
//! as Excel shows them unformatted: `1010`, `99250.02`) with their sheet row numbers as
//! lines, and the shared [`super::chart_columns::read_rows`] reads them like the CSV export.

use std::borrow::Cow;
use std::collections::BTreeMap;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::model::{Problem, ProblemKind};

use super::chart_columns::{self, Container};
use super::ChartRead;

/// Columns past this are ignored: no account list is this wide, and a damaged sheet
/// naming column XFD must not make every row 16,384 cells long.
const MAX_COLUMNS: u32 = 256;

/// Cells read from one sheet at most; a workbook past this is not a chart export.
const MAX_CELLS: usize = 4_000_000;

/// The largest a single part may inflate to: a zip bomb becomes an error, not an
/// out-of-memory abort (a 4-million-cell sheet is well under this).
const MAX_PART_BYTES: usize = 128 << 20;

/// Shared strings kept at most (each `<si>` is one); past this the workbook is not a chart.
const MAX_SHARED_STRINGS: usize = 4_000_000;

/// Bytes inflated from the whole workbook at most, however many parts (or how many
/// directory entries pointing at one part) it has: a 981 KB file with 10,000 sheet entries
/// over one 120 MB part is refused after this much, not after 1.2 TB of inflating.
const MAX_TOTAL_INFLATED: usize = 160 << 20;

/// Characters one cell may carry: no account name or description comes near this, and a
/// workbook whose every cell points at one 10 MB shared string must not become a
/// 1.6 GB report.
const MAX_CELL_CHARS: usize = 1024;

/// Text all cells of the sheets read may carry together.
const MAX_SHEET_TEXT: usize = 64 << 20;

/// Sheets looked at for an account list at most.
const MAX_SHEETS: usize = 64;

/// A sheet's non-empty rows: 1-based row number and cell texts from column A.
pub(crate) type Rows = Vec<(usize, Vec<String>)>;

/// The zip container: the central directory's entries, read lazily.
mod zip {
    use std::collections::BTreeMap;

    /// One stored part: where its data starts and how it is compressed.
    struct Entry {
        /// Compression method: 0 stored, 8 deflate.
        method: u16,
        /// Compressed size from the central directory.
        compressed: usize,
        /// Offset of the part's local header.
        local_header: usize,
    }

    /// A zip archive over a byte slice; names are looked up case-insensitively with
    /// `/` separators (some writers use `\` or a leading `/`).
    pub struct Archive<'a> {
        bytes: &'a [u8],
        entries: BTreeMap<String, Entry>,
        /// Bytes that may still be inflated from this archive, over all parts.
        budget: std::cell::Cell<usize>,
    }

    fn u16_at(b: &[u8], at: usize) -> Option<u16> {
        let s = b.get(at..at.checked_add(2)?)?;
        Some(u16::from_le_bytes([s[0], s[1]]))
    }

    fn u32_at(b: &[u8], at: usize) -> Option<u32> {
        let s = b.get(at..at.checked_add(4)?)?;
        Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    /// The canonical form of a part name for lookups.
    pub fn canonical_part_name(name: &str) -> String {
        name.replace('\\', "/")
            .trim_start_matches('/')
            .to_ascii_lowercase()
    }

    impl<'a> Archive<'a> {
        /// Reads the central directory. Errors say what is wrong, in plain words.
        pub fn open(bytes: &'a [u8]) -> Result<Self, String> {
            const EOCD: u32 = 0x0605_4b50;
            const CENTRAL: u32 = 0x0201_4b50;
            let not_zip = || "it is not a zip archive, or it was cut short".to_string();
            // The end-of-central-directory record is in the last 22 + 65,535 bytes.
            let low = bytes.len().saturating_sub(22 + 0xFFFF);
            let end = (low..=bytes.len().saturating_sub(22))
                .rev()
                .find(|&i| u32_at(bytes, i) == Some(EOCD))
                .ok_or_else(not_zip)?;
            let count = u16_at(bytes, end + 10).ok_or_else(not_zip)?;
            let offset = u32_at(bytes, end + 16).ok_or_else(not_zip)?;
            if count == 0xFFFF || offset == 0xFFFF_FFFF {
                return Err("it is a ZIP64 archive, which no chart export is".into());
            }
            let mut entries = BTreeMap::new();
            let mut at = offset as usize;
            if at > bytes.len() {
                return Err("its zip directory is damaged".into());
            }
            for _ in 0..count {
                if u32_at(bytes, at) != Some(CENTRAL) {
                    return Err("its zip directory is damaged".into());
                }
                let field = |o: usize| u16_at(bytes, at + o).map(usize::from).ok_or_else(not_zip);
                let method = u16_at(bytes, at + 10).ok_or_else(not_zip)?;
                let compressed = u32_at(bytes, at + 20).ok_or_else(not_zip)? as usize;
                let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
                let local_header = u32_at(bytes, at + 42).ok_or_else(not_zip)? as usize;
                if local_header > bytes.len() {
                    return Err("its zip directory is damaged".into());
                }
                let name = bytes.get(at + 46..at + 46 + name_len).ok_or_else(not_zip)?;
                let name = canonical_part_name(&String::from_utf8_lossy(name));
                entries.entry(name).or_insert(Entry {
                    method,
                    compressed,
                    local_header,
                });
                at += 46 + name_len + extra_len + comment_len;
            }
            Ok(Archive {
                bytes,
                entries,
                budget: std::cell::Cell::new(super::MAX_TOTAL_INFLATED),
            })
        }

        /// Whether a part of this name is in the archive.
        pub fn has(&self, name: &str) -> bool {
            self.entries.contains_key(&canonical_part_name(name))
        }

        /// A part's bytes, inflated; `None` when absent, `Err` when damaged or too large.
        pub fn read(&self, name: &str, limit: usize) -> Option<Result<Vec<u8>, String>> {
            let entry = self.entries.get(&canonical_part_name(name))?;
            let budget = self.budget.get();
            let result = self.inflate(entry, limit.min(budget)).map_err(|e| {
                if budget < limit && e.contains("inflates past") {
                    "its parts together inflate past the size any chart export has".to_string()
                } else {
                    e
                }
            });
            match &result {
                Ok(bytes) => self.budget.set(budget.saturating_sub(bytes.len())),
                // The budget ran out: every later part is refused without inflating.
                Err(_) if budget < limit => self.budget.set(0),
                Err(_) => {}
            }
            Some(result)
        }

        fn inflate(&self, e: &Entry, limit: usize) -> Result<Vec<u8>, String> {
            let damaged = || format!("its part at byte {} is damaged", e.local_header);
            if u32_at(self.bytes, e.local_header) != Some(0x0403_4b50) {
                return Err(damaged());
            }
            let name_len = u16_at(self.bytes, e.local_header + 26).ok_or_else(damaged)?;
            let extra_len = u16_at(self.bytes, e.local_header + 28).ok_or_else(damaged)?;
            let start = e.local_header + 30 + usize::from(name_len) + usize::from(extra_len);
            let data = start
                .checked_add(e.compressed)
                .and_then(|end| self.bytes.get(start..end))
                .ok_or_else(damaged)?;
            match e.method {
                0 if data.len() <= limit => Ok(data.to_vec()),
                0 => Err("a part inflates past the size any chart export has".into()),
                8 => {
                    miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|err| {
                        if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                            "a part inflates past the size any chart export has".to_string()
                        } else {
                            damaged()
                        }
                    })
                }
                m => Err(format!(
                    "a part uses zip compression method {m}, not deflate"
                )),
            }
        }
    }
}

/// An element's attribute by local name (prefixes such as `r:` ignored), unescaped.
fn attr<'a>(e: &'a BytesStart<'a>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(
            |a| match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(_) => a.value.into_owned(),
            },
        )
}

/// The text an entity or character reference stands for.
fn resolve(r: &BytesRef) -> Cow<'static, str> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Cow::Owned(c.to_string());
    }
    Cow::Borrowed(match r.as_ref() {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    })
}

/// A part as UTF-8 text (xlsx parts are UTF-8; a stray bad byte becomes U+FFFD).
fn part_text(zip: &zip::Archive, name: &str) -> Option<Result<String, String>> {
    // Valid UTF-8 (every real part) becomes text without a copy of the part.
    zip.read(name, MAX_PART_BYTES).map(|r| {
        r.map(|b| {
            String::from_utf8(b)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        })
    })
}

/// Resolves a relationship target against the folder of the part that names it.
fn target_path(base_dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A relationships part: id → (type, target path resolved against `base_dir`).
fn relationships(zip: &zip::Archive, rels: &str, base_dir: &str) -> Vec<(String, String, String)> {
    let Some(Ok(text)) = part_text(zip, rels) else {
        return Vec::new();
    };
    let mut reader = Reader::from_str(&text);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                let id = attr(&e, "Id").unwrap_or_default();
                let ty = attr(&e, "Type").unwrap_or_default();
                if let Some(target) = attr(&e, "Target") {
                    out.push((id, ty, target_path(base_dir, &target)));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The workbook's sheets in tab order (name, part path) and its shared-strings path.
fn workbook_parts(zip: &zip::Archive) -> Result<(Vec<(String, String)>, String), String> {
    let workbook = relationships(zip, "_rels/.rels", "")
        .into_iter()
        .find(|r| r.1.ends_with("/officeDocument"))
        .map(|r| r.2)
        .unwrap_or_else(|| "xl/workbook.xml".into());
    let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", workbook.as_str()));
    let rels = relationships(zip, &format!("{dir}/_rels/{file}.rels"), dir);
    let text = part_text(zip, &workbook)
        .ok_or("it has no workbook part; it is not an .xlsx workbook")??;
    let mut reader = Reader::from_str(&text);
    let mut sheets = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                let name = attr(&e, "name").unwrap_or_default();
                let id = attr(&e, "id").unwrap_or_default();
                if let Some(r) = rels.iter().find(|r| r.0 == id) {
                    sheets.push((name, r.2.clone()));
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("its workbook part is damaged ({e})")),
            _ => {}
        }
    }
    let shared = rels
        .iter()
        .find(|r| r.1.ends_with("/sharedStrings"))
        .map(|r| r.2.clone())
        .unwrap_or_else(|| format!("{dir}/sharedStrings.xml"));
    Ok((sheets, shared))
}

/// The shared-strings table: each `<si>`'s text runs joined, phonetic runs skipped.
fn shared_strings(zip: &zip::Archive, path: &str) -> Result<Vec<String>, String> {
    let Some(text) = part_text(zip, path) else {
        return Ok(Vec::new());
    };
    let text = text?;
    let mut reader = Reader::from_str(&text);
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut in_si, mut in_t, mut in_phonetic) = (false, false, false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "si" => {
                    in_si = true;
                    current.clear();
                }
                "t" => in_t = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "si" => {
                    in_si = false;
                    if out.len() >= MAX_SHARED_STRINGS {
                        return Err("it has too many strings to be a chart of accounts".into());
                    }
                    out.push(std::mem::take(&mut current));
                }
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            Ok(Event::Text(t)) if in_si && in_t && !in_phonetic => {
                current.push_str(&t.xml10_content())
            }
            Ok(Event::CData(t)) if in_si && in_t && !in_phonetic => {
                current.push_str(&t.into_inner())
            }
            Ok(Event::GeneralRef(r)) if in_si && in_t && !in_phonetic => {
                current.push_str(&resolve(&r))
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("its shared strings are damaged ({e})")),
            _ => {}
        }
    }
    Ok(out)
}

/// A cell reference's zero-based column and one-based row (`C5` → (2, 5)).
fn cell_ref(r: &str) -> Option<(u32, Option<u32>)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for b in r.bytes().take(letters) {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row = r.get(letters..).and_then(|d| d.parse().ok());
    Some((col - 1, row))
}

/// Excel's number text as Excel shows it unformatted: the shortest form that reads back
/// (`24310.549999999999` written by Excel is `24310.55`); non-numbers stay as written.
fn number_text(v: &str) -> String {
    match v.trim().parse::<f64>() {
        Ok(n) if n.is_finite() => n.to_string(),
        _ => v.to_string(),
    }
}

/// A cell's text cut to [`MAX_CELL_CHARS`] characters.
fn clip_cell(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// What a cell shows, as text: its shared string, its number as Excel writes it, its
/// boolean, or its inline text; never longer than [`MAX_CELL_CHARS`].
fn cell_text(kind: &str, value: &str, shared: &[String]) -> String {
    let text = match kind {
        "s" => value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| shared.get(i))
            .map(|s| clip_cell(s).to_string())
            .unwrap_or_default(),
        "n" | "" => number_text(value),
        "b" => match value.trim() {
            "1" => "true".into(),
            "0" => "false".into(),
            v => v.to_string(),
        },
        _ => value.to_string(),
    };
    match text.len() > MAX_CELL_CHARS {
        true => clip_cell(&text).to_string(),
        false => text,
    }
}

/// A sheet's cells as they are read, with the budgets that keep a hostile sheet small:
/// at most [`MAX_CELLS`] cells and [`MAX_SHEET_TEXT`] bytes of text in all.
#[derive(Default)]
struct SheetCells {
    rows: BTreeMap<u32, Vec<String>>,
    cells: usize,
    text: usize,
}

impl SheetCells {
    /// Stores a cell's text, made only for a column that is kept.
    fn store(&mut self, row: u32, col: u32, text: impl FnOnce() -> String) -> Result<(), String> {
        if col >= MAX_COLUMNS {
            return Ok(());
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err("the sheet has too many cells to be a chart of accounts".into());
        }
        let text = text();
        if text.trim().is_empty() {
            return Ok(());
        }
        self.text += text.len();
        if self.text > MAX_SHEET_TEXT {
            return Err("the sheet holds more text than any chart of accounts".into());
        }
        let cells = self.rows.entry(row).or_default();
        let col = col as usize;
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = text;
        Ok(())
    }

    /// The rows with text, by their 1-based row numbers.
    fn into_rows(self) -> Rows {
        self.rows
            .into_iter()
            .filter(|(r, _)| *r > 0)
            .map(|(r, cells)| (r as usize, cells))
            .collect()
    }
}

/// Reads one sheet's cells into rows (only rows with text are kept).
fn sheet_rows(text: &str, shared: &[String]) -> Result<Rows, String> {
    let mut reader = Reader::from_str(text);
    let mut cells = SheetCells::default();
    let (mut row, mut col): (u32, u32) = (0, 0);
    let mut kind = String::new();
    let mut value = String::new();
    let (mut in_cell, mut in_text, mut in_phonetic) = (false, false, false);
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(format!("the sheet's XML is damaged ({e})")),
        };
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                row = attr(&e, "r")
                    .and_then(|r| r.trim().parse().ok())
                    .unwrap_or(row.saturating_add(1));
                col = 0;
            }
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "c" => {
                let at = attr(e, "r").and_then(|r| cell_ref(&r));
                if let Some((c, r)) = at {
                    col = c;
                    if let Some(r) = r {
                        row = r;
                    }
                }
                kind = attr(e, "t").unwrap_or_default();
                value.clear();
                if matches!(event, Event::Empty(_)) {
                    col = col.saturating_add(1);
                } else {
                    in_cell = true;
                }
            }
            Event::Start(e) => match e.local_name().as_ref() {
                "v" | "t" if in_cell => in_text = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "c" if in_cell => {
                    in_cell = false;
                    cells.store(row, col, || cell_text(&kind, &value, shared))?;
                    col = col.saturating_add(1);
                }
                "v" | "t" => in_text = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            Event::Text(t) if in_text && !in_phonetic && value.len() < MAX_CELL_CHARS * 4 => {
                value.push_str(&t.xml10_content())
            }
            Event::CData(t) if in_text && !in_phonetic && value.len() < MAX_CELL_CHARS * 4 => {
                value.push_str(&t.into_inner())
            }
            Event::GeneralRef(r) if in_text && !in_phonetic => value.push_str(&resolve(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(cells.into_rows())
}

/// Reads the workbook's sheets in tab order, handing each to `take` until it says it
/// found what it wants: a chart export's account list is on its first sheet, and the
/// sheets after it are never inflated.
pub(crate) fn read_sheets(
    bytes: &[u8],
    mut take: impl FnMut(String, Result<Rows, String>) -> bool,
) -> Result<(), String> {
    let zip = zip::Archive::open(bytes)?;
    let (sheets, shared_path) = workbook_parts(&zip)?;
    if sheets.is_empty() && !zip.has("xl/workbook.xml") {
        return Err("it has no workbook part; it is not an .xlsx workbook".into());
    }
    let shared = shared_strings(&zip, &shared_path)?;
    for (name, path) in sheets.into_iter().take(MAX_SHEETS) {
        let rows = match part_text(&zip, &path) {
            Some(Ok(text)) => sheet_rows(&text, &shared),
            Some(Err(e)) => Err(e),
            None => Err("its sheet part is missing".into()),
        };
        if take(name, rows) {
            break;
        }
    }
    Ok(())
}

/// Reads a chart-of-accounts Excel workbook: the first sheet with an account-list
/// header. A damaged workbook, or one with no account list, gives an Error problem and
/// no chart.
pub fn read(file: &str, bytes: &[u8]) -> ChartRead {
    let mut out = ChartRead::default();
    let mut damaged = Vec::new();
    let mut found = None;
    let mut self_employed = None;
    let opened = read_sheets(bytes, |sheet, rows| {
        match rows {
            Ok(rows) => {
                let head: Vec<Vec<String>> = rows
                    .iter()
                    .take(chart_columns::HEADER_SEARCH_ROWS)
                    .map(|r| r.1.clone())
                    .collect();
                if chart_columns::find_header(&head).is_some() {
                    found = Some(rows);
                    return true;
                }
                if super::self_employed::rows_look_like_export(&head) {
                    self_employed = Some(rows);
                    return true;
                }
            }
            Err(e) => damaged.push(format!("sheet \"{sheet}\": {e}")),
        }
        false
    });
    if let Err(e) = opened {
        out.problems.push(Problem::error(
            file,
            None,
            ProblemKind::Malformed,
            format!(
                "This Excel file could not be opened ({e}). It may be damaged or not a \
                 real .xlsx workbook: export the report from QuickBooks again, or export it as CSV."
            ),
        ));
        return out;
    }
    if let Some(rows) = found {
        return chart_columns::read_rows(file, &rows, Container::Xlsx);
    }
    if let Some(rows) = self_employed {
        return super::self_employed::read_rows(file, &rows, Container::Xlsx);
    }
    let message = if damaged.is_empty() {
        "This Excel workbook holds no account list: no sheet has a header row with an \
         account name column (Account, Full name or Name) and a Type column. Export the \
         Account List (QuickBooks Online) or Account Listing (QuickBooks Desktop) report."
            .to_string()
    } else {
        format!(
            "No account list could be read from this Excel workbook; it may be damaged ({}).",
            damaged.join("; ")
        )
    };
    out.problems.push(Problem::error(
        file,
        None,
        if damaged.is_empty() {
            ProblemKind::Unrecognized
        } else {
            ProblemKind::Malformed
        },
        message,
    ));
    out
}
