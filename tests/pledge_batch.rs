//! Batch pledge cards: a generated 1,000-row CSV through the real `campaign-kit batch` binary
//! gives a ZIP with one PNG per valid row and `laporan.csv` listing exactly the invalid rows we
//! planted (with the reason), and a print PDF with one page per card. Also: an .xlsx staff list
//! (written here by hand, as Excel lays it out) and the streaming `Batch` on a tiny table.
//!
//! The 1,000-row test takes about a minute in a debug build on a busy 2-core machine (two card
//! renders, a PNG and a JPEG per row); see the README for release-build figures.

#[path = "support/cli.rs"]
mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use campaign_kit::brand::BrandKit;
use campaign_kit::i18n::Lang;
use campaign_kit::pledge::batch::{Batch, REPORT_NAME};
use campaign_kit::pledge::table::{self, RowDefaults, RowReason};
use campaign_kit::pledge::{default_points, Date};
use support::{s, BIN};

/// A planted fault: which cell it breaks, how, and a word the report's reason must contain.
type Fault = (&'static str, fn(usize) -> String, &'static str);

fn scratch(test: &str) -> PathBuf {
    support::scratch("batch", test)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("batch")
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run campaign-kit")
}

/// A valid NIP for row `i`: born 1970–1999, service from age 23, serial from the row.
fn nip_for(i: usize) -> String {
    let (y, m, d) = (1970 + i % 30, 1 + i % 12, 1 + i % 28);
    format!(
        "{y}{m:02}{d:02} {}{:02} {} {:03}",
        y + 23,
        1 + (i / 12) % 12,
        1 + i % 2,
        i % 1000
    )
}

/// The PNG entries' names and the report's text.
fn read_zip(path: &Path) -> (Vec<String>, String, Vec<u8>) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut pngs = Vec::new();
    let mut report = String::new();
    let mut first_png = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name == REPORT_NAME {
            entry.read_to_string(&mut report).unwrap();
        } else {
            assert!(
                name.starts_with("kartu/ikrar-") && name.ends_with(".png"),
                "{name}"
            );
            assert_eq!(entry.compression(), zip::CompressionMethod::Stored);
            if first_png.is_empty() {
                entry.read_to_end(&mut first_png).unwrap();
            }
            pngs.push(name);
        }
    }
    (pngs, report, first_png)
}

/// Page count from the page tree, checked against the cross-reference table (3 objects per
/// page + catalog, tree and info) and the startxref pointer. Offsets are bytes: the file is
/// binary (JPEGs), so everything is read from byte slices, never from a lossy string.
fn pdf_pages(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let ascii = |from: usize, len: usize| {
        String::from_utf8_lossy(&bytes[from..(from + len).min(bytes.len())]).into_owned()
    };
    let marker = b"startxref\n";
    let at = bytes
        .windows(marker.len())
        .rposition(|w| w == marker)
        .expect("startxref");
    let xref_at: usize = ascii(at + marker.len(), 20)
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let xref = ascii(xref_at, 64);
    assert!(xref.starts_with("xref\n0 "), "{xref}");
    let size: usize = xref[7..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // Object 2 is the page tree: its offset is the xref's third entry.
    let entry = ascii(xref_at + xref.find('\n').unwrap() + 1, 200);
    let tree_at: usize = entry.lines().nth(3).unwrap()[..10].parse().unwrap();
    let tree = ascii(tree_at, 20 * size);
    assert!(
        tree.starts_with("2 0 obj") && tree.contains("/Type /Pages"),
        "{tree}"
    );
    let count: usize = tree
        .split("/Count ")
        .nth(1)
        .unwrap()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(size, 1 + 3 + 3 * count, "xref entries");
    count
}

#[test]
fn a_thousand_rows_give_a_thousand_cards_a_report_and_a_pdf() {
    let dir = scratch("thousand");
    // Every 50th row is broken in one of these ways; the report (in the cards' language,
    // Indonesian) must give each its reason. Line numbers: the header is line 1.
    let faults: [Fault; 7] = [
        ("no name", |_| String::new(), "Nama kosong"),
        (
            "nip",
            |i| format!("1985{:02}31 201001 1 003", 13 + i % 5),
            "Tanggal lahir pada NIP",
        ),
        ("nip", |_| "19850412 201001 7 003".into(), "jenis kelamin"),
        ("nip", |_| "19850412 203001 1 003".into(), "masa depan"),
        ("nip", |_| "1.98504E+17".into(), "tersimpan sebagai angka"),
        ("nip", |_| "1985041220100110".into(), "18 digit"),
        ("date", |_| "bad-date".into(), "bad-date"),
    ];
    let mut csv = String::from("\u{feff}No;Nama;NIP;Jabatan;Unit Kerja;Tanggal\n");
    let mut planted = Vec::new();
    for i in 0..1000 {
        let line = i + 2;
        let mut name = format!("Pegawai Ke-{i}, S.Kom., M.Si.");
        let mut nip = nip_for(i);
        let mut date = "26/11/2026".to_string();
        if i % 50 == 7 {
            let (kind, make, needle) = faults[(i / 50) % faults.len()];
            match kind {
                "no name" => name = make(i),
                "date" => date = make(i),
                _ => nip = make(i),
            }
            planted.push((line, needle));
        }
        // A few namesakes without a NIP: their files must not overwrite each other.
        if i % 250 == 3 {
            name = "Budi Santoso".into();
            nip.clear();
        }
        csv.push_str(&format!(
            "{i};{name};{nip};Analis Kebijakan;Dinas Komunikasi dan Informatika;{date}\n"
        ));
    }
    let csv_path = dir.join("pegawai.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let zip_path = dir.join("kartu-ikrar.zip");

    let started = std::time::Instant::now();
    let o = run(&[
        "--csv",
        s(&csv_path),
        "--out",
        s(&zip_path),
        "--place",
        "Manado",
    ]);
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let made = 1000 - planted.len();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "made {made} cards, skipped {} rows",
            planted.len()
        )),
        "{stderr}"
    );
    eprintln!("batch of 1000 rows: {took:?}");

    let (pngs, report, first_png) = read_zip(&zip_path);
    assert_eq!(pngs.len(), made);
    let unique: std::collections::HashSet<_> = pngs.iter().collect();
    assert_eq!(unique.len(), made, "no file name twice");
    assert!(pngs.contains(&"kartu/ikrar-budi-santoso-2.png".to_string()));
    let png = image::load_from_memory(&first_png).unwrap();
    assert_eq!((png.width(), png.height()), (1080, 1350));

    let report = report.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], "baris,nama,alasan");
    assert_eq!(lines.len(), 1 + planted.len(), "{report}");
    for ((line, needle), row) in planted.iter().zip(&lines[1..]) {
        assert!(row.starts_with(&format!("{line},")), "{row}");
        assert!(row.contains(needle), "{needle} in {row}");
    }

    assert_eq!(pdf_pages(&dir.join("kartu-ikrar.pdf")), made);
    let _ = std::fs::remove_dir_all(dir);
}

/// A minimal .xlsx as Excel writes it (inline strings, one numeric cell), built with `zip`.
fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            if let Some(number) = cell.strip_prefix('#') {
                sheet.push_str(&format!(r#"<c r="{at}"><v>{number}</v></c>"#));
            } else {
                sheet.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"><is><t>{cell}</t></is></c>"#
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        for (name, text) in files {
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn xlsx_staff_list_and_streaming_batch_in_memory() {
    let bytes = xlsx(&[
        &["Name", "NIP", "Position", "Agency", "Date"],
        &[
            "Siti Aminah",
            "197805212002122004",
            "Auditor",
            "Inspektorat",
            "#46374",
        ],
        &["Joko", "#198504122010011003", "Analis", "", ""],
        &["", "", "", "", ""],
        &["Rina", "", "Guru", "", "2026-11-20"],
    ]);
    let table = table::read_table(&bytes, "pegawai.xlsx").unwrap();
    assert_eq!(table.headers, ["Name", "NIP", "Position", "Agency", "Date"]);
    assert_eq!(table.rows.len(), 3, "the empty row is dropped");
    assert_eq!(table.lines, [2, 3, 5], "Excel row numbers");
    let cols = table::match_columns(&table.headers).unwrap();
    let today = Date::new(2026, 11, 26).unwrap();
    let defaults = RowDefaults {
        place: "Kendari".into(),
        date: today,
        agency: "Pemerintah Kota Kendari".into(),
    };
    let rows: Vec<_> = table::rows(&table, &cols, &defaults, today).collect();
    let siti = rows[0].as_ref().unwrap();
    assert_eq!(
        siti.date,
        Date::new(2026, 12, 18).unwrap(),
        "Excel serial date 46374"
    );
    assert_eq!(siti.place, "Kendari");
    let joko = rows[1].as_ref().unwrap_err();
    assert_eq!(
        (joko.line, joko.reason.clone()),
        (3, RowReason::NipAsNumber)
    );
    let rina = rows[2].as_ref().unwrap();
    assert_eq!(
        (rina.agency.as_str(), rina.nip.is_none()),
        ("Pemerintah Kota Kendari", true)
    );

    let (mut zip_bytes, mut pdf_bytes) = (Vec::new(), Vec::new());
    let points = default_points(Lang::Id);
    let mut batch = Batch::new(
        &mut zip_bytes,
        &mut pdf_bytes,
        &BrandKit::default(),
        &points,
        Lang::En,
    )
    .unwrap();
    for row in &rows {
        match row {
            Ok(fields) => batch.add(fields).unwrap(),
            Err(e) => batch.skip(e),
        }
    }
    let report = batch.finish().unwrap();
    assert_eq!((report.made, report.skipped.len()), (2, 1));
    let dir = scratch("xlsx");
    std::fs::write(dir.join("k.zip"), &zip_bytes).unwrap();
    std::fs::write(dir.join("k.pdf"), &pdf_bytes).unwrap();
    let (pngs, csv, _) = read_zip(&dir.join("k.zip"));
    assert_eq!(
        pngs,
        [
            "kartu/ikrar-siti-aminah-197805212002122004.png",
            "kartu/ikrar-rina.png"
        ]
    );
    assert!(
        csv.contains("line,name,reason") && csv.contains("3,Joko,The NIP was stored as a number"),
        "{csv}"
    );
    assert_eq!(pdf_pages(&dir.join("k.pdf")), 2);
    let _ = std::fs::remove_dir_all(dir);
}

/// A staff list mixing PNS and PPPK staff, two bad numbers and a row without one, as rows of
/// cells (header first): (name, number, position).
const MIXED: &[&[&str]] = &[
    &["Nama", "NIP / NI PPPK", "Jabatan"],
    &["Budi Santoso", "19850412 201001 1 003", "Analis Kebijakan"],
    &["Sri Wahyuni", "19850703 202321 2 012", "Guru Ahli Pertama"],
    &["Yosef Manu", "199002142022211004", "Perawat Terampil"],
    &["Rina Marlina", "19850703 201821 2 012", "Guru"],
    &["Ani Lestari", "19900101 202421 7 001", "Bidan"],
    &["Andi Pratama", "", "Pranata Komputer"],
];

/// Run `batch` on `list` and check what a mixed list must give: every PNS and PPPK row a card,
/// each bad number named (as an NI PPPK) in the report, and the kinds counted on the one line.
fn check_mixed_batch(dir: &Path, list: &Path) {
    let zip_path = dir.join("kartu.zip");
    let o = run(&[
        "--csv",
        s(list),
        "--out",
        s(&zip_path),
        "--date",
        "2026-11-26",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("made 4 cards, skipped 2 rows"),
        "{list:?}: {stderr}"
    );
    assert!(
        stderr.contains("numbers: 1 PNS NIP, 2 NI PPPK, 1 without"),
        "{list:?}: {stderr}"
    );
    let (pngs, report, _) = read_zip(&zip_path);
    assert_eq!(
        pngs,
        [
            "kartu/ikrar-budi-santoso-198504122010011003.png",
            "kartu/ikrar-sri-wahyuni-198507032023212012.png",
            "kartu/ikrar-yosef-manu-199002142022211004.png",
            "kartu/ikrar-andi-pratama.png",
        ],
        "{list:?}"
    );
    let lines: Vec<&str> = report.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{report}");
    assert!(
        lines[1].starts_with("5,Rina Marlina,")
            && lines[1].contains("Tahun pengangkatan pada NI PPPK harus 2019"),
        "{report}"
    );
    assert!(
        lines[2].starts_with("6,Ani Lestari,") && lines[2].contains("jenis kelamin pada NI PPPK"),
        "{report}"
    );
    assert_eq!(pdf_pages(&dir.join("kartu.pdf")), 4);
}

#[test]
fn pns_and_pppk_rows_both_become_cards_from_csv_and_xlsx() {
    let dir = scratch("pppk");
    // CSV as Excel saves it in Indonesia: semicolons, CRLF, a BOM.
    let csv: String = MIXED.iter().map(|row| row.join(";") + "\r\n").collect();
    let csv_path = dir.join("pegawai.csv");
    std::fs::write(&csv_path, format!("\u{feff}{csv}")).unwrap();
    check_mixed_batch(&dir, &csv_path);

    let xlsx_path = dir.join("pegawai.xlsx");
    std::fs::write(&xlsx_path, xlsx(MIXED)).unwrap();
    check_mixed_batch(&dir, &xlsx_path);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_lists_give_one_line() {
    let dir = scratch("bad");
    let out = dir.join("k.zip");
    let no_name = dir.join("a.csv");
    std::fs::write(&no_name, "NIP;Jabatan\n198504122010011003;Analis\n").unwrap();
    let all_bad = dir.join("b.csv");
    std::fs::write(&all_bad, "Nama;NIP\nBudi;123\n").unwrap();
    let xls = dir.join("c.xls");
    std::fs::write(&xls, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap();
    for (path, needle) in [
        (&no_name, "Name"),
        (&all_bad, "no card was made"),
        (&xls, ".xlsx"),
    ] {
        let o = run(&["--csv", s(path), "--out", s(&out)]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Every PNG card in the ZIP at `path`, by entry name.
fn zip_cards(path: &Path) -> Vec<(String, image::RgbImage)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut cards = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name.ends_with(".png") {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            cards.push((name, image::load_from_memory(&bytes).unwrap().into_rgb8()));
        }
    }
    cards
}

/// A card taken from the batch ZIP is the very card `campaign-kit pledge` makes for the same
/// row: the same pixels, not merely the same size. Rows that take the place and agency from
/// the batch's defaults, a PNS NIP, an NI PPPK and no number at all, with a brand kit, in
/// English (so the card's language is followed too). Tolerance 0: both go through the one core
/// render and a lossless PNG, so any difference is a difference in what was drawn.
#[test]
fn a_batch_card_equals_the_single_card_for_the_same_row() {
    let dir = scratch("same-card");
    let kit_path = dir.join("kit.json");
    let kit = BrandKit {
        agency: "Pemerintah Kabupaten Kepulauan Sangihe".into(),
        issuer: "Badan Kepegawaian Negara".into(),
        hashtags: vec!["NetralitasASN".into()],
        ..BrandKit::default()
    };
    std::fs::write(&kit_path, kit.to_json()).unwrap();
    // (name, number, position, agency, place, date); empty cells take the batch's defaults.
    let rows: [[&str; 6]; 3] = [
        [
            "Dra. Siti Rahmawati, M.Si.",
            "19780521 200212 2 004",
            "Auditor Ahli Madya",
            "Inspektorat Daerah",
            "Bitung",
            "2026-11-26",
        ],
        [
            "Yosef Manu",
            "199002142022211004",
            "Perawat Terampil",
            "",
            "",
            "",
        ],
        ["Andi Pratama", "", "Pranata Komputer", "", "Tahuna", ""],
    ];
    let (default_place, default_agency, default_date) = ("Manado", "Dinas Kesehatan", "2026-12-01");
    let mut csv = String::from("Nama;NIP;Jabatan;Instansi;Tempat;Tanggal\n");
    for row in &rows {
        csv.push_str(&(row.join(";") + "\n"));
    }
    let csv_path = dir.join("pegawai.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let zip_path = dir.join("kartu.zip");
    let card = ["--brand", s(&kit_path), "--lang", "en"];
    let mut args = vec![
        "--csv",
        s(&csv_path),
        "--out",
        s(&zip_path),
        "--place",
        default_place,
        "--agency",
        default_agency,
        "--date",
        default_date,
    ];
    args.extend(card);
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cards = zip_cards(&zip_path);
    assert_eq!(cards.len(), rows.len(), "one card per row");

    for (row, (entry, from_batch)) in rows.iter().zip(&cards) {
        let or = |cell: &'static str, default: &'static str| {
            if cell.is_empty() {
                default
            } else {
                cell
            }
        };
        let out = dir.join("single.png");
        let mut single = vec![
            "pledge",
            "--name",
            row[0],
            "--position",
            row[2],
            "--agency",
            or(row[3], default_agency),
            "--place",
            or(row[4], default_place),
            "--date",
            or(row[5], default_date),
            "--out",
            s(&out),
        ];
        if !row[1].is_empty() {
            single.extend(["--nip", row[1]]);
        }
        single.extend(card);
        let o = Command::new(BIN)
            .args(single)
            .env("LANG", "en_US.UTF-8")
            .output()
            .expect("run campaign-kit");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let from_single = image::open(&out).unwrap().into_rgb8();
        assert_eq!(from_batch.dimensions(), from_single.dimensions(), "{entry}");
        let differing = from_batch
            .pixels()
            .zip(from_single.pixels())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(
            differing, 0,
            "{entry}: {differing} pixels differ from the single card"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// The batch follows the chosen design: `--design sertifikat` gives landscape cards in the ZIP
/// (the very card `pledge --design sertifikat` makes for the row) and landscape A4 pages in the
/// print PDF; an unknown design is refused before anything is written.
#[test]
fn a_batch_in_the_certificate_design_makes_landscape_cards_and_pages() {
    let dir = scratch("sertifikat");
    let csv_path = dir.join("pegawai.csv");
    std::fs::write(
        &csv_path,
        "Nama;NIP;Jabatan\nDra. Siti Rahmawati, M.Si.;19780521 200212 2 004;Auditor Ahli Madya\n",
    )
    .unwrap();
    let zip_path = dir.join("kartu.zip");
    let o = run(&[
        "--csv",
        s(&csv_path),
        "--out",
        s(&zip_path),
        "--place",
        "Bitung",
        "--agency",
        "Inspektorat Daerah",
        "--date",
        "2026-11-26",
        "--design",
        "sertifikat",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cards = zip_cards(&zip_path);
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].1.dimensions(), (1754, 1240), "a landscape card");

    let single = dir.join("single.png");
    let o = Command::new(BIN)
        .args([
            "pledge",
            "--name",
            "Dra. Siti Rahmawati, M.Si.",
            "--nip",
            "19780521 200212 2 004",
            "--position",
            "Auditor Ahli Madya",
            "--agency",
            "Inspektorat Daerah",
            "--place",
            "Bitung",
            "--date",
            "2026-11-26",
            "--design",
            "sertifikat",
            "--out",
            s(&single),
        ])
        .output()
        .expect("run campaign-kit");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        image::open(&single).unwrap().into_rgb8() == cards[0].1,
        "the batch's card is the single certificate card"
    );

    let pdf = std::fs::read(zip_path.with_extension("pdf")).expect("the print PDF beside the ZIP");
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/MediaBox [0 0 841.89 595.28]"),
        "a landscape A4 page"
    );
    assert!(!text.contains("/MediaBox [0 0 595.28 841.89]"));

    let o = run(&[
        "--csv",
        s(&csv_path),
        "--out",
        s(&dir.join("x.zip")),
        "--design",
        "lanskap",
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown design is a usage error"
    );
    assert!(!dir.join("x.zip").exists());
    let _ = std::fs::remove_dir_all(dir);
}
