//! Fonts: egui's default fonts have no Chinese, so a subset of Noto Sans CJK SC (GB 2312 and CJK
//! punctuation, SIL Open Font License, see `assets/fonts/`) is compiled in and registered as a
//! fallback after the default fonts. Rare characters outside the subset (in a note someone typed,
//! a report or a guide) fall back to a system CJK font, which is read (about 20 MB) only when
//! such a character is first drawn; egui's emoji fonts are added the same way when a symbol
//! needs them ([`install_lazy_fallbacks`]).

use crate::report::picture::CJK_FONT;
use ab_glyph::Font as _;
use eframe::egui::epaint::text::{
    FallbackRequest, FontInsert, FontPriority, FontProvider, InsertFontFamily,
};
use eframe::egui::{self, FontData, FontDefinitions, FontFamily};
use std::sync::{Arc, Mutex, OnceLock};

/// System fonts tried as a last fallback, in order: (path, index inside a collection).
const SYSTEM_CJK: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
];

/// Whether `c` is written with a CJK font (Han, kana, Hangul, full-width forms).
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The fonts compiled into EMV Doctor: egui's defaults with the bundled CJK subset as fallback.
/// Every fixed string the app shows must draw with these alone (a test checks it); rarer
/// characters come from [`install_lazy_fallbacks`].
pub fn bundled() -> FontDefinitions {
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

/// Static symbol fonts egui bundles, offered only when a symbol none of the installed fonts has
/// is drawn (the in-window file dialog's icons): (name, bytes).
const SYMBOL_FONTS: &[(&str, &[u8])] = &[
    ("noto-emoji", epaint_default_fonts::NOTO_EMOJI_REGULAR),
    ("emoji-icons", epaint_default_fonts::EMOJI_ICON),
];

fn insert(name: &str, data: FontData) -> FontInsert {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    FontInsert::new(name, data, families)
}

/// Finds fonts only when egui meets a character no installed font has: a symbol from egui's
/// bundled symbol fonts, an East Asian character from the system CJK font (read, about 20 MB,
/// only then). Each font is installed at most once.
struct LazyFallback {
    installed: Mutex<Vec<&'static str>>,
}

impl LazyFallback {
    fn font_for(&self, c: char) -> Option<FontInsert> {
        let mut installed = self.installed.lock().ok()?;
        if is_cjk(c) {
            if installed.contains(&"cjk-system") {
                return None;
            }
            let data = system_font()?;
            installed.push("cjk-system");
            return Some(insert("cjk-system", data));
        }
        let (name, bytes) = SYMBOL_FONTS.iter().find(|(name, bytes)| {
            !installed.contains(name)
                && ab_glyph::FontRef::try_from_slice(bytes).is_ok_and(|f| f.glyph_id(c).0 != 0)
        })?;
        installed.push(name);
        Some(insert(name, FontData::from_static(bytes)))
    }
}

impl FontProvider for LazyFallback {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        self.font_for(request.cluster.chars().next()?)
    }
}

/// Lets egui find the fonts of [`LazyFallback`] when it needs them.
pub fn install_lazy_fallbacks(ctx: &egui::Context) {
    ctx.add_font_provider(Arc::new(LazyFallback {
        installed: Mutex::new(Vec::new()),
    }));
}
