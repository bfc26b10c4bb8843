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
#[hook]
pub fn use_preview<D, F>(deps: D, measure: Option<&'static str>, draw: F) -> NodeRef
where
    D: PartialEq + 'static,
    F: FnOnce(&D) -> Option<RgbaImage> + 'static,
{
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(deps, move |deps| {
            let start = browser::now();
            if let (Some(el), Some(image)) = (canvas.cast::<HtmlCanvasElement>(), draw(deps)) {
                let _ = browser::paint(&el, &image);
            }
            if let Some(name) = measure {
                browser::measure(name, start);
            }
        });
    }
    canvas
}
