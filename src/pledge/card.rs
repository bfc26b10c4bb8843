//! The card layout: a header band with the brand kit's logo, issuing body and agency; the
//! title; the fields (Nama, NIP, Jabatan, Instansi) beside an optional photo; the numbered ikrar
//! points; then the QR on the left and, on the right, "Tempat, tanggal", the signature above the
//! name and the NIP; a footer band with the slogan.
//!
//! Everything is laid out in design units on a canvas 1080 units wide (its height follows the
//! size's aspect), then scaled, so the preview, the share PNG and the A4 page are the same card.
//! The top and the bottom are fixed blocks; the points take the space between them, shrinking
//! (down to a floor) to fit, so the taller A4 page simply gets roomier points.

use image::RgbaImage;
use tiny_skia::{
    FillRule, FilterQuality, Paint, PathBuilder, Pattern, Pixmap, Rect, SpreadMode, Transform,
};

use super::signature::{crop_to_ink, has_ink};
use super::{qr, Field, PledgeError, PledgeFields};
use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::photo::Photo;
use crate::poster::readable_on;
use crate::render::MAX_OUTPUT_SIDE;
use crate::template::{Align, Color, FontId};
use crate::text::{self, FitOptions, Fitted};

/// The three sizes one card is drawn at.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum CardSize {
    /// 1080×1350, the Instagram portrait post; the ZIP's PNGs.
    #[default]
    Share,
    /// 2480×3508, A4 at 300 dpi, for a single printed card.
    A4,
    /// 1240×1754, A4 at 150 dpi: the batch PDF's pages (a thousand 300-dpi pages would make a
    /// PDF of over a gigabyte; 150 dpi prints text and the QR cleanly).
    A4Batch,
}

impl CardSize {
    pub fn pixels(self) -> (u32, u32) {
        match self {
            CardSize::Share => (1080, 1350),
            CardSize::A4 => (2480, 3508),
            CardSize::A4Batch => (1240, 1754),
        }
    }

    /// The height at `width` pixels wide, same aspect (for small previews).
    pub fn scaled_height(self, width: u32) -> u32 {
        let (w, h) = self.pixels();
        ((u64::from(width) * u64::from(h) + u64::from(w) / 2) / u64::from(w)) as u32
    }
}

/// Everything one card is drawn from.
#[derive(Clone, Copy, Debug)]
pub struct CardInputs<'a> {
    pub fields: &'a PledgeFields,
    /// The ikrar points, in order ([`super::default_points`] unless the agency edited them).
    pub points: &'a [String],
    pub brand: &'a BrandKit,
    /// The brand kit's logo, already decoded ([`crate::brand::decode_logo`]), so a batch decodes
    /// it once.
    pub logo: Option<&'a Photo>,
    pub photo: Option<&'a Photo>,
    /// A transparent signature image ([`super::signature`]); cropped to its ink here.
    pub signature: Option<&'a RgbaImage>,
    pub size: CardSize,
    /// The language of the card's labels; the ikrar points are printed as given.
    pub lang: Lang,
}

/// Draw the card at `inputs.size`.
pub fn render_card(inputs: &CardInputs) -> Result<RgbaImage, PledgeError> {
    let (w, _) = inputs.size.pixels();
    render_card_at(inputs, w)
}

/// Draw the card at `width` pixels wide (the preview), with the layout of `inputs.size`: the
/// preview is the export, scaled.
pub fn render_card_at(inputs: &CardInputs, width: u32) -> Result<RgbaImage, PledgeError> {
    render_card_checked(inputs, width).map(|r| r.image)
}

/// A drawn card and the fields whose text did not fit even at the smallest size and was cut
/// with "…" (so the app and the CLI can say so; realistic names and agencies never are).
#[derive(Clone, Debug)]
pub struct Rendered {
    pub image: RgbaImage,
    pub cut: Vec<Field>,
}

/// [`render_card_at`], also telling which fields were cut.
pub fn render_card_checked(inputs: &CardInputs, width: u32) -> Result<Rendered, PledgeError> {
    inputs.fields.validate(inputs.points)?;
    let height = inputs.size.scaled_height(width);
    if !(16..=MAX_OUTPUT_SIDE).contains(&width) || height > MAX_OUTPUT_SIDE {
        return Err(PledgeError::Render(format!("size {width}×{height}")));
    }
    let pixmap = Pixmap::new(width, height).ok_or_else(|| PledgeError::Render("canvas".into()))?;
    let mut card = Card {
        pm: pixmap,
        s: width as f32 / DESIGN_W,
        h: DESIGN_W * height as f32 / width as f32,
        cut: Vec::new(),
    };
    let qr_text = qr::qr_text(inputs.fields, inputs.points);
    let qr = qr::qr_modules(&qr_text)?;
    let bottom = card.h - FOOTER_H - BOTTOM_H;
    // The field table and the points share the middle: when long values leave the points too
    // little room, draw again with the table's type a step smaller (rare: very long texts).
    let mut table_scale = 1.0;
    let layout = loop {
        card.pm.fill(sk(PAPER));
        card.cut.clear();
        card.header(inputs);
        let top = card.title_and_fields(inputs, table_scale);
        let layout = card.layout_points(inputs, top, bottom);
        if layout.px >= POINT_COMFORT || table_scale <= 0.75 {
            break layout;
        }
        table_scale -= 0.083;
    };
    card.draw_points(inputs, &layout);
    if layout.cut {
        card.cut.push(Field::Point);
    }
    card.bottom(inputs, bottom, &qr);
    card.footer(inputs.brand);
    let mut cut = std::mem::take(&mut card.cut);
    cut.sort_by_key(|f| *f as u8);
    cut.dedup();
    Ok(Rendered {
        image: super::signature::unpremultiply(card.pm),
        cut,
    })
}

const DESIGN_W: f32 = 1080.0;
const MARGIN: f32 = 60.0;
const HEADER_H: f32 = 150.0;
const STRIPE_H: f32 = 10.0;
const FOOTER_H: f32 = 64.0;
const BOTTOM_H: f32 = 336.0;
const PAPER: Color = Color::rgb(0xFF, 0xFF, 0xFF);
const INK: Color = Color::rgb(0x1A, 0x1D, 0x23);
const MUTED: Color = Color::rgb(0x4A, 0x51, 0x60);
const PANEL: Color = Color::rgb(0xF3, 0xF5, 0xF8);
const RULE: Color = Color::rgb(0xD5, 0xDA, 0xE1);

/// Labels in the card's language.
/// At the smallest size and still too tall (many long edited points): keep the lines that
/// fit and end the last one with "…", rather than run into the signature block.
fn clip_points(mut fitted: Vec<Fitted>, lh: f32, gap: f32, avail: f32) -> (Vec<Fitted>, f32, bool) {
    let total = |f: &[Fitted]| {
        f.iter().map(|p| p.lines.len() as f32 * lh).sum::<f32>()
            + gap * (f.len().saturating_sub(1)) as f32
    };
    if total(&fitted) <= avail + 0.01 {
        let t = total(&fitted);
        return (fitted, t, false);
    }
    while total(&fitted) > avail + 0.01 {
        let Some(last) = fitted.last_mut() else {
            break;
        };
        if last.lines.len() > 1 {
            last.lines.pop();
        } else {
            fitted.pop();
        }
    }
    if let Some(line) = fitted.last_mut().and_then(|f| f.lines.last_mut()) {
        let trimmed = line.trim_end_matches(['.', ',', ' ']).to_string();
        // Make room for the ellipsis by dropping the last word when the line is long.
        *line = match trimmed.rsplit_once(' ') {
            Some((head, _)) if trimmed.chars().count() > 12 => format!("{head} …"),
            _ => format!("{trimmed}…"),
        };
    }
    let t = total(&fitted);
    (fitted, t, true)
}

/// The points block, laid out (design units).
struct PointsLayout {
    /// Points had to be cut to fit (see [`clip_points`]).
    cut: bool,
    fitted: Vec<Fitted>,
    px: f32,
    lh: f32,
    gap: f32,
    total: f32,
    /// Where the lead-in line goes, where the points start, and the room they have.
    top: f32,
    y: f32,
    avail: f32,
}

const LEAD: Style = Style::new(FontId::Regular, 25.0, 20.0, MUTED);
const POINT_MAX: f32 = 28.0;
const POINT_MIN: f32 = 16.0;
/// Below this point size the field table gives up some of its size instead (long names and
/// agencies on the square-ish share card).
const POINT_COMFORT: f32 = 22.0;

/// The numbered badge's diameter for a point size: a little taller than a line.
fn badge_for(px: f32) -> f32 {
    (px * 1.45).min(40.0)
}

struct Words {
    title: &'static str,
    subtitle: &'static str,
    intro: &'static str,
    pledge: &'static str,
    name: &'static str,
    position: &'static str,
    agency: &'static str,
    signer: &'static str,
    scan: &'static str,
    slogan: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Id => Words {
            title: "IKRAR NETRALITAS",
            subtitle: "APARATUR SIPIL NEGARA",
            intro: "Saya yang bertanda tangan di bawah ini:",
            pledge: "dengan ini berikrar untuk:",
            name: "Nama",
            position: "Jabatan",
            agency: "Instansi",
            signer: "Yang berikrar,",
            scan: "Pindai untuk memeriksa keaslian",
            slogan: "ASN PILIH NETRAL",
        },
        Lang::En => Words {
            title: "NEUTRALITY PLEDGE",
            subtitle: "STATE CIVIL APPARATUS (ASN)",
            intro: "I, the undersigned:",
            pledge: "hereby pledge to:",
            name: "Name",
            position: "Position",
            agency: "Agency",
            signer: "Pledged by,",
            scan: "Scan to check it is genuine",
            slogan: "ASN PILIH NETRAL",
        },
    }
}

/// The canvas and its scale: `s` pixels per design unit, `h` the height in design units.
struct Card {
    pm: Pixmap,
    s: f32,
    h: f32,
    /// Fields cut with "…" so far.
    cut: Vec<Field>,
}

/// A text style: font, (max, min) size in design units, tracking (em), colour, alignment.
#[derive(Clone, Copy)]
struct Style {
    font: FontId,
    max: f32,
    min: f32,
    tracking: f32,
    color: Color,
    align: Align,
}

impl Style {
    const fn new(font: FontId, max: f32, min: f32, color: Color) -> Style {
        Style {
            font,
            max,
            min,
            tracking: 0.0,
            color,
            align: Align::Left,
        }
    }

    const fn align(mut self, align: Align) -> Style {
        self.align = align;
        self
    }

    const fn tracking(mut self, tracking: f32) -> Style {
        self.tracking = tracking;
        self
    }
}

impl Card {
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        let s = self.s;
        if let Some(r) = Rect::from_xywh(x * s, y * s, w * s, h * s) {
            let paint = solid(color);
            self.pm.fill_rect(r, &paint, Transform::identity(), None);
        }
    }

    fn round_rect(&mut self, x: f32, y: f32, w: f32, h: f32, radius: f32, paint: &Paint) {
        let s = self.s;
        if let Some(path) = round_rect_path(x * s, y * s, w * s, h * s, radius * s) {
            self.pm
                .fill_path(&path, paint, FillRule::Winding, Transform::identity(), None);
        }
    }

    /// Fit `text` into a `w`-wide box of at most `max_h` (design units), draw it top-aligned
    /// at (`x`, `y`), and return the fitted lines and the height used (design units).
    fn text(&mut self, text: &str, st: Style, x: f32, y: f32, w: f32, max_h: f32) -> (Fitted, f32) {
        let s = self.s;
        let fitted = text::fit_with(
            text,
            st.font,
            st.tracking,
            (st.max * s, st.min * s),
            (w * s, max_h * s),
            FitOptions { prefer_wrap: false },
        );
        let used = fitted.lines.len() as f32 * text::line_height_for(st.font, fitted.px);
        text::draw(
            &mut self.pm,
            &fitted,
            st.font,
            st.tracking,
            st.color,
            st.align,
            (x * s, y * s, w * s, used),
        );
        (fitted, used / s)
    }

    /// A box for `lines` lines: that many at the style's smallest size, and never less than
    /// one line at its largest (design units).
    fn lines_h(&self, st: Style, lines: f32) -> f32 {
        let lh = |px: f32| text::line_height_for(st.font, px * self.s) / self.s;
        (lines * lh(st.min)).max(lh(st.max))
    }

    /// The largest size (design units, from the style's max down in 4 % steps to its min) at
    /// which `text` wraps into at most `lines` lines of width `w`.
    fn best_px(&self, text: &str, st: Style, w: f32, lines: f32) -> f32 {
        let mut px = st.max;
        while px > st.min {
            let (fitted, _) = self.fit_at(text, st, w, f32::MAX, px);
            if fitted.lines.len() as f32 <= lines && !fitted.truncated {
                return px;
            }
            px = (px * 0.96).max(st.min);
        }
        st.min
    }

    /// `text` wrapped at exactly `px` (design units) into at most `lines` lines (the last cut
    /// with "…" only if even that is too few). Returns the fit and its height (design units).
    fn fit_at(&self, text: &str, st: Style, w: f32, lines: f32, px: f32) -> (Fitted, f32) {
        let s = self.s;
        let lh = text::line_height_for(st.font, px * s);
        let max_h = if lines.is_finite() && lines < 1e6 {
            lines * lh + 0.5
        } else {
            f32::MAX / 4.0
        };
        let fitted = text::fit_with(
            text,
            st.font,
            st.tracking,
            (px * s, px * s),
            (w * s, max_h),
            FitOptions { prefer_wrap: true },
        );
        let h = fitted.lines.len() as f32 * lh / s;
        (fitted, h)
    }

    fn draw_fitted(&mut self, fitted: &Fitted, st: Style, x: f32, y: f32, w: f32) {
        let s = self.s;
        let h = fitted.lines.len() as f32 * text::line_height_for(st.font, fitted.px);
        text::draw(
            &mut self.pm,
            fitted,
            st.font,
            st.tracking,
            st.color,
            st.align,
            (x * s, y * s, w * s, h),
        );
    }

    fn header(&mut self, inputs: &CardInputs) {
        let brand = inputs.brand;
        self.rect(0.0, 0.0, DESIGN_W, HEADER_H, brand.primary);
        self.rect(0.0, HEADER_H, DESIGN_W, STRIPE_H, brand.secondary);
        let on = readable_on(brand.primary);
        let mut x = MARGIN;
        if let Some(logo) = inputs.logo {
            // The logo sits on a white roundel: agency logos are made for white paper.
            let d = 112.0;
            let (lx, ly) = (MARGIN, (HEADER_H - d) / 2.0);
            let mut white = solid(PAPER);
            white.anti_alias = true;
            self.round_rect(lx, ly, d, d, d / 2.0, &white);
            let inset = d * 0.16;
            self.image_contain(
                logo,
                (lx + inset, ly + inset, d - 2.0 * inset, d - 2.0 * inset),
            );
            x += d + 28.0;
        }
        let w = DESIGN_W - MARGIN - x;
        let agency = if brand.agency.trim().is_empty() {
            inputs.fields.agency.trim()
        } else {
            brand.agency.trim()
        };
        let issuer = brand.issuer.trim();
        let issuer_st = Style::new(FontId::Regular, 24.0, 18.0, on).tracking(0.02);
        let agency_st = Style::new(FontId::Bold, 34.0, 22.0, on);
        // Measure first (draw into a scratch fit) so the block is centred in the band.
        let issuer_h = if issuer.is_empty() {
            0.0
        } else {
            self.fit_h(issuer, issuer_st, w, self.lines_h(issuer_st, 1.0)) + 6.0
        };
        let agency_text = if agency.is_empty() {
            words(inputs.lang).slogan
        } else {
            agency
        };
        let agency_h = self.fit_h(agency_text, agency_st, w, self.lines_h(agency_st, 2.0));
        let mut y = (HEADER_H - issuer_h - agency_h) / 2.0;
        if !issuer.is_empty() {
            self.text(issuer, issuer_st, x, y, w, issuer_h);
            y += issuer_h;
        }
        let (fitted, _) = self.text(
            agency_text,
            agency_st,
            x,
            y,
            w,
            self.lines_h(agency_st, 2.0),
        );
        if fitted.truncated {
            self.cut.push(Field::Agency);
        }
    }

    /// The height `text` would take (design units) without drawing it.
    fn fit_h(&self, text: &str, st: Style, w: f32, max_h: f32) -> f32 {
        let s = self.s;
        let fitted = text::fit_with(
            text,
            st.font,
            st.tracking,
            (st.max * s, st.min * s),
            (w * s, max_h * s),
            FitOptions::default(),
        );
        fitted.lines.len() as f32 * text::line_height_for(st.font, fitted.px) / s
    }

    /// Title, intro and the field table with the photo. Returns the y where the points start.
    /// `scale` (≤ 1) shrinks the table's type when the points need the room.
    fn title_and_fields(&mut self, inputs: &CardInputs, scale: f32) -> f32 {
        let wd = words(inputs.lang);
        let primary = inputs.brand.primary;
        let full = DESIGN_W - 2.0 * MARGIN;
        let mut y = HEADER_H + STRIPE_H + 30.0;
        let title = Style::new(FontId::Black, 62.0, 40.0, title_color(primary))
            .align(Align::Center)
            .tracking(0.02);
        y += self.text(wd.title, title, MARGIN, y, full, 80.0).1;
        let sub = Style::new(FontId::Bold, 22.0, 16.0, MUTED)
            .align(Align::Center)
            .tracking(0.18);
        y += self.text(wd.subtitle, sub, MARGIN, y + 4.0, full, 30.0).1 + 14.0;
        self.rect(DESIGN_W / 2.0 - 40.0, y, 80.0, 5.0, inputs.brand.secondary);
        y += 26.0;

        let intro = Style::new(FontId::Regular, 25.0, 20.0, MUTED);
        y += self.text(wd.intro, intro, MARGIN, y, full, 34.0).1 + 12.0;

        // The field table on a light panel; the photo (3:4) at its right.
        let photo_w = 180.0;
        let photo_h = photo_w * 4.0 / 3.0;
        let table_top = y;
        let value_right = if inputs.photo.is_some() {
            DESIGN_W - MARGIN - photo_w - 28.0
        } else {
            DESIGN_W - MARGIN
        };
        let label_w = 150.0;
        let pad = 18.0;
        let label_x = MARGIN + pad;
        let colon_x = label_x + label_w;
        let value_x = colon_x + 22.0;
        let value_w = value_right - value_x - pad;
        let label = Style::new(FontId::Regular, 24.0 * scale, 20.0 * scale, MUTED);
        let name_st = Style::new(FontId::Bold, 30.0 * scale, 20.0 * scale, INK);
        let value_st = Style::new(FontId::Regular, 26.0 * scale, 19.0 * scale, INK);
        let nip = inputs.fields.nip.as_ref().map(|n| n.grouped());
        let rows: Vec<(&str, String, Style, f32, Field)> = [
            Some((
                wd.name,
                one_line(&inputs.fields.name),
                name_st,
                3.0,
                Field::Name,
            )),
            nip.map(|n| ("NIP", n, value_st, 1.0, Field::Nip)),
            Some((
                wd.position,
                dash(&inputs.fields.position),
                value_st,
                2.0,
                Field::Position,
            )),
            Some((
                wd.agency,
                dash(&inputs.fields.agency),
                value_st,
                3.0,
                Field::Agency,
            )),
        ]
        .into_iter()
        .flatten()
        .collect();
        // Fit every value first (they size the panel), then draw. Each value may wrap to its
        // number of lines; all plain values then share the smallest size any of them needed,
        // so the table reads as one block rather than a ransom note.
        let best: Vec<f32> = rows
            .iter()
            .map(|(_, v, st, lines, _)| self.best_px(v, *st, value_w, *lines))
            .collect();
        let plain_px = rows
            .iter()
            .zip(&best)
            .filter(|((_, _, st, _, _), _)| st.font == value_st.font)
            .map(|(_, px)| *px)
            .fold(value_st.max, f32::min);
        let fits: Vec<(Fitted, f32)> = rows
            .iter()
            .zip(&best)
            .map(|((_, v, st, lines, _), px)| {
                let px = if st.font == value_st.font {
                    plain_px
                } else {
                    *px
                };
                self.fit_at(v, *st, value_w, *lines, px)
            })
            .collect();
        let gap = 12.0;
        let table_h =
            fits.iter().map(|(_, h)| h).sum::<f32>() + gap * (rows.len() as f32 - 1.0) + 2.0 * pad;
        let block_h = if inputs.photo.is_some() {
            table_h.max(photo_h)
        } else {
            table_h
        };
        let mut panel = solid(PANEL);
        panel.anti_alias = true;
        self.round_rect(
            MARGIN,
            table_top,
            value_right - MARGIN,
            block_h,
            14.0,
            &panel,
        );
        self.rect(MARGIN, table_top, 6.0, block_h, inputs.brand.secondary);
        let mut ry = table_top + pad + (block_h - table_h) / 2.0;
        for ((lab, _, st, _, field), (fitted, h)) in rows.iter().zip(&fits) {
            if fitted.truncated {
                self.cut.push(*field);
            }
            // Each label shares the baseline of its value's first line.
            let lh = self.lines_h(label, 1.0);
            let ly = ry
                + (baseline(st.font, fitted.px) - baseline(label.font, label.max * self.s))
                    / self.s;
            self.text(lab, label, label_x, ly, label_w, lh);
            self.text(":", label, colon_x, ly, 20.0, lh);
            self.draw_fitted(fitted, *st, value_x, ry, value_w);
            ry += h + gap;
        }
        if let Some(photo) = inputs.photo {
            let px = DESIGN_W - MARGIN - photo_w;
            let py = table_top + (block_h - photo_h) / 2.0;
            self.photo_cover(photo, (px, py, photo_w, photo_h), 14.0);
        }
        table_top + block_h + 26.0
    }

    /// The numbered points, as large as fits between `top` and `bottom` (design units).
    /// Lay the points out between `top` and `bottom` at the largest size (28 → 16 units, 4 %
    /// steps) at which all of them fit, wrapped.
    fn layout_points(&self, inputs: &CardInputs, top: f32, bottom: f32) -> PointsLayout {
        let full = DESIGN_W - 2.0 * MARGIN;
        let lead_h = self.fit_h(words(inputs.lang).pledge, LEAD, full, 34.0) + 12.0;
        let y = top + lead_h;
        let avail = (bottom - 16.0 - y).max(0.0);
        let s = self.s;
        let points: Vec<String> = inputs.points.iter().map(|p| one_line(p)).collect();
        let mut px = POINT_MAX;
        loop {
            let badge = badge_for(px);
            let text_w = DESIGN_W - 2.0 * MARGIN - badge - 18.0;
            let lh = text::line_height_for(FontId::Regular, px * s) / s;
            let fitted: Vec<Fitted> = points
                .iter()
                .map(|p| {
                    text::fit_with(
                        p,
                        FontId::Regular,
                        0.0,
                        (px * s, px * s),
                        (text_w * s, f32::MAX / 4.0),
                        FitOptions { prefer_wrap: true },
                    )
                })
                .collect();
            let gap = lh * 0.45;
            let total = fitted
                .iter()
                .map(|f| f.lines.len() as f32 * lh)
                .sum::<f32>()
                + gap * (fitted.len() as f32 - 1.0);
            if total <= avail || px <= POINT_MIN {
                let (fitted, total, cut) = clip_points(fitted, lh, gap, avail);
                return PointsLayout {
                    cut,
                    fitted,
                    px,
                    lh,
                    gap,
                    total,
                    top,
                    y,
                    avail,
                };
            }
            px = (px * 0.96).max(POINT_MIN);
        }
    }

    /// Draw the lead-in line and the numbered points as laid out.
    fn draw_points(&mut self, inputs: &CardInputs, layout: &PointsLayout) {
        let full = DESIGN_W - 2.0 * MARGIN;
        let s = self.s;
        // Extra room (the A4 page) goes around the block rather than into huge type; the
        // lead-in line moves down with it.
        let extra = ((layout.avail - layout.total) / 2.0).clamp(0.0, 40.0);
        self.text(
            words(inputs.lang).pledge,
            LEAD,
            MARGIN,
            layout.top + extra,
            full,
            34.0,
        );
        let mut y = layout.y + extra;
        let badge = badge_for(layout.px);
        let text_x = MARGIN + badge + 18.0;
        let text_w = DESIGN_W - MARGIN - text_x;
        let lh = layout.lh;
        let on_primary = readable_on(inputs.brand.primary);
        let mut badge_paint = solid(inputs.brand.primary);
        badge_paint.anti_alias = true;
        let num =
            Style::new(FontId::Black, badge * 0.55, badge * 0.4, on_primary).align(Align::Center);
        for (i, f) in layout.fitted.iter().enumerate() {
            let by = y + (lh - badge) / 2.0;
            let (cx, cy, r) = (MARGIN + badge / 2.0, by + badge / 2.0, badge / 2.0);
            if let Some(circle) = PathBuilder::from_circle(cx * s, cy * s, r * s) {
                self.pm.fill_path(
                    &circle,
                    &badge_paint,
                    FillRule::Winding,
                    Transform::identity(),
                    None,
                );
            }
            let nh = self.lines_h(num, 1.0);
            self.text(
                &(i + 1).to_string(),
                num,
                MARGIN,
                by + (badge - nh) / 2.0,
                badge,
                nh,
            );
            let block = f.lines.len() as f32 * lh;
            text::draw(
                &mut self.pm,
                f,
                FontId::Regular,
                0.0,
                INK,
                Align::Left,
                (text_x * s, y * s, text_w * s, block * s),
            );
            y += block + layout.gap;
        }
    }

    /// QR on the left; place and date, the signature, the name and the NIP on the right.
    fn bottom(&mut self, inputs: &CardInputs, top: f32, qr: &(Vec<bool>, u32)) {
        let wd = words(inputs.lang);
        self.rect(MARGIN, top, DESIGN_W - 2.0 * MARGIN, 2.0, RULE);
        let y0 = top + 22.0;
        // QR: whole pixels per module where the canvas allows, so it stays crisp and scannable.
        let qr_side = 252.0;
        self.qr(qr, MARGIN - 8.0, y0, qr_side);
        let cap = Style::new(FontId::Regular, 17.0, 12.0, MUTED).align(Align::Center);
        self.text(
            wd.scan,
            cap,
            MARGIN - 8.0,
            y0 + qr_side + 12.0,
            qr_side,
            24.0,
        );

        let col_x = MARGIN + qr_side + 60.0;
        let col_w = DESIGN_W - MARGIN - col_x;
        let f = inputs.fields;
        let place = one_line(&f.place);
        let date = f.date.long(inputs.lang);
        let place_st = Style::new(FontId::Regular, 25.0, 17.0, INK).align(Align::Center);
        // The date must always show: a place too long for the line loses words, not the date.
        let mut words_left: Vec<&str> = place.split(' ').filter(|w| !w.is_empty()).collect();
        let mut cut_place = false;
        let place_date = loop {
            let text = match (words_left.is_empty(), cut_place) {
                (true, _) => date.clone(),
                (false, false) => format!("{}, {date}", words_left.join(" ")),
                (false, true) => format!("{}…, {date}", words_left.join(" ")),
            };
            let s = self.s;
            let fits = !text::fit_with(
                &text,
                place_st.font,
                0.0,
                (place_st.max * s, place_st.min * s),
                (col_w * s, self.lines_h(place_st, 1.0) * s),
                FitOptions::default(),
            )
            .truncated;
            if fits || words_left.is_empty() {
                break text;
            }
            words_left.pop();
            cut_place = true;
        };
        if cut_place {
            self.cut.push(Field::Place);
        }
        let center = |st: Style| st.align(Align::Center);
        let (_, used) = self.text(&place_date, place_st, col_x, y0, col_w, 32.0);
        let mut y = y0 + used;
        y += self
            .text(
                wd.signer,
                center(Style::new(FontId::Regular, 23.0, 17.0, MUTED)),
                col_x,
                y + 2.0,
                col_w,
                30.0,
            )
            .1;
        let sig_box = (col_x + 60.0, y + 6.0, col_w - 120.0, 118.0);
        let name_top = sig_box.1 + sig_box.3 + 4.0;
        if let Some(sig) = inputs.signature.filter(|s| has_ink(s)) {
            self.signature(sig, sig_box);
        }
        let name_st = center(Style::new(FontId::Bold, 28.0, 18.0, INK));
        let (fitted, used) = self.text(
            &one_line(&f.name),
            name_st,
            col_x,
            name_top,
            col_w,
            self.lines_h(name_st, 2.0),
        );
        if fitted.truncated {
            self.cut.push(Field::Name);
        }
        // Underline the name, as on a signed letter: as wide as its widest line.
        let widest = fitted
            .lines
            .iter()
            .map(|l| text::measure(text::font(FontId::Bold), l, fitted.px, 0.0))
            .fold(0.0, f32::max)
            / self.s;
        self.rect(
            col_x + (col_w - widest) / 2.0,
            name_top + used + 2.0,
            widest,
            2.0,
            INK,
        );
        if let Some(nip) = &f.nip {
            let nip_st = center(Style::new(FontId::Regular, 22.0, 16.0, MUTED));
            self.text(
                &format!("NIP {}", nip.grouped()),
                nip_st,
                col_x,
                name_top + used + 10.0,
                col_w,
                30.0,
            );
        }
    }

    fn footer(&mut self, brand: &BrandKit) {
        let y = self.h - FOOTER_H;
        self.rect(0.0, y, DESIGN_W, FOOTER_H, brand.primary);
        self.rect(0.0, y, DESIGN_W, 4.0, brand.secondary);
        let on = readable_on(brand.primary);
        let slogan = Style::new(FontId::Black, 24.0, 18.0, on).tracking(0.12);
        let lh = self.lines_h(slogan, 1.0);
        let ty = y + 2.0 + (FOOTER_H - lh) / 2.0;
        self.text("ASN PILIH NETRAL", slogan, MARGIN, ty, 420.0, lh);
        let tags = brand.hashtag_line();
        if !tags.is_empty() {
            let st = Style::new(FontId::Bold, 20.0, 14.0, on).align(Align::Right);
            let th = self.lines_h(st, 1.0);
            self.text(
                &tags,
                st,
                500.0,
                y + 2.0 + (FOOTER_H - th) / 2.0,
                DESIGN_W - MARGIN - 500.0,
                th,
            );
        }
    }

    /// The QR symbol on a white square with a quiet zone, `side` design units wide.
    fn qr(&mut self, (dark, modules): &(Vec<bool>, u32), x: f32, y: f32, side: f32) {
        // One module of margin inside the box; the standard 4-module quiet zone is the card's
        // white paper around it (the box sits ≥ 20 units from anything else).
        let total = modules + 2;
        let side_px = side * self.s;
        // Whole pixels per module whenever there are at least 2: scanners (and rqrr) find the
        // finder patterns reliably only when all modules are the same size. Small previews
        // scale, with module edges snapped to pixels so they stay crisp.
        let fit = side_px / total as f32;
        let m = if fit >= 2.0 { fit.floor() } else { fit };
        let drawn = m * total as f32;
        let ox = (x * self.s + (side_px - drawn) / 2.0).round() + m;
        let oy = (y * self.s + (side_px - drawn) / 2.0).round() + m;
        let edge = |origin: f32, k: u32| (origin + k as f32 * m).round();
        let mut pb = PathBuilder::new();
        for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
            let (mx, my) = (i as u32 % modules, i as u32 / modules);
            let (x0, x1) = (edge(ox, mx), edge(ox, mx + 1));
            let (y0, y1) = (edge(oy, my), edge(oy, my + 1));
            if let Some(r) = Rect::from_ltrb(x0, y0, x1.max(x0 + 1.0), y1.max(y0 + 1.0)) {
                pb.push_rect(r);
            }
        }
        if let Some(path) = pb.finish() {
            let paint = solid(INK);
            self.pm.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// `photo` cover-fitted into a rounded rectangle.
    fn photo_cover(&mut self, photo: &Photo, (x, y, w, h): (f32, f32, f32, f32), radius: f32) {
        let s = self.s;
        let (bx, by, bw, bh) = (x * s, y * s, w * s, h * s);
        let scale = (bw / photo.width() as f32).max(bh / photo.height() as f32);
        let (level, level_scale) = photo.level_for_scale(scale);
        let (dw, dh) = (
            level.width() as f32 * level_scale,
            level.height() as f32 * level_scale,
        );
        let t = Transform::from_row(
            level_scale,
            0.0,
            0.0,
            level_scale,
            bx + (bw - dw) / 2.0,
            by + (bh - dh) / 2.0,
        );
        let paint = Paint {
            shader: Pattern::new(
                level.as_ref(),
                SpreadMode::Pad,
                FilterQuality::Bilinear,
                1.0,
                t,
            ),
            anti_alias: true,
            ..Paint::default()
        };
        if let Some(path) = round_rect_path(bx, by, bw, bh, radius * s) {
            self.pm.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// A logo contain-fitted and centred in a box, sampled from the pyramid level that suits
    /// the scale.
    fn image_contain(&mut self, photo: &Photo, (x, y, w, h): (f32, f32, f32, f32)) {
        let s = self.s;
        let scale = (w * s / photo.width() as f32).min(h * s / photo.height() as f32);
        let (level, level_scale) = photo.level_for_scale(scale);
        self.pixmap_at(level, level_scale, (x * s, y * s, w * s, h * s), false);
    }

    /// The signature cropped to its ink, contain-fitted, sitting on the bottom of its box.
    fn signature(&mut self, sig: &RgbaImage, (x, y, w, h): (f32, f32, f32, f32)) {
        let s = self.s;
        let ink = crop_to_ink(sig);
        let scale = (w * s / ink.width() as f32).min(h * s / ink.height() as f32);
        // Downscale big uploads first so bilinear sampling does not alias.
        let mut img = ink;
        let mut scale = scale;
        while scale < 0.5 && img.width() >= 4 && img.height() >= 4 {
            img = crate::intake::halve(&img);
            scale *= 2.0;
        }
        let Some(pixmap) = premultiplied(&img) else {
            return;
        };
        self.pixmap_at(&pixmap, scale, (x * s, y * s, w * s, h * s), true);
    }

    /// Draw `src` scaled by `scale`, centred horizontally in the pixel box, vertically centred
    /// or on its bottom edge.
    fn pixmap_at(
        &mut self,
        src: &Pixmap,
        scale: f32,
        (bx, by, bw, bh): (f32, f32, f32, f32),
        bottom: bool,
    ) {
        if !(scale.is_finite() && scale > 0.0) {
            return;
        }
        let (dw, dh) = (src.width() as f32 * scale, src.height() as f32 * scale);
        let left = bx + (bw - dw) / 2.0;
        let top = if bottom {
            by + bh - dh
        } else {
            by + (bh - dh) / 2.0
        };
        let paint = Paint {
            shader: Pattern::new(
                src.as_ref(),
                SpreadMode::Pad,
                FilterQuality::Bilinear,
                1.0,
                Transform::from_row(scale, 0.0, 0.0, scale, left, top),
            ),
            anti_alias: true,
            ..Paint::default()
        };
        if let Some(r) = Rect::from_xywh(left, top, dw, dh) {
            self.pm.fill_rect(r, &paint, Transform::identity(), None);
        }
    }
}

/// Where [`text::draw`] puts the first baseline below a line's top, in pixels at `px`.
fn baseline(font: FontId, px: f32) -> f32 {
    use ab_glyph::{Font, PxScale, ScaleFont};
    let scaled = text::font(font).as_scaled(PxScale::from(px));
    let lh = text::line_height_for(font, px);
    (lh - (scaled.ascent() - scaled.descent())) / 2.0 + scaled.ascent()
}

/// The title in the primary colour unless it is too light to read on white.
fn title_color(primary: Color) -> Color {
    if readable_on(primary) == Color::rgb(0xFF, 0xFF, 0xFF) {
        primary
    } else {
        INK
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dash(s: &str) -> String {
    let t = one_line(s);
    if t.is_empty() {
        "-".into()
    } else {
        t
    }
}

fn sk(c: Color) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a)
}

fn solid(c: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(sk(c));
    paint.anti_alias = false;
    paint
}

fn round_rect_path(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<tiny_skia::Path> {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    // Cubic arcs: 0.5523 is the standard circle-approximation constant.
    let k = r * (1.0 - 0.552_284_8);
    let mut pb = PathBuilder::new();
    pb.move_to(x + r, y);
    pb.line_to(x + w - r, y);
    pb.cubic_to(x + w - k, y, x + w, y + k, x + w, y + r);
    pb.line_to(x + w, y + h - r);
    pb.cubic_to(x + w, y + h - k, x + w - k, y + h, x + w - r, y + h);
    pb.line_to(x + r, y + h);
    pb.cubic_to(x + k, y + h, x, y + h - k, x, y + h - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + k, x + k, y, x + r, y);
    pb.close();
    pb.finish()
}

/// Straight RGBA to a premultiplied pixmap.
fn premultiplied(image: &RgbaImage) -> Option<Pixmap> {
    let mut data = image.as_raw().clone();
    for px in data.chunks_exact_mut(4) {
        let a = u16::from(px[3]);
        if a < 255 {
            for c in &mut px[..3] {
                *c = ((u16::from(*c) * a + 127) / 255) as u8;
            }
        }
    }
    Pixmap::from_vec(
        data,
        tiny_skia::IntSize::from_wh(image.width(), image.height())?,
    )
}
