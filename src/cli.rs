//! The command-line tool: the same core as the app, for agencies' batch jobs and for tests.
//! Contract (see README): long flags only; exit 0 on success; on bad input one readable line on
//! stderr and exit code 1 (clap's usage errors exit 2). A panic (101) is a bug.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use thiserror::Error;

use crate::bounded_read::{read_path, FileKind};
use crate::finish::{FinishError, Finished};
use crate::i18n::Lang;
use crate::intake::IntakeError;
use crate::photo::Photo;
use crate::render::PhotoTransform;
use crate::template;

mod batch;
mod pledge;
mod poster;
mod twibbon;

#[derive(Debug, Parser)]
#[command(
    name = "campaign-kit",
    version,
    about = "ASN Pilih Netral campaign images, made locally"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the built-in twibbon designs.
    List,
    /// Put a photo in a twibbon: a built-in design with a brand kit and texts, your own PNG
    /// frame, or a campaign file; 1080×1080, 1080×1350, 1080×1440 or 1080×1920.
    Twibbon(twibbon::TwibbonArgs),
    /// Make a twibbon campaign file (and link) from a design, a brand kit and texts.
    Campaign(twibbon::CampaignArgs),
    /// Write the picture a site shows before the app has loaded (a campaign's frame, or the
    /// default design), as JPEG: what `cargo xtask dist --campaign` puts in `boot-preview.jpg`.
    FirstScreen(twibbon::FirstScreenArgs),
    /// Make an agency poster (PNG, JPEG, or PDF for A4) from a built-in poster template.
    Poster(poster::PosterArgs),
    /// Make a pledge card (kartu ikrar netralitas): PNG, JPEG, or PDF for A4.
    Pledge(pledge::PledgeArgs),
    /// Make pledge cards for a staff list (CSV or .xlsx): a ZIP of PNGs and a print PDF.
    Batch(batch::BatchArgs),
}

/// Where the photo sits in its slot: the app's drag, zoom and rotate as flags (twibbon and
/// poster share them, as the app's two pages share one photo canvas).
#[derive(Debug, clap::Args)]
pub struct PlacementArgs {
    /// Zoom ≥ 1, relative to cover-fit.
    #[arg(long, default_value_t = 1.0)]
    zoom: f32,
    /// Pan right, in output pixels.
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    offset_x: f32,
    /// Pan down, in output pixels.
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    offset_y: f32,
    /// Rotation in degrees clockwise.
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    rotate: f32,
}

impl PlacementArgs {
    /// Refuse a zoom out of range (checked before any file is read).
    pub fn check(&self) -> Result<(), CliError> {
        if (PhotoTransform::MIN_ZOOM..=PhotoTransform::MAX_ZOOM).contains(&self.zoom) {
            Ok(())
        } else {
            Err(CliError::BadZoom(self.zoom))
        }
    }

    /// The transform for an output of `width` × `height` pixels: the flags' offsets are output
    /// pixels, the transform's are fractions of the canvas (what the app's preview keeps).
    pub fn transform(&self, width: u32, height: u32) -> PhotoTransform {
        PhotoTransform {
            zoom: self.zoom,
            offset_x: self.offset_x / width as f32,
            offset_y: self.offset_y / height as f32,
            rotate: self.rotate,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Png,
    Jpeg,
}

/// Everything that can go wrong on the command line, each with the path it concerns.
#[derive(Debug, Error)]
pub enum CliError {
    /// A file could not be read, or is larger than its kind allows.
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Intake { path: PathBuf, message: String },
    #[error("unknown frame {0:?}; run `campaign-kit list` for the ids")]
    UnknownFrame(String),
    #[error("zoom must be between 1 and 5, got {0}")]
    BadZoom(f32),
    #[error("cannot tell the format from {0}; use --format png or --format jpeg")]
    UnknownFormat(PathBuf),
    /// Rendering or encoding failed, already in the user's language.
    #[error("{0}")]
    Finish(String),
    #[error("unknown poster template {0:?}; the ids are: {1}")]
    UnknownTemplate(String, String),
    #[error("cannot tell the format from {0}; use .png, .jpg or .pdf")]
    UnknownPosterFormat(PathBuf),
    #[error("a PDF is made at A4 only; use --size a4 (or no --size)")]
    PdfNotA4,
    #[error("--field wants KEY=TEXT with a key of this template ({1}), got {0:?}")]
    BadField(String, String),
    #[error("{path}: {message}")]
    Brand { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Campaign { path: PathBuf, message: String },
    #[error("--text wants KEY=TEXT with a text of the design (slogan, subline), got {0:?}")]
    BadText(String),
    #[error("your own PNG frame is made at 1080x1080 only; leave out --size")]
    OwnFrameSize,
    /// Bad field input (a NIP, a date, a name), already in the user's language.
    #[error("{0}")]
    Input(String),
}

/// The language for messages: English when LANG says so, Bahasa Indonesia otherwise.
fn lang() -> Lang {
    match std::env::var("LANG") {
        Ok(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Id,
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, always: the message may not contain a newline.
            eprintln!("campaign-kit: {}", error.to_string().replace('\n', " "));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::List => {
            for frame in template::builtin_frames() {
                println!("{}\t{}", frame.id, frame.name.get(lang()));
            }
            Ok(())
        }
        Command::Twibbon(args) => twibbon::twibbon(args),
        Command::Campaign(args) => twibbon::campaign(args),
        Command::FirstScreen(args) => twibbon::first_screen(args),
        Command::Poster(args) => poster::run(args),
        Command::Pledge(args) => pledge::run(args),
        Command::Batch(args) => batch::run(args),
    }
}

/// The one-line warning for characters no font could draw (a warning, not an error: the image
/// is made, without them). Nothing is printed when nothing is missing.
fn warn_missing(missing: &[String]) {
    if missing.is_empty() {
        return;
    }
    let list = crate::text::describe_missing(missing);
    eprintln!(
        "campaign-kit: {}",
        match lang() {
            Lang::Id => format!("peringatan: karakter tidak dapat digambar: {list}"),
            Lang::En => format!("warning: cannot draw: {list}"),
        }
    );
}

impl From<FinishError> for CliError {
    fn from(e: FinishError) -> Self {
        match e {
            FinishError::PdfNeedsA4 => CliError::PdfNotA4,
            e => CliError::Finish(e.message(lang())),
        }
    }
}

/// Write a finished file, after warning (not failing: the file is made) about texts cut with
/// "…" — named by `cut_name` from their keys — and characters no font could draw.
fn write_finished(
    out: &Path,
    finished: Finished,
    cut_name: impl Fn(&str) -> String,
) -> Result<(), CliError> {
    if !finished.report.cut.is_empty() {
        let names: Vec<String> = finished.report.cut.iter().map(|k| cut_name(k)).collect();
        eprintln!(
            "campaign-kit: {}: {}",
            match lang() {
                Lang::Id => "peringatan: teks terlalu panjang, dipotong dengan \"…\"",
                Lang::En => "warning: text too long, cut with \"…\"",
            },
            names.join(", ")
        );
    }
    warn_missing(&finished.report.missing);
    std::fs::write(out, finished.bytes).map_err(|source| CliError::Write {
        path: out.into(),
        source,
    })
}

/// Every file the CLI reads comes in here: through the core's bounded reader, which stops at
/// the limit of the file's kind whatever the path is (a pipe, `/dev/zero`, a huge file), with
/// the app's own messages.
fn read(path: &Path, kind: FileKind) -> Result<Vec<u8>, CliError> {
    read_path(path, kind).map_err(|e| CliError::File {
        path: path.into(),
        message: e.message(lang()),
    })
}

fn decode(path: &Path, kind: FileKind) -> Result<Photo, CliError> {
    let bytes = read(path, kind)?;
    Photo::decode(&bytes).map_err(|e: IntakeError| CliError::Intake {
        path: path.into(),
        message: e.message(lang()),
    })
}
