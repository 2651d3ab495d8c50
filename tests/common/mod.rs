//! Where the integration tests find their files: the crate's own fixtures
//! (`tests/fixtures`, `www/samples`) and the real exports nobody on the team wrote
//! (`shared/fixtures/real`, read-only, beside the checkout).
//!
//! Each test crate compiles this module on its own and uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

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
