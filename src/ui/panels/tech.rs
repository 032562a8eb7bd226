//! Technical details of a card test, one click away from the verdict: the data objects the card
//! sent as a collapsible tree with tag names, and the command log, one block per exchange with
//! the hex grouped in bytes (so it wraps between bytes, never inside one) and copy buttons.

use crate::card::transport::ApduLogEntry;
use crate::emv::sw::StatusWord;
use crate::emv::tags;
use crate::emv::tlv::{self, Tag, Tlv};
use crate::i18n::{Lang, Text};
use eframe::egui;

const COPY: Text = Text::new("Copy", "复制");
const COPY_ALL: Text = Text::new("Copy the whole log", "复制全部记录");
const MASKED: Text = Text::new("(masked)", "（已遮蔽）");
const NO_DATA: Text = Text::new("The card sent no data objects.", "卡片没有返回数据对象。");

/// The most exchanges drawn (a probe makes a few dozen; a hostile log is cut).
const MAX_ROWS: usize = 500;
/// The deepest TLV nesting drawn.
const MAX_DEPTH: usize = 8;

/// Hex in groups of two digits, `00 A4 04 00`, so a line breaks between bytes.
pub fn spaced_hex(hex: &str) -> String {
    let mut out = String::with_capacity(hex.len() * 3 / 2);
    for (i, c) in hex.chars().enumerate() {
        if i > 0 && i % 2 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The command's name from its instruction byte (ISO/IEC 7816-4, EMV Book 3 §6.5).
pub fn command_name(command_hex: &str) -> &'static str {
    match command_hex.get(2..4) {
        Some("A4") => "SELECT",
        Some("B2") => "READ RECORD",
        Some("A8") => "GET PROCESSING OPTIONS",
        Some("CA") => "GET DATA",
        Some("C0") => "GET RESPONSE",
        _ => "?",
    }
}

/// One exchange as plain text, for the clipboard.
pub fn exchange_text(i: usize, a: &ApduLogEntry) -> String {
    let mut text = format!(
        "#{} {} {:.1} ms\n> {}\n< {} {}",
        i + 1,
        command_name(&a.command),
        a.ms,
        spaced_hex(&a.command),
        spaced_hex(&a.response),
        a.sw
    );
    text.truncate(text.trim_end().len());
    text
}

/// The command log: one block per exchange (number, command, status word and its meaning,
/// time, copy), the command and the response below it.
pub fn apdu_log_ui(ui: &mut egui::Ui, lang: Lang, apdus: &[ApduLogEntry]) {
    if ui.button(COPY_ALL.get(lang)).clicked() {
        let all: Vec<String> = apdus
            .iter()
            .take(MAX_ROWS)
            .enumerate()
            .map(|(i, a)| exchange_text(i, a))
            .collect();
        ui.ctx().copy_text(all.join("\n\n"));
    }
    for (i, a) in apdus.iter().take(MAX_ROWS).enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("#{}  {}", i + 1, command_name(&a.command)));
                let meaning = sw_meaning(&a.sw, lang);
                ui.monospace(&a.sw);
                if !meaning.is_empty() {
                    ui.label(egui::RichText::new(meaning).weak());
                }
                ui.label(egui::RichText::new(format!("{:.1} ms", a.ms)).weak());
                if ui.small_button(COPY.get(lang)).clicked() {
                    ui.ctx().copy_text(exchange_text(i, a));
                }
            });
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!("> {}", spaced_hex(&a.command))).monospace(),
                )
                .wrap(),
            );
            if !a.response.is_empty() {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(format!("< {}", spaced_hex(&a.response))).monospace(),
                    )
                    .wrap(),
                );
            }
        });
    }
}

fn sw_meaning(sw: &str, lang: Lang) -> String {
    let Ok(bytes) = hex::decode(sw) else {
        return String::new();
    };
    match bytes.as_slice() {
        [a, b] => StatusWord::new(*a, *b).text(lang),
        _ => String::new(),
    }
}

/// The data objects in a masked response: masked digits read as zero for parsing, and the
/// values of sensitive tags are never shown.
pub fn response_objects(masked_hex: &str) -> Option<Vec<Tlv>> {
    let digits: String = masked_hex
        .chars()
        .map(|c| if c == '*' { '0' } else { c })
        .collect();
    let bytes = hex::decode(digits).ok()?;
    if bytes.is_empty() {
        return None;
    }
    tlv::parse(&bytes).ok()
}

/// The data objects the card sent, per exchange, as collapsible trees with tag names.
pub fn tlv_tree_ui(ui: &mut egui::Ui, lang: Lang, apdus: &[ApduLogEntry]) {
    let mut any = false;
    for (i, a) in apdus.iter().take(MAX_ROWS).enumerate() {
        let Some(objs) = response_objects(&a.response) else {
            continue;
        };
        any = true;
        egui::CollapsingHeader::new(format!("#{}  {}", i + 1, command_name(&a.command)))
            .id_salt(("tlv-exchange", i))
            .show(ui, |ui| objects_ui(ui, lang, &objs, 0, i));
    }
    if !any {
        ui.label(NO_DATA.get(lang));
    }
}

fn objects_ui(ui: &mut egui::Ui, lang: Lang, objs: &[Tlv], depth: usize, exchange: usize) {
    for o in objs {
        let head = format!("{}  {}", o.tag, tags::name(o.tag).get(lang));
        match &o.children {
            Some(children) if depth < MAX_DEPTH => {
                egui::CollapsingHeader::new(head)
                    .id_salt(("tlv", exchange, o.offset, o.tag.0))
                    .default_open(true)
                    .show(ui, |ui| objects_ui(ui, lang, children, depth + 1, exchange));
            }
            _ => {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(head).strong());
                    ui.add(egui::Label::new(value_text(o, lang)).wrap());
                });
            }
        }
    }
}

/// A primitive value: hex grouped in bytes and its reading, or "(masked)" for card data.
fn value_text(o: &Tlv, lang: Lang) -> egui::RichText {
    if is_masked(o.tag) {
        return egui::RichText::new(MASKED.get(lang)).weak();
    }
    let hex = spaced_hex(&hex::encode_upper(&o.value));
    let text = match tlv::readable_value(o) {
        Some(r) => format!("{hex}  {r}"),
        None => hex,
    };
    egui::RichText::new(text).monospace()
}

fn is_masked(tag: Tag) -> bool {
    matches!(tag.0, 0x5A | 0x57 | 0x9F6B) || tags::is_sensitive(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_grouped_in_bytes() {
        assert_eq!(spaced_hex("00A40400"), "00 A4 04 00");
        assert_eq!(spaced_hex(""), "");
        assert_eq!(spaced_hex("9F3"), "9F 3");
    }

    #[test]
    fn commands_are_named_by_instruction() {
        assert_eq!(command_name("00A404000E"), "SELECT");
        assert_eq!(command_name("00B2010C00"), "READ RECORD");
        assert_eq!(command_name("80A8000002830000"), "GET PROCESSING OPTIONS");
        assert_eq!(command_name(""), "?");
    }

    #[test]
    fn masked_responses_still_parse_and_hide_the_pan() {
        let objs = response_objects("70075A05476173****").expect("parsed");
        let pan = tlv::find(&objs, Tag(0x5A)).expect("5A");
        assert!(is_masked(pan.tag));
        assert!(response_objects("").is_none());
        assert!(response_objects("zz").is_none());
    }

    #[test]
    fn an_exchange_copies_as_one_block() {
        let a = ApduLogEntry {
            command: "00A4040007A0000000031010".into(),
            response: "6F00".into(),
            sw: "9000".into(),
            ms: 1.25,
        };
        let text = exchange_text(0, &a);
        assert!(text.starts_with("#1 SELECT 1.2 ms"), "{text}");
        assert!(text.contains("> 00 A4 04 00 07 A0 00 00 00 03 10 10"));
        assert!(text.ends_with("< 6F 00 9000"));
    }
}
