//! The shaper on demand: `shaper_bg.wasm` (`src/bin/shaper.rs`, harfrust and nothing else) is
//! fetched the first time a text needs shaping, instantiated beside this page's or worker's own
//! module, and installed in the core as its [`Shaper`]. Not on a first visit and not precached:
//! the service worker keeps it after its first use, as it does the fallback fonts.
//!
//! The module speaks plain numbers over its own memory (see its docs): fonts are copied in once
//! each, a text per call, and the glyphs read back.

use std::cell::RefCell;

use js_sys::{Array, Function, Int32Array, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::bounded_read::FileKind;
use crate::text::{self, Fallback, Shaped, Shaper};
use crate::ui::browser;

/// Where Trunk puts the shaper, next to the page and the workers' scripts.
const FILE: &str = "shaper_bg.wasm";

thread_local! {
    /// The load under way, shared: a user typing Aksara letter by letter asks again before the
    /// first fetch is done, and a weak connection must not fetch the shaper twice.
    static LOADING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Fetch, instantiate and install the shaper (nothing if it is installed already; joins a load
/// under way).
pub async fn load() -> Result<(), JsValue> {
    if text::has_shaper() {
        return Ok(());
    }
    let promise = LOADING.with(|l| {
        l.borrow_mut()
            .get_or_insert_with(|| {
                wasm_bindgen_futures::future_to_promise(async {
                    fetch_and_install().await.map(|()| JsValue::UNDEFINED)
                })
            })
            .clone()
    });
    let loaded = JsFuture::from(promise).await.map(|_| ());
    // Done either way: a failed load (offline) is tried afresh next time.
    LOADING.with(|l| l.borrow_mut().take());
    loaded
}

async fn fetch_and_install() -> Result<(), JsValue> {
    // Bounded as a font is: it is font machinery, a few hundred KB, fetched the same way.
    let bytes = browser::fetch_bytes(FILE, FileKind::Font).await?;
    let module: WebAssembly::Module = JsFuture::from(WebAssembly::compile(
        &Uint8Array::from(bytes.as_slice()).into(),
    ))
    .await?
    .dyn_into()?;
    let imports = stub_imports(&module)?;
    let instance: WebAssembly::Instance =
        JsFuture::from(WebAssembly::instantiate_module(&module, &imports))
            .await?
            .dyn_into()?;
    text::install_shaper(Box::new(WasmShaper::new(&instance.exports())?));
    Ok(())
}

/// Imports for what wasm-bindgen's post-processing leaves in the module (a "throw" and its
/// table set-up): the shaper never calls them on its path, so each is a function that throws.
/// Read from the module, as their names carry a hash that changes with every build.
fn stub_imports(module: &WebAssembly::Module) -> Result<Object, JsValue> {
    let imports = Object::new();
    let stub: JsValue = Closure::<dyn Fn()>::new(|| {
        wasm_bindgen::throw_str("the shaper called an import it should not need")
    })
    .into_js_value();
    for entry in WebAssembly::Module::imports(module).iter() {
        let get = |key: &str| Reflect::get(&entry, &key.into());
        let (from, name, kind) = (get("module")?, get("name")?, get("kind")?);
        if kind.as_string().as_deref() != Some("function") {
            return Err(JsValue::from_str(
                "the shaper imports something other than a function",
            ));
        }
        let namespace = match Reflect::get(&imports, &from)? {
            n if n.is_object() => n,
            _ => {
                let n: JsValue = Object::new().into();
                Reflect::set(&imports, &from, &n)?;
                n
            }
        };
        Reflect::set(&namespace, &name, &stub)?;
    }
    Ok(imports)
}

/// The instantiated shaper: its exports, and the handles of the fonts copied in.
struct WasmShaper {
    memory: WebAssembly::Memory,
    alloc: Function,
    font: Function,
    shape: Function,
    output: Function,
    fonts: RefCell<Vec<(Fallback, u32)>>,
}

impl WasmShaper {
    fn new(exports: &Object) -> Result<WasmShaper, JsValue> {
        let get = |name: &str| Reflect::get(exports, &name.into());
        Ok(WasmShaper {
            memory: get("memory")?.dyn_into()?,
            alloc: get("shaper_alloc")?.dyn_into()?,
            font: get("shaper_font")?.dyn_into()?,
            shape: get("shaper_shape")?.dyn_into()?,
            output: get("shaper_output")?.dyn_into()?,
            fonts: RefCell::new(Vec::new()),
        })
    }

    /// Copy `bytes` into the shaper's memory; returns where.
    fn copy_in(&self, bytes: &[u8]) -> Option<u32> {
        let len = u32::try_from(bytes.len()).ok()?;
        let at = number(self.alloc.call1(&JsValue::NULL, &len.into()))?;
        // The buffer is taken after the allocation, which may have grown (and replaced) it.
        let memory = Uint8Array::new(&self.memory.buffer());
        memory.subarray(at, at + len).copy_from(bytes);
        Some(at)
    }

    /// The font's handle in the shaper, copying it in the first time.
    fn handle(&self, font: Fallback, bytes: &[u8]) -> Option<u32> {
        if let Some(&(_, h)) = self.fonts.borrow().iter().find(|(f, _)| *f == font) {
            return Some(h);
        }
        let at = self.copy_in(bytes)?;
        let len = bytes.len() as u32;
        let handle = number(self.font.call2(&JsValue::NULL, &at.into(), &len.into()))?;
        self.fonts.borrow_mut().push((font, handle));
        Some(handle)
    }
}

impl Shaper for WasmShaper {
    fn shape(&self, font: Fallback, bytes: &'static [u8], text: &str) -> Option<Vec<Shaped>> {
        let handle = self.handle(font, bytes)?;
        let at = self.copy_in(text.as_bytes())?;
        let args = Array::of3(&handle.into(), &at.into(), &(text.len() as u32).into());
        let count = self.shape.apply(&JsValue::NULL, &args).ok()?.as_f64()?;
        if count < 0.0 {
            return None;
        }
        let out = number(self.output.call0(&JsValue::NULL))?;
        let values = Int32Array::new_with_byte_offset_and_length(
            &self.memory.buffer(),
            out,
            count as u32 * 5,
        )
        .to_vec();
        Some(
            values
                .chunks_exact(5)
                .map(|g| Shaped {
                    id: u16::try_from(g[0]).unwrap_or(0),
                    advance: g[1],
                    dx: g[2],
                    dy: g[3],
                    cluster: g[4] as u32,
                })
                .collect(),
        )
    }
}

/// A non-negative integer returned by an export.
fn number(result: Result<JsValue, JsValue>) -> Option<u32> {
    let n = result.ok()?.as_f64()?;
    (n >= 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
}
