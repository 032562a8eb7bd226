//! Exports: the HTML page is self-contained and printable on A4 with the verdict first; the
//! Markdown and JSON carry the same facts; everything is in the report's language.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod report_support;

use emv_doctor::card::sim::scenarios::Scenario;
use emv_doctor::i18n::Lang;
use emv_doctor::report::Report;
use emv_doctor::report::export::{self, ExportOptions, Format};
use report_support::{at, full_report};

fn html(r: &Report) -> String {
    export::export(r, Format::Html, &ExportOptions::for_report(r)).unwrap()
}

#[test]
fn html_is_self_contained_and_printable() {
    let page = html(&full_report(Lang::En));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("@page { size: A4;"));
    assert!(page.contains("@media print"));
    for external in [
        "<script",
        "<link",
        "src=",
        "url(",
        "@import",
        "http://",
        "https://",
        "@font-face",
    ] {
        assert!(
            !page.contains(external),
            "external or active content: {external}"
        );
    }
}

#[test]
fn verdict_comes_first_then_the_details() {
    let page = html(&full_report(Lang::En));
    let pos = |s: &str| page.find(s).unwrap_or_else(|| panic!("missing {s}"));
    let verdict = pos("What is wrong");
    assert!(verdict < pos("What to do next"));
    assert!(pos("What to do next") < pos("Who to call"));
    assert!(pos("Who to call") < pos("Guided checks"));
    assert!(pos("Guided checks") < pos("Network and clock checks"));
    assert!(pos("Network and clock checks") < pos("Shop and terminal"));
    assert!(page.contains("Payment host pos.example-acquirer.cn:443"));
    assert!(page.contains("Offset from NTP -412 ms") || page.contains("Offset from NTP -413 ms"));
    assert!(pos("Shop and terminal") < pos("<h2>Notes"));
    assert!(
        page.contains("The card&#39;s chip does not answer")
            || page.contains("The card's chip does not answer")
    );
}

#[test]
fn guide_walk_shows_path_answers_checks_notes_and_outcome() {
    let r = full_report(Lang::En);
    let page = html(&r);
    for expected in [
        "Does it happen with every card, or only one?",
        "Only this card",
        "card.probe",
        "The chip gave no answer to reset.",
        "card.mute",
        "no ATR within 1.5 s",
        "Card inserted chip first, twice.",
        "The chip is damaged. Take another card.",
        "the card's bank (issuer)",
        "card.damaged",
        "09:22:00",
    ] {
        let escaped = expected.replace('\'', "&#39;");
        assert!(
            page.contains(expected) || page.contains(&escaped),
            "HTML lacks {expected:?}"
        );
    }
    let md = export::export(&r, Format::Markdown, &ExportOptions::for_report(&r)).unwrap();
    assert!(md.contains("Only this card") && md.contains("`card.mute`"));
}

#[test]
fn exports_follow_the_report_language() {
    let r = full_report(Lang::ZhCn);
    let page = html(&r);
    assert!(page.contains("<html lang=\"zh-CN\">"));
    assert!(page.contains("结论") && page.contains("卡片芯片无应答"));
    assert!(page.contains("是所有卡都失败"), "guide text in Chinese");
    let md = export::export(&r, Format::Markdown, &ExportOptions::for_report(&r)).unwrap();
    assert!(md.contains("## 结论"));
}

#[test]
fn json_follows_the_documented_schema() {
    let r = full_report(Lang::En);
    let text = export::export(&r, Format::Json, &ExportOptions::for_report(&r)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema"], "emv-doctor.report");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["format_version"], emv_doctor::report::FORMAT_VERSION);
    assert_eq!(v["lang"], "en");
    assert_eq!(v["created"], "2025-03-01T09:12:00+08:00");
    assert_eq!(v["verdict"]["severity"], "error");
    assert_eq!(v["findings"][0]["code"], "card.mute");
    let walk = &v["guide_walks"][0];
    assert_eq!(walk["guide"], "chip-quick");
    assert_eq!(walk["finished"], true);
    assert_eq!(walk["steps"][0]["answer"]["by"], "user");
    assert_eq!(walk["steps"][1]["answer"]["by"], "check");
    assert_eq!(
        walk["steps"][1]["check"]["findings"][0]["severity"],
        "error"
    );
    assert_eq!(walk["outcome"]["hand_over"]["to"], "issuer");
    assert_eq!(walk["notes"][0]["node"], "probe");
    assert_eq!(v["notes"].as_array().unwrap().len(), 2);
    assert_eq!(v["shop"]["terminal_model"], "A920 Pro");
    assert_eq!(v["net_checks"][0]["kind"], "host");
    assert_eq!(v["net_checks"][0]["result"]["tcp"]["avg_ms"], 21.5);
    assert_eq!(
        v["net_checks"][0]["result"]["findings"][0]["code"],
        "net.ok"
    );
    assert_eq!(v["net_checks"][1]["kind"], "clock");
    assert_eq!(v["net_checks"][1]["result"]["offset_ms"], -412.5);
    // Deterministic: the same report gives the same bytes.
    assert_eq!(
        text,
        export::export(&r, Format::Json, &ExportOptions::for_report(&r)).unwrap()
    );
}

#[test]
fn empty_report_exports_cleanly() {
    let r = Report::new(at("08:00"), Lang::En);
    let page = html(&r);
    assert!(page.contains("No conclusion recorded yet."));
    assert!(page.contains("not given"));
    assert!(!page.contains("Guided checks"));
    let v: serde_json::Value = serde_json::from_str(
        &export::export(&r, Format::Json, &ExportOptions::for_report(&r)).unwrap(),
    )
    .unwrap();
    assert_eq!(v["verdict"]["severity"], serde_json::Value::Null);
    assert_eq!(v["guide_walks"], serde_json::json!([]));
}

/// A report with a practice probe of the expired virtual card first, then a real probe the
/// real walk's card check points at, then a practice walk.
fn with_practice(lang: Lang) -> (Report, usize) {
    use emv_doctor::guide::checks::Recorded;
    use report_support::{chip_walk, fixture_guide, probe_at};
    let guide = fixture_guide();
    let mut r = full_report(lang);
    r.add_training_probe(at("09:10"), probe_at(Scenario::Expired, at("09:10")));
    let real = r.add_probe(at("09:20"), probe_at(Scenario::VisaT1, at("09:20")));
    let mut walk = chip_walk(&guide);
    for c in walk.steps.iter_mut().filter_map(|v| v.check.as_mut()) {
        c.recorded = Some(Recorded::CardProbe(real));
    }
    let index = r.add_session(at("09:25"), &guide, walk);
    r.add_training_session(at("09:30"), &guide, chip_walk(&guide));
    (r, index)
}

fn options(lang: Lang, include_training: bool) -> ExportOptions {
    ExportOptions {
        lang,
        redact_shop: false,
        include_training,
    }
}

#[test]
fn practice_records_stay_out_of_every_export_by_default() {
    for lang in [Lang::En, Lang::ZhCn] {
        let (r, _) = with_practice(lang);
        for format in [Format::Html, Format::Markdown, Format::Json] {
            // Markdown escapes punctuation: read it as a person would.
            let text = export::export(&r, format, &options(lang, false))
                .unwrap()
                .replace('\\', "");
            assert!(!text.contains("sim:expired"), "{format:?} {lang:?}");
            assert!(
                !text.contains("476173******0150"),
                "the practice card's number"
            );
            assert!(text.contains("sim:visa-t1"), "the real probe stays");
            assert!(!text.contains("练习记录") && !text.contains("Practice record"));
        }
        let text = export::text::export(&r, &options(lang, false)).unwrap();
        assert!(!text.contains("sim:expired") && text.contains("sim:visa-t1"));
    }
}

#[test]
fn included_practice_records_are_marked_and_pointers_stay_right() {
    let lang = Lang::ZhCn;
    let (r, walk) = with_practice(lang);
    for format in [Format::Html, Format::Markdown] {
        let text = export::export(&r, format, &options(lang, true))
            .unwrap()
            .replace('\\', "");
        assert!(text.contains("sim:expired"), "{format:?}");
        // One mark for the practice probe, one for the practice walk.
        assert_eq!(
            text.matches("练习记录（培训模式，不是顾客的卡）").count(),
            2,
            "{format:?}"
        );
    }
    let text = export::text::export(&r, &options(lang, true)).unwrap();
    assert_eq!(text.matches("练习记录（培训模式").count(), 2, "{text}");

    // The real walk's check points at the real probe with and without the practice ones.
    for include in [false, true] {
        let value = export::json::to_value(&r, &options(lang, include)).unwrap();
        let probes = value["card_probes"].as_array().unwrap();
        let walks = value["guide_walks"].as_array().unwrap();
        assert_eq!(probes.len(), if include { 2 } else { 1 });
        assert_eq!(
            walks.len(),
            if include {
                r.guide_walks.len()
            } else {
                walk + 1
            }
        );
        let pointer = walks[walk]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|s| s["check"]["recorded"]["card_probe"].as_u64())
            .expect("the real walk's check keeps its pointer") as usize;
        assert_eq!(
            probes[pointer]["probe"]["reader"], "sim:visa-t1",
            "{include}"
        );
        assert_eq!(probes[pointer]["training"], false);
        assert_eq!(walks[walk]["training"], false);
        if include {
            assert_eq!(probes[0]["training"], true);
            assert_eq!(walks.last().unwrap()["training"], true);
        }
    }
}
