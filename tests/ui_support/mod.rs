//! What the window tests share: dialogs that never open, and waiting for background work.

use egui_kittest::Harness;
use emv_doctor::ui::App;
use emv_doctor::ui::dialogs::FileDialogs;
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
#[allow(dead_code)] // not every window test saves
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

/// Steps the window until `done` holds (bounded), like a user watching the screen while a
/// worker finishes; then lets what arrived settle (an animation may still run, so no `run`).
pub fn step_until(h: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
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
