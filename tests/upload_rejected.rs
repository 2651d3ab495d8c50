//! `upload_rejected`: every reason fires where QuickBooks' own import would refuse the
//! file, and each has a near miss where it must stay quiet. Real fixture files
//! (`shared/fixtures/real`) are used where they show the reason; made files elsewhere.

mod common;

use qb324::report::{RejectReason, Report};
use qb324::Options;

use common::{check_files, local_file, real_file, today, File};

fn desktop_chart() -> File {
    local_file("tests/fixtures/charts/desktop_accounts.iif")
}

fn online_chart() -> File {
    local_file("tests/fixtures/charts/qbo_account_list.csv")
}

fn check(files: &[File]) -> Report {
    check_files(files, &today())
}

/// The `upload_rejected` reasons that fired, in report order.
fn reasons(r: &Report) -> Vec<&'static str> {
    r.findings
        .iter()
        .filter(|f| f.code.name() == "upload_rejected")
        .map(|f| {
            f.reason
                .expect("upload_rejected always has a reason")
                .name()
        })
        .collect()
}

fn fired(r: &Report, reason: &str) -> bool {
    reasons(r).contains(&reason)
}

/// A made OFX 1.0.2 statement: `bid` as INTU.BID, `org` as ORG, `n` transactions.
fn ofx(bid: Option<&str>, org: &str, currency: &str, n: usize) -> Vec<u8> {
    let mut s = String::from(
        "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\n\
         CHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n<OFX>\r\n\
         <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n<DTSERVER>20261115\r\n\
         <LANGUAGE>ENG\r\n",
    );
    s.push_str(&format!("<FI><ORG>{org}<FID>1234</FI>\r\n"));
    if let Some(b) = bid {
        s.push_str(&format!("<INTU.BID>{b}\r\n"));
    }
    s.push_str(&format!(
        "</SONRS></SIGNONMSGSRSV1>\r\n<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0\
         <SEVERITY>INFO</STATUS>\r\n<STMTRS><CURDEF>{currency}\r\n<BANKACCTFROM><BANKID>121000248\
         <ACCTID>000123454821<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n<BANKTRANLIST><DTSTART>20250101\
         <DTEND>20261115\r\n"
    ));
    let start = "2025-01-01".parse::<qb324::model::Date>().unwrap();
    for i in 0..n {
        let d = start
            .checked_add(jiff::Span::new().days((i % 600) as i64))
            .unwrap();
        s.push_str(&format!(
            "<STMTTRN>\r\n<TRNTYPE>DEBIT\r\n<DTPOSTED>{}\r\n<TRNAMT>-{}.{:02}\r\n<FITID>F{i:08}\r\n\
             <NAME>PAYEE NUMBER {}\r\n<MEMO>A MEMO LINE FOR ROW {i}\r\n</STMTTRN>\r\n",
            d.strftime("%Y%m%d"),
            10 + i % 90,
            i % 100,
            i % 37
        ));
    }
    s.push_str(
        "</BANKTRANLIST>\r\n<LEDGERBAL><BALAMT>100.00<DTASOF>20261115</LEDGERBAL>\r\n</STMTRS>\
         </STMTTRNRS></BANKMSGSRSV1></OFX>\r\n",
    );
    s.into_bytes()
}

#[test]
fn too_large_for_online_upload_and_its_near_misses() {
    let big = ofx(Some("1234"), "BANK", "USD", 2600);
    let small = ofx(Some("1234"), "BANK", "USD", 1500);
    assert!(big.len() > 350_000, "{}", big.len());
    assert!(small.len() < 350_000, "{}", small.len());
    let r = check(&[online_chart(), ("big.qbo".into(), big.clone())]);
    assert!(fired(&r, "too_large"), "{:?}", reasons(&r));
    let f = r
        .findings
        .iter()
        .find(|f| f.reason.map(RejectReason::name) == Some("too_large"))
        .unwrap();
    assert_eq!(f.evidence[0].file, "big.qbo");
    assert!(f.detail.contains("350 KB"), "{}", f.detail);
    // Near misses: under the limit; and Desktop, whose Web Connect import has no such limit.
    assert!(!fired(
        &check(&[online_chart(), ("small.qbo".into(), small)]),
        "too_large"
    ));
    assert!(!fired(
        &check(&[desktop_chart(), ("big.qbo".into(), big)]),
        "too_large"
    ));
}

#[test]
fn ofx2_for_desktop_on_a_real_capital_one_file() {
    let xml = real_file("reds-importers/360Checking.qfx");
    let r = check(&[desktop_chart(), xml.clone()]);
    assert!(fired(&r, "ofx2_for_desktop"), "{:?}", reasons(&r));
    let f = r
        .findings
        .iter()
        .find(|f| f.reason.map(RejectReason::name) == Some("ofx2_for_desktop"))
        .unwrap();
    assert!(
        !f.title.contains('<'),
        "plain words in the title: {}",
        f.title
    );
    assert_eq!(f.evidence[0].line, Some(1));
    // Near misses: QuickBooks Online takes OFX 2; OFX 1 SGML goes to Desktop fine.
    assert!(!fired(
        &check(&[online_chart(), xml.clone()]),
        "ofx2_for_desktop"
    ));
    assert!(!fired(
        &check(&[desktop_chart(), real_file("ofxparse/checking.ofx")]),
        "ofx2_for_desktop"
    ));
    // Without a chart: only a file meant for Web Connect (named .qbo) is judged.
    assert!(fired(
        &check(&[("360Checking.qbo".into(), xml.1.clone())]),
        "ofx2_for_desktop"
    ));
    assert!(!fired(&check(&[xml]), "ofx2_for_desktop"));
}

#[test]
fn no_bank_id_on_real_files_but_never_for_fid_differing_from_intu_bid() {
    // Real files without INTU.BID.
    for path in [
        "beangulp/example.ofx",
        "ofxtools/br_nubank_cc.ofx",
        "fixofx/savings.ofx",
    ] {
        let r = check(&[desktop_chart(), real_file(path)]);
        assert!(fired(&r, "no_bank_id"), "{path}: {:?}", reasons(&r));
        let f = r
            .findings
            .iter()
            .find(|f| f.reason.map(RejectReason::name) == Some("no_bank_id"))
            .unwrap();
        assert!(f.evidence[0].line.is_some(), "{path}: a line to look at");
        assert!(f.detail.contains("Web Connect"), "{}", f.detail);
    }
    // Near misses: real files whose FID differs from INTU.BID (normal in bank files).
    for path in [
        "ofxparse/checking.ofx",
        "actual/data-multi-decimal.ofx",
        "beangulp/2013-12-03.bofa.ofx",
        "reds-importers/360Checking.qfx",
    ] {
        let r = check(&[desktop_chart(), real_file(path)]);
        assert!(!fired(&r, "no_bank_id"), "{path}: {:?}", reasons(&r));
    }
    // QuickBooks Online's upload does not need the id.
    assert!(!fired(
        &check(&[online_chart(), real_file("beangulp/example.ofx")]),
        "no_bank_id"
    ));
}

#[test]
fn a_converters_placeholder_bank_id_that_does_not_fit_the_bank() {
    let r = check(&[
        desktop_chart(),
        (
            "converted.qbo".into(),
            ofx(Some("3000"), "First Ozark Bank", "USD", 3),
        ),
    ]);
    assert!(fired(&r, "no_bank_id"), "{:?}", reasons(&r));
    let f = r
        .findings
        .iter()
        .find(|f| f.reason.map(RejectReason::name) == Some("no_bank_id"))
        .unwrap();
    assert!(
        f.evidence[0].excerpt.contains("<INTU.BID>3000"),
        "{:?}",
        f.evidence
    );
    // Near miss: the same id in Wells Fargo's own file.
    let r = check(&[
        desktop_chart(),
        ("wf.qbo".into(), ofx(Some("3000"), "Wells Fargo", "USD", 3)),
    ]);
    assert!(!fired(&r, "no_bank_id"), "{:?}", reasons(&r));
}

#[test]
fn currency_the_desktop_edition_does_not_take() {
    let r = check(&[desktop_chart(), real_file("ofxtools/br_nubank_cc.ofx")]);
    assert!(fired(&r, "currency"), "{:?}", reasons(&r));
    let f = r
        .findings
        .iter()
        .find(|f| f.reason.map(RejectReason::name) == Some("currency"))
        .unwrap();
    assert_eq!(f.evidence[0].excerpt, "<CURDEF>BRL");
    assert!(f.evidence[0].line.is_some());
    // Near misses: Canadian dollars (a Canadian Desktop takes them), and Online.
    assert!(!fired(
        &check(&[desktop_chart(), real_file("ofxparse/bank_medium.ofx")]),
        "currency"
    ));
    assert!(!fired(
        &check(&[online_chart(), real_file("ofxtools/br_nubank_cc.ofx")]),
        "currency"
    ));
    assert!(!fired(
        &check(&[
            desktop_chart(),
            ("gbp.qbo".into(), ofx(Some("1234"), "BANK", "GBP", 2))
        ]),
        "currency"
    ));
}

#[test]
fn structure_on_real_broken_files() {
    // Repeated FITIDs and dates outside the period (reds-importers' Ally-shaped file).
    let r = check(&[real_file("reds-importers/transactions.qfx")]);
    assert!(fired(&r, "structure"), "{:?}", reasons(&r));
    let f = r
        .findings
        .iter()
        .find(|f| f.reason.map(RejectReason::name) == Some("structure"))
        .unwrap();
    let excerpts: Vec<&str> = f.evidence.iter().map(|e| e.excerpt.as_str()).collect();
    assert!(
        excerpts.iter().any(|e| e.contains("repeated")),
        "{excerpts:?}"
    );
    assert!(
        excerpts.iter().any(|e| e.contains("outside")),
        "{excerpts:?}"
    );
    assert!(f.evidence.iter().all(|e| e.line.is_some()));
    // An empty ledger balance.
    let r = check(&[real_file("beancount-import/checking-emptyledgerbal.ofx")]);
    assert!(fired(&r, "structure"), "{:?}", reasons(&r));
    // Empty required values.
    let r = check(&[real_file("ofxparse/ofx-v102-empty-tags.ofx")]);
    let f = r
        .findings
        .iter()
        .find(|f| f.reason.map(RejectReason::name) == Some("structure"))
        .unwrap();
    assert!(
        f.evidence.iter().any(|e| e.excerpt.contains("<CURDEF>")),
        "{:?}",
        f.evidence
    );
    // Near misses: complete real files.
    for path in ["ofxparse/checking.ofx", "fixofx/creditcard.ofx"] {
        let r = check(&[real_file(path)]);
        assert!(!fired(&r, "structure"), "{path}: {:?}", r.findings);
    }
    // A bank CSV is not judged as OFX.
    assert!(reasons(&check(&[real_file("beangulp/statement.csv")])).is_empty());
}

#[test]
fn beyond_backfill_points_to_the_recovery_file() {
    let files = [
        local_file("www/samples/AcmeLandscaping_AccountList.csv"),
        local_file("www/samples/amex-business-gold-2026-11.qbo"),
        local_file("tests/fixtures/register/amex-gold-transaction-detail.csv"),
    ];
    let late = Options {
        today: "2027-03-01".parse().ok(),
        ..Options::default()
    };
    let r = check_files(&files, &late);
    assert!(fired(&r, "beyond_backfill"), "{:?}", reasons(&r));
    let f = r
        .findings
        .iter()
        .find(|f| f.reason.map(RejectReason::name) == Some("beyond_backfill"))
        .unwrap();
    assert!(f.detail.contains(".csv"), "{}", f.detail);
    assert!(f.detail.contains("90 days"), "{}", f.detail);
    assert_eq!(f.accounts, ["Amex Gold Card x1005"]);
    // Near miss: the gap is within the 90 days a reconnect brings back.
    assert!(!fired(&check(&files), "beyond_backfill"));
}

#[test]
fn titles_are_plain_words_and_every_finding_says_where_and_what_to_do() {
    let late = Options {
        today: "2027-03-01".parse().ok(),
        ..Options::default()
    };
    let sets: Vec<Vec<File>> = vec![
        vec![
            desktop_chart(),
            real_file("reds-importers/360Checking.qfx"),
            real_file("ofxtools/br_nubank_cc.ofx"),
            real_file("reds-importers/transactions.qfx"),
            (
                "converted.qbo".into(),
                ofx(Some("3000"), "First Ozark Bank", "USD", 3),
            ),
        ],
        vec![
            online_chart(),
            ("big.qbo".into(), ofx(Some("1234"), "BANK", "USD", 2600)),
        ],
        vec![
            local_file("www/samples/AcmeLandscaping_AccountList.csv"),
            local_file("www/samples/amex-business-gold-2026-11.qbo"),
            local_file("tests/fixtures/register/amex-gold-transaction-detail.csv"),
        ],
    ];
    let mut seen = std::collections::BTreeSet::new();
    for files in &sets {
        let r = check_files(files, &late);
        for f in r
            .findings
            .iter()
            .filter(|f| f.code.name() == "upload_rejected")
        {
            seen.insert(f.reason.unwrap().name());
            for tag in [
                "<",
                "INTU.BID",
                "FITID",
                "CURDEF",
                "LEDGERBAL",
                "DTASOF",
                "OFX 2 (",
            ] {
                assert!(
                    !f.title.contains(tag),
                    "{:?}: tag in title {:?}",
                    f.reason,
                    f.title
                );
            }
            assert!(!f.evidence.is_empty(), "{:?}", f.reason);
            assert!(f.evidence.iter().all(|e| !e.file.is_empty()));
            assert_eq!(f.statement.as_deref(), Some(f.evidence[0].file.as_str()));
            assert!(
                f.detail.len() > 80,
                "{:?}: say what to do: {}",
                f.reason,
                f.detail
            );
        }
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        [
            "beyond_backfill",
            "currency",
            "no_bank_id",
            "ofx2_for_desktop",
            "structure",
            "too_large"
        ]
    );
}

/// Found by the `stream` fuzz target: in a one-line OFX every transaction is on line 1,
/// and which repeated FITID the evidence named came from a hash map's order, so two
/// checks of the same bytes could differ. The first repeated id in file order is named.
#[test]
fn the_repeated_id_named_is_the_first_in_file_order() {
    let mut ofx = String::from(
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>\
         <CURDEF>USD<BANKACCTFROM><BANKID>121000248<ACCTID>4821<ACCTTYPE>CHECKING</BANKACCTFROM>\
         <BANKTRANLIST><DTSTART>20261101<DTEND>20261130",
    );
    for (i, id) in ["KAPPA", "ZETA", "ALPHA", "ZETA", "KAPPA", "ALPHA"]
        .iter()
        .enumerate()
    {
        ofx.push_str(&format!(
            "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>202611{:02}<TRNAMT>-{i}.00<FITID>{id}<NAME>SHOP</STMTTRN>",
            i + 1
        ));
    }
    ofx.push_str("</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>");
    let excerpts: Vec<String> = (0..8)
        .map(|_| {
            let r = qb324::check(
                &[qb324::InputFile::new("one-line.qfx", ofx.as_bytes())],
                &Options::default(),
            );
            r.findings
                .iter()
                .flat_map(|f| &f.evidence)
                .map(|e| e.excerpt.clone())
                .find(|e| e.contains("repeated"))
                .expect("a repeated id is evidence")
        })
        .collect();
    assert_eq!(excerpts[0], "<FITID>KAPPA repeated");
    assert!(excerpts.iter().all(|e| *e == excerpts[0]), "{excerpts:?}");
}
