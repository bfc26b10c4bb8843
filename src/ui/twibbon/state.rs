//! The twibbon page's own state: the photo, the frame and where the photo sits, and what is
//! going on. (The language, the brand kit and which page is shown are app-wide, in `ui::state`.)

use std::rc::Rc;

use yew::Reducible;

use crate::photo::Photo;
use crate::render::{PhotoMove, PhotoTransform};
use crate::template::{self, Template};
use crate::ui::state::{PhotoRef, UiError};

/// Which frame is in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameChoice {
    Builtin(usize),
    Own,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TwibbonState {
    pub photo: Option<PhotoRef>,
    pub own_frame: Option<PhotoRef>,
    pub frame: FrameChoice,
    pub transform: PhotoTransform,
    pub loading: bool,
    pub exporting: bool,
    pub error: Option<UiError>,
}

impl Default for TwibbonState {
    fn default() -> Self {
        TwibbonState {
            photo: None,
            own_frame: None,
            frame: FrameChoice::Builtin(0),
            transform: PhotoTransform::default(),
            loading: false,
            exporting: false,
            error: None,
        }
    }
}

impl TwibbonState {
    /// The template in use (the user's own frame wraps their PNG).
    pub fn template(&self) -> Rc<Template> {
        thread_local! {
            static USER_FRAME: Rc<Template> = Rc::new(Template::user_frame());
            static BUILTIN: Vec<Rc<Template>> =
                template::builtin_frames().iter().cloned().map(Rc::new).collect();
        }
        match self.frame {
            FrameChoice::Own if self.own_frame.is_some() => USER_FRAME.with(Rc::clone),
            FrameChoice::Builtin(i) => BUILTIN.with(|b| Rc::clone(&b[i.min(b.len() - 1)])),
            FrameChoice::Own => BUILTIN.with(|b| Rc::clone(&b[0])),
        }
    }
}

pub enum TwibbonAction {
    PhotoLoading,
    PhotoLoaded(Rc<Photo>),
    PhotoFailed(UiError),
    PhotoCancelled,
    OwnFrameLoaded(Rc<Photo>),
    SelectFrame(FrameChoice),
    /// Drag, pinch, wheel, keys or the controls moved the photo (see `PhotoTransform::moved`).
    Move(PhotoMove),
    ExportStarted,
    ExportDone,
    Failed(UiError),
    DismissError,
}

impl Reducible for TwibbonState {
    type Action = TwibbonAction;

    fn reduce(self: Rc<Self>, action: TwibbonAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            TwibbonAction::PhotoLoading => s.loading = true,
            TwibbonAction::PhotoLoaded(photo) => {
                s.loading = false;
                s.error = None;
                s.photo = Some(PhotoRef(photo));
                s.transform = PhotoTransform::default();
            }
            // The previous photo, frame and placement stay: an error loses nothing.
            TwibbonAction::PhotoFailed(e) => {
                s.loading = false;
                s.error = Some(e);
            }
            TwibbonAction::PhotoCancelled => s.loading = false,
            TwibbonAction::OwnFrameLoaded(frame) => {
                s.error = None;
                s.own_frame = Some(PhotoRef(frame));
                s.frame = FrameChoice::Own;
            }
            TwibbonAction::SelectFrame(choice) => s.frame = choice,
            TwibbonAction::Move(change) => s.transform = s.transform.moved(change),
            TwibbonAction::ExportStarted => s.exporting = true,
            TwibbonAction::ExportDone => s.exporting = false,
            TwibbonAction::Failed(e) => {
                s.exporting = false;
                s.error = Some(e);
            }
            TwibbonAction::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
