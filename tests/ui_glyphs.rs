//! Every fixed string the app can show (each `Text` and string in the sources outside unit
//! tests, every string of the guides) draws with the fonts compiled into EMV Doctor alone: no
//! missing-glyph boxes on a computer without Chinese fonts.

mod source_support;

use eframe::egui;
use emv_doctor::guide::library::load_all;
use source_support::{literals, project_sources};
use std::collections::BTreeSet;

/// The characters of a literal as written in the source, escapes left out.
fn chars_of(lit: &str) -> impl Iterator<Item = char> + '_ {
    let mut escaped = false;
    lit.chars().filter(move |&c| {
        let keep = !escaped && c != '\\';
        escaped = !escaped && c == '\\';
        keep
    })
}

#[test]
fn every_text_and_guide_string_has_its_glyphs_in_the_bundled_fonts() {
    let mut wanted: BTreeSet<char> = BTreeSet::new();
    let mut strings = 0;
    for path in project_sources() {
        let text = std::fs::read_to_string(&path).unwrap();
        // Unit tests come last in a file (clippy's items_after_test_module); their strings are
        // test data (hostile input in other scripts), never shown.
        let shown = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        for (_, lit) in literals(shown) {
            strings += 1;
            wanted.extend(chars_of(&lit).filter(|c| !c.is_control()));
        }
    }
    // The guides as the app loads them (built-in ones), every text they hold.
    let library = load_all(None);
    for entry in &library.entries {
        let json = serde_json::to_string(&entry.guide).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::String(s) => {
                    wanted.extend(s.chars().filter(|c| !c.is_control()))
                }
                serde_json::Value::Array(a) => stack.extend(a),
                serde_json::Value::Object(o) => stack.extend(o.into_values()),
                _ => {}
            }
        }
    }
    assert!(strings > 1000, "only {strings} strings found");
    assert!(wanted.contains(&'诊'), "the Chinese text was found");

    let ctx = egui::Context::default();
    ctx.set_fonts(emv_doctor::ui::fonts::bundled());
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let font = egui::FontId::proportional(14.0);
    let missing: String = ctx.fonts_mut(|f| {
        wanted
            .iter()
            .filter(|c| !c.is_whitespace() && !f.has_glyph(&font, **c))
            .collect()
    });
    assert!(
        missing.is_empty(),
        "no glyph in the bundled fonts for: {missing}"
    );

    // The check itself can fail: a character outside the fonts is reported.
    let rare = '𠀀';
    assert!(!ctx.fonts_mut(|f| f.has_glyph(&font, rare)));
}
