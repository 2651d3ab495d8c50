//! Bank CSV shapes real exports still tripped on (issue 12 §2), each with a near miss:
//! a balance-history export read as transactions, columns chosen by the running-balance
//! identity (headed or not), and a masked account number glued to a word in a preamble.

use qb324::formats::bank_csv::read;
use qb324::model::{Money, Statement};

fn one(text: &str) -> (Statement, Vec<String>) {
    let r = read("export.csv", text);
    assert_eq!(r.statements.len(), 1, "{:?}", r.problems);
    let problems = r.problems.iter().map(|p| p.message.clone()).collect();
    (r.statements.into_iter().next().unwrap(), problems)
}

fn amounts(s: &Statement) -> Vec<String> {
    s.transactions
        .iter()
        .map(|t| t.amount.map(|m| m.to_string()).unwrap_or_default())
        .collect()
}

fn money(text: &str) -> Option<Money> {
    Money::parse_plain(text)
}

#[test]
fn a_balance_history_holds_balances_not_transactions() {
    let text = "Date,Balance,Value-dated balance\n\
        2026-11-01,5120.33,5100.00\n\
        2026-11-02,5120.33,5120.33\n\
        2026-11-03,4980.10,5120.33\n\
        2026-11-04,4990.10,4980.10\n\
        2026-11-05,5210.00,4990.10\n\
        2026-11-06,5210.00,5210.00\n";
    let (s, problems) = one(text);
    assert!(s.transactions.is_empty(), "{:?}", amounts(&s));
    assert_eq!(s.ending_balance, money("5210.00"));
    assert_eq!(
        s.balance_date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-06")
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("balances, not transactions")),
        "{problems:?}"
    );
    // Headerless, newest first: the same.
    let text = "11/06/2026,5210.00,5210.00\n11/05/2026,5210.00,5210.00\n\
        11/04/2026,4990.10,4980.10\n11/03/2026,4980.10,5120.33\n\
        11/02/2026,5120.33,5120.33\n11/01/2026,5120.33,5100.00\n";
    let (s, problems) = one(text);
    assert!(s.transactions.is_empty(), "{:?}", amounts(&s));
    assert_eq!(s.ending_balance, money("5210.00"));
    assert!(problems
        .iter()
        .any(|p| p.contains("balances, not transactions")));
}

/// Near miss: one payment a day whose amount happens to grow steadily, with a
/// description: transactions, not balances.
#[test]
fn a_real_amount_column_that_accumulates_stays_transactions() {
    let text = "2026-11-01,DAILY SWEEP,100.00\n2026-11-02,DAILY SWEEP,101.00\n\
        2026-11-03,DAILY SWEEP,102.00\n2026-11-04,DAILY SWEEP,103.00\n\
        2026-11-05,DAILY SWEEP,104.00\n2026-11-06,DAILY SWEEP,105.00\n";
    let (s, problems) = one(text);
    assert_eq!(s.transactions.len(), 6);
    assert!(
        problems.iter().all(|p| !p.contains("balances")),
        "{problems:?}"
    );
    // With a header naming the amount, even without a description.
    let text = "Date,Amount\n2026-11-01,100.00\n2026-11-02,101.00\n2026-11-03,102.00\n\
        2026-11-04,103.00\n2026-11-05,104.00\n";
    let (s, _) = one(text);
    assert_eq!(s.transactions.len(), 5);
}

/// Headerless: the balance column comes first and the amount is written money-out
/// positive; the identity picks both and the sign, and reports the row where it breaks.
#[test]
fn the_running_balance_chooses_columns_and_sign() {
    let text = "2026-11-01,1000.00,0.00,OPENING\n\
        2026-11-02,950.00,50.00,GROCER\n\
        2026-11-03,1150.00,-200.00,PAYROLL\n\
        2026-11-04,1130.00,20.00,COFFEE\n\
        2026-11-05,1030.00,100.00,ELECTRIC\n\
        2026-11-06,1000.00,30.00,PHONE\n\
        2026-11-07,990.00,25.00,PARKING\n\
        2026-11-08,980.00,10.00,SNACKS\n\
        2026-11-09,940.00,40.00,TAXI\n\
        2026-11-10,930.00,10.00,BOOKS\n\
        2026-11-11,920.00,10.00,MUSIC\n";
    let (s, problems) = one(text);
    assert_eq!(
        amounts(&s)[..4],
        ["0.00", "-50.00", "200.00", "-20.00"].map(String::from)
    );
    assert_eq!(s.ending_balance, money("920.00"));
    // 1130 − 100 = 1030, but 1030 − 30 = 1000 … then 1000 − 25 ≠ 990: line 7 breaks.
    assert_eq!(
        problems
            .iter()
            .filter(|p| p.contains("running balance") || p.contains("balance before it"))
            .count(),
        1,
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("line 7")),
        "{problems:?}"
    );
}

/// Near miss: a headed CSV whose balance column is blank on some rows (the bank writes
/// it once a day) keeps its columns, and no row is called broken.
#[test]
fn a_headed_csv_with_blank_balances_keeps_its_columns() {
    let text = "Date,Description,Amount,Balance\n\
        11/21/2026,OPENING,0.00,1000.00\n\
        11/22/2026,GROCER,-50.00,\n\
        11/22/2026,COFFEE,-5.00,945.00\n\
        11/23/2026,PAYROLL,200.00,1145.00\n\
        11/24/2026,RENT,-900.00,\n\
        11/24/2026,REFUND,15.00,260.00\n";
    let (s, problems) = one(text);
    assert_eq!(
        amounts(&s),
        ["0.00", "-50.00", "-5.00", "200.00", "-900.00", "15.00"].map(String::from)
    );
    assert_eq!(s.ending_balance, money("260.00"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_masked_number_glued_to_a_word_in_the_preamble() {
    let text = "Account: ,Business_****04567\n\
        Currency: ,USD\n\n\
        Date,Description,Amount\n\
        11/22/2026,COFFEE,-3.50\n\
        11/23/2026,DEPOSIT,120.00\n";
    let (s, _) = one(text);
    assert_eq!(s.last4(), Some("4567"));
    assert_eq!(s.account_id.as_deref(), Some("****04567"));
    // Near miss: an account named by words only has no number.
    let text = "Account: ,Maxx Business\n\n\
        Date,Description,Amount\n\
        11/22/2026,COFFEE,-3.50\n\
        11/23/2026,DEPOSIT,120.00\n";
    let (s, _) = one(text);
    assert_eq!(s.last4(), None);
}

/// `rows` Chase-like rows, newest first, balance after each row; `broken` lines get a
/// balance one dollar off.
fn long_newest_first(rows: usize, broken: &[usize]) -> String {
    let mut text = String::from("Posting Date,Description,Amount,Balance\n");
    // Oldest first, then written newest first.
    let mut balance = 1_000_000_i64;
    let mut lines = Vec::new();
    for i in 0..rows {
        let cents = if i % 3 == 0 {
            123_456
        } else {
            -(((i * 37) % 9_000) as i64 + 100)
        };
        balance += cents;
        let (m, d) = (1 + (i / 28) % 12, 1 + i % 28);
        lines.push((m, d, i, cents, balance));
    }
    for (k, (m, d, i, cents, balance)) in lines.into_iter().rev().enumerate() {
        let line = k + 2;
        let shown = if broken.contains(&line) {
            balance + 100
        } else {
            balance
        };
        let y = 2020 + i / 336;
        text.push_str(&format!(
            "{m:02}/{d:02}/{y},\"PAYEE NUMBER {i}, SOMEWHERE\",{}.{:02},{}.{:02}\n",
            cents / 100,
            (cents % 100).abs(),
            shown / 100,
            shown % 100
        ));
    }
    text
}

/// The running balance is checked on every row, not only on the rows sniffed for the
/// layout: a file of 4,000 rows (about 230 KB, more than three times the sniffed 64 KB)
/// with a changed balance near its end names that line.
#[test]
fn a_break_past_the_sniffed_rows_is_named() {
    let text = long_newest_first(4_000, &[3_900]);
    assert!(text.len() > 3 * 64 * 1024, "{}", text.len());
    let (s, problems) = one(&text);
    assert_eq!(s.transactions.len(), 4_000);
    let breaks: Vec<&String> = problems
        .iter()
        .filter(|p| p.contains("balance before it") || p.contains("running balance"))
        .collect();
    // The changed balance breaks the identity on its own row and on the row above it.
    assert!(
        breaks.iter().any(|p| p.contains("line 3900")),
        "{problems:?}"
    );
    assert!(breaks.len() <= 2, "{breaks:?}");
}

/// Near miss: the same long file with nothing changed says nothing; and with hundreds
/// of breaks the report names five and counts the rest instead of listing them all.
#[test]
fn a_long_file_that_holds_is_quiet_and_many_breaks_are_counted() {
    let (_, problems) = one(&long_newest_first(3_000, &[]));
    assert!(
        !problems.iter().any(|p| p.contains("balance")),
        "{problems:?}"
    );
    let broken: Vec<usize> = (1_000..1_400).step_by(2).collect();
    let (_, problems) = one(&long_newest_first(3_000, &broken));
    let named = problems
        .iter()
        .filter(|p| p.contains("is not the balance before it"))
        .count();
    assert_eq!(named, 5, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("The running balance breaks on 395 more rows")),
        "{problems:?}"
    );
}
