//! Findings: the verdicts EMV Doctor reaches, shared by the card probe and the network checks.
//!
//! A finding has a stable `code` (support scripts and guides branch on it, so codes never
//! change), a severity, a one-line title and one next step, each in both languages. The
//! definitions live here in named groups, one leaf per area: [`card`], [`net`], [`link`], [`monitor`], [`system`].

use crate::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Nothing wrong.
    Ok,
    /// Worth knowing, not a fault.
    Info,
    /// May cause failures.
    Warning,
    /// Will cause failures.
    Error,
}

impl Severity {
    /// The lowercase name used in JSON (`ok`, `info`, `warning`, `error`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Ok => "ok",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Ok => Text::new("OK", "正常"),
            Severity::Info => Text::new("Info", "提示"),
            Severity::Warning => Text::new("Warning", "警告"),
            Severity::Error => Text::new("Error", "错误"),
        }
        .get(lang)
    }
}

/// The fixed text of one finding code: what it is and what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingDef {
    /// Stable code, e.g. `card.blocked`.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// One-line title.
    pub title: Text,
    /// The one next step a shop owner can act on.
    pub advice: Text,
}

/// Declares a `pub const NAME: FindingDef` with its code, severity, and title and advice in
/// English and Simplified Chinese: `finding_def!(CARD_OK, "card.ok", Ok, "title", "标题",
/// "advice", "建议");`. Used by every module that owns finding codes.
macro_rules! finding_def {
    ($name:ident, $code:literal, $sev:ident, $ten:literal, $tzh:literal, $aen:literal, $azh:literal) => {
        #[doc = concat!("`", $code, "`: ", $ten)]
        pub const $name: $crate::finding::FindingDef = $crate::finding::FindingDef {
            code: $code,
            severity: $crate::finding::Severity::$sev,
            title: $crate::i18n::Text::new($ten, $tzh),
            advice: $crate::i18n::Text::new($aen, $azh),
        };
    };
}
pub(crate) use finding_def;

pub mod card;
pub mod link;
pub mod monitor;
pub mod net;
pub mod system;

/// A finding reached for one card or one check, with optional detail (figures, the status word).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Stable code, e.g. `card.blocked`.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// One-line title, English.
    pub title_en: String,
    /// One-line title, Simplified Chinese.
    pub title_zh: String,
    /// Next step, English.
    pub advice_en: String,
    /// Next step, Simplified Chinese.
    pub advice_zh: String,
    /// Extra facts behind the finding (e.g. "expired 2023-12", "loss 30 %"), language-neutral.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Finding {
    /// A finding from its definition, with optional detail.
    pub fn new(def: &FindingDef, detail: Option<String>) -> Self {
        Finding {
            code: def.code.to_owned(),
            severity: def.severity,
            title_en: def.title.en.to_owned(),
            title_zh: def.title.zh.to_owned(),
            advice_en: def.advice.en.to_owned(),
            advice_zh: def.advice.zh.to_owned(),
            detail,
        }
    }

    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.title_en,
            Lang::ZhCn => &self.title_zh,
        }
    }

    /// The advice in `lang`.
    pub fn advice(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.advice_en,
            Lang::ZhCn => &self.advice_zh,
        }
    }

    /// The JSON object the command-line contracts use:
    /// `{"code":C,"severity":S,"title":T,"advice":T}` in `lang`, plus `detail` when present.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut v = serde_json::json!({
            "code": self.code,
            "severity": self.severity.as_str(),
            "title": self.title(lang),
            "advice": self.advice(lang),
        });
        if let Some(d) = &self.detail {
            v["detail"] = serde_json::Value::String(d.clone());
        }
        v
    }
}
