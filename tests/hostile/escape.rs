//! Escaping: markup in any field stays text in Markdown and HTML, and control characters and
//! bidi overrides reach no export raw.

use super::report_support::full_report_with_probe;
use super::support::every_output;
use emv_doctor::i18n::Lang;
use emv_doctor::report::export::{self, ExportOptions, Format};

const HOSTILE: &str = "x`y``z <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) | \u{1b}[31m\u{7}\0 \u{202E}evil";

/// Issue item 5: every non-note field carries markup and control characters.
#[test]
fn markup_and_control_characters_in_any_field_stay_inert() {
    let mut r = full_report_with_probe(Lang::En);
    r.app_version = HOSTILE.into();
    r.computer.os = HOSTILE.into();
    r.computer.arch = HOSTILE.into();
    r.add_note(r.updated, HOSTILE);
    let p = &mut r.card_probes[0].report;
    p.atr = HOSTILE.into();
    p.reader = HOSTILE.into();
    p.applications[0].aid = HOSTILE.into();
    p.applications[0].label = Some(HOSTILE.into());
    p.findings[0].code = HOSTILE.into();
    if let Some(o) = r.guide_walks[0].outcome.as_mut() {
        o.covers = vec![HOSTILE.into()];
    }
    for (what, text) in every_output(&r) {
        for raw in ['\u{1b}', '\u{7}', '\0', '\u{202E}'] {
            assert!(!text.contains(raw), "{what} holds {raw:?} raw");
        }
    }
    let md = export::export(&r, Format::Markdown, &ExportOptions::for_report(&r)).unwrap();
    for raw in ["<script", "<img", "](", "[x"] {
        let live = md
            .match_indices(raw)
            .find(|(i, _)| !md[..*i].ends_with('\\') && !in_code_span(&md, *i));
        assert!(live.is_none(), "Markdown holds {raw:?} unescaped: {live:?}");
    }
    for line in md.lines().filter(|l| l.starts_with('|')) {
        // A table row has exactly its own pipes: 2 cells, 3 unescaped pipes.
        let unescaped = line
            .match_indices('|')
            .filter(|(i, _)| !line[..*i].ends_with('\\'))
            .count();
        assert_eq!(unescaped, 3, "a field broke the table: {line}");
    }
    // A code span's fence is longer than any backtick run inside it.
    assert!(md.contains("```x`y``z"), "{md}");
    let html = export::export(&r, Format::Html, &ExportOptions::for_report(&r)).unwrap();
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "HTML holds markup"
    );
    assert!(
        html.contains("\\u{202E}evil"),
        "the override is shown, not applied"
    );
    let json = export::export(&r, Format::Json, &ExportOptions::for_report(&r)).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON stays valid");
    let v = parsed["computer"]["os"].as_str().unwrap();
    assert!(v.contains("\\u{202E}evil"), "{v:?}");
}

/// Whether byte `at` of `md` sits inside an inline code span on its line (an odd number of
/// backtick fences before it).
fn in_code_span(md: &str, at: usize) -> bool {
    let line_start = md[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &md[line_start..at];
    let mut fences = 0;
    let mut prev = '\0';
    for c in before.chars() {
        if c == '`' && prev != '`' {
            fences += 1;
        }
        prev = c;
    }
    fences % 2 == 1
}
