use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::render::{PhotoMove, PhotoTransform};
use crate::ui::strings::Strings;

#[derive(Properties)]
pub struct ControlsProps {
    pub strings: &'static Strings,
    pub transform: PhotoTransform,
    pub disabled: bool,
    /// The same moves as the photo canvas's gestures (see `photo_transform.rs`).
    pub on_move: Callback<PhotoMove>,
    /// Put before every element id, so the poster page's controls can sit in the same document
    /// as the twibbon page's.
    pub id_prefix: &'static str,
}

impl PartialEq for ControlsProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.strings, other.strings)
            && self.transform == other.transform
            && self.disabled == other.disabled
            && self.on_move == other.on_move
            && self.id_prefix == other.id_prefix
    }
}

fn range_value(e: InputEvent) -> Option<f32> {
    let input: HtmlInputElement = e.target()?.dyn_into().ok()?;
    input.value().parse().ok()
}

/// Zoom and rotation sliders plus quarter turns and reset, for people who cannot drag or pinch.
/// The twibbon and the poster pages both use it beside their `PhotoCanvas`.
#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let s = props.strings;
    let t = props.transform;
    // Show rotation as −180…180, the way people think of "a bit left / a bit right".
    let rotate_shown = if t.rotate > 180.0 {
        t.rotate - 360.0
    } else {
        t.rotate
    };
    let on_zoom = props.on_move.clone();
    let on_rotate = props.on_move.clone();
    let left = props.on_move.clone();
    let right = props.on_move.clone();
    let reset = props.on_move.clone();
    let id = |name: &str| format!("{}{name}", props.id_prefix);
    html! {
        <div class="controls">
            <div class="slider">
                <label for={id("zoom")}>{s.zoom}</label>
                <input type="range" id={id("zoom")} min={PhotoTransform::MIN_ZOOM.to_string()} max={PhotoTransform::MAX_ZOOM.to_string()}
                    step="0.01" value={format!("{:.2}", t.zoom)} disabled={props.disabled}
                    oninput={move |e| if let Some(v) = range_value(e) { on_zoom.emit(PhotoMove::SetZoom(v)) }} />
                <output for={id("zoom")}>{format!("{:.0}%", t.zoom * 100.0)}</output>
            </div>
            <div class="slider">
                <label for={id("rotate")}>{s.rotate}</label>
                <input type="range" id={id("rotate")} min="-180" max="180" step="1" value={format!("{rotate_shown:.0}")}
                    disabled={props.disabled}
                    oninput={move |e| if let Some(v) = range_value(e) { on_rotate.emit(PhotoMove::SetRotate(v)) }} />
                <output for={id("rotate")}>{format!("{rotate_shown:.0}°")}</output>
            </div>
            <div class="button-row">
                <button type="button" id={id("rotate-left")} class="secondary" aria-label={s.rotate_left} title={s.rotate_left}
                    disabled={props.disabled} onclick={move |_| left.emit(PhotoMove::RotateBy(-90.0))}>{"⟲ 90°"}</button>
                <button type="button" id={id("rotate-right")} class="secondary" aria-label={s.rotate_right} title={s.rotate_right}
                    disabled={props.disabled} onclick={move |_| right.emit(PhotoMove::RotateBy(90.0))}>{"⟳ 90°"}</button>
                <button type="button" id={id("reset")} class="secondary" disabled={props.disabled}
                    onclick={move |_| reset.emit(PhotoMove::Reset)}>{s.reset}</button>
            </div>
        </div>
    }
}
