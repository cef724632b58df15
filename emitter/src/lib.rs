//! Node's `EventEmitter` for Rust: string-named events, typed listeners, copy-on-emit.
//!
//! ```
//! use emitter::{EventEmitter, Emitter};
//! let e = EventEmitter::new();
//! e.on("greet", |name: String, times: u32| println!("hello {name} x{times}")).unwrap();
//! e.on("greet", |name: String| println!("also {name}")).unwrap(); // a leading part of the args
//! assert_eq!(e.emit("greet", (String::from("ada"), 2u32)).unwrap(), true);
//! ```
//!
//! - A listener takes any leading part of the event's arguments, by value.
//! - Types that emit declare their events in an [`EventTable`]; a listener that does not fit is
//!   refused by `on` with `ERR_INVALID_ARG_TYPE` and a message naming the signature.
//! - `emit` returns `Err` where Node would throw: `'error'` with no listener, a listener that
//!   returned `Err`, or a listener that does not fit an undeclared event.
//! - No `RefCell` borrow is held while a listener runs; listeners may re-enter the emitter.
//!
//! This crate knows nothing of the event loop, sockets or HTTP/2.

mod error;
mod event_emitter;
mod listener;
mod table;

use std::borrow::Cow;

pub use error::{Error, ErrorKind};
pub use event_emitter::{EventEmitter, ListenerObserver, RawListener, DEFAULT_MAX_LISTENERS};
pub use listener::{EmitArgs, Erased, IntoListener, Listener, ListenerResult, ObjectListener, Param, ParamList};
pub use table::{EventSig, EventTable, EVENT_EMITTER_EVENTS};

/// The `EventEmitter` surface for any type that owns one (Node's `extends EventEmitter`).
/// Implement [`event_emitter`](Emitter::event_emitter); everything else is provided.
pub trait Emitter {
    fn event_emitter(&self) -> &EventEmitter;

    fn on<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.event_emitter().on(event, listener)
    }
    fn add_listener<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.event_emitter().on(event, listener)
    }
    fn once<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.event_emitter().once(event, listener)
    }
    fn prepend_listener<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.event_emitter().prepend_listener(event, listener)
    }
    fn prepend_once_listener<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.event_emitter().prepend_once_listener(event, listener)
    }
    fn off(&self, event: &str, listener: &Listener) -> bool {
        self.event_emitter().off(event, listener)
    }
    fn remove_listener(&self, event: &str, listener: &Listener) -> bool {
        self.event_emitter().off(event, listener)
    }
    fn remove_all_listeners(&self, event: Option<&str>) {
        self.event_emitter().remove_all_listeners(event)
    }
    fn emit<A: EmitArgs>(&self, event: &str, args: A) -> Result<bool, Error> {
        self.event_emitter().emit(event, args)
    }
    fn listener_count(&self, event: &str) -> usize {
        self.event_emitter().listener_count(event)
    }
    fn listeners(&self, event: &str) -> Vec<Listener> {
        self.event_emitter().listeners(event)
    }
    fn raw_listeners(&self, event: &str) -> Vec<RawListener> {
        self.event_emitter().raw_listeners(event)
    }
    fn event_names(&self) -> Vec<String> {
        self.event_emitter().event_names()
    }
    fn set_max_listeners(&self, n: usize) {
        self.event_emitter().set_max_listeners(n)
    }
    fn get_max_listeners(&self) -> usize {
        self.event_emitter().get_max_listeners()
    }
}

impl Emitter for EventEmitter {
    fn event_emitter(&self) -> &EventEmitter {
        self
    }
}
