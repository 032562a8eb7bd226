//! Which system this computer runs, so the start page and the reader guide (check `system.os`)
//! say what to do about a missing card service for *this* computer instead of asking.

/// The kind of system, as far as the card service is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemKind {
    /// Windows: the "Smart Card" service.
    Windows,
    /// macOS: the card service is built in.
    MacOs,
    /// Linux and other Unix systems: the pcscd service.
    Linux,
}

/// This computer's system: its kind and its name as the system gives it ("Ubuntu 24.04 LTS").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemInfo {
    /// The kind.
    pub kind: SystemKind,
    /// The name, e.g. from `/etc/os-release`.
    pub name: String,
}

/// The longest `/etc/os-release` that is read.
const OS_RELEASE_MAX: u64 = 16 * 1024;

impl SystemInfo {
    /// Detects this computer's system.
    pub fn detect() -> Self {
        match std::env::consts::OS {
            "windows" => SystemInfo {
                kind: SystemKind::Windows,
                name: "Windows".to_owned(),
            },
            "macos" => SystemInfo {
                kind: SystemKind::MacOs,
                name: "macOS".to_owned(),
            },
            other => SystemInfo {
                kind: SystemKind::Linux,
                name: os_release_name().unwrap_or_else(|| other.to_owned()),
            },
        }
    }
}

impl SystemKind {
    /// The finding that names this kind (`system.windows`, `system.macos`, `system.linux`).
    pub fn finding_def(self) -> &'static crate::finding::FindingDef {
        use crate::finding::system::{SYSTEM_LINUX, SYSTEM_MACOS, SYSTEM_WINDOWS};
        match self {
            SystemKind::Windows => &SYSTEM_WINDOWS,
            SystemKind::MacOs => &SYSTEM_MACOS,
            SystemKind::Linux => &SYSTEM_LINUX,
        }
    }
}

fn os_release_name() -> Option<String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open("/etc/os-release")
        .ok()?
        .take(OS_RELEASE_MAX)
        .read_to_string(&mut text)
        .ok()?;
    pretty_name(&text)
}

/// `PRETTY_NAME` (else `NAME`) of an os-release file, without quotes.
fn pretty_name(text: &str) -> Option<String> {
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(|v| {
                v.trim()
                    .trim_matches('"')
                    .chars()
                    .take(60)
                    .collect::<String>()
            })
            .filter(|v| !v.is_empty())
    };
    value("PRETTY_NAME").or_else(|| value("NAME"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_release_gives_the_pretty_name() {
        let text = "NAME=\"Ubuntu\"\nPRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nID=ubuntu\n";
        assert_eq!(pretty_name(text).as_deref(), Some("Ubuntu 24.04.1 LTS"));
        assert_eq!(pretty_name("NAME=Debian\n").as_deref(), Some("Debian"));
        assert_eq!(pretty_name("ID=x\n"), None);
    }
}
