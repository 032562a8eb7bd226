//! The guide page: one question at a time, big answer buttons (keys 1–9), back and restart,
//! automated checks with a "answer by hand" way out, notes, and the outcome.

use super::super::app::UiCommand;
use super::super::state::AppState;
use super::super::{text as t, theme};
use super::widgets::{banner, finding_title};
use crate::finding::Severity;
use crate::guide::Node;
use crate::guide::checks::{CheckId, CheckRequest};
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

/// The narrowest page that shows the path so far beside the step rather than under it.
const PATH_BESIDE_MIN_WIDTH: f32 = 1100.0;

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
        // Beside the step on a wide window; under it on a narrow one.
        let wide = ui.available_width() >= PATH_BESIDE_MIN_WIDTH;
        if wide {
            egui::Panel::right("guide-path")
                .resizable(true)
                .default_size(260.0)
                .show(ui, |ui| self.path_ui(ui, state));
        }
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
                last_check_ui(ui, lang, session);
                ui.add(
                    egui::Label::new(egui::RichText::new(node.text().get(lang)).heading()).wrap(),
                );
                if let Some(help) = node.help() {
                    ui.add(egui::Label::new(egui::RichText::new(help.get(lang)).weak()).wrap());
                }
                if let Some(tech) = node.tech() {
                    tech_ui(ui, lang, node.id(), tech.get(lang));
                }
                ui.add_space(8.0);
                match node {
                    Node::Check(_) => self.check_ui(ui, state, node, cmds),
                    Node::Outcome(o) => outcome_ui(ui, lang, o, cmds),
                    Node::Question(_) | Node::Step(_) => answers_ui(ui, lang, node, cmds),
                }
                ui.add_space(16.0);
                self.note_ui(ui, lang, cmds);
                if !wide {
                    ui.separator();
                    self.path_ui(ui, state);
                }
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
            if let Some(session) = state
                .session
                .as_ref()
                .filter(|_| state.stale_walk.is_none())
            {
                ui.label(
                    egui::RichText::new(
                        t::GUIDE_STEP
                            .get(lang)
                            .replace("{n}", &session.steps.len().to_string()),
                    )
                    .weak(),
                );
            }
            let practice = state
                .walk_index
                .and_then(|i| state.report.guide_walks.get(i))
                .is_some_and(|w| w.training);
            if practice && state.session.is_some() {
                super::widgets::practice_badge(ui, lang);
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
            running_check_ui(ui, lang, check, cmds);
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

    /// The note row; on a narrow page the field shrinks and the button goes to the next line.
    fn note_ui(&mut self, ui: &mut egui::Ui, lang: Lang, cmds: &mut Vec<UiCommand>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(t::GUIDE_NOTE.get(lang));
            let width = (ui.available_width() - 8.0).clamp(120.0, 420.0);
            let edit = egui::TextEdit::singleline(&mut self.note)
                .hint_text(t::GUIDE_NOTE_HINT.get(lang))
                .desired_width(width);
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
        // The newest step is at the bottom: the list follows it.
        egui::ScrollArea::vertical()
            .auto_shrink([false, true])
            .stick_to_bottom(true)
            .show(ui, |ui| {
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
                        egui::Label::new(
                            egui::RichText::new(format!("{}. {}", i + 1, text)).small(),
                        )
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

/// The guide files the library could not use (the same list `emv-doctor guide list` warns
/// about): each file by name with the reason in words; nothing when all were fine.
pub fn skipped_guides_ui(ui: &mut egui::Ui, state: &AppState) {
    let lang = state.lang;
    if state.library.errors.is_empty() {
        return;
    }
    ui.add_space(6.0);
    super::widgets::banner(ui, Severity::Warning, |ui| {
        ui.label(egui::RichText::new(t::GUIDES_SKIPPED.get(lang)).strong());
        for e in &state.library.errors {
            let path = e.path();
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let line = t::labelled(lang, t::GUIDE_FILE, &name);
            ui.add(egui::Label::new(format!("{line}{}{}", sep(lang), e.reason(lang))).wrap())
                .on_hover_text(path.display().to_string());
        }
        ui.add(
            egui::Label::new(egui::RichText::new(t::GUIDES_SKIPPED_HINT.get(lang)).weak()).wrap(),
        );
    });
    ui.add_space(8.0);
}

fn sep(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::ZhCn => "：",
    }
}

/// The guides as large buttons, with what each is for.
fn guide_list(ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
    let lang = state.lang;
    skipped_guides_ui(ui, state);
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

/// The answers as large buttons, packed so that a question with nine answers fits a
/// 1024×600 window without scrolling.
fn answers_ui(ui: &mut egui::Ui, lang: Lang, node: &Node, cmds: &mut Vec<UiCommand>) {
    let typing = ui.ctx().egui_wants_keyboard_input();
    ui.spacing_mut().item_spacing.y = 5.0;
    ui.spacing_mut().button_padding.y = 4.0;
    for (i, edge) in node.edges().iter().enumerate() {
        let label = format!("{}   {}", i + 1, edge.label.get(lang));
        let button = egui::Button::new(egui::RichText::new(label).size(17.0))
            .min_size(egui::vec2(ui.available_width().min(620.0), 30.0));
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
            if let Some(c) = &outcome.confirm {
                ui.add(
                    egui::Label::new(format!("{} {}", t::GUIDE_CONFIRM.get(lang), c.get(lang)))
                        .wrap(),
                );
            }
            if let Some(h) = &outcome.hand_over {
                ui.label(t::labelled(lang, t::GUIDE_CALL, contact_name(h.to, lang)));
                ui.add(egui::Label::new(t::labelled(lang, t::GUIDE_TELL, h.tell.get(lang))).wrap());
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

/// A node's technical details (commands, error codes), folded: for the technician, not the
/// shop owner. Selectable, so a command can be copied.
fn tech_ui(ui: &mut egui::Ui, lang: Lang, node: &str, tech: &str) {
    egui::CollapsingHeader::new(t::TECH_DETAILS.get(lang))
        .id_salt(("guide-tech", node))
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(egui::RichText::new(tech).monospace())
                    .wrap()
                    .selectable(true),
            );
        });
}

fn contact_name(c: Contact, lang: Lang) -> &'static str {
    c.name().get(lang)
}

/// A running check: what to do now ("insert the card") or what is happening, its progress,
/// and a large Cancel (Esc). The spinner asks for at most ten frames a second.
fn running_check_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    check: &crate::ui::state::RunningCheck,
    cmds: &mut Vec<UiCommand>,
) {
    let (what, doing) = if check.waiting_for_card.is_some() {
        (t::GUIDE_INSERT_CARD, t::GUIDE_WAITING_CARD)
    } else {
        match check.request.id {
            CheckId::CardProbe => (t::GUIDE_READING_CARD, t::GUIDE_KEEP_CARD),
            CheckId::NetHost => (t::GUIDE_CHECKING_HOST, t::GUIDE_CHECK_RUNNING),
            CheckId::NetClock => (t::GUIDE_CHECKING_CLOCK, t::GUIDE_CHECK_RUNNING),
            CheckId::ReaderPresent | CheckId::NetInterface | CheckId::SystemOs => {
                (t::GUIDE_CHECKING, t::GUIDE_CHECK_RUNNING)
            }
        }
    };
    egui::Frame::new()
        .fill(theme::severity_fill(Severity::Info))
        .inner_margin(14.0)
        .corner_radius(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                slow_spinner(ui);
                ui.add(
                    egui::Label::new(egui::RichText::new(what.get(lang)).size(22.0).strong())
                        .wrap(),
                );
            });
            ui.add(egui::Label::new(doing.get(lang)).wrap());
            if let Some((done, of)) = check.progress {
                ui.add(
                    egui::ProgressBar::new(done as f32 / of.max(1) as f32)
                        .text(format!("{done}/{of}")),
                );
            }
            let cancel =
                egui::Button::new(egui::RichText::new(t::GUIDE_CANCEL_CHECK.get(lang)).size(18.0))
                    .min_size(egui::vec2(160.0, 40.0));
            if ui.add(cancel).on_hover_text("Esc").clicked() {
                cmds.push(UiCommand::CancelGuideCheck);
            }
        });
}

/// A spinner that turns ten times a second instead of at the screen's frame rate, so a check
/// that waits for a card costs almost nothing.
fn slow_spinner(ui: &mut egui::Ui) {
    const TICK: std::time::Duration = std::time::Duration::from_millis(100);
    let size = ui.text_style_height(&egui::TextStyle::Body) * 1.3;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let t = ui.input(|i| i.time);
    let step = (t / TICK.as_secs_f64()).floor();
    let start = (step * 0.6) % std::f64::consts::TAU;
    let color = ui.visuals().strong_text_color();
    let radius = rect.height() / 2.0 - 2.0;
    let points: Vec<egui::Pos2> = (0..=16)
        .map(|i| {
            let a = start + i as f64 / 16.0 * 4.5;
            rect.center() + radius * egui::vec2(a.cos() as f32, a.sin() as f32)
        })
        .collect();
    ui.painter()
        .add(egui::Shape::line(points, egui::Stroke::new(3.0, color)));
    ui.ctx().request_repaint_after(TICK);
}

/// The result of the check that just ran, in normal-size words at the top of the next step, so
/// it is read before moving on.
fn last_check_ui(ui: &mut egui::Ui, lang: Lang, session: &crate::guide::Session) {
    let Some(prev) = session
        .steps
        .len()
        .checked_sub(2)
        .and_then(|i| session.steps.get(i))
    else {
        return;
    };
    let Some(check) = &prev.check else {
        return;
    };
    let worst = check.findings.iter().max_by_key(|f| f.severity);
    let severity = worst.map_or(Severity::Info, |f| f.severity);
    banner(ui, severity, |ui| {
        ui.label(egui::RichText::new(t::GUIDE_CHECK_RESULT.get(lang)).strong());
        if let Some(f) = worst {
            finding_title(ui, lang, f, 19.0);
            ui.add(egui::Label::new(f.advice(lang)).wrap());
        }
        ui.add(egui::Label::new(egui::RichText::new(check.summary.get(lang)).weak()).wrap());
    });
    ui.add_space(8.0);
}
