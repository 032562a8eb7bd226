//! Small drawing pieces the pages share: the verdict banner and finding lines (in words for
//! the main view, with codes for technical details).

use super::super::theme;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use eframe::egui;

/// A full-width box on the pale colour of `severity`.
pub fn banner(ui: &mut egui::Ui, severity: Severity, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .fill(theme::severity_fill(severity))
        .inner_margin(12.0)
        .corner_radius(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
}

/// A finding's title with its symbol, in its colour, at `size`.
pub fn finding_title(ui: &mut egui::Ui, lang: Lang, f: &Finding, size: f32) {
    ui.colored_label(
        theme::severity_color(f.severity),
        egui::RichText::new(format!(
            "{} {}",
            theme::severity_symbol(f.severity),
            f.title(lang)
        ))
        .size(size)
        .strong(),
    );
}

/// A large coloured banner with the most severe finding and its one next step.
pub fn verdict_ui(ui: &mut egui::Ui, lang: Lang, f: &Finding) {
    banner(ui, f.severity, |ui| {
        finding_title(ui, lang, f, 24.0);
        ui.add(egui::Label::new(egui::RichText::new(f.advice(lang)).size(18.0)).wrap());
    });
}

/// One finding as a line: symbol, title, advice.
pub fn finding_row(ui: &mut egui::Ui, lang: Lang, f: &Finding) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(
            theme::severity_color(f.severity),
            format!("{} {}", theme::severity_symbol(f.severity), f.title(lang)),
        );
        ui.label(egui::RichText::new(f.advice(lang)).weak());
    });
}

/// One finding for technicians: its code and the facts behind it (technical details only).
pub fn finding_code_row(ui: &mut egui::Ui, lang: Lang, f: &Finding) {
    ui.horizontal_wrapped(|ui| {
        ui.monospace(&f.code);
        ui.label(f.title(lang));
        if let Some(d) = &f.detail {
            ui.label(egui::RichText::new(d).weak().monospace());
        }
    });
}

/// The mark on a practice record (training mode): white on the training banner's purple.
pub fn practice_badge(ui: &mut egui::Ui, lang: Lang) {
    ui.label(
        egui::RichText::new(super::super::text::REPORT_PRACTICE.get(lang))
            .strong()
            .color(egui::Color32::WHITE)
            .background_color(theme::TRAINING_FILL),
    );
}
