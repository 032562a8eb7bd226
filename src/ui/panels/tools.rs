//! The tools page, for technicians: decode a value from a terminal's log or receipt (TLV, ATR,
//! status word, TVR, TSI, AIP, AUC, CVM, CID, response code, service code, terminal
//! capabilities …), offline, with paste and copy. It runs the same library function as
//! `emv-doctor decode` ([`crate::emv::decode`]), so both say the same.

use super::super::task::Task;
use crate::emv::decode::{self, Decoded, Kind};
use crate::emv::hex::parse_hex;
use crate::i18n::{Lang, Text};
use eframe::egui;

/// The most characters the input takes (a long APDU log still fits).
const MAX_INPUT: usize = 16 * 1024;

mod label {
    use crate::i18n::Text;
    pub const TITLE: Text = Text::new("Decoder", "数据解码");
    pub const HELP: Text = Text::new(
        "For technicians: paste a value from the terminal's log or receipt to see what it means. Works offline.",
        "供技术人员使用：粘贴终端日志或小票上的数据，查看其含义。无需联网。",
    );
    pub const KIND: Text = Text::new("What is it?", "数据类型");
    pub const INPUT: Text = Text::new("Hex value", "十六进制数据");
    pub const PASTE: Text = Text::new("Paste", "粘贴");
    pub const CLEAR: Text = Text::new("Clear", "清空");
    pub const EXAMPLE: Text = Text::new("Example", "示例");
    pub const COPY: Text = Text::new("Copy result", "复制结果");
    pub const COPY_JSON: Text = Text::new("Copy as JSON", "复制为 JSON");
    pub const COPIED: Text = Text::new("Copied.", "已复制。");
    pub const EMPTY: Text = Text::new(
        "Type or paste hex digits above (spaces and colons are fine).",
        "请在上方输入或粘贴十六进制数字（可以带空格或冒号）。",
    );
    pub const RESULT: Text = Text::new("Result", "解码结果");
}

/// Each kind's name in words, and an example value.
fn kind_info(kind: Kind) -> (Text, &'static str) {
    match kind {
        Kind::Tlv => (
            Text::new("TLV data", "TLV 数据"),
            "9F 27 01 80 95 05 00 00 00 80 00 9F 34 03 1F 03 02",
        ),
        Kind::Atr => (
            Text::new("ATR (card's answer to reset)", "ATR（卡片复位应答）"),
            "3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00",
        ),
        Kind::Sw => (
            Text::new("Status word (SW1 SW2)", "状态字（SW1 SW2）"),
            "6A 82",
        ),
        Kind::Tvr => (
            Text::new(
                "TVR (95) terminal verification results",
                "TVR（95）终端验证结果",
            ),
            "00 00 00 80 00",
        ),
        Kind::Tsi => (
            Text::new("TSI (9B) transaction status", "TSI（9B）交易状态信息"),
            "E8 00",
        ),
        Kind::Aip => (
            Text::new(
                "AIP (82) application interchange profile",
                "AIP（82）应用交互特征",
            ),
            "19 80",
        ),
        Kind::Auc => (
            Text::new(
                "AUC (9F07) application usage control",
                "AUC（9F07）应用用途控制",
            ),
            "FF 00",
        ),
        Kind::TermCaps => (
            Text::new("Terminal capabilities (9F33)", "终端性能（9F33）"),
            "E0 F8 C8",
        ),
        Kind::AddTermCaps => (
            Text::new(
                "Additional terminal capabilities (9F40)",
                "附加终端性能（9F40）",
            ),
            "6F 00 F0 F0 01",
        ),
        Kind::Iac => (
            Text::new(
                "Issuer/terminal action code (IAC/TAC)",
                "发卡行/终端行为代码（IAC/TAC）",
            ),
            "FC 50 AC A0 00",
        ),
        Kind::Cid => (
            Text::new(
                "CID (9F27) cryptogram information",
                "CID（9F27）密文信息数据",
            ),
            "80",
        ),
        Kind::CvmList => (
            Text::new("CVM list (8E)", "CVM 列表（8E）"),
            "00 00 00 00 00 00 00 00 42 03 1E 03 1F 00",
        ),
        Kind::CvmResults => (
            Text::new("CVM results (9F34)", "CVM 结果（9F34）"),
            "1F 03 02",
        ),
        Kind::ServiceCode => (
            Text::new("Service code (5F30)", "服务代码（5F30）"),
            "02 01",
        ),
        Kind::Arc => (Text::new("Response code (8A)", "授权响应码（8A）"), "30 35"),
        Kind::Tag => (Text::new("Tag name", "标签名称"), "9F 27"),
        Kind::Aid => (
            Text::new("AID (application identifier)", "AID（应用标识）"),
            "A0 00 00 00 03 10 10",
        ),
    }
}

/// What the decoder shows for an input: the decoded value or what is wrong with the input.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Empty,
    Decoded(Decoded),
    Invalid(String),
}

/// The decoder's input and its last result.
pub struct ToolsPanel {
    kind: Kind,
    input: String,
    /// What the result was computed from: (kind, input, language, ATR list loaded).
    decoded_for: Option<(Kind, String, Lang, bool)>,
    outcome: Outcome,
    /// pcsc-tools' ATR list, read once off the UI thread.
    atr_list: Option<Option<String>>,
    atr_task: Option<Task<Option<String>>>,
    copied: bool,
}

impl Default for ToolsPanel {
    fn default() -> Self {
        ToolsPanel {
            kind: Kind::Tvr,
            input: String::new(),
            decoded_for: None,
            outcome: Outcome::Empty,
            atr_list: None,
            atr_task: None,
            copied: false,
        }
    }
}

/// Decodes `input` as `kind` with the same library call `emv-doctor decode` makes.
fn run(kind: Kind, input: &str, lang: Lang, atr_list: Option<&str>) -> Outcome {
    if input.trim().is_empty() {
        return Outcome::Empty;
    }
    match parse_hex(input) {
        Err(e) => Outcome::Invalid(e.message(lang)),
        Ok(bytes) => match decode::decode_with_list(kind, &bytes, lang, atr_list) {
            Ok(d) => Outcome::Decoded(d),
            Err(e) => Outcome::Invalid(e.message(lang)),
        },
    }
}

impl ToolsPanel {
    fn load_atr_list(&mut self, ctx: &egui::Context) {
        if self.atr_list.is_none() && self.atr_task.is_none() {
            self.atr_task = Some(Task::spawn("emv-atr-list", ctx, || {
                std::fs::read_to_string(decode::SMARTCARD_LIST_PATH).ok()
            }));
        }
        if let Some(task) = &self.atr_task
            && let Some(list) = task.poll()
        {
            self.atr_list = Some(list.flatten());
            self.atr_task = None;
        }
    }

    fn refresh(&mut self, lang: Lang) {
        let list = self.atr_list.clone().flatten();
        let key = (self.kind, self.input.clone(), lang, list.is_some());
        if self.decoded_for.as_ref() != Some(&key) {
            self.outcome = run(self.kind, &self.input, lang, list.as_deref());
            self.decoded_for = Some(key);
            self.copied = false;
        }
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        if self.kind == Kind::Atr {
            self.load_atr_list(ui.ctx());
        }
        self.refresh(lang);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading(label::TITLE.get(lang));
                ui.add(egui::Label::new(egui::RichText::new(label::HELP.get(lang)).weak()).wrap());
                ui.add_space(6.0);
                self.kind_row(ui, lang);
                self.input_ui(ui, lang);
                ui.add_space(6.0);
                self.result_ui(ui, lang);
            });
    }

    fn kind_row(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(label::KIND.get(lang));
            egui::ComboBox::from_id_salt("decode-kind")
                .selected_text(kind_info(self.kind).0.get(lang))
                .width(360.0)
                .show_ui(ui, |ui| {
                    for kind in Kind::ALL {
                        ui.selectable_value(&mut self.kind, kind, kind_info(kind).0.get(lang));
                    }
                })
                .response
                .labelled_by(l.id);
        });
    }

    fn input_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let l = ui.label(label::INPUT.get(lang));
        let edit = egui::TextEdit::multiline(&mut self.input)
            .id_salt("decode-input")
            .font(egui::TextStyle::Monospace)
            .hint_text(kind_info(self.kind).1)
            .char_limit(MAX_INPUT)
            .desired_rows(3)
            .desired_width(f32::INFINITY);
        let input = ui.add(edit).labelled_by(l.id);
        ui.horizontal_wrapped(|ui| {
            if ui.button(label::PASTE.get(lang)).clicked() {
                input.request_focus();
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            }
            if ui.button(label::CLEAR.get(lang)).clicked() {
                self.input.clear();
            }
            if ui.button(label::EXAMPLE.get(lang)).clicked() {
                kind_info(self.kind).1.clone_into(&mut self.input);
            }
        });
    }

    fn result_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        ui.strong(label::RESULT.get(lang));
        match &self.outcome {
            Outcome::Empty => {
                ui.label(egui::RichText::new(label::EMPTY.get(lang)).weak());
            }
            Outcome::Invalid(msg) => {
                ui.colored_label(
                    super::super::theme::severity_color(crate::finding::Severity::Error),
                    format!("× {msg}"),
                );
            }
            Outcome::Decoded(d) => {
                let (text, json) = (d.text.clone(), d.json.to_string());
                ui.horizontal_wrapped(|ui| {
                    if ui.button(label::COPY.get(lang)).clicked() {
                        ui.ctx().copy_text(text.clone());
                        self.copied = true;
                    }
                    if ui.button(label::COPY_JSON.get(lang)).clicked() {
                        ui.ctx().copy_text(json);
                        self.copied = true;
                    }
                    if self.copied {
                        ui.label(label::COPIED.get(lang));
                    }
                });
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.add(
                        egui::Label::new(egui::RichText::new(text).monospace())
                            .selectable(true)
                            .extend(),
                    );
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_decodes_in_both_languages() {
        for kind in Kind::ALL {
            for lang in Lang::ALL {
                let out = run(kind, kind_info(kind).1, lang, None);
                assert!(matches!(out, Outcome::Decoded(_)), "{kind} {lang}: {out:?}");
            }
        }
    }

    #[test]
    fn the_same_text_as_the_command_line() {
        let bytes = parse_hex("00 00 00 80 00").unwrap();
        let cli = decode::decode_with_list(Kind::Tvr, &bytes, Lang::ZhCn, None).unwrap();
        assert_eq!(
            run(Kind::Tvr, "00 00 00 80 00", Lang::ZhCn, None),
            Outcome::Decoded(cli)
        );
    }

    #[test]
    fn bad_input_is_explained_in_the_language() {
        assert_eq!(run(Kind::Sw, "  ", Lang::En, None), Outcome::Empty);
        let Outcome::Invalid(zh) = run(Kind::Sw, "6Z", Lang::ZhCn, None) else {
            panic!("not invalid")
        };
        assert!(zh.contains("不是十六进制数字"), "{zh}");
        let Outcome::Invalid(zh) = run(Kind::Tvr, "00", Lang::ZhCn, None) else {
            panic!("not invalid")
        };
        assert!(zh.contains("应为 5 个字节"), "{zh}");
        let Outcome::Invalid(en) = run(Kind::Tvr, "00", Lang::En, None) else {
            panic!("not invalid")
        };
        assert!(en.contains("must be 5 bytes"), "{en}");
    }
}
