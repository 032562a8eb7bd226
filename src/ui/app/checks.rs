//! Guide checks in the window: the request is built by the library (one path with the command
//! line), sent to the same card and network workers the pages use, and its result, tagged with
//! the walk and step, applied only if the walk is still there. Also drains every worker event.

use super::{App, Owner, now};
use crate::card::worker::CardEvent;
use crate::checks::{self, CheckContext, Outcome, Plan};
use crate::finding::Severity;
use crate::guide::Node;
use crate::guide::checks::{CheckRequest, CheckResult};
use crate::net::worker::NetEvent;
use crate::ui::state::{CardSource, CheckTag, NetDone, RunningCheck};
use crate::ui::task::Task;
use crate::ui::text as t;
use eframe::egui;
use std::collections::BTreeMap;

impl App {
    /// Starts the current check node's check with what the user typed for it.
    pub(super) fn start_guide_check(
        &mut self,
        ctx: &egui::Context,
        given: &BTreeMap<String, String>,
    ) {
        if self.state.check.is_some() || self.state.stale_walk.is_some() {
            return;
        }
        let (Some(guide), Some(session), Some(tag)) = (
            self.state.current_guide(),
            &self.state.session,
            self.state.current_tag(),
        ) else {
            return;
        };
        let Ok(Node::Check(node)) = session.current_node(guide) else {
            return;
        };
        let request = match CheckRequest::for_node(node, given) {
            Ok(r) => r,
            Err(unavailable) => return self.apply_check_result(*unavailable),
        };
        let context = CheckContext {
            reader: self.state.card.reader.clone(),
            ntp_server: self.state.net.ntp_server.clone(),
        };
        let plan = match checks::plan(&request, &context) {
            Ok(p) => p,
            Err(unavailable) => return self.apply_check_result(*unavailable),
        };
        let owner = Owner::Check(tag);
        let sent = match plan {
            Plan::Host(opts) => self.send_net(crate::net::NetCommand::Host(opts), owner),
            Plan::Clock(opts) => self.send_net(crate::net::NetCommand::Clock(opts), owner),
            // A guide check is about the customer's card: it always uses a real reader, even
            // while the card page is in training mode.
            Plan::Probe(options) => {
                // The card already in a reader (the chosen one first); else wait for one.
                let card = &self.state.card;
                let with_card = card
                    .readers
                    .iter()
                    .filter(|r| r.card_present)
                    .find(|r| Some(&r.name) == context.reader.as_ref())
                    .or_else(|| card.readers.iter().find(|r| r.card_present))
                    .map(|r| r.name.clone());
                match with_card {
                    Some(reader) => self.send_probe(reader, options, owner),
                    None if self.card.is_some() && !card.readers.is_empty() => {
                        self.state.check = Some(RunningCheck {
                            tag,
                            request,
                            progress: None,
                            waiting_for_card: Some(options),
                        });
                        return;
                    }
                    None => false,
                }
            }
            plan @ (Plan::Readers | Plan::Link | Plan::System) => {
                self.check_task = Some((
                    tag,
                    Task::spawn("emv-guide-check", ctx, move || {
                        checks::execute(plan, &context)
                    }),
                ));
                true
            }
        };
        if sent {
            self.state.check = Some(RunningCheck {
                tag,
                request,
                progress: None,
                waiting_for_card: None,
            });
        } else {
            let reason = match request.id {
                crate::guide::checks::CheckId::CardProbe => t::CHECK_NO_READER,
                _ => t::NET_UNAVAILABLE,
            };
            let result =
                CheckResult::unavailable(request.id.as_str(), request.params, reason.into());
            self.apply_check_result(result);
        }
    }

    /// Stops waiting for the running check: the walk stays on its check node. A network job is
    /// cancelled; a probe finishes on the worker and its late result is dropped.
    pub(super) fn cancel_guide_check(&mut self) {
        let Some(check) = self.state.check.take() else {
            return;
        };
        if self.net_owners.contains(&Owner::Check(check.tag)) {
            self.cancel_net();
        }
        self.check_task = None;
        let lang = self.state.lang;
        self.notify(
            Severity::Info,
            t::GUIDE_CHECK_CANCELLED.get(lang).to_owned(),
        );
    }

    /// Whether a result for `tag` belongs to the running check of the walk as it is now.
    fn is_current(&self, tag: CheckTag) -> bool {
        self.state.check.as_ref().is_some_and(|c| c.tag == tag)
            && self.state.current_tag() == Some(tag)
    }

    /// Finishes the running check tagged `tag` with what its worker gave: the full result goes
    /// into the report, the step's result points at it. A stale one is dropped.
    fn finish_check(&mut self, tag: CheckTag, outcome: Outcome) {
        if !self.is_current(tag) {
            return;
        }
        let Some(check) = self.state.check.take() else {
            return;
        };
        let mut result = checks::finish(&check.request, &outcome);
        if let Outcome::Card(report) = &outcome
            && self.state.card.source == CardSource::Reader
        {
            self.state.card.last = Some((**report).clone());
        }
        result.recorded = checks::record(&mut self.state.report, now(), outcome);
        self.apply_check_result(result);
    }

    fn apply_check_result(&mut self, result: CheckResult) {
        let lang = self.state.lang;
        if let Some(Err(e)) = self
            .state
            .walk_mut()
            .map(|(g, s)| s.apply_check_result(g, result, now()))
        {
            self.notify(Severity::Error, e.message(lang));
        }
        self.sync_walk();
    }

    /// Takes in what the workers and background tasks reported since the last frame.
    pub(super) fn drain(&mut self) {
        if let Some((tag, task)) = &self.check_task
            && let Some(outcome) = task.poll()
        {
            let tag = *tag;
            self.check_task = None;
            match outcome {
                Some(outcome) => self.finish_check(tag, outcome),
                None => self.state.check = None,
            }
        }
        if let Some(task) = &self.training
            && let Some(result) = task.poll()
        {
            self.training = None;
            self.state.card.progress = None;
            if let Some(report) = result {
                if self.state.card.source == CardSource::Training {
                    self.state.card.last = Some(report.clone());
                }
                self.add_training_probe(report);
            }
        }
        self.drain_card();
        self.drain_net();
        self.drain_files();
        self.drain_monitor();
    }

    fn drain_card(&mut self) {
        let events: Vec<_> = match &self.card {
            Some((_, rx)) => rx.try_iter().collect(),
            None => Vec::new(),
        };
        for ev in events {
            let owner = self.card_owners.front().copied();
            match (ev, owner) {
                (CardEvent::ProbeProgress { done, total, .. }, Some(Owner::Check(tag))) => {
                    if let Some(c) = self.state.check.as_mut().filter(|c| c.tag == tag) {
                        c.progress = Some((done, total));
                    }
                }
                (CardEvent::ProbeDone(report), Some(Owner::Check(tag))) => {
                    self.card_owners.pop_front();
                    self.finish_check(tag, Outcome::Card(report));
                }
                (CardEvent::Error(e), _) => {
                    let lang = self.state.lang;
                    self.state.card.progress = None;
                    let text = format!("{} {}", t::CARD_ERROR.get(lang), e.message(lang));
                    self.notify(Severity::Error, text);
                }
                (ev, _) => {
                    if matches!(ev, CardEvent::ProbeDone(_)) {
                        self.card_owners.pop_front();
                    }
                    let inserted = match &ev {
                        CardEvent::CardInserted { reader, .. } => Some(reader.clone()),
                        _ => None,
                    };
                    if let Some(report) = self.state.card.apply(ev) {
                        self.add_probe(report);
                    }
                    if let Some(reader) = inserted {
                        self.card_arrived_for_check(reader);
                    }
                }
            }
        }
    }

    /// A card went in while a card check waited for one: probe it now.
    fn card_arrived_for_check(&mut self, reader: String) {
        let Some(check) = self.state.check.as_mut() else {
            return;
        };
        let Some(options) = check.waiting_for_card.take() else {
            return;
        };
        let tag = check.tag;
        if !self.send_probe(reader, options, Owner::Check(tag)) {
            self.state.check = None;
        }
    }

    fn drain_net(&mut self) {
        let events: Vec<_> = match &self.net {
            Some(w) => std::iter::from_fn(|| w.try_recv()).collect(),
            None => Vec::new(),
        };
        for ev in events {
            let terminal = matches!(
                ev,
                NetEvent::HostDone(_)
                    | NetEvent::ClockDone(_)
                    | NetEvent::InterfacesDone(_)
                    | NetEvent::Cancelled
            );
            let owner = if terminal {
                self.net_owners.pop_front()
            } else {
                self.net_owners.front().copied()
            };
            match (ev, owner) {
                (NetEvent::Progress { attempt, of, .. }, Some(Owner::Check(tag))) => {
                    if let Some(c) = self.state.check.as_mut().filter(|c| c.tag == tag) {
                        c.progress = Some((attempt, of));
                    }
                }
                (NetEvent::HostDone(r), Some(Owner::Check(tag))) => {
                    self.finish_check(tag, Outcome::Host(Box::new(r)));
                }
                (NetEvent::ClockDone(c), Some(Owner::Check(tag))) => {
                    self.finish_check(tag, Outcome::Clock(Box::new(c)));
                }
                (NetEvent::HostStarted { .. } | NetEvent::Cancelled, Some(Owner::Check(_))) => {}
                (ev, _) => {
                    match self.state.net.apply(ev) {
                        Some(NetDone::Host(r)) => {
                            self.state.report.add_host_check(now(), *r);
                        }
                        Some(NetDone::Clock(c)) => {
                            self.state.report.add_clock_check(now(), *c);
                        }
                        None => continue,
                    }
                    self.report_changed = true;
                }
            }
        }
    }
}
