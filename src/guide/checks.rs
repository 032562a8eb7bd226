//! The registry of automated checks a guide's check node may run, and the result they hand back.
//!
//! Pure: this module only describes checks (id, parameters, possible result codes), builds the
//! [`CheckRequest`] a check node asks for, and carries results as data. Running a check for real
//! (PC/SC, network) is `crate::checks`.

use crate::finding::{Finding, FindingDef, card, finding_def as def, link, net, system};
use crate::i18n::{BiText, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The automated checks a guide may name; the serde names are the ids guides use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CheckId {
    /// `reader.present`: is a card reader connected?
    #[serde(rename = "reader.present")]
    ReaderPresent,
    /// `card.probe`: read the card (read-only) and judge it.
    #[serde(rename = "card.probe")]
    CardProbe,
    /// `net.host`: reach the payment host.
    #[serde(rename = "net.host")]
    NetHost,
    /// `net.clock`: compare the clock with a time server.
    #[serde(rename = "net.clock")]
    NetClock,
    /// `net.interface`: which link carries the traffic.
    #[serde(rename = "net.interface")]
    NetInterface,
    /// `system.os`: which system this computer runs.
    #[serde(rename = "system.os")]
    SystemOs,
}

impl CheckId {
    /// Every check, in registry order.
    pub const ALL: [CheckId; 6] = [
        CheckId::ReaderPresent,
        CheckId::CardProbe,
        CheckId::NetHost,
        CheckId::NetClock,
        CheckId::NetInterface,
        CheckId::SystemOs,
    ];

    /// The id guides use, e.g. `card.probe`.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::ReaderPresent => "reader.present",
            CheckId::CardProbe => "card.probe",
            CheckId::NetHost => "net.host",
            CheckId::NetClock => "net.clock",
            CheckId::NetInterface => "net.interface",
            CheckId::SystemOs => "system.os",
        }
    }

    /// The check called `id` in a guide.
    pub fn parse(id: &str) -> Option<CheckId> {
        CheckId::ALL.into_iter().find(|c| c.as_str() == id)
    }

    /// Its definition.
    pub fn def(self) -> &'static CheckDef {
        match self {
            CheckId::ReaderPresent => &CHECKS[0],
            CheckId::CardProbe => &CHECKS[1],
            CheckId::NetHost => &CHECKS[2],
            CheckId::NetClock => &CHECKS[3],
            CheckId::NetInterface => &CHECKS[4],
            CheckId::SystemOs => &CHECKS[5],
        }
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

def!(
    UNAVAILABLE,
    "unavailable",
    Info,
    "The check could not run",
    "无法进行此项检查",
    "Answer the question by hand instead.",
    "请改为手动回答该问题。"
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
    /// Stable id used in guides.
    pub id: CheckId,
    /// What it does, in a few words.
    pub title: Text,
    /// Parameters it accepts (all optional).
    pub params: &'static [ParamDef],
    /// The finding groups it can give, besides [`UNAVAILABLE`] (`crate::finding`).
    pub groups: &'static [&'static [FindingDef]],
    /// Result codes that mean "could not test here" (no service, no reader, no card, a refused
    /// command): a node's `unavailable` branch may stand for them.
    pub unavailable_covers: &'static [&'static str],
}

/// In a branch's `when`: every result code no other branch names (except `unavailable`).
pub const CATCH_ALL: &str = "*";

impl CheckDef {
    /// Every result code this check can give, [`UNAVAILABLE`] last.
    pub fn results(&self) -> Vec<&'static FindingDef> {
        let mut all: Vec<_> = self.groups.iter().flat_map(|g| g.iter()).collect();
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
        self.groups
            .iter()
            .flat_map(|g| g.iter())
            .map(|d| d.code)
            .filter(|c| !self.unavailable_covers.contains(c))
            .collect()
    }

    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&'static ParamDef> {
        self.params.iter().find(|p| p.name == name)
    }
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
            "要测试的支付主机，格式为 主机：端口（例如 pay.example.com:443）",
        ),
        valid: valid_host_port,
        ask: Some(Text::new(
            "Payment host to test, as host:port (in the terminal's network settings, or ask the acquirer); leave empty to skip:",
            "要测试的支付主机，格式 主机：端口（见终端网络设置，或询问收单机构）；留空则跳过：",
        )),
    },
    ParamDef {
        name: "tls",
        description: Text::new(
            "Whether to check the TLS handshake and certificate: true or false (default: true for port 443)",
            "是否检查TLS握手和证书：true 或 false（默认：端口443时为 true）",
        ),
        valid: valid_bool,
        ask: None,
    },
];

/// Every check a guide may name.
pub const CHECKS: &[CheckDef] = &[
    CheckDef {
        id: CheckId::ReaderPresent,
        title: Text::new(
            "Is a card reader connected to this computer?",
            "本电脑是否连接了读卡器？",
        ),
        params: &[],
        groups: &[card::READER],
        unavailable_covers: &["service.unavailable"],
    },
    CheckDef {
        id: CheckId::CardProbe,
        title: Text::new(
            "Read the card in the reader (read-only) and say what is wrong with it",
            "读取读卡器中的卡片（只读），判断问题所在",
        ),
        params: &[],
        groups: &[card::ALL],
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
        id: CheckId::NetHost,
        title: Text::new(
            "Can this network reach the payment host, and how well?",
            "本网络能否连通支付主机，质量如何？",
        ),
        params: HOST_PARAMS,
        groups: &[net::HOST],
        unavailable_covers: &[],
    },
    CheckDef {
        id: CheckId::NetClock,
        title: Text::new(
            "Is this computer's clock right (compared with a time server)?",
            "本电脑的时钟是否准确（与时间服务器对比）？",
        ),
        params: &[],
        groups: &[net::CLOCK],
        unavailable_covers: &[],
    },
    CheckDef {
        id: CheckId::NetInterface,
        title: Text::new(
            "Which network connection is this computer using (wired or wireless)?",
            "本电脑使用的是哪种网络连接（有线或无线）？",
        ),
        params: &[],
        groups: &[link::LINK],
        unavailable_covers: &[],
    },
    CheckDef {
        id: CheckId::SystemOs,
        title: Text::new(
            "Find out which system this computer runs",
            "查看这台电脑是什么系统",
        ),
        params: &[],
        groups: &[system::SYSTEM],
        unavailable_covers: &[],
    },
];

/// The check with `id`.
pub fn by_id(id: &str) -> Option<&'static CheckDef> {
    CheckId::parse(id).map(CheckId::def)
}

/// The definition of any result code a check can give.
pub fn result_def(code: &str) -> Option<&'static FindingDef> {
    CHECKS
        .iter()
        .flat_map(|c| c.results())
        .find(|d| d.code == code)
}

/// A check a front end is about to run: which one, and the parameters it declares, valid. Built
/// by [`CheckRequest::for_node`], the one way both the window and the command line ask for a
/// check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckRequest {
    /// Which check.
    pub id: CheckId,
    /// Its parameters: the guide's, then what the user typed for those it asks for.
    pub params: BTreeMap<String, String>,
}

impl CheckRequest {
    /// The request for check node `node`: the guide's `params` plus, for each parameter the check
    /// asks the user for and the guide leaves out, the answer in `given` (trimmed; empty means
    /// not given). Anything else in `given` is ignored, so what was typed for one check never
    /// reaches another. A check that cannot run this way gives its `unavailable` result, saying why.
    pub fn for_node(
        node: &crate::guide::model::Check,
        given: &BTreeMap<String, String>,
    ) -> Result<CheckRequest, Box<CheckResult>> {
        let Some(def) = by_id(&node.check) else {
            return Err(Box::new(CheckResult::unavailable(
                &node.check,
                node.params.clone(),
                BiText::new(
                    format!("EMV Doctor has no check called {:?}.", node.check),
                    format!("EMV Doctor 没有名为 {:?} 的检查。", node.check),
                ),
            )));
        };
        let mut params = node.params.clone();
        for p in def.params {
            if p.ask.is_some()
                && !params.contains_key(p.name)
                && let Some(v) = given
                    .get(p.name)
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
            {
                params.insert(p.name.to_owned(), v.to_owned());
            }
        }
        CheckRequest::new(def.id, params)
    }

    /// The request for check `id` with `params`, each of which it must declare, valid, and every
    /// parameter it cannot run without.
    pub fn new(
        id: CheckId,
        params: BTreeMap<String, String>,
    ) -> Result<CheckRequest, Box<CheckResult>> {
        let def = id.def();
        for (name, value) in &params {
            if !def.param(name).is_some_and(|p| (p.valid)(value)) {
                return Err(Box::new(CheckResult::unavailable(
                    id.as_str(),
                    params.clone(),
                    BiText::new(
                        format!("Parameter {name:?} = {value:?} is not valid for this check."),
                        format!("参数 {name:?} = {value:?} 对此检查无效。"),
                    ),
                )));
            }
        }
        if let Some(p) = def
            .params
            .iter()
            .find(|p| p.ask.is_some() && !params.contains_key(p.name))
        {
            return Err(Box::new(CheckResult::unavailable(
                id.as_str(),
                params,
                BiText::new(
                    format!("No {} was given, so the check did not run.", p.name),
                    format!("未提供 {}，未进行检查。", p.name),
                ),
            )));
        }
        Ok(CheckRequest { id, params })
    }

    /// The parameters the check asks the user for that `node` leaves out (the front end asks).
    pub fn asks(node: &crate::guide::model::Check) -> Vec<&'static ParamDef> {
        by_id(&node.check).map_or_else(Vec::new, |d| {
            d.params
                .iter()
                .filter(|p| p.ask.is_some() && !node.params.contains_key(p.name))
                .collect()
        })
    }
}

/// Where the full result of a check (the probe's APDU log, every connection attempt) is kept
/// in the session report, next to the step's [`CheckResult`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recorded {
    /// The report's card probe with this index.
    CardProbe(usize),
    /// The report's network or clock check with this index.
    NetCheck(usize),
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
    /// Where the report keeps the check's full result, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Recorded>,
}

impl CheckResult {
    /// A check that could not run, with the reason.
    pub fn unavailable(check: &str, params: BTreeMap<String, String>, reason: BiText) -> Self {
        CheckResult {
            check: check.to_owned(),
            params,
            findings: vec![Finding::new(&UNAVAILABLE, None)],
            summary: reason,
            recorded: None,
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
        assert!(by_id("system.os").unwrap().has_result("system.linux"));
        for id in CheckId::ALL {
            assert_eq!(id.def().id, id);
        }
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
