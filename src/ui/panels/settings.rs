//! The settings page: language, light or dark look, text size, and the folders EMV Doctor uses.
//! Every choice is remembered (in the data folder, like everything the app writes for itself).

use super::super::app::UiCommand;
use super::super::settings::{Folder, Settings, TEXT_SCALES, ThemeChoice};
use crate::i18n::{Lang, Text};
use eframe::egui;
use std::path::Path;

mod label {
    use crate::i18n::Text;
    pub const TITLE: Text = Text::new("Settings", "设置");
    pub const LANGUAGE: Text = Text::new("Language", "语言");
    pub const THEME: Text = Text::new("Look", "外观");
    pub const LIGHT: Text = Text::new("Light", "浅色");
    pub const DARK: Text = Text::new("Dark", "深色");
    pub const SYSTEM: Text = Text::new("Same as the computer", "跟随系统");
    pub const TEXT_SIZE: Text = Text::new("Text size", "文字大小");
    pub const FOLDERS: Text = Text::new("Folders", "文件夹");
    pub const REPORTS: Text = Text::new("Reports are saved in", "报告默认保存在");
    pub const DATA: Text = Text::new(
        "EMV Doctor's own data (settings, autosave, your guides)",
        "EMV Doctor 自身的数据（设置、自动保存、自定义指引）",
    );
    pub const DATA_HINT: Text = Text::new(
        "To keep the data elsewhere (a USB stick), start EMV Doctor with EMV_DOCTOR_DATA_DIR set to that folder.",
        "如需把数据放在别处（例如 U 盘），请在启动 EMV Doctor 时把 EMV_DOCTOR_DATA_DIR 设为该文件夹。",
    );
    pub const OPEN: Text = Text::new("Open folder", "打开文件夹");
    pub const NONE: Text = Text::new("(not available on this computer)", "（此电脑上不可用）");
}

fn theme_label(theme: ThemeChoice) -> Text {
    match theme {
        ThemeChoice::Light => label::LIGHT,
        ThemeChoice::Dark => label::DARK,
        ThemeChoice::System => label::SYSTEM,
    }
}

/// Draws the settings page from `settings` and the folders in use; collects the changes.
pub fn ui(
    ui: &mut egui::Ui,
    lang: Lang,
    settings: &Settings,
    folders: &[(Folder, Option<&Path>)],
    cmds: &mut Vec<UiCommand>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(label::TITLE.get(lang));
            ui.label(
                egui::RichText::new(format!("EMV Doctor {}", crate::VERSION))
                    .small()
                    .weak(),
            );
            ui.add_space(8.0);
            section(ui, label::LANGUAGE.get(lang), |ui| {
                for l in Lang::ALL {
                    if ui.radio(lang == l, l.native_name()).clicked() && l != lang {
                        cmds.push(UiCommand::SetLang(l));
                    }
                }
            });
            section(ui, label::THEME.get(lang), |ui| {
                for theme in ThemeChoice::ALL {
                    let text = theme_label(theme).get(lang);
                    if ui.radio(settings.theme == theme, text).clicked() && settings.theme != theme
                    {
                        cmds.push(UiCommand::SetTheme(theme));
                    }
                }
            });
            section(ui, label::TEXT_SIZE.get(lang), |ui| {
                for scale in TEXT_SCALES {
                    let text = format!("{:.0} %", scale * 100.0);
                    let chosen = (settings.text_scale - scale).abs() < 0.01;
                    if ui.selectable_label(chosen, text).clicked() && !chosen {
                        cmds.push(UiCommand::SetTextScale(scale));
                    }
                }
            });
            ui.add_space(8.0);
            ui.strong(label::FOLDERS.get(lang));
            for (folder, path) in folders {
                folder_row(ui, lang, *folder, *path, cmds);
            }
            ui.add(egui::Label::new(egui::RichText::new(label::DATA_HINT.get(lang)).weak()).wrap());
        });
}

fn section(ui: &mut egui::Ui, title: &str, add: impl FnOnce(&mut egui::Ui)) {
    ui.strong(title);
    ui.horizontal_wrapped(add);
    ui.add_space(10.0);
}

fn folder_row(
    ui: &mut egui::Ui,
    lang: Lang,
    folder: Folder,
    path: Option<&Path>,
    cmds: &mut Vec<UiCommand>,
) {
    let what = match folder {
        Folder::Reports => label::REPORTS,
        Folder::Data => label::DATA,
    };
    ui.label(what.get(lang));
    ui.horizontal_wrapped(|ui| match path {
        Some(p) => {
            ui.add(egui::Label::new(
                egui::RichText::new(p.display().to_string()).monospace(),
            ));
            if ui.button(label::OPEN.get(lang)).clicked() {
                cmds.push(UiCommand::OpenFolder(folder));
            }
        }
        None => {
            ui.label(egui::RichText::new(label::NONE.get(lang)).weak());
        }
    });
    ui.add_space(6.0);
}
