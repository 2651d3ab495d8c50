//! Holds the readers to the facts in `../shared/fixtures/real/EXPECTED.json`: real
//! exports nobody on the team wrote, with values their own projects' tests assert.
//! Every file is checked; none is skipped. A missing fixtures folder is a failure.

mod common;

use std::path::PathBuf;

use qb324::formats::{read_file, FileRead, Role, RoleHint};
use qb324::input::TextEncoding;
use qb324::model::{AccountKind, Severity};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    common::real_dir()
}

fn kind_name(k: AccountKind) -> &'static str {
    match k {
        AccountKind::Checking => "checking",
        AccountKind::Savings => "savings",
        AccountKind::MoneyMarket => "money_market",
        AccountKind::CreditLine => "credit_line",
        AccountKind::CreditCard => "credit_card",
        AccountKind::Unknown => "unknown",
    }
}

/// Money compared numerically: "111" == "111.00".
fn money_eq(expected: &Value, actual: Option<String>) -> bool {
    match (expected.as_str(), actual) {
        (None, None) => expected.is_null(),
        (Some(e), Some(a)) => {
            let norm = |s: &str| qb324::model::Money::parse_plain(s);
            norm(e).is_some() && norm(e) == norm(&a)
        }
        _ => false,
    }
}

fn opt_str(v: &Value) -> Option<&str> {
    v.as_str()
}

/// Checks one file against its expected facts; returns the mismatches.
fn check_file(path: &str, exp: &Value, read: &FileRead) -> Vec<String> {
    let mut bad = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            bad.push(format!("{path}: {what}"));
        }
    };
    let readable = exp["readable"].as_bool().unwrap();
    let errors = read
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if !readable {
        expect(
            read.statements.is_empty(),
            format!("unreadable file gave {} statements", read.statements.len()),
        );
        expect(read.chart.is_none(), "unreadable file gave a chart".into());
        expect(errors > 0, "unreadable file gave no error problem".into());
        return bad;
    }
    match exp["problems_expected"].as_bool() {
        Some(true) => expect(
            !read.problems.is_empty(),
            "expected at least one problem, got none".into(),
        ),
        Some(false) => expect(
            read.problems.is_empty(),
            format!(
                "expected no problem, got {:?}",
                read.problems.iter().map(|p| &p.message).collect::<Vec<_>>()
            ),
        ),
        None => {}
    }
    if exp["non_ascii"].as_bool() == Some(true) {
        let want = match exp["encoding"].as_str().unwrap() {
            // ISO-8859-1 is read as its superset Windows-1252, as browsers do.
            "iso-8859-1" => "windows-1252",
            other => other,
        };
        let got = read.encoding.map(TextEncoding::name);
        expect(
            got == Some(want),
            format!("encoding: want {want}, got {got:?}"),
        );
    }
    let role = exp["role"].as_str().unwrap();
    match role {
        "chart" => {
            expect(
                read.role == Role::Chart,
                format!("role: want chart, got {:?}", read.role),
            );
            let Some(chart) = &read.chart else {
                expect(false, "no chart read".into());
                return bad;
            };
            if let Some(n) = exp["accounts"].as_u64() {
                expect(
                    chart.accounts.len() as u64 == n,
                    format!("accounts: want {n}, got {}", chart.accounts.len()),
                );
            }
            if let Some(list) = exp["bank_accounts"].as_array() {
                let got: Vec<_> = chart
                    .accounts
                    .iter()
                    .filter(|a| a.account_type.is_bank_facing())
                    .collect();
                expect(
                    got.len() == list.len(),
                    format!("bank accounts: want {}, got {}", list.len(), got.len()),
                );
                for (e, a) in list.iter().zip(&got) {
                    expect(
                        e["name"].as_str() == Some(a.full_name.as_str()),
                        format!("bank account name {} vs {}", e["name"], a.full_name),
                    );
                    expect(
                        e["hidden"].as_bool() == Some(!a.active),
                        format!("{}: hidden", a.full_name),
                    );
                    expect(
                        e["bank_number"].is_null() == a.bank_number.is_none(),
                        format!(
                            "{}: bank_number want {}, got {:?}",
                            a.full_name, e["bank_number"], a.bank_number
                        ),
                    );
                    expect(
                        money_eq(&e["opening_balance"], a.balance.map(|m| m.to_string())),
                        format!(
                            "{}: opening balance {} vs {:?}",
                            a.full_name, e["opening_balance"], a.balance
                        ),
                    );
                }
            }
        }
        "statement" => expect(
            read.role == Role::Statement,
            format!("role: want statement, got {:?}", read.role),
        ),
        _ => expect(
            read.statements.is_empty(),
            format!("a file with no statement gave {}", read.statements.len()),
        ),
    }
    let want = exp["statements"].as_array().unwrap();
    expect(
        want.len() == read.statements.len(),
        format!(
            "statements: want {}, got {}",
            want.len(),
            read.statements.len()
        ),
    );
    for (i, (e, s)) in want.iter().zip(&read.statements).enumerate() {
        let at = format!("statement {i}");
        expect(
            opt_str(&e["last4"]) == s.last4(),
            format!("{at} last4: want {}, got {:?}", e["last4"], s.last4()),
        );
        if let Some(id) = e["account_id"].as_str() {
            expect(
                s.account_id.as_deref() == Some(id),
                format!("{at} account_id: want {id:?}, got {:?}", s.account_id),
            );
        }
        let kind = e["kind"].as_str().unwrap();
        // "unknown" in EXPECTED means "not stated": a reader may say unknown, nothing else.
        expect(
            kind_name(s.kind) == kind,
            format!("{at} kind: want {kind}, got {:?}", s.kind),
        );
        expect(
            opt_str(&e["currency"]) == s.currency.as_deref(),
            format!(
                "{at} currency: want {}, got {:?}",
                e["currency"], s.currency
            ),
        );
        let n = e["transactions"].as_u64().unwrap() as usize;
        expect(
            s.transactions.len() == n,
            format!("{at} transactions: want {n}, got {}", s.transactions.len()),
        );
        let range = s.transactions.date_range();
        let first = range.map(|r| r.0.to_string());
        let last = range.map(|r| r.1.to_string());
        expect(
            opt_str(&e["first_date"]) == first.as_deref(),
            format!("{at} first_date: want {}, got {first:?}", e["first_date"]),
        );
        expect(
            opt_str(&e["last_date"]) == last.as_deref(),
            format!("{at} last_date: want {}, got {last:?}", e["last_date"]),
        );
        expect(
            money_eq(
                &e["ending_balance"],
                s.ending_balance.map(|m| m.to_string()),
            ),
            format!(
                "{at} ending_balance: want {}, got {:?}",
                e["ending_balance"],
                s.ending_balance.map(|m| m.to_string())
            ),
        );
        // A null sum means there are transactions and none has a readable amount.
        let unreadable =
            !s.transactions.is_empty() && s.transactions.iter().all(|t| t.amount.is_none());
        let readable_sum = (!unreadable).then(|| s.transactions.amount_sum().to_string());
        expect(
            money_eq(&e["amount_sum"], readable_sum),
            format!(
                "{at} amount_sum: want {}, got {}",
                e["amount_sum"],
                s.transactions.amount_sum()
            ),
        );
        let inst = &e["institution"];
        for (key, got) in [
            ("org", &s.institution.org),
            ("fid", &s.institution.fid),
            ("intu_bid", &s.institution.intu_bid),
            ("bankid", &s.institution.bankid),
        ] {
            expect(
                opt_str(&inst[key]) == got.as_deref(),
                format!("{at} institution.{key}: want {}, got {got:?}", inst[key]),
            );
        }
        if let Some(p) = e["pending_transactions"].as_u64() {
            let got = s.transactions.iter().filter(|t| t.pending).count() as u64;
            expect(got == p, format!("{at} pending: want {p}, got {got}"));
        }
        if let Some(b) = e["bad_transactions"].as_u64() {
            let got = s
                .transactions
                .iter()
                .filter(|t| t.date.is_none() || t.amount.is_none())
                .count() as u64;
            expect(
                got == b,
                format!("{at} bad transactions: want {b}, got {got}"),
            );
        }
        if let Some(cards) = e["card_numbers_seen"].as_array() {
            let mut seen: Vec<String> = s
                .transactions
                .iter()
                .filter_map(|t| t.account_last4.map(|l| l.as_str().to_string()))
                .collect();
            seen.sort();
            seen.dedup();
            let mut want: Vec<String> = cards
                .iter()
                .map(|c| {
                    c.as_str()
                        .unwrap()
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect::<String>()
                })
                .collect();
            want.sort();
            expect(
                seen == want,
                format!("{at} card numbers: want {want:?}, got {seen:?}"),
            );
        }
    }
    if let Some(hint) = exp["account_hint_from_filename"].as_str() {
        let got = read
            .statements
            .first()
            .and_then(|s| s.account_hint_from_filename.as_deref());
        expect(
            got == Some(hint),
            format!("account hint from file name: want {hint}, got {got:?}"),
        );
    }
    if let Some(header) = exp["header_line"].as_u64() {
        if let Some(s) = read.statements.first() {
            expect(
                s.line as u64 == header,
                format!("header line: want {header}, got {}", s.line),
            );
        }
    }
    if let Some(listed) = exp["accounts_listed"].as_array() {
        expect(
            listed.len() == read.listed_accounts.len(),
            format!(
                "listed accounts: want {}, got {}",
                listed.len(),
                read.listed_accounts.len()
            ),
        );
        for (e, a) in listed.iter().zip(&read.listed_accounts) {
            expect(
                e["desc"].as_str() == a.description.as_deref(),
                format!("listed desc {} vs {:?}", e["desc"], a.description),
            );
            expect(
                e["account_id"].as_str() == a.account_id.as_deref(),
                format!("listed id {} vs {:?}", e["account_id"], a.account_id),
            );
            expect(
                e["kind"].as_str() == Some(kind_name(a.kind)),
                format!("listed kind {} vs {:?}", e["kind"], a.kind),
            );
        }
    }
    if let Some(code) = exp["status_code"].as_u64() {
        let mentioned = read
            .problems
            .iter()
            .any(|p| p.message.contains(&code.to_string()));
        expect(
            mentioned,
            format!("status code {code} not reported in a problem"),
        );
    }
    bad
}

#[test]
fn every_real_fixture_reads_as_expected() {
    let dir = fixtures_dir();
    let expected: Value =
        serde_json::from_slice(&std::fs::read(dir.join("EXPECTED.json")).unwrap()).unwrap();
    let files = expected["files"].as_object().unwrap();
    assert_eq!(files.len(), 67, "EXPECTED.json lists 67 files");
    let mut failures = Vec::new();
    for (path, exp) in files {
        let bytes = std::fs::read(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let name = path.rsplit('/').next().unwrap();
        let read = read_file(name, &bytes, RoleHint::Any);
        failures.extend(check_file(path, exp, &read));
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
