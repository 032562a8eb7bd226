//! The window around the pages: header with the language switch, the tabs, the notice line,
//! the restore and close prompts, the keyboard shortcuts; and the `eframe::App` that ties the
//! frame together (drain the workers, draw, run the commands, autosave).

use super::{App, UiCommand, files::CloseAnswer, now};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::ui::panels::settings as settings_page;
use crate::ui::settings::{Folder, Settings, Tab};
use crate::ui::state::{AutosaveState, CardSource};
use crate::ui::status_bar;
use crate::ui::text as t;
use eframe::egui;
use std::time::Instant;

/// Below this width (in points) the header leaves out the version.
const HEADER_NARROW: f32 = 700.0;

/// The widest texture the window asks for (the glyph atlas grows in height up to this).
const MAX_TEXTURE_SIDE: usize = 2048;

impl App {
    /// "Save your changes?" before closing, or before starting a new session.
    fn save_prompts(&mut self, ctx: &egui::Context) {
        if self.state.close_prompt {
            let texts = [
                t::CLOSE_TITLE,
                t::CLOSE_TEXT,
                t::CLOSE_SAVE,
                t::CLOSE_DISCARD,
            ];
            self.save_prompt(ctx, "close", texts, UiCommand::Close);
        } else if self.state.new_prompt {
            let texts = [t::NEW_TITLE, t::NEW_TEXT, t::NEW_SAVE, t::NEW_DISCARD];
            self.save_prompt(ctx, "new-session", texts, UiCommand::NewReportAnswer);
        }
    }

    /// A modal with a title, a text and save / discard / cancel; the answer becomes `answer(…)`.
    fn save_prompt(
        &mut self,
        ctx: &egui::Context,
        id: &str,
        [title, text, save, discard]: [crate::i18n::Text; 4],
        answer: fn(CloseAnswer) -> UiCommand,
    ) {
        let lang = self.state.lang;
        let commands = &mut self.commands;
        let modal = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading(title.get(lang));
            ui.add(egui::Label::new(text.get(lang)).wrap());
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button(egui::RichText::new(save.get(lang)).strong())
                    .clicked()
                {
                    commands.push(answer(CloseAnswer::Save));
                }
                if ui.button(discard.get(lang)).clicked() {
                    commands.push(answer(CloseAnswer::Discard));
                }
                if ui.button(t::CLOSE_CANCEL.get(lang)).clicked() {
                    commands.push(answer(CloseAnswer::Cancel));
                }
            });
        });
        if modal.should_close() {
            commands.push(answer(CloseAnswer::Cancel));
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let (save, open, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::S),
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::O),
                self.state.check.is_some()
                    && i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            )
        });
        if save {
            self.commands.push(UiCommand::SaveReport);
        }
        if open {
            self.commands.push(UiCommand::OpenReport);
        }
        if escape {
            self.commands.push(UiCommand::CancelGuideCheck);
        }
    }

    /// One row (wrapping on a narrow window): the name, the pages, the language. On a narrow
    /// window (or at large text) the version gives its room to the pages; it stays on the
    /// settings page.
    fn header(&mut self, ui: &mut egui::Ui) {
        let lang = self.state.lang;
        let narrow = ui.available_width() < HEADER_NARROW;
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(t::APP_NAME.get(lang))
                    .size(20.0)
                    .strong(),
            );
            if !narrow {
                ui.label(
                    egui::RichText::new(format!("{} {}", t::VERSION.get(lang), crate::VERSION))
                        .small()
                        .weak(),
                );
            }
            ui.separator();
            for tab in Tab::ALL {
                let label = match tab {
                    Tab::Start => t::TAB_START,
                    Tab::Card => t::TAB_CARD,
                    Tab::Guide => t::TAB_GUIDE,
                    Tab::Network => t::TAB_NETWORK,
                    Tab::Report => t::TAB_REPORT,
                    Tab::Monitoring => t::TAB_MONITORING,
                    Tab::Tools => t::TAB_TOOLS,
                    Tab::Settings => t::TAB_SETTINGS,
                };
                let text = egui::RichText::new(label.get(lang)).size(18.0);
                if ui
                    .selectable_label(self.settings.tab == tab, text)
                    .clicked()
                {
                    self.commands.push(UiCommand::ShowTab(tab));
                }
            }
            ui.separator();
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
    }

    /// The status bar, always shown, with the notice until it expires.
    fn status_bar(&mut self, ui: &mut egui::Ui) {
        let now = Instant::now();
        if self.state.status.as_ref().is_some_and(|n| n.until <= now) {
            self.state.status = None;
        }
        if let Some(notice) = &self.state.status {
            ui.ctx().request_repaint_after(notice.until - now);
        }
        let state = &self.state;
        egui::Panel::bottom("status").show(ui, |ui| status_bar::ui(ui, state));
    }

    /// Puts the changes of this frame into the report and its autosave.
    fn autosave(&mut self) {
        if !std::mem::take(&mut self.report_changed) {
            return;
        }
        self.state.unsaved = true;
        self.state.report.touch(now());
        if self.autosaver.is_none() && self.state.pending_restore.is_none() {
            self.start_autosave();
        }
        if let Some(saver) = &self.autosaver {
            saver.save(&self.state.report);
            self.state.autosave = AutosaveState::Saved(chrono::Local::now());
            if let Some(e) = saver.take_error() {
                self.state.autosave = AutosaveState::Failed;
                let lang = self.state.lang;
                self.notify(
                    Severity::Warning,
                    format!("{} {}", t::AUTOSAVE_FAILED.get(lang), e.message(lang)),
                );
            }
        }
    }

    /// Follows the window's close button: closing waits for the user's answer when there are
    /// unsaved changes.
    fn follow_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.commands.push(UiCommand::RequestClose);
        }
        if self.close_confirmed && !self.close_sent {
            self.close_sent = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for App {
    /// Keeps the glyph atlas small: egui makes it as wide as the largest texture the graphics
    /// driver allows (16384 px under Mesa), which costs megabytes for a few hundred glyphs.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        let side = raw_input.max_texture_side.unwrap_or(MAX_TEXTURE_SIDE);
        raw_input.max_texture_side = Some(side.min(MAX_TEXTURE_SIDE));
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain();
        self.follow_close(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self.state.card.source == CardSource::Training {
            egui::Panel::top("training-banner")
                .frame(egui::Frame::new())
                .show(ui, |ui| status_bar::training_banner(ui, self.state.lang));
        }
        egui::Panel::top("header").show(ui, |ui| {
            ui.add_space(2.0);
            self.header(ui);
            ui.add_space(2.0);
        });
        self.status_bar(ui);
        let folders = [
            (Folder::Reports, self.reports_dir.as_deref()),
            (Folder::Data, self.data_dir.as_deref()),
        ];
        let Self {
            state,
            panels,
            commands,
            settings,
            ..
        } = self;
        egui::CentralPanel::default().show(ui, |ui| match settings.tab {
            Tab::Start => panels.start.ui(ui, state, commands),
            Tab::Guide => panels.guide.ui(ui, state, commands),
            Tab::Network => panels.network.ui(ui, state, commands),
            Tab::Report => panels.report.ui(ui, state, commands),
            Tab::Card => panels.card.ui(ui, state, commands),
            Tab::Monitoring => panels.monitoring.ui(ui, state, commands),
            Tab::Tools => panels.tools.ui(ui, state.lang),
            Tab::Settings => settings_page::ui(ui, state.lang, settings, &folders, commands),
        });
        let ctx = ui.ctx().clone();
        if let Some(host) = &mut self.dialog_host {
            host.show(&ctx, self.state.lang);
        }
        self.save_prompts(&ctx);
        self.shortcuts(&ctx);
        self.run_commands(&ctx);
        self.autosave();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.recent = self.state.recent.clone();
        eframe::set_value(storage, Settings::KEY, &self.settings);
    }
}
