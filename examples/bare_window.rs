//! A bare eframe window of the same size and backend as EMV Doctor, to measure the app's own
//! cost (memory, idle CPU, time to the first window) against eframe alone:
//! `cargo run --example bare_window`.

use eframe::egui;

struct Bare;

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("bare eframe window");
        });
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare eframe")
            .with_inner_size([1024.0, 720.0]),
        ..Default::default()
    };
    eframe::run_native("bare eframe", options, Box::new(|_| Ok(Box::new(Bare))))
}
