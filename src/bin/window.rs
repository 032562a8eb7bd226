//! `emv-doctor-window`: opens the desktop app without a console window. On Windows the
//! Start-menu and desktop shortcuts and double-clicked `.emvdoc.ron` reports start this; the
//! command line stays `emv-doctor`, a console program with its output and exit codes.
//! Everything after the program name is passed on, e.g. `open FILE` or `--lang zh-CN`.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let app = std::env::current_exe()
        .map(|me| me.with_file_name(format!("emv-doctor{}", std::env::consts::EXE_SUFFIX)));
    let started = app.and_then(|app| {
        let mut cmd = Command::new(&app);
        cmd.args(std::env::args_os().skip(1));
        without_console(&mut cmd);
        cmd.spawn()
    });
    match started {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("EMV Doctor")
                .set_description(format!(
                    "EMV Doctor could not start ({e}). Please install it again.\n\
                     EMV Doctor 无法启动（{e}）。请重新安装。"
                ))
                .show();
            ExitCode::from(1)
        }
    }
}

/// The app is a console program; started from here it gets no console window.
#[cfg(windows)]
fn without_console(cmd: &mut Command) {
    use std::os::windows::process::CommandExt;
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;
    cmd.creation_flags(CREATE_NO_WINDOW);
}

#[cfg(not(windows))]
fn without_console(_cmd: &mut Command) {}
