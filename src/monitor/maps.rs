//! Column mappings saved per file layout (`monitor-maps.ron` in the data folder), so a shop
//! whose terminal writes unusual headers gives `--map` once.

use super::columns::Mapping;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name in the data folder.
pub const FILE_NAME: &str = "monitor-maps.ron";
/// Largest mappings file read.
const MAX_BYTES: u64 = 1024 * 1024;
/// Most layouts kept.
const MAX_LAYOUTS: usize = 200;

/// Why the saved mappings could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum MapsError {
    /// Reading or writing failed.
    #[error("cannot use the saved column mappings in {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a mappings file.
    #[error("the saved column mappings in {} are damaged: {message}", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Writing the new file failed.
    #[error("cannot save the column mapping")]
    Save(#[from] crate::report::store::SaveError),
}

/// Layout key → mapping.
pub type Maps = BTreeMap<String, Mapping>;

/// The mappings saved in `dir`; empty when there is no file yet.
pub fn load(dir: &Path) -> Result<Maps, MapsError> {
    use std::io::Read;
    let path = dir.join(FILE_NAME);
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Maps::new()),
        Err(source) => return Err(MapsError::Io { path, source }),
    };
    let mut text = String::new();
    file.take(MAX_BYTES)
        .read_to_string(&mut text)
        .map_err(|source| MapsError::Io {
            path: path.clone(),
            source,
        })?;
    ron::from_str(&text).map_err(|e| MapsError::Damaged {
        path,
        message: e.to_string(),
    })
}

/// Saves `mapping` for `layout` in `dir` (atomically, creating the folder). A damaged file is
/// replaced.
pub fn save(dir: &Path, layout: &str, mapping: &Mapping) -> Result<(), MapsError> {
    std::fs::create_dir_all(dir).map_err(|source| MapsError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut maps = load(dir).unwrap_or_default();
    maps.insert(layout.to_owned(), mapping.clone());
    while maps.len() > MAX_LAYOUTS {
        let Some(first) = maps.keys().find(|k| k.as_str() != layout).cloned() else {
            break;
        };
        maps.remove(&first);
    }
    let text =
        ron::ser::to_string_pretty(&maps, ron::ser::PrettyConfig::default()).map_err(|e| {
            MapsError::Damaged {
                path: dir.join(FILE_NAME),
                message: e.to_string(),
            }
        })?;
    crate::report::store::atomic::write(&dir.join(FILE_NAME), text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_per_layout() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).unwrap().is_empty());
        let m = Mapping::parse("response=返回信息代码，time=流水时间").unwrap();
        save(dir.path(), "流水时间|返回信息代码", &m).unwrap();
        assert_eq!(load(dir.path()).unwrap()["流水时间|返回信息代码"], m);
        std::fs::write(dir.path().join(FILE_NAME), "garbage(").unwrap();
        assert!(matches!(load(dir.path()), Err(MapsError::Damaged { .. })));
        save(dir.path(), "a|b", &m).unwrap();
        assert_eq!(load(dir.path()).unwrap().len(), 1);
    }
}
