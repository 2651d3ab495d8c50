//! `upload_rejected` (warning): QuickBooks' own import would refuse a statement file.
//! Not a cause of 324 but the way back from it: after a broken feed, the user uploads
//! the bank's file by hand, and these are the reasons that upload fails (SPEC §4):
//!
//! - `too_large`: QuickBooks Online's "Upload from file" takes files up to 350 KB;
//! - `ofx2_for_desktop`: QuickBooks Desktop and Mac import only OFX 1.0.2 SGML Web
//!   Connect files; an OFX 2 (XML) file fails there;
//! - `no_bank_id`: a Web Connect file without a QuickBooks bank id (`INTU.BID`), or with
//!   a converter's placeholder id whose bank the file's `ORG` is not. `FID` differing
//!   from `INTU.BID` is normal in real bank files and is never a reason;
//! - `currency`: a `CURDEF` no QuickBooks Desktop edition takes (US: USD; Canada: USD,
//!   CAD; UK: GBP);
//! - `structure`: no ledger balance or its date, missing or repeated transaction ids,
//!   required values written empty, transactions outside the statement's period or
//!   dated after the file was made;
//! - `beyond_backfill`: transactions QuickBooks lacks that are older than the 90 days a
//!   reconnect brings back ([`check_backfill`], fed by the recovery).
//!
//! The edition comes from the chart's format (Online export → Online; Desktop report or
//! IIF → Desktop); without a chart a reason that depends on it fires only for files
//! meant for Web Connect (named `.qbo`).

use super::{Code, Needs};
use super::{Context, Findings, Trigger};
use crate::identity::institutions;
use crate::model::{Date, Severity, Statement, StatementFormat};
use crate::recovery::{Gap, UPLOAD_LIMIT};
use crate::report::Edition;
use crate::report::{Evidence, Finding, Recovery, RejectReason};

/// `upload_rejected`: its severity and fix steps (SPEC §4).
pub const TRIGGER: Trigger = Trigger {
    code: Code::UploadRejected,
    severity: Severity::Warning,
    fix_steps: &[],
    title: "Files QuickBooks would refuse",
    needs: Needs::Statement,
    clear: "QuickBooks would take each statement file as it is.",
};

/// Days of history QuickBooks Online brings in when an account is (re)connected.
pub const BACKFILL_DAYS: i64 = 90;

/// Currencies QuickBooks Desktop's editions keep books in (US, Canada, UK).
const DESKTOP_CURRENCIES: &[&str] = &["USD", "CAD", "GBP"];

/// Bank ids converters write whatever the bank (`None`: an id of no bank at all), and
/// the bank an id belongs to when it is a real one.
const PLACEHOLDER_BIDS: &[(&str, Option<&str>)] = &[
    ("3000", Some("wells fargo")),
    ("0", None),
    ("00000", None),
    ("12345", None),
    ("99999", None),
    ("XXXXX", None),
];

/// Which QuickBooks the company uses: the report's one reading of the chart's format.
fn edition(ctx: &Context<'_>) -> Edition {
    Edition::of_chart_format(ctx.chart.map(|c| c.format))
}

fn is_ofx(s: &Statement) -> bool {
    matches!(
        s.format,
        Some(StatementFormat::OfxSgml | StatementFormat::OfxXml | StatementFormat::OfxNoHeader)
    )
}

/// Whether the file is meant for Web Connect (QuickBooks Desktop's import).
fn named_qbo(s: &Statement) -> bool {
    s.file.to_ascii_lowercase().ends_with(".qbo")
}

fn finding(reason: RejectReason, s: &Statement, title: String, detail: String) -> Finding {
    let mut f = TRIGGER.finding(70, title, detail);
    f.reason = Some(reason);
    f.statement = Some(s.file.clone());
    f
}

fn ev(s: &Statement, line: Option<usize>, excerpt: String) -> Evidence {
    Evidence {
        file: s.file.clone(),
        line: line.filter(|l| *l > 0),
        excerpt,
    }
}

fn kb(bytes: u64) -> String {
    format!("{} KB", bytes.div_ceil(1000))
}

/// Runs the `upload_rejected` rule over the statements (all but `beyond_backfill`).
pub fn check(ctx: &Context<'_>, out: &mut Findings) {
    let ed = edition(ctx);
    let mut seen_files: Vec<&str> = Vec::new();
    // Only statements read from a file: the doctor judges files as QuickBooks would
    // receive them (a statement built in code has no file behind it).
    for s in ctx
        .statements
        .iter()
        .filter(|s| s.upload.file_size.is_some())
    {
        let first_of_file = !seen_files.contains(&s.file.as_str());
        if first_of_file {
            seen_files.push(&s.file);
            too_large(s, ed, out);
            ofx2_for_desktop(s, ed, out);
            no_bank_id(s, ed, out);
        }
        currency(s, ed, out);
        structure(s, out);
    }
}

fn too_large(s: &Statement, ed: Edition, out: &mut Findings) {
    let Some(size) = s.upload.file_size else {
        return;
    };
    if size <= UPLOAD_LIMIT as u64 || ed == Edition::Desktop {
        return;
    }
    let mut f = finding(
        RejectReason::TooLarge,
        s,
        format!(
            "{} is too big for QuickBooks Online's upload ({})",
            s.file,
            kb(size)
        ),
        format!(
            "QuickBooks Online's \"Upload from file\" takes files up to 350 KB; this one is {}. \
             Download shorter date ranges from the bank (a month or two at a time), or upload \
             the recovery file qb324 offers, which is split under the limit.",
            kb(size)
        ),
    );
    f.evidence
        .push(ev(s, None, format!("file size {size} bytes")));
    out.push(f);
}

fn ofx2_for_desktop(s: &Statement, ed: Edition, out: &mut Findings) {
    if s.format != Some(StatementFormat::OfxXml) {
        return;
    }
    let applies = match ed {
        Edition::Desktop => true,
        Edition::Unknown => named_qbo(s),
        // Self-Employed is a web product: its uploads go the Online way.
        Edition::Online | Edition::SelfEmployed => false,
    };
    if !applies {
        return;
    }
    let mut f = finding(
        RejectReason::Ofx2ForDesktop,
        s,
        format!(
            "QuickBooks Desktop cannot import {}: it is written in the newer OFX format",
            s.file
        ),
        "QuickBooks Desktop and QuickBooks for Mac import only Web Connect files in the older \
         OFX 1.0.2 format; this file is OFX 2 (XML), so the import fails even when it is named \
         .qbo. Download the bank's \"QuickBooks Web Connect\" file instead, or import the \
         recovery .qbo qb324 writes, which is OFX 1.0.2."
            .to_string(),
    );
    f.evidence.push(ev(
        s,
        Some(1),
        "<?OFX OFXHEADER=\"200\" …?> (OFX 2, XML)".into(),
    ));
    out.push(f);
}

/// The bank a placeholder id stands for, when the id is a converter's and the file's
/// `ORG` is not that bank: `Some(reason words)`.
fn placeholder_misfit(bid: &str, org: Option<&str>) -> Option<String> {
    let bid = bid.trim();
    let org_bank =
        org.and_then(|o| institutions::bank_by_org(o).or(institutions::bank_named_in(o)));
    if let Some((_, bank)) = PLACEHOLDER_BIDS
        .iter()
        .find(|(b, _)| b.eq_ignore_ascii_case(bid))
    {
        return match bank {
            None => Some(format!("{bid} is not any bank's QuickBooks id")),
            Some(name) => {
                let org_text = org.map(|o| o.to_lowercase()).unwrap_or_default();
                let fits =
                    org_text.contains(name) || org_bank.is_some_and(|b| b.aliases.contains(name));
                (!fits && org.is_some()).then(|| {
                    format!(
                        "{bid} is {}'s QuickBooks id, but the file's bank (ORG) is {}",
                        title_case(name),
                        org.unwrap_or("")
                    )
                })
            }
        };
    }
    // A real bank's id, and an ORG naming a different bank.
    let id_bank = institutions::bank_by_intu_bid(bid)?;
    let org_bank = org_bank?;
    (id_bank != org_bank).then(|| {
        format!(
            "{bid} is {}'s QuickBooks id, but the file's bank (ORG) is {}",
            id_bank.name, org_bank.name
        )
    })
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn no_bank_id(s: &Statement, ed: Edition, out: &mut Findings) {
    if !is_ofx(s) {
        return;
    }
    let applies = match ed {
        Edition::Desktop => true,
        Edition::Unknown => named_qbo(s),
        // Self-Employed is a web product: its uploads go the Online way.
        Edition::Online | Edition::SelfEmployed => false,
    };
    if !applies {
        return;
    }
    let inst = &s.institution;
    let (title, why, evidence) = match inst.intu_bid.as_deref() {
        None => (
            format!(
                "QuickBooks Desktop will not take {}: it has no bank id",
                s.file
            ),
            "The file carries no QuickBooks bank id (INTU.BID), which every Web Connect file \
             needs: QuickBooks Desktop answers that the bank is not supported."
                .to_string(),
            ev(
                s,
                s.upload.org_line.or(Some(s.line)),
                match (&inst.org, &inst.fid) {
                    (Some(o), Some(f)) => format!("<ORG>{o} <FID>{f}, no <INTU.BID>"),
                    _ => "no <INTU.BID> in <SONRS>".to_string(),
                },
            ),
        ),
        Some(bid) => match placeholder_misfit(bid, inst.org.as_deref()) {
            None => return,
            Some(why) => (
                format!(
                    "QuickBooks Desktop may refuse {}: its bank id belongs to another bank",
                    s.file
                ),
                format!(
                    "The file's QuickBooks bank id does not fit the bank that made it ({why}); \
                     converters write such ids, and QuickBooks answers that the financial \
                     institution information does not match."
                ),
                ev(
                    s,
                    s.upload.intu_bid_line,
                    match &inst.org {
                        Some(o) => format!("<INTU.BID>{bid} · <ORG>{o}"),
                        None => format!("<INTU.BID>{bid}"),
                    },
                ),
            ),
        },
    };
    let mut f = finding(
        RejectReason::NoBankId,
        s,
        title,
        format!(
            "{why} Download the file from the bank's site as \"QuickBooks Web Connect\" \
             (.qbo), or use QuickBooks Online's upload, which does not need the id."
        ),
    );
    f.evidence.push(evidence);
    out.push(f);
}

fn currency(s: &Statement, ed: Edition, out: &mut Findings) {
    let Some(cur) = s.currency.as_deref().filter(|c| !c.is_empty()) else {
        return;
    };
    let applies = match ed {
        Edition::Desktop => true,
        Edition::Unknown => named_qbo(s),
        // Self-Employed is a web product: its uploads go the Online way.
        Edition::Online | Edition::SelfEmployed => false,
    };
    if !applies || DESKTOP_CURRENCIES.contains(&cur) {
        return;
    }
    let mut f = finding(
        RejectReason::Currency,
        s,
        format!(
            "QuickBooks Desktop cannot import {}: its currency is {cur}",
            s.file
        ),
        format!(
            "The statement is in {cur}. QuickBooks Desktop keeps books in US dollars (US \
             edition), Canadian or US dollars (Canada) or pounds (UK), and refuses a Web \
             Connect file in another currency. Record these transactions by hand or with a \
             spreadsheet import, converted to the company's currency."
        ),
    );
    f.evidence
        .push(ev(s, s.upload.currency_line, format!("<CURDEF>{cur}")));
    out.push(f);
}

fn structure(s: &Statement, out: &mut Findings) {
    if !is_ofx(s) {
        return;
    }
    let u = &s.upload;
    let mut issues: Vec<String> = Vec::new();
    let mut evidence: Vec<Evidence> = Vec::new();
    match u.ledger_balance_line {
        None => {
            issues.push("it has no ledger balance".into());
            evidence.push(ev(
                s,
                Some(s.line),
                "no <LEDGERBAL> in the statement".into(),
            ));
        }
        // An empty <DTASOF> is listed with the other empty values below.
        Some(line)
            if !u.balance_date_written && !u.empty_fields.iter().any(|f| f.0 == "DTASOF") =>
        {
            issues.push("its ledger balance has no date".into());
            evidence.push(ev(s, Some(line), "<LEDGERBAL> without <DTASOF>".into()));
        }
        _ => {}
    }
    let mut missing_ids = 0usize;
    let mut first_missing = None;
    // Each id's hash, text and row: sorted, equal ids lie side by side with their first
    // row first (rows share a line in a one-line OFX: the index keeps "the first
    // repeated id" the same from run to run). No hash map: an adversarial file's
    // colliding hashes only make longer runs, which compare texts.
    let mut ids: Vec<(u64, &str, u32)> = Vec::new();
    let mut outside = 0usize;
    let mut first_outside = None;
    let mut after = 0usize;
    let mut first_after = None;
    for (i, t) in s.transactions.facts().enumerate() {
        let id = s.transactions.text(t.fitid).trim();
        if id.is_empty() {
            missing_ids += 1;
            first_missing.get_or_insert(t.line);
        } else {
            ids.push((crate::model::text_hash(id), id, i as u32));
        }
        if let Some(d) = t.date {
            let before = s.period_start.is_some_and(|p| d < p);
            let past = s.period_end.is_some_and(|p| d > p);
            if before || past {
                outside += 1;
                first_outside.get_or_insert((t.line, d));
            }
            if s.download_date.is_some_and(|dl| d > dl) {
                after += 1;
                first_after.get_or_insert((t.line, d));
            }
        }
    }
    if missing_ids > 0 {
        issues.push(format!(
            "{missing_ids} transaction{} without an id",
            plural(missing_ids)
        ));
        evidence.push(ev(
            s,
            first_missing.map(|l| l as usize),
            "<STMTTRN> without <FITID>".into(),
        ));
    }
    ids.sort_unstable();
    // (first row, id) of each id written more than once, first row first.
    let mut repeated: Vec<(u32, &str)> = ids
        .chunk_by(|a, b| a.0 == b.0 && a.1 == b.1)
        .filter(|run| run.len() > 1)
        .map(|run| (run[0].2, run[0].1))
        .collect();
    repeated.sort_unstable();
    if let Some(&(first, id)) = repeated.first() {
        let line = s.transactions.get(first as usize).map_or(0, |t| t.line);
        issues.push(format!(
            "{} transaction id{} used more than once",
            repeated.len(),
            plural(repeated.len())
        ));
        evidence.push(ev(
            s,
            Some(line as usize),
            format!("<FITID>{} repeated", super::short(id, 24)),
        ));
    }
    if u.empty_field_count > 0 {
        let names: Vec<&str> = u.empty_fields.iter().map(|(n, _)| *n).collect();
        issues.push(format!(
            "{} required value{} written empty",
            u.empty_field_count,
            plural(u.empty_field_count)
        ));
        evidence.push(ev(
            s,
            u.empty_fields.first().map(|(_, l)| *l),
            format!("empty <{}>", names.join(">, <")),
        ));
    }
    if let Some((line, d)) = first_outside {
        let period = match (s.period_start, s.period_end) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            (Some(a), None) => format!("from {a}"),
            (None, Some(b)) => format!("until {b}"),
            _ => String::new(),
        };
        issues.push(format!(
            "{outside} transaction{} dated outside the statement's period ({period})",
            plural(outside)
        ));
        evidence.push(ev(
            s,
            Some(line as usize),
            format!("<DTPOSTED>{} outside <DTSTART>–<DTEND>", ymd(d)),
        ));
    }
    if let (Some((line, d)), Some(dl)) = (first_after, s.download_date) {
        issues.push(format!(
            "{after} transaction{} dated after the file was made ({dl})",
            plural(after)
        ));
        evidence.push(ev(
            s,
            Some(line as usize),
            format!("<DTPOSTED>{} after <DTSERVER>", ymd(d)),
        ));
    }
    if issues.is_empty() {
        return;
    }
    let mut f = finding(
        RejectReason::Structure,
        s,
        format!(
            "QuickBooks may refuse {}: parts it needs are missing or wrong",
            s.file
        ),
        format!(
            "QuickBooks checks a bank file's structure before importing it, and this one has \
             problems: {}. Download the file from the bank again; if the bank's file is like \
             this every time, upload the recovery file qb324 writes, which is complete.",
            issues.join("; ")
        ),
    );
    f.evidence = evidence;
    out.push(f);
}

fn ymd(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `beyond_backfill`: QuickBooks lacks transactions older than the 90 days a
/// reconnect brings back, so reconnecting alone will not fill the gap; the recovery
/// file will.
pub fn check_backfill(
    statements: &[Statement],
    gaps: &[Gap],
    recoveries: &[Recovery],
    today: Option<Date>,
    out: &mut Findings,
) {
    let Some(today) = today else { return };
    for gap in gaps {
        let Some(s) = statements.get(gap.statement) else {
            continue;
        };
        let Some(first) = gap.first_missing(s) else {
            continue;
        };
        let age = super::days_between(first, today);
        if age <= BACKFILL_DAYS {
            continue;
        }
        let older = gap
            .outcome
            .missing
            .iter()
            .filter_map(|&i| s.transactions.get(i)?.date)
            .filter(|d| super::days_between(*d, today) > BACKFILL_DAYS)
            .count();
        let files = recoveries
            .iter()
            .find(|r| r.id == gap.id)
            .map(|r| r.files.join(", "))
            .unwrap_or_default();
        let mut f = finding(
            RejectReason::BeyondBackfill,
            s,
            format!(
                "Reconnecting will not bring back {older} transaction{} of {}: they are older \
                 than 90 days",
                plural(older),
                gap.account
            ),
            format!(
                "QuickBooks is missing transactions of {} from {first} on. A reconnected bank \
                 feed brings in only the last 90 days or so, so the {older} older one{} will \
                 not come back that way. Upload the recovery file ({files}) after \
                 reconnecting: it holds exactly the missing transactions.",
                gap.account,
                plural(older)
            ),
        );
        f.accounts.push(gap.account.clone());
        if let Some(t) = gap
            .outcome
            .missing
            .iter()
            .filter_map(|&i| s.transactions.get(i))
            .min_by_key(|t| (t.date, t.line))
        {
            f.evidence.push(super::transaction_evidence(s, &t));
        }
        out.push(f);
    }
}
