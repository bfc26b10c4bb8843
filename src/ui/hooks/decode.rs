//! "Decode a file": the one path from a picked (or dropped) file to pixels. The file is read
//! and handed to a decode worker of the component's own, so every decoder stays out of the
//! page's wasm and the page never freezes; a new file, or `cancel`, ends the job before it.
//! Used for the twibbon's photo and own frame, the poster's photo and the pledge card's photo
//! and signature photo (the brand kit's logos go through `ui::logo`, which picks the PNG/JPEG
//! or the SVG worker).

use std::rc::Rc;

use image::RgbaImage;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::bounded_read::FileKind;
use crate::intake::IntakeError;
use crate::photo::Photo;
use crate::ui::browser;
use crate::ui::state::{UiError, Upright, UprightRef};
use crate::ui::worker::host::{DecodeError, DecodeWorker};
use crate::ui::worker::Kind;

/// A decode worker for one kind of file. Cheap to clone; clones share the worker.
#[derive(Clone, PartialEq)]
pub struct FileDecoder {
    worker: DecodeWorker,
    kind: Kind,
    /// Counts the jobs begun and cancelled: a file still being read when a newer one is picked,
    /// or when the job is cancelled, is dropped once read (the worker never sees it).
    jobs: Rc<std::cell::Cell<u64>>,
}

impl FileDecoder {
    /// Read `file` and decode it off the main thread. `done` is called once, unless the job is
    /// cancelled or replaced by a newer one.
    pub fn decode(
        &self,
        file: web_sys::File,
        done: impl FnOnce(Result<RgbaImage, DecodeError>) + 'static,
    ) {
        self.read_and_decode(file, move |result| done(result.map(|u| u.to_rgba())));
    }

    /// Read `file` into a JS buffer and move it to the worker; `done` gets the pixels where the
    /// worker put them.
    fn read_and_decode(
        &self,
        file: web_sys::File,
        done: impl FnOnce(Result<Upright, DecodeError>) + 'static,
    ) {
        let (worker, kind) = (self.worker.clone(), self.kind);
        self.read_then(file, move |read| match read {
            Ok(bytes) => worker.decode_upright(kind, bytes, done),
            // A read error is a read error: never decode empty bytes ("the file is empty").
            Err(e) => done(Err(DecodeError::File(e))),
        });
    }

    /// Begin a job: read `file` (bounded by its kind's limit) into a JS buffer, then hand it to
    /// `then`, unless the job was cancelled or replaced by a newer one while it was being read.
    fn read_then(
        &self,
        file: web_sys::File,
        then: impl FnOnce(Result<js_sys::Uint8Array, crate::bounded_read::ReadError>) + 'static,
    ) {
        let jobs = self.jobs.clone();
        let this_job = jobs.get() + 1;
        jobs.set(this_job);
        let file_kind = match self.kind {
            Kind::Photo => FileKind::Photo,
            Kind::Logo => FileKind::Logo,
            Kind::Signature => FileKind::Signature,
        };
        spawn_local(async move {
            let read = browser::read_file_js(file, file_kind).await;
            if jobs.get() == this_job {
                then(read);
            }
        });
    }

    /// [`FileDecoder::decode`] into a [`Photo`], with a file the core refuses reported as
    /// `as_error` (a photo's error, a frame's error…) and a crashed worker as such.
    pub fn decode_photo(
        &self,
        file: web_sys::File,
        as_error: fn(IntakeError) -> UiError,
        done: impl FnOnce(Result<Rc<Photo>, UiError>) + 'static,
    ) {
        self.decode(file, move |result| {
            done(
                result
                    .map(|image| Rc::new(Photo::from_rgba(image)))
                    .map_err(|e| decode_error(e, as_error)),
            )
        });
    }

    /// The twibbon's photo: read `file` and have the twibbon's preview worker decode it and
    /// hold it (decode, turn and draw in one worker: the pixels never come to the page). A
    /// photo that is not a JPEG comes back from there and goes to this decoder's full worker,
    /// whose pixels the preview worker is then sent.
    pub fn decode_twibbon_photo(
        &self,
        file: web_sys::File,
        as_error: fn(IntakeError) -> UiError,
        done: impl FnOnce(Result<UprightRef, UiError>) + 'static,
    ) {
        use crate::ui::export_worker::previews::{self, PhotoDecoded};
        let worker = self.worker.clone();
        // A photo the full worker is still decoding is replaced too (an idle one stays warm).
        worker.cancel_job();
        let (jobs, this_job) = (self.jobs.clone(), self.jobs.get() + 1);
        let early = crate::ui::boot::take_early_photo(&file);
        self.read_then(file, move |read| {
            let bytes = match read {
                Ok(bytes) => bytes,
                Err(e) => return done(Err(UiError::File(e))),
            };
            let upright = move |r: Result<Upright, DecodeError>| {
                r.map(|u| UprightRef(Rc::new(u)))
                    .map_err(|e| decode_error(e, as_error))
            };
            let decode = if early {
                previews::decode_early_photo
            } else {
                previews::decode_photo
            };
            decode(
                bytes,
                Box::new(move |result| match result {
                    Ok(PhotoDecoded::Held(photo)) => done(Ok(photo)),
                    Ok(PhotoDecoded::Elsewhere(bytes)) if jobs.get() == this_job => {
                        worker.decode_upright_full(bytes, move |r| done(upright(r)))
                    }
                    Ok(PhotoDecoded::Elsewhere(_)) => {} // cancelled meanwhile
                    Err(e) => done(Err(decode_error(e, as_error))),
                }),
            );
        });
    }

    /// [`FileDecoder::decode_photo`] for bytes already in memory (a campaign file's frame).
    pub fn decode_bytes(
        &self,
        bytes: Vec<u8>,
        as_error: fn(IntakeError) -> UiError,
        done: impl FnOnce(Result<Rc<Photo>, UiError>) + 'static,
    ) {
        // A newer job than any file still being read.
        self.jobs.set(self.jobs.get() + 1);
        self.worker.decode_as(self.kind, bytes, move |result| {
            done(
                result
                    .map(|image| Rc::new(Photo::from_rgba(image)))
                    .map_err(|e| decode_error(e, as_error)),
            )
        });
    }

    /// Drop the job in flight (its callback is never called) and stop the worker.
    pub fn cancel(&self) {
        self.jobs.set(self.jobs.get() + 1);
        self.worker.cancel();
    }
}

/// The error to show for a failed decode.
pub fn decode_error(error: DecodeError, as_error: fn(IntakeError) -> UiError) -> UiError {
    match error {
        DecodeError::Intake(e) => as_error(e),
        DecodeError::File(e) => UiError::File(e),
        DecodeError::Crashed | DecodeError::Logo(_) => UiError::DecodeCrashed,
        DecodeError::Protocol(e) => UiError::Message(e.localized()),
    }
}

/// A decoder of the component's own for files of `kind`. With `warm_up` the worker starts at
/// the user's first tap, click, key or drag on the page, so its wasm is compiled by the time
/// they have picked a file in the dialog that tap opens (the twibbon page's photo, the first
/// thing a visitor does). Not at load: a first visit on a weak connection then does not
/// download the worker (113 KiB gzip) before anyone wants it; the service worker precaches it.
#[hook]
pub fn use_decode_file(kind: Kind, warm_up: bool) -> FileDecoder {
    let decoder = use_memo((), move |_| {
        let worker = DecodeWorker::default();
        if warm_up {
            warm_up_at_first_gesture(&worker, kind);
        }
        FileDecoder {
            worker,
            kind,
            jobs: Rc::default(),
        }
    });
    (*decoder).clone()
}

/// Start `worker` for `kind` at the first pointer press, key press or drag over the page.
fn warm_up_at_first_gesture(worker: &DecodeWorker, kind: Kind) {
    let worker = worker.clone();
    crate::ui::browser::at_first_gesture(move || worker.warm_up(kind));
}
