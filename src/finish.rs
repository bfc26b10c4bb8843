//! Finish: the last step of every product — render at the export size, encode as PNG, JPEG or a
//! one-page A4 PDF, and name the file. The CLI, the app's export worker and the pledge batch all
//! call these functions, so a download from the app, a file from the CLI and a card in the batch
//! ZIP are the same bytes for the same inputs.
//!
//! photo → template → [`crate::render`] → **finish** → bytes, file name, report.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::export::{self, ExportError, Format};
use crate::i18n::Lang;
use crate::pdf;
use crate::pledge::{self, CardInputs, CardSize, PledgeError};
use crate::poster::{self, PosterInputs, PosterSize, PosterTemplate};
use crate::render::{self, Inputs, RenderError};
use crate::template::Template;
use crate::twibbon;

/// What a product is finished as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Output {
    #[default]
    Png,
    Jpeg,
    /// One A4 page at 300 dpi (posters and pledge cards at their A4 size).
    Pdf,
}

impl Output {
    /// From a file name's extension (case-insensitive): `.png`, `.jpg`/`.jpeg`, `.pdf`.
    pub fn from_path(path: &str) -> Option<Output> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Output::Pdf),
            _ => Format::from_path(path).map(Output::from),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Output::Png => "png",
            Output::Jpeg => "jpg",
            Output::Pdf => "pdf",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Output::Png => "image/png",
            Output::Jpeg => "image/jpeg",
            Output::Pdf => "application/pdf",
        }
    }
}

impl From<Format> for Output {
    fn from(format: Format) -> Output {
        match format {
            Format::Png => Output::Png,
            Format::Jpeg => Output::Jpeg,
        }
    }
}

/// What a finished image could not show as given: the texts cut with "…" (poster field keys;
/// pledge [`pledge::Field`] keys such as `name`) and the characters no installed font draws.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub cut: Vec<String>,
    pub missing: Vec<String>,
}

/// A finished file: what the CLI writes, the app downloads or shares, and the batch zips.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub mime: &'static str,
    pub report: Report,
}

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum FinishError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Pledge(#[from] PledgeError),
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A PDF is one A4 page: only A4 posters and cards, never a twibbon or a social size.
    #[error("a PDF is made at the A4 size only")]
    PdfNeedsA4,
}

impl FinishError {
    /// What to tell the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FinishError::Render(e) => e.message(lang),
            FinishError::Pledge(e) => e.message(lang),
            FinishError::Export(e) => e.message(lang),
            FinishError::PdfNeedsA4 => match lang {
                Lang::Id => "PDF hanya dibuat untuk ukuran A4.".into(),
                Lang::En => "A PDF is made at the A4 size only.".into(),
            },
        }
    }
}

/// Encode `image` as `output`; a PDF gets `title` in its document info.
fn encode(image: &image::RgbaImage, output: Output, title: &str) -> Result<Vec<u8>, FinishError> {
    Ok(match output {
        Output::Png => export::encode(image, Format::Png)?,
        Output::Jpeg => export::encode(image, Format::Jpeg)?,
        Output::Pdf => pdf::a4_pdf(image, title)?,
    })
}

/// A twibbon at its template's full size. `template` is a built-in frame or the user's own
/// ([`Template::user_frame`]); a twibbon is never a PDF.
pub fn finish_twibbon(
    template: &Template,
    inputs: &Inputs<'_>,
    output: Output,
) -> Result<Finished, FinishError> {
    draw_twibbon(template, inputs, output)?.encoded(output)
}

/// A twibbon drawn and named but not encoded: what [`finish_twibbon`] encodes with our
/// encoders (the CLI), and what the web app's twibbon worker hands to the browser's own (the
/// same pixels, natively encoded, without a JPEG and PNG encoder in its wasm).
pub struct DrawnTwibbon {
    pub image: image::RgbaImage,
    pub file_name: String,
    pub report: Report,
}

impl DrawnTwibbon {
    /// Encoded by our encoders as `output` (the one it was drawn for).
    pub fn encoded(self, output: Output) -> Result<Finished, FinishError> {
        Ok(Finished {
            bytes: encode(&self.image, output, "")?,
            file_name: self.file_name,
            mime: output.mime(),
            report: self.report,
        })
    }
}

/// The twibbon of [`finish_twibbon`], drawn for `output` but not encoded.
pub fn draw_twibbon(
    template: &Template,
    inputs: &Inputs<'_>,
    output: Output,
) -> Result<DrawnTwibbon, FinishError> {
    if output == Output::Pdf {
        return Err(FinishError::PdfNeedsA4);
    }
    let (image, report) = render::render_report(template, inputs, template.size[0])?;
    // 1080×1080 keeps the name it always had; other sizes say theirs.
    let size = match template.size {
        [1080, 1080] => String::new(),
        [w, h] => format!("-{w}x{h}"),
    };
    Ok(DrawnTwibbon {
        image,
        file_name: format!(
            "twibbon-asn-pilih-netral-{}{size}.{}",
            template.id,
            output.extension()
        ),
        report: Report {
            cut: report.cut,
            missing: report.coverage.missing,
        },
    })
}

/// A twibbon from a design ([`crate::twibbon`]) at `size`, with the kit and texts of `inputs`.
pub fn finish_twibbon_design(
    design: &PosterTemplate,
    size: PosterSize,
    inputs: &PosterInputs<'_>,
    output: Output,
) -> Result<Finished, FinishError> {
    let resolved = twibbon::resolve(design, size, inputs);
    let inputs = resolved.inputs(inputs.photo, inputs.transform, inputs.logo);
    finish_twibbon(&resolved.template, &inputs, output)
}

/// A poster at `size`'s full pixels. A PDF only at [`PosterSize::A4`].
pub fn finish_poster(
    template: &PosterTemplate,
    size: PosterSize,
    inputs: &PosterInputs<'_>,
    output: Output,
) -> Result<Finished, FinishError> {
    if output == Output::Pdf && size != PosterSize::A4 {
        return Err(FinishError::PdfNeedsA4);
    }
    let (width, _) = size.pixels();
    let image = poster::render_poster(template, size, inputs, width)?;
    let title = format!("ASN Pilih Netral – {}", template.name.id);
    let bytes = encode(&image, output, &title)?;
    drop(image);
    Ok(Finished {
        bytes,
        file_name: format!(
            "poster-asn-pilih-netral-{}-{}.{}",
            template.id,
            size.key(),
            output.extension()
        ),
        mime: output.mime(),
        report: Report {
            cut: poster::overflowing_fields(template, size, inputs),
            missing: poster::text_coverage(template, size, inputs).missing,
        },
    })
}

/// A pledge card at its design's pixels for `inputs.size`. A PDF only at [`CardSize::A4`].
/// The file is named for the person ([`pledge::file_stem`]).
pub fn finish_pledge(inputs: &CardInputs<'_>, output: Output) -> Result<Finished, FinishError> {
    if output == Output::Pdf && inputs.size != CardSize::A4 {
        return Err(FinishError::PdfNeedsA4);
    }
    let design = pledge::design_by_id(inputs.design)
        .ok_or_else(|| PledgeError::Design(inputs.design.to_string()))?;
    let (width, _) = design.pixels(inputs.size);
    let rendered = pledge::render_card_checked(inputs, width)?;
    let title = match inputs.lang {
        Lang::Id => format!("Kartu Ikrar Netralitas ASN – {}", inputs.fields.name),
        Lang::En => format!("ASN Neutrality Pledge Card – {}", inputs.fields.name),
    };
    let bytes = encode(&rendered.image, output, &title)?;
    Ok(Finished {
        bytes,
        file_name: format!(
            "{}.{}",
            pledge::file_stem(inputs.fields),
            output.extension()
        ),
        mime: output.mime(),
        report: Report {
            cut: rendered.cut.iter().map(|f| f.key().to_string()).collect(),
            missing: rendered.coverage.missing,
        },
    })
}
