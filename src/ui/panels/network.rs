//! The network page: check the payment host (DNS, connects, TLS) with each attempt shown as it
//! happens on a small latency plot (egui_plot), check this computer's clock, and list the
//! network interfaces.

use super::super::app::UiCommand;
use super::super::state::AppState;
use super::super::{text as t, theme};
use super::widgets::{finding_row, verdict_ui};
use crate::i18n::{Lang, Text};
use crate::net::clock::ClockReport;
use crate::net::host::HostReport;
use crate::net::interfaces::{Interface, InterfaceKind};
use eframe::egui;
use egui_plot::{Corner, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points, VLine};

/// What the user typed on the network page.
pub struct NetworkPanel {
    target: String,
    target_error: Option<crate::net::host::TargetError>,
    tls: bool,
    count: u32,
    ntp: String,
    ntp_error: Option<crate::net::clock::NtpServerError>,
}

impl Default for NetworkPanel {
    fn default() -> Self {
        NetworkPanel {
            target: String::new(),
            target_error: None,
            tls: true,
            count: 10,
            ntp: crate::net::clock::DEFAULT_SERVER.to_owned(),
            ntp_error: None,
        }
    }
}

impl NetworkPanel {
    /// Draws the page and collects what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
        let lang = state.lang;
        let net = &state.net;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading(t::NET_HOST_TITLE.get(lang));
                ui.label(egui::RichText::new(t::NET_HOST_HELP.get(lang)).weak());
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label(t::NET_TARGET.get(lang));
                    let edit = egui::TextEdit::singleline(&mut self.target)
                        .hint_text("pos.example-acquirer.com:443")
                        .desired_width(320.0);
                    let resp = ui.add(edit).labelled_by(label.id);
                    if resp.changed() {
                        self.target_error = None;
                    }
                    ui.checkbox(&mut self.tls, t::NET_TLS.get(lang));
                    let count_label = ui.label(t::NET_COUNT.get(lang));
                    ui.add(egui::DragValue::new(&mut self.count).range(1..=100))
                        .labelled_by(count_label.id);
                    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if net.busy {
                        if ui.button(t::NET_CANCEL.get(lang)).clicked() {
                            cmds.push(UiCommand::CancelNet);
                        }
                    } else if ui
                        .button(egui::RichText::new(t::NET_RUN_HOST.get(lang)).strong())
                        .clicked()
                        || enter
                    {
                        match self.target.trim().parse::<crate::net::host::Target>() {
                            Ok(target) => cmds.push(UiCommand::CheckHost {
                                target,
                                tls: self.tls,
                                count: self.count,
                            }),
                            Err(e) => self.target_error = Some(e),
                        }
                    }
                });
                if let Some(e) = self
                    .target_error
                    .as_ref()
                    .map(|e| e.message(lang))
                    .or_else(|| net.input_error.clone())
                {
                    ui.colored_label(theme::severity_color(crate::finding::Severity::Error), e);
                }
                if let Some((done, of)) = net.progress {
                    ui.add(
                        egui::ProgressBar::new(done as f32 / of.max(1) as f32)
                            .text(format!("{done}/{of}")),
                    );
                }
                if !net.attempts.is_empty() {
                    attempts_ui(ui, lang, &net.attempts);
                }
                if let Some(r) = &net.host {
                    host_ui(ui, lang, r);
                }
                ui.separator();
                ui.heading(t::NET_CLOCK_TITLE.get(lang));
                ui.horizontal(|ui| {
                    let label = ui.label(t::NET_NTP.get(lang));
                    let edit = ui
                        .add(egui::TextEdit::singleline(&mut self.ntp).desired_width(240.0))
                        .labelled_by(label.id);
                    let parsed = self.ntp.parse::<crate::net::clock::NtpServer>();
                    if edit.changed() {
                        self.ntp_error = None;
                        if let Ok(server) = &parsed {
                            cmds.push(UiCommand::SetNtpServer(server.clone()));
                        }
                    }
                    if ui
                        .add_enabled(!net.busy, egui::Button::new(t::NET_RUN_CLOCK.get(lang)))
                        .clicked()
                    {
                        match parsed {
                            Ok(server) => cmds.push(UiCommand::CheckClock(server)),
                            Err(e) => self.ntp_error = Some(e),
                        }
                    }
                });
                if let Some(e) = &self.ntp_error {
                    ui.colored_label(
                        theme::severity_color(crate::finding::Severity::Error),
                        e.message(lang),
                    );
                }
                if let Some(c) = &net.clock {
                    clock_ui(ui, lang, c);
                }
                ui.separator();
                ui.horizontal(|ui| {
                    ui.heading(t::NET_IF_TITLE.get(lang));
                    if ui
                        .add_enabled(!net.busy, egui::Button::new(t::NET_RUN_IF.get(lang)))
                        .clicked()
                    {
                        cmds.push(UiCommand::ListInterfaces);
                    }
                });
                if let Some(list) = &net.interfaces {
                    interfaces_ui(ui, lang, list);
                }
            });
    }
}

const PLOT_X: Text = Text::new("Attempt", "第几次连接");
const PLOT_Y: Text = Text::new("ms", "毫秒");
const PLOT_OK: Text = Text::new("Connected", "连接成功");
const PLOT_FAILED: Text = Text::new("Failed: no connection", "失败：连不上");
const FAILED_WORD: Text = Text::new("failed", "失败");

/// Each attempt on a small latency plot, then as words: a failed attempt is a dashed line
/// with a cross at the bottom, named in the legend, and "× failed" in the list (never colour
/// alone).
fn attempts_ui(ui: &mut egui::Ui, lang: Lang, attempts: &[Option<f64>]) {
    let failed_colour = theme::severity_color(crate::finding::Severity::Error);
    let ok_colour = theme::severity_color(crate::finding::Severity::Ok);
    let count = attempts.len() as f64;
    let ok: Vec<[f64; 2]> = attempts
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.map(|v| [i as f64 + 1.0, v]))
        .collect();
    let failed: Vec<f64> = attempts
        .iter()
        .enumerate()
        .filter(|(_, a)| a.is_none())
        .map(|(i, _)| i as f64 + 1.0)
        .collect();
    ui.add_space(4.0);
    Plot::new("net-latency")
        .height(150.0)
        .width(ui.available_width().min(760.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_x(0.5)
        .include_x(count + 0.5)
        .x_axis_label(PLOT_X.get(lang))
        .y_axis_label(PLOT_Y.get(lang))
        .x_axis_formatter(move |mark, _| {
            if mark.value.fract() == 0.0 && mark.value >= 1.0 && mark.value <= count {
                format!("{:.0}", mark.value)
            } else {
                String::new()
            }
        })
        .legend(Legend::default().position(Corner::RightTop))
        .show(ui, |plot| {
            if !ok.is_empty() {
                plot.line(
                    Line::new(PLOT_OK.get(lang), PlotPoints::from(ok.clone())).color(ok_colour),
                );
                plot.points(
                    Points::new(PLOT_OK.get(lang), PlotPoints::from(ok))
                        .color(ok_colour)
                        .shape(MarkerShape::Circle)
                        .filled(true)
                        .radius(3.5),
                );
            }
            for &x in &failed {
                plot.vline(
                    VLine::new(PLOT_FAILED.get(lang), x)
                        .color(failed_colour)
                        .style(LineStyle::dashed_loose()),
                );
            }
            if !failed.is_empty() {
                let at_zero: Vec<[f64; 2]> = failed.iter().map(|&x| [x, 0.0]).collect();
                plot.points(
                    Points::new(PLOT_FAILED.get(lang), PlotPoints::from(at_zero))
                        .shape(MarkerShape::Cross)
                        .color(failed_colour)
                        .radius(6.0),
                );
            }
        });
    ui.horizontal_wrapped(|ui| {
        ui.label(t::NET_ATTEMPTS.get(lang));
        for a in attempts {
            match a {
                Some(v) => ui.monospace(format!("{} ms", ms(*v))),
                None => ui.colored_label(failed_colour, format!("× {}", FAILED_WORD.get(lang))),
            };
        }
    });
}

/// The most severe finding as a banner, the others as lines below it.
fn findings_ui(ui: &mut egui::Ui, lang: Lang, findings: &[crate::finding::Finding]) {
    let worst = findings.iter().max_by_key(|f| f.severity);
    if let Some(w) = worst {
        verdict_ui(ui, lang, w);
    }
    for f in findings {
        if !worst.is_some_and(|w| std::ptr::eq(w, f)) {
            finding_row(ui, lang, f);
        }
    }
}

/// Milliseconds with a decimal below 10 ms, where loopback and LAN times live.
fn ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

fn host_ui(ui: &mut egui::Ui, lang: Lang, r: &HostReport) {
    findings_ui(ui, lang, &r.findings);
    rows_ui(
        ui,
        "host-figures",
        lang,
        &crate::view::net::host_view(r, lang),
    );
}

fn clock_ui(ui: &mut egui::Ui, lang: Lang, c: &ClockReport) {
    findings_ui(ui, lang, &c.findings);
    rows_ui(
        ui,
        "clock-figures",
        lang,
        &crate::view::net::clock_view(c, lang),
    );
}

/// A view's rows as a two-column grid.
fn rows_ui(ui: &mut egui::Ui, id: &str, lang: Lang, view: &crate::view::net::NetView) {
    egui::Grid::new(id)
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for row in &view.rows {
                ui.label(row.label.get(lang));
                ui.add(egui::Label::new(&row.value).wrap());
                ui.end_row();
            }
        });
}

fn interfaces_ui(ui: &mut egui::Ui, lang: Lang, list: &[Interface]) {
    egui::Grid::new("interfaces")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for i in list {
                ui.monospace(&i.name);
                let kind = match i.kind {
                    InterfaceKind::Wired => t::NET_WIRED,
                    InterfaceKind::Wireless => t::NET_WIRELESS,
                    InterfaceKind::Loopback => t::NET_LOOPBACK,
                    InterfaceKind::Virtual => t::NET_VIRTUAL,
                    InterfaceKind::Unknown => t::NET_UNKNOWN,
                };
                let mut k = kind.get(lang).to_owned();
                if let Some(dbm) = i.signal_dbm {
                    k.push_str(&format!(" ({dbm} dBm)"));
                }
                if i.default_route {
                    k.push_str(&format!(" · {}", t::NET_DEFAULT_ROUTE.get(lang)));
                }
                ui.label(k);
                ui.label(match i.up {
                    Some(true) => t::NET_UP.get(lang),
                    Some(false) => t::NET_DOWN.get(lang),
                    None => "—",
                });
                ui.monospace(i.addresses.join(" "));
                ui.end_row();
            }
        });
}
