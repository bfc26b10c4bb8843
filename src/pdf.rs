//! The PDF writer: A4 pages, each one JPEG edge to edge, written forward only. Every PDF the
//! product makes goes through it — a poster's or a card's single print page is a stream with one
//! page ([`a4_pdf`]), a thousand-card batch one with a thousand — so there is one way to write a
//! PDF. Each page goes out as soon as it is added and only the objects' byte offsets are kept (a
//! few bytes per page) for the cross-reference table at the end. `pdf-writer` makes each object
//! (a `Chunk` per object, so its offset is where the chunk starts); this module does the file's
//! frame. JPEG goes in as it is (`DCTDecode`), so a PDF is barely larger than its JPEGs.

use std::io::{self, Write};

use image::RgbaImage;
use pdf_writer::writers::{Catalog, DocumentInfo};
use pdf_writer::{Chunk, Content, Filter, Finish, Name, Rect, Ref, TextStr};

use crate::export::{self, ExportError, Format};

/// A4 in PDF points (1/72 inch): 210 × 297 mm.
pub const A4_POINTS: (f32, f32) = (595.28, 841.89);

/// The page for a `width`×`height` picture: A4 portrait, or landscape when it is wider than high.
pub fn page_points(width: u32, height: u32) -> (f32, f32) {
    let (short, long) = A4_POINTS;
    if width > height {
        (long, short)
    } else {
        (short, long)
    }
}

/// A one-page A4 PDF with `image` filling the page (2480 × 3508 is 300 dpi), its JPEG at the
/// download quality ([`export::JPEG_QUALITY`]).
pub fn a4_pdf(image: &RgbaImage, title: &str) -> Result<Vec<u8>, ExportError> {
    let jpeg = export::encode(image, Format::Jpeg)?;
    let (w, h) = image.dimensions();
    let io = |e: std::io::Error| ExportError::Encode(e.to_string());
    let mut pdf = PdfStream::new(Vec::new(), title).map_err(io)?;
    pdf.add_jpeg_page(&jpeg, w, h).map_err(io)?;
    pdf.finish().map_err(io)
}

const CATALOG: Ref = Ref::new(1);
const TREE: Ref = Ref::new(2);
const INFO: Ref = Ref::new(3);
const FIRST_FREE: i32 = 4;

/// A PDF being written to `W`, one A4 page per [`PdfStream::add_jpeg_page`].
pub struct PdfStream<W: Write> {
    out: W,
    written: usize,
    /// Byte offset of object `id` at index `id - 1`.
    offsets: Vec<usize>,
    pages: Vec<Ref>,
    next: i32,
    title: String,
}

impl<W: Write> PdfStream<W> {
    /// Write the header. The title goes into the document info at the end.
    pub fn new(mut out: W, title: &str) -> io::Result<Self> {
        // The binary comment tells transfer tools the file is binary (PDF 1.7, 7.5.2).
        let header = b"%PDF-1.7\n%\x80\x80\x80\x80\n";
        out.write_all(header)?;
        Ok(PdfStream {
            out,
            written: header.len(),
            offsets: vec![0; (FIRST_FREE - 1) as usize],
            pages: Vec::new(),
            next: FIRST_FREE,
            title: title.to_string(),
        })
    }

    fn alloc(&mut self) -> Ref {
        let id = Ref::new(self.next);
        self.next += 1;
        self.offsets.push(0);
        id
    }

    /// Write one object's chunk, remembering where it starts.
    fn put(&mut self, id: Ref, chunk: &Chunk) -> io::Result<()> {
        self.offsets[(id.get() - 1) as usize] = self.written;
        self.out.write_all(chunk.as_bytes())?;
        self.written += chunk.len();
        Ok(())
    }

    /// Add an A4 page showing `jpeg` (`width`×`height` pixels, RGB) edge to edge: portrait, or
    /// landscape for a picture wider than high (a certificate-like card).
    pub fn add_jpeg_page(&mut self, jpeg: &[u8], width: u32, height: u32) -> io::Result<()> {
        let (pw, ph) = page_points(width, height);
        let (page_id, image_id, content_id) = (self.alloc(), self.alloc(), self.alloc());
        let name = Name(b"Im1");

        let mut chunk = Chunk::new();
        let mut image = chunk.image_xobject(image_id, jpeg);
        image.filter(Filter::DctDecode);
        image.width(width as i32);
        image.height(height as i32);
        image.color_space().device_rgb();
        image.bits_per_component(8);
        image.finish();
        self.put(image_id, &chunk)?;
        drop(chunk);

        let mut content = Content::new();
        content.save_state();
        content.transform([pw, 0.0, 0.0, ph, 0.0, 0.0]);
        content.x_object(name);
        content.restore_state();
        let content = content.finish();
        let mut chunk = Chunk::new();
        chunk.stream(content_id, &content);
        self.put(content_id, &chunk)?;

        let mut chunk = Chunk::new();
        let mut page = chunk.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, pw, ph));
        page.parent(TREE);
        page.contents(content_id);
        page.resources().x_objects().pair(name, image_id);
        page.finish();
        self.put(page_id, &chunk)?;
        self.pages.push(page_id);
        Ok(())
    }

    /// Pages so far.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Write the page tree, catalog, info, cross-reference table and trailer; return the writer.
    pub fn finish(mut self) -> io::Result<W> {
        let mut chunk = Chunk::new();
        chunk
            .pages(TREE)
            .kids(self.pages.iter().copied())
            .count(self.pages.len() as i32);
        self.put(TREE, &chunk)?;

        let mut chunk = Chunk::new();
        chunk.indirect(CATALOG).start::<Catalog>().pages(TREE);
        self.put(CATALOG, &chunk)?;

        let mut chunk = Chunk::new();
        let title = std::mem::take(&mut self.title);
        let mut info = chunk.indirect(INFO).start::<DocumentInfo>();
        info.title(TextStr(&title));
        info.producer(TextStr("campaign-kit"));
        info.finish();
        self.put(INFO, &chunk)?;

        let xref_at = self.written;
        let mut xref = format!("xref\n0 {}\n0000000000 65535 f\r\n", self.offsets.len() + 1);
        for offset in &self.offsets {
            xref.push_str(&format!("{offset:010} 00000 n\r\n"));
        }
        xref.push_str(&format!(
            "trailer\n<< /Size {} /Root {} 0 R /Info {} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
            self.offsets.len() + 1,
            CATALOG.get(),
            INFO.get(),
        ));
        self.out.write_all(xref.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_at_their_objects() {
        let jpeg = crate::export::encode(
            &image::RgbaImage::from_pixel(8, 8, image::Rgba([200, 10, 10, 255])),
            crate::export::Format::Jpeg,
        )
        .unwrap();
        let mut pdf = PdfStream::new(Vec::new(), "Uji – ikrar").unwrap();
        for _ in 0..3 {
            pdf.add_jpeg_page(&jpeg, 8, 8).unwrap();
        }
        let bytes = pdf.finish().unwrap();
        // The file is binary (JPEG streams): read offsets from bytes, never a lossy string.
        let tail_at = bytes.windows(7).rposition(|w| w == b"xref\n0 ").unwrap();
        let tail = std::str::from_utf8(&bytes[tail_at..]).unwrap();
        let xref_at: usize = tail
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(xref_at, tail_at);
        assert!(tail.starts_with("xref\n0 13\n"));
        for (i, line) in tail.lines().skip(3).take(12).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            let id = format!("{} 0 obj", i + 1);
            assert!(
                bytes[offset..].starts_with(id.as_bytes()),
                "object {}",
                i + 1
            );
        }
        let tree_at: usize = tail.lines().nth(4).unwrap()[..10].parse().unwrap();
        let tree = String::from_utf8_lossy(&bytes[tree_at..tree_at + 80]);
        assert!(tree.contains("/Count 3"), "{tree}");
    }
}
