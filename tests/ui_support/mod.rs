//! What the window tests share: dialogs that never open or always save to one file, the start
//! options, the window, and waiting for background work.
#![allow(dead_code)]

use egui_kittest::Harness;
use emv_doctor::i18n::Lang;
use emv_doctor::ui::dialogs::FileDialogs;
use emv_doctor::ui::{App, AppOptions};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Dialogs that answer like a user who cancels: tests never open a real one.
pub struct Cancel;

impl FileDialogs for Cancel {
    fn open_report(&self) -> Option<PathBuf> {
        None
    }
    fn open_export(&self) -> Option<PathBuf> {
        None
    }
    fn save_as(&self, _: &str, _: &str) -> Option<PathBuf> {
        None
    }
}

/// Dialogs that save and export to one fixed path.
pub struct SaveTo(pub PathBuf);

impl FileDialogs for SaveTo {
    fn open_report(&self) -> Option<PathBuf> {
        None
    }
    fn open_export(&self) -> Option<PathBuf> {
        None
    }
    fn save_as(&self, _: &str, _: &str) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

/// Options that touch nothing outside the test: in `lang`, dialogs that cancel, no autosave, the
/// built-in guides only, no PC/SC readers. Tests change the fields they need.
pub fn options(lang: Lang) -> AppOptions {
    AppOptions {
        lang: Some(lang),
        file: None,
        dialogs: Box::new(Cancel),
        dialog_host: None,
        reports_dir: None,
        data_dir: None,
        autosave_dir: None,
        guides_dir: None,
        readers: false,
    }
}

/// The window, `size` pixels, started with `options`.
pub fn window(size: [f32; 2], options: AppOptions) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| App::new(cc, options))
}

/// Whether the window sees `reader` with a card in it (`present`) or empty.
pub fn reader_shows(app: &App, reader: &str, present: bool) -> bool {
    app.state()
        .card
        .readers
        .iter()
        .any(|r| r.name == reader && r.card_present == present)
}

/// Steps the window until `done` holds (bounded), like a user watching the screen while a
/// worker finishes; then lets what arrived settle (an animation may still run, so no `run`).
pub fn step_until(h: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    // One frame first: a click is handled, and the work it starts marked busy, in the next frame.
    h.step();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run_steps(8);
}
