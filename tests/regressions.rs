//! Inputs that once broke a reader (found by `fuzz/` or `tests/no_panic.rs`), kept so
//! they stay fixed. Each runs through `qb324::formats::read_file` and `qb324::check`
//! and must give a sensible answer: no panic, a `qb324.report/1` report, problems that
//! name the file, and the same reading whole or fed in chunks.
//!
//! A fuzz find's bytes go in `tests/fixtures/regressions/` (read with
//! `include_bytes!`); each test's comment says what its input found. So far the
//! fuzzers found nothing; the one find (by proptest) is built in code here.

use qb324::formats::{read_file, FileRead, FileStream, Role, RoleHint};
use qb324::input::TextEncoding;
use qb324::{InputFile, Options};

fn streamed(name: &str, bytes: &[u8], chunk: usize) -> FileRead {
    let mut stream = FileStream::new(name, RoleHint::Any);
    for piece in bytes.chunks(chunk) {
        stream.feed(piece);
    }
    stream.finish()
}

/// Reads `bytes` as `name` every way the faces do and checks the answer is sensible;
/// returns the whole-file read for the test's own assertions.
fn sensible(name: &str, bytes: &[u8]) -> FileRead {
    let read = read_file(name, bytes, RoleHint::Any);
    assert_eq!(read.file, name);
    for p in &read.problems {
        assert_eq!(p.file, name, "{p:?}");
    }
    let options = Options {
        today: qb324::model::Date::new(2026, 11, 30).ok(),
        ..Options::default()
    };
    let report = qb324::check(&[InputFile::new(name, bytes)], &options);
    assert_eq!(report.schema, "qb324.report/1");
    assert_eq!(report.files.len(), 1);
    for p in &report.problems {
        assert_eq!(p.file, name, "{p:?}");
    }
    let whole = serde_json::to_value(&report).unwrap();
    for chunk in [1, 7, 4096, 1 << 20] {
        let reads = vec![streamed(name, bytes, chunk)];
        let chunked = serde_json::to_value(qb324::check_reads(reads, &options)).unwrap();
        assert!(
            whole == chunked,
            "{name} read in {chunk}-byte chunks differs"
        );
    }
    read
}

/// Found by tests/no_panic.rs: a file over 64 KiB whose first non-UTF-8 byte comes after
/// the first 64 KiB was decoded as windows-1252 by `read_file` (which saw it whole) and
/// as UTF-8 by `FileStream` in chunks (which decided on the first 64 KiB), so the page
/// and the CLI reported different names. Both now read it as windows-1252: the first
/// non-ASCII character decides, wherever it stands (src/input/decode.rs).
#[test]
fn late_non_utf8_byte_decodes_the_same_whole_and_chunked() {
    let mut bytes = b"Date,Description,Amount\n".to_vec();
    while bytes.len() < 70_000 {
        bytes.extend_from_slice(b"01/02/2024,Coffee shop,-3.50\n");
    }
    bytes.extend_from_slice(b"01/03/2024,Caf\xe9 Paris,-4.00\n");
    let read = sensible("late-1252.csv", &bytes);
    assert_eq!(read.role, Role::Statement);
    // The first non-ASCII byte settles the encoding, wherever it stands.
    assert_eq!(read.encoding.map(TextEncoding::name), Some("windows-1252"));
    let encoding_problems = read
        .problems
        .iter()
        .filter(|p| p.kind == qb324::model::ProblemKind::Encoding);
    assert_eq!(encoding_problems.count(), 0, "{:?}", read.problems);
}
