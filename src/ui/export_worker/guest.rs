//! The worker side: rebuild the attached images, install the fonts the preview used, and run
//! the core's export (render, encode, name the file); post the bytes back, transferred.

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::i18n::Localized;
use crate::protocol::export::{run_export, ExportJob, Reply, Request};
use crate::protocol::{self, ProtocolError};

fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply, attachment: Option<&ArrayBuffer>) {
    let message = Array::of1(&protocol::write(reply).into());
    let transfer = Array::new();
    if let Some(buffer) = attachment {
        message.push(buffer);
        transfer.push(buffer);
    }
    // If posting fails the page sees no answer; its next job restarts us.
    let _ = scope.post_message_with_transfer(&message, &transfer);
}

/// Install the message handler and tell the page we are ready.
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let message: Array = event.data().unchecked_into();
        let request: Result<Request, ProtocolError> =
            protocol::read(message.get(0).as_string().as_deref());
        let Request::Export { id, job } = match request {
            Ok(r) => r,
            Err(e) => {
                let reply = Reply::Failed {
                    id: None,
                    message: e.localized(),
                };
                return post(&reply_scope, &reply, None);
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
                    post(&scope, &reply(id), Some(&buffer));
                }
                Err(message) => post(
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
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &Reply::Ready, None);
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
