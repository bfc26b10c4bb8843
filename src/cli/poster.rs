//! `campaign-kit poster`: the same poster render as the app, for batch jobs and tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{decode, lang, read, write_finished, CliError, PlacementArgs};
use crate::bounded_read::FileKind;
use crate::brand::{self, BrandKit, Logo};
use crate::finish::{self, Output};
use crate::poster::{self, PosterInputs, PosterSize};

#[derive(Debug, clap::Args)]
pub struct PosterArgs {
    /// A built-in poster template: slogan, larangan, ikrar, sosialisasi.
    #[arg(long)]
    template: String,
    /// 1080x1080, 1080x1350, 1080x1920 or a4 (default 1080x1080; a4 for a .pdf).
    #[arg(long, value_parser = parse_size)]
    size: Option<PosterSize>,
    /// A photo for templates that show one (e.g. ikrar).
    #[arg(long)]
    photo: Option<PathBuf>,
    /// The photo's place in its slot, as on the app's poster page.
    #[command(flatten)]
    placement: PlacementArgs,
    /// The agency's logo: PNG, JPEG or SVG (overrides the brand kit's).
    #[arg(long)]
    logo: Option<PathBuf>,
    /// A brand kit JSON file, as exported by the app.
    #[arg(long)]
    brand: Option<PathBuf>,
    /// The agency's name (overrides the brand kit's).
    #[arg(long)]
    agency: Option<String>,
    /// The issuing body's name (overrides the brand kit's).
    #[arg(long)]
    issuer: Option<String>,
    /// The headline text.
    #[arg(long)]
    headline: Option<String>,
    /// The body text (use a real newline for a new line).
    #[arg(long)]
    body: Option<String>,
    /// Any other field of the template as KEY=TEXT (e.g. date=..., place=..., name=...).
    #[arg(long = "field", value_name = "KEY=TEXT")]
    fields: Vec<String>,
    /// Where to write the poster: .png, .jpg/.jpeg, or .pdf (A4).
    #[arg(long)]
    out: PathBuf,
}

fn parse_size(text: &str) -> Result<PosterSize, String> {
    PosterSize::parse(text).ok_or_else(|| "want 1080x1080, 1080x1350, 1080x1920 or a4".to_string())
}

fn output_kind(path: &Path) -> Result<Output, CliError> {
    Output::from_path(&path.to_string_lossy())
        .ok_or_else(|| CliError::UnknownPosterFormat(path.into()))
}

pub fn run(args: PosterArgs) -> Result<(), CliError> {
    let template = poster::poster_by_id(&args.template).ok_or_else(|| {
        let ids: Vec<&str> = poster::builtin_posters()
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        CliError::UnknownTemplate(args.template.clone(), ids.join(", "))
    })?;
    let kind = output_kind(&args.out)?;
    args.placement.check()?;
    let size = match (&kind, args.size) {
        (Output::Pdf, None | Some(PosterSize::A4)) => PosterSize::A4,
        (Output::Pdf, Some(_)) => return Err(CliError::PdfNotA4),
        (_, size) => size.unwrap_or(PosterSize::Square),
    };

    let brand_error = |path: &Path, e: brand::BrandError| CliError::Brand {
        path: path.into(),
        message: e.message(lang()),
    };
    let mut kit = match &args.brand {
        Some(path) => {
            BrandKit::from_json(&read(path, FileKind::Kit)?).map_err(|e| brand_error(path, e))?
        }
        None => BrandKit::default(),
    };
    if let Some(agency) = args.agency {
        kit.agency = agency;
    }
    if let Some(issuer) = args.issuer {
        kit.issuer = issuer;
    }
    if let Some(path) = &args.logo {
        kit.logo =
            Some(Logo::from_bytes(read(path, FileKind::Logo)?).map_err(|e| brand_error(path, e))?);
    }
    kit.validate().map_err(|e| CliError::Brand {
        path: args.brand.clone().unwrap_or_default(),
        message: e.message(lang()),
    })?;
    let logo = match &kit.logo {
        Some(l) => Some(brand::decode_logo(l).map_err(|e| {
            brand_error(
                args.logo
                    .as_deref()
                    .or(args.brand.as_deref())
                    .unwrap_or(Path::new("logo")),
                e,
            )
        })?),
        None => None,
    };

    let mut values = BTreeMap::new();
    for (key, value) in [("headline", args.headline), ("body", args.body)] {
        if let Some(v) = value {
            values.insert(key.to_string(), v);
        }
    }
    let keys = || {
        template
            .fields
            .iter()
            .map(|f| f.key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for field in &args.fields {
        match field.split_once('=') {
            Some((k, v)) if template.field(k).is_some() => {
                values.insert(k.to_string(), v.to_string());
            }
            _ => return Err(CliError::BadField(field.clone(), keys())),
        }
    }
    let photo = match &args.photo {
        Some(path) => Some(decode(path, FileKind::Photo)?),
        None => None,
    };

    let inputs = PosterInputs {
        values: &values,
        brand: &kit,
        photo: photo.as_ref(),
        transform: args.placement.transform(size.pixels().0, size.pixels().1),
        logo: logo.as_ref(),
    };
    let finished = finish::finish_poster(template, size, &inputs, kind)?;
    write_finished(&args.out, finished, str::to_string)
}
