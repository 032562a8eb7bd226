//! Results as people read them: one view model per kind of result, holding every label and
//! value once in both languages. The command line, the HTML, Markdown and text exports and the
//! window render these views, never the raw reports, so they cannot drift apart. Pure.

pub mod net;
pub mod probe;
