//! The start page, the first thing a shop owner sees: what EMV Doctor found on this computer
//! (card service, readers, card, network) in words, one big "Start" into the main guide, the
//! other ways in, the restore offer after a crash, and the recent reports.

use super::super::app::UiCommand;
use super::super::settings::Tab;
use super::super::state::{AppState, ServiceState};
use super::super::status_bar::{self, StatusItem};
use super::super::{text as t, theme};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::localtime::{self, Style};
use crate::net::interfaces::InterfaceKind;
use crate::system::SystemKind;
use eframe::egui;

/// The guide the big button starts.
pub const MAIN_GUIDE: &str = "emv-error";
/// The guide for staff practice.
pub const TRAINING_GUIDE: &str = "staff-training";
/// The guide for a reader that is not found.
pub const READER_GUIDE: &str = "reader-setup";

/// The start page (no local state).
#[derive(Default)]
pub struct StartPanel {}

impl StartPanel {
    /// Draws the page and collects what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
        let lang = state.lang;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add(egui::Label::new(egui::RichText::new(t::TAGLINE.get(lang)).weak()).wrap());
                ui.add_space(6.0);
                detected_ui(ui, state, cmds);
                super::guide::skipped_guides_ui(ui, state);
                if state.pending_restore.is_some() {
                    ui.add_space(8.0);
                    restore_ui(ui, state, cmds);
                }
                ui.add_space(10.0);
                let width = ui.available_width().min(640.0);
                let start = egui::Button::new(
                    egui::RichText::new(t::START_MAIN.get(lang))
                        .size(28.0)
                        .strong()
                        .color(egui::Color32::WHITE),
                )
                .fill(theme::ACCENT)
                .min_size(egui::vec2(width, 64.0));
                if ui
                    .add(start)
                    .on_hover_text(t::START_MAIN_HINT.get(lang))
                    .clicked()
                {
                    cmds.push(UiCommand::StartGuide(MAIN_GUIDE.to_owned()));
                }
                ui.add(
                    egui::Label::new(egui::RichText::new(t::START_MAIN_HINT.get(lang)).weak())
                        .wrap(),
                );
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    let big = |label: &str| {
                        egui::Button::new(egui::RichText::new(label).size(19.0))
                            .min_size(egui::vec2(150.0, 44.0))
                    };
                    if ui.add(big(t::START_CARD.get(lang))).clicked() {
                        cmds.push(UiCommand::ShowTab(Tab::Card));
                    }
                    if ui.add(big(t::START_NETWORK.get(lang))).clicked() {
                        cmds.push(UiCommand::ShowTab(Tab::Network));
                    }
                    if ui.add(big(t::START_OPEN.get(lang))).clicked() {
                        cmds.push(UiCommand::OpenReport);
                    }
                    if ui
                        .add(big(t::START_TRAINING.get(lang)))
                        .on_hover_text(t::START_TRAINING_HINT.get(lang))
                        .clicked()
                    {
                        cmds.push(UiCommand::StartTraining);
                    }
                });
                recent_ui(ui, state, cmds);
            });
    }
}

/// What was found on this computer, each in words; with no card service, what to do about it
/// on this system, and the ways forward that need no reader.
fn detected_ui(ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
    let lang = state.lang;
    let mut items = status_bar::card_items(state);
    items.push(network_item(state));
    let worst = items
        .iter()
        .map(|i| i.severity)
        .max()
        .unwrap_or(Severity::Info);
    egui::Frame::new()
        .fill(theme::severity_fill(worst))
        .inner_margin(12.0)
        .corner_radius(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(t::START_FOUND.get(lang)).strong());
            ui.horizontal_wrapped(|ui| {
                for item in &items {
                    status_bar::item_ui(ui, item);
                    ui.add_space(8.0);
                }
            });
            if state.card.service == ServiceState::Unavailable {
                ui.add(egui::Label::new(no_service_text(state)).wrap());
                ui.horizontal_wrapped(|ui| {
                    if ui.button(t::CARD_READER_GUIDE.get(lang)).clicked() {
                        cmds.push(UiCommand::StartGuide(READER_GUIDE.to_owned()));
                    }
                    if ui.button(t::START_TRAINING.get(lang)).clicked() {
                        cmds.push(UiCommand::StartTraining);
                    }
                });
            } else if state.card.service == ServiceState::Running && state.card.readers.is_empty() {
                ui.add(egui::Label::new(t::START_PLUG_READER.get(lang)).wrap());
                if ui.button(t::CARD_READER_GUIDE.get(lang)).clicked() {
                    cmds.push(UiCommand::StartGuide(READER_GUIDE.to_owned()));
                }
            }
        });
}

/// What to do about a stopped card service, for the system this computer runs.
pub fn no_service_text(state: &AppState) -> String {
    let lang = state.lang;
    let text = match state.system.kind {
        SystemKind::Windows => t::START_NO_SERVICE_WINDOWS,
        SystemKind::MacOs => t::START_NO_SERVICE_MAC,
        SystemKind::Linux => t::START_NO_SERVICE_LINUX,
    };
    text.get(lang).replace("{system}", &state.system.name)
}

/// Whether this computer is on a network, from the interface list.
pub fn network_item(state: &AppState) -> StatusItem {
    let lang = state.lang;
    let Some(list) = &state.net.interfaces else {
        return StatusItem {
            severity: Severity::Info,
            text: t::START_NET_LOOKING.get(lang).to_owned(),
        };
    };
    let online = list
        .iter()
        .filter(|i| i.kind != InterfaceKind::Loopback && i.up != Some(false))
        .find(|i| i.default_route);
    match online {
        Some(i) => StatusItem {
            severity: Severity::Ok,
            text: match i.kind {
                InterfaceKind::Wireless => t::START_NET_WIFI.get(lang),
                _ => t::START_NET_OK.get(lang),
            }
            .to_owned(),
        },
        None => StatusItem {
            severity: Severity::Error,
            text: t::START_NET_NONE.get(lang).to_owned(),
        },
    }
}

fn restore_ui(ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
    let lang = state.lang;
    let Some(pending) = &state.pending_restore else {
        return;
    };
    let when = localtime::format(
        &localtime::local(&pending.loaded.report.updated),
        Style::DateTime,
    );
    egui::Frame::new()
        .fill(theme::severity_fill(Severity::Warning))
        .inner_margin(12.0)
        .corner_radius(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let (title, text) = if state.discard_prompt {
                (t::DISCARD_TITLE, t::DISCARD_TEXT)
            } else {
                (t::RESTORE_TITLE, t::RESTORE_TEXT)
            };
            ui.label(egui::RichText::new(title.get(lang)).strong().size(20.0));
            ui.add(egui::Label::new(text.get(lang).replace("{when}", &when)).wrap());
            ui.horizontal_wrapped(|ui| {
                if state.discard_prompt {
                    if ui
                        .button(egui::RichText::new(t::DISCARD_BACK.get(lang)).strong())
                        .clicked()
                    {
                        cmds.push(UiCommand::CancelDiscard);
                    }
                    if ui.button(t::DISCARD_YES.get(lang)).clicked() {
                        cmds.push(UiCommand::DiscardAutosave);
                    }
                    return;
                }
                if ui
                    .button(egui::RichText::new(t::RESTORE_YES.get(lang)).strong())
                    .clicked()
                {
                    cmds.push(UiCommand::RestoreAutosave);
                }
                if ui.button(t::RESTORE_NO.get(lang)).clicked() {
                    cmds.push(UiCommand::DiscardAutosave);
                }
            });
        });
}

fn recent_ui(ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
    let lang: Lang = state.lang;
    if state.recent.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.heading(t::START_RECENT.get(lang));
    for path in &state.recent {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let name = name
            .strip_suffix(&format!(".{}", crate::report::store::EXTENSION))
            .map(str::to_owned)
            .unwrap_or(name);
        ui.horizontal_wrapped(|ui| {
            if ui
                .link(egui::RichText::new(name).size(17.0))
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                cmds.push(UiCommand::OpenRecent(path.clone()));
            }
        });
    }
}
