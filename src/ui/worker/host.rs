//! The page side of the decode worker: one job at a time; a new job or `cancel` ends the
//! current one by terminating the worker; a crash (panic, out of memory) or a failed start
//! ends the job with an error and the next job starts a fresh worker.

use std::cell::RefCell;
use std::rc::Rc;

use image::RgbaImage;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::intake::IntakeError;
use crate::photo::Photo;
use crate::ui::state::UiError;
use crate::ui::worker::spawned::{Retired, Spawned};
use crate::ui::worker::Kind;

/// Why a job ended without a photo.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// The file itself is bad: a typed intake error to show the user.
    Intake(IntakeError),
    /// The worker crashed or could not start (e.g. out of memory on a huge photo).
    Crashed,
    /// A logo the worker could not draw: the decoder's or SVG parser's detail.
    Logo(String),
}

type Done = Box<dyn FnOnce(Result<RgbaImage, DecodeError>)>;

struct Job {
    id: u32,
    kind: Kind,
    bytes: Option<Vec<u8>>,
    done: Done,
}

#[derive(Default)]
struct Inner {
    /// The worker's loader script: [`super::SCRIPT`] unless set (the SVG logo worker).
    script: Option<&'static str>,
    worker: Option<Spawned>,
    ready: bool,
    job: Option<Job>,
    next_id: u32,
    // Callbacks of a stopped worker. Dropped only at the next spawn: `stop` may run inside one
    // of them (on a crash), and dropping a closure while it runs is undefined in wasm-bindgen.
    retired: Vec<Retired>,
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

    /// Start the worker now, so its wasm is compiled by the time the user picks a photo.
    pub fn warm_up(&self) {
        let mut inner = self.inner.borrow_mut();
        if inner.worker.is_none() {
            self.spawn(&mut inner);
        }
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

    /// Decode `bytes` of the given kind off the main thread (see [`Kind`]).
    pub fn decode_as(
        &self,
        kind: Kind,
        bytes: Vec<u8>,
        done: impl FnOnce(Result<RgbaImage, DecodeError>) + 'static,
    ) {
        let mut inner = self.inner.borrow_mut();
        if inner.job.is_some() {
            // A worker cannot be interrupted mid-decode: end it and start afresh.
            Self::stop(&mut inner);
        }
        inner.next_id = inner.next_id.wrapping_add(1);
        let id = inner.next_id;
        inner.job = Some(Job {
            id,
            kind,
            bytes: Some(bytes),
            done: Box::new(done),
        });
        if inner.worker.is_none() {
            self.spawn(&mut inner);
        }
        if inner.worker.is_none() {
            // Workers are in every browser we target; not decoding on the main thread keeps
            // the decoders out of the page's own wasm.
            let job = inner.job.take().expect("just set");
            drop(inner);
            (job.done)(Err(DecodeError::Crashed));
            return;
        }
        Self::send(&mut inner);
    }

    /// Read a picked photo and decode it off the main thread: `done` gets the photo, or the
    /// error to show. Not called if the job is cancelled.
    pub fn decode_photo(
        &self,
        file: web_sys::File,
        done: impl FnOnce(Result<Photo, UiError>) + 'static,
    ) {
        let worker = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let bytes = crate::ui::browser::read_file(file)
                .await
                .unwrap_or_default();
            worker.decode(bytes, move |result| {
                done(match result {
                    Ok(image) => Ok(Photo::from_rgba(image)),
                    Err(DecodeError::Intake(e)) => Err(UiError::Photo(e)),
                    Err(DecodeError::Crashed | DecodeError::Logo(_)) => Err(UiError::DecodeCrashed),
                })
            });
        });
    }

    /// Drop the current job (its callback is never called) and stop the worker.
    pub fn cancel(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.job = None;
        Self::stop(&mut inner);
    }

    fn stop(inner: &mut Inner) {
        if let Some(worker) = inner.worker.take() {
            inner.retired.push(worker.terminate());
        }
        inner.ready = false;
    }

    fn spawn(&self, inner: &mut Inner) {
        inner.retired.clear();
        let script = inner.script.unwrap_or(super::SCRIPT);
        inner.worker = Spawned::start(script, &self.inner, Self::on_message, Self::on_crash);
        inner.ready = false;
    }

    /// Post the pending job's bytes once the worker has said it is ready.
    fn send(inner: &mut Inner) {
        if !inner.ready {
            return;
        }
        let (Some(Spawned { worker, .. }), Some(job)) = (&inner.worker, &mut inner.job) else {
            return;
        };
        let Some(bytes) = job.bytes.take() else {
            return;
        };
        let buffer = Uint8Array::from(bytes.as_slice()).buffer();
        let message = Array::of3(&job.id.into(), &buffer, &job.kind.as_str().into());
        if worker
            .post_message_with_transfer(&message, &Array::of1(&buffer))
            .is_err()
        {
            job.bytes = Some(bytes);
        }
    }

    fn on_message(inner: &Rc<RefCell<Inner>>, data: JsValue) {
        let message: Array = data.unchecked_into();
        let head = message.get(0);
        if head.as_string().as_deref() == Some("ready") {
            let mut i = inner.borrow_mut();
            i.ready = true;
            Self::send(&mut i);
            return;
        }
        let id = head.as_f64().unwrap_or(-1.0) as u32;
        let job = {
            let mut i = inner.borrow_mut();
            match &i.job {
                Some(job) if job.id == id => i.job.take(),
                _ => None, // an answer to a cancelled job
            }
        };
        let Some(job) = job else { return };
        if let Some(memory) = message.get(4).as_f64() {
            crate::ui::browser::mark_value("decode-worker-memory", memory);
        }
        let result = if message.get(2).as_string().as_deref() == Some("logo") {
            Err(DecodeError::Logo(
                message.get(1).as_string().unwrap_or_default(),
            ))
        } else if message.length() >= 4 {
            let (w, h) = (
                message.get(1).as_f64().unwrap_or(0.0) as u32,
                message.get(2).as_f64().unwrap_or(0.0) as u32,
            );
            let pixels = Uint8Array::new(&message.get(3)).to_vec();
            RgbaImage::from_raw(w, h, pixels).ok_or(DecodeError::Crashed)
        } else {
            let json = message.get(1).as_string().unwrap_or_default();
            Err(serde_json::from_str(&json)
                .map(DecodeError::Intake)
                .unwrap_or(DecodeError::Crashed))
        };
        (job.done)(result);
    }

    fn on_crash(inner: &Rc<RefCell<Inner>>) {
        let job = {
            let mut i = inner.borrow_mut();
            Self::stop(&mut i);
            i.job.take()
        };
        if let Some(job) = job {
            (job.done)(Err(DecodeError::Crashed));
        }
    }
}
