//! Analysed transaction exports in the report exports: the findings, two inline SVG charts
//! (failure rate per day and per hour of the day; no scripts), and the breakdown tables, all
//! drawn from the one [`MonitorView`] the command line and the window use too.

use crate::finding::Severity;
use crate::i18n::{Lang, Text};
use crate::monitor::analysis::{Counts, Day, Hour};
use crate::monitor::view::{MonitorView, TableView};
use crate::report::model::MonitorRecord;
use maud::{Markup, html};

/// Section title.
pub const TITLE: Text = Text::new("Transaction export", "交易明细分析");
const PER_DAY: Text = Text::new(
    "Failure rate per day (the last 7 days in red)",
    "每天的失败率（近7天为红色）",
);
const PER_HOUR: Text = Text::new(
    "Failure rate by hour of the day (dark: network failures)",
    "各时段的失败率（深色为网络失败）",
);

/// Chart size in SVG user units.
const W: f64 = 640.0;
const H: f64 = 170.0;
/// Room for the axis labels.
const LEFT: f64 = 34.0;
const BOTTOM: f64 = 18.0;
const TOP: f64 = 8.0;
/// Most days drawn (the latest ones).
const MAX_DAYS: usize = 60;

/// CSS for the section (added to the page's style sheet).
pub const CSS: &str = r#"
.monitor svg { width: 100%; height: auto; display: block; margin: 2pt 0 8pt; }
.monitor svg text { font-size: 9px; fill: #57606a; }
.monitor table.grid th, .monitor table.grid td { width: auto; font-size: 9pt; padding: 2pt 5pt; }
.monitor table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
.monitor .evidence { margin-left: 2pt; font-size: 9.5pt; }
"#;

/// The upper end of the rate axis: the largest rate rounded up to a step of 5 points.
fn axis_max(rates: impl Iterator<Item = f64>) -> f64 {
    let m = rates.fold(0.0_f64, f64::max);
    ((m / 5.0).ceil() * 5.0).max(5.0)
}

fn y_of(rate: f64, max: f64) -> f64 {
    TOP + (H - TOP - BOTTOM) * (1.0 - (rate / max).min(1.0))
}

fn axis(max: f64) -> Markup {
    let ticks = [0.0, max / 2.0, max];
    html! {
        @for t in ticks {
            line x1=(LEFT) x2=(W) y1=(y_of(t, max)) y2=(y_of(t, max)) stroke="#d8dee4" stroke-width="0.5" {}
            text x=(LEFT - 4.0) y=(y_of(t, max) + 3.0) text-anchor="end" { (format!("{t:.0}%")) }
        }
    }
}

fn day_chart(days: &[Day], recent_from: chrono::NaiveDate, lang: Lang) -> Markup {
    let days = &days[days.len().saturating_sub(MAX_DAYS)..];
    let max = axis_max(days.iter().map(|d| d.counts.rate()));
    let step = (W - LEFT) / days.len().max(1) as f64;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (W) " " (H) } role="img" aria-label=(PER_DAY.get(lang)) {
            (axis(max))
            @for (i, d) in days.iter().enumerate() {
                @let x = LEFT + i as f64 * step;
                @let y = y_of(d.counts.rate(), max);
                rect x=(format!("{:.1}", x + step * 0.15)) y=(format!("{y:.1}")) width=(format!("{:.1}", step * 0.7))
                    height=(format!("{:.1}", H - BOTTOM - y))
                    fill=(if d.date >= recent_from { "#cf222e" } else { "#8c959f" }) {
                    title { (d.date.format("%Y-%m-%d")) ": " (rate_text(d.counts, lang)) }
                }
                @if i + 1 == days.len() {
                    text x=(W) y=(H - 5.0) text-anchor="end" { (d.date.format("%m-%d")) }
                } @else if i % 7 == 0 && i + 4 < days.len() {
                    text x=(format!("{:.1}", x + step / 2.0)) y=(H - 5.0) text-anchor="middle" { (d.date.format("%m-%d")) }
                }
            }
        }
    }
}

fn hour_chart(hours: &[Hour], lang: Lang) -> Markup {
    let max = axis_max(hours.iter().map(|h| h.counts.rate()));
    let step = (W - LEFT) / 24.0;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (W) " " (H) } role="img" aria-label=(PER_HOUR.get(lang)) {
            (axis(max))
            @for h in hours {
                @let x = LEFT + f64::from(h.hour) * step;
                @let y = y_of(h.counts.rate(), max);
                @let net = Counts { total: h.counts.total, errors: h.network_errors };
                @let yn = y_of(net.rate(), max);
                rect x=(format!("{:.1}", x + step * 0.15)) y=(format!("{y:.1}")) width=(format!("{:.1}", step * 0.7))
                    height=(format!("{:.1}", H - BOTTOM - y)) fill="#bf8700" {
                    title { (format!("{:02}:00", h.hour)) ": " (rate_text(h.counts, lang)) }
                }
                @if h.network_errors > 0 {
                    rect x=(format!("{:.1}", x + step * 0.15)) y=(format!("{yn:.1}")) width=(format!("{:.1}", step * 0.7))
                        height=(format!("{:.1}", H - BOTTOM - yn)) fill="#6e4700" {}
                }
                @if h.hour % 3 == 0 {
                    text x=(format!("{:.1}", x + step / 2.0)) y=(H - 5.0) text-anchor="middle" { (format!("{:02}", h.hour)) }
                }
            }
        }
    }
}

fn rate_text(c: Counts, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} of {} failed ({:.1}%)", c.errors, c.total, c.rate()),
        Lang::ZhCn => format!("{} 笔中失败 {} 笔（{:.1}%）", c.total, c.errors, c.rate()),
    }
}

fn sev_class(s: Severity) -> &'static str {
    s.as_str()
}

fn table(t: &TableView) -> Markup {
    html! {
        h4 { (t.title) }
        table.grid {
            tr { @for c in &t.columns { th { (c) } } }
            @for r in &t.rows {
                tr {
                    @for (i, c) in r.iter().enumerate() {
                        @if i > 0 && c.chars().next().is_some_and(|ch| ch.is_ascii_digit()) { td.num { (c) } } @else { td { (c) } }
                    }
                }
            }
        }
    }
}

/// One analysed export as an HTML section body.
pub fn html(rec: &MonitorRecord, lang: Lang, when: &str) -> Markup {
    let v = MonitorView::new(&rec.report, lang);
    let a = &rec.report.analysis;
    html! {
        div.monitor {
            h3 { (v.title) }
            p.muted { (when) }
            table {
                @for (k, val) in &v.summary { tr { th { (k) } td { (val) } } }
            }
            @if let Some(b) = &v.bad_rows { p.muted { (b) } }
            ul.findings {
                @for f in &v.findings {
                    li {
                        span class={ "sev " (sev_class(f.severity)) } { (f.severity.label(lang)) }
                        strong { (f.title) }
                        div.evidence { (f.evidence) }
                        div.advice { "→ " (f.advice) " " code.muted { (f.code) } }
                    }
                }
            }
            h4 { (PER_DAY.get(lang)) }
            (day_chart(&a.days, a.trend.recent_from, lang))
            h4 { (PER_HOUR.get(lang)) }
            (hour_chart(&a.hours, lang))
            @for t in &v.tables { (table(t)) }
        }
    }
}

/// One analysed export as Markdown: the summary, the findings and the tables.
pub fn markdown(
    out: &mut String,
    rec: &MonitorRecord,
    lang: Lang,
    when: &str,
    esc: fn(&str) -> String,
) {
    let v = MonitorView::new(&rec.report, lang);
    out.push_str(&format!("### {}\n\n{}\n\n", esc(&v.title), when));
    for (k, val) in &v.summary {
        out.push_str(&format!("- **{}**: {}\n", esc(k), esc(val)));
    }
    if let Some(b) = &v.bad_rows {
        out.push_str(&format!("- {}\n", esc(b)));
    }
    out.push('\n');
    for f in &v.findings {
        out.push_str(&format!(
            "- **[{}] {}** — {} → {} (`{}`)\n",
            f.severity.label(lang),
            esc(&f.title),
            esc(&f.evidence),
            esc(&f.advice),
            f.code
        ));
    }
    for t in &v.tables {
        out.push_str(&format!("\n#### {}\n\n", esc(&t.title)));
        out.push_str(&format!(
            "| {} |\n|{}\n",
            t.columns
                .iter()
                .map(|c| esc(c))
                .collect::<Vec<_>>()
                .join(" | "),
            "---|".repeat(t.columns.len())
        ));
        for r in &t.rows {
            out.push_str(&format!(
                "| {} |\n",
                r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
            ));
        }
    }
    out.push('\n');
}
