//! Running what the user asked for: each [`UiCommand`] changes the state, or hands work to a
//! worker, a background task or the file jobs.

use super::{App, CloseAnswer, Owner, UiCommand, now};
use crate::card::probe::{self, CardReport, ProbeOptions};
use crate::card::worker::CardCommand;
use crate::finding::Severity;
use crate::guide::Session;
use crate::net::clock::ClockOptions;
use crate::net::host::HostOptions;
use crate::net::worker::NetCommand;
use crate::report::Report;
use crate::report::store::autosave;
use crate::report::summary;
use crate::ui::autosaver::Autosaver;
use crate::ui::panels::start::TRAINING_GUIDE;
use crate::ui::settings::{Folder, Tab};
use crate::ui::state::{CardSource, ProbeProgress};
use crate::ui::task::Task;
use crate::ui::text as t;
use eframe::egui;

impl App {
    /// Runs the commands collected this frame; the next frame shows what they changed.
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            ctx.request_repaint();
        }
        for cmd in commands {
            self.run_command(ctx, cmd);
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, cmd: UiCommand) {
        match cmd {
            UiCommand::SetLang(lang) => {
                self.state.lang = lang;
                self.settings.lang = Some(lang);
            }
            UiCommand::ShowTab(tab) => self.settings.tab = tab,
            UiCommand::StartGuide(id) => self.start_guide(&id),
            UiCommand::GuideAnswer(_)
            | UiCommand::GuideBack
            | UiCommand::GuideRestart
            | UiCommand::GuideNote(_) => self.move_walk(cmd),
            UiCommand::RunGuideCheck(given) => self.start_guide_check(ctx, &given),
            UiCommand::CancelGuideCheck => self.cancel_guide_check(),
            UiCommand::CheckHost { target, tls, count } => {
                let mut opts = HostOptions::new(target);
                opts.tls = tls;
                opts.count = count;
                self.send_net(NetCommand::Host(opts), Owner::Page);
            }
            UiCommand::CheckClock(server) => {
                let opts = ClockOptions {
                    server: server.to_string(),
                    ..ClockOptions::default()
                };
                self.state.net.ntp_server = Some(server);
                self.state.net.busy = true;
                self.send_net(NetCommand::Clock(opts), Owner::Page);
            }
            UiCommand::SetNtpServer(server) => self.state.net.ntp_server = Some(server),
            UiCommand::ListInterfaces => {
                self.state.net.busy = true;
                self.send_net(NetCommand::Interfaces, Owner::Page);
            }
            UiCommand::CancelNet => self.cancel_net(),
            UiCommand::Probe => self.probe(ctx),
            UiCommand::SetNoGpo(on) => self.state.card.no_gpo = on,
            UiCommand::SetCardSource(source) => self.state.card.set_source(source),
            UiCommand::SelectReader(name) => self.state.card.select_reader(name),
            UiCommand::SelectScenario(name) => self.state.card.scenario = name,
            UiCommand::SetShop(shop) => {
                self.state.report.set_shop(now(), shop);
                self.report_changed = true;
            }
            UiCommand::ReportNote(text) => match crate::report::check_note(&text) {
                Ok(()) => {
                    self.state.report.add_note(now(), text);
                    self.report_changed = true;
                }
                Err(e) => self.notify(Severity::Error, e.message(self.state.lang)),
            },
            UiCommand::SaveReport => self.save_report(ctx, false),
            UiCommand::OpenReport => self.ask_open_report(ctx),
            UiCommand::ExportReport(format) => self.export_report(ctx, format),
            UiCommand::AnalyzeExport => self.analyze_export(ctx),
            UiCommand::SetRedact(on) => self.state.redact_shop = on,
            UiCommand::SetIncludeTraining(on) => self.state.include_training = on,
            UiCommand::NewReport => {
                if self.state.unsaved {
                    self.state.new_prompt = true;
                } else {
                    self.new_report();
                }
            }
            UiCommand::NewReportAnswer(answer) => {
                self.state.new_prompt = false;
                match answer {
                    CloseAnswer::Save => {
                        self.new_after_save = true;
                        self.save_report(ctx, false);
                    }
                    CloseAnswer::Discard => self.new_report(),
                    CloseAnswer::Cancel => {}
                }
            }
            UiCommand::RestoreAutosave => self.restore_autosave(),
            UiCommand::DiscardAutosave => {
                if !std::mem::replace(&mut self.state.discard_prompt, true) {
                    return;
                }
                self.state.discard_prompt = false;
                if let Some(pending) = self.state.pending_restore.take() {
                    // Declined twice: the old autosave goes; this session starts its own.
                    let _ = autosave::Autosave::resume(&pending).finish();
                }
                self.start_autosave();
            }
            UiCommand::CancelDiscard => self.state.discard_prompt = false,
            UiCommand::CopySummary => {
                let lang = self.state.lang;
                match summary::summary(&self.state.report, &self.export_options()) {
                    Ok(summary) => {
                        ctx.copy_text(summary.text());
                        self.notify(Severity::Ok, t::REPORT_SUMMARY_COPIED.get(lang).to_owned());
                    }
                    Err(e) => self.notify(Severity::Error, e.message(lang)),
                }
            }
            UiCommand::SaveSummaryPicture => self.save_summary_picture(ctx),
            UiCommand::OpenFolder(folder) => self.open_folder(folder),
            UiCommand::SetTheme(theme) => {
                self.settings.theme = theme;
                self.apply_look(ctx);
            }
            UiCommand::SetTextScale(scale) => {
                self.settings.text_scale = scale;
                self.apply_look(ctx);
            }
            UiCommand::RequestClose => self.request_close(),
            UiCommand::Close(answer) => self.answer_close(ctx, answer),
            UiCommand::StartTraining => {
                self.state.card.set_source(CardSource::Training);
                self.start_guide(TRAINING_GUIDE);
            }
            UiCommand::OpenRecent(path) => {
                self.open_report(path, ctx);
                self.settings.tab = Tab::Report;
            }
        }
    }

    /// Closes this session and starts a new one (nothing unsaved, or the user agreed).
    pub(super) fn new_report(&mut self) {
        let lang = self.state.lang;
        self.load_report(Report::new(now(), lang));
        self.state.report_path = None;
        self.start_autosave();
    }

    /// Applies the saved look and text size.
    pub(super) fn apply_look(&self, ctx: &egui::Context) {
        ctx.set_theme(self.settings.theme.preference());
        ctx.set_zoom_factor(self.settings.scale());
    }

    fn open_folder(&mut self, folder: Folder) {
        let lang = self.state.lang;
        let path = match folder {
            Folder::Reports => self.reports_dir.clone(),
            Folder::Data => self.data_dir.clone(),
        };
        let Some(path) = path else {
            return;
        };
        if let Err(e) = crate::ui::file_dialog::open_folder(&path) {
            self.notify(
                Severity::Error,
                format!(
                    "{} {} ({e})",
                    t::OPEN_FOLDER_FAILED.get(lang),
                    path.display()
                ),
            );
        }
    }

    fn start_guide(&mut self, id: &str) {
        let state = &mut self.state;
        if state.check.is_some() {
            return;
        }
        if let Some(guide) = state.library.get(id) {
            let session = Session::start(guide, now());
            // A walk made in training mode, or of the practice guide, is practice.
            let training = state.card.source == CardSource::Training || id == TRAINING_GUIDE;
            let index = if training {
                state
                    .report
                    .add_training_session(now(), guide, session.clone())
            } else {
                state.report.add_session(now(), guide, session.clone())
            };
            state.walk_index = Some(index);
            state.session = Some(session);
            state.stale_walk = None;
            self.settings.tab = Tab::Guide;
            self.report_changed = true;
        }
    }

    /// Answers, goes back, restarts or notes; refused while a check runs or the walk is
    /// read-only.
    fn move_walk(&mut self, cmd: UiCommand) {
        let state = &mut self.state;
        if state.check.is_some() || state.stale_walk.is_some() {
            return;
        }
        let lang = state.lang;
        let result = match cmd {
            UiCommand::GuideAnswer(i) => state.walk_mut().map(|(g, s)| s.answer(g, i, now())),
            UiCommand::GuideBack => state.session.as_mut().map(|s| {
                s.back();
                Ok(())
            }),
            UiCommand::GuideRestart => state.walk_mut().map(|(g, s)| {
                s.restart(g, now());
                Ok(())
            }),
            UiCommand::GuideNote(text) => match crate::report::check_note(&text) {
                Ok(()) => state.session.as_mut().map(|s| {
                    s.add_note(&text, now());
                    Ok(())
                }),
                Err(e) => {
                    let text = e.message(lang);
                    self.notify(Severity::Error, text);
                    return;
                }
            },
            _ => None,
        };
        if let Some(Err(e)) = result {
            self.notify(Severity::Error, e.message(lang));
        }
        self.sync_walk();
    }

    fn restore_autosave(&mut self) {
        let Some(pending) = self.state.pending_restore.take() else {
            return;
        };
        self.load_report(pending.loaded.report.clone());
        // The restored work was never saved by the user.
        self.state.unsaved = true;
        if let Some(old) = self.autosaver.take() {
            old.finish();
        }
        match Autosaver::spawn(autosave::Autosave::resume(&pending)) {
            Ok(saver) => self.autosaver = Some(saver),
            Err(e) => {
                let text = format!("{} ({e})", t::AUTOSAVE_FAILED.get(self.state.lang));
                self.notify(Severity::Warning, text);
            }
        }
    }

    /// Hands a job to the network worker on behalf of `owner`.
    pub(super) fn send_net(&mut self, cmd: NetCommand, owner: Owner) -> bool {
        match &self.net {
            Some(w) => {
                if owner == Owner::Page {
                    self.state.net.input_error = None;
                }
                w.send(cmd);
                self.net_owners.push_back(owner);
                true
            }
            None => {
                self.state.net.busy = false;
                self.state.net.input_error =
                    Some(t::NET_UNAVAILABLE.get(self.state.lang).to_owned());
                false
            }
        }
    }

    /// Stops every network job (the worker answers each with `Cancelled`).
    pub(super) fn cancel_net(&mut self) {
        if let Some(w) = &self.net {
            w.send(NetCommand::Cancel);
        }
    }

    /// Hands a probe of `reader` to the card worker on behalf of `owner`; `false` without a worker.
    pub(super) fn send_probe(
        &mut self,
        reader: String,
        options: ProbeOptions,
        owner: Owner,
    ) -> bool {
        let Some((worker, _)) = &self.card else {
            return false;
        };
        worker.send(CardCommand::Probe { reader, options });
        self.card_owners.push_back(owner);
        true
    }

    fn probe(&mut self, ctx: &egui::Context) {
        let options = ProbeOptions {
            no_gpo: self.state.card.no_gpo,
        };
        match self.state.card.source {
            CardSource::Reader => {
                let Some(reader) = self.state.card.reader.clone() else {
                    return;
                };
                if self.send_probe(reader, options, Owner::Page) {
                    self.state.card.progress = Some(ProbeProgress {
                        stage: None,
                        done: 0,
                        total: 1,
                    });
                }
            }
            CardSource::Training => {
                let scenario = self.state.card.scenario;
                self.state.card.progress = Some(ProbeProgress {
                    stage: None,
                    done: 0,
                    total: 1,
                });
                self.training = Some(Task::spawn("emv-training-probe", ctx, move || {
                    probe::probe_scenario(scenario, &options)
                }));
            }
        }
    }

    /// Records a probe of a card in a reader; returns its index in the report. What the card
    /// page shows is decided by the caller: a late or stale result is recorded but not shown.
    pub(super) fn add_probe(&mut self, report: CardReport) -> usize {
        self.report_changed = true;
        self.state.report.add_probe(now(), report)
    }

    /// Records a practice probe of a virtual card (training mode), marked as practice.
    pub(super) fn add_training_probe(&mut self, report: CardReport) -> usize {
        self.report_changed = true;
        self.state.report.add_training_probe(now(), report)
    }
}
