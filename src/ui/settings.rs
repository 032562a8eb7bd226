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
    /// The decoder, for technicians.
    Tools,
    /// Language, look, text size, folders.
    Settings,
}

impl Tab {
    /// All pages, in the order they are shown.
    pub const ALL: [Tab; 8] = [
        Tab::Start,
        Tab::Guide,
        Tab::Card,
        Tab::Network,
        Tab::Monitoring,
        Tab::Report,
        Tab::Tools,
        Tab::Settings,
    ];
}

/// Light or dark look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Dark text on light ground (the default: easiest to read at a bright counter).
    #[default]
    Light,
    /// Light text on dark ground.
    Dark,
    /// Whatever the computer uses.
    System,
}

impl ThemeChoice {
    /// Every choice, in menu order.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::System];

    /// The egui preference for this choice.
    pub fn preference(self) -> eframe::egui::ThemePreference {
        match self {
            ThemeChoice::Light => eframe::egui::ThemePreference::Light,
            ThemeChoice::Dark => eframe::egui::ThemePreference::Dark,
            ThemeChoice::System => eframe::egui::ThemePreference::System,
        }
    }
}

/// The text sizes offered, as a factor of the normal size.
pub const TEXT_SCALES: [f32; 5] = [1.0, 1.25, 1.5, 1.75, 2.0];

/// A folder the app shows and can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folder {
    /// Where reports, exports and summary pictures are saved by default (Documents/EMV Doctor).
    Reports,
    /// EMV Doctor's own data: settings, window state, autosave, the user's guides.
    Data,
}

/// Persisted user settings; unknown or missing fields fall back to defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The language chosen in the app; `None` follows the system locale.
    pub lang: Option<Lang>,
    /// The page that was open last.
    pub tab: Tab,
    /// Reports saved or opened lately, newest first.
    pub recent: Vec<std::path::PathBuf>,
    /// Light, dark or the computer's look.
    pub theme: ThemeChoice,
    /// Text size, 1.0 (100 %) to 2.0 (200 %).
    pub text_scale: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: None,
            tab: Tab::default(),
            recent: Vec::new(),
            theme: ThemeChoice::default(),
            text_scale: 1.0,
        }
    }
}

/// How many recent reports the start page lists.
pub const RECENT_MAX: usize = 6;

impl Settings {
    /// The text size to use: the saved one, kept within 100–200 %.
    pub fn scale(&self) -> f32 {
        if self.text_scale.is_finite() {
            self.text_scale.clamp(1.0, 2.0)
        } else {
            1.0
        }
    }

    /// Puts `path` first in the recent reports (once), keeping at most [`RECENT_MAX`].
    pub fn remember(recent: &mut Vec<std::path::PathBuf>, path: &std::path::Path) {
        recent.retain(|p| p != path);
        recent.insert(0, path.to_path_buf());
        recent.truncate(RECENT_MAX);
    }

    /// The key under which eframe stores the settings.
    pub const KEY: &'static str = "emv-doctor.settings";
}
