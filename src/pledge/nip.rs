//! The 18-digit ASN numbers, checked exactly as shared/campaign.md says. ASN are PNS **and**
//! PPPK, and both numbers are 18 digits:
//!
//! - **NIP** (PNS): `YYYYMMDD` birth date · `YYYYMM` TMT CPNS (first appointment) · `G` gender
//!   (1 male, 2 female) · `NNN` serial, printed `19850312 201001 1 003`.
//! - **NI PPPK** (Nomor Induk PPPK, often still called "NIP PPPK"): `YYYYMMDD` birth date ·
//!   `YYYY` year of first appointment as calon PPPK · two digits that are *not a month* (most
//!   carry `21`) · `G` · `NNN`, printed `19850703 202321 2 012`.
//!
//! Digits 13–14 tell them apart: 01–12 is a PNS TMT month, anything else is a PPPK number. A
//! checker that read them as a month would refuse every PPPK (over a million since 2019), so the
//! kind is recognised first and each kind is checked by its own rules. Each wrong part has its
//! own error variant, carrying the kind, so the form can say *which* part of *which* number is
//! wrong instead of "invalid NIP".

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::date::{days_in_month, Date};
use crate::i18n::Lang;

pub const NIP_DIGITS: usize = 18;
/// PPPK were first appointed in 2019: an earlier year cannot be a PPPK appointment.
pub const PPPK_SINCE: i32 = 2019;

/// A checked NIP or NI PPPK: exactly 18 ASCII digits whose parts are consistent.
// Serialized as its 18 digits (for the batch worker's messages); the kind follows from them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Nip {
    digits: String,
}

/// Which number it is, read from digits 13–14 (a month: PNS; anything else: PPPK).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A PNS's NIP.
    Pns,
    /// A PPPK's NI PPPK.
    Pppk,
}

impl Kind {
    /// The number's name as printed on documents (the same in both languages): "NIP" or
    /// "NI PPPK".
    pub fn number_name(self) -> &'static str {
        match self {
            Kind::Pns => "NIP",
            Kind::Pppk => "NI PPPK",
        }
    }

    /// The kind of staff: "PNS" or "PPPK".
    pub fn staff(self) -> &'static str {
        match self {
            Kind::Pns => "PNS",
            Kind::Pppk => "PPPK",
        }
    }

    /// The kind an 18-digit string would be read as (digits 13–14 a month or not).
    fn of(digits: &str) -> Kind {
        match digits.get(12..14).and_then(|m| m.parse::<u32>().ok()) {
            Some(1..=12) => Kind::Pns,
            _ => Kind::Pppk,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    Male,
    Female,
}

/// What is wrong with a number, one variant per part. Once the 18 digits are there the kind is
/// known, and the variants carry it so the message names the right number and the right digits.
#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum NipError {
    /// Something other than digits, spaces or dots.
    #[error("the NIP / NI PPPK may contain only digits")]
    NotDigits,
    #[error("the NIP / NI PPPK must have 18 digits, found {found}")]
    Length { found: usize },
    /// Digits 1–8 are not a real date (or a date after today).
    #[error("the birth date in the {} is not valid", .kind.number_name())]
    BirthDate { kind: Kind },
    /// A PPPK number (digits 13–14 not a month) whose year of appointment (digits 9–12) is
    /// before PPPK existed. Often a PNS NIP with a mistyped TMT month, so the message says both.
    #[error("the year of appointment in the NI PPPK is before {PPPK_SINCE}")]
    PppkYear,
    /// The appointment (PNS: TMT CPNS month; PPPK: year) is before the 18th birthday.
    #[error("the appointment in the {} is before the 18th birthday", .kind.number_name())]
    ServiceBeforeAdult { kind: Kind },
    /// The appointment is after the current month (PNS) or year (PPPK).
    #[error("the appointment in the {} is in the future", .kind.number_name())]
    ServiceInFuture { kind: Kind },
    /// Digit 15 is neither 1 nor 2.
    #[error("the gender digit in the {} must be 1 or 2", .kind.number_name())]
    Gender { kind: Kind },
}

impl NipError {
    /// The kind the number was read as, when it had its 18 digits.
    pub fn kind(&self) -> Option<Kind> {
        match self {
            NipError::NotDigits | NipError::Length { .. } => None,
            NipError::PppkYear => Some(Kind::Pppk),
            NipError::BirthDate { kind }
            | NipError::ServiceBeforeAdult { kind }
            | NipError::ServiceInFuture { kind }
            | NipError::Gender { kind } => Some(*kind),
        }
    }

    /// A sentence naming the number, the wrong part and where it is, for the form and the CLI.
    pub fn message(&self, lang: Lang) -> String {
        use Kind::{Pns, Pppk};
        match (self, lang) {
            (NipError::NotDigits, Lang::Id) => {
                "NIP / NI PPPK hanya boleh berisi angka (spasi dan titik boleh).".into()
            }
            (NipError::NotDigits, Lang::En) => {
                "The NIP / NI PPPK may contain only digits (spaces and dots are fine).".into()
            }
            (NipError::Length { found }, Lang::Id) => {
                format!("NIP / NI PPPK harus 18 digit; yang diisi {found} digit.")
            }
            (NipError::Length { found }, Lang::En) => {
                format!("The NIP / NI PPPK must have 18 digits; this one has {found}.")
            }
            (NipError::BirthDate { kind }, Lang::Id) => format!(
                "Tanggal lahir pada {} tidak valid (digit 1–8, TTTTBBHH).",
                kind.number_name()
            ),
            (NipError::BirthDate { kind }, Lang::En) => format!(
                "The birth date in the {} is not valid (digits 1–8, YYYYMMDD).",
                kind.number_name()
            ),
            (NipError::PppkYear, Lang::Id) => format!(
                "Tahun pengangkatan pada NI PPPK harus {PPPK_SINCE} atau sesudahnya (digit 9–12). \
                 Nomor ini dibaca sebagai NI PPPK karena digit 13–14 bukan bulan; pada NIP PNS, \
                 digit 13–14 adalah bulan TMT CPNS (01–12)."
            ),
            (NipError::PppkYear, Lang::En) => format!(
                "The year of appointment in the NI PPPK must be {PPPK_SINCE} or later (digits 9–12). \
                 This was read as an NI PPPK because digits 13–14 are not a month; in a PNS NIP, \
                 digits 13–14 are the TMT CPNS month (01–12)."
            ),
            (NipError::ServiceBeforeAdult { kind: Pns }, Lang::Id) => {
                "TMT CPNS pada NIP lebih awal dari ulang tahun ke-18 (digit 9–14).".into()
            }
            (NipError::ServiceBeforeAdult { kind: Pns }, Lang::En) => {
                "The start of service (TMT CPNS) in the NIP is before the 18th birthday (digits 9–14)."
                    .into()
            }
            (NipError::ServiceBeforeAdult { kind: Pppk }, Lang::Id) => {
                "Tahun pengangkatan pada NI PPPK lebih awal dari ulang tahun ke-18 (digit 9–12)."
                    .into()
            }
            (NipError::ServiceBeforeAdult { kind: Pppk }, Lang::En) => {
                "The year of appointment in the NI PPPK is before the 18th birthday (digits 9–12)."
                    .into()
            }
            (NipError::ServiceInFuture { kind: Pns }, Lang::Id) => {
                "TMT CPNS pada NIP ada di masa depan (digit 9–14).".into()
            }
            (NipError::ServiceInFuture { kind: Pns }, Lang::En) => {
                "The start of service (TMT CPNS) in the NIP is in the future (digits 9–14).".into()
            }
            (NipError::ServiceInFuture { kind: Pppk }, Lang::Id) => {
                "Tahun pengangkatan pada NI PPPK ada di masa depan (digit 9–12).".into()
            }
            (NipError::ServiceInFuture { kind: Pppk }, Lang::En) => {
                "The year of appointment in the NI PPPK is in the future (digits 9–12).".into()
            }
            (NipError::Gender { kind }, Lang::Id) => format!(
                "Kode jenis kelamin pada {} harus 1 atau 2 (digit ke-15).",
                kind.number_name()
            ),
            (NipError::Gender { kind }, Lang::En) => format!(
                "The gender digit in the {} must be 1 or 2 (digit 15).",
                kind.number_name()
            ),
        }
    }
}

/// Check a NIP or NI PPPK as typed: spaces and dots (and tabs/non-breaking spaces from
/// spreadsheets) are ignored, so "19850412 201001 1 003" and "198504122010011003" are the same
/// number. `today` bounds the birth date and the appointment.
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
    let kind = nip.kind();
    let birth = nip
        .birth_date()
        .filter(|b| *b <= today)
        .ok_or(NipError::BirthDate { kind })?;
    let year = nip.appointment_year();
    match nip.tmt_cpns() {
        Some((ty, tm)) => {
            if (ty, tm) > (today.year, today.month) {
                return Err(NipError::ServiceInFuture { kind });
            }
            // TMT is the first of its month; service may start on the 18th birthday or later
            // (lexicographic compare avoids building 29 February in a non-leap year).
            if (ty, tm, 1) < (birth.year + 18, birth.month, birth.day) {
                return Err(NipError::ServiceBeforeAdult { kind });
            }
        }
        None => {
            if year < PPPK_SINCE {
                return Err(NipError::PppkYear);
            }
            if year > today.year {
                return Err(NipError::ServiceInFuture { kind });
            }
            // Only the year is in the number: any appointment in the year of the 18th birthday
            // may be on or after it, so only an earlier year is certainly wrong.
            if year < birth.year + 18 {
                return Err(NipError::ServiceBeforeAdult { kind });
            }
        }
    }
    if nip.gender().is_none() {
        return Err(NipError::Gender { kind });
    }
    Ok(nip)
}

impl Nip {
    /// The 18 digits, no separators (for file names and the QR hash).
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// PNS or PPPK (digits 13–14 a month or not).
    pub fn kind(&self) -> Kind {
        Kind::of(&self.digits)
    }

    /// The number's printed name, "NIP" or "NI PPPK" (the card's and QR's label).
    pub fn number_name(&self) -> &'static str {
        self.kind().number_name()
    }

    /// As printed on documents, the same grouping for both kinds: "19850412 201001 1 003",
    /// "19850703 202321 2 012".
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

    /// Digits 9–12: the year of the TMT CPNS (PNS) or of the first appointment (PPPK).
    pub fn appointment_year(&self) -> i32 {
        self.num(8, 12) as i32
    }

    /// (year, month) of the TMT CPNS, for a PNS; `None` for a PPPK, whose number has no month.
    pub fn tmt_cpns(&self) -> Option<(i32, u32)> {
        (self.kind() == Kind::Pns).then(|| (self.appointment_year(), self.num(12, 14)))
    }

    /// Digits 13–14 of a PPPK number (the work-agreement digits, most often "21"); `None` for
    /// a PNS.
    pub fn pppk_digits(&self) -> Option<&str> {
        (self.kind() == Kind::Pppk).then(|| &self.digits[12..14])
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
