//! The one way a file comes in: read through [`read_bounded`], which stops one byte past the
//! limit of the file's [`FileKind`], whatever the file is — a regular file, a pipe that never
//! ends, `/dev/zero`, a 10 GB download. The CLI reads every path through it; the app checks a
//! picked file's size against the same [`FileKind::limit`] before reading it, and both say the
//! same [`ReadError::message`].
//!
//! The limits are the ones each format already has (a logo's, a kit's, a campaign's, a staff
//! list's), gathered here so every way in uses the same number.

use std::io::Read;

use thiserror::Error;

use crate::i18n::Lang;

/// What a file is for: it decides the limit and how the file is named in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FileKind {
    /// A photo (twibbon, poster, pledge card): phones' largest JPEGs are ~25 MB.
    Photo,
    /// A brand kit's logo (PNG, JPEG or SVG).
    Logo,
    /// An agency's own twibbon frame (PNG).
    Frame,
    /// A brand kit (JSON).
    Kit,
    /// A twibbon campaign (JSON, with its frame embedded).
    Campaign,
    /// A staff list for pledge cards (CSV or .xlsx).
    StaffList,
    /// A photographed or drawn signature.
    Signature,
    /// A font file (the app's fallback fonts).
    Font,
    /// An agency key file (signed pledges, to come): a few hundred bytes.
    Key,
}

/// Largest photo file (bytes): a 100-megapixel JPEG at high quality is ~40 MB.
pub const MAX_PHOTO_BYTES: u64 = 64 * 1024 * 1024;
/// Largest font file (bytes): the largest fallback font we ship is well under this.
pub const MAX_FONT_BYTES: u64 = 16 * 1024 * 1024;
/// Largest key file (bytes).
pub const MAX_KEY_BYTES: u64 = 64 * 1024;

impl FileKind {
    /// The most bytes a file of this kind may hold.
    pub const fn limit(self) -> u64 {
        match self {
            FileKind::Photo | FileKind::Signature => MAX_PHOTO_BYTES,
            FileKind::Logo => crate::brand::MAX_LOGO_BYTES as u64,
            FileKind::Frame => crate::campaign::MAX_FRAME_BYTES as u64,
            FileKind::Kit => crate::brand::MAX_KIT_JSON as u64,
            FileKind::Campaign => crate::campaign::MAX_CAMPAIGN_JSON as u64,
            FileKind::StaffList => crate::pledge::table::MAX_TABLE_BYTES as u64,
            FileKind::Font => MAX_FONT_BYTES,
            FileKind::Key => MAX_KEY_BYTES,
        }
    }

    /// "the logo file", as a sentence names it.
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FileKind::Photo, Lang::Id) => "Berkas foto",
            (FileKind::Photo, Lang::En) => "The photo file",
            (FileKind::Logo, Lang::Id) => "Berkas logo",
            (FileKind::Logo, Lang::En) => "The logo file",
            (FileKind::Frame, Lang::Id) => "Berkas bingkai",
            (FileKind::Frame, Lang::En) => "The frame file",
            (FileKind::Kit, Lang::Id) => "Berkas kit merek",
            (FileKind::Kit, Lang::En) => "The brand kit file",
            (FileKind::Campaign, Lang::Id) => "Berkas kampanye",
            (FileKind::Campaign, Lang::En) => "The campaign file",
            (FileKind::StaffList, Lang::Id) => "Berkas daftar pegawai",
            (FileKind::StaffList, Lang::En) => "The staff list file",
            (FileKind::Signature, Lang::Id) => "Berkas tanda tangan",
            (FileKind::Signature, Lang::En) => "The signature file",
            (FileKind::Font, Lang::Id) => "Berkas fon",
            (FileKind::Font, Lang::En) => "The font file",
            (FileKind::Key, Lang::Id) => "Berkas kunci",
            (FileKind::Key, Lang::En) => "The key file",
        }
    }
}

/// Why a file could not be read.
#[derive(Clone, Debug, Error, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ReadError {
    /// More than [`FileKind::limit`] bytes (reading stopped there).
    #[error("{kind:?} file is larger than its {} byte limit", kind.limit())]
    TooLarge { kind: FileKind },
    /// The system or the browser could not read it.
    #[error("{kind:?} file cannot be read: {detail}")]
    Failed { kind: FileKind, detail: String },
}

/// A byte count as people read it: "300 KB", "2 MB", "3,2 MB" (Indonesian decimal comma).
pub fn human_size(bytes: u64, lang: Lang) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes < MB {
        return format!("{} KB", bytes.div_ceil(1024));
    }
    // Tenths of a megabyte, rounded down: a limit is never said to be larger than it is.
    let tenths = bytes * 10 / MB;
    let text = if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        let sep = if lang == Lang::Id { ',' } else { '.' };
        format!("{}{sep}{}", tenths / 10, tenths % 10)
    };
    format!("{text} MB")
}

impl ReadError {
    pub fn kind(&self) -> FileKind {
        match self {
            ReadError::TooLarge { kind } | ReadError::Failed { kind, .. } => *kind,
        }
    }

    /// One line in the user's language; the same in the app and the CLI.
    pub fn message(&self, lang: Lang) -> String {
        let kind = self.kind();
        let what = kind.name(lang);
        let limit = human_size(kind.limit(), lang);
        match (self, lang) {
            (ReadError::TooLarge { .. }, Lang::Id) => {
                format!("{what} terlalu besar (maksimal {limit}). Pilih berkas yang lebih kecil.")
            }
            (ReadError::TooLarge { .. }, Lang::En) => {
                format!("{what} is too large (at most {limit}). Choose a smaller file.")
            }
            (ReadError::Failed { detail, .. }, Lang::Id) => {
                format!("{what} tidak bisa dibaca ({detail}).")
            }
            (ReadError::Failed { detail, .. }, Lang::En) => {
                format!("{what} cannot be read ({detail}).")
            }
        }
    }
}

/// Refuse a file whose size is known before reading it (a picked file in the browser, a regular
/// file's metadata): the check [`read_bounded`] makes as it reads.
pub fn check_size(kind: FileKind, size: u64) -> Result<(), ReadError> {
    if size > kind.limit() {
        Err(ReadError::TooLarge { kind })
    } else {
        Ok(())
    }
}

/// Read all of `reader`, stopping one byte past `kind`'s limit: a source that never ends costs
/// at most the limit in memory and the time to read it.
pub fn read_bounded(reader: impl Read, kind: FileKind) -> Result<Vec<u8>, ReadError> {
    let limit = kind.limit();
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Failed {
            kind,
            detail: e.to_string(),
        })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { kind });
    }
    Ok(bytes)
}

/// [`read_bounded`] for a path (the CLI's files). A regular file larger than the limit is
/// refused from its metadata without reading it; anything else (a pipe, a device) is read up to
/// the limit.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_path(path: &std::path::Path, kind: FileKind) -> Result<Vec<u8>, ReadError> {
    let failed = |e: std::io::Error| ReadError::Failed {
        kind,
        detail: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let meta = file.metadata().map_err(failed)?;
    if meta.is_dir() {
        return Err(failed(std::io::Error::other("is a directory")));
    }
    if meta.is_file() {
        check_size(kind, meta.len())?;
    }
    read_bounded(file, kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [FileKind; 9] = [
        FileKind::Photo,
        FileKind::Logo,
        FileKind::Frame,
        FileKind::Kit,
        FileKind::Campaign,
        FileKind::StaffList,
        FileKind::Signature,
        FileKind::Font,
        FileKind::Key,
    ];

    #[test]
    fn a_source_that_never_ends_stops_one_byte_past_the_limit() {
        for kind in [
            FileKind::Logo,
            FileKind::Kit,
            FileKind::Campaign,
            FileKind::Key,
        ] {
            // `repeat` never ends: without the bound this would read until memory runs out.
            let endless = std::io::repeat(0);
            assert_eq!(
                read_bounded(endless, kind),
                Err(ReadError::TooLarge { kind })
            );
        }
    }

    #[test]
    fn exactly_the_limit_is_read_and_one_more_byte_is_refused() {
        let kind = FileKind::Logo;
        let limit = kind.limit() as usize;
        assert_eq!(
            read_bounded(&vec![7u8; limit][..], kind).unwrap().len(),
            limit
        );
        assert_eq!(
            read_bounded(&vec![7u8; limit + 1][..], kind),
            Err(ReadError::TooLarge { kind })
        );
        assert_eq!(check_size(kind, limit as u64), Ok(()));
        assert_eq!(
            check_size(kind, limit as u64 + 1),
            Err(ReadError::TooLarge { kind })
        );
    }

    #[test]
    fn the_limits_are_the_formats_own() {
        assert_eq!(FileKind::Logo.limit(), crate::brand::MAX_LOGO_BYTES as u64);
        assert_eq!(FileKind::Kit.limit(), crate::brand::MAX_KIT_JSON as u64);
        assert_eq!(
            FileKind::Campaign.limit(),
            crate::campaign::MAX_CAMPAIGN_JSON as u64
        );
        assert_eq!(
            FileKind::Frame.limit(),
            crate::campaign::MAX_FRAME_BYTES as u64
        );
        assert_eq!(
            FileKind::StaffList.limit(),
            crate::pledge::table::MAX_TABLE_BYTES as u64
        );
    }

    #[test]
    fn every_kind_is_named_in_both_languages() {
        for kind in ALL {
            let e = ReadError::TooLarge { kind };
            let (id, en) = (e.message(Lang::Id), e.message(Lang::En));
            assert!(
                id.contains("terlalu besar") && id.contains("maksimal"),
                "{id}"
            );
            assert!(en.contains("too large") && en.contains("at most"), "{en}");
            assert!(!id.contains('\n') && !en.contains('\n'));
        }
        assert_eq!(
            ReadError::TooLarge {
                kind: FileKind::Logo
            }
            .message(Lang::Id),
            "Berkas logo terlalu besar (maksimal 300 KB). Pilih berkas yang lebih kecil."
        );
        assert_eq!(human_size(2 * 1024 * 1024, Lang::Id), "2 MB");
        assert_eq!(human_size(3_336_872, Lang::Id), "3,1 MB");
        assert_eq!(human_size(3_336_872, Lang::En), "3.1 MB");
    }
}
