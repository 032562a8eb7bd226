//! Session errors in plain words, in the user's language (no node ids: those are in the
//! technical details).

use super::session::SessionError;
use crate::i18n::{Lang, Text};

impl SessionError {
    /// What went wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let text = match self {
            SessionError::WrongGuide { .. } => Text::new(
                "This walk was made with another version of the guide.",
                "这次排查用的是另一个版本的指南。",
            ),
            SessionError::UnknownNode(_) | SessionError::BrokenHistory(_) => Text::new(
                "The guide has changed since this walk was made, so it cannot go on.",
                "指南在这次排查之后改过了，无法接着做。",
            ),
            SessionError::Finished => Text::new(
                "This walk is finished; start again to walk it once more.",
                "这次排查已经结束；如需再做一次，请重新开始。",
            ),
            SessionError::NoSuchAnswer { .. } => {
                Text::new("There is no such answer here.", "这里没有这个选项。")
            }
            SessionError::NotACheck(_) | SessionError::WrongCheck { .. } => Text::new(
                "A check result arrived after the walk had moved on; it was left out.",
                "检查结果到达时排查已经往下走了，结果未采用。",
            ),
            SessionError::NoBranch(_) => Text::new(
                "The guide has no answer for this check result; answer by hand.",
                "指南里没有对应这个检查结果的选项，请手动回答。",
            ),
        };
        text.get(lang).to_owned()
    }
}
