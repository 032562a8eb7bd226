//! The guide page: one question at a time, big answer buttons (keys 1–9), back and restart,
//! automated checks with a "answer by hand" way out, notes, and the outcome.

use super::super::app::UiCommand;
use super::super::state::AppState;
use super::super::{text as t, theme};
use crate::finding::Severity;
use crate::guide::Node;
use crate::guide::checks::CheckRequest;
use crate::guide::model::Contact;
use crate::i18n::Lang;
use eframe::egui;
use std::collections::BTreeMap;

/// Local UI state of the guide page (what is typed, what is unfolded).
#[derive(Default)]
pub struct GuidePanel {
    note: String,
    answer_by_hand: bool,
    /// What was typed for the current check node's asked parameters, and the step it is for:
    /// it starts empty at every check node.
    params: BTreeMap<String, String>,
    params_for: Option<(Option<usize>, usize)>,
}

const NUMBER_KEYS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

impl GuidePanel {
    /// Draws the page and collects what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
        let lang = state.lang;
        self.guide_bar(ui, state, cmds);
        ui.separator();
        if let (Some(stale), Some(_)) = (&state.stale_walk, &state.session) {
            egui::Panel::right("guide-path")
                .resizable(true)
                .default_size(260.0)
                .show(ui, |ui| self.path_ui(ui, state));
            stale_ui(ui, state, &stale.reason, cmds);
            return;
        }
        let (Some(session), Some(guide)) = (&state.session, state.current_guide()) else {
            guide_list(ui, state, cmds);
            return;
        };
        egui::Panel::right("guide-path")
            .resizable(true)
            .default_size(260.0)
            .show(ui, |ui| self.path_ui(ui, state));
        let node = match session.current_node(guide) {
            Ok(n) => n,
            Err(e) => {
                ui.colored_label(theme::severity_color(Severity::Error), e.message(lang));
                return;
            }
        };
        let here = (state.walk_index, session.steps.len());
        if self.params_for != Some(here) {
            self.params_for = Some(here);
            self.params.clear();
            self.answer_by_hand = false;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.label(
                    egui::RichText::new(
                        t::GUIDE_STEP
                            .get(lang)
                            .replace("{n}", &session.steps.len().to_string()),
                    )
                    .small(),
                );
                ui.add(
                    egui::Label::new(egui::RichText::new(node.text().get(lang)).heading()).wrap(),
                );
                if let Some(help) = node.help() {
                    ui.add(egui::Label::new(egui::RichText::new(help.get(lang)).weak()).wrap());
                }
                ui.add_space(12.0);
                match node {
                    Node::Check(_) => self.check_ui(ui, state, node, cmds),
                    Node::Outcome(o) => outcome_ui(ui, lang, o, cmds),
                    Node::Question(_) | Node::Step(_) => answers_ui(ui, lang, node, cmds),
                }
                ui.add_space(16.0);
                self.note_ui(ui, lang, cmds);
            });
    }

    fn guide_bar(&mut self, ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
        let lang = state.lang;
        ui.horizontal_wrapped(|ui| {
            let current = state.session.as_ref().map(|s| s.guide.clone());
            let selected_title = state
                .current_guide()
                .map(|g| g.title.get(lang).to_owned())
                .unwrap_or_else(|| t::GUIDE_CHOOSE.get(lang).to_owned());
            egui::ComboBox::from_label(t::GUIDE.get(lang))
                .selected_text(selected_title)
                .width(320.0)
                .show_ui(ui, |ui| {
                    for entry in &state.library.entries {
                        let g = &entry.guide;
                        let is_current = current.as_deref() == Some(g.id.as_str());
                        if ui.selectable_label(is_current, g.title.get(lang)).clicked()
                            && !is_current
                        {
                            cmds.push(UiCommand::StartGuide(g.id.clone()));
                        }
                    }
                });
            let live = state.check.is_none() && state.stale_walk.is_none();
            let has_session = state.session.is_some() && live;
            let can_back = live && state.session.as_ref().is_some_and(|s| s.steps.len() > 1);
            if ui
                .add_enabled(can_back, egui::Button::new(t::GUIDE_BACK.get(lang)))
                .on_hover_text(t::GUIDE_BACK_HINT.get(lang))
                .clicked()
            {
                cmds.push(UiCommand::GuideBack);
            }
            if ui
                .add_enabled(has_session, egui::Button::new(t::GUIDE_RESTART.get(lang)))
                .clicked()
            {
                cmds.push(UiCommand::GuideRestart);
            }
        });
        let typing = ui.ctx().egui_wants_keyboard_input();
        if !typing && state.session.is_some() && state.check.is_none() {
            ui.input(|i| {
                if i.key_pressed(egui::Key::Backspace)
                    || (i.modifiers.alt && i.key_pressed(egui::Key::ArrowLeft))
                {
                    cmds.push(UiCommand::GuideBack);
                }
            });
        }
    }

    fn check_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        node: &Node,
        cmds: &mut Vec<UiCommand>,
    ) {
        let lang = state.lang;
        if let Some(check) = &state.check {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t::GUIDE_CHECK_RUNNING.get(lang));
                if ui.button(t::GUIDE_CANCEL_CHECK.get(lang)).clicked() {
                    cmds.push(UiCommand::CancelGuideCheck);
                }
            });
            if let Some((done, of)) = check.progress {
                ui.add(
                    egui::ProgressBar::new(done as f32 / of.max(1) as f32)
                        .text(format!("{done}/{of}")),
                );
            }
            return;
        }
        if let Node::Check(check) = node {
            for p in CheckRequest::asks(check) {
                if let Some(ask) = p.ask {
                    let value = self.params.entry(p.name.to_owned()).or_default();
                    let label = ui.label(ask.get(lang));
                    ui.add(egui::TextEdit::singleline(value).desired_width(360.0))
                        .labelled_by(label.id);
                }
            }
        }
        ui.horizontal(|ui| {
            let run = ui.button(egui::RichText::new(t::GUIDE_RUN_CHECK.get(lang)).strong());
            if run.clicked() {
                cmds.push(UiCommand::RunGuideCheck(self.params.clone()));
            }
            if !self.answer_by_hand {
                if ui.button(t::GUIDE_BY_HAND.get(lang)).clicked() {
                    self.answer_by_hand = true;
                }
            } else if ui.button(t::GUIDE_HIDE_ANSWERS.get(lang)).clicked() {
                self.answer_by_hand = false;
            }
        });
        if self.answer_by_hand {
            ui.add_space(8.0);
            answers_ui(ui, lang, node, cmds);
        }
    }

    fn note_ui(&mut self, ui: &mut egui::Ui, lang: Lang, cmds: &mut Vec<UiCommand>) {
        ui.horizontal(|ui| {
            let label = ui.label(t::GUIDE_NOTE.get(lang));
            let edit = egui::TextEdit::singleline(&mut self.note)
                .hint_text(t::GUIDE_NOTE_HINT.get(lang))
                .desired_width(420.0);
            let resp = ui.add(edit).labelled_by(label.id);
            let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let add = ui
                .add_enabled(
                    !self.note.trim().is_empty(),
                    egui::Button::new(t::GUIDE_ADD_NOTE.get(lang)),
                )
                .clicked();
            if (enter || add) && !self.note.trim().is_empty() {
                cmds.push(UiCommand::GuideNote(std::mem::take(&mut self.note)));
            }
        });
    }

    fn path_ui(&self, ui: &mut egui::Ui, state: &AppState) {
        let lang = state.lang;
        ui.strong(t::GUIDE_PATH.get(lang));
        let Some(session) = &state.session else {
            return;
        };
        let guide = state.current_guide().filter(|_| state.stale_walk.is_none());
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (i, visit) in session.steps.iter().enumerate() {
                let recorded = state
                    .walk_index
                    .and_then(|i| state.report.guide_walks.get(i))
                    .and_then(|w| w.text_of(&visit.node));
                let text = match guide.and_then(|g| g.node(&visit.node)) {
                    Some(n) => n.text().get(lang).to_owned(),
                    None => recorded.map_or_else(String::new, |t| t.get(lang).to_owned()),
                };
                ui.add(
                    egui::Label::new(egui::RichText::new(format!("{}. {}", i + 1, text)).small())
                        .wrap(),
                );
                if let Some(check) = &visit.check {
                    ui.label(
                        egui::RichText::new(format!("   • {}", check.summary.get(lang)))
                            .small()
                            .weak(),
                    );
                }
                if let Some(choice) = &visit.choice {
                    ui.label(
                        egui::RichText::new(format!("   → {}", choice.label.get(lang)))
                            .small()
                            .strong(),
                    );
                }
            }
            for note in &session.notes {
                ui.label(
                    egui::RichText::new(format!("• {}", note.text))
                        .small()
                        .italics(),
                );
            }
        });
    }
}

/// A walk that does not fit the current guide: what changed, and a way to start afresh.
fn stale_ui(ui: &mut egui::Ui, state: &AppState, reason: &str, cmds: &mut Vec<UiCommand>) {
    let lang = state.lang;
    egui::Frame::new()
        .fill(theme::severity_fill(Severity::Warning))
        .inner_margin(12.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.colored_label(
                theme::severity_color(Severity::Warning),
                egui::RichText::new(t::WALK_STALE_TITLE.get(lang)).strong(),
            );
            ui.add(egui::Label::new(reason).wrap());
        });
    ui.add_space(8.0);
    if let Some(id) = state.session.as_ref().map(|s| s.guide.clone())
        && state.library.get(&id).is_some()
        && ui
            .button(egui::RichText::new(t::WALK_START_AGAIN.get(lang)).strong())
            .clicked()
    {
        cmds.push(UiCommand::StartGuide(id));
    }
}

/// The guides as large buttons, with what each is for.
fn guide_list(ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
    let lang = state.lang;
    ui.label(t::GUIDE_PICK.get(lang));
    ui.add_space(8.0);
    for entry in &state.library.entries {
        let g = &entry.guide;
        let button = egui::Button::new(egui::RichText::new(g.title.get(lang)).size(20.0).strong())
            .min_size(egui::vec2(ui.available_width().min(620.0), 44.0));
        if ui.add(button).clicked() {
            cmds.push(UiCommand::StartGuide(g.id.clone()));
        }
        if let Some(summary) = &g.summary {
            ui.add(egui::Label::new(egui::RichText::new(summary.get(lang)).weak()).wrap());
        }
        ui.add_space(6.0);
    }
}

fn answers_ui(ui: &mut egui::Ui, lang: Lang, node: &Node, cmds: &mut Vec<UiCommand>) {
    let typing = ui.ctx().egui_wants_keyboard_input();
    for (i, edge) in node.edges().iter().enumerate() {
        let label = format!("{}   {}", i + 1, edge.label.get(lang));
        let button = egui::Button::new(egui::RichText::new(label).size(19.0))
            .min_size(egui::vec2(ui.available_width().min(620.0), 40.0));
        let key = NUMBER_KEYS.get(i).copied();
        let pressed = !typing && key.is_some_and(|k| ui.input(|inp| inp.key_pressed(k)));
        if ui.add(button).clicked() || pressed {
            cmds.push(UiCommand::GuideAnswer(i));
        }
    }
    ui.label(
        egui::RichText::new(t::GUIDE_KEYS_HINT.get(lang))
            .small()
            .weak(),
    );
}

fn outcome_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    outcome: &crate::guide::model::Outcome,
    cmds: &mut Vec<UiCommand>,
) {
    let (severity, headline) = match &outcome.hand_over {
        None => (Severity::Ok, t::GUIDE_SOLVED),
        Some(_) => (Severity::Warning, t::GUIDE_HAND_OVER),
    };
    egui::Frame::new()
        .fill(theme::severity_fill(severity))
        .inner_margin(12.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.colored_label(
                theme::severity_color(severity),
                egui::RichText::new(format!(
                    "{} {}",
                    theme::severity_symbol(severity),
                    headline.get(lang)
                ))
                .strong()
                .size(20.0),
            );
            if let Some(h) = &outcome.hand_over {
                ui.label(format!(
                    "{} {}",
                    t::GUIDE_CALL.get(lang),
                    contact_name(h.to, lang)
                ));
                ui.add(
                    egui::Label::new(format!("{} {}", t::GUIDE_TELL.get(lang), h.tell.get(lang)))
                        .wrap(),
                );
            }
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if outcome.covers.iter().any(|c| c == "monitoring")
            && ui.button(t::GUIDE_TO_MONITORING.get(lang)).clicked()
        {
            cmds.push(UiCommand::ShowTab(super::super::settings::Tab::Monitoring));
        }
        if ui.button(t::GUIDE_TO_REPORT.get(lang)).clicked() {
            cmds.push(UiCommand::ShowTab(super::super::settings::Tab::Report));
        }
        if ui.button(t::GUIDE_RESTART.get(lang)).clicked() {
            cmds.push(UiCommand::GuideRestart);
        }
    });
}

fn contact_name(c: Contact, lang: Lang) -> &'static str {
    c.name().get(lang)
}
