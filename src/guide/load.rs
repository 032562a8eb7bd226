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
    /// Two nodes with the same id.
    DuplicateId(String),
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
            ErrorKind::DuplicateId(id) if zh => format!("重复的节点 id {id:?}"),
            ErrorKind::DuplicateId(id) => format!("duplicate node id {id:?}"),
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
        .map(|p| (map.at(&p.path), p.kind))
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
