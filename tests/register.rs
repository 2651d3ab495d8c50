//! QuickBooks' own record of an account, the third kind of input (SPEC §2): detected by
//! content in every export shape, tied to its chart account and statement, and never
//! taken for a bank statement or a chart (nor a bank CSV for it).

mod common;

use qb324::formats::{read_file, FileFormat, Role, RoleHint};
use qb324::{InputFile, Options};

fn local(path: &str) -> Vec<u8> {
    common::local(path)
}

#[test]
fn qbo_transaction_detail_by_account_is_a_register() {
    let bytes = local("tests/fixtures/register/amex-gold-transaction-detail.csv");
    // Any name: the content decides.
    let read = read_file("export (3).txt", &bytes, RoleHint::Any);
    assert_eq!(read.role, Role::Register);
    assert_eq!(read.format.map(FileFormat::name), Some("qbo-register-csv"));
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.registers.len(), 1);
    let r = &read.registers[0];
    assert_eq!(r.account.as_deref(), Some("Amex Gold Card x1005"));
    assert_eq!(r.transactions.len(), 10);
    assert_eq!(r.line, 6);
    let first = r.transactions.get(0).unwrap();
    assert_eq!(first.date.unwrap().to_string(), "2026-10-02");
    assert_eq!(first.amount.unwrap().to_string(), "86.40");
    assert_eq!(first.line, 7);
}

#[test]
fn desktop_quickreport_and_register_exports() {
    let quickreport = "Acme Landscaping LLC\nAccount QuickReport\nAll Transactions\n\
        ,Type,Date,Num,Name,Memo,Split,Amount,Balance\n\
        Chase Checking,,,,,,,,\n\
        ,Check,11/09/2026,1187,Miller Nursery,,Cost of Goods Sold,-780.00,17439.68\n\
        ,Deposit,11/12/2026,,,Deposit,-SPLIT-,\"3,450.00\",20889.68\n\
        Total Chase Checking,,,,,,,\"2,670.00\",\n";
    let read = read_file("qr.csv", quickreport.as_bytes(), RoleHint::Any);
    assert_eq!(read.role, Role::Register, "{:?}", read.problems);
    assert_eq!(
        read.format.map(FileFormat::name),
        Some("desktop-register-csv")
    );
    assert_eq!(read.registers[0].account.as_deref(), Some("Chase Checking"));
    assert_eq!(
        read.registers[0].transactions.amount_sum().to_string(),
        "2670.00"
    );
    let register = "Chase Checking Register\n\
        Date,Number,Payee,Account,Memo,Payment,Deposit,Balance\n\
        11/09/2026,1187,Miller Nursery,Cost of Goods Sold,,780.00,,17439.68\n\
        11/12/2026,,,Landscaping Services,Deposit,,3450.00,20889.68\n";
    let read = read_file("reg.csv", register.as_bytes(), RoleHint::Any);
    assert_eq!(read.role, Role::Register, "{:?}", read.problems);
    assert_eq!(read.registers[0].account.as_deref(), Some("Chase Checking"));
    let amounts: Vec<String> = read.registers[0]
        .transactions
        .iter()
        .map(|t| t.amount.unwrap().to_string())
        .collect();
    assert_eq!(amounts, ["-780.00", "3450.00"]);
}

#[test]
fn xlsx_register_with_excel_dates() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("mm/dd/yyyy");
    ws.write_string(0, 0, "Transaction Detail by Account")
        .unwrap();
    let header = [
        "",
        "Date",
        "Transaction Type",
        "Num",
        "Name",
        "Memo/Description",
        "Split",
        "Amount",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 0, "Chase Checking").unwrap();
    // 46329 is 2026-11-03 in Excel's 1900 date system.
    ws.write_number_with_format(4, 1, 46329.0, &date).unwrap();
    ws.write_string(4, 2, "Expense").unwrap();
    ws.write_string(4, 4, "Home Depot").unwrap();
    ws.write_string(4, 6, "Supplies").unwrap();
    ws.write_number(4, 7, -52.1).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let read = read_file("tda.xlsx", &bytes, RoleHint::Any);
    assert_eq!(read.role, Role::Register, "{:?}", read.problems);
    assert_eq!(read.format.map(FileFormat::name), Some("qbo-register-xlsx"));
    let t = read.registers[0].transactions.get(0).unwrap();
    assert_eq!(t.date.unwrap().to_string(), "2026-11-03");
    assert_eq!(t.amount.unwrap().to_string(), "-52.10");
    assert_eq!(t.payee, "Home Depot");
    // An xlsx chart is still a chart.
    let chart = read_file(
        "chart.xlsx",
        &{
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            for (c, h) in ["Full name", "Type", "Detail type"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            for (c, h) in ["Checking", "Bank", "Checking"].iter().enumerate() {
                ws.write_string(1, c as u16, *h).unwrap();
            }
            wb.save_to_buffer().unwrap()
        },
        RoleHint::Any,
    );
    assert_eq!(chart.role, Role::Chart);
}

#[test]
fn iif_trns_lines_give_one_register_per_account_beside_the_chart() {
    let iif = "!ACCNT\tNAME\tACCNTTYPE\tBANKNUM\n\
        ACCNT\tChase Checking\tBANK\t4821\n\
        !TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tMEMO\n\
        !SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tMEMO\n!ENDTRNS\n\
        TRNS\t1\tCHECK\t11/09/2026\tChase Checking\tMiller Nursery\t-780.00\t\n\
        SPL\t2\tCHECK\t11/09/2026\tCost of Goods Sold\t\t780.00\t\nENDTRNS\n\
        TRNS\t3\tDEPOSIT\t11/12/2026\tChase Checking\t\t3450.00\tDeposit\n\
        SPL\t4\tDEPOSIT\t11/12/2026\tLandscaping Services\t\t-3450.00\t\nENDTRNS\n";
    let read = read_file("company.iif", iif.as_bytes(), RoleHint::Any);
    assert_eq!(read.role, Role::Chart);
    assert!(read.chart.is_some());
    assert_eq!(read.registers.len(), 1);
    assert_eq!(read.registers[0].account.as_deref(), Some("Chase Checking"));
    assert_eq!(read.registers[0].transactions.len(), 2);
    // The chart's IIF is the one chart; its TRNS lines are QuickBooks' record of the
    // checking account, tied to the Chase statement by the chart account.
    let chase = local("www/samples/Chase4821_Activity_20261115.CSV");
    let report = qb324::check(
        &[
            InputFile::new("company.iif", iif.as_bytes()),
            InputFile::new("Chase4821_Activity_20261115.CSV", &chase),
        ],
        &Options::default(),
    );
    assert_eq!(report.recovery.len(), 1, "{:?}", report.statements);
    assert_eq!(report.recovery[0].account, "Chase Checking");
    assert_eq!(report.recovery[0].register.as_deref(), Some("company.iif"));
    assert_eq!(report.recovery[0].already_in_quickbooks, 2);
}

#[test]
fn no_real_bank_csv_or_chart_is_taken_for_a_register() {
    let dir = common::real_dir();
    let mut stack = vec![dir];
    let mut seen = 0;
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let read = read_file(&name, &bytes, RoleHint::Any);
            assert_ne!(read.role, Role::Register, "{name}");
            seen += 1;
        }
    }
    assert!(seen > 50);
    for chart in [
        "tests/fixtures/charts/qbo_account_list.csv",
        "tests/fixtures/charts/desktop_account_listing.csv",
        "tests/fixtures/charts/desktop_accounts.iif",
    ] {
        let read = read_file(chart, &local(chart), RoleHint::Any);
        assert_eq!(read.role, Role::Chart, "{chart}");
        assert!(read.registers.is_empty(), "{chart}");
    }
}

#[test]
fn a_statement_given_as_a_register_is_read_as_what_it_is_and_said_so() {
    let qbo = local("www/samples/amex-business-gold-2026-11.qbo");
    let read = read_file("amex.qbo", &qbo, RoleHint::Register);
    assert_eq!(read.role, Role::Statement);
    assert!(read
        .problems
        .iter()
        .any(|p| p.message.contains("given as QuickBooks' register")));
    // A register given as such reads the same as by content.
    let csv = local("tests/fixtures/register/amex-gold-transaction-detail.csv");
    let named = read_file("r.csv", &csv, RoleHint::Register);
    assert_eq!(named.role, Role::Register);
    assert_eq!(
        named.registers,
        read_file("r.csv", &csv, RoleHint::Any).registers
    );
}

#[test]
fn titles_with_any_letters_never_cut_a_character() {
    // Lower-casing `İ` changes its length; the title is cut by ASCII positions only.
    let text = "İSTANBUL İŞ Register ÇEK\nDate,Ref No.,Payee,Account,Memo,Payment,Deposit\n\
                11/04/2026,,Shell,Fuel,,40.00,\n";
    let read = read_file("tr.csv", text.as_bytes(), RoleHint::Any);
    assert_eq!(read.role, Role::Register);
    assert_eq!(read.registers[0].account.as_deref(), Some("İSTANBUL İŞ"));
}
