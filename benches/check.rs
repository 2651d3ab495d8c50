//! Issue 9's native numbers, in one criterion run:
//!
//! * `chase_1M`: the whole check (`qb324::check`, chart + statement) of the 1M-row
//!   Chase-layout CSV, beside its peer in the same run: rust-csv reading every
//!   `ByteRecord` and parsing one amount per row (the floor any CSV checker stands on).
//!   Goal: the check at ≥ 0.5× the peer's speed.
//! * `scaling`: each reader and the rules at n and 10·n (ratio goal ≤ 12×): the Chase
//!   CSV (100k / 1M rows), an OFX (20k / 200k transactions), a chart CSV and an IIF
//!   (10k / 100k accounts, checked whole, so every chart rule runs), and the chart CSV
//!   again with its problems in proportion to its size (`chart_csv_even`).
//!
//! The Chase file is the same bytes as `scripts/gen-chase.mjs` writes (a port of its
//! generator), so the page bench and this one read one file.
//!
//! `make bench` (or `cargo bench --bench check`; `-- chase` for one group).

#[path = "shared/mod.rs"]
mod shared;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use qb324::formats::RoleHint;
use qb324::{check, InputFile, Options};

pub const CHART: &str = "Account,Type,Detail type\r\nChase Checking x4821,Bank,Checking\r\n";

/// `scripts/gen-chase.mjs`, ported: the same bytes for the same `rows`.
pub fn chase(rows: usize) -> Vec<u8> {
    const PAYEES: [&str; 6] = [
        "POS WHOLE FOODS #1042 SEA",
        "ACH PAYROLL ACME CORP PPD",
        "TRANSFER TO SAV XXXX7750",
        "AMAZON MKTPLACE AMZN.COM",
        "ZELLE FROM J SMITH 88231",
        "ATM WITHDRAWAL 5TH AVE",
    ];
    const TYPES: [&str; 6] = [
        "DEBIT_CARD",
        "ACH_CREDIT",
        "ACCT_XFER",
        "DEBIT_CARD",
        "QUICKPAY_CREDIT",
        "ATM",
    ];
    use std::fmt::Write;
    let money = |c: i64| {
        format!(
            "{}{}.{:02}",
            if c < 0 { "-" } else { "" },
            c.abs() / 100,
            c.abs() % 100
        )
    };
    let mut out =
        String::from("Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,\r\n");
    out.reserve(rows * 84);
    let mut balance: i64 = 1_000_000;
    for i in 0..rows {
        let k = (i * 7 + (i >> 3)) % 6;
        let cents = ((i as u64 * 2_654_435_761) % (1 << 32) % 50_000 + 1) as i64;
        let credit = k == 1 || k == 4;
        let amount = if credit { cents } else { -cents };
        balance += amount;
        let (day, month) = (i % 28 + 1, (i >> 5) % 12 + 1);
        let _ = write!(
            out,
            "{},{month:02}/{day:02}/2026,\"{} {}\",{},{},{},,\r\n",
            if credit { "CREDIT" } else { "DEBIT" },
            PAYEES[k],
            i % 1000,
            money(amount),
            TYPES[k],
            money(balance)
        );
    }
    out.into_bytes()
}

/// A QBO Account List of `n` accounts: bank, card and other accounts, some near-duplicate
/// names, bank numbers in names, sub-accounts.
pub fn chart_csv(n: usize) -> Vec<u8> {
    chart_accounts(n, |i| i % 10_000, |i| (i * 31) % 10_000, "Account")
}

/// [`chart_csv`]'s accounts with their problems in proportion to `n`. In
/// [`chart_csv`] every size draws last fours from one pool of 10,000 and "Account 12345"
/// reads as a numbered account from 10,000 accounts on, so accounts sharing a last four
/// grow 41× for 10× the accounts (and the report 18×): that measures the report's
/// growth, not the rules'. Here the pools are a tenth of `n` and the plain accounts
/// carry no number word, so each finding's group keeps its size.
pub fn chart_csv_even(n: usize) -> Vec<u8> {
    let pool = (n / 10).clamp(1, 10_000);
    chart_accounts(n, |i| (i / 7) % pool, |i| (i * 31) % pool, "Ledger")
}

/// The charts above: the last four digits of the i-th account's checking and card
/// names, and the word the other accounts' names start with.
fn chart_accounts(
    n: usize,
    checking_last4: impl Fn(usize) -> usize,
    card_last4: impl Fn(usize) -> usize,
    plain: &str,
) -> Vec<u8> {
    const TYPES: [(&str, &str); 5] = [
        ("Bank", "Checking"),
        ("Credit Card", "Credit Card"),
        ("Expenses", "Office Expenses"),
        ("Income", "Sales"),
        ("Bank", "Savings"),
    ];
    let mut out =
        String::from("Account List\nAcme Inc\n\nFull name,Type,Detail type,Description,Balance\n");
    for i in 0..n {
        let (t, d) = TYPES[i % TYPES.len()];
        let name = match i % 7 {
            0 => format!("Chase Checking x{:04}", checking_last4(i)),
            1 => format!("Visa {} - {:04}", i / 7, card_last4(i)),
            2 => format!("Parent {}:Child {}", i / 50, i),
            _ => format!(
                "{plain} {i} {}",
                ["Office", "Travel", "Meals", "Rent"][i % 4]
            ),
        };
        out.push_str(&format!(
            "{name},{t},{d},Desc {i},{}.{:02}\n",
            i * 3,
            i % 100
        ));
    }
    out.into_bytes()
}

/// The same accounts as an IIF list.
fn chart_iif(n: usize) -> Vec<u8> {
    let mut out = String::from("!ACCNT\tNAME\tACCNTTYPE\tDESC\tBANKNUM\tHIDDEN\n");
    for i in 0..n {
        let ty = ["BANK", "CCARD", "EXP", "INC"][i % 4];
        out.push_str(&format!(
            "ACCNT\tAccount {i} {}\t{ty}\tDesc {i}\t{}\tN\n",
            ["Chase", "Visa", "Office", "Rent"][i % 4],
            if i % 4 < 2 {
                format!("{:08}", i * 13)
            } else {
                String::new()
            }
        ));
    }
    out.into_bytes()
}

/// How many accounts the findings name, all findings together (a chart's problems).
fn findings(files: &[(&str, &[u8])]) -> usize {
    let inputs: Vec<InputFile> = files.iter().map(|(n, b)| InputFile::new(n, b)).collect();
    let report = check(&inputs, &Options::default());
    report.findings.iter().map(|f| f.accounts.len()).sum()
}

fn whole_check(files: &[(&str, &[u8])]) -> usize {
    let inputs: Vec<InputFile> = files.iter().map(|(n, b)| InputFile::new(n, b)).collect();
    let report = check(&inputs, &Options::default());
    report
        .statements
        .iter()
        .map(|s| s.transactions)
        .sum::<usize>()
        + report.chart.map_or(0, |c| c.accounts)
}

/// The peer: rust-csv reading every record as bytes, and one amount parsed per row.
fn peer(bytes: &[u8]) -> (usize, f64) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let (mut n, mut sum) = (0usize, 0f64);
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        n += 1;
        sum += std::str::from_utf8(record.get(3).unwrap_or(b""))
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(0.0);
    }
    (n, sum)
}

/// One timed run, for the scaling table (criterion's own numbers are in its output).
fn once(f: impl Fn() -> usize) -> Duration {
    let t = Instant::now();
    black_box(f());
    t.elapsed()
}

fn scaling() {
    println!("scaling (median of 3 single runs; ratio = time(10n) / time(n), goal ≤ 12):");
    let median = |f: &dyn Fn() -> usize| {
        let mut t: Vec<Duration> = (0..3).map(|_| once(f)).collect();
        t.sort();
        t[1]
    };
    type Make = fn(usize) -> Vec<u8>;
    let cases: [(&str, Make, usize, &str); 5] = [
        ("Chase CSV rows, whole check", chase, 100_000, "s.csv"),
        (
            "OFX transactions, whole check",
            shared::ofx,
            20_000,
            "s.ofx",
        ),
        (
            "chart CSV accounts, all rules",
            chart_csv,
            10_000,
            "coa.csv",
        ),
        (
            "chart CSV accounts, problems in proportion, all rules",
            chart_csv_even,
            10_000,
            "coa.csv",
        ),
        ("IIF accounts, all rules", chart_iif, 10_000, "coa.iif"),
    ];
    for (what, make, n, name) in cases {
        let small = make(n);
        let big = make(n * 10);
        let chart = CHART.as_bytes();
        let run = |b: &[u8]| {
            if name.starts_with("coa") {
                whole_check(&[(name, b)])
            } else {
                whole_check(&[("coa.csv", chart), (name, b)])
            }
        };
        let (a, b) = (median(&|| run(&small)), median(&|| run(&big)));
        let (fa, fb) = (findings(&[(name, &small)]), findings(&[(name, &big)]));
        let named = if fa + fb > 0 {
            format!(
                " (accounts named in findings: {fa} → {fb}, {:.1}×)",
                fb as f64 / fa.max(1) as f64
            )
        } else {
            String::new()
        };
        println!(
            "  {what}: {n} → {:.1?}, {} → {:.1?}, ratio {:.1}{named}",
            a,
            n * 10,
            b,
            b.as_secs_f64() / a.as_secs_f64(),
        );
    }
}

fn main() {
    let csv = chase(1_000_000);
    let chart = CHART.as_bytes();
    assert_eq!(
        whole_check(&[("coa.csv", chart), ("Chase4821.csv", &csv)]),
        1_000_001
    );
    assert_eq!(peer(&csv).0, 1_000_000);
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    if only.as_deref().is_none_or(|o| "scaling".contains(o)) {
        scaling();
    }

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15))
        .configure_from_args();
    let mut g = c.benchmark_group("chase_1M");
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function("qb324_whole_check", |b| {
        b.iter(|| whole_check(&[("coa.csv", chart), ("Chase4821.csv", black_box(&csv))]))
    });
    g.bench_function("peer_csv_byterecord_plus_amount", |b| {
        b.iter(|| peer(black_box(&csv)))
    });
    g.finish();
    let ofx = shared::ofx(200_000);
    let mut g = c.benchmark_group("ofx_200k");
    g.throughput(Throughput::Bytes(ofx.len() as u64));
    g.bench_function("qb324_read_file", |b| {
        b.iter(|| qb324::formats::read_file("s.ofx", black_box(&ofx), RoleHint::Statement))
    });
    g.finish();
    c.final_summary();
}
