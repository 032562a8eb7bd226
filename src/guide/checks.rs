//! The registry of automated checks a guide's check node may run, and the result they hand back.
//!
//! Pure: this module only describes checks (id, parameters, possible result codes) and carries
//! results as data. Running a check for real (PC/SC, network) is `crate::checks::run_check`.

use crate::finding::{Finding, FindingDef, finding_def as def};
use crate::i18n::{BiText, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

def!(
    UNAVAILABLE,
    "unavailable",
    Info,
    "The check could not run",
    "无法进行此项检查",
    "Answer the question by hand instead.",
    "请改为手动回答该问题。"
);

def!(
    READER_PRESENT,
    "reader.present",
    Ok,
    "A card reader is connected",
    "已连接读卡器",
    "The reader is found; go on with the card.",
    "已找到读卡器,请继续检查卡片。"
);

def!(
    LINK_WIRED,
    "link.wired",
    Ok,
    "This computer is on a wired connection",
    "本机正在使用有线网络",
    "A cable is the most stable link; if payments still fail, test the payment host.",
    "有线连接最稳定;如果交易仍失败,请测试支付主机。"
);

def!(
    LINK_NONE,
    "link.none",
    Error,
    "This computer has no network connection",
    "本机没有网络连接",
    "Check the network cable or Wi-Fi and the router: nothing leads to the internet.",
    "请检查网线或Wi-Fi以及路由器:当前没有通往互联网的连接。"
);

def!(
    LINK_UNKNOWN,
    "link.unknown",
    Info,
    "Connected, but the kind of connection could not be told",
    "已联网,但无法判断连接类型",
    "Look at the device: a network cable plugged in means wired, otherwise it is Wi-Fi or 4G.",
    "请查看设备:插着网线即为有线,否则为Wi-Fi或4G。"
);

/// A parameter a check accepts in a guide (`params: {"host": "…"}`).
#[derive(Clone, Copy, Debug)]
pub struct ParamDef {
    /// Name, e.g. `host`.
    pub name: &'static str,
    /// What it means and its form.
    pub description: Text,
    /// Whether a value is well formed.
    pub valid: fn(&str) -> bool,
    /// When set, the check cannot run without this parameter; a guide may leave it out (it is
    /// often shop-specific, like the payment host) and the front end asks the user with this
    /// prompt, an empty answer skipping the check.
    pub ask: Option<Text>,
}

/// One automated check.
#[derive(Clone, Copy, Debug)]
pub struct CheckDef {
    /// Stable id used in guides, e.g. `card.probe`.
    pub id: &'static str,
    /// What it does, in a few words.
    pub title: Text,
    /// Parameters it accepts (all optional).
    pub params: &'static [ParamDef],
    /// The finding codes it can give, besides [`UNAVAILABLE`].
    results: fn() -> Vec<&'static FindingDef>,
    /// Result codes that mean "could not test here" (no service, no reader, no card, a refused
    /// command): a node's `unavailable` branch may stand for them.
    pub unavailable_covers: &'static [&'static str],
}

/// In a branch's `when`: every result code no other branch names (except `unavailable`).
pub const CATCH_ALL: &str = "*";

impl CheckDef {
    /// Every result code this check can give, [`UNAVAILABLE`] last.
    pub fn results(&self) -> Vec<&'static FindingDef> {
        let mut all = (self.results)();
        all.push(&UNAVAILABLE);
        all
    }

    /// Whether `code` is one of this check's results.
    pub fn has_result(&self, code: &str) -> bool {
        self.results().iter().any(|d| d.code == code)
    }

    /// The result codes a check node must route: every result but [`UNAVAILABLE`] and those
    /// its `unavailable` branch stands for.
    pub fn codes_to_route(&self) -> Vec<&'static str> {
        (self.results)()
            .into_iter()
            .map(|d| d.code)
            .filter(|c| !self.unavailable_covers.contains(c))
            .collect()
    }

    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&'static ParamDef> {
        self.params.iter().find(|p| p.name == name)
    }
}

fn reader_results() -> Vec<&'static FindingDef> {
    use crate::card::findings::{READER_NONE, SERVICE_UNAVAILABLE};
    vec![&READER_PRESENT, &READER_NONE, &SERVICE_UNAVAILABLE]
}

fn card_results() -> Vec<&'static FindingDef> {
    crate::card::findings::ALL.iter().collect()
}

fn net_with_prefix(prefixes: &[&str]) -> Vec<&'static FindingDef> {
    crate::net::findings::ALL
        .iter()
        .filter(|d| prefixes.iter().any(|p| d.code.starts_with(p)))
        .collect()
}

fn host_results() -> Vec<&'static FindingDef> {
    net_with_prefix(&["net.", "tls."])
}

fn clock_results() -> Vec<&'static FindingDef> {
    net_with_prefix(&["clock."])
}

fn interface_results() -> Vec<&'static FindingDef> {
    vec![
        &LINK_WIRED,
        &crate::net::findings::NET_WIRELESS,
        &LINK_NONE,
        &LINK_UNKNOWN,
    ]
}

/// Whether `s` is `host:port` with a non-empty host and a port number.
pub fn valid_host_port(s: &str) -> bool {
    match s.rsplit_once(':') {
        Some((host, port)) => {
            !host.is_empty()
                && !host.contains(char::is_whitespace)
                && port.parse::<u16>().is_ok_and(|p| p > 0)
        }
        None => false,
    }
}

fn valid_bool(s: &str) -> bool {
    s == "true" || s == "false"
}

const HOST_PARAMS: &[ParamDef] = &[
    ParamDef {
        name: "host",
        description: Text::new(
            "The payment host to test, as host:port (e.g. pay.example.com:443)",
            "要测试的支付主机,格式为 主机:端口(例如 pay.example.com:443)",
        ),
        valid: valid_host_port,
        ask: Some(Text::new(
            "Payment host to test, as host:port (in the terminal's network settings, or ask the acquirer); leave empty to skip:",
            "要测试的支付主机,格式 主机:端口(见终端网络设置,或询问收单机构);留空则跳过:",
        )),
    },
    ParamDef {
        name: "tls",
        description: Text::new(
            "Whether to check the TLS handshake and certificate: true or false (default: true for port 443)",
            "是否检查TLS握手和证书:true 或 false(默认:端口443时为 true)",
        ),
        valid: valid_bool,
        ask: None,
    },
];

/// Every check a guide may name.
pub const CHECKS: &[CheckDef] = &[
    CheckDef {
        id: "reader.present",
        title: Text::new(
            "Is a card reader connected to this computer?",
            "本电脑是否连接了读卡器?",
        ),
        params: &[],
        results: reader_results,
        unavailable_covers: &["service.unavailable"],
    },
    CheckDef {
        id: "card.probe",
        title: Text::new(
            "Read the card in the reader (read-only) and say what is wrong with it",
            "读取读卡器中的卡片(只读),判断问题所在",
        ),
        params: &[],
        results: card_results,
        unavailable_covers: &[
            "service.unavailable",
            "reader.none",
            "reader.busy",
            "card.absent",
            "card.removed",
            "probe.command_refused",
            "probe.gpo_skipped",
        ],
    },
    CheckDef {
        id: "net.host",
        title: Text::new(
            "Can this network reach the payment host, and how well?",
            "本网络能否连通支付主机,质量如何?",
        ),
        params: HOST_PARAMS,
        results: host_results,
        unavailable_covers: &[],
    },
    CheckDef {
        id: "net.clock",
        title: Text::new(
            "Is this computer's clock right (compared with a time server)?",
            "本电脑的时钟是否准确(与时间服务器对比)?",
        ),
        params: &[],
        results: clock_results,
        unavailable_covers: &[],
    },
    CheckDef {
        id: "net.interface",
        title: Text::new(
            "Which network connection is this computer using (wired or wireless)?",
            "本电脑使用的是哪种网络连接(有线或无线)?",
        ),
        params: &[],
        results: interface_results,
        unavailable_covers: &[],
    },
];

/// The check with `id`.
pub fn by_id(id: &str) -> Option<&'static CheckDef> {
    CHECKS.iter().find(|c| c.id == id)
}

/// The definition of any result code a check can give.
pub fn result_def(code: &str) -> Option<&'static FindingDef> {
    CHECKS
        .iter()
        .flat_map(|c| c.results())
        .find(|d| d.code == code)
}

/// What a check found, attached to the session step that ran it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The check's id, e.g. `card.probe`.
    pub check: String,
    /// The parameters it ran with.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// What it found; a check that could not run has one [`UNAVAILABLE`] finding.
    pub findings: Vec<Finding>,
    /// One or two sentences for the user (e.g. reader names, timings).
    pub summary: BiText,
}

impl CheckResult {
    /// A check that could not run, with the reason.
    pub fn unavailable(check: &str, params: BTreeMap<String, String>, reason: BiText) -> Self {
        CheckResult {
            check: check.to_owned(),
            params,
            findings: vec![Finding::new(&UNAVAILABLE, None)],
            summary: reason,
        }
    }

    /// The result codes, in finding order.
    pub fn codes(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.code.as_str()).collect()
    }

    /// Whether the check could not run.
    pub fn is_unavailable(&self) -> bool {
        self.findings.iter().any(|f| f.code == UNAVAILABLE.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_knows_its_results() {
        let probe = by_id("card.probe").unwrap();
        assert!(probe.has_result("app.expired"));
        assert!(probe.has_result("unavailable"));
        assert!(!probe.has_result("clock.skew"));
        assert!(by_id("net.clock").unwrap().has_result("clock.skew"));
        assert!(
            by_id("reader.present")
                .unwrap()
                .has_result("reader.present")
        );
        assert!(by_id("net.host").unwrap().has_result("tls.expired"));
        assert!(by_id("nope").is_none());
    }

    #[test]
    fn host_port_form() {
        assert!(valid_host_port("pay.example.com:443"));
        assert!(valid_host_port("[::1]:8443"));
        assert!(!valid_host_port("pay.example.com"));
        assert!(!valid_host_port(":443"));
        assert!(!valid_host_port("h:0"));
    }
}
