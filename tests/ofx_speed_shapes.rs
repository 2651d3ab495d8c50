//! The shapes the OFX reader's fast paths must read exactly as the byte-wise ones do.
//!
//! A value lying whole before the next tag is read straight from the input; one cut by
//! a piece boundary, mixed with CDATA, longer than the value cap, or broken by a `<`
//! that starts no tag goes through the reader's buffer. A known name is matched to its
//! closing tag by its place in the table, any other by its bytes. Each shape is read
//! whole and cut in two at every character boundary, and both must agree on every
//! statement, listed account and problem.

mod common;
use common::assert_same;
use qb324::formats::ofx::{read, OfxReader};
use qb324::formats::StatementsRead;
use qb324::model::Money;

/// `text` read whole, then in two pieces at every character boundary.
fn read_at_every_cut(text: &str) -> StatementsRead {
    let whole = read("shapes.ofx", text);
    for (cut, _) in text.char_indices().skip(1) {
        let mut reader = OfxReader::new("shapes.ofx");
        let (a, b) = text.split_at(cut);
        reader.feed(a);
        reader.feed(b);
        assert_same(&whole, &reader.finish(), &format!("cut at {cut}"));
    }
    whole
}

fn statement(transactions: &str) -> String {
    format!(
        "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>usd\n\
         <BANKACCTFROM><BANKID>021000021<ACCTID> 12&#51; <ACCTTYPE>CHECKING</BANKACCTFROM>\n\
         <BANKTRANLIST>\n{transactions}</BANKTRANLIST><LEDGERBAL><BALAMT>1.50<DTASOF>20240105\
         </LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n"
    )
}

#[test]
fn values_borrowed_buffered_and_decoded_read_alike() {
    let text = statement(
        "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240102<TRNAMT>-1.00<FITID>a\n\
         <NAME>AT&T &amp; co<MEMO>a < é b</MEMO></STMTTRN>\n\
         <stmttrn><dtposted>20240103120000[-5:EST]<trnamt>2,50<fitid>b\n\
         <name><![CDATA[x&y]]> tail<memo>\u{a0}wide\u{3000}</memo>\
         <X-CUSTOM>v</X-CUSTOM></stmttrn>\n\
         <STMTTRN><DTPOSTED>20240104<TRNAMT>3<FITID>c<NAME>x<!-- c -->y<MEMO>&#32;&lt;b&gt;\n\
         </STMTTRN>\n",
    );
    let r = read_at_every_cut(&text);
    assert_eq!(r.statements.len(), 1, "{:?}", r.problems);
    let s = &r.statements[0];
    assert_eq!(s.account_id.as_deref(), Some("123"));
    assert_eq!(s.currency.as_deref(), Some("USD"));
    let rows: Vec<_> = s
        .transactions
        .iter()
        .map(|t| (t.payee, t.memo, t.fitid, t.amount))
        .collect();
    assert_eq!(
        rows,
        [
            ("AT&T & co", "a < é b", "a", Money::parse_plain("-1")),
            ("x&y tail", "wide", "b", Money::parse_plain("2.50")),
            ("xy", "<b>", "c", Money::parse_plain("3")),
        ]
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn a_value_past_the_cap_is_cut_the_same_way_in_any_pieces() {
    // 4,097 bytes of `é` after one ASCII byte: the cap at 4,096 falls inside a character.
    let long = format!("x{}", "é".repeat(2048));
    let text = statement(&format!(
        "<STMTTRN><DTPOSTED>20240102<TRNAMT>1<FITID>a<NAME>{long}<MEMO>m</STMTTRN>\n"
    ));
    let r = read_at_every_cut(&text);
    let t = r.statements[0].transactions.get(0).unwrap();
    assert!(t.payee.starts_with("xé"), "{:?}", t.payee.get(..8));
    assert!(
        t.payee.ends_with('\u{fffd}'),
        "the cut character is replaced"
    );
    assert_eq!(t.memo, "m");
}

#[test]
fn names_outside_the_table_match_their_closers() {
    let text = statement(
        "<STMTTRN><DTPOSTED>20240102<TRNAMT>1<FITID>a<AMEX.X>1</AMEX.X>\
         <X.AGG><NAME>inner</NAME></X.AGG><NAME>outer<Memo>m</MEMO></STMTTRN>\n\
         <STMTTRN><DTPOSTED>20240103<TRNAMT>2<FITID>b</NAME></STMTTRN>\n",
    );
    let r = read_at_every_cut(&text);
    let payees: Vec<_> = r.statements[0]
        .transactions
        .iter()
        .map(|t| (t.payee, t.memo))
        .collect();
    assert_eq!(payees, [("inner", "m"), ("", "")]);
    // The second `</NAME>` closes nothing.
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
}
