//! Reading the project's own sources: their files and their string literals (the text checks
//! scan every string the app can show).

use std::path::{Path, PathBuf};

/// The double-quoted string literals of a source or RON file (escapes kept as written).
pub fn literals(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line.chars();
        let mut current: Option<String> = None;
        while let Some(c) = rest.next() {
            match (&mut current, c) {
                (None, '"') => current = Some(String::new()),
                (Some(s), '\\') => {
                    s.push('\\');
                    if let Some(e) = rest.next() {
                        s.push(e);
                    }
                }
                (Some(_), '"') => {
                    if let Some(s) = current.take() {
                        out.push((n + 1, s));
                    }
                }
                (Some(s), c) => s.push(c),
                (None, _) => {}
            }
        }
    }
    out
}

pub fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs" || x == "ron") {
            out.push(p);
        }
    }
}

/// Every `.rs` and `.ron` file under `src/` and `guides/`.
pub fn project_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["src", "guides"] {
        files(&root.join(dir), &mut paths);
    }
    assert!(paths.len() > 20, "the sources were found");
    paths
}
