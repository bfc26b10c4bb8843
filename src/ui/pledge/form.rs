//! The signer's fields (with the NIP / NI PPPK checked as it is typed) and the editable ikrar
//! points.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::card;
use super::state::Form;
use crate::i18n::Lang;
use crate::pledge::nip::Kind;
use crate::pledge::{self, Date, Field, MAX_FIELD_CHARS, MAX_POINT_CHARS};
use crate::ui::strings::pledge_text as text;

#[derive(Properties, PartialEq)]
pub struct DesignSwitchProps {
    pub lang: Lang,
    /// The chosen design's id.
    pub design: String,
    pub on_design: Callback<String>,
}

/// The card designs (every JSON file under `assets/templates/pledge/`), one radio each: a new
/// design file appears here without code.
#[function_component]
pub fn DesignSwitch(props: &DesignSwitchProps) -> Html {
    let designs = pledge::designs().iter().map(|design| {
        let on_design = props.on_design.clone();
        let id = format!("pledge-design-{}", design.id);
        let value = design.id.clone();
        html! {
            <label class="size-option" for={id.clone()}>
                <input type="radio" name="pledge-design" id={id} value={design.id.clone()}
                    checked={props.design == design.id} onchange={move |_| on_design.emit(value.clone())} />
                <span>{design.name.get(props.lang)}</span>
            </label>
        }
    });
    html! {
        <fieldset class="card size-switch" id="pledge-designs">
            <legend>{text(props.lang).design}</legend>
            { for designs }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct SignerFormProps {
    pub lang: Lang,
    pub form: Form,
    /// The brand kit's agency: the placeholder of an empty agency field (and what it prints).
    pub kit_agency: AttrValue,
    pub today: Date,
    pub on_field: Callback<(Field, String)>,
}

#[function_component]
pub fn SignerForm(props: &SignerFormProps) -> Html {
    let t = text(props.lang);
    let f = &props.form;
    let input = |field: Field,
                 id: &'static str,
                 label: &'static str,
                 value: &str,
                 placeholder: &str| {
        let on_field = props.on_field.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            on_field.emit((field, e.target_unchecked_into::<HtmlInputElement>().value()));
        });
        html! {
            <div class="field">
                <label for={id}>{label}</label>
                <input {id} type="text" maxlength={MAX_FIELD_CHARS.to_string()} value={value.to_string()}
                    placeholder={placeholder.to_string()} autocomplete="off" {oninput} />
            </div>
        }
    };

    // The number is checked on every keystroke: the message says which kind was recognised
    // (a PNS's NIP or a PPPK's NI PPPK), or names the part that is wrong.
    let nip_check = card::check_nip(&f.nip, props.today);
    let nip_status = match &nip_check {
        None => None,
        Some(Ok(nip)) => {
            let ok = match nip.kind() {
                Kind::Pns => t.nip_ok_pns,
                Kind::Pppk => t.nip_ok_pppk,
            };
            Some((false, ok.replace("{nip}", &nip.grouped())))
        }
        Some(Err(e)) => Some((true, e.message(props.lang))),
    };
    let nip_invalid = matches!(nip_status, Some((true, _)));
    // The kind recognised, for styling and tests: "pns", "pppk", or absent.
    let nip_kind = nip_check.as_ref().and_then(|r| match r {
        Ok(nip) => Some(nip.kind()),
        Err(e) => e.kind(),
    });
    let nip_kind = nip_kind.map(|k| {
        AttrValue::Static(match k {
            Kind::Pns => "pns",
            Kind::Pppk => "pppk",
        })
    });
    let on_nip = {
        let on_field = props.on_field.clone();
        Callback::from(move |e: InputEvent| {
            on_field.emit((
                Field::Nip,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ));
        })
    };
    let on_date = {
        let on_field = props.on_field.clone();
        Callback::from(move |e: Event| {
            on_field.emit((
                Field::Date,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ));
        })
    };

    html! {
        <section class="card pledge-form" aria-labelledby="pledge-form-title">
            <h2 id="pledge-form-title">{t.form_title}</h2>
            {input(Field::Name, "pledge-name", t.name, &f.name, t.name_placeholder)}
            <div class="field">
                <label for="pledge-nip">{t.nip}</label>
                // Text, not number: spaces and dots are allowed, and leading zeros matter.
                <input id="pledge-nip" type="text" inputmode="numeric" maxlength="40" value={f.nip.clone()}
                    autocomplete="off" aria-invalid={nip_invalid.to_string()}
                    aria-describedby="pledge-nip-hint pledge-nip-status" oninput={on_nip} />
                <p id="pledge-nip-hint" class="hint">{t.nip_hint}</p>
                <p id="pledge-nip-status" class={classes!("field-status", nip_invalid.then_some("invalid"))}
                    data-kind={nip_kind}>
                    {nip_status.map(|(_, m)| m).unwrap_or_default()}
                </p>
            </div>
            {input(Field::Position, "pledge-position", t.position, &f.position, t.position_placeholder)}
            <div class="field">
                <label for="pledge-agency">{t.agency}</label>
                <input id="pledge-agency" type="text" maxlength={MAX_FIELD_CHARS.to_string()} value={f.agency.clone()}
                    placeholder={props.kit_agency.clone()} aria-describedby="pledge-agency-hint" autocomplete="off"
                    oninput={{
                        let on_field = props.on_field.clone();
                        Callback::from(move |e: InputEvent| {
                            on_field.emit((Field::Agency, e.target_unchecked_into::<HtmlInputElement>().value()));
                        })
                    }} />
                <p id="pledge-agency-hint" class="hint">{t.agency_hint}</p>
            </div>
            <div class="field-row">
                {input(Field::Place, "pledge-place", t.place, &f.place, t.place_placeholder)}
                <div class="field">
                    <label for="pledge-date">{t.date}</label>
                    <input id="pledge-date" type="date" value={f.date.clone()} onchange={on_date} />
                </div>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PointsEditorProps {
    pub lang: Lang,
    pub points: Rc<Vec<String>>,
    pub edited: bool,
    /// (index, text)
    pub on_point: Callback<(usize, String)>,
    pub on_reset: Callback<()>,
}

/// The ikrar points, editable by the agency; until edited they follow the page's language.
#[function_component]
pub fn PointsEditor(props: &PointsEditorProps) -> Html {
    let t = text(props.lang);
    let points = props.points.iter().enumerate().map(|(i, point)| {
        let id = format!("pledge-point-{}", i + 1);
        let on_point = props.on_point.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            on_point.emit((i, e.target_unchecked_into::<HtmlTextAreaElement>().value()));
        });
        html! {
            <div class="field">
                <label for={id.clone()}>{t.point_label.replace("{n}", &(i + 1).to_string())}</label>
                <textarea {id} rows="4" maxlength={MAX_POINT_CHARS.to_string()} value={point.clone()} {oninput} />
            </div>
        }
    });
    let on_reset = props.on_reset.clone();
    html! {
        <section class="card pledge-points" aria-labelledby="pledge-points-title">
            <h2 id="pledge-points-title">{t.points_title}</h2>
            { for points }
            if props.edited {
                <button type="button" id="pledge-points-reset" class="secondary"
                    onclick={move |_| on_reset.emit(())}>{t.reset_points}</button>
            }
        </section>
    }
}
