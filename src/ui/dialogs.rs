//! File dialogs behind a small interface, so tests never open one.

use std::path::PathBuf;

/// What the app asks of a file dialog (asked from a background thread, so the window stays live).
pub trait FileDialogs: Send + Sync {
    /// Asks for a report file to open; `None` when the user cancels.
    fn open_report(&self) -> Option<PathBuf>;
    /// Asks for a transaction export (CSV or Excel) to analyse; `None` when the user cancels.
    fn open_export(&self) -> Option<PathBuf>;
    /// Asks where to save a file, suggesting `default_name` with `extension`; `None` on cancel.
    fn save_as(&self, default_name: &str, extension: &str) -> Option<PathBuf>;
}

/// The system's native dialogs (xdg-desktop-portal on Linux), through `rfd`.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open_report(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("EMV Doctor report", &["ron"])
            .pick_file()
    }

    fn open_export(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("CSV / Excel", &["csv", "txt", "xlsx"])
            .pick_file()
    }

    fn save_as(&self, default_name: &str, extension: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_file_name(default_name)
            .add_filter(extension, &[extension])
            .save_file()
    }
}
