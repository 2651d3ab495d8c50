//! The way back (SPEC §5 `recovery`): for each statement whose account QuickBooks is
//! missing transactions for, the file that fills exactly the gap.
//!
//! What QuickBooks has comes from its own register export (matched row by row, one to
//! one: [`matching`]) or from the date the user says QuickBooks has transactions until.
//! The writers return bytes ([`qbo_online_csv`] for QuickBooks Online's upload,
//! [`web_connect`] for Desktop and Mac); the faces only save them.
//!
//! Tying a register to its statement reads identity's answer (the statement's chart
//! account) and compares names and bank numbers here; identity itself is not changed.

pub mod matching;
pub mod qbo_online_csv;
pub mod web_connect;

use crate::identity::StatementIdentity;
use crate::model::{Chart, Date, Money, Register, Statement, Transaction};
use crate::report::{mask_long_numbers, Recovery, RecoveryBasis, RecoveryFormat};

use matching::{match_rows, Outcome, Row};

/// QuickBooks Online's "Upload from file" limit, in bytes (350 KB, taken as thousands
/// to stay under it however it is counted).
pub const UPLOAD_LIMIT: usize = 350_000;

/// A file to hand the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What told what QuickBooks already has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// QuickBooks' register export `registers[index]`, its amounts times `sign` in the
    /// statement's view.
    Register { index: usize, sign: i64 },
    /// The user says QuickBooks has the account's transactions until this date.
    Until(Date),
}

/// One statement's gap: which of its rows QuickBooks lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub id: String,
    /// Index into the statements.
    pub statement: usize,
    /// The QuickBooks account, as the report names it.
    pub account: String,
    pub basis: Basis,
    pub outcome: Outcome,
}

impl Gap {
    /// The missing rows' earliest date.
    pub fn first_missing(&self, s: &Statement) -> Option<Date> {
        self.outcome
            .missing
            .iter()
            .filter_map(|&i| s.transactions.get(i)?.date)
            .min()
    }
}

fn name_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// For each statement, the register that is QuickBooks' record of its account (each
/// register tied to at most one statement, strongest evidence first).
pub fn tie_registers(
    chart: Option<&Chart>,
    statements: &[Statement],
    identities: &[StatementIdentity],
    registers: &[Register],
) -> Vec<Option<usize>> {
    let mut scored: Vec<(u8, usize, usize)> = Vec::new();
    for (r, reg) in registers.iter().enumerate() {
        let reg_key = reg.account.as_deref().map(name_key).unwrap_or_default();
        let reg_number = reg
            .account
            .as_deref()
            .and_then(crate::formats::text::bank_number_in_text);
        for (i, s) in statements.iter().enumerate() {
            let mut score = 0u8;
            let matched = identities
                .get(i)
                .and_then(|id| id.matched.as_ref())
                .and_then(|m| chart?.accounts.get(m.account));
            if let Some(a) = matched {
                if !reg_key.is_empty()
                    && (name_key(&a.full_name) == reg_key || name_key(&a.name) == reg_key)
                {
                    score = 3;
                }
            }
            if score == 0 {
                if let (Some(n), Some(sn)) = (&reg_number, &s.account_number) {
                    if crate::identity::numbers_agree(n, sn) {
                        score = 2;
                    }
                }
            }
            if score == 0 && statements.len() == 1 && registers.len() == 1 {
                score = 1;
            }
            if score > 0 {
                scored.push((score, r, i));
            }
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = vec![None; statements.len()];
    let mut used = vec![false; registers.len()];
    for (_, r, i) in scored {
        if out[i].is_none() && !used[r] {
            out[i] = Some(r);
            used[r] = true;
        }
    }
    out
}

fn rows_of(t: &crate::model::Transactions, sign: i64) -> Vec<Row> {
    t.iter()
        .map(|t| Row {
            date: t.date,
            amount: t.amount.map(|m| Money(m.0 * sign)),
            payee: if t.payee.trim().is_empty() {
                t.memo.to_string()
            } else {
                t.payee.to_string()
            },
        })
        .collect()
}

/// Which sign puts the register's amounts in the statement's view: the one under which
/// more amounts agree (a card's report may write charges positive).
fn register_sign(s: &Statement, reg: &Register) -> i64 {
    let count = |sign: i64| {
        let mut have: std::collections::HashMap<i64, usize> = Default::default();
        for a in reg.transactions.facts().filter_map(|t| t.amount) {
            *have.entry(a.0 * sign / 100).or_default() += 1;
        }
        let mut n = 0;
        for a in s.transactions.facts().filter_map(|t| t.amount) {
            if let Some(c) = have.get_mut(&(a.0 / 100)).filter(|c| **c > 0) {
                *c -= 1;
                n += 1;
            }
        }
        n
    };
    if count(-1) > count(1) {
        -1
    } else {
        1
    }
}

/// The account as the report names it for statement `i`.
fn account_label(
    chart: Option<&Chart>,
    s: &Statement,
    id: Option<&StatementIdentity>,
    reg: Option<&Register>,
) -> String {
    if let Some(a) = id
        .and_then(|id| id.matched.as_ref())
        .and_then(|m| chart?.accounts.get(m.account))
    {
        return crate::rules::account_name(a);
    }
    if let Some(name) = reg.and_then(|r| r.account.as_deref()) {
        return mask_long_numbers(name, 5);
    }
    match s.last4() {
        Some(l) => format!("{} ending {l}", crate::rules::kind_noun(s.kind)),
        None => crate::rules::kind_noun(s.kind).to_string(),
    }
}

/// Every statement's gap, from its register when one is tied to it, else from the
/// date QuickBooks has transactions until (per statement file, else for all).
pub fn find_gaps(
    chart: Option<&Chart>,
    statements: &[Statement],
    identities: &[StatementIdentity],
    registers: &[Register],
    until: Option<Date>,
    until_by_file: &[(String, Date)],
) -> Vec<Gap> {
    let ties = tie_registers(chart, statements, identities, registers);
    let mut gaps = Vec::new();
    for (i, s) in statements.iter().enumerate() {
        let reg = ties[i].and_then(|r| registers.get(r).map(|g| (r, g)));
        let file_until = until_by_file
            .iter()
            .find(|(f, _)| *f == s.file || mask_long_numbers(&s.file, 5) == *f)
            .map(|(_, d)| *d);
        let (basis, outcome) = match (reg, file_until.or(until)) {
            (Some((r, g)), _) => {
                let sign = register_sign(s, g);
                let o = match_rows(
                    &rows_of(&s.transactions, 1),
                    &rows_of(&g.transactions, sign),
                );
                (Basis::Register { index: r, sign }, o)
            }
            (None, Some(d)) => {
                let mut o = Outcome::default();
                for (k, t) in s.transactions.iter().enumerate() {
                    match (t.date, t.amount) {
                        (Some(td), Some(_)) if td > d => o.missing.push(k),
                        (Some(_), Some(_)) => o.matched.push((k, usize::MAX)),
                        _ => o.review.push(k),
                    }
                }
                (Basis::Until(d), o)
            }
            (None, None) => continue,
        };
        if outcome.missing.is_empty() && outcome.review.is_empty() {
            continue;
        }
        let account = account_label(chart, s, identities.get(i), reg.map(|r| r.1));
        gaps.push(Gap {
            id: format!("r{}-{}", i + 1, slug(&s.file)),
            statement: i,
            account,
            basis,
            outcome,
        });
    }
    gaps
}

/// A file name part from a statement's name: masked, letters, digits, `-`, `_`, `.`.
fn slug(file: &str) -> String {
    let masked = mask_long_numbers(file, 5);
    let stem = masked
        .rsplit_once('.')
        .map_or(masked.as_str(), |(a, _)| a)
        .to_string();
    let s: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "statement".into()
    } else {
        s
    }
}

fn missing_txns<'a>(gap: &Gap, s: &'a Statement) -> Vec<Transaction<'a>> {
    let mut rows: Vec<Transaction<'a>> = gap
        .outcome
        .missing
        .iter()
        .filter_map(|&i| s.transactions.get(i))
        .collect();
    rows.sort_by_key(|t| (t.date, t.line));
    rows
}

/// Why a Web Connect file cannot be made for this statement, if it cannot.
fn web_connect_account(s: &Statement, today: Option<Date>) -> Result<web_connect::Account, String> {
    let Some(bid) = s.institution.intu_bid.clone() else {
        return Err(
            "No Web Connect (.qbo) file: the statement carries no QuickBooks bank id \
                    (INTU.BID), and QuickBooks Desktop refuses a .qbo without one. Use the CSV \
                    with QuickBooks Online, or download the bank's own .qbo for these dates."
                .into(),
        );
    };
    let Some(acct) = s.account_id.clone().filter(|a| !a.trim().is_empty()) else {
        return Err("No Web Connect (.qbo) file: the statement names no account id.".into());
    };
    let last = s.transactions.date_range().map(|r| r.1);
    let balance_date = s.balance_date.or(s.period_end).or(last);
    let server = s.download_date.or(today).or(balance_date);
    let (Some(balance_date), Some(server)) = (balance_date, server) else {
        return Err("No Web Connect (.qbo) file: the statement has no dates.".into());
    };
    Ok(web_connect::Account {
        intu_bid: bid,
        org: s.institution.org.clone(),
        fid: s.institution.fid.clone(),
        bank_id: s.institution.bankid.clone(),
        account_id: acct,
        kind: s.kind,
        currency: s.currency.clone().unwrap_or_else(|| "USD".into()),
        ledger_balance: s.ending_balance.unwrap_or(Money::ZERO),
        balance_date,
        server_date: server,
    })
}

/// The files of one gap: the upload CSV (split under the limit) and, when the statement
/// allows, the Web Connect file(s). Names are stable for the same input.
pub fn write_files(
    gap: &Gap,
    s: &Statement,
    today: Option<Date>,
) -> (Vec<RecoveryFile>, Vec<String>) {
    let rows = missing_txns(gap, s);
    let mut notes = Vec::new();
    let mut out = Vec::new();
    let (Some(from), Some(to)) = (
        rows.first().and_then(|t| t.date),
        rows.last().and_then(|t| t.date),
    ) else {
        return (out, notes);
    };
    let base = format!("{}-missing-{from}-to-{to}", slug(&s.file));
    let upload: Vec<qbo_online_csv::UploadRow> = rows
        .iter()
        .filter_map(|t| {
            Some(qbo_online_csv::UploadRow {
                date: t.date?,
                description: if t.payee.trim().is_empty() {
                    t.memo.trim().to_string()
                } else {
                    t.payee.trim().to_string()
                },
                amount: t.amount?,
            })
        })
        .collect();
    let order = qbo_online_csv::DateOrder::for_currency(s.currency.as_deref());
    let csvs = qbo_online_csv::write(&upload, order, UPLOAD_LIMIT);
    let n = csvs.len();
    for (k, bytes) in csvs.into_iter().enumerate() {
        let part = if n > 1 {
            format!("-part{}of{n}", k + 1)
        } else {
            String::new()
        };
        out.push(RecoveryFile {
            name: format!("{base}{part}.csv"),
            bytes,
        });
    }
    match web_connect_account(s, today) {
        Ok(acct) => {
            let txns: Vec<web_connect::Txn> = rows
                .iter()
                .enumerate()
                .filter_map(|(k, t)| {
                    let date = t.date?;
                    Some(web_connect::Txn {
                        date,
                        amount: t.amount?,
                        fitid: if t.fitid.trim().is_empty() {
                            format!("QB324-{date}-{}-{k}", t.line)
                        } else {
                            t.fitid.trim().to_string()
                        },
                        name: if t.payee.trim().is_empty() {
                            t.memo.to_string()
                        } else {
                            t.payee.to_string()
                        },
                        memo: if t.payee.trim().is_empty() {
                            String::new()
                        } else {
                            t.memo.to_string()
                        },
                    })
                })
                .collect();
            let files = web_connect::write(&acct, &txns, UPLOAD_LIMIT);
            let n = files.len();
            for (k, bytes) in files.into_iter().enumerate() {
                let part = if n > 1 {
                    format!("-part{}of{n}", k + 1)
                } else {
                    String::new()
                };
                out.push(RecoveryFile {
                    name: format!("{base}{part}.qbo"),
                    bytes,
                });
            }
        }
        Err(why) => notes.push(why),
    }
    (out, notes)
}

/// The report's entry for a gap.
pub fn summarize(
    gap: &Gap,
    statements: &[Statement],
    registers: &[Register],
    today: Option<Date>,
) -> Option<Recovery> {
    let s = statements.get(gap.statement)?;
    let rows = missing_txns(gap, s);
    let (files, notes) = write_files(gap, s, today);
    let total = Money(
        rows.iter()
            .filter_map(|t| t.amount)
            .fold(0i64, |a, m| a.saturating_add(m.0)),
    );
    let mut formats = Vec::new();
    if files.iter().any(|f| f.name.ends_with(".csv")) {
        formats.push(RecoveryFormat::QboOnlineCsv);
    }
    if files.iter().any(|f| f.name.ends_with(".qbo")) {
        formats.push(RecoveryFormat::WebConnectQbo);
    }
    let (register, until) = match &gap.basis {
        Basis::Register { index, .. } => (registers.get(*index).map(|r| r.file.clone()), None),
        Basis::Until(d) => (None, Some(d.to_string())),
    };
    Some(Recovery {
        id: gap.id.clone(),
        account: gap.account.clone(),
        statement: s.file.clone(),
        from: rows
            .first()
            .and_then(|t| t.date)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        to: rows
            .last()
            .and_then(|t| t.date)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        transactions: rows.len(),
        total,
        already_in_quickbooks: gap.outcome.matched.len(),
        to_review: gap.outcome.review.len(),
        formats,
        basis: match gap.basis {
            Basis::Register { .. } => RecoveryBasis::Register,
            Basis::Until(_) => RecoveryBasis::Date,
        },
        register,
        quickbooks_has_until: until,
        outside_register: gap.outcome.outside.len(),
        review: gap
            .outcome
            .review
            .iter()
            .filter_map(|&i| s.transactions.get(i))
            .map(|t| crate::rules::transaction_evidence(s, &t))
            .collect(),
        files: files.into_iter().map(|f| f.name).collect(),
        notes,
    })
}
