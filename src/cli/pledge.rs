//! `campaign-kit pledge`: one pledge card, drawn by the same `render_card` as the app.

use std::path::{Path, PathBuf};

use super::{decode, lang, read, write_finished, CliError};
use crate::bounded_read::FileKind;
use crate::brand::{self, BrandKit};
use crate::finish::{self, Output};
use crate::i18n::Lang;
use crate::pledge::{self, nip, signature, CardInputs, CardSize, Date, PledgeFields};

#[derive(Debug, clap::Args)]
pub struct PledgeArgs {
    /// Nama, with academic titles.
    #[arg(long)]
    name: String,
    /// NIP (PNS) or NI PPPK, 18 digits (spaces and dots allowed); the card labels it by kind.
    /// May be left out.
    #[arg(long)]
    nip: Option<String>,
    /// Jabatan.
    #[arg(long, default_value = "")]
    position: String,
    /// Instansi / Unit Kerja (the header shows the brand kit's agency, or this).
    #[arg(long, default_value = "")]
    agency: String,
    /// Tempat (city of signing).
    #[arg(long, default_value = "")]
    place: String,
    /// Tanggal, YYYY-MM-DD (default: today in WIB).
    #[arg(long)]
    date: Option<String>,
    /// A photo (JPEG, PNG, WebP, GIF or BMP).
    #[arg(long)]
    photo: Option<PathBuf>,
    /// A signature: a photo or scan on white paper (the paper is made transparent).
    #[arg(long)]
    signature: Option<PathBuf>,
    /// share (1080×1350) or a4 (2480×3508, 300 dpi); a4 for a .pdf.
    #[arg(long, value_enum)]
    size: Option<SizeArg>,
    #[command(flatten)]
    card: CardOptions,
    /// Where to write the card: .png, .jpg/.jpeg, or .pdf (A4).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum SizeArg {
    Share,
    A4,
}

/// What `pledge` and `batch` share: the brand kit, the cards' language, the ikrar points and the
/// design.
#[derive(Debug, clap::Args)]
pub struct CardOptions {
    /// A brand kit JSON file, as exported by the app.
    #[arg(long)]
    pub brand: Option<PathBuf>,
    /// The card language: id (default) or en.
    #[arg(long = "lang", value_name = "LANG", value_parser = parse_lang)]
    card_lang: Option<Lang>,
    /// An ikrar point, replacing the four default points; repeat for each point, in order.
    #[arg(long = "point", value_name = "TEXT")]
    points: Vec<String>,
    /// The cards' design: potret (default) or sertifikat (landscape); see assets/templates/pledge.
    #[arg(long, value_name = "ID", default_value = pledge::DEFAULT_DESIGN, value_parser = parse_design)]
    pub design: String,
}

impl CardOptions {
    /// The language printed on the cards.
    pub fn lang(&self) -> Lang {
        self.card_lang.unwrap_or_default()
    }

    /// The points given with `--point`, or the default four in the cards' language.
    pub fn points(&self) -> Vec<String> {
        if self.points.is_empty() {
            pledge::default_points(self.lang())
        } else {
            self.points.clone()
        }
    }
}

fn parse_design(text: &str) -> Result<String, String> {
    match pledge::design_by_id(text) {
        Some(d) => Ok(d.id.clone()),
        None => {
            let ids: Vec<&str> = pledge::designs().iter().map(|d| d.id.as_str()).collect();
            Err(format!("unknown design; one of: {}", ids.join(", ")))
        }
    }
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_tag(text).ok_or_else(|| "want id or en".to_string())
}

/// Today's date in Western Indonesia Time (UTC+7): the CLI has no time-zone database, and WIB
/// is where most ASN are; a card dated the day before near midnight would look wrong.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Date::from_unix_days((secs + 7 * 3600).div_euclid(86_400))
}

/// A brand kit from `--brand`, or the default; checked, with its logo decoded.
pub fn load_brand(
    path: Option<&Path>,
) -> Result<(BrandKit, Option<crate::photo::Photo>), CliError> {
    let brand_error = |path: &Path, e: brand::BrandError| CliError::Brand {
        path: path.into(),
        message: e.message(lang()),
    };
    let kit = match path {
        Some(p) => BrandKit::from_json(&read(p, FileKind::Kit)?).map_err(|e| brand_error(p, e))?,
        None => BrandKit::default(),
    };
    let logo = match &kit.logo {
        Some(l) => Some(
            brand::decode_logo(l).map_err(|e| brand_error(path.unwrap_or(Path::new("logo")), e))?,
        ),
        None => None,
    };
    Ok((kit, logo))
}

pub fn parse_date(text: Option<&str>) -> Result<Date, CliError> {
    match text {
        Some(t) => Date::parse_iso(t).map_err(|e| CliError::Input(e.message(lang()))),
        None => Ok(today()),
    }
}

pub fn run(args: PledgeArgs) -> Result<(), CliError> {
    let kind = Output::from_path(&args.out.to_string_lossy())
        .ok_or_else(|| CliError::UnknownPosterFormat(args.out.clone()))?;
    let size = match (&kind, args.size) {
        (Output::Pdf, None | Some(SizeArg::A4)) => CardSize::A4,
        (Output::Pdf, Some(SizeArg::Share)) => return Err(CliError::PdfNotA4),
        (_, Some(SizeArg::A4)) => CardSize::A4,
        (_, _) => CardSize::Share,
    };
    let date = parse_date(args.date.as_deref())?;
    let nip = match args.nip.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => Some(
            nip::parse(text, today())
                // The message names the number (NIP or NI PPPK) and its wrong digits.
                .map_err(|e| CliError::Input(e.message(lang())))?,
        ),
        _ => None,
    };
    let fields = PledgeFields {
        name: args.name,
        nip,
        position: args.position,
        agency: args.agency,
        place: args.place,
        date,
    };
    let card_lang = args.card.lang();
    let points = args.card.points();
    fields
        .validate(&points)
        .map_err(|e| CliError::Input(e.message(lang())))?;
    let (kit, logo) = load_brand(args.card.brand.as_deref())?;
    let photo = match &args.photo {
        Some(path) => Some(decode(path, FileKind::Photo)?),
        None => None,
    };
    let sig = match &args.signature {
        Some(path) => Some(
            signature::from_upload(&read(path, FileKind::Signature)?).map_err(|e| {
                CliError::Intake {
                    path: path.clone(),
                    message: e.message(lang()),
                }
            })?,
        ),
        None => None,
    };
    let inputs = CardInputs {
        fields: &fields,
        points: &points,
        brand: &kit,
        logo: logo.as_ref(),
        photo: photo.as_ref(),
        signature: sig.as_ref(),
        size,
        lang: card_lang,
        design: &args.card.design,
    };
    let finished = finish::finish_pledge(&inputs, kind)?;
    write_finished(&args.out, finished, |key| {
        pledge::Field::from_key(key).map_or_else(|| key.to_string(), |f| f.label(lang()).into())
    })
}
