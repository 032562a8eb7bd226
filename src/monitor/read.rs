//! The edge that touches files: reads a transaction export (CSV in UTF-8, GBK or GB18030,
//! comma, semicolon or tab separated, with or without BOM; or the first worksheet of an XLSX
//! workbook) into [`Row`]s, within size and row limits. Everything after this is pure.

use super::import::Row;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest export read (bytes on disk).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most rows read; a larger export should be cut to the weeks in question.
pub const MAX_ROWS: usize = 1_000_000;
/// Most cells in a row.
const MAX_CELLS: usize = 200;

/// What kind of file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// CSV in UTF-8 (with or without BOM).
    CsvUtf8,
    /// CSV in GB18030 (which includes GBK).
    CsvGb18030,
    /// An Excel workbook.
    Xlsx,
}

impl SourceKind {
    /// The stable name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            SourceKind::CsvUtf8 => "csv_utf8",
            SourceKind::CsvGb18030 => "csv_gb18030",
            SourceKind::Xlsx => "xlsx",
        }
    }
}

/// Why an export could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("{} is {size} bytes; exports up to {limit} bytes are read (cut it to the weeks in question)", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// More than [`MAX_ROWS`] rows.
    #[error("the export has more than {MAX_ROWS} rows; cut it to the weeks in question")]
    TooManyRows,
    /// A CSV line the parser refused.
    #[error("line {line}: not CSV: {message}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// What the CSV parser said.
        message: String,
    },
    /// A workbook calamine could not read.
    #[error("not a readable XLSX workbook: {0}")]
    Xlsx(String),
    /// A workbook without a worksheet.
    #[error("the workbook has no worksheet")]
    NoSheet,
    /// Binary data that is neither CSV nor XLSX.
    #[error("not a CSV or XLSX file (it holds binary data)")]
    Binary,
}

/// The rows of an export and what kind of file it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The rows with their line numbers.
    pub rows: Vec<Row>,
    /// What was read.
    pub kind: SourceKind,
}

/// Reads the export at `path` (at most [`MAX_FILE_BYTES`]).
pub fn read_file(path: &Path) -> Result<Table, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    read_bytes(&bytes)
}

/// Reads an export already in memory: XLSX when it starts like a ZIP archive, CSV otherwise.
pub fn read_bytes(bytes: &[u8]) -> Result<Table, ReadError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes);
    }
    let (text, kind) = decode_text(bytes);
    if text.contains('\0') {
        return Err(ReadError::Binary);
    }
    read_csv(&text).map(|rows| Table { rows, kind })
}

/// The text of a CSV file: UTF-8 (BOM removed) when it is valid UTF-8, GB18030 otherwise
/// (GBK is a subset). A GB18030 decode never fails; undecodable bytes become U+FFFD.
fn decode_text(bytes: &[u8]) -> (String, SourceKind) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => (s.to_owned(), SourceKind::CsvUtf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), SourceKind::CsvGb18030)
        }
    }
}

/// The separator of a CSV text: whichever of tab, comma and semicolon is most common in its
/// first lines.
fn sniff_delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(25).collect::<Vec<_>>().join("\n");
    [b'\t', b',', b';']
        .into_iter()
        .max_by_key(|&d| (head.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

fn read_csv(text: &str) -> Result<Vec<Row>, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    // The csv crate does not count blank lines, so lines are counted from byte offsets.
    let newlines: Vec<u64> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i as u64)
        .collect();
    let bytes = text.as_bytes();
    let line_at = |pos: Option<&csv::Position>| {
        pos.map_or(0, |p| {
            // A record's position is where reading began, before any blank lines it skipped.
            let mut at = usize::try_from(p.byte()).unwrap_or(usize::MAX);
            while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
                at += 1;
            }
            newlines.partition_point(|&n| n < at as u64) as u64 + 1
        })
    };
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| ReadError::Csv {
                line: line_at(e.position()),
                message: e.to_string(),
            })?;
        if !more {
            break;
        }
        if rows.len() >= MAX_ROWS {
            return Err(ReadError::TooManyRows);
        }
        rows.push(Row {
            line: line_at(record.position()),
            cells: record.iter().take(MAX_CELLS).map(str::to_owned).collect(),
        });
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, ReadError> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(ReadError::NoSheet)?
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    if range.height() > MAX_ROWS {
        return Err(ReadError::TooManyRows);
    }
    let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            line: first_row + i as u64 + 1,
            cells: cells.iter().take(MAX_CELLS).map(cell_text).collect(),
        })
        .collect();
    Ok(Table {
        rows,
        kind: SourceKind::Xlsx,
    })
}

/// A worksheet cell as text; dates as `YYYY-MM-DD HH:MM:SS`, whole numbers without `.0`.
fn cell_text(cell: &calamine::Data) -> String {
    match cell {
        calamine::Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.as_f64() < 1.0 {
                format!("{h:02}:{mi:02}:{s:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_tab_separated_with_line_numbers() {
        let text = "交易时间\t应答码\n2025-03-01 09:00:00\t00\n\n2025-03-01 09:01:00\t\"05\"\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let t = read_bytes(&gbk).unwrap();
        assert_eq!(t.kind, SourceKind::CsvGb18030);
        assert_eq!(t.rows[0].cells, ["交易时间", "应答码"]);
        assert_eq!(t.rows.last().unwrap().line, 4);
        assert_eq!(t.rows.last().unwrap().cells[1], "05");
    }

    #[test]
    fn utf8_bom_and_commas() {
        let t =
            read_bytes("\u{feff}Time,Response code\n2025-03-01 09:00:00,00\n".as_bytes()).unwrap();
        assert_eq!(t.kind, SourceKind::CsvUtf8);
        assert_eq!(t.rows[0].cells[0], "Time");
    }

    #[test]
    fn binary_and_broken_zip_are_refused() {
        assert!(matches!(
            read_bytes(b"\x00\x01\x02"),
            Err(ReadError::Binary)
        ));
        assert!(matches!(
            read_bytes(b"PK\x03\x04garbage"),
            Err(ReadError::Xlsx(_))
        ));
    }
}
