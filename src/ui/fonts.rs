//! Fonts: egui's default fonts have no Chinese, so a subset of Noto Sans CJK SC (GB 2312 and CJK
//! punctuation, SIL Open Font License, see `assets/fonts/`) is compiled in and registered as a
//! fallback after the default fonts. Rare characters outside the subset (in a note someone typed,
//! a report or a guide) fall back to a system CJK font, which is read (about 20 MB) only when
//! such a character is first drawn ([`install_system_fallback`]).

use crate::report::picture::CJK_FONT;
use eframe::egui::epaint::text::{FallbackRequest, FontInsert, FontPriority, InsertFontFamily};
use eframe::egui::{self, FontData, FontDefinitions, FontFamily};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// System fonts tried as a last fallback, in order: (path, index inside a collection).
const SYSTEM_CJK: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
];

/// The first code point the bundled subset is checked for: below it, egui's default fonts
/// (Latin, symbols, emoji) answer.
const FIRST_CJK: char = '\u{2e80}';

/// The font definitions EMV Doctor starts with: egui's defaults and the bundled CJK subset.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "cjk-subset".to_owned(),
        Arc::new(FontData::from_static(CJK_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("cjk-subset".to_owned());
    }
    fonts
}

/// The first system CJK font found, read once and kept for the life of the process.
fn system_font() -> Option<FontData> {
    static BYTES: OnceLock<Option<(&'static [u8], u32)>> = OnceLock::new();
    let (bytes, index) = (*BYTES.get_or_init(|| {
        SYSTEM_CJK.iter().find_map(|(path, index)| {
            let bytes: &'static [u8] = std::fs::read(path).ok()?.leak();
            Some((bytes, *index))
        })
    }))?;
    let mut data = FontData::from_static(bytes);
    data.index = index;
    Some(data)
}

/// Installs the system CJK font as a fallback the first time egui meets an East Asian
/// character no bundled font has, so the 20 MB are only read (once) when needed.
pub fn install_system_fallback(ctx: &egui::Context) {
    let installed = AtomicBool::new(false);
    ctx.add_font_provider(Arc::new(move |request: &FallbackRequest<'_>| {
        let c = request.cluster.chars().next()?;
        if c < FIRST_CJK || installed.load(Ordering::Relaxed) {
            return None;
        }
        let data = system_font()?;
        installed.store(true, Ordering::Relaxed);
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        Some(FontInsert::new("cjk-system", data, families))
    }));
}
