//! Atomic file replacement: a crash or power cut at any moment leaves either the old file or
//! the new one, never a mix.
//!
//! Steps: write a temporary file in the same folder (so the rename stays on one file system),
//! `fsync` it, rename it over the target (atomic on POSIX and on NTFS), then `fsync` the folder
//! so the rename itself is durable (Unix only; Windows has no folder handles for that).

use super::SaveError;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Marker in temporary file names; leftovers from a crash are recognised by it.
pub(crate) const TEMP_MARKER: &str = ".tmp-";

/// Replaces `path` with `bytes` atomically and durably. When this returns `Ok`, the new
/// content is on disk.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| SaveError::Io {
        path: path.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
    })?;
    let temp = dir.join(format!(
        ".{}{TEMP_MARKER}{}-{:016x}",
        name.to_string_lossy(),
        std::process::id(),
        random_u64()
    ));
    let io = |p: &Path| {
        let p = p.to_owned();
        move |source| SaveError::Io { path: p, source }
    };
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(io(&temp))?;
        file.write_all(bytes).map_err(io(&temp))?;
        file.sync_all().map_err(io(&temp))?;
        drop(file);
        std::fs::rename(&temp, path).map_err(io(path))?;
        sync_dir(&dir).map_err(io(&dir))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

fn random_u64() -> u64 {
    let mut buf = [0u8; 8];
    // A failed random source only makes a name clash (and so a create_new error) likelier.
    let _ = getrandom::fill(&mut buf);
    u64::from_le_bytes(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.emvdoc.ron");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failure_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.emvdoc.ron");
        write(&path, b"old").unwrap();
        // Renaming a file over a non-empty directory fails.
        let blocker = dir.path().join("dir");
        std::fs::create_dir(&blocker).unwrap();
        std::fs::write(blocker.join("x"), b"x").unwrap();
        assert!(write(&blocker, b"new").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
