//! The web app's shaper (wasm32 only): harfrust in a wasm of its own, fetched the first time a
//! text needs shaping (Aksara Jawa, Sunda, Bali, flags, ZWJ emoji) by whichever page or worker
//! draws it, and installed in that page's or worker's core (`src/ui/shaper.rs`). It shapes with
//! `campaign_kit::text::harfrust_shape`, the very function the CLI calls, so the browser draws
//! what the CLI draws.
//!
//! Plain exports over its own memory, no wasm-bindgen: every page and worker already has a
//! wasm-bindgen module of its own, and this one is instantiated beside it. The protocol:
//! `shaper_alloc(len)` gives room for a font or a text; `shaper_font(ptr, len)` keeps a font
//! (its bytes are the shaper's from then on) and returns its handle; `shaper_shape(font,
//! ptr, len)` shapes a UTF-8 text (freed after) and returns the glyph count, or -1; the glyphs
//! are then at `shaper_output()`, five i32 each (id, advance, dx, dy, cluster).

#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
mod exports {
    use std::cell::RefCell;

    use campaign_kit::text::harfrust_shape;

    thread_local! {
        static FONTS: RefCell<Vec<&'static [u8]>> = const { RefCell::new(Vec::new()) };
        static OUTPUT: RefCell<Vec<i32>> = const { RefCell::new(Vec::new()) };
    }

    /// Room for `len` bytes, for the caller to fill.
    #[no_mangle]
    pub extern "C" fn shaper_alloc(len: usize) -> *mut u8 {
        let mut room = std::mem::ManuallyDrop::new(Vec::<u8>::with_capacity(len.max(1)));
        room.as_mut_ptr()
    }

    /// Take back room from [`shaper_alloc`] (a text once shaped).
    ///
    /// # Safety
    /// `ptr` and `len` are exactly what `shaper_alloc` was called with and returned.
    #[no_mangle]
    pub unsafe extern "C" fn shaper_free(ptr: *mut u8, len: usize) {
        drop(Vec::from_raw_parts(ptr, 0, len.max(1)));
    }

    /// Keep the font in `ptr..ptr+len` (filled by the caller) for the program's life: a page
    /// installs at most a dozen fallback fonts, once each. Returns its handle.
    ///
    /// # Safety
    /// `ptr` and `len` come from `shaper_alloc`, and the caller wrote `len` bytes there.
    #[no_mangle]
    pub unsafe extern "C" fn shaper_font(ptr: *mut u8, len: usize) -> u32 {
        let bytes: &'static [u8] = std::slice::from_raw_parts(ptr, len);
        FONTS.with(|f| {
            let mut f = f.borrow_mut();
            f.push(bytes);
            (f.len() - 1) as u32
        })
    }

    /// Shape the UTF-8 text in `ptr..ptr+len` (room from `shaper_alloc`, freed here) with the
    /// font `font`: the glyph count, or -1 (no such font, not UTF-8, shaping failed).
    ///
    /// # Safety
    /// As for [`shaper_font`].
    #[no_mangle]
    pub unsafe extern "C" fn shaper_shape(font: u32, ptr: *mut u8, len: usize) -> i32 {
        let text = Vec::from_raw_parts(ptr, len, len.max(1));
        let bytes = FONTS.with(|f| f.borrow().get(font as usize).copied());
        let glyphs = match (bytes, std::str::from_utf8(&text)) {
            (Some(bytes), Ok(text)) => harfrust_shape(bytes, text),
            _ => None,
        };
        let Some(glyphs) = glyphs else { return -1 };
        OUTPUT.with(|o| {
            let mut o = o.borrow_mut();
            o.clear();
            for g in &glyphs {
                o.extend([i32::from(g.id), g.advance, g.dx, g.dy, g.cluster as i32]);
            }
        });
        glyphs.len() as i32
    }

    /// Where the last [`shaper_shape`]'s glyphs are.
    #[no_mangle]
    pub extern "C" fn shaper_output() -> *const i32 {
        OUTPUT.with(|o| o.borrow().as_ptr())
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the shaper runs in the browser; the CLI shapes in-process");
}
