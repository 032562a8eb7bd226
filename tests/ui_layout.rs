//! Layouts that fit: the window at small sizes and at 200 % text, in both languages, checked on
//! the rectangles AccessKit reports, as a user would see them.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ui_support;

use eframe::egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use emv_doctor::i18n::Lang;
use emv_doctor::ui::settings::Tab;
use emv_doctor::ui::{App, UiCommand, status_bar};
use ui_support::{options, window};

/// The window at `size` and `scale` text size, showing the main guide's first question.
fn guide_window(size: [f32; 2], lang: Lang, scale: f32) -> Harness<'static, App> {
    let mut h = window(size, options(lang));
    h.state_mut().command(UiCommand::SetTextScale(scale));
    h.state_mut()
        .command(UiCommand::StartGuide("emv-error".to_owned()));
    h.run_steps(4);
    assert_eq!(h.state().tab(), Tab::Guide);
    h
}

/// The window in the units node rectangles use (points, text size included).
fn screen(h: &Harness<'static, App>) -> Rect {
    h.ctx.content_rect()
}

/// The rectangle of the node whose label contains `text`.
fn rect_of(h: &Harness<'static, App>, text: &str) -> Rect {
    h.query_by_label_contains(text)
        .unwrap_or_else(|| panic!("{text:?} is not shown"))
        .rect()
}

/// The status bar's words, each shown whole inside the window; returns the top of the bar.
fn status_bar_fits(h: &Harness<'static, App>, what: &str) -> f32 {
    let state = h.state().state();
    let mut items = status_bar::card_items(state);
    items.push(status_bar::autosave_item(state));
    let screen = screen(h);
    let mut top = screen.max.y;
    for item in items {
        let r = rect_of(h, &item.text);
        assert!(
            screen.contains_rect(r),
            "{what}: status item {:?} at {r:?} is clipped by the window {screen:?}",
            item.text
        );
        top = top.min(r.min.y);
    }
    top
}

#[test]
fn all_first_answers_are_visible_at_1024_by_600() {
    for lang in Lang::ALL {
        let h = guide_window([1024.0, 600.0], lang, 1.0);
        let guide = h.state().state().library.get("emv-error").unwrap().clone();
        let first = guide.node(&guide.start).unwrap();
        let edges = first.edges();
        assert!(edges.len() >= 8, "{} answers", edges.len());
        let bottom = status_bar_fits(&h, "1024×600");
        for (i, e) in edges.iter().enumerate() {
            let label = format!("{}   {}", i + 1, e.label.get(lang));
            let r = rect_of(&h, &label);
            assert!(
                r.max.y <= bottom && r.min.y >= 0.0 && r.max.x <= screen(&h).max.x,
                "{lang:?}: answer {label:?} at {r:?} is not fully visible above the status bar at {bottom}"
            );
        }
    }
}

#[test]
fn status_bar_and_note_fit_at_800_by_600_and_at_double_text() {
    for (size, scale) in [
        ([800.0, 600.0], 1.0),
        ([1366.0, 768.0], 2.0),
        ([800.0, 600.0], 2.0),
    ] {
        for lang in Lang::ALL {
            let what = format!("{lang:?} {size:?} at {:.0} %", scale * 100.0);
            let mut h = guide_window(size, lang, scale);
            status_bar_fits(&h, &what);
            let (add, path) = match lang {
                Lang::En => ("Add note", "So far"),
                Lang::ZhCn => ("添加备注", "已完成的步骤"),
            };
            // The note row sits under the answers: scroll to it as a user would.
            h.get_by_label(add).scroll_to_me();
            h.run_steps(2);
            let note = rect_of(&h, add);
            let path = rect_of(&h, path);
            let screen = screen(&h);
            assert!(
                note.max.x <= screen.max.x,
                "{what}: the note button at {note:?} leaves the window {screen:?}"
            );
            let beside = path.min.x > screen.center().x;
            if beside {
                assert!(
                    note.max.x <= path.min.x,
                    "{what}: the note button at {note:?} overlaps the path beside it at {path:?}"
                );
            }
        }
    }
}
