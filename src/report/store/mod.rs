//! The native file (`*.emvdoc.ron`): encoding, decoding, save and open. The only part of the
//! report that touches the disk (with [`autosave`] and [`atomic`]).
//!
//! The file is pretty RON, readable and editable by hand. Opening never writes to the file:
//! a damaged or hand-edited file gives an [`OpenError`] with `line:column` and what is wrong;
//! a file from a newer EMV Doctor says so; an older layout is migrated in memory.

pub mod atomic;
pub mod autosave;
mod message;

use super::migrate::{ReportV1, VersionOnly};
use super::model::{FORMAT_VERSION, Report};
use super::privacy;
use std::io::Read;
use std::path::{Path, PathBuf};

/// File name ending of the native format.
pub const EXTENSION: &str = "emvdoc.ron";

/// Files larger than this are refused before parsing (16 MiB; a real report is a few KiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A report read from text or a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The report, in the current layout.
    pub report: Report,
    /// The format version it was migrated from, when it was older than [`FORMAT_VERSION`].
    pub migrated_from: Option<u32>,
}

/// Why a report's text could not be read. Positions are 1-based `line:column`; the message
/// leaves them out, since whoever shows it names the file with them ([`OpenError`],
/// [`DecodeError::position`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not valid RON, or a field of the wrong type, missing or unknown.
    #[error("{message}")]
    Invalid {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What is wrong, from the RON parser.
        message: String,
    },
    /// Written by a newer EMV Doctor.
    #[error(
        "this report was written by a newer EMV Doctor (file format {found}); this version reads formats up to {supported}: update EMV Doctor to open it"
    )]
    NewerVersion {
        /// The file's `format_version`.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
        /// Line of the `format_version` field, from 1.
        line: usize,
        /// Its column, from 1.
        column: usize,
    },
    /// A note longer than [`MAX_NOTE_BYTES`](super::model::MAX_NOTE_BYTES).
    #[error(transparent)]
    NoteTooLong(#[from] super::model::NoteTooLong),
    /// A `format_version` that never existed.
    #[error("unknown report format version {0} (valid versions are 1 to {FORMAT_VERSION})")]
    UnknownVersion(u32),
}

/// Why a report file could not be opened. The file is never modified.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The file could not be read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_FILE_BYTES`]; not parsed.
    #[error("{} is {size} bytes, more than the {limit}-byte limit for a report: not a report, or damaged", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// [`MAX_FILE_BYTES`].
        limit: u64,
    },
    /// The file is not UTF-8 text.
    #[error("{}:{line}:{column}: not UTF-8 text", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// Line of the first bad byte, from 1.
        line: usize,
        /// Column (in bytes) of the first bad byte, from 1.
        column: usize,
    },
    /// The report reads, but the privacy gate cannot check it (so it cannot be exported).
    #[error("{}", path.display())]
    Unexportable {
        /// The file.
        path: PathBuf,
        /// Why.
        source: privacy::GateError,
    },
    /// The text is not a valid report: the file and, when known, `line:column` (the source
    /// says what is wrong).
    #[error("{}", where_in(path, source.position()))]
    Decode {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: DecodeError,
    },
}

/// `file:line:column`, or the file alone.
fn where_in(path: &Path, position: Option<(usize, usize)>) -> String {
    match position {
        Some((line, column)) => format!("{}:{line}:{column}", path.display()),
        None => path.display().to_string(),
    }
}

impl DecodeError {
    /// The `line:column` of the problem, when there is one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            DecodeError::Invalid { line, column, .. }
            | DecodeError::NewerVersion { line, column, .. } => Some((*line, *column)),
            DecodeError::NoteTooLong(_) | DecodeError::UnknownVersion(_) => None,
        }
    }
}

impl OpenError {
    /// The `line:column` of the problem, when there is one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            OpenError::NotText { line, column, .. } => Some((*line, *column)),
            OpenError::Decode { source, .. } => source.position(),
            _ => None,
        }
    }
}

/// Why a report could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Serialising failed (a bug; the file was not touched).
    #[error("cannot encode the report: {0}")]
    Encode(String),
    /// The privacy gate refused the report (the file was not touched).
    #[error(transparent)]
    Gate(privacy::GateError),
    /// Writing failed; the previous file, if any, is intact.
    #[error("cannot write {}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The report as native-file text: pretty RON, passed through the privacy gate first so a
/// full PAN typed into a note never reaches the disk.
pub fn encode(report: &Report) -> Result<String, SaveError> {
    let clean = privacy::scrub(report).map_err(SaveError::Gate)?;
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text =
        ron::ser::to_string_pretty(&clean, config).map_err(|e| SaveError::Encode(e.to_string()))?;
    text.push('\n');
    privacy::verify(text, "report file").map_err(SaveError::Gate)
}

/// Reads a report from native-file text, migrating older layouts.
pub fn decode(text: &str) -> Result<Loaded, DecodeError> {
    // A byte-order mark some editors put first is not part of the text.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let version = ron::from_str::<VersionOnly>(text)
        .map_err(invalid)?
        .format_version;
    let loaded = match version {
        FORMAT_VERSION => Loaded {
            report: ron::from_str::<Report>(text).map_err(invalid)?,
            migrated_from: None,
        },
        v @ (2 | 3) => {
            let mut report = ron::from_str::<Report>(text).map_err(invalid)?;
            report.format_version = FORMAT_VERSION;
            report.mark_virtual_cards();
            Loaded {
                report,
                migrated_from: Some(v),
            }
        }
        1 => Loaded {
            report: ron::from_str::<ReportV1>(text).map_err(invalid)?.migrate(),
            migrated_from: Some(1),
        },
        v if v > FORMAT_VERSION => {
            return Err(DecodeError::NewerVersion {
                found: v,
                supported: FORMAT_VERSION,
                line: position_of(text, "format_version").0,
                column: position_of(text, "format_version").1,
            });
        }
        v => return Err(DecodeError::UnknownVersion(v)),
    };
    let r = &loaded.report;
    let walk_notes = r.guide_walks.iter().flat_map(|w| &w.session.notes);
    for text in r
        .notes
        .iter()
        .map(|n| &n.text)
        .chain(walk_notes.map(|n| &n.text))
    {
        super::model::check_note(text)?;
    }
    Ok(loaded)
}

/// The 1-based `line:column` where `needle` first appears in `text` (1:1 when it does not).
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or(0);
    let before = &text[..at];
    let line = 1 + before.matches('\n').count();
    let column = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, column)
}

fn invalid(e: ron::error::SpannedError) -> DecodeError {
    let message = match e.code {
        // The parser's own advice names its internals; say what is wrong with the file.
        ron::Error::ExceededRecursionLimit => "the report is nested too deeply".to_owned(),
        code => code.to_string(),
    };
    DecodeError::Invalid {
        line: e.span.start.line,
        column: e.span.start.col,
        message,
    }
}

/// Opens a report file read-only. Refuses files over [`MAX_FILE_BYTES`] before reading them.
pub fn open(path: &Path) -> Result<Loaded, OpenError> {
    let io = |source| OpenError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read one byte past the limit so a file that grows while being read is still refused.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + valid.iter().rev().take_while(|&&b| b != b'\n').count();
        OpenError::NotText {
            path: path.to_owned(),
            line,
            column,
        }
    })?;
    decode(&text).map_err(|source| OpenError::Decode {
        path: path.to_owned(),
        source,
    })
}

/// Saves `report` to `path` atomically: a crash leaves either the old file or the new one.
pub fn save(report: &Report, path: &Path) -> Result<(), SaveError> {
    let text = encode(report)?;
    atomic::write(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_gives_a_position() {
        let err = decode("(format_version: 2,\n  app_version: 7)").unwrap_err();
        match err {
            DecodeError::Invalid { line, .. } => assert_eq!(line, 2),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn newer_and_unknown_versions_are_refused() {
        assert_eq!(
            decode("(format_version: 9)").unwrap_err(),
            DecodeError::NewerVersion {
                found: 9,
                supported: FORMAT_VERSION,
                line: 1,
                column: 2
            }
        );
        assert_eq!(
            decode("(format_version: 0)").unwrap_err(),
            DecodeError::UnknownVersion(0)
        );
    }
}
