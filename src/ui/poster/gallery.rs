//! The poster designs as live thumbnails: each with the user's texts, brand kit and photo, at
//! the chosen size, drawn by the core's `render_poster` like the preview.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::state::Values;
use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::poster::{self, PosterSize};
use crate::render::PhotoTransform;
use crate::ui::hooks::preview::use_thumbnail;
use crate::ui::state::PhotoRef;

const THUMB_WIDTH: u32 = 160;

#[derive(Properties, PartialEq)]
pub struct PosterGalleryProps {
    pub lang: Lang,
    pub selected: usize,
    pub size: PosterSize,
    /// The texts typed, per design.
    pub values: Rc<Values>,
    pub kit: Rc<BrandKit>,
    pub photo: Option<PhotoRef>,
    pub transform: PhotoTransform,
    pub logo: Option<PhotoRef>,
    pub on_select: Callback<usize>,
}

#[function_component]
pub fn PosterGallery(props: &PosterGalleryProps) -> Html {
    let options = poster::builtin_posters().iter().enumerate().map(|(i, p)| {
        let on_select = props.on_select.clone();
        let values = Rc::new(props.values.get(&p.id).cloned().unwrap_or_default());
        html! {
            <li>
                <button type="button" class="poster-option" data-poster-id={p.id.clone()}
                    aria-pressed={(i == props.selected).to_string()} onclick={move |_| on_select.emit(i)}>
                    <Thumb index={i} size={props.size} {values} kit={props.kit.clone()}
                        photo={props.photo.clone()} logo={props.logo.clone()}
                        // Only designs with a photo follow its placement: the others need not
                        // redraw while it is dragged.
                        transform={if p.has_photo() { props.transform } else { PhotoTransform::default() }} />
                    <span class="frame-name">{p.name.get(props.lang)}</span>
                </button>
            </li>
        }
    });
    html! { <ul class="frame-list poster-list">{ for options }</ul> }
}

#[derive(Properties, PartialEq)]
struct ThumbProps {
    index: usize,
    size: PosterSize,
    values: Rc<BTreeMap<String, String>>,
    kit: Rc<BrandKit>,
    photo: Option<PhotoRef>,
    transform: PhotoTransform,
    logo: Option<PhotoRef>,
}

/// A live thumbnail: the design with the user's texts, brand and photo, at the chosen size.
#[function_component]
fn Thumb(props: &ThumbProps) -> Html {
    let deps = (
        props.index,
        props.size,
        props.values.clone(),
        props.kit.clone(),
        props.photo.clone(),
        props.transform,
        props.logo.clone(),
    );
    let canvas = use_thumbnail(
        deps,
        |(index, size, values, kit, photo, transform, logo)| {
            let inputs = super::poster_inputs(values, kit, photo, *transform, logo);
            let template = &poster::builtin_posters()[*index];
            poster::render_poster(template, *size, &inputs, THUMB_WIDTH).ok()
        },
    );
    // Sized before it is drawn (thumbnails draw when scrolled to): the gallery does not move
    // as they appear.
    let (w, h) = props.size.pixels();
    let height = crate::template::scaled_height([w, h], THUMB_WIDTH);
    html! {
        <canvas ref={canvas} class="thumb poster-thumb" aria-hidden="true"
            width={THUMB_WIDTH.to_string()} height={height.to_string()} />
    }
}
