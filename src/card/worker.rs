//! The card worker: one named thread that owns the PC/SC context, follows readers and cards
//! (`SCardGetStatusChange` with the PnP notification reader) and reports [`CardEvent`]s over a
//! channel, calling a wake callback after each (the GUI passes `request_repaint`). The caller
//! never blocks on a card.
//!
//! A [`CardCommand::Probe`] runs the read-only probe on the worker thread, reporting each step
//! ([`CardEvent::ProbeProgress`]) and then the [`CardReport`] ([`CardEvent::ProbeDone`]).
//!
//! It survives the service going away (REFERENCE.md §6: restarting pcscd invalidates every
//! context): it reports [`CardEvent::ServiceUnavailable`], tries a new context with capped
//! backoff and, once the service is back, reports [`CardEvent::ServiceBack`] and the readers.

use super::pcsc::{self, PcscError, ReaderInfo};
use super::probe::{self, CardReport, ProbeOptions, ProbeStep};
use ::pcsc::{Context, ReaderState, State};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the app asks the worker to do.
#[derive(Debug)]
pub enum CardCommand {
    /// Report the current readers again (a [`CardEvent::ReadersChanged`] even if nothing changed).
    Refresh,
    /// Probe the card in `reader` (its exact name); always answered by a
    /// [`CardEvent::ProbeDone`], whose findings say why when there was nothing to probe.
    Probe {
        /// The reader's name.
        reader: String,
        /// What the probe may do.
        options: ProbeOptions,
    },
    /// Stop the worker.
    Stop,
}

/// What the worker reports.
#[derive(Clone, Debug, PartialEq)]
pub enum CardEvent {
    /// The readers, sorted by name (sent at start, on every change and on [`CardCommand::Refresh`]).
    ReadersChanged(Vec<ReaderInfo>),
    /// A card went into `reader` (or was replaced); `atr` is empty for a card that gave none.
    CardInserted {
        /// The reader's name.
        reader: String,
        /// The card's ATR.
        atr: Vec<u8>,
    },
    /// The card in `reader` was taken out (or its reader unplugged).
    CardRemoved {
        /// The reader's name.
        reader: String,
    },
    /// A probe went one step further.
    ProbeProgress {
        /// The reader being probed.
        reader: String,
        /// The stage, for people.
        stage: probe::Stage,
        /// What is being done, technically (see [`ProbeStep::step`]).
        step: String,
        /// Steps done.
        done: u32,
        /// Steps expected in all.
        total: u32,
    },
    /// A probe finished (or could not start: the report's findings say why).
    ProbeDone(Box<CardReport>),
    /// The PC/SC service is not running (sent once until it is back).
    ServiceUnavailable,
    /// The PC/SC service is running again; the readers follow.
    ServiceBack,
    /// A PC/SC failure that is not one of the above ([`PcscError::message`] says it in words).
    Error(PcscError),
}

/// How long one `SCardGetStatusChange` waits before the loop looks around again.
const WAIT: Duration = Duration::from_secs(1);
/// First and longest pause between tries to reach a stopped service.
const BACKOFF_MIN: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_secs(2);

/// The events channel and the callback that wakes the app after each event.
struct Outbox {
    tx: Sender<CardEvent>,
    wake: Box<dyn Fn() + Send>,
}

impl Outbox {
    fn emit(&self, event: CardEvent) {
        if self.tx.send(event).is_ok() {
            (self.wake)();
        }
    }
}

/// The running worker. Dropping it stops the thread and waits for it.
pub struct CardWorker {
    tx: Option<Sender<CardCommand>>,
    ctx: Arc<Mutex<Option<Context>>>,
    thread: Option<JoinHandle<()>>,
}

impl CardWorker {
    /// Starts the worker thread (`emv-card`). Events arrive on the returned receiver; `wake` is
    /// called after each one.
    pub fn spawn(wake: Box<dyn Fn() + Send>) -> (CardWorker, Receiver<CardEvent>) {
        let (cmd_tx, cmd_rx) = mpsc::channel();
        let (ev_tx, ev_rx) = mpsc::channel();
        let ctx = Arc::new(Mutex::new(None));
        let worker = Worker {
            rx: cmd_rx,
            out: Outbox { tx: ev_tx, wake },
            ctx: Arc::clone(&ctx),
            readers: Vec::new(),
            service_down: false,
        };
        let thread = std::thread::Builder::new()
            .name("emv-card".to_owned())
            .spawn(move || worker.run())
            .ok();
        // Had the thread not started, the event channel is already closed: the app sees that.
        let this = CardWorker {
            tx: Some(cmd_tx),
            ctx,
            thread,
        };
        (this, ev_rx)
    }

    /// Sends a command and wakes the worker if it is waiting for a card event.
    pub fn send(&self, command: CardCommand) {
        if let Some(tx) = &self.tx
            && tx.send(command).is_ok()
        {
            self.interrupt();
        }
    }

    /// Wakes a blocked `SCardGetStatusChange` (`SCardCancel`).
    fn interrupt(&self) {
        if let Ok(guard) = self.ctx.lock()
            && let Some(ctx) = guard.as_ref()
        {
            let _ = ctx.cancel();
        }
    }
}

impl Drop for CardWorker {
    fn drop(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(CardCommand::Stop);
        }
        self.interrupt();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// How a session on one context ended.
enum End {
    Stop,
    ServiceLost,
}

/// The worker thread's state.
struct Worker {
    rx: Receiver<CardCommand>,
    out: Outbox,
    /// The live context, shared so [`CardWorker`] can cancel a wait.
    ctx: Arc<Mutex<Option<Context>>>,
    /// The readers as last reported.
    readers: Vec<ReaderInfo>,
    service_down: bool,
}

impl Worker {
    fn run(mut self) {
        let mut backoff = BACKOFF_MIN;
        loop {
            match pcsc::establish() {
                Ok(ctx) => {
                    backoff = BACKOFF_MIN;
                    if std::mem::take(&mut self.service_down) {
                        self.out.emit(CardEvent::ServiceBack);
                    }
                    self.share(Some(ctx.clone()));
                    let end = self.session(&ctx);
                    self.share(None);
                    match end {
                        End::Stop => return,
                        End::ServiceLost => continue,
                    }
                }
                Err(_) => {
                    if !self.service_down {
                        self.service_down = true;
                        self.out.emit(CardEvent::ServiceUnavailable);
                        self.publish(Vec::new(), false);
                    }
                    match self.rx.recv_timeout(backoff) {
                        Ok(CardCommand::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                        Ok(CardCommand::Refresh) => self.out.emit(CardEvent::ServiceUnavailable),
                        Ok(CardCommand::Probe { reader, .. }) => {
                            self.not_probed(&reader, &PcscError::NoService);
                        }
                        Err(RecvTimeoutError::Timeout) => {}
                    }
                    backoff = (backoff * 2).min(BACKOFF_MAX);
                }
            }
        }
    }

    fn share(&self, ctx: Option<Context>) {
        if let Ok(mut guard) = self.ctx.lock() {
            *guard = ctx;
        }
    }

    /// Follows readers and cards on one context until told to stop or the service goes.
    fn session(&mut self, ctx: &Context) -> End {
        let mut states = vec![ReaderState::new(::pcsc::PNP_NOTIFICATION(), State::UNAWARE)];
        let mut announce = true;
        loop {
            loop {
                match self.rx.try_recv() {
                    Ok(CardCommand::Stop) | Err(TryRecvError::Disconnected) => return End::Stop,
                    Ok(CardCommand::Refresh) => announce = true,
                    Ok(CardCommand::Probe { reader, options }) => self.probe(&reader, &options),
                    Err(TryRecvError::Empty) => break,
                }
            }
            let names = match pcsc::reader_names(ctx) {
                Ok(names) => names,
                Err(e) => match self.failed(ctx, e) {
                    Some(end) => return end,
                    None => continue,
                },
            };
            track(&mut states, &names);
            for s in &mut states {
                s.sync_current_state();
            }
            match ctx.get_status_change(WAIT, &mut states) {
                Ok(()) => {}
                Err(::pcsc::Error::Timeout | ::pcsc::Error::Cancelled) if !announce => continue,
                Err(::pcsc::Error::Timeout | ::pcsc::Error::Cancelled) => {}
                // A reader unplugged between listing and waiting: list again.
                Err(::pcsc::Error::UnknownReader) => continue,
                Err(e) => match self.failed(ctx, e.into()) {
                    Some(end) => return end,
                    None => continue,
                },
            }
            let infos = states
                .iter()
                .filter(|s| s.name() != ::pcsc::PNP_NOTIFICATION() && !is_dead(s))
                .map(ReaderInfo::from_state)
                .collect();
            self.publish(infos, std::mem::take(&mut announce));
        }
    }

    /// Handles a failed PC/SC call: the end of the session if the service went away, otherwise
    /// an [`CardEvent::Error`] and a short pause (`None`: carry on).
    fn failed(&mut self, ctx: &Context, e: PcscError) -> Option<End> {
        if e.is_service_lost() || ctx.is_valid().is_err() {
            return Some(End::ServiceLost);
        }
        self.out.emit(CardEvent::Error(e));
        match self.rx.recv_timeout(BACKOFF_MAX) {
            Ok(CardCommand::Stop) | Err(RecvTimeoutError::Disconnected) => Some(End::Stop),
            Ok(CardCommand::Probe { reader, options }) => {
                self.probe(&reader, &options);
                None
            }
            Ok(CardCommand::Refresh) | Err(RecvTimeoutError::Timeout) => None,
        }
    }

    /// Probes the card in `reader`, reporting progress and the result.
    fn probe(&mut self, reader: &str, options: &ProbeOptions) {
        let out = &self.out;
        let mut progress = |step: ProbeStep| {
            out.emit(CardEvent::ProbeProgress {
                reader: reader.to_owned(),
                stage: step.stage,
                step: step.step,
                done: step.done,
                total: step.total,
            });
        };
        let report = probe::probe_reader(reader, options, &mut progress)
            .unwrap_or_else(|e| probe::unprobed(reader, &e));
        self.out.emit(CardEvent::ProbeDone(Box::new(report)));
    }

    /// Answers a probe that could not start with a report holding the reason as a finding.
    fn not_probed(&self, reader: &str, e: &PcscError) {
        let report = probe::unprobed(reader, e);
        self.out.emit(CardEvent::ProbeDone(Box::new(report)));
    }

    /// Reports what changed since the last report (`force`: the readers even if unchanged).
    fn publish(&mut self, readers: Vec<ReaderInfo>, force: bool) {
        for event in changes(&self.readers, &readers, force) {
            self.out.emit(event);
        }
        self.readers = readers;
    }
}

/// Drops readers that went away and adds new ones (as `UNAWARE`, so the next wait reports them
/// at once), keeping the PnP notification reader.
fn track(states: &mut Vec<ReaderState>, names: &[String]) {
    states.retain(|s| {
        s.name() == ::pcsc::PNP_NOTIFICATION()
            || (!is_dead(s) && names.iter().any(|n| s.name().to_bytes() == n.as_bytes()))
    });
    for name in names {
        if !states
            .iter()
            .any(|s| s.name().to_bytes() == name.as_bytes())
            && let Ok(c) = std::ffi::CString::new(name.as_str())
        {
            states.push(ReaderState::new(c, State::UNAWARE));
        }
    }
    states[1..].sort_by(|a, b| a.name().cmp(b.name()));
}

fn is_dead(s: &ReaderState) -> bool {
    s.event_state().intersects(State::UNKNOWN | State::IGNORE)
}

/// The events that take the app from `old` readers to `new` ones: the reader list (when it
/// changed, or `force`), then each card taken out, put in or swapped.
pub fn changes(old: &[ReaderInfo], new: &[ReaderInfo], force: bool) -> Vec<CardEvent> {
    let mut events = Vec::new();
    if force || old != new {
        events.push(CardEvent::ReadersChanged(new.to_vec()));
    }
    for was in old.iter().filter(|r| r.card_present) {
        let still = new
            .iter()
            .find(|r| r.name == was.name)
            .is_some_and(|r| r.card_present && r.atr == was.atr);
        if !still {
            events.push(CardEvent::CardRemoved {
                reader: was.name.clone(),
            });
        }
    }
    for now in new.iter().filter(|r| r.card_present) {
        let before = old
            .iter()
            .find(|r| r.name == now.name)
            .is_some_and(|r| r.card_present && r.atr == now.atr);
        if !before {
            events.push(CardEvent::CardInserted {
                reader: now.name.clone(),
                atr: now.atr.clone().unwrap_or_default(),
            });
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(name: &str, atr: Option<&[u8]>) -> ReaderInfo {
        ReaderInfo {
            name: name.to_owned(),
            card_present: atr.is_some(),
            atr: atr.map(<[u8]>::to_vec),
        }
    }

    #[test]
    fn changes_follow_insert_remove_and_swap() {
        let empty = [reader("A", None)];
        let visa = [reader("A", Some(&[0x3B, 0x01]))];
        let other = [reader("A", Some(&[0x3B, 0x02]))];
        assert!(changes(&empty, &empty, false).is_empty());
        assert_eq!(
            changes(&empty, &empty, true),
            [CardEvent::ReadersChanged(empty.to_vec())]
        );
        assert_eq!(
            changes(&empty, &visa, false),
            [
                CardEvent::ReadersChanged(visa.to_vec()),
                CardEvent::CardInserted {
                    reader: "A".into(),
                    atr: vec![0x3B, 0x01]
                }
            ]
        );
        assert_eq!(
            changes(&visa, &other, false)[1..],
            [
                CardEvent::CardRemoved { reader: "A".into() },
                CardEvent::CardInserted {
                    reader: "A".into(),
                    atr: vec![0x3B, 0x02]
                }
            ]
        );
        // The reader unplugged with the card in it.
        assert_eq!(
            changes(&visa, &[], false),
            [
                CardEvent::ReadersChanged(Vec::new()),
                CardEvent::CardRemoved { reader: "A".into() }
            ]
        );
    }
}
