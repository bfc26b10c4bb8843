//! The batch panel: choose a CSV or XLSX; the batch worker reads it and the panel shows which
//! columns were found, the first rows, and the rows that will be skipped with the reason; then
//! "Buat N kartu" makes them all in the worker with a progress bar and a cancel button, and
//! offers the ZIP of PNGs and the print PDF as downloads.

use std::rc::Rc;

use web_sys::{Blob, File, Url};
use yew::prelude::*;

use crate::brand::BrandKit;
use crate::i18n::{Lang, Localized};
use crate::pledge;
use crate::pledge::batch::{PDF_NAME, ZIP_NAME};
use crate::protocol::batch::{Done, Parsed, Settings};
use crate::ui::batch_worker::host::{BatchEvent, BatchWorker};
use crate::ui::components::photo_picker::FilePicker;
use crate::ui::strings::{pledge_text as text, Pledge as Text};

/// What the batch is made with: the form's place, date and agency as fallbacks for rows
/// without them, the form's pledge points, the brand kit and the card language.
pub fn settings(
    form: &super::state::Form,
    points: &[String],
    kit: &BrandKit,
    lang: Lang,
    today: pledge::Date,
    design: &str,
) -> Settings {
    Settings {
        lang,
        today: today.iso(),
        place: form.place.trim().to_string(),
        date: pledge::Date::parse_iso(&form.date).unwrap_or(today).iso(),
        agency: if form.agency.trim().is_empty() {
            kit.agency.trim().to_string()
        } else {
            form.agency.trim().to_string()
        },
        points: super::card::points(points),
        brand: kit.clone(),
        design: design.to_string(),
    }
}

/// Skipped rows listed on the page; all of them are in the ZIP's laporan.csv.
const MAX_INVALID_SHOWN: usize = 100;

/// Object URLs of a finished batch's files; revoked when replaced or when the panel goes.
#[derive(Clone, Debug, PartialEq)]
struct Files {
    zip: String,
    pdf: String,
}

impl Files {
    fn new(zip: &Blob, pdf: &Blob) -> Option<Files> {
        Some(Files {
            zip: Url::create_object_url_with_blob(zip).ok()?,
            pdf: Url::create_object_url_with_blob(pdf).ok()?,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct BatchState {
    file: Option<File>,
    reading: bool,
    parsed: Option<Rc<Parsed>>,
    /// (made, total) while cards are being made.
    progress: Option<(usize, usize)>,
    result: Option<(Done, f64, Option<Files>)>,
    cancelled: bool,
    error: Option<Localized>,
}

enum BatchAction {
    Chosen(File),
    Started,
    Cancelled,
    Event(BatchEvent),
}

impl Reducible for BatchState {
    type Action = BatchAction;

    fn reduce(self: Rc<Self>, action: BatchAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            BatchAction::Chosen(file) => {
                s = BatchState {
                    file: Some(file),
                    reading: true,
                    ..BatchState::default()
                };
            }
            BatchAction::Started => {
                s.progress = Some((0, s.parsed.as_ref().map_or(0, |p| p.valid)));
                s.result = None;
                s.cancelled = false;
                s.error = None;
            }
            BatchAction::Cancelled => {
                s.progress = None;
                s.cancelled = true;
            }
            BatchAction::Event(event) => match event {
                BatchEvent::Parsed(parsed) => {
                    s.reading = false;
                    s.parsed = Some(Rc::new(parsed));
                }
                BatchEvent::Progress { made, total } => {
                    if s.progress.is_some() {
                        s.progress = Some((made, total));
                    }
                }
                BatchEvent::Done {
                    done,
                    zip,
                    pdf,
                    millis,
                } => {
                    s.progress = None;
                    s.result = Some((done, millis, Files::new(&zip, &pdf)));
                }
                BatchEvent::Failed(message) => {
                    s.reading = false;
                    s.progress = None;
                    s.error = Some(message);
                }
                BatchEvent::Crashed | BatchEvent::Unavailable => {
                    s.reading = false;
                    s.progress = None;
                    let message = |l: Lang| match event {
                        BatchEvent::Unavailable => text(l).batch_unavailable,
                        _ => text(l).batch_crashed,
                    };
                    s.error = Some(Localized {
                        id: message(Lang::Id).into(),
                        en: message(Lang::En).into(),
                    });
                }
            },
        }
        Rc::new(s)
    }
}

#[derive(Properties, PartialEq)]
pub struct BatchPanelProps {
    pub lang: Lang,
    /// The form's fallbacks, the pledge text and the brand kit, as of now.
    pub settings: Rc<Settings>,
}

#[function_component]
pub fn BatchPanel(props: &BatchPanelProps) -> Html {
    let t = text(props.lang);
    let state = use_reducer(BatchState::default);
    let worker = {
        let d = state.dispatcher();
        use_memo((), move |_| {
            BatchWorker::new(Callback::from(move |e| d.dispatch(BatchAction::Event(e))))
        })
    };
    // Never leave a worker running (or blob URLs alive) behind the panel.
    {
        let worker = worker.clone();
        use_effect_with((), move |_| move || worker.cancel());
    }
    {
        let files = state.result.as_ref().and_then(|r| r.2.clone());
        use_effect_with(files, |files| {
            let files = files.clone();
            move || {
                if let Some(f) = files {
                    let _ = Url::revoke_object_url(&f.zip);
                    let _ = Url::revoke_object_url(&f.pdf);
                }
            }
        });
    }

    let on_file = {
        let d = state.dispatcher();
        let worker = worker.clone();
        let settings = props.settings.clone();
        Callback::from(move |file: File| {
            d.dispatch(BatchAction::Chosen(file.clone()));
            worker.parse(&file, &settings);
        })
    };
    let on_make = {
        let d = state.dispatcher();
        let worker = worker.clone();
        let settings = props.settings.clone();
        let file = state.file.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(file) = &file {
                d.dispatch(BatchAction::Started);
                worker.run(file, &settings);
            }
        })
    };
    let on_cancel = {
        let d = state.dispatcher();
        let worker = worker.clone();
        Callback::from(move |_: MouseEvent| {
            worker.cancel();
            d.dispatch(BatchAction::Cancelled);
        })
    };

    let running = state.progress.is_some();
    html! {
        <section class="card batch" id="batch" aria-labelledby="batch-title"
            data-state={phase(&state)}>
            <h2 id="batch-title">{t.batch_title}</h2>
            <p class="hint">{t.batch_hint}</p>
            if !running {
                <FilePicker id="batch-input" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    label={if state.file.is_some() { t.other_table } else { t.choose_table }} {on_file} />
            }
            if let Some(file) = &state.file {
                <p class="file-name">{file.name()}</p>
            }
            if state.reading {
                <p class="status" role="status">{t.reading_table}</p>
            }
            <div id="batch-error" class={classes!("error-banner", state.error.is_none().then_some("hidden"))} role="alert">
                if let Some(e) = &state.error {
                    <p class="error-text">{e.get(props.lang).to_string()}</p>
                }
            </div>
            if let Some(parsed) = &state.parsed {
                {summary(t, props.lang, parsed)}
                if let Some((made, total)) = state.progress {
                    <div class="batch-progress">
                        <progress id="batch-progress" max={total.max(1).to_string()} value={made.to_string()}
                            aria-label={t.progress_label} />
                        <p id="batch-progress-text">{fill(t.progress, &[("done", made), ("total", total)])}</p>
                        <button type="button" id="batch-cancel" class="secondary" onclick={on_cancel}>{t.cancel}</button>
                    </div>
                } else if parsed.valid > 0 {
                    <button type="button" id="batch-make" class="primary" onclick={on_make}>
                        {t.make.replace("{n}", &parsed.valid.to_string())}
                    </button>
                } else {
                    <p class="notice">{t.nothing_to_make}</p>
                }
            }
            <p id="batch-status" class="status" role="status">
                if state.cancelled {
                    {t.cancelled}
                } else if let Some((done, millis, _)) = &state.result {
                    {t.batch_done
                        .replace("{made}", &done.made.to_string())
                        .replace("{skipped}", &done.skipped.to_string())
                        .replace("{seconds}", &format!("{:.1}", millis / 1000.0))}
                }
            </p>
            if let Some((done, _, _)) = state.result.as_ref().filter(|(d, _, _)| !d.missing.is_empty()) {
                // The same words as the card page's note (ui/fonts.rs), for the whole batch.
                <p id="batch-missing" class="notice" role="status">
                    {crate::ui::fonts::missing_note(&done.missing, crate::ui::fonts::FontStatus {
                        failed: done.fonts_failed,
                        ..Default::default()
                    }, props.lang).unwrap_or_default()}
                </p>
            }
            if let Some((done, millis, Some(files))) = &state.result {
                <div class="download-bar batch-downloads" data-millis={format!("{millis:.0}")}
                    data-worker-memory={format!("{:.0}", done.memory)}>
                    <a id="batch-zip" class="button primary" href={files.zip.clone()} download={ZIP_NAME}>{t.download_zip}</a>
                    <a id="batch-pdf" class="button secondary" href={files.pdf.clone()} download={PDF_NAME}>{t.download_batch_pdf}</a>
                </div>
            }
        </section>
    }
}

/// For tests and styles: "empty", "reading", "ready", "running", "done" or "error".
fn phase(s: &BatchState) -> &'static str {
    if s.progress.is_some() {
        "running"
    } else if s.reading {
        "reading"
    } else if s.result.is_some() {
        "done"
    } else if s.error.is_some() {
        "error"
    } else if s.parsed.is_some() {
        "ready"
    } else {
        "empty"
    }
}

fn fill(template: &str, values: &[(&str, usize)]) -> String {
    values.iter().fold(template.to_string(), |s, (key, value)| {
        s.replace(&format!("{{{key}}}"), &value.to_string())
    })
}

/// The columns found, the first rows, and the rows that will be skipped.
fn summary(t: &Text, lang: Lang, parsed: &Parsed) -> Html {
    let columns = parsed.columns.iter().map(|c| {
        html! {
            <li data-field={c.field.clone()}>
                <span class="column-field">{pledge::field_label(&c.field, lang)}</span>{": "}
                {match &c.header {
                    Some(h) => html! { <strong>{h.clone()}</strong> },
                    None => html! { <span class="column-absent">{t.column_absent}</span> },
                }}
            </li>
        }
    });
    let headers = &parsed.preview_headers;
    let head = headers
        .iter()
        .map(|h| html! { <th scope="col">{h.clone()}</th> });
    // Rows show as small stacked cards (a phone has no room for columns): each cell carries
    // its column's name to show, and the header row stays for screen readers.
    let rows = parsed.preview_rows.iter().map(|row| {
        let cells = row.iter().zip(headers).map(|(c, h)| {
            html! { <td data-label={h.clone()}>{c.clone()}</td> }
        });
        html! { <tr>{ for cells }</tr> }
    });
    let invalid = parsed.invalid.iter().take(MAX_INVALID_SHOWN).map(|s| {
        html! {
            <tr>
                <td data-label={t.th_line}>{s.line}</td>
                <td data-label={t.th_name}>{s.name.clone()}</td>
                <td data-label={t.th_reason}>{s.reason.get(lang).to_string()}</td>
            </tr>
        }
    });
    let more = parsed.invalid.len().saturating_sub(MAX_INVALID_SHOWN);
    let invalid_title = t
        .invalid_title
        .replace("{n}", &parsed.invalid.len().to_string());
    html! {
        <>
            <h3 id="batch-columns-title">{t.columns_title}</h3>
            <ul id="batch-columns" class="batch-columns" aria-labelledby="batch-columns-title">{ for columns }</ul>
            <table id="batch-preview" class="batch-table">
                <caption>{t.first_rows}</caption>
                <thead class="visually-hidden"><tr>{ for head }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if parsed.invalid.is_empty() {
                <h3>{invalid_title}</h3>
                <p id="batch-invalid-none">{t.invalid_none}</p>
            } else {
                <table id="batch-invalid" class="batch-table">
                    <caption>{invalid_title}</caption>
                    <thead class="visually-hidden"><tr>
                        <th scope="col">{t.th_line}</th>
                        <th scope="col">{t.th_name}</th>
                        <th scope="col">{t.th_reason}</th>
                    </tr></thead>
                    <tbody>{ for invalid }</tbody>
                </table>
                if more > 0 {
                    <p id="batch-invalid-more">{t.invalid_more.replace("{n}", &more.to_string())}</p>
                }
            }
        </>
    }
}
