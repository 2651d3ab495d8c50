//! Property tests for issue 2's "nothing panics on any input": `qb324::check` on one to
//! three files of arbitrary bytes, or real exports spliced, truncated and bit-flipped,
//! each with a random role hint. Every run must return a `qb324.report/1` report whose
//! problems all name one of the given files, and reading every file through
//! `FileStream` in random chunk sizes must give the very same report.
//!
//! The seeds are the project's own test files (`tests/fixtures`) and the shared real
//! fixtures (`tests/common`). `PROPTEST_CASES` raises the case count.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use qb324::formats::{FileStream, RoleHint};
use qb324::{InputFile, Options};

/// Every seed file's bytes, read once.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dirs = [common::local_path("tests/fixtures"), common::real_dir()];
        let mut out = Vec::new();
        for dir in dirs {
            collect(&dir, &mut out);
        }
        assert!(!out.is_empty(), "no seed files under tests/fixtures");
        out.extend(hostile_seeds());
        out
    })
}

/// Issue 9's hostile shapes, small, so edits and splices start from them too: xlsx zips
/// whose entries share one part or whose cells all show one shared string, an OFX of
/// many statements, CSVs with controls, bidi, look-alikes and fullwidth digits.
fn hostile_seeds() -> Vec<Vec<u8>> {
    use std::io::Write;
    let xlsx = |shared: &str, sheet: &str| {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in [
            (
                "_rels/.rels",
                r#"<Relationships><Relationship Id="r0" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<workbook><sheets><sheet name="A" sheetId="1" r:id="s1"/><sheet name="B" sheetId="2" r:id="s1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="s1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="ss" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
            ),
            ("xl/sharedStrings.xml", shared),
            ("xl/worksheets/sheet1.xml", sheet),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    };
    let big = format!(
        "<sst><si><t>Account</t></si><si><t>Type</t></si><si><t>Bank</t></si><si><t>{}</t></si></sst>",
        "A".repeat(3000)
    );
    let mut sheet = String::from(
        r#"<worksheet><sheetData><row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>"#,
    );
    for r in 2..30 {
        sheet.push_str(&format!(
            r#"<row r="{r}"><c t="s"><v>3</v></c><c t="s"><v>2</v></c></row>"#
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let mut ofx = String::from("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1><SONRS><FI><ORG>Bank 123456789012<FID>98765432101</FI><INTU.BID>5556667778</SONRS></SIGNONMSGSRSV1><BANKMSGSRSV1>");
    for i in 0..40 {
        ofx.push_str(&format!("<STMTTRNRS><STMTRS><BANKACCTFROM><BANKID>{}<ACCTID>{i:08}<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20261002<TRNAMT>-1.00<NAME>N\u{202e}X</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS>", 100 + i % 3));
    }
    ofx.push_str("</BANKMSGSRSV1></OFX>");
    vec![
        xlsx(&big, &sheet),
        ofx.into_bytes(),
        "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,\r\nDEBIT,11/02/2026,\"A\u{1b}[2J\nB\u{202e}\u{200b}\u{ff14}\u{ff18}\u{ff12}\u{ff11}\",-12.00,ACH_DEBIT,100.00,,\r\n"
            .as_bytes()
            .to_vec(),
        "Account,Type,Detail type\nChase Checking,Bank,Checking\n\"Chase Che\u{202e}gnikc\",Bank,Checking\n\u{421}hase Checking,Bank,Checking\n\"Checking 4111\u{a0}1111\u{a0}1111\u{a0}4821\",Bank,Checking\nAcct,Weird,,\nAcct,Weird,,\n"
            .as_bytes()
            .to_vec(),
    ]
}

fn collect(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    // Sorted, so a seed index names the same file on every run (shrinking and replay).
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e != "json" && e != "md") {
            if let Ok(bytes) = std::fs::read(&path) {
                out.push(bytes);
            }
        }
    }
}

/// One edit to a real file.
#[derive(Clone, Debug)]
enum Edit {
    /// Cut the file at this fraction of its length.
    Truncate(f64),
    /// XOR one byte (at a fraction of the length) with a mask.
    Flip(f64, u8),
    /// Insert a piece of another seed (index, from, len) at a fraction of the length.
    Splice(f64, usize, f64, usize),
    /// Repeat the body after the first line until the file passes `FileStream`'s
    /// 64 KiB head, so the chunked sniff decides on a prefix, not the whole file.
    Grow(usize),
}

fn at(len: usize, frac: f64) -> usize {
    ((len as f64 * frac) as usize).min(len)
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    let seeds = seeds();
    for edit in edits {
        match *edit {
            Edit::Truncate(f) => bytes.truncate(at(bytes.len(), f)),
            Edit::Flip(f, mask) => {
                let i = at(bytes.len(), f);
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= mask;
                }
            }
            Edit::Splice(f, seed, from, len) => {
                let other = &seeds[seed % seeds.len()];
                let start = at(other.len(), from);
                let end = (start + len).min(other.len());
                let i = at(bytes.len(), f);
                bytes.splice(i..i, other[start..end].iter().copied());
            }
            Edit::Grow(target) => {
                let body_start = bytes.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
                let body = bytes[body_start..].to_vec();
                if body.is_empty() {
                    continue;
                }
                while bytes.len() < target {
                    bytes.extend_from_slice(&body);
                }
            }
        }
    }
    bytes
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0.0..1.0f64).prop_map(Edit::Truncate),
        8 => (0.0..1.0f64, 1u8..=255).prop_map(|(f, m)| Edit::Flip(f, m)),
        4 => (0.0..1.0f64, any::<usize>(), 0.0..1.0f64, 0usize..400)
            .prop_map(|(f, s, from, len)| Edit::Splice(f, s, from, len)),
        1 => (66_000usize..140_000).prop_map(Edit::Grow),
    ]
}

/// A file's bytes: arbitrary, or a real export with a few edits.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..600),
        // Text-like noise: the characters CSV and OFX readers branch on.
        1 => proptest::collection::vec(
            prop::sample::select(b"<>/,;\"\t\n\r0123456789.-+$()ABCDEFGHIJKLMNOPQRSTUVWXYZ ".to_vec()),
            0..800,
        ),
        4 => (any::<usize>(), proptest::collection::vec(edit(), 0..5))
            .prop_map(|(i, edits)| apply(seeds()[i % seeds().len()].clone(), &edits)),
    ]
}

fn role() -> impl Strategy<Value = RoleHint> {
    prop_oneof![
        Just(RoleHint::Any),
        Just(RoleHint::Chart),
        Just(RoleHint::Statement)
    ]
}

/// Names as users have them: the reader looks at extensions and kind words.
const NAMES: &[&str] = &[
    "accounts.csv",
    "statement.ofx",
    "chase checking.qfx",
    "card.csv",
    "list.iif",
    "chart.xlsx",
    "noext",
];

fn files() -> impl Strategy<Value = Vec<(String, Vec<u8>, RoleHint, Vec<usize>)>> {
    let one = (
        0..NAMES.len(),
        file_bytes(),
        role(),
        proptest::collection::vec(1usize..5000, 1..8),
    );
    proptest::collection::vec(one, 1..=3).prop_map(|v| {
        v.into_iter()
            .enumerate()
            // Distinct names, so "names one of the given files" is a real check.
            .map(|(i, (n, b, r, chunks))| (format!("{i}-{}", NAMES[n]), b, r, chunks))
            .collect()
    })
}

fn options() -> Options {
    Options {
        today: qb324::model::Date::new(2026, 11, 30).ok(),
        ..Options::default()
    }
}

/// Reads a file through `FileStream`, fed in chunks whose sizes cycle through `sizes`.
fn streamed(name: &str, bytes: &[u8], hint: RoleHint, sizes: &[usize]) -> qb324::formats::FileRead {
    let mut stream = FileStream::new(name, hint);
    let mut rest = bytes;
    let mut k = 0;
    while !rest.is_empty() {
        let n = sizes[k % sizes.len()].min(rest.len());
        let (chunk, tail) = rest.split_at(n);
        stream.feed(chunk);
        rest = tail;
        k += 1;
    }
    stream.finish()
}

proptest! {
    // Debug builds read a grown (140 KB) file in tens of milliseconds; 600 cases keep the
    // whole test near ten seconds on a loaded machine.
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn check_never_panics_and_streaming_agrees(files in files()) {
        let inputs: Vec<InputFile> = files
            .iter()
            .map(|(n, b, r, _)| InputFile::new(n, b).with_role(*r))
            .collect();
        let report = qb324::check(&inputs, &options());
        prop_assert_eq!(report.schema, "qb324.report/1");
        for p in &report.problems {
            prop_assert!(
                files.iter().any(|(n, ..)| *n == p.file),
                "problem names no given file: {:?}", p
            );
        }
        prop_assert_eq!(report.files.len(), files.len());

        let reads = files
            .iter()
            .map(|(n, b, r, sizes)| streamed(n, b, *r, sizes))
            .collect();
        let chunked = qb324::check_reads(reads, &options());
        let whole = serde_json::to_value(&report).unwrap();
        let chunked = serde_json::to_value(&chunked).unwrap();
        if let Some(d) = first_difference("", &whole, &chunked) {
            prop_assert!(false, "FileStream in chunks differs from check: {}", d);
        }
    }
}

/// The first place two JSON values differ, as `path: whole vs chunked` (the whole
/// reports are too long to print).
fn first_difference(path: &str, a: &serde_json::Value, b: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let w = y.get(k).unwrap_or(&Value::Null);
                if let Some(d) = first_difference(&format!("{path}.{k}"), v, w) {
                    return Some(d);
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{path}.{k}: missing vs present"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(&format!("{path}[{i}]"), v, w) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{path}: {} items vs {}", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}
