//! The page side of the batch worker: one job at a time; a new job or `cancel` ends the current
//! one by terminating the worker; a crash (panic, out of memory) ends the job with
//! [`BatchEvent::Crashed`] and the next job starts a fresh worker.
//!
//! The ZIP's and PDF's chunks become `Blob`s as they arrive, so the page's JS heap holds no
//! copy (browsers keep large blobs out of the page's memory, on disk if need be) and its wasm
//! memory never sees them; at the end each file is one `Blob` made of its parts.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, File};
use yew::Callback;

use crate::i18n::Localized;
use crate::protocol;
use crate::protocol::batch::{BatchFile, Done, Parsed, Reply, Request, Settings};
use crate::ui::browser;
use crate::ui::worker::spawned::{read_head, Channel};

/// What the worker reports, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum BatchEvent {
    Parsed(Parsed),
    Progress {
        made: usize,
        total: usize,
    },
    /// The two files, complete, and how long the job took (milliseconds).
    Done {
        done: Done,
        zip: Blob,
        pdf: Blob,
        millis: f64,
    },
    /// A typed error from the core (bad file, no name column, …), in both languages.
    Failed(Localized),
    /// The worker died (out of memory?) or could not start.
    Crashed,
    /// The worker never started: its files could not be loaded (offline before the batch tools
    /// were ever used; they are not precached, being for desk work).
    Unavailable,
}

struct Inner {
    on_event: Callback<BatchEvent>,
    channel: Channel,
    /// The job's message, until the worker is ready for it.
    pending: Option<Array>,
    busy: bool,
    started: f64,
    zip_parts: Array,
    pdf_parts: Array,
}

/// Cheap to clone; all clones share one worker.
#[derive(Clone)]
pub struct BatchWorker {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for BatchWorker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl BatchWorker {
    pub fn new(on_event: Callback<BatchEvent>) -> BatchWorker {
        BatchWorker {
            inner: Rc::new(RefCell::new(Inner {
                on_event,
                channel: Channel::default(),
                pending: None,
                busy: false,
                started: 0.0,
                zip_parts: Array::new(),
                pdf_parts: Array::new(),
            })),
        }
    }

    /// Read the spreadsheet and check every row: answers with `Parsed` or `Failed`.
    pub fn parse(&self, file: &File, settings: &Settings) {
        self.start(
            Request::Parse {
                settings: settings.clone(),
            },
            file,
        );
    }

    /// Make every card: `Progress` after each, then `Done` (or `Failed` / `Crashed`).
    pub fn run(&self, file: &File, settings: &Settings) {
        self.start(
            Request::Run {
                settings: settings.clone(),
            },
            file,
        );
    }

    /// End the current job at once; no event follows.
    pub fn cancel(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.pending = None;
        Self::stop(&mut inner);
    }

    fn start(&self, request: Request, file: &File) {
        let mut inner = self.inner.borrow_mut();
        if inner.busy {
            // A worker cannot be interrupted mid-job: end it and start afresh.
            Self::stop(&mut inner);
        }
        inner.zip_parts = Array::new();
        inner.pdf_parts = Array::new();
        inner.started = browser::now();
        inner.pending = Some(Array::of2(&protocol::write(&request).into(), file));
        inner.busy = true;
        if !self.spawn(&mut inner) {
            let on_event = inner.on_event.clone();
            inner.busy = false;
            inner.pending = None;
            drop(inner);
            on_event.emit(BatchEvent::Crashed);
            return;
        }
        Self::send(&mut inner);
    }

    fn stop(inner: &mut Inner) {
        inner.channel.stop();
        inner.busy = false;
        inner.zip_parts = Array::new();
        inner.pdf_parts = Array::new();
    }

    fn spawn(&self, inner: &mut Inner) -> bool {
        inner
            .channel
            .start(super::SCRIPT, &self.inner, Self::on_message, Self::on_crash)
    }

    /// Post the pending job once the worker has said it is ready.
    fn send(inner: &mut Inner) {
        if !inner.channel.is_ready() {
            return;
        }
        let Some(message) = inner.pending.take() else {
            return;
        };
        if !inner.channel.post(&message, &Array::new()) {
            inner.pending = Some(message);
        }
    }

    fn on_message(inner: &Rc<RefCell<Inner>>, data: JsValue) {
        let message: Array = data.unchecked_into();
        let event = {
            let mut i = inner.borrow_mut();
            match read_head::<Reply>(&message) {
                Ok(Reply::Ready) => {
                    i.channel.set_ready();
                    Self::send(&mut i);
                    None
                }
                Ok(Reply::Chunk { file }) => {
                    // One blob per chunk: the ArrayBuffer can then be collected.
                    let chunk = Array::of1(&message.get(1));
                    if let Ok(part) = Blob::new_with_buffer_source_sequence(&chunk) {
                        match file {
                            BatchFile::Zip => i.zip_parts.push(&part),
                            BatchFile::Pdf => i.pdf_parts.push(&part),
                        };
                    }
                    None
                }
                Ok(Reply::Progress { made, total }) => Some(BatchEvent::Progress { made, total }),
                Ok(Reply::Parsed { parsed }) => {
                    i.busy = false;
                    Some(BatchEvent::Parsed(parsed))
                }
                Ok(Reply::Done { done }) => {
                    let millis = browser::now() - i.started;
                    let files = (
                        join(&i.zip_parts, "application/zip"),
                        join(&i.pdf_parts, "application/pdf"),
                    );
                    // A finished batch leaves the worker at its peak memory: let it go.
                    Self::stop(&mut i);
                    Some(match files {
                        (Some(zip), Some(pdf)) => BatchEvent::Done {
                            done,
                            zip,
                            pdf,
                            millis,
                        },
                        _ => BatchEvent::Crashed,
                    })
                }
                Ok(Reply::Failed { message }) => {
                    i.busy = false;
                    Some(BatchEvent::Failed(message))
                }
                // Not a message we know: say so rather than guess what it meant.
                Err(e) => {
                    i.busy = false;
                    Some(BatchEvent::Failed(e.localized()))
                }
            }
        };
        if let Some(event) = event {
            let on_event = inner.borrow().on_event.clone();
            on_event.emit(event);
        }
    }

    fn on_crash(inner: &Rc<RefCell<Inner>>) {
        let (event, on_event) = {
            let mut i = inner.borrow_mut();
            let event = match (i.busy, i.channel.is_ready()) {
                (false, _) => None,
                (true, true) => Some(BatchEvent::Crashed),
                (true, false) => Some(BatchEvent::Unavailable),
            };
            Self::stop(&mut i);
            i.pending = None;
            (event, i.on_event.clone())
        };
        if let Some(event) = event {
            on_event.emit(event);
        }
    }
}

/// One blob of a file's parts, in order.
fn join(parts: &Array, mime: &str) -> Option<Blob> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_blob_sequence_and_options(parts, &options).ok()
}
