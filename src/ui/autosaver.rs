//! Writes the session report to its autosave file on a background thread, so a slow disk never
//! stalls the window. Every change is sent here; when several arrive while a write is running,
//! only the newest is written next.

use crate::report::Report;
use crate::report::store::SaveError;
use crate::report::store::autosave::Autosave;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

/// The autosave writer thread.
pub struct Autosaver {
    tx: Option<Sender<Report>>,
    errors: Receiver<SaveError>,
    thread: Option<JoinHandle<Autosave>>,
}

impl Autosaver {
    /// Starts writing to `autosave`.
    pub fn spawn(autosave: Autosave) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel::<Report>();
        let (err_tx, errors) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("emv-autosave".to_owned())
            .spawn(move || {
                while let Ok(mut report) = rx.recv() {
                    while let Ok(newer) = rx.try_recv() {
                        report = newer;
                    }
                    if let Err(e) = autosave.save(&report) {
                        let _ = err_tx.send(e);
                    }
                }
                autosave
            })?;
        Ok(Autosaver {
            tx: Some(tx),
            errors,
            thread: Some(thread),
        })
    }

    /// Queues the current state for writing.
    pub fn save(&self, report: &Report) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(report.clone());
        }
    }

    /// A write that failed since the last call.
    pub fn take_error(&self) -> Option<SaveError> {
        self.errors.try_recv().ok()
    }

    /// Writes what is queued, stops the thread, and removes the autosave: the session was
    /// saved or closed on purpose.
    pub fn finish(mut self) {
        if let Some(autosave) = self.stop() {
            let _ = autosave.finish();
        }
    }

    fn stop(&mut self) -> Option<Autosave> {
        self.tx = None;
        self.thread.take().and_then(|t| t.join().ok())
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        self.stop();
    }
}
