//! The network worker: runs host, clock and interface checks on a named thread, one at a time,
//! sending progress and results as [`NetEvent`]s and calling a wake callback after each (the GUI
//! passes `request_repaint`), so the UI never blocks and shows each attempt as it happens.
//!
//! `Cancel` stops the running check between attempts and drops the queued ones (each answers
//! [`NetEvent::Cancelled`]). The thread ends when the worker is dropped; `Drop` joins it.

use super::clock::{ClockOptions, ClockReport, check_clock};
use super::host::{HostOptions, HostReport, check_host};
use super::interfaces::{Interface, interfaces};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::thread::JoinHandle;

/// A request to the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum NetCommand {
    /// Check a payment host.
    Host(HostOptions),
    /// Check the clock.
    Clock(ClockOptions),
    /// List the network interfaces.
    Interfaces,
    /// Stop the running check and drop the queued ones.
    Cancel,
}

/// What the worker reports.
// A handful of events per check: boxing the reports would only complicate matching.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum NetEvent {
    /// A host check started.
    HostStarted {
        /// The target, `HOST:PORT`.
        target: String,
    },
    /// One connection attempt finished.
    Progress {
        /// 1-based attempt number.
        attempt: u32,
        /// Attempts planned.
        of: u32,
        /// Its time in ms, `None` when it failed.
        ms: Option<f64>,
    },
    /// A host check finished.
    HostDone(HostReport),
    /// A clock check finished.
    ClockDone(ClockReport),
    /// The interface list.
    InterfacesDone(Vec<Interface>),
    /// A check was cancelled (a partial host result is not reported).
    Cancelled,
}

struct Outbox {
    tx: Sender<NetEvent>,
    wake: Box<dyn Fn() + Send>,
}

impl Outbox {
    fn emit(&self, ev: NetEvent) {
        if self.tx.send(ev).is_ok() {
            (self.wake)();
        }
    }
}

type Job = (NetCommand, Arc<AtomicBool>);

/// A handle on the network worker thread.
pub struct NetWorker {
    jobs: Option<Sender<Job>>,
    events: Receiver<NetEvent>,
    flags: Arc<Mutex<Vec<Weak<AtomicBool>>>>,
    thread: Option<JoinHandle<()>>,
}

impl NetWorker {
    /// Starts the worker thread (`emv-net`). `wake` is called after every event.
    pub fn spawn(wake: Box<dyn Fn() + Send>) -> std::io::Result<Self> {
        let (jobs_tx, jobs_rx) = mpsc::channel::<Job>();
        let (ev_tx, ev_rx) = mpsc::channel();
        let out = Outbox { tx: ev_tx, wake };
        let thread = std::thread::Builder::new()
            .name("emv-net".into())
            .spawn(move || run(&jobs_rx, &out))?;
        Ok(NetWorker {
            jobs: Some(jobs_tx),
            events: ev_rx,
            flags: Arc::new(Mutex::new(Vec::new())),
            thread: Some(thread),
        })
    }

    /// Sends a command. `Cancel` acts at once; the others queue behind the running check.
    pub fn send(&self, cmd: NetCommand) {
        let mut flags = self.flags.lock().unwrap_or_else(|e| e.into_inner());
        if cmd == NetCommand::Cancel {
            for f in flags.drain(..).filter_map(|w| w.upgrade()) {
                f.store(true, Ordering::Relaxed);
            }
            return;
        }
        flags.retain(|w| w.strong_count() > 0);
        let flag = Arc::new(AtomicBool::new(false));
        flags.push(Arc::downgrade(&flag));
        if let Some(tx) = &self.jobs {
            let _ = tx.send((cmd, flag));
        }
    }

    /// The next event, if one is waiting.
    pub fn try_recv(&self) -> Option<NetEvent> {
        self.events.try_recv().ok()
    }

    /// The next event, waiting at most `timeout`.
    pub fn recv_timeout(&self, timeout: std::time::Duration) -> Option<NetEvent> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for NetWorker {
    fn drop(&mut self) {
        self.send(NetCommand::Cancel);
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(jobs: &Receiver<Job>, out: &Outbox) {
    while let Ok((cmd, cancel)) = jobs.recv() {
        if cancel.load(Ordering::Relaxed) {
            out.emit(NetEvent::Cancelled);
            continue;
        }
        match cmd {
            NetCommand::Host(opts) => {
                out.emit(NetEvent::HostStarted {
                    target: opts.target.to_string(),
                });
                let report = check_host(
                    &opts,
                    &mut |p| {
                        out.emit(NetEvent::Progress {
                            attempt: p.attempt,
                            of: p.of,
                            ms: p.ms,
                        })
                    },
                    &cancel,
                );
                out.emit(if report.cancelled {
                    NetEvent::Cancelled
                } else {
                    NetEvent::HostDone(report)
                });
            }
            NetCommand::Clock(opts) => {
                let report = check_clock(&opts);
                out.emit(if cancel.load(Ordering::Relaxed) {
                    NetEvent::Cancelled
                } else {
                    NetEvent::ClockDone(report)
                });
            }
            NetCommand::Interfaces => out.emit(NetEvent::InterfacesDone(interfaces())),
            NetCommand::Cancel => {}
        }
    }
}
