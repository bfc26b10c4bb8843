//! The messages between the page and its workers, typed both ways.
//!
//! On the wire a message is a JS array `[json, ...attachments]`: `json` is one of the enums
//! below as JSON, and the attachments (a file's bytes, pixels, chunks of a ZIP) follow in the
//! order the message's documentation gives, *transferred* rather than copied. Each side reads a
//! message with [`read`]; one that does not parse is a [`ProtocolError`], answered or reported
//! as an error — never taken for a default job (a photo decode, a batch run).
//!
//! The core owns the message types, so both sides and the native tests agree on them; the
//! browser glue that posts them lives in `ui::worker`, `ui::batch_worker` and `ui::export_worker`.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::brand::BrandKit;
use crate::finish::{self, FinishError, Finished, Output};
use crate::i18n::{Lang, Localized};
use crate::intake::IntakeError;
use crate::photo::Photo;
use crate::pledge::{CardInputs, CardSize, PledgeFields};
use crate::poster::{self, PosterInputs, PosterSize};
use crate::render::{Inputs, PhotoTransform, Renderer};
use crate::template::Template;
use crate::twibbon;

/// A message that is not one this side understands: a bug or a stale worker, reported as such.
#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProtocolError {
    #[error("the message is not text")]
    NotText,
    #[error("the message is not understood: {0}")]
    Unknown(String),
    #[error("the message needs {expected} attachments, it has {got}")]
    Attachments { expected: usize, got: usize },
    #[error("an attached image does not match its size")]
    Image,
}

impl ProtocolError {
    /// What the user is told: the app went wrong, not their file.
    pub fn localized(&self) -> Localized {
        localized(|lang| match lang {
            Lang::Id => "Terjadi kesalahan di aplikasi. Muat ulang halaman.".into(),
            Lang::En => "Something went wrong in the app. Reload the page.".into(),
        })
    }
}

/// The JSON of a message.
pub fn write<T: Serialize>(message: &T) -> String {
    // Our message types hold no maps with non-string keys, which serde_json would refuse; a
    // failure here is a bug, sent as text the other side reads as an unknown message. (A
    // non-finite float would be written as `null` and refused there: placements are sanitized.)
    serde_json::to_string(message).unwrap_or_else(|e| format!("{{\"unserializable\":\"{e}\"}}"))
}

/// A message from its JSON (`None`: the first array item was not a string).
pub fn read<T: DeserializeOwned>(json: Option<&str>) -> Result<T, ProtocolError> {
    let json = json.ok_or(ProtocolError::NotText)?;
    // Every message is a JSON object with its `type`: serde would also take a tagged enum from
    // an array (`["ready"]`), which no side writes, so such a text is refused here.
    if !json.trim_start().starts_with('{') {
        return Err(ProtocolError::Unknown("a message is a JSON object".into()));
    }
    serde_json::from_str(json).map_err(|e| ProtocolError::Unknown(e.to_string()))
}

/// A message in both languages, for errors made in a worker (the user may switch language).
pub fn localized(message: impl Fn(Lang) -> String) -> Localized {
    Localized {
        id: message(Lang::Id),
        en: message(Lang::En),
    }
}

/// The decode worker: a picked file's bytes in, upright RGBA pixels out.
pub mod decode {
    use super::*;

    /// What the bytes are, which decides how the worker reads them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Kind {
        /// A photo: intake, at most [`crate::intake::MAX_WORKING_SIDE`] on the long side.
        Photo,
        /// A brand kit logo (PNG, JPEG or SVG): [`crate::brand::decode_logo`].
        Logo,
        /// A photographed signature: [`crate::pledge::signature::from_upload`].
        Signature,
    }

    /// Page → worker. `Decode` carries one attachment: the file's bytes.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Request {
        Decode { id: u32, kind: Kind },
    }

    /// Worker → page. `Decoded` carries one attachment: `width × height` RGBA pixels.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Reply {
        /// Sent once, when the worker's wasm is running.
        Ready,
        Decoded {
            id: u32,
            width: u32,
            height: u32,
            /// The worker's wasm memory after decoding, in bytes (its peak: it never shrinks).
            memory: f64,
            /// Whose decoder made the pixels (the page records it for tests and the benchmark).
            #[serde(default)]
            decoder: Decoder,
        },
        Failed {
            id: Option<u32>,
            error: Failure,
        },
        /// From the photo worker: not a JPEG, so not for it (it has no other decoder). Carries
        /// one attachment: the request's bytes, handed back so the page can send them to the
        /// full decode worker without reading the file again.
        Elsewhere {
            id: u32,
        },
    }

    /// Whose decoder made a photo's pixels. Either way the core checked the header first and
    /// applied the EXIF orientation last ([`crate::intake::probe`], [`crate::intake::finish`]).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Decoder {
        /// Ours, in wasm: the CLI's.
        #[default]
        Wasm,
        /// The browser's JPEG decoder (WebCodecs `ImageDecoder`, at the plan's DCT scale).
        Browser,
    }

    /// Why a job gave no pixels.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Failure {
        /// The file itself is bad (photos, raster logos, signature photos).
        Intake(IntakeError),
        /// A logo that cannot be drawn: the decoder's or SVG parser's detail.
        Logo(String),
        /// The request was not understood.
        Protocol(ProtocolError),
    }
}

/// The batch worker: a staff spreadsheet in, a ZIP of cards and a print PDF out.
pub mod batch {
    use super::*;

    /// How many data rows the batch preview shows.
    pub const PREVIEW_ROWS: usize = 5;

    /// Page → worker. Both carry one attachment: the picked spreadsheet `File` (the browser
    /// clones it without copying it through the page's wasm memory).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Request {
        Parse { settings: Settings },
        Run { settings: Settings },
    }

    /// Worker → page.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Reply {
        /// Sent once, when the worker's wasm is running.
        Ready,
        Parsed {
            parsed: Parsed,
        },
        /// After every card.
        Progress {
            made: usize,
            total: usize,
        },
        /// The next bytes of one of the two files, in order (one attachment: an ArrayBuffer).
        Chunk {
            file: BatchFile,
        },
        /// After the last chunk.
        Done {
            done: Done,
        },
        Failed {
            message: Localized,
        },
    }

    /// The two files a batch writes.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum BatchFile {
        Zip,
        Pdf,
    }

    /// What a batch job is made with: the form's fallbacks, the pledge text and the brand kit.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Settings {
        pub lang: Lang,
        /// The device's date, `YYYY-MM-DD`: a NIP's start of service may not be later.
        pub today: String,
        /// Fallbacks for empty cells.
        pub place: String,
        pub date: String,
        pub agency: String,
        pub points: Vec<String>,
        pub brand: BrandKit,
        /// The cards' design ([`crate::pledge::designs`]); empty for the default.
        #[serde(default)]
        pub design: String,
    }

    /// One field and the header that feeds it (`None`: no such column; the fallback is used).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct ColumnMatch {
        /// "name", "nip", "position", "agency", "place" or "date".
        pub field: String,
        pub header: Option<String>,
    }

    /// A row that will be skipped, with the reason in both languages.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Skipped {
        pub line: usize,
        pub name: String,
        pub reason: Localized,
    }

    /// What the spreadsheet holds, as the page shows it before anything is made.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Parsed {
        pub columns: Vec<ColumnMatch>,
        /// The matched columns' headers, then the first [`PREVIEW_ROWS`] rows' cells in them.
        pub preview_headers: Vec<String>,
        pub preview_rows: Vec<Vec<String>>,
        pub rows: usize,
        /// Rows that make a card.
        pub valid: usize,
        pub invalid: Vec<Skipped>,
    }

    /// A finished batch.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Done {
        pub made: usize,
        pub skipped: usize,
        /// The worker's wasm memory at the end, in bytes: its peak.
        pub memory: f64,
        /// Characters of the cards' texts that could not be drawn.
        #[serde(default)]
        pub missing: Vec<String>,
        /// The fallback fonts some texts needed could not be fetched (offline before first use).
        #[serde(default)]
        pub fonts_failed: bool,
    }
}

/// The export worker: every single download and share — twibbon, poster (incl. A4 and PDF) and
/// pledge card (PNG and PDF) — rendered and encoded off the page's main thread.
pub mod export {
    use super::*;
    use crate::text::Fallback;

    /// Page → worker. `Export` carries the images its job's [`Attached`] lists, in that order;
    /// `Hold` the images of its `Set` slots, in the order photo, frame, logo.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Request {
        Export {
            id: u32,
            job: Box<ExportJob>,
        },
        /// Change the images previews draw from. Sent only when one changes (a new photo), so a
        /// drag sends a few bytes of JSON, not the photo.
        Hold {
            images: Held,
        },
        /// Draw `product` `width` pixels wide from the held images, as the export would.
        /// `live`: the page's main preview, redrawn on every drag step (its frame's layers are
        /// kept between draws); thumbnails are drawn once each.
        Preview {
            id: u32,
            product: Box<Product>,
            width: u32,
            live: bool,
        },
        /// Decode a photo file (one attachment: its bytes) and hold it as the photo previews
        /// and downloads draw from. The twibbon's worker decodes, turns and draws in one wasm
        /// memory: the photo's pixels never cross to the page and back (issue 29). Answered with
        /// [`Reply::PhotoHeld`], [`Reply::PhotoElsewhere`] or [`Reply::PhotoFailed`]; requests
        /// sent meanwhile wait their turn.
        DecodePhoto {
            id: u32,
        },
    }

    /// Worker → page.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum Reply {
        /// Sent once, when the worker's wasm is running.
        Ready,
        /// A finished file (one attachment: its bytes). Its type follows from the job's
        /// output, which the page knows.
        Exported {
            id: u32,
            file_name: String,
            report: finish::Report,
        },
        /// A preview (one attachment: `width` × `height` straight RGBA pixels), drawn in `ms`
        /// milliseconds of the worker's time (reported by the browser benchmark).
        Previewed {
            id: u32,
            width: u32,
            height: u32,
            #[serde(default)]
            ms: f64,
        },
        /// `id` is `None` when the request itself was not understood.
        Failed { id: Option<u32>, message: Localized },
        /// A [`Request::Hold`] with a [`Slot::Upright`] photo was taken in (one attachment: that
        /// photo's pixels, handed back once copied). The page keeps them, without a copy of its
        /// own, to hold them again in a fresh worker after a crash.
        Returned,
        /// [`Request::DecodePhoto`]'s photo is held, upright, `width` × `height`.
        PhotoHeld {
            id: u32,
            width: u32,
            height: u32,
            /// The worker's wasm memory after decoding, in bytes (its peak).
            memory: f64,
            decoder: super::decode::Decoder,
        },
        /// Not a JPEG: the twibbon's worker has no other decoder. One attachment: the bytes,
        /// handed back for the full decode worker.
        PhotoElsewhere { id: u32 },
        /// The core refused the photo (the held photo is unchanged).
        PhotoFailed {
            id: u32,
            error: crate::intake::IntakeError,
        },
    }

    /// What a [`Request::Hold`] does to each image slot.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(tag = "slot", content = "levels", rename_all = "snake_case")]
    pub enum Slot {
        /// Unchanged.
        #[default]
        Keep,
        /// No image any more.
        Clear,
        /// A new image: its pyramid levels' sizes, its pixels attached.
        Set(Vec<(u32, u32)>),
        /// A new photo as the decode worker made it: width × height upright straight RGBA
        /// attached, which the worker turns into the pyramid ([`Photo::from_rgba`], as the page
        /// did when it held photos). The twibbon page keeps its photo outside its wasm memory,
        /// so it never copies the pixels in, builds the pyramid on its main thread and copies
        /// it out again.
        Upright(u32, u32),
    }

    impl Slot {
        /// The slot that sends `photo`'s pyramid, level by level.
        pub fn pyramid(photo: &Photo) -> Slot {
            Slot::Set(photo.levels().map(|(w, h, _)| (w, h)).collect())
        }
    }

    /// The held images' slots (see [`Request::Hold`]).
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Held {
        pub photo: Slot,
        pub frame: Slot,
        pub logo: Slot,
    }

    impl Held {
        /// The slots turning the held `from` into `to`, each image named by its address:
        /// `Keep` where the same image is held, the slot `to` gives (what sends the new image)
        /// otherwise. The page attaches the pixels of every slot that sends one, in the order
        /// photo, frame, logo (see [`Held::sends`]).
        pub fn change(from: [Option<*const ()>; 3], to: [Option<(*const (), Slot)>; 3]) -> Held {
            let slot = |from: Option<*const ()>, to: Option<(*const (), Slot)>| match to {
                Some((at, _)) if from == Some(at) => Slot::Keep,
                Some((_, slot)) => slot,
                None if from.is_none() => Slot::Keep,
                None => Slot::Clear,
            };
            let [p, f, l] = to;
            Held {
                photo: slot(from[0], p),
                frame: slot(from[1], f),
                logo: slot(from[2], l),
            }
        }

        /// Which of photo, frame and logo this change sends pixels for.
        pub fn sends(&self) -> [bool; 3] {
            [&self.photo, &self.frame, &self.logo]
                .map(|s| matches!(s, Slot::Set(_) | Slot::Upright(..)))
        }

        /// Nothing changes.
        pub fn is_keep(&self) -> bool {
            [&self.photo, &self.frame, &self.logo]
                .iter()
                .all(|s| **s == Slot::Keep)
        }

        /// Apply to `images` (photo, frame and logo; the signature is left alone), rebuilding
        /// the new images from `buffers` with every size checked as an export's are.
        pub fn apply(
            &self,
            images: &mut OwnedImages,
            buffers: Vec<Vec<u8>>,
        ) -> Result<(), ProtocolError> {
            let slots = [&self.photo, &self.frame, &self.logo];
            let count = |s: &Slot| match s {
                Slot::Set(levels) => levels.len(),
                Slot::Upright(..) => 1,
                Slot::Keep | Slot::Clear => 0,
            };
            let expected: usize = slots.iter().map(|s| count(s)).sum();
            if buffers.len() != expected {
                return Err(ProtocolError::Attachments {
                    expected,
                    got: buffers.len(),
                });
            }
            // Every new image is rebuilt (and checked) before any slot changes: a bad one
            // leaves what was held.
            let mut buffers = buffers.into_iter();
            let mut new: [Option<Photo>; 3] = Default::default();
            for (slot, new) in slots.iter().zip(&mut new) {
                *new = match slot {
                    Slot::Set(levels) => Some(pyramid(levels, &mut buffers)?),
                    Slot::Upright(w, h) => Some(Photo::from_rgba(upright(
                        *w,
                        *h,
                        buffers.next().unwrap_or_default(),
                    )?)),
                    Slot::Keep | Slot::Clear => None,
                };
            }
            let [photo, frame, logo] = new;
            let put = |slot: &Slot, held: &mut Option<Photo>, new: Option<Photo>| match slot {
                Slot::Keep => {}
                Slot::Clear => *held = None,
                Slot::Set(_) | Slot::Upright(..) => *held = new,
            };
            put(&self.photo, &mut images.photo, photo);
            put(&self.frame, &mut images.frame, frame);
            put(&self.logo, &mut images.logo, logo);
            Ok(())
        }
    }

    /// A photo's pyramid from its levels' `sizes`, each level's pixels the next of `buffers`.
    fn pyramid(
        sizes: &[(u32, u32)],
        buffers: &mut impl Iterator<Item = Vec<u8>>,
    ) -> Result<Photo, ProtocolError> {
        let levels = sizes
            .iter()
            .map(|&(w, h)| (w, h, buffers.next().unwrap_or_default()))
            .collect();
        Photo::from_levels(levels).ok_or(ProtocolError::Image)
    }

    /// Exactly `w` × `h` RGBA pixels: `from_raw` alone accepts a longer buffer (and keeps its
    /// tail), and a zero side is no image.
    fn upright(w: u32, h: u32, data: Vec<u8>) -> Result<image::RgbaImage, ProtocolError> {
        if w == 0 || h == 0 || data.len() as u64 != u64::from(w) * u64::from(h) * 4 {
            return Err(ProtocolError::Image);
        }
        image::RgbaImage::from_raw(w, h, data).ok_or(ProtocolError::Image)
    }

    /// One export: which product, drawn from what, finished as what. The images (photo, own
    /// frame, logo, signature) travel beside it as attachments, described by `images`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct ExportJob {
        pub product: Product,
        pub output: Output,
        pub images: Attached,
        /// The fallback fonts the page had installed for its preview: the worker installs the
        /// same ones first, so the export draws every character the preview drew.
        #[serde(default)]
        pub fonts: Vec<Fallback>,
        /// The page had the shaper loaded for its preview (complex text): the worker loads it
        /// too before drawing.
        #[serde(default)]
        pub shaper: bool,
        /// Draw from the images the worker holds for previews ([`Request::Hold`]), not from
        /// attachments (`images` is then empty): the twibbon page exports from the worker that
        /// draws its previews, so a download sends no pixels at all.
        #[serde(default)]
        pub held: bool,
    }

    /// What is drawn. Brand kits travel without their logo file: the decoded logo is attached.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "product", rename_all = "snake_case")]
    pub enum Product {
        Twibbon {
            /// A built-in design's id, or [`Template::user_frame`]'s for the user's own PNG.
            frame: String,
            /// The design's size (the user's own frame is 1080×1080 only).
            #[serde(default = "square")]
            size: PosterSize,
            /// The design's texts and the kit that colours it (a campaign's or the user's).
            #[serde(default)]
            values: BTreeMap<String, String>,
            #[serde(default)]
            brand: BrandKit,
            transform: PhotoTransform,
        },
        Poster {
            poster: String,
            size: PosterSize,
            values: BTreeMap<String, String>,
            brand: BrandKit,
            transform: PhotoTransform,
        },
        Pledge {
            fields: PledgeFields,
            points: Vec<String>,
            brand: BrandKit,
            size: CardSize,
            lang: Lang,
            design: String,
        },
    }

    /// The pixel sizes of the attached images, in attachment order: the photo's pyramid levels
    /// (see [`Photo::levels`]), the own frame's, the logo's, then the signature (straight RGBA).
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Attached {
        pub photo: Vec<(u32, u32)>,
        pub frame: Vec<(u32, u32)>,
        pub logo: Vec<(u32, u32)>,
        pub signature: Option<(u32, u32)>,
    }

    /// The images an export draws from.
    #[derive(Clone, Copy, Debug, Default)]
    pub struct Images<'a> {
        pub photo: Option<&'a Photo>,
        pub frame: Option<&'a Photo>,
        pub logo: Option<&'a Photo>,
        pub signature: Option<&'a image::RgbaImage>,
    }

    impl<'a> Images<'a> {
        /// The sizes and the pixel buffers to attach, in order.
        pub fn attach(&self) -> (Attached, Vec<&'a [u8]>) {
            fn levels<'a>(
                photo: Option<&'a Photo>,
                buffers: &mut Vec<&'a [u8]>,
            ) -> Vec<(u32, u32)> {
                photo.map_or_else(Vec::new, |p| {
                    p.levels()
                        .map(|(w, h, data)| {
                            buffers.push(data);
                            (w, h)
                        })
                        .collect()
                })
            }
            let mut buffers = Vec::new();
            let photo = levels(self.photo, &mut buffers);
            let frame = levels(self.frame, &mut buffers);
            let logo = levels(self.logo, &mut buffers);
            let signature = self.signature.map(|s| {
                buffers.push(s.as_raw().as_slice());
                s.dimensions()
            });
            let attached = Attached {
                photo,
                frame,
                logo,
                signature,
            };
            (attached, buffers)
        }
    }

    /// The images rebuilt on the worker's side.
    #[derive(Default)]
    pub struct OwnedImages {
        pub photo: Option<Photo>,
        pub frame: Option<Photo>,
        pub logo: Option<Photo>,
        pub signature: Option<image::RgbaImage>,
    }

    impl OwnedImages {
        /// What a poster or a twibbon design draws: the job's texts, kit and placement, with
        /// these images (both export paths build it alike).
        fn poster_inputs<'a>(
            &'a self,
            values: &'a BTreeMap<String, String>,
            brand: &'a BrandKit,
            transform: PhotoTransform,
        ) -> PosterInputs<'a> {
            PosterInputs {
                values,
                brand,
                photo: self.photo.as_ref(),
                transform,
                logo: self.logo.as_ref(),
            }
        }
    }

    impl Attached {
        /// How many attachments the message must carry.
        pub fn count(&self) -> usize {
            self.photo.len()
                + self.frame.len()
                + self.logo.len()
                + usize::from(self.signature.is_some())
        }

        /// Rebuild the images from the attachments, checking every size.
        pub fn receive(&self, buffers: Vec<Vec<u8>>) -> Result<OwnedImages, ProtocolError> {
            if buffers.len() != self.count() {
                return Err(ProtocolError::Attachments {
                    expected: self.count(),
                    got: buffers.len(),
                });
            }
            let mut buffers = buffers.into_iter();
            let mut photo = |sizes: &[(u32, u32)]| -> Result<Option<Photo>, ProtocolError> {
                if sizes.is_empty() {
                    return Ok(None);
                }
                pyramid(sizes, &mut buffers).map(Some)
            };
            let (p, f, l) = (photo(&self.photo)?, photo(&self.frame)?, photo(&self.logo)?);
            let signature = match self.signature {
                Some((w, h)) => Some(upright(w, h, buffers.next().unwrap_or_default())?),
                None => None,
            };
            Ok(OwnedImages {
                photo: p,
                frame: f,
                logo: l,
                signature,
            })
        }
    }

    /// Why an export could not be made.
    #[derive(Debug, Error, PartialEq)]
    pub enum ExportError {
        #[error(transparent)]
        Finish(#[from] FinishError),
        #[error("there is no {0} {1:?}")]
        Unknown(&'static str, String),
        /// A job sent to a worker that does not make that product (a bug in the page).
        #[error("this worker does not make a {0}")]
        NotHere(&'static str),
    }

    impl ExportError {
        pub fn localized(&self) -> Localized {
            match self {
                ExportError::Finish(e) => localized(|l| e.message(l)),
                ExportError::Unknown(..) | ExportError::NotHere(_) => {
                    ProtocolError::Unknown(self.to_string()).localized()
                }
            }
        }
    }

    /// Run an export: the same finish functions as the CLI, with the attached images.
    pub fn run_export(job: &ExportJob, images: &OwnedImages) -> Result<Finished, ExportError> {
        match &job.product {
            Product::Twibbon { .. } => run_twibbon_export(job, images),
            Product::Poster {
                poster: id,
                size,
                values,
                brand,
                transform,
            } => {
                let template = poster::poster_by_id(id)
                    .ok_or_else(|| ExportError::Unknown("poster", id.clone()))?;
                let inputs = images.poster_inputs(values, brand, *transform);
                Ok(finish::finish_poster(template, *size, &inputs, job.output)?)
            }
            Product::Pledge {
                fields,
                points,
                brand,
                size,
                lang,
                design,
            } => {
                let inputs = CardInputs {
                    fields,
                    points,
                    brand,
                    logo: images.logo.as_ref(),
                    photo: images.photo.as_ref(),
                    signature: images.signature.as_ref(),
                    size: *size,
                    lang: *lang,
                    design,
                };
                Ok(finish::finish_pledge(&inputs, job.output)?)
            }
        }
    }

    /// [`run_export`] for twibbons only (the twibbon page's worker runs [`run_twibbon_draw`],
    /// the same without the encoding, so that worker — precached on a first visit — carries no
    /// poster templates, pledge card, QR code, PDF writer or encoder). Any other product is
    /// refused.
    pub fn run_twibbon_export(
        job: &ExportJob,
        images: &OwnedImages,
    ) -> Result<Finished, ExportError> {
        Ok(run_twibbon_draw(job, images)?.encoded(job.output)?)
    }

    /// [`run_twibbon_export`] without the encoding: the twibbon page's worker encodes with the
    /// browser's own encoder (`OffscreenCanvas.convertToBlob`), as its photos are decoded by the
    /// browser's decoder. The pixels are the same; the CLI keeps its own encoders.
    pub fn run_twibbon_draw(
        job: &ExportJob,
        images: &OwnedImages,
    ) -> Result<finish::DrawnTwibbon, ExportError> {
        let twibbon = Twibbon::resolve(&job.product, images)?;
        let inputs = twibbon.inputs(images);
        Ok(finish::draw_twibbon(
            twibbon.template(),
            &inputs,
            job.output,
        )?)
    }

    /// A twibbon's preview `width` pixels wide: the same template and inputs as
    /// [`run_twibbon_export`], so the preview is the export at another size. `renderer` keeps
    /// the frame's layers between draws of the live preview. With what could not be drawn
    /// (the fallback fonts the texts need, for the web app to fetch).
    pub fn twibbon_preview(
        product: &Product,
        images: &OwnedImages,
        width: u32,
        renderer: &mut Renderer,
    ) -> Result<(image::RgbaImage, crate::render::Report), ExportError> {
        let twibbon = Twibbon::resolve(product, images)?;
        renderer
            .render_report(twibbon.template(), &twibbon.inputs(images), width)
            .map_err(|e| ExportError::Finish(FinishError::Render(e)))
    }

    /// A twibbon product made concrete, with the photo's placement.
    enum Twibbon {
        /// The user's own frame PNG over the photo: no texts, no logo.
        Own(Template, PhotoTransform),
        /// A design at its size with its texts and kit; no frame PNG.
        Design(poster::Resolved, PhotoTransform),
    }

    impl Twibbon {
        fn resolve(product: &Product, images: &OwnedImages) -> Result<Twibbon, ExportError> {
            match product {
                Product::Twibbon {
                    frame,
                    size,
                    values,
                    brand,
                    transform,
                } => {
                    let own = Template::user_frame();
                    if *frame == own.id {
                        return Ok(Twibbon::Own(own, *transform));
                    }
                    let design = twibbon::design_by_id(frame)
                        .ok_or_else(|| ExportError::Unknown("frame", frame.clone()))?;
                    let inputs = images.poster_inputs(values, brand, *transform);
                    let resolved = twibbon::resolve(design, *size, &inputs);
                    Ok(Twibbon::Design(resolved, *transform))
                }
                Product::Poster { .. } => Err(ExportError::NotHere("poster")),
                Product::Pledge { .. } => Err(ExportError::NotHere("pledge card")),
            }
        }

        fn template(&self) -> &Template {
            match self {
                Twibbon::Own(template, _) => template,
                Twibbon::Design(resolved, _) => &resolved.template,
            }
        }

        fn inputs<'a>(&'a self, images: &'a OwnedImages) -> Inputs<'a> {
            match self {
                Twibbon::Own(_, transform) => Inputs {
                    photo: images.photo.as_ref(),
                    transform: *transform,
                    frame: images.frame.as_ref(),
                    ..Inputs::default()
                },
                Twibbon::Design(resolved, transform) => {
                    resolved.inputs(images.photo.as_ref(), *transform, images.logo.as_ref())
                }
            }
        }
    }
}

fn square() -> PosterSize {
    PosterSize::Square
}
