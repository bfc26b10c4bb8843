//! Data carried in a link's fragment, `#key=<base64url(deflate(json))>`: the brand kit's
//! (`#kit=`) and a campaign's (`#campaign=`). A fragment never reaches a server, so a link can
//! share data with no server of ours. One format and one set of limits for both.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;

use crate::brand::{MAX_KIT_JSON, MAX_LINK_FRAGMENT};

/// A link fragment made from a kit or a campaign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkFragment {
    /// `key=…`, without the leading '#'.
    pub fragment: String,
    /// The logo was too large for a link and is not in it.
    pub logo_left_out: bool,
}

/// `key=<base64url(deflate(json))>` for `value`.
fn pack<T: Serialize>(key: &str, value: &T) -> String {
    let json = serde_json::to_vec(value).expect("kits and campaigns always serialize");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{key}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// [`pack`], or — when that is longer than [`MAX_LINK_FRAGMENT`] — the value `without_logo`
/// gives (`None`: there is no logo to leave out).
pub fn pack_fitting<T: Serialize>(
    key: &str,
    value: &T,
    without_logo: impl FnOnce() -> Option<T>,
) -> LinkFragment {
    let fragment = pack(key, value);
    if fragment.len() <= MAX_LINK_FRAGMENT {
        return LinkFragment {
            fragment,
            logo_left_out: false,
        };
    }
    match without_logo() {
        Some(smaller) => LinkFragment {
            fragment: pack(key, &smaller),
            logo_left_out: true,
        },
        None => LinkFragment {
            fragment,
            logo_left_out: false,
        },
    }
}

/// Does this URL fragment (with or without '#') carry `key`'s data?
pub fn has(fragment: &str, key: &str) -> bool {
    fragment.trim_start_matches('#').starts_with(key)
}

/// The JSON in a fragment made with `key`; `None` if it is not one, or damaged (bad base64, bad
/// deflate, or more than [`MAX_KIT_JSON`] bytes once inflated).
pub fn unpack(fragment: &str, key: &str) -> Option<Vec<u8>> {
    let data = fragment.trim_start_matches('#').strip_prefix(key)?;
    // A fragment can't be longer than this and still be one we made (with a logo).
    if data.len() > MAX_KIT_JSON {
        return None;
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('=').as_bytes())
        .ok()?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_KIT_JSON).ok()
}
