//! The top-level app: owns the state, the workers and the panels. Split by concern:
//! [`commands`] runs what the user asked for, [`checks`] routes guide checks through the
//! workers, [`files`] saves, exports and opens off the UI thread, [`chrome`] draws the window
//! around the pages (header, tabs, notices, prompts) and is the `eframe::App`.

mod checks;
mod chrome;
mod commands;
mod files;

use super::autosaver::Autosaver;
use super::dialogs::FileDialogs;
use super::file_dialog::{DesktopDialogs, DialogHost, reports_dir};
use super::panels::card::CardPanel;
use super::panels::guide::GuidePanel;
use super::panels::monitoring::MonitoringPanel;
use super::panels::network::NetworkPanel;
use super::panels::report::ReportPanel;
use super::panels::start::StartPanel;
use super::settings::{Settings, Tab};
use super::state::{AppState, AutosaveState, CardState, NetState, Notice};
use super::task::Task;
use super::text as t;
use crate::card::probe::CardReport;
use crate::card::worker::{CardEvent, CardWorker};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::net::clock::NtpServer;
use crate::net::worker::NetWorker;
use crate::report::Report;
use crate::report::export::Format;
use crate::report::model::ShopDetails;
use crate::report::store::{self, autosave};
use chrono::{DateTime, FixedOffset, Local};
use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;

pub use files::CloseAnswer;

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
    /// Run the current check node's check, with what the user typed for the parameters it asks.
    RunGuideCheck(BTreeMap<String, String>),
    /// Stop the running guide check; the walk stays where it was.
    CancelGuideCheck,
    /// Check a payment host.
    CheckHost {
        /// Host and port.
        target: crate::net::host::Target,
        /// With a TLS handshake.
        tls: bool,
        /// Connection attempts.
        count: u32,
    },
    /// Check the clock against this NTP server (it becomes the server guide checks ask too).
    CheckClock(NtpServer),
    /// Ask this NTP server in clock checks from now on.
    SetNtpServer(NtpServer),
    /// List the network interfaces.
    ListInterfaces,
    /// Stop the running network check.
    CancelNet,
    /// Test the card in the chosen reader, or the chosen virtual card.
    Probe,
    /// Skip GET PROCESSING OPTIONS in the next probes.
    SetNoGpo(bool),
    /// Read cards from a reader or from the virtual cards.
    SetCardSource(super::state::CardSource),
    /// Use this reader.
    SelectReader(String),
    /// Use this virtual card.
    SelectScenario(crate::card::sim::scenarios::Scenario),
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
    /// Ask for a transaction export, analyse it and add the analysis to the report.
    AnalyzeExport,
    /// Leave shop details out of exports.
    SetRedact(bool),
    /// Keep practice records (training mode) in exports and summaries.
    SetIncludeTraining(bool),
    /// Close this session and start a new one.
    NewReport,
    /// Restore the autosave a crash left behind.
    RestoreAutosave,
    /// Start afresh instead (asks once more: the unsaved session is deleted).
    DiscardAutosave,
    /// Back from "delete the unfinished session?" to the restore offer.
    CancelDiscard,
    /// Copy the short summary (masked plain text) for a chat or a ticket.
    CopySummary,
    /// Save the summary picture (PNG with a QR code) where the user says.
    SaveSummaryPicture,
    /// The answer to "start a new session?" when the current one has unsaved changes.
    NewReportAnswer(CloseAnswer),
    /// Open a folder in the system's file manager.
    OpenFolder(super::settings::Folder),
    /// Use this look.
    SetTheme(super::settings::ThemeChoice),
    /// Use this text size (1.0–2.0).
    SetTextScale(f32),
    /// Close the window (asks first when there are unsaved changes).
    RequestClose,
    /// The answer to "save before closing?".
    Close(CloseAnswer),
    /// Staff practice: virtual cards and the practice guide.
    StartTraining,
    /// Open a report from the recent list.
    OpenRecent(PathBuf),
}

/// How the app is started; tests change what touches the outside world.
pub struct AppOptions {
    /// Language asked for on the command line (`None`: saved setting, then system locale).
    pub lang: Option<Lang>,
    /// A report to open at start.
    pub file: Option<PathBuf>,
    /// File dialogs, asked from the file worker thread.
    pub dialogs: Box<dyn FileDialogs>,
    /// The window's side of the dialogs drawn in the window, when `dialogs` uses them.
    pub dialog_host: Option<DialogHost>,
    /// Where reports, exports and pictures go by default (Documents/EMV Doctor).
    pub reports_dir: Option<PathBuf>,
    /// EMV Doctor's own data folder, shown on the settings page.
    pub data_dir: Option<PathBuf>,
    /// Where autosaves live (`None`: no autosave).
    pub autosave_dir: Option<PathBuf>,
    /// The user's guide folder, read besides the built-in guides (`None`: built-in only).
    pub guides_dir: Option<PathBuf>,
    /// Watch the PC/SC readers (off in tests that only use virtual cards).
    pub readers: bool,
}

impl AppOptions {
    /// The options of a normal start: the desktop's dialogs (the system's, else drawn in the
    /// window), the folders of [`crate::paths`].
    pub fn new(lang: Option<Lang>, file: Option<PathBuf>) -> Self {
        let reports_dir = reports_dir();
        let (dialogs, host) = DesktopDialogs::new(
            reports_dir.clone().unwrap_or_else(|| PathBuf::from(".")),
            None,
        );
        AppOptions {
            lang,
            file,
            dialogs: Box::new(dialogs),
            dialog_host: Some(host),
            reports_dir,
            data_dir: crate::paths::data_dir(),
            autosave_dir: crate::paths::autosave_dir(),
            guides_dir: crate::paths::guides_dir(),
            readers: true,
        }
    }
}

#[derive(Default)]
struct Panels {
    start: StartPanel,
    card: CardPanel,
    guide: GuidePanel,
    network: NetworkPanel,
    monitoring: MonitoringPanel,
    report: ReportPanel,
    tools: super::panels::tools::ToolsPanel,
}

/// Who asked a worker for a job: a page, or the guide check with this tag. Workers answer each
/// job once and in order, so the front of the queue owns the next answer.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Owner {
    Page,
    Check(super::state::CheckTag),
}

/// The EMV Doctor window.
pub struct App {
    settings: Settings,
    state: AppState,
    panels: Panels,
    commands: Vec<UiCommand>,
    net: Option<NetWorker>,
    net_owners: VecDeque<Owner>,
    card: Option<(CardWorker, Receiver<CardEvent>)>,
    card_owners: VecDeque<Owner>,
    training: Option<Task<CardReport>>,
    check_task: Option<(super::state::CheckTag, Task<crate::checks::Outcome>)>,
    file_task: Option<Task<files::FileDone>>,
    monitor_task: Option<Task<files::Analysed>>,
    dialogs: Arc<dyn FileDialogs>,
    autosave_dir: Option<PathBuf>,
    autosaver: Option<Autosaver>,
    report_changed: bool,
    close_confirmed: bool,
    close_sent: bool,
    dialog_host: Option<DialogHost>,
    reports_dir: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    /// Start a new session once the save under way succeeded.
    new_after_save: bool,
}

fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

impl App {
    /// Builds the app: installs fonts and theme, restores the saved settings, loads the guides
    /// and starts the workers. `lang` from the command line wins over the saved language.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        cc.egui_ctx.set_fonts(super::fonts::bundled());
        super::fonts::install_lazy_fallbacks(&cc.egui_ctx);
        super::theme::install(&cc.egui_ctx);
        let mut settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, Settings::KEY))
            .unwrap_or_default();
        // Every start begins on the start page: what was found, and the way in.
        settings.tab = Tab::Start;
        let recent = settings.recent.clone();
        let lang = options
            .lang
            .or(settings.lang)
            .unwrap_or_else(Lang::from_system);
        let library = crate::guide::library::load_all(options.guides_dir.as_deref());
        let ctx = cc.egui_ctx.clone();
        let net = NetWorker::spawn(Box::new(move || ctx.request_repaint()));
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
                check: None,
                stale_walk: None,
                card: CardState::default(),
                net: NetState::default(),
                report: Report::new(now(), lang),
                walk_index: None,
                report_path: None,
                redact_shop: false,
                include_training: false,
                pending_restore,
                status: None,
                unsaved: false,
                close_prompt: false,
                new_prompt: false,
                discard_prompt: false,
                file_busy: false,
                monitor_busy: false,
                monitor_error: None,
                system: crate::system::SystemInfo::detect(),
                recent,
                autosave: if options.autosave_dir.is_some() {
                    AutosaveState::Idle
                } else {
                    AutosaveState::Off
                },
            },
            panels: Panels::default(),
            commands: Vec::new(),
            net: None,
            net_owners: VecDeque::new(),
            card,
            card_owners: VecDeque::new(),
            training: None,
            check_task: None,
            file_task: None,
            monitor_task: None,
            dialogs: Arc::from(options.dialogs),
            autosave_dir: options.autosave_dir,
            autosaver: None,
            report_changed: false,
            close_confirmed: false,
            close_sent: false,
            dialog_host: options.dialog_host,
            reports_dir: options.reports_dir,
            data_dir: options.data_dir,
            new_after_save: false,
        };
        app.apply_look(&cc.egui_ctx);
        match net {
            Ok(w) => {
                // The start page says whether this computer is on a network.
                w.send(crate::net::worker::NetCommand::Interfaces);
                app.net_owners.push_back(Owner::Page);
                app.net = Some(w);
            }
            Err(e) => app.notify(
                Severity::Warning,
                format!("{} ({e})", t::NET_UNAVAILABLE.get(lang)),
            ),
        }
        if let Some(path) = options.file {
            app.open_report(path, &cc.egui_ctx);
            app.settings.tab = Tab::Report;
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
            Err(e) => {
                let lang = self.state.lang;
                self.notify(
                    Severity::Warning,
                    format!("{} {}", t::AUTOSAVE_FAILED.get(lang), e.message(lang)),
                );
            }
        }
    }

    /// Shows `text` at the bottom of the window for a while.
    fn notify(&mut self, severity: Severity, text: String) {
        self.state.status = Some(Notice {
            severity,
            text,
            until: Instant::now() + Notice::lifetime(severity),
        });
    }

    /// Makes `report` the current session: its last walk continues in the guide page when it
    /// still fits the current guide, and is shown read-only otherwise.
    fn load_report(&mut self, report: Report) {
        let lang = self.state.lang;
        let state = &mut self.state;
        state.check = None;
        state.walk_index = report.guide_walks.len().checked_sub(1);
        state.session = report.guide_walks.last().map(|w| w.session.clone());
        state.stale_walk = state.session.as_ref().and_then(|s| {
            let reason = match state.library.get(&s.guide) {
                Some(guide) => s.check_resume(guide).err()?.message(lang),
                None => t::WALK_GUIDE_MISSING.get(lang).to_owned(),
            };
            Some(super::state::StaleWalk { reason })
        });
        state.report = report;
        state.pending_restore = None;
        state.unsaved = false;
        self.panels.report.reset();
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

    /// Whether the window agreed to close (nothing unsaved, or the user answered).
    pub fn may_close(&self) -> bool {
        self.close_confirmed
    }
}
