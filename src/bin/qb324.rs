//! The `qb324` command (SPEC §6): reads files, calls the core, prints the report.
//! No logic here beyond arguments and printing.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use qb324::formats::RoleHint;
use qb324::model::Date;
use qb324::report::Verdict;
use qb324::Options;

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
    /// Files of either kind, sorted by content.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the report as JSON (schema qb324.report/1).
    #[arg(long)]
    json: bool,
    /// Take this date as today for the date rules (YYYY-MM-DD); default: the system date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let today = match args.today.as_deref() {
        Some(t) => match qb324::model::parse_iso_date(t) {
            Some(d) => d,
            None => {
                eprintln!("qb324: --today wants a date as YYYY-MM-DD, not {t:?}");
                return ExitCode::from(2);
            }
        },
        None => system_today(),
    };
    let mut named: Vec<(PathBuf, RoleHint)> = Vec::new();
    named.extend(args.chart.into_iter().map(|p| (p, RoleHint::Chart)));
    named.extend(
        args.statements
            .into_iter()
            .map(|p| (p, RoleHint::Statement)),
    );
    named.extend(args.files.into_iter().map(|p| (p, RoleHint::Any)));
    if named.is_empty() {
        eprintln!("qb324: give at least one file (see qb324 --help)");
        return ExitCode::from(2);
    }
    // Each file is streamed through the core in 1 MiB pieces, as the page's worker does,
    // instead of being read whole first: a 1 GB statement never sits in memory as bytes,
    // only as what is read from it. The report is the same (`read_file` is this stream
    // fed once).
    let mut reads = Vec::with_capacity(named.len());
    for (path, role) in named {
        match stream_file(&path, role) {
            Ok(read) => reads.push(read),
            Err(e) => {
                eprintln!("qb324: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    let report = qb324::check_reads(reads, &Options { today: Some(today) });
    let output = if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("qb324: cannot write the report: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        qb324::report::text::render(&report)
    };
    // A closed pipe (`qb324 … | head`) is the reader's choice, not an error to panic on.
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("qb324: cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }
    // SPEC §6: 2 when an input could not be read at all.
    if !report.unreadable_files().is_empty() {
        return ExitCode::from(2);
    }
    match report.verdict {
        Verdict::Likely => ExitCode::from(1),
        Verdict::Possible | Verdict::Clear => ExitCode::SUCCESS,
    }
}

/// Reads one file through the core's `FileStream`, a piece at a time.
fn stream_file(
    path: &std::path::Path,
    role: RoleHint,
) -> std::io::Result<qb324::formats::FileRead> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut stream = qb324::formats::FileStream::new(&display_name(path), role);
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

/// The file name as given on the command line, which is what the user recognises.
fn display_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
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
