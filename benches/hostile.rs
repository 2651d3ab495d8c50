//! Issue 9's hostile files at full size, each checked once: time and peak heap (a
//! counting allocator), printed as the table BENCHMARKS.md records. The small versions
//! are regression tests in `tests/hostile.rs`.
//!
//! `make bench` runs it; alone: `cargo bench --bench hostile` (a minute or two).

#[path = "shared/mod.rs"]
mod shared;

use std::time::Instant;

use qb324::formats::{FileStream, RoleHint};
use qb324::{check, InputFile, Options};

/// Runs `f`, printing its time, its peak heap above what was live before (the input
/// itself excluded) and what it says.
fn measure(what: &str, input_bytes: usize, f: impl FnOnce() -> String) {
    let t = Instant::now();
    let (peak, said) = shared::peak_of(f);
    let took = t.elapsed();
    println!(
        "| {what} | {:.1} MB | {:.2?} | {:.1} MB | {said} |",
        input_bytes as f64 / 1e6,
        took,
        peak as f64 / 1e6
    );
}

fn run(files: &[(&str, &[u8])]) -> String {
    let inputs: Vec<InputFile> = files.iter().map(|(n, b)| InputFile::new(n, b)).collect();
    let r = check(&inputs, &Options::default());
    let json = serde_json::to_string(&r).unwrap();
    format!(
        "{} accounts, {} statements, {} problems, report {:.1} MB",
        r.chart.map_or(0, |c| c.accounts),
        r.statements.len(),
        r.problems.len(),
        json.len() as f64 / 1e6
    )
}

struct RawZip {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl RawZip {
    fn part(&mut self, name: &str, data: &[u8]) -> (u32, u32) {
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
        let at = self.out.len() as u32;
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.out
            .extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
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
        (at, deflated.len() as u32)
    }
    fn entry(&mut self, name: &str, at: u32, compressed: u32, size: u32) {
        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&[20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        c.extend_from_slice(&compressed.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&(name.len() as u16).to_le_bytes());
        c.extend_from_slice(&[0; 12]);
        c.extend_from_slice(&at.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.count = self.count.wrapping_add(1);
    }
    fn finish(mut self) -> Vec<u8> {
        let (offset, size) = (self.out.len() as u32, self.central.len() as u32);
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

fn workbook(sheets: usize, shared: Option<&str>, sheet: &str, overlap: bool) -> Vec<u8> {
    let mut z = RawZip {
        out: Vec::new(),
        central: Vec::new(),
        count: 0,
    };
    z.part(
        "_rels/.rels",
        br#"<Relationships><Relationship Id="r0" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
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
    z.part("xl/workbook.xml", wb.as_bytes());
    z.part("xl/_rels/workbook.xml.rels", rels.as_bytes());
    if let Some(s) = shared {
        z.part("xl/sharedStrings.xml", s.as_bytes());
    }
    let (at, deflated) = z.part("xl/worksheets/sheet0.xml", sheet.as_bytes());
    for i in 1..sheets {
        if overlap {
            z.entry(
                &format!("xl/worksheets/sheet{i}.xml"),
                at,
                deflated,
                sheet.len() as u32,
            );
        }
    }
    z.finish()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    println!("| hostile file | input | time | peak heap | result |");
    println!("|---|---|---|---|---|");

    // 2. shared-string amplification: every cell shows one 10 MB string.
    let huge = "A".repeat(10 << 20);
    let shared = format!("<sst><si><t>Account</t></si><si><t>Type</t></si><si><t>Bank</t></si><si><t>{huge}</t></si></sst>");
    let mut sheet = String::from(
        r#"<worksheet><sheetData><row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>"#,
    );
    for r in 2..1002 {
        sheet.push_str(&format!(
            r#"<row r="{r}"><c t="s"><v>3</v></c><c t="s"><v>2</v></c></row>"#
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let bytes = workbook(1, Some(&shared), &sheet, false);
    drop((huge, shared, sheet));
    measure(
        "xlsx: 1,000 cells → one 10 MB shared string",
        bytes.len(),
        || run(&[("amp.xlsx", &bytes)]),
    );

    // 3. 10,000 sheet entries over one part inflating to 120 MB.
    let body = format!(
        "<worksheet><sheetData>{}</sheetData></worksheet>",
        " ".repeat(120 << 20)
    );
    let bytes = workbook(10_000, None, &body, true);
    drop(body);
    measure(
        "xlsx: 10,000 entries → one 120 MB part",
        bytes.len(),
        || run(&[("overlap.xlsx", &bytes)]),
    );

    // 4. charts with 200k and 2M bad rows.
    for rows in [200_000usize, 2_000_000] {
        let mut csv =
            String::from("Account,Type,Detail type,Balance\nChecking,Bank,Checking,1.00\n");
        for i in 0..rows {
            csv.push_str(&format!("A{i},Weird,,x\n"));
        }
        measure(&format!("chart CSV: {rows} bad rows"), csv.len(), || {
            run(&[("coa.csv", csv.as_bytes())])
        });
    }

    // 5. OFX with 20k and 100k statements (institution_changed's grouping).
    for n in [5_000usize, 20_000] {
        let mut ofx =
            String::from("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1>");
        for i in 0..n {
            ofx.push_str(&format!(
                "<STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>{}<ACCTID>{:08}<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><DTSTART>20261001<DTEND>20261031</BANKTRANLIST><LEDGERBAL><BALAMT>1.00<DTASOF>20261031</LEDGERBAL></STMTRS></STMTTRNRS>",
                100 + i % 7,
                i % 5000
            ));
        }
        ofx.push_str("</BANKMSGSRSV1></OFX>");
        measure(&format!("OFX: {n} statements"), ofx.len(), || {
            run(&[("many.ofx", ofx.as_bytes())])
        });
    }

    // 6. three accounts with 500 KB and 1 MB names.
    for kb in [500usize, 1000] {
        let long = "Chase Checking ".repeat(kb * 1000 / 15);
        let csv =
            format!("Account,Type\n\"{long}A\",Bank\n\"{long}B\",Bank\n\"{long}Checkng\",Bank\n");
        measure(&format!("chart: three {kb} KB names"), csv.len(), || {
            let r = check(
                &[InputFile::new("coa.csv", csv.as_bytes()).with_role(RoleHint::Chart)],
                &Options::default(),
            );
            format!("{} findings", r.findings.len())
        });
    }

    // 7. a 300 MB single-line chart CSV and a 2.2 GB non-workbook named .xlsx, fed in
    // 8 MB chunks as the page's worker feeds them.
    let chunk = vec![b'x'; 8 << 20];
    for (name, head, total) in [
        (
            "line.csv",
            &b"Account,Type,Detail type\nChecking,Bank,Checking\n"[..],
            300usize << 20,
        ),
        ("big.xlsx", &b"PK\x03\x04\x14\x00"[..], 2200 << 20),
    ] {
        measure(
            &format!("{name}: {} MB streamed", total >> 20),
            total,
            || {
                let mut s = FileStream::new(name, RoleHint::Any);
                s.feed(head);
                let mut fed = 0;
                while fed < total {
                    s.feed(&chunk);
                    fed += chunk.len();
                }
                let read = s.finish();
                read.problems
                    .first()
                    .map(|p| p.message.chars().take(60).collect())
                    .unwrap_or_default()
            },
        );
    }
}
