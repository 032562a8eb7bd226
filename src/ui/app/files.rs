//! Saving, exporting and opening reports, and closing the window without losing work. File
//! dialogs and disk writes run on a background task; the window stays live and shows the outcome
//! as a notice. The autosave is removed only after a save that succeeded.

use super::App;
use crate::finding::Severity;
use crate::monitor::MonitorReport;
use crate::report::Report;
use crate::report::export::{self, ExportOptions, Format};
use crate::report::store::{self, Loaded, OpenError, SaveError};
use crate::ui::settings::Settings;
use crate::ui::task::Task;
use crate::ui::text as t;
use eframe::egui;
use std::path::PathBuf;

/// The answer to "save your changes before closing?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseAnswer {
    /// Save, then close (stay open if the save fails).
    Save,
    /// Close without saving.
    Discard,
    /// Stay open.
    Cancel,
}

/// What a file job gave.
pub(super) enum FileDone {
    /// Saved to this path; `close` when the window closes next.
    Saved {
        path: PathBuf,
        close: bool,
        /// The report as saved, to tell whether it changed meanwhile.
        saved: Box<Report>,
    },
    /// Exported to this path.
    Exported(PathBuf),
    /// Read from this path.
    Opened(PathBuf, Box<Loaded>),
    /// The user cancelled the dialog.
    Cancelled,
    /// Saving or exporting failed.
    SaveFailed(SaveError),
    /// Opening failed.
    OpenFailed(OpenError),
    /// The summary picture could not be drawn.
    PictureFailed(crate::report::picture::PictureError),
}

/// What reading a transaction export gave: the analysis, or why not in words; `None` when the
/// user cancelled the dialog.
pub(super) type Analysed = Option<Result<MonitorReport, String>>;

const EXPORT_FAILED: crate::i18n::Text =
    crate::i18n::Text::new("Could not read this export:", "无法读取这个交易明细：");
const EXPORT_ADDED: crate::i18n::Text = crate::i18n::Text::new(
    "The transaction export was analysed and added to the report",
    "交易明细已分析，并加入诊断报告",
);

/// A file name for saving or exporting `report`, e.g. `emv-doctor-2025-03-01-0930.html`.
fn default_name(report: &Report, extension: &str) -> String {
    format!(
        "emv-doctor-{}.{extension}",
        report.created.format("%Y-%m-%d-%H%M")
    )
}

impl App {
    /// Asks for a transaction export and analyses it off the UI thread (the same
    /// `monitor::analyze_file` as `emv-doctor log analyze`, with the mappings saved there).
    pub(super) fn analyze_export(&mut self, ctx: &egui::Context) {
        if self.monitor_task.is_some() {
            return;
        }
        let dialogs = self.dialogs.clone();
        let maps_dir = self
            .autosave_dir
            .as_deref()
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_path_buf);
        let lang = self.state.lang;
        self.state.monitor_busy = true;
        self.state.monitor_error = None;
        self.monitor_task = Some(Task::spawn("emv-monitor", ctx, move || {
            let path = dialogs.open_export()?;
            Some(
                crate::monitor::analyze_file(&path, None, maps_dir.as_deref())
                    .map(|(report, _)| report)
                    .map_err(|e| {
                        let why = crate::i18n::error_chain(&e);
                        format!("{} {why}", EXPORT_FAILED.get(lang))
                    }),
            )
        }));
    }

    /// Takes in a finished analysis: it joins the report and shows on the page.
    pub(super) fn drain_monitor(&mut self) {
        let Some(task) = &self.monitor_task else {
            return;
        };
        let Some(done) = task.poll() else {
            return;
        };
        self.monitor_task = None;
        self.state.monitor_busy = false;
        match done.flatten() {
            Some(Ok(report)) => {
                self.state.report.add_monitoring(super::now(), report);
                self.report_changed = true;
                let lang = self.state.lang;
                self.notify(Severity::Ok, EXPORT_ADDED.get(lang).to_owned());
            }
            Some(Err(message)) => self.state.monitor_error = Some(message),
            None => {}
        }
    }

    fn spawn_file_job(
        &mut self,
        ctx: &egui::Context,
        job: impl FnOnce() -> FileDone + Send + 'static,
    ) {
        if self.file_task.is_some() {
            return;
        }
        self.state.file_busy = true;
        self.file_task = Some(Task::spawn("emv-file", ctx, job));
    }

    /// Saves the report where it was saved before, or where the user says.
    pub(super) fn save_report(&mut self, ctx: &egui::Context, close: bool) {
        let report = self.state.report.clone();
        let known = self.state.report_path.clone();
        let dialogs = self.dialogs.clone();
        self.spawn_file_job(ctx, move || {
            let name = default_name(&report, store::EXTENSION);
            let Some(path) = known.or_else(|| dialogs.save_as(&name, store::EXTENSION)) else {
                return FileDone::Cancelled;
            };
            match store::save(&report, &path) {
                Ok(()) => FileDone::Saved {
                    path,
                    close,
                    saved: Box::new(report),
                },
                Err(e) => FileDone::SaveFailed(e),
            }
        });
    }

    /// How exports are made now: the window's language, shop details as chosen.
    pub(super) fn export_options(&self) -> ExportOptions {
        ExportOptions {
            lang: self.state.lang,
            redact_shop: self.state.redact_shop,
            include_training: self.state.include_training,
        }
    }

    /// Draws the summary picture and saves it where the user says.
    pub(super) fn save_summary_picture(&mut self, ctx: &egui::Context) {
        let summary =
            match crate::report::summary::summary(&self.state.report, &self.export_options()) {
                Ok(s) => s,
                Err(e) => {
                    let lang = self.state.lang;
                    self.notify(Severity::Error, e.message(lang));
                    return;
                }
            };
        let name = default_name(&self.state.report, "png");
        let dialogs = self.dialogs.clone();
        self.spawn_file_job(ctx, move || {
            let Some(path) = dialogs.save_as(&name, "png") else {
                return FileDone::Cancelled;
            };
            let png = match crate::report::picture::render_png(&summary) {
                Ok(png) => png,
                Err(e) => return FileDone::PictureFailed(e),
            };
            match store::atomic::write(&path, &png) {
                Ok(()) => FileDone::Exported(path),
                Err(e) => FileDone::SaveFailed(e),
            }
        });
    }

    /// Exports the report where the user says.
    pub(super) fn export_report(&mut self, ctx: &egui::Context, format: Format) {
        let report = self.state.report.clone();
        let options = self.export_options();
        let dialogs = self.dialogs.clone();
        self.spawn_file_job(ctx, move || {
            let name = default_name(&report, format.extension());
            let Some(path) = dialogs.save_as(&name, format.extension()) else {
                return FileDone::Cancelled;
            };
            let written = export::export(&report, format, &options)
                .map_err(store::SaveError::Gate)
                .and_then(|text| store::atomic::write(&path, text.as_bytes()));
            match written {
                Ok(()) => FileDone::Exported(path),
                Err(e) => FileDone::SaveFailed(e),
            }
        });
    }

    /// Asks which report to open, then opens it.
    pub(super) fn ask_open_report(&mut self, ctx: &egui::Context) {
        let dialogs = self.dialogs.clone();
        self.spawn_file_job(ctx, move || match dialogs.open_report() {
            Some(path) => open_job(path),
            None => FileDone::Cancelled,
        });
    }

    /// Opens the report at `path`.
    pub(super) fn open_report(&mut self, path: PathBuf, ctx: &egui::Context) {
        self.spawn_file_job(ctx, move || open_job(path));
    }

    /// Takes in a finished file job.
    pub(super) fn drain_files(&mut self) {
        let Some(task) = &self.file_task else {
            return;
        };
        let Some(done) = task.poll() else {
            return;
        };
        self.file_task = None;
        self.state.file_busy = false;
        let lang = self.state.lang;
        match done {
            Some(FileDone::Saved { path, close, saved }) => {
                Settings::remember(&mut self.state.recent, &path);
                self.state.report_path = Some(path);
                if *saved == self.state.report {
                    self.state.unsaved = false;
                }
                self.notify(Severity::Ok, t::REPORT_SAVED.get(lang).to_owned());
                if close {
                    self.close_now();
                } else if std::mem::take(&mut self.new_after_save) {
                    self.new_report();
                }
            }
            Some(FileDone::Exported(path)) => self.notify(
                Severity::Ok,
                format!("{} {}", t::REPORT_EXPORTED.get(lang), path.display()),
            ),
            Some(FileDone::Opened(path, loaded)) => {
                Settings::remember(&mut self.state.recent, &path);
                self.load_report(loaded.report);
                self.state.report_path = Some(path);
                self.start_autosave();
            }
            Some(FileDone::Cancelled) => self.new_after_save = false,
            Some(FileDone::PictureFailed(e)) => {
                self.notify(Severity::Error, e.message(lang).to_owned())
            }
            Some(FileDone::SaveFailed(e)) => {
                self.new_after_save = false;
                self.notify(
                    Severity::Error,
                    format!("{} {}", t::REPORT_SAVE_FAILED.get(lang), e.message(lang)),
                )
            }
            Some(FileDone::OpenFailed(e)) => self.notify(
                Severity::Error,
                format!("{} {}", t::REPORT_OPEN_FAILED.get(lang), e.message(lang)),
            ),
            None => self.notify(Severity::Error, t::REPORT_SAVE_FAILED.get(lang).to_owned()),
        }
    }

    /// The window's close button or [`super::UiCommand::RequestClose`]: closes at once when
    /// nothing is unsaved, otherwise asks.
    pub(super) fn request_close(&mut self) {
        if self.close_confirmed {
            return;
        }
        if self.state.unsaved {
            self.state.close_prompt = true;
        } else {
            self.close_now();
        }
    }

    pub(super) fn answer_close(&mut self, ctx: &egui::Context, answer: CloseAnswer) {
        self.state.close_prompt = false;
        match answer {
            CloseAnswer::Save => self.save_report(ctx, true),
            CloseAnswer::Discard => {
                // The user chose to throw the changes away: their autosave goes too.
                self.close_now();
            }
            CloseAnswer::Cancel => {}
        }
    }

    /// Agrees to close: the autosave goes (the report is saved, unchanged, or discarded).
    fn close_now(&mut self) {
        self.close_confirmed = true;
        if let Some(saver) = self.autosaver.take() {
            saver.finish();
        }
    }
}

fn open_job(path: PathBuf) -> FileDone {
    match store::open(&path) {
        Ok(loaded) => FileDone::Opened(path, Box::new(loaded)),
        Err(e) => FileDone::OpenFailed(e),
    }
}
