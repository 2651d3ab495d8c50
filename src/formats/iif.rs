//! QuickBooks IIF files: the `!ACCNT` section (the chart of accounts) of a list export.
//!
//! IIF is tab-separated; a `!KIND` row names the fields of the `KIND` rows below it, in
//! any order and with regional extras, so fields are found by name. Fields may be
//! quoted, and a quoted field may hold a TAB (QuickBooks for Mac writes its version as
//! `"Version 18.0.14.3469<TAB>"`). Every section but `!ACCNT` is skipped.

use crate::model::{BankNumber, Chart, ChartFormat, Problem, ProblemKind};

use super::chart_columns::{finish_accounts, new_account, RawAccount};
use super::text::{parse_amount, DecimalSeparator};
use super::{ChartRead, ProblemLog};

/// Values of `HIDDEN` that mean the account is hidden (inactive).
const HIDDEN_YES: &[&str] = &["Y", "YES", "TRUE", "1"];

/// Splits one IIF line into fields. A field that opens with `"` runs to the `"` that is
/// followed by a TAB or the line's end (`""` inside is one quote); its TABs are content.
pub fn split_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut rest = line;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices().peekable();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                if c == '"' {
                    match chars.peek() {
                        Some(&(_, '"')) => {
                            value.push('"');
                            chars.next();
                        }
                        Some(&(j, '\t')) => {
                            end = Some(j);
                            break;
                        }
                        None => {
                            end = Some(i + 1);
                            break;
                        }
                        // A stray quote inside: keep it as text.
                        Some(_) => value.push('"'),
                    }
                } else {
                    value.push(c);
                }
            }
            fields.push(value);
            match end {
                Some(j) => match quoted.get(j..).and_then(|r| r.strip_prefix('\t')) {
                    Some(r) => rest = r,
                    None => break,
                },
                None => break,
            }
        } else {
            match rest.split_once('\t') {
                Some((field, r)) => {
                    fields.push(field.to_string());
                    rest = r;
                }
                None => {
                    fields.push(rest.to_string());
                    break;
                }
            }
        }
    }
    fields
}

/// Reads the `!ACCNT` section of an IIF file. No chart and an Error problem when the
/// file has no `!ACCNT` header.
pub fn read(file: &str, text: &str) -> ChartRead {
    let mut out = ChartRead::default();
    // Field names of the current `!ACCNT` header, upper-cased.
    let mut header: Option<Vec<String>> = None;
    let mut seen_header = false;
    let mut raw = Vec::new();
    let mut has_number_field = false;
    for (i, line) in text.split('\n').enumerate() {
        let line_no = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_fields(line);
        let kind = fields.first().map(|f| f.trim()).unwrap_or("");
        if let Some(section) = kind.strip_prefix('!') {
            if section.eq_ignore_ascii_case("ACCNT") {
                let names: Vec<String> = fields
                    .iter()
                    .map(|f| f.trim().to_ascii_uppercase())
                    .collect();
                has_number_field |= names.iter().any(|n| n == "ACCNUM");
                header = Some(names);
                seen_header = true;
            }
            continue;
        }
        if !kind.eq_ignore_ascii_case("ACCNT") {
            continue;
        }
        let Some(names) = &header else {
            out.problems.push(Problem::warning(
                file,
                Some(line_no),
                ProblemKind::Malformed,
                "An ACCNT row comes before any !ACCNT header row; it was skipped.",
            ));
            continue;
        };
        if let Some(a) = account_from_fields(file, names, &fields, line_no, &mut out.problems) {
            raw.push(a);
        }
    }
    if !seen_header {
        out.problems.push(Problem::error(
            file,
            None,
            ProblemKind::WrongRole,
            "This IIF file holds no account list (no !ACCNT section). In QuickBooks Desktop \
             use File → Utilities → Export → Lists to IIF Files and tick Chart of Accounts.",
        ));
        return out;
    }
    let accounts = finish_accounts(raw, has_number_field);
    if accounts.is_empty() {
        out.problems.push(Problem::warning(
            file,
            None,
            ProblemKind::Suspicious,
            "The IIF file's !ACCNT section lists no accounts.",
        ));
    }
    out.chart = Some(Chart {
        file: file.to_string(),
        format: ChartFormat::Iif,
        accounts,
        company: None,
    });
    out
}

/// One `ACCNT` row, its fields named by the `!ACCNT` header.
fn account_from_fields(
    file: &str,
    names: &[String],
    fields: &[String],
    line: usize,
    problems: &mut ProblemLog,
) -> Option<RawAccount> {
    let get = |key: &str| -> &str {
        names
            .iter()
            .position(|n| n == key)
            .and_then(|i| fields.get(i))
            .map_or("", |f| f.trim())
    };
    let name = get("NAME");
    if name.is_empty() {
        problems.push(Problem::warning(
            file,
            Some(line),
            ProblemKind::BadValue,
            "An ACCNT row has no NAME; it was skipped.",
        ));
        return None;
    }
    let type_text = get("ACCNTTYPE");
    let mut account = new_account(name, type_text, line);
    let opening = get("OBAMOUNT");
    if !opening.is_empty() {
        account.balance = parse_amount(opening, DecimalSeparator::Dot);
        if account.balance.is_none() {
            problems.push(Problem::warning(
                file,
                Some(line),
                ProblemKind::BadValue,
                format!("The opening balance of \"{name}\" is not an amount: \"{opening}\"."),
            ));
        }
    }
    let hidden = get("HIDDEN").to_ascii_uppercase();
    account.active = !HIDDEN_YES.contains(&hidden.as_str());
    let desc = get("DESC");
    account.description = (!desc.is_empty()).then(|| desc.to_string());
    let number = get("ACCNUM");
    account.chart_number = (!number.is_empty()).then(|| number.to_string());
    account.bank_number = BankNumber::from_text(get("BANKNUM"));
    if account.account_type == crate::model::AccountType::Other {
        problems.push(Problem::warning(
            file,
            Some(line),
            ProblemKind::BadValue,
            format!("Account \"{name}\" has the type \"{type_text}\", which QuickBooks does not use; it is kept with type Other."),
        ));
    }
    Some(RawAccount {
        account,
        number_from_column: !number.is_empty(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_their_tabs() {
        let f = split_fields("HDR\tQuickBooks\t\"Version 18\t\"\tRelease R15\t1");
        assert_eq!(
            f,
            vec!["HDR", "QuickBooks", "Version 18\t", "Release R15", "1"]
        );
        let f = split_fields("ACCNT\tChecking\t\"99,250.02\"\t");
        assert_eq!(f, vec!["ACCNT", "Checking", "99,250.02", ""]);
        assert_eq!(split_fields("\"open"), vec!["open"]);
        assert_eq!(split_fields("a\"b\tc"), vec!["a\"b", "c"]);
    }
}
