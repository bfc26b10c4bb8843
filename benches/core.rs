//! Criterion benches of the core stages on a generated 12 MP photo-like JPEG (4000×3000 with
//! EXIF orientation 6, as a phone writes it). Run with `cargo xtask bench` (or `cargo bench`).

use std::hint::black_box;
use std::io::Cursor;

use campaign_kit::export::{self, Format};
use campaign_kit::intake;
use campaign_kit::photo::Photo;
use campaign_kit::render::{render, Inputs, PhotoTransform};
use campaign_kit::template::{builtin_frames, Align, Color, FontId};
use campaign_kit::text;
use criterion::{criterion_group, criterion_main, Criterion};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageEncoder, RgbImage};

/// A photo-like image: smooth gradients plus fine deterministic noise (so it does not
/// compress to nothing, and decoding does real entropy work).
fn photo_like(width: u32, height: u32) -> RgbImage {
    let mut state = 0x2545_f491_u32;
    RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state & 0x1f) as i32 - 16;
        let r = (x * 255 / width) as i32 + noise;
        let g = (y * 255 / height) as i32 + noise;
        let b = ((x + y) * 255 / (width + height)) as i32 - noise;
        image::Rgb([
            r.clamp(0, 255) as u8,
            g.clamp(0, 255) as u8,
            b.clamp(0, 255) as u8,
        ])
    })
}

/// JPEG q90 with an APP1 Exif block saying "rotate 90° clockwise to display" (orientation 6).
pub fn phone_jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = photo_like(width, height);
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(Cursor::new(&mut jpeg), 90)
        .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("encode");
    let tiff: [u8; 26] = [
        0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let len = (payload.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn stages(c: &mut Criterion) {
    let jpeg = phone_jpeg(4000, 3000);
    let frame = &builtin_frames()[0];
    let mut group = c.benchmark_group("core");
    group.sample_size(10);

    group.bench_function("decode 12MP JPEG → upright ≤3072 (intake)", |b| {
        b.iter(|| intake::decode(black_box(&jpeg), intake::MAX_WORKING_SIDE).unwrap())
    });
    // What intake did before the DCT-scaled path: full decode (zune-jpeg), then halve.
    group.bench_function("decode 12MP JPEG full size + halve (old path)", |b| {
        b.iter(|| {
            let full = image::load_from_memory(black_box(&jpeg))
                .unwrap()
                .into_rgb8();
            intake::halve(&full)
        })
    });
    group.bench_function("decode 12MP JPEG at 1/2 from the DCT (jpeg-decoder)", |b| {
        b.iter(|| intake::decode_jpeg_scaled(black_box(&jpeg), 4000, 3000, 1).unwrap())
    });
    let full = DynamicImage::ImageRgb8(photo_like(4000, 3000));
    group.bench_function("resize: halve 4000×3000 RGB", |b| {
        b.iter(|| intake::halve(black_box(full.as_rgb8().unwrap())))
    });
    let half = DynamicImage::ImageRgb8(intake::halve(full.as_rgb8().unwrap()));
    group.bench_function("orient: rotate90 2000×1500", |b| {
        b.iter(|| {
            let mut img = half.clone();
            img.apply_orientation(image::metadata::Orientation::Rotate90);
            img
        })
    });
    let upright = intake::decode(&jpeg, intake::MAX_WORKING_SIDE).unwrap();
    group.bench_function("pyramid: Photo::from_rgba 1500×2000", |b| {
        b.iter(|| Photo::from_rgba(black_box(upright.clone())))
    });
    let photo = Photo::from_rgba(upright);
    let inputs = Inputs {
        photo: Some(&photo),
        transform: PhotoTransform {
            zoom: 1.3,
            offset_x: 0.05,
            ..PhotoTransform::default()
        },
        ..Inputs::default()
    };
    group.bench_function("composite: render frame 720 (preview)", |b| {
        b.iter(|| render(frame, black_box(&inputs), 720).unwrap())
    });
    group.bench_function("composite: render frame 1080 (export)", |b| {
        b.iter(|| render(frame, black_box(&inputs), 1080).unwrap())
    });
    group.bench_function("text: fit + draw a slogan at 1080", |b| {
        let mut pixmap = tiny_skia::Pixmap::new(1080, 200).unwrap();
        b.iter(|| {
            let fitted = text::fit(
                "ASN PILIH NETRAL",
                FontId::Black,
                0.03,
                103.0,
                54.0,
                860.0,
                140.0,
            );
            text::draw(
                &mut pixmap,
                &fitted,
                FontId::Black,
                0.03,
                Color::rgb(255, 255, 255),
                Align::Center,
                (110.0, 20.0, 860.0, 140.0),
            );
        })
    });
    let out = render(frame, &inputs, 1080).unwrap();
    group.bench_function("encode: PNG 1080² (fast)", |b| {
        b.iter(|| export::encode(black_box(&out), Format::Png).unwrap())
    });
    group.bench_function("encode: JPEG 1080² q90", |b| {
        b.iter(|| export::encode(black_box(&out), Format::Jpeg).unwrap())
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
