//! Brand kit logos are decoded in the decode worker, like photos: the decoders (and resvg for
//! SVG logos) then live only in the worker's wasm, which keeps the page's own wasm — what a
//! first visit waits for — smaller by all of them.

use std::rc::Rc;

use yew::prelude::*;

use crate::brand::{BrandError, Logo};
use crate::photo::Photo;
use crate::ui::worker::host::{DecodeError, DecodeWorker};
use crate::ui::worker::Kind;

/// Check that a logo can be drawn, off the main thread: `done` gets the logo back, or why not.
pub fn check(
    worker: &DecodeWorker,
    logo: Logo,
    done: impl FnOnce(Result<Logo, BrandError>) + 'static,
) {
    let bytes = logo.bytes.clone();
    worker.decode_as(Kind::Logo, bytes, move |result| {
        done(match result {
            Ok(_) => Ok(logo),
            Err(DecodeError::Logo(detail)) => Err(BrandError::LogoBroken(detail)),
            Err(DecodeError::Intake(e)) => Err(BrandError::LogoBroken(e.to_string())),
            Err(DecodeError::Crashed) => Err(BrandError::LogoBroken("decoder stopped".into())),
        })
    });
}

/// The kit's logo, decoded in a worker; `None` while there is none, while it is being decoded
/// (a few milliseconds for a logo) or if it cannot be drawn (the kit panel refused such logos
/// when they were set).
#[hook]
pub fn use_logo(logo: Option<Logo>) -> Option<Rc<Photo>> {
    let decoded = use_state(|| None::<Rc<Photo>>);
    let worker = use_memo((), |_| DecodeWorker::default());
    {
        let decoded = decoded.clone();
        use_effect_with(logo, move |logo| match logo {
            None => decoded.set(None),
            Some(logo) => worker.decode_as(Kind::Logo, logo.bytes.clone(), move |result| {
                decoded.set(result.ok().map(|image| Rc::new(Photo::from_rgba(image))));
            }),
        });
    }
    (*decoded).clone()
}
