use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{DragEvent, HtmlCanvasElement, KeyboardEvent, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::render::{Inputs, PhotoTransform, Renderer};
use crate::template::Template;
use crate::ui::browser;
use crate::ui::state::PhotoRef;

/// Preview resolution: sharp on a 360-px phone at 2× and still quick to re-render while dragging.
pub const PREVIEW_SIZE: u32 = 720;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub template: Rc<Template>,
    pub photo: Option<PhotoRef>,
    pub own_frame: Option<PhotoRef>,
    pub transform: PhotoTransform,
    pub label: AttrValue,
    pub hint: AttrValue,
    pub loading_label: AttrValue,
    pub loading: bool,
    pub cancel_label: AttrValue,
    pub on_cancel: Callback<()>,
    /// Pan by a fraction of the canvas width and height.
    pub on_pan: Callback<(f32, f32)>,
    pub on_zoom_by: Callback<f32>,
    pub on_rotate_by: Callback<f32>,
    pub on_reset: Callback<()>,
    pub on_file: Callback<web_sys::File>,
}

/// Pointers currently down on the canvas: (id, x, y) in CSS pixels.
#[derive(Default)]
struct Gesture {
    pointers: Vec<(i32, f64, f64)>,
}

/// The live preview: rendered by the same `render` as the download, at a smaller size.
/// Drag to pan, pinch or wheel to zoom, arrow keys and +/− from the keyboard, drop a file.
#[function_component]
pub fn Preview(props: &PreviewProps) -> Html {
    let canvas = use_node_ref();
    let gesture = use_mut_ref(Gesture::default);
    // Keeps the frame's layers between renders: a drag only resamples the photo.
    let renderer = use_mut_ref(Renderer::default);

    {
        let canvas = canvas.clone();
        let renderer = renderer.clone();
        let deps = (
            props.template.clone(),
            props.photo.clone(),
            props.own_frame.clone(),
            props.transform,
        );
        use_effect_with(deps, move |(template, photo, frame, transform)| {
            let start = browser::now();
            let inputs = Inputs {
                photo: photo.as_ref().map(|p| &*p.0),
                transform: *transform,
                frame: frame.as_ref().map(|p| &*p.0),
            };
            if let (Some(el), Ok(image)) = (
                canvas.cast::<HtmlCanvasElement>(),
                renderer
                    .borrow_mut()
                    .render(template, &inputs, PREVIEW_SIZE),
            ) {
                let _ = browser::paint(&el, &image);
            }
            browser::measure("preview-render", start);
        });
    }

    let has_photo = props.photo.is_some();
    let width_of = |canvas: &NodeRef| {
        canvas
            .cast::<HtmlCanvasElement>()
            .map(|c| c.get_bounding_client_rect())
            .map(|r| (r.width().max(1.0), r.height().max(1.0)))
            .unwrap_or((1.0, 1.0))
    };

    let onpointerdown = {
        let gesture = gesture.clone();
        let canvas = canvas.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                let _ = el.set_pointer_capture(e.pointer_id());
                let _ = el.focus();
            }
            let mut g = gesture.borrow_mut();
            g.pointers.retain(|p| p.0 != e.pointer_id());
            g.pointers.push((
                e.pointer_id(),
                f64::from(e.client_x()),
                f64::from(e.client_y()),
            ));
        })
    };
    let onpointermove = {
        let gesture = gesture.clone();
        let canvas = canvas.clone();
        let on_pan = props.on_pan.clone();
        let on_zoom_by = props.on_zoom_by.clone();
        Callback::from(move |e: PointerEvent| {
            let (w, h) = width_of(&canvas);
            handle_move(&gesture, &e, w, h, &on_pan, &on_zoom_by);
        })
    };
    let onpointerup = {
        let gesture = gesture.clone();
        Callback::from(move |e: PointerEvent| {
            gesture
                .borrow_mut()
                .pointers
                .retain(|p| p.0 != e.pointer_id());
        })
    };
    let onwheel = {
        let on_zoom_by = props.on_zoom_by.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            on_zoom_by.emit((-e.delta_y() as f32 * 0.0015).exp());
        })
    };
    let onkeydown = {
        let on_pan = props.on_pan.clone();
        let on_zoom_by = props.on_zoom_by.clone();
        let on_rotate_by = props.on_rotate_by.clone();
        let on_reset = props.on_reset.clone();
        Callback::from(move |e: KeyboardEvent| {
            // 1% of the width per press, 5% with Shift.
            let step = if e.shift_key() { 0.05 } else { 0.01 };
            match e.key().as_str() {
                "ArrowLeft" => on_pan.emit((-step, 0.0)),
                "ArrowRight" => on_pan.emit((step, 0.0)),
                "ArrowUp" => on_pan.emit((0.0, -step)),
                "ArrowDown" => on_pan.emit((0.0, step)),
                "+" | "=" => on_zoom_by.emit(1.1),
                "-" | "_" => on_zoom_by.emit(1.0 / 1.1),
                "r" | "R" => on_rotate_by.emit(90.0),
                "0" => on_reset.emit(()),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|dt| dt.files())
                .and_then(|files| files.get(0))
            {
                on_file.emit(file);
            }
        })
    };

    html! {
        <div class={classes!("preview", has_photo.then_some("has-photo"))} {ondragover} {ondrop}>
            <canvas id="preview" ref={canvas} width={PREVIEW_SIZE.to_string()} height={PREVIEW_SIZE.to_string()}
                tabindex="0" role="img" aria-label={props.label.clone()}
                // Exact values (shortest round-trip form), so tests can reproduce a render.
                data-zoom={props.transform.zoom.to_string()}
                data-offset-x={props.transform.offset_x.to_string()}
                data-offset-y={props.transform.offset_y.to_string()}
                data-rotate={props.transform.rotate.to_string()}
                {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}
                {onwheel} {onkeydown} />
            if props.loading {
                <div class="busy" aria-live="polite">
                    <span class="spinner" aria-hidden="true"></span>
                    <span>{props.loading_label.clone()}</span>
                    <button type="button" id="cancel-photo" class="secondary"
                        onclick={props.on_cancel.reform(|_| ())}>{props.cancel_label.clone()}</button>
                </div>
            }
            if has_photo {
                <p class="gesture-hint" aria-hidden="true">{props.hint.clone()}</p>
            }
        </div>
    }
}

/// One pointer drags (pan); two pointers pinch (zoom about their midpoint and pan with it).
fn handle_move(
    gesture: &Rc<RefCell<Gesture>>,
    e: &PointerEvent,
    width: f64,
    height: f64,
    on_pan: &Callback<(f32, f32)>,
    on_zoom_by: &Callback<f32>,
) {
    let mut g = gesture.borrow_mut();
    let Some(index) = g.pointers.iter().position(|p| p.0 == e.pointer_id()) else {
        return;
    };
    let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
    let before = g.pointers.clone();
    g.pointers[index] = (e.pointer_id(), x, y);
    let after = g.pointers.clone();
    drop(g);
    match (before.as_slice(), after.as_slice()) {
        ([a], [b]) => on_pan.emit((((b.1 - a.1) / width) as f32, ((b.2 - a.2) / height) as f32)),
        ([a0, a1, ..], [b0, b1, ..]) => {
            let dist = |p: &(i32, f64, f64), q: &(i32, f64, f64)| (p.1 - q.1).hypot(p.2 - q.2);
            let (d0, d1) = (dist(a0, a1), dist(b0, b1));
            if d0 > 4.0 {
                on_zoom_by.emit((d1 / d0) as f32);
            }
            let mid =
                |p: &(i32, f64, f64), q: &(i32, f64, f64)| ((p.1 + q.1) / 2.0, (p.2 + q.2) / 2.0);
            let (m0, m1) = (mid(a0, a1), mid(b0, b1));
            on_pan.emit((
                ((m1.0 - m0.0) / width) as f32,
                ((m1.1 - m0.1) / height) as f32,
            ));
        }
        _ => {}
    }
}
