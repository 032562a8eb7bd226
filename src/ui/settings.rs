//! What the app remembers between runs: only user choices, never reader or card state.
//! Precedence: the command line over saved settings over defaults.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The main window's pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    /// Probe a card in a reader.
    #[default]
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
    pub const ALL: [Tab; 5] = [
        Tab::Card,
        Tab::Guide,
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
}

impl Settings {
    /// The key under which eframe stores the settings.
    pub const KEY: &'static str = "emv-doctor.settings";
}
