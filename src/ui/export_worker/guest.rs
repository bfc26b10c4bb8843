//! The worker side: rebuild the attached images, install the fonts the preview used, and run
//! the core's export (render, encode, name the file); post the bytes back, transferred.

use js_sys::Uint8Array;

use crate::finish::Finished;
use crate::i18n::Localized;
use crate::protocol::export::{
    run_export, run_twibbon_export, ExportError, ExportJob, OwnedImages, Reply, Request,
};
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

/// Install the message handler for `run` and tell the page we are ready.
fn start_with(run: Run) {
    serve(&Reply::Ready, move |reply_scope, message| {
        let request = read_head::<Request>(&message);
        let Request::Export { id, job } = match request {
            Ok(r) => r,
            Err(e) => {
                let reply = Reply::Failed {
                    id: None,
                    message: e.localized(),
                };
                return answer(reply_scope, &reply, None);
            }
        };
        let buffers: Vec<Vec<u8>> = (1..message.length())
            .map(|i| Uint8Array::new(&message.get(i)).to_vec())
            .collect();
        drop(message);
        let scope = reply_scope.clone();
        // Async only to install fonts first; the page sends one job at a time.
        wasm_bindgen_futures::spawn_local(async move {
            match export(&job, buffers, run).await {
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
    });
}

async fn export(job: &ExportJob, buffers: Vec<Vec<u8>>, run: Run) -> Result<Finished, Localized> {
    let images = job.images.receive(buffers).map_err(|e| e.localized())?;
    // Offline before a font's first use the fetch fails: the export still comes out, and its
    // report names the characters not drawn, as the preview's does.
    let _ = crate::ui::fonts::ensure(&job.fonts).await;
    run(job, &images).map_err(|e| e.localized())
}
