//! The worker side: rebuild the attached images, install the fonts the preview used, and run
//! the core's export (render, encode, name the file); post the bytes back, transferred.

use js_sys::Uint8Array;

use crate::i18n::Localized;
use crate::protocol::export::{run_export, ExportJob, Reply, Request};
use crate::ui::worker::spawned::{answer, read_head, serve};

/// Install the message handler and tell the page we are ready.
pub fn start() {
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
            match export(&job, buffers).await {
                Ok((bytes, reply)) => {
                    let buffer = Uint8Array::from(bytes.as_slice()).buffer();
                    drop(bytes);
                    answer(&scope, &reply(id), Some(&buffer));
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

type MakeReply = Box<dyn FnOnce(u32) -> Reply>;

async fn export(job: &ExportJob, buffers: Vec<Vec<u8>>) -> Result<(Vec<u8>, MakeReply), Localized> {
    let images = job.images.receive(buffers).map_err(|e| e.localized())?;
    // Offline before a font's first use the fetch fails: the export still comes out, and its
    // report names the characters not drawn, as the preview's does.
    let _ = crate::ui::fonts::ensure(&job.fonts).await;
    let finished = run_export(job, &images).map_err(|e| e.localized())?;
    let (file_name, mime, report) = (finished.file_name, finished.mime, finished.report);
    let reply = move |id| Reply::Exported {
        id,
        file_name,
        mime: mime.to_string(),
        report,
    };
    Ok((finished.bytes, Box::new(reply)))
}
