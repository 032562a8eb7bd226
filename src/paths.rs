//! Where EMV Doctor keeps its own files. A leaf: the front ends ask here once and pass the
//! folders in, so no library module looks for folders of its own (and tests use their own).

use std::path::PathBuf;

/// The folder for EMV Doctor's own data: `$EMV_DOCTOR_DATA_DIR` when set, else the platform
/// data folder (`~/.local/share/emv-doctor` on Linux, `%APPDATA%\emv-doctor\data` on Windows,
/// `~/Library/Application Support/emv-doctor` on macOS). `None` when the platform has no home
/// folder.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("EMV_DOCTOR_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "emv-doctor").map(|p| p.data_dir().to_owned())
}

/// The user's guide folder: `guides/` in [`data_dir`].
pub fn guides_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("guides"))
}

/// The autosave folder: `autosave/` in [`data_dir`].
pub fn autosave_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("autosave"))
}
