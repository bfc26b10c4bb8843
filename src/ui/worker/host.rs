//! The page side of the decode worker: one job at a time; a new job or `cancel` ends the
//! current one by terminating the worker; a crash (panic, out of memory) or a failed start
//! ends the job with an error and the next job starts a fresh worker.
//!
//! A photo goes to the light photo worker first ([`super::PHOTO_SCRIPT`]: JPEGs, with the
//! browser's decoder where it can); if it answers that the file is not for it
//! ([`Reply::Elsewhere`], with the bytes handed back) the job moves on to the full decode
//! worker, started then. Logos and signatures go to the full one straight away.

use std::cell::RefCell;
use std::rc::Rc;

use image::RgbaImage;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::intake::IntakeError;
use crate::protocol::decode::{Decoder, Failure, Kind, Reply, Request};
use crate::protocol::{self, ProtocolError};
use crate::ui::state::Upright;
use crate::ui::worker::spawned::{read_head, Channel};

/// Why a job ended without a photo.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// The file itself is bad: a typed intake error to show the user.
    Intake(IntakeError),
    /// The worker crashed or could not start (e.g. out of memory on a huge photo).
    Crashed,
    /// A logo the worker could not draw: the decoder's or SVG parser's detail.
    Logo(String),
    /// The file was refused before reading (over its kind's limit) or could not be read.
    File(crate::bounded_read::ReadError),
    /// The page and the worker did not understand each other (a bug or a stale worker).
    Protocol(ProtocolError),
}

type Done = Box<dyn FnOnce(Result<Upright, DecodeError>)>;

struct Job {
    id: u32,
    kind: Kind,
    /// The file's bytes, in a JS buffer (moved to the worker, never copied by the page).
    bytes: Option<Uint8Array>,
    done: Done,
    /// The worker the job is with.
    with: Which,
}

/// Which of the two workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    /// The photo worker ([`super::PHOTO_SCRIPT`]).
    Photo,
    /// The full decode worker ([`super::SCRIPT`]), or the SVG one.
    Full,
}

#[derive(Default)]
struct Inner {
    /// The worker's loader script: [`super::SCRIPT`] unless set (the SVG logo worker).
    script: Option<&'static str>,
    channel: Channel,
    /// The photo worker, which photos try first.
    photo: Channel,
    job: Option<Job>,
    next_id: u32,
}

impl Inner {
    fn channel(&mut self, which: Which) -> &mut Channel {
        match which {
            Which::Photo => &mut self.photo,
            Which::Full => &mut self.channel,
        }
    }

    /// The worker a job of `kind` starts with.
    fn first_for(&self, kind: Kind) -> Which {
        if kind == Kind::Photo && self.script.is_none() {
            Which::Photo
        } else {
            Which::Full
        }
    }
}

/// Cheap to clone; all clones share one worker.
#[derive(Clone, Default)]
pub struct DecodeWorker {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for DecodeWorker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl DecodeWorker {
    /// A worker for SVG logos only ([`super::SVG_SCRIPT`]).
    pub fn svg() -> DecodeWorker {
        let worker = DecodeWorker::default();
        worker.inner.borrow_mut().script = Some(super::SVG_SCRIPT);
        worker
    }

    /// Start the worker that a file of `kind` goes to first now, so its wasm is compiled by
    /// the time the user picks one.
    pub fn warm_up(&self, kind: Kind) {
        let mut inner = self.inner.borrow_mut();
        let which = inner.first_for(kind);
        Self::start(&self.inner, &mut inner, which);
    }

    /// Decode photo `bytes` off the main thread; `done` is called once, unless the job is
    /// cancelled.
    pub fn decode(
        &self,
        bytes: Vec<u8>,
        done: impl FnOnce(Result<RgbaImage, DecodeError>) + 'static,
    ) {
        self.decode_as(Kind::Photo, bytes, done);
    }

    /// [`DecodeWorker::decode_as`] with the pixels left where the worker put them, outside the
    /// page's wasm memory (see [`Upright`]).
    pub fn decode_upright(
        &self,
        kind: Kind,
        bytes: Uint8Array,
        done: impl FnOnce(Result<Upright, DecodeError>) + 'static,
    ) {
        self.start_job(kind, bytes, Box::new(done));
    }

    /// Decode `bytes` of the given kind off the main thread (see [`Kind`]).
    pub fn decode_as(
        &self,
        kind: Kind,
        bytes: Vec<u8>,
        done: impl FnOnce(Result<RgbaImage, DecodeError>) + 'static,
    ) {
        let bytes = Uint8Array::from(bytes.as_slice());
        self.start_job(kind, bytes, Box::new(move |r| done(r.map(|u| u.to_rgba()))));
    }

    /// [`DecodeWorker::decode_upright`] with the full decode worker straight away: for a photo
    /// the twibbon's worker handed back as not a JPEG.
    pub fn decode_upright_full(
        &self,
        bytes: Uint8Array,
        done: impl FnOnce(Result<Upright, DecodeError>) + 'static,
    ) {
        self.start_job_with(Kind::Photo, bytes, Box::new(done), Which::Full);
    }

    fn start_job(&self, kind: Kind, bytes: Uint8Array, done: Done) {
        let with = self.inner.borrow().first_for(kind);
        self.start_job_with(kind, bytes, done, with);
    }

    fn start_job_with(&self, kind: Kind, bytes: Uint8Array, done: Done, with: Which) {
        let mut inner = self.inner.borrow_mut();
        if let Some(job) = &inner.job {
            // A worker cannot be interrupted mid-decode: end it and start afresh.
            let busy = job.with;
            inner.channel(busy).stop();
        }
        inner.next_id = inner.next_id.wrapping_add(1);
        let id = inner.next_id;
        inner.job = Some(Job {
            id,
            kind,
            bytes: Some(bytes),
            done,
            with,
        });
        if !Self::start(&self.inner, &mut inner, with) {
            // Workers are in every browser we target; not decoding on the main thread keeps
            // the decoders out of the page's own wasm.
            let job = inner.job.take().expect("just set");
            drop(inner);
            (job.done)(Err(DecodeError::Crashed));
            return;
        }
        Self::send(&mut inner);
    }

    /// Drop the current job, if any (its callback is never called), stopping the worker it
    /// was with; an idle worker keeps running (warm for the next file).
    pub fn cancel_job(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Some(job) = inner.job.take() {
            inner.channel(job.with).stop();
        }
    }

    /// Drop the current job (its callback is never called) and stop the worker.
    pub fn cancel(&self) {
        let mut inner = self.inner.borrow_mut();
        match inner.job.take() {
            Some(job) => inner.channel(job.with).stop(),
            None => {
                inner.channel.stop();
                inner.photo.stop();
            }
        }
    }

    fn start(owner: &Rc<RefCell<Inner>>, inner: &mut Inner, which: Which) -> bool {
        match which {
            Which::Photo => inner.photo.start(
                super::PHOTO_SCRIPT,
                owner,
                Self::on_photo,
                Self::on_photo_crash,
            ),
            Which::Full => {
                let script = inner.script.unwrap_or(super::SCRIPT);
                inner
                    .channel
                    .start(script, owner, Self::on_full, Self::on_full_crash)
            }
        }
    }

    /// Post the pending job's bytes once the worker has said it is ready.
    fn send(inner: &mut Inner) {
        let Some(job) = &mut inner.job else { return };
        let channel = match job.with {
            Which::Photo => &inner.photo,
            Which::Full => &inner.channel,
        };
        if !channel.is_ready() {
            return;
        }
        let Some(bytes) = job.bytes.take() else {
            return;
        };
        // A view of a whole buffer (as read, or as made for it): moved, not copied.
        let buffer = bytes.buffer();
        let request = Request::Decode {
            id: job.id,
            kind: job.kind,
        };
        let message = Array::of2(&protocol::write(&request).into(), &buffer);
        if !channel.post(&message, &Array::of1(&buffer)) {
            job.bytes = Some(bytes);
        }
    }

    fn on_photo(inner: &Rc<RefCell<Inner>>, data: JsValue) {
        Self::on_message(inner, data, Which::Photo);
    }

    fn on_full(inner: &Rc<RefCell<Inner>>, data: JsValue) {
        Self::on_message(inner, data, Which::Full);
    }

    fn on_photo_crash(inner: &Rc<RefCell<Inner>>) {
        Self::on_crash(inner, Which::Photo);
    }

    fn on_full_crash(inner: &Rc<RefCell<Inner>>) {
        Self::on_crash(inner, Which::Full);
    }

    fn on_message(inner: &Rc<RefCell<Inner>>, data: JsValue, from: Which) {
        let message: Array = data.unchecked_into();
        let (id, result) = match read_head::<Reply>(&message) {
            Ok(Reply::Ready) => {
                let mut i = inner.borrow_mut();
                i.channel(from).set_ready();
                Self::send(&mut i);
                return;
            }
            Ok(Reply::Elsewhere { id }) => {
                // Not a JPEG: the same bytes, handed back, go to the full decode worker.
                let started = {
                    let mut i = inner.borrow_mut();
                    let i = &mut *i;
                    match &mut i.job {
                        Some(job) if job.id == id && job.with == Which::Photo => {
                            job.bytes = Some(Uint8Array::new(&message.get(1)));
                            job.with = Which::Full;
                        }
                        _ => return, // an answer to a cancelled job
                    }
                    let started = Self::start(inner, i, Which::Full);
                    if started {
                        Self::send(i);
                    }
                    started
                };
                if !started {
                    Self::on_crash(inner, Which::Full);
                }
                return;
            }
            Ok(Reply::Decoded {
                id,
                width,
                height,
                memory,
                decoder,
            }) => {
                mark_decoded(decoder, memory);
                // Left in the buffer the worker transferred: see `Upright`.
                let image = Upright::new(width, height, Uint8Array::new(&message.get(1)))
                    .ok_or(DecodeError::Protocol(ProtocolError::Image));
                (Some(id), image)
            }
            Ok(Reply::Failed { id, error }) => (
                id,
                Err(match error {
                    Failure::Intake(e) => DecodeError::Intake(e),
                    Failure::Logo(detail) => DecodeError::Logo(detail),
                    Failure::Protocol(e) => DecodeError::Protocol(e),
                }),
            ),
            // The worker said something we do not understand: end the job in flight with it.
            Err(e) => (None, Err(DecodeError::Protocol(e))),
        };
        let job = {
            let mut i = inner.borrow_mut();
            match (&i.job, id) {
                (Some(job), Some(id)) if job.id == id && job.with == from => i.job.take(),
                (Some(job), None) if job.with == from => i.job.take(),
                _ => None, // an answer to a cancelled job
            }
        };
        if let Some(job) = job {
            (job.done)(result);
        }
    }

    fn on_crash(inner: &Rc<RefCell<Inner>>, which: Which) {
        let job = {
            let mut i = inner.borrow_mut();
            i.channel(which).stop();
            match &i.job {
                Some(job) if job.with == which => i.job.take(),
                _ => None, // the other worker crashed while idle: the next job restarts it
            }
        };
        if let Some(job) = job {
            (job.done)(Err(DecodeError::Crashed));
        }
    }
}

/// Record whose decoder made a photo's pixels, and the decoding worker's memory after it, for
/// the tests and the benchmark.
pub fn mark_decoded(decoder: Decoder, memory: f64) {
    crate::ui::browser::mark_value("decode-worker-memory", memory);
    let by = match decoder {
        Decoder::Browser => "decoded-by-browser",
        Decoder::Wasm => "decoded-by-wasm",
    };
    crate::ui::browser::mark_value(by, memory);
}
