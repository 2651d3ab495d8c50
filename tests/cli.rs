//! The `qb324` command as a person runs it (SPEC §6): exit statuses, messages for bad
//! arguments, and the names the report gives files.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn qb324(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qb324"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run qb324")
}

/// A scratch folder of its own for each test (tests run in parallel).
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qb324-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

#[test]
fn files_sharing_a_name_keep_the_path_as_given() {
    let dir = scratch("names");
    let statement = common::local("www/samples/Chase4821_Activity_20261115.CSV");
    for month in ["jan", "feb"] {
        std::fs::create_dir_all(dir.join(month)).unwrap();
        std::fs::write(dir.join(month).join("statement.csv"), &statement).unwrap();
    }
    std::fs::write(
        dir.join("chart.csv"),
        common::local("www/samples/AcmeLandscaping_AccountList.csv"),
    )
    .unwrap();
    let out = qb324(
        &dir,
        &[
            "--json",
            "--today",
            "2026-11-30",
            "chart.csv",
            "jan/statement.csv",
            "feb/statement.csv",
        ],
    );
    let report = json(&out);
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    // The chart's name is unique, so it is its own name; the two statements keep their
    // folders, or the report could not tell them apart.
    assert_eq!(
        files,
        ["chart.csv", "jan/statement.csv", "feb/statement.csv"]
    );
    // Near miss: one statement alone is called by its name, without the folder.
    let out = qb324(&dir, &["--json", "chart.csv", "jan/statement.csv"]);
    assert_eq!(json(&out)["files"][1]["file"], "statement.csv");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exit_status_says_what_was_found() {
    let dir = common::local_path("");
    let chart = "www/samples/AcmeLandscaping_AccountList.csv";
    // A 324 trigger: 1.
    let out = qb324(
        &dir,
        &[
            "--today",
            "2026-11-30",
            chart,
            "www/samples/Chase4821_Activity_20261115.CSV",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // --help is not a failure.
    assert_eq!(qb324(&dir, &["--help"]).status.code(), Some(0));
}

#[test]
fn bad_arguments_say_why_and_exit_2() {
    let dir = common::local_path("");
    let out = qb324(
        &dir,
        &[
            "--today",
            "30/11/2026",
            "www/samples/AcmeLandscaping_AccountList.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--today wants a date as YYYY-MM-DD"), "{err}");
    let out = qb324(&dir, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give at least one file"));
    let out = qb324(&dir, &["no-such-file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read no-such-file.csv"));
    assert!(
        out.stdout.is_empty(),
        "no report when a file cannot be read"
    );
}
