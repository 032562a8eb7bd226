//! The top-level app: settings that persist, and the main window.

use crate::i18n::{Lang, Text};
use eframe::egui;
use std::path::PathBuf;

const TAGLINE: Text = Text::new(
    "Find out why a card terminal says \"EMV error\": test the card, walk through the checks, send support a report.",
    "查明刷卡终端为何提示“EMV错误”:检测银行卡,逐步排查,并向客服发送报告。",
);

/// The EMV Doctor window.
pub struct App {
    lang: Lang,
}

impl App {
    /// Builds the app, installing the CJK-capable fonts.
    pub fn new(cc: &eframe::CreationContext<'_>, lang: Lang, _file: Option<PathBuf>) -> Self {
        cc.egui_ctx.set_fonts(super::fonts::definitions());
        App { lang }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("EMV Doctor");
            ui.label(format!(
                "{} {}",
                Text::new("Version", "版本").get(self.lang),
                crate::VERSION
            ));
            ui.label(TAGLINE.get(self.lang));
        });
    }
}
