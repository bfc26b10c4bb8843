//! Staff lists in: a CSV (comma, semicolon or tab; UTF-8 with or without BOM, or the Windows
//! code page Excel uses when it saves "CSV" in Indonesian locales) or an .xlsx workbook (first
//! sheet). Columns are matched by header name, case-insensitively, in Bahasa Indonesia or
//! English; bad rows are reported with the reason, never fatal.

use std::io::Cursor;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::date::{Date, DateError};
use super::nip::{self, NipError};
use super::{Field, PledgeFields, MAX_FIELD_CHARS};
use crate::i18n::Lang;

/// Largest spreadsheet accepted (bytes): 1,000 staff rows are ~100 KB as CSV, ~60 KB as .xlsx.
pub const MAX_TABLE_BYTES: usize = 20 * 1024 * 1024;
/// Most data rows accepted in one batch.
pub const MAX_ROWS: usize = 10_000;
/// Most columns read per row (wider rows are cut: nobody needs column 65 for a pledge card).
pub const MAX_COLUMNS: usize = 64;

/// A spreadsheet as text cells: a header row and data rows (rows may be ragged).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The line (CSV) or row number (Excel) of each data row as the user sees it in their
    /// program, for the report; the header is usually line 1. Empty means "index + 2".
    #[serde(default)]
    pub lines: Vec<usize>,
}

impl Table {
    /// Keep a data row and its line number; blank rows are passed over (spreadsheets end in
    /// them), and more than [`MAX_ROWS`] rows is an error.
    fn push_row(&mut self, cells: Vec<String>, line: usize) -> Result<(), TableError> {
        if cells.iter().all(String::is_empty) {
            return Ok(());
        }
        if self.rows.len() == MAX_ROWS {
            return Err(TableError::TooManyRows);
        }
        self.rows.push(cells);
        self.lines.push(line);
        Ok(())
    }
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
        let mb = MAX_TABLE_BYTES / 1024 / 1024;
        match (self, lang) {
            (TableError::Empty, Lang::Id) => "Berkas kosong atau tidak berisi baris data.".into(),
            (TableError::Empty, Lang::En) => "The file is empty or has no data rows.".into(),
            (TableError::TooLarge { .. }, Lang::Id) => {
                format!("Berkas terlalu besar (maksimal {mb} MB).")
            }
            (TableError::TooLarge { .. }, Lang::En) => {
                format!("The file is too large (at most {mb} MB).")
            }
            (TableError::TooManyRows, Lang::Id) => {
                format!("Terlalu banyak baris (maksimal {MAX_ROWS}); bagi menjadi beberapa berkas.")
            }
            (TableError::TooManyRows, Lang::En) => {
                format!("Too many rows (at most {MAX_ROWS}); split it into several files.")
            }
            (TableError::Format, Lang::Id) => {
                "Berkas harus CSV atau Excel .xlsx (simpan .xls lama sebagai .xlsx).".into()
            }
            (TableError::Format, Lang::En) => {
                "The file must be a CSV or an Excel .xlsx (save old .xls files as .xlsx).".into()
            }
            (TableError::Csv(_), Lang::Id) => {
                "Berkas CSV tidak bisa dibaca; periksa tanda kutipnya.".into()
            }
            (TableError::Csv(_), Lang::En) => "The CSV cannot be read; check its quotes.".into(),
            (TableError::Xlsx(_), Lang::Id) => {
                "Berkas Excel tidak bisa dibaca; mungkin rusak atau terkunci kata sandi.".into()
            }
            (TableError::Xlsx(_), Lang::En) => {
                "The Excel file cannot be read; it may be damaged or password-protected.".into()
            }
            (TableError::NoNameColumn, Lang::Id) => {
                "Kolom \"Nama\" tidak ditemukan di baris judul (baris pertama).".into()
            }
            (TableError::NoNameColumn, Lang::En) => {
                "No \"Name\" (Nama) column in the header row (the first row).".into()
            }
        }
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

impl Columns {
    /// (field, column index, header as written) for each matched column, in card order: what
    /// the batch panel shows as the column mapping.
    pub fn matched<'a>(&self, headers: &'a [String]) -> Vec<(Field, usize, &'a str)> {
        [
            (Field::Name, Some(self.name)),
            (Field::Nip, self.nip),
            (Field::Position, self.position),
            (Field::Agency, self.agency),
            (Field::Place, self.place),
            (Field::Date, self.date),
        ]
        .into_iter()
        .filter_map(|(f, c)| c.map(|c| (f, c, headers.get(c).map_or("", String::as_str))))
        .collect()
    }
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
    Nip(NipError),
    /// The NIP was stored as a number (Excel shows 1.98504E+17 and keeps only 15 digits).
    #[error("the NIP was stored as a number and lost digits")]
    NipAsNumber,
    #[error("{0}")]
    Date(DateError),
    #[error("{field:?} is longer than {limit} characters")]
    TooLong { field: Field, limit: usize },
}

impl RowReason {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RowReason::NoName, Lang::Id) => "Nama kosong.".into(),
            (RowReason::NoName, Lang::En) => "The name is empty.".into(),
            (RowReason::Nip(e), _) => e.message(lang),
            (RowReason::NipAsNumber, Lang::Id) => "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; format kolom NIP sebagai Teks lalu isi ulang.".into(),
            (RowReason::NipAsNumber, Lang::En) => "The NIP was stored as a number and lost its last digits; format the NIP column as Text and fill it in again.".into(),
            (RowReason::Date(e), _) => e.message(lang),
            (RowReason::TooLong { field, limit }, Lang::Id) => {
                format!("{} terlalu panjang (maksimal {limit} karakter).", field.label(lang))
            }
            (RowReason::TooLong { field, limit }, Lang::En) => {
                format!("{} is too long (at most {limit} characters).", field.label(lang))
            }
        }
    }
}

/// A skipped row: its line in the file (the header is line 1), the name if any, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: usize,
    pub name: String,
    pub reason: RowReason,
}

/// Read a CSV or .xlsx, told apart by content (an .xlsx is a ZIP); the file name only serves to
/// refuse the old binary .xls with a helpful message.
pub fn read_table(bytes: &[u8], file_name: &str) -> Result<Table, TableError> {
    if bytes.len() > MAX_TABLE_BYTES {
        return Err(TableError::TooLarge { bytes: bytes.len() });
    }
    let table = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || file_name.to_ascii_lowercase().ends_with(".xls")
    {
        // The pre-2007 binary format (OLE container): calamine could, but we keep the build
        // small; Excel saves .xlsx in one click.
        return Err(TableError::Format);
    } else {
        read_csv(bytes)?
    };
    if table.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(TableError::Empty);
    }
    Ok(table)
}

fn read_csv(bytes: &[u8]) -> Result<Table, TableError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => std::borrow::Cow::Owned(windows_1252(bytes)),
    };
    if text.trim().is_empty() {
        return Err(TableError::Empty);
    }
    if text.contains('\0') {
        return Err(TableError::Format);
    }
    // Excel saves CSV with CRLF, and the csv crate's record positions then count one line too
    // few: with plain LF the line numbers in the invalid-row report are the file's own.
    let text = if text.contains("\r\n") {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        text
    };
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    let mut first = true;
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Csv(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<String> = record.iter().take(MAX_COLUMNS).map(clean_cell).collect();
        if first {
            table.headers = cells;
            first = false;
            continue;
        }
        table.push_row(cells, line)?;
    }
    Ok(table)
}

/// The delimiter of the header line: the most frequent of `;`, `,` and tab outside quotes
/// (Excel in Indonesian locales writes `;`, because `,` is the decimal mark).
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for ch in header.chars() {
        match ch {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i == 1)).unwrap_or(1);
    [b';', b',', b'\t'][best]
}

/// Windows-1252 to text (what Excel writes for "CSV" without UTF-8).
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, TableError> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| TableError::Xlsx(e.to_string()))?;
    let range = match book.worksheet_range_at(0) {
        Some(r) => r.map_err(|e| TableError::Xlsx(e.to_string()))?,
        None => return Err(TableError::Empty),
    };
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut table = Table::default();
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().take(MAX_COLUMNS).map(cell_text).collect();
        if i == 0 {
            table.headers = cells;
            continue;
        }
        // Excel's row numbers start at 1.
        table.push_row(cells, first_row + i + 1)?;
    }
    Ok(table)
}

/// A cell's text as read from a spreadsheet: one line, without control or bidi characters (a
/// row is a stranger's text: see `text::clean`), trimmed.
fn clean_cell(text: &str) -> String {
    crate::text::clean::clean_line(text).trim().to_string()
}

/// A cell as the text the user sees. Whole numbers print without ".0"; numbers of 15 digits or
/// more (a NIP typed as a number) keep Excel's scientific form so the row is reported as
/// [`RowReason::NipAsNumber`] rather than checked with wrong digits; dates become YYYY-MM-DD.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => clean_cell(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) if f.abs() >= 1e15 => format!("{f:E}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel's serial day 25569 is 1970-01-01.
        Data::DateTime(d) => Date::from_unix_days(d.as_f64().floor() as i64 - 25_569).iso(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// Header names per field, normalised (lower case, letters and digits only).
const NAMES: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "nama",
            "namalengkap",
            "namapegawai",
            "namaasn",
            "namadangelar",
            "namalengkapdangelar",
            "namabesertagelar",
            "name",
            "fullname",
            "employeename",
        ],
    ),
    (
        Field::Nip,
        &[
            "nip",
            "nipbaru",
            "nomorindukpegawai",
            "nomornip",
            // PPPK staff lists head the column with the NI PPPK's names.
            "nipppk",
            "nippppk",
            "nomorindukpppk",
            "nipnipppk",
            "nipnippppk",
            "nipataunipppk",
            "employeeid",
            "employeenumber",
        ],
    ),
    (
        Field::Position,
        &[
            "jabatan",
            "namajabatan",
            "jabatanfungsional",
            "position",
            "jobtitle",
            "title",
        ],
    ),
    (
        Field::Agency,
        &[
            "instansi",
            "unitkerja",
            "instansiunitkerja",
            "satuankerja",
            "satker",
            "opd",
            "perangkatdaerah",
            "agency",
            "unit",
            "department",
            "organisation",
            "organization",
        ],
    ),
    (
        Field::Place,
        &["tempat", "kota", "lokasi", "place", "city", "location"],
    ),
    (
        Field::Date,
        &[
            "tanggal",
            "tgl",
            "tanggalikrar",
            "tanggalpenandatanganan",
            "date",
            "signingdate",
        ],
    ),
];

fn normalise(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Find the columns by header name (see `NAMES`: Nama/Name, NIP, Jabatan/Position,
/// Instansi/Unit Kerja/Agency, Tempat/Place, Tanggal/Date), ignoring case, spaces and
/// punctuation. The first matching column wins. "Tanggal lahir" (birth date) is not "Tanggal".
pub fn match_columns(headers: &[String]) -> Result<Columns, TableError> {
    let find = |field: Field| {
        let names = NAMES
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&[][..], |(_, n)| *n);
        headers
            .iter()
            .position(|h| names.contains(&normalise(h).as_str()))
    };
    Ok(Columns {
        name: find(Field::Name).ok_or(TableError::NoNameColumn)?,
        nip: find(Field::Nip),
        position: find(Field::Position),
        agency: find(Field::Agency),
        place: find(Field::Place),
        date: find(Field::Date),
    })
}

/// A date cell: `YYYY-MM-DD`, or the day-first `DD/MM/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY` that
/// Indonesian spreadsheets use.
pub fn parse_cell_date(text: &str) -> Result<Date, DateError> {
    let t = text.trim();
    if let Ok(d) = Date::parse_iso(t) {
        return Ok(d);
    }
    // A bare 5-digit number is an Excel serial day (a date cell without a date format, or a
    // CSV saved from one): 25569 is 1970-01-01; 5 digits cover 1927–2173.
    if t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) {
        let serial: i64 = t.parse().unwrap_or(0);
        return Ok(Date::from_unix_days(serial - 25_569));
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    if let [d, m, y] = parts[..] {
        let ok = |s: &str, max: usize| {
            !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
        };
        if ok(d, 2) && ok(m, 2) && y.len() == 4 && ok(y, 4) {
            let (d, m, y) = (
                d.parse().unwrap_or(0),
                m.parse().unwrap_or(0),
                y.parse().unwrap_or(0),
            );
            return Date::new(y, m, d).ok_or_else(|| DateError::NoSuchDay(t.to_string()));
        }
    }
    Err(DateError::Format(t.to_string()))
}

/// "1.98504E+17", "1,98504E+17" (Indonesian decimal comma) or "1.98504122010011E17": a number
/// in the scientific form spreadsheets show for 18-digit numbers.
fn looks_scientific(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty()
        && !exponent.is_empty()
        && mantissa
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// Each data row as checked fields or the reason it is skipped, lazily (a batch never holds
/// more than one row's fields).
pub fn rows<'a>(
    table: &'a Table,
    cols: &'a Columns,
    defaults: &'a RowDefaults,
    today: Date,
) -> impl Iterator<Item = Result<PledgeFields, RowError>> + 'a {
    table.rows.iter().enumerate().map(move |(i, row)| {
        let line = table.lines.get(i).copied().unwrap_or(i + 2);
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
        };
        let name = cell(Some(cols.name));
        let fail = |reason| RowError {
            line,
            name: name.clone(),
            reason,
        };
        if name.is_empty() {
            return Err(fail(RowReason::NoName));
        }
        let nip_text = cell(cols.nip);
        let nip = if nip_text.is_empty() {
            None
        } else if looks_scientific(&nip_text) {
            return Err(fail(RowReason::NipAsNumber));
        } else {
            Some(nip::parse(&nip_text, today).map_err(|e| fail(RowReason::Nip(e)))?)
        };
        let date_text = cell(cols.date);
        let date = if date_text.is_empty() {
            defaults.date
        } else {
            parse_cell_date(&date_text).map_err(|e| fail(RowReason::Date(e)))?
        };
        let or = |text: String, fallback: &str| {
            if text.is_empty() {
                fallback.trim().to_string()
            } else {
                text
            }
        };
        let fields = PledgeFields {
            nip,
            position: cell(cols.position),
            agency: or(cell(cols.agency), &defaults.agency),
            place: or(cell(cols.place), &defaults.place),
            date,
            name: name.clone(),
        };
        for (field, text) in [
            (Field::Name, &fields.name),
            (Field::Position, &fields.position),
            (Field::Agency, &fields.agency),
            (Field::Place, &fields.place),
        ] {
            if text.chars().count() > MAX_FIELD_CHARS {
                return Err(fail(RowReason::TooLong {
                    field,
                    limit: MAX_FIELD_CHARS,
                }));
            }
        }
        Ok(fields)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_control_and_bidi_characters_are_removed() {
        // A name written backwards under a right-to-left override, a BEL and an ESC sequence,
        // a quoted line break: each row's text is what is drawn, one line, nothing hidden.
        let t = read_table(
            "Nama;Jabatan\n\u{202E}itiS\u{202C};Ana\u{7}lis\u{1b}[2J\n\"Budi\nSantoso\";x\n"
                .as_bytes(),
            "a.csv",
        )
        .unwrap();
        assert_eq!(t.rows[0], ["itiS", "Analis[2J"]);
        assert_eq!(t.rows[1][0], "Budi Santoso");
    }

    #[test]
    fn delimiters_and_bom() {
        let t = read_table(
            "\u{feff}Nama;NIP;Jabatan\nBudi;198504122010011003;Analis\n".as_bytes(),
            "a.csv",
        )
        .unwrap();
        assert_eq!(t.headers, ["Nama", "NIP", "Jabatan"]);
        assert_eq!(t.rows, [["Budi", "198504122010011003", "Analis"]]);
        assert_eq!(t.lines, [2]);
        let t = read_table(
            b"Name,Position\n\"Santoso, Budi\",Analis\n\n,\nSiti,\n",
            "b.csv",
        )
        .unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][0], "Santoso, Budi");
        assert_eq!(t.lines, [2, 5]);
        // The same file as Excel saves it (CRLF): the same line numbers.
        let t = read_table(
            b"Name,Position\r\n\"Santoso, Budi\",Analis\r\n\r\n,\r\nSiti,\r\n",
            "b.csv",
        )
        .unwrap();
        assert_eq!(t.lines, [2, 5]);
    }

    #[test]
    fn windows_1252_names() {
        let t = read_table(b"Nama\nRen\xe9 \x96 Siti\n", "c.csv").unwrap();
        assert_eq!(t.rows[0][0], "René – Siti");
    }

    #[test]
    fn columns_by_name_in_either_language() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let c = match_columns(&h(&[
            "No",
            "NAMA LENGKAP",
            "Tanggal Lahir",
            "N.I.P.",
            "Unit Kerja",
            "Tanggal",
        ]))
        .unwrap();
        assert_eq!(
            (c.name, c.nip, c.agency, c.date, c.position),
            (1, Some(3), Some(4), Some(5), None)
        );
        let c = match_columns(&h(&["Full name", "Position", "Agency", "City", "Date"])).unwrap();
        assert_eq!(
            (c.name, c.position, c.agency, c.place, c.date),
            (0, Some(1), Some(2), Some(3), Some(4))
        );
        assert_eq!(
            match_columns(&h(&["NIP", "Jabatan"])),
            Err(TableError::NoNameColumn)
        );
    }

    #[test]
    fn pppk_number_columns_are_the_nip_column() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        for header in ["NI PPPK", "NIP PPPK", "NIP / NI PPPK", "Nomor Induk PPPK"] {
            let c = match_columns(&h(&["Nama", header])).unwrap();
            assert_eq!(c.nip, Some(1), "{header}");
        }
    }

    #[test]
    fn cell_dates() {
        let d = Date::new(2026, 11, 26).unwrap();
        for t in ["2026-11-26", "26/11/2026", "26-11-2026", "26.11.2026"] {
            assert_eq!(parse_cell_date(t), Ok(d), "{t}");
        }
        assert!(matches!(
            parse_cell_date("31/02/2026"),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(
            parse_cell_date("besok"),
            Err(DateError::Format(_))
        ));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert_eq!(read_table(b"", "a.csv"), Err(TableError::Empty));
        assert_eq!(read_table(b"  \n", "a.csv"), Err(TableError::Empty));
        assert_eq!(
            read_table(b"\xD0\xCF\x11\xE0rest", "a.xls"),
            Err(TableError::Format)
        );
        assert!(matches!(
            read_table(b"PK\x03\x04broken", "a.xlsx"),
            Err(TableError::Xlsx(_))
        ));
    }
}
