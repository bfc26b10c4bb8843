//! Staff lists in: a CSV (comma or semicolon, UTF-8 with or without BOM, as Excel saves it in
//! Indonesian locales) or an .xlsx workbook (first sheet). Columns are matched by header name,
//! case-insensitively, in Bahasa Indonesia or English; bad rows are reported, never fatal.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::date::Date;
use super::PledgeFields;
use crate::i18n::Lang;

/// Largest spreadsheet accepted (bytes): 1,000 staff rows are ~100 KB as CSV.
pub const MAX_TABLE_BYTES: usize = 20 * 1024 * 1024;
/// Most data rows accepted in one batch.
pub const MAX_ROWS: usize = 10_000;

/// A spreadsheet as text cells: a header row and data rows (rows may be ragged).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {bytes} bytes, more than the {MAX_TABLE_BYTES}-byte limit")]
    TooLarge { bytes: usize },
    #[error("more than {MAX_ROWS} rows")]
    TooManyRows,
    #[error("not a CSV or .xlsx file")]
    Format,
    #[error("the CSV cannot be read: {0}")]
    Csv(String),
    #[error("the workbook cannot be read: {0}")]
    Xlsx(String),
    #[error("no name column (Nama / Name) in the header row")]
    NoNameColumn,
}

impl TableError {
    pub fn message(&self, lang: Lang) -> String {
        let _ = lang;
        todo!("filled in by 02:40")
    }
}

/// Which column holds which field (indices into a row). Only the name is required.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Columns {
    pub name: usize,
    pub nip: Option<usize>,
    pub position: Option<usize>,
    pub agency: Option<usize>,
    pub place: Option<usize>,
    pub date: Option<usize>,
}

/// Fallbacks for cells that are absent or empty (from the CLI flags or the batch panel).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowDefaults {
    pub place: String,
    pub date: Date,
    pub agency: String,
}

/// Why a row was skipped.
#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowReason {
    #[error("no name")]
    NoName,
    #[error("{0}")]
    Nip(super::nip::NipError),
    #[error("{0}")]
    Date(super::date::DateError),
    #[error("{field:?} is longer than {limit} characters")]
    TooLong { field: super::Field, limit: usize },
}

impl RowReason {
    pub fn message(&self, lang: Lang) -> String {
        let _ = lang;
        todo!("filled in by 02:40")
    }
}

/// A skipped row: its line in the file (the header is line 1), the name if any, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: usize,
    pub name: String,
    pub reason: RowReason,
}

/// Read a CSV or .xlsx (told apart by content, with the file name as a hint).
pub fn read_table(bytes: &[u8], file_name: &str) -> Result<Table, TableError> {
    let _ = (bytes, file_name);
    todo!("filled in by 02:40")
}

/// Find the columns by header name (Nama/Name, NIP, Jabatan/Position, Instansi/Unit Kerja/
/// Agency, Tempat/Place, Tanggal/Date), ignoring case, spaces and punctuation.
pub fn match_columns(headers: &[String]) -> Result<Columns, TableError> {
    let _ = headers;
    todo!("filled in by 02:40")
}

/// Each data row as checked fields or the reason it is skipped, lazily (a batch never holds
/// more than one row's fields).
pub fn rows<'a>(
    table: &'a Table,
    cols: &'a Columns,
    defaults: &'a RowDefaults,
    today: Date,
) -> impl Iterator<Item = Result<PledgeFields, RowError>> + 'a {
    let _ = (cols, defaults, today);
    table.rows.iter().map(|_| todo!("filled in by 02:40"))
}
