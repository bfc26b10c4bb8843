use yew::prelude::*;

use crate::export::Format;
use crate::ui::strings::Strings;

#[derive(Properties)]
pub struct DownloadBarProps {
    pub strings: &'static Strings,
    pub disabled: bool,
    pub busy: bool,
    pub on_download: Callback<Format>,
}

impl PartialEq for DownloadBarProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.strings, other.strings)
            && self.disabled == other.disabled
            && self.busy == other.busy
            && self.on_download == other.on_download
    }
}

/// Save the finished twibbon at full size.
#[function_component]
pub fn DownloadBar(props: &DownloadBarProps) -> Html {
    let s = props.strings;
    let button = |format: Format, id: &'static str, label: &'static str, primary: bool| {
        let on_download = props.on_download.clone();
        html! {
            <button type="button" {id} class={classes!(primary.then_some("primary"), (!primary).then_some("secondary"))}
                disabled={props.disabled || props.busy} onclick={move |_| on_download.emit(format)}>
                {if props.busy { s.downloading } else { label }}
            </button>
        }
    };
    html! {
        <div class="download-bar">
            {button(Format::Png, "download-png", s.download_png, true)}
            {button(Format::Jpeg, "download-jpeg", s.download_jpeg, false)}
        </div>
    }
}
