//! The card's sections, top to bottom: header band, title and field table (with the photo),
//! the numbered ikrar points, the QR / place and date / signature / name block, and the footer.
//! Positions are design units on a 1080-wide canvas (see mod.rs).

use tiny_skia::{FillRule, PathBuilder, Transform};

use super::super::qr::Symbol;
use super::super::signature::has_ink;
use super::super::Field;
use super::canvas::{baseline, dash, one_line, solid, Card, Style};
use super::CardInputs;
use crate::brand::BrandKit;
use crate::i18n::Lang;
use crate::poster::readable_on;
use crate::template::{Align, Color, FontId};
use crate::text::{self, FitOptions, Fitted};

pub(super) const DESIGN_W: f32 = 1080.0;
const MARGIN: f32 = 60.0;
const HEADER_H: f32 = 150.0;
const STRIPE_H: f32 = 10.0;
pub(super) const FOOTER_H: f32 = 64.0;
pub(super) const BOTTOM_H: f32 = 336.0;
pub(super) const PAPER: Color = Color::rgb(0xFF, 0xFF, 0xFF);
pub(super) const INK: Color = Color::rgb(0x1A, 0x1D, 0x23);
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
pub(super) struct PointsLayout {
    /// Points had to be cut to fit (see [`clip_points`]).
    pub(super) cut: bool,
    fitted: Vec<Fitted>,
    pub(super) px: f32,
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
pub(super) const POINT_COMFORT: f32 = 22.0;

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

impl Card {
    /// The band: the logo on a white roundel, the issuing body, and the agency (the kit's, or
    /// the card's Instansi when the kit has none), centred vertically.
    pub(super) fn header(&mut self, inputs: &CardInputs) {
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

    /// Title, intro and the field table with the photo. Returns the y where the points start.
    /// `scale` (≤ 1) shrinks the table's type when the points need the room.
    pub(super) fn title_and_fields(&mut self, inputs: &CardInputs, scale: f32) -> f32 {
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
        // Labelled by kind: "NIP" for a PNS, "NI PPPK" (its official name) for a PPPK.
        let nip = inputs
            .fields
            .nip
            .as_ref()
            .map(|n| (n.number_name(), n.grouped()));
        let rows: Vec<(&str, String, Style, f32, Field)> = [
            Some((
                wd.name,
                one_line(&inputs.fields.name),
                name_st,
                3.0,
                Field::Name,
            )),
            nip.map(|(label, n)| (label, n, value_st, 1.0, Field::Nip)),
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
    pub(super) fn layout_points(&self, inputs: &CardInputs, top: f32, bottom: f32) -> PointsLayout {
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
    pub(super) fn draw_points(&mut self, inputs: &CardInputs, layout: &PointsLayout) {
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
            self.note_coverage(f);
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
    pub(super) fn bottom(&mut self, inputs: &CardInputs, top: f32, qr: &Symbol) {
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
            .map(|l| text::measure_line(FontId::Bold, l, fitted.px, 0.0))
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
                &format!("{} {}", nip.number_name(), nip.grouped()),
                nip_st,
                col_x,
                name_top + used + 10.0,
                col_w,
                30.0,
            );
        }
    }

    /// The band at the bottom: the slogan, and the kit's hashtags when it has any.
    pub(super) fn footer(&mut self, brand: &BrandKit) {
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
}

/// The title in the primary colour unless it is too light to read on white.
fn title_color(primary: Color) -> Color {
    if readable_on(primary) == Color::rgb(0xFF, 0xFF, 0xFF) {
        primary
    } else {
        INK
    }
}
