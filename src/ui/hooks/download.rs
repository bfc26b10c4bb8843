//! "Download": the studio pages' path from a page's inputs to a file in the user's hands (the
//! twibbon page's is `ui::export_worker::previews::export`, the worker that holds its images). The export
//! worker renders and encodes with the core's finish step (the page stays responsive meanwhile),
//! and the page hands the bytes to the browser — as a download, or to the share button.

use yew::prelude::*;

use crate::finish::{Output, Report};
use crate::protocol::export::{Images, Product};
use crate::ui::browser;
use crate::ui::export_worker::host::{ExportWorker, Exported};
use crate::ui::share::Finished;
use crate::ui::state::UiError;

/// Makes files in the app's export worker. Cheap to clone.
#[derive(Clone, PartialEq)]
pub struct Downloader {
    worker: ExportWorker,
}

impl Downloader {
    /// Make the file off the main thread: `done` gets it and its report, or the error to show.
    pub fn make(
        &self,
        product: Product,
        output: Output,
        images: Images<'_>,
        done: impl FnOnce(Result<Exported, UiError>) + 'static,
    ) {
        self.worker.export(product, output, images, move |result| {
            done(result.map_err(UiError::from))
        });
    }

    /// [`Downloader::make`], then offer the file as a download: `done` gets the report (texts
    /// cut, characters not drawn) or the error to show.
    pub fn download(
        &self,
        product: Product,
        output: Output,
        images: Images<'_>,
        done: impl FnOnce(Result<Report, UiError>) + 'static,
    ) {
        self.make(product, output, images, move |result| {
            done(result.and_then(|exported| {
                save(&exported.file)?;
                Ok(exported.report)
            }))
        });
    }
}

/// Hand a finished file to the browser as a download.
pub fn save(file: &Finished) -> Result<(), UiError> {
    browser::download(&file.bytes, file.mime, &file.name).map_err(|_| UiError::ExportCrashed)
}

/// The app's export worker, for this component. Once `soon` is true (a photo chosen, the page
/// opened) the worker is started, so the first download does not wait for its wasm to compile.
#[hook]
pub fn use_download(soon: bool) -> Downloader {
    let worker = use_memo((), |_| ExportWorker::shared());
    let downloader = Downloader {
        worker: (*worker).clone(),
    };
    {
        let downloader = downloader.clone();
        use_effect_with(soon, move |soon| {
            if *soon {
                downloader.worker.warm_up();
            }
        });
    }
    downloader
}
