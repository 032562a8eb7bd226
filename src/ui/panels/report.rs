//! The report page: the verdict, shop and terminal details, notes, what the session holds, and
//! save / open / export.

use super::super::app::UiCommand;
use super::super::settings::Folder;
use super::super::state::AppState;
use super::super::{text as t, theme};
use crate::localtime::{self, Style};
use crate::report::export::Format;
use crate::report::model::{ShopDetails, ShopField};
use crate::report::network::NetResult;
use crate::report::verdict::verdict;
use eframe::egui;

/// What the user is typing on the report page.
#[derive(Default)]
pub struct ReportPanel {
    shop: Option<ShopDetails>,
    note: String,
}

fn field_mut(shop: &mut ShopDetails, field: ShopField) -> &mut Option<String> {
    match field {
        ShopField::ShopName => &mut shop.shop_name,
        ShopField::TerminalMake => &mut shop.terminal_make,
        ShopField::TerminalModel => &mut shop.terminal_model,
        ShopField::TerminalSerial => &mut shop.terminal_serial,
        ShopField::SoftwareVersion => &mut shop.software_version,
        ShopField::FirmwareVersion => &mut shop.firmware_version,
        ShopField::Acquirer => &mut shop.acquirer,
        ShopField::Region => &mut shop.region,
        ShopField::SupportContact => &mut shop.support_contact,
    }
}

impl ReportPanel {
    /// Forgets what was typed, after another report was opened or restored.
    pub fn reset(&mut self) {
        *self = ReportPanel::default();
    }

    /// Draws the page and collects what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
        let lang = state.lang;
        let report = &state.report;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                actions(ui, state, cmds);
                if let Some(path) = &state.report_path {
                    ui.label(
                        egui::RichText::new(format!(
                            "{} {}",
                            t::REPORT_FILE.get(lang),
                            path.display()
                        ))
                        .weak(),
                    );
                }
                ui.add_space(6.0);
                // The verdict as the export and the summary will say it.
                let v = if state.include_training || !report.has_training() {
                    verdict(report, lang)
                } else {
                    verdict(&report.without_training(), lang)
                };
                let sev = v.severity.unwrap_or(crate::finding::Severity::Info);
                egui::Frame::new()
                    .fill(theme::severity_fill(sev))
                    .inner_margin(12.0)
                    .corner_radius(8.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.colored_label(
                            theme::severity_color(sev),
                            egui::RichText::new(&v.what).size(20.0).strong(),
                        );
                        ui.add(egui::Label::new(t::labelled(lang, t::REPORT_NEXT, &v.next)).wrap());
                        ui.add(egui::Label::new(t::labelled(lang, t::REPORT_WHO, &v.who)).wrap());
                    });
                ui.add_space(8.0);
                ui.heading(t::REPORT_CONTENTS.get(lang));
                ui.label(
                    t::REPORT_COUNTS
                        .get(lang)
                        .replace("{probes}", &report.card_probes.len().to_string())
                        .replace("{walks}", &report.guide_walks.len().to_string())
                        .replace("{checks}", &report.net_checks.len().to_string())
                        .replace("{notes}", &report.notes.len().to_string()),
                );
                let practice = report.card_probes.iter().filter(|p| p.training).count()
                    + report.guide_walks.iter().filter(|w| w.training).count();
                if practice > 0 && !state.include_training {
                    ui.label(
                        t::REPORT_PRACTICE_LEFT_OUT
                            .get(lang)
                            .replace("{n}", &practice.to_string()),
                    );
                }
                contents_ui(ui, state);
                ui.add_space(8.0);
                self.notes_ui(ui, state, cmds);
                ui.add_space(8.0);
                self.shop_ui(ui, state, cmds);
            });
    }

    fn shop_ui(&mut self, ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
        let lang = state.lang;
        ui.heading(t::REPORT_SHOP.get(lang));
        let shop = self.shop.get_or_insert_with(|| state.report.shop.clone());
        let mut commit = false;
        egui::Grid::new("shop").num_columns(2).show(ui, |ui| {
            let fields: Vec<ShopField> =
                state.report.shop.fields().iter().map(|(f, _)| *f).collect();
            for field in fields {
                let label = ui.label(field.label().get(lang));
                let slot = field_mut(shop, field);
                let mut text = slot.clone().unwrap_or_default();
                let resp = ui
                    .add(egui::TextEdit::singleline(&mut text).desired_width(360.0))
                    .labelled_by(label.id);
                if resp.changed() {
                    let trimmed = text.trim();
                    *slot = (!trimmed.is_empty()).then(|| text.clone());
                }
                commit |= resp.lost_focus();
                ui.end_row();
            }
        });
        if commit && *shop != state.report.shop {
            cmds.push(UiCommand::SetShop(shop.clone()));
        }
    }

    fn notes_ui(&mut self, ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
        let lang = state.lang;
        ui.heading(t::REPORT_NOTES.get(lang));
        for n in &state.report.notes {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(localtime::format(
                        &localtime::local(&n.at),
                        Style::DateTime,
                    ))
                    .weak()
                    .small(),
                );
                ui.label(&n.text);
            });
        }
        ui.horizontal(|ui| {
            let label = ui.label(t::REPORT_ADD_NOTE.get(lang));
            let resp = ui
                .add(
                    egui::TextEdit::multiline(&mut self.note)
                        .desired_rows(2)
                        .desired_width(420.0),
                )
                .labelled_by(label.id);
            let _ = resp;
            if ui
                .add_enabled(
                    !self.note.trim().is_empty(),
                    egui::Button::new(t::GUIDE_ADD_NOTE.get(lang)),
                )
                .clicked()
            {
                cmds.push(UiCommand::ReportNote(std::mem::take(&mut self.note)));
            }
        });
    }
}

fn actions(ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
    let lang = state.lang;
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(t::REPORT_SAVE.get(lang))
            .on_hover_text("Ctrl+S")
            .clicked()
        {
            cmds.push(UiCommand::SaveReport);
        }
        if ui
            .button(t::REPORT_OPEN.get(lang))
            .on_hover_text("Ctrl+O")
            .clicked()
        {
            cmds.push(UiCommand::OpenReport);
        }
        ui.separator();
        for (format, label) in [
            (Format::Html, t::REPORT_EXPORT_HTML),
            (Format::Markdown, t::REPORT_EXPORT_MD),
            (Format::Json, t::REPORT_EXPORT_JSON),
        ] {
            if ui.button(label.get(lang)).clicked() {
                cmds.push(UiCommand::ExportReport(format));
            }
        }
        if ui.button(t::OPEN_FOLDER.get(lang)).clicked() {
            cmds.push(UiCommand::OpenFolder(Folder::Reports));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(t::REPORT_COPY_SUMMARY.get(lang))
            .on_hover_text(t::REPORT_COPY_SUMMARY_HINT.get(lang))
            .clicked()
        {
            cmds.push(UiCommand::CopySummary);
        }
        if ui
            .button(t::REPORT_SAVE_PICTURE.get(lang))
            .on_hover_text(t::REPORT_SAVE_PICTURE_HINT.get(lang))
            .clicked()
        {
            cmds.push(UiCommand::SaveSummaryPicture);
        }
        ui.separator();
        let mut redact = state.redact_shop;
        if ui
            .checkbox(&mut redact, t::REPORT_REDACT.get(lang))
            .on_hover_text(t::REPORT_REDACT_HINT.get(lang))
            .changed()
        {
            cmds.push(UiCommand::SetRedact(redact));
        }
        let mut practice = state.include_training;
        if ui
            .checkbox(&mut practice, t::REPORT_INCLUDE_TRAINING.get(lang))
            .on_hover_text(t::REPORT_INCLUDE_TRAINING_HINT.get(lang))
            .changed()
        {
            cmds.push(UiCommand::SetIncludeTraining(practice));
        }
        ui.separator();
        if ui.button(t::REPORT_NEW.get(lang)).clicked() {
            cmds.push(UiCommand::NewReport);
        }
    });
}

/// One line per thing the session holds: time, what, and its result.
fn contents_ui(ui: &mut egui::Ui, state: &AppState) {
    let lang = state.lang;
    let report = &state.report;
    let time = |t: &chrono::DateTime<chrono::FixedOffset>| {
        localtime::format(&localtime::local(t), Style::Clock)
    };
    egui::Grid::new("report-contents")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for p in &report.card_probes {
                ui.label(time(&p.at));
                let what = t::labelled(lang, t::REPORT_ITEM_CARD, &card_name(p, lang));
                practice_marked(ui, p.training, lang, what);
                match p.report.verdict() {
                    Some(v) => ui.colored_label(theme::severity_color(v.severity), v.title(lang)),
                    None => ui.label("—"),
                };
                ui.end_row();
            }
            for w in &report.guide_walks {
                ui.label(time(&w.session.started));
                let what = t::labelled(lang, t::REPORT_ITEM_GUIDE, w.title.get(lang));
                practice_marked(ui, w.training, lang, what);
                match &w.outcome {
                    Some(o) => ui.add(egui::Label::new(o.text.get(lang)).truncate()),
                    None => ui.label(
                        t::REPORT_ITEM_IN_PROGRESS
                            .get(lang)
                            .replace("{n}", &w.session.steps.len().to_string()),
                    ),
                };
                ui.end_row();
            }
            for c in &report.net_checks {
                ui.label(time(&c.at));
                let what = match &c.result {
                    NetResult::Host(h) => t::labelled(lang, t::REPORT_ITEM_HOST, &h.target),
                    NetResult::Clock(k) => {
                        t::labelled(lang, t::REPORT_ITEM_CLOCK, &k.server.to_string())
                    }
                };
                ui.label(what);
                match c.result.findings().iter().max_by_key(|f| f.severity) {
                    Some(f) => ui.colored_label(theme::severity_color(f.severity), f.title(lang)),
                    None => ui.label("—"),
                };
                ui.end_row();
            }
        });
}

/// The card of a probe: the virtual card's name for practice, else the reader's name.
fn card_name(p: &crate::report::model::CardProbe, lang: crate::i18n::Lang) -> String {
    p.report
        .reader
        .strip_prefix("sim:")
        .and_then(|name| name.parse::<crate::card::sim::scenarios::Scenario>().ok())
        .map_or_else(
            || p.report.reader.clone(),
            |s| s.info().title.get(lang).to_owned(),
        )
}

/// `what`, with a practice badge before it for a practice record.
fn practice_marked(ui: &mut egui::Ui, training: bool, lang: crate::i18n::Lang, what: String) {
    ui.horizontal(|ui| {
        if training {
            super::widgets::practice_badge(ui, lang);
        }
        ui.label(what);
    });
}
