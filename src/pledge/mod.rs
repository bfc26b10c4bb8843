//! Pledge cards (kartu ikrar netralitas, issue 6): one ASN's signed four-point pledge as a
//! portrait card, 1080×1350 for sharing and A4 for print, made from the same data by the same
//! code as the preview. A thousand cards come from a spreadsheet through [`table`] and
//! [`batch`], which stream into a ZIP and a PDF so memory stays flat.
//!
//! Modules: [`date`] (long Indonesian dates), [`nip`] (the 18-digit NIP / NI PPPK check), [`qr`] (the QR's
//! plain text and its SHA-256), [`signature`] (uploaded or drawn), [`card`] (the layout),
//! [`table`] (CSV/XLSX in), [`batch`] (ZIP + PDF out).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::Lang;

pub mod batch;
pub mod card;
pub mod date;
pub mod nip;
pub mod qr;
pub mod signature;
pub mod table;

pub use card::{
    design_by_id, designs, render_card, render_card_at, render_card_checked, CardInputs, CardSize,
    PledgeDesign, Rendered, DEFAULT_DESIGN,
};
pub use date::Date;
pub use nip::Nip;
pub use qr::{qr_text, verify_qr_text};

/// Longest accepted text per field (characters): a name with every academic title is ~90.
pub const MAX_FIELD_CHARS: usize = 200;
/// Longest accepted ikrar point (characters) and most points.
pub const MAX_POINT_CHARS: usize = 400;
pub const MAX_POINTS: usize = 8;

/// What one card says. `nip` is a PNS's NIP or a PPPK's NI PPPK ([`nip::Kind`]); it is optional,
/// since a card may be made without a number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgeFields {
    /// Nama, with academic titles ("Dr. Ir. Hj. …, S.H., M.Si.").
    pub name: String,
    pub nip: Option<Nip>,
    /// Jabatan.
    pub position: String,
    /// Instansi / Unit Kerja.
    pub agency: String,
    /// Tempat (city of signing).
    pub place: String,
    /// Tanggal (printed as the long Indonesian date).
    pub date: Date,
}

/// Why a card could not be made. Fields are checked before drawing, so a card either comes out
/// whole or not at all.
#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum PledgeError {
    #[error("the name is empty")]
    NoName,
    #[error("{field:?} is longer than {limit} characters")]
    TooLong { field: Field, limit: usize },
    #[error("the pledge needs between 1 and {MAX_POINTS} non-empty points")]
    Points,
    #[error("the QR code could not be made: {0}")]
    Qr(String),
    #[error("the card could not be drawn: {0}")]
    Render(String),
    #[error("there is no card design {0:?}")]
    Design(String),
}

impl PledgeError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PledgeError::NoName, Lang::Id) => "Nama wajib diisi.".into(),
            (PledgeError::NoName, Lang::En) => "The name is required.".into(),
            (PledgeError::TooLong { field, limit }, Lang::Id) => {
                format!(
                    "{} terlalu panjang (maksimal {limit} karakter).",
                    field.label(lang)
                )
            }
            (PledgeError::TooLong { field, limit }, Lang::En) => {
                format!(
                    "{} is too long (at most {limit} characters).",
                    field.label(lang)
                )
            }
            (PledgeError::Points, Lang::Id) => {
                format!("Ikrar harus berisi 1 sampai {MAX_POINTS} butir, tidak ada yang kosong.")
            }
            (PledgeError::Points, Lang::En) => {
                format!("The pledge needs 1 to {MAX_POINTS} points, none of them empty.")
            }
            (PledgeError::Qr(_), Lang::Id) => {
                "Kode QR tidak dapat dibuat; teksnya terlalu panjang.".into()
            }
            (PledgeError::Qr(_), Lang::En) => {
                "The QR code could not be made; the text is too long.".into()
            }
            (PledgeError::Render(_), Lang::Id) => "Kartu gagal dibuat. Coba lagi.".into(),
            (PledgeError::Render(_), Lang::En) => "The card could not be made. Try again.".into(),
            (PledgeError::Design(id), Lang::Id) => format!("Desain kartu \"{id}\" tidak ada."),
            (PledgeError::Design(id), Lang::En) => format!("There is no card design \"{id}\"."),
        }
    }
}

/// A card field, for errors that name one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Nip,
    Position,
    Agency,
    Place,
    Date,
    Point,
}

impl Field {
    /// The form's label for the field.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Field::Name, Lang::Id) => "Nama",
            (Field::Name, Lang::En) => "Name",
            (Field::Nip, _) => "NIP / NI PPPK",
            (Field::Position, Lang::Id) => "Jabatan",
            (Field::Position, Lang::En) => "Position",
            (Field::Agency, Lang::Id) => "Instansi / Unit Kerja",
            (Field::Agency, Lang::En) => "Agency / unit",
            (Field::Place, Lang::Id) => "Tempat",
            (Field::Place, Lang::En) => "Place",
            (Field::Date, Lang::Id) => "Tanggal",
            (Field::Date, Lang::En) => "Date",
            (Field::Point, Lang::Id) => "Butir ikrar",
            (Field::Point, Lang::En) => "A pledge point",
        }
    }
}

impl PledgeFields {
    /// Check lengths before drawing (the name is required; everything else may be empty).
    pub fn validate(&self, points: &[String]) -> Result<(), PledgeError> {
        if self.name.trim().is_empty() {
            return Err(PledgeError::NoName);
        }
        for (field, text) in [
            (Field::Name, &self.name),
            (Field::Position, &self.position),
            (Field::Agency, &self.agency),
            (Field::Place, &self.place),
        ] {
            if text.chars().count() > MAX_FIELD_CHARS {
                return Err(PledgeError::TooLong {
                    field,
                    limit: MAX_FIELD_CHARS,
                });
            }
        }
        validate_points(points)
    }
}

/// Check edited ikrar points: 1 to [`MAX_POINTS`], none empty or longer than
/// [`MAX_POINT_CHARS`].
pub fn validate_points(points: &[String]) -> Result<(), PledgeError> {
    if points.is_empty() || points.len() > MAX_POINTS || points.iter().any(|p| p.trim().is_empty())
    {
        return Err(PledgeError::Points);
    }
    if points.iter().any(|p| p.chars().count() > MAX_POINT_CHARS) {
        return Err(PledgeError::TooLong {
            field: Field::Point,
            limit: MAX_POINT_CHARS,
        });
    }
    Ok(())
}

/// The four common ikrar points (shared/campaign.md). Agencies may edit them; the card prints
/// whatever points it is given. The English text is a translation for English-language cards.
pub fn default_points(lang: Lang) -> Vec<String> {
    let points: [&str; 4] = match lang {
        Lang::Id => [
            "Menjaga dan menegakkan prinsip netralitas ASN dalam melaksanakan tugas dan pelayanan publik, sebelum, selama, dan sesudah Pemilu dan Pemilihan.",
            "Menghindari konflik kepentingan, tidak melakukan intimidasi atau ancaman, dan tidak memihak kepada peserta pemilu tertentu.",
            "Menggunakan media sosial secara bijak, tidak menyebarkan ujaran kebencian dan berita bohong.",
            "Menolak politik uang dan segala bentuk pemberian.",
        ],
        Lang::En => [
            "Uphold and enforce the principle of ASN neutrality in carrying out duties and public services, before, during and after the General and Regional Elections.",
            "Avoid conflicts of interest, make no intimidation or threats, and take no side with any election participant.",
            "Use social media wisely, spreading no hate speech or false news.",
            "Refuse money politics and every form of gift.",
        ],
    };
    points.iter().map(|p| p.to_string()).collect()
}

/// The download name without extension: "ikrar-budi-santoso-198504122010011003". Academic titles
/// stay in (they are part of the name as printed) but are slugged to ASCII letters and digits;
/// the NIP (when there is one) keeps the names of a thousand namesakes apart.
pub fn file_stem(fields: &PledgeFields) -> String {
    let mut slug = String::new();
    for ch in fields.name.chars().flat_map(char::to_lowercase) {
        let c = fold_ascii(ch);
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    let mut stem = String::from("ikrar");
    if !slug.is_empty() {
        stem.push('-');
        stem.push_str(&slug);
    }
    if let Some(nip) = &fields.nip {
        stem.push('-');
        stem.push_str(nip.digits());
    }
    stem
}

/// Latin letters with accents to their base letter (names like "Rénaldi"); others to '-'.
fn fold_ascii(ch: char) -> char {
    match ch {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        c if c.is_ascii() => c,
        _ => '-',
    }
}

impl Field {
    /// From the key used in data ("name", "nip", "position", "agency", "place", "date", "point").
    pub fn from_key(key: &str) -> Option<Field> {
        Some(match key {
            "name" => Field::Name,
            "nip" => Field::Nip,
            "position" => Field::Position,
            "agency" => Field::Agency,
            "place" => Field::Place,
            "date" => Field::Date,
            "point" => Field::Point,
            _ => return None,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Nip => "nip",
            Field::Position => "position",
            Field::Agency => "agency",
            Field::Place => "place",
            Field::Date => "date",
            Field::Point => "point",
        }
    }
}

/// The form label for a field key ("name" → "Nama"); unknown keys get a generic word.
pub fn field_label(key: &str, lang: Lang) -> &'static str {
    match (Field::from_key(key), lang) {
        (Some(f), _) => f.label(lang),
        (None, Lang::Id) => "Isian",
        (None, Lang::En) => "A field",
    }
}
