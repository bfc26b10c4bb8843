//! Mount part of a page a task later. The twibbon page's mount was one long task (wasm start,
//! then Yew creating every element of the page, and the browser compiling each wasm function
//! the first time it runs) that blocked a phone's main thread (Lighthouse's Total Blocking
//! Time). What sits below the preview now mounts part by part, one part per task, so the page
//! answers a tap in between. The element that holds the parts is there from the start, so
//! nothing above it moves when a part appears.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DeferredProps {
    #[prop_or_default]
    pub children: Html,
}

/// `children`, mounted in a task of their own after the one that mounted this (each
/// `Deferred` in its own task, in the order they were mounted).
#[function_component]
pub fn Deferred(props: &DeferredProps) -> Html {
    let ready = use_state_eq(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| later(Box::new(move || ready.set(true))));
    }
    if *ready {
        props.children.clone()
    } else {
        Html::default()
    }
}

thread_local! {
    /// Parts waiting to mount, first come first served.
    static QUEUE: RefCell<VecDeque<Box<dyn FnOnce()>>> = RefCell::default();
    /// A task that mounts the next part is scheduled.
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
}

/// Run `show` in a task of its own, after every part queued before it. (Yew renders what it
/// changes in a microtask of the same task.) Also what thumbnails coming into view draw in.
pub(crate) fn later(show: Box<dyn FnOnce()>) {
    QUEUE.with(|q| q.borrow_mut().push_back(show));
    if !SCHEDULED.with(|s| s.replace(true)) {
        next_task();
    }
}

fn next_task() {
    gloo_timers::callback::Timeout::new(0, || match QUEUE.with(|q| q.borrow_mut().pop_front()) {
        Some(show) => {
            show();
            next_task();
        }
        None => SCHEDULED.with(|s| s.set(false)),
    })
    .forget();
}
