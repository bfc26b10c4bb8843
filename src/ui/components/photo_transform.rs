//! The canvas the user moves a photo on: drag to pan, pinch or wheel to zoom, arrow keys,
//! +/−, R and 0 from the keyboard. One component for every page with a photo slot (the twibbon
//! preview and the poster preview), so both move the photo the same way. It only reports moves
//! ([`PhotoMove`]); the page keeps the [`PhotoTransform`], applies moves with
//! `PhotoTransform::moved` and paints the canvas through `canvas_ref`.
//!
//! Pans are fractions of the canvas's shown width and height, which is what the transform's
//! offsets are: the same drag means the same placement in the preview and in the full-size
//! export, whatever the canvas's pixel size or its size on screen.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{HtmlCanvasElement, KeyboardEvent, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::render::{PhotoMove, PhotoTransform};

#[derive(Properties, PartialEq)]
pub struct PhotoCanvasProps {
    pub id: AttrValue,
    /// The page paints the rendered image into this canvas.
    pub canvas_ref: NodeRef,
    #[prop_or_default]
    pub class: Classes,
    pub label: AttrValue,
    pub transform: PhotoTransform,
    /// Whether there is a photo to move. When false the canvas is a plain picture: no stop in
    /// the Tab order, and the wheel scrolls the page.
    #[prop_or(true)]
    pub movable: bool,
    /// A fixed square size in pixels (the twibbon preview); None leaves sizing to the painter.
    #[prop_or_default]
    pub size: Option<u32>,
    pub on_move: Callback<PhotoMove>,
    /// `true` when a drag or pinch starts moving the photo, `false` when its last pointer
    /// lifts (a page may draw a lighter preview in between).
    #[prop_or_default]
    pub on_gesture: Callback<bool>,
}

/// Pointers currently down on the canvas: (id, x, y) in CSS pixels.
#[derive(Default)]
struct Gesture {
    pointers: Vec<(i32, f64, f64)>,
    /// They have moved the photo since the first went down.
    moving: bool,
}

#[function_component]
pub fn PhotoCanvas(props: &PhotoCanvasProps) -> Html {
    let gesture = use_mut_ref(Gesture::default);
    let canvas = props.canvas_ref.clone();
    let movable = props.movable;
    let shown_size = |canvas: &NodeRef| {
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
            if !movable {
                return;
            }
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
        let on_move = props.on_move.clone();
        let on_gesture = props.on_gesture.clone();
        Callback::from(move |e: PointerEvent| {
            let starts = {
                let mut g = gesture.borrow_mut();
                let ours = g.pointers.iter().any(|p| p.0 == e.pointer_id());
                ours && !std::mem::replace(&mut g.moving, true)
            };
            if starts {
                on_gesture.emit(true);
            }
            let (w, h) = shown_size(&canvas);
            handle_move(&gesture, &e, w, h, &on_move);
        })
    };
    let onpointerup = {
        let gesture = gesture.clone();
        let on_gesture = props.on_gesture.clone();
        Callback::from(move |e: PointerEvent| {
            let ends = {
                let mut g = gesture.borrow_mut();
                g.pointers.retain(|p| p.0 != e.pointer_id());
                g.pointers.is_empty() && std::mem::replace(&mut g.moving, false)
            };
            if ends {
                on_gesture.emit(false);
            }
        })
    };
    let onwheel = {
        let on_move = props.on_move.clone();
        Callback::from(move |e: WheelEvent| {
            if !movable {
                return;
            }
            e.prevent_default();
            on_move.emit(PhotoMove::ZoomBy((-e.delta_y() as f32 * 0.0015).exp()));
        })
    };
    let onkeydown = {
        let on_move = props.on_move.clone();
        Callback::from(move |e: KeyboardEvent| {
            if !movable {
                return;
            }
            if let Some(change) = key_move(&e.key(), e.shift_key()) {
                on_move.emit(change);
                e.prevent_default();
            }
        })
    };

    let t = props.transform;
    html! {
        <canvas id={props.id.clone()} ref={canvas}
            class={classes!(props.class.clone(), "photo-canvas", movable.then_some("movable"))}
            width={props.size.map(|s| s.to_string())} height={props.size.map(|s| s.to_string())}
            tabindex={movable.then_some("0")} role="img" aria-label={props.label.clone()}
            // Exact values (shortest round-trip form), so tests can reproduce a render.
            data-zoom={t.zoom.to_string()}
            data-offset-x={t.offset_x.to_string()}
            data-offset-y={t.offset_y.to_string()}
            data-rotate={t.rotate.to_string()}
            {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}
            {onwheel} {onkeydown} />
    }
}

/// The keyboard: arrows pan 1 % of the canvas (5 % with Shift), +/− zoom, R turns a quarter,
/// 0 resets.
fn key_move(key: &str, shift: bool) -> Option<PhotoMove> {
    let step = if shift { 0.05 } else { 0.01 };
    Some(match key {
        "ArrowLeft" => PhotoMove::Pan(-step, 0.0),
        "ArrowRight" => PhotoMove::Pan(step, 0.0),
        "ArrowUp" => PhotoMove::Pan(0.0, -step),
        "ArrowDown" => PhotoMove::Pan(0.0, step),
        "+" | "=" => PhotoMove::ZoomBy(1.1),
        "-" | "_" => PhotoMove::ZoomBy(1.0 / 1.1),
        "r" | "R" => PhotoMove::RotateBy(90.0),
        "0" => PhotoMove::Reset,
        _ => return None,
    })
}

/// One pointer drags (pan); two pointers pinch (zoom about their midpoint and pan with it).
fn handle_move(
    gesture: &Rc<RefCell<Gesture>>,
    e: &PointerEvent,
    width: f64,
    height: f64,
    on_move: &Callback<PhotoMove>,
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
        ([a], [b]) => on_move.emit(PhotoMove::Pan(
            ((b.1 - a.1) / width) as f32,
            ((b.2 - a.2) / height) as f32,
        )),
        ([a0, a1, ..], [b0, b1, ..]) => {
            let dist = |p: &(i32, f64, f64), q: &(i32, f64, f64)| (p.1 - q.1).hypot(p.2 - q.2);
            let (d0, d1) = (dist(a0, a1), dist(b0, b1));
            if d0 > 4.0 {
                on_move.emit(PhotoMove::ZoomBy((d1 / d0) as f32));
            }
            let mid =
                |p: &(i32, f64, f64), q: &(i32, f64, f64)| ((p.1 + q.1) / 2.0, (p.2 + q.2) / 2.0);
            let (m0, m1) = (mid(a0, a1), mid(b0, b1));
            on_move.emit(PhotoMove::Pan(
                ((m1.0 - m0.0) / width) as f32,
                ((m1.1 - m0.1) / height) as f32,
            ));
        }
        _ => {}
    }
}
