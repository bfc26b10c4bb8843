//! A link to share (the brand kit's, a campaign's): shown in a box to read or select, with a
//! note when its logo was left out, a copy button and what the copy did. Element ids are
//! `{id}-output`, `-note`, `-copy` and `-status`.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::ui::share;

#[derive(Properties, PartialEq)]
pub struct LinkBoxProps {
    pub id: AttrValue,
    pub url: AttrValue,
    pub label: AttrValue,
    /// Shown when the link had to leave the logo out.
    pub logo_note: Option<AttrValue>,
    pub copy_label: AttrValue,
    pub copied: AttrValue,
    /// Copying was refused: the link is selected for the user to copy.
    pub selected: AttrValue,
}

#[function_component]
pub fn LinkBox(props: &LinkBoxProps) -> Html {
    // Some(true): copied; Some(false): only selected.
    let copied = use_state(|| None::<bool>);
    let area = use_node_ref();
    {
        let copied = copied.clone();
        use_effect_with(props.url.clone(), move |_| copied.set(None));
    }
    let on_copy = {
        let (copied, area, url) = (copied.clone(), area.clone(), props.url.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, area, url) = (copied.clone(), area.clone(), url.clone());
            spawn_local(async move {
                if let Some(done) = share::copy_link(&url, &area).await {
                    copied.set(Some(done));
                }
            });
        })
    };
    let id = |part: &str| format!("{}-{part}", props.id);
    html! {
        <div class="field">
            <label for={id("output")}>{props.label.clone()}</label>
            <textarea id={id("output")} ref={area} readonly=true rows="3" value={props.url.clone()} />
            if let Some(note) = &props.logo_note {
                <p class="notice" id={id("note")}>{note.clone()}</p>
            }
            <button type="button" id={id("copy")} class="secondary" onclick={on_copy}>{props.copy_label.clone()}</button>
            <p class="status" id={id("status")} role="status">
                {match *copied {
                    Some(true) => props.copied.clone(),
                    Some(false) => props.selected.clone(),
                    None => AttrValue::default(),
                }}
            </p>
        </div>
    }
}
