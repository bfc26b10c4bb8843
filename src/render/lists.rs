//! Layers with several texts that fit together: the numbered points and the label / value
//! table. Both shrink to fit their box and report what they had to cut.

use tiny_skia::{FillRule, PathBuilder, Pixmap, Transform};

use super::{Inputs, Report};
use crate::raster::solid;
use crate::template::{Align, FontId, PointsLayer, TableLayer, TextStyle};
use crate::text::{self, FitOptions, Fitted};

/// Where a layer draws: its box in pixels, the canvas's shorter side (the unit of sizes) and
/// its width (the unit of horizontal lengths).
pub(super) struct Frame {
    pub(super) bounds: (f32, f32, f32, f32),
    pub(super) unit: f32,
    pub(super) width: f32,
}

/// Whitespace collapsed: a point or a value is one paragraph.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` wrapped at exactly `px` into at most `lines` lines of `w` pixels (the last cut with
/// "…" only if even that is too few).
fn fit_at(text: &str, font: FontId, px: f32, w: f32, lines: f32) -> Fitted {
    let lh = text::line_height_for(font, px);
    let max_h = if lines.is_finite() {
        lines * lh + 0.5
    } else {
        f32::MAX / 4.0
    };
    text::fit_with(
        text,
        font,
        0.0,
        (px, px),
        (w, max_h),
        FitOptions { prefer_wrap: true },
    )
}

fn height(f: &Fitted, font: FontId) -> f32 {
    f.lines.len() as f32 * text::line_height_for(font, f.px)
}

/// The largest size (from `max` down in 4 % steps to `min`) at which `text` wraps into at most
/// `lines` lines of `w` pixels.
fn best_px(text: &str, font: FontId, (max, min): (f32, f32), w: f32, lines: f32) -> f32 {
    let mut px = max;
    while px > min {
        let f = fit_at(text, font, px, w, f32::INFINITY);
        if f.lines.len() as f32 <= lines && !f.truncated {
            return px;
        }
        px = (px * 0.96).max(min);
    }
    min
}

/// Where [`text::draw`] puts the first baseline below a line's top, in pixels at `px`.
fn baseline(font: FontId, px: f32) -> f32 {
    use ab_glyph::{Font, PxScale, ScaleFont};
    let scaled = text::font(font).as_scaled(PxScale::from(px));
    let lh = text::line_height_for(font, px);
    (lh - (scaled.ascent() - scaled.descent())) / 2.0 + scaled.ascent()
}

fn draw_at(
    pixmap: &mut Pixmap,
    f: &Fitted,
    font: FontId,
    color: crate::template::Color,
    align: Align,
    (x, y, w): (f32, f32, f32),
) {
    text::draw(
        pixmap,
        f,
        font,
        0.0,
        color,
        align,
        (x, y, w, height(f, font)),
    );
}

/// The numbered points, as large as fits in the box; at the smallest size, the lines that do
/// not fit are dropped and the last one ends with "…" (reported as `points`).
pub(super) fn points(
    pixmap: &mut Pixmap,
    frame: &Frame,
    layer: &PointsLayer,
    items: &[String],
    report: &mut Report,
) {
    if items.is_empty() {
        return;
    }
    let (x, y, w, avail) = frame.bounds;
    let style = &layer.text;
    let font = style.font;
    let (max, min) = (style.size * frame.unit, style.min_size * frame.unit);
    let items: Vec<String> = items.iter().map(|p| one_line(p)).collect();
    // The badge is a little taller than a line; the text starts after it and a gap.
    let badge_for = |px: f32| (px * 1.45).min(max * 1.45);
    let mut px = max;
    let (fitted, lh, gap, total, cut) = loop {
        let badge = badge_for(px);
        let text_w = w - badge - px * 0.65;
        let lh = text::line_height_for(font, px);
        let fitted: Vec<Fitted> = items
            .iter()
            .map(|p| fit_at(p, font, px, text_w, f32::INFINITY))
            .collect();
        let gap = lh * 0.45;
        let total =
            fitted.iter().map(|f| height(f, font)).sum::<f32>() + gap * (fitted.len() as f32 - 1.0);
        if total <= avail || px <= min {
            let (fitted, total, cut) = clip_points(fitted, lh, gap, avail);
            break (fitted, lh, gap, total, cut);
        }
        px = (px * 0.96).max(min);
    };
    if cut && !report.cut.iter().any(|k| k == "points") {
        report.cut.push("points".into());
    }
    // Extra room (a taller page) goes around the block rather than into huge type.
    let extra = ((avail - total) / 2.0).clamp(0.0, frame.unit * 0.037);
    let badge = badge_for(px);
    let text_x = x + badge + px * 0.65;
    let text_w = x + w - text_x;
    let badge_paint = solid(layer.badge, true);
    let number_px = badge * 0.55;
    let mut top = y + extra;
    for (i, f) in fitted.iter().enumerate() {
        let by = top + (lh - badge) / 2.0;
        if let Some(circle) =
            PathBuilder::from_circle(x + badge / 2.0, by + badge / 2.0, badge / 2.0)
        {
            pixmap.fill_path(
                &circle,
                &badge_paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
        let number = text::fit_with(
            &(i + 1).to_string(),
            FontId::Black,
            0.0,
            (number_px, badge * 0.4),
            (badge, badge),
            FitOptions::default(),
        );
        text::draw(
            pixmap,
            &number,
            FontId::Black,
            0.0,
            layer.badge_text,
            Align::Center,
            (x, by, badge, badge),
        );
        report.note(f);
        draw_at(
            pixmap,
            f,
            font,
            style.color,
            Align::Left,
            (text_x, top, text_w),
        );
        top += height(f, font) + gap;
    }
}

/// At the smallest size and still too tall (many long edited points): keep the lines that fit
/// and end the last one with "…", rather than run into what is below.
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

/// Label : value rows, vertically centred in the box. Each value wraps to its row's number of
/// lines at the largest size that fits; the plain values then share the smallest size any of
/// them needed, so the table reads as one block. When the rows are taller than the box, the
/// whole table's type steps down (to 70 %).
pub(super) fn table(
    pixmap: &mut Pixmap,
    frame: &Frame,
    layer: &TableLayer,
    inputs: &Inputs<'_>,
    report: &mut Report,
) {
    let (x, y, w, h) = frame.bounds;
    let unit = frame.unit;
    let rows: Vec<(String, String, &TextStyle, f32, &str)> = layer
        .rows
        .iter()
        .filter_map(|row| {
            let value = one_line(&inputs.fill(&row.value));
            let style = if row.strong {
                &layer.strong
            } else {
                &layer.value
            };
            (!value.is_empty()).then(|| {
                (
                    one_line(&inputs.fill(&row.label)),
                    value,
                    style,
                    row.lines.max(1) as f32,
                    row.value.as_str(),
                )
            })
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    let label_w = layer.label_w * frame.width;
    let colon_x = x + label_w;
    let value_x = colon_x + unit * 0.02;
    let value_w = (x + w - value_x).max(1.0);
    let mut scale = 1.0;
    let (fits, gap, total) = loop {
        let range = |s: &TextStyle| (s.size * unit * scale, s.min_size * unit * scale);
        let best: Vec<f32> = rows
            .iter()
            .map(|(_, v, st, lines, _)| best_px(v, st.font, range(st), value_w, *lines))
            .collect();
        let plain_px = rows
            .iter()
            .zip(&best)
            .filter(|((_, _, st, _, _), _)| *st == &layer.value)
            .map(|(_, px)| *px)
            .fold(range(&layer.value).0, f32::min);
        let fits: Vec<Fitted> = rows
            .iter()
            .zip(&best)
            .map(|((_, v, st, lines, _), px)| {
                let px = if *st == &layer.value { plain_px } else { *px };
                fit_at(v, st.font, px, value_w, *lines)
            })
            .collect();
        let gap = layer.gap * unit * scale;
        let total = rows
            .iter()
            .zip(&fits)
            .map(|((_, _, st, _, _), f)| height(f, st.font))
            .sum::<f32>()
            + gap * (rows.len() as f32 - 1.0);
        if total <= h || scale <= 0.7 {
            break (fits, gap, total);
        }
        scale -= 0.05;
    };
    let label_st = &layer.label;
    let label_px = label_st.size * unit * scale;
    let mut ry = y + ((h - total) / 2.0).max(0.0);
    for ((label, _, st, _, template_value), fitted) in rows.iter().zip(&fits) {
        if fitted.truncated {
            report.cut_keys(template_value);
        }
        // Each label shares the baseline of its value's first line.
        let ly = ry + baseline(st.font, fitted.px) - baseline(label_st.font, label_px);
        for (text, lx, lw) in [(label.as_str(), x, label_w), (":", colon_x, unit * 0.02)] {
            let f = text::fit_with(
                text,
                label_st.font,
                0.0,
                (label_px, label_st.min_size * unit * scale),
                (lw, text::line_height_for(label_st.font, label_px)),
                FitOptions::default(),
            );
            report.note(&f);
            draw_at(
                pixmap,
                &f,
                label_st.font,
                label_st.color,
                Align::Left,
                (lx, ly, lw),
            );
        }
        report.note(fitted);
        draw_at(
            pixmap,
            fitted,
            st.font,
            st.color,
            Align::Left,
            (value_x, ry, value_w),
        );
        ry += height(fitted, st.font) + gap;
    }
}
