//! Host profiles: the payment hosts a support desk ships in a RON file (`assets/hosts.ron` is
//! an example to replace), so a technician picks "Acquirer A, production" instead of typing
//! `HOST:PORT`.

use super::host::{HostOptions, Target};
use crate::i18n::BiText;
use serde::{Deserialize, Serialize};

/// One host a technician can check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostProfile {
    /// Short stable id, e.g. `acquirer_a_prod`.
    pub id: String,
    /// What it is, in both languages.
    pub name: BiText,
    /// `HOST:PORT`.
    pub target: Target,
    /// Whether the host speaks TLS.
    #[serde(default)]
    pub tls: bool,
    /// TLS server name when it differs from the host.
    #[serde(default)]
    pub sni: Option<String>,
}

impl HostProfile {
    /// Check options for this profile (default count and timeouts).
    pub fn options(&self) -> HostOptions {
        let mut o = HostOptions::new(self.target.clone());
        o.tls = self.tls;
        o.sni = self.sni.clone();
        o
    }
}

/// A profile file: `(hosts: [ … ])`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HostProfiles {
    /// The hosts, in menu order.
    pub hosts: Vec<HostProfile>,
}

/// Why a profile file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// RON syntax or shape error, with line and column.
    #[error("{origin}:{line}:{col}: {message}")]
    Parse {
        /// File name or other origin.
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// Two profiles share an id.
    #[error("{origin}: duplicate host id {id:?}")]
    Duplicate {
        /// File name or other origin.
        origin: String,
        /// The repeated id.
        id: String,
    },
}

/// Reads a profile file's text; `origin` names it in errors.
pub fn parse_profiles(text: &str, origin: &str) -> Result<HostProfiles, ProfileError> {
    let p: HostProfiles = ron::from_str(text).map_err(|e| ProfileError::Parse {
        origin: origin.to_owned(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    })?;
    let mut ids: Vec<&str> = p.hosts.iter().map(|h| h.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(ProfileError::Duplicate {
            origin: origin.to_owned(),
            id: w[0].to_owned(),
        });
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"(hosts: [
        (id: "a", name: (en: "Acquirer A", r#zh-CN: "收单机构A"), target: "pos.example.com:443", tls: true),
        (id: "b", name: (en: "TMS", r#zh-CN: "终端管理"), target: "[2001:db8::1]:7000"),
    ])"#;

    #[test]
    fn profiles_parse() {
        let p = parse_profiles(SAMPLE, "sample").unwrap();
        assert_eq!(p.hosts.len(), 2);
        assert_eq!(p.hosts[0].target.port, 443);
        assert!(p.hosts[0].options().tls);
        assert!(!p.hosts[1].tls);
        assert_eq!(p.hosts[1].target.host, "2001:db8::1");
    }

    #[test]
    fn bad_target_and_duplicates_are_errors_with_position() {
        let bad = r#"(hosts: [
    (id: "a", name: (en: "A", r#zh-CN: "A"), target: "no-port"),
])"#;
        let e = parse_profiles(bad, "f.ron").unwrap_err().to_string();
        assert!(e.starts_with("f.ron:2:"), "{e}");
        let dup = SAMPLE.replace("id: \"b\"", "id: \"a\"");
        assert!(matches!(
            parse_profiles(&dup, "f"),
            Err(ProfileError::Duplicate { .. })
        ));
    }
}
