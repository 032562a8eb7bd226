//! One piece of blocking work (a guide check, a save) on a named background thread, polled
//! from the UI without blocking: the thread wakes the UI when it is done.

use eframe::egui;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// A result that will arrive from a background thread.
pub struct Task<T> {
    rx: Receiver<T>,
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a thread named `name`; `ctx` is asked to repaint when it finishes.
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                if tx.send(work()).is_ok() {
                    ctx.request_repaint();
                }
            });
        if let Err(e) = spawned {
            log_spawn_failure(name, &e);
        }
        Task { rx }
    }

    /// The result if it has arrived. `Some(None)` means the thread died without one.
    pub fn poll(&self) -> Option<Option<T>> {
        match self.rx.try_recv() {
            Ok(v) => Some(Some(v)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

fn log_spawn_failure(name: &str, e: &std::io::Error) {
    eprintln!("emv-doctor: could not start the {name} thread: {e}");
}
