//! Monitoring: reads the transaction export a terminal or an acquirer's portal gives a shop
//! (CSV or XLSX, headers in English or Chinese) and shows where payment failures come from —
//! one terminal, one card scheme, one bank, certain hours, one cashier — and whether they are
//! rising. Each finding points at a cause the guides know and cites its figures.
//!
//! - [`read`]: the only part that reads files (size and row limits, encodings, separators).
//! - [`columns`]: which column holds what, by header or by a `--map`.
//! - [`import`]: rows to [`Transaction`]s; card numbers masked on the way in, bad rows by line.
//! - [`analysis`] and [`findings`]: pure figures and what stands out.
//! - [`maps`]: mappings saved per file layout in the data folder.
//! - [`view`]: the labels and rows the CLI, the exports and the window all draw.
//!
//! ```
//! use emv_doctor::monitor::{self, columns::Mapping, read};
//! let csv = "交易时间,终端号,卡号,应答码\n\
//!            2025-03-01 09:00:00,T1,6228480402564890018,00\n\
//!            2025-03-01 09:05:00,T1,6228480402564890018,A0\n";
//! let table = read::read_bytes(csv.as_bytes()).unwrap();
//! let result = monitor::analyze_table(&table, "export.csv", &Mapping::default()).unwrap();
//! assert_eq!(result.analysis.totals.errors, 1);
//! let json = result.to_json(emv_doctor::i18n::Lang::En).to_string();
//! assert!(!json.contains("6228480402564890018"));
//! ```

pub mod analysis;
pub mod columns;
pub mod findings;
pub mod import;
pub mod maps;
pub mod model;
pub mod read;
pub mod view;

pub use analysis::{Analysis, analyze};
pub use findings::MonitorFinding;
pub use model::{EntryMode, Outcome, Transaction};

use columns::{Field, Mapping};
use import::{BadRows, ImportError};
use read::{ReadError, SourceKind, Table};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Where the analysed transactions came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The file's name (without its folder).
    pub file_name: String,
    /// What kind of file it was.
    pub kind: SourceKind,
    /// The header row's line.
    pub header_line: u64,
    /// Rows after the header (empty rows not counted).
    pub rows: usize,
    /// Transactions used.
    pub used: usize,
    /// Rows that could not be used, by line.
    pub bad: BadRows,
    /// The column each field was read from.
    pub columns: BTreeMap<Field, String>,
    /// Whether a mapping saved for this layout was used.
    #[serde(default)]
    pub saved_mapping: bool,
}

/// An analysed export: where it came from and what it shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonitorReport {
    /// The file.
    pub source: Source,
    /// The figures and findings.
    pub analysis: Analysis,
}

/// Why an export could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum MonitorError {
    /// The file could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The rows could not be used.
    #[error(transparent)]
    Import(#[from] ImportError),
}

impl MonitorError {
    /// Whether the error is in the `--map` the user gave rather than in the file.
    pub fn is_mapping(&self) -> bool {
        matches!(self, MonitorError::Import(ImportError::Map(_)))
    }
}

/// Imports and analyses a table already read. Pure.
pub fn analyze_table(
    table: &Table,
    file_name: &str,
    mapping: &Mapping,
) -> Result<MonitorReport, ImportError> {
    let imported = import::import(&table.rows, mapping)?;
    let analysis = analyze(&imported.transactions).ok_or(ImportError::NoUsableRows {
        rows: imported.rows,
        bad: imported.bad.count,
        first: String::new(),
    })?;
    Ok(MonitorReport {
        source: Source {
            file_name: file_name.to_owned(),
            kind: table.kind,
            header_line: imported.header_line,
            rows: imported.rows,
            used: imported.transactions.len(),
            bad: imported.bad,
            columns: imported.columns.headers,
            saved_mapping: false,
        },
        analysis,
    })
}

/// Reads and analyses the export at `path`. With a `mapping`, it is used and, when the file
/// imports, saved for this file layout in `maps_dir`; without one, a mapping saved earlier for
/// the same layout is used. Saving is best effort: a failure to save is returned as the
/// second value, never as a failed analysis.
pub fn analyze_file(
    path: &Path,
    mapping: Option<&Mapping>,
    maps_dir: Option<&Path>,
) -> Result<(MonitorReport, Option<maps::MapsError>), MonitorError> {
    let table = read::read_file(path)?;
    let layout = import::find_header(&table.rows)
        .map(|(_, key)| key)
        .unwrap_or_else(|| first_row_layout(&table));
    let saved = match (mapping, maps_dir) {
        (None, Some(dir)) => maps::load(dir).ok().and_then(|m| m.get(&layout).cloned()),
        _ => None,
    };
    let used = mapping.or(saved.as_ref()).cloned().unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut report = analyze_table(&table, &name, &used)?;
    report.source.saved_mapping = saved.is_some();
    let save_error = match (mapping, maps_dir) {
        (Some(m), Some(dir)) if !m.0.is_empty() => maps::save(dir, &layout, m).err(),
        _ => None,
    };
    Ok((report, save_error))
}

fn counts_json(c: analysis::Counts) -> serde_json::Value {
    serde_json::json!({
        "total": c.total,
        "errors": c.errors,
        "rate_pct": (c.rate() * 10.0).round() / 10.0,
    })
}

fn breakdown_json(b: &analysis::Breakdown) -> serde_json::Value {
    let groups: Vec<serde_json::Value> = b
        .groups
        .iter()
        .map(|g| {
            let mut v = counts_json(g.counts);
            v["key"] = serde_json::json!(g.key);
            v["recent"] = counts_json(g.recent);
            v["chip_read_errors"] = serde_json::json!(g.chip_read_errors);
            v
        })
        .collect();
    serde_json::json!({
        "groups": groups,
        "other": b.other.map(counts_json),
    })
}

impl MonitorReport {
    /// The JSON object of `emv-doctor log analyze --json` (schema in `docs/monitoring.md`):
    /// `source`, `period`, `periods` (last 7 days, the 28 before), `days`, `hours`,
    /// `breakdowns` and `findings`, texts in `lang`. Card numbers appear only as BIN ranges.
    pub fn to_json(&self, lang: crate::i18n::Lang) -> serde_json::Value {
        let a = &self.analysis;
        let s = &self.source;
        let t = &a.trend;
        let b = &a.breakdowns;
        serde_json::json!({
            "source": {
                "file": s.file_name,
                "kind": s.kind.key(),
                "header_line": s.header_line,
                "rows": s.rows,
                "used": s.used,
                "bad_rows": {
                    "count": s.bad.count,
                    "lines": s.bad.listed.iter().map(|r| serde_json::json!({
                        "line": r.line,
                        "reason": r.reason,
                        "text": r.reason.text().get(lang),
                    })).collect::<Vec<_>>(),
                },
                "columns": s.columns,
                "saved_mapping": s.saved_mapping,
            },
            "period": {
                "first": a.period.first.format("%Y-%m-%dT%H:%M:%S").to_string(),
                "last": a.period.last.format("%Y-%m-%dT%H:%M:%S").to_string(),
                "days": a.period.days,
                "totals": counts_json(a.totals),
            },
            "periods": {
                "last_7_days": { "from": t.recent_from, "counts": counts_json(t.recent) },
                "previous_28_days": { "from": t.before_from, "counts": counts_json(t.before) },
                "change_points": t.change_points.map(|c| (c * 10.0).round() / 10.0),
            },
            "days": a.days.iter().map(|d| {
                let mut v = counts_json(d.counts);
                v["date"] = serde_json::json!(d.date);
                v
            }).collect::<Vec<_>>(),
            "hours": a.hours.iter().map(|h| {
                let mut v = counts_json(h.counts);
                v["hour"] = serde_json::json!(h.hour);
                v["network_errors"] = serde_json::json!(h.network_errors);
                v
            }).collect::<Vec<_>>(),
            "breakdowns": {
                "response_code": b.response_code.iter().map(|c| serde_json::json!({
                    "code": c.code,
                    "count": c.count,
                    "approved": c.approved,
                    "meaning": c.meaning.get(lang),
                })).collect::<Vec<_>>(),
                "outcome": b.outcome,
                "scheme": breakdown_json(&b.scheme),
                "bin": breakdown_json(&b.bin),
                "issuer": breakdown_json(&b.issuer),
                "terminal": breakdown_json(&b.terminal),
                "entry_mode": breakdown_json(&b.entry_mode),
                "operator": breakdown_json(&b.operator),
            },
            "findings": a.findings.iter().map(|f| f.to_json(lang)).collect::<Vec<_>>(),
        })
    }
}

fn first_row_layout(table: &Table) -> String {
    table
        .rows
        .iter()
        .find(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .map(|r| columns::layout_key(&r.cells))
        .unwrap_or_default()
}
