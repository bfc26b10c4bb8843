//! Brand kit logos are decoded in workers, like photos: PNG/JPEG logos in the decode worker,
//! SVG logos in the SVG worker (resvg), which loads only when a kit has one. The page's own
//! wasm — what a first visit waits for — then carries no decoder at all.

use std::rc::Rc;

use yew::prelude::*;

use crate::brand::{BrandError, Logo, LogoKind};
use crate::photo::Photo;
use crate::ui::state::PhotoRef;
use crate::ui::worker::host::{DecodeError, DecodeWorker};
use crate::ui::worker::Kind;

/// The two workers a page uses for logos; each starts on its first job.
#[derive(Clone, PartialEq)]
pub struct LogoWorkers {
    raster: DecodeWorker,
    svg: DecodeWorker,
}

impl LogoWorkers {
    pub fn new() -> LogoWorkers {
        LogoWorkers {
            raster: DecodeWorker::default(),
            svg: DecodeWorker::svg(),
        }
    }

    fn decode(
        &self,
        logo: &Logo,
        done: impl FnOnce(Result<image::RgbaImage, DecodeError>) + 'static,
    ) {
        let worker = match logo.kind {
            LogoKind::Svg => &self.svg,
            LogoKind::Png | LogoKind::Jpeg => &self.raster,
        };
        worker.decode_as(Kind::Logo, logo.bytes.clone(), done);
    }
}

/// Check that a logo can be drawn, off the main thread: `done` gets the logo back, or why not.
pub fn check(
    workers: &LogoWorkers,
    logo: Logo,
    done: impl FnOnce(Result<Logo, BrandError>) + 'static,
) {
    let checked = logo.clone();
    workers.decode(&checked, move |result| {
        done(match result {
            Ok(_) => Ok(logo),
            Err(DecodeError::Logo(detail)) => Err(BrandError::LogoBroken(detail)),
            Err(DecodeError::Intake(e)) => Err(BrandError::LogoBroken(e.to_string())),
            Err(DecodeError::Crashed | DecodeError::File(_) | DecodeError::Protocol(_)) => {
                Err(BrandError::LogoBroken("decoder stopped".into()))
            }
        })
    });
}

/// The kit's logo, decoded in a worker — once for the whole app (the poster and pledge pages
/// get it as a prop); `None` while there is none, while it is being decoded
/// (a few milliseconds for a logo) or if it cannot be drawn (the kit panel refused such logos
/// when they were set).
#[hook]
pub fn use_logo(logo: Option<Logo>) -> Option<PhotoRef> {
    let decoded = use_state_eq(|| None::<PhotoRef>);
    let workers = use_memo((), |_| LogoWorkers::new());
    {
        let decoded = decoded.clone();
        use_effect_with(logo, move |logo| match logo {
            None => decoded.set(None),
            Some(logo) => workers.decode(logo, move |result| {
                decoded.set(
                    result
                        .ok()
                        .map(|image| PhotoRef(Rc::new(Photo::from_rgba(image)))),
                );
            }),
        });
    }
    (*decoded).clone()
}
