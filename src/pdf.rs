//! Print export: one A4 page (595.28 × 841.89 pt) with the rendered 2480 × 3508 image on it,
//! edge to edge, at 300 dpi. The image is embedded as the JPEG that [`export::encode`] makes
//! (PDF's `DCTDecode` takes JPEG bytes as they are), so the PDF is barely larger than the JPEG.

use image::RgbaImage;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

use crate::export::{self, ExportError, Format};

/// A4 in PDF points (1/72 inch): 210 × 297 mm.
pub const A4_POINTS: (f32, f32) = (595.28, 841.89);

/// A one-page A4 PDF with `image` filling the page (any size; 2480 × 3508 is 300 dpi).
pub fn a4_pdf(image: &RgbaImage, title: &str) -> Result<Vec<u8>, ExportError> {
    let jpeg = export::encode(image, Format::Jpeg)?;
    let (w, h) = image.dimensions();
    let (pw, ph) = A4_POINTS;

    let catalog_id = Ref::new(1);
    let tree_id = Ref::new(2);
    let page_id = Ref::new(3);
    let image_id = Ref::new(4);
    let content_id = Ref::new(5);
    let info_id = Ref::new(6);
    let image_name = Name(b"Im1");

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, pw, ph));
    page.parent(tree_id);
    page.contents(content_id);
    page.resources().x_objects().pair(image_name, image_id);
    page.finish();

    let mut xobject = pdf.image_xobject(image_id, &jpeg);
    xobject.filter(Filter::DctDecode);
    xobject.width(w as i32);
    xobject.height(h as i32);
    xobject.color_space().device_rgb();
    xobject.bits_per_component(8);
    xobject.finish();

    let mut content = Content::new();
    content.save_state();
    content.transform([pw, 0.0, 0.0, ph, 0.0, 0.0]);
    content.x_object(image_name);
    content.restore_state();
    pdf.stream(content_id, &content.finish());

    pdf.document_info(info_id)
        .title(TextStr(title))
        .producer(TextStr("campaign-kit"));
    Ok(pdf.finish())
}
