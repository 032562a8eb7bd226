//! The top-level app: owns the state, drains worker events in `logic`, draws in `ui`, and runs
//! the commands the panels collected after the draw.

use super::settings::{Settings, Tab};
use super::text as t;
use crate::i18n::Lang;
use eframe::egui;
use std::path::PathBuf;

/// Something the user asked for while a frame was drawn; run after the draw.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum UiCommand {
    /// Switch the language of the whole app.
    SetLang(Lang),
    /// Show another page.
    ShowTab(Tab),
}

/// The EMV Doctor window.
pub struct App {
    settings: Settings,
    lang: Lang,
    commands: Vec<UiCommand>,
}

impl App {
    /// Builds the app: installs the CJK-capable fonts and restores the saved settings.
    /// `lang` from the command line wins over the saved language.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        lang: Option<Lang>,
        _file: Option<PathBuf>,
    ) -> Self {
        cc.egui_ctx.set_fonts(super::fonts::definitions());
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, Settings::KEY))
            .unwrap_or_default();
        let lang = lang.or(settings.lang).unwrap_or_else(Lang::from_system);
        App {
            settings,
            lang,
            commands: Vec::new(),
        }
    }

    /// The language the app is shown in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The page shown.
    pub fn tab(&self) -> Tab {
        self.settings.tab
    }

    fn run_commands(&mut self) {
        for cmd in std::mem::take(&mut self.commands) {
            match cmd {
                UiCommand::SetLang(lang) => {
                    self.lang = lang;
                    self.settings.lang = Some(lang);
                }
                UiCommand::ShowTab(tab) => self.settings.tab = tab,
            }
        }
    }

    fn header(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
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
        let lang = self.lang;
        ui.horizontal(|ui| {
            for tab in Tab::ALL {
                let label = match tab {
                    Tab::Card => t::TAB_CARD,
                    Tab::Guide => t::TAB_GUIDE,
                    Tab::Network => t::TAB_NETWORK,
                    Tab::Report => t::TAB_REPORT,
                };
                if ui
                    .selectable_label(self.settings.tab == tab, label.get(lang))
                    .clicked()
                {
                    self.commands.push(UiCommand::ShowTab(tab));
                }
            }
        });
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("header").show(ui, |ui| {
            self.header(ui);
            ui.separator();
            self.tabs(ui);
        });
        egui::CentralPanel::default().show(ui, |_ui| {});
        self.run_commands();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::KEY, &self.settings);
    }
}
