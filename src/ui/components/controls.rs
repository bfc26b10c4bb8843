use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::render::PhotoTransform;
use crate::ui::strings::Strings;

#[derive(Properties)]
pub struct ControlsProps {
    pub strings: &'static Strings,
    pub transform: PhotoTransform,
    pub disabled: bool,
    pub on_zoom: Callback<f32>,
    pub on_rotate: Callback<f32>,
    pub on_rotate_by: Callback<f32>,
    pub on_reset: Callback<()>,
}

impl PartialEq for ControlsProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.strings, other.strings)
            && self.transform == other.transform
            && self.disabled == other.disabled
            && self.on_zoom == other.on_zoom
            && self.on_rotate == other.on_rotate
            && self.on_rotate_by == other.on_rotate_by
            && self.on_reset == other.on_reset
    }
}

fn range_value(e: InputEvent) -> Option<f32> {
    let input: HtmlInputElement = e.target()?.dyn_into().ok()?;
    input.value().parse().ok()
}

/// Zoom and rotation sliders plus quarter turns and reset, for people who cannot drag or pinch.
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
    let on_zoom = props.on_zoom.clone();
    let on_rotate = props.on_rotate.clone();
    let left = props.on_rotate_by.clone();
    let right = props.on_rotate_by.clone();
    let reset = props.on_reset.clone();
    html! {
        <div class="controls">
            <div class="slider">
                <label for="zoom">{s.zoom}</label>
                <input type="range" id="zoom" min={PhotoTransform::MIN_ZOOM.to_string()} max={PhotoTransform::MAX_ZOOM.to_string()}
                    step="0.01" value={format!("{:.2}", t.zoom)} disabled={props.disabled}
                    oninput={move |e| if let Some(v) = range_value(e) { on_zoom.emit(v) }} />
                <output for="zoom">{format!("{:.0}%", t.zoom * 100.0)}</output>
            </div>
            <div class="slider">
                <label for="rotate">{s.rotate}</label>
                <input type="range" id="rotate" min="-180" max="180" step="1" value={format!("{rotate_shown:.0}")}
                    disabled={props.disabled}
                    oninput={move |e| if let Some(v) = range_value(e) { on_rotate.emit(v) }} />
                <output for="rotate">{format!("{rotate_shown:.0}°")}</output>
            </div>
            <div class="button-row">
                <button type="button" id="rotate-left" class="secondary" aria-label={s.rotate_left} title={s.rotate_left}
                    disabled={props.disabled} onclick={move |_| left.emit(-90.0)}>{"⟲ 90°"}</button>
                <button type="button" id="rotate-right" class="secondary" aria-label={s.rotate_right} title={s.rotate_right}
                    disabled={props.disabled} onclick={move |_| right.emit(90.0)}>{"⟳ 90°"}</button>
                <button type="button" id="reset" class="secondary" disabled={props.disabled}
                    onclick={move |_| reset.emit(())}>{s.reset}</button>
            </div>
        </div>
    }
}
