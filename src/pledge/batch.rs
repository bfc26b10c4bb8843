//! A batch of cards streamed out as they are made: each card's PNG goes into the ZIP and its
//! print page into the PDF right away, so memory stays flat for a thousand rows (one card's
//! pixels at a time). The writers only ever move forward: a browser worker can post each chunk
//! to the page as it comes, and the CLI writes straight to files.

use std::collections::HashSet;
use std::io::Write;

use thiserror::Error;
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipWriter};

use super::table::RowError;
use super::{render_card, CardInputs, CardSize, PledgeFields};
use crate::brand::{self, BrandKit};
use crate::export;
use crate::finish::{self, FinishError, Output};
use crate::i18n::Lang;
use crate::pdf::PdfStream;
use crate::photo::Photo;
use crate::report;

/// Default download names.
pub const ZIP_NAME: &str = "kartu-ikrar.zip";
pub const PDF_NAME: &str = "kartu-ikrar-cetak.pdf";
/// Folder of the PNGs inside the ZIP, and the report's name.
pub const ZIP_FOLDER: &str = "kartu/";
pub const REPORT_NAME: &str = "laporan.csv";

#[derive(Debug, Error)]
pub enum BatchError {
    #[error("writing the output failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing the ZIP failed: {0}")]
    Zip(String),
    #[error("{0}")]
    Card(#[from] super::PledgeError),
    #[error("the logo cannot be used: {0}")]
    Logo(#[from] brand::BrandError),
    #[error("the image could not be encoded: {0}")]
    Encode(#[from] export::ExportError),
    #[error("{0}")]
    Finish(#[from] FinishError),
}

impl From<zip::result::ZipError> for BatchError {
    fn from(e: zip::result::ZipError) -> Self {
        match e {
            zip::result::ZipError::Io(io) => BatchError::Io(io),
            other => BatchError::Zip(other.to_string()),
        }
    }
}

impl BatchError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (BatchError::Io(_) | BatchError::Zip(_), Lang::Id) => {
                "Berkas hasil gagal ditulis (ruang penyimpanan penuh?). Coba lagi.".into()
            }
            (BatchError::Io(_) | BatchError::Zip(_), Lang::En) => {
                "The output could not be written (storage full?). Please try again.".into()
            }
            (BatchError::Card(e), _) => e.message(lang),
            (BatchError::Logo(e), _) => e.message(lang),
            (BatchError::Encode(e), _) => e.message(lang),
            (BatchError::Finish(e), _) => e.message(lang),
        }
    }
}

/// What a finished batch made.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    pub made: usize,
    pub skipped: Vec<RowError>,
    /// Characters of the cards' texts that could not be drawn (see [`crate::text::Coverage`]),
    /// once each, so the CLI and the app can name them.
    #[serde(default)]
    pub missing: Vec<String>,
}

/// A batch in progress: `Z` receives the ZIP's bytes and `P` the PDF's, as they are made.
pub struct Batch<Z: Write, P: Write> {
    zip: ZipWriter<StreamWriter<Z>>,
    pdf: PdfStream<P>,
    brand: BrandKit,
    logo: Option<Photo>,
    points: Vec<String>,
    lang: Lang,
    /// The card design's id ([`super::designs`]); empty for the default.
    design: String,
    report: Report,
    /// File names used so far, so two "Budi Santoso" without a NIP do not overwrite each other.
    stems: HashSet<String>,
}

/// PNGs are already compressed: storing them is as small and far faster. The fixed time keeps
/// the ZIP byte-identical between runs (no clock in the core).
fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
}

impl<Z: Write, P: Write> Batch<Z, P> {
    /// Start both files (decodes the brand kit's logo once).
    pub fn new(
        zip: Z,
        pdf: P,
        brand: &BrandKit,
        points: &[String],
        lang: Lang,
    ) -> Result<Self, BatchError> {
        // Bad points would fail every card: say so before the first one.
        super::validate_points(points)?;
        let logo = match &brand.logo {
            Some(l) => Some(brand::decode_logo(l)?),
            None => None,
        };
        let title = match lang {
            Lang::Id => "Kartu Ikrar Netralitas ASN",
            Lang::En => "ASN Neutrality Pledge Cards",
        };
        Ok(Batch {
            zip: ZipWriter::new_stream(zip),
            pdf: PdfStream::new(pdf, title)?,
            brand: brand.clone(),
            logo,
            points: points.to_vec(),
            lang,
            design: String::new(),
            report: Report::default(),
            stems: HashSet::new(),
        })
    }

    /// Make every card in design `id` (see [`super::designs`]) instead of the default; the PDF
    /// pages follow its orientation.
    pub fn with_design(mut self, id: &str) -> Result<Self, BatchError> {
        if super::design_by_id(id).is_none() {
            return Err(super::PledgeError::Design(id.to_string()).into());
        }
        self.design = id.to_string();
        Ok(self)
    }

    fn inputs<'a>(&'a self, fields: &'a PledgeFields, size: CardSize) -> CardInputs<'a> {
        CardInputs {
            fields,
            points: &self.points,
            brand: &self.brand,
            logo: self.logo.as_ref(),
            photo: None,
            signature: None,
            size,
            lang: self.lang,
            design: &self.design,
        }
    }

    /// Make one card: its PNG (share size) into the ZIP as `kartu/<file_stem>.png` and one
    /// A4 page (150 dpi JPEG) into the PDF. Each image is dropped before the next is drawn.
    pub fn add(&mut self, fields: &PledgeFields) -> Result<(), BatchError> {
        // The ZIP's card is the single card's file: the same finish as the app and the CLI.
        let png = {
            let finished =
                finish::finish_pledge(&self.inputs(fields, CardSize::Share), Output::Png)?;
            for m in finished.report.missing {
                if !self.report.missing.contains(&m) {
                    self.report.missing.push(m);
                }
            }
            finished.bytes
        };
        let name = format!("{ZIP_FOLDER}{}.png", self.unique_stem(fields));
        self.zip.start_file(name, stored())?;
        self.zip.write_all(&png)?;
        drop(png);

        let (jpeg, (w, h)) = {
            let image = render_card(&self.inputs(fields, CardSize::A4Batch))?;
            (print_jpeg(&image)?, image.dimensions())
        };
        self.pdf.add_jpeg_page(&jpeg, w, h)?;
        self.report.made += 1;
        Ok(())
    }

    fn unique_stem(&mut self, fields: &PledgeFields) -> String {
        let base = super::file_stem(fields);
        let mut stem = base.clone();
        let mut n = 2;
        while !self.stems.insert(stem.clone()) {
            stem = format!("{base}-{n}");
            n += 1;
        }
        stem
    }

    /// Record a skipped row for the report.
    pub fn skip(&mut self, err: &RowError) {
        self.report.skipped.push(err.clone());
    }

    /// Cards made so far.
    pub fn made(&self) -> usize {
        self.report.made
    }

    /// Write `laporan.csv` (line, name, reason of every skipped row) into the ZIP, close both
    /// files (flushing the writers) and return the report.
    pub fn finish(mut self) -> Result<Report, BatchError> {
        let csv = report_csv(&self.report, self.lang);
        self.zip.start_file(
            REPORT_NAME,
            SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .last_modified_time(zip::DateTime::default()),
        )?;
        self.zip.write_all(&csv)?;
        let mut inner = self.zip.finish()?;
        inner.flush()?;
        self.pdf.finish()?;
        Ok(self.report)
    }
}

/// JPEG quality of the print pages: a thousand pages at the download quality (90) make a PDF
/// of ~290 MB; at 80 it is ~30 % smaller and 150-dpi text still prints crisply.
pub const PRINT_JPEG_QUALITY: u8 = 80;

/// A print page as JPEG, through the one JPEG encoder at the print quality.
fn print_jpeg(image: &image::RgbaImage) -> Result<Vec<u8>, BatchError> {
    Ok(export::encode_jpeg(image, PRINT_JPEG_QUALITY)?)
}

/// The report as CSV: UTF-8 with a BOM so Excel shows names with accents correctly. Names come
/// from the staff list as typed, so every cell goes through [`report::write_record`]: a name
/// such as `=HYPERLINK(…)` is written as text, not as a formula.
pub fn report_csv(report: &Report, lang: Lang) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let header = match lang {
            Lang::Id => ["baris", "nama", "alasan"],
            Lang::En => ["line", "name", "reason"],
        };
        // Writing to a Vec cannot fail; errors are ignored rather than unwrapped.
        let _ = report::write_record(&mut w, header);
        for e in &report.skipped {
            let _ = report::write_record(
                &mut w,
                [e.line.to_string(), e.name.clone(), e.reason.message(lang)],
            );
        }
        let _ = w.flush();
    }
    out
}
