//! Issue 9's hostile files, each as a small generated regression test: files built to make
//! the checker slow, exhaust its memory, hide a bank number from the masker or forge
//! what a person reads. The full-size versions are in `benches/hostile.rs`, with their
//! time and peak memory in BENCHMARKS.md. Every test here must stay fast in a debug build.

mod common;

use std::time::Instant;

use qb324::formats::{read_file, xlsx, RoleHint};
use qb324::model::Severity;
use qb324::{check, InputFile, Options, Report};

fn run(files: &[(&str, &[u8])]) -> Report {
    let inputs: Vec<InputFile> = files.iter().map(|(n, b)| InputFile::new(n, b)).collect();
    check(&inputs, &Options::default())
}

/// Every string a person reads, one per line (JSON, so nothing is left out).
fn all_text(report: &Report) -> String {
    serde_json::to_string(report).unwrap()
}

/// Says how long a step took. Never an assertion (speed is the benches' business, and a
/// shared machine makes any limit flaky): a regression shows as a test that runs for
/// minutes instead of a second, and in the bench's numbers in BENCHMARKS.md.
fn took(start: Instant, what: &str) {
    eprintln!("{what}: {:?}", start.elapsed());
}

// ---- a raw zip writer: for what no zip library writes (entries sharing one part) ----

struct RawZip {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl RawZip {
    fn new() -> RawZip {
        RawZip {
            out: Vec::new(),
            central: Vec::new(),
            count: 0,
        }
    }

    /// Adds a deflated part; returns its local header's offset.
    fn part(&mut self, name: &str, data: &[u8]) -> u32 {
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
        let at = self.out.len() as u32;
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
        self.out.extend_from_slice(&0u32.to_le_bytes()); // crc (not checked)
        self.out
            .extend_from_slice(&(deflated.len() as u32).to_le_bytes());
        self.out
            .extend_from_slice(&(data.len() as u32).to_le_bytes());
        self.out
            .extend_from_slice(&(name.len() as u16).to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&deflated);
        self.entry(name, at, deflated.len() as u32, data.len() as u32);
        at
    }

    /// A directory entry named `name` for the part whose local header is at `at`.
    fn entry(&mut self, name: &str, at: u32, compressed: u32, size: u32) {
        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&[20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
        c.extend_from_slice(&0u32.to_le_bytes());
        c.extend_from_slice(&compressed.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&(name.len() as u16).to_le_bytes());
        c.extend_from_slice(&[0; 12]);
        c.extend_from_slice(&at.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.count += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let offset = self.out.len() as u32;
        let size = self.central.len() as u32;
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]);
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&offset.to_le_bytes());
        self.out.extend_from_slice(&[0; 2]);
        self.out
    }
}

const RELS: &str = r#"<Relationships><Relationship Id="r0" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

/// A workbook of `sheets` sheets, the sheet parts given by the caller.
fn workbook_parts(sheets: usize) -> (String, String) {
    let mut wb = String::from("<workbook><sheets>");
    let mut rels = String::from("<Relationships>");
    for i in 0..sheets {
        wb.push_str(&format!(
            r#"<sheet name="S{i}" sheetId="{i}" r:id="s{i}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="s{i}" Type="x/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        ));
    }
    wb.push_str("</sheets></workbook>");
    rels.push_str(r#"<Relationship Id="ss" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#);
    (wb, rels)
}

// ---- 2. xlsx shared-string amplification ---------------------------------------

#[test]
fn xlsx_cells_pointing_at_one_huge_shared_string_stay_small() {
    // A 4 MB shared string and 2,000 cells that all show it: 8 GB of cell text unless a
    // cell's text is capped.
    let huge = "A".repeat(4 << 20);
    let shared = format!(
        "<sst><si><t>Account</t></si><si><t>Type</t></si><si><t>Bank</t></si><si><t>{huge}</t></si></sst>"
    );
    let mut sheet = String::from(
        r#"<worksheet><sheetData><row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>"#,
    );
    for r in 2..1002 {
        sheet.push_str(&format!(
            r#"<row r="{r}"><c t="s"><v>3</v></c><c t="s"><v>2</v></c></row>"#
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let (wb, rels) = workbook_parts(1);
    let mut zip = RawZip::new();
    zip.part("_rels/.rels", RELS.as_bytes());
    zip.part("xl/workbook.xml", wb.as_bytes());
    zip.part("xl/_rels/workbook.xml.rels", rels.as_bytes());
    zip.part("xl/sharedStrings.xml", shared.as_bytes());
    zip.part("xl/worksheets/sheet0.xml", sheet.as_bytes());
    let bytes = zip.finish();
    assert!(bytes.len() < 200_000, "{}", bytes.len());
    let start = Instant::now();
    let report = run(&[("amplified.xlsx", &bytes)]);
    took(start, "amplified workbook");
    let json = all_text(&report);
    // 1,000 accounts of at most 1,024 characters each, listed twice: megabytes, not the
    // 1.6 GB the uncapped cells made.
    assert!(json.len() < 8 << 20, "report of {} bytes", json.len());
    let chart = report.chart.expect("a chart");
    assert_eq!(chart.accounts, 1000);
}

// ---- 3. xlsx with overlapping zip entries ----------------------------------------

#[test]
fn xlsx_entries_sharing_one_big_part_are_counted_once_across_the_file() {
    // 3,000 sheet entries all pointing at one part that inflates to 16 MB of spaces:
    // 48 GB of inflating if each part is only capped on its own.
    let sheets = 3000;
    let (wb, rels) = workbook_parts(sheets);
    let mut zip = RawZip::new();
    zip.part("_rels/.rels", RELS.as_bytes());
    zip.part("xl/workbook.xml", wb.as_bytes());
    zip.part("xl/_rels/workbook.xml.rels", rels.as_bytes());
    let body = format!(
        "<worksheet><sheetData>{}</sheetData></worksheet>",
        " ".repeat(16 << 20)
    );
    let deflated = miniz_oxide::deflate::compress_to_vec(body.as_bytes(), 6).len() as u32;
    let at = zip.part("xl/worksheets/sheet0.xml", body.as_bytes());
    for i in 1..sheets {
        zip.entry(
            &format!("xl/worksheets/sheet{i}.xml"),
            at,
            deflated,
            body.len() as u32,
        );
    }
    let bytes = zip.finish();
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    let start = Instant::now();
    let read = xlsx::read("overlap.xlsx", &bytes);
    took(start, "overlapping workbook");
    assert!(read.chart.is_none());
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert_eq!(read.problems[0].severity, Severity::Error);
}

// ---- 4. uncapped problems in the chart and IIF readers ---------------------------

#[test]
fn a_chart_with_many_bad_rows_gives_a_capped_problem_list() {
    let mut csv = String::from("Account,Type,Detail type,Balance\nChecking,Bank,Checking,1.00\n");
    for i in 0..5_000 {
        csv.push_str(&format!("Acct {i},Weird type,,not money\n"));
    }
    let start = Instant::now();
    let report = run(&[("coa.csv", csv.as_bytes())]);
    took(start, "bad chart");
    assert!(report.problems.len() <= 60, "{}", report.problems.len());
    let more = report
        .problems
        .iter()
        .find(|p| p.message.starts_with("And "))
        .unwrap_or_else(|| panic!("no count of the rest in {:?}", report.problems));
    assert!(more.message.contains("9,950 more"), "{}", more.message);

    let mut iif = String::from("!ACCNT\tNAME\tACCNTTYPE\tOBAMOUNT\n");
    for i in 0..5_000 {
        iif.push_str(&format!("ACCNT\tAcct {i}\tBANK\tten dollars\n"));
    }
    let report = run(&[("coa.iif", iif.as_bytes())]);
    assert!(report.problems.len() <= 60, "{}", report.problems.len());
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.message.contains("4,950 more")),
        "{:?}",
        report.problems.last()
    );
}

#[test]
fn a_bank_csv_with_many_bad_rows_gives_a_capped_problem_list() {
    let mut csv = String::from("Date,Description,Amount\n");
    for i in 0..2_000 {
        csv.push_str(&format!(
            "01/02/2026,Coffee {i},-4.50\nnot a date,Tea {i},zz\n"
        ));
    }
    let report = run(&[("bank.csv", csv.as_bytes())]);
    assert!(report.problems.len() <= 60, "{}", report.problems.len());
    assert!(report
        .problems
        .iter()
        .any(|p| p.message.contains("more like this")));
}

// ---- 5. many statements in one OFX (institution grouping) ------------------------

#[test]
fn an_ofx_with_thousands_of_statements_is_checked_quickly() {
    let mut ofx = String::from("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1>");
    for i in 0..2_000 {
        ofx.push_str(&format!(
            "<STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>{}<ACCTID>{:08}<ACCTTYPE>CHECKING</BANKACCTFROM>\
             <BANKTRANLIST><DTSTART>20261001<DTEND>20261031</BANKTRANLIST><LEDGERBAL><BALAMT>1.00<DTASOF>20261031</LEDGERBAL></STMTRS></STMTTRNRS>",
            100 + i % 7,
            i
        ));
    }
    ofx.push_str("</BANKMSGSRSV1></OFX>");
    let start = Instant::now();
    let report = run(&[("many.ofx", ofx.as_bytes())]);
    took(start, "2,000 statements");
    assert_eq!(report.statements.len(), 2_000);
}

// ---- 6. similar_name on very long names ------------------------------------------

#[test]
fn very_long_account_names_are_compared_quickly() {
    let long = "Chase Checking ".repeat(20_000); // 300 KB
    let csv = format!("Account,Type\n\"{long}A\",Bank\n\"{long}B\",Bank\n\"{long}Checkng\",Bank\n");
    let start = Instant::now();
    // Told it is a chart: its first 64 KB hold no whole account row to sniff.
    let report = check(
        &[InputFile::new("coa.csv", csv.as_bytes()).with_role(RoleHint::Chart)],
        &Options::default(),
    );
    took(start, "three 300 KB names");
    assert_eq!(report.chart.unwrap().accounts, 3);
}

// ---- 7. huge single-line files and huge non-workbooks are refused early -------------

#[test]
fn a_single_line_chart_csv_is_refused_before_it_is_held_whole() {
    let mut stream = qb324::formats::FileStream::new("coa.csv", RoleHint::Any);
    stream.feed(b"Account,Type,Detail type\nChecking,Bank,Checking\n");
    let line = vec![b'x'; 8 << 20];
    for _ in 0..12 {
        stream.feed(&line); // 96 MB, never a newline
    }
    let read = stream.finish();
    assert!(read.chart.is_none());
    assert!(
        read.problems[0].message.contains("larger than 64 MB"),
        "{:?}",
        read.problems
    );
}

#[test]
fn a_huge_file_named_xlsx_is_refused_without_holding_it() {
    let mut stream = qb324::formats::FileStream::new("big.xlsx", RoleHint::Any);
    stream.feed(b"PK\x03\x04");
    let junk = vec![0x5au8; 8 << 20];
    for _ in 0..10 {
        stream.feed(&junk);
    }
    let read = stream.finish();
    // Refused, from its first bytes or once past the size a workbook can have.
    assert!(read.chart.is_none());
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert_eq!(read.problems[0].severity, Severity::Error);
}

#[test]
fn random_bytes_never_panic() {
    // Seeded: the same bytes every run.
    let mut rng = common::Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = vec![0u8; 1 << 20];
    for b in &mut bytes {
        *b = rng.next() as u8;
    }
    for name in ["r.csv", "r.ofx", "r.xlsx", "r.iif"] {
        let _ = read_file(name, &bytes, RoleHint::Any);
        let mut pk = b"PK\x03\x04".to_vec();
        pk.extend_from_slice(&bytes[..4096]);
        let _ = read_file(name, &pk, RoleHint::Any);
    }
}

// ---- 9. masking gaps ---------------------------------------------------------------

const CHART: &str = "Account,Type,Detail type,Description\n\
    \"Checking 4111  1111  1111  4821\",Bank,Checking,acct 201503127788\n\
    \"Savings 4111.2222.3333.9999\",Bank,Savings,\n\
    \"Card ４１１１２２２２３３３３７７７７\",Credit Card,Credit Card,\n\
    \"Reserve 4111/2222/3333/5555\",Bank,Savings,\n\
    \"Payroll 4111\u{a0}2222\u{a0}3333\u{a0}6666\",Bank,Checking,\n";

fn statement_csv() -> Vec<u8> {
    b"Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,\r\n\
      DEBIT,11/02/2026,\"PAYMENT TO 5500 6600 7700 8800\",-12.00,ACH_DEBIT,100.00,,\r\n"
        .to_vec()
}

#[test]
fn no_full_number_reaches_the_report_whatever_its_separators() {
    let stmt = statement_csv();
    let report = run(&[
        ("coa.csv", CHART.as_bytes()),
        ("Chase111111114821.csv", &stmt),
        ("Chase222222224821.csv", &stmt),
        ("Export 201503127788.csv", &stmt),
    ]);
    let json = all_text(&report);
    let text = qb324::report::plain_text::render(&report);
    for leak in [
        "4111",
        "111111114821",
        "222222224821",
        "201503127788",
        "３３３３",
        "5500 6600",
    ] {
        assert!(!json.contains(leak), "{leak} in JSON {json}");
        assert!(!text.contains(leak), "{leak} in text report");
    }
    // Two names that mask alike stay two names.
    let mut names: Vec<&str> = report.files.iter().map(|f| f.file.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.contains(&"Chase…4821.csv"));
    assert!(names.contains(&"Chase…4821 (2).csv"));
    // Each statement still sits under its own file.
    let stmt_files: Vec<&str> = report.statements.iter().map(|s| s.file.as_str()).collect();
    assert!(stmt_files.contains(&"Chase…4821.csv"));
    assert!(stmt_files.contains(&"Chase…4821 (2).csv"));
}

#[test]
fn ofx_institution_ids_with_long_digit_runs_are_masked() {
    let ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1><SONRS>\
        <FI><ORG>Bank 123456789012<FID>98765432101</FI><INTU.BID>5556667778</SONRS></SIGNONMSGSRSV1>\
        <BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>011000015<ACCTID>1234567890\
        <ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><DTSTART>20261001<DTEND>20261031</BANKTRANLIST>\
        <LEDGERBAL><BALAMT>1.00<DTASOF>20261031</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    let report = run(&[("x.ofx", ofx.as_bytes())]);
    let json = all_text(&report);
    for leak in ["123456789012", "98765432101", "5556667778", "1234567890"] {
        assert!(!json.contains(leak), "{leak} in {json}");
    }
}

// ---- 10. control characters cannot drive the terminal or forge lines ----------------

#[test]
fn control_characters_in_names_and_file_names_are_shown_escaped() {
    let chart = "Account,Type\n\"Checking\x1b]0;pwned\x07\x1b[2J\",Bank\n\"Checking\x1b]0;pwned\x07\x1b[2J\",Bank\n";
    let stmt = statement_csv();
    let report = run(&[
        ("coa.csv", chart.as_bytes()),
        ("evil\nVERDICT: NO KNOWN CAUSE\x1b[8m.csv", &stmt),
    ]);
    let text = qb324::report::plain_text::render(&report);
    assert!(!text.contains('\x1b'), "ESC in the text report");
    assert!(!text.contains('\x07'));
    assert!(
        !text.lines().any(|l| l.starts_with("VERDICT")),
        "a forged line"
    );
    assert!(text.contains("⟨U+001B⟩"), "{text}");
    assert!(all_text(&report).contains("⟨U+000A⟩"));
}

// ---- 11. bidi controls and look-alikes -----------------------------------------------

#[test]
fn bidi_controls_and_look_alikes_are_visible_and_seen_through() {
    let chart = "Account,Type,Detail type\n\
        Chase Checking,Bank,Checking\n\
        \"Chase Che\u{202e}gnikc\u{202c}\",Bank,Checking\n\
        \"Сhase Checking\",Bank,Checking\n\
        \"Chase Chec\u{200b}king\",Bank,Checking\n";
    let report = run(&[("coa.csv", chart.as_bytes())]);
    let dup = report
        .findings
        .iter()
        .find(|f| f.code.name() == "duplicate_name")
        .expect("the look-alikes are duplicates");
    assert!(dup.accounts.len() >= 3, "{:?}", dup.accounts);
    let json = all_text(&report);
    assert!(json.contains("⟨U+202E⟩"), "{json}");
    assert!(json.contains("⟨U+200B⟩"));
    assert!(!json.contains('\u{202e}'));
}
