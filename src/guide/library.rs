//! The guide library: built-in guides plus the `*.ron` files in the user's guide folder, so a
//! support desk can ship its own. This is the only part of [`crate::guide`] that does I/O
//! (reading that folder); everything it reads goes through [`super::load`].

use super::builtin;
use super::load::{ErrorKind, GuideError, GuideErrors, MAX_GUIDE_BYTES, load};
use super::model::Guide;
use std::path::{Path, PathBuf};

/// Where a guide came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Compiled in; the path in the source tree.
    BuiltIn(&'static str),
    /// A file in the user's guide folder.
    User(PathBuf),
}

/// A loaded, valid guide.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The guide.
    pub guide: Guide,
    /// Where it came from.
    pub source: Source,
}

/// A guide file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The file is not a valid guide.
    #[error("{0}")]
    Invalid(GuideErrors),
    /// The file or folder could not be read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Why a file could not be used, in words.
mod reason {
    use crate::i18n::Text;
    pub const NOT_A_GUIDE: Text = Text::new(
        "it is not written in the guide format (line {line})",
        "文件内容不符合指南格式（第 {line} 行）",
    );
    pub const AT_LINE: Text = Text::new("line {line}: {what}", "第 {line} 行：{what}");
    pub const MORE: Text = Text::new(" (and {n} more problems)", "（另有 {n} 处问题）");
    pub const UNREADABLE: Text = Text::new(
        "the file could not be read (no permission, or the disk failed)",
        "无法读取这个文件（没有权限，或磁盘出错）",
    );
}

impl LibraryError {
    /// The file (or folder) the problem is in.
    pub fn path(&self) -> PathBuf {
        match self {
            LibraryError::Invalid(errs) => errs
                .0
                .first()
                .map(|e| PathBuf::from(&e.file))
                .unwrap_or_default(),
            LibraryError::Io { path, .. } => path.clone(),
        }
    }

    /// Why the file could not be used, in `lang`: its first problem in words and how many
    /// more (`emv-doctor guide check` lists them all).
    pub fn reason(&self, lang: crate::i18n::Lang) -> String {
        let LibraryError::Invalid(errs) = self else {
            return reason::UNREADABLE.get(lang).to_owned();
        };
        let Some(first) = errs.0.first() else {
            return reason::NOT_A_GUIDE.get(lang).replace("{line}", "1");
        };
        let line = first.line.to_string();
        let mut text = match &first.kind {
            ErrorKind::Syntax(_) => reason::NOT_A_GUIDE.get(lang).replace("{line}", &line),
            other => reason::AT_LINE
                .get(lang)
                .replace("{line}", &line)
                .replace("{what}", &other.message(lang)),
        };
        if errs.0.len() > 1 {
            text.push_str(
                &reason::MORE
                    .get(lang)
                    .replace("{n}", &(errs.0.len() - 1).to_string()),
            );
        }
        text
    }
}

/// Every usable guide, sorted by id, and the problems with the others.
#[derive(Debug, Default)]
pub struct Library {
    /// The guides, sorted by id. A user guide replaces a built-in guide with the same id.
    pub entries: Vec<Entry>,
    /// Files that could not be used.
    pub errors: Vec<LibraryError>,
}

impl Library {
    /// The guide with `id`.
    pub fn get(&self, id: &str) -> Option<&Guide> {
        self.entries
            .iter()
            .find(|e| e.guide.id == id)
            .map(|e| &e.guide)
    }
}

/// Reads a guide file's text, refusing one larger than [`MAX_GUIDE_BYTES`] before reading it
/// (and never reading more than that, whatever the file claims).
pub fn read_file(path: &Path) -> Result<String, LibraryError> {
    use std::io::Read;
    let io = |source| LibraryError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let too_large = |bytes| {
        LibraryError::Invalid(GuideErrors(vec![GuideError {
            file: path.display().to_string(),
            line: 1,
            column: 1,
            kind: ErrorKind::TooLarge { bytes },
        }]))
    };
    let claimed = file.metadata().map_err(io)?.len();
    if claimed > MAX_GUIDE_BYTES {
        return Err(too_large(claimed));
    }
    let mut text = String::new();
    file.take(MAX_GUIDE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() as u64 > MAX_GUIDE_BYTES {
        return Err(too_large(text.len() as u64));
    }
    Ok(text)
}

/// Reads and validates one guide file.
pub fn load_file(path: &Path) -> Result<Guide, LibraryError> {
    let text = read_file(path)?;
    load(&path.display().to_string(), &text).map_err(LibraryError::Invalid)
}

/// The built-in guides plus every `*.ron` file in `user_dir` (a missing folder is no error).
pub fn load_all(user_dir: Option<&Path>) -> Library {
    let mut lib = Library::default();
    let (guides, errors) = builtin::load_all();
    lib.errors
        .extend(errors.into_iter().map(LibraryError::Invalid));
    for (guide, (name, _)) in guides.into_iter().zip(builtin::SOURCES) {
        lib.entries.push(Entry {
            guide,
            source: Source::BuiltIn(name),
        });
    }
    if let Some(dir) = user_dir {
        for path in user_files(dir, &mut lib.errors) {
            match load_file(&path) {
                Ok(guide) => {
                    lib.entries.retain(|e| e.guide.id != guide.id);
                    lib.entries.push(Entry {
                        guide,
                        source: Source::User(path),
                    });
                }
                Err(e) => lib.errors.push(e),
            }
        }
    }
    lib.entries.sort_by(|a, b| a.guide.id.cmp(&b.guide.id));
    lib
}

fn user_files(dir: &Path, errors: &mut Vec<LibraryError>) -> Vec<PathBuf> {
    let read = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(source) => {
            errors.push(LibraryError::Io {
                path: dir.to_owned(),
                source,
            });
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_bad_user_guide_is_named_with_its_reason_in_words() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("broken.ron"), "(id: \"x\", oops").unwrap();
        let lib = load_all(Some(dir.path()));
        assert_eq!(lib.errors.len(), 1, "{:?}", lib.errors);
        let e = &lib.errors[0];
        assert_eq!(e.path().file_name().unwrap(), "broken.ron");
        assert_eq!(e.reason(Lang::ZhCn), "文件内容不符合指南格式（第 1 行）");
        assert!(
            e.reason(Lang::En)
                .starts_with("it is not written in the guide format")
        );
        assert!(lib.get("emv-error").is_some(), "the built-in guides stay");
    }
}
