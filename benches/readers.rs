//! Big-file benchmarks for the readers (issue 2's "ready for big files"): a generated
//! 1,000,000-row bank CSV and a 200,000-transaction OFX, read
//!
//! * whole with `qb324::formats::read_file`,
//! * through `FileStream` fed in 1 MiB chunks (what the page's worker does),
//! * and by a peer in the same process for a ratio: the plain `csv` crate counting
//!   records of the same bytes, and a `memchr` scan counting `<STMTTRN>` (the floor of
//!   any OFX reader).
//!
//! Before the timings it prints the peak heap of reading each file whole and in chunks,
//! measured with a counting global allocator.
//!
//! `cargo bench --bench readers` (a few minutes; `-- csv` or `-- ofx` for one group).

#[path = "shared/mod.rs"]
mod shared;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use qb324::formats::{read_file, FileRead, FileStream, RoleHint};

const CSV_ROWS: usize = 1_000_000;
const OFX_TRANSACTIONS: usize = 200_000;
const CHUNK: usize = 1 << 20;

/// A checking account's export: header, then dated rows with varied payees, amounts
/// and a running balance, as a bank writes them.
fn bank_csv() -> Vec<u8> {
    const PAYEES: &[&str] = &[
        "ACH DEPOSIT PAYROLL ACME CORP",
        "POS PURCHASE WHOLE FOODS #1042",
        "CHECK 1043",
        "ONLINE TRANSFER TO SAVINGS XXXXXX7750",
        "\"AMAZON MKTPLACE, SEATTLE WA\"",
        "ATM WITHDRAWAL 5TH AVE",
        "ZELLE PAYMENT FROM J SMITH",
    ];
    let mut out = String::with_capacity(CSV_ROWS * 64);
    out.push_str("Date,Description,Amount,Balance\n");
    let mut balance: i64 = 1_000_000;
    for i in 0..CSV_ROWS {
        let (y, m, d) = (2000 + (i / 10_000) % 25, 1 + (i / 800) % 12, 1 + i % 28);
        let cents = ((i * 7919) % 200_000) as i64 - 100_000;
        balance += cents;
        let payee = PAYEES[i % PAYEES.len()];
        out.push_str(&format!(
            "{m:02}/{d:02}/{y},{payee},{}.{:02},{}.{:02}\n",
            cents / 100,
            (cents % 100).abs(),
            balance / 100,
            (balance % 100).abs()
        ));
    }
    out.into_bytes()
}

/// An SGML (OFX 1.02) bank statement, leaves without end tags as banks send them.
fn ofx() -> Vec<u8> {
    shared::ofx(OFX_TRANSACTIONS)
}

fn streamed(name: &str, bytes: &[u8]) -> FileRead {
    let mut stream = FileStream::new(name, RoleHint::Statement);
    for chunk in bytes.chunks(CHUNK) {
        stream.feed(chunk);
    }
    stream.finish()
}

fn transactions(read: &FileRead) -> usize {
    read.statements.iter().map(|s| s.transactions.len()).sum()
}

fn mib(n: usize) -> String {
    format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
}

/// Prints peak memory and one timed read of each file, and checks the readers read every
/// generated transaction (a benchmark of a reader that gave up would be meaningless).
fn memory(csv: &[u8], ofx: &[u8]) {
    for (name, bytes, want) in [
        ("big.csv", csv, CSV_ROWS),
        ("big.ofx", ofx, OFX_TRANSACTIONS),
    ] {
        let t = Instant::now();
        let (whole, read) = shared::peak_of(|| read_file(name, bytes, RoleHint::Statement));
        let whole_time = t.elapsed();
        assert_eq!(
            transactions(&read),
            want,
            "{name}: {:?}",
            read.problems.first()
        );
        drop(read);
        let t = Instant::now();
        let (chunked, read) = shared::peak_of(|| streamed(name, bytes));
        let chunked_time = t.elapsed();
        assert_eq!(transactions(&read), want, "{name} streamed");
        drop(read);
        println!(
            "memory {name} ({}, {want} transactions): read_file peak {} above the input \
             (+ the {} input itself = {}), {:.2?}; FileStream 1 MiB chunks peak {} \
             (+ one 1 MiB chunk), {:.2?}",
            mib(bytes.len()),
            mib(whole),
            mib(bytes.len()),
            mib(whole + bytes.len()),
            whole_time,
            mib(chunked),
            chunked_time
        );
    }
}

fn main() {
    let csv = bank_csv();
    let ofx = ofx();
    memory(&csv, &ofx);

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .configure_from_args();

    let mut g = c.benchmark_group("csv_1M_rows");
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function("read_file", |b| {
        b.iter(|| read_file("big.csv", black_box(&csv), RoleHint::Statement))
    });
    g.bench_function("file_stream_1MiB", |b| {
        b.iter(|| streamed("big.csv", black_box(&csv)))
    });
    g.bench_function("peer_csv_crate_count", |b| {
        b.iter(|| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(black_box(&csv[..]));
            let mut record = csv::ByteRecord::new();
            let mut n = 0usize;
            while reader.read_byte_record(&mut record).unwrap_or(false) {
                n += 1;
            }
            assert_eq!(n, CSV_ROWS + 1);
            n
        })
    });
    g.finish();

    let mut g = c.benchmark_group("ofx_200k_transactions");
    g.throughput(Throughput::Bytes(ofx.len() as u64));
    g.bench_function("read_file", |b| {
        b.iter(|| read_file("big.ofx", black_box(&ofx), RoleHint::Statement))
    });
    g.bench_function("file_stream_1MiB", |b| {
        b.iter(|| streamed("big.ofx", black_box(&ofx)))
    });
    g.bench_function("peer_memchr_count", |b| {
        b.iter(|| {
            let n = memchr::memmem::find_iter(black_box(&ofx[..]), b"<STMTTRN>").count();
            assert_eq!(n, OFX_TRANSACTIONS);
            n
        })
    });
    g.finish();

    c.final_summary();
}
