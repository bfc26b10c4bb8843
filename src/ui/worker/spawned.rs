//! Starting, talking to and stopping a Web Worker: what the decode, export and batch workers
//! share, on the page side ([`Channel`]) and the worker side ([`answer`]).

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
        let early = adopt_early(script);
        let worker = match &early {
            Some(e) => e.worker.clone(),
            None => Worker::new(script).ok()?,
        };
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
        if let Some(early) = early {
            // What it said before we listened, in order, after the caller's borrow of `owner`
            // has ended (a microtask: before any message still to come, which is a task).
            let weak = Rc::downgrade(owner);
            wasm_bindgen_futures::spawn_local(async move {
                let Some(owner) = weak.upgrade() else { return };
                for data in early.messages {
                    on_message(&owner, data);
                }
                if early.failed {
                    on_crash(&owner);
                }
            });
        }
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

/// A worker the first screen's script (`www/boot.js`) started before the app was running, and
/// what it did meanwhile.
struct Early {
    worker: Worker,
    messages: Vec<JsValue>,
    failed: bool,
}

/// Take the worker `www/boot.js` started for `script`, if it did: it stops keeping its
/// messages, and the caller listens from now on. Each is adopted once.
fn adopt_early(script: &str) -> Option<Early> {
    let get = |on: &JsValue, key: &str| js_sys::Reflect::get(on, &key.into()).ok();
    let all = get(&js_sys::global(), "__earlyWorkers").filter(|v| v.is_object())?;
    let entry = get(&all, script).filter(|v| v.is_object())?;
    js_sys::Reflect::delete_property(all.unchecked_ref::<js_sys::Object>(), &script.into()).ok()?;
    let worker: Worker = get(&entry, "worker")?.dyn_into().ok()?;
    for (event, listener) in [("message", "keep"), ("error", "fail")] {
        if let Some(f) = get(&entry, listener).and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            let _ = worker.remove_event_listener_with_callback(event, &f);
        }
    }
    let messages = get(&entry, "messages")
        .map(|m| js_sys::Array::from(&m).to_vec())
        .unwrap_or_default();
    let failed = get(&entry, "failed").is_some_and(|f| f.is_truthy());
    Some(Early {
        worker,
        messages,
        failed,
    })
}

/// What every host keeps about its worker: the running one (if any), whether it has said it is
/// ready, and the callbacks of stopped ones (dropped only at the next start: see [`Retired`]).
#[derive(Default)]
pub struct Channel {
    running: Option<Spawned>,
    ready: bool,
    retired: Vec<Retired>,
}

impl Channel {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// Start `script` unless a worker is running (see [`Spawned::start`]); `false` if the
    /// browser refused to start it.
    pub fn start<T: 'static>(
        &mut self,
        script: &str,
        owner: &Rc<RefCell<T>>,
        on_message: fn(&Rc<RefCell<T>>, JsValue),
        on_crash: fn(&Rc<RefCell<T>>),
    ) -> bool {
        if self.running.is_none() {
            self.retired.clear();
            self.running = Spawned::start(script, owner, on_message, on_crash);
            self.ready = false;
        }
        self.running.is_some()
    }

    /// End the worker at once, whatever it is doing.
    pub fn stop(&mut self) {
        if let Some(worker) = self.running.take() {
            self.retired.push(worker.terminate());
        }
        self.ready = false;
    }

    /// The worker said it is ready (its wasm is running).
    pub fn set_ready(&mut self) {
        self.ready = true;
    }

    /// Post `message`, transferring `transfer`, if the worker runs and is ready; `false` if it
    /// was not posted (the caller keeps the message for later).
    pub fn post(&self, message: &js_sys::Array, transfer: &js_sys::Array) -> bool {
        match (&self.running, self.ready) {
            (Some(s), true) => s
                .worker
                .post_message_with_transfer(message, transfer)
                .is_ok(),
            _ => false,
        }
    }
}

/// Both sides' first step with a message `[json, ...attachments]`: its typed head.
pub fn read_head<T: serde::de::DeserializeOwned>(
    message: &js_sys::Array,
) -> Result<T, crate::protocol::ProtocolError> {
    crate::protocol::read(message.get(0).as_string().as_deref())
}

/// The worker side's way to answer: a typed message and its attachment, transferred. If posting
/// fails the page sees no answer; its next job (or its cancel button) still works.
pub fn answer<T: serde::Serialize>(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    message: &T,
    attachment: Option<&JsValue>,
) {
    let array = js_sys::Array::of1(&crate::protocol::write(message).into());
    let transfer = js_sys::Array::new();
    if let Some(a) = attachment {
        array.push(a);
        transfer.push(a);
    }
    let _ = scope.post_message_with_transfer(&array, &transfer);
}

/// The worker side's start: call `handle` with every message the page sends (and the scope to
/// answer on), then tell the page the worker is ready with `ready`.
pub fn serve<R: serde::Serialize>(
    ready: &R,
    mut handle: impl FnMut(&web_sys::DedicatedWorkerGlobalScope, js_sys::Array) + 'static,
) {
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        handle(&reply_scope, event.data().unchecked_into());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    answer(&scope, ready, None);
}
