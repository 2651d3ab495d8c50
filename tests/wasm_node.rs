//! The wasm face in Node (wasm-bindgen-test): `check` and the streaming `Checker` give
//! the same report as the core, as plain JS objects that JSON-encode exactly like the
//! CLI's `--json` (null, not undefined, for missing values).
//!
//! Run: `make test-wasm` (cargo test --target wasm32-unknown-unknown with
//! wasm-bindgen-test-runner as the runner).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use qb324::wasm::{check, Checker, JsCheckOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

const CHART: &[u8] = include_bytes!("../www/samples/AcmeLandscaping_AccountList.csv");
const QBO: &[u8] = include_bytes!("../www/samples/amex-business-gold-2026-11.qbo");
const CSV: &[u8] = include_bytes!("../www/samples/Chase4821_Activity_20261115.CSV");

fn samples() -> Vec<(&'static str, &'static [u8])> {
    vec![
        ("AcmeLandscaping_AccountList.csv", CHART),
        ("amex-business-gold-2026-11.qbo", QBO),
        ("Chase4821_Activity_20261115.CSV", CSV),
        ("empty.csv", b""),
        ("garbage.bin", b"\x00\x01\x02\xff\xfe binary"),
    ]
}

fn js_files(files: &[(&str, &[u8])]) -> Array {
    files
        .iter()
        .map(|(name, bytes)| {
            let o = Object::new();
            Reflect::set(&o, &"name".into(), &(*name).into()).unwrap();
            Reflect::set(&o, &"bytes".into(), &Uint8Array::from(*bytes)).unwrap();
            JsValue::from(o)
        })
        .collect()
}

fn options(today: &str) -> JsCheckOptions {
    let o = Object::new();
    Reflect::set(&o, &"today".into(), &today.into()).unwrap();
    JsValue::from(o).unchecked_into()
}

fn to_json(v: &JsValue) -> serde_json::Value {
    let text: String = JSON::stringify(v).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

/// What the CLI would print for the same files and today.
fn core_json(files: &[(&str, &[u8])], today: &str) -> serde_json::Value {
    let inputs: Vec<_> = files
        .iter()
        .map(|(n, b)| qb324::InputFile::new(n, b))
        .collect();
    let opts = qb324::Options {
        today: Some(today.parse().unwrap()),
        ..qb324::Options::default()
    };
    serde_json::to_value(qb324::check(&inputs, &opts)).unwrap()
}

#[wasm_bindgen_test]
fn check_gives_the_cli_report() {
    let files = samples();
    let report = check(js_files(&files), Some(options("2026-11-30"))).unwrap();
    assert_eq!(to_json(&report), core_json(&files, "2026-11-30"));
    let schema = Reflect::get(&report, &"schema".into()).unwrap();
    assert_eq!(schema.as_string().as_deref(), Some("qb324.report/1"));
}

#[wasm_bindgen_test]
fn missing_values_are_null_and_maps_are_plain_objects() {
    let report = check(js_files(&[("empty.csv", b"")]), None).unwrap();
    // No today given: `today` is null, as in JSON, not undefined.
    assert!(Reflect::get(&report, &"today".into()).unwrap().is_null());
    let proto = Object::get_prototype_of(&report);
    assert!(proto.is_object() && !report.is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
fn streaming_in_small_chunks_gives_the_same_report() {
    let files = samples();
    let mut checker = Checker::new();
    for (name, bytes) in &files {
        checker.begin(name, None).unwrap();
        for chunk in bytes.chunks(7) {
            checker.push(chunk).unwrap();
        }
        checker.end();
    }
    let streamed = checker.finish(Some(options("2026-11-30"))).unwrap();
    assert_eq!(to_json(&streamed), core_json(&files, "2026-11-30"));
}

#[wasm_bindgen_test]
fn bad_arguments_throw_instead_of_panicking() {
    assert!(check(Array::new(), Some(options("30/11/2026"))).is_err());
    let bad = Array::of1(&JsValue::from_str("not a file"));
    assert!(check(bad, None).is_err());
    let mut checker = Checker::new();
    assert!(checker.push(b"x").is_err());
}

const REGISTER: &[u8] = include_bytes!("fixtures/register/amex-gold-transaction-detail.csv");

#[wasm_bindgen_test]
fn recover_gives_the_cores_files_and_options_take_quickbooks_dates() {
    let files = [
        ("AcmeLandscaping_AccountList.csv", CHART),
        ("amex-business-gold-2026-11.qbo", QBO),
        ("amex-gold-transaction-detail.csv", REGISTER),
    ];
    let report = check(js_files(&files), Some(options("2026-11-30"))).unwrap();
    let json = to_json(&report);
    let id = json["recovery"][0]["id"].as_str().unwrap().to_string();
    let out = qb324::wasm::recover(js_files(&files), Some(options("2026-11-30")), &id).unwrap();
    let inputs: Vec<_> = files
        .iter()
        .map(|(n, b)| qb324::InputFile::new(n, b))
        .collect();
    let opts = qb324::Options {
        today: Some("2026-11-30".parse().unwrap()),
        ..qb324::Options::default()
    };
    let core = qb324::recover(&inputs, &opts, &id);
    assert_eq!(out.length() as usize, core.len());
    for (js, want) in out.iter().zip(&core) {
        let name = Reflect::get(&js, &"name".into())
            .unwrap()
            .as_string()
            .unwrap();
        let bytes: Uint8Array = Reflect::get(&js, &"bytes".into()).unwrap().unchecked_into();
        assert_eq!(name, want.name);
        assert_eq!(bytes.to_vec(), want.bytes);
    }
    // quickbooksHasUntil: one date for all, or per statement file.
    let o = Object::new();
    Reflect::set(&o, &"today".into(), &"2026-11-30".into()).unwrap();
    let per_file = Object::new();
    Reflect::set(
        &per_file,
        &"Chase4821_Activity_20261115.CSV".into(),
        &"2026-11-05".into(),
    )
    .unwrap();
    Reflect::set(&o, &"quickbooksHasUntil".into(), &per_file).unwrap();
    let files = [
        ("AcmeLandscaping_AccountList.csv", CHART),
        ("Chase4821_Activity_20261115.CSV", CSV),
    ];
    let report = check(js_files(&files), Some(JsValue::from(o).unchecked_into())).unwrap();
    assert_eq!(
        to_json(&report)["recovery"][0]["quickbooks_has_until"],
        "2026-11-05"
    );
    let bad = Object::new();
    Reflect::set(&bad, &"quickbooksHasUntil".into(), &"5 Nov".into()).unwrap();
    assert!(check(js_files(&files), Some(JsValue::from(bad).unchecked_into())).is_err());
}
