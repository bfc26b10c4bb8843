//! Reports people open in a spreadsheet (today `laporan.csv` in the batch ZIP). Agencies open
//! them in Excel, LibreOffice or Google Sheets, which run a cell that starts with `=`, `+`, `-`
//! or `@` as a formula (CSV injection): a staff list with the name `=HYPERLINK(…)` would put a
//! live link or a command into the report. Every CSV writer goes through [`write_record`].

use std::borrow::Cow;
use std::io::Write;

/// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection": `=`,
/// `+`, `-`, `@`, and tab and carriage return, which some spreadsheets skip before looking).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as it is safe to write: a cell that starts with a formula character gets a `'` in
/// front (OWASP's advice: spreadsheets show it as text and hide the quote); any other cell is
/// unchanged. A real name that starts with `-` is rare, and is prefixed too: the quote is
/// harmless, a formula is not.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Write one record with every cell made safe. Quoting (commas, quotes, line breaks in names)
/// is the csv writer's job, so ordinary names read back exactly as they were.
pub fn write_record<W, I, S>(writer: &mut csv::Writer<W>, cells: I) -> csv::Result<()>
where
    W: Write,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    writer.write_record(
        cells
            .into_iter()
            .map(|c| safe_cell(c.as_ref()).into_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(rows: &[Vec<&str>]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = csv::Writer::from_writer(&mut out);
            for row in rows {
                write_record(&mut w, row).unwrap();
            }
            w.flush().unwrap();
        }
        out
    }

    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn formula_cells_are_prefixed_with_a_quote() {
        let cases = [
            r#"=HYPERLINK("http://x","y")"#,
            "@SUM(1+1)",
            "+62812",
            "-2+3+cmd|' /C calc'!A0",
            "\tx",
            "\rx",
        ];
        for cell in cases {
            assert_eq!(safe_cell(cell), format!("'{cell}"), "{cell:?}");
        }
        // Through the writer and back: what a spreadsheet reads starts with the quote.
        let rows: Vec<Vec<&str>> = cases.iter().map(|c| vec!["3", c, "alasan"]).collect();
        let back = read_back(&written(&rows));
        for (row, cell) in back.iter().zip(cases) {
            assert_eq!(row[0], "3");
            assert_eq!(row[1], format!("'{cell}"));
            assert!(!row[1].starts_with(FORMULA_STARTS), "{row:?}");
        }
    }

    #[test]
    fn ordinary_cells_round_trip_unchanged() {
        let cases = [
            "Dr. Siti Aminah, S.Pd.",
            r#"Ahmad "Dedi" Suryadi, M.Si."#,
            "Nguyễn Đức Anh",
            "Budi\nSantoso",
            "I Gusti Ngurah Rai-Putra",
            "'sudah dikutip",
            "12",
            "",
            // A formula character later in the cell is only text.
            "Siti=Aminah",
        ];
        for cell in cases {
            assert!(
                matches!(safe_cell(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
        }
        let rows: Vec<Vec<&str>> = cases.iter().map(|c| vec![*c, "x"]).collect();
        let back = read_back(&written(&rows));
        let names: Vec<&str> = back.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, cases);
    }
}
