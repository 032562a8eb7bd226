//! Fonts: egui's default fonts have no Chinese, so a subset of Noto Sans CJK SC (GB 2312 and CJK
//! punctuation, SIL Open Font License, see `assets/fonts/`) is compiled in and registered as a
//! fallback after the default fonts. Rare characters outside the subset (in a note someone typed)
//! fall back to a system Noto Sans CJK when one is installed.

use eframe::egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

const CJK_SUBSET: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-subset.otf");

/// System fonts tried as a last fallback, in order: (path, index inside a collection).
const SYSTEM_CJK: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
];

/// The fonts compiled into EMV Doctor: egui's defaults with the CJK subset as fallback. Every
/// fixed string the app shows must draw with these alone (a test checks it).
pub fn bundled() -> FontDefinitions {
    with_fallbacks(&[subset()])
}

fn subset() -> (&'static str, Arc<FontData>) {
    ("cjk-subset", Arc::new(FontData::from_static(CJK_SUBSET)))
}

fn with_fallbacks(extra: &[(&str, Arc<FontData>)]) -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    for (name, data) in extra {
        fonts.font_data.insert((*name).to_owned(), data.clone());
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push((*name).to_owned());
        }
    }
    fonts
}

/// The font definitions EMV Doctor uses everywhere: [`bundled`], then a system CJK font for
/// rare characters someone typed.
pub fn definitions() -> FontDefinitions {
    let mut extra = vec![subset()];
    if let Some((path, index)) = SYSTEM_CJK
        .iter()
        .find(|(p, _)| std::path::Path::new(p).exists())
        && let Ok(bytes) = std::fs::read(path)
    {
        let mut data = FontData::from_owned(bytes);
        data.index = *index;
        extra.push(("cjk-system", Arc::new(data)));
    }
    with_fallbacks(&extra)
}
