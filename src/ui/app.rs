//! The top-level app: owns the state, the workers and the panels; drains worker events in
//! `logic`, draws in `ui`, and runs the commands the panels collected after the draw.

use super::dialogs::{FileDialogs, NativeDialogs};
use super::panels::guide::GuidePanel;
use super::panels::network::NetworkPanel;
use super::settings::{Settings, Tab};
use super::state::{AppState, NetState};
use super::task::Task;
use super::text as t;
use crate::guide::Session;
use crate::guide::checks::CheckResult;
use crate::i18n::Lang;
use crate::net::clock::ClockOptions;
use crate::net::host::{HostOptions, Target};
use crate::net::worker::{NetCommand, NetWorker};
use chrono::{DateTime, FixedOffset, Local};
use eframe::egui;
use std::collections::BTreeMap;
use std::path::PathBuf;

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
}

/// How the app is started; tests change what touches the outside world.
pub struct AppOptions {
    /// Language asked for on the command line (`None`: saved setting, then system locale).
    pub lang: Option<Lang>,
    /// A report to open at start.
    pub file: Option<PathBuf>,
    /// File dialogs.
    pub dialogs: Box<dyn FileDialogs>,
}

impl AppOptions {
    /// The options of a normal start.
    pub fn new(lang: Option<Lang>, file: Option<PathBuf>) -> Self {
        AppOptions {
            lang,
            file,
            dialogs: Box::new(NativeDialogs),
        }
    }
}

#[derive(Default)]
struct Panels {
    guide: GuidePanel,
    network: NetworkPanel,
}

/// The EMV Doctor window.
pub struct App {
    settings: Settings,
    state: AppState,
    panels: Panels,
    commands: Vec<UiCommand>,
    net: Option<NetWorker>,
    guide_check: Option<Task<CheckResult>>,
    _dialogs: Box<dyn FileDialogs>,
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
        App {
            settings,
            state: AppState {
                lang,
                library,
                session: None,
                check_running: false,
                net: NetState::default(),
            },
            panels: Panels::default(),
            commands: Vec::new(),
            net,
            guide_check: None,
            _dialogs: options.dialogs,
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
        let state = &mut self.state;
        match cmd {
            UiCommand::SetLang(lang) => {
                state.lang = lang;
                self.settings.lang = Some(lang);
            }
            UiCommand::ShowTab(tab) => self.settings.tab = tab,
            UiCommand::StartGuide(id) => {
                if let Some(guide) = state.library.get(&id) {
                    state.session = Some(Session::start(guide, now()));
                    self.settings.tab = Tab::Guide;
                }
            }
            UiCommand::GuideAnswer(i) => {
                if let (Some(guide), Some(session)) = (
                    state
                        .session
                        .as_ref()
                        .and_then(|s| state.library.get(&s.guide)),
                    state.session.as_mut(),
                ) {
                    if let Err(e) = session.answer(guide, i, now()) {
                        eprintln!("emv-doctor: {e}");
                    }
                }
            }
            UiCommand::GuideBack => {
                if let Some(s) = state.session.as_mut() {
                    s.back();
                }
            }
            UiCommand::GuideRestart => {
                if let (Some(guide), Some(session)) = (
                    state
                        .session
                        .as_ref()
                        .and_then(|s| state.library.get(&s.guide)),
                    state.session.as_mut(),
                ) {
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
        self.guide_check = Some(Task::spawn("emv-guide-check", ctx, move || {
            crate::checks::run_check(&id, &params)
        }));
    }

    /// Drains what the background work reported since the last frame.
    fn drain(&mut self) {
        if let Some(task) = &self.guide_check
            && let Some(result) = task.poll()
        {
            self.guide_check = None;
            self.state.check_running = false;
            if let Some(result) = result {
                self.apply_check_result(result);
            }
        }
        let events: Vec<_> = match &self.net {
            Some(w) => std::iter::from_fn(|| w.try_recv()).collect(),
            None => Vec::new(),
        };
        for ev in events {
            self.state.net.apply(ev);
        }
    }

    fn apply_check_result(&mut self, result: CheckResult) {
        let state = &mut self.state;
        if let (Some(guide), Some(session)) = (
            state
                .session
                .as_ref()
                .and_then(|s| state.library.get(&s.guide)),
            state.session.as_mut(),
        ) && let Err(e) = session.apply_check_result(guide, result, now())
        {
            eprintln!("emv-doctor: {e}");
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
        egui::CentralPanel::default().show(ui, |ui| match settings.tab {
            Tab::Guide => panels.guide.ui(ui, state, commands),
            Tab::Network => panels.network.ui(ui, state, commands),
            Tab::Card | Tab::Report => {}
        });
        let ctx = ui.ctx().clone();
        self.run_commands(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::KEY, &self.settings);
    }
}
