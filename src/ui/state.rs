//! The app-wide state and the actions that change it (Yew's reducer pattern): which page is
//! shown, the language and the brand kit. Each page keeps its own state in a reducer of its
//! own (`twibbon::state`, `poster::state`, `pledge::state`); the types they share are here.

use std::rc::Rc;

use yew::Reducible;

use serde::{Deserialize, Serialize};

use crate::bounded_read::ReadError;
use crate::brand::{BrandError, BrandKit};
use crate::campaign::CampaignError;
use crate::i18n::{Lang, Localized};
use crate::intake::IntakeError;
use crate::photo::Photo;
use crate::ui::strings::strings;

/// A shared photo, compared by identity (comparing pixels on every render would be wasteful).
#[derive(Clone, Debug)]
pub struct PhotoRef(pub Rc<Photo>);

/// A decoded photo kept outside the page's wasm memory: `width` × `height` upright straight
/// RGBA in a JS buffer, as the decode worker sent it. The twibbon page's photo is one: only its
/// preview worker draws and exports it, so the page never copies the pixels into its own
/// memory, builds their pyramid on its main thread or copies that out again.
pub struct Upright {
    pub width: u32,
    pub height: u32,
    /// Moved to the preview worker and back (see `ui::export_worker::previews`): empty (its
    /// buffer detached) while away, and always for a photo the preview worker decoded itself.
    pub pixels: std::cell::RefCell<js_sys::Uint8Array>,
    /// The file a photo the preview worker decoded itself came from (its pixels never left
    /// that worker): decoded again in a fresh worker after a crash.
    pub file: Option<js_sys::Uint8Array>,
}

impl Upright {
    /// `None` unless `pixels` hold exactly `width` × `height` RGBA pixels.
    pub fn new(width: u32, height: u32, pixels: js_sys::Uint8Array) -> Option<Upright> {
        let upright = Upright {
            width,
            height,
            pixels: pixels.into(),
            file: None,
        };
        (width > 0 && height > 0 && upright.is_here()).then_some(upright)
    }

    /// A photo the preview worker decoded from `file` and holds: its pixels are only there.
    pub fn in_worker(width: u32, height: u32, file: js_sys::Uint8Array) -> Upright {
        Upright {
            width,
            height,
            pixels: js_sys::Uint8Array::new_with_length(0).into(),
            file: Some(file),
        }
    }

    /// The pixels are in the page: not moved to a worker (or lost there in a crash).
    pub fn is_here(&self) -> bool {
        f64::from(self.pixels.borrow().length())
            == f64::from(self.width) * f64::from(self.height) * 4.0
    }

    /// The pixels copied into the page's memory (for a page that draws them itself; never a
    /// photo decoded [`Upright::in_worker`]).
    pub fn to_rgba(&self) -> image::RgbaImage {
        image::RgbaImage::from_raw(self.width, self.height, self.pixels.borrow().to_vec())
            .expect("sizes checked when received")
    }
}

/// A shared [`Upright`]; equal when it is the same photo.
#[derive(Clone)]
pub struct UprightRef(pub Rc<Upright>);

impl std::fmt::Debug for UprightRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Upright({}×{})", self.0.width, self.0.height)
    }
}

impl PartialEq for UprightRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl PartialEq for PhotoRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Anything that went wrong, kept with its kind so it can be shown in either language.
#[derive(Clone, Debug, PartialEq)]
pub enum UiError {
    Photo(IntakeError),
    /// The decode worker crashed (a panic, or out of memory on a huge photo) and was restarted.
    DecodeCrashed,
    /// A picked file could not be read: a read error, never "the file is empty".
    Read,
    /// A picked file over its kind's limit, or unreadable (the core's bounded reader's message,
    /// the same as the CLI's).
    File(ReadError),
    /// The export worker crashed or could not start.
    ExportCrashed,
    /// Brand kit: a bad file, link, logo or field.
    Brand(BrandError),
    /// A twibbon campaign: a bad link or file.
    Campaign(CampaignError),
    /// A message already written in both languages (e.g. the pledge page's checks).
    Message(Localized),
}

impl UiError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            UiError::Photo(e) => e.message(lang),
            UiError::Brand(e) => e.message(lang),
            UiError::Campaign(e) => e.message(lang),
            UiError::Message(m) => m.get(lang).to_string(),
            UiError::DecodeCrashed => strings(lang).decode_crashed.into(),
            UiError::Read => strings(lang).read_failed.into(),
            UiError::File(e) => e.message(lang),
            UiError::ExportCrashed => strings(lang).export_crashed.into(),
        }
    }
}

/// The product shown (the tabs at the top). Serializable: the page tells the studio module
/// (the poster and pledge pages, loaded on first use; see `ui::studio`) which one is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Product {
    #[default]
    Twibbon,
    Poster,
    Pledge,
}

/// A brand kit link the page was opened with that could not be read. (A good one becomes a
/// [`KitOffer`].) Kept as its message in both languages: it crosses from the page to the
/// studio module as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum KitLink {
    Failed(Localized),
}

/// Where an offered kit came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KitSource {
    Link,
    File,
}

/// A kit from a link or a file, waiting for the user to choose: nothing changes until then.
#[derive(Clone, Debug, PartialEq)]
pub struct KitOffer {
    pub kit: Rc<BrandKit>,
    pub source: KitSource,
}

/// What the user's last choice about an offered kit did.
#[derive(Clone, Debug, PartialEq)]
pub enum KitChange {
    /// The offered kit is in use; `before` is the kit undo puts back.
    Accepted { before: Rc<BrandKit> },
    /// Undo put the kept kit back.
    Undone,
}

impl KitLink {
    pub fn failed(error: &BrandError) -> KitLink {
        KitLink::Failed(crate::protocol::localized(|lang| error.message(lang)))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub product: Product,
    /// The brand kit, shared by every product (kept in localStorage).
    pub brand: Rc<BrandKit>,
    pub kit_link: Option<KitLink>,
    /// A kit from a link or a file, shown beside the kept one until the user chooses.
    pub offer: Option<KitOffer>,
    pub kit_change: Option<KitChange>,
    pub lang: Lang,
}

impl State {
    pub fn new(lang: Lang) -> State {
        State {
            product: Product::Twibbon,
            brand: Rc::default(),
            kit_link: None,
            offer: None,
            kit_change: None,
            lang,
        }
    }
}

pub enum Action {
    SetProduct(Product),
    SetBrand(Rc<BrandKit>),
    /// The kit kept in storage at start-up, a kit link that failed, and a good link's kit
    /// (offered, not applied).
    BrandLoaded(Rc<BrandKit>, Option<KitLink>, Option<Rc<BrandKit>>),
    DismissKitLink,
    /// A kit from a link or a file: offered beside the kept one.
    OfferKit(Rc<BrandKit>, KitSource),
    /// A kit link opened in the open tab could not be read.
    KitLinkFailed(KitLink),
    /// "Use this kit": this kit (the offer's, maybe without a logo that cannot be drawn).
    AcceptKit(Rc<BrandKit>),
    /// "Keep my kit".
    DeclineKit,
    /// Put back the kit the accepted offer replaced.
    UndoKit,
    DismissKitChange,
    SetLang(Lang),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetProduct(p) => s.product = p,
            Action::SetBrand(kit) => s.brand = kit,
            Action::BrandLoaded(kit, link, offered) => {
                s.brand = kit;
                // A kit link is for posters and cards: open that page (with the offer above it).
                if link.is_some() || offered.is_some() {
                    s.product = Product::Poster;
                }
                s.kit_link = link;
                s.offer = offered.map(|kit| KitOffer {
                    kit,
                    source: KitSource::Link,
                });
            }
            Action::DismissKitLink => s.kit_link = None,
            Action::OfferKit(kit, source) => {
                if source == KitSource::Link {
                    s.product = Product::Poster;
                }
                s.offer = Some(KitOffer { kit, source });
                s.kit_change = None;
            }
            Action::KitLinkFailed(link) => {
                s.product = Product::Poster;
                s.kit_link = Some(link);
            }
            Action::AcceptKit(kit) => {
                if s.offer.take().is_some() {
                    let before = std::mem::replace(&mut s.brand, kit);
                    s.kit_change = Some(KitChange::Accepted { before });
                }
            }
            Action::DeclineKit => s.offer = None,
            Action::UndoKit => {
                if let Some(KitChange::Accepted { before }) = s.kit_change.take() {
                    s.brand = before;
                    s.kit_change = Some(KitChange::Undone);
                }
            }
            Action::DismissKitChange => s.kit_change = None,
            Action::SetLang(lang) => s.lang = lang,
        }
        Rc::new(s)
    }
}
