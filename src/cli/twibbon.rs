//! `campaign-kit twibbon` and `campaign-kit campaign`: a twibbon from a design, the agency's own
//! PNG or a campaign file, and the campaign file itself, with the same core as the app.
//!
//! Every twibbon goes through a [`Campaign`]: the flags (`--frame`, `--text`, `--brand`) make
//! one, `--campaign` reads one, and both are checked by the same `Campaign::validate` as the
//! app's links and files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{decode, lang, read, write_finished, CliError, FormatArg, PlacementArgs};
use crate::bounded_read::FileKind;
use crate::brand::{self, BrandKit};
use crate::campaign::{Campaign, CampaignError, CampaignFrame, FramePng};
use crate::export::Format;
use crate::finish::{self, Output};
use crate::photo::Photo;
use crate::poster::{PosterInputs, PosterSize};
use crate::render::{Inputs, Values};
use crate::template::Template;
use crate::twibbon;

#[derive(Debug, clap::Args)]
pub struct TwibbonArgs {
    /// The photo (JPEG, PNG, WebP, GIF or BMP).
    #[arg(long)]
    photo: PathBuf,
    /// A built-in design id (see `list`); the first one by default.
    #[arg(long, conflicts_with_all = ["frame_png", "campaign"])]
    frame: Option<String>,
    /// Your own frame: a PNG whose transparent area shows the photo.
    #[arg(long, conflicts_with = "campaign")]
    frame_png: Option<PathBuf>,
    /// A campaign file (from the app or `campaign-kit campaign`): its frame, texts and kit.
    #[arg(long, conflicts_with_all = ["brand", "texts"])]
    campaign: Option<PathBuf>,
    /// A brand kit JSON file: the agency's name, colours and logo on the design.
    #[arg(long, conflicts_with = "frame_png")]
    brand: Option<PathBuf>,
    /// A text of the design as KEY=TEXT: slogan=…, subline=….
    #[arg(long = "text", value_name = "KEY=TEXT", conflicts_with = "frame_png")]
    texts: Vec<String>,
    /// 1080x1080 (default), 1080x1350, 1080x1440 or 1080x1920.
    #[arg(long, value_parser = parse_size)]
    size: Option<PosterSize>,
    #[command(flatten)]
    placement: PlacementArgs,
    /// Output format; inferred from the --out extension when absent.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Where to write the image.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct CampaignArgs {
    /// A brand kit JSON file, as exported by the app: the agency's name, colours, logo and
    /// hashtags.
    #[arg(long)]
    brand: Option<PathBuf>,
    /// A built-in design id (see `list`).
    #[arg(
        long,
        required_unless_present = "frame_png",
        conflicts_with = "frame_png"
    )]
    design: Option<String>,
    /// The agency's own frame PNG instead of a design (then the campaign is a file only).
    #[arg(long)]
    frame_png: Option<PathBuf>,
    /// A text of the design as KEY=TEXT: slogan=…, subline=….
    #[arg(long = "text", value_name = "KEY=TEXT", conflicts_with = "frame_png")]
    texts: Vec<String>,
    /// The caption offered when sharing (default: the app's own).
    #[arg(long)]
    caption: Option<String>,
    /// Also print the campaign link's fragment (`#campaign=…`) to append to the app's address.
    #[arg(long)]
    link: bool,
    /// Where to write the campaign file (.json).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct FirstScreenArgs {
    /// A campaign file; without it, the default design.
    #[arg(long)]
    campaign: Option<PathBuf>,
    /// Where to write the JPEG (a site's `boot-preview.jpg`).
    #[arg(long)]
    out: PathBuf,
}

/// The picture a site shows before the app has loaded: the campaign's frame (or the default
/// design) with the photo placeholder, as the app's preview draws it.
pub fn first_screen(args: FirstScreenArgs) -> Result<(), CliError> {
    let bytes = match &args.campaign {
        None => twibbon::first_screen_jpeg()?,
        Some(path) => {
            let campaign = Campaign::from_json(&read(path, FileKind::Campaign)?)
                .map_err(|e| campaign_error(path, e))?;
            let drawing = Drawing::of(&campaign, PosterSize::Square, path)?;
            twibbon::first_screen_of(&drawing.template, &drawing.inputs())?
        }
    };
    std::fs::write(&args.out, bytes).map_err(|source| CliError::Write {
        path: args.out.clone(),
        source,
    })
}

/// A campaign made ready to draw at one size: the frame's template with its texts' values, and
/// the images it needs decoded (the kit's logo, or the own PNG frame). `source` names the file
/// in errors.
struct Drawing {
    template: Template,
    values: Values,
    logo: Option<Photo>,
    frame: Option<Photo>,
}

impl Drawing {
    fn of(campaign: &Campaign, size: PosterSize, source: &Path) -> Result<Drawing, CliError> {
        match campaign.frame().map_err(|e| campaign_error(source, e))? {
            CampaignFrame::Design(design) => {
                let logo = match &campaign.kit.logo {
                    Some(l) => Some(brand::decode_logo(l).map_err(|e| CliError::Brand {
                        path: source.into(),
                        message: e.message(lang()),
                    })?),
                    None => None,
                };
                let inputs = PosterInputs {
                    values: &campaign.texts,
                    brand: &campaign.kit,
                    photo: None,
                    transform: Default::default(),
                    logo: logo.as_ref(),
                };
                let resolved = twibbon::resolve(design, size, &inputs);
                Ok(Drawing {
                    template: resolved.template,
                    values: resolved.values,
                    logo,
                    frame: None,
                })
            }
            CampaignFrame::Own(png) => {
                if size != PosterSize::Square {
                    return Err(CliError::OwnFrameSize);
                }
                // The frame's own checks and messages, never "the photo's".
                let overlay =
                    Photo::from_rgba(png.decode().map_err(|e| campaign_error(source, e))?);
                Ok(Drawing {
                    template: Template::user_frame(),
                    values: Values::new(),
                    logo: None,
                    frame: Some(overlay),
                })
            }
        }
    }

    /// The render inputs without the photo.
    fn inputs(&self) -> Inputs<'_> {
        Inputs {
            values: Some(&self.values),
            logo: self.logo.as_ref(),
            frame: self.frame.as_ref(),
            ..Inputs::default()
        }
    }
}

fn parse_size(text: &str) -> Result<PosterSize, String> {
    PosterSize::parse(text)
        .filter(|s| PosterSize::TWIBBON.contains(s))
        .ok_or_else(|| "want 1080x1080, 1080x1350, 1080x1440 or 1080x1920".to_string())
}

fn campaign_error(path: &Path, e: CampaignError) -> CliError {
    CliError::Campaign {
        path: path.into(),
        message: e.message(lang()),
    }
}

fn read_kit(path: Option<&Path>) -> Result<BrandKit, CliError> {
    match path {
        Some(path) => {
            BrandKit::from_json(&read(path, FileKind::Kit)?).map_err(|e| CliError::Brand {
                path: path.into(),
                message: e.message(lang()),
            })
        }
        None => Ok(BrandKit::default()),
    }
}

/// `KEY=TEXT` flags into the design's texts (keys are checked by `Campaign::validate`).
fn texts(flags: &[String]) -> Result<BTreeMap<String, String>, CliError> {
    flags
        .iter()
        .map(|flag| match flag.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(CliError::BadText(flag.clone())),
        })
        .collect()
}

fn frame_png(path: &Path) -> Result<FramePng, CliError> {
    FramePng::from_bytes(read(path, FileKind::Frame)?).map_err(|e| campaign_error(path, e))
}

pub fn campaign(args: CampaignArgs) -> Result<(), CliError> {
    let kit = read_kit(args.brand.as_deref())?;
    let mut campaign = match (&args.frame_png, &args.design) {
        (Some(path), _) => Campaign::for_own_frame(frame_png(path)?, kit),
        (None, design) => Campaign::for_design(
            design.as_deref().unwrap_or_default(),
            texts(&args.texts)?,
            kit,
        ),
    };
    campaign.caption = args.caption.unwrap_or_default();
    campaign
        .validate()
        .map_err(|e| campaign_error(&args.out, e))?;
    // Checked when made as it will be when opened: the frame and the logo are decoded now, so
    // a campaign that could never be opened is never written.
    if let (Some(path), Some(png)) = (&args.frame_png, &campaign.frame) {
        png.decode().map_err(|e| campaign_error(path, e))?;
    }
    if let Some(logo) = &campaign.kit.logo {
        let path = args.brand.as_deref().unwrap_or(&args.out);
        brand::decode_logo(logo).map_err(|e| CliError::Brand {
            path: path.into(),
            message: e.message(lang()),
        })?;
    }
    if args.link {
        let link = campaign
            .to_link_fragment()
            .map_err(|e| campaign_error(&args.out, e))?;
        if link.logo_left_out {
            eprintln!(
                "campaign-kit: {}",
                match lang() {
                    crate::i18n::Lang::Id => "logo terlalu besar untuk tautan dan tidak disertakan",
                    crate::i18n::Lang::En => "the logo is too large for a link and was left out",
                }
            );
        }
        println!("#{}", link.fragment);
    }
    std::fs::write(&args.out, campaign.to_json()).map_err(|source| CliError::Write {
        path: args.out.clone(),
        source,
    })
}

pub fn twibbon(args: TwibbonArgs) -> Result<(), CliError> {
    let format = match args.format {
        Some(FormatArg::Png) => Format::Png,
        Some(FormatArg::Jpeg) => Format::Jpeg,
        None => Format::from_path(&args.out.to_string_lossy())
            .ok_or_else(|| CliError::UnknownFormat(args.out.clone()))?,
    };
    args.placement.check()?;
    let (campaign, source) = match (&args.campaign, &args.frame_png) {
        (Some(path), _) => (
            Campaign::from_json(&read(path, FileKind::Campaign)?)
                .map_err(|e| campaign_error(path, e))?,
            path.clone(),
        ),
        (None, Some(path)) => (
            Campaign::for_own_frame(frame_png(path)?, BrandKit::default()),
            path.clone(),
        ),
        (None, None) => {
            let design = match &args.frame {
                Some(id) => {
                    twibbon::design_by_id(id).ok_or_else(|| CliError::UnknownFrame(id.clone()))?
                }
                None => &twibbon::builtin_designs()[0],
            };
            let kit = read_kit(args.brand.as_deref())?;
            // The texts come from flags: errors name the design (the kit file was checked as
            // it was read).
            let campaign = Campaign::for_design(&design.id, texts(&args.texts)?, kit);
            (campaign, PathBuf::from(&design.id))
        }
    };
    campaign
        .validate()
        .map_err(|e| campaign_error(&source, e))?;
    let photo = decode(&args.photo, FileKind::Photo)?;
    let size = args.size.unwrap_or(PosterSize::Square);
    let drawing = Drawing::of(&campaign, size, &source)?;
    let [w, h] = drawing.template.size;
    let inputs = Inputs {
        photo: Some(&photo),
        transform: args.placement.transform(w, h),
        ..drawing.inputs()
    };
    let finished = finish::finish_twibbon(&drawing.template, &inputs, Output::from(format))?;
    write_finished(&args.out, finished, str::to_string)
}
