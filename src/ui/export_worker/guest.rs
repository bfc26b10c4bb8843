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
    run_export, run_twibbon_draw, twibbon_preview, ExportError, ExportJob, OwnedImages, Product,
    Reply, Request, Slot,
};
use crate::protocol::ProtocolError;
use crate::render::Renderer;
use crate::text::Fallback;
use crate::ui::worker::spawned::{answer, read_head, serve};

/// What a worker binary makes, and how.
#[derive(Clone, Copy)]
enum Maker {
    /// Every product, encoded by the core: the studio's worker (posters with their PDF, pledge
    /// cards).
    Core(fn(&ExportJob, &OwnedImages) -> Result<Finished, ExportError>),
    /// Twibbons only, drawn by the core and encoded by the browser: the twibbon page's worker
    /// (precached on a first visit, so small; see `browser_encode.rs`).
    Twibbon,
}

/// What a maker gives before any encoding the browser does.
enum Made {
    Finished(Finished),
    Drawn(crate::finish::DrawnTwibbon),
}

/// The twibbon page's export worker: twibbons only.
pub fn start_twibbon() {
    start_with(Maker::Twibbon);
}

/// The studio's export worker: every product.
pub fn start() {
    start_with(Maker::Core(run_export));
}

/// What previews draw from: the held images, and the live preview's kept layers (one set per
/// width it is drawn at: full, and lighter while dragged).
#[derive(Default)]
struct Previews {
    images: OwnedImages,
    live: Vec<(u32, Renderer)>,
    /// The last hold's images did not arrive whole: previews are refused until the next one.
    broken: Option<ProtocolError>,
    /// Fallback fonts that could not be fetched (offline before their first use): not asked
    /// for again on every drag step.
    unavailable: Vec<Fallback>,
    /// Likewise the shaper.
    shaper_unavailable: bool,
}

/// The worker's state: what previews draw from, and the requests that arrived while a photo
/// was being decoded (decoding awaits the browser's decoder; the requests after it, drawn from
/// the photo, wait their turn, in order).
struct Worker {
    maker: Maker,
    previews: Rc<RefCell<Previews>>,
    decoding: std::cell::Cell<bool>,
    waiting: RefCell<std::collections::VecDeque<Array>>,
}

/// Install the message handler for `maker` and tell the page we are ready.
fn start_with(maker: Maker) {
    let worker = Rc::new(Worker {
        maker,
        previews: Rc::default(),
        decoding: false.into(),
        waiting: RefCell::default(),
    });
    serve(&Reply::Ready, move |reply_scope, message| {
        if worker.decoding.get() {
            worker.waiting.borrow_mut().push_back(message);
        } else {
            handle(&worker, reply_scope, message);
        }
    });
}

/// Handle one request.
fn handle(worker: &Rc<Worker>, reply_scope: &web_sys::DedicatedWorkerGlobalScope, message: Array) {
    let (maker, previews) = (worker.maker, &worker.previews);
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
        Request::DecodePhoto { id } => {
            worker.decoding.set(true);
            let (scope, worker) = (reply_scope.clone(), worker.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let buffer = message.get(1);
                drop(message);
                let reply = hold_photo(&worker.previews, &buffer, id).await;
                let back = matches!(reply, Reply::PhotoElsewhere { .. }).then_some(&buffer);
                answer(&scope, &reply, back);
                worker.decoding.set(false);
                // What came meanwhile, in order, until one decodes again.
                while !worker.decoding.get() {
                    let Some(next) = worker.waiting.borrow_mut().pop_front() else {
                        break;
                    };
                    handle(&worker, &scope, next);
                }
            });
        }
        Request::Export { id, job } => {
            let buffers = attachments(&message);
            let scope = reply_scope.clone();
            let previews = previews.clone();
            // Async only to install fonts first; the page sends one job at a time (and
            // the previews worker nothing else until it is answered).
            wasm_bindgen_futures::spawn_local(async move {
                match export(&job, buffers, maker, &previews).await {
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
            let drawn = draw(&mut previews.borrow_mut(), &product, width, live);
            let (needs, shaper) = match &drawn {
                Ok((_, needs, shaper)) => (needs.clone(), *shaper),
                Err(_) => (Vec::new(), false),
            };
            if needs.is_empty() && !shaper {
                return answer_preview(reply_scope, id, drawn.map(|(i, ..)| i), start);
            }
            // A typed text in a script the built-in fonts lack: fetch its fallback font
            // (same origin, cached by the service worker from then on) and draw again, as
            // the poster page does. The page waits for this answer before it asks again.
            let (scope, previews) = (reply_scope.clone(), previews.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let installed = crate::ui::fonts::ensure(&needs, shaper).await;
                let mut p = previews.borrow_mut();
                let drawn = match installed {
                    Ok(true) => {
                        // The kept layers were drawn without the font.
                        p.live.clear();
                        draw(&mut p, &product, width, live).map(|(i, ..)| i)
                    }
                    // Offline before the font's first use: drawn without those characters
                    // (the download's report names them), and not fetched again by this
                    // worker.
                    Ok(false) | Err(_) => {
                        p.unavailable.extend(needs);
                        p.shaper_unavailable |= shaper;
                        drawn.map(|(i, ..)| i)
                    }
                };
                answer_preview(&scope, id, drawn, start);
            });
        }
    }
}

/// Decode the photo file in `buffer` and hold it: the reply to [`Request::DecodePhoto`]. The
/// held photo changes only when the new one decoded.
async fn hold_photo(
    previews: &RefCell<Previews>,
    buffer: &wasm_bindgen::JsValue,
    id: u32,
) -> Reply {
    use crate::ui::worker::guest::{decode_photo, memory_bytes, PhotoDecode};
    match decode_photo(buffer).await {
        PhotoDecode::Decoded(image, decoder) => {
            let (width, height) = image.dimensions();
            let mut p = previews.borrow_mut();
            p.images.photo = Some(crate::photo::Photo::from_rgba(image));
            Reply::PhotoHeld {
                id,
                width,
                height,
                memory: memory_bytes(),
                decoder,
            }
        }
        PhotoDecode::NotJpeg => Reply::PhotoElsewhere { id },
        PhotoDecode::Failed(error) => Reply::PhotoFailed { id, error },
    }
}

/// Draw a preview: the picture, the fallback fonts its texts need that could be fetched, and
/// whether they need the shaper (if it could be).
fn draw(
    p: &mut Previews,
    product: &Product,
    width: u32,
    live: bool,
) -> Result<(image::RgbaImage, Vec<Fallback>, bool), Localized> {
    let Previews {
        images,
        live: kept,
        broken,
        unavailable,
        shaper_unavailable,
    } = p;
    if let Some(e) = broken {
        return Err(e.localized());
    }
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
    let (image, report) =
        twibbon_preview(product, images, width, renderer).map_err(|e| e.localized())?;
    let needs = report
        .coverage
        .needs
        .into_iter()
        .filter(|f| !unavailable.contains(f))
        .collect();
    let shaper = report.coverage.shaper && !*shaper_unavailable;
    Ok((image, needs, shaper))
}

/// Answer a preview with its pixels (transferred) or why it could not be drawn.
fn answer_preview(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    id: u32,
    drawn: Result<image::RgbaImage, Localized>,
    start: f64,
) {
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
            answer(scope, &reply, Some(&buffer));
        }
        Err(message) => answer(
            scope,
            &Reply::Failed {
                id: Some(id),
                message,
            },
            None,
        ),
    }
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
    maker: Maker,
    previews: &RefCell<Previews>,
) -> Result<Finished, Localized> {
    let attached = if job.held {
        None
    } else {
        Some(job.images.receive(buffers).map_err(|e| e.localized())?)
    };
    // Offline before a font's first use the fetch fails: the export still comes out, and its
    // report names the characters not drawn, as the preview's does.
    let _ = crate::ui::fonts::ensure(&job.fonts, job.shaper).await;
    let make = |images: &OwnedImages| {
        match maker {
            Maker::Core(run) => run(job, images).map(Made::Finished),
            Maker::Twibbon => run_twibbon_draw(job, images).map(Made::Drawn),
        }
        .map_err(|e| e.localized())
    };
    // Drawn before any await: the held images are not borrowed while the browser encodes.
    let made = match attached {
        Some(images) => make(&images),
        None => {
            let p = previews.borrow();
            match &p.broken {
                Some(e) => Err(e.localized()),
                None => make(&p.images),
            }
        }
    }?;
    match made {
        Made::Finished(finished) => Ok(finished),
        Made::Drawn(drawn) => {
            let bytes = super::browser_encode::encode(&drawn.image, job.output)
                .await
                .map_err(|e| {
                    let why = e.as_string().unwrap_or_else(|| format!("{e:?}"));
                    let e = crate::export::ExportError::Encode(why);
                    ExportError::Finish(crate::finish::FinishError::Export(e)).localized()
                })?;
            Ok(Finished {
                bytes,
                file_name: drawn.file_name,
                mime: job.output.mime(),
                report: drawn.report,
            })
        }
    }
}
