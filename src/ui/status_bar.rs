//! The status bar at the bottom of every page, and the training banner at the top: the card
//! service, the readers, whether a card is in, training mode and the autosave, each said in
//! words with a symbol, never by colour alone.

use super::state::{AppState, AutosaveState, CardSource, ServiceState};
use super::{text as t, theme};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::localtime::{self, Style};
use eframe::egui;

/// One thing the status bar says: how good it is and the words.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusItem {
    /// Good, neutral, worrying or broken.
    pub severity: Severity,
    /// What it says, in the app's language.
    pub text: String,
}

impl StatusItem {
    fn new(severity: Severity, text: impl Into<String>) -> Self {
        StatusItem {
            severity,
            text: text.into(),
        }
    }
}

/// The card service, the readers and the card, in words (shared with the start page).
pub fn card_items(state: &AppState) -> Vec<StatusItem> {
    let lang = state.lang;
    let card = &state.card;
    let service = match card.service {
        ServiceState::Starting => StatusItem::new(Severity::Info, t::SB_SERVICE_STARTING.get(lang)),
        ServiceState::Running => StatusItem::new(Severity::Ok, t::SB_SERVICE_OK.get(lang)),
        ServiceState::Unavailable => StatusItem::new(Severity::Error, t::SB_SERVICE_DOWN.get(lang)),
    };
    let mut items = vec![service];
    if card.service != ServiceState::Running {
        return items;
    }
    items.push(match card.readers.len() {
        0 => StatusItem::new(Severity::Warning, t::SB_NO_READER.get(lang)),
        1 => StatusItem::new(Severity::Ok, t::SB_ONE_READER.get(lang)),
        n => StatusItem::new(
            Severity::Ok,
            t::SB_READERS.get(lang).replace("{n}", &n.to_string()),
        ),
    });
    if !card.readers.is_empty() {
        let cards = card.readers.iter().filter(|r| r.card_present).count();
        items.push(if cards > 0 {
            StatusItem::new(Severity::Ok, t::SB_CARD_IN.get(lang))
        } else {
            StatusItem::new(Severity::Info, t::SB_NO_CARD.get(lang))
        });
    }
    items
}

/// The autosave, in words.
pub fn autosave_item(state: &AppState) -> StatusItem {
    let lang = state.lang;
    match &state.autosave {
        AutosaveState::Off => StatusItem::new(Severity::Info, t::SB_AUTOSAVE_OFF.get(lang)),
        AutosaveState::Idle => StatusItem::new(Severity::Info, t::SB_AUTOSAVE_IDLE.get(lang)),
        AutosaveState::Saved(at) => StatusItem::new(
            Severity::Ok,
            t::SB_AUTOSAVED.get(lang).replace(
                "{time}",
                &localtime::format(&localtime::local(at), Style::Clock),
            ),
        ),
        AutosaveState::Failed => StatusItem::new(Severity::Error, t::SB_AUTOSAVE_FAILED.get(lang)),
    }
}

/// Draws one item: symbol and words in the severity's colour.
pub fn item_ui(ui: &mut egui::Ui, item: &StatusItem) -> egui::Response {
    ui.colored_label(
        theme::severity_color(item.severity),
        format!("{} {}", theme::severity_symbol(item.severity), item.text),
    )
}

/// Draws one item of the bar whole: on a narrow window or at large text the items move to
/// the next line as units instead of breaking mid-word or running off the edge.
fn bar_item_ui(ui: &mut egui::Ui, item: &StatusItem) {
    let text = egui::RichText::new(format!(
        "{} {}",
        theme::severity_symbol(item.severity),
        item.text
    ))
    .color(theme::severity_color(item.severity));
    let fits = ui.fonts_mut(|f| {
        f.layout_no_wrap(
            text.text().to_owned(),
            egui::TextStyle::Body.resolve(ui.style()),
            egui::Color32::PLACEHOLDER,
        )
        .size()
        .x
    }) <= ui.max_rect().width();
    let mode = if fits {
        egui::TextWrapMode::Extend
    } else {
        egui::TextWrapMode::Wrap
    };
    ui.add(egui::Label::new(text).wrap_mode(mode));
}

/// The bar itself: card items, then the autosave, then the last message of the app.
pub fn ui(ui: &mut egui::Ui, state: &AppState) {
    ui.horizontal_wrapped(|ui| {
        for item in card_items(state) {
            bar_item_ui(ui, &item);
            ui.separator();
        }
        if state.card.source == CardSource::Training {
            bar_item_ui(
                ui,
                &StatusItem::new(Severity::Warning, t::SB_TRAINING.get(state.lang)),
            );
            ui.separator();
        }
        bar_item_ui(ui, &autosave_item(state));
        if let Some(notice) = &state.status {
            ui.separator();
            bar_item_ui(ui, &StatusItem::new(notice.severity, notice.text.clone()));
        }
    });
}

/// A wide banner across the top of the window while training mode is on, so a practice
/// result is never taken for a customer's card.
pub fn training_banner(ui: &mut egui::Ui, lang: Lang) {
    egui::Frame::new()
        .fill(theme::TRAINING_FILL)
        .inner_margin(egui::Margin::symmetric(12, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(
                egui::Label::new(
                    egui::RichText::new(t::TRAINING_BANNER.get(lang))
                        .color(egui::Color32::WHITE)
                        .strong()
                        .size(18.0),
                )
                .wrap(),
            );
        });
}
