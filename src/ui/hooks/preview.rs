//! "Preview on a canvas": whenever its inputs change, draw an image with the core (the same
//! `render` as the export, at preview size) and paint it into a `<canvas>`. The pages only say
//! what to draw; painting, and timing the draw for the benchmarks, happen here.

use image::RgbaImage;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::ui::browser;

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
    let canvas = use_node_ref();
    // Bumped by every draw, so a deferred first draw that a newer one overtook does nothing.
    let generation = use_mut_ref(|| 0u32);
    {
        let canvas = canvas.clone();
        use_effect_with(deps, move |deps| {
            let first = *generation.borrow() == 0;
            *generation.borrow_mut() += 1;
            let paint = move |deps: &D| {
                let start = browser::now();
                if let (Some(el), Some(image)) = (canvas.cast::<HtmlCanvasElement>(), draw(deps)) {
                    let _ = browser::paint(&el, &image);
                }
                if let Some(name) = measure {
                    browser::measure(name, start);
                }
            };
            if first {
                let (deps, mine) = (deps.clone(), *generation.borrow());
                gloo_timers::callback::Timeout::new(0, move || {
                    if *generation.borrow() == mine {
                        paint(&deps);
                    }
                })
                .forget();
            } else {
                paint(deps);
            }
        });
    }
    canvas
}
