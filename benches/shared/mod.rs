//! What several benches share: the bench OFX statement and a counting allocator. Each
//! bench includes it with `#[path = "shared/mod.rs"] mod shared;` (a folder without
//! `main.rs` is not a bench target of its own).
#![allow(dead_code)] // each bench uses its own part of it

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// An SGML OFX bank statement of `n` transactions.
pub fn ofx(n: usize) -> Vec<u8> {
    let mut out = String::from(
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n\
         COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n<SIGNONMSGSRSV1><SONRS>\
         <STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20261130120000<LANGUAGE>ENG\
         <FI><ORG>B1<FID>10898</FI><INTU.BID>10898</SONRS></SIGNONMSGSRSV1>\n<BANKMSGSRSV1>\
         <STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>USD\n\
         <BANKACCTFROM><BANKID>021000021<ACCTID>000123456789<ACCTTYPE>CHECKING</BANKACCTFROM>\n\
         <BANKTRANLIST><DTSTART>20200101<DTEND>20261130\n",
    );
    for i in 0..n {
        let (y, m, d) = (2020 + (i / 40_000) % 7, 1 + (i / 3_000) % 12, 1 + i % 28);
        let cents = ((i * 7919) % 200_000) as i64 - 100_000;
        out.push_str(&format!(
            "<STMTTRN>\n<TRNTYPE>{}\n<DTPOSTED>{y}{m:02}{d:02}120000[-5:EST]\n<TRNAMT>{}.{:02}\n\
             <FITID>{i:010}\n<NAME>PAYEE NUMBER {}\n<MEMO>MEMO TEXT {i}\n</STMTTRN>\n",
            if cents < 0 { "DEBIT" } else { "CREDIT" },
            cents / 100,
            (cents % 100).abs(),
            i % 997
        ));
    }
    out.push_str(
        "</BANKTRANLIST><LEDGERBAL><BALAMT>12345.67<DTASOF>20261130</LEDGERBAL>\
         </STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n",
    );
    out.into_bytes()
}

/// The system allocator, counting live bytes and their high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

fn grew(n: usize) {
    let live = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak heap above what was live before `f` ran, and `f`'s answer.
pub fn peak_of<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (PEAK.load(Ordering::Relaxed) - base, out)
}
