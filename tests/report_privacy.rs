//! Privacy: a PAN, cardholder name and track 2 typed anywhere in a report never reach an
//! export or the saved file in any form (digits, grouped digits, hex of the ASCII); shop
//! details go with `redact_shop`; `<script>` in notes is escaped in HTML. A real probe of a
//! virtual card (whose PAN, name, track 2 and discretionary data are known) added to a report
//! leaks none of them through any export, the saved file or the autosave.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod report_support;

use emv_doctor::card::probe::{ProbeOptions, probe_scenario};
use emv_doctor::card::sim::scenarios::{self, Scenario};
use emv_doctor::i18n::{BiText, Lang};
use emv_doctor::report::export::{self, ExportOptions, Format};
use emv_doctor::report::{Summary, store};
use report_support::{at, full_report};

const PAN: &str = "4761739001010119";
const TRACK2: &str = "4761739001010119D25122011143804400000F";
const TRACK2_ASCII: &str = ";4761739001010119=25122011143804400000?";

/// Every form the PAN or track 2 could leak in.
fn forbidden() -> Vec<String> {
    let mut v = vec![
        PAN.to_owned(),
        "4761 7390 0101 0119".to_owned(),
        "4761-7390-0101-0119".to_owned(),
        "25122011143804400000".to_owned(), // track 2 after the separator
        "2011143804400000".to_owned(),     // service code + discretionary data
        hex::encode(PAN.as_bytes()),       // the PAN's ASCII as hex
        hex::encode_upper(PAN.as_bytes()),
        "7390010101".to_owned(), // the hidden middle digits
    ];
    v.push(TRACK2.to_owned());
    v
}

fn leaky_report() -> emv_doctor::report::Report {
    let mut r = full_report(Lang::En);
    r.add_note(at("10:00"), format!("Customer card {PAN} keeps failing"));
    r.add_note(
        at("10:01"),
        "grouped: 4761 7390 0101 0119, dashed: 4761-7390-0101-0119",
    );
    r.add_note(at("10:02"), format!("tag 57 read as {TRACK2}"));
    r.add_note(at("10:03"), format!("swipe gave {TRACK2_ASCII}"));
    r.add_note(
        at("10:04"),
        "track 1: %B4761739001010119^CARDHOLDER/TEST^2512201000?",
    );
    r.shop.terminal_serial = Some(format!("typed by mistake {PAN}"));
    r.summary = Some(Summary {
        outcome: BiText::new(
            format!("PAN {PAN} is blocked"),
            format!("卡号 {PAN} 已锁定"),
        ),
        next_step: BiText::new("Call the bank", "联系银行"),
    });
    r
}

fn assert_clean(what: &str, text: &str) {
    for f in forbidden() {
        assert!(!text.contains(&f), "{what} contains {f:?}");
    }
    assert!(
        !text.contains("CARDHOLDER/TEST"),
        "{what} contains the track 1 name"
    );
    // Markdown escapes the `*` of the mask.
    let plain = text.replace('\\', "");
    assert!(
        plain.contains("476173******0119"),
        "{what} keeps the masked PAN"
    );
}

#[test]
fn no_export_contains_card_data() {
    let r = leaky_report();
    for format in [Format::Html, Format::Markdown, Format::Json] {
        for redact_shop in [false, true] {
            let opts = ExportOptions {
                lang: Lang::En,
                redact_shop,
                include_training: false,
            };
            let text = export::export(&r, format, &opts).unwrap();
            assert_clean(&format!("{format:?} export"), &text);
        }
    }
    let opts = ExportOptions::for_report(&r);
    assert_clean("text summary", &export::text::export(&r, &opts).unwrap());
}

#[test]
fn saved_file_and_autosave_do_not_contain_card_data() {
    let dir = tempfile::tempdir().unwrap();
    let r = leaky_report();
    let path = dir.path().join("r.emvdoc.ron");
    store::save(&r, &path).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_clean("saved file", &saved);
    let saver = store::autosave::Autosave::start(&dir.path().join("autosave"), &r).unwrap();
    assert_clean("autosave", &std::fs::read_to_string(saver.path()).unwrap());
    // The scrubbed file still opens, and scrubbing is stable: a second save is identical.
    let reopened = store::open(&path).unwrap().report;
    store::save(&reopened, &path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
}

#[test]
fn redact_shop_removes_shop_identity_from_every_export() {
    let r = full_report(Lang::ZhCn);
    for format in [Format::Html, Format::Markdown, Format::Json] {
        let opts = ExportOptions {
            lang: Lang::ZhCn,
            redact_shop: true,
            include_training: false,
        };
        let text = export::export(&r, format, &opts).unwrap();
        for secret in ["华联超市", "1850123456", "Pudong", "counter-laptop-03"] {
            assert!(!text.contains(secret), "{format:?} leaks {secret}");
        }
        let kept = export::export(&r, format, &ExportOptions::for_report(&r)).unwrap();
        assert!(
            kept.contains("华联超市"),
            "{format:?} keeps the shop when not redacting"
        );
    }
}

#[test]
fn script_in_notes_is_escaped_in_html() {
    let mut r = full_report(Lang::En);
    r.add_note(
        at("10:10"),
        "</div><script>alert('x')</script><img src=x onerror=alert(1)>",
    );
    r.shop.shop_name = Some("<b>Shop</b> & \"Co\"".into());
    let html = export::export(&r, Format::Html, &ExportOptions::for_report(&r)).unwrap();
    assert!(!html.contains("<script"), "no script element at all");
    assert!(!html.contains("<img"), "no injected element");
    assert!(
        html.contains("&lt;script&gt;alert("),
        "script shows as text"
    );
    assert!(html.contains("&lt;b&gt;Shop&lt;/b&gt; &amp; &quot;Co&quot;"));
    let md = export::export(&r, Format::Markdown, &ExportOptions::for_report(&r)).unwrap();
    assert!(md.contains("\\<script\\>"), "Markdown escapes it too");
}

/// Every way a card secret could be written: hex (upper and lower), ASCII when printable,
/// and the digits of BCD data (a PAN without its `F` padding, track 2 up to the separator and
/// the digits after it).
fn secret_forms(secret: &[u8]) -> Vec<String> {
    let mut forms = vec![hex::encode_upper(secret), hex::encode(secret)];
    if secret.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        forms.push(String::from_utf8_lossy(secret).into_owned());
    }
    let hex = hex::encode_upper(secret);
    for run in hex.split(|c: char| !c.is_ascii_digit()) {
        if run.len() >= 10 {
            forms.push(run.to_owned());
        }
    }
    forms
}

/// A report holding real probes of every scenario that personalises cardholder data.
fn probed_report(lang: Lang) -> (emv_doctor::report::Report, Vec<String>) {
    let mut r = full_report(lang);
    let mut forms = Vec::new();
    for name in [
        Scenario::Expired,
        Scenario::DualApp,
        Scenario::VisaT0,
        Scenario::UnionpayPse,
        Scenario::PinLow,
    ] {
        let secrets = scenarios::sensitive_values(name);
        assert!(secrets.len() >= 3, "{name}: the card holds secrets");
        forms.extend(secrets.iter().flat_map(|s| secret_forms(s)));
        let probe = probe_scenario(name, &ProbeOptions::default());
        assert!(
            probe.applications.iter().any(|a| a.pan.is_some()),
            "{name}: the probe read the records"
        );
        r.add_probe(at("09:30"), probe);
    }
    forms.sort();
    forms.dedup();
    (r, forms)
}

fn assert_no_secret(what: &str, text: &str, forms: &[String]) {
    for f in forms {
        assert!(!text.contains(f.as_str()), "{what} contains {f:?}");
    }
}

#[test]
fn probed_card_data_reaches_no_export() {
    for lang in [Lang::En, Lang::ZhCn] {
        let (r, forms) = probed_report(lang);
        for format in [Format::Html, Format::Markdown, Format::Json] {
            for redact_shop in [false, true] {
                let text = export::export(
                    &r,
                    format,
                    &ExportOptions {
                        lang,
                        redact_shop,
                        include_training: false,
                    },
                )
                .unwrap();
                assert_no_secret(&format!("{format:?} export"), &text, &forms);
                let plain = text.replace('\\', "");
                assert!(
                    plain.contains("476173******0150"),
                    "{format:?} shows the masked PAN"
                );
            }
        }
        let text = export::text::export(&r, &ExportOptions::for_report(&r)).unwrap();
        assert_no_secret("text summary", &text, &forms);
        assert!(text.contains("476173******0150"));
    }
}

#[test]
fn probed_card_data_reaches_no_saved_file_or_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let (r, forms) = probed_report(Lang::En);
    let path = dir.path().join("probe.emvdoc.ron");
    store::save(&r, &path).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_no_secret("saved file", &saved, &forms);
    assert!(saved.contains("476173******0150"), "the probe is saved");
    let saver = store::autosave::Autosave::start(&dir.path().join("autosave"), &r).unwrap();
    let auto = std::fs::read_to_string(saver.path()).unwrap();
    assert_no_secret("autosave", &auto, &forms);
    let reopened = store::open(&path).unwrap().report;
    assert_eq!(
        reopened.card_probes.len(),
        5,
        "every probe survives the gate"
    );
}
