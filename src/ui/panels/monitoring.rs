//! The monitoring page: open a transaction export (CSV or Excel) and see where payment failures
//! come from: what stands out first, in words with its figures, then the failure rate per day and
//! per hour of the day (egui_plot) and the breakdowns. Drawn from the same
//! [`MonitorView`](crate::monitor::view::MonitorView) as the command line and the exports; the
//! analysis shown is the last one attached to the report.

use super::super::app::UiCommand;
use super::super::state::AppState;
use super::super::{text as t, theme};
use crate::i18n::{Lang, Text};
use crate::monitor::MonitorReport;
use crate::monitor::view::{MonitorView, TableView};
use eframe::egui;
use egui_plot::{Bar, BarChart, Plot};

const HELP: Text = Text::new(
    "Errors rising? Open the transaction list（交易明细）your terminal or the acquirer's portal exports, as CSV or Excel. EMV Doctor shows whether the failures come from one terminal, one kind of card, one bank, certain hours or one cashier. Card numbers are hidden as the file is read.",
    "失败越来越多？打开终端或收单机构商户平台导出的交易明细（CSV 或 Excel 文件）。EMV Doctor 会告诉你失败是集中在某台终端、某种卡、某家银行、某些时段，还是某位收银员。读取时卡号中间几位会被隐藏。",
);
const OPEN: Text = Text::new("Open a transaction export…", "打开交易明细…");
const READING: Text = Text::new("Reading the export…", "正在读取交易明细…");
const WHAT_STANDS_OUT: Text = Text::new("What stands out", "发现的问题");
const PER_DAY: Text = Text::new("Failure rate per day (%)", "每天的失败率（%）");
const PER_HOUR: Text = Text::new("Failure rate by hour of the day (%)", "各时段的失败率（%）");
const ALL_FAILURES: Text = Text::new("All failures", "全部失败");
const NETWORK_FAILURES: Text = Text::new("Network failures", "网络失败");
const CODES: Text = Text::new("Response codes", "应答码");
const DETAILS: Text = Text::new("Technical details", "技术细节");
const NOTHING_YET: Text = Text::new(
    "No export analysed yet. The analysis is added to the report.",
    "还没有分析过交易明细。分析结果会加入诊断报告。",
);

/// The monitoring page (it keeps nothing of its own; the analysis lives in the report).
#[derive(Default)]
pub struct MonitoringPanel;

impl MonitoringPanel {
    /// Draws the page and collects what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, cmds: &mut Vec<UiCommand>) {
        let lang = state.lang;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading(t::TAB_MONITORING.get(lang));
                ui.label(HELP.get(lang));
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let open = egui::Button::new(egui::RichText::new(OPEN.get(lang)).size(17.0));
                    if ui.add_enabled(!state.monitor_busy, open).clicked() {
                        cmds.push(UiCommand::AnalyzeExport);
                    }
                    if state.monitor_busy {
                        ui.spinner();
                        ui.label(READING.get(lang));
                    }
                });
                if let Some(e) = &state.monitor_error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.add_space(8.0);
                match state.report.monitoring.last() {
                    Some(m) => analysis_ui(ui, &m.report, lang),
                    None => {
                        ui.label(egui::RichText::new(NOTHING_YET.get(lang)).weak());
                    }
                }
            });
    }
}

fn analysis_ui(ui: &mut egui::Ui, r: &MonitorReport, lang: Lang) {
    let v = MonitorView::new(r, lang);
    ui.label(egui::RichText::new(&v.title).strong().size(16.0));
    egui::Grid::new("monitor-summary")
        .num_columns(2)
        .spacing([16.0, 2.0])
        .show(ui, |ui| {
            for (k, val) in v.summary.iter().take(5) {
                ui.label(egui::RichText::new(k).weak());
                ui.label(val);
                ui.end_row();
            }
        });
    if let Some(b) = &v.bad_rows {
        ui.label(egui::RichText::new(b).weak());
    }
    ui.add_space(8.0);
    ui.heading(WHAT_STANDS_OUT.get(lang));
    for f in &v.findings {
        egui::Frame::group(ui.style())
            .fill(theme::severity_fill(f.severity))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    egui::RichText::new(format!(
                        "{} {}",
                        theme::severity_symbol(f.severity),
                        f.title
                    ))
                    .color(theme::severity_color(f.severity))
                    .strong()
                    .size(16.0),
                );
                ui.label(&f.evidence);
                ui.label(format!("→ {}", f.advice));
            });
        ui.add_space(4.0);
    }
    ui.add_space(8.0);
    let a = &r.analysis;
    ui.label(egui::RichText::new(PER_DAY.get(lang)).strong());
    let recent_from = a.trend.recent_from;
    let days: Vec<Bar> = a
        .days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let bar = Bar::new(i as f64, d.counts.rate())
                .width(0.7)
                .name(d.date.format("%m-%d").to_string());
            if d.date >= recent_from {
                bar.fill(theme::severity_color(crate::finding::Severity::Error))
            } else {
                bar.fill(egui::Color32::from_gray(150))
            }
        })
        .collect();
    let first = a.days.first().map(|d| d.date);
    Plot::new("monitor-days")
        .height(160.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| {
            first
                .and_then(|f| f.checked_add_days(chrono::Days::new(mark.value.max(0.0) as u64)))
                .map(|d| d.format("%m-%d").to_string())
                .unwrap_or_default()
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(PER_DAY.get(lang), days))
        });
    ui.label(egui::RichText::new(PER_HOUR.get(lang)).strong());
    let all: Vec<Bar> = a
        .hours
        .iter()
        .map(|h| {
            Bar::new(f64::from(h.hour), h.counts.rate())
                .width(0.7)
                .fill(theme::severity_color(crate::finding::Severity::Warning))
        })
        .collect();
    let network: Vec<Bar> = a
        .hours
        .iter()
        .map(|h| {
            let rate = if h.counts.total == 0 {
                0.0
            } else {
                h.network_errors as f64 * 100.0 / h.counts.total as f64
            };
            Bar::new(f64::from(h.hour), rate)
                .width(0.7)
                .fill(egui::Color32::from_rgb(110, 71, 0))
        })
        .collect();
    Plot::new("monitor-hours")
        .height(140.0)
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::LeftTop))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(|mark, _| format!("{:02}:00", mark.value.max(0.0) as u32))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(ALL_FAILURES.get(lang), all));
            plot.bar_chart(BarChart::new(NETWORK_FAILURES.get(lang), network));
        });
    ui.add_space(8.0);
    for (i, table) in v.tables.iter().enumerate().filter(|(_, t)| !t.technical) {
        table_ui(ui, table, i);
    }
    egui::CollapsingHeader::new(DETAILS.get(lang))
        .id_salt("monitor-details")
        .show(ui, |ui| {
            for f in &v.findings {
                let mut line = format!("{} → {}", f.code, f.cause.as_deref().unwrap_or("-"));
                if !f.codes.is_empty() {
                    line.push_str(&format!(
                        " · {}{}{}",
                        CODES.get(lang),
                        lang.colon(),
                        f.codes
                    ));
                }
                ui.label(line);
            }
            if let Some((k, val)) = v.summary.last() {
                ui.label(format!("{k}{}{val}", lang.colon()));
            }
            for (i, table) in v.tables.iter().enumerate().filter(|(_, t)| t.technical) {
                table_ui(ui, table, i);
            }
        });
}

fn table_ui(ui: &mut egui::Ui, table: &TableView, i: usize) {
    egui::CollapsingHeader::new(&table.title)
        .id_salt(("monitor-table", i))
        .default_open(i < 3)
        .show(ui, |ui| {
            egui::Grid::new(("monitor-grid", i))
                .striped(true)
                .spacing([14.0, 2.0])
                .show(ui, |ui| {
                    for c in &table.columns {
                        ui.label(egui::RichText::new(c).strong());
                    }
                    ui.end_row();
                    for row in &table.rows {
                        for c in row {
                            ui.label(c);
                        }
                        ui.end_row();
                    }
                });
        });
}
