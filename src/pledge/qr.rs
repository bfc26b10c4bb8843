//! The QR code on a card: the pledge in plain text (any phone camera shows it), ending in a
//! `SHA-256: <hex>` line over everything above it. Scanning and recomputing the hash shows the
//! QR text was not edited; comparing that text with the printed card shows the card was not.
//!
//! The text carries what the issue asks a scanner to see: name, NIP (or NI PPPK), agency, place
//! and date.
//! The position and the ikrar points (≈ 500 characters) would make the symbol so dense that its
//! modules print smaller than a phone can read, so they are bound by a 16-hex-digit digest
//! line instead; the final hash covers that line, so they are checked all the same.

use image::{Rgba, RgbaImage};
use qrcode::{Color as Module, EcLevel, QrCode};
use sha2::{Digest, Sha256};

use super::{PledgeError, PledgeFields};

/// The label of the hash line, which is always the last line.
pub const HASH_PREFIX: &str = "SHA-256: ";
/// The first line, so a scanner shows at once what this is.
pub const TITLE: &str = "IKRAR NETRALITAS ASN";
/// Quiet zone around the symbol, in modules (the standard asks for 4).
pub const QUIET_MODULES: u32 = 4;

/// The QR's text for these fields and points (labels in Bahasa Indonesia, the card's
/// official language, whatever the interface language is).
pub fn qr_text(fields: &PledgeFields, points: &[String]) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // A PPPK's number is labelled "NI PPPK", as on the card; no number reads "NIP: -".
    let nip = fields.nip.as_ref().map_or_else(
        || "NIP: -".to_string(),
        |n| format!("{}: {}", n.number_name(), n.grouped()),
    );
    let mut place_date = one_line(&fields.place);
    if !place_date.is_empty() {
        place_date.push_str(", ");
    }
    place_date.push_str(&fields.date.long_id());
    let body = format!(
        "{TITLE}\nNama: {}\n{nip}\nInstansi: {}\nTempat, tanggal: {place_date}\nJabatan dan {} butir ikrar: {}",
        one_line(&fields.name),
        or_dash(&one_line(&fields.agency)),
        points.len(),
        &details_digest(&fields.position, points)[..16],
    );
    let hash = hex(&Sha256::digest(body.as_bytes()));
    format!("{body}\n{HASH_PREFIX}{hash}")
}

/// True when `text` ends in a `SHA-256:` line that matches the text above it.
pub fn verify_qr_text(text: &str) -> bool {
    let Some((body, hash)) = text.rsplit_once(&format!("\n{HASH_PREFIX}")) else {
        return false;
    };
    let hash = hash.trim_end();
    hash.len() == 64
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && hash.eq_ignore_ascii_case(&hex(&Sha256::digest(body.as_bytes())))
}

/// The digest of what the QR text does not spell out: the position, then each point, each
/// with collapsed whitespace, one per line.
pub fn details_digest(position: &str, points: &[String]) -> String {
    let mut hasher = Sha256::new();
    for p in std::iter::once(position).chain(points.iter().map(String::as_str)) {
        hasher.update(
            p.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .as_bytes(),
        );
        hasher.update(b"\n");
    }
    hex(&hasher.finalize())
}

/// A QR symbol: its modules row by row (true = dark) and its width in modules.
pub type Symbol = (Vec<bool>, u32);

/// The QR symbol for `text`: its modules, row by row (true = dark), and its width in modules.
/// Level L (7 % recovery): on a card, module size limits scanning far more than damage does,
/// and L keeps a long name's symbol at 3+ pixels per module on the 1080-px card (M would drop
/// it to 2).
pub fn qr_modules(text: &str) -> Result<Symbol, PledgeError> {
    // A batch draws each card twice (share PNG, print page) and the preview redraws on every
    // keystroke elsewhere in the form: the symbol's mask scoring is ~7 % of a batch, so the
    // last symbol is kept (one per thread; the worker has one).
    thread_local! {
        static LAST: std::cell::RefCell<Option<(String, Symbol)>> =
            const { std::cell::RefCell::new(None) };
    }
    if let Some(hit) = LAST.with(|l| {
        l.borrow()
            .as_ref()
            .filter(|(t, _)| t == text)
            .map(|(_, m)| m.clone())
    }) {
        return Ok(hit);
    }
    let symbol = encode_symbol(text)?;
    LAST.with(|l| *l.borrow_mut() = Some((text.to_string(), symbol.clone())));
    Ok(symbol)
}

fn encode_symbol(text: &str) -> Result<Symbol, PledgeError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L)
        .map_err(|e| PledgeError::Qr(e.to_string()))?;
    let width = code.width() as u32;
    let dark = code
        .to_colors()
        .into_iter()
        .map(|m| m == Module::Dark)
        .collect();
    Ok((dark, width))
}

/// The QR symbol for `text` as black-on-white pixels, `module_px` pixels per module, with the
/// standard quiet zone (for downloads of the QR alone and for tests).
pub fn qr_image(text: &str, module_px: u32) -> Result<RgbaImage, PledgeError> {
    let (dark, width) = qr_modules(text)?;
    let m = module_px.clamp(1, 64);
    let side = (width + 2 * QUIET_MODULES) * m;
    let mut image = RgbaImage::from_pixel(side, side, Rgba([255, 255, 255, 255]));
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        let (mx, my) = (i as u32 % width, i as u32 / width);
        for y in 0..m {
            for x in 0..m {
                image.put_pixel(
                    (mx + QUIET_MODULES) * m + x,
                    (my + QUIET_MODULES) * m + y,
                    Rgba([0, 0, 0, 255]),
                );
            }
        }
    }
    Ok(image)
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::pledge::{default_points, nip, Date};

    fn fields() -> PledgeFields {
        let today = Date::new(2026, 11, 26).unwrap();
        PledgeFields {
            name: "Budi  Santoso, S.H.".into(),
            nip: Some(nip::parse("19850412 201001 1 003", today).unwrap()),
            position: "Analis Kebijakan".into(),
            agency: "Badan Kepegawaian Daerah".into(),
            place: "Manado".into(),
            date: today,
        }
    }

    #[test]
    fn text_reads_and_verifies() {
        let text = qr_text(&fields(), &default_points(Lang::Id));
        assert!(text.starts_with(
            "IKRAR NETRALITAS ASN\nNama: Budi Santoso, S.H.\nNIP: 19850412 201001 1 003\n"
        ));
        assert!(text.contains(
            "\nInstansi: Badan Kepegawaian Daerah\nTempat, tanggal: Manado, 26 November 2026\nJabatan dan 4 butir ikrar: "
        ));
        assert!(verify_qr_text(&text));
        assert!(!verify_qr_text(&text.replace("Manado", "Bitung")));
        assert!(!verify_qr_text("IKRAR"));
        assert!(!verify_qr_text(""));
    }

    #[test]
    fn a_pppk_number_is_labelled_ni_pppk() {
        let mut pppk = fields();
        pppk.nip = Some(nip::parse("198507032023212012", pppk.date).unwrap());
        let text = qr_text(&pppk, &default_points(Lang::Id));
        assert!(
            text.contains("\nNI PPPK: 19850703 202321 2 012\nInstansi: "),
            "{text}"
        );
        assert!(!text.contains("NIP"), "{text}");
        assert!(verify_qr_text(&text));
        let mut none = fields();
        none.nip = None;
        assert!(qr_text(&none, &default_points(Lang::Id)).contains("\nNIP: -\n"));
    }

    #[test]
    fn edited_points_or_position_change_the_hash() {
        let mut points = default_points(Lang::Id);
        let a = qr_text(&fields(), &points);
        points[3].push_str(" Sungguh.");
        assert_ne!(a, qr_text(&fields(), &points));
        let mut other = fields();
        other.position = "Analis Kebijakan Ahli Madya".into();
        assert_ne!(a, qr_text(&other, &default_points(Lang::Id)));
    }
}
