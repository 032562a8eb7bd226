//! Damaged and hand-edited files: each gives a clear error (with `line:column` where the text
//! has one) and the file's bytes and modification time are unchanged afterwards.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod report_support;

use emv_doctor::i18n::{Lang, error_chain};
use emv_doctor::report::store::{self, DecodeError, OpenError};
use report_support::full_report;
use std::path::{Path, PathBuf};

fn good_text() -> String {
    store::encode(&full_report(Lang::En)).unwrap()
}

/// Writes `bytes`, opens the file, checks it was not touched, returns the error.
fn open_damaged(dir: &Path, name: &str, bytes: &[u8]) -> OpenError {
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let err = store::open(&path).expect_err("damaged file must not open");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "{name}: bytes unchanged"
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        mtime,
        "{name}: not rewritten"
    );
    let shown = error_chain(&err);
    assert!(
        shown.contains(name),
        "{name}: error names the file: {shown}"
    );
    err
}

fn line_of(text: &str, needle: &str) -> usize {
    1 + text[..text.find(needle).expect("needle present")]
        .matches('\n')
        .count()
}

#[test]
fn truncated_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = good_text();
    let cut = &text[..text.find("notes:").unwrap() + 12];
    let err = open_damaged(dir.path(), "truncated.emvdoc.ron", cut.as_bytes());
    let (line, _) = err.position().expect("position");
    assert!(
        line >= line_of(cut, "notes:"),
        "error where the text stops: {err}"
    );
    assert!(error_chain(&err).contains(&format!(":{line}:")), "{err}");
}

#[test]
fn wrong_type() {
    let dir = tempfile::tempdir().unwrap();
    let text = good_text().replace("terminal_make: Some(\"PAX\")", "terminal_make: Some(42)");
    let err = open_damaged(dir.path(), "wrong-type.emvdoc.ron", text.as_bytes());
    let (line, column) = err.position().expect("position");
    assert_eq!(line, line_of(&text, "terminal_make"), "{err}");
    assert!(column > 1, "{err}");
    assert!(
        error_chain(&err).to_lowercase().contains("string"),
        "says a string was expected: {err}"
    );
}

#[test]
fn unknown_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = good_text().replace("    lang: en,\n", "    lang: en,\n    colour: \"red\",\n");
    let err = open_damaged(dir.path(), "unknown-field.emvdoc.ron", text.as_bytes());
    let (line, _) = err.position().expect("position");
    assert_eq!(line, line_of(&text, "colour"), "{err}");
    assert!(
        error_chain(&err).contains("colour"),
        "names the field: {err}"
    );
}

#[test]
fn unknown_field_in_a_nested_struct() {
    let dir = tempfile::tempdir().unwrap();
    let text = good_text().replace("        arch:", "        cpu_count: 4,\n        arch:");
    let err = open_damaged(dir.path(), "nested.emvdoc.ron", text.as_bytes());
    assert_eq!(
        err.position().unwrap().0,
        line_of(&text, "cpu_count"),
        "{err}"
    );
    assert!(error_chain(&err).contains("cpu_count"), "{err}");
}

#[test]
fn missing_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = good_text().replace("    app_version: \"0.1.0\",\n", "");
    let err = open_damaged(dir.path(), "missing.emvdoc.ron", text.as_bytes());
    assert!(err.position().is_some(), "{err}");
    assert!(error_chain(&err).contains("app_version"), "{err}");
}

#[test]
fn not_ron_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let err = open_damaged(
        dir.path(),
        "text.emvdoc.ron",
        b"Dear support,\nthe terminal is broken.\n",
    );
    assert_eq!(err.position(), Some((1, 1)), "{err}");
    let err = open_damaged(
        dir.path(),
        "zip.emvdoc.ron",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe",
    );
    assert!(
        matches!(
            err,
            OpenError::NotText {
                line: 1,
                column: 11,
                ..
            }
        ),
        "{err}"
    );
    let err = open_damaged(dir.path(), "empty.emvdoc.ron", b"");
    assert!(err.position().is_some(), "{err}");
}

#[test]
fn huge_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.emvdoc.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(store::MAX_FILE_BYTES + 1).unwrap();
    drop(file);
    let err = store::open(&path).unwrap_err();
    assert!(
        matches!(err, OpenError::TooLarge { size, .. } if size == store::MAX_FILE_BYTES + 1),
        "{err}"
    );
    assert!(error_chain(&err).contains("limit"), "{err}");
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        store::MAX_FILE_BYTES + 1
    );
}

#[test]
fn newer_format_version_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let current = emv_doctor::report::FORMAT_VERSION;
    let text = good_text().replace(
        &format!("format_version: {current},"),
        &format!("format_version: {},\n    new_feature: true,", current + 1),
    );
    let err = open_damaged(dir.path(), "newer.emvdoc.ron", text.as_bytes());
    assert!(
        matches!(
            err,
            OpenError::Decode {
                source: DecodeError::NewerVersion {
                    found: 5,
                    supported: 4,
                    line: 2,
                    column: 5,
                },
                ..
            }
        ),
        "{err}"
    );
    assert!(
        error_chain(&err).contains(":2:5: this report was written by a newer EMV Doctor"),
        "{err}"
    );
}
