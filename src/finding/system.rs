//! Findings about the system this computer runs, given by the `system.os` check, so a guide
//! shows the steps for this computer instead of asking which system it is.

use crate::finding::{FindingDef, finding_def as def};

def!(
    SYSTEM_WINDOWS,
    "system.windows",
    Info,
    "This computer runs Windows",
    "这台电脑是Windows系统",
    "Follow the steps for Windows.",
    "按Windows的步骤操作。"
);

def!(
    SYSTEM_MACOS,
    "system.macos",
    Info,
    "This computer runs macOS",
    "这台电脑是macOS系统",
    "Follow the steps for macOS.",
    "按macOS的步骤操作。"
);

def!(
    SYSTEM_LINUX,
    "system.linux",
    Info,
    "This computer runs Linux",
    "这台电脑是Linux系统",
    "Follow the steps for Linux.",
    "按Linux的步骤操作。"
);

/// What the `system.os` check can find.
pub const SYSTEM: &[FindingDef] = &[SYSTEM_WINDOWS, SYSTEM_MACOS, SYSTEM_LINUX];
