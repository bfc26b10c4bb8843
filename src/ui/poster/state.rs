//! The poster page's own state: which design, which size, the texts typed for each design, the
//! photo, and what is going on. (The brand kit is app-wide, in `ui::state`.)

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::photo::Photo;
use crate::poster::PosterSize;
use crate::render::{PhotoMove, PhotoTransform};
use crate::ui::state::{PhotoRef, UiError};

/// Texts by template id, then by field key. Kept per design, so switching designs and back
/// loses nothing and one design's headline never lands on another.
pub type Values = BTreeMap<String, BTreeMap<String, String>>;

#[derive(Clone, Debug, PartialEq)]
pub struct PosterState {
    pub template: usize,
    pub size: PosterSize,
    pub values: Rc<Values>,
    pub photo: Option<PhotoRef>,
    /// Where the photo sits in its slot (the same moves as the twibbon's).
    pub transform: PhotoTransform,
    pub loading: bool,
    pub exporting: bool,
    pub error: Option<UiError>,
}

impl Default for PosterState {
    fn default() -> Self {
        PosterState {
            template: 0,
            size: PosterSize::Square,
            values: Rc::default(),
            photo: None,
            transform: PhotoTransform::default(),
            loading: false,
            exporting: false,
            error: None,
        }
    }
}

pub enum PosterAction {
    SelectTemplate(usize),
    SetSize(PosterSize),
    /// (template id, field key, text)
    SetField(String, String, String),
    ResetFields(String),
    PhotoLoading,
    PhotoLoaded(Rc<Photo>),
    MovePhoto(PhotoMove),
    ExportStarted,
    ExportDone,
    Failed(UiError),
    DismissError,
}

impl Reducible for PosterState {
    type Action = PosterAction;

    fn reduce(self: Rc<Self>, action: PosterAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            PosterAction::SelectTemplate(i) => s.template = i,
            PosterAction::SetSize(size) => s.size = size,
            PosterAction::SetField(template, key, text) => {
                Rc::make_mut(&mut s.values)
                    .entry(template)
                    .or_default()
                    .insert(key, text);
            }
            PosterAction::ResetFields(template) => {
                Rc::make_mut(&mut s.values).remove(&template);
            }
            PosterAction::PhotoLoading => s.loading = true,
            PosterAction::PhotoLoaded(photo) => {
                s.loading = false;
                s.error = None;
                s.photo = Some(PhotoRef(photo));
                // A new photo starts cover-fitted and centred, as on the twibbon page.
                s.transform = PhotoTransform::default();
            }
            PosterAction::MovePhoto(change) => s.transform = s.transform.moved(change),
            PosterAction::ExportStarted => s.exporting = true,
            PosterAction::ExportDone => s.exporting = false,
            // Nothing else changes: an error loses no input.
            PosterAction::Failed(e) => {
                s.loading = false;
                s.exporting = false;
                s.error = Some(e);
            }
            PosterAction::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
