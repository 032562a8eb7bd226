//! Safe writes: `-o`/`--save` never replace what is not a regular file of ours, never
//! overwrite their input, keep permissions, and clean up after a killed writer.

use super::common::emv_doctor;
use super::report_support::full_report;
use emv_doctor::i18n::Lang;
use emv_doctor::report::store;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// A saved report in `dir`.
fn report_in(dir: &Path) -> PathBuf {
    let file = dir.join("r.emvdoc.ron");
    store::save(&full_report(Lang::En), &file).unwrap();
    file
}

fn export_to(input: &Path, out: &Path) -> std::process::Output {
    emv_doctor()
        .args(["report", "export", "--format", "html", "-o"])
        .arg(out)
        .arg(input)
        .output()
        .unwrap()
}

/// Issue item 9: a FIFO or a device node as the target is refused and left alone.
#[test]
fn non_regular_targets_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = report_in(dir.path());
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let device = dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .status()
        .unwrap();
    assert!(made.success(), "mknod (the suite runs as root, as CI does)");
    for (target, is_kind) in [
        (
            &fifo,
            FileTypeExt::is_fifo as fn(&std::fs::FileType) -> bool,
        ),
        (&device, FileTypeExt::is_char_device),
    ] {
        let out = export_to(&input, target);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("not a regular file"),
            "{out:?}"
        );
        let kind = std::fs::symlink_metadata(target).unwrap().file_type();
        assert!(is_kind(&kind), "{} was replaced", target.display());
    }
}

/// Issue item 9: `-o` naming the input report.
#[test]
fn the_output_cannot_be_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = report_in(dir.path());
    let before = std::fs::read(&input).unwrap();
    let link = dir.path().join("same.html");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    for out in [
        input.clone(),
        link,
        dir.path().join(".").join("r.emvdoc.ron"),
    ] {
        let result = export_to(&input, &out);
        assert_eq!(result.status.code(), Some(2), "{result:?}");
        assert_eq!(
            std::fs::read(&input).unwrap(),
            before,
            "the report is intact"
        );
    }
}

/// Issue item 9: a symlink is written through (it stays a link), a hard-linked file is
/// refused, and a 0600 target stays 0600.
#[test]
fn links_and_permissions_are_respected() {
    let dir = tempfile::tempdir().unwrap();
    let input = report_in(dir.path());
    let real = dir.path().join("real.html");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink("real.html", &link).unwrap();
    let out = export_to(&input, &link);
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let html = std::fs::read_to_string(&real).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "written through the link"
    );
    assert_eq!(std::fs::metadata(&real).unwrap().mode() & 0o777, 0o600);

    let other = dir.path().join("other-name.html");
    std::fs::hard_link(&real, &other).unwrap();
    let out = export_to(&input, &real);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("hard links"),
        "{out:?}"
    );
}

/// Issue item 9: temporary files left by a killed writer are removed on the next write to
/// that folder; files that only look similar stay.
#[test]
fn stale_temporary_files_are_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let input = report_in(dir.path());
    // Process ids above the kernel's maximum (4194304) never run.
    let stale = dir.path().join(".out.html.tmp-9999999-0123456789abcdef");
    std::fs::write(&stale, vec![0u8; 1024]).unwrap();
    let lookalike = dir.path().join(".out.html.tmp-notes");
    std::fs::write(&lookalike, "mine").unwrap();
    let out = export_to(&input, &dir.path().join("out.html"));
    assert!(out.status.success(), "{out:?}");
    assert!(!stale.exists(), "the stale temporary file is gone");
    assert!(lookalike.exists(), "a file that is not ours stays");
}
