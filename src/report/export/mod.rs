//! Exports of a report for people and tools outside the app: HTML (self-contained, printable
//! on A4), Markdown (for a ticket) and JSON (for support tooling; schema in `docs/report.md`).
//!
//! Every exporter is a `fn(&Report, &ExportOptions) -> String` and starts by passing the
//! report through [`privacy::gate`](super::privacy::gate); none of them sees the raw report.

use crate::view::probe as card;
pub mod html;
pub mod json;
pub mod md;
pub mod monitor;
pub mod text;

use super::model::Report;
use super::privacy::{self, GateError, GateOptions};
use crate::i18n::{Lang, Text};
use chrono::{DateTime, FixedOffset};
use std::str::FromStr;

/// How to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Language of the export (normally the report's own, [`ExportOptions::for_report`]).
    pub lang: Lang,
    /// Remove the details that identify the shop, for sharing outside the company.
    pub redact_shop: bool,
    /// Keep the practice probes and walks (training mode), marked as practice; they are left
    /// out otherwise.
    pub include_training: bool,
}

impl ExportOptions {
    /// The report's own language, shop details kept.
    pub fn for_report(report: &Report) -> Self {
        ExportOptions {
            lang: report.lang,
            redact_shop: false,
            include_training: false,
        }
    }
}

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML page.
    Html,
    /// Markdown for a support ticket.
    Markdown,
    /// JSON for support tooling.
    Json,
}

/// The error for an unknown format name.
#[derive(Debug, thiserror::Error)]
#[error("unknown export format {0:?}: use html, md or json")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            _ => Err(UnknownFormat(s.to_owned())),
        }
    }
}

impl Format {
    /// The usual file name ending.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

/// Exports `report` in `format`; fails when the privacy gate cannot prove the result clean.
pub fn export(
    report: &Report,
    format: Format,
    options: &ExportOptions,
) -> Result<String, GateError> {
    match format {
        Format::Html => html::export(report, options),
        Format::Markdown => md::export(report, options),
        Format::Json => json::export(report, options),
    }
}

/// The gated copy every exporter (and the summary) works from: practice records left out
/// unless `options` include them.
pub(crate) fn gated(report: &Report, options: &ExportOptions) -> Result<Report, GateError> {
    let options_gate = GateOptions {
        redact_shop: options.redact_shop,
    };
    if options.include_training {
        privacy::gate(report, options_gate)
    } else {
        privacy::gate(&report.without_training(), options_gate)
    }
}

/// The last step of every export (`what` names it in an error): control characters and
/// bidi overrides shown as `\u{…}` (`json`: as JSON string content), then the privacy gate's
/// check of the finished text.
fn finish(text: &str, what: &'static str, json: bool) -> Result<String, GateError> {
    privacy::verify(privacy::visible::visible_controls(text, json), what)
}

/// A time as people read it, with its UTC offset: `2025-03-01 09:00 +08:00`.
fn when(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M %:z").to_string()
}

/// One line of figures for a network or clock check, in `lang`: the view's rows after the
/// first (the target or server, which the heading names).
fn net_figures(result: &super::network::NetResult, lang: Lang) -> String {
    use super::network::NetResult;
    let mut view = match result {
        NetResult::Host(h) => crate::view::net::host_view(h, lang),
        NetResult::Clock(c) => crate::view::net::clock_view(c, lang),
    };
    view.rows.remove(0);
    view.one_line(lang)
}

/// The heading of a network or clock check: what and which target.
fn net_title(result: &super::network::NetResult, lang: Lang) -> String {
    use super::network::NetResult;
    match result {
        NetResult::Host(h) => format!("{} {}", label::HOST.get(lang), h.target),
        NetResult::Clock(c) => format!("{} ({})", label::CLOCK.get(lang), c.server),
    }
}

/// Headings and labels shared by the HTML and Markdown exports.
mod label {
    use super::Text;

    pub const TITLE: Text = Text::new("EMV Doctor session report", "EMV Doctor 排查报告");
    pub const VERDICT: Text = Text::new("Verdict", "结论");
    pub const WHAT: Text = Text::new("What is wrong", "问题");
    pub const NEXT: Text = Text::new("What to do next", "下一步");
    pub const WHO: Text = Text::new("Who to call", "联系谁");
    pub const GUIDE: Text = Text::new("Guided checks", "排查指引");
    pub const WALK_STARTED: Text = Text::new("started", "开始于");
    pub const ANSWER: Text = Text::new("Answer", "回答");
    pub const BY_CHECK: Text = Text::new("chosen by the automatic check", "由自动检查选择");
    pub const CHECK: Text = Text::new("Check", "检查");
    pub const OUTCOME: Text = Text::new("Outcome", "结果");
    pub const COVERS: Text = Text::new("Causes settled", "已确认/排除的原因");
    pub const HAND_OVER: Text = Text::new("Hand over to", "转交");
    pub const TELL: Text = Text::new("Tell them", "告知内容");
    pub const NOT_FINISHED: Text =
        Text::new("The walk did not reach an outcome.", "排查未走到结论。");
    pub const CURRENT: Text = Text::new("(current step)", "（当前步骤）");
    pub const UNDONE_NOTES: Text = Text::new(
        "Notes written on steps that were later undone",
        "在后来撤销的步骤上写的备注",
    );
    pub const NETWORK: Text = Text::new("Network and clock checks", "网络与时钟检查");
    pub const HOST: Text = Text::new("Payment host", "支付主机");
    pub const CLOCK: Text = Text::new("Clock", "时钟");
    pub const SHOP: Text = Text::new("Shop and terminal", "商户与终端");
    pub const NOTES: Text = Text::new("Notes", "备注");
    pub const NO_NOTES: Text = Text::new("No notes.", "无备注。");
    pub const SESSION: Text = Text::new("About this report", "关于本报告");
    pub const CREATED: Text = Text::new("Started", "开始时间");
    pub const UPDATED: Text = Text::new("Last change", "最后修改");
    pub const COMPUTER: Text = Text::new("Computer", "电脑");
    pub const APP: Text = Text::new("EMV Doctor version", "EMV Doctor 版本");
    pub const NOT_GIVEN: Text = Text::new("not given", "未填写");
    pub const REDACTED: Text = Text::new(
        "Shop details removed for sharing.",
        "已为对外分享移除商户信息。",
    );
    pub const PRACTICE: Text = Text::new(
        "Practice record (training mode, not a customer's card)",
        "练习记录（培训模式，不是顾客的卡）",
    );
    pub const FOOTER: Text = Text::new(
        "Card numbers are masked (first 6 and last 4 digits). No track data, cardholder name or issuer data is included.",
        "卡号已遮蔽（仅显示前 6 位和后 4 位）。报告不含磁道数据、持卡人姓名或发卡行自定义数据。",
    );
}
