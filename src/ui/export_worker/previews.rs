//! The twibbon page's worker: its preview and the gallery's thumbnails are drawn by the core in
//! a worker (the twibbon export worker's script, a second instance), so the page's own wasm
//! carries no renderer, text engine or fonts, and a draw never blocks the page. Its downloads
//! are made there too ([`export`]), from the images the worker already holds. The images are
//! sent only when one changes (see [`Held`]); a drag step sends the placement alone, a download
//! no pixels at all. The photo goes as the decode worker made it ([`Upright`]): the page never
//! holds its pixels in its own memory, and does not copy them either. Their buffer is moved to
//! the worker, which hands it back once it has copied the pixels in ([`Reply::Returned`]), so
//! the page can send them to a fresh worker after a crash. (A crash while they are away loses
//! them: the preview keeps what it showed and a download reports the crash until a photo is
//! chosen again.)
//!
//! One job is in flight at a time. Each canvas has at most one draw waiting, the newest (a
//! fast drag skips the steps the worker had no time for); the live preview goes first, then
//! downloads, then thumbnails. A crash starts a fresh worker; the job in flight is tried once
//! more there (one that crashes it again fails: the canvas keeps what it showed, a download
//! reports the crash).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Uint8Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use web_sys::ImageData;

use crate::finish::Output;
use crate::photo::Photo;
use crate::protocol::export::{Attached, ExportJob, Held, Product, Reply, Request, Slot};
use crate::protocol::{self, ProtocolError};
use crate::ui::export_worker::host::{ExportFailure, Exported};
use crate::ui::share::Finished;
use crate::ui::state::{PhotoRef, Upright, UprightRef};
use crate::ui::worker::host::DecodeError;
use crate::ui::worker::spawned::{read_head, Channel};

/// The images a twibbon is drawn from: the photo, the user's own frame and the kit's logo.
#[derive(Clone, Default, PartialEq)]
pub struct Sources {
    pub photo: Option<UprightRef>,
    pub frame: Option<PhotoRef>,
    pub logo: Option<PhotoRef>,
}

/// What to draw: a twibbon (as its export would be made), `width` pixels wide.
#[derive(Clone, PartialEq)]
pub struct Drawing {
    pub product: Product,
    pub width: u32,
    /// The page's main preview (see `Request::Preview`).
    pub live: bool,
    pub images: Sources,
}

/// A draw for a canvas, or a download; each with what it hands back.
enum Job {
    /// `done` gets the pixels, or `None` when the draw failed (the canvas keeps what it showed).
    Draw {
        canvas: u32,
        width: u32,
        live: bool,
        done: Box<dyn FnOnce(Option<ImageData>)>,
    },
    Export {
        output: Output,
        done: Box<dyn FnOnce(Result<Exported, ExportFailure>)>,
    },
}

impl Job {
    fn fail(self, why: ExportFailure) {
        match self {
            Job::Draw { done, .. } => done(None),
            Job::Export { done, .. } => done(Err(why)),
        }
    }
}

struct Waiting {
    product: Product,
    images: Sources,
    job: Job,
    /// Already in flight once, when the worker crashed.
    retried: bool,
}

impl Waiting {
    fn canvas(&self) -> Option<u32> {
        match self.job {
            Job::Draw { canvas, .. } => Some(canvas),
            Job::Export { .. } => None,
        }
    }

    fn is_live(&self) -> bool {
        matches!(self.job, Job::Draw { live: true, .. })
    }
}

/// The images the worker holds, kept alive here so an address is never reused for another
/// image while the worker still takes it for this one.
#[derive(Default)]
struct HeldHere {
    photo: Option<Rc<Upright>>,
    frame: Option<Rc<Photo>>,
    logo: Option<Rc<Photo>>,
}

/// Photos whose pixels are in the worker's hands, in the order sent (it hands them back in
/// that order).
type Away = VecDeque<Rc<Upright>>;

/// A photo file to decode in the worker ([`decode_photo`]).
struct PhotoJob {
    /// Moved to the worker with the request.
    bytes: Uint8Array,
    /// A copy kept, to decode again in a fresh worker after a crash.
    file: Uint8Array,
    /// `None` once the job was cancelled or replaced (its answer is then only noted).
    done: Option<PhotoDone>,
}

type PhotoDone = Box<dyn FnOnce(Result<PhotoDecoded, DecodeError>)>;

/// A photo the worker decoded, or why not there.
pub enum PhotoDecoded {
    /// Held by the worker, which draws it; the page has its size and the file.
    Held(UprightRef),
    /// Not a JPEG: the file's bytes, handed back for the full decode worker.
    Elsewhere(Uint8Array),
}

#[derive(Default)]
struct Inner {
    channel: Channel,
    held: HeldHere,
    away: Away,
    waiting: VecDeque<Waiting>,
    /// The job posted, by its request's id.
    in_flight: Option<(u32, Waiting)>,
    /// A photo to decode, posted before any other job.
    photo: Option<PhotoJob>,
    /// The photo being decoded, by its request's id; nothing else is posted meanwhile.
    decoding: Option<(u32, PhotoJob)>,
    /// The worker's answer to the first screen's photo (and its attachment), come before the
    /// page asked for it.
    early_answer: Option<(Reply, JsValue)>,
    next_id: u32,
}

thread_local! {
    static SHARED: Rc<RefCell<Inner>> = Rc::default();
    static CANVASES: Cell<u32> = const { Cell::new(0) };
}

/// A new canvas's number, for [`draw`].
pub fn canvas_id() -> u32 {
    CANVASES.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

/// Start the worker now, so its wasm is compiled by the time a photo arrives.
pub fn warm_up() {
    SHARED.with(|inner| {
        inner
            .borrow_mut()
            .channel
            .start(super::SCRIPT, inner, on_message, on_crash);
    });
}

/// Draw `drawing` for `canvas` and give `done` the pixels (`None`: it failed), unless a newer
/// draw for the same canvas is asked for before this one is sent (then `done` is dropped, never
/// called).
pub fn draw(canvas: u32, drawing: Drawing, done: impl FnOnce(Option<ImageData>) + 'static) {
    let Drawing {
        product,
        width,
        live,
        images,
    } = drawing;
    ask(Waiting {
        product,
        images,
        job: Job::Draw {
            canvas,
            width,
            live,
            done: Box::new(done),
        },
        retried: false,
    });
}

/// Make the file for `product` as `output` from `images` (the ones the preview drew), with the
/// core's export, in the worker that drew the preview; `done` is called once.
pub fn export(
    product: Product,
    output: Output,
    images: Sources,
    done: impl FnOnce(Result<Exported, ExportFailure>) + 'static,
) {
    ask(Waiting {
        product,
        images,
        job: Job::Export {
            output,
            done: Box::new(done),
        },
        retried: false,
    });
}

/// Decode the photo file `bytes` in the worker, which then holds it for previews and
/// downloads: decoding, turning and drawing share one memory, and the pixels never come to the
/// page (issue 29). A JPEG only (with the browser's decoder where it can, else ours); anything
/// else comes back as [`PhotoDecoded::Elsewhere`]. A newer photo replaces one not yet decoded:
/// the older's `done` is dropped, never called.
pub fn decode_photo(bytes: Uint8Array, done: PhotoDone) {
    let failed = SHARED.with(|inner| {
        let mut i = inner.borrow_mut();
        forget_photo(&mut i);
        // A copy of the file (the bytes are moved to the worker), kept outside wasm memory.
        let file = bytes.slice(0, bytes.length());
        i.photo = Some(PhotoJob {
            bytes,
            file,
            done: Some(done),
        });
        if i.channel.start(super::SCRIPT, inner, on_message, on_crash) {
            send(&mut i)
        } else {
            i.photo.take().into_iter().map(Failed::Photo).collect()
        }
    });
    fail_all(failed);
}

/// The id of the photo the first screen's script sent the worker it started (`www/index.html`);
/// the page's own requests count from 1.
const EARLY_PHOTO: u32 = 0;

/// [`decode_photo`] for the photo the first screen's script already sent to the worker it
/// started (see `ui::boot::take_early_photo`), `bytes` being the same file: its answer is
/// taken as this decode's, whether it came before this call (kept by [`on_message`]) or
/// comes after. Only the first photo of a visit can be one.
pub fn decode_early_photo(bytes: Uint8Array, done: PhotoDone) {
    let answered = SHARED.with(|inner| {
        let mut i = inner.borrow_mut();
        forget_photo(&mut i);
        let job = PhotoJob {
            file: bytes.slice(0, bytes.length()),
            bytes,
            done: Some(done),
        };
        i.decoding = Some((EARLY_PHOTO, job));
        if let Some((reply, attached)) = i.early_answer.take() {
            return photo_answer(&mut i, EARLY_PHOTO, reply, attached);
        }
        // Adopts the first screen's worker, with what it said so far (answered then).
        if !i.channel.start(super::SCRIPT, inner, on_message, on_crash) {
            let job = i.decoding.take().map(|(_, job)| job);
            return job
                .and_then(|j| j.done)
                .map(|d| (d, Err(DecodeError::Crashed)));
        }
        None
    });
    if let Some((done, result)) = answered {
        done(result);
    }
}

/// Drop the photo being decoded, if any: its `done` is never called.
pub fn cancel_photo() {
    SHARED.with(|inner| {
        let mut i = inner.borrow_mut();
        forget_photo(&mut i);
        // Draws asked for meanwhile go to a fresh worker.
        if !i.waiting.is_empty() {
            i.channel.start(super::SCRIPT, inner, on_message, on_crash);
        }
    });
}

/// Drop the pending photo, and end the one being decoded: a worker cannot be interrupted
/// mid-decode, so it is stopped, and the next job starts a fresh one, which is sent the
/// images again (the photo as its file, decoded again).
fn forget_photo(i: &mut Inner) {
    i.photo = None;
    if i.decoding.take().is_some() {
        stop(i);
    }
}

/// Stop the worker: whatever it held (and any photo pixels it had not handed back) is gone.
fn stop(i: &mut Inner) {
    i.channel.stop();
    i.held = HeldHere::default();
    i.away.clear();
}

/// A job that could not be done, failed by the caller once it has let go of `inner`.
enum Failed {
    Job(Waiting),
    Photo(PhotoJob),
}

fn fail_all(failed: Vec<Failed>) {
    for f in failed {
        match f {
            Failed::Job(w) => w.job.fail(ExportFailure::Crashed),
            Failed::Photo(p) => {
                if let Some(done) = p.done {
                    done(Err(DecodeError::Crashed));
                }
            }
        }
    }
}

fn ask(waiting: Waiting) {
    let failed = SHARED.with(|inner| {
        let mut i = inner.borrow_mut();
        let mine = waiting.canvas();
        match i
            .waiting
            .iter_mut()
            .find(|w| mine.is_some() && w.canvas() == mine)
        {
            Some(old) => *old = waiting,
            None => i.waiting.push_back(waiting),
        }
        if i.channel.start(super::SCRIPT, inner, on_message, on_crash) {
            send(&mut i)
        } else {
            // Workers are in every browser we target; without one there is nothing to draw.
            i.waiting.drain(..).map(Failed::Job).collect()
        }
    });
    fail_all(failed);
}

/// Post the next job (the live preview's first, then downloads), once the worker is ready and
/// idle. Returns the jobs that could not be posted, for the caller to fail once it has let go
/// of `inner` (a failed download's callback may ask for a draw at once).
fn send(inner: &mut Inner) -> Vec<Failed> {
    let mut failed = Vec::new();
    if inner.in_flight.is_none() && inner.decoding.is_none() && inner.channel.is_ready() {
        if let Some(photo) = inner.photo.take() {
            if let Some(photo) = post_photo(inner, photo) {
                failed.push(Failed::Photo(photo));
            }
        }
    }
    while inner.in_flight.is_none() && inner.decoding.is_none() && inner.channel.is_ready() {
        let next = inner
            .waiting
            .iter()
            .position(Waiting::is_live)
            .or_else(|| inner.waiting.iter().position(|w| w.canvas().is_none()))
            .unwrap_or(0);
        let Some(next) = inner.waiting.remove(next) else {
            break;
        };
        failed.extend(post(inner, next).map(Failed::Job));
    }
    failed
}

/// Post a photo to decode. `None`: it is in flight; else the job, handed back.
fn post_photo(inner: &mut Inner, photo: PhotoJob) -> Option<PhotoJob> {
    match post_decode(inner, &photo.bytes) {
        Some(id) => {
            inner.decoding = Some((id, photo));
            None
        }
        None => Some(photo),
    }
}

/// Post a [`Request::DecodePhoto`] with `file`'s buffer, moved to the worker; its id, or `None`
/// if it could not be posted.
fn post_decode(inner: &mut Inner, file: &Uint8Array) -> Option<u32> {
    inner.next_id = inner.next_id.wrapping_add(1);
    let id = inner.next_id;
    let buffer = file.buffer();
    let message = Array::of2(
        &protocol::write(&Request::DecodePhoto { id }).into(),
        &buffer,
    );
    inner
        .channel
        .post(&message, &Array::of1(&buffer))
        .then_some(id)
}

/// Post `next` (its images first, if they changed). `None`: it is in flight; else the job,
/// handed back because it could not be posted.
fn post(inner: &mut Inner, next: Waiting) -> Option<Waiting> {
    if !hold(inner, &next.images) {
        return Some(next);
    }
    inner.next_id = inner.next_id.wrapping_add(1);
    let id = inner.next_id;
    let request = match next.job {
        Job::Draw { width, live, .. } => Request::Preview {
            id,
            product: Box::new(next.product.clone()),
            width,
            live,
        },
        Job::Export { output, .. } => Request::Export {
            id,
            job: Box::new(ExportJob {
                product: next.product.clone(),
                output,
                images: Attached::default(),
                // The page installs none: the worker fetched what the preview's texts needed
                // before drawing it, and the live preview goes before a download.
                fonts: Vec::new(),
                shaper: false,
                held: true,
            }),
        },
    };
    let message = Array::of1(&protocol::write(&request).into());
    if !inner.channel.post(&message, &Array::new()) {
        return Some(next);
    }
    inner.in_flight = Some((id, next));
    None
}

/// Have the worker hold `images`, sending only what changed. `false`: it could not be posted.
fn hold(inner: &mut Inner, images: &Sources) -> bool {
    fn at<T>(p: &Option<Rc<T>>) -> Option<*const ()> {
        p.as_ref().map(|p| Rc::as_ptr(p) as *const ())
    }
    let pyramid = |p: &Option<PhotoRef>| {
        p.as_ref()
            .map(|p| (Rc::as_ptr(&p.0) as *const (), Slot::pyramid(&p.0)))
    };
    let photo = images.photo.as_ref().map(|p| {
        let slot = Slot::Upright(p.0.width, p.0.height);
        (Rc::as_ptr(&p.0) as *const (), slot)
    });
    if let Some(p) = &images.photo {
        let held_there = inner
            .held
            .photo
            .as_ref()
            .is_some_and(|h| Rc::ptr_eq(h, &p.0));
        if let (false, Some(file)) = (held_there, &p.0.file) {
            // Decoded by a worker that is gone (a crash) or was left holding another: decode
            // (a copy of) the kept file again. Its answer is not waited for: the worker
            // answers the draw after it, in order.
            if post_decode(inner, &file.slice(0, file.length())).is_none() {
                return false;
            }
            inner.held.photo = Some(p.0.clone());
        }
    }
    let held = &inner.held;
    let change = Held::change(
        [at(&held.photo), at(&held.frame), at(&held.logo)],
        [photo, pyramid(&images.frame), pyramid(&images.logo)],
    );
    if change.is_keep() {
        return true;
    }
    let [photo, frame, logo] = change.sends();
    let message = Array::of1(&protocol::write(&Request::Hold { images: change }).into());
    let transfer = Array::new();
    let attach = |buffer: JsValue| {
        message.push(&buffer);
        transfer.push(&buffer);
    };
    let mut moved = None;
    if let (true, Some(p)) = (photo, &images.photo) {
        if !p.0.is_here() {
            return false; // lost in a crash while away
        }
        attach(p.0.pixels.borrow().buffer().into());
        moved = Some(p.0.clone());
    }
    for (sends, image) in [(frame, &images.frame), (logo, &images.logo)] {
        if let (true, Some(image)) = (sends, image) {
            for (_, _, data) in image.0.levels() {
                // Copied out of the page's memory, then moved to the worker.
                attach(Uint8Array::from(data).buffer().into());
            }
        }
    }
    if !inner.channel.post(&message, &transfer) {
        return false;
    }
    inner.away.extend(moved);
    inner.held = HeldHere {
        photo: images.photo.as_ref().map(|p| p.0.clone()),
        frame: images.frame.as_ref().map(|p| p.0.clone()),
        logo: images.logo.as_ref().map(|p| p.0.clone()),
    };
    true
}

/// How the worker answered a job.
enum Answer {
    Drawn { width: u32, height: u32, ms: f64 },
    Exported(String, crate::finish::Report),
    Failed(crate::i18n::Localized),
}

/// What a photo's answer calls, once `inner` is let go of.
type PhotoAnswer = Option<(PhotoDone, Result<PhotoDecoded, DecodeError>)>;

/// The photo in flight was answered: `reply` is [`Reply::PhotoHeld`], [`Reply::PhotoElsewhere`]
/// (with `attached`, the bytes handed back) or [`Reply::PhotoFailed`]. An answer to a photo
/// decoded again after a crash (not in flight) changes nothing, and one to the first screen's
/// photo before the page asked for it is kept for [`decode_early_photo`].
fn photo_answer(i: &mut Inner, id: u32, reply: Reply, attached: JsValue) -> PhotoAnswer {
    if i.decoding.as_ref().is_none_or(|(d, _)| *d != id) {
        if id == EARLY_PHOTO {
            i.early_answer = Some((reply, attached));
        }
        return None;
    }
    let (_, mut job) = i.decoding.take()?;
    let done = job.done.take()?;
    let result = match reply {
        Reply::PhotoHeld {
            width,
            height,
            memory,
            decoder,
            ..
        } => {
            crate::ui::worker::host::mark_decoded(decoder, memory);
            if id == EARLY_PHOTO {
                // Decoded as the first screen asked, before or while the app's wasm arrived.
                crate::ui::browser::mark_value("decoded-early", memory);
            }
            let photo = Rc::new(Upright::in_worker(width, height, job.file));
            // What the worker holds now.
            i.held.photo = Some(photo.clone());
            Ok(PhotoDecoded::Held(UprightRef(photo)))
        }
        Reply::PhotoFailed { error, .. } => Err(DecodeError::Intake(error)),
        _ => Ok(PhotoDecoded::Elsewhere(Uint8Array::new(&attached))),
    };
    Some((done, result))
}

/// The draws still waiting for the photo a new one just replaced in the worker, taken out:
/// drawn as asked they would have it take the old photo back (decode its file again, or copy
/// its pixels in), and then the new one again (the page asks for every canvas again once it
/// has the new photo). Each canvas keeps what it showed until then. A download keeps its
/// photo, whatever it costs.
fn stale_draws(i: &mut Inner) -> Vec<Failed> {
    let held = i.held.photo.clone();
    let is_stale = |w: &Waiting| {
        matches!(w.job, Job::Draw { .. })
            && w.images
                .photo
                .as_ref()
                .is_some_and(|p| !held.as_ref().is_some_and(|h| Rc::ptr_eq(h, &p.0)))
    };
    let (stale, keep): (VecDeque<_>, _) = i.waiting.drain(..).partition(is_stale);
    i.waiting = keep;
    stale.into_iter().map(Failed::Job).collect()
}

fn on_message(inner: &Rc<RefCell<Inner>>, data: JsValue) {
    let message: Array = data.unchecked_into();
    let mut photo_done: PhotoAnswer = None;
    let mut stale = Vec::new();
    let (answered, unsent) = {
        let mut i = inner.borrow_mut();
        // The request answered, and how.
        let answer = match read_head::<Reply>(&message) {
            Ok(Reply::Ready) => {
                i.channel.set_ready();
                None
            }
            Ok(Reply::Returned) => {
                if let Some(photo) = i.away.pop_front() {
                    *photo.pixels.borrow_mut() = Uint8Array::new(&message.get(1));
                }
                None
            }
            Ok(
                reply @ (Reply::PhotoHeld { id, .. }
                | Reply::PhotoElsewhere { id }
                | Reply::PhotoFailed { id, .. }),
            ) => {
                photo_done = photo_answer(&mut i, id, reply, message.get(1));
                if matches!(photo_done, Some((_, Ok(PhotoDecoded::Held(_))))) {
                    // Taken out before `send` below could post them.
                    stale = stale_draws(&mut i);
                }
                None
            }
            Ok(Reply::Previewed {
                id,
                width,
                height,
                ms,
            }) => Some((id, Answer::Drawn { width, height, ms })),
            Ok(Reply::Exported {
                id,
                file_name,
                report,
            }) => Some((id, Answer::Exported(file_name, report))),
            // A job the core refused: a canvas keeps what it showed (as a failed draw on the
            // page did), and the next change draws again; a download shows the message.
            Ok(Reply::Failed {
                id: Some(id),
                message,
            }) => Some((id, Answer::Failed(message))),
            Ok(Reply::Failed { id: None, message }) => i
                .in_flight
                .as_ref()
                .map(|(id, _)| (*id, Answer::Failed(message))),
            Err(e) => i
                .in_flight
                .as_ref()
                .map(|(id, _)| (*id, Answer::Failed(e.localized()))),
        };
        let answered = match answer {
            Some((id, answer)) if i.in_flight.as_ref().is_some_and(|(f, _)| *f == id) => {
                i.in_flight.take().map(|(_, w)| (w, answer))
            }
            _ => None,
        };
        (answered, send(&mut i))
    };
    // Outside the borrow: painting may ask for the next draw.
    fail_all(stale);
    fail_all(unsent);
    if let Some((done, result)) = photo_done {
        done(result);
    }
    let Some((waiting, answer)) = answered else {
        return;
    };
    match (waiting.job, answer) {
        (Job::Draw { live, done, .. }, Answer::Drawn { width, height, ms }) => {
            if live {
                // The worker's own time for the live preview: the benchmark reports it beside
                // the time from a move to its paint.
                crate::ui::browser::mark_value("preview-draw", ms);
            }
            let pixels = Uint8ClampedArray::new(&message.get(1));
            done(ImageData::new_with_js_u8_clamped_array_and_sh(&pixels, width, height).ok());
        }
        (Job::Export { output, done }, Answer::Exported(name, report)) => done(Ok(Exported {
            file: Finished {
                bytes: Uint8Array::new(&message.get(1)).to_vec(),
                mime: output.mime(),
                name,
            },
            report,
        })),
        (Job::Export { done, .. }, Answer::Failed(message)) => {
            done(Err(ExportFailure::Message(message)))
        }
        // A draw refused, or an answer of the wrong kind (a bug): nothing to show.
        (job, _) => job.fail(ExportFailure::Message(
            ProtocolError::Unknown("reply".into()).localized(),
        )),
    }
}

fn on_crash(inner: &Rc<RefCell<Inner>>) {
    let (failed, photo): (Vec<Job>, Vec<Failed>) = {
        let mut i = inner.borrow_mut();
        let had_started = i.channel.is_ready();
        stop(&mut i);
        // A photo that crashed the worker (out of memory) is not tried again.
        let mut photo: Vec<Failed> = i
            .decoding
            .take()
            .map(|(_, p)| Failed::Photo(p))
            .into_iter()
            .collect();
        let mut failed = Vec::new();
        match i.in_flight.take() {
            // Once more, first, unless a newer draw for its canvas is already waiting.
            Some((_, w))
                if !w.retried
                    && !i
                        .waiting
                        .iter()
                        .any(|o| w.canvas().is_some() && o.canvas() == w.canvas()) =>
            {
                i.waiting.push_front(Waiting { retried: true, ..w })
            }
            Some((_, w)) => failed.push(w.job),
            None => {}
        }
        if !had_started {
            // It never ran (its files did not load): give up rather than retry for ever.
            failed.extend(i.waiting.drain(..).map(|w| w.job));
            photo.extend(i.photo.take().map(Failed::Photo));
        }
        if !i.waiting.is_empty() || i.photo.is_some() {
            // Not from inside this callback: starting drops the retired callbacks, this one
            // among them.
            let inner = inner.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut i = inner.borrow_mut();
                i.channel.start(super::SCRIPT, &inner, on_message, on_crash);
            });
        }
        (failed, photo)
    };
    for job in failed {
        job.fail(ExportFailure::Crashed);
    }
    fail_all(photo);
}
