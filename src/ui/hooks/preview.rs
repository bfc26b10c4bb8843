//! "Preview on a canvas": whenever its inputs change, draw an image with the core (the same
//! `render` as the export, at preview size) and paint it into a `<canvas>`. The pages only say
//! what to draw; painting, and timing the draw for the benchmarks, happen here. The studio's
//! pages draw in the page ([`use_preview`], [`use_thumbnail`]); the twibbon page has its drawn
//! in a worker ([`use_worker_preview`]), so its own wasm has no renderer.

use std::cell::RefCell;
use std::rc::Rc;

use image::RgbaImage;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlImageElement, ImageData, IntersectionObserver};
use yew::prelude::*;

use crate::ui::browser;
use crate::ui::export_worker::previews::{self, Drawing};

/// What to paint: pixels the core drew here or in a worker, or a picture the page already has
/// that the core drew at build time (the first screen's, see `ui::boot::first_screen_picture`).
pub enum Picture {
    Pixels(RgbaImage),
    Drawn(ImageData),
    Built(HtmlImageElement),
}

/// What the twibbon page asks for: a picture it has, or a drawing from the worker.
pub enum Ask {
    /// A picture in the page, `side` pixels square, painted once it has loaded (see
    /// `ui::boot::when_loaded`); if it fails to, `otherwise` is drawn.
    Built {
        picture: HtmlImageElement,
        side: u32,
        otherwise: Drawing,
    },
    Draw(Drawing),
}

/// Paints one picture, if no newer one was painted since (`None`: nothing to paint, the draw
/// failed; the canvas keeps what it shows).
type Paint = Box<dyn FnOnce(Option<Picture>)>;

/// Returns the `NodeRef` to put on the `<canvas>`. `draw` gets the inputs and returns the image
/// (or `None`: nothing to paint, e.g. a render error the page reports itself); it runs after
/// the first render and again whenever `deps` change. `measure` names the performance measure
/// to record (see `browser::measure`), if any.
///
/// The first draw runs in a task of its own, after the page has mounted: at start-up the app's
/// mount and every preview and thumbnail would otherwise be one long task that blocks the
/// phone's main thread (Lighthouse's Total Blocking Time). Later draws (a drag, a typed
/// letter) run at once, as before.
#[hook]
pub fn use_preview<D, F>(deps: D, measure: Option<&'static str>, draw: F) -> NodeRef
where
    D: PartialEq + Clone + 'static,
    F: FnOnce(&D) -> Option<RgbaImage> + 'static,
{
    use_canvas(deps, measure, false, here(draw))
}

/// A draw in the page, painted at once.
fn here<D, F>(draw: F) -> impl FnOnce(&D, Paint) + 'static
where
    F: FnOnce(&D) -> Option<RgbaImage> + 'static,
{
    move |d, paint| paint(draw(d).map(Picture::Pixels))
}

/// [`use_preview`] drawn in the twibbon page's preview worker (see
/// [`crate::ui::export_worker::previews`]), or a picture drawn at build time. `lazy`: a
/// thumbnail, drawn once on screen (see [`use_thumbnail`]).
#[hook]
pub fn use_worker_preview<D, F>(
    deps: D,
    measure: Option<&'static str>,
    lazy: bool,
    ask: F,
) -> NodeRef
where
    D: PartialEq + Clone + 'static,
    F: FnOnce(&D) -> Option<Ask> + 'static,
{
    let id = *use_memo((), |_| previews::canvas_id());
    let in_worker = move |drawing, paint: Paint| {
        previews::draw(id, drawing, move |data| paint(data.map(Picture::Drawn)))
    };
    use_canvas(deps, measure, lazy, move |d, paint| match ask(d) {
        Some(Ask::Built {
            picture,
            side,
            otherwise,
        }) => crate::ui::boot::when_loaded(picture, side, move |loaded| match loaded {
            Some(img) => paint(Some(Picture::Built(img))),
            None => in_worker(otherwise, paint),
        }),
        Some(Ask::Draw(drawing)) => in_worker(drawing, paint),
        None => paint(None),
    })
}

/// [`use_preview`] for a gallery's thumbnail: drawn only once its canvas is on the
/// screen. On a phone the galleries are below the preview, so neither the start-up nor a newly
/// chosen photo pays for thumbnails nobody sees yet; they are drawn as the user scrolls to them,
/// each in a task of its own.
#[hook]
pub fn use_thumbnail<D, F>(deps: D, draw: F) -> NodeRef
where
    D: PartialEq + Clone + 'static,
    F: FnOnce(&D) -> Option<RgbaImage> + 'static,
{
    use_canvas(deps, None, true, here(draw))
}

/// A lazy canvas's draw waiting for it to come on screen (the newest one only).
type Pending = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// `draw` gets the inputs and a [`Paint`] to call with the picture, now or later (a worker's
/// draw). While a draw is on its way the canvas is `aria-busy` (what the browser tests wait
/// for); a draw overtaken by a newer one may never call its `Paint`.
#[hook]
fn use_canvas<D, F>(deps: D, measure: Option<&'static str>, lazy: bool, draw: F) -> NodeRef
where
    D: PartialEq + Clone + 'static,
    F: FnOnce(&D, Paint) + 'static,
{
    let canvas = use_node_ref();
    // Bumped by every draw, so a deferred first draw that a newer one overtook does nothing.
    let generation = use_mut_ref(|| 0u32);
    // The generation on the canvas: a late answer never paints over a newer picture.
    let painted = use_mut_ref(|| 0u32);
    let pending: Pending = use_mut_ref(|| None);
    let seen_now = use_mut_ref(|| !lazy);
    {
        let (canvas, pending, seen_now) = (canvas.clone(), pending.clone(), seen_now.clone());
        use_effect_with(lazy, move |&lazy| {
            let watcher = if lazy {
                let watcher = watch_until_seen(&canvas, pending, seen_now.clone());
                // No IntersectionObserver (or no canvas): draw as an eager preview would.
                if watcher.is_none() {
                    *seen_now.borrow_mut() = true;
                }
                watcher
            } else {
                None
            };
            move || drop(watcher)
        });
    }
    {
        let canvas = canvas.clone();
        let canvas_now = canvas.clone();
        use_effect_with(deps, move |deps| {
            let first = *generation.borrow() == 0;
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            let latest = generation.clone();
            let paint = move |deps: &D| {
                let start = browser::now();
                set_busy(&canvas, true);
                let paint: Paint = Box::new(move |picture| {
                    let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                        return;
                    };
                    if *latest.borrow() == mine {
                        set_busy(&canvas, false);
                    }
                    let Some(picture) = picture else { return };
                    if *painted.borrow() > mine {
                        return;
                    }
                    *painted.borrow_mut() = mine;
                    let _ = match &picture {
                        Picture::Pixels(image) => browser::paint(&el, image),
                        Picture::Drawn(data) => browser::paint_data(&el, data),
                        Picture::Built(img) => browser::paint_picture(&el, img),
                    };
                    match (&picture, measure) {
                        (Picture::Built(_), Some(name)) => {
                            browser::mark_value(&format!("{name}-built"), browser::now() - start)
                        }
                        (_, Some(name)) => browser::measure(name, start),
                        _ => {}
                    }
                });
                draw(deps, paint);
            };
            let deps = deps.clone();
            let deferred = move || {
                if *generation.borrow() == mine {
                    paint(&deps);
                }
            };
            if !*seen_now.borrow() {
                set_busy(&canvas_now, false);
                *pending.borrow_mut() = Some(Box::new(deferred));
            } else if first {
                set_busy(&canvas_now, true);
                gloo_timers::callback::Timeout::new(0, deferred).forget();
            } else {
                deferred();
            }
        });
    }
    canvas
}

/// Say whether a draw for `canvas` is on its way.
fn set_busy(canvas: &NodeRef, busy: bool) {
    if let Some(el) = canvas.cast::<web_sys::Element>() {
        let _ = if busy {
            el.set_attribute("aria-busy", "true")
        } else {
            el.remove_attribute("aria-busy")
        };
    }
}

/// Watch `canvas` until it comes on screen, then run the pending draw in a task of its
/// own and stop watching. Dropping the result stops watching too.
fn watch_until_seen(
    canvas: &NodeRef,
    pending: Pending,
    seen: Rc<RefCell<bool>>,
) -> Option<Watcher> {
    let el = canvas.cast::<web_sys::Element>()?;
    let callback = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: IntersectionObserver| {
            let near = entries.iter().any(|e| {
                e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                    .is_intersecting()
            });
            if !near || seen.replace(true) {
                return;
            }
            observer.disconnect();
            if let Some(draw) = pending.borrow_mut().take() {
                // Every thumbnail that comes into view is notified in one task: they draw one
                // per task, in the queue the page's deferred parts use.
                crate::ui::components::deferred::later(draw);
            }
        },
    );
    let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&el);
    Some(Watcher {
        observer,
        _callback: callback,
    })
}

/// An `IntersectionObserver` and its callback, disconnected when dropped.
struct Watcher {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
