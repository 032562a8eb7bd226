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

/// The font definitions EMV Doctor uses everywhere: egui's defaults with CJK fallbacks.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "cjk-subset".to_owned(),
        Arc::new(FontData::from_static(CJK_SUBSET)),
    );
    let mut fallbacks = vec!["cjk-subset".to_owned()];
    if let Some((path, index)) = SYSTEM_CJK
        .iter()
        .find(|(p, _)| std::path::Path::new(p).exists())
        && let Ok(bytes) = std::fs::read(path)
    {
        let mut data = FontData::from_owned(bytes);
        data.index = *index;
        fonts
            .font_data
            .insert("cjk-system".to_owned(), Arc::new(data));
        fallbacks.push("cjk-system".to_owned());
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.extend(fallbacks.iter().cloned());
    }
    fonts
}
