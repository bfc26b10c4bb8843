//! "Preview on a canvas": whenever its inputs change, draw an image with the core (the same
//! `render` as the export, at preview size) and paint it into a `<canvas>`. The pages only say
//! what to draw; painting, and timing the draw for the benchmarks, happen here.

use std::cell::RefCell;
use std::rc::Rc;

use image::RgbaImage;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlImageElement, IntersectionObserver};
use yew::prelude::*;

use crate::ui::browser;

/// What to paint: pixels the core drew, or a picture the page already has that the core drew
/// at build time (the first screen's, see `ui::boot::first_screen_picture`).
pub enum Picture {
    Pixels(RgbaImage),
    Built(HtmlImageElement),
}

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
    use_canvas(deps, measure, false, move |d| draw(d).map(Picture::Pixels))
}

/// [`use_preview`] for a preview that may show a picture drawn at build time instead.
#[hook]
pub fn use_picture_preview<D, F>(deps: D, measure: Option<&'static str>, draw: F) -> NodeRef
where
    D: PartialEq + Clone + 'static,
    F: FnOnce(&D) -> Option<Picture> + 'static,
{
    use_canvas(deps, measure, false, draw)
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
    use_canvas(deps, None, true, move |d| draw(d).map(Picture::Pixels))
}

/// A lazy canvas's draw waiting for it to come on screen (the newest one only).
type Pending = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

#[hook]
fn use_canvas<D, F>(deps: D, measure: Option<&'static str>, lazy: bool, draw: F) -> NodeRef
where
    D: PartialEq + Clone + 'static,
    F: FnOnce(&D) -> Option<Picture> + 'static,
{
    let canvas = use_node_ref();
    // Bumped by every draw, so a deferred first draw that a newer one overtook does nothing.
    let generation = use_mut_ref(|| 0u32);
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
        use_effect_with(deps, move |deps| {
            let first = *generation.borrow() == 0;
            *generation.borrow_mut() += 1;
            let paint = move |deps: &D| {
                let start = browser::now();
                if let (Some(el), Some(picture)) = (canvas.cast::<HtmlCanvasElement>(), draw(deps))
                {
                    let _ = match &picture {
                        Picture::Pixels(image) => browser::paint(&el, image),
                        Picture::Built(img) => browser::paint_picture(&el, img),
                    };
                    match (&picture, measure) {
                        (Picture::Pixels(_), Some(name)) => browser::measure(name, start),
                        (Picture::Built(_), Some(name)) => {
                            browser::mark_value(&format!("{name}-built"), browser::now() - start)
                        }
                        _ => {}
                    }
                }
            };
            let (deps, mine) = (deps.clone(), *generation.borrow());
            let deferred = move || {
                if *generation.borrow() == mine {
                    paint(&deps);
                }
            };
            if !*seen_now.borrow() {
                *pending.borrow_mut() = Some(Box::new(deferred));
            } else if first {
                gloo_timers::callback::Timeout::new(0, deferred).forget();
            } else {
                deferred();
            }
        });
    }
    canvas
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
