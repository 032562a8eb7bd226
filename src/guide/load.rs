//! Reading a guide: parse the RON text, validate it, and report every problem at once with
//! `file:line:column`. A guide with any problem is never returned.

use super::locate::{Pos, SourceMap};
use super::model::Guide;
use super::validate;
use crate::i18n::Lang;
use ron::extensions::Extensions;
use std::fmt;

/// What is wrong at one place in a guide file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not a well-formed guide (RON syntax, a missing or unknown field).
    Syntax(String),
    /// The guide has no nodes.
    NoNodes,
    /// An id with characters other than lowercase letters, digits, `-`, `_`, `.`.
    BadId(String),
    /// Two nodes with the same id; where the first one is.
    DuplicateId {
        /// The id.
        id: String,
        /// Line of the first node with this id.
        first_line: usize,
        /// Column of the first node with this id.
        first_column: usize,
    },
    /// The file is larger than [`MAX_GUIDE_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
    },
    /// A check node leaves result codes of its check without a branch (and has no `"*"`).
    Unrouted {
        /// The node.
        node: String,
        /// The codes no branch takes.
        codes: Vec<String>,
    },
    /// An outcome that neither hands over nor says how to confirm the fix.
    NoHandOver(String),
    /// An ASCII punctuation mark next to Chinese characters.
    HalfWidthPunctuation(char),
    /// Chinese words in English text without an English gloss before them.
    Unglossed,
    /// Text that starts with the label it is shown under ("Tell them: Tell …").
    RepeatsLabel(String),
    /// A command, file path or error code in text people read; it belongs in `tech`.
    CommandInText(String),
    /// Routes from the start longer than the limit (troubleshooting guides).
    RouteTooLong {
        /// Steps of the longest route.
        longest: usize,
        /// How many routes are too long.
        over: u64,
        /// The limit in steps.
        limit: usize,
    },
    /// A safety rule broken at a node.
    Unsafe {
        /// The rule.
        rule: SafetyRule,
        /// The node.
        node: String,
    },
    /// `start` or a `to` names a node that does not exist.
    UnknownNode(String),
    /// No path from `start` leads to this node.
    Unreachable(String),
    /// No outcome can be reached from this node.
    NoWayToOutcome(String),
    /// Empty text in one language.
    MissingTranslation(Lang),
    /// A question without answers or a check without branches.
    NoAnswers(String),
    /// Two answers or branches of one node with the same label.
    DuplicateLabel(String),
    /// A check id the registry does not know.
    UnknownCheck(String),
    /// A parameter the check does not take.
    UnknownParam {
        /// The check.
        check: String,
        /// The parameter.
        param: String,
    },
    /// A parameter value of the wrong form.
    BadParam {
        /// The check.
        check: String,
        /// The parameter.
        param: String,
        /// The value.
        value: String,
    },
    /// A `when` code the check never gives.
    UnknownResult {
        /// The check.
        check: String,
        /// The code.
        code: String,
    },
    /// A branch with an empty `when` list.
    EmptyWhen,
    /// A check node without a branch for `unavailable`.
    NoUnavailableBranch(String),
    /// An outcome with an empty `covers` list.
    NoCovers(String),
    /// A `covers` code outside the cause vocabulary.
    UnknownCause(String),
}

/// The safety rules `guide check` enforces on the graph through node tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SafetyRule {
    /// A `restarts_terminal` node reachable without a `pending_gate` question on the way.
    RestartBeforeUpload,
    /// A `magstripe` node reachable without an answer tagged `abroad`.
    MagstripeInChina,
    /// A `concludes_expired` node reachable without a `checks_clock` node on the way.
    ExpiredBeforeClock,
    /// A `retries_payment` node reachable from an `unclear_result` without a `queries_last`.
    RetryBeforeQuery,
    /// A node tagged `evades_risk_control`.
    EvadesRiskControl,
}

impl SafetyRule {
    /// The rule in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            SafetyRule::RestartBeforeUpload => (
                "restarts the terminal before asking whether transactions still wait to be uploaded (tag pending_gate)",
                "在询问是否有未上送的交易（pending_gate）之前就让重启终端",
            ),
            SafetyRule::MagstripeInChina => (
                "advises reading a chip card's stripe without the answer that the terminal is outside mainland China (tag abroad)",
                "没有确认终端在中国大陆以外（abroad）就建议芯片卡刷磁条",
            ),
            SafetyRule::ExpiredBeforeClock => (
                "calls the card expired before the terminal's date and time are checked (tag checks_clock)",
                "没有先核对终端日期时间（checks_clock）就判断卡片过期",
            ),
            SafetyRule::RetryBeforeQuery => (
                "retries a payment after an unclear result without querying or reprinting the last transaction first (tag queries_last)",
                "交易结果不明时，没有先查询或重打上一笔交易（queries_last）就让重新收款",
            ),
            SafetyRule::EvadesRiskControl => (
                "advises getting round risk control (splitting amounts, waiting it out, another terminal)",
                "建议绕过风控（拆分金额、等一等再刷、换终端）",
            ),
        };
        if lang == Lang::ZhCn { zh } else { en }
    }
}

/// The largest guide file read (4 MiB): far above any real guide, small enough to check fast.
pub const MAX_GUIDE_BYTES: u64 = 4 * 1024 * 1024;

impl ErrorKind {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            ErrorKind::Syntax(e) if zh => format!("不是有效的指南文件：{e}"),
            ErrorKind::Syntax(e) => format!("not a valid guide file: {e}"),
            ErrorKind::NoNodes if zh => "指南没有任何节点".to_owned(),
            ErrorKind::NoNodes => "the guide has no nodes".to_owned(),
            ErrorKind::BadId(id) if zh => {
                format!("无效的 id {id:?}：只能使用小写字母、数字、-、_、.")
            }
            ErrorKind::BadId(id) => {
                format!("bad id {id:?}: use lowercase letters, digits, '-', '_', '.'")
            }
            ErrorKind::DuplicateId {
                id,
                first_line,
                first_column,
            } if zh => format!("重复的节点 id {id:?}（第一个在 {first_line}:{first_column}）"),
            ErrorKind::DuplicateId {
                id,
                first_line,
                first_column,
            } => format!("duplicate node id {id:?} (first at {first_line}:{first_column})"),
            ErrorKind::TooLarge { bytes } if zh => {
                format!("指南文件太大（{bytes} 字节，上限 {MAX_GUIDE_BYTES} 字节）")
            }
            ErrorKind::TooLarge { bytes } => format!(
                "the guide file is too large ({bytes} bytes; the limit is {MAX_GUIDE_BYTES})"
            ),
            ErrorKind::Unrouted { node, codes } if zh => format!(
                "检查节点 {node:?} 没有分支接收这些结果：{}（为它们加分支，或加一个 when: [\"*\"] 的分支）",
                codes.join("、")
            ),
            ErrorKind::Unrouted { node, codes } => format!(
                "check node {node:?} routes no branch for: {} (add them to a branch, or add a catch-all branch with when: [\"*\"])",
                codes.join(", ")
            ),
            ErrorKind::NoHandOver(id) if zh => format!(
                "结果 {id:?} 既没有 hand_over（找谁、说什么），也没有 confirm（怎样确认已修好）"
            ),
            ErrorKind::NoHandOver(id) => format!(
                "outcome {id:?} has neither a hand_over (who to call, what to say) nor a confirm (how to check the fix worked)"
            ),
            ErrorKind::HalfWidthPunctuation(c) if zh => {
                format!("中文旁边用了半角标点 {c:?}，请用全角（，。：？（）；！）")
            }
            ErrorKind::HalfWidthPunctuation(c) => format!(
                "ASCII {c:?} next to Chinese characters: use full-width punctuation (，。：？（）；！)"
            ),
            ErrorKind::Unglossed if zh => {
                "英文文本里的中文词要跟在对应的英文后面，用括号括起来".to_owned()
            }
            ErrorKind::Unglossed => {
                "Chinese words in English text need an English gloss first, e.g. Sign in（签到）"
                    .to_owned()
            }
            ErrorKind::RepeatsLabel(w) if zh => {
                format!("文本以 {w:?} 开头，和显示时的标签重复")
            }
            ErrorKind::RepeatsLabel(w) => {
                format!("the text starts with {w:?}, which repeats the label it is shown under")
            }
            ErrorKind::CommandInText(w) if zh => {
                format!("正文里有命令、路径或错误代码 {w:?}：请放到 tech（技术详情）里")
            }
            ErrorKind::CommandInText(w) => format!(
                "{w:?} is a command, file path or error code: put it in tech (technical details), not in the text people read"
            ),
            ErrorKind::RouteTooLong {
                longest,
                over,
                limit,
            } if zh => format!(
                "有 {over} 条路线超过 {limit} 步（最长 {longest} 步）；排障指南的每条路线都不能超过 {limit} 步"
            ),
            ErrorKind::RouteTooLong {
                longest,
                over,
                limit,
            } => format!(
                "{over} routes take more than {limit} steps (longest {longest}); no route of a troubleshooting guide may"
            ),
            ErrorKind::Unsafe { rule, node } if zh => {
                format!("节点 {node:?} 违反安全规则：{}", rule.text(lang))
            }
            ErrorKind::Unsafe { rule, node } => {
                format!("node {node:?} breaks a safety rule: it {}", rule.text(lang))
            }
            ErrorKind::UnknownNode(id) if zh => format!("未知节点 {id:?}"),
            ErrorKind::UnknownNode(id) => format!("unknown node {id:?}"),
            ErrorKind::Unreachable(id) if zh => format!("节点 {id:?} 无法从起点到达"),
            ErrorKind::Unreachable(id) => format!("node {id:?} cannot be reached from start"),
            ErrorKind::NoWayToOutcome(id) if zh => format!("从节点 {id:?} 无法到达任何结果"),
            ErrorKind::NoWayToOutcome(id) => format!("no outcome can be reached from node {id:?}"),
            ErrorKind::MissingTranslation(l) if zh => format!("缺少 {} 文本", lang_field_zh(*l)),
            ErrorKind::MissingTranslation(l) => format!("missing {} text", lang_field(*l)),
            ErrorKind::NoAnswers(id) if zh => format!("节点 {id:?} 没有任何答案或分支"),
            ErrorKind::NoAnswers(id) => format!("node {id:?} has no answers or branches"),
            ErrorKind::DuplicateLabel(l) if zh => format!("同一节点中有重复的标签 {l:?}"),
            ErrorKind::DuplicateLabel(l) => {
                format!("another answer of this node has the label {l:?}")
            }
            ErrorKind::UnknownCheck(c) if zh => format!("未知检查 {c:?}"),
            ErrorKind::UnknownCheck(c) => format!("unknown check {c:?}"),
            ErrorKind::UnknownParam { check, param } if zh => {
                format!("检查 {check:?} 不接受参数 {param:?}")
            }
            ErrorKind::UnknownParam { check, param } => {
                format!("check {check:?} takes no parameter {param:?}")
            }
            ErrorKind::BadParam {
                check,
                param,
                value,
            } if zh => format!("检查 {check:?} 的参数 {param:?} 格式错误：{value:?}"),
            ErrorKind::BadParam {
                check,
                param,
                value,
            } => format!("bad value {value:?} for parameter {param:?} of check {check:?}"),
            ErrorKind::UnknownResult { check, code } if zh => {
                format!("检查 {check:?} 不会给出结果 {code:?}")
            }
            ErrorKind::UnknownResult { check, code } => {
                format!("check {check:?} never gives result {code:?}")
            }
            ErrorKind::EmptyWhen if zh => "分支的 when 列表为空".to_owned(),
            ErrorKind::EmptyWhen => "branch with an empty `when` list".to_owned(),
            ErrorKind::NoUnavailableBranch(id) if zh => {
                format!("检查节点 {id:?} 缺少 \"unavailable\" 分支（无法检查时手动回答）")
            }
            ErrorKind::NoUnavailableBranch(id) => format!(
                "check node {id:?} has no branch for \"unavailable\" (the user answers by hand)"
            ),
            ErrorKind::NoCovers(id) if zh => format!("结果 {id:?} 的 covers 为空"),
            ErrorKind::NoCovers(id) => format!("outcome {id:?} covers no cause"),
            ErrorKind::UnknownCause(c) if zh => format!("未知原因代码 {c:?}"),
            ErrorKind::UnknownCause(c) => format!("unknown cause {c:?}"),
        }
    }
}

fn lang_field_zh(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "`en`（英文）",
        Lang::ZhCn => "`zh`（简体中文）",
    }
}

fn lang_field(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "`en` (English)",
        Lang::ZhCn => "`zh` (Simplified Chinese)",
    }
}

/// One problem in a guide file. Displays as `file:line:column: message` (English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuideError {
    /// The file name given to [`load`].
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub kind: ErrorKind,
}

impl GuideError {
    /// `file:line:column: message` in `lang`.
    pub fn display(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            self.kind.message(lang)
        )
    }
}

impl fmt::Display for GuideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(Lang::En))
    }
}

impl std::error::Error for GuideError {}

/// Every problem found in one guide file, in file order (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuideErrors(pub Vec<GuideError>);

impl fmt::Display for GuideErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GuideErrors {}

/// The RON options guides are read with: `Some(…)` may be left out around optional fields,
/// and a node is written `Question(id: …)` rather than `Question((id: …))`.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// Parses and validates the guide `text`; `name` (usually the file path) prefixes every error.
///
/// Either the whole guide, valid, or every problem found, each with its position.
pub fn load(name: &str, text: &str) -> Result<Guide, GuideErrors> {
    if text.len() as u64 > MAX_GUIDE_BYTES {
        return Err(GuideErrors(vec![GuideError {
            file: name.to_owned(),
            line: 1,
            column: 1,
            kind: ErrorKind::TooLarge {
                bytes: text.len() as u64,
            },
        }]));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let guide: Guide = match ron_options().from_str(text) {
        Ok(g) => g,
        Err(e) => {
            return Err(GuideErrors(vec![GuideError {
                file: name.to_owned(),
                line: e.span.start.line.max(1),
                column: e.span.start.col.max(1),
                kind: ErrorKind::Syntax(e.code.to_string()),
            }]));
        }
    };
    let found = validate::validate(&guide);
    if found.is_empty() {
        return Ok(guide);
    }
    // Positions are only needed to report problems, so the source is scanned only then.
    let map = SourceMap::scan(text);
    let mut problems: Vec<(Pos, ErrorKind)> = found
        .into_iter()
        .map(|p| {
            let mut pos = map.at(&p.path);
            if let Some(offset) = p.offset {
                pos = map.inside_string(text, pos, offset);
            }
            let mut kind = p.kind;
            if let (
                Some(rel),
                ErrorKind::DuplicateId {
                    first_line,
                    first_column,
                    ..
                },
            ) = (&p.related, &mut kind)
            {
                let first = map.at(rel);
                *first_line = first.line;
                *first_column = first.column;
            }
            (pos, kind)
        })
        .collect();
    problems.sort_by_key(|p| p.0);
    problems.dedup();
    Err(GuideErrors(
        problems
            .into_iter()
            .map(|(pos, kind)| GuideError {
                file: name.to_owned(),
                line: pos.line,
                column: pos.column,
                kind,
            })
            .collect(),
    ))
}
