//! The pages of the main window. Each panel draws from the [`AppState`](super::state::AppState)
//! and pushes [`UiCommand`](super::app::UiCommand)s; none owns a worker.

pub mod card;
pub mod guide;
pub mod monitoring;
pub mod network;
pub mod report;
pub mod settings;
pub mod start;
pub mod tech;
pub mod tools;
pub mod widgets;
