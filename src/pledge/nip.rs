//! NIP (Nomor Induk Pegawai), the 18-digit civil-servant number, checked exactly as
//! shared/campaign.md says: `YYYYMMDD` birth date · `YYYYMM` start of service (TMT CPNS) ·
//! `G` gender (1 male, 2 female) · `NNN` serial. Each wrong part has its own error variant so the
//! form can say *which* part is wrong instead of "invalid NIP".

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::date::{days_in_month, Date};
use crate::i18n::Lang;

pub const NIP_DIGITS: usize = 18;

/// A checked NIP: exactly 18 ASCII digits whose parts are consistent.
// Serialized as its 18 digits (for the batch worker's messages).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Nip {
    digits: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    Male,
    Female,
}

/// What is wrong with a NIP, one variant per part.
#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum NipError {
    /// Something other than digits, spaces or dots.
    #[error("the NIP may contain only digits")]
    NotDigits,
    #[error("the NIP must have 18 digits, found {found}")]
    Length { found: usize },
    /// Digits 1–8 are not a real date (or a date after today).
    #[error("the birth date in the NIP is not valid")]
    BirthDate,
    /// Digits 9–14 are not a real year and month.
    #[error("the start of service (TMT) in the NIP is not a valid month")]
    ServiceStart,
    /// The start of service is before the 18th birthday.
    #[error("the start of service (TMT) in the NIP is before the 18th birthday")]
    ServiceBeforeAdult,
    /// The start of service is after the current month.
    #[error("the start of service (TMT) in the NIP is in the future")]
    ServiceInFuture,
    /// Digit 15 is neither 1 nor 2.
    #[error("the gender digit in the NIP must be 1 or 2")]
    Gender,
}

impl NipError {
    /// A sentence naming the wrong part (and where it is in the number), for the form and CLI.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (NipError::NotDigits, Lang::Id) => {
                "NIP hanya boleh berisi angka (spasi dan titik boleh).".into()
            }
            (NipError::NotDigits, Lang::En) => {
                "The NIP may contain only digits (spaces and dots are fine).".into()
            }
            (NipError::Length { found }, Lang::Id) => {
                format!("NIP harus 18 digit; yang diisi {found} digit.")
            }
            (NipError::Length { found }, Lang::En) => {
                format!("The NIP must have 18 digits; this one has {found}.")
            }
            (NipError::BirthDate, Lang::Id) => {
                "Tanggal lahir pada NIP tidak valid (digit 1–8, TTTTBBHH).".into()
            }
            (NipError::BirthDate, Lang::En) => {
                "The birth date in the NIP is not valid (digits 1–8, YYYYMMDD).".into()
            }
            (NipError::ServiceStart, Lang::Id) => {
                "TMT CPNS pada NIP bukan bulan yang valid (digit 9–14, TTTTBB).".into()
            }
            (NipError::ServiceStart, Lang::En) => {
                "The start of service (TMT) in the NIP is not a valid month (digits 9–14, YYYYMM)."
                    .into()
            }
            (NipError::ServiceBeforeAdult, Lang::Id) => {
                "TMT CPNS pada NIP lebih awal dari ulang tahun ke-18 (digit 9–14).".into()
            }
            (NipError::ServiceBeforeAdult, Lang::En) => {
                "The start of service (TMT) in the NIP is before the 18th birthday (digits 9–14)."
                    .into()
            }
            (NipError::ServiceInFuture, Lang::Id) => {
                "TMT CPNS pada NIP ada di masa depan (digit 9–14).".into()
            }
            (NipError::ServiceInFuture, Lang::En) => {
                "The start of service (TMT) in the NIP is in the future (digits 9–14).".into()
            }
            (NipError::Gender, Lang::Id) => {
                "Kode jenis kelamin pada NIP harus 1 atau 2 (digit ke-15).".into()
            }
            (NipError::Gender, Lang::En) => {
                "The gender digit in the NIP must be 1 or 2 (digit 15).".into()
            }
        }
    }
}

/// Check a NIP as typed: spaces and dots (and tabs/non-breaking spaces from spreadsheets) are
/// ignored, so "19850412 201001 1 003" and "198504122010011003" are the same number. `today`
/// bounds the birth date and the start of service.
pub fn parse(input: &str, today: Date) -> Result<Nip, NipError> {
    let mut digits = String::with_capacity(NIP_DIGITS);
    for ch in input.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            '.' | '-' => {}
            c if c.is_whitespace() => {}
            _ => return Err(NipError::NotDigits),
        }
    }
    if digits.len() != NIP_DIGITS {
        return Err(NipError::Length {
            found: digits.len(),
        });
    }
    let nip = Nip { digits };
    let birth = nip.birth_date().ok_or(NipError::BirthDate)?;
    if birth > today {
        return Err(NipError::BirthDate);
    }
    let (ty, tm) = nip.raw_service_start();
    if !(1..=12).contains(&tm) || ty < 1900 {
        return Err(NipError::ServiceStart);
    }
    if (ty, tm) > (today.year, today.month) {
        return Err(NipError::ServiceInFuture);
    }
    // TMT is the first of its month; service may start on the 18th birthday or later
    // (lexicographic compare avoids building 29 February in a non-leap year).
    if (ty, tm, 1) < (birth.year + 18, birth.month, birth.day) {
        return Err(NipError::ServiceBeforeAdult);
    }
    if nip.gender().is_none() {
        return Err(NipError::Gender);
    }
    Ok(nip)
}

impl Nip {
    /// The 18 digits, no separators (for file names and the QR hash).
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// As printed on documents: "19850412 201001 1 003".
    pub fn grouped(&self) -> String {
        let d = &self.digits;
        format!("{} {} {} {}", &d[0..8], &d[8..14], &d[14..15], &d[15..18])
    }

    pub fn birth_date(&self) -> Option<Date> {
        let (y, m, d) = (self.num(0, 4), self.num(4, 6), self.num(6, 8));
        // Nobody in service today was born before 1900; a year like 0985 is a typo.
        (y >= 1900 && d <= days_in_month(y as i32, m))
            .then(|| Date::new(y as i32, m, d))
            .flatten()
    }

    /// (year, month) of the start of service.
    pub fn service_start(&self) -> (i32, u32) {
        self.raw_service_start()
    }

    pub fn gender(&self) -> Option<Gender> {
        match &self.digits[14..15] {
            "1" => Some(Gender::Male),
            "2" => Some(Gender::Female),
            _ => None,
        }
    }

    /// The last three digits.
    pub fn serial(&self) -> &str {
        &self.digits[15..18]
    }

    fn raw_service_start(&self) -> (i32, u32) {
        (self.num(8, 12) as i32, self.num(12, 14))
    }

    fn num(&self, from: usize, to: usize) -> u32 {
        // Only ASCII digits are ever stored, so this cannot fail; 0 keeps it total anyway.
        self.digits[from..to].parse().unwrap_or(0)
    }
}

impl std::fmt::Display for Nip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.grouped())
    }
}
