//! The studio module's side: its own Yew app with the poster and pledge card pages, mounted
//! inside the element the page gives it and re-rendered with every [`StudioProps`] the page
//! sends. Entry points for src/bin/studio.rs.

use std::rc::Rc;

use js_sys::Function;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::{StudioEvent, StudioProps};
use crate::brand::BrandKit;
use crate::ui::components::kit_offer::KitOfferPanel;
use crate::ui::state::{KitOffer, Product};
use crate::ui::{logo, pledge, poster};

#[derive(Properties, PartialEq)]
struct StudioAppProps {
    props: Rc<StudioProps>,
    on_event: Callback<StudioEvent>,
}

/// The poster and pledge pages. Each mounts the first time it is shown and then stays mounted
/// (hidden), so its inputs survive a tab switch — as they did when both were in the page's app.
#[function_component]
fn StudioApp(p: &StudioAppProps) -> Html {
    let props = &p.props;
    let opened = use_mut_ref(|| (false, false));
    {
        let mut opened = opened.borrow_mut();
        opened.0 |= props.product == Product::Poster;
        opened.1 |= props.product == Product::Pledge;
    }
    let (poster_opened, pledge_opened) = *opened.borrow();
    let kit: Rc<BrandKit> = use_memo(props.kit.clone(), |kit| kit.clone());
    // Decoded here as well as on the page: the two modules share no memory.
    let logo = logo::use_logo(kit.logo.clone());
    let on_kit = p.on_event.reform(StudioEvent::Kit);
    let on_dismiss_link = p.on_event.reform(|()| StudioEvent::DismissKitLink);
    let on_open_kit = p.on_event.reform(|()| StudioEvent::OpenKit);
    let on_offer_kit = p.on_event.reform(StudioEvent::OfferKit);
    let on_accept = p
        .on_event
        .reform(|kit: Rc<BrandKit>| StudioEvent::AcceptKit((*kit).clone()));
    let on_decline = p.on_event.reform(|()| StudioEvent::DeclineKit);
    let on_undo = p.on_event.reform(|()| StudioEvent::UndoKit);
    let on_dismiss = p.on_event.reform(|()| StudioEvent::DismissKitChange);
    let offer = props.offer.as_ref().map(|(kit, source)| KitOffer {
        kit: Rc::new(kit.clone()),
        source: *source,
    });
    html! {
        <>
            // Above the poster page, where a kit link opens and a kit file is imported.
            if props.product != Product::Twibbon {
                <KitOfferPanel lang={props.lang} {offer} kept={kit.clone()} change={props.kit_change}
                    {on_accept} {on_decline} {on_undo} {on_dismiss} />
            }
            if poster_opened {
                <poster::PosterPage lang={props.lang} hidden={props.product != Product::Poster}
                    kit={kit.clone()} logo={logo.clone()} kit_link={props.kit_link.clone()}
                    {on_kit} {on_offer_kit} {on_dismiss_link} />
            }
            if pledge_opened {
                <pledge::PledgePage lang={props.lang} hidden={props.product != Product::Pledge}
                    kit={kit.clone()} logo={logo.clone()} {on_open_kit} />
            }
        </>
    }
}

/// The mounted studio: [`Studio::update`] re-renders it with new props.
pub struct Studio {
    app: yew::AppHandle<StudioApp>,
    last: Rc<StudioProps>,
    on_event: Callback<StudioEvent>,
}

fn parse(json: &str) -> Result<StudioProps, JsValue> {
    serde_json::from_str(json).map_err(|e| JsValue::from_str(&format!("studio props: {e}")))
}

impl Studio {
    /// Mount the studio in `root` with the page's props (JSON) and its event callback, which
    /// receives each [`StudioEvent`] as JSON.
    pub fn mount(root: web_sys::Element, props: &str, notify: Function) -> Result<Studio, JsValue> {
        console_error_panic_hook::set_once();
        crate::ui::export_worker::host::use_studio_worker();
        let last = Rc::new(parse(props)?);
        let on_event = Callback::from(move |event: StudioEvent| {
            if let Ok(json) = serde_json::to_string(&event) {
                let _ = notify.call1(&JsValue::NULL, &JsValue::from_str(&json));
            }
        });
        let app = yew::Renderer::<StudioApp>::with_root_and_props(
            root,
            StudioAppProps {
                props: last.clone(),
                on_event: on_event.clone(),
            },
        )
        .render();
        Ok(Studio {
            app,
            last,
            on_event,
        })
    }

    /// New props from the page (the same JSON as [`Studio::mount`]'s).
    pub fn update(&mut self, props: &str) -> Result<(), JsValue> {
        let props = parse(props)?;
        if props == *self.last {
            return Ok(());
        }
        self.last = Rc::new(props);
        self.app.update(StudioAppProps {
            props: self.last.clone(),
            on_event: self.on_event.clone(),
        });
        Ok(())
    }
}
