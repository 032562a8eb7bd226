//! A bare eframe window with the same features as EMV Doctor and nothing else: the baseline the
//! app's memory use is measured against (`scripts/rss.sh`).

fn main() -> eframe::Result {
    eframe::run_ui_native(
        "bare eframe window",
        eframe::NativeOptions::default(),
        |ui, _frame| {
            eframe::egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("bare eframe window");
            });
        },
    )
}
