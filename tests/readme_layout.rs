//! The README's "How the code is laid out" names every Rust file under `src/`, and every
//! `.rs` file it names exists, so the map a newcomer reads first stays the tree.
//!
//! The section's code block is read as a tree: a line starting at the left margin with a
//! path ending in `/` opens a folder, one ending in `.rs` names a file; on the indented
//! lines below a folder, each word ending in `.rs` names a file in it.

use std::collections::BTreeSet;
use std::path::Path;

const README: &str = include_str!("../README.md");

/// The code block of the layout section.
fn layout_block() -> &'static str {
    let head = "## How the code is laid out";
    let start = README.find(head).expect("README has a layout section") + head.len();
    let section = &README[start..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let open = section
        .find("```")
        .expect("layout section has a code block")
        + 3;
    let body = &section[open..];
    &body[..body.find("```").expect("layout code block is closed")]
}

/// Every `.rs` path the layout names, relative to the crate root.
fn named() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut folder = String::new();
    for line in layout_block().lines() {
        let indented = line.starts_with(' ');
        let mut words = line.split_whitespace();
        if !indented {
            let Some(first) = words.next() else { continue };
            if first.ends_with('/') {
                folder = first.to_string();
            } else if first.ends_with(".rs") {
                out.insert(first.to_string());
            }
            // The rest of a margin line is its description.
            continue;
        }
        for word in words {
            let word = word.trim_end_matches([',', ')', ';']);
            if word.ends_with(".rs") {
                out.insert(format!("{folder}{word}"));
            }
        }
    }
    out
}

/// Every `.rs` file under `dir`, relative to the crate root, with `/` separators.
fn rust_files(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap();
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.insert(parts.join("/"));
        }
    }
}

#[test]
fn the_readme_layout_names_every_source_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut tree = BTreeSet::new();
    rust_files(root, &root.join("src"), &mut tree);
    let named = named();
    let in_src: BTreeSet<String> = named
        .iter()
        .filter(|p| p.starts_with("src/"))
        .cloned()
        .collect();
    let missing: Vec<&String> = tree.difference(&in_src).collect();
    assert!(
        missing.is_empty(),
        "README.md's \"How the code is laid out\" does not name {missing:?}"
    );
    let gone: Vec<&String> = named.iter().filter(|p| !root.join(p).is_file()).collect();
    assert!(
        gone.is_empty(),
        "README.md's \"How the code is laid out\" names files that do not exist: {gone:?}"
    );
}

#[test]
fn the_layout_reader_reads_folders_and_files() {
    let named = named();
    for path in [
        "src/lib.rs",
        "src/formats/bank_csv/balance.rs",
        "src/rules/upload_rejected.rs",
        "tests/common/mod.rs",
        "benches/check.rs",
    ] {
        assert!(named.contains(path), "{path} not read from the layout");
    }
}
