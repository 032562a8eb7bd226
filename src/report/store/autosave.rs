//! Autosave for crash recovery: each change to the open session is written atomically to its
//! own file in the autosave folder (`<data dir>/autosave`, see [`crate::paths::autosave_dir`]).
//!
//! A session that ends normally (saved by the user, or closed on purpose) removes its autosave
//! with [`Autosave::finish`]. A file still there at the next start is a session that crashed
//! or lost power: [`pending_restore`] finds the newest one so the app can offer to restore it
//! exactly as it was last saved. Starting a new autosave prunes the folder to the newest
//! [`KEEP`] sessions and removes temporary files a crash left behind.

use super::atomic::TEMP_MARKER;
use super::{EXTENSION, Loaded, SaveError, open, save};
use crate::report::model::Report;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How many autosaved sessions are kept (the newest by modification time); older ones are
/// deleted when a new session starts autosaving.
pub const KEEP: usize = 5;

/// A temporary file older than this is a leftover from a crash and is deleted by [`prune`].
const STALE_TEMP: Duration = Duration::from_secs(60);

/// File names of autosaves start with this.
const PREFIX: &str = "session-";

/// The autosave of one open session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autosave {
    path: PathBuf,
}

/// An autosave left by a session that did not end normally.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The autosave file.
    pub path: PathBuf,
    /// Its content.
    pub loaded: Loaded,
}

impl Autosave {
    /// Starts autosaving a new session into `dir` (created when missing): prunes the folder,
    /// then writes `report` once.
    pub fn start(dir: &Path, report: &Report) -> Result<Self, SaveError> {
        std::fs::create_dir_all(dir).map_err(|source| SaveError::Io {
            path: dir.to_owned(),
            source,
        })?;
        prune(dir, KEEP.saturating_sub(1))?;
        let mut tag = [0u8; 4];
        // Without randomness the name still carries the time and the process id.
        let _ = getrandom::fill(&mut tag);
        let name = format!(
            "{PREFIX}{}-{}-{}.{EXTENSION}",
            report.created.naive_utc().format("%Y%m%dT%H%M%SZ"),
            std::process::id(),
            hex::encode(tag)
        );
        let autosave = Autosave {
            path: dir.join(name),
        };
        autosave.save(report)?;
        Ok(autosave)
    }

    /// Continues autosaving a restored session into the same file.
    pub fn resume(pending: &Pending) -> Self {
        Autosave {
            path: pending.path.clone(),
        }
    }

    /// Writes the current state atomically; when this returns `Ok` it survives a crash.
    pub fn save(&self, report: &Report) -> Result<(), SaveError> {
        save(report, &self.path)
    }

    /// The autosave file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The session ended normally: removes its autosave so it is not offered for restore.
    pub fn finish(self) -> Result<(), SaveError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(SaveError::Io {
                path: self.path,
                source,
            }),
        }
    }
}

/// The newest autosave in `dir` that opens, if any: the session to offer for restore.
/// Autosaves that do not open are skipped and left untouched.
pub fn pending_restore(dir: &Path) -> Option<Pending> {
    sessions(dir)
        .into_iter()
        .rev()
        .find_map(|(path, _)| open(&path).ok().map(|loaded| Pending { path, loaded }))
}

/// Deletes all but the newest `keep` autosaves in `dir`, and temporary files left by a crash.
/// Returns how many files were removed.
pub fn prune(dir: &Path, keep: usize) -> Result<usize, SaveError> {
    let mut removed = 0;
    let list = sessions(dir);
    let excess = list.len().saturating_sub(keep);
    for (path, _) in list.into_iter().take(excess) {
        remove(&path)?;
        removed += 1;
    }
    let now = SystemTime::now();
    for (path, modified) in entries(dir) {
        let is_temp = file_name(&path).is_some_and(|n| n.contains(TEMP_MARKER));
        let stale = now.duration_since(modified).unwrap_or_default() > STALE_TEMP;
        if is_temp && stale {
            remove(&path)?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn remove(path: &Path) -> Result<(), SaveError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(SaveError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Autosave files in `dir`, oldest first (by modification time, then name).
fn sessions(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut list: Vec<_> = entries(dir)
        .into_iter()
        .filter(|(p, _)| {
            file_name(p).is_some_and(|n| {
                n.starts_with(PREFIX) && n.ends_with(EXTENSION) && !n.contains(TEMP_MARKER)
            })
        })
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    list
}

fn entries(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    read.filter_map(Result::ok)
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_file()
                .then(|| (e.path(), meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
        })
        .collect()
}

fn file_name(path: &Path) -> Option<&str> {
    path.file_name().and_then(|n| n.to_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use chrono::DateTime;

    fn report(minute: u32) -> Report {
        let t =
            DateTime::parse_from_rfc3339(&format!("2025-03-01T09:{minute:02}:00+08:00")).unwrap();
        Report::new(t, Lang::En)
    }

    #[test]
    fn finished_sessions_are_not_offered() {
        let dir = tempfile::tempdir().unwrap();
        let a = Autosave::start(dir.path(), &report(1)).unwrap();
        assert_eq!(pending_restore(dir.path()).unwrap().path, a.path());
        a.finish().unwrap();
        assert!(pending_restore(dir.path()).is_none());
    }

    #[test]
    fn newest_session_is_offered_and_old_ones_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let mut last = None;
        for minute in 0..(KEEP as u32 + 3) {
            let r = report(minute);
            let a = Autosave::start(dir.path(), &r).unwrap();
            // Make modification times strictly increase even on coarse clocks.
            let f = std::fs::File::options().write(true).open(a.path()).unwrap();
            f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000 + u64::from(minute)))
                .unwrap();
            last = Some((a, r));
        }
        assert_eq!(sessions(dir.path()).len(), KEEP);
        let (a, r) = last.unwrap();
        let pending = pending_restore(dir.path()).unwrap();
        assert_eq!(pending.path, a.path());
        assert_eq!(pending.loaded.report, r);
    }
}
