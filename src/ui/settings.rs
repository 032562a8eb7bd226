//! What the app remembers between runs: only user choices, never reader or card state.
//! Precedence: the command line over saved settings over defaults.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The main window's pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    /// The start page: what was found, the way in, recent reports.
    #[default]
    Start,
    /// Probe a card in a reader.
    Card,
    /// Walk a troubleshooting guide.
    Guide,
    /// Network and clock checks.
    Network,
    /// The session report: details, notes, save and export.
    Report,
    /// Transaction exports: where payment failures come from.
    Monitoring,
}

impl Tab {
    /// All pages, in the order they are shown.
    pub const ALL: [Tab; 6] = [
        Tab::Start,
        Tab::Guide,
        Tab::Card,
        Tab::Network,
        Tab::Monitoring,
        Tab::Report,
    ];
}

/// Persisted user settings; unknown or missing fields fall back to defaults.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The language chosen in the app; `None` follows the system locale.
    pub lang: Option<Lang>,
    /// The page that was open last.
    pub tab: Tab,
    /// Reports saved or opened lately, newest first.
    pub recent: Vec<std::path::PathBuf>,
}

/// How many recent reports the start page lists.
pub const RECENT_MAX: usize = 6;

impl Settings {
    /// Puts `path` first in the recent reports (once), keeping at most [`RECENT_MAX`].
    pub fn remember(recent: &mut Vec<std::path::PathBuf>, path: &std::path::Path) {
        recent.retain(|p| p != path);
        recent.insert(0, path.to_path_buf());
        recent.truncate(RECENT_MAX);
    }

    /// The key under which eframe stores the settings.
    pub const KEY: &'static str = "emv-doctor.settings";
}
