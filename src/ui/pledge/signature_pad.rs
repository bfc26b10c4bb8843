//! The signature pad: draw with a finger, pen or mouse (pointer events, captured so a stroke
//! that leaves the box still ends cleanly; `touch-action: none` in the CSS so drawing does not
//! scroll the page), undo the last stroke, clear; or upload a photo of a signature on paper.
//!
//! The pad shows the ink exactly as the card will get it: every frame is drawn by the core's
//! `signature::from_strokes` (smooth quadratic curves through the midpoints), not by canvas
//! calls of our own.

use image::RgbaImage;
use wasm_bindgen::JsValue;
use web_sys::{HtmlCanvasElement, PointerEvent};
use yew::prelude::*;

use super::state::{Shared, Strokes};
use crate::i18n::Lang;
use crate::pledge::signature::{self, Stroke};
use crate::ui::browser;
use crate::ui::components::photo_picker::FilePicker;
use crate::ui::strings::pledge_text as text;

/// The pad's own coordinate space (its canvas pixels): 5:2, like a signature line.
pub const PAD_WIDTH: u32 = 600;
pub const PAD_HEIGHT: u32 = 240;

/// Points closer than this (pad pixels) to the previous one add nothing but jitter.
const MIN_STEP: f32 = 1.5;

#[derive(Properties, PartialEq)]
pub struct SignaturePadProps {
    pub lang: Lang,
    pub strokes: Strokes,
    pub uploaded: Option<Shared<RgbaImage>>,
    /// An uploaded photo is being processed.
    pub loading: bool,
    pub on_strokes: Callback<Strokes>,
    pub on_upload: Callback<web_sys::File>,
    pub on_clear: Callback<()>,
}

/// The stroke being drawn and the pointer drawing it.
struct Drawing {
    pointer: i32,
    stroke: Stroke,
}

#[function_component]
pub fn SignaturePad(props: &SignaturePadProps) -> Html {
    let t = text(props.lang);
    let canvas = use_node_ref();
    let drawing = use_mut_ref(|| None::<Drawing>);
    let upload_canvas = use_node_ref();

    // Show the committed strokes whenever they change (undo, clear, a finished stroke).
    {
        let canvas = canvas.clone();
        use_effect_with(props.strokes.clone(), move |strokes| {
            paint_strokes(&canvas, &strokes.0, None);
        });
    }
    {
        let upload_canvas = upload_canvas.clone();
        use_effect_with(props.uploaded.clone(), move |uploaded| {
            if let (Some(el), Some(image)) = (upload_canvas.cast::<HtmlCanvasElement>(), uploaded) {
                let _ = browser::paint(&el, &image.0);
            }
        });
    }

    let onpointerdown = {
        let canvas = canvas.clone();
        let drawing = drawing.clone();
        Callback::from(move |e: PointerEvent| {
            // The main button of a mouse; any touch or pen contact.
            if e.button() != 0 {
                return;
            }
            e.prevent_default();
            let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let _ = el.set_pointer_capture(e.pointer_id());
            *drawing.borrow_mut() = Some(Drawing {
                pointer: e.pointer_id(),
                stroke: Stroke {
                    points: vec![pad_point(&el, &e)],
                },
            });
        })
    };
    let onpointermove = {
        let canvas = canvas.clone();
        let drawing = drawing.clone();
        let strokes = props.strokes.clone();
        Callback::from(move |e: PointerEvent| {
            let mut d = drawing.borrow_mut();
            let (Some(d), Some(el)) = (d.as_mut(), canvas.cast::<HtmlCanvasElement>()) else {
                return;
            };
            if d.pointer != e.pointer_id() {
                return;
            }
            let p = pad_point(&el, &e);
            let far_enough = d
                .stroke
                .points
                .last()
                .is_none_or(|q| (p.0 - q.0).hypot(p.1 - q.1) >= MIN_STEP);
            if far_enough {
                d.stroke.points.push(p);
                paint_strokes(&canvas, &strokes.0, Some(&d.stroke));
            }
        })
    };
    // Pen up (or the browser took the pointer away): the stroke joins the list.
    let onpointerup = {
        let drawing = drawing.clone();
        let strokes = props.strokes.clone();
        let on_strokes = props.on_strokes.clone();
        Callback::from(move |e: PointerEvent| {
            let finished = {
                let mut d = drawing.borrow_mut();
                match d.as_ref() {
                    Some(current) if current.pointer == e.pointer_id() => d.take(),
                    _ => None,
                }
            };
            if let Some(current) = finished {
                let mut next = (*strokes.0).clone();
                next.push(current.stroke);
                on_strokes.emit(Shared::new(next));
            }
        })
    };
    let undo = {
        let strokes = props.strokes.clone();
        let on_strokes = props.on_strokes.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*strokes.0).clone();
            next.pop();
            on_strokes.emit(Shared::new(next));
        })
    };
    let clear = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| on_clear.emit(()))
    };
    let has_strokes = !props.strokes.0.is_empty();
    let status = if props.loading {
        t.signature_loading
    } else if props.uploaded.is_some() {
        t.signature_uploaded
    } else if has_strokes {
        t.signature_drawn
    } else {
        t.signature_empty
    };

    html! {
        <section class="card signature" aria-labelledby="signature-title">
            <h2 id="signature-title">{t.signature_title}</h2>
            <p id="signature-hint" class="hint">{t.signature_hint}</p>
            <canvas ref={canvas} id="signature-pad" class="signature-pad"
                width={PAD_WIDTH.to_string()} height={PAD_HEIGHT.to_string()}
                role="img" aria-label={t.signature_pad_label} aria-describedby="signature-hint"
                data-strokes={props.strokes.0.len().to_string()}
                {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup} />
            if props.uploaded.is_some() {
                <canvas ref={upload_canvas} id="signature-upload" class="signature-upload" aria-hidden="true" />
            }
            <p id="signature-status" class="status" role="status">{status}</p>
            <div class="button-row">
                <button type="button" id="signature-undo" class="secondary" disabled={!has_strokes} onclick={undo}>{t.undo}</button>
                <button type="button" id="signature-clear" class="secondary"
                    disabled={!has_strokes && props.uploaded.is_none()} onclick={clear}>{t.clear}</button>
            </div>
            <FilePicker id="signature-input" accept="image/*" label={t.upload_signature} on_file={props.on_upload.clone()} />
        </section>
    }
}

/// The pointer's position in pad pixels. Read as fractional CSS pixels (web-sys's `client_x`
/// rounds to whole ones, which shows as steps once scaled up to the pad).
fn pad_point(el: &HtmlCanvasElement, e: &PointerEvent) -> (f32, f32) {
    let rect = el.get_bounding_client_rect();
    let coord = |name: &str, fallback: i32| {
        js_sys::Reflect::get(e, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::from(fallback))
    };
    let x = (coord("clientX", e.client_x()) - rect.left()) / rect.width().max(1.0);
    let y = (coord("clientY", e.client_y()) - rect.top()) / rect.height().max(1.0);
    (
        (x * f64::from(PAD_WIDTH)) as f32,
        (y * f64::from(PAD_HEIGHT)) as f32,
    )
}

/// Draw the strokes (and the one in progress) with the core, as the card will have them.
fn paint_strokes(canvas: &NodeRef, strokes: &[Stroke], current: Option<&Stroke>) {
    let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
        return;
    };
    let image = match current {
        Some(stroke) => {
            let mut all = strokes.to_vec();
            all.push(stroke.clone());
            signature::from_strokes(&all, PAD_WIDTH, PAD_HEIGHT)
        }
        None => signature::from_strokes(strokes, PAD_WIDTH, PAD_HEIGHT),
    };
    let _ = browser::paint(&el, &image);
}
