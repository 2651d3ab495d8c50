//! The report's own sentences (finding titles and details, plan steps, checked lines,
//! `because`) never carry a run of spaces: a string literal broken over lines without a
//! `\` continuation once shipped 14 spaces inside a `detail`, into the JSON and the page.

mod common;

use std::path::Path;

use qb324::Report;

use common::{check_files, codes, local_path, real_files, today, File};

/// Every sentence of the report the checker wrote (not names or excerpts from files).
fn sentences(r: &Report) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for f in &r.findings {
        out.extend([f.title.as_str(), f.detail.as_str()]);
    }
    for p in &r.plan {
        out.extend([p.title.as_str(), p.text.as_str()]);
    }
    out.extend(r.checked.iter().map(|c| c.why.as_str()));
    out.extend(r.statements.iter().filter_map(|s| s.because.as_deref()));
    out
}

/// Checks the report of `files` and returns the codes that fired.
fn assert_no_runs(name: &str, files: &[File]) -> Vec<&'static str> {
    let r = check_files(files, &today());
    for s in sentences(&r) {
        assert!(!s.contains("  "), "{name}: a run of spaces in {s:?}");
    }
    codes(&r)
}

/// A set per folder under `dir`: its files with those of the folders above it (up to
/// `dir`), as the fixtures are laid out (`rules/<code>/Account_List.csv` beside
/// `rules/<code>/fire/`).
fn folder_sets(dir: &Path, above: &[File], out: &mut Vec<(String, Vec<File>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    let mut files = above.to_vec();
    let mut folders = Vec::new();
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            folders.push(p);
        } else if p.extension().is_some_and(|x| x != "py" && x != "md") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            files.push((name, std::fs::read(&p).unwrap()));
        }
    }
    for f in folders {
        folder_sets(&f, &files, out);
    }
    if files.len() > above.len() {
        out.push((dir.display().to_string(), files));
    }
}

#[test]
fn no_report_sentence_has_a_run_of_spaces() {
    let mut sets = Vec::new();
    folder_sets(&local_path("tests/fixtures"), &[], &mut sets);
    folder_sets(&local_path("www/samples"), &[], &mut sets);
    assert!(sets.len() > 30, "fixture folders not found");
    // No fixture folder has an account whose name and number disagree.
    sets.push((
        "name_number_mismatch".into(),
        vec![(
            "accounts.csv".into(),
            b"Full name,Type,Detail type,Bank account number\n\
              Visa - 4417,Credit Card,Credit Card,4111111111114471\n"
                .to_vec(),
        )],
    ));
    let mut fired = std::collections::BTreeSet::new();
    for (name, files) in &sets {
        fired.extend(assert_no_runs(name, files));
    }
    // Every trigger wrote its prose at least once.
    assert_eq!(
        fired.len(),
        qb324::report::Code::ALL.len(),
        "only {fired:?} fired"
    );
    for (name, bytes) in real_files(&["csv", "ofx", "qfx", "qbo", "iif", "sgml"]) {
        assert_no_runs(&name, &[(name.clone(), bytes)]);
    }
}
