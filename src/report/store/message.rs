//! The save and open errors in plain words, in the user's language, for the window.

use super::{DecodeError, OpenError, SaveError};
use crate::i18n::{Lang, Text, io_error};

impl SaveError {
    /// What went wrong, in `lang`, with the file's name.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SaveError::Encode(_) => Text::new(
                "EMV Doctor could not write the report out (a fault in EMV Doctor; the file was not touched).",
                "EMV Doctor 无法生成报告内容（是 EMV Doctor 的问题，文件没有改动）。",
            )
            .get(lang)
            .to_owned(),
            SaveError::Gate(e) => e.message(lang),
            SaveError::Io { path, source } => {
                format!("{}: {}", path.display(), io_error(source, lang))
            }
        }
    }
}

impl OpenError {
    /// What went wrong, in `lang`, with the file's name.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OpenError::Io { path, source } => {
                format!("{}: {}", path.display(), io_error(source, lang))
            }
            OpenError::TooLarge { path, .. } => format!(
                "{}: {}",
                path.display(),
                Text::new(
                    "far too large to be a report (not a report, or damaged)",
                    "文件太大，不是报告（或已损坏）",
                )
                .get(lang)
            ),
            OpenError::NotText { path, .. } => format!(
                "{}: {}",
                path.display(),
                Text::new("not a report (not text)", "不是报告（不是文本文件）").get(lang)
            ),
            OpenError::Decode { path, source } => {
                format!("{}: {}", path.display(), source.message(lang))
            }
            OpenError::Unexportable { path, source } => {
                format!("{}: {}", path.display(), source.message(lang))
            }
        }
    }
}

impl DecodeError {
    /// What is wrong with the report's text, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DecodeError::Invalid { line, column, .. } => match lang {
                Lang::En => {
                    format!("damaged or edited by hand: problem at line {line}, column {column}")
                }
                Lang::ZhCn => format!("文件已损坏或被手工改过：第 {line} 行第 {column} 列有问题"),
            },
            DecodeError::NewerVersion { .. } => Text::new(
                "written by a newer EMV Doctor: update EMV Doctor to open it",
                "由更新版本的 EMV Doctor 保存：请先升级 EMV Doctor",
            )
            .get(lang)
            .to_owned(),
            DecodeError::NoteTooLong(e) => e.message(lang),
            DecodeError::UnknownVersion(_) => Text::new(
                "not a report EMV Doctor knows (unknown format version)",
                "不是 EMV Doctor 认识的报告（格式版本未知）",
            )
            .get(lang)
            .to_owned(),
        }
    }
}
