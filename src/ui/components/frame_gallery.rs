use std::rc::Rc;

use yew::prelude::*;

use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::poster::PosterSize;
use crate::protocol::export::Product;
use crate::render::PhotoTransform;
use crate::template::Template;
use crate::twibbon;
use crate::ui::export_worker::previews::{Drawing, Sources};
use crate::ui::hooks::preview::{use_worker_preview, Ask};
use crate::ui::twibbon::state::{twibbon_product, FrameChoice, Texts};

const THUMB_SIZE: u32 = 168;

#[derive(Properties, PartialEq)]
pub struct FrameGalleryProps {
    pub lang: Lang,
    pub title: AttrValue,
    pub own_label: AttrValue,
    /// The designs' texts and the kit that colours them.
    pub texts: Texts,
    pub kit: Rc<BrandKit>,
    pub selected: FrameChoice,
    /// The photo, the own frame and the kit's logo (for designs that show it).
    pub images: Sources,
    pub on_select: Callback<FrameChoice>,
    /// The upload control for the user's own frame, placed at the end of the gallery.
    #[prop_or_default]
    pub children: Html,
}

/// Thumbnails of every frame with the user's photo in it, drawn by the same core as the
/// downloads (in the preview worker), square, with the photo as it first comes.
#[function_component]
pub fn FrameGallery(props: &FrameGalleryProps) -> Html {
    let option = |choice: FrameChoice, name: String, id: String| {
        let on_select = props.on_select.clone();
        let product = twibbon_product(
            id.clone(),
            PosterSize::Square,
            &props.texts,
            &props.kit,
            PhotoTransform::default(),
        );
        html! {
            <li>
                <button type="button" class="frame-option" data-frame-id={id}
                    aria-pressed={(props.selected == choice).to_string()} onclick={move |_| on_select.emit(choice)}>
                    // Every thumbnail and the preview name the same images (the core leaves out
                    // what a frame does not draw), so the worker keeps them between draws.
                    <Thumb {product} images={props.images.clone()} />
                    <span class="frame-name">{name}</span>
                </button>
            </li>
        }
    };
    html! {
        <section class="frames" aria-labelledby="frames-title">
            <h2 id="frames-title">{props.title.clone()}</h2>
            <ul class="frame-list">
                { for twibbon::design_cards().iter().enumerate().map(|(i, d)| option(
                    FrameChoice::Builtin(i), d.name.get(props.lang).to_string(), d.id.clone())) }
                if props.images.frame.is_some() {
                    { option(FrameChoice::Own, props.own_label.to_string(), Template::user_frame().id) }
                }
            </ul>
            { props.children.clone() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ThumbProps {
    product: Product,
    images: Sources,
}

#[function_component]
fn Thumb(props: &ThumbProps) -> Html {
    let deps = (props.product.clone(), props.images.clone());
    let canvas = use_worker_preview(deps, None, true, |(product, images)| {
        Some(Ask::Draw(Drawing {
            product: product.clone(),
            width: THUMB_SIZE,
            live: false,
            images: images.clone(),
        }))
    });
    html! { <canvas ref={canvas} class="thumb" width={THUMB_SIZE.to_string()} height={THUMB_SIZE.to_string()} aria-hidden="true" /> }
}
