//! The top-level app: owns the state, the workers and the panels; drains worker events in
//! `logic`, draws in `ui`, and runs the commands the panels collected after the draw.

use super::autosaver::Autosaver;
use super::dialogs::{FileDialogs, NativeDialogs};
use super::panels::card::CardPanel;
use super::panels::guide::GuidePanel;
use super::panels::network::NetworkPanel;
use super::panels::report::ReportPanel;
use super::settings::{Settings, Tab};
use super::state::{AppState, CardSource, CardState, NetDone, NetState};
use super::task::Task;
use super::text as t;
use crate::card::probe::{self, CardReport, ProbeOptions};
use crate::card::worker::{CardCommand, CardEvent, CardWorker};
use crate::finding::Severity;
use crate::guide::Session;
use crate::guide::checks::CheckResult;
use crate::i18n::Lang;
use crate::net::clock::ClockOptions;
use crate::net::host::{HostOptions, Target};
use crate::net::worker::{NetCommand, NetWorker};
use crate::report::Report;
use crate::report::export::{self, ExportOptions, Format};
use crate::report::model::ShopDetails;
use crate::report::store::{self, autosave};
use chrono::{DateTime, FixedOffset, Local};
use eframe::egui;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

/// Something the user asked for while a frame was drawn; run after the draw.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum UiCommand {
    /// Switch the language of the whole app.
    SetLang(Lang),
    /// Show another page.
    ShowTab(Tab),
    /// Start walking the guide with this id.
    StartGuide(String),
    /// Take the n-th way out of the current guide node.
    GuideAnswer(usize),
    /// Undo the last answer.
    GuideBack,
    /// Walk the guide from the start again.
    GuideRestart,
    /// Add a note to the walk.
    GuideNote(String),
    /// Run the current check node's check, with the parameters the user gave.
    RunGuideCheck(BTreeMap<String, String>),
    /// Check a payment host.
    CheckHost {
        /// Host and port.
        target: Target,
        /// With a TLS handshake.
        tls: bool,
        /// Connection attempts.
        count: u32,
    },
    /// Check the clock against this NTP server.
    CheckClock(String),
    /// List the network interfaces.
    ListInterfaces,
    /// Stop the running network check.
    CancelNet,
    /// Test the card in the chosen reader, or the chosen virtual card.
    Probe,
    /// Skip GET PROCESSING OPTIONS in the next probes.
    SetNoGpo(bool),
    /// Read cards from a reader or from the virtual cards.
    SetCardSource(CardSource),
    /// Use this reader.
    SelectReader(String),
    /// Use this virtual card.
    SelectScenario(String),
    /// Replace the shop and terminal details.
    SetShop(ShopDetails),
    /// Add a free note to the report.
    ReportNote(String),
    /// Save the report (asks where the first time).
    SaveReport,
    /// Open a saved report.
    OpenReport,
    /// Export the report for support.
    ExportReport(Format),
    /// Leave shop details out of exports.
    SetRedact(bool),
    /// Close this session and start a new one.
    NewReport,
    /// Restore the autosave a crash left behind.
    RestoreAutosave,
    /// Start afresh instead.
    DiscardAutosave,
}

/// How the app is started; tests change what touches the outside world.
pub struct AppOptions {
    /// Language asked for on the command line (`None`: saved setting, then system locale).
    pub lang: Option<Lang>,
    /// A report to open at start.
    pub file: Option<PathBuf>,
    /// File dialogs.
    pub dialogs: Box<dyn FileDialogs>,
    /// Where autosaves live (`None`: no autosave).
    pub autosave_dir: Option<PathBuf>,
    /// Watch the PC/SC readers (off in tests that only use virtual cards).
    pub readers: bool,
}

impl AppOptions {
    /// The options of a normal start.
    pub fn new(lang: Option<Lang>, file: Option<PathBuf>) -> Self {
        AppOptions {
            lang,
            file,
            dialogs: Box::new(NativeDialogs),
            autosave_dir: autosave::default_dir(),
            readers: true,
        }
    }
}

#[derive(Default)]
struct Panels {
    card: CardPanel,
    guide: GuidePanel,
    network: NetworkPanel,
    report: ReportPanel,
}

#[derive(PartialEq)]
enum CmdKind {
    Guide,
    Other,
}

/// A file name for saving or exporting `report`: shop and date, e.g. `emv-doctor-2025-03-01.html`.
fn default_name(report: &Report, extension: &str) -> String {
    format!(
        "emv-doctor-{}.{extension}",
        report.created.format("%Y-%m-%d-%H%M")
    )
}

/// The EMV Doctor window.
pub struct App {
    settings: Settings,
    state: AppState,
    panels: Panels,
    commands: Vec<UiCommand>,
    net: Option<NetWorker>,
    card: Option<(CardWorker, Receiver<CardEvent>)>,
    training: Option<Task<Option<CardReport>>>,
    guide_check: Option<Task<(CheckResult, Option<CardReport>)>>,
    dialogs: Box<dyn FileDialogs>,
    autosave_dir: Option<PathBuf>,
    autosaver: Option<Autosaver>,
    report_changed: bool,
}

fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

impl App {
    /// Builds the app: installs fonts and theme, restores the saved settings, loads the guides
    /// and starts the workers. `lang` from the command line wins over the saved language.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        cc.egui_ctx.set_fonts(super::fonts::definitions());
        super::theme::install(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, Settings::KEY))
            .unwrap_or_default();
        let lang = options
            .lang
            .or(settings.lang)
            .unwrap_or_else(Lang::from_system);
        let library = crate::guide::library::load_all(crate::guide::library::user_dir().as_deref());
        let ctx = cc.egui_ctx.clone();
        let net = match NetWorker::spawn(Box::new(move || ctx.request_repaint())) {
            Ok(w) => Some(w),
            Err(e) => {
                eprintln!("emv-doctor: network checks unavailable: {e}");
                None
            }
        };
        let card = options.readers.then(|| {
            let ctx = cc.egui_ctx.clone();
            CardWorker::spawn(Box::new(move || ctx.request_repaint()))
        });
        let pending_restore = options
            .autosave_dir
            .as_deref()
            .and_then(autosave::pending_restore);
        let mut app = App {
            settings,
            state: AppState {
                lang,
                library,
                session: None,
                check_running: false,
                card: CardState {
                    scenario: "visa-t1".to_owned(),
                    ..CardState::default()
                },
                net: NetState::default(),
                report: Report::new(now(), lang),
                walk_index: None,
                report_path: None,
                redact_shop: false,
                pending_restore,
                status: None,
            },
            panels: Panels::default(),
            commands: Vec::new(),
            net,
            card,
            training: None,
            guide_check: None,
            dialogs: options.dialogs,
            autosave_dir: options.autosave_dir,
            autosaver: None,
            report_changed: false,
        };
        if let Some(path) = options.file {
            app.open_report(path);
        }
        app
    }

    /// Starts autosaving the current report into a new file (after a fresh start or an open).
    fn start_autosave(&mut self) {
        if let Some(old) = self.autosaver.take() {
            old.finish();
        }
        let Some(dir) = &self.autosave_dir else {
            return;
        };
        match autosave::Autosave::start(dir, &self.state.report).and_then(|a| {
            Autosaver::spawn(a).map_err(|source| store::SaveError::Io {
                path: dir.clone(),
                source,
            })
        }) {
            Ok(saver) => self.autosaver = Some(saver),
            Err(e) => self.set_status(
                Severity::Warning,
                format!("{} {e:#}", t::AUTOSAVE_FAILED.get(self.state.lang)),
            ),
        }
    }

    fn set_status(&mut self, severity: Severity, text: String) {
        self.state.status = Some((severity, text));
    }

    fn open_report(&mut self, path: PathBuf) {
        match store::open(&path) {
            Ok(loaded) => {
                self.load_report(loaded.report);
                self.state.report_path = Some(path);
                self.start_autosave();
            }
            Err(e) => {
                let msg = format!("{} {e:#}", t::REPORT_OPEN_FAILED.get(self.state.lang));
                self.set_status(Severity::Error, msg);
            }
        }
    }

    /// Makes `report` the current session: its last unfinished walk continues in the guide page.
    fn load_report(&mut self, report: Report) {
        let state = &mut self.state;
        state.walk_index = report.guide_walks.len().checked_sub(1);
        state.session = report.guide_walks.last().map(|w| w.session.clone());
        state.report = report;
        state.pending_restore = None;
        self.panels.report.reset();
    }

    fn save_report(&mut self) {
        let lang = self.state.lang;
        let path = match &self.state.report_path {
            Some(p) => Some(p.clone()),
            None => self.dialogs.save_as(
                &default_name(&self.state.report, store::EXTENSION),
                store::EXTENSION,
            ),
        };
        let Some(path) = path else { return };
        match store::save(&self.state.report, &path) {
            Ok(()) => {
                self.state.report_path = Some(path);
                self.set_status(Severity::Ok, t::REPORT_SAVED.get(lang).to_owned());
            }
            Err(e) => self.set_status(
                Severity::Error,
                format!("{} {e:#}", t::REPORT_SAVE_FAILED.get(lang)),
            ),
        }
    }

    fn export_report(&mut self, format: Format) {
        let lang = self.state.lang;
        let Some(path) = self.dialogs.save_as(
            &default_name(&self.state.report, format.extension()),
            format.extension(),
        ) else {
            return;
        };
        let options = ExportOptions {
            lang,
            redact_shop: self.state.redact_shop,
        };
        let written = export::export(&self.state.report, format, &options)
            .map_err(store::SaveError::Gate)
            .and_then(|text| store::atomic::write(&path, text.as_bytes()));
        match written {
            Ok(()) => self.set_status(
                Severity::Ok,
                format!("{} {}", t::REPORT_EXPORTED.get(lang), path.display()),
            ),
            Err(e) => self.set_status(
                Severity::Error,
                format!("{} {e:#}", t::REPORT_SAVE_FAILED.get(lang)),
            ),
        }
    }

    /// Copies the guide walk into the report after it moved.
    fn sync_walk(&mut self) {
        let state = &mut self.state;
        let (Some(session), Some(index)) = (&state.session, state.walk_index) else {
            return;
        };
        if let Some(guide) = state.library.get(&session.guide) {
            state
                .report
                .update_session(now(), index, guide, session.clone());
            self.report_changed = true;
        }
    }

    /// The language the app is shown in.
    pub fn lang(&self) -> Lang {
        self.state.lang
    }

    /// The page shown.
    pub fn tab(&self) -> Tab {
        self.settings.tab
    }

    /// Queues a command as if the user had asked for it (run after the next frame is drawn).
    pub fn command(&mut self, cmd: UiCommand) {
        self.commands.push(cmd);
    }

    /// Shows another page, as clicking its tab does.
    pub fn show_tab(&mut self, tab: Tab) {
        self.settings.tab = tab;
    }

    /// What the window shows (for tests and the report).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        for cmd in std::mem::take(&mut self.commands) {
            self.run_command(ctx, cmd);
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, cmd: UiCommand) {
        let cmd_kind = if matches!(
            cmd,
            UiCommand::GuideAnswer(_)
                | UiCommand::GuideBack
                | UiCommand::GuideRestart
                | UiCommand::GuideNote(_)
        ) {
            CmdKind::Guide
        } else {
            CmdKind::Other
        };
        let state = &mut self.state;
        match cmd {
            UiCommand::SetLang(lang) => {
                state.lang = lang;
                self.settings.lang = Some(lang);
            }
            UiCommand::ShowTab(tab) => self.settings.tab = tab,
            UiCommand::StartGuide(id) => {
                if let Some(guide) = state.library.get(&id) {
                    let session = Session::start(guide, now());
                    state.walk_index =
                        Some(state.report.add_session(now(), guide, session.clone()));
                    state.session = Some(session);
                    self.settings.tab = Tab::Guide;
                    self.report_changed = true;
                }
            }
            UiCommand::GuideAnswer(i) => {
                if let Some(Err(e)) = state.walk_mut().map(|(g, s)| s.answer(g, i, now())) {
                    state.status = Some((Severity::Error, e.to_string()));
                }
            }
            UiCommand::GuideBack => {
                if let Some(s) = state.session.as_mut() {
                    s.back();
                }
            }
            UiCommand::GuideRestart => {
                if let Some((guide, session)) = state.walk_mut() {
                    session.restart(guide, now());
                }
            }
            UiCommand::GuideNote(text) => {
                if let Some(s) = state.session.as_mut() {
                    s.add_note(&text, now());
                }
            }
            UiCommand::RunGuideCheck(params) => self.start_guide_check(ctx, params),
            UiCommand::CheckHost { target, tls, count } => {
                let mut opts = HostOptions::new(target);
                opts.tls = tls;
                opts.count = count;
                self.send_net(NetCommand::Host(opts));
            }
            UiCommand::CheckClock(server) => {
                let opts = ClockOptions {
                    server,
                    ..ClockOptions::default()
                };
                self.state.net.busy = true;
                self.send_net(NetCommand::Clock(opts));
            }
            UiCommand::ListInterfaces => {
                self.state.net.busy = true;
                self.send_net(NetCommand::Interfaces);
            }
            UiCommand::CancelNet => self.send_net(NetCommand::Cancel),
            UiCommand::Probe => self.probe(ctx),
            UiCommand::SetNoGpo(on) => state.card.no_gpo = on,
            UiCommand::SetCardSource(source) => state.card.source = source,
            UiCommand::SelectReader(name) => state.card.reader = Some(name),
            UiCommand::SelectScenario(name) => state.card.scenario = name,
            UiCommand::SetShop(shop) => {
                state.report.set_shop(now(), shop);
                self.report_changed = true;
            }
            UiCommand::ReportNote(text) => {
                state.report.add_note(now(), text);
                self.report_changed = true;
            }
            UiCommand::SaveReport => self.save_report(),
            UiCommand::OpenReport => {
                if let Some(path) = self.dialogs.open_report() {
                    self.open_report(path);
                }
            }
            UiCommand::ExportReport(format) => self.export_report(format),
            UiCommand::SetRedact(on) => state.redact_shop = on,
            UiCommand::NewReport => {
                let lang = state.lang;
                self.load_report(Report::new(now(), lang));
                self.state.report_path = None;
                self.start_autosave();
            }
            UiCommand::RestoreAutosave => {
                if let Some(pending) = self.state.pending_restore.take() {
                    self.load_report(pending.loaded.report.clone());
                    if let Some(old) = self.autosaver.take() {
                        old.finish();
                    }
                    match Autosaver::spawn(autosave::Autosave::resume(&pending)) {
                        Ok(saver) => self.autosaver = Some(saver),
                        Err(e) => self.set_status(
                            Severity::Warning,
                            format!("{} {e}", t::AUTOSAVE_FAILED.get(self.state.lang)),
                        ),
                    }
                }
            }
            UiCommand::DiscardAutosave => {
                if let Some(pending) = self.state.pending_restore.take() {
                    let _ = autosave::Autosave::resume(&pending).finish();
                }
                self.start_autosave();
            }
        }
        if matches!(cmd_kind, CmdKind::Guide) {
            self.sync_walk();
        }
    }

    fn send_net(&mut self, cmd: NetCommand) {
        match &self.net {
            Some(w) => {
                self.state.net.input_error = None;
                w.send(cmd);
            }
            None => {
                self.state.net.busy = false;
                self.state.net.input_error =
                    Some(t::NET_UNAVAILABLE.get(self.state.lang).to_owned());
            }
        }
    }

    fn probe(&mut self, ctx: &egui::Context) {
        let options = ProbeOptions {
            no_gpo: self.state.card.no_gpo,
        };
        match self.state.card.source {
            CardSource::Reader => {
                let (Some((worker, _)), Some(reader)) =
                    (&self.card, self.state.card.reader.clone())
                else {
                    return;
                };
                self.state.card.progress = Some(super::state::ProbeProgress {
                    step: String::new(),
                    done: 0,
                    total: 1,
                });
                worker.send(CardCommand::Probe { reader, options });
            }
            CardSource::Training => {
                let scenario = self.state.card.scenario.clone();
                self.state.card.progress = Some(super::state::ProbeProgress {
                    step: scenario.clone(),
                    done: 0,
                    total: 1,
                });
                self.training = Some(Task::spawn("emv-training-probe", ctx, move || {
                    probe::probe_scenario(&scenario, &options)
                }));
            }
        }
    }

    fn add_probe(&mut self, report: CardReport) {
        self.state.report.add_probe(now(), report);
        self.report_changed = true;
    }

    fn start_guide_check(&mut self, ctx: &egui::Context, mut params: BTreeMap<String, String>) {
        let Some(guide) = self.state.current_guide() else {
            return;
        };
        let Some(session) = &self.state.session else {
            return;
        };
        let Ok(crate::guide::Node::Check(node)) = session.current_node(guide) else {
            return;
        };
        let id = node.check.clone();
        for (k, v) in &node.params {
            params.entry(k.clone()).or_insert_with(|| v.clone());
        }
        params.retain(|_, v| !v.trim().is_empty());
        self.state.check_running = true;
        // In training mode the card the guide asks about is the chosen virtual card.
        let training = (id == "card.probe" && self.state.card.source == CardSource::Training)
            .then(|| self.state.card.scenario.clone());
        self.guide_check = Some(Task::spawn(
            "emv-guide-check",
            ctx,
            move || match training {
                Some(scenario) => {
                    match probe::probe_scenario(&scenario, &ProbeOptions::default()) {
                        Some(report) => (
                            crate::checks::card_probe_result(&params, report.clone()),
                            Some(report),
                        ),
                        None => (crate::checks::run_check(&id, &params), None),
                    }
                }
                None => (crate::checks::run_check(&id, &params), None),
            },
        ));
    }

    /// Drains what the background work reported since the last frame.
    fn drain(&mut self) {
        if let Some(task) = &self.guide_check
            && let Some(result) = task.poll()
        {
            self.guide_check = None;
            self.state.check_running = false;
            if let Some((result, probed)) = result {
                if let Some(report) = probed {
                    self.state.card.last = Some(report.clone());
                    self.add_probe(report);
                }
                self.apply_check_result(result);
            }
        }
        if let Some(task) = &self.training
            && let Some(result) = task.poll()
        {
            self.training = None;
            self.state.card.progress = None;
            if let Some(Some(report)) = result {
                self.state.card.last = Some(report.clone());
                self.add_probe(report);
            }
        }
        let card_events: Vec<_> = match &self.card {
            Some((_, rx)) => rx.try_iter().collect(),
            None => Vec::new(),
        };
        for ev in card_events {
            if let Some(report) = self.state.card.apply(ev) {
                self.add_probe(report);
            }
        }
        let events: Vec<_> = match &self.net {
            Some(w) => std::iter::from_fn(|| w.try_recv()).collect(),
            None => Vec::new(),
        };
        for ev in events {
            match self.state.net.apply(ev) {
                Some(NetDone::Host(r)) => self.state.report.add_host_check(now(), *r),
                Some(NetDone::Clock(c)) => self.state.report.add_clock_check(now(), *c),
                None => continue,
            }
            self.report_changed = true;
        }
    }

    fn apply_check_result(&mut self, result: CheckResult) {
        let state = &mut self.state;
        if let Some(Err(e)) = state
            .walk_mut()
            .map(|(g, s)| s.apply_check_result(g, result, now()))
        {
            state.status = Some((Severity::Error, e.to_string()));
        }
        self.sync_walk();
    }

    fn restore_prompt(&mut self, ctx: &egui::Context) {
        let lang = self.state.lang;
        let Some(pending) = &self.state.pending_restore else {
            return;
        };
        let when = pending
            .loaded
            .report
            .updated
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let commands = &mut self.commands;
        egui::Modal::new(egui::Id::unique("restore")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading(t::RESTORE_TITLE.get(lang));
            ui.add(egui::Label::new(t::RESTORE_TEXT.get(lang).replace("{when}", &when)).wrap());
            ui.horizontal(|ui| {
                if ui
                    .button(egui::RichText::new(t::RESTORE_YES.get(lang)).strong())
                    .clicked()
                {
                    commands.push(UiCommand::RestoreAutosave);
                }
                if ui.button(t::RESTORE_NO.get(lang)).clicked() {
                    commands.push(UiCommand::DiscardAutosave);
                }
            });
        });
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let (save, open) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::S),
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::O),
            )
        });
        if save {
            self.commands.push(UiCommand::SaveReport);
        }
        if open {
            self.commands.push(UiCommand::OpenReport);
        }
    }

    fn header(&mut self, ui: &mut egui::Ui) {
        let lang = self.state.lang;
        ui.horizontal(|ui| {
            ui.heading(t::APP_NAME.get(lang));
            ui.label(format!("{} {}", t::VERSION.get(lang), crate::VERSION));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut chosen = lang;
                egui::ComboBox::from_label(t::LANGUAGE.get(lang))
                    .selected_text(chosen.native_name())
                    .show_ui(ui, |ui| {
                        for l in Lang::ALL {
                            ui.selectable_value(&mut chosen, l, l.native_name());
                        }
                    });
                if chosen != lang {
                    self.commands.push(UiCommand::SetLang(chosen));
                }
            });
        });
        ui.label(t::TAGLINE.get(lang));
    }

    fn tabs(&mut self, ui: &mut egui::Ui) {
        let lang = self.state.lang;
        ui.horizontal(|ui| {
            for tab in Tab::ALL {
                let label = match tab {
                    Tab::Card => t::TAB_CARD,
                    Tab::Guide => t::TAB_GUIDE,
                    Tab::Network => t::TAB_NETWORK,
                    Tab::Report => t::TAB_REPORT,
                };
                let text = egui::RichText::new(label.get(lang)).size(18.0);
                if ui
                    .selectable_label(self.settings.tab == tab, text)
                    .clicked()
                {
                    self.commands.push(UiCommand::ShowTab(tab));
                }
            }
        });
    }
}

impl eframe::App for App {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("header").show(ui, |ui| {
            ui.add_space(4.0);
            self.header(ui);
            ui.separator();
            self.tabs(ui);
            ui.add_space(2.0);
        });
        let Self {
            state,
            panels,
            commands,
            settings,
            ..
        } = self;
        if let Some((severity, text)) = &state.status {
            egui::Panel::bottom("status").show(ui, |ui| {
                ui.colored_label(
                    super::theme::severity_color(*severity),
                    format!("{} {text}", super::theme::severity_symbol(*severity)),
                );
            });
        }
        egui::CentralPanel::default().show(ui, |ui| match settings.tab {
            Tab::Guide => panels.guide.ui(ui, state, commands),
            Tab::Network => panels.network.ui(ui, state, commands),
            Tab::Report => panels.report.ui(ui, state, commands),
            Tab::Card => panels.card.ui(ui, state, commands),
        });
        let ctx = ui.ctx().clone();
        self.restore_prompt(&ctx);
        self.shortcuts(&ctx);
        self.run_commands(&ctx);
        if std::mem::take(&mut self.report_changed) {
            self.state.report.touch(now());
            if self.autosaver.is_none() && self.state.pending_restore.is_none() {
                self.start_autosave();
            }
            if let Some(saver) = &self.autosaver {
                saver.save(&self.state.report);
                if let Some(e) = saver.take_error() {
                    self.set_status(
                        Severity::Warning,
                        format!("{} {e}", t::AUTOSAVE_FAILED.get(self.state.lang)),
                    );
                }
            }
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A report saved before is saved again and its autosave removed; one never saved keeps
        // its autosave, so the next start offers it back and nothing typed is lost.
        if let Some(saver) = self.autosaver.take()
            && self.state.report_path.is_some()
        {
            self.save_report();
            saver.finish();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::KEY, &self.settings);
    }
}
