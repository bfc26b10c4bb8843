//! Every word the UI shows, in one place per language: the fields are declared here, and
//! `id.rs` (Bahasa Indonesia, the default) and `en.rs` (English) each fill all of them, so a
//! word missing in one language is a compile error. Grouped by page: the app-wide and twibbon
//! words at the top level, then the poster page with the brand kit, the pledge card page and
//! the share bar. Placeholders in braces (`{fields}`, `{n}` …) are filled by the caller.
//!
//! The core's errors keep their own `message(lang)` (intake, render, brand, pledge checks):
//! they are the core's words, shown by the UI as they are.

mod en;
mod id;

use crate::i18n::Lang;

pub struct Strings {
    pub title: &'static str,
    pub tagline: &'static str,
    pub privacy: &'static str,
    pub language: &'static str,
    pub choose_photo: &'static str,
    pub change_photo: &'static str,
    pub drop_here: &'static str,
    pub loading_photo: &'static str,
    pub preview_label: &'static str,
    pub gesture_hint: &'static str,
    /// The profile-circle toggle on the twibbon preview, and the share panel's note about it.
    pub circle_toggle: &'static str,
    pub circle_note: &'static str,
    pub zoom: &'static str,
    pub rotate: &'static str,
    pub rotate_left: &'static str,
    pub rotate_right: &'static str,
    pub reset: &'static str,
    pub frames: &'static str,
    pub own_frame: &'static str,
    pub own_frame_hint: &'static str,
    pub neutral_title: &'static str,
    pub neutral_body: &'static str,
    pub download_png: &'static str,
    pub download_jpeg: &'static str,
    pub downloading: &'static str,
    pub dismiss: &'static str,
    pub cancel: &'static str,
    pub step_adjust: &'static str,
    pub products: &'static str,
    pub tab_twibbon: &'static str,
    pub tab_poster: &'static str,
    pub tab_pledge: &'static str,
    /// The poster and pledge pages' code is fetched the first time one is opened.
    pub studio_loading: &'static str,
    pub studio_failed: &'static str,
    pub studio_retry: &'static str,
    /// The update banner: a new version is installed and waiting.
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    /// Put before a frame PNG's intake error.
    /// The decode worker crashed (a panic, or out of memory on a huge photo).
    pub decode_crashed: &'static str,
    /// A picked file could not be read (moved, deleted, or the browser refused).
    pub read_failed: &'static str,
    /// The export worker crashed or could not start (e.g. out of memory on an A4 PDF).
    pub export_crashed: &'static str,
    /// The fallback fonts could not be fetched.
    pub fonts_offline: &'static str,
    pub poster: Poster,
    pub pledge: Pledge,
    pub share: Share,
    pub campaign: CampaignWords,
    pub kit_offer: KitOfferWords,
}

/// A brand kit from a link or a file, offered beside the kept one before anything changes.
pub struct KitOfferWords {
    pub title_link: &'static str,
    pub title_file: &'static str,
    pub unverified: &'static str,
    pub offered: &'static str,
    pub kept: &'static str,
    pub agency: &'static str,
    pub issuer: &'static str,
    pub colours: &'static str,
    pub primary: &'static str,
    pub secondary: &'static str,
    pub logo: &'static str,
    pub hashtags: &'static str,
    pub empty: &'static str,
    pub no_logo: &'static str,
    pub checking_logo: &'static str,
    pub logo_broken: &'static str,
    pub accept: &'static str,
    pub decline: &'static str,
    pub accepted: &'static str,
    pub undo: &'static str,
    pub undone: &'static str,
    pub close: &'static str,
}

/// The twibbon page's design texts and sizes, and agency campaigns (link, QR, file, banner).
pub struct CampaignWords {
    pub texts: &'static str,
    pub reset_texts: &'static str,
    pub size: &'static str,
    pub kit_hint: &'static str,
    pub frame_cut: &'static str,
    pub opened_link: &'static str,
    pub opened_file: &'static str,
    pub opened_body: &'static str,
    /// The banner's body for a campaign without a logo.
    pub opened_body_no_logo: &'static str,
    /// The banner's body for a campaign whose logo could not be drawn.
    pub opened_body_logo_dropped: &'static str,
    /// Who vouches for a campaign opened from a link or a file: nobody yet.
    pub unverified: &'static str,
    pub keep: &'static str,
    pub leave: &'static str,
    pub title: &'static str,
    pub body: &'static str,
    pub caption: &'static str,
    pub caption_placeholder: &'static str,
    pub make_link: &'static str,
    pub save_file: &'static str,
    pub link_label: &'static str,
    pub link_no_logo: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub link_selected: &'static str,
    pub qr_alt: &'static str,
    pub qr_download: &'static str,
    pub qr_too_long: &'static str,
    pub open_file: &'static str,
    pub open_hint: &'static str,
}

/// The poster page and the brand kit panel.
pub struct Poster {
    pub templates: &'static str,
    pub size: &'static str,
    pub texts: &'static str,
    pub reset_texts: &'static str,
    pub preview_label: &'static str,
    pub preview_label_photo: &'static str,
    pub share_alt: &'static str,
    pub choose_photo: &'static str,
    pub change_photo: &'static str,
    pub loading_photo: &'static str,
    pub download: &'static str,
    pub download_png: &'static str,
    pub download_jpeg: &'static str,
    pub download_pdf: &'static str,
    pub pdf_hint: &'static str,
    pub preparing: &'static str,
    pub cut_notice: &'static str,
    pub dismiss: &'static str,
    pub brand_title: &'static str,
    pub brand_hint: &'static str,
    pub agency: &'static str,
    pub agency_placeholder: &'static str,
    pub issuer: &'static str,
    pub issuer_hint: &'static str,
    pub issuer_placeholder: &'static str,
    pub primary: &'static str,
    pub secondary: &'static str,
    pub hashtags: &'static str,
    pub hashtags_hint: &'static str,
    pub logo: &'static str,
    pub logo_hint: &'static str,
    pub logo_remove: &'static str,
    pub logo_set: &'static str,
    pub export_kit: &'static str,
    pub import_kit: &'static str,
    pub make_link: &'static str,
    pub link_label: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub link_selected: &'static str,
    pub link_no_logo: &'static str,
    pub guidance_title: &'static str,
    pub guidance_body: &'static str,
}

/// The pledge card page: form, signature, downloads and the batch panel.
pub struct Pledge {
    pub preview_label: &'static str,
    /// The legend of the card design switch.
    pub design: &'static str,
    /// `{fields}`: the labels of the fields cut.
    pub cut_notice: &'static str,
    pub form_title: &'static str,
    pub name: &'static str,
    pub name_placeholder: &'static str,
    /// Shown on the preview until a name is typed.
    pub preview_name: &'static str,
    pub share_alt: &'static str,
    pub nip: &'static str,
    pub nip_hint: &'static str,
    /// `{nip}`: a PNS's NIP, grouped.
    pub nip_ok_pns: &'static str,
    /// `{nip}`: a PPPK's NI PPPK, grouped.
    pub nip_ok_pppk: &'static str,
    pub position: &'static str,
    pub position_placeholder: &'static str,
    pub agency: &'static str,
    pub agency_hint: &'static str,
    pub place: &'static str,
    pub place_placeholder: &'static str,
    pub date: &'static str,
    pub points_title: &'static str,
    /// `{n}`: 1 to 4.
    pub point_label: &'static str,
    pub reset_points: &'static str,
    pub photo_title: &'static str,
    pub photo_hint: &'static str,
    pub choose_photo: &'static str,
    pub change_photo: &'static str,
    pub remove_photo: &'static str,
    pub loading_photo: &'static str,
    pub signature_title: &'static str,
    pub signature_pad_label: &'static str,
    pub signature_hint: &'static str,
    pub undo: &'static str,
    pub clear: &'static str,
    pub upload_signature: &'static str,
    pub signature_uploaded: &'static str,
    pub signature_drawn: &'static str,
    pub signature_empty: &'static str,
    pub signature_loading: &'static str,
    pub signature_no_ink: &'static str,
    pub download_title: &'static str,
    pub download_png: &'static str,
    pub download_pdf: &'static str,
    pub preparing: &'static str,
    pub need_name: &'static str,
    /// `{reason}`: the NIP check's message.
    pub nip_blocks: &'static str,
    pub dismiss: &'static str,
    pub kit_title: &'static str,
    pub kit_note: &'static str,
    pub open_kit: &'static str,
    pub batch_title: &'static str,
    pub batch_hint: &'static str,
    pub choose_table: &'static str,
    pub reading_table: &'static str,
    pub columns_title: &'static str,
    pub column_absent: &'static str,
    pub first_rows: &'static str,
    /// `{n}`: how many rows were skipped.
    pub invalid_title: &'static str,
    pub invalid_none: &'static str,
    /// `{n}`: skipped rows not listed.
    pub invalid_more: &'static str,
    pub th_line: &'static str,
    pub th_name: &'static str,
    pub th_reason: &'static str,
    /// `{n}`: cards to make.
    pub make: &'static str,
    pub nothing_to_make: &'static str,
    /// `{done}`, `{total}`.
    pub progress: &'static str,
    pub progress_label: &'static str,
    pub cancel: &'static str,
    pub cancelled: &'static str,
    /// `{made}`, `{skipped}`, `{seconds}`.
    pub batch_done: &'static str,
    pub download_zip: &'static str,
    pub download_batch_pdf: &'static str,
    pub batch_crashed: &'static str,
    pub batch_unavailable: &'static str,
    pub other_table: &'static str,
}

/// The share bar, the caption and the in-app browser notice.
pub struct Share {
    pub title: &'static str,
    pub share: &'static str,
    pub share_in_app: &'static str,
    /// On the share button while the image is being made.
    pub preparing: &'static str,
    pub shared: &'static str,
    pub downloaded: &'static str,
    pub share_failed: &'static str,
    pub image_alt: &'static str,
    pub long_press: &'static str,
    pub right_click: &'static str,
    pub close_image: &'static str,
    pub caption_label: &'static str,
    pub caption_hint: &'static str,
    pub caption_hint_kit: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub selected: &'static str,
    pub caption_reset: &'static str,
    pub in_app_title: &'static str,
    pub in_app_body: &'static str,
    pub in_app_steps: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub link_selected: &'static str,
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Id => &id::ID,
        Lang::En => &en::EN,
    }
}

/// The poster page's words (and the brand kit's).
pub fn poster_text(lang: Lang) -> &'static Poster {
    &strings(lang).poster
}

/// The pledge card page's words.
pub fn pledge_text(lang: Lang) -> &'static Pledge {
    &strings(lang).pledge
}

/// The twibbon page's design words and agency campaigns'.
pub fn campaign_text(lang: Lang) -> &'static CampaignWords {
    &strings(lang).campaign
}

/// The kit offer's words.
pub fn kit_offer_text(lang: Lang) -> &'static KitOfferWords {
    &strings(lang).kit_offer
}

/// The share bar's words.
pub fn share_text(lang: Lang) -> &'static Share {
    &strings(lang).share
}
