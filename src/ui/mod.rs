//! The eframe/egui desktop app. It draws state and sends commands to the workers; it never
//! blocks on a card or the network.

mod app;
mod autosaver;
pub mod dialogs;
pub mod file_dialog;
pub mod fonts;
mod panels;
pub mod settings;
pub mod state;
pub mod status_bar;
mod task;
mod text;
mod theme;

pub use app::{App, AppOptions, UiCommand};

use crate::i18n::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// The file eframe keeps the settings and the window's state in: `window.ron` in the data
/// folder ([`crate::paths::data_dir`], which `EMV_DOCTOR_DATA_DIR` overrides).
pub fn persistence_path() -> Option<PathBuf> {
    crate::paths::data_dir().map(|d| d.join("window.ron"))
}

/// The desktop id: the Wayland app id and X11 class, matching the `.desktop` file and the
/// AppStream id the Debian package installs.
pub const APP_ID: &str = "org.emvdoctor.EmvDoctor";

/// The app icon (rendered from `assets/icons/emv-doctor.svg` by `scripts/make-icons.sh`).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/emv-doctor-256.png");

/// Opens the main window and runs until it is closed. `lang` is the language asked for on the
/// command line (`None`: saved setting, then system locale); `file` a report to open at start.
pub fn run(lang: Option<Lang>, file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let mut viewport = eframe::egui::ViewportBuilder::default()
        .with_title("EMV Doctor")
        .with_app_id(APP_ID)
        .with_inner_size([1024.0, 720.0])
        .with_min_inner_size([640.0, 480.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        // The window's state lives with the rest of EMV Doctor's data, so nothing is written
        // outside the data folder.
        persistence_path: persistence_path(),
        ..Default::default()
    };
    eframe::run_native(
        "EMV Doctor",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, AppOptions::new(lang, file))))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
