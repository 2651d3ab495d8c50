//! The one problem log every reader writes to: per file, at most [`PER_KIND`] problems of
//! each kind and severity are kept in full; past that they are only counted, and the log
//! ends with one line saying how many more there were ("and 1,999,990 more like this").
//!
//! A chart with two million bad rows therefore gives a report of about fifty problems,
//! not two million (a 500 MB JSON report that a browser tab cannot hold). Messages of the
//! problems past the cap are never even formatted: see [`ProblemLog::push_with`].

use std::ops::Deref;

use crate::model::{Problem, ProblemKind, Severity};

/// Problems of one kind and severity kept in full per file.
pub const PER_KIND: usize = 50;

/// A capped list of problems for one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProblemLog {
    kept: Vec<Problem>,
    /// Per kind and severity: how many were kept and how many only counted.
    tally: Vec<Tally>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Tally {
    severity: Severity,
    kind: ProblemKind,
    kept: usize,
    over: usize,
}

impl ProblemLog {
    pub fn new() -> ProblemLog {
        ProblemLog::default()
    }

    /// Whether one more problem of this kind is kept in full (and counts it either way).
    fn room(&mut self, severity: Severity, kind: ProblemKind) -> bool {
        let i = match self
            .tally
            .iter()
            .position(|t| t.severity == severity && t.kind == kind)
        {
            Some(i) => i,
            None => {
                self.tally.push(Tally {
                    severity,
                    kind,
                    kept: 0,
                    over: 0,
                });
                self.tally.len() - 1
            }
        };
        let t = &mut self.tally[i];
        if t.kept < PER_KIND {
            t.kept += 1;
            true
        } else {
            t.over = t.over.saturating_add(1);
            false
        }
    }

    /// Adds a problem, or only counts it when its kind is full.
    pub fn push(&mut self, problem: Problem) {
        if self.room(problem.severity, problem.kind) {
            self.kept.push(problem);
        }
    }

    /// Adds a problem made only when it will be kept: a reader meeting a million bad rows
    /// formats fifty messages, not a million.
    pub fn push_with(
        &mut self,
        severity: Severity,
        kind: ProblemKind,
        make: impl FnOnce() -> Problem,
    ) {
        if self.room(severity, kind) {
            self.kept.push(make());
        }
    }

    /// Orders the kept problems by line (problems without one first), stably.
    pub fn sort_by_line(&mut self) {
        self.kept.sort_by_key(|p| p.line.unwrap_or(0));
    }

    /// Adds every problem of another log, keeping its counts.
    pub fn append(&mut self, other: ProblemLog) {
        for p in other.kept {
            self.push(p);
        }
        for t in other.tally.into_iter().filter(|t| t.over > 0) {
            match self
                .tally
                .iter_mut()
                .find(|m| m.severity == t.severity && m.kind == t.kind)
            {
                Some(mine) => mine.over = mine.over.saturating_add(t.over),
                None => self.tally.push(t),
            }
        }
    }

    /// Problems only counted, over all kinds.
    pub fn not_listed(&self) -> usize {
        self.tally.iter().map(|t| t.over).sum()
    }

    /// The problems kept, then one line per kind that overflowed.
    pub fn into_vec(self) -> Vec<Problem> {
        let mut out = self.kept;
        for t in self.tally.iter().filter(|t| t.over > 0) {
            let Some(file) = out
                .iter()
                .find(|p| p.severity == t.severity && p.kind == t.kind)
                .map(|p| p.file.clone())
            else {
                continue;
            };
            out.push(Problem::new(
                &file,
                None,
                t.severity,
                t.kind,
                format!(
                    "And {} more like this ({}), not listed one by one.",
                    thousands(t.over),
                    kind_words(t.kind)
                ),
            ));
        }
        out
    }
}

impl Deref for ProblemLog {
    type Target = [Problem];

    fn deref(&self) -> &[Problem] {
        &self.kept
    }
}

impl Extend<Problem> for ProblemLog {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, iter: I) {
        iter.into_iter().for_each(|p| self.push(p));
    }
}

impl From<Vec<Problem>> for ProblemLog {
    fn from(problems: Vec<Problem>) -> ProblemLog {
        let mut log = ProblemLog::new();
        log.extend(problems);
        log
    }
}

fn kind_words(kind: ProblemKind) -> &'static str {
    match kind {
        ProblemKind::Unrecognized => "unrecognised content",
        ProblemKind::Encoding => "undecodable text",
        ProblemKind::Malformed => "broken structure",
        ProblemKind::BadValue => "values that could not be read",
        ProblemKind::BankError => "bank status codes",
        ProblemKind::WrongRole => "misplaced files",
        ProblemKind::Suspicious => "suspicious content",
    }
}

/// `1999990` → `1,999,990`: the one digit grouping problem messages and the report's
/// words share.
pub fn thousands(n: usize) -> String {
    thousands_u64(n as u64)
}

/// [`thousands`] for a `u64` (money's whole units can pass `usize` on wasm32).
pub fn thousands_u64(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_each_kind_and_counts_the_rest() {
        let mut log = ProblemLog::new();
        for i in 0..2_000_040 {
            log.push_with(Severity::Warning, ProblemKind::BadValue, || {
                Problem::warning("a.csv", Some(i), ProblemKind::BadValue, "bad")
            });
        }
        log.push(Problem::error(
            "a.csv",
            None,
            ProblemKind::Malformed,
            "broken",
        ));
        assert_eq!(log.len(), PER_KIND + 1);
        let v = log.into_vec();
        assert_eq!(v.len(), PER_KIND + 2);
        assert_eq!(
            v.last().unwrap().message,
            "And 1,999,990 more like this (values that could not be read), not listed one by one."
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }
}
