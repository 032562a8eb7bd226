//! Languages and bilingual text.
//!
//! Every piece of human text in EMV Doctor exists in English and Simplified Chinese. Static
//! text (decoders, findings) is a [`Text`] of two `&'static str`; text loaded from files
//! (guides, reports) is a [`BiText`] of two owned strings. Both are chosen with a [`Lang`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language the UI, the guides and the reports are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    /// Both languages, in menu order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag used on the command line and in files (`en`, `zh-CN`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The colon that ends a label: `": "` in English, the full-width `"："` in Chinese.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::En => ": ",
            Lang::ZhCn => "：",
        }
    }

    /// The language's own name, for a language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    /// The language of a locale tag such as `zh_CN.UTF-8`, `zh-Hans-CN` or `en-US`:
    /// any Chinese locale gives Simplified Chinese, anything else English.
    pub fn from_locale(locale: &str) -> Lang {
        let lower = locale.to_ascii_lowercase();
        if lower.starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }

    /// The language of the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG` on Unix, the user
    /// locale on Windows and macOS), English when it cannot be read.
    pub fn from_system() -> Lang {
        sys_locale::get_locale()
            .map(|l| Lang::from_locale(&l))
            .unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The error for a language tag EMV Doctor has no text for.
#[derive(Debug, thiserror::Error)]
#[error("unknown language {0:?}: use \"en\" or \"zh-CN\"")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            "zh-cn" | "zh" | "zh-hans" | "zh-hans-cn" => Ok(Lang::ZhCn),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

/// Static bilingual text, written next to the code that owns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Text {
    /// Text in both languages.
    pub const fn new(en: &'static str, zh: &'static str) -> Self {
        Text { en, zh }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::ZhCn => self.zh,
        }
    }
}

/// Owned bilingual text, as stored in guides and reports (`(en: "...", zh-CN: "...")`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BiText {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    pub zh: String,
}

impl BiText {
    /// Owned text in both languages.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        BiText {
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
}

impl From<Text> for BiText {
    fn from(t: Text) -> Self {
        BiText::new(t.en, t.zh)
    }
}

/// What an I/O failure means for the user, in `lang` (the cause, not the file: the caller names
/// the file).
pub fn io_error(e: &std::io::Error, lang: Lang) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => Text::new("the file or folder does not exist", "文件或文件夹不存在"),
        K::PermissionDenied => Text::new("no permission to use this place", "没有权限使用这个位置"),
        K::StorageFull => Text::new("the disk is full", "磁盘已满"),
        K::ReadOnlyFilesystem => Text::new(
            "the disk is read-only (or the USB stick was pulled out)",
            "磁盘是只读的（或 U 盘已拔出）",
        ),
        K::AlreadyExists => Text::new("something else is already there", "那里已经有别的东西"),
        K::IsADirectory => Text::new("that is a folder, not a file", "那是文件夹，不是文件"),
        K::NotADirectory => Text::new(
            "a part of the path is not a folder",
            "路径中有一部分不是文件夹",
        ),
        K::InvalidData => Text::new("the file is damaged", "文件已损坏"),
        _ => Text::new(
            "the disk could not be used (is it still plugged in?)",
            "无法使用磁盘（是否还插着？）",
        ),
    }
    .get(lang)
}

/// An error and its causes on one line, each once, joined by `: ` (as `anyhow` prints `{:#}`).
/// Library errors leave their source out of their own message, so this is how a place that
/// shows one as plain text gives the whole story.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut line = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        line.push_str(": ");
        line.push_str(&c.to_string());
        cause = c.source();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_chain_names_each_cause_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("cannot read report.emvdoc.ron")]
        struct Outer(#[source] std::io::Error);
        let e = Outer(std::io::Error::new(std::io::ErrorKind::NotFound, "gone"));
        assert_eq!(error_chain(&e), "cannot read report.emvdoc.ron: gone");
    }

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::ZhCn);
        assert_eq!(Lang::from_locale("zh-Hans-CN"), Lang::ZhCn);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }

    #[test]
    fn tags_parse() {
        assert_eq!("zh-CN".parse::<Lang>().unwrap(), Lang::ZhCn);
        assert_eq!("zh_cn".parse::<Lang>().unwrap(), Lang::ZhCn);
        assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
        assert!("fr".parse::<Lang>().is_err());
    }
}
