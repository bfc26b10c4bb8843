//! The pledge page's own state: what the user typed, the photo, the signature, and what is going
//! on. Errors never clear anything the user typed or drew.

use std::rc::Rc;

use image::RgbaImage;
use yew::Reducible;

use crate::i18n::{Lang, Localized};
use crate::photo::Photo;
use crate::pledge::signature::Stroke;
use crate::pledge::{self, Field, MAX_POINTS};
use crate::ui::state::PhotoRef;

/// The form's text fields, as typed (checked only when a card is drawn).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    pub name: String,
    pub nip: String,
    pub position: String,
    pub agency: String,
    pub place: String,
    /// `YYYY-MM-DD`, from the date input.
    pub date: String,
}

/// Shared data compared by identity: every change makes a new one, and comparing strokes or
/// pixels on every render would be wasteful.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

// Not derived: a derive would ask for `T: Clone` / `T: PartialEq`, which neither needs.
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Strokes drawn on the pad.
pub type Strokes = Shared<Vec<Stroke>>;

/// Drawn or uploaded: the last one wins.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Signature {
    #[default]
    None,
    Drawn(Strokes),
    Uploaded(Shared<RgbaImage>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PledgeState {
    pub form: Form,
    /// The ikrar points once edited; `None` follows the default text in the page's language.
    pub points: Option<Rc<Vec<String>>>,
    pub photo: Option<PhotoRef>,
    pub loading: bool,
    pub signature: Signature,
    pub signature_loading: bool,
    pub exporting: bool,
    /// The card's design ([`pledge::designs`]), for the preview, the downloads and the batch.
    pub design: String,
    /// In both languages, so switching language keeps the message readable.
    pub error: Option<Localized>,
}

impl PledgeState {
    pub fn new(date: String) -> PledgeState {
        PledgeState {
            form: Form {
                date,
                ..Form::default()
            },
            points: None,
            photo: None,
            loading: false,
            signature: Signature::None,
            signature_loading: false,
            exporting: false,
            design: pledge::DEFAULT_DESIGN.to_string(),
            error: None,
        }
    }

    /// The points as shown in the form (always [`MAX_POINTS`] or fewer).
    pub fn points(&self, lang: Lang) -> Rc<Vec<String>> {
        self.points
            .clone()
            .unwrap_or_else(|| Rc::new(pledge::default_points(lang)))
    }
}

pub enum PledgeAction {
    /// One of the form's text fields (not `Point`).
    SetField(Field, String),
    /// (index, text, language of the defaults being edited)
    SetPoint(usize, String, Lang),
    ResetPoints,
    PhotoLoading,
    PhotoLoaded(Rc<Photo>),
    RemovePhoto,
    SetStrokes(Strokes),
    SignatureLoading,
    SignatureUploaded(Rc<RgbaImage>),
    ClearSignature,
    SetDesign(String),
    ExportStarted,
    ExportDone,
    Failed(Localized),
    DismissError,
}

impl Reducible for PledgeState {
    type Action = PledgeAction;

    fn reduce(self: Rc<Self>, action: PledgeAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            PledgeAction::SetField(field, value) => {
                let f = &mut s.form;
                let slot = match field {
                    Field::Name => &mut f.name,
                    Field::Nip => &mut f.nip,
                    Field::Position => &mut f.position,
                    Field::Agency => &mut f.agency,
                    Field::Place => &mut f.place,
                    Field::Date => &mut f.date,
                    // The points have their own action (they are a list).
                    Field::Point => return self,
                };
                *slot = value;
            }
            PledgeAction::SetPoint(i, text, lang) => {
                let mut points = (*s.points(lang)).clone();
                if i < points.len() {
                    points[i] = text;
                } else if i < MAX_POINTS {
                    points.push(text);
                }
                s.points = Some(Rc::new(points));
            }
            PledgeAction::ResetPoints => s.points = None,
            PledgeAction::PhotoLoading => s.loading = true,
            PledgeAction::PhotoLoaded(photo) => {
                s.loading = false;
                s.error = None;
                s.photo = Some(PhotoRef(photo));
            }
            PledgeAction::RemovePhoto => s.photo = None,
            PledgeAction::SetStrokes(strokes) => {
                s.signature = if strokes.0.is_empty() {
                    Signature::None
                } else {
                    Signature::Drawn(strokes)
                };
            }
            PledgeAction::SignatureLoading => s.signature_loading = true,
            PledgeAction::SignatureUploaded(image) => {
                s.signature_loading = false;
                s.error = None;
                s.signature = Signature::Uploaded(Shared(image));
            }
            PledgeAction::ClearSignature => s.signature = Signature::None,
            PledgeAction::SetDesign(id) => s.design = id,
            PledgeAction::ExportStarted => s.exporting = true,
            PledgeAction::ExportDone => s.exporting = false,
            PledgeAction::Failed(e) => {
                s.loading = false;
                s.signature_loading = false;
                s.exporting = false;
                s.error = Some(e);
            }
            PledgeAction::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
