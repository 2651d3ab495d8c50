//! The chart-of-accounts readers (SPEC §2–§3) on realistic exports: QBO Account List
//! CSV and xlsx (title and footer rows, with and without an account-number column),
//! the QBO chart-of-accounts page, QuickBooks Desktop's Account Listing (CSV in
//! Windows-1252, xlsx), IIF lists, UTF-16; plus content sniffing against real bank
//! CSVs and a few thousand mutated files per fixture that must never panic.

mod common;

use std::path::PathBuf;

use qb324::formats::{chart_csv, iif, read_file, xlsx, FileFormat, Role, RoleHint};
use qb324::input::TextEncoding;
use qb324::model::{Account, AccountType, Chart, ChartFormat, Money, Severity};

use common::Rng;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/charts")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn real_dir() -> PathBuf {
    common::real_dir()
}

fn money(s: &str) -> Option<Money> {
    Some(Money::parse_plain(s).unwrap())
}

fn read_chart(name: &str, bytes: &[u8]) -> (Chart, Vec<qb324::model::Problem>) {
    let read = read_file(name, bytes, RoleHint::Any);
    assert_eq!(read.role, Role::Chart, "{name}: {:?}", read.problems);
    (read.chart.expect("a chart"), read.problems)
}

fn account<'a>(chart: &'a Chart, full_name: &str) -> &'a Account {
    chart
        .accounts
        .iter()
        .find(|a| a.full_name == full_name)
        .unwrap_or_else(|| panic!("no account {full_name:?}"))
}

fn bank_digits(a: &Account) -> Option<&str> {
    a.bank_number.as_ref().map(|n| n.digits())
}

/// No report text (titles, totals, timestamps) was taken for an account.
fn assert_no_report_rows(chart: &Chart) {
    for a in &chart.accounts {
        let lower = a.full_name.to_lowercase();
        assert!(
            !lower.starts_with("total")
                && !lower.contains("gmt")
                && !lower.contains("account list")
                && !a.full_name.is_empty(),
            "report row taken as account: {a:?}"
        );
    }
}

#[test]
fn qbo_account_list_with_titles_footer_subaccounts_and_deleted() {
    let bytes = fixture("qbo_account_list.csv");
    let (chart, problems) = read_chart("Larkspur_Account_List.csv", &bytes);
    assert_eq!(chart.format, ChartFormat::QboCsv);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(chart.accounts.len(), 32);
    assert_no_report_rows(&chart);

    let checking = account(&chart, "Business Checking x4321");
    assert_eq!(checking.line, 5);
    assert_eq!(checking.account_type, AccountType::Bank);
    assert_eq!(checking.detail_type.as_deref(), Some("Checking"));
    assert_eq!(
        checking.description.as_deref(),
        Some("Chase operating account")
    );
    assert_eq!(checking.balance, money("24310.55"));
    assert_eq!(bank_digits(checking), Some("4321"));
    assert_eq!(checking.chart_number, None);
    assert!(checking.active);

    assert_eq!(
        bank_digits(account(&chart, "Payroll Checking (8802)")),
        Some("8802")
    );
    assert_eq!(
        bank_digits(account(&chart, "Money Market ...5567")),
        Some("5567")
    );
    assert_eq!(bank_digits(account(&chart, "Petty Cash")), None);
    let amex = account(&chart, "Amex Business Gold ending in 1005");
    assert_eq!(amex.account_type, AccountType::CreditCard);
    assert_eq!(bank_digits(amex), Some("1005"));
    // The number only in the description still counts.
    assert_eq!(bank_digits(account(&chart, "Visa Signature")), Some("9876"));
    let employee = account(&chart, "Visa Signature:Employee Card - 2008");
    assert_eq!(employee.name, "Employee Card - 2008");
    assert_eq!(bank_digits(employee), Some("2008"));
    assert_eq!(employee.balance, money("-96.10"));

    let old = account(&chart, "Old Savings (deleted)");
    assert!(!old.active);
    assert_eq!(old.name, "Old Savings (deleted)");
    assert_eq!(chart.accounts.iter().filter(|a| !a.active).count(), 1);

    let depreciation = account(&chart, "Truck:Depreciation");
    assert_eq!(depreciation.name, "Depreciation");
    assert_eq!(depreciation.account_type, AccountType::FixedAsset);
    assert_eq!(depreciation.balance, money("-7700"));
    assert_eq!(
        account(&chart, "Repairs, Outside Services").account_type,
        AccountType::Expense
    );
    assert_eq!(
        account(&chart, "Accounts Receivable (A/R)").account_type,
        AccountType::AccountsReceivable
    );
    assert_eq!(account(&chart, "Retained Earnings").balance, None);
    assert_eq!(
        chart
            .accounts
            .iter()
            .filter(|a| a.account_type.is_bank_facing())
            .count(),
        8
    );
    assert_eq!(chart.accounts.last().unwrap().full_name, "Depreciation");
    assert_eq!(chart.accounts.last().unwrap().line, 36);
}

#[test]
fn qbo_account_list_with_number_and_bank_balance_columns() {
    let bytes = fixture("qbo_account_list_numbers.csv");
    let (chart, problems) = read_chart("Sunrise_Account_List.csv", &bytes);
    assert_eq!(chart.format, ChartFormat::QboCsv);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(chart.accounts.len(), 20);
    assert_no_report_rows(&chart);

    let op = account(&chart, "Operating Checking");
    assert_eq!(op.chart_number.as_deref(), Some("1010"));
    assert_eq!(op.balance, money("18442.09"));
    assert_eq!(op.bank_balance, money("18502.09"));
    let n = op.bank_number.as_ref().unwrap();
    assert_eq!((n.digits(), n.is_complete()), ("2044718830", true));
    assert_eq!(op.line, 5);

    assert_eq!(bank_digits(account(&chart, "Savings")), Some("7714"));
    let c5555 = account(&chart, "Checking - 5555");
    assert_eq!(c5555.chart_number.as_deref(), Some("1030"));
    assert_eq!(bank_digits(c5555), Some("5555"));
    assert_eq!(c5555.bank_balance, None);
    let baker = account(&chart, "Chase Ink x3310:Baker Card x3328");
    assert_eq!(baker.chart_number.as_deref(), Some("2110"));
    assert_eq!(bank_digits(baker), Some("3328"));
    assert_eq!(baker.name, "Baker Card x3328");
    let loan = account(&chart, "Loan from Owner");
    assert_eq!(loan.chart_number, None);
    assert_eq!(loan.account_type, AccountType::LongTermLiability);
    // Chart numbers are never bank numbers.
    assert_eq!(bank_digits(account(&chart, "Rent")), None);
}

#[test]
fn qbo_chart_of_accounts_page_export() {
    let bytes = fixture("qbo_chart_page.csv");
    let (chart, problems) = read_chart("ChartOfAccounts.csv", &bytes);
    assert_eq!(chart.format, ChartFormat::QboCsv);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(chart.accounts.len(), 9);
    let checking = &chart.accounts[0];
    assert_eq!(checking.full_name, "Checking");
    assert_eq!(checking.chart_number.as_deref(), Some("10100"));
    assert_eq!(checking.balance, money("99250.02"));
    assert_eq!(checking.bank_balance, money("99310.02"));
    assert_eq!(checking.line, 2);
    assert!(chart.accounts.iter().all(|a| a.bank_number.is_none()));
    assert_eq!(chart.accounts[4].account_type, AccountType::CreditCard);
}

#[test]
fn chart_number_prefixes_are_not_bank_numbers() {
    let bytes = fixture("qbo_numbered_names.csv");
    let (chart, _) = read_chart("Harbor_Account_List.csv", &bytes);
    assert_eq!(chart.accounts.len(), 11);
    let checking = account(&chart, "1010 Checking");
    assert_eq!(checking.chart_number.as_deref(), Some("1010"));
    assert_eq!(checking.name, "1010 Checking");
    assert_eq!(checking.bank_number, None);
    let second = account(&chart, "1030 Business Checking 2");
    assert_eq!(second.chart_number.as_deref(), Some("1030"));
    assert_eq!(second.bank_number, None);
    let payroll = account(&chart, "1040 Payroll Account (4417)");
    assert_eq!(payroll.chart_number.as_deref(), Some("1040"));
    assert_eq!(bank_digits(payroll), Some("4417"));
    let amex = account(&chart, "2010 AmEx Platinum x1002");
    assert_eq!(amex.chart_number.as_deref(), Some("2010"));
    assert_eq!(bank_digits(amex), Some("1002"));
    let loan = account(&chart, "2400 2019 Equipment Loan");
    assert_eq!(loan.chart_number.as_deref(), Some("2400"));
    assert_eq!(loan.bank_number, None);
    for a in &chart.accounts {
        if let (Some(n), Some(c)) = (&a.bank_number, &a.chart_number) {
            assert_ne!(n.digits(), c, "{a:?}");
        }
    }
}

#[test]
fn a_year_in_a_name_is_not_a_chart_number_without_numbered_neighbours() {
    let text = "Full name,Type,Detail type\nChecking,Bank,Checking\nVehicles,Fixed Assets,Vehicles\n\
                Vehicles:2019 Range Rover,Fixed Assets,Vehicles\nSales,Income,Sales of Product Income\n";
    let chart = chart_csv::read("a.csv", text).chart.unwrap();
    let rover = account(&chart, "Vehicles:2019 Range Rover");
    assert_eq!(rover.chart_number, None);
    assert_eq!(rover.bank_number, None);
    assert_eq!(rover.name, "2019 Range Rover");
}

#[test]
fn desktop_account_listing_windows_1252_with_active_status() {
    let bytes = fixture("desktop_account_listing.csv");
    assert!(std::str::from_utf8(&bytes).is_err(), "fixture is cp1252");
    let read = read_file("Account Listing.CSV", &bytes, RoleHint::Any);
    assert_eq!(read.format.map(FileFormat::name), Some("desktop-csv"));
    assert_eq!(read.encoding.map(TextEncoding::name), Some("windows-1252"));
    let chart = read.chart.unwrap();
    assert_eq!(chart.format, ChartFormat::DesktopCsv);
    assert_eq!(chart.accounts.len(), 22);
    let problems: Vec<_> = read.problems.iter().map(|p| &p.message).collect();
    assert!(problems.is_empty(), "{problems:?}");

    let op = account(&chart, "1000 · Cash and Bank:1010 · Operating Checking");
    assert_eq!(op.name, "1010 · Operating Checking");
    assert_eq!(op.chart_number.as_deref(), Some("1010"));
    assert_eq!(op.balance, money("45120.33"));
    assert_eq!(bank_digits(op), Some("6633"));
    assert_eq!(op.line, 3);
    assert!(op.active);
    let mm = account(&chart, "1000 · Cash and Bank:1020 · Money Market (7241)");
    assert_eq!(bank_digits(mm), Some("7241"));
    let old = account(&chart, "1000 · Cash and Bank:1030 · Old Payroll Account");
    assert!(!old.active);
    assert_eq!(bank_digits(old), Some("9090"));
    let cafe = account(&chart, "1000 · Cash and Bank:1040 · Café Register Cash");
    assert_eq!(cafe.bank_number, None);
    let parent = account(&chart, "1000 · Cash and Bank");
    assert_eq!(parent.chart_number.as_deref(), Some("1000"));
    assert_eq!(parent.bank_number, None);
    let visa = account(&chart, "2050 · Visa Business");
    assert_eq!(visa.account_type, AccountType::CreditCard);
    assert_eq!(bank_digits(visa), Some("4410"));
    let amex = account(&chart, "2060 · Amex Blue (x3007)");
    assert!(!amex.active);
    assert_eq!(bank_digits(amex), Some("3007"));
    assert_eq!(
        account(&chart, "9000 · Estimates").account_type,
        AccountType::NonPosting
    );
    assert_eq!(chart.accounts.iter().filter(|a| !a.active).count(), 2);
}

#[test]
fn desktop_listing_with_padding_columns_and_no_status() {
    let text =
        ",,Account,,Type,,Accnt. #\n,,820 · CANA,,Expense,,820\n,,1010 · Checking,,Bank,,1010\n";
    let read = chart_csv::read("listing.csv", text);
    let chart = read.chart.unwrap();
    assert_eq!(chart.format, ChartFormat::DesktopCsv);
    assert_eq!(chart.accounts.len(), 2);
    assert_eq!(chart.accounts[1].chart_number.as_deref(), Some("1010"));
    assert_eq!(chart.accounts[1].account_type, AccountType::Bank);
    assert!(chart.accounts[1].bank_number.is_none());
}

#[test]
fn iif_accounts_in_any_field_order() {
    let bytes = fixture("desktop_accounts.iif");
    let read = read_file("accounts.IIF", &bytes, RoleHint::Any);
    assert_eq!(read.role, Role::Chart);
    assert_eq!(read.format.map(FileFormat::name), Some("iif"));
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let chart = read.chart.unwrap();
    assert_eq!(chart.format, ChartFormat::Iif);
    assert_eq!(chart.accounts.len(), 16);
    let op = account(&chart, "Operating Checking");
    assert_eq!(op.line, 4);
    assert_eq!(op.chart_number.as_deref(), Some("1010"));
    assert_eq!(bank_digits(op), Some("443871002"));
    assert_eq!(op.balance, money("12345.67"));
    assert_eq!(op.type_text, "BANK");
    assert_eq!(op.description.as_deref(), Some("Chase Business Checking"));
    assert!(op.active);
    assert_eq!(bank_digits(account(&chart, "Savings")), Some("7750"));
    let old = account(&chart, "Old Checking");
    assert!(!old.active);
    assert_eq!(bank_digits(old), Some("9911"));
    assert_eq!(account(&chart, "Petty Cash").bank_number, None);
    let amex = account(&chart, "Amex Gold");
    assert_eq!(amex.account_type, AccountType::CreditCard);
    assert_eq!(amex.description.as_deref(), Some("Amex \"Gold\" card"));
    assert_eq!(bank_digits(amex), Some("1005"));
    let emp = account(&chart, "Amex Gold:Employee Card");
    assert_eq!(emp.name, "Employee Card");
    assert_eq!(emp.chart_number.as_deref(), Some("2051"));
    assert!(!account(&chart, "Visa (closed)").active);
    assert_eq!(
        account(&chart, "Estimates").account_type,
        AccountType::NonPosting
    );
    assert_eq!(account(&chart, "Services").balance, None);
    assert!(!chart.accounts.iter().any(|a| a.full_name == "Acme Corp"));
}

#[test]
fn iif_without_accounts_is_an_error() {
    let text = "!HDR\tPROD\tVER\nHDR\tQuickBooks Pro\t\"Version 1\t\"\n!CUST\tNAME\nCUST\tAcme\n";
    let read = iif::read("customers.iif", text);
    assert!(read.chart.is_none());
    let p = &read.problems[0];
    assert_eq!(p.severity, Severity::Error);
    assert!(p.message.contains("holds no account list"), "{}", p.message);
    assert_eq!(p.file, "customers.iif");
    let read = read_file("customers.iif", text.as_bytes(), RoleHint::Any);
    assert!(read.chart.is_none() && read.statements.is_empty());
    assert!(read.problems.iter().any(|p| p.severity == Severity::Error));
}

#[test]
fn real_iif_fixture_reads_its_bank_accounts() {
    let path = real_dir().join("slowbooks/sample_qbmac_opening_balances.iif");
    let Ok(bytes) = std::fs::read(&path) else {
        panic!("real fixture missing: {}", path.display());
    };
    let (chart, _) = read_chart("sample_qbmac_opening_balances.iif", &bytes);
    assert_eq!(chart.accounts.len(), 105);
    let banks: Vec<_> = chart
        .accounts
        .iter()
        .filter(|a| a.account_type.is_bank_facing())
        .collect();
    assert_eq!(banks.len(), 9);
    assert_eq!(banks[0].full_name, "Checking");
    assert_eq!(banks[0].balance, money("99250.02"));
    assert!(banks.iter().all(|a| a.bank_number.is_none() && a.active));
    assert_eq!(
        account(&chart, "CalOil Card").chart_number.as_deref(),
        Some("2100")
    );
}

/// Account #, full name, type, detail type, description, total balance.
type QboRow = (
    Option<f64>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<f64>,
);

/// A QBO Account List as QuickBooks Online's "Export to Excel" lays it out: title rows
/// (merged), a blank row, the header, numbers as numbers, the timestamp below.
fn qbo_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Account List").unwrap();
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 5, "Larkspur Landscaping & Design, LLC", &bold)
        .unwrap();
    ws.merge_range(1, 0, 1, 5, "Account List", &bold).unwrap();
    let header = [
        "Account #",
        "Full name",
        "Type",
        "Detail type",
        "Description",
        "Total balance",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &bold).unwrap();
    }
    let rows: &[QboRow] = &[
        (
            Some(1010.0),
            "Business Checking x4321",
            "Bank",
            "Checking",
            "",
            Some(24310.55),
        ),
        (Some(1020.0), "Savings", "Bank", "Savings", "", Some(5000.0)),
        (
            Some(1030.0),
            "Old Savings (deleted)",
            "Bank",
            "Savings",
            "",
            Some(0.0),
        ),
        (
            Some(1200.0),
            "Accounts Receivable (A/R)",
            "Accounts receivable (A/R)",
            "Accounts Receivable (A/R)",
            "",
            Some(8945.1),
        ),
        (
            Some(2100.0),
            "Amex Business Gold",
            "Credit Card",
            "Credit Card",
            "Card ending in 1005",
            Some(-1884.21),
        ),
        (
            Some(2110.0),
            "Amex Business Gold:Employee x2008",
            "Credit Card",
            "Credit Card",
            "",
            Some(-96.1),
        ),
        (
            None,
            "Landscaping Services",
            "Income",
            "Service/Fee Income",
            "",
            None,
        ),
        (Some(6000.0), "Insurance", "Expenses", "Insurance", "", None),
    ];
    for (i, (num, name, ty, detail, desc, bal)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        if let Some(n) = num {
            ws.write_number(r, 0, *n).unwrap();
        }
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, *ty).unwrap();
        ws.write_string(r, 3, *detail).unwrap();
        if !desc.is_empty() {
            ws.write_string(r, 4, *desc).unwrap();
        }
        if let Some(b) = bal {
            ws.write_number(r, 5, *b).unwrap();
        }
    }
    ws.write_string(15, 0, " Tuesday, November 15, 2026 09:12 AM GMT-08:00")
        .unwrap();
    wb.save_to_buffer().unwrap()
}

/// A Desktop Account Listing exported to Excel: a "QuickBooks Export Tips" sheet first,
/// then the report with column A empty (the indent column), header in row 1 from
/// column B, with an Active Status column.
fn desktop_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let tips = wb.add_worksheet();
    tips.set_name("QuickBooks Export Tips").unwrap();
    tips.write_string(0, 0, "QuickBooks Export Tips").unwrap();
    tips.write_string(
        2,
        0,
        "Type: this report's rows can be sorted and filtered in Excel.",
    )
    .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1").unwrap();
    let header = [
        "Active Status",
        "Account",
        "Type",
        "Balance Total",
        "Description",
        "Accnt. #",
        "Tax Line",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, 1 + c as u16, *h).unwrap();
    }
    let rows: &[(&str, &str, &str, f64, &str, f64)] = &[
        (
            "Active",
            "1010 · Checking",
            "Bank",
            45120.33,
            "acct ...6633",
            1010.0,
        ),
        ("Inactive", "1030 · Old Payroll", "Bank", 0.0, "", 1030.0),
        (
            "Active",
            "1200 · Accounts Receivable",
            "Accounts Receivable",
            12840.0,
            "",
            1200.0,
        ),
        (
            "Active",
            "2050 · Visa Business x4410",
            "Credit Card",
            -1403.99,
            "",
            2050.0,
        ),
        ("Active", "4000 · Sales", "Income", 0.0, "", 4000.0),
    ];
    for (i, (status, name, ty, bal, desc, num)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 1, *status).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_string(r, 3, *ty).unwrap();
        ws.write_number(r, 4, *bal).unwrap();
        if !desc.is_empty() {
            ws.write_string(r, 5, *desc).unwrap();
        }
        ws.write_number(r, 6, *num).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn qbo_xlsx_account_list() {
    let bytes = qbo_xlsx();
    let read = read_file("Larkspur_Account_List.xlsx", &bytes, RoleHint::Any);
    assert_eq!(read.format.map(FileFormat::name), Some("qbo-xlsx"));
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let chart = read.chart.unwrap();
    assert_eq!(chart.format, ChartFormat::QboXlsx);
    assert_eq!(chart.accounts.len(), 8);
    assert_no_report_rows(&chart);
    let checking = account(&chart, "Business Checking x4321");
    assert_eq!(checking.line, 5);
    assert_eq!(checking.chart_number.as_deref(), Some("1010"));
    assert_eq!(checking.balance, money("24310.55"));
    assert_eq!(bank_digits(checking), Some("4321"));
    assert!(!account(&chart, "Old Savings (deleted)").active);
    assert_eq!(
        bank_digits(account(&chart, "Amex Business Gold")),
        Some("1005")
    );
    let emp = account(&chart, "Amex Business Gold:Employee x2008");
    assert_eq!(emp.balance, money("-96.10"));
    assert_eq!(emp.name, "Employee x2008");
    assert_eq!(account(&chart, "Landscaping Services").chart_number, None);
}

#[test]
fn desktop_xlsx_account_listing() {
    let bytes = desktop_xlsx();
    let read = read_file("Account Listing.xlsx", &bytes, RoleHint::Any);
    assert_eq!(read.format.map(FileFormat::name), Some("desktop-xlsx"));
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let chart = read.chart.unwrap();
    assert_eq!(chart.format, ChartFormat::DesktopXlsx);
    assert_eq!(chart.accounts.len(), 5);
    let checking = &chart.accounts[0];
    assert_eq!(checking.full_name, "1010 · Checking");
    assert_eq!(checking.line, 2);
    assert_eq!(checking.chart_number.as_deref(), Some("1010"));
    assert_eq!(bank_digits(checking), Some("6633"));
    assert!(!chart.accounts[1].active);
    assert_eq!(bank_digits(&chart.accounts[3]), Some("4410"));
    assert_eq!(chart.accounts[3].balance, money("-1403.99"));
}

#[test]
fn broken_or_foreign_xlsx_is_a_clear_error() {
    let bytes = qbo_xlsx();
    for cut in [30, bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
        let read = read_file("cut.xlsx", &bytes[..cut], RoleHint::Any);
        assert!(read.chart.is_none(), "cut at {cut}");
        assert!(
            read.problems.iter().any(|p| p.severity == Severity::Error),
            "cut at {cut}: {:?}",
            read.problems
        );
    }
    // A workbook that is not an account list.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Date").unwrap();
    ws.write_string(0, 1, "Amount").unwrap();
    ws.write_string(1, 0, "2026-11-01").unwrap();
    ws.write_number(1, 1, -3.5).unwrap();
    let other = wb.save_to_buffer().unwrap();
    let read = xlsx::read("budget.xlsx", &other);
    assert!(read.chart.is_none());
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].severity, Severity::Error);
    assert!(read.problems[0].message.contains("no account list"));
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

#[test]
fn utf16_chart_reads_like_utf8() {
    let utf8 = fixture("qbo_account_list.csv");
    let text = String::from_utf8(utf8).unwrap().replace('\n', "\r\n");
    let bytes = utf16le_with_bom(&text);
    let read = read_file("Account List.csv", &bytes, RoleHint::Any);
    assert_eq!(read.encoding.map(TextEncoding::name), Some("utf-16le"));
    let chart = read.chart.expect("chart from UTF-16");
    assert_eq!(chart.accounts.len(), 32);
    assert_eq!(account(&chart, "Business Checking x4321").line, 5);
}

#[test]
fn bank_csvs_are_not_charts_and_charts_are() {
    let real = real_dir();
    let mut seen = 0;
    let mut stack = vec![real];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            {
                let bytes = std::fs::read(&path).unwrap();
                let text = qb324::input::decode(&bytes).text;
                assert!(
                    !chart_csv::looks_like_chart(&text),
                    "bank CSV taken for a chart: {}",
                    path.display()
                );
                seen += 1;
            }
        }
    }
    assert!(seen >= 30, "only {seen} real CSVs found");
    for name in [
        "qbo_account_list.csv",
        "qbo_account_list_numbers.csv",
        "qbo_chart_page.csv",
        "qbo_numbered_names.csv",
        "desktop_account_listing.csv",
    ] {
        let text = qb324::input::decode(&fixture(name)).text;
        assert!(chart_csv::looks_like_chart(&text), "{name}");
    }
    // Bank layouts that share column names with charts.
    for bank in [
        "Date,Name,Type,Amount\n11/01/2026,Coffee,Debit,-3.50\n",
        "\"Booking Date\",\"Account Name\",Type,\"Amount (EUR)\"\n2020-03-07,Main,Credit Transfer,328.00\n",
        "Details,Posting Date,Description,Amount,Type,Balance\nDEBIT,3/18/2016,Payment,-2.00,ACCT_XFER,3409.86\n",
        "Account,Type,Balance\nChecking,Debit,12.00\n",
    ] {
        assert!(!chart_csv::looks_like_chart(bank), "{bank}");
    }
    let read = chart_csv::read(
        "statement.csv",
        "Date,Description,Amount\n11/01/2026,Coffee,-3.50\n",
    );
    assert!(read.chart.is_none());
    assert_eq!(read.problems[0].severity, Severity::Error);
}

#[test]
fn unknown_types_are_kept_as_other_with_a_problem_on_the_line() {
    let text = "Account List\n\nFull name,Type,Detail type,Balance\nChecking,Bank,Checking,10.00\n\
                Crypto Wallet,Digital Assets,Other,5.00\nSavings,Bank,Savings,abc\n";
    let read = chart_csv::read("coa.csv", text);
    let chart = read.chart.unwrap();
    assert_eq!(chart.accounts.len(), 3);
    let crypto = account(&chart, "Crypto Wallet");
    assert_eq!(crypto.account_type, AccountType::Other);
    assert_eq!(crypto.type_text, "Digital Assets");
    assert_eq!(crypto.line, 5);
    assert!(read
        .problems
        .iter()
        .any(|p| p.line == Some(5) && p.file == "coa.csv" && p.message.contains("Digital Assets")));
    assert!(read
        .problems
        .iter()
        .any(|p| p.line == Some(6) && p.message.contains("abc")));
    assert_eq!(account(&chart, "Savings").balance, None);
}

/// One mutation of a file: byte flips, deletions, duplications, insertions of the
/// characters exports are made of, truncation, line swaps.
fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    const BITS: &[&[u8]] = &[
        b",",
        b"\t",
        b"\"",
        b"\n",
        b"\r",
        b":",
        b"(deleted)",
        b"!ACCNT\t",
        b"ACCNT\t",
        b"\xFF",
        b"\x00",
        b"\xB7",
        b"Type",
        b"Full name,Type",
        b"-",
        b"1,234.56",
        b"x1234",
        b"TOTAL",
        b"\xEF\xBB\xBF",
        b"PK\x03\x04",
        b"9999999999999999999999",
    ];
    let mut out = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        let at = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] = rng.next() as u8;
            }
            1 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                out.drain(at.min(len)..end);
            }
            2 if len > 0 => {
                let end = (at + 1 + rng.below(200)).min(len);
                let piece = out[at.min(len)..end].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, piece);
            }
            3 => {
                let bit = BITS[rng.below(BITS.len())];
                out.splice(at..at, bit.iter().copied());
            }
            4 => out.truncate(at),
            5 => {
                let text = String::from_utf8_lossy(&out).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                if lines.len() > 2 {
                    let a = rng.below(lines.len());
                    let b = rng.below(lines.len());
                    lines.swap(a, b);
                }
                out = lines.join("\n").into_bytes();
            }
            _ => {
                let n = rng.below(16);
                for _ in 0..n {
                    out.insert(at.min(out.len()), rng.next() as u8);
                }
            }
        }
    }
    out
}

#[test]
fn mutated_charts_never_panic() {
    let mut inputs: Vec<(String, Vec<u8>)> = [
        "qbo_account_list.csv",
        "qbo_account_list_numbers.csv",
        "qbo_chart_page.csv",
        "qbo_numbered_names.csv",
        "desktop_account_listing.csv",
        "desktop_accounts.iif",
    ]
    .iter()
    .map(|n| (n.to_string(), fixture(n)))
    .collect();
    let utf16 = utf16le_with_bom(&String::from_utf8(fixture("qbo_numbered_names.csv")).unwrap());
    inputs.push(("utf16.csv".into(), utf16));
    inputs.push(("qbo.xlsx".into(), qbo_xlsx()));
    inputs.push(("desktop.xlsx".into(), desktop_xlsx()));
    let mut rng = Rng(0x5EED_C0A7_0324);
    let mut charts = 0usize;
    for (name, bytes) in &inputs {
        let started = std::time::Instant::now();
        for _ in 0..2000 {
            let m = mutate(bytes, &mut rng);
            let read = read_file(name, &m, RoleHint::Any);
            if let Some(chart) = &read.chart {
                charts += 1;
                for a in &chart.accounts {
                    assert!(a.line >= 1, "{name}: line 0 for {a:?}");
                    assert!(!a.full_name.is_empty(), "{name}: nameless account {a:?}");
                }
            }
            for p in &read.problems {
                assert_eq!(&p.file, name);
            }
            // Told it is a chart, every text reader still answers.
            if !name.ends_with(".xlsx") {
                let _ = read_file(name, &m, RoleHint::Chart);
            }
        }
        eprintln!("{name}: 2000 mutations in {:?}", started.elapsed());
    }
    assert!(
        charts > 5000,
        "only {charts} mutated files still read as charts"
    );
}

#[test]
fn semicolon_chart_with_comma_decimals() {
    let text = "Account List;;;\n;;;\nFull name;Type;Detail type;Balance\n\
                Operating Account;Bank;Checking;1 234,56\nVisa x4242;Credit Card;Credit Card;-89,10\n\
                Sales;Income;Sales of Product Income;\n";
    assert!(chart_csv::looks_like_chart(text));
    let read = chart_csv::read("comptes.csv", text);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let chart = read.chart.unwrap();
    assert_eq!(chart.accounts.len(), 3);
    assert_eq!(chart.accounts[0].balance, money("1234.56"));
    assert_eq!(chart.accounts[1].balance, money("-89.10"));
    assert_eq!(bank_digits(&chart.accounts[1]), Some("4242"));
}

#[test]
fn regional_type_names() {
    let text = "Full name,Type,Detail type\nCurrent Account,Bank,Current\nBarclaycard,Credit Card,Credit Card\n\
                Debtors,Accounts receivable (Debtors),Accounts receivable (Debtors)\nStock,Current assets,Inventory\n\
                Compte courant,Banque,Compte chèque\nVisa Affaires,Carte de crédit,Carte de crédit\n";
    let read = chart_csv::read("uk.csv", text);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let types: Vec<_> = read
        .chart
        .unwrap()
        .accounts
        .iter()
        .map(|a| a.account_type)
        .collect();
    assert_eq!(
        types,
        [
            AccountType::Bank,
            AccountType::CreditCard,
            AccountType::AccountsReceivable,
            AccountType::OtherCurrentAsset,
            AccountType::Bank,
            AccountType::CreditCard
        ]
    );
}

#[test]
fn bank_number_column_and_repeated_header() {
    let text = ",\"Account\",\"Type\",\"Balance Total\",\"Bank Acct. No.\",\"Accnt. #\"\n\
                ,\"1010 · Checking\",\"Bank\",\"100.00\",\"000123456789\",\"1010\"\n\
                ,\"Account\",\"Type\",\"Balance Total\",\"Bank Acct. No.\",\"Accnt. #\"\n\
                ,\"2050 · Visa\",\"Credit Card\",\"-5.00\",\"xxxx4410\",\"2050\"\n";
    let read = chart_csv::read("listing.csv", text);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let chart = read.chart.unwrap();
    assert_eq!(chart.accounts.len(), 2);
    let n = chart.accounts[0].bank_number.as_ref().unwrap();
    assert_eq!((n.digits(), n.is_complete()), ("000123456789", true));
    assert_eq!(chart.accounts[0].chart_number.as_deref(), Some("1010"));
    let v = chart.accounts[1].bank_number.as_ref().unwrap();
    assert_eq!((v.last4(), v.is_complete()), ("4410", false));
    assert_eq!(chart.accounts[1].line, 4);
}

/// An .xlsx zipped from hand-written parts (deflated), for what rust_xlsxwriter never
/// writes: inline strings, cells that skip columns, rows without `r` attributes.
fn handmade_xlsx(sheet_xml: &str, shared: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut parts = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Accounts &amp; more" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>"#.to_string(),
        ),
        ("xl/worksheets/data.xml", sheet_xml.to_string()),
    ];
    if let Some(s) = shared {
        parts.push(("xl/strings.xml", s.to_string()));
    }
    for (name, text) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn xlsx_with_inline_strings_and_namespace_prefixes() {
    let sheet = r#"<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Account</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Type</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Balance</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:r><x:t>Checking </x:t></x:r><x:r><x:t>x4321 &amp; co</x:t></x:r></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>Bank</x:t></x:is></x:c><x:c r="C2"><x:v>24310.549999999999</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t><![CDATA[Savings <main>]]></x:t></x:is></x:c><x:c r="B3" t="inlineStr"><x:is><x:t>Bank</x:t></x:is></x:c><x:c r="C3" t="n"><x:v>-96.1</x:v></x:c></x:row>
</x:sheetData></x:worksheet>"#;
    let bytes = handmade_xlsx(sheet, None);
    let read = read_file("inline.xlsx", &bytes, RoleHint::Any);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let chart = read.chart.unwrap();
    assert_eq!(chart.accounts.len(), 2);
    let checking = account(&chart, "Checking x4321 & co");
    assert_eq!(checking.line, 2);
    assert_eq!(checking.balance, money("24310.55"));
    assert_eq!(bank_digits(checking), Some("4321"));
    let savings = account(&chart, "Savings <main>");
    assert_eq!(savings.line, 3);
    assert_eq!(savings.balance, money("-96.10"));
}

#[test]
fn xlsx_cells_that_skip_columns_and_rows_keep_excel_positions() {
    // The header starts in column C of row 5; data rows skip column D; row 7 has no `r`
    // and its cells none either (positions follow the previous ones); a phonetic run in
    // a shared string is not part of the text.
    let shared = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7"><si><t>Account</t></si><si><t>Type</t></si><si><t>Description</t></si><si><r><t>Operating</t></r><r><t xml:space="preserve"> x1234</t></r><rPh sb="0" eb="1"><t>オペ</t></rPh></si><si><t>Bank</t></si><si><t>Visa x9876</t></si><si><t>Credit Card</t></si></sst>"#;
    let sheet = r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="5"><c r="C5" t="s"><v>0</v></c><c r="D5" t="s"><v>1</v></c><c r="F5" t="s"><v>2</v></c></row>
<row r="6"><c r="C6" t="s"><v>3</v></c><c r="D6" t="s"><v>4</v></c><c r="E6"/><c r="F6" t="s"><v>99</v></c></row>
<row><c t="s"><v>5</v></c></row>
<row r="9"><c r="C9" t="s"><v>5</v></c><c r="D9" t="s"><v>6</v></c></row>
</sheetData></worksheet>"#;
    let bytes = handmade_xlsx(sheet, Some(shared));
    let read = xlsx::read("sparse.xlsx", &bytes);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let chart = read.chart.unwrap();
    assert_eq!(chart.accounts.len(), 2, "{:?}", chart.accounts);
    let op = account(&chart, "Operating x1234");
    assert_eq!(op.line, 6);
    assert_eq!(bank_digits(op), Some("1234"));
    let visa = account(&chart, "Visa x9876");
    assert_eq!(visa.line, 9);
}

#[test]
fn xlsx_zip_bomb_is_an_error_not_an_allocation() {
    // A sheet that inflates to 200 MB (past the reader's cap) from a small file.
    let mut sheet = String::from(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    sheet.push_str(&" ".repeat(200 << 20));
    sheet.push_str("</sheetData></worksheet>");
    let bytes = handmade_xlsx(&sheet, None);
    assert!(bytes.len() < 2 << 20, "{}", bytes.len());
    let read = xlsx::read("bomb.xlsx", &bytes);
    assert!(read.chart.is_none());
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].severity, Severity::Error);
    assert!(
        read.problems[0].message.contains("inflates past"),
        "{}",
        read.problems[0].message
    );
}

#[test]
fn the_company_comes_from_the_title_rows() {
    let company = |name: &str, bytes: &[u8]| read_chart(name, bytes).0.company;
    let qbo = fixture("qbo_account_list.csv");
    assert_eq!(
        company("qbo_account_list.csv", &qbo).as_deref(),
        Some("Larkspur Landscaping & Design, LLC")
    );
    // The report title may come first.
    let titled_first = b"Account List\nAcme Landscaping LLC\n\nFull name,Type,Detail type\nChecking,Bank,Checking\n";
    assert_eq!(
        company("a.csv", titled_first).as_deref(),
        Some("Acme Landscaping LLC")
    );
    // Near miss: a chart with no title rows, or only a title and a date, names no company.
    let page = fixture("qbo_chart_page.csv");
    assert_eq!(company("qbo_chart_page.csv", &page), None);
    let dated = b"Account List\nAs of November 30, 2026\n\nFull name,Type,Detail type\nChecking,Bank,Checking\n";
    assert_eq!(company("d.csv", dated), None);
}
