//! The page side of the export worker: one worker for the whole app, started on first use (or
//! warmed up once a photo is chosen); jobs run one after another in the order asked. A crash
//! (panic, out of memory on a huge A4) ends the job in flight with an error, and the next job
//! starts a fresh worker.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::finish::{Output, Report};
use crate::i18n::Localized;
use crate::protocol;
use crate::protocol::export::{ExportJob, Images, Product, Reply, Request};
use crate::text::{self, Fallback};
use crate::ui::share::Finished;
use crate::ui::worker::spawned::{read_head, Channel};

/// Why an export gave no file.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportFailure {
    /// The core refused or failed (a message in both languages).
    Message(Localized),
    /// The worker crashed or could not start.
    Crashed,
}

impl From<ExportFailure> for crate::ui::state::UiError {
    fn from(failure: ExportFailure) -> Self {
        match failure {
            ExportFailure::Message(m) => Self::Message(m),
            ExportFailure::Crashed => Self::ExportCrashed,
        }
    }
}

/// A finished export: the file and what it could not show as given.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    pub file: Finished,
    pub report: Report,
}

type Done = Box<dyn FnOnce(Result<Exported, ExportFailure>)>;

struct Job {
    id: u32,
    output: Output,
    /// The message, built when the job was asked for (the images copied out of the page's
    /// wasm memory then, so the job borrows nothing); `None` once posted.
    message: Option<(Array, Array)>,
    done: Done,
}

#[derive(Default)]
struct Inner {
    channel: Channel,
    /// The job posted to the worker, then the ones waiting, in order.
    jobs: VecDeque<Job>,
    next_id: u32,
}

/// Cheap to clone; all clones share one worker.
#[derive(Clone, Default)]
pub struct ExportWorker {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for ExportWorker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

thread_local! {
    static SHARED: ExportWorker = ExportWorker::default();
    /// Which worker binary this wasm module's jobs go to (each module has its own statics).
    static SCRIPT: std::cell::Cell<&'static str> = const { std::cell::Cell::new(super::SCRIPT) };
}

/// Send this module's exports to the worker that makes every product: called by the studio
/// module (posters, pledge cards) before its first export. The page's own module keeps the
/// twibbon-only worker.
pub fn use_studio_worker() {
    SCRIPT.with(|s| s.set(super::STUDIO_SCRIPT));
}

impl ExportWorker {
    /// The app's export worker (one for every page: a worker's memory is not small).
    pub fn shared() -> ExportWorker {
        SHARED.with(Clone::clone)
    }

    /// Start the worker now, so its wasm is compiled by the time the user downloads.
    pub fn warm_up(&self) {
        let mut inner = self.inner.borrow_mut();
        self.spawn(&mut inner);
    }

    /// Make the file for `product` as `output` off the main thread, from `images` (the ones
    /// the preview drew); `done` is called once.
    pub fn export(
        &self,
        product: Product,
        output: Output,
        images: Images<'_>,
        done: impl FnOnce(Result<Exported, ExportFailure>) + 'static,
    ) {
        let (attached, buffers) = images.attach();
        // The fonts the preview had: the worker installs the same before drawing.
        let fonts: Vec<Fallback> = Fallback::ALL
            .into_iter()
            .filter(|f| text::is_installed(*f))
            .collect();
        let mut inner = self.inner.borrow_mut();
        inner.next_id = inner.next_id.wrapping_add(1);
        let id = inner.next_id;
        let job = ExportJob {
            product,
            output,
            images: attached,
            fonts,
            shaper: text::has_shaper(),
            held: false,
        };
        let request = Request::Export {
            id,
            job: Box::new(job),
        };
        let message = Array::of1(&protocol::write(&request).into());
        let transfer = Array::new();
        for data in buffers {
            let buffer = Uint8Array::from(data).buffer();
            message.push(&buffer);
            transfer.push(&buffer);
        }
        inner.jobs.push_back(Job {
            id,
            output,
            message: Some((message, transfer)),
            done: Box::new(done),
        });
        if !self.spawn(&mut inner) {
            // Workers are in every browser we target; the page does not export on its own.
            let job = inner.jobs.pop_back().expect("just pushed");
            drop(inner);
            (job.done)(Err(ExportFailure::Crashed));
            return;
        }
        Self::send(&mut inner);
    }

    fn spawn(&self, inner: &mut Inner) -> bool {
        inner.channel.start(
            SCRIPT.with(|s| s.get()),
            &self.inner,
            Self::on_message,
            Self::on_crash,
        )
    }

    /// Post the first job, once the worker is ready (later jobs wait for its answer).
    fn send(inner: &mut Inner) {
        let Some(job) = inner.jobs.front_mut() else {
            return;
        };
        if !inner.channel.is_ready() {
            return;
        }
        let Some((message, transfer)) = job.message.take() else {
            return; // already posted: waiting for its answer
        };
        if !inner.channel.post(&message, &transfer) {
            job.message = Some((message, transfer));
        }
    }

    fn on_message(inner: &Rc<RefCell<Inner>>, data: JsValue) {
        let message: Array = data.unchecked_into();
        let (id, result) = match read_head::<Reply>(&message) {
            Ok(Reply::Ready) => {
                let mut i = inner.borrow_mut();
                i.channel.set_ready();
                Self::send(&mut i);
                return;
            }
            Ok(Reply::Exported {
                id,
                file_name,
                report,
            }) => {
                let bytes = Uint8Array::new(&message.get(1)).to_vec();
                (Some(id), Ok((bytes, file_name, report)))
            }
            Ok(Reply::Failed { id, message }) => (id, Err(ExportFailure::Message(message))),
            // Previews and photos are asked of another instance (see `super::previews`), never
            // this one.
            Ok(
                Reply::Previewed { id, .. }
                | Reply::PhotoHeld { id, .. }
                | Reply::PhotoElsewhere { id }
                | Reply::PhotoFailed { id, .. },
            ) => (
                Some(id),
                Err(ExportFailure::Message(
                    crate::protocol::ProtocolError::Unknown("previewed".into()).localized(),
                )),
            ),
            Ok(Reply::Returned) => return,
            Err(e) => (None, Err(ExportFailure::Message(e.localized()))),
        };
        let job = {
            let mut i = inner.borrow_mut();
            let matches = match (i.jobs.front(), id) {
                // Posted (message taken) and answered; an answer without an id is about the
                // job in flight (its request was not understood).
                (Some(job), Some(id)) => job.id == id && job.message.is_none(),
                (Some(job), None) => job.message.is_none(),
                (None, _) => false,
            };
            matches.then(|| i.jobs.pop_front()).flatten()
        };
        let Some(job) = job else { return };
        let output = job.output;
        (job.done)(result.map(|(bytes, name, report)| Exported {
            file: Finished {
                bytes,
                mime: output.mime(),
                name,
            },
            report,
        }));
        // The next job, if any.
        let mut i = inner.borrow_mut();
        Self::send(&mut i);
    }

    fn on_crash(inner: &Rc<RefCell<Inner>>) {
        let failed: Vec<Job> = {
            let mut i = inner.borrow_mut();
            let had_started = i.channel.is_ready();
            i.channel.stop();
            if !had_started {
                // It never ran (its files did not load): fail every job rather than retry
                // for ever.
                i.jobs.drain(..).collect()
            } else {
                // Only the job in flight failed; jobs still waiting go to a fresh worker.
                match i.jobs.front() {
                    Some(job) if job.message.is_none() => i.jobs.pop_front().into_iter().collect(),
                    _ => Vec::new(),
                }
            }
        };
        for job in failed {
            (job.done)(Err(ExportFailure::Crashed));
        }
        if !inner.borrow().jobs.is_empty() {
            // Not from inside this callback: spawning drops the retired callbacks, this one
            // among them.
            let worker = ExportWorker {
                inner: inner.clone(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                let mut i = worker.inner.borrow_mut();
                worker.spawn(&mut i);
            });
        }
    }
}
