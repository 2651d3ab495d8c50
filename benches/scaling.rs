//! Issue 9's 10× scaling ratios for the readers `benches/check.rs` does not time: an
//! xlsx chart (10k / 100k accounts), a Self-Employed export (20k / 200k rows over eight
//! connected accounts) and a QuickBooks register beside its statement (5k / 50k rows
//! each, so recovery matching runs on every row). Each is the whole check, so every rule
//! that reads the file runs too. Goal: time(10n) / time(n) ≤ 12.
//!
//! `cargo bench --bench scaling` (also run by `make bench`). Prints a table; no
//! criterion: one ratio per reader is the number wanted, median of three runs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use qb324::formats::RoleHint;
use qb324::{check, InputFile, Options};

/// A QBO Account List as Excel writes it: `n` accounts, a bank or card every fifth with
/// its last four in the name, the rest expense accounts.
fn chart_xlsx(n: usize) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Account", "Type", "Detail type", "Description"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..n {
        let row = (i + 1) as u32;
        let (name, t, detail) = match i % 5 {
            0 => (format!("Operating {:04}", i % 10_000), "Bank", "Checking"),
            1 => (
                format!("Visa {:04}", (i * 7) % 10_000),
                "Credit Card",
                "Credit Card",
            ),
            _ => (
                format!("Expense category {i}"),
                "Expenses",
                "Office/General Administrative Expenses",
            ),
        };
        ws.write_string(row, 0, &name).unwrap();
        ws.write_string(row, 1, t).unwrap();
        ws.write_string(row, 2, detail).unwrap();
        ws.write_string(row, 3, format!("Account number {i}"))
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// A Self-Employed transactions export of `n` rows across eight connected accounts.
fn self_employed(n: usize) -> Vec<u8> {
    const ACCOUNTS: [(&str, &str); 8] = [
        ("JPMorgan Chase", "Chase Checking (1234)"),
        ("JPMorgan Chase", "Chase Savings (5678)"),
        ("American Express", "Amex Gold (1005)"),
        ("Capital One", "Spark Cash (7731)"),
        ("Wells Fargo", "Business Checking (4410)"),
        ("Bank of America", "Adv Plus Banking (0923)"),
        ("Citibank", "Costco Visa (3321)"),
        ("PayPal", "PayPal Balance"),
    ];
    let mut out =
        String::from("Date,Bank,Account,Description,Amount,Type,Category,Receipt,Notes\n");
    for i in 0..n {
        let (bank, account) = ACCOUNTS[i % ACCOUNTS.len()];
        let (m, d) = (1 + (i / 28) % 12, 1 + i % 28);
        let cents = ((i * 7919) % 200_000) as i64 - 100_000;
        out.push_str(&format!(
            "{m:02}/{d:02}/2026,{bank},{account},PAYEE {} {i},{}.{:02},Business,Supplies,,\n",
            i % 997,
            cents / 100,
            (cents % 100).abs()
        ));
    }
    out.into_bytes()
}

/// The card's statement (Web Connect) and QuickBooks' Transaction Detail by Account for
/// it: `n` transactions each, the register missing every tenth, so matching has work.
fn register_and_statement(n: usize) -> (Vec<u8>, Vec<u8>) {
    let mut qbo = String::from(
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0\
         <SEVERITY>INFO</STATUS><DTSERVER>20261130<LANGUAGE>ENG<FI><ORG>AMEX<FID>3101</FI>\
         <INTU.BID>3101</SONRS></SIGNONMSGSRSV1><CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1\
         <STATUS><CODE>0<SEVERITY>INFO</STATUS><CCSTMTRS><CURDEF>USD<CCACCTFROM>\
         <ACCTID>371234567891005</CCACCTFROM><BANKTRANLIST><DTSTART>20200101<DTEND>20261130\n",
    );
    let mut register = String::from(
        "Acme Landscaping LLC\nTransaction Detail by Account\n\n\
         ,Date,Transaction Type,Num,Name,Memo/Description,Split,Amount,Balance\n\
         Amex Gold Card x1005,,,,,,,,\n",
    );
    for i in 0..n {
        let (y, m, d) = (2020 + (i / 4_000) % 7, 1 + (i / 300) % 12, 1 + i % 28);
        let cents = 100 + ((i * 7919) % 50_000) as i64;
        let amount = format!("{}.{:02}", cents / 100, cents % 100);
        qbo.push_str(&format!(
            "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>{y}{m:02}{d:02}<TRNAMT>-{amount}<FITID>{i:010}\
             <NAME>PAYEE {}</STMTTRN>\n",
            i % 997
        ));
        if i % 10 != 0 {
            register.push_str(&format!(
                ",{m:02}/{d:02}/{y},Expense,,Payee {},PAYEE {},Supplies,{amount},\n",
                i % 997,
                i % 997
            ));
        }
    }
    qbo.push_str("</BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>\n");
    (register.into_bytes(), qbo.into_bytes())
}

/// The whole check of `files`; returns a count so the work is not optimised away.
fn whole_check(files: &[(&str, &[u8], RoleHint)]) -> usize {
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(n, b, r)| InputFile::new(n, b).with_role(*r))
        .collect();
    let report = check(&inputs, &Options::default());
    report.findings.len()
        + report
            .statements
            .iter()
            .map(|s| s.transactions)
            .sum::<usize>()
        + report.chart.map_or(0, |c| c.accounts)
        + report
            .recovery
            .iter()
            .map(|r| r.transactions)
            .sum::<usize>()
}

fn median(f: &dyn Fn() -> usize) -> Duration {
    let mut t: Vec<Duration> = (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    t.sort();
    t[1]
}

fn ratio(what: &str, n: usize, small: &dyn Fn() -> usize, big: &dyn Fn() -> usize) {
    let (a, b) = (median(small), median(big));
    println!(
        "  {what}: {n} → {a:.1?}, {} → {b:.1?}, ratio {:.1}",
        n * 10,
        b.as_secs_f64() / a.as_secs_f64()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; any other word is a filter, as criterion takes it.
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    println!("scaling (median of 3 single runs; ratio = time(10n) / time(n), goal ≤ 12):");
    if wanted("xlsx") {
        let (s, b) = (chart_xlsx(10_000), chart_xlsx(100_000));
        ratio(
            "xlsx chart accounts, every rule",
            10_000,
            &|| whole_check(&[("coa.xlsx", &s, RoleHint::Chart)]),
            &|| whole_check(&[("coa.xlsx", &b, RoleHint::Chart)]),
        );
    }
    if wanted("self_employed") {
        let (s, b) = (self_employed(20_000), self_employed(200_000));
        ratio(
            "Self-Employed export rows, every rule",
            20_000,
            &|| whole_check(&[("qbse.csv", &s, RoleHint::Chart)]),
            &|| whole_check(&[("qbse.csv", &b, RoleHint::Chart)]),
        );
    }
    if wanted("register") {
        let (rs, ss) = register_and_statement(5_000);
        let (rb, sb) = register_and_statement(50_000);
        let run = |r: &[u8], s: &[u8]| {
            whole_check(&[
                ("detail.csv", r, RoleHint::Register),
                ("amex.qbo", s, RoleHint::Statement),
            ])
        };
        ratio(
            "register + statement rows, with recovery matching",
            5_000,
            &|| run(&rs, &ss),
            &|| run(&rb, &sb),
        );
    }
}
