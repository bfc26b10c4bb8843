//! A batch of cards streamed out as they are made: each card's PNG goes into the ZIP and its
//! print page into the PDF right away, so memory stays flat for a thousand rows. The writers
//! only ever move forward (a browser worker posts each chunk to the page as it comes).

use std::io::Write;

use thiserror::Error;

use super::table::RowError;
use super::PledgeFields;
use crate::brand::BrandKit;
use crate::i18n::Lang;

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
    #[error("{0}")]
    Card(#[from] super::PledgeError),
    #[error("the logo cannot be used: {0}")]
    Logo(String),
    #[error("the image could not be encoded: {0}")]
    Encode(String),
}

impl BatchError {
    pub fn message(&self, lang: Lang) -> String {
        let _ = lang;
        todo!("filled in by 02:40")
    }
}

/// What a finished batch made.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    pub made: usize,
    pub skipped: Vec<RowError>,
}

/// A batch in progress: `Z` receives the ZIP's bytes and `P` the PDF's, as they are made.
pub struct Batch<Z: Write, P: Write> {
    zip: Z,
    pdf: P,
    brand: BrandKit,
    points: Vec<String>,
    lang: Lang,
    report: Report,
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
        let _ = (&zip, &pdf, brand, points, lang);
        todo!("filled in by 02:40")
    }

    /// Make one card: its PNG (share size) into the ZIP as `kartu/<file_stem>.png` and one
    /// page into the PDF.
    pub fn add(&mut self, fields: &PledgeFields) -> Result<(), BatchError> {
        let _ = (
            fields,
            &self.zip,
            &self.pdf,
            &self.brand,
            &self.points,
            self.lang,
        );
        todo!("filled in by 02:40")
    }

    /// Record a skipped row for the report.
    pub fn skip(&mut self, err: &RowError) {
        self.report.skipped.push(err.clone());
    }

    /// Cards made so far.
    pub fn made(&self) -> usize {
        self.report.made
    }

    /// Write `laporan.csv` into the ZIP, close both files and return the writers' report.
    pub fn finish(self) -> Result<Report, BatchError> {
        todo!("filled in by 02:40")
    }
}
