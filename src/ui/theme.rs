//! Look and feel: a light theme with large text (read at a counter, often at arm's length),
//! and the one place colours are chosen.

use crate::finding::Severity;
use eframe::egui::{self, Color32, FontFamily, FontId, TextStyle};

/// Installs the theme on a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(13.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(17.0, FontFamily::Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Button,
                FontId::new(17.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(24.0, FontFamily::Proportional),
            ),
        ]
        .into();
        style.spacing.button_padding = egui::vec2(10.0, 6.0);
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
    });
}

/// The colour of the one main action ("Start").
pub const ACCENT: Color32 = Color32::from_rgb(0x1f, 0x5f, 0xa8);

/// The training banner: a strong purple no verdict colour uses.
pub const TRAINING_FILL: Color32 = Color32::from_rgb(0x6a, 0x1b, 0x9a);

/// The colour that marks a severity (verdict banners, finding icons).
pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Ok => Color32::from_rgb(0x1b, 0x7f, 0x3b),
        Severity::Info => Color32::from_rgb(0x1f, 0x5f, 0xa8),
        Severity::Warning => Color32::from_rgb(0xa8, 0x62, 0x00),
        Severity::Error => Color32::from_rgb(0xb3, 0x1b, 0x1b),
    }
}

/// A pale background for a banner of that severity.
pub fn severity_fill(severity: Severity) -> Color32 {
    match severity {
        Severity::Ok => Color32::from_rgb(0xe3, 0xf4, 0xe7),
        Severity::Info => Color32::from_rgb(0xe4, 0xee, 0xfa),
        Severity::Warning => Color32::from_rgb(0xfd, 0xf0, 0xd9),
        Severity::Error => Color32::from_rgb(0xfb, 0xe3, 0xe3),
    }
}

/// A symbol that tells the severity without colour (colour-blind users, black-and-white print).
pub fn severity_symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Ok => "✓",
        Severity::Info => "ⓘ",
        Severity::Warning => "⚠",
        Severity::Error => "×",
    }
}
