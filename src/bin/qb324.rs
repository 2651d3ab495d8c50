//! The `qb324` command (SPEC §6): reads files, calls the core, prints the report.
//! No logic here beyond arguments and printing.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use qb324::formats::RoleHint;
use qb324::model::Date;
use qb324::report::Verdict;
use qb324::{InputFile, Options};

/// Find what makes QuickBooks show Error 324 ("can't find this account at your bank").
///
/// Give it your QuickBooks chart-of-accounts export and your bank statements (CSV,
/// OFX, QFX, QBO, IIF, XLSX), in any order: it tells which file is which by content.
#[derive(Parser, Debug)]
#[command(name = "qb324", version, about, long_about = None)]
struct Args {
    /// The chart of accounts exported from QuickBooks.
    #[arg(long, value_name = "FILE")]
    chart: Option<PathBuf>,
    /// A bank or credit-card statement (repeat for several).
    #[arg(long = "statement", value_name = "FILE")]
    statements: Vec<PathBuf>,
    /// QuickBooks' own record of an account: a register, QuickReport or Transaction
    /// Detail by Account export, or an IIF with TRNS lines (repeat for several).
    #[arg(long = "register", value_name = "FILE")]
    registers: Vec<PathBuf>,
    /// Files of any kind, sorted by content.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the report as JSON (schema qb324.report/1).
    #[arg(long)]
    json: bool,
    /// Take this date as today for the date rules (YYYY-MM-DD); default: the system date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// The date of the last transaction QuickBooks has for the statements' accounts
    /// (when no register is given): the recovery file holds what comes after it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    quickbooks_has_until: Option<String>,
    /// Write the recovery files (the transactions QuickBooks is missing, as a QuickBooks
    /// Online upload CSV and a Web Connect .qbo) into DIR; never over an existing file.
    #[arg(long, value_name = "DIR")]
    recover: Option<PathBuf>,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("qb324: {message}");
            ExitCode::from(2)
        }
    }
}

/// Why the command stopped before it could give a report (SPEC §6: exit status 2).
struct Failure(String);

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure(message)
    }
}

fn run() -> Result<ExitCode, Failure> {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            // --help and --version are not failures.
            return Ok(if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            });
        }
    };
    let today = match args.today.as_deref() {
        Some(t) => date_arg("--today", t)?,
        None => system_today(),
    };
    let until = match args.quickbooks_has_until.as_deref() {
        Some(t) => Some(date_arg("--quickbooks-has-until", t)?),
        None => None,
    };
    let mut named: Vec<(PathBuf, RoleHint)> = Vec::new();
    named.extend(args.chart.into_iter().map(|p| (p, RoleHint::Chart)));
    named.extend(
        args.statements
            .into_iter()
            .map(|p| (p, RoleHint::Statement)),
    );
    named.extend(args.registers.into_iter().map(|p| (p, RoleHint::Register)));
    named.extend(args.files.into_iter().map(|p| (p, RoleHint::Any)));
    if named.is_empty() {
        return Err(Failure(
            "give at least one file (see qb324 --help)".to_string(),
        ));
    }
    let names = display_names(named.iter().map(|(p, _)| p.as_path()));
    // Each file is streamed through the core in 1 MiB pieces, as the page's worker does,
    // instead of being read whole first: a 1 GB statement never sits in memory as bytes,
    // only as what is read from it. The report is the same (`read_file` is this stream
    // fed once).
    let mut reads = Vec::with_capacity(named.len());
    for ((path, role), name) in named.iter().zip(&names) {
        let read = stream_file(path, name, *role)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        reads.push(read);
    }
    let options = Options {
        today: Some(today),
        quickbooks_has_until: until,
        ..Options::default()
    };
    let report = qb324::check_reads(reads, &options);
    if let Some(dir) = &args.recover {
        // The recovery files are made from the files' bytes: read whole only when asked.
        let mut loaded = Vec::with_capacity(named.len());
        for ((path, role), name) in named.iter().zip(&names) {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            loaded.push((name, bytes, *role));
        }
        let inputs: Vec<InputFile<'_>> = loaded
            .iter()
            .map(|(name, bytes, role)| InputFile::new(name, bytes).with_role(*role))
            .collect();
        write_recovery(dir, &inputs, &options, &report)?;
    }
    let output = if args.json {
        serde_json::to_string_pretty(&report)
            .map_err(|e| format!("cannot write the report: {e}"))?
            + "\n"
    } else {
        let mut text = qb324::report::plain_text::render(&report);
        for r in &report.recovery {
            text.push_str(&format!(
                "\nQuickBooks is missing {} transaction{} of {} ({} to {}, total {}) from {}; \
                 {} already in QuickBooks, {} to review.{}\n",
                r.transactions,
                if r.transactions == 1 { "" } else { "s" },
                r.account,
                r.from,
                r.to,
                r.total,
                r.statement,
                r.already_in_quickbooks,
                r.to_review,
                if args.recover.is_some() {
                    String::new()
                } else {
                    format!(" --recover DIR writes {}.", r.files.join(", "))
                }
            ));
        }
        text
    };
    // A closed pipe (`qb324 … | head`) is the reader's choice, not an error to panic on.
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(Failure(format!("cannot write the report: {e}")));
        }
    }
    // SPEC §6: 2 when an input could not be read at all, or nothing could be checked.
    if !report.unreadable_files().is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(match report.verdict {
        Verdict::Likely => ExitCode::from(1),
        Verdict::Possible | Verdict::Clear => ExitCode::SUCCESS,
        Verdict::Unchecked => ExitCode::from(2),
    })
}

/// A date option's value, or why it is not one.
fn date_arg(option: &str, text: &str) -> Result<Date, Failure> {
    qb324::model::parse_iso_date(text)
        .ok_or_else(|| Failure(format!("{option} wants a date as YYYY-MM-DD, not {text:?}")))
}

/// Writes every recovery entry's files into `dir` (created if missing), never over an
/// existing file: all names are checked before anything is written.
fn write_recovery(
    dir: &std::path::Path,
    inputs: &[InputFile<'_>],
    options: &Options,
    report: &qb324::Report,
) -> Result<(), String> {
    let mut files = Vec::new();
    for entry in &report.recovery {
        files.extend(qb324::recover(inputs, options, &entry.id));
    }
    if files.is_empty() {
        eprintln!("qb324: no recovery file to write: QuickBooks is not missing transactions the files show (give --register or --quickbooks-has-until)");
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for f in &files {
        let path = dir.join(&f.name);
        if path.exists() {
            return Err(format!(
                "{} exists already; not overwriting it (choose another --recover directory)",
                path.display()
            ));
        }
    }
    for f in &files {
        let path = dir.join(&f.name);
        // create_new: a file that appeared since the check above is not overwritten either.
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        out.write_all(&f.bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("qb324: wrote {} ({} bytes)", path.display(), f.bytes.len());
    }
    Ok(())
}

/// Reads one file through the core's `FileStream`, a piece at a time.
fn stream_file(
    path: &std::path::Path,
    name: &str,
    role: RoleHint,
) -> std::io::Result<qb324::formats::FileRead> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut stream = qb324::formats::FileStream::new(name, role);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        stream.feed(&buf[..n]);
    }
    Ok(stream.finish())
}

/// The names the report calls the files by: each file's own name, which is what the
/// user recognises (`statement.csv`), except where two files share one
/// (`jan/statement.csv`, `feb/statement.csv`): those keep the path as given, so the
/// report never mixes them up.
fn display_names<'p>(paths: impl Iterator<Item = &'p std::path::Path> + Clone) -> Vec<String> {
    let base = |p: &std::path::Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let bases: Vec<String> = paths.clone().map(base).collect();
    paths
        .zip(&bases)
        .map(|(p, b)| {
            if bases.iter().filter(|o| *o == b).count() > 1 {
                p.display().to_string()
            } else {
                b.clone()
            }
        })
        .collect()
}

/// Today's date in UTC from the system clock: the only clock in the program.
fn system_today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let epoch = Date::new(1970, 1, 1).expect("valid date");
    epoch
        .checked_add(jiff::Span::new().days(secs / 86_400))
        .unwrap_or(epoch)
}
