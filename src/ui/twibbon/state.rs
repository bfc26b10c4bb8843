//! The twibbon page's own state: the photo, the design (with its texts and size) and where the
//! photo sits, an opened campaign, and what is going on. (The language, the user's brand kit and
//! which page is shown are app-wide, in `ui::state`.)

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::brand::BrandKit;
use crate::campaign::Campaign;
use crate::photo::Photo;
use crate::poster::PosterSize;
use crate::protocol::export::Product;
use crate::render::{PhotoMove, PhotoTransform};
use crate::twibbon;
use crate::ui::state::{PhotoRef, UiError, UprightRef};

/// The design's texts as typed (a text not typed shows the design's default).
pub type Texts = Rc<BTreeMap<String, String>>;

/// A twibbon as the worker draws it, for its preview, a thumbnail or its download: the frame
/// (a design's id or the own frame's), its size, texts and kit (the kit without its logo file:
/// the decoded logo travels beside it), and the photo's placement.
pub fn twibbon_product(
    frame: String,
    size: PosterSize,
    texts: &BTreeMap<String, String>,
    kit: &BrandKit,
    transform: PhotoTransform,
) -> Product {
    Product::Twibbon {
        frame,
        size,
        values: texts.clone(),
        brand: BrandKit {
            logo: None,
            ..kit.clone()
        },
        transform,
    }
}

/// The twibbon a first visit starts with: the default design, its own texts, the default kit,
/// the photo as it comes: what the first screen's picture shows, drawn at build time.
pub fn first_screen_product() -> Product {
    TwibbonState::default().product(&BrandKit::default())
}

/// Which frame is in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameChoice {
    Builtin(usize),
    Own,
}

/// Where an open campaign came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A `#campaign=` link: said in a banner, with a way back.
    Link,
    /// A campaign file the user opened: likewise.
    File,
    /// The site's own default (`cargo xtask dist --campaign`): the site is the campaign.
    Site,
}

/// What the user had chosen before a campaign was opened, to go back to.
#[derive(Clone, Debug, PartialEq)]
pub struct Choices {
    pub frame: FrameChoice,
    pub own_frame: Option<PhotoRef>,
    pub own_png: Option<Rc<Vec<u8>>>,
    pub texts: Rc<BTreeMap<String, String>>,
    pub caption: Rc<str>,
}

/// An open campaign.
#[derive(Clone, Debug, PartialEq)]
pub struct Open {
    pub campaign: Rc<Campaign>,
    pub origin: Origin,
    /// The banner that says what was opened is showing.
    pub banner: bool,
    /// The campaign's logo could not be drawn and was left out (the banner says so).
    pub logo_dropped: bool,
    pub before: Choices,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TwibbonState {
    pub photo: Option<UprightRef>,
    pub own_frame: Option<PhotoRef>,
    /// The own frame's PNG file as picked (a campaign file embeds it).
    pub own_png: Option<Rc<Vec<u8>>>,
    pub frame: FrameChoice,
    pub size: PosterSize,
    /// The campaign caption typed in the campaign panel (empty: the ready caption).
    pub caption: Rc<str>,
    /// The design's texts as typed (a text not typed shows the design's default).
    pub texts: Texts,
    pub campaign: Option<Open>,
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
            own_png: None,
            frame: FrameChoice::Builtin(0),
            size: PosterSize::Square,
            caption: Rc::from(""),
            texts: Rc::default(),
            campaign: None,
            transform: PhotoTransform::default(),
            loading: false,
            exporting: false,
            error: None,
        }
    }
}

impl TwibbonState {
    /// The design in use, or None for the user's own frame.
    pub fn design_index(&self) -> Option<usize> {
        match self.frame {
            FrameChoice::Own if self.own_frame.is_some() => None,
            FrameChoice::Builtin(i) => Some(i.min(twibbon::design_cards().len() - 1)),
            FrameChoice::Own => Some(0),
        }
    }

    /// The size drawn: the user's own frame is 1080×1080 only.
    pub fn size(&self) -> PosterSize {
        match self.design_index() {
            Some(_) => self.size,
            None => PosterSize::Square,
        }
    }

    /// The twibbon as chosen, coloured by `kit` (see [`twibbon_product`]).
    pub fn product(&self, kit: &BrandKit) -> Product {
        let frame = match self.design_index() {
            Some(i) => twibbon::design_cards()[i].id.clone(),
            None => crate::template::Template::user_frame().id,
        };
        twibbon_product(frame, self.size(), &self.texts, kit, self.transform)
    }
}

pub enum TwibbonAction {
    PhotoLoading,
    PhotoLoaded(UprightRef),
    PhotoFailed(UiError),
    PhotoCancelled,
    /// The own frame, decoded, and its PNG file.
    OwnFrameLoaded(Rc<Photo>, Rc<Vec<u8>>),
    SetCaption(String),
    SelectFrame(FrameChoice),
    SetSize(PosterSize),
    /// (field key, text)
    SetText(String, String),
    ResetTexts,
    /// A campaign (checked by the core) and, for one with its own frame, that frame decoded;
    /// whether its logo was left out because it could not be drawn.
    OpenCampaign(Rc<Campaign>, Origin, Option<Rc<Photo>>, bool),
    /// Keep the opened campaign: the banner goes.
    KeepCampaign,
    /// Back to what the user had before the campaign.
    LeaveCampaign,
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
                s.photo = Some(photo);
                s.transform = PhotoTransform::default();
            }
            // The previous photo, frame and placement stay: an error loses nothing.
            TwibbonAction::PhotoFailed(e) => {
                s.loading = false;
                s.error = Some(e);
            }
            TwibbonAction::PhotoCancelled => s.loading = false,
            TwibbonAction::OwnFrameLoaded(frame, png) => {
                s.error = None;
                s.own_frame = Some(PhotoRef(frame));
                s.own_png = Some(png);
                s.frame = FrameChoice::Own;
            }
            TwibbonAction::SelectFrame(choice) => s.frame = choice,
            TwibbonAction::SetSize(size) => s.size = size,
            TwibbonAction::SetCaption(caption) => s.caption = Rc::from(caption),
            TwibbonAction::SetText(key, text) => {
                Rc::make_mut(&mut s.texts).insert(key, text);
            }
            TwibbonAction::ResetTexts => s.texts = Rc::default(),
            TwibbonAction::OpenCampaign(campaign, origin, frame, logo_dropped) => {
                let before = match s.campaign.take() {
                    // Opening a second campaign goes back to what the user had, not to the first.
                    Some(open) => open.before,
                    None => Choices {
                        frame: s.frame,
                        own_frame: s.own_frame.clone(),
                        own_png: s.own_png.clone(),
                        texts: s.texts.clone(),
                        caption: s.caption.clone(),
                    },
                };
                s.caption = Rc::from(campaign.caption.as_str());
                match frame {
                    Some(frame) => {
                        s.own_frame = Some(PhotoRef(frame));
                        s.own_png = campaign.frame.as_ref().map(|f| Rc::new(f.0.clone()));
                        s.frame = FrameChoice::Own;
                        s.texts = Rc::default();
                    }
                    None => {
                        let index = twibbon::design_cards()
                            .iter()
                            .position(|d| d.id == campaign.design)
                            .unwrap_or(0);
                        s.frame = FrameChoice::Builtin(index);
                        s.texts = Rc::new(campaign.texts.clone());
                    }
                }
                s.error = None;
                s.campaign = Some(Open {
                    campaign,
                    origin,
                    banner: origin != Origin::Site,
                    logo_dropped,
                    before,
                });
            }
            TwibbonAction::KeepCampaign => {
                if let Some(open) = &mut s.campaign {
                    open.banner = false;
                }
            }
            TwibbonAction::LeaveCampaign => {
                if let Some(open) = s.campaign.take() {
                    s.frame = open.before.frame;
                    s.own_frame = open.before.own_frame;
                    s.own_png = open.before.own_png;
                    s.texts = open.before.texts;
                    s.caption = open.before.caption;
                }
            }
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
