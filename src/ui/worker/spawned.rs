//! Starting and stopping a Web Worker, shared by the decode worker and the batch worker hosts.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

type Callbacks = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(JsValue)>,
);

/// A running worker and the JS callbacks wired to it (kept alive as long as it runs).
pub struct Spawned {
    pub worker: Worker,
    callbacks: Callbacks,
}

/// The callbacks of a stopped worker. Drop them only outside any of them (e.g. at the next
/// spawn): a worker is often stopped from inside its own error callback, and dropping a
/// closure while it runs is undefined in wasm-bindgen.
pub struct Retired(#[allow(dead_code)] Callbacks);

impl Spawned {
    /// Start `script` as a worker; its messages go to `on_message(owner, data)` and a crash
    /// (uncaught error, failed start, out of memory) to `on_crash(owner)`, for as long as the
    /// owner lives. `None` if the browser refuses to start it.
    pub fn start<T: 'static>(
        script: &str,
        owner: &Rc<RefCell<T>>,
        on_message: fn(&Rc<RefCell<T>>, JsValue),
        on_crash: fn(&Rc<RefCell<T>>),
    ) -> Option<Spawned> {
        let worker = Worker::new(script).ok()?;
        let weak: Weak<RefCell<T>> = Rc::downgrade(owner);
        let message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(owner) = weak.upgrade() {
                on_message(&owner, event.data());
            }
        });
        let weak: Weak<RefCell<T>> = Rc::downgrade(owner);
        let error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            // Handled here: keep it out of the page's console as an uncaught error.
            if let Ok(e) = event.dyn_into::<web_sys::Event>() {
                e.prevent_default();
            }
            if let Some(owner) = weak.upgrade() {
                on_crash(&owner);
            }
        });
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        Some(Spawned {
            worker,
            callbacks: (message, error),
        })
    }

    /// End the worker at once (whatever it is doing).
    pub fn terminate(self) -> Retired {
        self.worker.terminate();
        Retired(self.callbacks)
    }
}
