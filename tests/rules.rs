//! The 324 triggers on realistic exports (tests/fixtures/rules/): for every trigger
//! code a set of files where it must fire and a near-miss where it must not, the real
//! fixtures paired with a chart that lists their account (no error) and with an empty
//! chart (unmatched), determinism and masking of the CLI's JSON, and the text report.

mod common;

use std::path::{Path, PathBuf};

use qb324::identity::MatchKind;
use qb324::model::Severity;
use qb324::report::Report;
use qb324::{check, InputFile};

use common::{codes, explain, real_dir, today};

fn rules_dir() -> PathBuf {
    common::local_path("tests/fixtures/rules")
}

/// Checks files named relative to tests/fixtures/rules.
fn run(files: &[&str]) -> Report {
    let files: Vec<common::File> = files
        .iter()
        .map(|f| common::local_file(&format!("tests/fixtures/rules/{f}")))
        .collect();
    common::check_files(&files, &today())
}

/// `code` fires on `fire` and not on `quiet`; the near-miss gives no error at all.
fn pair(code: &str, fire: &[&str], quiet: &[&str]) {
    let r = run(fire);
    assert!(
        codes(&r).contains(&code),
        "{code} must fire on {fire:?}; got\n{}",
        explain(&r)
    );
    let f = r.findings.iter().find(|f| f.code.name() == code).unwrap();
    assert!(!f.title.is_empty() && !f.detail.is_empty());
    assert!(!f.evidence.is_empty(), "{code}: no evidence");
    let q = run(quiet);
    assert!(
        !codes(&q).contains(&code),
        "{code} must not fire on {quiet:?}; got\n{}",
        explain(&q)
    );
    assert!(
        q.findings.iter().all(|f| f.severity != Severity::Error),
        "near-miss {quiet:?} gave an error:\n{}",
        explain(&q)
    );
}

#[test]
fn duplicate_name() {
    pair(
        "duplicate_name",
        &["duplicate_name/fire/Account_List.csv"],
        &["duplicate_name/quiet/Account_List.csv"],
    );
}

#[test]
fn similar_name() {
    pair(
        "similar_name",
        &["similar_name/fire/Account_List.csv"],
        &["similar_name/quiet/Account_List.csv"],
    );
}

#[test]
fn duplicate_bank_number() {
    pair(
        "duplicate_bank_number",
        &["duplicate_bank_number/fire/company.IIF"],
        &["duplicate_bank_number/quiet/Account_List.csv"],
    );
}

#[test]
fn statement_account_unmatched() {
    pair(
        "statement_account_unmatched",
        &[
            "statement_account_unmatched/Account_List.csv",
            "statement_account_unmatched/fire/WellsFargo_Visa_2026-10.qbo",
        ],
        &[
            "statement_account_unmatched/Account_List.csv",
            "statement_account_unmatched/quiet/Chase4321_Activity_20261102.qbo",
        ],
    );
}

#[test]
fn account_number_changed() {
    pair(
        "account_number_changed",
        &[
            "statement_account_unmatched/Account_List.csv",
            "account_number_changed/fire/amex-2026-11.qbo",
        ],
        &[
            "statement_account_unmatched/Account_List.csv",
            "account_number_changed/quiet/amex-2026-10.qbo",
        ],
    );
    let r = run(&[
        "statement_account_unmatched/Account_List.csv",
        "account_number_changed/fire/amex-2026-11.qbo",
    ]);
    let f = r
        .findings
        .iter()
        .find(|f| f.code.name() == "account_number_changed")
        .unwrap();
    assert_eq!(
        f.title,
        "Statement is for card ending 2008, QuickBooks has Amex Gold x1005"
    );
    assert_eq!(f.fix_steps, [3, 4]);
}

#[test]
fn inactive_account() {
    pair(
        "inactive_account",
        &[
            "inactive_account/fire/Account_List.csv",
            "inactive_account/Chase4321_Activity_20261102.qbo",
        ],
        &[
            "inactive_account/quiet/Account_List.csv",
            "inactive_account/Chase4321_Activity_20261102.qbo",
        ],
    );
    let r = run(&["inactive_account/fire_bank_balance/Account_List.csv"]);
    assert!(codes(&r).contains(&"inactive_account"), "{}", explain(&r));
}

#[test]
fn account_type_mismatch() {
    pair(
        "account_type_mismatch",
        &[
            "account_type_mismatch/fire/Account_List.csv",
            "account_type_mismatch/amex_1005_2026-10.qbo",
        ],
        &[
            "account_type_mismatch/quiet/Account_List.csv",
            "account_type_mismatch/amex_1005_2026-10.qbo",
        ],
    );
}

#[test]
fn statement_account_closed() {
    pair(
        "statement_account_closed",
        &["statement_account_closed/fire/savings_9876_2026-10.ofx"],
        &["statement_account_closed/quiet/savings_9876_2026-10.ofx"],
    );
}

#[test]
fn institution_changed() {
    pair(
        "institution_changed",
        &[
            "institution_changed/fire/lakeside_checking_2026-10.qbo",
            "institution_changed/fire/harbor_checking_2026-11.qbo",
        ],
        &[
            "institution_changed/quiet/lakeside_checking_2026-10.qbo",
            "institution_changed/quiet/lakeside_checking_2026-11.qbo",
        ],
    );
}

#[test]
fn feed_gap() {
    pair(
        "feed_gap",
        &["feed_gap/fire/Checking_4321_2026-11-15.qbo"],
        &["feed_gap/quiet/Checking_4321_2026-09-30.qbo"],
    );
}

#[test]
fn balance_mismatch() {
    pair(
        "balance_mismatch",
        &[
            "balance_mismatch/fire/Account_List.csv",
            "balance_mismatch/Chase4321_Activity_20261102.qbo",
        ],
        &[
            "balance_mismatch/quiet/Account_List.csv",
            "balance_mismatch/Chase4321_Activity_20261102.qbo",
        ],
    );
}

#[test]
fn duplicate_transactions() {
    pair(
        "duplicate_transactions",
        &["duplicate_transactions/fire/Chase4321_Activity_20261115.CSV"],
        &["duplicate_transactions/quiet/Chase4321_Activity_20261115.CSV"],
    );
    let r = run(&["duplicate_transactions/fire/amex-repeat-fitid.qbo"]);
    assert!(
        codes(&r).contains(&"duplicate_transactions"),
        "{}",
        explain(&r)
    );
}

#[test]
fn no_bank_accounts() {
    pair(
        "no_bank_accounts",
        &["no_bank_accounts/fire/Account_List.csv"],
        &["no_bank_accounts/quiet/Account_List.csv"],
    );
}

#[test]
fn operating_and_payroll_checking_are_not_a_problem() {
    let r = run(&[
        "near_miss_operating_payroll/Acme_Account_List.csv",
        "near_miss_operating_payroll/operating_checking_2026-10.qbo",
        "near_miss_operating_payroll/payroll_checking_2026-10.qbo",
    ]);
    assert_eq!(r.statements.len(), 2, "{}", explain(&r));
    assert!(r.chart.is_some());
    assert!(
        r.findings.iter().all(|f| f.severity != Severity::Error),
        "{}",
        explain(&r)
    );
}

// ---- the real fixtures (must-show 2) ----

/// A QuickBooks Online "Account List" export, as the chart reader expects it.
fn qbo_chart_csv(rows: &[(String, &str, &str)]) -> String {
    let mut s = String::from("Account List\r\nReal Fixture Co\r\n\r\nFull name,Type,Detail type,Description,Total balance\r\n");
    s.push_str(
        "Accounts Receivable (A/R),Accounts receivable (A/R),Accounts Receivable (A/R),,0.00\r\n",
    );
    for (name, t, detail) in rows {
        s.push_str(&format!(
            "\"{}\",{t},{detail},,0.00\r\n",
            name.replace('"', "\"\"")
        ));
    }
    s.push_str(
        "Sales,Income,Sales of Product Income,,\r\nRent,Expenses,Rent or Lease of Buildings,,\r\n",
    );
    s.push_str("\r\n\r\n\"Monday, November 30, 2026 09:12 AM GMT-08:00\"\r\n");
    s
}

/// One chart account that correctly describes a statement, from the statement's facts:
/// its bank, its kind, its last four.
fn describing_account(s: &qb324::model::Statement) -> (String, &'static str, &'static str) {
    use qb324::model::AccountKind::*;
    let bank = qb324::identity::statement_bank(s)
        .map(|b| b.bank.display())
        .unwrap_or_else(|| "Business".into());
    let (kind, t, detail) = match s.kind {
        Checking | Unknown => ("Checking", "Bank", "Checking"),
        Savings => ("Savings", "Bank", "Savings"),
        MoneyMarket => ("Money Market", "Bank", "Money Market"),
        CreditLine => (
            "Line of Credit",
            "Other Current Liabilities",
            "Line of Credit",
        ),
        CreditCard => ("Card", "Credit Card", "Credit Card"),
    };
    let number = s.last4().map(|l| format!(" x{l}")).unwrap_or_default();
    (format!("{bank} {kind}{number}"), t, detail)
}

fn real_statement_files() -> Vec<String> {
    let text = std::fs::read_to_string(real_dir().join("EXPECTED.json")).expect("real fixtures");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut out: Vec<String> = v["files"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, e)| e["role"] == "statement" && e["readable"] == true)
        .filter(|(_, e)| e["statements"].as_array().is_some_and(|s| !s.is_empty()))
        .map(|(k, _)| k.clone())
        .collect();
    out.sort();
    out
}

#[test]
fn real_fixtures_with_their_account_give_no_error_and_with_an_empty_chart_are_unmatched() {
    let mut failures = Vec::new();
    let files = real_statement_files();
    assert!(files.len() > 30, "only {} statement fixtures", files.len());
    for rel in &files {
        let path = real_dir().join(rel);
        let bytes = std::fs::read(&path).unwrap();
        let name = Path::new(rel)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let read = qb324::formats::read_file(&name, &bytes, qb324::formats::RoleHint::Any);
        if read.statements.is_empty() {
            failures.push(format!("{rel}: the reader gave no statement"));
            continue;
        }
        let mut rows: Vec<(String, &str, &str)> = Vec::new();
        for s in &read.statements {
            let mut row = describing_account(s);
            let base = row.0.clone();
            let mut k = 2;
            while rows.iter().any(|r| r.0 == row.0) {
                row.0 = format!(
                    "{base} {}",
                    ["", "", "Second", "Third", "Fourth"]
                        .get(k)
                        .unwrap_or(&"Other")
                );
                k += 1;
            }
            rows.push(row);
        }
        let chart = qbo_chart_csv(&rows);
        let r = check(
            &[
                InputFile::new("Account_List.csv", chart.as_bytes()),
                InputFile::new(&name, &bytes),
            ],
            &today(),
        );
        if r.chart.is_none() {
            failures.push(format!(
                "{rel}: the generated chart was not read as a chart"
            ));
        }
        // Warnings and notes are allowed; shown with --nocapture for a human to judge.
        for f in r.findings.iter().filter(|f| f.severity != Severity::Error) {
            println!("{rel}: {} {:?}: {}", f.code, f.severity, f.title);
        }
        for s in &r.statements {
            println!(
                "{rel}: statement …{} matched {:?} ({:?})",
                s.account_last4.as_deref().unwrap_or("none"),
                s.matched_account,
                s.match_kind
            );
        }
        for f in r.findings.iter().filter(|f| f.severity == Severity::Error) {
            failures.push(format!(
                "{rel} with {:?}: {} — {}",
                rows.iter().map(|r| &r.0).collect::<Vec<_>>(),
                f.code,
                f.title
            ));
        }
        let empty = qbo_chart_csv(&[]);
        let r = check(
            &[
                InputFile::new("Account_List.csv", empty.as_bytes()),
                InputFile::new(&name, &bytes),
            ],
            &today(),
        );
        let unmatched = r
            .findings
            .iter()
            .filter(|f| f.code.name() == "statement_account_unmatched")
            .count();
        if unmatched != read.statements.len() {
            failures.push(format!(
                "{rel}: with a chart of no bank accounts, {unmatched} unmatched findings for {} statements",
                read.statements.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---- determinism and masking (must-show 3) ----

fn cli(args: &[&str]) -> (Vec<u8>, i32) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qb324"))
        .args(args)
        .output()
        .expect("run qb324");
    (out.stdout, out.status.code().unwrap_or(-1))
}

#[test]
fn json_is_deterministic_and_masks_bank_numbers() {
    let several = rules_dir().join("several");
    let mut files: Vec<String> = [
        "Account_List.csv",
        "amex-2026-11.qbo",
        "Chase4321_Activity_20261115.qbo",
    ]
    .iter()
    .map(|f| several.join(f).display().to_string())
    .collect();
    for real in [
        "fixofx/creditcard.ofx",
        "ofxparse/checking.ofx",
        "reds-importers/360Checking.qfx",
    ] {
        files.push(real_dir().join(real).display().to_string());
    }
    let mut args = vec!["--json", "--today", "2026-11-30"];
    args.extend(files.iter().map(String::as_str));
    let (first, code) = cli(&args);
    assert_eq!(code, 1, "verdict likely exits 1");
    for _ in 0..3 {
        assert_eq!(cli(&args).0, first, "the JSON differs between runs");
    }
    let json = String::from_utf8(first).unwrap();
    // Every bank number the inputs carry shows at most its last four digits.
    let mut numbers: Vec<String> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let read = qb324::formats::read_file(f, &bytes, qb324::formats::RoleHint::Any);
        numbers.extend(
            read.statements
                .iter()
                .filter_map(|s| s.account_number.as_ref())
                .map(|n| n.digits().to_string()),
        );
        if let Some(c) = &read.chart {
            numbers.extend(
                c.accounts
                    .iter()
                    .filter_map(|a| a.bank_number.as_ref())
                    .map(|n| n.digits().to_string()),
            );
        }
    }
    numbers.retain(|n| n.len() > 4);
    assert!(numbers.len() >= 3, "{numbers:?}");
    for n in &numbers {
        let tail5 = &n[n.len() - 5..];
        assert!(
            !json.contains(tail5),
            "bank number …{tail5} shows more than four digits in the JSON"
        );
    }
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "qb324.report/1");
    assert_eq!(v["verdict"], "likely");
}

#[test]
fn a_bank_error_reply_is_not_an_unreadable_file() {
    let f = real_dir()
        .join("ofxparse/error_message.ofx")
        .display()
        .to_string();
    // Read fine, so not an unreadable file; but it holds no statement, so nothing was
    // checked: verdict `unchecked`, decided once in the report, and exit 2 (SPEC §6).
    let (out, code) = cli(&["--json", "--today", "2026-11-30", &f]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["verdict"], "unchecked");
    assert_eq!(v["complete"], false);
    assert_eq!(code, 2, "nothing could be checked");
    let r = qb324::check(
        &[qb324::InputFile::new(
            "error_message.ofx",
            &std::fs::read(&f).unwrap(),
        )],
        &qb324::Options::default(),
    );
    assert!(
        r.unreadable_files().is_empty(),
        "an OFX holding a bank error message was read fine"
    );
    let empty = std::env::temp_dir().join("qb324-rules-empty.csv");
    std::fs::write(&empty, b"").unwrap();
    let (_, code) = cli(&["--today", "2026-11-30", &empty.display().to_string()]);
    assert_eq!(code, 2, "an empty file could not be read at all");
}

// ---- the text report (must-show 5) ----

#[test]
fn text_report_reads_well() {
    let r = run(&[
        "several/Account_List.csv",
        "several/amex-2026-11.qbo",
        "several/Chase4321_Activity_20261115.qbo",
    ]);
    let text = qb324::report::plain_text::render(&r);
    println!("{text}");
    assert!(text.starts_with("ERROR 324 IS LIKELY."), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    for want in [
        "What to do, in this order",
        "What to do: step",
        "Where to look",
        "amex-2026-11.qbo:",
        "Reconnect and map the account",
        "What we checked",
        "Statements read",
        "Chart of accounts",
    ] {
        assert!(text.contains(want), "missing {want:?}:\n{text}");
    }
    let n = r.findings.len();
    assert!(n >= 4, "several findings expected:\n{}", explain(&r));
    // Ordered by severity, then confidence.
    for w in r.findings.windows(2) {
        assert!(
            (w[0].severity, std::cmp::Reverse(w[0].confidence))
                <= (w[1].severity, std::cmp::Reverse(w[1].confidence)),
            "out of order: {} / {}",
            w[0].code,
            w[1].code
        );
    }
}

// ---- verdict and exit status (SPEC §4, §6) ----

#[test]
fn verdict_follows_the_worst_severity_and_sets_the_exit_status() {
    use qb324::report::Verdict;
    let dir = rules_dir();
    let path = |f: &str| dir.join(f).display().to_string();
    let likely = run(&["duplicate_name/fire/Account_List.csv"]);
    assert_eq!(likely.verdict, Verdict::Likely, "{}", explain(&likely));
    let possible = run(&["similar_name/fire/Account_List.csv"]);
    assert_eq!(
        possible.verdict,
        Verdict::Possible,
        "{}",
        explain(&possible)
    );
    let clear = run(&["no_bank_accounts/quiet/Account_List.csv"]);
    assert_eq!(clear.verdict, Verdict::Clear, "{}", explain(&clear));
    let today = ["--today", "2026-11-30"];
    let status = |f: &str| {
        let p = path(f);
        let mut args: Vec<&str> = today.to_vec();
        args.push(&p);
        cli(&args).1
    };
    assert_eq!(status("duplicate_name/fire/Account_List.csv"), 1);
    assert_eq!(status("similar_name/fire/Account_List.csv"), 0);
    assert_eq!(status("no_bank_accounts/quiet/Account_List.csv"), 0);
    // The text report says the same as the JSON: every finding's title and code.
    let text = qb324::report::plain_text::render(&likely);
    for f in &likely.findings {
        assert!(
            text.contains(f.code.name()),
            "{} missing from the text",
            f.code
        );
    }
}

#[test]
fn duplicate_name_on_the_bank_side() {
    // An OFX account list (ACCTINFORS) naming two accounts the same.
    pair(
        "duplicate_name",
        &["duplicate_name/bank_side/usaa_accounts_fire.ofx"],
        &["duplicate_name/bank_side/usaa_accounts_quiet.ofx"],
    );
}

#[test]
fn a_chart_number_is_never_a_bank_number() {
    // `1010 Operating Checking` and a statement for an account ending 1010: the chart
    // number is bookkeeping, so the match (if any) is not by number.
    let r = run(&[
        "chart_number_not_bank_number/Account_List.csv",
        "chart_number_not_bank_number/checking_ending_1010.qbo",
    ]);
    assert_eq!(r.statements.len(), 1, "{}", explain(&r));
    assert_ne!(
        r.statements[0].match_kind.map(MatchKind::name),
        Some("number"),
        "{}",
        explain(&r)
    );
}
