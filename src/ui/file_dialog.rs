//! Where a report is saved to or opened from. The system's own dialog where there is one (rfd:
//! Windows, macOS, and on Linux the xdg-desktop-portal or zenity), otherwise a dialog drawn
//! inside the window (`egui_file`), so Save and Export work on every desktop. Both start in
//! the reports folder (Documents/EMV Doctor).
//!
//! Which one is used is found once, off the UI thread ([`Backend::detect`]): on Linux, rfd with
//! no portal and no zenity opens nothing and says nothing, so the portal's file chooser is
//! asked for over D-Bus first.

use crate::i18n::{Lang, Text};
use eframe::egui;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};

/// Which file dialog this desktop gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The system's dialog, through rfd.
    Native,
    /// The dialog drawn in the window.
    InWindow,
}

impl Backend {
    /// Finds the dialog this desktop can show. Blocks for up to a few seconds on Linux (a
    /// D-Bus call); run it off the UI thread. `EMV_DOCTOR_FILE_DIALOG=window|native` overrides.
    pub fn detect() -> Backend {
        match std::env::var("EMV_DOCTOR_FILE_DIALOG").as_deref() {
            Ok("window") => return Backend::InWindow,
            Ok("native") => return Backend::Native,
            _ => {}
        }
        if native_available() {
            Backend::Native
        } else {
            Backend::InWindow
        }
    }
}

#[cfg(target_os = "linux")]
fn native_available() -> bool {
    let portal = zbus::blocking::connection::Builder::session()
        .map(|b| b.method_timeout(std::time::Duration::from_secs(3)))
        .and_then(|b| b.build())
        .is_ok_and(|conn| portal_file_chooser(&conn));
    portal || on_path("zenity")
}

#[cfg(not(target_os = "linux"))]
fn native_available() -> bool {
    true
}

/// Whether the desktop portal on this D-Bus connection offers a file chooser (asking for its
/// `version` starts the portal when it is installed but not running).
#[cfg(target_os = "linux")]
pub fn portal_file_chooser(conn: &zbus::blocking::Connection) -> bool {
    let proxy = zbus::blocking::proxy::Builder::<zbus::blocking::Proxy<'_>>::new(conn)
        .destination("org.freedesktop.portal.Desktop")
        .and_then(|b| b.path("/org/freedesktop/portal/desktop"))
        .and_then(|b| b.interface("org.freedesktop.portal.FileChooser"))
        .map(|b| b.cache_properties(zbus::proxy::CacheProperties::No))
        .and_then(|b| b.build());
    proxy.is_ok_and(|p| p.get_property::<u32>("version").is_ok())
}

/// Whether an executable named `name` is on `PATH`.
#[cfg(target_os = "linux")]
fn on_path(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            std::fs::metadata(dir.join(name)).is_ok_and(|m| {
                use std::os::unix::fs::PermissionsExt;
                m.is_file() && m.permissions().mode() & 0o111 != 0
            })
        })
    })
}

/// What a dialog is asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A place to write a new file, suggesting this name.
    Save {
        /// The suggested file name, with its extension.
        name: String,
        /// The extension, without the dot (`html`).
        extension: String,
    },
    /// A report to open (`*.ron`).
    OpenReport,
    /// A transaction export to analyse (CSV, text or Excel).
    OpenExport,
}

impl Purpose {
    /// The extensions of the files an open dialog shows.
    fn open_extensions(&self) -> &'static [&'static str] {
        match self {
            Purpose::Save { .. } => &[],
            Purpose::OpenReport => &["ron"],
            Purpose::OpenExport => &["csv", "txt", "xlsx"],
        }
    }
}

/// Shows the system's dialog for `purpose`, starting in `folder`, and waits for the user.
/// Blocks: run it on a worker thread. `None` when the user cancelled.
pub fn native(purpose: &Purpose, folder: &Path) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new().set_directory(folder);
    match purpose {
        Purpose::Save { name, extension } => dialog
            .set_file_name(name)
            .add_filter(format!("*.{extension}"), &[extension.as_str()])
            .save_file(),
        Purpose::OpenReport | Purpose::OpenExport => {
            let extensions = purpose.open_extensions();
            let filter = extensions
                .iter()
                .map(|e| format!("*.{e}"))
                .collect::<Vec<_>>()
                .join(" ");
            dialog.add_filter(filter, extensions).pick_file()
        }
    }
}

mod label {
    use crate::i18n::Text;
    pub const SAVE_TITLE: Text = Text::new("Save as", "保存到");
    pub const OPEN_TITLE: Text = Text::new("Open a report", "打开报告");
    pub const OPEN_EXPORT_TITLE: Text =
        Text::new("Open a transaction export", "打开交易明细导出文件");
    pub const SAVE: Text = Text::new("Save", "保存");
    pub const OPEN: Text = Text::new("Open", "打开");
    pub const CANCEL: Text = Text::new("Cancel", "取消");
    pub const NEW_FOLDER: Text = Text::new("New folder", "新建文件夹");
    pub const FOLDER_NAME: Text = Text::new("New folder", "新建文件夹");
    pub const RENAME: Text = Text::new("Rename", "重命名");
    pub const REFRESH: Text = Text::new("Refresh", "刷新");
    pub const UP: Text = Text::new("Up one folder", "上一级文件夹");
    pub const FILE: Text = Text::new("File name:", "文件名：");
    pub const HIDDEN: Text = Text::new("Show hidden files", "显示隐藏文件");
}

/// How an in-window dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chosen {
    /// The user chose this path.
    Path(PathBuf),
    /// The user closed the dialog.
    Cancelled,
}

/// The file dialog drawn inside the window, for desktops without a system one.
pub struct InWindowDialog {
    dialog: egui_file::FileDialog,
    /// The extension a saved file gets when the user leaves it off (`None` when opening).
    save_extension: Option<String>,
}

fn cow(t: Text, lang: Lang) -> Cow<'static, str> {
    Cow::Borrowed(t.get(lang))
}

impl InWindowDialog {
    /// A dialog for `purpose` starting in `folder`, labelled in `lang`, already open.
    pub fn new(purpose: &Purpose, folder: &Path, lang: Lang) -> Self {
        let (dialog, title, save_extension) = match purpose {
            Purpose::Save { name, extension } => (
                egui_file::FileDialog::save_file()
                    .initial_path(folder)
                    .default_filename(name.clone()),
                label::SAVE_TITLE,
                Some(extension.clone()),
            ),
            Purpose::OpenReport => (
                egui_file::FileDialog::open_file().initial_path(folder),
                label::OPEN_TITLE,
                None,
            ),
            Purpose::OpenExport => (
                egui_file::FileDialog::open_file().initial_path(folder),
                label::OPEN_EXPORT_TITLE,
                None,
            ),
        };
        let shown: Vec<String> = match &save_extension {
            Some(e) => vec![e.clone()],
            None => purpose
                .open_extensions()
                .iter()
                .map(|e| (*e).to_owned())
                .collect(),
        };
        let mut dialog = dialog
            .id(egui::Id::unique("emv-doctor-file-dialog"))
            .title(title.get(lang))
            .save_button_text(cow(label::SAVE, lang))
            .open_button_text(cow(label::OPEN, lang))
            .cancel_button_text(cow(label::CANCEL, lang))
            .new_folder_button_text(cow(label::NEW_FOLDER, lang))
            .new_folder_name_text(cow(label::FOLDER_NAME, lang))
            .rename_button_text(cow(label::RENAME, lang))
            .refresh_button_hover_text(cow(label::REFRESH, lang))
            .parent_folder_button_hover_text(cow(label::UP, lang))
            .file_label_text(cow(label::FILE, lang))
            .show_hidden_checkbox_text(cow(label::HIDDEN, lang))
            .show_rename(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .default_size([560.0, 380.0])
            .keep_on_top(true)
            .show_files_filter(Box::new(move |p: &Path| {
                p.extension()
                    .is_some_and(|e| shown.iter().any(|s| e.eq_ignore_ascii_case(s)))
            }));
        dialog.open();
        InWindowDialog {
            dialog,
            save_extension,
        }
    }

    /// Draws the dialog; `Some` once the user chose a path (with the extension added when it
    /// was left off) or cancelled.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Chosen> {
        match self.dialog.show(ctx).state() {
            egui_file::State::Selected => Some(self.dialog.path().map_or(Chosen::Cancelled, |p| {
                Chosen::Path(match &self.save_extension {
                    Some(e) => with_extension(p, e),
                    None => p.to_owned(),
                })
            })),
            egui_file::State::Cancelled | egui_file::State::Closed => Some(Chosen::Cancelled),
            egui_file::State::Open => None,
        }
    }
}

/// `path`, with `.extension` added unless it already ends so.
fn with_extension(path: &Path, extension: &str) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if has {
        path.to_owned()
    } else {
        let mut s = path.as_os_str().to_owned();
        s.push(".");
        s.push(extension);
        PathBuf::from(s)
    }
}

/// One question for the in-window dialog, from the thread that saves or opens.
struct Request {
    purpose: Purpose,
    reply: Sender<Option<PathBuf>>,
}

/// What the worker threads and the window share.
struct Shared {
    backend: OnceLock<Backend>,
    forced: Option<Backend>,
    folder: PathBuf,
    requests: Sender<Request>,
    ctx: OnceLock<egui::Context>,
}

/// The file dialogs of a desktop: asked from the save/export/open worker thread
/// ([`super::dialogs::FileDialogs`]); the system dialog runs on that thread, the in-window one
/// is handed to the window ([`DialogHost`]) and the thread waits for the answer.
#[derive(Clone)]
pub struct DesktopDialogs {
    shared: Arc<Shared>,
}

/// The window's side of [`DesktopDialogs`]: draws the in-window dialog when a worker asks.
pub struct DialogHost {
    shared: Arc<Shared>,
    requests: Receiver<Request>,
    open: Option<(InWindowDialog, Sender<Option<PathBuf>>)>,
}

impl DesktopDialogs {
    /// Dialogs starting in `folder` (the reports folder); `backend` forces one (tests, and
    /// `EMV_DOCTOR_FILE_DIALOG`), `None` detects it on first use.
    pub fn new(folder: PathBuf, backend: Option<Backend>) -> (Self, DialogHost) {
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Shared {
            backend: OnceLock::new(),
            forced: backend,
            folder,
            requests: tx,
            ctx: OnceLock::new(),
        });
        (
            DesktopDialogs {
                shared: shared.clone(),
            },
            DialogHost {
                shared,
                requests: rx,
                open: None,
            },
        )
    }

    /// The folder dialogs start in.
    pub fn folder(&self) -> &Path {
        &self.shared.folder
    }

    fn ask(&self, purpose: Purpose) -> Option<PathBuf> {
        let shared = &self.shared;
        let backend = *shared
            .backend
            .get_or_init(|| shared.forced.unwrap_or_else(Backend::detect));
        // Best effort: a folder that cannot be made still lets the user pick another.
        let _ = std::fs::create_dir_all(&shared.folder);
        if backend == Backend::Native {
            return native(&purpose, &shared.folder);
        }
        let (reply, answer) = mpsc::channel();
        if shared.requests.send(Request { purpose, reply }).is_err() {
            return None;
        }
        if let Some(ctx) = shared.ctx.get() {
            ctx.request_repaint();
        }
        answer.recv().ok().flatten()
    }
}

impl super::dialogs::FileDialogs for DesktopDialogs {
    fn open_report(&self) -> Option<PathBuf> {
        self.ask(Purpose::OpenReport)
    }

    fn open_export(&self) -> Option<PathBuf> {
        self.ask(Purpose::OpenExport)
    }

    fn save_as(&self, default_name: &str, extension: &str) -> Option<PathBuf> {
        self.ask(Purpose::Save {
            name: default_name.to_owned(),
            extension: extension.to_owned(),
        })
    }
}

impl DialogHost {
    /// Draws the in-window dialog if a worker asked for one; call every frame.
    pub fn show(&mut self, ctx: &egui::Context, lang: Lang) {
        let _ = self.shared.ctx.set(ctx.clone());
        if self.open.is_none()
            && let Ok(req) = self.requests.try_recv()
        {
            let dialog = InWindowDialog::new(&req.purpose, &self.shared.folder, lang);
            self.open = Some((dialog, req.reply));
        }
        if let Some((dialog, _)) = &mut self.open
            && let Some(chosen) = dialog.show(ctx)
            && let Some((_, reply)) = self.open.take()
        {
            let _ = reply.send(match chosen {
                Chosen::Path(p) => Some(p),
                Chosen::Cancelled => None,
            });
        }
    }

    /// Whether the in-window dialog is showing.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

/// The reports folder: `Documents/EMV Doctor` (the home folder when there is no Documents).
pub fn reports_dir() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    let base = dirs
        .document_dir()
        .map_or_else(|| dirs.home_dir().to_owned(), Path::to_owned);
    Some(base.join("EMV Doctor"))
}

/// Opens `folder` in the system's file manager (creating it first), without waiting.
pub fn open_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    open::that_detached(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_is_added_once() {
        assert_eq!(
            with_extension(Path::new("/r/a"), "html"),
            PathBuf::from("/r/a.html")
        );
        assert_eq!(
            with_extension(Path::new("/r/a.HTML"), "html"),
            PathBuf::from("/r/a.HTML")
        );
        assert_eq!(
            with_extension(Path::new("/r/a.emvdoc"), "ron"),
            PathBuf::from("/r/a.emvdoc.ron")
        );
    }
}
