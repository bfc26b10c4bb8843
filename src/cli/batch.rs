//! `campaign-kit batch`: a staff list (CSV or .xlsx) to a ZIP of share-size PNGs with
//! `laporan.csv`, plus a print PDF, streamed to disk card by card (memory stays flat).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::pledge::{load_brand, parse_date, today, CardOptions};
use super::{lang, read, CliError};
use crate::bounded_read::FileKind;
use crate::i18n::Lang;
use crate::pledge::batch::{Batch, REPORT_NAME};
use crate::pledge::nip::Kind;
use crate::pledge::table::{self, RowDefaults};

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// The staff list: .csv (comma or semicolon) or .xlsx, with a header row (Nama, NIP,
    /// Jabatan, Instansi, Tempat, Tanggal; or the English names). The NIP column takes PNS NIPs
    /// and NI PPPKs alike.
    #[arg(long)]
    csv: PathBuf,
    /// The ZIP to write (kartu/*.png and laporan.csv).
    #[arg(long)]
    out: PathBuf,
    /// The print PDF (default: beside the ZIP, with .pdf).
    #[arg(long)]
    pdf: Option<PathBuf>,
    /// Tempat for rows that have none.
    #[arg(long, default_value = "")]
    place: String,
    /// Tanggal (YYYY-MM-DD) for rows that have none (default: today in WIB).
    #[arg(long)]
    date: Option<String>,
    /// Instansi for rows that have none.
    #[arg(long, default_value = "")]
    agency: String,
    #[command(flatten)]
    card: CardOptions,
}

fn create(path: &Path) -> Result<BufWriter<File>, CliError> {
    File::create(path)
        .map(|f| BufWriter::with_capacity(256 * 1024, f))
        .map_err(|source| CliError::Write {
            path: path.into(),
            source,
        })
}

pub fn run(args: BatchArgs) -> Result<(), CliError> {
    let pdf_path = args
        .pdf
        .clone()
        .unwrap_or_else(|| args.out.with_extension("pdf"));
    if pdf_path == args.out {
        return Err(CliError::Input(match lang() {
            Lang::Id => "--pdf harus berbeda dari --out".into(),
            Lang::En => "--pdf must differ from --out".into(),
        }));
    }
    let table_error = |e: table::TableError| CliError::Intake {
        path: args.csv.clone(),
        message: e.message(lang()),
    };
    let bytes = read(&args.csv, FileKind::StaffList)?;
    let table = table::read_table(&bytes, &args.csv.to_string_lossy()).map_err(table_error)?;
    drop(bytes);
    let cols = table::match_columns(&table.headers).map_err(table_error)?;
    let defaults = RowDefaults {
        place: args.place.clone(),
        date: parse_date(args.date.as_deref())?,
        agency: args.agency.clone(),
    };
    let (kit, _) = load_brand(args.card.brand.as_deref())?;
    let card_lang = args.card.lang();
    let points = args.card.points();

    // Cards made per number kind, so the one-line report shows PPPK rows were taken, not lost.
    let (mut pns, mut pppk, mut none) = (0usize, 0usize, 0usize);
    let result = (|| {
        let mut batch = Batch::new(
            create(&args.out)?,
            create(&pdf_path)?,
            &kit,
            &points,
            card_lang,
        )
        .and_then(|b| b.with_design(&args.card.design))
        .map_err(|e| CliError::Finish(e.message(lang())))?;
        for row in table::rows(&table, &cols, &defaults, today()) {
            match row {
                Ok(fields) => {
                    batch
                        .add(&fields)
                        .map_err(|e| CliError::Finish(e.message(lang())))?;
                    match fields.nip.as_ref().map(|n| n.kind()) {
                        Some(Kind::Pns) => pns += 1,
                        Some(Kind::Pppk) => pppk += 1,
                        None => none += 1,
                    }
                }
                Err(skipped) => batch.skip(&skipped),
            }
        }
        batch
            .finish()
            .map_err(|e| CliError::Finish(e.message(lang())))
    })();
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            // Half-written files are worse than none.
            let _ = std::fs::remove_file(&args.out);
            let _ = std::fs::remove_file(&pdf_path);
            return Err(e);
        }
    };
    let (made, skipped) = (report.made, report.skipped.len());
    if made == 0 {
        return Err(CliError::Input(match lang() {
            Lang::Id => format!("tidak ada kartu yang dibuat: {skipped} baris tidak valid (lihat {REPORT_NAME} di {})", args.out.display()),
            Lang::En => format!("no card was made: {skipped} rows are invalid (see {REPORT_NAME} in {})", args.out.display()),
        }));
    }
    super::warn_missing(&report.missing);
    // The one-line report.
    eprintln!(
        "campaign-kit: {}",
        match lang() {
            Lang::Id => format!(
                "dibuat {made} kartu, dilewati {skipped} baris (alasannya di {REPORT_NAME} dalam {}); PDF cetak: {}; nomor: {pns} NIP PNS, {pppk} NI PPPK, {none} tanpa nomor",
                args.out.display(),
                pdf_path.display()
            ),
            Lang::En => format!(
                "made {made} cards, skipped {skipped} rows (reasons in {REPORT_NAME} inside {}); print PDF: {}; numbers: {pns} PNS NIP, {pppk} NI PPPK, {none} without",
                args.out.display(),
                pdf_path.display()
            ),
        }
    );
    Ok(())
}
