//! The brand kit panel: agency, issuing body, colours, hashtags and logo, with export/import as
//! a JSON file and a link that carries the kit. Every change goes through the core's checks
//! (`BrandKit::validate`, `Logo::from_bytes`, `decode_logo` in the decode worker); a bad file or field shows an
//! error and leaves the kit as it was.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::bounded_read::FileKind;
use crate::brand::{BrandKit, Logo, MAX_NAME_CHARS};
use crate::i18n::Lang;
use crate::template::Color;
use crate::ui::browser;
use crate::ui::components::link_box::LinkBox;
use crate::ui::components::photo_picker::FilePicker;
use crate::ui::state::UiError;
use crate::ui::strings::poster_text as text;
use crate::ui::{brand_store, logo};

#[derive(Properties, PartialEq)]
pub struct BrandKitPanelProps {
    pub lang: Lang,
    pub kit: Rc<BrandKit>,
    pub on_change: Callback<BrandKit>,
    /// A kit file read and checked: the page shows it beside this kit and asks (see
    /// `components::kit_offer`); nothing changes here until the user chooses.
    pub on_offer: Callback<BrandKit>,
    pub on_error: Callback<UiError>,
}

/// A colour as `<input type="color">` takes it.
pub(crate) fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[function_component]
pub fn BrandKitPanel(props: &BrandKitPanelProps) -> Html {
    let t = text(props.lang);
    let kit = props.kit.clone();
    // The link made from the current kit, whether its logo was left out, and a status line.
    let link = use_state(|| None::<(String, bool)>);
    let hashtags = use_state(|| kit.hashtag_line());
    // Logos are checked by drawing them in the decode worker (see ui/logo.rs).
    let worker = use_memo((), |_| logo::LogoWorkers::new());
    {
        let link = link.clone();
        let hashtags = hashtags.clone();
        use_effect_with(kit.clone(), move |kit| {
            // A link made before a change would carry the old kit.
            link.set(None);
            hashtags.set(kit.hashtag_line());
        });
    }

    // Apply an edited kit if it passes the checks, else report why.
    let apply = {
        let on_change = props.on_change.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |next: BrandKit| match next.validate() {
            Ok(()) => on_change.emit(next),
            Err(e) => on_error.emit(UiError::Brand(e)),
        })
    };
    let edit = |f: fn(&mut BrandKit, String)| {
        let kit = kit.clone();
        let apply = apply.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*kit).clone();
            f(&mut next, input_value(&e));
            apply.emit(next);
        })
    };
    let on_agency = edit(|k, v| k.agency = v);
    let on_issuer = edit(|k, v| k.issuer = v);
    let on_primary = edit(|k, v| {
        if let Some(c) = Color::parse(&v) {
            k.primary = c;
        }
    });
    let on_secondary = edit(|k, v| {
        if let Some(c) = Color::parse(&v) {
            k.secondary = c;
        }
    });
    let on_hashtags_input = {
        let hashtags = hashtags.clone();
        Callback::from(move |e: InputEvent| hashtags.set(input_value(&e)))
    };
    let on_hashtags_change = {
        let kit = kit.clone();
        let apply = apply.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = (*kit).clone();
            next.hashtags = BrandKit::parse_hashtags(&value);
            apply.emit(next);
        })
    };
    let on_logo = {
        let kit = kit.clone();
        let apply = apply.clone();
        let on_error = props.on_error.clone();
        let worker = worker.clone();
        Callback::from(move |file: web_sys::File| {
            let (kit, apply, on_error) = (kit.clone(), apply.clone(), on_error.clone());
            let worker = worker.clone();
            spawn_local(async move {
                // The bounded reader: an oversized file is refused before it is read.
                let bytes = match browser::read_file(file, FileKind::Logo).await {
                    Ok(bytes) => bytes,
                    Err(e) => return on_error.emit(UiError::File(e)),
                };
                let logo = match Logo::from_bytes(bytes) {
                    Ok(logo) => logo,
                    Err(e) => return on_error.emit(UiError::Brand(e)),
                };
                logo::check(&worker, logo, move |checked| match checked {
                    Ok(logo) => apply.emit(BrandKit {
                        logo: Some(logo),
                        ..(*kit).clone()
                    }),
                    Err(e) => on_error.emit(UiError::Brand(e)),
                });
            });
        })
    };
    let on_logo_remove = {
        let kit = kit.clone();
        let apply = apply.clone();
        Callback::from(move |_| {
            apply.emit(BrandKit {
                logo: None,
                ..(*kit).clone()
            })
        })
    };
    let on_export = {
        let kit = kit.clone();
        Callback::from(move |_| {
            let json = kit.to_json();
            let _ = browser::download(
                json.as_bytes(),
                "application/json",
                "kit-merek-asn-pilih-netral.json",
            );
        })
    };
    let on_import = {
        let on_offer = props.on_offer.clone();
        let on_error = props.on_error.clone();
        Callback::from(move |file: web_sys::File| {
            let (on_offer, on_error) = (on_offer.clone(), on_error.clone());
            spawn_local(async move {
                // The bounded reader: an oversized file is refused before it is read.
                let bytes = match browser::read_file(file, FileKind::Kit).await {
                    Ok(bytes) => bytes,
                    Err(e) => return on_error.emit(UiError::File(e)),
                };
                match BrandKit::from_json(&bytes) {
                    // Offered beside the kept kit (its logo is drawn there before it is used).
                    Ok(kit) => on_offer.emit(kit),
                    Err(e) => on_error.emit(UiError::Brand(e)),
                }
            });
        })
    };
    let on_make_link = {
        let kit = kit.clone();
        let link = link.clone();
        Callback::from(move |_| {
            let made = kit.to_link_fragment();
            link.set(Some((
                brand_store::link_for(&made.fragment),
                made.logo_left_out,
            )));
        })
    };

    html! {
        <section class="card brand-kit" aria-labelledby="brand-title">
            <h2 id="brand-title">{t.brand_title}</h2>
            <p class="hint">{t.brand_hint}</p>
            <div class="field">
                <label for="brand-agency">{t.agency}</label>
                <input id="brand-agency" type="text" maxlength={MAX_NAME_CHARS.to_string()} autocomplete="organization"
                    placeholder={t.agency_placeholder} value={kit.agency.clone()} oninput={on_agency} />
            </div>
            <div class="field">
                <label for="brand-issuer">{t.issuer}</label>
                <input id="brand-issuer" type="text" maxlength={MAX_NAME_CHARS.to_string()} aria-describedby="brand-issuer-hint"
                    placeholder={t.issuer_placeholder} value={kit.issuer.clone()} oninput={on_issuer} />
                <span class="hint" id="brand-issuer-hint">{t.issuer_hint}</span>
            </div>
            <div class="colour-row">
                <div class="field colour">
                    <label for="brand-primary">{t.primary}</label>
                    <input id="brand-primary" type="color" value={hex(kit.primary)} oninput={on_primary} />
                </div>
                <div class="field colour">
                    <label for="brand-secondary">{t.secondary}</label>
                    <input id="brand-secondary" type="color" value={hex(kit.secondary)} oninput={on_secondary} />
                </div>
            </div>
            <div class="field">
                <label for="brand-hashtags">{t.hashtags}</label>
                <input id="brand-hashtags" type="text" aria-describedby="brand-hashtags-hint" placeholder="#NetralitasASN"
                    value={(*hashtags).clone()} oninput={on_hashtags_input} onchange={on_hashtags_change} />
                <span class="hint" id="brand-hashtags-hint">{t.hashtags_hint}</span>
            </div>
            <div class="field">
                <FilePicker id="brand-logo-input" accept="image/png,image/jpeg,image/svg+xml" label={t.logo}
                    hint={Some(AttrValue::from(t.logo_hint))} on_file={on_logo} />
                if kit.logo.is_some() {
                    <div class="button-row">
                        <span class="logo-set" id="brand-logo-status">{t.logo_set}</span>
                        <button type="button" id="brand-logo-remove" class="secondary" onclick={on_logo_remove}>{t.logo_remove}</button>
                    </div>
                }
            </div>
            <div class="button-row">
                <button type="button" id="brand-export" class="secondary" onclick={on_export}>{t.export_kit}</button>
            </div>
            <FilePicker id="brand-import-input" accept=".json,application/json" label={t.import_kit} on_file={on_import} />
            <div class="button-row">
                <button type="button" id="brand-link" class="primary" onclick={on_make_link}>{t.make_link}</button>
            </div>
            if let Some((url, logo_left_out)) = (*link).clone() {
                <LinkBox id="brand-link" url={url} label={t.link_label}
                    logo_note={logo_left_out.then_some(AttrValue::from(t.link_no_logo))} copy_label={t.copy_link}
                    copied={t.link_copied} selected={t.link_selected} />
            }
        </section>
    }
}
