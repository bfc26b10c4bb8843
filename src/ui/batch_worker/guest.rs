//! The worker side: read the spreadsheet, check every row, and make the cards with the core's
//! streaming [`Batch`], posting the ZIP's and the PDF's bytes to the page in chunks as they are
//! written. The loop runs synchronously: progress messages still flow (posting needs no idle
//! event loop), and the page cancels by terminating the worker.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync};

use crate::bounded_read::{check_size, FileKind};
use crate::i18n::Localized;
use crate::pledge::batch::Batch;
use crate::pledge::table::{self, Columns, RowDefaults, Table};
use crate::pledge::Date;
use crate::protocol::batch::{
    BatchFile, ColumnMatch, Done, Parsed, Reply, Request, Settings, Skipped, PREVIEW_ROWS,
};
use crate::protocol::{self, localized, ProtocolError};
use crate::template::FontId;
use crate::text::{self, Coverage};
use crate::ui::strings::strings;
use crate::ui::worker::spawned::{answer, read_head, serve};

/// Bytes gathered before a chunk is posted: large enough that a thousand-card ZIP is a few
/// hundred messages, small enough to keep the worker's memory flat.
const CHUNK_BYTES: usize = 1 << 20;

/// Install the message handler and tell the page we are ready.
pub fn start() {
    serve(&Reply::Ready, move |reply_scope, message| {
        let request = read_head::<Request>(&message);
        let scope = reply_scope.clone();
        // Async only to fetch fallback fonts first; the page sends one job at a time.
        wasm_bindgen_futures::spawn_local(async move {
            let reply = match request {
                Ok(request) => handle(&scope, request, &message.get(1)).await,
                // Never a default job: a message we do not understand is an error.
                Err(e) => Reply::Failed {
                    message: e.localized(),
                },
            };
            answer(&scope, &reply, None);
        });
    });
}

/// Do one job and return the last message to post.
async fn handle(scope: &DedicatedWorkerGlobalScope, request: Request, file: &JsValue) -> Reply {
    let (settings, run_it) = match request {
        Request::Parse { settings } => (settings, false),
        Request::Run { settings } => (settings, true),
    };
    let result = match read_file(file) {
        Err(e) => Err(e),
        Ok((bytes, name)) if !run_it => {
            parse(&bytes, &name, &settings).map(|parsed| Reply::Parsed { parsed })
        }
        Ok((bytes, name)) => {
            // The fonts the cards' texts need, before the first card (a fetch per file at
            // most; the characters stay reported if it fails).
            let fonts_failed = match fallbacks_needed(&bytes, &name, &settings) {
                Some(needs) => crate::ui::fonts::ensure(&needs.needs, needs.shaper)
                    .await
                    .is_err(),
                None => false,
            };
            run(scope, &bytes, &name, &settings).map(|mut done| {
                done.fonts_failed = fonts_failed && !done.missing.is_empty();
                Reply::Done { done }
            })
        }
    };
    result.unwrap_or_else(|message| Reply::Failed { message })
}

fn read_file(file: &JsValue) -> Result<(Vec<u8>, String), Localized> {
    let blob: &Blob = file.dyn_ref().ok_or_else(|| {
        ProtocolError::Attachments {
            expected: 1,
            got: 0,
        }
        .localized()
    })?;
    let name = js_sys::Reflect::get(file, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    // Refuse before reading: the core would refuse it anyway, after holding it all in memory.
    // The core's bounded reader's check and message, as the CLI's.
    if let Err(e) = check_size(FileKind::StaffList, blob.size() as u64) {
        return Err(localized(|l| e.message(l)));
    }
    // Workers may read files synchronously, which keeps this loop simple.
    let buffer = FileReaderSync::new()
        .and_then(|r| r.read_as_array_buffer(blob))
        .map_err(|_| localized(|l| strings(l).read_failed.into()))?;
    Ok((Uint8Array::new(&buffer).to_vec(), name))
}

/// The fallback fonts (and the shaper) the cards' texts need (`None` if the table cannot be read: `run` says why).
/// Each text is checked in Regular and Bold, the weights the card sets typed text in; at worst
/// one file more than needed is fetched, never one too few.
fn fallbacks_needed(bytes: &[u8], name: &str, settings: &Settings) -> Option<Coverage> {
    let p = prepare(bytes, name, settings).ok()?;
    let mut total = Coverage::default();
    let mut check = |text: &str| {
        for weight in [FontId::Regular, FontId::Bold] {
            total.merge(text::coverage(text, weight));
        }
    };
    for text in settings
        .points
        .iter()
        .chain([&settings.brand.agency, &settings.brand.issuer])
    {
        check(text);
    }
    for fields in table::rows(&p.table, &p.columns, &p.defaults, p.today).flatten() {
        for text in [
            &fields.name,
            &fields.position,
            &fields.agency,
            &fields.place,
        ] {
            check(text);
        }
    }
    Some(total)
}

/// The table, its columns and the row fallbacks: what both jobs start with.
struct Prepared {
    table: Table,
    columns: Columns,
    defaults: RowDefaults,
    today: Date,
}

fn prepare(bytes: &[u8], name: &str, settings: &Settings) -> Result<Prepared, Localized> {
    let today = Date::parse_iso(&settings.today).map_err(|e| localized(|l| e.message(l)))?;
    let date = Date::parse_iso(&settings.date).map_err(|e| localized(|l| e.message(l)))?;
    let table = table::read_table(bytes, name).map_err(|e| localized(|l| e.message(l)))?;
    let columns = table::match_columns(&table.headers).map_err(|e| localized(|l| e.message(l)))?;
    let defaults = RowDefaults {
        place: settings.place.clone(),
        date,
        agency: settings.agency.clone(),
    };
    Ok(Prepared {
        table,
        columns,
        defaults,
        today,
    })
}

/// The fields in the order the page lists them, with their column (if any).
fn field_columns(c: &Columns) -> [(&'static str, Option<usize>); 6] {
    [
        ("name", Some(c.name)),
        ("nip", c.nip),
        ("position", c.position),
        ("agency", c.agency),
        ("place", c.place),
        ("date", c.date),
    ]
}

fn parse(bytes: &[u8], name: &str, settings: &Settings) -> Result<Parsed, Localized> {
    let p = prepare(bytes, name, settings)?;
    let fields = field_columns(&p.columns);
    let header = |i: usize| p.table.headers.get(i).cloned().unwrap_or_default();
    let used: Vec<usize> = fields.iter().filter_map(|(_, c)| *c).collect();
    let mut parsed = Parsed {
        columns: fields
            .iter()
            .map(|(field, c)| ColumnMatch {
                field: (*field).to_string(),
                header: c.map(header),
            })
            .collect(),
        preview_headers: used.iter().map(|&i| header(i)).collect(),
        preview_rows: p
            .table
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|row| {
                used.iter()
                    .map(|&i| row.get(i).cloned().unwrap_or_default())
                    .collect()
            })
            .collect(),
        rows: p.table.rows.len(),
        valid: 0,
        invalid: Vec::new(),
    };
    for row in table::rows(&p.table, &p.columns, &p.defaults, p.today) {
        match row {
            Ok(_) => parsed.valid += 1,
            Err(e) => parsed.invalid.push(Skipped {
                line: e.line,
                name: e.name.clone(),
                reason: localized(|l| e.reason.message(l)),
            }),
        }
    }
    Ok(parsed)
}

fn run(
    scope: &DedicatedWorkerGlobalScope,
    bytes: &[u8],
    name: &str,
    settings: &Settings,
) -> Result<Done, Localized> {
    let p = prepare(bytes, name, settings)?;
    let rows = || table::rows(&p.table, &p.columns, &p.defaults, p.today);
    // Checking a row is cheap next to drawing it: count first, so progress has a true total.
    let total = rows().filter(Result::is_ok).count();
    let zip = ChunkWriter::new(scope, BatchFile::Zip);
    let pdf = ChunkWriter::new(scope, BatchFile::Pdf);
    let failed = |e: crate::pledge::batch::BatchError| localized(|l| e.message(l));
    let mut batch = Batch::new(
        zip.clone(),
        pdf.clone(),
        &settings.brand,
        &settings.points,
        settings.lang,
    )
    .and_then(|b| b.with_design(&settings.design))
    .map_err(failed)?;
    progress(scope, 0, total);
    for row in rows() {
        match row {
            Ok(fields) => {
                batch.add(&fields).map_err(failed)?;
                progress(scope, batch.made(), total);
            }
            Err(e) => batch.skip(&e),
        }
    }
    let report = batch.finish().map_err(failed)?;
    for writer in [zip, pdf] {
        writer.post_rest().map_err(|e| failed(e.into()))?;
    }
    Ok(Done {
        made: report.made,
        skipped: report.skipped.len(),
        memory: wasm_memory_bytes(),
        missing: report.missing,
        fonts_failed: false,
    })
}

fn progress(scope: &DedicatedWorkerGlobalScope, made: usize, total: usize) {
    answer(scope, &Reply::Progress { made, total }, None);
}

fn wasm_memory_bytes() -> f64 {
    js_sys::Reflect::get(&wasm_bindgen::memory(), &"buffer".into())
        .and_then(|b| js_sys::Reflect::get(&b, &"byteLength".into()))
        .ok()
        .and_then(|n| n.as_f64())
        .unwrap_or(0.0)
}

/// A forward-only writer that posts its bytes to the page in chunks of [`CHUNK_BYTES`]. Cheap to
/// clone (the batch owns one clone, the job keeps another to post the last partial chunk).
#[derive(Clone)]
struct ChunkWriter(Rc<RefCell<Sink>>);

struct Sink {
    scope: DedicatedWorkerGlobalScope,
    file: BatchFile,
    buffer: Vec<u8>,
}

impl ChunkWriter {
    fn new(scope: &DedicatedWorkerGlobalScope, file: BatchFile) -> ChunkWriter {
        ChunkWriter(Rc::new(RefCell::new(Sink {
            scope: scope.clone(),
            file,
            buffer: Vec::with_capacity(CHUNK_BYTES),
        })))
    }

    /// Post what is left after the file is complete.
    fn post_rest(&self) -> io::Result<()> {
        self.0.borrow_mut().post()
    }
}

impl Sink {
    fn post(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let array = Uint8Array::new_with_length(self.buffer.len() as u32);
        array.copy_from(&self.buffer);
        let buffer = array.buffer();
        self.scope
            .post_message_with_transfer(
                &Array::of2(
                    &protocol::write(&Reply::Chunk { file: self.file }).into(),
                    &buffer,
                ),
                &Array::of1(&buffer),
            )
            .map_err(|_| io::Error::other("posting a chunk to the page failed"))?;
        // Keep the capacity: the next chunk reuses it, so memory stays flat.
        self.buffer.clear();
        Ok(())
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut sink = self.0.borrow_mut();
        sink.buffer.extend_from_slice(data);
        if sink.buffer.len() >= CHUNK_BYTES {
            sink.post()?;
        }
        Ok(data.len())
    }

    /// Writers flush often (after every entry); posting then would make tiny messages.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
