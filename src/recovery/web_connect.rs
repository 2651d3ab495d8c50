//! QuickBooks Web Connect (`.qbo`) for QuickBooks Desktop and Mac, which import only
//! OFX 1.0.2 SGML: the nine-line header, then the body with every aggregate closed.
//! It carries the statement's own `INTU.BID` (QuickBooks refuses a file whose bank it
//! does not know), account id and `FITID`s, so QuickBooks' duplicate check still works
//! if some of these transactions come in again later.

use crate::model::{AccountKind, Date, Money};

/// What the file says about the bank and account, taken from the statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub intu_bid: String,
    pub org: Option<String>,
    pub fid: Option<String>,
    pub bank_id: Option<String>,
    pub account_id: String,
    pub kind: AccountKind,
    pub currency: String,
    pub ledger_balance: Money,
    pub balance_date: Date,
    pub server_date: Date,
}

/// One transaction of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Txn {
    pub date: Date,
    pub amount: Money,
    pub fitid: String,
    pub name: String,
    pub memo: String,
}

/// The OFX 1.0.2 header, exactly as Web Connect files carry it.
pub const HEADER: &str = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n";

/// Text for an SGML element value: `&`, `<`, `>` escaped, line breaks folded, at most
/// `max` characters (OFX 1.0.2 caps `NAME` at 32, `MEMO` at 255, `FITID` at 255).
fn value(text: &str, max: usize) -> String {
    let folded: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    let folded = folded.trim();
    folded
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn date(d: Date) -> String {
    format!("{:04}{:02}{:02}120000", d.year(), d.month(), d.day())
}

fn money(m: Money) -> String {
    let cents = (m.0 as f64 / 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// One complete Web Connect file for `txns` (oldest first), as Windows-1252 bytes.
pub fn write_one(acct: &Account, txns: &[Txn], trnuid: usize) -> Vec<u8> {
    let mut o = String::with_capacity(1024 + txns.len() * 200);
    let mut el = |tag: &str, v: &str| {
        o.push('<');
        o.push_str(tag);
        o.push('>');
        o.push_str(v);
        o.push_str("\r\n");
    };
    let (from, to) = (
        txns.first().map_or(acct.balance_date, |t| t.date),
        txns.last().map_or(acct.balance_date, |t| t.date),
    );
    let card = acct.kind == AccountKind::CreditCard;
    el("OFX", "");
    el("SIGNONMSGSRSV1", "");
    el("SONRS", "");
    el("STATUS", "");
    el("CODE", "0");
    el("SEVERITY", "INFO");
    el("/STATUS", "");
    el("DTSERVER", &date(acct.server_date));
    el("LANGUAGE", "ENG");
    if let (Some(org), Some(fid)) = (&acct.org, &acct.fid) {
        el("FI", "");
        el("ORG", &value(org, 32));
        el("FID", &value(fid, 32));
        el("/FI", "");
    }
    el("INTU.BID", &value(&acct.intu_bid, 32));
    el("/SONRS", "");
    el("/SIGNONMSGSRSV1", "");
    el(
        if card {
            "CREDITCARDMSGSRSV1"
        } else {
            "BANKMSGSRSV1"
        },
        "",
    );
    el(if card { "CCSTMTTRNRS" } else { "STMTTRNRS" }, "");
    el("TRNUID", &trnuid.to_string());
    el("STATUS", "");
    el("CODE", "0");
    el("SEVERITY", "INFO");
    el("/STATUS", "");
    el(if card { "CCSTMTRS" } else { "STMTRS" }, "");
    el("CURDEF", &value(&acct.currency, 3));
    if card {
        el("CCACCTFROM", "");
        el("ACCTID", &value(&acct.account_id, 22));
        el("/CCACCTFROM", "");
    } else {
        el("BANKACCTFROM", "");
        el(
            "BANKID",
            &value(acct.bank_id.as_deref().unwrap_or("000000000"), 9),
        );
        el("ACCTID", &value(&acct.account_id, 22));
        let t = match acct.kind {
            AccountKind::Savings => "SAVINGS",
            AccountKind::MoneyMarket => "MONEYMRKT",
            AccountKind::CreditLine => "CREDITLINE",
            _ => "CHECKING",
        };
        el("ACCTTYPE", t);
        el("/BANKACCTFROM", "");
    }
    el("BANKTRANLIST", "");
    el("DTSTART", &date(from));
    el("DTEND", &date(to));
    for t in txns {
        el("STMTTRN", "");
        el("TRNTYPE", if t.amount.0 < 0 { "DEBIT" } else { "CREDIT" });
        el("DTPOSTED", &date(t.date));
        el("TRNAMT", &money(t.amount));
        el("FITID", &value(&t.fitid, 255));
        let name = value(&t.name, 32);
        el("NAME", if name.is_empty() { "Unknown" } else { &name });
        let memo = value(&t.memo, 255);
        if !memo.is_empty() {
            el("MEMO", &memo);
        }
        el("/STMTTRN", "");
    }
    el("/BANKTRANLIST", "");
    el("LEDGERBAL", "");
    el("BALAMT", &money(acct.ledger_balance));
    el("DTASOF", &date(acct.balance_date));
    el("/LEDGERBAL", "");
    el(if card { "/CCSTMTRS" } else { "/STMTRS" }, "");
    el(if card { "/CCSTMTTRNRS" } else { "/STMTTRNRS" }, "");
    el(
        if card {
            "/CREDITCARDMSGSRSV1"
        } else {
            "/BANKMSGSRSV1"
        },
        "",
    );
    el("/OFX", "");
    // Aggregates open and close on lines of their own; a leaf keeps its value on its
    // line without a closing tag, as OFX 1.0.2 SGML writes it.
    let mut text = String::from(HEADER);
    text.push_str(&o);
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    bytes.into_owned()
}

/// The file(s) for `txns`, each at most `limit` bytes (a split file repeats the header
/// and account, so each imports on its own).
pub fn write(acct: &Account, txns: &[Txn], limit: usize) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    let mut start = 0;
    while start < txns.len() {
        // About 200 bytes a transaction: guess, then shrink until it fits.
        let mut n = ((limit.saturating_sub(1500)) / 220)
            .max(1)
            .min(txns.len() - start);
        loop {
            let bytes = write_one(acct, &txns[start..start + n], files.len() + 1);
            if bytes.len() <= limit || n == 1 {
                files.push(bytes);
                break;
            }
            n = (n * 9 / 10).max(1);
        }
        start += n;
    }
    files
}
