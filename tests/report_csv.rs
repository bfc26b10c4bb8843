//! CSV injection, end to end: a staff list whose invalid rows carry names that spreadsheets would
//! run as formulas goes through the real `campaign-kit batch`; in the ZIP's `laporan.csv` those
//! names start with `'` (text, not a formula), and ordinary names with commas and quotes read
//! back exactly as typed.

#[path = "support/cli.rs"]
mod support;

use std::io::Read;
use std::process::Command;

use campaign_kit::pledge::batch::REPORT_NAME;
use support::{describe, s, BIN};

#[test]
fn batch_report_neutralises_formula_names_and_keeps_ordinary_ones() {
    let dir = support::scratch("report-csv", "injection");
    // Names as an attacker (or an unlucky spreadsheet) would type them. The list's cells are
    // trimmed when read, so tab and carriage return are covered by the unit tests in report.rs.
    let formulas = [
        r#"=HYPERLINK("http://x","y")"#,
        "@SUM(1+1)",
        "+62812",
        "-2+3+cmd|' /C calc'!A0",
    ];
    let ordinary = ["Dr. Siti Aminah, S.Pd.", r#"Ahmad "Dedi" Suryadi, M.Si."#];
    // Written with the csv crate (`;` as Indonesian Excel saves), so the quotes in the names
    // are escaped the way a spreadsheet escapes them.
    let mut list = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut list);
        w.write_record(["Nama", "NIP"]).unwrap();
        // One valid row, so a card is made and the run succeeds.
        w.write_record(["Budi Santoso", "198504122010011003"])
            .unwrap();
        // Every other row has a NIP that is too short: skipped, and listed in the report.
        for name in formulas.iter().chain(&ordinary) {
            w.write_record([*name, "123"]).unwrap();
        }
        w.flush().unwrap();
    }
    let list_path = dir.join("pegawai.csv");
    std::fs::write(&list_path, list).unwrap();
    let zip_path = dir.join("kartu.zip");
    let o = Command::new(BIN)
        .args(["batch", "--csv", s(&list_path), "--out", s(&zip_path)])
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run campaign-kit");
    assert!(o.status.success(), "{}", describe(&o));

    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut report = Vec::new();
    archive
        .by_name(REPORT_NAME)
        .unwrap()
        .read_to_end(&mut report)
        .unwrap();
    let report = report.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&report);
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(report)
        .records()
        .map(Result::unwrap)
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    let expected: Vec<String> = formulas
        .iter()
        .map(|f| format!("'{f}"))
        .chain(ordinary.iter().map(|n| n.to_string()))
        .collect();
    assert_eq!(names, expected);
    // No cell of the report (line, name, reason) starts as a formula would.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {row:?}"
            );
        }
    }
    // Line numbers still count the file's lines (header = 1, Budi = 2).
    let lines: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(lines, ["3", "4", "5", "6", "7", "8"]);
    let _ = std::fs::remove_dir_all(dir);
}
