use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Lang;
use crate::render::{render, Inputs};
use crate::template::Template;
use crate::ui::hooks::preview::use_thumbnail;
use crate::ui::state::PhotoRef;
use crate::ui::twibbon::state::FrameChoice;

const THUMB_SIZE: u32 = 168;

#[derive(Properties, PartialEq)]
pub struct FrameGalleryProps {
    pub lang: Lang,
    pub title: AttrValue,
    pub own_label: AttrValue,
    pub frames: Rc<Vec<Rc<Template>>>,
    pub own_template: Rc<Template>,
    pub selected: FrameChoice,
    pub photo: Option<PhotoRef>,
    pub own_frame: Option<PhotoRef>,
    /// The brand kit's logo, for designs that show it.
    #[prop_or_default]
    pub logo: Option<PhotoRef>,
    pub on_select: Callback<FrameChoice>,
    /// The upload control for the user's own frame, placed at the end of the gallery.
    #[prop_or_default]
    pub children: Html,
}

/// Thumbnails of every frame with the user's photo in it, rendered by the same core.
#[function_component]
pub fn FrameGallery(props: &FrameGalleryProps) -> Html {
    let option = |choice: FrameChoice,
                  template: Rc<Template>,
                  frame: Option<PhotoRef>,
                  name: String,
                  id: String| {
        let on_select = props.on_select.clone();
        html! {
            <li>
                <button type="button" class="frame-option" data-frame-id={id}
                    aria-pressed={(props.selected == choice).to_string()} onclick={move |_| on_select.emit(choice)}>
                    <Thumb {template} photo={props.photo.clone()} {frame} logo={props.logo.clone()} />
                    <span class="frame-name">{name}</span>
                </button>
            </li>
        }
    };
    html! {
        <section class="frames" aria-labelledby="frames-title">
            <h2 id="frames-title">{props.title.clone()}</h2>
            <ul class="frame-list">
                { for props.frames.iter().enumerate().map(|(i, t)| option(
                    FrameChoice::Builtin(i), t.clone(), None, t.name.get(props.lang).to_string(), t.id.clone())) }
                if props.own_frame.is_some() {
                    { option(FrameChoice::Own, props.own_template.clone(), props.own_frame.clone(),
                        props.own_label.to_string(), props.own_template.id.clone()) }
                }
            </ul>
            { props.children.clone() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ThumbProps {
    template: Rc<Template>,
    photo: Option<PhotoRef>,
    frame: Option<PhotoRef>,
    logo: Option<PhotoRef>,
}

#[function_component]
fn Thumb(props: &ThumbProps) -> Html {
    let deps = (
        props.template.clone(),
        props.photo.clone(),
        props.frame.clone(),
        props.logo.clone(),
    );
    let canvas = use_thumbnail(deps, |(template, photo, frame, logo)| {
        let inputs = Inputs {
            photo: photo.as_ref().map(|p| &*p.0),
            frame: frame.as_ref().map(|p| &*p.0),
            logo: logo.as_ref().map(|p| &*p.0),
            ..Inputs::default()
        };
        render(template, &inputs, THUMB_SIZE).ok()
    });
    html! { <canvas ref={canvas} class="thumb" width={THUMB_SIZE.to_string()} height={THUMB_SIZE.to_string()} aria-hidden="true" /> }
}
