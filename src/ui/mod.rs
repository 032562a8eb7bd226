//! The eframe/egui desktop app. It draws state and sends commands to the workers; it never
//! blocks on a card or the network.

mod app;
mod autosaver;
pub mod dialogs;
pub mod fonts;
mod panels;
pub mod settings;
pub mod state;
pub mod status_bar;
pub mod system;
mod task;
mod text;
mod theme;

pub use app::{App, AppOptions, UiCommand};

use crate::i18n::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the main window and runs until it is closed. `lang` is the language asked for on the
/// command line (`None`: saved setting, then system locale); `file` a report to open at start.
pub fn run(lang: Option<Lang>, file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("EMV Doctor")
            .with_app_id("emv-doctor")
            .with_inner_size([1024.0, 720.0])
            .with_min_inner_size([640.0, 480.0]),
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
