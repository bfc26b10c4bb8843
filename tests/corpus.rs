//! The intake corpus (issue 3): every kind of file people feed the app, through the core
//! (`Photo::decode` / `intake::decode`) and, for the bad ones, through the real CLI binary.
//! Each must give an upright image of the right size or the expected `IntakeError` — never a
//! panic. Files that our crates can write are generated here; the rest are small committed files
//! in `tests/fixtures/corpus/` (see its README for licences and how each was made). The eight EXIF
//! orientations live in `tests/orientation.rs`; here only the big rotated phone photo.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Cursor;
use std::mem::discriminant;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use campaign_kit::i18n::Lang;
use campaign_kit::intake::{self, IntakeError, MAX_WORKING_SIDE};
use campaign_kit::photo::Photo;
use campaign_kit::render::{render, Inputs};
use campaign_kit::template::builtin_frames;
use image::codecs::bmp::BmpEncoder;
use image::codecs::gif::GifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::webp::WebPEncoder;
use image::{
    DynamicImage, ExtendedColorType, Frame, ImageEncoder, ImageFormat, Rgb, RgbImage, Rgba,
    RgbaImage,
};

// ---------------------------------------------------------------------------------------------
// The largest single allocation per thread (the approach of tests/intake.rs): proves that a bomb
// is refused before its pixel buffer is even asked for.

struct Tracking;

thread_local! {
    static LARGEST_ALLOC: Cell<usize> = const { Cell::new(0) };
}

fn note(size: usize) {
    let _ = LARGEST_ALLOC.try_with(|largest| largest.set(largest.get().max(size)));
}

unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Tracking = Tracking;

/// Runs `f` and returns its result with the largest single allocation it made on this thread.
fn largest_alloc_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LARGEST_ALLOC.with(|largest| largest.set(0));
    let value = f();
    (value, LARGEST_ALLOC.with(Cell::get))
}

// ---------------------------------------------------------------------------------------------
// Committed files and generated ones.

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

fn committed(name: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The committed files are all made from one 160×107 downscale of coffee.jpg (see README).
const SMALL: (u32, u32) = (160, 107);

/// A smooth test picture with some texture, so every codec has real work to do.
fn picture(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let noise = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 17;
        Rgb([
            (x * 255 / w.max(1)) as u8,
            (y * 255 / h.max(1)) as u8,
            (128 + noise * 4) as u8,
        ])
    })
}

fn with_alpha(image: &RgbImage) -> RgbaImage {
    RgbaImage::from_fn(image.width(), image.height(), |x, y| {
        let [r, g, b] = image.get_pixel(x, y).0;
        // Left half opaque, right half a gradient down to fully transparent.
        let a = if x < image.width() / 2 {
            255
        } else {
            255 - (x * 255 / image.width()) as u8
        };
        Rgba([r, g, b, a])
    })
}

fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(Cursor::new(&mut out), quality)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    image.write_to(&mut Cursor::new(&mut out), format).unwrap();
    out
}

fn webp_lossless(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    WebPEncoder::new_lossless(&mut out)
        .encode(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgba8,
        )
        .unwrap();
    out
}

fn bmp(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    BmpEncoder::new(&mut out)
        .encode(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

const GIF_FIRST: [u8; 3] = [220, 30, 30];
const GIF_SECOND: [u8; 3] = [30, 30, 220];

/// A two-frame animated GIF: a red frame, then a blue one. Intake shows the first.
fn animated_gif(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut out);
        encoder
            .set_repeat(image::codecs::gif::Repeat::Infinite)
            .unwrap();
        for colour in [GIF_FIRST, GIF_SECOND] {
            let [r, g, b] = colour;
            let frame = RgbaImage::from_pixel(w, h, Rgba([r, g, b, 255]));
            encoder.encode_frame(Frame::new(frame)).unwrap();
        }
    }
    out
}

/// An 8-bit palette PNG (with a tRNS chunk making index 0 transparent), written by `png`.
fn palette_png(w: u32, h: u32) -> Vec<u8> {
    let palette = [0u8, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255];
    let data: Vec<u8> = (0..w * h).map(|i| (i % w * 4 / w) as u8).collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(palette.to_vec());
    encoder.set_trns(vec![0u8]);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}

/// An APP1 "Exif" segment holding only IFD0 / Orientation (as tests/orientation.rs builds it).
fn exif_orientation(orientation: u16) -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0\x01\0".to_vec();
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

/// The offset of the first frame header (SOFn) of a JPEG, skipping segments by length.
fn jpeg_sof(bytes: &[u8]) -> usize {
    let mut i = 2;
    loop {
        assert_eq!(bytes[i], 0xFF, "marker expected at {i}");
        let marker = bytes[i + 1];
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return i;
        }
        i += 2 + usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
    }
}

/// A valid small JPEG whose frame header claims `width`×`height`.
fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = jpeg(&picture(64, 48), 80);
    let sof = jpeg_sof(&bytes);
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

/// A PNG decompression bomb: a `side`×`side` 8-bit grey image of zeros as a real zlib stream.
/// Deflate tops out near 1032:1, so 900 MB of pixels is still under 1 MB on disk. The stream is
/// one compressed block of zeros, cut with a full flush (byte-aligned, empty dictionary) and
/// repeated, so it is built without ever holding the pixels.
fn png_bomb(side: u32) -> Vec<u8> {
    let row = side as usize + 1; // filter byte + one byte per pixel
    let total = row * side as usize;
    let chunk = row * 100;
    assert_eq!(total % chunk, 0, "side must be a multiple of 100");
    let zeros = vec![0u8; chunk];
    let mut deflate = flate2::Compress::new(flate2::Compression::best(), false);
    let mut block = Vec::with_capacity(chunk / 512);
    deflate
        .compress_vec(&zeros, &mut block, flate2::FlushCompress::Full)
        .unwrap();
    assert_eq!(
        deflate.total_in(),
        chunk as u64,
        "block holds the whole chunk"
    );
    let mut zlib = vec![0x78, 0xDA];
    for _ in 0..total / chunk {
        zlib.extend_from_slice(&block);
    }
    zlib.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]); // final, empty stored block
                                                             // Adler-32 of n zero bytes: A stays 1, B adds A once per byte.
    let adler = ((total % 65_521) as u32) << 16 | 1;
    zlib.extend_from_slice(&adler.to_be_bytes());

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = side.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &ihdr);
    for part in zlib.chunks(1 << 16) {
        png_chunk(&mut png, b"IDAT", part);
    }
    png_chunk(&mut png, b"IEND", &[]);
    png
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

/// `bytes` with a run of bytes in the middle flipped (as a bad download or disk would).
fn garbled(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mid = out.len() / 2;
    for b in &mut out[mid..mid + 64.min(bytes.len() / 4)] {
        *b ^= 0x5A;
    }
    out
}

/// `bytes` with the ISO-BMFF major brand replaced (e.g. by `mif1`, as some phones write), so
/// only the compatible brands tell HEIC from AVIF.
fn with_major_brand(bytes: &[u8], brand: &[u8; 4]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    assert_eq!(&out[4..8], b"ftyp");
    out[8..12].copy_from_slice(brand);
    out
}

// ---------------------------------------------------------------------------------------------
// The corpus as data: what each file must give.

#[derive(Debug)]
enum Expect {
    /// An upright image of this size (after intake's halving to the working size).
    Image(u32, u32),
    /// This error kind (the payload of `Corrupt` is not compared; `TooLarge`'s is).
    Error(IntakeError),
}

struct Case {
    name: String,
    bytes: Vec<u8>,
    expect: Expect,
}

fn case(name: &str, bytes: Vec<u8>, expect: Expect) -> Case {
    Case {
        name: name.into(),
        bytes,
        expect,
    }
}

fn corrupt() -> Expect {
    Expect::Error(IntakeError::Corrupt(String::new()))
}

fn good_cases() -> Vec<Case> {
    let (w, h) = (96, 64);
    let pic = picture(w, h);
    let rgba = with_alpha(&pic);
    let gray = DynamicImage::ImageRgb8(pic.clone()).into_luma8();
    let rgb16 = DynamicImage::ImageRgb8(pic.clone()).into_rgb16();
    let rgba16 = DynamicImage::ImageRgba8(rgba.clone()).into_rgba16();
    let gray16 = DynamicImage::ImageLuma8(gray.clone()).into_luma16();
    let (sw, sh) = SMALL;
    use Expect::Image;
    vec![
        case(
            "baseline-420.jpg",
            committed("baseline-420.jpg"),
            Image(sw, sh),
        ),
        case("generated-444.jpg", jpeg(&pic, 85), Image(w, h)),
        case(
            "progressive.jpg",
            committed("progressive.jpg"),
            Image(sw, sh),
        ),
        case("yuv444.jpg", committed("yuv444.jpg"), Image(sw, sh)),
        case("gray.jpg", committed("gray.jpg"), Image(sw, sh)),
        case("cmyk.jpg", committed("cmyk.jpg"), Image(sw, sh)),
        case("ycck.jpg", committed("ycck.jpg"), Image(sw, sh)),
        case(
            "rgb.png",
            encode(pic.clone().into(), ImageFormat::Png),
            Image(w, h),
        ),
        case(
            "gray.png",
            encode(gray.clone().into(), ImageFormat::Png),
            Image(w, h),
        ),
        case(
            "gray16.png",
            encode(DynamicImage::ImageLuma16(gray16), ImageFormat::Png),
            Image(w, h),
        ),
        case(
            "rgb16.png",
            encode(DynamicImage::ImageRgb16(rgb16), ImageFormat::Png),
            Image(w, h),
        ),
        case(
            "rgba16.png",
            encode(DynamicImage::ImageRgba16(rgba16), ImageFormat::Png),
            Image(w, h),
        ),
        case("palette.png", palette_png(w, h), Image(w, h)),
        case(
            "alpha.png",
            encode(rgba.clone().into(), ImageFormat::Png),
            Image(w, h),
        ),
        case("lossless.webp", webp_lossless(&rgba), Image(w, h)),
        case("lossy.webp", committed("lossy.webp"), Image(sw, sh)),
        case("animated.webp", committed("animated.webp"), Image(sw, sh)),
        case("animated.gif", animated_gif(w, h), Image(w, h)),
        case("picture.bmp", bmp(&pic), Image(w, h)),
        case(
            "1x1.png",
            encode(picture(1, 1).into(), ImageFormat::Png),
            Image(1, 1),
        ),
        case("1x1.jpg", jpeg(&picture(1, 1), 90), Image(1, 1)),
        case("1x1.gif", animated_gif(1, 1), Image(1, 1)),
        case(
            "1x1.webp",
            webp_lossless(&with_alpha(&picture(1, 1))),
            Image(1, 1),
        ),
        case("1x1.bmp", bmp(&picture(1, 1)), Image(1, 1)),
        // A tall, thin strip: nothing to halve, but it must still work.
        case(
            "1x2000.png",
            encode(picture(1, 2000).into(), ImageFormat::Png),
            Image(1, 2000),
        ),
    ]
}

fn bad_cases() -> Vec<Case> {
    let baseline = jpeg(&picture(96, 64), 85);
    let png = encode(with_alpha(&picture(96, 64)).into(), ImageFormat::Png);
    use Expect::Error;
    vec![
        case("empty.jpg", Vec::new(), Error(IntakeError::Empty)),
        case(
            "notes.jpg",
            b"Rapat jam 9. Bawa spanduk dan foto-foto.\nMeeting at 9: bring the banner.\n".to_vec(),
            Error(IntakeError::Unsupported),
        ),
        case(
            "scan.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec(),
            Error(IntakeError::Pdf),
        ),
        case(
            "photo.heic",
            committed("photo.heic"),
            Error(IntakeError::Heic),
        ),
        case(
            "photo-mif1.heic",
            with_major_brand(&committed("photo.heic"), b"mif1"),
            Error(IntakeError::Heic),
        ),
        case(
            "photo.avif",
            committed("photo.avif"),
            Error(IntakeError::Avif),
        ),
        case(
            "photo-mif1.avif",
            with_major_brand(&committed("photo.avif"), b"mif1"),
            Error(IntakeError::Avif),
        ),
        case(
            "half.jpg",
            baseline[..baseline.len() / 2].to_vec(),
            corrupt(),
        ),
        case("half.png", png[..png.len() / 2].to_vec(), corrupt()),
        case("garbled.png", garbled(&png), corrupt()),
        case(
            "bomb.png",
            png_bomb(30_000),
            Error(IntakeError::TooLarge {
                width: 30_000,
                height: 30_000,
            }),
        ),
        case(
            "huge-header.jpg",
            jpeg_claiming(65_000, 65_000),
            Error(IntakeError::TooLarge {
                width: 65_000,
                height: 65_000,
            }),
        ),
    ]
}

/// Decodes through `Photo::decode` (what the app and the CLI use), turning a panic into a test
/// failure that names the case.
fn decode_case(name: &str, bytes: &[u8]) -> Result<Photo, IntakeError> {
    catch_unwind(AssertUnwindSafe(|| Photo::decode(bytes)))
        .unwrap_or_else(|_| panic!("{name}: decoding panicked"))
}

fn check(case: &Case) {
    let result = decode_case(&case.name, &case.bytes);
    match (&case.expect, result) {
        (Expect::Image(w, h), Ok(photo)) => {
            assert_eq!(
                (photo.width(), photo.height()),
                (*w, *h),
                "{}: wrong size",
                case.name
            );
            // Anything that decodes must also render (the app shows it at once).
            let inputs = Inputs {
                photo: Some(&photo),
                ..Default::default()
            };
            let out = render(&builtin_frames()[0], &inputs, 128)
                .unwrap_or_else(|e| panic!("{}: render failed: {e}", case.name));
            assert_eq!(out.dimensions(), (128, 128));
        }
        (Expect::Error(want), Err(got)) => {
            assert_eq!(
                discriminant(want),
                discriminant(&got),
                "{}: want {want:?}, got {got:?}",
                case.name
            );
            if let IntakeError::TooLarge { .. } = want {
                assert_eq!(want, &got, "{}", case.name);
            }
        }
        (want, Ok(photo)) => panic!(
            "{}: want {want:?}, got a {}×{} image",
            case.name,
            photo.width(),
            photo.height()
        ),
        (want, Err(got)) => panic!("{}: want {want:?}, got {got:?}", case.name),
    }
}

#[test]
fn good_files_decode_to_their_upright_size() {
    for case in good_cases() {
        check(&case);
    }
}

#[test]
fn bad_files_give_the_expected_error() {
    for case in bad_cases() {
        check(&case);
    }
}

// ---------------------------------------------------------------------------------------------
// Colours: the same picture in every encoding must look the same after intake.

fn decode_rgba(name: &str, bytes: &[u8]) -> RgbaImage {
    intake::decode(bytes, 4096).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// Mean absolute difference per RGB channel between two equally sized images.
fn mean_diff(a: &RgbaImage, b: &RgbaImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: u64 = a
        .pixels()
        .zip(b.pixels())
        .map(|(p, q)| (0..3).map(|c| u64::from(p[c].abs_diff(q[c]))).sum::<u64>())
        .sum();
    sum as f64 / (u64::from(a.width()) * u64::from(a.height()) * 3) as f64
}

#[test]
fn committed_files_look_like_their_source() {
    // The 4:4:4 JPEG is the reference; all were made from the same 160×107 picture.
    let reference = decode_rgba("yuv444.jpg", &committed("yuv444.jpg"));
    for (name, limit) in [
        ("baseline-420.jpg", 4.0),
        ("progressive.jpg", 4.0),
        ("cmyk.jpg", 6.0),
        ("ycck.jpg", 6.0),
        ("lossy.webp", 6.0),
        ("animated.webp", 6.0),
    ] {
        let image = decode_rgba(name, &committed(name));
        let diff = mean_diff(&image, &reference);
        assert!(
            diff < limit,
            "{name}: mean difference {diff:.1} from the reference (limit {limit})"
        );
        assert!(image.pixels().all(|p| p[3] == 255), "{name}: opaque");
    }
    // Grey JPEG: R = G = B, close to the reference's luma.
    let gray = decode_rgba("gray.jpg", &committed("gray.jpg"));
    assert!(gray.pixels().all(|p| p[0] == p[1] && p[1] == p[2]));
    // JPEG's grey is Rec. 601 luma (what cjpeg -grayscale wrote).
    let reference_luma = RgbaImage::from_fn(reference.width(), reference.height(), |x, y| {
        let [r, g, b, _] = reference.get_pixel(x, y).0;
        let l = (299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000;
        Rgba([l as u8, l as u8, l as u8, 255])
    });
    let diff = mean_diff(&gray, &reference_luma);
    assert!(diff < 4.0, "gray.jpg: mean difference {diff:.1}");
}

#[test]
fn lossless_files_keep_every_pixel() {
    let pic = picture(96, 64);
    let rgba = with_alpha(&pic);
    let as_rgba = |image: DynamicImage| image.into_rgba8();
    let cases: Vec<(&str, Vec<u8>, RgbaImage)> = vec![
        (
            "alpha.png",
            encode(rgba.clone().into(), ImageFormat::Png),
            rgba.clone(),
        ),
        (
            "rgba16.png",
            encode(
                DynamicImage::ImageRgba16(DynamicImage::ImageRgba8(rgba.clone()).into_rgba16()),
                ImageFormat::Png,
            ),
            rgba.clone(),
        ),
        (
            "gray.png",
            encode(
                DynamicImage::ImageRgb8(pic.clone()).into_luma8().into(),
                ImageFormat::Png,
            ),
            as_rgba(DynamicImage::ImageLuma8(
                DynamicImage::ImageRgb8(pic.clone()).into_luma8(),
            )),
        ),
        ("lossless.webp", webp_lossless(&rgba), rgba.clone()),
        ("picture.bmp", bmp(&pic), as_rgba(pic.clone().into())),
    ];
    for (name, bytes, want) in cases {
        assert!(decode_rgba(name, &bytes) == want, "{name}: pixels differ");
    }
    // Palette with tRNS: index 0 is transparent black, 1..3 opaque red, green, blue.
    let palette = decode_rgba("palette.png", &palette_png(96, 64));
    assert_eq!(palette.get_pixel(0, 0).0, [0, 0, 0, 0]);
    assert_eq!(palette.get_pixel(30, 0).0, [255, 0, 0, 255]);
    assert_eq!(palette.get_pixel(50, 0).0, [0, 255, 0, 255]);
    assert_eq!(palette.get_pixel(95, 0).0, [0, 0, 255, 255]);
}

#[test]
fn sixteen_bit_pngs_halve_like_their_8_bit_versions() {
    // Wider than the working side, so intake halves the 16-bit samples straight to 8 bits.
    let work = |name: &str, bytes: &[u8]| {
        intake::decode(bytes, MAX_WORKING_SIDE).unwrap_or_else(|e| panic!("{name}: {e:?}"))
    };
    let rgba = with_alpha(&picture(MAX_WORKING_SIDE + 28, 22));
    let eight = work("wide.png", &encode(rgba.clone().into(), ImageFormat::Png));
    assert_eq!(eight.dimensions(), (MAX_WORKING_SIDE / 2 + 14, 11));
    let as16 = DynamicImage::ImageRgba8(rgba);
    let wide16 = encode(as16.clone().into_rgba16().into(), ImageFormat::Png);
    let luma = DynamicImage::ImageLuma8(as16.into_luma8());
    let gray16 = encode(luma.clone().into_luma16().into(), ImageFormat::Png);
    let gray8 = encode(luma, ImageFormat::Png);
    // (`assert!`, not `assert_eq!`: a failure must not print a million pixels.)
    assert!(work("wide16.png", &wide16) == eight, "wide16.png");
    assert!(
        work("gray16.png", &gray16) == work("gray8.png", &gray8),
        "gray16.png"
    );
}

#[test]
fn animations_give_their_first_frame() {
    let gif = decode_rgba("animated.gif", &animated_gif(96, 64));
    let [r, g, b] = GIF_FIRST;
    assert!(
        gif.pixels().all(|p| p.0 == [r, g, b, 255]),
        "animated.gif: not all pixels are the first frame's red"
    );
    // animated.webp: frame 1 is the coffee picture (checked against the reference above),
    // frame 2 the cat; make sure it is not the cat.
    let webp = decode_rgba("animated.webp", &committed("animated.webp"));
    let reference = decode_rgba("yuv444.jpg", &committed("yuv444.jpg"));
    assert!(mean_diff(&webp, &reference) < 6.0);
}

// ---------------------------------------------------------------------------------------------
// Big ones.

#[test]
fn twelve_megapixel_rotated_phone_photo() {
    // 4000×3000 as stored, EXIF orientation 6 (the phone was held upright): 12 MP.
    let (w, h) = (4000u32, 3000u32);
    let stored = RgbImage::from_fn(w, h, |x, y| {
        let noise = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 27;
        Rgb([
            ((x / 16) as u8).wrapping_add(noise as u8),
            ((y * 255 / h) as u8).saturating_add((noise / 2) as u8),
            (((x + y) / 28) as u8),
        ])
    });
    let plain = jpeg(&stored, 88);
    drop(stored);
    let mut bytes = plain[..2].to_vec();
    bytes.extend_from_slice(&exif_orientation(6));
    bytes.extend_from_slice(&plain[2..]);
    let photo = decode_case("12mp-rotated.jpg", &bytes).expect("a 12 MP photo decodes");
    // Halved once to 2000×1500, then turned upright.
    assert_eq!((photo.width(), photo.height()), (1500, 2000));
    assert!(photo.width().max(photo.height()) <= MAX_WORKING_SIDE);
}

#[test]
fn very_wide_panorama() {
    let pano = jpeg(&picture(8000, 200), 85);
    // Halved twice: 8000×200 → 4000×100 → 2000×50.
    check(&case("panorama.jpg", pano, Expect::Image(2000, 50)));
}

#[test]
fn bombs_are_refused_from_the_header_without_allocating() {
    let bomb = png_bomb(30_000);
    assert!(bomb.len() < 1 << 20, "bomb is {} bytes", bomb.len());
    // Guard the test itself: the stream is a real image that `png` starts decoding.
    let mut decoder = png::Decoder::new(Cursor::new(&bomb[..]));
    decoder.set_limits(png::Limits { bytes: usize::MAX });
    let mut reader = decoder.read_info().unwrap();
    let row = reader.next_row().unwrap().expect("a first row");
    assert!(row.data().len() == 30_000 && row.data().iter().all(|&b| b == 0));

    for (name, bytes, width, height) in [
        ("bomb.png", bomb, 30_000, 30_000),
        (
            "huge-header.jpg",
            jpeg_claiming(65_000, 65_000),
            65_000,
            65_000,
        ),
        // Each side allowed, the product (256 MP) not.
        (
            "wide-header.jpg",
            jpeg_claiming(16_000, 16_000),
            16_000,
            16_000,
        ),
    ] {
        let start = Instant::now();
        let (result, largest) = largest_alloc_of(|| intake::decode(&bytes, 4096));
        let elapsed = start.elapsed();
        assert_eq!(
            result.unwrap_err(),
            IntakeError::TooLarge { width, height },
            "{name}"
        );
        assert!(
            largest < 8 << 20,
            "{name}: allocated a {largest}-byte block"
        );
        assert!(elapsed < Duration::from_secs(1), "{name}: took {elapsed:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Truncated and garbled files.

/// The files whose every prefix (at a stride) is tried.
fn truncation_files() -> Vec<(&'static str, Vec<u8>)> {
    let pic = picture(48, 32);
    vec![
        ("generated.jpg", jpeg(&pic, 85)),
        ("baseline-420.jpg", committed("baseline-420.jpg")),
        ("progressive.jpg", committed("progressive.jpg")),
        ("cmyk.jpg", committed("cmyk.jpg")),
        (
            "alpha.png",
            encode(with_alpha(&pic).into(), ImageFormat::Png),
        ),
        ("palette.png", palette_png(48, 32)),
        (
            "rgb16.png",
            encode(
                DynamicImage::ImageRgb8(pic.clone()).into_rgb16().into(),
                ImageFormat::Png,
            ),
        ),
        ("lossless.webp", webp_lossless(&with_alpha(&pic))),
        ("lossy.webp", committed("lossy.webp")),
        ("animated.webp", committed("animated.webp")),
        ("animated.gif", animated_gif(48, 32)),
        ("picture.bmp", bmp(&pic)),
    ]
}

fn intake_no_panic(name: &str, bytes: &[u8]) -> Result<RgbaImage, IntakeError> {
    catch_unwind(AssertUnwindSafe(|| intake::decode(bytes, 4096)))
        .unwrap_or_else(|_| panic!("{name}: intake panicked"))
}

/// Like image-rs's tests/truncate_images.rs: every prefix (at a stride, plus the last few) is an
/// error — or, when the cut lost only what follows the pixels (a PNG's IEND, a GIF's trailer,
/// an animation's later frames), exactly the full file's image. Never a panic, never grey fill.
#[test]
fn every_prefix_is_an_error_or_the_complete_image() {
    for (name, bytes) in truncation_files() {
        let full = intake_no_panic(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let stride = (bytes.len() / 200).max(1);
        let lengths = (0..bytes.len())
            .step_by(stride)
            .chain(bytes.len().saturating_sub(4)..bytes.len());
        for len in lengths {
            match intake_no_panic(&format!("{name}[..{len}]"), &bytes[..len]) {
                Err(error) => assert!(!error.message(Lang::Id).is_empty()),
                Ok(image) => assert!(
                    image == full,
                    "{name}: the first {len} of {} bytes decoded to a different image",
                    bytes.len()
                ),
            }
        }
    }
}

/// Prefixes at ¼, ½ and ¾ of a file that intake refuses (for the CLI test).
fn refused_cuts() -> Vec<(String, Vec<u8>)> {
    let mut cuts = Vec::new();
    for (name, bytes) in truncation_files() {
        let before = cuts.len();
        for k in 1..4 {
            let len = bytes.len() * k / 4;
            if intake::decode(&bytes[..len], 4096).is_err() {
                cuts.push((format!("cut{len}-{name}"), bytes[..len].to_vec()));
            }
        }
        assert!(cuts.len() - before >= 2, "{name}: too few refused cuts");
    }
    cuts
}

#[test]
fn garbled_bytes_never_panic() {
    for (name, bytes) in truncation_files() {
        // Flip a run of bytes at several places: either an error or an image of the right size
        // (JPEG and lossy WebP may decode damaged data to damaged-looking pixels).
        let size = image::load_from_memory(&bytes).unwrap();
        for at in (1..8).map(|k| bytes.len() * k / 8) {
            let mut broken = bytes.clone();
            for b in &mut broken[at..(at + 16).min(bytes.len())] {
                *b ^= 0xA5;
            }
            if let Ok(photo) = decode_case(&format!("{name} garbled at {at}"), &broken) {
                assert_eq!(
                    (photo.width(), photo.height()),
                    (size.width(), size.height()),
                    "{name} garbled at {at}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The corpus is what it says.

fn jpeg_frame(bytes: &[u8]) -> (u8, Vec<u8>) {
    let sof = jpeg_sof(bytes);
    let components = bytes[sof + 9];
    let sampling = (0..usize::from(components))
        .map(|c| bytes[sof + 11 + 3 * c])
        .collect();
    (bytes[sof + 1], sampling)
}

/// The Adobe APP14 colour transform (0 = CMYK/RGB as is, 1 = YCbCr, 2 = YCCK).
fn adobe_transform(bytes: &[u8]) -> Option<u8> {
    let at = bytes
        .windows(9)
        .position(|w| w == b"\xFF\xEE\x00\x0EAdobe")?;
    Some(bytes[at + 15])
}

#[test]
fn fixtures_are_what_they_claim() {
    let (kind, sampling) = jpeg_frame(&committed("baseline-420.jpg"));
    assert_eq!(
        (kind, sampling),
        (0xC0, vec![0x22, 0x11, 0x11]),
        "baseline 4:2:0"
    );
    // image's own encoder writes baseline 4:4:4.
    let (kind, sampling) = jpeg_frame(&jpeg(&picture(32, 32), 85));
    assert_eq!(
        (kind, sampling),
        (0xC0, vec![0x11, 0x11, 0x11]),
        "generated"
    );
    let (kind, sampling) = jpeg_frame(&committed("progressive.jpg"));
    assert_eq!(kind, 0xC2, "progressive");
    assert_eq!(sampling, vec![0x22, 0x11, 0x11]);
    let (kind, sampling) = jpeg_frame(&committed("yuv444.jpg"));
    assert_eq!((kind, sampling), (0xC0, vec![0x11, 0x11, 0x11]), "4:4:4");
    assert_eq!(jpeg_frame(&committed("gray.jpg")).1.len(), 1, "grayscale");
    for (name, transform) in [("cmyk.jpg", 0), ("ycck.jpg", 2)] {
        let bytes = committed(name);
        assert_eq!(jpeg_frame(&bytes).1.len(), 4, "{name}: four components");
        assert_eq!(adobe_transform(&bytes), Some(transform), "{name}");
    }
    assert_eq!(&committed("lossy.webp")[12..16], b"VP8 ");
    let animated = committed("animated.webp");
    assert_eq!(
        animated.windows(4).filter(|w| w == b"ANMF").count(),
        2,
        "two frames"
    );
    assert_eq!(&committed("photo.heic")[4..12], b"ftypheic");
    assert_eq!(&committed("photo.avif")[4..12], b"ftypavif");
    let gif = animated_gif(8, 8);
    assert_eq!(gif.windows(2).filter(|w| w == &[0x00, 0x2C]).count(), 2);
}

#[test]
fn every_committed_file_is_small_and_documented() {
    let readme = std::fs::read_to_string(corpus_dir().join("README.md")).unwrap();
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if name == "README.md" {
            continue;
        }
        let size = entry.metadata().unwrap().len();
        assert!(size < 50_000, "{name} is {size} bytes; keep fixtures small");
        assert!(
            readme.contains(&format!("`{name}`")),
            "{name} is not in tests/fixtures/corpus/README.md"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Messages say what to do.

#[test]
fn messages_say_what_to_do() {
    let heic_en = IntakeError::Heic.message(Lang::En);
    assert!(
        heic_en.contains("JPEG") && heic_en.contains("Most Compatible"),
        "{heic_en}"
    );
    let heic_id = IntakeError::Heic.message(Lang::Id);
    assert!(
        heic_id.contains("JPEG") && heic_id.contains("Paling Kompatibel"),
        "{heic_id}"
    );
    let too_large = IntakeError::TooLarge {
        width: 30_000,
        height: 30_000,
    };
    for lang in [Lang::Id, Lang::En] {
        let text = too_large.message(lang);
        assert!(
            text.contains("30000×30000") && text.contains("100") && text.contains("16384"),
            "{text}"
        );
        let text = IntakeError::OverLimit.message(lang);
        assert!(text.contains("512"), "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// The real binary: every bad file is one line on stderr and a non-zero, non-panic exit code.

#[test]
fn cli_refuses_every_bad_file_with_one_line() {
    let dir = std::env::temp_dir().join(format!("campaign-kit-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut files: Vec<(String, Vec<u8>)> = bad_cases()
        .into_iter()
        .map(|case| (case.name, case.bytes))
        .collect();
    // A few prefixes of each truncation file too.
    files.extend(refused_cuts());
    for (name, bytes) in &files {
        let photo = dir.join(name);
        std::fs::write(&photo, bytes).unwrap();
        let out = dir.join(format!("{name}.png"));
        for lang in ["id_ID.UTF-8", "en_US.UTF-8"] {
            let output = Command::new(env!("CARGO_BIN_EXE_campaign-kit"))
                .arg("twibbon")
                .arg("--photo")
                .arg(&photo)
                .arg("--out")
                .arg(&out)
                .env("LANG", lang)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            let code = output.status.code();
            assert!(
                code.is_some() && code != Some(0) && code != Some(101),
                "{name} ({lang}): exit {code:?}\n{stderr}"
            );
            assert_eq!(stderr.lines().count(), 1, "{name} ({lang}): {stderr}");
            assert!(stderr.contains(name.as_str()), "{name}: {stderr}");
            assert!(!out.exists(), "{name}: no output on error");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// Seeds for the fuzzer: `CORPUS_SEEDS=fuzz/corpus/intake_render cargo test --test corpus --
// --ignored write_fuzz_seeds` writes every generated and committed case under 200 KB there.

#[test]
#[ignore = "writes files; run by hand to seed fuzz/corpus"]
fn write_fuzz_seeds() {
    let dir = PathBuf::from(std::env::var("CORPUS_SEEDS").expect("set CORPUS_SEEDS to a folder"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files: Vec<(String, Vec<u8>)> = good_cases()
        .into_iter()
        .chain(bad_cases())
        .map(|case| (case.name, case.bytes))
        .collect();
    files.extend(
        truncation_files()
            .into_iter()
            .map(|(n, b)| (n.to_string(), b)),
    );
    for (name, bytes) in files {
        if !bytes.is_empty() && bytes.len() <= 200_000 {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
}
