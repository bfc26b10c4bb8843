//! Twibbon designs: every built-in design at every twibbon size keeps its texts and logo inside
//! the profile circle (the circle inscribed in the canvas's centred square, which WhatsApp,
//! Instagram, Facebook, X and LinkedIn crop a profile photo to), with the longest real agency
//! name, a logo and long texts; golden images of every design at every size with a brand kit;
//! the brand kit's colours and texts reach the design.
//!
//! Goldens are rendered 540 px wide by the same `render` as the 1080-px export and live in
//! `tests/golden/twibbon/`; `REGENERATE=1 cargo test --test twibbon_designs` rewrites them
//! (tolerance: tests/support/golden_check.rs).

mod support;

use std::collections::BTreeMap;

use campaign_kit::brand::BrandKit;
use campaign_kit::poster::{PosterInputs, PosterSize, Resolved};
use campaign_kit::render::{render, Inputs, PhotoTransform};
use campaign_kit::template::{Color, Layer, Paint, Template, WhenLayer};
use campaign_kit::twibbon::{builtin_designs, design_by_id, resolve};
use image::RgbaImage;
use support::golden_check::check;
use support::kit::{astronaut, kit, logo};

/// Texts as long as a design allows (its `max_chars`), made of wide letters.
fn long_values() -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for design in builtin_designs() {
        for f in &design.fields {
            let text: String = "WAWASAN MENYELURUH "
                .chars()
                .cycle()
                .take(f.max_chars)
                .collect();
            values.insert(f.key.clone(), text);
        }
    }
    values
}

/// Only the layers that must stay inside the circle: texts and logos (inside `when` groups too).
fn texts_and_logos(layers: &[Layer]) -> Vec<Layer> {
    layers
        .iter()
        .filter_map(|layer| match layer {
            Layer::Text(_) | Layer::Logo(_) => Some(layer.clone()),
            Layer::When(w) => Some(Layer::When(WhenLayer {
                conditions: w.conditions.clone(),
                layers: texts_and_logos(&w.layers),
            })),
            _ => None,
        })
        .collect()
}

/// Render `resolved`'s texts and logo alone on a transparent canvas at full size.
fn ink(resolved: &Resolved, with_logo: bool) -> RgbaImage {
    let template = Template {
        background: Paint::Solid(Color {
            r: 0,
            g: 0,
            b: 0,
            a: 0,
        }),
        layers: texts_and_logos(&resolved.template.layers),
        ..resolved.template.clone()
    };
    let inputs = Inputs {
        values: Some(&resolved.values),
        logo: with_logo.then(logo),
        ..Inputs::default()
    };
    render(&template, &inputs, template.size[0]).unwrap()
}

/// Pixels with any ink outside the inscribed circle, allowing one pixel of anti-aliasing.
fn outside_circle(image: &RgbaImage) -> Vec<(u32, u32)> {
    let (w, h) = image.dimensions();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let r = w.min(h) as f32 / 2.0 + 1.0;
    image
        .enumerate_pixels()
        .filter(|(x, y, px)| {
            let (dx, dy) = (*x as f32 + 0.5 - cx, *y as f32 + 0.5 - cy);
            px[3] > 0 && dx * dx + dy * dy > r * r
        })
        .map(|(x, y, _)| (x, y))
        .collect()
}

#[test]
fn every_design_keeps_texts_and_logo_inside_the_profile_circle_at_every_size() {
    let full = kit();
    let bare = BrandKit::default();
    let long = long_values();
    let short = BTreeMap::new();
    let mut checked = 0;
    for design in builtin_designs() {
        for size in PosterSize::TWIBBON {
            for (brand, values, with_logo) in [
                (&full, &long, true),
                (&full, &short, true),
                (&bare, &short, false),
            ] {
                let inputs = PosterInputs {
                    values,
                    brand,
                    photo: None,
                    transform: PhotoTransform::default(),
                    logo: with_logo.then(logo),
                };
                let resolved = resolve(design, size, &inputs);
                let image = ink(&resolved, with_logo);
                assert_eq!(image.dimensions(), size.pixels());
                let drawn = image.pixels().filter(|p| p[3] > 0).count();
                assert!(
                    drawn > 2000,
                    "{} at {}: nothing drawn",
                    design.id,
                    size.key()
                );
                let out = outside_circle(&image);
                assert!(
                    out.is_empty(),
                    "{} at {} (logo: {with_logo}): {} text/logo pixels outside the circle, first {:?}",
                    design.id,
                    size.key(),
                    out.len(),
                    &out[..out.len().min(5)]
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, builtin_designs().len() * 4 * 3);
}

#[test]
fn the_circle_check_fails_on_a_text_in_a_corner() {
    // The same check on a design whose slogan box is moved to the top-left corner.
    let mut design = design_by_id("lingkar-oranye").unwrap().clone();
    let json = serde_json::to_string(&design).unwrap().replace(
        r#""text":"{slogan}","box":[0.19,0.745,0.62,0.11]"#,
        r#""text":"{slogan}","box":[0.0,0.0,0.3,0.1]"#,
    );
    assert!(json.contains("[0.0,0.0,0.3,0.1]"), "the slogan box moved");
    design = serde_json::from_str(&json).unwrap();
    let values = BTreeMap::new();
    let brand = BrandKit::default();
    let inputs = PosterInputs {
        values: &values,
        brand: &brand,
        photo: None,
        transform: PhotoTransform::default(),
        logo: None,
    };
    let resolved = resolve(&design, PosterSize::Square, &inputs);
    assert!(!outside_circle(&ink(&resolved, false)).is_empty());
}

#[test]
fn golden_every_design_at_every_size_with_a_brand_kit() {
    let brand = BrandKit {
        primary: Color::rgb(0x00, 0x6B, 0x3F),
        secondary: Color::rgb(0xF2, 0xB7, 0x05),
        ..kit()
    };
    let values = BTreeMap::from([("slogan".to_string(), "ASN NETRAL 2029".to_string())]);
    for design in builtin_designs() {
        for size in PosterSize::TWIBBON {
            let inputs = PosterInputs {
                values: &values,
                brand: &brand,
                photo: Some(astronaut()),
                transform: PhotoTransform::default(),
                logo: Some(logo()),
            };
            let resolved = resolve(design, size, &inputs);
            let image = render(
                &resolved.template,
                &Inputs {
                    photo: inputs.photo,
                    values: Some(&resolved.values),
                    logo: inputs.logo,
                    ..Inputs::default()
                },
                540,
            )
            .unwrap();
            check(&format!("twibbon/{}-{}", design.id, size.key()), &image);
        }
    }
}

#[test]
fn the_kit_reaches_the_design_and_a_default_frame_draws_without_values() {
    let brand = kit();
    let values = BTreeMap::from([("slogan".to_string(), "SALAM NETRAL".to_string())]);
    for design in builtin_designs() {
        let inputs = PosterInputs {
            values: &values,
            brand: &brand,
            photo: None,
            transform: PhotoTransform::default(),
            logo: Some(logo()),
        };
        let resolved = resolve(design, PosterSize::Square, &inputs);
        assert_eq!(resolved.values["agency"], brand.agency, "{}", design.id);
        assert_eq!(resolved.logos.len(), 1, "{}: the logo is placed", design.id);
        let filled = resolved.filled();
        let with_values = render(
            &resolved.template,
            &Inputs {
                values: Some(&resolved.values),
                logo: Some(logo()),
                ..Inputs::default()
            },
            270,
        )
        .unwrap();
        let self_contained = render(
            &filled,
            &Inputs {
                logo: Some(logo()),
                ..Inputs::default()
            },
            270,
        )
        .unwrap();
        assert_eq!(with_values, self_contained, "{}", design.id);
    }
}
