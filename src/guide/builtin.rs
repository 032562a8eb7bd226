//! The guides compiled into the binary, so the app works from any folder. This list is the one
//! place that names them.

use super::load::{GuideErrors, load};
use super::model::Guide;

/// Every built-in guide: its path in the source tree and its text.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "guides/emv-error.ron",
        include_str!("../../guides/emv-error.ron"),
    ),
    (
        "guides/reader-setup.ron",
        include_str!("../../guides/reader-setup.ron"),
    ),
    (
        "guides/staff-training.ron",
        include_str!("../../guides/staff-training.ron"),
    ),
];

/// Loads and validates every built-in guide; the errors of every broken one.
pub fn load_all() -> (Vec<Guide>, Vec<GuideErrors>) {
    let mut guides = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in SOURCES {
        match load(name, text) {
            Ok(g) => guides.push(g),
            Err(e) => errors.push(e),
        }
    }
    (guides, errors)
}
