//! Reading a file fed in chunks, as the page's worker reads `File.stream()`: exactly the
//! first 64 KiB decide what the file is (however the file is cut into chunks), then each
//! piece is decoded and handed on. Statements (OFX, bank CSV) are read as the text
//! arrives, so a million-row statement never sits in memory as text, only as the
//! statements read from it. [`read_file`](super::read_file) is this, fed once.

use super::{
    bank_csv, chart_csv, iif, ofx, register, self_employed, xlsx, ChartRead, FileFormat, FileRead,
    OtherFormat, Role, RoleHint, StatementsRead,
};
use crate::input::sniff::{sniff_magic, sniff_text};
use crate::input::{Sniffed, TextDecoder};
use crate::model::{ChartFormat, Problem, ProblemKind, RegisterFormat, StatementFormat};

/// Bytes looked at before deciding what a file is.
const HEAD: usize = 64 * 1024;
/// Bytes decoded at a time, however big the chunk fed.
const DECODE_SLICE: usize = 1 << 20;

/// A chart of accounts is read whole, so its size is capped: 100,000 accounts export to
/// about 10 MB, and a 300 MB "chart" (one endless line) is refused when it passes this
/// instead of being held and split (6 GB natively, a dead tab in the page).
pub const MAX_CHART_BYTES: usize = 64 << 20;

/// An .xlsx is held whole to be unzipped; no chart workbook comes near this size.
pub const MAX_WORKBOOK_BYTES: usize = 64 << 20;

/// A file being read chunk by chunk.
#[derive(Debug)]
pub struct FileStream {
    name: String,
    hint: RoleHint,
    stage: Stage,
    /// Bytes fed so far (the upload doctor's file size).
    size: u64,
}

#[derive(Debug)]
enum Stage {
    /// Collecting the first bytes.
    Head(Vec<u8>),
    /// Text, decoded piece by piece into a reader.
    Text {
        decoder: TextDecoder,
        sink: TextReader,
    },
    /// A zip container (xlsx) can only be read whole.
    Raw(Vec<u8>),
    /// Not a file we read (empty, binary): the rest of its bytes are ignored.
    Rejected(Box<FileRead>),
    Finished,
}

/// What decoded text is handed to: a reader that reads as the text arrives, or the
/// text held whole for a reader that needs all of it.
enum TextReader {
    /// OFX and bank CSV are read as they arrive: the text is never held whole, only
    /// the statements read from it.
    Ofx(Box<ofx::OfxReader>),
    BankCsv(Box<bank_csv::BankCsvReader>),
    Chart(String),
    /// A QuickBooks Self-Employed / Solopreneur transactions export: the account list.
    SelfEmployed(String),
    Iif(String),
    /// A QuickBooks register / transaction report export (CSV).
    Register(String),
}

impl TextReader {
    /// Whether a chart held whole has grown past [`MAX_CHART_BYTES`].
    fn too_large(&self) -> bool {
        matches!(self, TextReader::Chart(buf) | TextReader::Iif(buf) if buf.len() > MAX_CHART_BYTES)
    }

    fn push(&mut self, text: &str) {
        match self {
            TextReader::Ofx(reader) => reader.feed(text),
            TextReader::BankCsv(reader) => reader.feed(text),
            TextReader::Chart(buf)
            | TextReader::SelfEmployed(buf)
            | TextReader::Iif(buf)
            | TextReader::Register(buf) => buf.push_str(text),
        }
    }
}

impl std::fmt::Debug for TextReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TextReader::Ofx(_) => "TextReader::Ofx",
            TextReader::BankCsv(_) => "TextReader::BankCsv",
            TextReader::Chart(_) => "TextReader::Chart",
            TextReader::SelfEmployed(_) => "TextReader::SelfEmployed",
            TextReader::Iif(_) => "TextReader::Iif",
            TextReader::Register(_) => "TextReader::Register",
        })
    }
}

impl FileStream {
    pub fn new(name: &str, hint: RoleHint) -> FileStream {
        FileStream {
            name: name.to_string(),
            hint,
            stage: Stage::Head(Vec::new()),
            size: 0,
        }
    }

    /// Feeds the next chunk of the file's bytes.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.size = self.size.saturating_add(chunk.len() as u64);
        self.feed_inner(chunk);
    }

    fn feed_inner(&mut self, chunk: &[u8]) {
        match &mut self.stage {
            Stage::Head(head) => {
                // The decision sees exactly the first HEAD bytes however the file is cut
                // into chunks, so `read_file` (one chunk) and the page's worker (many)
                // pick the same reader and encoding.
                let take = HEAD.saturating_sub(head.len()).min(chunk.len());
                let (first, rest) = chunk.split_at(take);
                head.extend_from_slice(first);
                if head.len() >= HEAD {
                    let head = std::mem::take(head);
                    self.start(head, false);
                    if !rest.is_empty() {
                        self.feed_inner(rest);
                    }
                }
            }
            Stage::Text { decoder, sink } => {
                // Decoded a slice at a time, so one big chunk (read_file feeds the whole
                // file) never needs its whole text as a temporary beside the reader's.
                let mut piece = String::new();
                for slice in chunk.chunks(DECODE_SLICE) {
                    piece.clear();
                    decoder.feed(slice, false, &mut piece);
                    sink.push(&piece);
                    if sink.too_large() {
                        self.stage = self.too_large("a chart of accounts", MAX_CHART_BYTES);
                        return;
                    }
                }
            }
            Stage::Raw(bytes) => {
                if bytes.len().saturating_add(chunk.len()) > MAX_WORKBOOK_BYTES {
                    self.stage = self.too_large("an Excel chart of accounts", MAX_WORKBOOK_BYTES);
                } else {
                    bytes.extend_from_slice(chunk);
                }
            }
            Stage::Rejected(_) | Stage::Finished => {}
        }
    }

    /// Refuses a file held whole once it passes what such a file can be: the rest of it
    /// is never read.
    fn too_large(&self, what: &str, limit: usize) -> Stage {
        self.reject(format!(
            "This file is larger than {} MB, far larger than {what} export can be; it was not \
             read further. Export the chart of accounts again from QuickBooks.",
            limit >> 20
        ))
    }

    /// Decides what the file is from its first bytes (all of them when `last`).
    fn start(&mut self, head: Vec<u8>, last: bool) {
        if let Some(sniffed) = sniff_magic(&head) {
            match sniffed {
                Sniffed::Empty => {
                    self.stage = self.reject("The file is empty.".to_string());
                    return;
                }
                Sniffed::Binary { what } => {
                    self.stage = self.reject(format!(
                        "This is {what}, not an export qb324 can read. Export the chart of accounts \
                         as CSV or Excel from QuickBooks, and statements as CSV, OFX, QFX or QBO from your bank."
                    ));
                    return;
                }
                Sniffed::Xlsx => {
                    self.stage = Stage::Raw(head);
                    return;
                }
                Sniffed::Ofx | Sniffed::Iif | Sniffed::Delimited => {}
            }
        }
        let mut decoder = TextDecoder::new();
        let mut text = String::new();
        decoder.feed(&head, last, &mut text);
        let mut sink = match sniff_text(&text) {
            Sniffed::Ofx => TextReader::Ofx(Box::new(ofx::OfxReader::new(&self.name))),
            Sniffed::Iif => TextReader::Iif(String::new()),
            Sniffed::Empty if last => {
                self.stage = self.reject("The file is empty.".to_string());
                return;
            }
            _ if self.hint == RoleHint::Register
                || (self.hint == RoleHint::Any && register::looks_like_register(&text)) =>
            {
                TextReader::Register(String::new())
            }
            // Before the bank-CSV guess: the export is transactions, but it is the
            // account list of a product without a chart of accounts.
            _ if matches!(self.hint, RoleHint::Any | RoleHint::Chart)
                && self_employed::looks_like_export(&text) =>
            {
                TextReader::SelfEmployed(String::new())
            }
            _ => {
                let as_chart = match self.hint {
                    RoleHint::Chart => true,
                    RoleHint::Statement | RoleHint::Register => false,
                    RoleHint::Any => chart_csv::looks_like_chart(&text),
                };
                if as_chart {
                    TextReader::Chart(String::new())
                } else {
                    TextReader::BankCsv(Box::new(bank_csv::BankCsvReader::new(&self.name)))
                }
            }
        };
        sink.push(&text);
        self.stage = Stage::Text { decoder, sink };
    }

    fn reject(&self, message: String) -> Stage {
        let mut read = self.empty_read();
        read.problems.push(Problem::error(
            &self.name,
            None,
            ProblemKind::Unrecognized,
            message,
        ));
        Stage::Rejected(Box::new(read))
    }

    fn empty_read(&self) -> FileRead {
        FileRead {
            file: self.name.clone(),
            ..FileRead::default()
        }
    }

    /// Ends the file and returns what was read.
    pub fn finish(mut self) -> FileRead {
        if let Stage::Head(head) = &mut self.stage {
            let head = std::mem::take(head);
            self.start(head, true);
        }
        let name = self.name.clone();
        let hint = self.hint;
        let mut read = self.empty_read();
        match std::mem::replace(&mut self.stage, Stage::Finished) {
            Stage::Head(_) | Stage::Finished => {}
            Stage::Rejected(r) => return *r,
            Stage::Raw(bytes) => match register::read_xlsx(&name, &bytes) {
                Some(r) if hint != RoleHint::Chart => put_registers(&mut read, r, None),
                _ => put_chart(&mut read, xlsx::read(&name, &bytes), None),
            },
            Stage::Text {
                mut decoder,
                mut sink,
            } => {
                let mut tail = String::new();
                decoder.finish(&mut tail);
                sink.push(&tail);
                read.encoding = decoder.encoding();
                match sink {
                    TextReader::Ofx(reader) => put_statements(
                        &mut read,
                        reader.finish(),
                        FileFormat::Other(OtherFormat::Ofx),
                    ),
                    TextReader::BankCsv(reader) => put_statements(
                        &mut read,
                        reader.finish(),
                        FileFormat::Statement(StatementFormat::Csv),
                    ),
                    TextReader::Chart(text) => {
                        put_chart(&mut read, chart_csv::read(&name, &text), None)
                    }
                    TextReader::SelfEmployed(text) => {
                        put_chart(&mut read, self_employed::read(&name, &text), None)
                    }
                    TextReader::Iif(text) if register::iif_has_transactions(&text) => {
                        let has_accounts = text.lines().any(|l| {
                            l.trim_start_matches('\u{feff}')
                                .get(..6)
                                .is_some_and(|h| h.eq_ignore_ascii_case("!ACCNT"))
                        });
                        if has_accounts {
                            put_chart(&mut read, iif::read(&name, &text), Some(IIF_CHART));
                        }
                        let chart_problems = std::mem::take(&mut read.problems);
                        put_registers(
                            &mut read,
                            register::read_iif(&name, &text),
                            Some(IIF_REGISTER),
                        );
                        read.problems.splice(0..0, chart_problems);
                    }
                    TextReader::Iif(text) => {
                        put_chart(&mut read, iif::read(&name, &text), Some(IIF_CHART))
                    }
                    TextReader::Register(text) => {
                        let format = register::csv_format(&text);
                        put_registers(&mut read, register::read_csv(&name, &text, format), None);
                    }
                }
                if decoder.had_errors() {
                    read.problems.push(Problem::warning(
                        &name,
                        None,
                        ProblemKind::Encoding,
                        "Some bytes could not be decoded as text and were replaced; names may show odd characters.",
                    ));
                }
            }
        }
        for s in &mut read.statements {
            s.upload.file_size = Some(self.size);
        }
        check_role(read, hint)
    }
}

/// What an IIF file is called when it gave no chart, or no register.
const IIF_CHART: FileFormat = FileFormat::Chart(ChartFormat::Iif);
const IIF_REGISTER: FileFormat = FileFormat::Register(RegisterFormat::Iif);

/// Registers read from a file (an IIF may also have given a chart: it keeps its role).
fn put_registers(read: &mut FileRead, r: register::RegistersRead, label: Option<FileFormat>) {
    if read.chart.is_none() && !r.registers.is_empty() {
        read.role = Role::Register;
        read.format = r
            .registers
            .first()
            .map(|g| FileFormat::Register(g.format))
            .or(label);
    } else if read.chart.is_none() {
        read.format = read.format.or(label);
    }
    read.registers = r.registers;
    read.problems.extend(r.problems);
}

fn put_statements(read: &mut FileRead, r: StatementsRead, fallback: FileFormat) {
    read.role = if r.statements.is_empty() {
        Role::Unknown
    } else {
        Role::Statement
    };
    read.format = r
        .statements
        .first()
        .and_then(|s| s.format)
        .map(FileFormat::Statement)
        .or(Some(fallback));
    read.statements = r.statements;
    read.listed_accounts = r.listed_accounts;
    read.problems = r.problems.into_vec();
}

fn put_chart(read: &mut FileRead, r: ChartRead, label: Option<FileFormat>) {
    read.role = if r.chart.is_some() {
        Role::Chart
    } else {
        Role::Unknown
    };
    read.format = r
        .chart
        .as_ref()
        .map(|c| FileFormat::Chart(c.format))
        .or(label);
    read.chart = r.chart;
    read.problems = r.problems.into_vec();
}

/// Tells the user when a file is not what they said it was (a chart dropped as a
/// statement), keeping what was read.
fn check_role(mut read: FileRead, hint: RoleHint) -> FileRead {
    let mismatch = match (hint, read.role) {
        (RoleHint::Chart, Role::Statement) => {
            Some("was given as a chart of accounts but is a bank statement")
        }
        (RoleHint::Statement, Role::Chart) => {
            Some("was given as a bank statement but is a chart of accounts")
        }
        (RoleHint::Register, Role::Statement) => {
            Some("was given as QuickBooks' register of an account but is a bank statement")
        }
        (RoleHint::Register, Role::Chart) => {
            Some("was given as QuickBooks' register of an account but is a chart of accounts")
        }
        _ => None,
    };
    if let Some(what) = mismatch {
        let message = format!("This file {what}; it is used as what it is.");
        read.problems.push(Problem::warning(
            &read.file,
            None,
            ProblemKind::WrongRole,
            message,
        ));
    }
    read
}
