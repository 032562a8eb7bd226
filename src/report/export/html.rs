//! The HTML export: one self-contained page (inline CSS; no scripts, fonts, images or links to
//! load), printable on A4, in the export's language, verdict first. Built with `maud`, which
//! escapes every interpolated string, so text the user typed (`<script>` in a note) shows as text.

use super::card::{self, ProbeView};
use super::monitor;
use super::{ExportOptions, finish, gated, label, net_figures, net_title, when};
use crate::finding::Finding;
use crate::finding::Severity;
use crate::guide::session::ChosenBy;
use crate::i18n::Lang;
use crate::report::model::CardProbe;
use crate::report::model::Report;
use crate::report::privacy::GateError;
use crate::report::verdict::verdict;
use crate::report::walk::GuideWalk;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// Screen and print styles. System fonts only (with the usual CJK system fonts named first
/// for Chinese), A4 pages with 14 mm margins, sections kept whole across page breaks.
const CSS: &str = r#"
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { background: #e9ecef; }
body { margin: 0 auto; max-width: 210mm; min-height: 297mm; padding: 14mm; background: #fff;
  color: #1d2327; font: 10.5pt/1.45 "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Micro Hei", "DejaVu Sans", Arial, sans-serif; }
h1 { font-size: 17pt; margin: 0 0 2pt; }
h2 { font-size: 12.5pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #c9d1d9;
  break-after: avoid; page-break-after: avoid; }
.sub { color: #57606a; margin: 0 0 12pt; }
.verdict { border: 1.5pt solid #8c959f; border-left-width: 6pt; border-radius: 4pt; padding: 8pt 12pt;
  background: #f6f8fa; break-inside: avoid; page-break-inside: avoid; }
.verdict.error { border-color: #cf222e; background: #fff5f5; }
.verdict.warning { border-color: #bf8700; background: #fff8e1; }
.verdict.ok, .verdict.info { border-color: #1a7f37; background: #f0fff4; }
.verdict h2 { margin-top: 0; border: 0; }
.verdict dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 4pt 12pt; }
.verdict dt { font-weight: 600; color: #57606a; }
.verdict dd { margin: 0; }
.verdict dd.what { font-size: 12.5pt; font-weight: 700; }
.sev { display: inline-block; font-size: 8.5pt; font-weight: 700; padding: 0 5pt; border-radius: 3pt;
  color: #fff; background: #57606a; vertical-align: 1pt; margin-right: 4pt; }
.sev.error { background: #cf222e; } .sev.warning { background: #9a6700; }
.sev.ok, .sev.info { background: #1a7f37; }
table { border-collapse: collapse; width: 100%; margin: 0 0 6pt; }
th, td { text-align: left; vertical-align: top; padding: 3pt 6pt; border-bottom: 0.75pt solid #d8dee4; }
th { width: 32%; color: #57606a; font-weight: 600; }
tr { break-inside: avoid; page-break-inside: avoid; }
.mono { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 9.5pt;
  overflow-wrap: anywhere; }
.notes { list-style: none; padding: 0; margin: 0; }
.notes li { border-left: 3pt solid #d8dee4; padding: 2pt 0 2pt 8pt; margin: 0 0 6pt; break-inside: avoid; }
.notes time { display: block; color: #57606a; font-size: 9pt; }
.walk { margin: 0 0 10pt; }
h3 { font-size: 11pt; margin: 10pt 0 0; break-after: avoid; page-break-after: avoid; }
.walk > p.muted { margin: 0 0 4pt; font-size: 9pt; }
ol.path { margin: 0; padding-left: 20pt; }
ol.path li { margin: 0 0 5pt; break-inside: avoid; page-break-inside: avoid; }
ol.path time, .note time { color: #57606a; font-size: 9pt; font-variant-numeric: tabular-nums; }
.answer, .check, .note { margin-left: 2pt; font-size: 9.5pt; }
.check { background: #f6f8fa; border-radius: 3pt; padding: 2pt 6pt; margin: 2pt 0; }
.note { border-left: 2pt solid #d8dee4; padding-left: 6pt; }
.outcome { border: 1pt solid #c9d1d9; border-radius: 4pt; padding: 5pt 8pt; margin-top: 4pt;
  background: #f6f8fa; break-inside: avoid; page-break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; }
ul.checks { list-style: none; padding: 0; margin: 0; }
ul.checks .figures { color: #57606a; font-size: 9pt; font-variant-numeric: tabular-nums; }
ul.checks li { margin: 0 0 6pt; break-inside: avoid; page-break-inside: avoid; }
.probe { margin: 0 0 10pt; }
.practice { margin: 0 0 4pt; padding: 2pt 6pt; display: inline-block; color: #fff; background: #6a1b9a; font-weight: 600; }
h4 { font-size: 10.5pt; margin: 8pt 0 2pt; break-after: avoid; page-break-after: avoid; }
ul.findings { list-style: none; padding: 0; margin: 0 0 6pt; }
ul.findings li { margin: 0 0 4pt; break-inside: avoid; page-break-inside: avoid; }
.advice { margin-left: 2pt; font-size: 9.5pt; color: #3b434b; }
pre.decoded { margin: 2pt 0 0; font: 8.5pt/1.35 "DejaVu Sans Mono", Consolas, monospace; color: #3b434b;
  white-space: pre-wrap; }
ul.bits { margin: 0; padding-left: 14pt; font-size: 9.5pt; }
details.apdus { margin: 4pt 0 0; }
details.apdus summary { cursor: pointer; font-weight: 600; color: #57606a; }
table.apdus th, table.apdus td { width: auto; font-size: 8pt; padding: 2pt 4pt; }
table.apdus td.mono { font-size: 8pt; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: #57606a; }
footer { margin-top: 18pt; padding-top: 6pt; border-top: 0.75pt solid #d8dee4; color: #57606a; font-size: 8.5pt; }
@media print {
  html { background: #fff; }
  body { margin: 0; padding: 0; max-width: none; min-height: 0; }
  .verdict, .sev { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The report as one self-contained HTML page.
pub fn export(report: &Report, options: &ExportOptions) -> Result<String, GateError> {
    let r = gated(report, options)?;
    let lang = options.lang;
    let v = verdict(&r, lang);
    let sev_class = v.severity.map_or("none", Severity::as_str);
    let subtitle = [r.shop.shop_name.clone(), Some(when(&r.created))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let page = html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={ "EMV Doctor " (r.app_version) };
                title { (label::TITLE.get(lang)) " — " (subtitle) }
                style { (PreEscaped(CSS)) (PreEscaped(monitor::CSS)) }
            }
            body {
                header {
                    h1 { (label::TITLE.get(lang)) }
                    p.sub { (subtitle) }
                }
                section class={ "verdict " (sev_class) } {
                    h2 { (label::VERDICT.get(lang)) }
                    dl {
                        dt { (label::WHAT.get(lang)) }
                        dd.what {
                            @if let Some(s) = v.severity { (badge(s, lang)) }
                            span.text { (v.what) }
                        }
                        dt { (label::NEXT.get(lang)) }
                        dd.text { (v.next) }
                        dt { (label::WHO.get(lang)) }
                        dd.text { (v.who) }
                    }
                }
                @if !r.card_probes.is_empty() {
                    section {
                        h2 { (card::label::CARD.get(lang)) }
                        @for p in &r.card_probes { (probe(p, lang)) }
                    }
                }
                @if !r.guide_walks.is_empty() {
                    section {
                        h2 { (label::GUIDE.get(lang)) }
                        @for w in &r.guide_walks { (walk(w, lang)) }
                    }
                }
                @if !r.net_checks.is_empty() {
                    section {
                        h2 { (label::NETWORK.get(lang)) }
                        ul.checks {
                            @for c in &r.net_checks {
                                li {
                                    div { time { (hhmm(&c.at)) } " " strong { (net_title(&c.result, lang)) } }
                                    div.figures { (net_figures(&c.result, lang)) }
                                    @for f in c.result.findings() {
                                        div { (badge(f.severity, lang)) (f.title(lang))
                                            @if let Some(d) = &f.detail { " — " (d) }
                                            " " code.muted { (f.code) } }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !r.monitoring.is_empty() {
                    section {
                        h2 { (monitor::TITLE.get(lang)) }
                        @for m in &r.monitoring { (monitor::html(m, lang, &when(&m.at))) }
                    }
                }
                (shop(&r, options))
                (notes(&r, lang))
                (about(&r, lang))
                footer { (label::FOOTER.get(lang)) }
            }
        }
    };
    finish(&page.into_string(), "HTML export", false)
}

fn walk(w: &GuideWalk, lang: Lang) -> Markup {
    let text = |id: &str| {
        w.text_of(id)
            .map_or_else(|| id.to_owned(), |t| t.get(lang).to_owned())
    };
    let last = w.session.steps.len().saturating_sub(1);
    html! {
        div.walk {
            h3 { (w.title.get(lang)) }
            @if w.training { p.practice { (label::PRACTICE.get(lang)) } }
            p.muted { (label::WALK_STARTED.get(lang)) " " (when(&w.session.started)) " · " (w.session.guide) " v" (w.session.guide_version) }
            ol.path {
                @for (i, visit) in w.session.steps.iter().enumerate() {
                    @let is_outcome = i == last && w.outcome.is_some();
                    @if !is_outcome {
                        li {
                            div { time { (hhmm(&visit.entered)) } " " span.text { (text(&visit.node)) } }
                            @if let Some(check) = &visit.check {
                                div.check {
                                    span.muted { (label::CHECK.get(lang)) " " code { (check.check) } ": " }
                                    span.text { (check.summary.get(lang)) }
                                    @for f in &check.findings {
                                        div { (badge(f.severity, lang)) (f.title(lang))
                                            @if let Some(d) = &f.detail { " — " span.mono { (d) } }
                                            " " code.muted { (f.code) } }
                                    }
                                }
                            }
                            @match &visit.choice {
                                Some(c) => div.answer {
                                    span.muted { (label::ANSWER.get(lang)) ": " }
                                    strong { (c.label.get(lang)) }
                                    @if c.by == ChosenBy::Check { " " span.muted { "(" (label::BY_CHECK.get(lang)) ")" } }
                                },
                                None => div.muted { (label::CURRENT.get(lang)) },
                            }
                            @for n in w.session.notes.iter().filter(|n| n.node == visit.node) {
                                div.note { time { (hhmm(&n.at)) } " " span.text { (n.text) } }
                            }
                        }
                    }
                }
            }
            @let undone: Vec<_> = w.notes_off_path().collect();
            @if !undone.is_empty() {
                div.note {
                    span.muted { (label::UNDONE_NOTES.get(lang)) ": " }
                    @for n in undone {
                        div.note { time { (hhmm(&n.at)) } " " span.text { (n.text) } }
                    }
                }
            }
            @match &w.outcome {
                Some(o) => div.outcome {
                    div { strong { (label::OUTCOME.get(lang)) ": " } span.text { (o.text.get(lang)) } }
                    @if let Some(h) = &o.hand_over {
                        div { strong { (label::HAND_OVER.get(lang)) ": " } (h.to.name().get(lang)) }
                        div { strong { (label::TELL.get(lang)) ": " } span.text { (h.tell.get(lang)) } }
                    }
                    @if !o.covers.is_empty() {
                        div.muted { (label::COVERS.get(lang)) ": "
                            @for (i, c) in o.covers.iter().enumerate() { @if i > 0 { ", " } code { (c) } } }
                    }
                },
                None => p.muted { (label::NOT_FINISHED.get(lang)) },
            }
        }
    }
}

fn probe(p: &CardProbe, lang: Lang) -> Markup {
    use card::label as l;
    let r = &p.report;
    let v: ProbeView = card::view(r, lang);
    html! {
        div.probe {
            h3 { (v.reader) }
            @if p.training { p.practice { (label::PRACTICE.get(lang)) } }
            p.muted { (l::PROBED.get(lang)) " " (when(&p.at)) " · " (l::CARD_CLOCK.get(lang)) " " (r.local_time)
                " · " (r.apdus.len()) " " (l::EXCHANGES.get(lang)) }
            @if !r.findings.is_empty() {
                ul.findings {
                    @for f in &r.findings { li { (finding(f, lang)) } }
                }
            }
            table {
                tr { th { (l::READER.get(lang)) } td { (v.reader) } }
                tr {
                    th { "ATR" }
                    td {
                        @if v.atr.is_empty() { span.muted { (l::NO_ATR.get(lang)) } } @else {
                            div.mono { (v.atr) }
                            @if !v.atr_lines.is_empty() { pre.decoded { (v.atr_lines.join("\n")) } }
                        }
                    }
                }
                @if let Some(proto) = v.protocol { tr { th { (l::PROTOCOL.get(lang)) } td { (proto) } } }
            }
            @if r.gpo_skipped { p.muted { (l::GPO_SKIPPED.get(lang)) } }
            @if v.apps.is_empty() { p.muted { (l::NO_APPS.get(lang)) } }
            @for a in &v.apps {
                div.app {
                    h4 {
                        (l::APPLICATION.get(lang)) " " span.mono { (a.aid) }
                        @if let Some(s) = &a.scheme { " · " (s) }
                        @if let Some(lb) = &a.label { " · " (lb) }
                    }
                    table {
                        @for (k, val) in &a.fields { tr { th { (k) } td.text { (val) } } }
                        @for (head, lines) in &a.decoded {
                            tr {
                                th { (head) }
                                td { ul.bits { @for line in lines { li { (line) } } } }
                            }
                        }
                        @if !a.unread.is_empty() {
                            tr {
                                th { (l::NOT_READ.get(lang)) }
                                td { ul.bits { @for u in &a.unread { li { (u) } } } }
                            }
                        }
                    }
                }
            }
            @if !r.apdus.is_empty() {
                details.apdus open {
                    summary { (l::APDU_LOG.get(lang)) " (" (r.apdus.len()) ")" }
                    table.apdus {
                        thead { tr { th { "#" } th { (l::COMMAND.get(lang)) } th { (l::RESPONSE.get(lang)) } th { "SW" } th { "ms" } } }
                        tbody {
                            @for (i, e) in r.apdus.iter().enumerate() {
                                tr {
                                    td { (i + 1) }
                                    td.mono { (e.command) }
                                    td.mono { (e.response) }
                                    td.mono { (e.sw) }
                                    td { (format!("{:.1}", e.ms)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn finding(f: &Finding, lang: Lang) -> Markup {
    html! {
        div { (badge(f.severity, lang)) strong { (f.title(lang)) }
            @if let Some(d) = &f.detail { " — " span.mono { (d) } }
            " " code.muted { (f.code) } }
        div.advice { (f.advice(lang)) }
    }
}

fn badge(s: Severity, lang: Lang) -> Markup {
    html! { span class={ "sev " (s.as_str()) } { (s.label(lang)) } }
}

/// The time of day of a step (the walk's date and offset are in its heading).
fn hhmm(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    t.format("%H:%M:%S").to_string()
}

fn shop(r: &Report, options: &ExportOptions) -> Markup {
    let lang = options.lang;
    html! {
        section {
            h2 { (label::SHOP.get(lang)) }
            @if options.redact_shop { p.muted { (label::REDACTED.get(lang)) } }
            table {
                @for (field, value) in r.shop.fields() {
                    @if !(options.redact_shop && field.identifies_shop()) {
                        tr {
                            th { (field.label().get(lang)) }
                            @match value {
                                Some(v) => td.text { (v) },
                                None => td.muted { (label::NOT_GIVEN.get(lang)) },
                            }
                        }
                    }
                }
            }
        }
    }
}

fn notes(r: &Report, lang: Lang) -> Markup {
    html! {
        section {
            h2 { (label::NOTES.get(lang)) }
            @if r.notes.is_empty() {
                p.muted { (label::NO_NOTES.get(lang)) }
            } @else {
                ul.notes {
                    @for n in &r.notes {
                        li {
                            time datetime=(n.at.to_rfc3339()) { (when(&n.at)) }
                            div.text { (n.text) }
                        }
                    }
                }
            }
        }
    }
}

fn about(r: &Report, lang: Lang) -> Markup {
    let computer = match &r.computer.hostname {
        Some(h) => format!("{} ({}, {})", h, r.computer.os, r.computer.arch),
        None => format!("{}, {}", r.computer.os, r.computer.arch),
    };
    html! {
        section {
            h2 { (label::SESSION.get(lang)) }
            table {
                tr { th { (label::CREATED.get(lang)) } td { (when(&r.created)) } }
                tr { th { (label::UPDATED.get(lang)) } td { (when(&r.updated)) } }
                tr { th { (label::COMPUTER.get(lang)) } td { (computer) } }
                tr { th { (label::APP.get(lang)) } td { (r.app_version) } }
            }
        }
    }
}
