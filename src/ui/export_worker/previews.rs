//! The page side of the twibbon page's previews: the preview and the gallery's thumbnails are
//! drawn by the core in a worker (the twibbon export worker's script, a second instance), so
//! the page's own wasm carries no renderer, text engine or fonts, and a draw never blocks the
//! page. The images are held by the worker and sent again only when one changes (see
//! [`Held`]); a drag step sends the placement alone.
//!
//! One draw is in flight at a time. Each canvas has at most one draw waiting, the newest (a
//! fast drag skips the steps the worker had no time for), and the live preview goes before the
//! thumbnails. A crash starts a fresh worker; the draw in flight is tried once more there (a
//! draw that crashes it again fails: the canvas keeps what it showed).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Uint8Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use web_sys::ImageData;

use crate::photo::Photo;
use crate::protocol;
use crate::protocol::export::{Held, Product, Reply, Request};
use crate::ui::state::PhotoRef;
use crate::ui::worker::spawned::{read_head, Channel};

/// What to draw: a twibbon (as its export would be made), `width` pixels wide, from the photo,
/// the own frame and the logo.
#[derive(Clone, PartialEq)]
pub struct Drawing {
    pub product: Product,
    pub width: u32,
    /// The page's main preview (see `Request::Preview`).
    pub live: bool,
    pub photo: Option<PhotoRef>,
    pub frame: Option<PhotoRef>,
    pub logo: Option<PhotoRef>,
}

/// Called with the pixels, or `None` when the draw failed (the canvas keeps what it showed).
type Done = Box<dyn FnOnce(Option<ImageData>)>;

struct Waiting {
    canvas: u32,
    drawing: Drawing,
    done: Done,
    /// Already in flight once, when the worker crashed.
    retried: bool,
}

#[derive(Default)]
struct Inner {
    channel: Channel,
    /// The images the worker holds (kept alive here, so an address is never reused for
    /// another image while the worker still takes it for this one).
    held: [Option<Rc<Photo>>; 3],
    waiting: VecDeque<Waiting>,
    /// The draw posted, by its request's id.
    in_flight: Option<(u32, Waiting)>,
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
    SHARED
        .with(|inner| {
            let mut i = inner.borrow_mut();
            let waiting = Waiting {
                canvas,
                drawing,
                done: Box::new(done),
                retried: false,
            };
            match i.waiting.iter_mut().find(|w| w.canvas == canvas) {
                Some(old) => *old = waiting,
                None => i.waiting.push_back(waiting),
            }
            if i.channel.start(super::SCRIPT, inner, on_message, on_crash) {
                send(&mut i);
                None
            } else {
                // Workers are in every browser we target; without one there is nothing to draw.
                Some(std::mem::take(&mut i.waiting))
            }
        })
        .into_iter()
        .flatten()
        .for_each(|w| (w.done)(None));
}

/// Post the next draw (the live preview's first), once the worker is ready and idle.
fn send(inner: &mut Inner) {
    if inner.in_flight.is_some() || !inner.channel.is_ready() {
        return;
    }
    let next = inner
        .waiting
        .iter()
        .position(|w| w.drawing.live)
        .unwrap_or(0);
    let Some(next) = inner.waiting.remove(next) else {
        return;
    };
    let drawing = &next.drawing;
    let address = |p: &Option<Rc<Photo>>| p.as_ref().map(Rc::as_ptr);
    let wanted = [&drawing.photo, &drawing.frame, &drawing.logo].map(|p| p.as_ref());
    let (change, buffers) = Held::change(
        [
            address(&inner.held[0]),
            address(&inner.held[1]),
            address(&inner.held[2]),
        ],
        wanted.map(|p| p.map(|p| &*p.0)),
    );
    if !change.is_keep() {
        let message = Array::of1(&protocol::write(&Request::Hold { images: change }).into());
        let transfer = Array::new();
        for data in buffers {
            // Copied out of the page's memory, then moved to the worker.
            let buffer = Uint8Array::from(data).buffer();
            message.push(&buffer);
            transfer.push(&buffer);
        }
        if !inner.channel.post(&message, &transfer) {
            return (next.done)(None);
        }
        inner.held = wanted.map(|p| p.map(|p| p.0.clone()));
    }
    inner.next_id = inner.next_id.wrapping_add(1);
    let id = inner.next_id;
    let request = Request::Preview {
        id,
        product: Box::new(drawing.product.clone()),
        width: drawing.width,
        live: drawing.live,
    };
    let message = Array::of1(&protocol::write(&request).into());
    if inner.channel.post(&message, &Array::new()) {
        inner.in_flight = Some((id, next));
    } else {
        (next.done)(None);
    }
}

fn on_message(inner: &Rc<RefCell<Inner>>, data: JsValue) {
    let message: Array = data.unchecked_into();
    let done = {
        let mut i = inner.borrow_mut();
        // The request answered, and the picture's size and the worker's time if it was drawn.
        let answered = match read_head::<Reply>(&message) {
            Ok(Reply::Ready) => {
                i.channel.set_ready();
                None
            }
            Ok(Reply::Previewed {
                id,
                width,
                height,
                ms,
            }) => Some((id, Some((width, height, ms)))),
            // A draw the core refused: the canvas keeps what it showed (as a failed draw on
            // the page did), and the next change draws again.
            Ok(Reply::Failed { id: Some(id), .. }) => Some((id, None)),
            Ok(Reply::Failed { id: None, .. }) | Ok(Reply::Exported { .. }) | Err(_) => {
                i.in_flight.as_ref().map(|(id, _)| (*id, None))
            }
        };
        let done = match answered {
            Some((id, drawn)) if i.in_flight.as_ref().is_some_and(|(f, _)| *f == id) => {
                i.in_flight.take().map(|(_, w)| {
                    if let (Some((_, _, ms)), true) = (drawn, w.drawing.live) {
                        // The worker's own time for the live preview: the benchmark reports
                        // it beside the time from a move to its paint.
                        crate::ui::browser::mark_value("preview-draw", ms);
                    }
                    (drawn.map(|(width, height, _)| (width, height)), w.done)
                })
            }
            _ => None,
        };
        send(&mut i);
        done
    };
    // Outside the borrow: painting may ask for the next draw.
    if let Some((size, done)) = done {
        let image = size.and_then(|(width, height)| {
            let pixels = Uint8ClampedArray::new(&message.get(1));
            ImageData::new_with_js_u8_clamped_array_and_sh(&pixels, width, height).ok()
        });
        done(image);
    }
}

fn on_crash(inner: &Rc<RefCell<Inner>>) {
    let failed: Vec<Done> = {
        let mut i = inner.borrow_mut();
        let had_started = i.channel.is_ready();
        i.channel.stop();
        i.held = Default::default();
        let mut failed = Vec::new();
        match i.in_flight.take() {
            // Once more, first, unless a newer draw for its canvas is already waiting.
            Some((_, w)) if !w.retried && !i.waiting.iter().any(|o| o.canvas == w.canvas) => {
                i.waiting.push_front(Waiting { retried: true, ..w })
            }
            Some((_, w)) => failed.push(w.done),
            None => {}
        }
        if !had_started {
            // It never ran (its files did not load): give up rather than retry for ever.
            failed.extend(i.waiting.drain(..).map(|w| w.done));
        }
        if !i.waiting.is_empty() {
            // Not from inside this callback: starting drops the retired callbacks, this one
            // among them.
            let inner = inner.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut i = inner.borrow_mut();
                i.channel.start(super::SCRIPT, &inner, on_message, on_crash);
            });
        }
        failed
    };
    for done in failed {
        done(None);
    }
}
