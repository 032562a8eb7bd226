//! The card page: pick a reader (or a virtual card in training mode), test the card, and read
//! the verdict and the card's facts in plain words; the applications, the ATR, the data objects
//! and the command log are under "Technical details".

use super::super::app::UiCommand;
use super::super::state::{AppState, CardSource, ServiceState};
use super::super::{text as t, theme};
use super::tech;
use super::widgets::{finding_code_row, finding_row, verdict_ui};
use crate::card::probe::CardReport;
use crate::card::transport::Protocol;
use crate::emv::iso;
use crate::i18n::Lang;
use eframe::egui;

/// Local UI state of the card page.
#[derive(Default)]
pub struct CardPanel {}

impl CardPanel {
    /// Draws the page and collects what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
        let lang = state.lang;
        let card = &state.card;
        source_bar(ui, state, cmds);
        ui.add_space(6.0);
        status_line(ui, state, cmds);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let busy = card.progress.is_some();
            let can_probe = !busy && state.can_probe();
            let button = egui::Button::new(
                egui::RichText::new(t::CARD_TEST.get(lang))
                    .size(20.0)
                    .strong(),
            )
            .min_size(egui::vec2(220.0, 44.0));
            let typing = ui.ctx().egui_wants_keyboard_input();
            let enter = !typing && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui
                .add_enabled(can_probe, button)
                .on_hover_text(t::CARD_TEST_HINT.get(lang))
                .clicked()
                || (enter && can_probe)
            {
                cmds.push(UiCommand::Probe);
            }
            let mut no_gpo = card.no_gpo;
            if ui
                .checkbox(&mut no_gpo, t::CARD_NO_GPO.get(lang))
                .on_hover_text(t::CARD_NO_GPO_HINT.get(lang))
                .changed()
            {
                cmds.push(UiCommand::SetNoGpo(no_gpo));
            }
        });
        if let Some(p) = &card.progress {
            let fraction = if p.total == 0 {
                0.0
            } else {
                p.done as f32 / p.total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction).text(p.stage.map_or("", |s| s.text().get(lang))),
            );
        }
        ui.separator();
        match &card.last {
            Some(report) => report_ui(ui, lang, report),
            None => {
                ui.label(t::CARD_HOW.get(lang));
            }
        }
    }
}

fn source_bar(ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
    let lang = state.lang;
    let card = &state.card;
    ui.horizontal_wrapped(|ui| {
        let mut source = card.source;
        ui.radio_value(
            &mut source,
            CardSource::Reader,
            t::CARD_SOURCE_READER.get(lang),
        );
        ui.radio_value(
            &mut source,
            CardSource::Training,
            t::CARD_SOURCE_TRAINING.get(lang),
        );
        if source != card.source {
            cmds.push(UiCommand::SetCardSource(source));
        }
        ui.separator();
        match card.source {
            CardSource::Reader => {
                let selected = card
                    .reader
                    .clone()
                    .unwrap_or_else(|| t::CARD_NO_READER.get(lang).to_owned());
                egui::ComboBox::from_label(t::CARD_READER.get(lang))
                    .selected_text(selected)
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for r in &card.readers {
                            let mark = if r.card_present { " ●" } else { "" };
                            let is = card.reader.as_deref() == Some(r.name.as_str());
                            if ui
                                .selectable_label(is, format!("{}{mark}", r.name))
                                .clicked()
                                && !is
                            {
                                cmds.push(UiCommand::SelectReader(r.name.clone()));
                            }
                        }
                    });
            }
            CardSource::Training => {
                let current = card.scenario.info().title.get(lang);
                egui::ComboBox::from_label(t::CARD_SCENARIO.get(lang))
                    .selected_text(current)
                    .width(300.0)
                    .height(ui.ctx().content_rect().height())
                    .show_ui(ui, |ui| {
                        for s in crate::card::sim::scenarios::catalogue() {
                            let is = s.scenario == card.scenario;
                            if ui.selectable_label(is, s.title.get(lang)).clicked() && !is {
                                cmds.push(UiCommand::SelectScenario(s.scenario));
                            }
                        }
                    });
            }
        }
    });
}

fn status_line(ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
    let lang = state.lang;
    let card = &state.card;
    if card.source == CardSource::Training {
        ui.label(egui::RichText::new(t::CARD_TRAINING_NOTE.get(lang)).weak());
        return;
    }
    let (text, sev) = match card.service {
        ServiceState::Starting => (
            t::CARD_SERVICE_STARTING.get(lang).to_owned(),
            crate::finding::Severity::Info,
        ),
        ServiceState::Unavailable => (
            crate::card::pcsc::PcscError::NoService
                .message(lang)
                .to_owned(),
            crate::finding::Severity::Error,
        ),
        ServiceState::Running if card.readers.is_empty() => (
            t::CARD_NO_READER_CONNECTED.get(lang).to_owned(),
            crate::finding::Severity::Warning,
        ),
        ServiceState::Running => match state.selected_reader() {
            Some(r) if r.card_present => (
                t::CARD_PRESENT.get(lang).to_owned(),
                crate::finding::Severity::Ok,
            ),
            Some(_) => (
                t::CARD_INSERT.get(lang).to_owned(),
                crate::finding::Severity::Info,
            ),
            None => (
                t::CARD_NO_READER.get(lang).to_owned(),
                crate::finding::Severity::Warning,
            ),
        },
    };
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(
            theme::severity_color(sev),
            format!("{} {text}", theme::severity_symbol(sev)),
        );
        // No service or no reader: the reader guide walks through service, driver, cable.
        if sev >= crate::finding::Severity::Warning
            && ui.button(t::CARD_READER_GUIDE.get(lang)).clicked()
        {
            cmds.push(UiCommand::StartGuide("reader-setup".to_owned()));
        }
    });
}

/// The verdict banner and the facts in plain words; everything technical one click away.
pub fn report_ui(ui: &mut egui::Ui, lang: Lang, report: &CardReport) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let verdict = report.verdict();
            if let Some(v) = verdict {
                verdict_ui(ui, lang, v);
            }
            ui.add_space(8.0);
            for f in &report.findings {
                if verdict.is_some_and(|v| std::ptr::eq(f, v)) {
                    continue;
                }
                finding_row(ui, lang, f);
            }
            ui.add_space(8.0);
            facts_ui(ui, lang, report);
            ui.add_space(8.0);
            egui::CollapsingHeader::new(egui::RichText::new(t::TECH_DETAILS.get(lang)).size(18.0))
                .id_salt("tech-details")
                .show(ui, |ui| tech_ui(ui, lang, report));
        });
}

/// The card in words: what kind of card, its number (masked), until when, where from, the
/// PIN tries left and the electronic-cash loads.
fn facts_ui(ui: &mut egui::Ui, lang: Lang, report: &CardReport) {
    let rows = facts(report, lang);
    if rows.is_empty() {
        return;
    }
    egui::Grid::new("card-facts")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for (k, v) in rows {
                ui.label(egui::RichText::new(k).strong());
                ui.add(egui::Label::new(v).wrap());
                ui.end_row();
            }
        });
}

/// The plain-word facts of a probe: one set per application that gave any.
pub fn facts(report: &CardReport, lang: Lang) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    for app in &report.applications {
        let Some(kind) = crate::view::probe::card_kind(&app.aid, lang) else {
            continue;
        };
        rows.push((t::FACT_KIND.get(lang), kind));
        if let Some(pan) = &app.pan {
            rows.push((crate::view::probe::label::PAN.get(lang), pan.to_string()));
        }
        if let Some(e) = &app.expiry {
            rows.push((
                crate::view::probe::label::EXPIRY.get(lang),
                crate::view::probe::month_in_words(e, lang),
            ));
        }
        if let Some(c) = &app.country {
            rows.push((
                crate::view::probe::label::COUNTRY.get(lang),
                iso::country_name(c, lang),
            ));
        }
        if let Some(n) = app.pin_tries_left {
            rows.push((
                crate::view::probe::label::PIN_TRIES.get(lang),
                n.to_string(),
            ));
        }
        let loads = crate::view::probe::load_log(app, lang);
        if !loads.is_empty() {
            rows.push((
                crate::view::probe::label::LOAD_LOG.get(lang),
                loads.join("\n"),
            ));
        }
    }
    rows
}

/// Technical details: the findings with their codes, the applications, the ATR, the data
/// objects and the command log.
fn tech_ui(ui: &mut egui::Ui, lang: Lang, report: &CardReport) {
    for f in &report.findings {
        finding_code_row(ui, lang, f);
    }
    egui::CollapsingHeader::new(t::CARD_APPS.get(lang))
        .default_open(true)
        .show(ui, |ui| applications_ui(ui, lang, report));
    egui::CollapsingHeader::new(t::CARD_ATR.get(lang)).show(ui, |ui| {
        ui.add(
            egui::Label::new(egui::RichText::new(tech::spaced_hex(&report.atr)).monospace()).wrap(),
        );
        let protocol = match report.protocol {
            Some(Protocol::T0) => "T=0",
            Some(Protocol::T1) => "T=1",
            None => "—",
        };
        ui.label(format!(
            "{} {protocol}",
            crate::view::probe::label::PROTOCOL.get(lang)
        ));
    });
    egui::CollapsingHeader::new(t::CARD_TLV.get(lang))
        .show(ui, |ui| tech::tlv_tree_ui(ui, lang, &report.apdus));
    egui::CollapsingHeader::new(format!(
        "{} ({})",
        crate::view::probe::label::APDU_LOG.get(lang),
        report.apdus.len()
    ))
    .show(ui, |ui| tech::apdu_log_ui(ui, lang, &report.apdus));
}

fn applications_ui(ui: &mut egui::Ui, lang: Lang, report: &CardReport) {
    let view = crate::view::probe::view(report, lang);
    if view.apps.is_empty() {
        ui.label(crate::view::probe::label::NO_APPS.get(lang));
        return;
    }
    for app in &view.apps {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let name = [app.scheme.as_deref(), app.label.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            ui.strong(format!(
                "{} {name}",
                crate::view::probe::label::APPLICATION.get(lang)
            ));
            egui::Grid::new(("app", app.aid.clone()))
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(egui::RichText::new("AID").strong());
                    ui.monospace(&app.aid);
                    ui.end_row();
                    for (k, v) in &app.fields {
                        ui.label(egui::RichText::new(*k).strong());
                        ui.add(egui::Label::new(v.as_str()).wrap());
                        ui.end_row();
                    }
                    for u in &app.unread {
                        ui.label(
                            egui::RichText::new(crate::view::probe::label::NOT_READ.get(lang))
                                .strong(),
                        );
                        ui.label(*u);
                        ui.end_row();
                    }
                });
            for (head, lines) in &app.decoded {
                egui::CollapsingHeader::new(head.as_str())
                    .id_salt(("decoded", app.aid.clone(), head.as_str()))
                    .show(ui, |ui| {
                        for l in lines {
                            ui.add(egui::Label::new(l.as_str()).wrap());
                        }
                    });
            }
        });
    }
}
