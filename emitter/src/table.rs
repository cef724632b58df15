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
        // Each listener added looks its event up, down a chain of tables (a stream's events,
        // then a Duplex's, then every emitter's): a small cache of recent answers, keyed by
        // the table and the name's address and checked against the name itself, so a name
        // at a reused address is never answered for another.
        let slot = LOOKUP_CACHE_SLOTS.wrapping_sub(1) & ((self as *const EventTable as usize >> 4) ^ (event.as_ptr() as usize) ^ event.len());
        let hit = LOOKUP_CACHE.with(|cache| {
            let (table, at, sig) = cache.get(slot)?.get();
            (std::ptr::eq(table, self) && at == event.as_ptr() as usize && same_name(sig.name, event)).then_some(sig)
        });
        if hit.is_some() {
            return hit;
        }
        let found = self.lookup_uncached(event)?;
        LOOKUP_CACHE.with(|cache| {
            if let Some(entry) = cache.get(slot) {
                entry.set((self, event.as_ptr() as usize, found));
            }
        });
        Some(found)
    }

    fn lookup_uncached(&'static self, event: &str) -> Option<&'static EventSig> {
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

const LOOKUP_CACHE_SLOTS: usize = 64;

type CachedLookup = std::cell::Cell<(&'static EventTable, usize, &'static EventSig)>;

thread_local! {
    /// `EventTable::lookup`'s recent answers: (table, address of the name looked up, its
    /// signature). Starts filled with an entry no lookup matches (no name is at address 0).
    static LOOKUP_CACHE: [CachedLookup; LOOKUP_CACHE_SLOTS] = const {
        [const { std::cell::Cell::new((&EVENT_EMITTER_EVENTS, 0, &EVENT_EMITTER_EVENTS.events[0])) }; LOOKUP_CACHE_SLOTS]
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    crate::event_table! {
        static PARENT: "Parent" { "end" => (), "finish" => () }
    }
    crate::event_table! {
        static CHILD: "Child" extends PARENT { "stream" => (u32), "finish" => (bool) }
    }

    /// EM-1: the cache answers as the chain of tables does, the nearest table first, and a
    /// name at an address an earlier lookup used is checked, not trusted.
    #[test]
    fn cached_lookups_answer_as_the_tables_do() {
        for _ in 0..3 {
            for name in ["end", "finish", "stream", "error", "newListener", "nope", ""] {
                let expected = CHILD.lookup_uncached(name).map(|s| s as *const EventSig);
                assert_eq!(CHILD.lookup(name).map(|s| s as *const EventSig), expected, "{name}");
                let owned = name.to_string();
                assert_eq!(CHILD.lookup(&owned).map(|s| s as *const EventSig), expected, "{name} (a copy)");
            }
        }
        assert_eq!(CHILD.lookup("finish").map(|s| s.params), Some(<(bool,) as crate::ParamList>::PARAMS));
        assert_eq!(PARENT.lookup("finish").map(|s| s.params), Some(<() as crate::ParamList>::PARAMS));
        assert!(PARENT.lookup("stream").is_none());
        // The same bytes' address, other contents.
        let mut buf = *b"finish";
        assert!(CHILD.lookup(std::str::from_utf8(&buf).unwrap()).is_some());
        buf.copy_from_slice(b"finis_");
        assert!(CHILD.lookup(std::str::from_utf8(&buf).unwrap()).is_none());
        buf.copy_from_slice(b"stream");
        assert_eq!(CHILD.lookup(std::str::from_utf8(&buf).unwrap()).map(|s| s.name), Some("stream"));
    }
}
