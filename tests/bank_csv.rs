//! The bank CSV reader on layouts the real fixtures do not cover: synthetic files in
//! `tests/fixtures/bank_csv/`, the push form cut at every point, and mutated copies of
//! every real CSV fixture (no panic, ever).

mod common;

use std::path::Path;

use qb324::formats::bank_csv::{
    self, account_hint_from_filename, detect_layout, AmountStyle, BankCsvReader, DateOrder,
};
use qb324::formats::text::DecimalSeparator;
use qb324::formats::{read_file, Role, RoleHint, StatementsRead};
use qb324::input::TextEncoding;
use qb324::model::{AccountKind, Date, Money, ProblemKind, Severity, Statement};

use common::Rng;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bank_csv")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(name: &str) -> String {
    qb324::input::decode(&fixture(name)).text
}

fn only(read: &StatementsRead) -> &Statement {
    assert_eq!(read.statements.len(), 1, "problems: {:?}", read.problems);
    &read.statements[0]
}

fn date(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn money(s: &str) -> Money {
    Money::parse_plain(s).unwrap()
}

#[test]
fn semicolon_comma_decimal_day_first_decided_by_the_column() {
    let t = text("semicolon_day_first.csv");
    let layout = detect_layout(&t).unwrap();
    assert_eq!(layout.delimiter, b';');
    assert_eq!(layout.decimal, DecimalSeparator::Comma);
    assert_eq!(layout.date_order, Some(DateOrder::Dmy));
    assert_eq!(layout.header_line, Some(1));
    let read = bank_csv::read("umsaetze.csv", &t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    assert_eq!(s.transactions.len(), 4);
    assert_eq!(
        s.transactions.date_range(),
        Some((date(2025, 1, 3), date(2025, 2, 14)))
    );
    let first = s.transactions.get(0).unwrap();
    assert_eq!(first.amount, Some(money("-1250.00")));
    assert_eq!(first.line, 2);
    assert_eq!(s.transactions.amount_sum(), money("1724.15"));
    assert_eq!(s.ending_balance, Some(money("6724.15")));
}

#[test]
fn the_whole_column_decides_even_past_the_sniffed_prefix() {
    // 64 KiB and more of dates that read both ways, then one that only reads day-first.
    let mut t = String::from("Date,Description,Amount\n");
    let mut n = 0;
    while t.len() < 100 * 1024 {
        t.push_str(&format!(
            "0{}/0{}/2024,Row {n},-1.00\n",
            1 + n % 9,
            1 + n % 9
        ));
        n += 1;
    }
    t.push_str("25/12/2024,Christmas,-1.00\n");
    let read = bank_csv::read("x.csv", &t);
    let s = only(&read);
    assert_eq!(s.transactions.len(), n + 1);
    let last = s.transactions.get(n).unwrap();
    assert_eq!(last.date, Some(date(2024, 12, 25)));
    assert!(read.problems.is_empty(), "{:?}", read.problems);
}

#[test]
fn tab_delimited() {
    let t = text("tab_delimited.tsv");
    let layout = detect_layout(&t).unwrap();
    assert_eq!(layout.delimiter, b'\t');
    let read = bank_csv::read("tab_delimited.tsv", &t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.transactions.len(), 2);
    assert_eq!(s.transactions.amount_sum(), money("5.50"));
    assert_eq!(s.ending_balance, Some(money("1005.50")));
}

#[test]
fn windows_1252_and_utf16_through_read_file() {
    let r = read_file("cp1252.csv", &fixture("cp1252.csv"), RoleHint::Any);
    assert_eq!(r.role, Role::Statement, "{:?}", r.problems);
    assert_eq!(r.encoding.map(TextEncoding::name), Some("windows-1252"));
    let s = &r.statements[0];
    assert_eq!(s.transactions.get(0).unwrap().payee, "CAFÉ — €4 REÇU");
    assert_eq!(s.transactions.amount_sum(), money("96.00"));
    assert_eq!(s.currency, None, "a € in a description is not the currency");

    let r = read_file("utf16le.csv", &fixture("utf16le.csv"), RoleHint::Any);
    assert_eq!(r.role, Role::Statement, "{:?}", r.problems);
    let s = &r.statements[0];
    assert_eq!(s.transactions.len(), 2);
    assert_eq!(s.transactions.get(0).unwrap().payee, "Café");
    assert_eq!(s.transactions.get(1).unwrap().line, 3);
    assert_eq!(s.transactions.amount_sum(), money("46.80"));
}

#[test]
fn chase_style_name_gives_the_account() {
    let name = "Chase1234_Activity_20261115.CSV";
    assert_eq!(account_hint_from_filename(name).as_deref(), Some("1234"));
    let r = read_file(name, &fixture(name), RoleHint::Any);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let s = &r.statements[0];
    assert_eq!(s.account_hint_from_filename.as_deref(), Some("1234"));
    assert_eq!(
        s.account_id, None,
        "account_id is only what the file itself says"
    );
    assert_eq!(s.last4(), Some("1234"));
    assert_eq!(s.ending_balance, Some(money("1974.01")));
    assert_eq!(s.transactions.amount_sum(), money("1974.01"));
}

#[test]
fn us_debit_credit_with_a_preamble() {
    let t = text("us_debit_credit_preamble.csv");
    let layout = detect_layout(&t).unwrap();
    assert_eq!(layout.header_line, Some(5));
    assert_eq!(layout.amount_style, AmountStyle::DebitCredit);
    assert_eq!(layout.date_order, Some(DateOrder::Mdy));
    let read = bank_csv::read("export.csv", &t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.line, 5);
    assert_eq!(s.account_id.as_deref(), Some("XXXXXX4821"));
    assert_eq!(s.last4(), Some("4821"));
    assert_eq!(s.transactions.len(), 3);
    assert_eq!(s.transactions.amount_sum(), money("25.63"));
    assert_eq!(s.ending_balance, Some(money("5025.63")));
    assert_eq!(
        s.kind,
        AccountKind::Checking,
        "the preamble names a checking account"
    );
}

/// Decision (documented in the reader): when every date reads both ways and nothing in
/// the file shows its convention, month-first (US) is assumed and a warning says so.
#[test]
fn ambiguous_dates_are_read_month_first_with_a_warning() {
    let t = text("ambiguous_dates.csv");
    let read = bank_csv::read("ambiguous_dates.csv", &t);
    let s = only(&read);
    assert_eq!(s.transactions.get(0).unwrap().date, Some(date(2026, 1, 2)));
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    let p = &read.problems[0];
    assert_eq!(p.severity, Severity::Warning);
    assert!(p.message.contains("month/day/year"), "{}", p.message);
}

#[test]
fn a_bad_row_is_a_problem_on_its_line_and_kept() {
    let t = "Date,Description,Amount\n2026-01-02,Ok,-1.00\n2026-13-45,Bad date,-2.00\n2026-01-04,Bad amount,abc\n";
    let read = bank_csv::read("x.csv", t);
    let s = only(&read);
    assert_eq!(s.transactions.len(), 3);
    let lines: Vec<_> = read.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![Some(3), Some(4)]);
    assert!(read
        .problems
        .iter()
        .all(|p| p.kind == ProblemKind::BadValue));
    assert_eq!(s.transactions.get(1).unwrap().date, None);
    assert_eq!(s.transactions.get(2).unwrap().amount, None);
}

#[test]
fn text_that_is_not_a_statement_is_one_clear_error() {
    for t in [
        "hello world\nthis is not a bank file\n",
        "name,email\nann,ann@example.com\n",
        "%PDF-1.4 garbage,,,;;;\n\u{0}\u{1}",
    ] {
        let read = bank_csv::read("x.csv", t);
        assert!(read.statements.is_empty());
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].severity, Severity::Error);
    }
}

/// Two readings agree on everything the model exposes.
fn same(a: &StatementsRead, b: &StatementsRead) -> bool {
    a.statements == b.statements && a.problems == b.problems
}

#[test]
fn chunked_feed_equals_whole_read_at_every_split_point() {
    let name = "us_debit_credit_preamble.csv";
    let t = text(name);
    let whole = bank_csv::read(name, &t);
    for cut in 0..=t.len() {
        if !t.is_char_boundary(cut) {
            continue;
        }
        let mut r = BankCsvReader::new(name);
        r.feed(&t[..cut]);
        r.feed(&t[cut..]);
        assert!(same(&r.finish(), &whole), "differs when cut at {cut}");
    }
    // And byte by byte (char by char).
    let mut r = BankCsvReader::new(name);
    let mut buf = [0u8; 4];
    for c in t.chars() {
        r.feed(c.encode_utf8(&mut buf));
    }
    assert!(same(&r.finish(), &whole));
}

#[test]
fn chunked_feed_of_a_large_file_equals_whole_read() {
    let mut t = String::from("Date;Text;Amount\n");
    for i in 0..5000 {
        t.push_str(&format!(
            "{:02}.{:02}.2024;\"Row; {i}\";-{i},50\n",
            1 + i % 28,
            1 + i % 12
        ));
    }
    let whole = bank_csv::read("big.csv", &t);
    assert_eq!(whole.statements[0].transactions.len(), 5000);
    for piece in [1000, 4096, 65_536, 70_001] {
        let mut r = BankCsvReader::new("big.csv");
        let mut rest = t.as_str();
        while !rest.is_empty() {
            let mut cut = piece.min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            r.feed(&rest[..cut]);
            rest = &rest[cut..];
        }
        assert!(same(&r.finish(), &whole), "pieces of {piece}");
    }
}

/// Every real CSV fixture as (file name, bytes): the reader sees names as a browser
/// gives them, without folders.
fn real_csvs() -> Vec<(String, Vec<u8>)> {
    let out: Vec<(String, Vec<u8>)> = common::real_files(&["csv"])
        .into_iter()
        .map(|(path, bytes)| (path.rsplit('/').next().unwrap().to_string(), bytes))
        .collect();
    assert_eq!(out.len(), 30);
    out
}

const INSERTS: &[&str] = &[
    "\"",
    ",",
    ";",
    "\t",
    "\n",
    "\r",
    "\u{feff}",
    "-",
    "(",
    ")",
    "£",
    "€",
    "$",
    "'",
    "CR",
    "Pending",
    "99/99/9999",
    "31.02.2019",
    "1,2,3",
    "\"\"",
    "é",
    "00000000000000000000000",
    "2019-02-30",
    "+",
    ".",
    "0",
    "\u{0}",
];

fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(6) {
            0 => {
                let s = INSERTS[rng.below(INSERTS.len())];
                b.splice(at..at, s.bytes());
            }
            1 if at < b.len() => {
                let end = (at + 1 + rng.below(40)).min(b.len());
                b.drain(at..end);
            }
            2 => b.truncate(at),
            3 if at < b.len() => b[at] = (rng.next() & 0xff) as u8,
            4 if !b.is_empty() => {
                // Duplicate a stretch (a repeated header or row).
                let end = (at + rng.below(200)).min(b.len());
                let copy = b[at.min(end)..end].to_vec();
                b.splice(at.min(b.len())..at.min(b.len()), copy);
            }
            _ => {
                let line = b"\n,,,;;;\"\n";
                b.splice(at..at, line.iter().copied());
            }
        }
    }
    b
}

#[test]
fn mutated_real_csvs_never_panic() {
    let files = real_csvs();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    // More rounds on request: QB324_MUTATION_ROUNDS=1000.
    let rounds: usize = std::env::var("QB324_MUTATION_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(67);
    for round in 0..rounds {
        for (name, bytes) in &files {
            let m = mutate(&mut rng, bytes);
            let decoded = qb324::input::decode(&m);
            let read = bank_csv::read(name, &decoded.text);
            // Whatever came out is self-consistent.
            for s in &read.statements {
                for t in s.transactions.iter() {
                    assert!(t.line >= 1, "{name} round {round}");
                }
            }
            if round % 10 == 0 {
                let _ = read_file(name, &m, RoleHint::Any);
            }
            runs += 1;
        }
    }
    assert!(runs >= 2000);
}

/// Not a check, a number for the notes (run in release):
/// `cargo test --release --test bank_csv -- --ignored --nocapture million`.
#[test]
#[ignore = "timing only; run in release"]
fn million_rows_timing() {
    let mut t = String::from("Date,Description,Amount,Balance\n");
    let mut balance: i64 = 10_000_000;
    for i in 0..1_000_000u32 {
        let cents = i64::from(i % 9_973) - 4_000;
        balance += cents;
        t.push_str(&format!(
            "{:02}/{:02}/20{:02},\"CARD PURCHASE {i} STORE #{}\",{}.{:02},{}.{:02}\n",
            1 + i % 12,
            1 + i % 28,
            10 + i % 15,
            i % 977,
            cents / 100,
            (cents % 100).abs(),
            balance / 100,
            balance % 100
        ));
    }
    let mb = t.len() as f64 / 1e6;
    let start = std::time::Instant::now();
    let read = bank_csv::read("big.csv", &t);
    let whole = start.elapsed();
    assert_eq!(read.statements[0].transactions.len(), 1_000_000);
    let start = std::time::Instant::now();
    let mut r = BankCsvReader::new("big.csv");
    let mut rest = t.as_str();
    while !rest.is_empty() {
        let mut cut = (1 << 20).min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        r.feed(&rest[..cut]);
        rest = &rest[cut..];
    }
    let chunked = r.finish();
    let pieces = start.elapsed();
    assert_eq!(chunked.statements[0].transactions.len(), 1_000_000);
    println!(
        "1M rows ({mb:.1} MB): read {:.2} s, fed in 1 MiB pieces {:.2} s",
        whole.as_secs_f64(),
        pieces.as_secs_f64()
    );
}

#[test]
fn several_accounts_in_one_export_give_one_statement_each() {
    let t = "Account Number,Date,Description,Amount,Balance\n\
             111122223333,2026-01-02,Coffee,-3.00,97.00\n\
             444455556666,2026-01-02,Rent,-900.00,100.00\n\
             111122223333,2026-01-03,Salary,500.00,597.00\n\
             ,2026-01-04,Fee,-1.00,596.00\n";
    let read = bank_csv::read("all_accounts.csv", t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.statements.len(), 2);
    let (a, b) = (&read.statements[0], &read.statements[1]);
    assert_eq!(a.account_id.as_deref(), Some("111122223333"));
    assert_eq!(
        a.transactions.len(),
        3,
        "the row without an account goes with the main one"
    );
    assert_eq!(a.ending_balance, Some(money("596.00")));
    assert_eq!(b.last4(), Some("6666"));
    assert_eq!(b.transactions.len(), 1);
    assert_eq!(b.ending_balance, Some(money("100.00")));
}

#[test]
fn a_counterparty_account_is_not_the_holders() {
    let t = "Buchungstag;Beguenstigter/Zahlungspflichtiger;Kontonummer;Betrag\n\
             01.02.2026;Stadtwerke;DE13380700590045335700;-50,00\n";
    let read = bank_csv::read("umsatz.csv", t);
    let s = only(&read);
    assert_eq!(s.account_id, None);
    assert_eq!(s.transactions.get(0).unwrap().payee, "Stadtwerke");
}

#[test]
fn a_header_in_an_unknown_language_is_read_by_content() {
    let t = "Kirjauspäivä;Saaja;Summa;Saldo\n\
             01.02.2026;Kauppa;-12,50;100,00\n\
             02.02.2026;Palkka;1000,00;1100,00\n";
    let layout = detect_layout(t).unwrap();
    assert_eq!(layout.header_line, Some(1));
    assert_eq!(layout.decimal, DecimalSeparator::Comma);
    let read = bank_csv::read("tiliote.csv", t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.line, 1);
    assert_eq!(s.transactions.len(), 2);
    assert_eq!(s.transactions.amount_sum(), money("987.50"));
    assert_eq!(s.ending_balance, Some(money("1100.00")));
    assert_eq!(s.transactions.get(0).unwrap().payee, "Kauppa");
}

#[test]
fn bank_of_america_style_summary_and_balance_line() {
    let t = "Description,,Summary Amt.\n\
             Beginning balance as of 01/01/2026,,\"1,000.00\"\n\
             Total credits,,\"500.00\"\n\
             Total debits,,\"-200.00\"\n\
             Ending balance as of 01/31/2026,,\"1,300.00\"\n\
             \n\
             Date,Description,Amount,Running Bal.\n\
             01/01/2026,Beginning balance as of 01/01/2026,,\"1,000.00\"\n\
             01/05/2026,\"PAYROLL DEPOSIT\",\"500.00\",\"1,500.00\"\n\
             01/20/2026,\"ELECTRIC CO\",\"-200.00\",\"1,300.00\"\n";
    let read = bank_csv::read("stmt.csv", t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.line, 7);
    assert_eq!(s.transactions.len(), 2);
    assert_eq!(s.ending_balance, Some(money("1300.00")));
}

#[test]
fn amex_style_card_export_is_turned_to_the_holders_view() {
    let t = "Date,Description,Card Member,Account #,Amount\n\
             01/13/2026,COFFEE,JANE DOE,-41006,4.50\n\
             01/04/2026,BOOKS,JANE DOE,-41006,25.00\n\
             01/10/2026,AUTOPAY PAYMENT - THANK YOU,JANE DOE,-41006,-100.00\n";
    let read = bank_csv::read("activity.csv", t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.kind, AccountKind::CreditCard);
    assert_eq!(s.account_id.as_deref(), Some("-41006"));
    assert_eq!(s.transactions.get(0).unwrap().amount, Some(money("-4.50")));
    assert_eq!(s.transactions.amount_sum(), money("70.50"));
}

#[test]
fn a_type_word_on_every_row_is_a_bank_not_a_card() {
    let t = "Account Number,Transaction Date,Transaction Amount,Transaction Type,Transaction Description,Balance\n\
             3603,01/22/26,25.00,Debit,Card purchase,975.00\n\
             3603,01/25/26,100.00,Credit,Deposit,1075.00\n";
    let layout = detect_layout(t).unwrap();
    assert_eq!(layout.amount_style, AmountStyle::UnsignedWithCrFlag);
    let read = bank_csv::read("360Checking.csv", t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.kind, AccountKind::Checking);
    assert_eq!(s.transactions.amount_sum(), money("75.00"));
    assert_eq!(s.ending_balance, Some(money("1075.00")));
    assert_eq!(s.account_id.as_deref(), Some("3603"));
}

#[test]
fn summary_lines_are_not_transactions() {
    let t = "Date,Description,Amount\n\
             2026-01-02,Coffee,-3.00\n\
             2026-01-03,Salary,100.00\n\
             Total,,97.00\n";
    let read = bank_csv::read("x.csv", t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(only(&read).transactions.len(), 2);
}

#[test]
fn dutch_af_bij_flag_column() {
    let t = text("ing_nl_af_bij.csv");
    let layout = detect_layout(&t).unwrap();
    assert_eq!(layout.amount_style, AmountStyle::UnsignedWithCrFlag);
    assert_eq!(layout.date_order, Some(DateOrder::Ymd));
    let read = bank_csv::read("ing_nl_af_bij.csv", &t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.account_id.as_deref(), Some("NL12INGB0001234567"));
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    assert_eq!(
        s.kind,
        AccountKind::Unknown,
        "a flag on every row is not a card's habit"
    );
    assert_eq!(s.transactions.amount_sum(), money("2476.55"));
    assert_eq!(s.ending_balance, Some(money("1234.56")));
    assert_eq!(s.transactions.get(0).unwrap().payee, "Albert Heijn");
}

#[test]
fn german_preamble_with_iban_account_name_and_balance() {
    let t = text("ing_de_preamble.csv");
    let read = bank_csv::read("Umsatzanzeige.csv", &t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.line, 13);
    assert_eq!(s.account_id.as_deref(), Some("DE12 5001 0517 0123 4567 89"));
    assert_eq!(s.last4(), Some("6789"));
    assert_eq!(s.kind, AccountKind::Checking, "Kontoname: Girokonto");
    assert_eq!(s.ending_balance, Some(money("1234.56")));
    assert_eq!(s.transactions.amount_sum(), money("2454.90"));
    assert_eq!(s.transactions.get(0).unwrap().payee, "REWE");
}

#[test]
fn wells_fargo_style_headerless() {
    let t = text("wells_fargo_headerless.csv");
    let layout = detect_layout(&t).unwrap();
    assert_eq!(layout.header_line, None);
    assert_eq!(layout.columns.amount, Some(1));
    assert_eq!(layout.columns.description, Some(4));
    let read = bank_csv::read("Checking1.csv", &t);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let s = only(&read);
    assert_eq!(s.kind, AccountKind::Checking);
    assert_eq!(s.transactions.amount_sum(), money("1254.33"));
    assert_eq!(s.line, 1);
}

#[test]
fn every_real_csv_reads_the_same_when_fed_in_two_pieces() {
    for (name, bytes) in real_csvs() {
        let t = qb324::input::decode(&bytes).text;
        let whole = bank_csv::read(&name, &t);
        // Every 11th point and the ends (every point of a small file runs above).
        let cuts = (0..=t.len()).filter(|c| c % 11 == 0 || *c < 16 || c + 16 > t.len());
        for cut in cuts {
            if !t.is_char_boundary(cut) {
                continue;
            }
            let mut r = BankCsvReader::new(&name);
            r.feed(&t[..cut]);
            r.feed(&t[cut..]);
            assert!(
                same(&r.finish(), &whole),
                "{name} differs when cut at {cut}"
            );
        }
    }
}

/// A date that cannot exist in the order the column settles on (31 February, day
/// first) is a problem on its own line; the row is kept without a date.
#[test]
fn impossible_date_in_the_settled_order_is_a_problem_on_its_line() {
    let t = "Date,Description,Amount\n\
             25/01/2026,Rent,-900.00\n\
             31/02/2026,Coffee,-3.50\n\
             03/02/2026,Salary,2500.00\n";
    let read = bank_csv::read("day-first.csv", t);
    let s = only(&read);
    assert_eq!(s.transactions.len(), 3);
    let coffee = s.transactions.get(1).unwrap();
    assert_eq!((coffee.line, coffee.date), (3, None));
    let p = read
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::BadValue)
        .expect("a problem for the impossible date");
    assert_eq!(p.line, Some(3), "{p:?}");
}

/// An export naming more accounts than one file keeps apart says so, once, instead of
/// quietly reading the rest with the main account.
#[test]
fn more_accounts_than_kept_apart_are_said_once() {
    let mut text = String::from("Account,Date,Description,Amount\n");
    for i in 0..40 {
        for d in 1..=3 {
            text.push_str(&format!("1000{i:04},11/{d:02}/2026,ROW,-{i}.00\n"));
        }
    }
    let r = bank_csv::read("many.csv", &text);
    assert_eq!(r.statements.len(), 32, "{:?}", r.problems);
    let rows: usize = r.statements.iter().map(|s| s.transactions.len()).sum();
    assert_eq!(rows, 120, "no row is dropped");
    let said: Vec<_> = r
        .problems
        .iter()
        .filter(|p| p.message.contains("more than 32 accounts"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", r.problems);
    assert_eq!(said[0].line, Some(98), "the first row of the 33rd account");
}
