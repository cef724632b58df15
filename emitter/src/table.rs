//! Declared event signatures: which events a type emits and with which argument types.
//!
//! A type's table lets `on` refuse a listener whose parameters are not a leading part of the
//! event's arguments at registration time, naming the signature, instead of at the first emit.

use crate::listener::{Param, ParamList};
use crate::{Error, Listener};

/// One declared event: its name and argument types.
pub struct EventSig {
    pub name: &'static str,
    pub params: &'static [Param],
}

/// The events of one emitter type, extending its parent's (Node's `extends`).
pub struct EventTable {
    /// The type's name for messages (`Http2Session`).
    pub type_name: &'static str,
    pub parent: Option<&'static EventTable>,
    pub events: &'static [EventSig],
}

/// Events every emitter has.
pub static EVENT_EMITTER_EVENTS: EventTable = EventTable {
    type_name: "EventEmitter",
    parent: None,
    events: &[
        EventSig { name: "newListener", params: <(String, Listener) as ParamList>::PARAMS },
        EventSig { name: "removeListener", params: <(String, Listener) as ParamList>::PARAMS },
        EventSig { name: "error", params: <(Error,) as ParamList>::PARAMS },
    ],
};

impl EventTable {
    /// The declared signature of `event` in this table or its ancestors.
    pub fn lookup(&'static self, event: &str) -> Option<&'static EventSig> {
        let mut table = Some(self);
        while let Some(t) = table {
            if let Some(sig) = t.events.iter().find(|s| same_name(s.name, event)) {
                return Some(sig);
            }
            table = t.parent;
        }
        EVENT_EMITTER_EVENTS.events.iter().find(|s| same_name(s.name, event))
    }

    /// All declared events, own first, then inherited (for docs and tests).
    pub fn all(&'static self) -> Vec<&'static EventSig> {
        let mut out: Vec<&'static EventSig> = Vec::new();
        let mut table = Some(self);
        while let Some(t) = table {
            for sig in t.events {
                if !out.iter().any(|s| s.name == sig.name) {
                    out.push(sig);
                }
            }
            table = t.parent;
        }
        out
    }
}

/// Declares an event table:
///
/// ```
/// emitter::event_table! {
///     pub static SOCKET_EVENTS: "Socket" {
///         "data" => (Vec<u8>),
///         "close" => (bool),
///         "connect" => (),
///     }
/// }
/// ```
/// A table may extend another: `pub static T: "Child" extends PARENT_TABLE { … }`.
#[macro_export]
macro_rules! event_table {
    ($(#[$meta:meta])* $vis:vis static $name:ident : $type_name:literal $(extends $parent:path)? { $($event:literal => ($($ty:ty),* $(,)?)),* $(,)? }) => {
        $(#[$meta])*
        $vis static $name: $crate::EventTable = $crate::EventTable {
            type_name: $type_name,
            parent: $crate::event_table!(@parent $($parent)?),
            events: &[$($crate::EventSig {
                name: $event,
                params: <($($ty,)*) as $crate::ParamList>::PARAMS,
            }),*],
        };
    };
    (@parent) => { ::core::option::Option::None };
    (@parent $parent:path) => { ::core::option::Option::Some(&$parent) };
}

/// Event-name equality for the lookups every emit makes: many names share a length ("close",
/// "drain", "error", "pause"), and their first bytes tell them apart without a `memcmp` call;
/// a name given as the same literal the listener was added with is the same address.
#[inline]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || (a.as_bytes().first() == b.as_bytes().first() && a == b))
}
