use web_sys::DragEvent;
use yew::prelude::*;

use super::photo_picker::on_drop_file;

use super::photo_transform::PhotoCanvas;
use crate::protocol::export::Product;
use crate::render::{PhotoMove, PhotoTransform};
use crate::ui::export_worker::previews::{Drawing, Sources};
use crate::ui::hooks::preview::{use_worker_preview, Ask};

/// Preview resolution: sharp on a 360-px phone at 2×.
pub const PREVIEW_SIZE: u32 = 720;

/// While a finger or the mouse drags the photo: a quarter of the pixels, so the picture keeps
/// up with the finger on a phone; the full preview is drawn when it lifts.
const DRAG_SIZE: u32 = PREVIEW_SIZE / 2;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// What is drawn: the twibbon as its export makes it.
    pub product: Product,
    /// The photo, the own frame and the kit's logo (for designs that show it).
    pub images: Sources,
    pub transform: PhotoTransform,
    pub label: AttrValue,
    pub hint: AttrValue,
    pub loading_label: AttrValue,
    pub loading: bool,
    pub cancel_label: AttrValue,
    pub on_cancel: Callback<()>,
    /// Drag, pinch, wheel and keys on the canvas.
    pub on_move: Callback<PhotoMove>,
    pub on_file: Callback<web_sys::File>,
    /// Darken what a profile photo's circle crop hides (the platforms show it in a circle).
    #[prop_or_default]
    pub circle: bool,
}

/// The live preview: rendered by the same core as the download (in the preview worker), at a
/// smaller size. Drag to pan, pinch or wheel to zoom, arrow keys and +/− from the keyboard (all
/// in the shared `PhotoCanvas`, as on the poster page), drop a file.
#[function_component]
pub fn Preview(props: &PreviewProps) -> Html {
    let dragging = use_state_eq(|| false);
    let on_gesture = {
        let dragging = dragging.clone();
        Callback::from(move |moving: bool| dragging.set(moving))
    };
    let deps = (props.product.clone(), props.images.clone(), *dragging);
    let canvas = use_worker_preview(
        deps,
        Some("preview-render"),
        false,
        move |(product, images, dragging)| {
            let drawing = Drawing {
                product: product.clone(),
                width: if *dragging { DRAG_SIZE } else { PREVIEW_SIZE },
                live: true,
                images: images.clone(),
            };
            // Before a photo is chosen, a first visit's preview is the first screen's picture,
            // which the core drew at build time: no need to draw it again at start-up.
            if *images == Sources::default() {
                if let Some(picture) = crate::ui::boot::first_screen_picture(product) {
                    return Some(Ask::Built {
                        picture,
                        side: PREVIEW_SIZE,
                        otherwise: drawing,
                    });
                }
            }
            Some(Ask::Draw(drawing))
        },
    );

    let has_photo = props.images.photo.is_some();
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = on_drop_file(props.on_file.clone());

    html! {
        <div class={classes!("preview", has_photo.then_some("has-photo"))} {ondragover} {ondrop}>
            <div class="canvas-box">
                <PhotoCanvas id="preview" canvas_ref={canvas} size={PREVIEW_SIZE} label={props.label.clone()}
                    transform={props.transform} on_move={props.on_move.clone()} {on_gesture} />
                if props.circle {
                    <div class="circle-guide" id="circle-guide" aria-hidden="true"></div>
                }
            </div>
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
