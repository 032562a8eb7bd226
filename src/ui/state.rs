//! What the window shows: plain data that the worker events update through `apply` methods and
//! the panels read. No egui, no I/O here.

use crate::card::pcsc::ReaderInfo;
use crate::card::probe::CardReport;
use crate::card::worker::CardEvent;
use crate::finding::Severity;
use crate::guide::checks::CheckRequest;
use crate::guide::library::Library;
use crate::guide::{Guide, Session};
use crate::i18n::Lang;
use crate::net::clock::{ClockReport, NtpServer};
use crate::net::host::HostReport;
use crate::net::interfaces::Interface;
use crate::net::worker::NetEvent;
use crate::report::Report;
use crate::report::store::autosave::Pending;
use crate::system::SystemInfo;
use chrono::{DateTime, Local};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where the card page reads cards from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CardSource {
    /// A PC/SC reader.
    #[default]
    Reader,
    /// A virtual card from the scenario catalogue (training mode).
    Training,
}

/// The PC/SC service as the card worker last saw it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ServiceState {
    /// No word from the worker yet.
    #[default]
    Starting,
    /// pcscd / the Smart Card service answers.
    Running,
    /// It does not.
    Unavailable,
}

/// A probe in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct ProbeProgress {
    /// What is being read (`None` before the first step).
    pub stage: Option<crate::card::probe::Stage>,
    /// Steps done.
    pub done: u32,
    /// Steps planned.
    pub total: u32,
}

/// The card page's state.
#[derive(Clone, Debug, Default)]
pub struct CardState {
    /// Reader or training.
    pub source: CardSource,
    /// The PC/SC service.
    pub service: ServiceState,
    /// Readers, sorted by name.
    pub readers: Vec<ReaderInfo>,
    /// The reader chosen (the first with a card, else the first, when the user chose none).
    pub reader: Option<String>,
    /// The virtual card chosen in training mode.
    pub scenario: crate::card::sim::scenarios::Scenario,
    /// Skip GET PROCESSING OPTIONS.
    pub no_gpo: bool,
    /// The probe running, if any.
    pub progress: Option<ProbeProgress>,
    /// The last probe's result.
    pub last: Option<CardReport>,
}

impl CardState {
    /// Forgets the last result: the card it was about is gone, or another one is meant now.
    pub fn clear_result(&mut self) {
        if self.source == CardSource::Reader {
            self.last = None;
        }
    }

    /// Switches between a reader and the virtual cards; the old result goes at once.
    pub fn set_source(&mut self, source: CardSource) {
        if self.source != source {
            self.source = source;
            self.last = None;
        }
    }

    /// Uses another reader; the old result goes at once.
    pub fn select_reader(&mut self, name: String) {
        if self.reader.as_deref() != Some(name.as_str()) {
            self.reader = Some(name);
            self.clear_result();
        }
    }

    fn selected_has_no_card(&self) -> bool {
        !self
            .readers
            .iter()
            .any(|r| Some(&r.name) == self.reader.as_ref() && r.card_present)
    }

    /// Takes in one event from the card worker. Returns the finished report, if the event
    /// carried one, so the app can add it to the session report.
    pub fn apply(&mut self, event: CardEvent) -> Option<CardReport> {
        match event {
            CardEvent::ReadersChanged(readers) => {
                self.service = ServiceState::Running;
                self.readers = readers;
                self.readers.sort_by(|a, b| a.name.cmp(&b.name));
                let still_there = self
                    .reader
                    .as_ref()
                    .is_some_and(|r| self.readers.iter().any(|x| &x.name == r));
                if !still_there {
                    self.clear_result();
                    self.reader = self
                        .readers
                        .iter()
                        .find(|r| r.card_present)
                        .or(self.readers.first())
                        .map(|r| r.name.clone());
                }
            }
            CardEvent::CardInserted { reader, atr } => {
                if let Some(r) = self.readers.iter_mut().find(|r| r.name == reader) {
                    r.card_present = true;
                    r.atr = Some(atr);
                }
                // The card just put in is the one the user means, in whichever reader.
                self.reader = Some(reader);
                self.clear_result();
            }
            CardEvent::CardRemoved { reader } => {
                if let Some(r) = self.readers.iter_mut().find(|r| r.name == reader) {
                    r.card_present = false;
                    r.atr = None;
                }
                if self.last.as_ref().is_some_and(|l| l.reader == reader)
                    || self.reader.as_deref() == Some(reader.as_str())
                {
                    self.clear_result();
                }
                if self.selected_has_no_card()
                    && let Some(other) = self.readers.iter().find(|r| r.card_present)
                {
                    self.reader = Some(other.name.clone());
                }
            }
            CardEvent::ProbeProgress {
                stage, done, total, ..
            } => {
                self.progress = Some(ProbeProgress {
                    stage: Some(stage),
                    done,
                    total,
                });
            }
            CardEvent::ProbeDone(report) => {
                self.progress = None;
                // A late answer for another reader or from before a switch to training is
                // recorded in the report but not shown as the current card.
                if self.source == CardSource::Reader
                    && self.reader.as_deref() == Some(report.reader.as_str())
                {
                    self.last = Some((*report).clone());
                }
                return Some(*report);
            }
            CardEvent::ServiceUnavailable => {
                self.service = ServiceState::Unavailable;
                self.readers.clear();
            }
            CardEvent::ServiceBack => self.service = ServiceState::Running,
            CardEvent::Error(_) => self.progress = None,
        }
        None
    }
}

/// Where the autosave stands, for the status bar.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum AutosaveState {
    /// This window does not autosave (tests, no data folder).
    #[default]
    Off,
    /// Autosave is on; nothing was written yet.
    Idle,
    /// The last change was written at this local time.
    Saved(DateTime<Local>),
    /// The last write failed.
    Failed,
}

/// Which walk and which step a guide check was started for; a result for another is stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckTag {
    /// The walk's index in the report.
    pub walk: usize,
    /// How many steps the walk had (the check node is the last).
    pub step: usize,
}

/// A guide check on its way through a worker.
#[derive(Clone, Debug, PartialEq)]
pub struct RunningCheck {
    /// The walk and step it belongs to.
    pub tag: CheckTag,
    /// What was asked.
    pub request: CheckRequest,
    /// (done, planned) steps or connection attempts, once the worker reports them.
    pub progress: Option<(u32, u32)>,
    /// A card check waiting for the card to go into a reader, with what the probe may do.
    pub waiting_for_card: Option<crate::card::probe::ProbeOptions>,
}

/// A line at the bottom of the window that goes away by itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// How good or bad.
    pub severity: Severity,
    /// What happened, in the app's language.
    pub text: String,
    /// When it goes.
    pub until: Instant,
}

impl Notice {
    /// How long a notice stays: errors longer, so they can be read.
    pub fn lifetime(severity: Severity) -> Duration {
        match severity {
            Severity::Error | Severity::Warning => Duration::from_secs(20),
            Severity::Ok | Severity::Info => Duration::from_secs(6),
        }
    }
}

/// Why the walk in the guide page cannot go on (it is shown read-only).
#[derive(Clone, Debug, PartialEq)]
pub struct StaleWalk {
    /// What changed, in the app's language.
    pub reason: String,
}

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
    /// A problem with what was typed, or why the check could not start.
    pub input_error: Option<String>,
    /// A problem with the time server typed.
    pub ntp_error: Option<String>,
    /// The time server the clock checks ask (the page's and the guides').
    pub ntp_server: Option<NtpServer>,
}

/// A finished network check, for the session report.
pub enum NetDone {
    /// A host check.
    Host(Box<HostReport>),
    /// A clock check.
    Clock(Box<ClockReport>),
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
                return Some(NetDone::Host(Box::new(r)));
            }
            NetEvent::ClockDone(c) => {
                self.busy = false;
                self.clock = Some(c.clone());
                return Some(NetDone::Clock(Box::new(c)));
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
    /// The guide check running, if any.
    pub check: Option<RunningCheck>,
    /// Set when the reopened walk does not fit the current guide: shown read-only.
    pub stale_walk: Option<StaleWalk>,
    /// The card page.
    pub card: CardState,
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
    /// Keep practice records (training mode) in exports and summaries, marked as practice.
    pub include_training: bool,
    /// An autosave a crash left behind, offered for restore.
    pub pending_restore: Option<Pending>,
    /// This computer's system, for advice that fits it.
    pub system: SystemInfo,
    /// Reports saved or opened lately, newest first.
    pub recent: Vec<PathBuf>,
    /// Where the autosave stands.
    pub autosave: AutosaveState,
    /// The last thing that went right or wrong, shown at the bottom of the window until it expires.
    pub status: Option<Notice>,
    /// The report changed since it was last saved.
    pub unsaved: bool,
    /// The window is asking whether to save before closing.
    pub close_prompt: bool,
    /// The window is asking whether to save before starting a new session.
    pub new_prompt: bool,
    /// The restore offer asks whether to really delete the unsaved session it offers.
    pub discard_prompt: bool,
    /// A save, export or open is running.
    pub file_busy: bool,
    /// A transaction export is being read and analysed.
    pub monitor_busy: bool,
    /// Why the last transaction export could not be analysed, in the app's language.
    pub monitor_error: Option<String>,
}

impl AppState {
    /// Whether a guide check is running (the walk cannot move meanwhile).
    pub fn check_running(&self) -> bool {
        self.check.is_some()
    }

    /// The tag a check started now would carry.
    pub fn current_tag(&self) -> Option<CheckTag> {
        Some(CheckTag {
            walk: self.walk_index?,
            step: self.session.as_ref()?.steps.len(),
        })
    }

    /// The guide of the walk in progress.
    pub fn current_guide(&self) -> Option<&Guide> {
        self.session
            .as_ref()
            .and_then(|s| self.library.get(&s.guide))
    }

    /// The walk in progress with its guide, to move it on.
    pub fn walk_mut(&mut self) -> Option<(&Guide, &mut Session)> {
        let session = self.session.as_mut()?;
        let guide = self.library.get(&session.guide)?;
        Some((guide, session))
    }

    /// The chosen reader's last known state.
    pub fn selected_reader(&self) -> Option<&ReaderInfo> {
        let name = self.card.reader.as_ref()?;
        self.card.readers.iter().find(|r| &r.name == name)
    }

    /// Whether "Test the card" can run now.
    pub fn can_probe(&self) -> bool {
        match self.card.source {
            CardSource::Training => true,
            CardSource::Reader => self.selected_reader().is_some_and(|r| r.card_present),
        }
    }
}
