//! The wasm-bindgen face (SPEC §7): converts JS values to the core's and the report
//! back. No logic here: every decision is the core's, so the page and the CLI give the
//! same report for the same files.
//!
//! Two forms:
//! - `check(files, options)`: files as `{ name, bytes: Uint8Array, role? }`, all at once;
//! - `Checker`: the streaming form; `begin(name)`, `push(chunk)` as many times as the
//!   file has chunks, `end()`, … then `finish(options)`. Chunks go straight into the
//!   core's [`FileStream`], so a big file is never held as bytes and text at once.

use js_sys::{Array, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::formats::{FileRead, FileStream, RoleHint};
use crate::{check_reads, Options, Report};

/// The report's TypeScript types (SPEC §5), hand-written so `check` returns a typed
/// `Report` instead of `any`. Held to the Rust types by tests: every report the fixtures
/// give must type-check against them (tests/browser/report-types.test.mjs), and each
/// union must hold exactly its Rust enum's words (tests/ts_types.rs).
#[wasm_bindgen(typescript_custom_section)]
const REPORT_TYPES: &'static str = r#"
/** One input file for `check`. */
export interface CheckFile {
  /** The file's name: shown in messages and evidence; account numbers in it count. */
  name: string;
  bytes: Uint8Array;
  /** What the caller says the file is; by default the content decides. */
  role?: "chart" | "statement" | "register";
}

/** How to check. */
export interface CheckOptions {
  /** "Now" for the date rules, as YYYY-MM-DD; without it those rules are off. */
  today?: string;
  /**
   * The date of the last transaction QuickBooks has (YYYY-MM-DD), for statements without
   * a register: one date for all, or per statement file name `{ "chase.qbo": "2026-08-31" }`.
   */
  quickbooksHasUntil?: string | Record<string, string>;
}

/** A file `recover` returns. */
export interface RecoveryFile {
  name: string;
  bytes: Uint8Array;
}

export type RecoveryFormat = "qbo-online-csv" | "web-connect-qbo";
/** What told what QuickBooks has: its own register export, or a date given. */
export type RecoveryBasis = "register" | "date";

/** Files holding exactly the transactions QuickBooks is missing for one account (SPEC §5). */
export interface Recovery {
  id: string;
  account: string;
  statement: string;
  from: string;
  to: string;
  transactions: number;
  /** Money is a decimal string. */
  total: string;
  already_in_quickbooks: number;
  to_review: number;
  formats: RecoveryFormat[];
  basis: RecoveryBasis;
  register: string | null;
  quickbooks_has_until: string | null;
  outside_register: number;
  review: Evidence[];
  files: string[];
  notes: string[];
}

/** `clear` is the whole check only when `Report.complete`; `unchecked`: nothing could be read. */
export type Verdict = "likely" | "possible" | "clear" | "unchecked";
/** Which QuickBooks the plan's menu words are for (from the chart's format). */
export type Edition = "online" | "desktop" | "self_employed" | "unknown";
export type PlanStepId =
  | "rename" | "make_active" | "ask_bank" | "refresh" | "reconnect" | "clear_browser" | "upload"
  | (string & {});

/** One step of the plan (SPEC §5): in order, each `id` once. */
export interface PlanStep {
  id: PlanStepId;
  /** The seed step of SPEC §1 it refines (the `fix_steps` numbers), or null. */
  step: number | null;
  title: string;
  /** Plain words in the edition's menu words; paragraphs separated by "\n". */
  text: string;
  /** Chart accounts it concerns (numbers masked). */
  accounts: string[];
  /** Indexes into `Report.findings`. */
  findings: number[];
}

/** One check of SPEC §4 and how it went. */
export interface Checked {
  code: TriggerCode;
  /** What the check looks for, in a few plain words. */
  title: string;
  status: "found" | "clear" | "not_checked";
  /** Plain words: what was found, what was checked, or what was missing. */
  why: string;
}
export type Severity = "error" | "warning" | "info";
export type TriggerCode =
  | "duplicate_name" | "similar_name" | "duplicate_bank_number"
  | "statement_account_unmatched" | "account_number_changed" | "inactive_account"
  | "account_type_mismatch" | "statement_account_closed" | "institution_changed"
  | "feed_gap" | "balance_mismatch" | "duplicate_transactions" | "no_bank_accounts"
  | "name_number_mismatch" | "upload_rejected";
export type AccountKind =
  | "checking" | "savings" | "money_market" | "credit_line" | "credit_card" | "unknown";
export type ChartFormat =
  | "qbo-csv" | "qbo-xlsx" | "desktop-csv" | "desktop-xlsx" | "iif" | "self-employed";
export type StatementFormat = "ofx-sgml" | "ofx-xml" | "ofx-no-header" | "csv";
/** QuickBooks' own record of an account: which export it came from. */
export type RegisterFormat =
  | "qbo-register-csv" | "qbo-register-xlsx" | "desktop-register-csv" | "desktop-register-xlsx"
  | "iif";
/** What a file was read as; `ofx`: OFX holding no statement; `unknown`: no reader said. */
export type FileFormat = ChartFormat | StatementFormat | RegisterFormat | "ofx" | "unknown";
export type TextEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";
/** How a statement was tied to its chart account: the bank number agrees, same bank and
 *  kind, or the only account of that kind. */
export type MatchKind = "number" | "likely" | "only_candidate";
/** Why QuickBooks' own import would refuse a statement file (`upload_rejected`). */
export type RejectReason =
  | "too_large" | "ofx2_for_desktop" | "no_bank_id" | "currency" | "structure"
  | "beyond_backfill";

/** Where a finding's proof is. */
export interface Evidence {
  file: string;
  /** 1-based line, when the evidence has one. */
  line: number | null;
  /** A short piece of the file, bank numbers masked. */
  excerpt: string;
}

/** One trigger that fired (SPEC §4). */
export interface Finding {
  code: TriggerCode;
  severity: Severity;
  title: string;
  detail: string;
  /** Chart account names involved (numbers masked). */
  accounts: string[];
  statement: string | null;
  evidence: Evidence[];
  /** Fix steps of SPEC §1, by number (1–5). */
  fix_steps: number[];
  /** How sure the checker is, 0–100. */
  confidence: number;
  /** `upload_rejected` only: why QuickBooks' import would refuse the file. */
  reason?: RejectReason;
}

export interface BankAccountSummary {
  name: string;
  type: string;
  active: boolean;
  number_last4: string | null;
  /** Money is a decimal string. */
  balance: string | null;
  bank_balance: string | null;
  line: number;
}

export interface ChartSummary {
  file: string;
  format: ChartFormat;
  accounts: number;
  bank_accounts: BankAccountSummary[];
  /** The company the chart's title rows name, when they do. */
  company: string | null;
}

export interface InstitutionSummary {
  org: string | null;
  fid: string | null;
  intu_bid: string | null;
  bankid: string | null;
}

export interface StatementSummary {
  file: string;
  format: FileFormat;
  kind: AccountKind;
  account_last4: string | null;
  matched_account: string | null;
  match_kind: MatchKind | null;
  transactions: number;
  first_date: string | null;
  last_date: string | null;
  ending_balance: string | null;
  currency: string | null;
  institution: InstitutionSummary;
  download_date: string | null;
  line: number;
  /** The bank the statement comes from, as far as its identifiers tell. */
  bank: string | null;
  /** When nothing matched: accounts that may still be this statement's (no number to tell). */
  possible_accounts: string[];
  /** What decided matched_account, in plain words. */
  because: string | null;
  /** How sure the match is, 0–100. */
  confidence: number | null;
}

/** Something wrong with an input file, with where it is. */
export interface Problem {
  file: string;
  line: number | null;
  severity: Severity;
  kind: "unrecognized" | "encoding" | "malformed" | "bad_value" | "bank_error"
    | "wrong_role" | "suspicious";
  message: string;
}

/** Each input file: what it was recognised as. */
export interface FileSummary {
  file: string;
  role: "chart" | "statement" | "register" | "unknown";
  format: FileFormat | null;
  encoding: TextEncoding | null;
  statements: number;
  /** Accounts the file lists without a statement (an OFX account list). */
  listed_accounts: number;
  accounts: number | null;
  /** Anything in it could be read (a bank's error reply was); false: empty, binary,
   *  unrecognised or hopelessly malformed. */
  readable: boolean;
}

/** The report (SPEC §5), the same JSON as `qb324 --json`. */
export interface Report {
  schema: "qb324.report/1";
  verdict: Verdict;
  /** A chart and at least one statement were read: only then is `clear` the whole check. */
  complete: boolean;
  edition: Edition;
  /** What to do, in order, each step once. */
  plan: PlanStep[];
  findings: Finding[];
  /** Each check of SPEC §4: found, clear, or not checked and why. */
  checked: Checked[];
  chart: ChartSummary | null;
  statements: StatementSummary[];
  problems: Problem[];
  files: FileSummary[];
  today: string | null;
  /** Recovery files on offer, one per statement QuickBooks is missing transactions for. */
  recovery: Recovery[];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `CheckOptions` of the types above (an imported type, so TypeScript sees the
    /// trailing parameter as optional: `options?: CheckOptions`).
    #[wasm_bindgen(typescript_type = "CheckOptions")]
    pub type JsCheckOptions;

    /// `"chart" | "statement" | "register"`: what the caller says a file is.
    #[wasm_bindgen(typescript_type = "\"chart\" | \"statement\" | \"register\"")]
    pub type JsRole;
}

/// Installs the panic hook, so a bug shows in the console with its message instead of
/// a bare `unreachable` trap.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Checks files together and returns the report (SPEC §5).
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "CheckFile[]")] files: Array,
    options: Option<JsCheckOptions>,
) -> Result<JsValue, JsError> {
    let options = options_from_js(&options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))?;
    to_js(&check_reads(reads_from_js(&files)?, &options))
}

/// The recovery files of the report's `recovery` entry `id` (SPEC §7): the same check,
/// then that entry's files as `{ name, bytes }`. Empty when there is no such entry.
#[wasm_bindgen(unchecked_return_type = "RecoveryFile[]")]
pub fn recover(
    #[wasm_bindgen(unchecked_param_type = "CheckFile[]")] files: Array,
    options: Option<JsCheckOptions>,
    id: &str,
) -> Result<Array, JsError> {
    let options = options_from_js(&options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))?;
    let out = Array::new();
    for f in crate::recover_reads(reads_from_js(&files)?, &options, id) {
        let o = js_sys::Object::new();
        Reflect::set(&o, &"name".into(), &JsValue::from_str(&f.name))
            .map_err(|_| JsError::new("cannot build the result"))?;
        Reflect::set(&o, &"bytes".into(), &Uint8Array::from(f.bytes.as_slice()))
            .map_err(|_| JsError::new("cannot build the result"))?;
        out.push(&o);
    }
    Ok(out)
}

/// Bytes copied out of JS at a time by [`reads_from_js`].
const SLICE: u32 = 1 << 20;

/// Files as `{ name, bytes, role? }`, each read as the streaming [`Checker`] reads it:
/// copied out of JS a slice at a time into one reused buffer. A file is never copied
/// whole into wasm memory (82 MB for a 1M-row CSV, which also grew the memory for the
/// page's life), and `check` gives what the streamed path gives (the `stream` fuzz
/// target holds the core to that).
fn reads_from_js(files: &Array) -> Result<Vec<FileRead>, JsError> {
    let mut reads = Vec::with_capacity(files.length() as usize);
    let mut buffer = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let name = get(&file, "name")
            .as_string()
            .ok_or_else(|| JsError::new(&format!("files[{i}].name must be a string")))?;
        let bytes = get(&file, "bytes")
            .dyn_into::<Uint8Array>()
            .map_err(|_| JsError::new(&format!("files[{i}].bytes must be a Uint8Array")))?;
        let role = role_from_js(&get(&file, "role"))?;
        let mut stream = FileStream::new(&name, role);
        let len = bytes.length();
        let mut at = 0;
        while at < len {
            let end = at.saturating_add(SLICE).min(len);
            buffer.resize((end - at) as usize, 0);
            bytes.subarray(at, end).copy_to(&mut buffer);
            stream.feed(&buffer);
            at = end;
        }
        reads.push(stream.finish());
    }
    Ok(reads)
}

/// The streaming form of `check`: feed each file chunk by chunk, then `finish`.
#[wasm_bindgen]
#[derive(Default)]
pub struct Checker {
    reads: Vec<FileRead>,
    current: Option<FileStream>,
}

#[wasm_bindgen]
impl Checker {
    /// A checker with no files yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Checker {
        Checker::default()
    }

    /// Starts a file (ending the one before, if any).
    pub fn begin(&mut self, name: &str, role: Option<JsRole>) -> Result<(), JsError> {
        self.end();
        let role = role_from_js(&role.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))?;
        self.current = Some(FileStream::new(name, role));
        Ok(())
    }

    /// Feeds the next chunk of the current file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        self.current
            .as_mut()
            .ok_or_else(|| JsError::new("push() before begin()"))?
            .feed(chunk);
        Ok(())
    }

    /// Ends the current file: the core reads what it was fed.
    pub fn end(&mut self) {
        if let Some(stream) = self.current.take() {
            self.reads.push(stream.finish());
        }
    }

    /// Checks every file given and returns the report (SPEC §5).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn finish(mut self, options: Option<JsCheckOptions>) -> Result<JsValue, JsError> {
        let options = options_from_js(&options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))?;
        self.end();
        to_js(&check_reads(self.reads, &options))
    }
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn options_from_js(options: &JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let date_of = |field: &str, v: &JsValue| -> Result<crate::model::Date, JsError> {
        let text = v
            .as_string()
            .ok_or_else(|| JsError::new(&format!("options.{field} must be a string YYYY-MM-DD")))?;
        crate::model::parse_iso_date(&text).ok_or_else(|| {
            JsError::new(&format!(
                "options.{field} wants a date as YYYY-MM-DD, not {text:?}"
            ))
        })
    };
    let mut out = Options::default();
    let today = get(options, "today");
    if !today.is_undefined() && !today.is_null() {
        out.today = Some(date_of("today", &today)?);
    }
    let until = get(options, "quickbooksHasUntil");
    if until.is_string() {
        out.quickbooks_has_until = Some(date_of("quickbooksHasUntil", &until)?);
    } else if until.is_object() {
        let keys = js_sys::Object::keys(until.unchecked_ref::<js_sys::Object>());
        for key in keys.iter() {
            let Some(file) = key.as_string() else {
                continue;
            };
            let v = get(&until, &file);
            if v.is_undefined() || v.is_null() || v.as_string().is_some_and(|t| t.is_empty()) {
                continue;
            }
            out.quickbooks_has_until_by_file
                .push((file, date_of("quickbooksHasUntil", &v)?));
        }
    }
    Ok(out)
}

fn role_from_js(role: &JsValue) -> Result<RoleHint, JsError> {
    if role.is_undefined() || role.is_null() {
        return Ok(RoleHint::Any);
    }
    match role.as_string().as_deref() {
        Some("chart") => Ok(RoleHint::Chart),
        Some("statement") => Ok(RoleHint::Statement),
        Some("register") => Ok(RoleHint::Register),
        Some("any") | Some("") => Ok(RoleHint::Any),
        _ => Err(JsError::new(
            "role must be \"chart\", \"statement\" or \"register\"",
        )),
    }
}

/// The report as plain JS objects, `null` where the JSON has `null`: the same shape
/// `JSON.parse` gives for the CLI's `--json`.
fn to_js(report: &Report) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    report
        .serialize(&serializer)
        .map_err(|e| JsError::new(&e.to_string()))
}
