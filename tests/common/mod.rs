//! What the integration tests share: where they find their files (the crate's own
//! fixtures in `tests/fixtures` and `www/samples`, and the real exports nobody on the
//! team wrote, in `shared/fixtures/real`, read-only, beside the checkout), how they run
//! a check and read its findings, and the small seeded RNG of the mutation tests.
//!
//! Each test crate compiles this module on its own and uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use qb324::formats::StatementsRead;
use qb324::report::Report;
use qb324::{InputFile, Options};

/// A file as the checker is given it: its name (no folders, as a browser gives it) and
/// its bytes.
pub type File = (String, Vec<u8>);

/// A path relative to the crate root (`tests/fixtures/…`, `www/samples/…`).
pub fn local_path(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The bytes of a file relative to the crate root.
pub fn local(path: &str) -> Vec<u8> {
    let p = local_path(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The real fixtures: `$QB324_FIXTURES`, else `shared/fixtures/real` beside the
/// checkout (a clone next to `shared/`) or one level up (a worktree under `wt/`).
/// Missing fixtures fail the test: they are the readers' ground truth.
pub fn real_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("QB324_FIXTURES") {
        return PathBuf::from(dir);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../shared/fixtures/real", "../../shared/fixtures/real"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.join("EXPECTED.json").is_file())
        .unwrap_or_else(|| {
            panic!(
                "real fixtures not found beside {} (set QB324_FIXTURES)",
                root.display()
            )
        })
}

/// The bytes of a real fixture, by its path under [`real_dir`] (`ofxparse/checking.ofx`).
pub fn real(path: &str) -> Vec<u8> {
    let p = real_dir().join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every real fixture whose extension is one of `extensions` (lower case, no dot), as
/// (`project/file`, bytes), in name order so failures read the same on every machine.
pub fn real_files(extensions: &[&str]) -> Vec<(String, Vec<u8>)> {
    let dir = real_dir();
    let mut out = Vec::new();
    for project in std::fs::read_dir(&dir)
        .expect("real fixtures folder")
        .flatten()
    {
        let project = project.path();
        if !project.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&project).unwrap().flatten() {
            let path = file.path();
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if path.is_file() && extensions.contains(&ext.as_str()) {
                let name = path
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A file of the crate (`tests/fixtures/…`, `www/samples/…`) under its own name.
pub fn local_file(path: &str) -> File {
    (base_name(path), local(path))
}

/// A real fixture (`ofxparse/checking.ofx`) under its own name.
pub fn real_file(path: &str) -> File {
    (base_name(path), real(path))
}

fn base_name(path: &str) -> String {
    path.rsplit('/').next().unwrap().to_string()
}

/// The "now" the dated fixtures are written against: 2026-11-30.
pub fn today() -> Options {
    Options {
        today: "2026-11-30".parse().ok(),
        ..Options::default()
    }
}

/// The report for these files, as the CLI and the page would give it.
pub fn check_files(files: &[File], options: &Options) -> Report {
    let inputs: Vec<InputFile<'_>> = files.iter().map(|(n, b)| InputFile::new(n, b)).collect();
    qb324::check(&inputs, options)
}

/// The codes that fired, in report order.
pub fn codes(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code.name()).collect()
}

/// The findings and problems of a report, a line each, for an assertion's message.
pub fn explain(r: &Report) -> String {
    let mut s = String::new();
    for f in &r.findings {
        s.push_str(&format!("  {} {:?}: {}\n", f.code, f.severity, f.title));
    }
    for p in &r.problems {
        s.push_str(&format!(
            "  problem {}:{:?} {}\n",
            p.file, p.line, p.message
        ));
    }
    s
}

/// A seeded xorshift64 generator: the mutation tests' runs are the same on every machine
/// without a crate for it. The seed must not be 0.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Two reads are the same: statements, listed accounts and problems.
pub fn assert_same(a: &StatementsRead, b: &StatementsRead, what: &str) {
    assert_eq!(a.statements, b.statements, "{what}: statements differ");
    assert_eq!(
        a.listed_accounts, b.listed_accounts,
        "{what}: listed accounts differ"
    );
    assert_eq!(a.problems, b.problems, "{what}: problems differ");
}
