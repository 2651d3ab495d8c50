//! The OFX reader on the variants the real fixtures do not cover, the push form, and
//! a mutation run over every real OFX fixture (no panic, chunked == whole).

mod common;
use common::assert_same;

use std::path::PathBuf;

use qb324::formats::ofx::{read, OfxReader};
use qb324::formats::{read_file, FileFormat, Role, RoleHint, StatementsRead};
use qb324::model::{AccountKind, Money, ProblemKind, Severity, StatementFormat};

use common::Rng;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ofx")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every real OFX-family fixture, as (path, bytes).
fn real_ofx_files() -> Vec<(String, Vec<u8>)> {
    let out = common::real_files(&["ofx", "qfx", "qbo", "sgml"]);
    assert!(out.len() >= 30, "found only {} OFX fixtures", out.len());
    out
}

fn money(s: &str) -> Option<Money> {
    Money::parse_plain(s)
}

fn errors(r: &StatementsRead) -> usize {
    r.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count()
}

fn read_in_pieces(name: &str, text: &str, cuts: &[usize]) -> StatementsRead {
    let mut reader = OfxReader::new(name);
    let mut start = 0;
    for &cut in cuts {
        let mut cut = cut.clamp(start, text.len());
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        reader.feed(&text[start..cut]);
        start = cut;
    }
    reader.feed(&text[start..]);
    reader.finish()
}

#[test]
fn self_closing_tags_are_empty_leaves() {
    let r = read("self_closing.ofx", &fixture("self_closing.ofx"));
    assert_eq!(r.statements.len(), 1, "{:?}", r.problems);
    let s = &r.statements[0];
    assert_eq!(s.account_id.as_deref(), Some("987654"));
    assert_eq!(s.currency, None);
    assert_eq!(s.kind, AccountKind::Checking);
    assert_eq!(s.ending_balance, money("10"));
    assert_eq!(s.balance_date, None);
    assert_eq!(s.format, Some(StatementFormat::OfxNoHeader));
    let t = s.transactions.get(0).unwrap();
    assert_eq!((t.payee, t.memo, t.fitid, t.line), ("", "memo", "X1", 13));
    assert_eq!(t.amount, money("-5"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn xml_with_declaration_cdata_payee_and_transfer() {
    let r = read("x.ofx", &fixture("xml_with_declaration.ofx"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let s = &r.statements[0];
    assert_eq!(s.format, Some(StatementFormat::OfxXml));
    assert_eq!(s.kind, AccountKind::Savings);
    // The transfer's BANKACCTTO must not replace the statement's own account.
    assert_eq!(s.account_id.as_deref(), Some("000123456789"));
    assert_eq!(s.institution.org.as_deref(), Some("Example Bank"));
    assert_eq!(s.institution.fid.as_deref(), Some("10898"));
    assert_eq!(s.institution.intu_bid.as_deref(), Some("10898"));
    assert_eq!(s.institution.bankid.as_deref(), Some("021000021"));
    assert_eq!(
        s.download_date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-15")
    );
    assert_eq!(
        s.period_start.map(|d| d.to_string()).as_deref(),
        Some("2026-10-01")
    );
    assert_eq!(
        s.period_end.map(|d| d.to_string()).as_deref(),
        Some("2026-10-31")
    );
    assert_eq!(s.line, 20);
    let t: Vec<_> = s.transactions.iter().collect();
    assert_eq!(t[0].payee, "Payroll & Co <ACH>");
    assert_eq!(t[0].memo, "Salary – October");
    assert_eq!(t[1].payee, "Transfer out");
    assert_eq!(t[1].line, 36);
    assert_eq!(Some(s.transactions.amount_sum()), money("1300"));
}

#[test]
fn one_line_file_with_comma_decimals() {
    let text = fixture("one_line.ofx");
    assert!(!text.trim_end().contains('\n'));
    let r = read("one.ofx", &text);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let s = &r.statements[0];
    assert_eq!(s.format, Some(StatementFormat::OfxSgml));
    assert_eq!(s.kind, AccountKind::MoneyMarket);
    assert_eq!(s.account_id.as_deref(), Some("55-66-77"));
    assert_eq!(s.last4(), Some("6677"));
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    assert_eq!(s.institution.org.as_deref(), Some("One Line CU"));
    assert_eq!(s.ending_balance, money("98.50"));
    let t = s.transactions.get(0).unwrap();
    assert_eq!((t.payee, t.line), ("Café & bar", 1));
    assert_eq!(t.amount, money("-1.50"));
}

#[test]
fn credit_card_and_bank_statements_in_one_qbo() {
    let r = read("both.qbo", &fixture("bank_and_card.qbo"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.statements.len(), 2);
    let (card, bank) = (&r.statements[0], &r.statements[1]);
    assert_eq!(card.kind, AccountKind::CreditCard);
    assert_eq!(card.account_id.as_deref(), Some("XXXXXXXXXXXX2008"));
    assert_eq!(card.last4(), Some("2008"));
    assert!(!card.account_number.as_ref().unwrap().is_complete());
    assert_eq!(card.institution.intu_bid.as_deref(), Some("3000"));
    assert_eq!(card.institution.bankid, None);
    assert_eq!(card.line, 32);
    assert_eq!(card.transactions.len(), 1);
    assert_eq!(bank.kind, AccountKind::Checking);
    assert_eq!(bank.account_id.as_deref(), Some("4321"));
    assert_eq!(bank.institution.intu_bid.as_deref(), Some("3000"));
    assert_eq!(bank.institution.bankid.as_deref(), Some("121000248"));
    assert_eq!(bank.transactions.len(), 2);
    assert_eq!(bank.ending_balance, money("1015.50"));
    assert_eq!(bank.format, Some(StatementFormat::OfxSgml));
}

#[test]
fn utf16_ofx_reads_through_read_file() {
    let text = fixture("bank_and_card.qbo").replace("COFFEE ROASTERS", "CAFÉ RÖSTEREI");
    for big_endian in [false, true] {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.replace('\n', "\r\n").encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        let r = read_file("utf16.qbo", &bytes, RoleHint::Any);
        assert_eq!(r.role, Role::Statement, "{:?}", r.problems);
        assert_eq!(r.format.map(FileFormat::name), Some("ofx-sgml"));
        assert_eq!(r.statements.len(), 2);
        let t = r.statements[0].transactions.get(0).unwrap();
        assert_eq!(t.payee, "CAFÉ RÖSTEREI");
        assert_eq!(t.line, 38);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }
}

#[test]
fn truncated_mid_tag_keeps_what_was_read_and_says_so() {
    let text = fixture("bank_and_card.qbo");
    let cut = text.find("<TRNAMT>-10.00").unwrap() + 4;
    let r = read("cut.qbo", &text[..cut]);
    // The card statement is whole; the bank statement was cut in its first transaction.
    assert_eq!(r.statements.len(), 2);
    assert_eq!(r.statements[0].transactions.len(), 1);
    assert_eq!(r.statements[1].transactions.len(), 1);
    assert!(r.problems.iter().any(|p| p.severity == Severity::Error
        && p.kind == ProblemKind::Malformed
        && p.message.contains("cut off")));
}

#[test]
fn truncated_before_any_statement_is_an_error() {
    let text = fixture("bank_and_card.qbo");
    let cut = text.find("<CCSTMTRS>").unwrap() + 3;
    let r = read("cut.qbo", &text[..cut]);
    assert!(r.statements.is_empty());
    assert!(errors(&r) > 0);
}

#[test]
fn chunked_feed_equals_read_at_every_split_point() {
    for name in [
        "bank_and_card.qbo",
        "xml_with_declaration.ofx",
        "one_line.ofx",
    ] {
        let text = fixture(name);
        let whole = read("f.ofx", &text);
        assert!(!whole.statements.is_empty());
        for cut in 0..=text.len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            assert_same(
                &whole,
                &read_in_pieces("f.ofx", &text, &[cut]),
                &format!("{name} cut at {cut}"),
            );
        }
        // And one byte at a time.
        let cuts: Vec<usize> = (1..text.len()).collect();
        assert_same(
            &whole,
            &read_in_pieces("f.ofx", &text, &cuts),
            &format!("{name} bytewise"),
        );
    }
}

#[test]
fn bank_error_status_gives_no_statement() {
    let text = fixture("bank_and_card.qbo").replacen(
        "<CODE>0\n<SEVERITY>INFO",
        "<CODE>15500\n<SEVERITY>ERROR\n<MESSAGE>Bad password",
        1,
    );
    let r = read("fail.qbo", &text);
    assert!(r.statements.is_empty());
    let p = r
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::BankError)
        .expect("a bank error");
    assert!(
        p.message.contains("15500") && p.message.contains("password"),
        "{}",
        p.message
    );
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(errors(&r), 1, "{:?}", r.problems);
}

#[test]
fn garbage_and_empty_input_say_no_statement() {
    for text in [
        "",
        "<OFX>",
        "<<<>>></></>",
        "OFXHEADER:100\n\n<OFX><STMTTRN><TRNAMT>1",
    ] {
        let r = read("g.ofx", text);
        assert!(r.statements.is_empty(), "{text:?}");
        assert!(errors(&r) > 0, "{text:?}");
    }
}

#[test]
fn deep_nesting_and_huge_values_stay_bounded() {
    let deep = "<A>".repeat(100_000) + &"</A>".repeat(100_000);
    let r = read("deep.ofx", &deep);
    assert!(r.statements.is_empty());
    let long = format!(
        "<OFX><STMTRS><BANKACCTFROM><ACCTID>1234</BANKACCTFROM><BANKTRANLIST><STMTTRN>\
         <DTPOSTED>20260101<TRNAMT>1<NAME>{}</STMTTRN></BANKTRANLIST></STMTRS></OFX>",
        "x".repeat(1_000_000)
    );
    let r = read("long.ofx", &long);
    let t = r.statements[0].transactions.get(0).unwrap();
    assert!(t.payee.len() <= 4096);
}

#[test]
fn many_bad_rows_make_a_bounded_number_of_problems() {
    let mut text =
        String::from("<OFX><STMTRS><BANKACCTFROM><ACCTID>1234</BANKACCTFROM><BANKTRANLIST>\n");
    for _ in 0..1000 {
        text.push_str("<STMTTRN><DTPOSTED>20261399<TRNAMT>$1</STMTTRN>\n");
    }
    text.push_str("</BANKTRANLIST></STMTRS></OFX>");
    let r = read("bad.ofx", &text);
    assert_eq!(r.statements[0].transactions.len(), 1000);
    assert!(r.problems.len() < 60, "{}", r.problems.len());
    // The problem log lists 50 per kind and ends with a count of the rest.
    let all = r.problems.clone().into_vec();
    assert!(all.last().unwrap().message.contains("1,950 more"));
}

/// Bytes that matter to the OFX syntax, so flips hit the tokenizer's edges often.
const INTERESTING: &[u8] = b"<>/!?-[]&;#\n \0\xff\xc3\xa9CDATA";

fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let len = bytes.len();
        match rng.below(6) {
            0 => {
                // Flip a byte to something syntactic or random.
                if len > 0 {
                    let at = rng.below(len);
                    bytes[at] = if rng.below(2) == 0 {
                        INTERESTING[rng.below(INTERESTING.len())]
                    } else {
                        rng.next() as u8
                    };
                }
            }
            1 => bytes.truncate(rng.below(len + 1)),
            2 => {
                // Duplicate a span in place (a repeated STMTTRN, a doubled tag).
                let a = rng.below(len + 1);
                let b = (a + rng.below(400)).min(len);
                let span = bytes[a..b].to_vec();
                let at = rng.below(len + 1);
                bytes.splice(at..at, span);
            }
            3 => {
                // Delete a span.
                let a = rng.below(len + 1);
                let b = (a + rng.below(200)).min(len);
                bytes.drain(a..b);
            }
            4 => {
                // Insert a random tag.
                const TAGS: &[&[u8]] = &[
                    b"<STMTTRN>",
                    b"</STMTTRN>",
                    b"<STMTRS>",
                    b"</STMTRS>",
                    b"<CCSTMTRS>",
                    b"<LEDGERBAL>",
                    b"<BALAMT>",
                    b"</OFX>",
                    b"<![CDATA[",
                    b"<!--",
                    b"<?xml ",
                    b"<ACCTINFO>",
                    b"<STATUS><CODE>2000<SEVERITY>ERROR",
                    b"<BANKACCTFROM>",
                ];
                let tag = TAGS[rng.below(TAGS.len())];
                let at = rng.below(len + 1);
                bytes.splice(at..at, tag.iter().copied());
            }
            _ => {
                // Swap two halves (sections out of order).
                let at = rng.below(len + 1);
                bytes.rotate_left(at);
            }
        }
    }
    bytes
}

#[test]
fn mutations_of_every_real_fixture_never_panic() {
    let files = real_ofx_files();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    for (path, original) in &files {
        for i in 0..2000 {
            let bytes = mutate(&mut rng, original);
            let text = String::from_utf8_lossy(&bytes);
            let whole = read(path, &text);
            // Every 20th mutation also goes in random pieces and must read the same.
            if i % 20 == 0 {
                let cuts: Vec<usize> = {
                    let mut c: Vec<usize> = (0..1 + rng.below(8))
                        .map(|_| rng.below(text.len() + 1))
                        .collect();
                    c.sort_unstable();
                    c
                };
                assert_same(
                    &whole,
                    &read_in_pieces(path, &text, &cuts),
                    &format!("{path} mutation {i}"),
                );
            }
            // Every 50th goes through the whole file pipeline (decoding, sniffing) too.
            if i % 50 == 0 {
                let _ = read_file(path, &bytes, RoleHint::Any);
            }
            runs += 1;
        }
    }
    assert_eq!(runs, files.len() * 2000);
}

/// A big generated statement: `cargo test --release --test ofx -- --ignored --nocapture`
/// prints how long reading 200k transactions takes (a number for the notes, not a limit).
#[test]
#[ignore]
fn read_200k_transactions() {
    let mut text = String::from(
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0\
         <SEVERITY>INFO</STATUS><DTSERVER>20261116<FI><ORG>Big Bank<FID>1</FI></SONRS>\
         </SIGNONMSGSRSV1>\n<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO\
         </STATUS><STMTRS><CURDEF>USD\n<BANKACCTFROM><BANKID>121000248<ACCTID>000123456789\
         <ACCTTYPE>CHECKING</BANKACCTFROM>\n<BANKTRANLIST><DTSTART>20200101<DTEND>20261031\n",
    );
    const N: usize = 200_000;
    for i in 0..N {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        text.push_str(&format!(
            "<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>2025{month:02}{day:02}120000.000[-5:EST]\n\
             <TRNAMT>-{}.{:02}\n<FITID>FIT{i:09}\n<NAME>MERCHANT NUMBER {}\n\
             <MEMO>POS PURCHASE &amp; FEE {i}\n</STMTTRN>\n",
            i % 997,
            i % 100,
            i % 5000
        ));
    }
    text.push_str("</BANKTRANLIST><LEDGERBAL><BALAMT>1.00<DTASOF>20261031</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n");
    let start = std::time::Instant::now();
    let r = read("big.ofx", &text);
    let whole = start.elapsed();
    let start = std::time::Instant::now();
    let mut reader = OfxReader::new("big.ofx");
    for piece in text.as_bytes().chunks(64 * 1024) {
        // Chunks of bytes cut at char boundaries (the text is ASCII).
        reader.feed(std::str::from_utf8(piece).unwrap());
    }
    let chunked = reader.finish();
    let pieces = start.elapsed();
    assert_eq!(r.statements[0].transactions.len(), N);
    assert!(r.problems.is_empty(), "{:?}", r.problems.first());
    assert_eq!(chunked.statements, r.statements);
    println!(
        "200k transactions, {:.1} MB: read {:?}, fed in 64 KiB pieces {:?}",
        text.len() as f64 / 1e6,
        whole,
        pieces
    );
}

#[test]
fn adversarial_nesting_and_closers_finish() {
    // Deep unknown elements, then a flood of closing tags that match nothing: each
    // closing tag's search of the open elements must stay short.
    let text = format!(
        "<OFX>{}{}{}",
        "<A>".repeat(10_000),
        "<STMTRS>".repeat(1_000),
        "</B>".repeat(200_000)
    );
    let r = read("flood.ofx", &text);
    assert!(r.statements.is_empty());
    assert!(errors(&r) > 0);
}

#[test]
fn header_forms_label_the_format() {
    let body = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1\
                <ACCTID>12345<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST><STMTTRN>\
                <DTPOSTED>20260101<TRNAMT>1.00<FITID>1</STMTTRN></BANKTRANLIST>\
                </STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    let cases = [
        (
            "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n",
            StatementFormat::OfxSgml,
        ),
        (
            "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n",
            StatementFormat::OfxSgml,
        ),
        (
            "\n\n  OFXHEADER : 100 \n  DATA : OFXSGML  \n\n",
            StatementFormat::OfxSgml,
        ),
        (
            "OFXHEADER:100 DATA:OFXSGML VERSION:160 ",
            StatementFormat::OfxSgml,
        ),
        ("DATA:OFXSGML\n", StatementFormat::OfxSgml),
        (
            "<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"211\"?>\n",
            StatementFormat::OfxXml,
        ),
        (
            "<?OFX OFXHEADER=\"200\" VERSION=\"202\"?>   \n",
            StatementFormat::OfxXml,
        ),
        ("", StatementFormat::OfxNoHeader),
        ("\n\n", StatementFormat::OfxNoHeader),
    ];
    for (header, want) in cases {
        let r = read("h.ofx", &format!("{header}{body}"));
        assert!(r.problems.is_empty(), "{header:?}: {:?}", r.problems);
        assert_eq!(r.statements.len(), 1, "{header:?}");
        assert_eq!(r.statements[0].format, Some(want), "{header:?}");
        assert_eq!(r.statements[0].account_id.as_deref(), Some("12345"));
    }
}

#[test]
fn lowercase_tags_and_a_lone_ampersand_are_read() {
    let text = "<ofx><stmtrs><bankacctfrom><acctid>777</bankacctfrom><banktranlist>\
                <stmttrn><dtposted>20260105<trnamt>-2<name>AT&T wireless</stmttrn>\
                </banktranlist></stmtrs></ofx>";
    let r = read("lower.ofx", text);
    let t = r.statements[0].transactions.get(0).unwrap();
    assert_eq!(t.payee, "AT&T wireless");
    assert_eq!(t.amount, money("-2"));
}

#[test]
fn aggregates_written_as_leaves_do_not_swallow_what_follows() {
    // `<PAYEE>` and `<CURRENCY>` are aggregates in the specification; some banks write
    // them with a value. The transaction's other values must still be read.
    let text = "<OFX><STMTRS><BANKACCTFROM><ACCTID>777</BANKACCTFROM><BANKTRANLIST>\n\
                <STMTTRN><PAYEE>Joe's Diner\n<CURRENCY>USD\n<DTPOSTED>20260105\n<TRNAMT>-2\n\
                <FITID>F1\n</STMTTRN>\n\
                <STMTTRN><DTPOSTED>20260106<TRNAMT>-3<PAYEE><NAME>Real Payee</NAME></PAYEE>\
                <CURRENCY><CURRATE>1.0<CURSYM>EUR</CURRENCY><MEMO>m</STMTTRN>\n\
                </BANKTRANLIST></STMTRS></OFX>";
    let r = read("payee.ofx", text);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let t: Vec<_> = r.statements[0].transactions.iter().collect();
    assert_eq!((t[0].payee, t[0].fitid), ("Joe's Diner", "F1"));
    assert_eq!(t[0].amount, money("-2"));
    assert_eq!((t[1].payee, t[1].memo), ("Real Payee", "m"));
}
