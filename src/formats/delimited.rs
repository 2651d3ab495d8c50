//! Splitting delimited text (commas, tabs, semicolons) into records, each with the
//! 1-based line it starts on, for the chart, register and Self-Employed readers; rust-csv does
//! the quoting. Where rust-csv stops on an error is returned, so a reader can say the
//! rest of the file is missing instead of going on as if the file ended there. (On text
//! already decoded, with flexible records, rust-csv has no error to give today; the
//! stop is reported so that a change of settings or of rust-csv cannot drop rows
//! without a word.)

use crate::model::{Problem, ProblemKind};

/// Records, each with the 1-based line it starts on.
pub(crate) type Records = Vec<(usize, Vec<String>)>;

/// Where rust-csv stopped on an error: its line, and what it said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Stop {
    pub line: usize,
    pub error: String,
}

impl Stop {
    /// The problem that says where reading stopped; `missing` names what is lost (`the
    /// transactions`), `again` what to export again.
    pub fn problem(&self, file: &str, missing: &str, again: &str) -> Problem {
        let Stop { line, error } = self;
        Problem::error(
            file,
            Some(*line),
            ProblemKind::Malformed,
            format!(
                "The file could not be read past line {line} ({error}); {missing} after it \
                 are missing. Export {again} again from QuickBooks."
            ),
        )
    }
}

/// The records of `text`, at most `limit` (sniffing stops early), and where rust-csv
/// stopped on an error, if it did.
pub(crate) fn split(text: &str, delimiter: u8, limit: usize) -> (Records, Option<Stop>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    while out.len() < limit {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {
                // rust-csv counts lines from 1, but its record position is where the
                // previous record ended: blank lines it skipped come before the record.
                let start = record
                    .position()
                    .map_or(line, |p| after_blank_lines(text, p));
                out.push((start.max(1), record.iter().map(str::to_string).collect()));
            }
            Ok(false) => break,
            // Nothing after an error can be split reliably: what came before is kept.
            Err(e) => {
                let at = e.position().map_or(line, |p| p.line() as usize);
                let stop = Stop {
                    line: at.max(1),
                    error: e.to_string(),
                };
                return (out, Some(stop));
            }
        }
    }
    (out, None)
}

/// The line a record starts on, from rust-csv's position of it (which is before any
/// blank lines it skipped).
fn after_blank_lines(text: &str, p: &csv::Position) -> usize {
    let mut line = p.line() as usize;
    let start = usize::try_from(p.byte()).unwrap_or(usize::MAX);
    for &b in text.as_bytes().get(start..).unwrap_or(&[]) {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
    }
    line
}

/// The cells of the first `limit` records, for finding a header.
pub(crate) fn head(text: &str, delimiter: u8, limit: usize) -> Vec<Vec<String>> {
    split(text, delimiter, limit)
        .0
        .into_iter()
        .map(|r| r.1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keep_their_lines_across_quoted_line_breaks() {
        let (rows, stop) = split("a,b\n\"x\ny\",z\nlast,1\n", b',', usize::MAX);
        assert_eq!(stop, None);
        let lines: Vec<usize> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 4]);
        assert_eq!(rows[1].1, ["x\ny", "z"]);
        assert_eq!(split("a\nb\nc\n", b',', 2).0.len(), 2);
    }

    #[test]
    fn a_stop_is_an_error_with_file_and_line() {
        let stop = Stop {
            line: 7,
            error: "CSV parse error".into(),
        };
        let p = stop.problem("reg.csv", "the transactions", "the register");
        assert_eq!((p.file.as_str(), p.line), ("reg.csv", Some(7)));
        assert_eq!(p.kind, ProblemKind::Malformed);
        assert!(
            p.message.starts_with(
                "The file could not be read past line 7 (CSV parse error); the transactions \
                 after it are missing. Export the register again"
            ),
            "{}",
            p.message
        );
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    /// A problem names the line a person sees in an editor: blank lines count.
    #[test]
    fn records_keep_their_lines_across_blank_lines() {
        let (rows, stop) = split("a,b\n1,2\n\nx,y\n\"m\nn\",3\nlast,4", b',', usize::MAX);
        assert!(stop.is_none());
        let lines: Vec<usize> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 4, 5, 7]);
    }
}
