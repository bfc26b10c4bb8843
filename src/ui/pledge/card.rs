//! The page's bridge to the core: the form's text to [`PledgeFields`], and the one function that
//! draws a card, used by the preview, the downloads and the share button alike.

use crate::brand::BrandKit;
use crate::i18n::Localized;
use crate::pledge::card::Rendered;
use crate::pledge::nip::{self, NipError};
use crate::pledge::{self, CardInputs, Date, PledgeFields};
use crate::protocol::localized;

use super::state::Form;

/// The device's date today (the core has no clock).
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    })
}

/// The NIP as typed: `None` when empty (a card may have no NIP), else the check's result.
pub fn check_nip(input: &str, today: Date) -> Option<Result<nip::Nip, NipError>> {
    (!input.trim().is_empty()).then(|| nip::parse(input, today))
}

/// The card's fields from the form. An empty agency takes the brand kit's; an empty or
/// unreadable date is today. A wrong NIP is left off and returned beside the fields, so the
/// preview still shows the rest while the form says what is wrong.
pub fn fields(form: &Form, kit: &BrandKit, today: Date) -> (PledgeFields, Option<NipError>) {
    let (nip, nip_error) = match check_nip(&form.nip, today) {
        None => (None, None),
        Some(Ok(nip)) => (Some(nip), None),
        Some(Err(e)) => (None, Some(e)),
    };
    let agency = if form.agency.trim().is_empty() {
        kit.agency.trim()
    } else {
        form.agency.trim()
    };
    let fields = PledgeFields {
        name: form.name.trim().to_string(),
        nip,
        position: form.position.trim().to_string(),
        agency: agency.to_string(),
        place: form.place.trim().to_string(),
        date: Date::parse_iso(&form.date).unwrap_or(today),
    };
    (fields, nip_error)
}

/// The points to print: the non-empty ones, trimmed.
pub fn points(points: &[String]) -> Vec<String> {
    points
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The card at `width` pixels wide with the layout of `inputs.size` (the preview), and the
/// fields whose text had to be cut with "…".
pub fn render_at(inputs: &CardInputs, width: u32) -> Result<Rendered, Localized> {
    pledge::card::render_card_checked(inputs, width).map_err(|e| localized(|l| e.message(l)))
}
