//! One file per thing the user sees.

pub mod controls;
pub mod deferred;
pub mod download_bar;
pub mod error_banner;
pub mod frame_gallery;
pub mod header;
pub mod kit_offer;
pub mod link_box;
pub mod photo_picker;
pub mod photo_transform;
pub mod preview;
pub mod share_bar;
pub mod update_banner;
