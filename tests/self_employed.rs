//! QuickBooks Self-Employed / Solopreneur transaction exports as the account list
//! (tests/fixtures/self_employed/, made by its generate.py to the shape described in
//! src/formats/self_employed.rs): read by content in CSV and Excel, never mistaken for
//! a bank statement or an Online chart (nor the reverse), and checked against OFX
//! statements (tests/fixtures/rules/) with the same findings an Online chart gives.

mod common;

use std::path::PathBuf;

use qb324::formats::{read_file, FileFormat, Role, RoleHint};
use qb324::model::{AccountType, ChartFormat, Severity};
use qb324::report::{PlanStepId, Report};
use qb324::{check, InputFile, Options};

use common::{codes, explain, today};

fn fixtures() -> PathBuf {
    common::local_path("tests/fixtures")
}

/// A file under tests/fixtures, under its own name.
fn load(rel: &str) -> common::File {
    common::local_file(&format!("tests/fixtures/{rel}"))
}

/// Checks files named relative to tests/fixtures.
fn run(files: &[&str]) -> Report {
    let loaded: Vec<common::File> = files.iter().map(|f| load(f)).collect();
    common::check_files(&loaded, &today())
}

const EXPORT: &str = "self_employed/QuickBooks_Self-Employed_Transactions.csv";
const RECONNECT: &str = "self_employed/reconnect_same_account_twice.csv";
const CHASE_4321: &str = "rules/statement_account_unmatched/quiet/Chase4321_Activity_20261102.qbo";
const AMEX_1005: &str = "rules/account_number_changed/quiet/amex-2026-10.qbo";
const AMEX_2008: &str = "rules/account_number_changed/fire/amex-2026-11.qbo";
const WF_7777: &str = "rules/statement_account_unmatched/fire/WellsFargo_Visa_2026-10.qbo";

#[test]
fn the_export_is_the_account_list() {
    let (name, bytes) = load(EXPORT);
    let read = read_file(&name, &bytes, RoleHint::Any);
    assert_eq!(read.role, Role::Chart);
    assert_eq!(read.format.map(FileFormat::name), Some("self-employed"));
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let chart = read.chart.unwrap();
    assert_eq!(chart.format, ChartFormat::SelfEmployed);
    // Two connected accounts; the cash row added by hand is no account.
    let names: Vec<&str> = chart
        .accounts
        .iter()
        .map(|a| a.full_name.as_str())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let amex = chart
        .accounts
        .iter()
        .find(|a| a.name == "Amex Gold (1005)")
        .unwrap();
    assert_eq!(amex.account_type, AccountType::CreditCard);
    assert_eq!(amex.description.as_deref(), Some("American Express"));
    let chase = chart
        .accounts
        .iter()
        .find(|a| a.name == "Chase Business Checking (4321)")
        .unwrap();
    assert_eq!(chase.account_type, AccountType::Bank);
    assert_eq!(chase.detail_type.as_deref(), Some("Checking"));
    assert_eq!(chase.bank_number.as_ref().unwrap().last4(), "4321");
}

#[test]
fn solopreneur_columns_in_another_order() {
    let (name, bytes) = load("self_employed/solopreneur_uk.csv");
    let read = read_file(&name, &bytes, RoleHint::Any);
    assert_eq!(
        read.format.map(FileFormat::name),
        Some("self-employed"),
        "{:?}",
        read.problems
    );
    let chart = read.chart.unwrap();
    let mut got: Vec<(String, AccountType, String)> = chart
        .accounts
        .iter()
        .map(|a| {
            (
                a.name.clone(),
                a.account_type,
                a.bank_number.as_ref().unwrap().last4().to_string(),
            )
        })
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        [
            (
                "Barclaycard Visa ...9034".to_string(),
                AccountType::CreditCard,
                "9034".to_string()
            ),
            (
                "Business Current Account ...5521".to_string(),
                AccountType::Bank,
                "5521".to_string()
            ),
        ]
    );
}

/// The export saved from Excel: the same accounts, read through the xlsx reader (dates
/// as Excel serial numbers, a title row above the header).
#[test]
fn the_excel_export_reads_the_same() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Transactions").unwrap();
    let header = [
        "Date",
        "Bank",
        "Account",
        "Description",
        "Amount",
        "Type",
        "Category",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows: &[(f64, &str, &str, &str, f64, &str, &str)] = &[
        (
            46328.0,
            "Chase",
            "Chase Checking (1234)",
            "STRIPE",
            120.0,
            "Business",
            "Sales",
        ),
        (
            46327.0,
            "Chase",
            "Chase Ink Card (8890)",
            "ADOBE",
            -52.99,
            "Business",
            "Software",
        ),
        (
            46320.0,
            "Chase",
            "Chase Checking (1234)",
            "RENT",
            -900.0,
            "Personal",
            "Rent",
        ),
    ];
    for (i, (d, bank, acct, desc, amt, ty, cat)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number(r, 0, *d).unwrap();
        ws.write_string(r, 1, *bank).unwrap();
        ws.write_string(r, 2, *acct).unwrap();
        ws.write_string(r, 3, *desc).unwrap();
        ws.write_number(r, 4, *amt).unwrap();
        ws.write_string(r, 5, *ty).unwrap();
        ws.write_string(r, 6, *cat).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let read = read_file("transactions.xlsx", &bytes, RoleHint::Any);
    assert_eq!(
        read.format.map(FileFormat::name),
        Some("self-employed"),
        "{:?}",
        read.problems
    );
    let chart = read.chart.unwrap();
    assert_eq!(chart.accounts.len(), 2);
    let card = &chart.accounts[1];
    assert_eq!(card.name, "Chase Ink Card (8890)");
    assert_eq!(card.account_type, AccountType::CreditCard);
    assert_eq!(card.line, 5);
}

/// Neither way round: bank CSVs and Online charts are not Self-Employed exports, and the
/// export is neither a bank statement nor an Online chart.
#[test]
fn told_apart_from_bank_csvs_and_charts() {
    let dir = fixtures().join("bank_csv");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let read = read_file(&name, &bytes, RoleHint::Any);
        assert_ne!(
            read.format.map(FileFormat::name),
            Some("self-employed"),
            "{name}"
        );
        assert_eq!(read.role, Role::Statement, "{name}");
    }
    for chart in ["charts/qbo_account_list.csv", "charts/qbo_chart_page.csv"] {
        let (name, bytes) = load(chart);
        let read = read_file(&name, &bytes, RoleHint::Any);
        assert_eq!(read.format.map(FileFormat::name), Some("qbo-csv"), "{name}");
    }
    for export in [EXPORT, RECONNECT, "self_employed/solopreneur_uk.csv"] {
        let (name, bytes) = load(export);
        let read = read_file(&name, &bytes, RoleHint::Any);
        assert!(read.statements.is_empty(), "{name}");
        assert_eq!(
            read.format.map(FileFormat::name),
            Some("self-employed"),
            "{name}"
        );
    }
}

#[test]
fn a_correct_pair_gives_no_error_and_matches() {
    let r = run(&[EXPORT, CHASE_4321, AMEX_1005]);
    assert_eq!(
        r.chart.as_ref().map(|c| c.format.name()),
        Some("self-employed")
    );
    assert!(
        r.findings.iter().all(|f| f.severity != Severity::Error),
        "{}",
        explain(&r)
    );
    let matched: Vec<Option<&str>> = r
        .statements
        .iter()
        .map(|s| s.matched_account.as_deref())
        .collect();
    assert!(
        matched.contains(&Some("Chase Business Checking (4321)")),
        "{matched:?}"
    );
    assert!(matched.contains(&Some("Amex Gold (1005)")), "{matched:?}");
}

#[test]
fn a_replaced_card_is_a_changed_number() {
    let r = run(&[EXPORT, AMEX_2008]);
    assert!(
        codes(&r).contains(&"account_number_changed"),
        "{}",
        explain(&r)
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.code.name() == "account_number_changed")
        .unwrap();
    assert!(f.accounts.iter().any(|a| a == "Amex Gold (1005)"), "{f:?}");
}

#[test]
fn an_account_not_connected_is_unmatched() {
    let r = run(&[EXPORT, WF_7777]);
    assert!(
        codes(&r).contains(&"statement_account_unmatched"),
        "{}",
        explain(&r)
    );
}

#[test]
fn a_reconnect_leaves_the_same_account_twice() {
    let r = run(&[RECONNECT]);
    assert!(codes(&r).contains(&"duplicate_name"), "{}", explain(&r));
    let f = r
        .findings
        .iter()
        .find(|f| f.code.name() == "duplicate_name")
        .unwrap();
    assert!(
        f.accounts.iter().all(|a| a == "Chase Checking (1234)"),
        "{f:?}"
    );
    // Near miss: one connection per account, many rows each.
    let q = run(&[EXPORT]);
    for code in ["duplicate_name", "similar_name", "duplicate_bank_number"] {
        assert!(!codes(&q).contains(&code), "{code}:\n{}", explain(&q));
    }
}

/// Connected twice under one bank and one name: every transaction comes twice.
#[test]
fn an_account_connected_twice_under_one_name() {
    let mut text = String::from("Date,Bank,Account,Description,Amount,Type,Category\n");
    for (d, desc, amt) in [
        ("11/02/2026", "ADOBE", "-52.99"),
        ("11/03/2026", "SHELL OIL", "-40.00"),
        ("11/05/2026", "STRIPE TRANSFER", "900.00"),
        ("11/07/2026", "COMCAST", "-89.00"),
    ] {
        for _ in 0..2 {
            text.push_str(&format!(
                "{d},Chase,Chase Checking (1234),{desc},{amt},Business,Sales\n"
            ));
        }
    }
    let inputs = [InputFile::new("qbse.csv", text.as_bytes())];
    let r = check(&inputs, &Options::default());
    assert!(codes(&r).contains(&"duplicate_name"), "{}", explain(&r));
}

#[test]
fn similar_connected_names_are_similar() {
    let text = "Date,Bank,Account,Amount,Type,Category\n\
        11/20/2026,Capital One,Spark Business Card,-10.00,Business,Supplies\n\
        11/21/2026,Capital One,Spark Busines Card,-12.00,Business,Supplies\n";
    let inputs = [InputFile::new("qbse.csv", text.as_bytes())];
    let r = check(&inputs, &Options::default());
    assert!(codes(&r).contains(&"similar_name"), "{}", explain(&r));
}

#[test]
fn the_plan_speaks_self_employed() {
    let r = run(&[EXPORT, AMEX_2008]);
    assert_eq!(
        r.edition,
        qb324::report::Edition::SelfEmployed,
        "{}",
        explain(&r)
    );
    let reconnect = r
        .plan
        .iter()
        .find(|s| s.id == PlanStepId::Reconnect)
        .expect("a reconnect step");
    assert!(
        reconnect.text.contains("Manage accounts → Authenticate"),
        "{}",
        reconnect.text
    );
    for step in &r.plan {
        assert!(
            !step.text.contains("Chart of accounts") && !step.text.contains("QuickBooks Online"),
            "a chart or Online menu in a Self-Employed plan: {}",
            step.text
        );
    }
}
