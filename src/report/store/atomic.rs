//! Safe, atomic file replacement: a crash or power cut at any moment leaves either the old
//! file or the new one, never a mix, and nothing that is not a regular file of ours is
//! replaced.
//!
//! Steps: follow a symlink to the file it names (the link stays a link); refuse a target that
//! is not a regular file (a device, FIFO, socket or folder) or that has other hard links (a
//! rename would silently split them); write a temporary file in the same folder (so the
//! rename stays on one file system) with the target's permissions, `fsync` it, rename it over
//! the target (atomic on POSIX and on NTFS), then `fsync` the folder so the rename itself is
//! durable (Unix only). Temporary files of ours left in that folder by a killed process are
//! removed on the way.

use super::SaveError;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Marker in temporary file names; leftovers from a crash are recognised by it.
pub(crate) const TEMP_MARKER: &str = ".tmp-";
/// Most symlinks followed to find the real target.
const MAX_LINKS: usize = 40;

/// Replaces `path` with `bytes` atomically and durably. When this returns `Ok`, the new
/// content is on disk.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let refuse = |p: &Path, why: &str| SaveError::Io {
        path: p.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, why.to_owned()),
    };
    let path = &follow_links(path)?;
    let existing = match std::fs::symlink_metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(SaveError::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    if let Some(m) = &existing {
        if !m.file_type().is_file() {
            return Err(refuse(
                path,
                "not a regular file (a device, pipe, socket or folder): refusing to replace it",
            ));
        }
        if links(m) > 1 {
            return Err(refuse(
                path,
                "the file has other hard links: refusing to replace it; write to a new name",
            ));
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| refuse(path, "not a file name"))?;
    remove_stale_temps(&dir);
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
        if let Some(m) = &existing {
            file.set_permissions(m.permissions()).map_err(io(&temp))?;
        }
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

/// Whether `a` and `b` name the same existing file (through links, other spellings).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => identity(&x) == identity(&y) && identity(&x).is_some(),
        _ => false,
    }
}

#[cfg(unix)]
fn identity(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_m: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(unix)]
fn links(m: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    m.nlink()
}

#[cfg(not(unix))]
fn links(_m: &std::fs::Metadata) -> u64 {
    1
}

/// The file `path` finally names when it is a symlink (or a chain of them); `path` itself
/// otherwise.
fn follow_links(path: &Path) -> Result<PathBuf, SaveError> {
    let mut p = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p).map_err(|source| SaveError::Io {
                    path: p.clone(),
                    source,
                })?;
                p = match p.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(SaveError::Io {
        path: path.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "too many symlinks"),
    })
}

/// Removes temporary files of ours in `dir` whose writer is gone: `.NAME.tmp-PID-RANDOM`
/// regular files whose process no longer runs (elsewhere than Linux: older than a day).
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != std::process::id() && writer_gone(pid, &entry.path()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The writer's process id when `name` is one of our temporary names.
fn temp_pid(name: &str) -> Option<u32> {
    let (_, tail) = name.strip_prefix('.')?.rsplit_once(TEMP_MARKER)?;
    let (pid, random) = tail.split_once('-')?;
    (random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| pid.parse().ok())
        .flatten()
}

#[cfg(target_os = "linux")]
fn writer_gone(pid: u32, _path: &Path) -> bool {
    !Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn writer_gone(_pid: u32, path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(24 * 3600))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
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
