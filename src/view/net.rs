//! A payment-host check and a clock check as people read them: labelled rows, each label
//! defined once in [`label`], rendered by `emv-doctor net`, the exports and the window.

use crate::i18n::{Lang, Text};
use crate::net::clock::ClockReport;
use crate::net::host::HostReport;
use crate::net::stats::AttemptStats;

/// Every label of the network and clock views, once, in both languages.
pub mod label {
    use crate::i18n::Text;

    pub const TARGET: Text = Text::new("Target", "目标");
    pub const DNS: Text = Text::new("DNS", "域名解析");
    pub const TCP: Text = Text::new("TCP connects", "TCP 连接");
    pub const SECURE: Text = Text::new("TCP+TLS ready", "TCP+TLS 就绪");
    pub const TLS: Text = Text::new("TLS", "TLS");
    pub const SUBJECT: Text = Text::new("Certificate for", "证书颁发给");
    pub const ISSUER: Text = Text::new("Certificate issuer", "证书颁发者");
    pub const NOT_AFTER: Text = Text::new("Certificate valid until", "证书有效期至");
    pub const DAYS_LEFT: Text = Text::new("Days left on the certificate", "证书剩余天数");
    pub const HOSTNAME: Text = Text::new("Name matches", "名称匹配");
    pub const TRUSTED: Text = Text::new("Trusted", "受信任");
    pub const ERROR: Text = Text::new("Error", "错误");
    pub const NTP_SERVER: Text = Text::new("NTP server", "NTP 服务器");
    pub const LOCAL: Text = Text::new("Local clock", "本机时钟");
    pub const OFFSET: Text = Text::new("Offset from NTP", "与 NTP 时间偏差");
    pub const RTT: Text = Text::new("Round trip", "往返时间");
    pub const HTTPS_DATE: Text = Text::new("HTTPS Date", "HTTPS 日期");

    /// Words inside values.
    pub const ATTEMPTS: Text = Text::new("attempts", "次尝试");
    pub const OK: Text = Text::new("ok", "成功");
    pub const LOSS: Text = Text::new("loss", "丢包");
    pub const JITTER: Text = Text::new("jitter", "抖动");
    pub const FAILED: Text = Text::new("failed", "失败");
    pub const NONE_OK: Text = Text::new("none succeeded", "全部失败");
    pub const CANCELLED: Text = Text::new("cancelled", "已取消");
    pub const YES: Text = Text::new("yes", "是");
    pub const NO: Text = Text::new("no", "否");
}

/// One labelled line of a view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// What it is.
    pub label: Text,
    /// Its value in the view's language.
    pub value: String,
}

/// A check's figures, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetView {
    /// The rows, in reading order.
    pub rows: Vec<Row>,
}

/// The host-check view; the same for [`HostView`] and [`ClockView`] users.
pub type HostView = NetView;
/// The clock-check view.
pub type ClockView = NetView;

impl NetView {
    fn push(&mut self, label: Text, value: impl Into<String>) {
        self.rows.push(Row {
            label,
            value: value.into(),
        });
    }

    /// One `label  value` line per row (the command line), labels padded to `width`.
    pub fn lines(&self, lang: Lang, width: usize) -> String {
        self.rows
            .iter()
            .map(|r| format!("{:<width$}{}\n", r.label.get(lang), r.value))
            .collect()
    }

    /// All rows on one line, `label value · label value` (the exports).
    pub fn one_line(&self, lang: Lang) -> String {
        self.rows
            .iter()
            .map(|r| format!("{} {}", r.label.get(lang), r.value))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b { label::YES } else { label::NO }.get(lang)
}

fn stats(st: &AttemptStats, lang: Lang) -> String {
    // Chinese takes full-width commas and its own words for the units.
    let (sep, min_avg_max, ms) = match lang {
        Lang::En => (", ", "min/avg/max", "ms"),
        Lang::ZhCn => ("，", "最短/平均/最长", "毫秒"),
    };
    if st.ok == 0 {
        return format!(
            "{} {}{sep}{}",
            st.attempts,
            label::ATTEMPTS.get(lang),
            label::NONE_OK.get(lang)
        );
    }
    format!(
        "{} {}{sep}{} {}{sep}{} {:.1} %{sep}{min_avg_max} {:.1}/{:.1}/{:.1} {ms}{sep}{} {:.1} {ms}",
        st.attempts,
        label::ATTEMPTS.get(lang),
        st.ok,
        label::OK.get(lang),
        label::LOSS.get(lang),
        st.loss_pct,
        st.min_ms,
        st.avg_ms,
        st.max_ms,
        label::JITTER.get(lang),
        st.jitter_ms
    )
}

/// The view of a host check in `lang`.
pub fn host_view(r: &HostReport, lang: Lang) -> HostView {
    let mut v = NetView { rows: Vec::new() };
    let mut target = r.target.clone();
    if let Some(a) = &r.address {
        target.push_str(&format!(" → {a}"));
    }
    if r.cancelled {
        target.push_str(&format!(" ({})", label::CANCELLED.get(lang)));
    }
    v.push(label::TARGET, target);
    if let Some(d) = &r.dns {
        let found = if d.addresses.is_empty() {
            format!(
                "{}: {}",
                label::FAILED.get(lang),
                d.error.as_deref().unwrap_or("")
            )
        } else {
            d.addresses
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        v.push(label::DNS, format!("{:.1} ms  {found}", d.ms));
    }
    if r.tcp.attempts > 0 {
        v.push(label::TCP, stats(&r.tcp, lang));
    }
    if let Some(sec) = &r.secure {
        v.push(label::SECURE, stats(sec, lang));
    }
    if let Some(t) = &r.tls {
        match &t.version {
            Some(version) => {
                v.push(label::TLS, version.clone());
                if let Some(s) = &t.subject {
                    v.push(label::SUBJECT, s.clone());
                }
                if let Some(s) = &t.issuer {
                    v.push(label::ISSUER, s.clone());
                }
                if let Some(s) = &t.not_after {
                    v.push(label::NOT_AFTER, s.clone());
                }
                if let Some(d) = t.days_left {
                    v.push(label::DAYS_LEFT, d.to_string());
                }
                v.push(label::HOSTNAME, yes_no(t.hostname_ok, lang));
                v.push(label::TRUSTED, yes_no(t.trusted, lang));
            }
            None => v.push(label::TLS, label::FAILED.get(lang)),
        }
        if let Some(e) = &t.error {
            v.push(label::ERROR, e.clone());
        }
    }
    v
}

/// The view of a clock check in `lang`.
pub fn clock_view(r: &ClockReport, lang: Lang) -> ClockView {
    let mut v = NetView { rows: Vec::new() };
    let mut server = r.server.clone();
    if let Some(a) = &r.address {
        server.push_str(&format!(" ({a})"));
    }
    v.push(label::NTP_SERVER, server);
    v.push(label::LOCAL, r.local_time.clone());
    match (r.offset_ms, r.round_trip_ms) {
        (Some(o), Some(rt)) => {
            v.push(label::OFFSET, format!("{o:+.0} ms"));
            v.push(label::RTT, format!("{rt:.1} ms"));
        }
        _ => v.push(
            label::OFFSET,
            format!(
                "{}: {}",
                label::FAILED.get(lang),
                r.error.as_deref().unwrap_or("")
            ),
        ),
    }
    if let Some(h) = &r.http_date {
        let value = match (h.offset_ms, &h.error) {
            (Some(o), _) => format!(
                "{o:+.0} ms ({}, {})",
                h.target,
                h.date.as_deref().unwrap_or("")
            ),
            (None, e) => format!(
                "{}: {} ({})",
                label::FAILED.get(lang),
                e.as_deref().unwrap_or(""),
                h.target
            ),
        };
        v.push(label::HTTPS_DATE, value);
    }
    v
}
