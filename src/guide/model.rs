//! The guide model: the serde types a guide file (`guides/*.ron`) is read into.
//!
//! Pure data, no I/O and no validation: [`super::load`] parses and validates. The file format is
//! documented, with a complete example, in `docs/guide-format.md`.

use crate::i18n::{BiText, Lang};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bilingual text as written in a guide file: `(en: "…", zh: "…")`.
///
/// RON field names cannot contain `-`, so the Simplified Chinese text is written `zh` in guide
/// files (the `zh-CN` of [`BiText`] everywhere else). A missing language reads as empty text,
/// which validation reports, so every missing translation is listed at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideText {
    /// English.
    #[serde(default)]
    pub en: String,
    /// Simplified Chinese (`zh-CN`).
    #[serde(default)]
    pub zh: String,
}

impl GuideText {
    /// Text in both languages.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        GuideText {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::ZhCn => &self.zh,
        }
    }

    /// The same text as a [`BiText`] (serde fields `en`, `zh-CN`).
    pub fn to_bitext(&self) -> BiText {
        BiText::new(self.en.clone(), self.zh.clone())
    }
}

/// One decision tree: a guide file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Stable id, e.g. `emv-error` (lowercase letters, digits, `-`, `_`, `.`).
    pub id: String,
    /// Version of the guide's content; a saved session records it.
    pub version: u32,
    /// Title shown in guide lists.
    pub title: GuideText,
    /// One or two sentences: when to use this guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<GuideText>,
    /// What the guide is: a troubleshooting guide (the default; routes are kept short) or a
    /// practice course (may be longer).
    #[serde(default, skip_serializing_if = "GuideKind::is_troubleshooting")]
    pub kind: GuideKind,
    /// Id of the first node.
    pub start: String,
    /// Every node, in any order.
    pub nodes: Vec<Node>,
}

impl Guide {
    /// The node with `id`.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id() == id)
    }

    /// The outcome nodes.
    pub fn outcomes(&self) -> impl Iterator<Item = &Outcome> {
        self.nodes.iter().filter_map(|n| match n {
            Node::Outcome(o) => Some(o),
            _ => None,
        })
    }
}

/// What a guide is for; it sets the longest route allowed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuideKind {
    /// Leads a person at the counter to a fix: no route longer than
    /// [`MAX_ROUTE_STEPS`](super::stats::MAX_ROUTE_STEPS) steps.
    #[default]
    Troubleshooting,
    /// A practice course for staff: routes may be longer.
    Course,
}

impl GuideKind {
    /// Whether this is [`GuideKind::Troubleshooting`].
    pub fn is_troubleshooting(&self) -> bool {
        *self == GuideKind::Troubleshooting
    }
}

/// What a node does, as far as the safety rules care (`tags: [restarts_terminal]`).
/// `guide check` enforces the rules on the graph, so a rewording cannot slip past them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// Asks whether transactions still wait to be uploaded, and says how（settlement, 结算）.
    PendingGate,
    /// Restarts, switches off, unplugs or resets a terminal: only after a `pending_gate`.
    RestartsTerminal,
    /// Tells the user to read a chip card's magnetic stripe: only after an answer tagged `abroad`.
    Magstripe,
    /// On an answer: the terminal is outside mainland China.
    Abroad,
    /// Checks the terminal's date and time.
    ChecksClock,
    /// Calls the card expired: only after a `checks_clock` node.
    ConcludesExpired,
    /// The result of a payment is unclear (timeout, no slip, "please query"); on a node, or on
    /// the answer that says so.
    UnclearResult,
    /// Queries or reprints the last transaction.
    QueriesLast,
    /// Tells the user to try the payment again: after an `unclear_result`, only behind a
    /// `queries_last` node (a second attempt can charge the customer twice).
    RetriesPayment,
    /// Splits an amount, waits out or switches terminals to get past risk control: never allowed.
    EvadesRiskControl,
}

impl Tag {
    /// The tag as written in a guide file.
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::PendingGate => "pending_gate",
            Tag::RestartsTerminal => "restarts_terminal",
            Tag::Magstripe => "magstripe",
            Tag::Abroad => "abroad",
            Tag::ChecksClock => "checks_clock",
            Tag::ConcludesExpired => "concludes_expired",
            Tag::UnclearResult => "unclear_result",
            Tag::QueriesLast => "queries_last",
            Tag::RetriesPayment => "retries_payment",
            Tag::EvadesRiskControl => "evades_risk_control",
        }
    }
}

/// One node of a guide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// Ask the user; each answer leads to a node.
    Question(Question),
    /// Run an automated check and branch on its result codes.
    Check(Check),
    /// Ask the user to do something, then "did it help?".
    Step(Step),
    /// The end: solved, or hand over to someone.
    Outcome(Outcome),
}

/// The kind of a node, as named in `guide graph` JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    /// [`Node::Question`].
    Question,
    /// [`Node::Check`].
    Check,
    /// [`Node::Step`].
    Step,
    /// [`Node::Outcome`].
    Outcome,
}

impl NodeKind {
    /// `question`, `check`, `step` or `outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Question => "question",
            NodeKind::Check => "check",
            NodeKind::Step => "step",
            NodeKind::Outcome => "outcome",
        }
    }
}

impl Node {
    /// The node's id.
    pub fn id(&self) -> &str {
        match self {
            Node::Question(n) => &n.id,
            Node::Check(n) => &n.id,
            Node::Step(n) => &n.id,
            Node::Outcome(n) => &n.id,
        }
    }

    /// The node's main text.
    pub fn text(&self) -> &GuideText {
        match self {
            Node::Question(n) => &n.text,
            Node::Check(n) => &n.text,
            Node::Step(n) => &n.text,
            Node::Outcome(n) => &n.text,
        }
    }

    /// The node's longer help, if any.
    pub fn help(&self) -> Option<&GuideText> {
        match self {
            Node::Question(n) => n.help.as_ref(),
            Node::Check(n) => n.help.as_ref(),
            Node::Step(n) => n.help.as_ref(),
            Node::Outcome(_) => None,
        }
    }

    /// The node's technical details (commands, error codes), if any.
    pub fn tech(&self) -> Option<&GuideText> {
        match self {
            Node::Question(n) => n.tech.as_ref(),
            Node::Check(n) => n.tech.as_ref(),
            Node::Step(n) => n.tech.as_ref(),
            Node::Outcome(n) => n.tech.as_ref(),
        }
    }

    /// The node's safety tags.
    pub fn tags(&self) -> &[Tag] {
        match self {
            Node::Question(n) => &n.tags,
            Node::Check(n) => &n.tags,
            Node::Step(n) => &n.tags,
            Node::Outcome(n) => &n.tags,
        }
    }

    /// Whether the node carries `tag`.
    pub fn has(&self, tag: Tag) -> bool {
        self.tags().contains(&tag)
    }

    /// The node's kind.
    pub fn kind(&self) -> NodeKind {
        match self {
            Node::Question(_) => NodeKind::Question,
            Node::Check(_) => NodeKind::Check,
            Node::Step(_) => NodeKind::Step,
            Node::Outcome(_) => NodeKind::Outcome,
        }
    }

    /// The ways out of this node, in order: what the user can pick (see [`Edge`]).
    pub fn edges(&self) -> Vec<Edge<'_>> {
        match self {
            Node::Question(q) => q
                .answers
                .iter()
                .map(|a| Edge {
                    label: EdgeLabel::Text(&a.label),
                    when: None,
                    to: &a.to,
                    tags: &a.tags,
                })
                .collect(),
            Node::Check(c) => c
                .branches
                .iter()
                .map(|b| Edge {
                    label: EdgeLabel::Text(&b.label),
                    when: Some(&b.when),
                    to: &b.to,
                    tags: &[],
                })
                .collect(),
            Node::Step(s) => vec![
                Edge {
                    label: EdgeLabel::Helped,
                    when: None,
                    to: &s.helped,
                    tags: &[],
                },
                Edge {
                    label: EdgeLabel::NotHelped,
                    when: None,
                    to: &s.not_helped,
                    tags: &[],
                },
            ],
            Node::Outcome(_) => Vec::new(),
        }
    }
}

/// A way out of a node: an answer, a check branch, or a step's yes/no.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge<'a> {
    /// What the user sees.
    pub label: EdgeLabel<'a>,
    /// For a check branch, the result codes that take it.
    pub when: Option<&'a [String]>,
    /// The node it leads to.
    pub to: &'a str,
    /// The answer's safety tags (empty for branches and steps).
    pub tags: &'a [Tag],
}

/// The label of an [`Edge`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EdgeLabel<'a> {
    /// Written in the guide.
    Text(&'a GuideText),
    /// A step's "yes, that fixed it".
    Helped,
    /// A step's "no, still failing".
    NotHelped,
}

/// The fixed label of a step's first way out.
pub const HELPED: crate::i18n::Text =
    crate::i18n::Text::new("Yes, that fixed it", "是的，问题已解决");
/// The fixed label of a step's second way out.
pub const NOT_HELPED: crate::i18n::Text =
    crate::i18n::Text::new("No, still failing", "没有，仍然失败");

impl EdgeLabel<'_> {
    /// The label in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            EdgeLabel::Text(t) => t.get(lang),
            EdgeLabel::Helped => HELPED.get(lang),
            EdgeLabel::NotHelped => NOT_HELPED.get(lang),
        }
    }

    /// The label in both languages.
    pub fn to_bitext(&self) -> BiText {
        match self {
            EdgeLabel::Text(t) => t.to_bitext(),
            EdgeLabel::Helped => HELPED.into(),
            EdgeLabel::NotHelped => NOT_HELPED.into(),
        }
    }
}

/// A question node: `Question(id: …, text: …, help: …, answers: [(label: …, to: …), …])`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Node id.
    pub id: String,
    /// The question.
    /// What the node does, for the safety rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    pub text: GuideText,
    /// Longer help: where to look, what the words mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<GuideText>,
    /// For technicians: commands, error codes, file paths and versions. Shown folded under
    /// "Technical details", never in the main text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tech: Option<GuideText>,
    /// The possible answers, in the order shown.
    pub answers: Vec<Answer>,
}

/// One answer to a question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// What the user picks.
    pub label: GuideText,
    /// The node it leads to.
    pub to: String,
    /// What picking it means, for the safety rules (`abroad`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

/// A check node: runs the automated check `check` and follows the first branch (in file order)
/// whose `when` lists one of the result codes. A result that matches no branch, or a check that
/// cannot run (result code `unavailable`), follows the branch whose `when` holds `unavailable`,
/// which every check node must have; there the user answers by hand. The user may also skip the
/// check and pick a branch by its label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Node id.
    pub id: String,
    /// What is being checked and what to do first (e.g. "insert the card in the reader").
    /// What the node does, for the safety rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    pub text: GuideText,
    /// Longer help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<GuideText>,
    /// For technicians: commands, error codes, file paths and versions. Shown folded under
    /// "Technical details", never in the main text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tech: Option<GuideText>,
    /// The check to run, e.g. `card.probe` (see `guide::checks::CHECKS`).
    pub check: String,
    /// Parameters of the check, e.g. `{"host": "pay.example.com:443"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// The branches, most specific first.
    pub branches: Vec<Branch>,
}

/// One branch of a check node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// Result codes that take this branch (any of them), e.g. `["app.expired", "card.blocked"]`.
    pub when: Vec<String>,
    /// What this branch means in words; also the answer a user picks when answering by hand.
    pub label: GuideText,
    /// The node it leads to.
    pub to: String,
}

/// A step node: an instruction, then "did it help?".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Node id.
    pub id: String,
    /// What to do.
    /// What the node does, for the safety rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    pub text: GuideText,
    /// Longer help: how exactly, what to watch out for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<GuideText>,
    /// For technicians: commands, error codes, file paths and versions. Shown folded under
    /// "Technical details", never in the main text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tech: Option<GuideText>,
    /// Where to go when it helped (usually a "solved" outcome).
    pub helped: String,
    /// Where to go when it did not.
    pub not_helped: String,
}

/// An outcome node: the end of a walk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Node id.
    pub id: String,
    /// What was found and what to do now.
    /// What the node does, for the safety rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    pub text: GuideText,
    /// The causes this outcome settles: codes from [`CAUSES`].
    pub covers: Vec<String>,
    /// Whom to call and what to tell them. Every outcome has this, `confirm`, or both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand_over: Option<HandOver>,
    /// How to make sure the fix worked (e.g. "run one small sale and check the slip").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<GuideText>,
    /// For technicians: commands, error codes, file paths and versions. Shown folded under
    /// "Technical details", never in the main text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tech: Option<GuideText>,
}

/// Whom to hand the problem to, and what to tell them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandOver {
    /// Who.
    pub to: Contact,
    /// What to tell them (the session report goes with it).
    pub tell: GuideText,
    /// What to send besides the report (photos of the screen or slip, the terminal's serial…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<GuideText>,
}

/// Who takes over a problem the shop cannot fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Contact {
    /// The acquirer or payment service provider that gave the shop its terminal contract.
    Acquirer,
    /// The card's bank (the cardholder calls the number on the back of the card).
    Issuer,
    /// The terminal vendor or its maintenance service.
    Vendor,
    /// The shop's internet or mobile network provider.
    NetworkProvider,
    /// The shop's own IT support (for the computer running EMV Doctor).
    ItSupport,
}

impl Contact {
    /// Who, in words.
    pub fn name(self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            Contact::Acquirer => Text::new(
                "the acquirer / payment service provider",
                "收单机构 / 支付服务商",
            ),
            Contact::Issuer => Text::new("the card's bank (issuer)", "发卡银行"),
            Contact::Vendor => Text::new("the terminal vendor", "终端厂商 / 维护商"),
            Contact::NetworkProvider => Text::new("the network provider", "网络运营商"),
            Contact::ItSupport => Text::new("IT support", "IT 支持人员"),
        }
    }
}

/// The causes an outcome may settle (`covers`): the whole vocabulary.
pub const CAUSES: &[&str] = &[
    "card.chip_magstripe_mismatch",
    "card.damaged",
    "card.expired_or_blocked",
    "card.not_supported",
    "reader.hardware",
    "reader.connection",
    "firmware.outdated",
    "software.outdated",
    "config.terminal",
    "network.unstable",
    "host.sign_in",
    "issuer.risk_control",
    "acquirer.risk_policy",
    "staff.training",
    "monitoring",
    "host.outage",
];

/// A cause in words, for people (the code itself belongs in the report's technical part).
pub fn cause_name(code: &str) -> Option<crate::i18n::Text> {
    use crate::i18n::Text;
    Some(match code {
        "card.chip_magstripe_mismatch" => Text::new(
            "the card's chip and stripe do not match what the terminal reads",
            "卡片芯片和磁条与终端的读法不匹配",
        ),
        "card.damaged" => Text::new("a damaged card or chip", "卡片或芯片损坏"),
        "card.expired_or_blocked" => Text::new(
            "the card is expired or blocked, or its PIN is locked",
            "卡片过期、被锁定或密码被锁",
        ),
        "card.not_supported" => Text::new(
            "a card type this terminal is not set up for",
            "终端没有开通这种卡",
        ),
        "reader.hardware" => Text::new(
            "a fault in the terminal's card reader or other hardware",
            "终端读卡器或其他硬件故障",
        ),
        "reader.connection" => Text::new(
            "a loose or faulty cable to the card reader or PIN pad",
            "读卡器或密码键盘的连接线松动或损坏",
        ),
        "firmware.outdated" => Text::new("outdated terminal firmware", "终端固件版本过旧"),
        "software.outdated" => {
            Text::new("outdated or faulty terminal software", "终端软件过旧或出错")
        }
        "config.terminal" => Text::new(
            "the terminal's settings (parameters, keys, date and time)",
            "终端设置问题（参数、密钥、日期时间）",
        ),
        "network.unstable" => Text::new(
            "a weak or unstable network connection",
            "网络不稳定或信号弱",
        ),
        "host.sign_in" => Text::new(
            "the terminal is not signed in or its keys are out of step",
            "终端没有签到或密钥不同步",
        ),
        "issuer.risk_control" => Text::new(
            "the card's bank refused the payment (its risk control)",
            "发卡银行拒绝了交易（银行风控）",
        ),
        "acquirer.risk_policy" => Text::new(
            "the acquirer's rules or risk control for your shop",
            "收单机构（给您装机的银行或支付公司）对商户的限制或风控",
        ),
        "staff.training" => Text::new("how the card was handled at the counter", "收银操作方法"),
        "monitoring" => Text::new(
            "a pattern that needs the transaction records to find",
            "需要查看交易记录才能找到的规律",
        ),
        "host.outage" => Text::new(
            "a fault at the acquirer's or the card network's system",
            "收单机构或银联系统故障",
        ),
        _ => return None,
    })
}
