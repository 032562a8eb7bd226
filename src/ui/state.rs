//! What the window shows: plain data that the worker events update through `apply` methods and
//! the panels read. No egui, no I/O here.

use crate::finding::Severity;
use crate::guide::library::Library;
use crate::guide::{Guide, Session};
use crate::i18n::Lang;
use crate::net::clock::ClockReport;
use crate::net::host::HostReport;
use crate::net::interfaces::Interface;
use crate::net::worker::NetEvent;
use crate::report::Report;
use crate::report::store::autosave::Pending;
use std::path::PathBuf;

/// The network page's state.
#[derive(Clone, Debug, Default)]
pub struct NetState {
    /// A check is running.
    pub busy: bool,
    /// Attempts of the running or last host check, `None` for a failed one.
    pub attempts: Vec<Option<f64>>,
    /// (done, planned) of the running host check.
    pub progress: Option<(u32, u32)>,
    /// The last host check.
    pub host: Option<HostReport>,
    /// The last clock check.
    pub clock: Option<ClockReport>,
    /// The interface list.
    pub interfaces: Option<Vec<Interface>>,
    /// A problem with what was typed.
    pub input_error: Option<String>,
}

/// A finished network check, for the session report.
pub enum NetDone {
    /// A host check.
    Host(HostReport),
    /// A clock check.
    Clock(ClockReport),
}

impl NetState {
    /// Takes in one event from the network worker; returns a finished check for the report.
    pub fn apply(&mut self, event: NetEvent) -> Option<NetDone> {
        match event {
            NetEvent::HostStarted { .. } => {
                self.busy = true;
                self.attempts.clear();
                self.host = None;
            }
            NetEvent::Progress { attempt, of, ms } => {
                self.attempts.push(ms);
                self.progress = Some((attempt, of));
            }
            NetEvent::HostDone(r) => {
                self.busy = false;
                self.progress = None;
                self.host = Some(r.clone());
                return Some(NetDone::Host(r));
            }
            NetEvent::ClockDone(c) => {
                self.busy = false;
                self.clock = Some(c.clone());
                return Some(NetDone::Clock(c));
            }
            NetEvent::InterfacesDone(list) => {
                self.busy = false;
                self.interfaces = Some(list);
            }
            NetEvent::Cancelled => {
                self.busy = false;
                self.progress = None;
            }
        }
        None
    }
}

/// Everything the window shows.
pub struct AppState {
    /// The language of the app.
    pub lang: Lang,
    /// The guides.
    pub library: Library,
    /// The guide walk in progress.
    pub session: Option<Session>,
    /// A guide check is running.
    pub check_running: bool,
    /// The network page.
    pub net: NetState,
    /// The session report everything is recorded in.
    pub report: Report,
    /// The guide walk's index in the report.
    pub walk_index: Option<usize>,
    /// Where the report was last saved or opened from.
    pub report_path: Option<PathBuf>,
    /// Leave shop details out of exports.
    pub redact_shop: bool,
    /// An autosave a crash left behind, offered for restore.
    pub pending_restore: Option<Pending>,
    /// The last thing that went right or wrong, shown at the bottom of the window.
    pub status: Option<(Severity, String)>,
}

impl AppState {
    /// The guide of the walk in progress.
    pub fn current_guide(&self) -> Option<&Guide> {
        self.session
            .as_ref()
            .and_then(|s| self.library.get(&s.guide))
    }
}
