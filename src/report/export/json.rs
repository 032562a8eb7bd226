//! The JSON export for support tooling. The schema is documented in `docs/report.md`; it is
//! versioned by `schema_version` and only grows (new keys) within a version. Keys are sorted,
//! so the same report always gives the same bytes.

use super::{ExportOptions, gated};
use crate::report::model::Report;
use crate::report::verdict::verdict;
use serde_json::{Map, Value, json};

/// Version of the JSON export's schema (see `docs/report.md`).
pub const SCHEMA_VERSION: u32 = 1;

/// The report as pretty-printed JSON (one object, a trailing newline).
pub fn export(report: &Report, options: &ExportOptions) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(report, options))
        .unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()));
    text.push('\n');
    text
}

/// The report as a JSON value, after the privacy gate.
pub fn to_value(report: &Report, options: &ExportOptions) -> Value {
    let r = gated(report, options);
    let lang = options.lang;
    let v = verdict(&r, lang);
    let shop: Map<String, Value> = r
        .shop
        .fields()
        .into_iter()
        .filter(|(field, _)| !(options.redact_shop && field.identifies_shop()))
        .map(|(field, value)| (field.key().to_owned(), json!(value)))
        .collect();
    let notes: Vec<Value> = r
        .notes
        .iter()
        .map(|n| json!({ "at": n.at.to_rfc3339(), "text": n.text }))
        .collect();
    let summary = r.summary.as_ref().map(|s| {
        json!({
            "outcome": { "en": s.outcome.en, "zh-CN": s.outcome.zh },
            "next_step": { "en": s.next_step.en, "zh-CN": s.next_step.zh },
        })
    });
    json!({
        "schema": "emv-doctor.report",
        "schema_version": SCHEMA_VERSION,
        "format_version": r.format_version,
        "app_version": r.app_version,
        "lang": lang.tag(),
        "created": r.created.to_rfc3339(),
        "updated": r.updated.to_rfc3339(),
        "redacted_shop": options.redact_shop,
        "computer": {
            "os": r.computer.os,
            "arch": r.computer.arch,
            "hostname": r.computer.hostname,
        },
        "shop": shop,
        "verdict": {
            "severity": v.severity.map(|s| s.as_str()),
            "what": v.what,
            "next": v.next,
            "who": v.who,
        },
        "summary": summary,
        "notes": notes,
    })
}
