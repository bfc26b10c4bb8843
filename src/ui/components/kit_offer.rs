//! A brand kit from a link or a file is never applied on arrival: it is shown beside the kit
//! the user keeps — agency, issuing body, colours, logo, hashtags — with "use this kit" and
//! "keep mine", and a line that says nobody has verified who wrote it. Nothing in storage
//! changes until the user chooses; after "use this kit" an undo puts the kept kit back.
//!
//! Everything from the offered kit is shown as text (Yew escapes it); its logo only as an
//! `<img>` of its own bytes (an SVG in an `<img>` runs no script), after the logo worker has
//! drawn it once: a logo that cannot be drawn is said to be left out, and is.

use std::rc::Rc;

use yew::prelude::*;

use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::template::Color;
use crate::ui::brand_kit::hex;
use crate::ui::logo::{self, LogoWorkers};
use crate::ui::state::{KitOffer, KitSource};
use crate::ui::strings::kit_offer_text as text;

#[derive(Properties, PartialEq)]
pub struct KitOfferProps {
    pub lang: Lang,
    pub offer: Option<KitOffer>,
    /// The kit the user has now.
    pub kept: Rc<BrandKit>,
    /// What the last choice did: `Some(true)` accepted (undo offered), `Some(false)` undone.
    pub change: Option<bool>,
    /// Use this kit (the offered kit, without its logo when that cannot be drawn).
    pub on_accept: Callback<Rc<BrandKit>>,
    pub on_decline: Callback<()>,
    pub on_undo: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// What became of the offered kit's logo.
#[derive(Clone, Copy, PartialEq)]
enum LogoCheck {
    None,
    Checking,
    Drawn,
    Broken,
}

/// One kit as a description list; `logo` says what to show in the logo row.
fn summary(lang: Lang, id: &str, kit: &BrandKit, logo: LogoCheck) -> Html {
    let t = text(lang);
    let or_empty = |s: &str| {
        if s.trim().is_empty() {
            t.empty.to_string()
        } else {
            s.to_string()
        }
    };
    let hashtags = kit.hashtag_line();
    let logo_html = match (logo, &kit.logo) {
        (LogoCheck::Checking, _) => html! { <span class="hint">{t.checking_logo}</span> },
        (LogoCheck::Broken, _) => html! { <span class="error-text">{t.logo_broken}</span> },
        (_, Some(l)) => html! {
            <img class="kit-offer-logo" src={crate::sharing::data_url(l.kind.mime(), &l.bytes)} alt={t.logo} />
        },
        (_, None) => html! { <span>{t.no_logo}</span> },
    };
    let swatch = |label: &'static str, c: Color| {
        html! {
            <span class="kit-offer-colour">
                <input type="color" disabled={true} value={hex(c)} aria-label={label} />
                <code>{hex(c)}</code>
            </span>
        }
    };
    html! {
        <dl class="kit-offer-kit" id={id.to_string()}>
            <dt>{t.agency}</dt><dd class="kit-offer-agency">{or_empty(&kit.agency)}</dd>
            <dt>{t.issuer}</dt><dd class="kit-offer-issuer">{or_empty(&kit.issuer)}</dd>
            <dt>{t.colours}</dt>
            <dd class="kit-offer-colours">{swatch(t.primary, kit.primary)}{swatch(t.secondary, kit.secondary)}</dd>
            <dt>{t.logo}</dt><dd class="kit-offer-logo-row">{logo_html}</dd>
            <dt>{t.hashtags}</dt><dd class="kit-offer-hashtags">{or_empty(&hashtags)}</dd>
        </dl>
    }
}

#[function_component]
pub fn KitOfferPanel(props: &KitOfferProps) -> Html {
    let t = text(props.lang);
    let workers = use_memo((), |_| LogoWorkers::new());
    let check = use_state_eq(|| LogoCheck::None);
    let heading = use_node_ref();
    {
        // Draw the offered logo once before anything says it will be used.
        let check = check.clone();
        let heading = heading.clone();
        let offered = props.offer.as_ref().map(|o| o.kit.clone());
        use_effect_with(offered, move |offered| {
            match offered.as_ref().and_then(|k| k.logo.clone()) {
                None => check.set(LogoCheck::None),
                Some(logo) => {
                    check.set(LogoCheck::Checking);
                    let check = check.clone();
                    logo::check(&workers, logo, move |r| {
                        check.set(if r.is_ok() {
                            LogoCheck::Drawn
                        } else {
                            LogoCheck::Broken
                        })
                    });
                }
            }
            // The offer may arrive while the user is further down the page (a kit file picked
            // in the kit panel): bring it into view and give it the focus.
            if offered.is_some() {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    h.scroll_into_view();
                    let _ = h.focus();
                }
            }
        });
    }

    if let Some(offer) = &props.offer {
        let checking = *check == LogoCheck::Checking;
        let on_accept = {
            let (kit, broken, cb) = (
                offer.kit.clone(),
                *check == LogoCheck::Broken,
                props.on_accept.clone(),
            );
            Callback::from(move |_: MouseEvent| {
                let kit = if broken {
                    Rc::new(BrandKit {
                        logo: None,
                        ..(*kit).clone()
                    })
                } else {
                    kit.clone()
                };
                cb.emit(kit)
            })
        };
        let title = match offer.source {
            KitSource::Link => t.title_link,
            KitSource::File => t.title_file,
        };
        return html! {
            <section class="card kit-offer" id="kit-offer" role="dialog" aria-modal="false"
                aria-labelledby="kit-offer-title" aria-describedby="kit-offer-unverified">
                <h2 id="kit-offer-title" tabindex="-1" ref={heading}>{title}</h2>
                <p class="unverified" id="kit-offer-unverified">{t.unverified}</p>
                <div class="kit-offer-compare">
                    <section aria-labelledby="kit-offer-new-title">
                        <h3 id="kit-offer-new-title">{t.offered}</h3>
                        {summary(props.lang, "kit-offer-new", &offer.kit, *check)}
                    </section>
                    <section aria-labelledby="kit-offer-kept-title">
                        <h3 id="kit-offer-kept-title">{t.kept}</h3>
                        {summary(props.lang, "kit-offer-kept", &props.kept, LogoCheck::Drawn)}
                    </section>
                </div>
                <div class="button-row">
                    <button type="button" id="kit-offer-accept" class="primary" disabled={checking}
                        onclick={on_accept}>{t.accept}</button>
                    <button type="button" id="kit-offer-decline" class="secondary"
                        onclick={props.on_decline.reform(|_| ())}>{t.decline}</button>
                </div>
            </section>
        };
    }
    match &props.change {
        Some(true) => html! {
            <div class="notice-banner" id="kit-change" role="status">
                <p>{t.accepted}</p>
                <div class="button-row">
                    <button type="button" id="kit-undo" class="secondary" onclick={props.on_undo.reform(|_| ())}>{t.undo}</button>
                    <button type="button" class="secondary" onclick={props.on_dismiss.reform(|_| ())}>{t.close}</button>
                </div>
            </div>
        },
        Some(false) => html! {
            <div class="notice-banner" id="kit-change" role="status">
                <p>{t.undone}</p>
                <button type="button" class="secondary" onclick={props.on_dismiss.reform(|_| ())}>{t.close}</button>
            </div>
        },
        None => html! {},
    }
}
