//! The session report: model, native file, autosave, exports.
