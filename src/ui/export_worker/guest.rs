//! The worker side: rebuild the attached images, install the fonts the preview used, and run
//! the core's export (render, encode, name the file); post the bytes back, transferred. The
//! twibbon page's previews are drawn here too (see [`super::previews`]): the images they draw
//! from are held between requests, so a drag step sends only its placement.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};

use crate::finish::Finished;
use crate::i18n::Localized;
use crate::protocol::export::{
    run_export, run_twibbon_export, twibbon_preview, ExportError, ExportJob, OwnedImages, Reply,
    Request, Slot,
};
use crate::protocol::ProtocolError;
use crate::render::Renderer;
use crate::ui::worker::spawned::{answer, read_head, serve};

/// What a worker binary can make.
type Run = fn(&ExportJob, &OwnedImages) -> Result<Finished, ExportError>;

/// The twibbon page's export worker: twibbons only (precached on a first visit, so small).
pub fn start_twibbon() {
    start_with(run_twibbon_export);
}

/// The studio's export worker: every product (posters with their PDF, pledge cards).
pub fn start() {
    start_with(run_export);
}

/// What previews draw from: the held images, and the live preview's kept layers (one set per
/// width it is drawn at: full, and lighter while dragged).
#[derive(Default)]
struct Previews {
    images: OwnedImages,
    live: Vec<(u32, Renderer)>,
    /// The last hold's images did not arrive whole: previews are refused until the next one.
    broken: Option<ProtocolError>,
}

/// Install the message handler for `run` and tell the page we are ready.
fn start_with(run: Run) {
    let previews = Rc::new(RefCell::new(Previews::default()));
    serve(&Reply::Ready, move |reply_scope, message| {
        let request = match read_head::<Request>(&message) {
            Ok(r) => r,
            Err(e) => {
                let reply = Reply::Failed {
                    id: None,
                    message: e.localized(),
                };
                return answer(reply_scope, &reply, None);
            }
        };
        match request {
            Request::Export { id, job } => {
                let buffers = attachments(&message);
                let scope = reply_scope.clone();
                let previews = previews.clone();
                // Async only to install fonts first; the page sends one job at a time (and
                // the previews worker nothing else until it is answered).
                wasm_bindgen_futures::spawn_local(async move {
                    match export(&job, buffers, run, &previews).await {
                        Ok(finished) => {
                            let buffer = Uint8Array::from(finished.bytes.as_slice()).buffer();
                            let reply = Reply::Exported {
                                id,
                                file_name: finished.file_name,
                                report: finished.report,
                            };
                            answer(&scope, &reply, Some(&buffer));
                        }
                        Err(message) => answer(
                            &scope,
                            &Reply::Failed {
                                id: Some(id),
                                message,
                            },
                            None,
                        ),
                    }
                });
            }
            Request::Hold { images } => {
                let mut p = previews.borrow_mut();
                // The kept layers name the frame and the logo by address, and one about to be
                // dropped could leave its address to the next. They do not draw the photo, so a
                // new photo keeps them.
                if images.frame != Slot::Keep || images.logo != Slot::Keep {
                    p.live.clear();
                }
                // Not answered: the page hears of a failure through the previews it asks next.
                p.broken = images.apply(&mut p.images, attachments(&message)).err();
                if let Slot::Upright(..) = images.photo {
                    // Copied in: the photo's pixels go back to the page, which keeps them.
                    answer(reply_scope, &Reply::Returned, Some(&message.get(1)));
                }
            }
            Request::Preview {
                id,
                product,
                width,
                live,
            } => {
                let start = crate::ui::browser::now();
                let mut p = previews.borrow_mut();
                let Previews {
                    images,
                    live: kept,
                    broken,
                } = &mut *p;
                let mut once = Renderer::default();
                let renderer = if live {
                    let at = match kept.iter().position(|(w, _)| *w == width) {
                        Some(at) => at,
                        None => {
                            if kept.len() == 2 {
                                kept.remove(0);
                            }
                            kept.push((width, Renderer::default()));
                            kept.len() - 1
                        }
                    };
                    &mut kept[at].1
                } else {
                    &mut once
                };
                let drawn = match broken {
                    Some(e) => Err(e.localized()),
                    None => twibbon_preview(&product, images, width, renderer)
                        .map_err(|e| e.localized()),
                };
                match drawn {
                    Ok(image) => {
                        let (width, height) = image.dimensions();
                        let buffer = Uint8Array::from(image.as_raw().as_slice()).buffer();
                        let ms = crate::ui::browser::now() - start;
                        let reply = Reply::Previewed {
                            id,
                            width,
                            height,
                            ms,
                        };
                        answer(reply_scope, &reply, Some(&buffer));
                    }
                    Err(message) => answer(
                        reply_scope,
                        &Reply::Failed {
                            id: Some(id),
                            message,
                        },
                        None,
                    ),
                }
            }
        }
    });
}

/// A message's attachments, copied into this worker's memory.
fn attachments(message: &Array) -> Vec<Vec<u8>> {
    (1..message.length())
        .map(|i| Uint8Array::new(&message.get(i)).to_vec())
        .collect()
}

async fn export(
    job: &ExportJob,
    buffers: Vec<Vec<u8>>,
    run: Run,
    previews: &RefCell<Previews>,
) -> Result<Finished, Localized> {
    let attached = if job.held {
        None
    } else {
        Some(job.images.receive(buffers).map_err(|e| e.localized())?)
    };
    // Offline before a font's first use the fetch fails: the export still comes out, and its
    // report names the characters not drawn, as the preview's does.
    let _ = crate::ui::fonts::ensure(&job.fonts).await;
    match attached {
        Some(images) => run(job, &images).map_err(|e| e.localized()),
        None => {
            let p = previews.borrow();
            match &p.broken {
                Some(e) => Err(e.localized()),
                None => run(job, &p.images).map_err(|e| e.localized()),
            }
        }
    }
}
