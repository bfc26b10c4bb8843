use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub accept: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub primary: bool,
    pub on_file: Callback<web_sys::File>,
}

/// A file input shown as a large button. On phones `accept="image/*"` also offers the camera.
#[function_component]
pub fn FilePicker(props: &FilePickerProps) -> Html {
    let on_file = props.on_file.clone();
    let onchange = Callback::from(move |e: Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            on_file.emit(file);
        }
        // Clear, so choosing the same file again (after fixing it) fires `change` again.
        input.set_value("");
    });
    html! {
        <div class="file-picker">
            <input type="file" id={props.id.clone()} class="visually-hidden" accept={props.accept.clone()} {onchange} />
            <label for={props.id.clone()} class={classes!("button", props.primary.then_some("primary"))}>
                {props.label.clone()}
            </label>
            if let Some(hint) = &props.hint {
                <span class="hint">{hint.clone()}</span>
            }
        </div>
    }
}

/// A drop target's `ondrop`: the first dropped file goes to `on_file` (and the browser does not
/// open it instead). Pair with an `ondragover` that prevents the default.
pub fn on_drop_file(on_file: Callback<web_sys::File>) -> Callback<web_sys::DragEvent> {
    Callback::from(move |e: web_sys::DragEvent| {
        e.prevent_default();
        if let Some(file) = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0))
        {
            on_file.emit(file);
        }
    })
}
