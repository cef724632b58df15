//! `EventEmitter`: the listener store and `emit`, with Node's semantics.
//!
//! Listeners of one event live in an `Rc<Vec<Slot>>`. `emit` clones that `Rc` (no allocation),
//! releases the `RefCell` borrow and then calls the listeners, so a listener may add, remove or
//! emit on the same emitter. A change made during an emit copies the vector (`Rc::make_mut`),
//! which is Node's copy-on-emit: the emit in progress still calls the listeners it started with.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use crate::listener::{signature, CallError, EmitArgs, IntoListener, Listener, Param};
use crate::table::{EventSig, EventTable};
use crate::Error;

/// Node's default `defaultMaxListeners`.
pub const DEFAULT_MAX_LISTENERS: usize = 10;

#[derive(Clone)]
struct Slot {
    listener: Listener,
    /// `Some` for `once` registrations: set when fired, so a once listener that sits in the
    /// snapshot of an outer emit is not called again after a nested emit fired it.
    once: Option<Rc<Cell<bool>>>,
}

/// An event's listeners. Most events have one (a stream's internal `'end'`/`'finish'`
/// listeners, a user's handler), kept inline so adding it allocates nothing more; several
/// are shared copy-on-write, so `emit` snapshots them with a reference count.
#[derive(Clone)]
enum Slots {
    Empty,
    One(Slot),
    Many(Rc<Vec<Slot>>),
}

impl Slots {
    fn iter(&self) -> std::slice::Iter<'_, Slot> {
        match self {
            Slots::Empty => [].iter(),
            Slots::One(s) => std::slice::from_ref(s).iter(),
            Slots::Many(v) => v.iter(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Slots::Empty => 0,
            Slots::One(_) => 1,
            Slots::Many(v) => v.len(),
        }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn insert(&mut self, at: usize, slot: Slot) {
        match std::mem::replace(self, Slots::Empty) {
            Slots::Empty => *self = Slots::One(slot),
            Slots::One(first) => *self = Slots::Many(Rc::new(if at == 0 { vec![slot, first] } else { vec![first, slot] })),
            Slots::Many(mut v) => {
                let list = Rc::make_mut(&mut v);
                list.insert(at.min(list.len()), slot);
                *self = Slots::Many(v);
            }
        }
    }

    fn remove(&mut self, pos: usize) -> Option<Slot> {
        match self {
            Slots::Empty => None,
            Slots::One(_) if pos == 0 => match std::mem::replace(self, Slots::Empty) {
                Slots::One(s) => Some(s),
                _ => None,
            },
            Slots::One(_) => None,
            Slots::Many(v) if pos < v.len() => Some(Rc::make_mut(v).remove(pos)),
            Slots::Many(_) => None,
        }
    }
}

struct Entry {
    name: Cow<'static, str>,
    slots: Slots,
    declared: Option<&'static EventSig>,
    /// The leak warning is given once per event, as Node does.
    warned: bool,
}

/// The events with listeners, in the order they were first added. Most emitters have one or
/// two (a stream's own `'finish'` and `'end'`), kept inline so the first listeners added to a
/// new emitter allocate nothing; the third and later go to a vector.
#[derive(Default)]
struct EntryList {
    inline: [Option<Entry>; 2],
    rest: Vec<Entry>,
}

impl EntryList {
    fn iter(&self) -> impl Iterator<Item = &Entry> {
        // Inline slots fill from the front, so the flattened order is the insertion order.
        self.inline.iter().flatten().chain(self.rest.iter())
    }

    fn get(&self, i: usize) -> Option<&Entry> {
        match i {
            0 | 1 => self.inline[i].as_ref(),
            _ => self.rest.get(i - 2),
        }
    }

    fn get_mut(&mut self, i: usize) -> Option<&mut Entry> {
        match i {
            0 | 1 => self.inline[i].as_mut(),
            _ => self.rest.get_mut(i - 2),
        }
    }

    fn push(&mut self, entry: Entry) -> usize {
        match self.inline.iter().position(Option::is_none) {
            Some(i) => {
                self.inline[i] = Some(entry);
                i
            }
            None => {
                self.rest.push(entry);
                self.rest.len() + 1
            }
        }
    }

    /// Removes entry `i`, keeping the order of the others.
    fn remove(&mut self, i: usize) -> Option<Entry> {
        if i >= 2 {
            return (i - 2 < self.rest.len()).then(|| self.rest.remove(i - 2));
        }
        let removed = self.inline[i].take();
        if i == 0 {
            self.inline[0] = self.inline[1].take();
        }
        if self.inline[1].is_none() && !self.rest.is_empty() {
            self.inline[1] = Some(self.rest.remove(0));
        }
        removed
    }
}

struct State {
    events: EntryList,
    max_listeners: usize,
}

impl State {
    #[inline(always)]
    fn position(&self, event: &str) -> Option<usize> {
        let same = |e: &Entry| crate::table::same_name(&e.name, event);
        let list = &self.events;
        for (i, slot) in list.inline.iter().enumerate() {
            match slot {
                Some(e) if same(e) => return Some(i),
                Some(_) => {}
                // The inline slots fill first: an empty one means there are no more entries.
                None => return None,
            }
        }
        list.rest.iter().position(same).map(|p| p + 2)
    }
}

/// An object told of listeners added (`true`) or removed (`false`), after the fact and
/// outside any borrow, held weakly by its emitter: the emitter's owner itself, with no closure
/// allocated to reach it (see [`EventEmitter::set_listener_observer`]).
pub trait ListenerObserver {
    fn listener_changed(self: Rc<Self>, event: &str, added: bool);
}

struct Inner {
    table: Option<&'static EventTable>,
    state: RefCell<State>,
    observer: RefCell<Option<Weak<dyn ListenerObserver>>>,
    /// A `'newListener'` or `'removeListener'` listener was ever added: until then every add
    /// and removal skips looking for them (most emitters never have one).
    announces: Cell<bool>,
}

/// Node's `EventEmitter`. Cloning gives another handle to the same emitter.
#[derive(Clone)]
pub struct EventEmitter {
    inner: Rc<Inner>,
}

impl Default for EventEmitter {
    fn default() -> Self {
        EventEmitter::new()
    }
}

impl std::fmt::Debug for EventEmitter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {{ events: {:?} }}", self.type_name(), self.event_names())
    }
}

/// A listener as registered: the listener and whether it was added with `once`.
#[derive(Clone, Debug)]
pub struct RawListener {
    pub listener: Listener,
    pub once: bool,
}

impl EventEmitter {
    /// An emitter with no declared events: any listener is accepted, a mismatch shows at emit.
    pub fn new() -> EventEmitter {
        EventEmitter::build(None)
    }

    /// An emitter whose events are declared in `table`: listeners are checked when registered.
    pub fn with_events(table: &'static EventTable) -> EventEmitter {
        EventEmitter::build(Some(table))
    }

    fn build(table: Option<&'static EventTable>) -> EventEmitter {
        EventEmitter {
            inner: Rc::new(Inner {
                table,
                state: RefCell::new(State { events: EntryList::default(), max_listeners: DEFAULT_MAX_LISTENERS }),
                observer: RefCell::new(None),
                announces: Cell::new(false),
            }),
        }
    }

    /// Installs the object told of every listener added or removed, after the fact. Node's
    /// Readable uses this to start flowing when a `'data'` listener is added. Held weakly (an
    /// owner holds its emitter, so a strong handle would be a cycle).
    pub fn set_listener_observer(&self, observer: Weak<dyn ListenerObserver>) {
        *self.inner.observer.borrow_mut() = Some(observer);
    }

    fn run_hook(&self, event: &str, added: bool) {
        let observer = self.inner.observer.borrow().as_ref().and_then(Weak::upgrade);
        if let Some(observer) = observer {
            observer.listener_changed(event, added);
        }
    }

    /// Whether this is the only handle to the emitter (no clone of it is held elsewhere).
    pub fn is_sole_handle(&self) -> bool {
        Rc::strong_count(&self.inner) == 1
    }

    /// Whether two handles are the same emitter.
    pub fn same(&self, other: &EventEmitter) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }

    fn type_name(&self) -> &'static str {
        self.inner.table.map_or("EventEmitter", |t| t.type_name)
    }

    fn declared(&self, event: &str) -> Option<&'static EventSig> {
        match self.inner.table {
            Some(t) => t.lookup(event),
            None => crate::table::EVENT_EMITTER_EVENTS.lookup(event),
        }
    }

    /// `emitter.on(event, listener)`: appends a listener. Returns the listener, whose clone
    /// `off` accepts. Refused with `ERR_INVALID_ARG_TYPE` if its parameters do not fit.
    pub fn on<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.add(event.into(), listener.into_listener(), false, false)
    }

    /// Alias of [`on`](Self::on).
    pub fn add_listener<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.on(event, listener)
    }

    /// `emitter.once(event, listener)`: called at most once, removed before it runs.
    pub fn once<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.add(event.into(), listener.into_listener(), true, false)
    }

    /// `emitter.prependListener(event, listener)`: adds at the front.
    pub fn prepend_listener<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.add(event.into(), listener.into_listener(), false, true)
    }

    /// `emitter.prependOnceListener(event, listener)`.
    pub fn prepend_once_listener<Args, L: IntoListener<Args>>(&self, event: impl Into<Cow<'static, str>>, listener: L) -> Result<Listener, Error> {
        self.add(event.into(), listener.into_listener(), true, true)
    }

    fn add(&self, event: Cow<'static, str>, listener: Listener, once: bool, prepend: bool) -> Result<Listener, Error> {
        let declared = self.declared(&event);
        if let Some(sig) = declared {
            let takes = listener.params();
            let fits = takes.len() <= sig.params.len() && takes.iter().zip(sig.params).all(|(a, b)| a == b);
            if !fits {
                return Err(Error::type_error(
                    "ERR_INVALID_ARG_TYPE",
                    format!(
                        "a listener for '{}' on {} takes {} but the event is emitted with {}; a listener may take any leading part of those arguments",
                        event,
                        self.type_name(),
                        signature(takes),
                        signature(sig.params)
                    ),
                ));
            }
        }
        // Node emits 'newListener' before adding, so a listener it adds for the same event lands first.
        if matches!(&*event, "newListener" | "removeListener") {
            self.inner.announces.set(true);
        }
        if self.inner.announces.get() && self.listener_count("newListener") > 0 {
            self.emit("newListener", (event.to_string(), listener.clone()))?;
        }
        // Cheap for the usual `&'static str` names; needed after `event` moves into the store.
        let hook_name = event.clone();
        let mut state = self.inner.state.borrow_mut();
        let max = state.max_listeners;
        let slot = Slot { listener: listener.clone(), once: once.then(|| Rc::new(Cell::new(false))) };
        let index = match state.position(&event) {
            Some(i) => {
                if let Some(entry) = state.events.get_mut(i) {
                    let at = if prepend { 0 } else { entry.slots.len() };
                    entry.slots.insert(at, slot);
                }
                i
            }
            None => state.events.push(Entry { name: event, slots: Slots::One(slot), declared, warned: false }),
        };
        let Some(entry) = state.events.get_mut(index) else {
            drop(state);
            self.run_hook(&hook_name, true);
            return Ok(listener);
        };
        let count = entry.slots.len();
        if max > 0 && count > max && !entry.warned {
            entry.warned = true;
            // Node 20's wording, so a ported handler's logs read the same.
            log::warn!(
                "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. {} {} listeners added to [{}]. MaxListeners is {}. Use emitter.setMaxListeners() to increase limit",
                count,
                entry.name,
                self.type_name(),
                max
            );
        }
        drop(state);
        self.run_hook(&hook_name, true);
        Ok(listener)
    }

    /// `emitter.off(event, listener)` / `removeListener`: removes the most recently added
    /// registration of `listener` (a `once` registration too). Returns whether one was removed.
    pub fn off(&self, event: &str, listener: &Listener) -> bool {
        self.remove_where(event, |slot| slot.listener.same(listener))
    }

    /// Alias of [`off`](Self::off).
    pub fn remove_listener(&self, event: &str, listener: &Listener) -> bool {
        self.off(event, listener)
    }

    fn remove_where(&self, event: &str, matches: impl Fn(&Slot) -> bool) -> bool {
        let removed = {
            let mut state = self.inner.state.borrow_mut();
            let Some(index) = state.position(event) else { return false };
            let Some(entry) = state.events.get_mut(index) else { return false };
            let Some(pos) = entry.slots.iter().rposition(&matches) else { return false };
            let Some(slot) = entry.slots.remove(pos) else { return false };
            if entry.slots.is_empty() {
                // Node deletes the key, so a later add puts the event last in eventNames().
                state.events.remove(index);
            }
            slot
        };
        self.run_hook(event, false);
        if self.inner.announces.get() && self.listener_count("removeListener") > 0 {
            // An error thrown by a 'removeListener' listener has nowhere to go but the log:
            // Node would throw out of removeListener(); we keep off() infallible.
            if let Err(e) = self.emit("removeListener", (event.to_string(), removed.listener)) {
                log::error!("a 'removeListener' listener failed: {:?}", e);
            }
        }
        true
    }

    /// Drops every listener without a word: no `'removeListener'`, no observer call. For an
    /// owner that is finished with its emitter (after its `'close'`), whose listeners may hold
    /// the owner itself: a cycle Node's GC collects and `Rc` does not. Node keeps those
    /// listeners and tells nobody, so nothing observable differs but the memory.
    pub fn release_listeners(&self) {
        let released = std::mem::take(&mut self.inner.state.borrow_mut().events);
        // Dropped after the borrow: a listener's drop may reach this emitter.
        drop(released);
    }

    /// `emitter.removeAllListeners([event])`. With 'removeListener' listeners present, each
    /// removal is announced, last added first, as Node does.
    pub fn remove_all_listeners(&self, event: Option<&str>) {
        let announce = self.inner.announces.get() && self.listener_count("removeListener") > 0;
        match event {
            Some(name) => {
                if announce {
                    while self.remove_where(name, |_| true) {}
                } else {
                    let removed = {
                        let mut state = self.inner.state.borrow_mut();
                        state.position(name).map(|i| state.events.remove(i))
                    };
                    if removed.is_some() {
                        self.run_hook(name, false);
                    }
                }
            }
            None => {
                if announce {
                    for name in self.event_names() {
                        if name != "removeListener" {
                            self.remove_all_listeners(Some(&name));
                        }
                    }
                    self.remove_all_listeners(Some("removeListener"));
                } else {
                    let removed = std::mem::take(&mut self.inner.state.borrow_mut().events);
                    for entry in removed.iter() {
                        self.run_hook(&entry.name, false);
                    }
                }
            }
        }
    }

    /// `emitter.emit(event, ...args)`: calls every listener in order with (a leading part of)
    /// `args`. Returns whether there were listeners. `Err` is what Node would throw: an
    /// `'error'` with no listener, an error a listener returned, or a listener whose
    /// parameter types do not fit what was emitted.
    // The error paths of `emit`, out of line: their formatting would otherwise enlarge the
    // stack frame and register saves of every emit.
    #[cold]
    #[inline(never)]
    fn emitted_with_other_types(&self, event: &str, declared: &[Param], given: &[Param]) -> Error {
        Error::type_error("ERR_INVALID_ARG_TYPE", format!("'{}' on {} is emitted with {}, not {}", event, self.type_name(), signature(declared), signature(given)))
    }

    #[cold]
    #[inline(never)]
    fn listener_takes_other_types(&self, event: &str, listener: &Listener, given: &[Param]) -> Error {
        Error::type_error(
            "ERR_INVALID_ARG_TYPE",
            format!("a listener for '{}' on {} takes {} but the event was emitted with {}", event, self.type_name(), signature(listener.params()), signature(given)),
        )
    }

    pub fn emit<A: EmitArgs>(&self, event: &str, args: A) -> Result<bool, Error> {
        let (slots, declared) = {
            let state = self.inner.state.borrow();
            match state.position(event) {
                Some(i) => match state.events.get(i) {
                    Some(e) => (e.slots.clone(), e.declared),
                    None => return Ok(false),
                },
                None => return if event == "error" { Err(unhandled_error(&args)) } else { Ok(false) },
            }
        };
        if let Some(sig) = declared {
            let given = A::params();
            // The same argument types give the same static list, usually at one address.
            let same = std::ptr::eq(given, sig.params) || (given.len() == sig.params.len() && given.iter().zip(sig.params).all(|(a, b)| a == b));
            if !same {
                return Err(self.emitted_with_other_types(event, sig.params, given));
            }
        }
        args.with_refs(|refs| {
            for slot in slots.iter() {
                if let Some(fired) = &slot.once {
                    if fired.replace(true) {
                        continue;
                    }
                    let flag = fired.clone();
                    self.remove_where(event, |s| s.once.as_ref().is_some_and(|f| Rc::ptr_eq(f, &flag)));
                }
                match slot.listener.0.call(refs) {
                    Ok(()) => {}
                    Err(CallError::Thrown(e)) => return Err(e),
                    Err(CallError::Mismatch) => return Err(self.listener_takes_other_types(event, &slot.listener, A::params())),
                }
            }
            Ok(true)
        })
    }

    /// `emitter.listenerCount(event)`.
    pub fn listener_count(&self, event: &str) -> usize {
        let state = self.inner.state.borrow();
        state.position(event).and_then(|i| state.events.get(i)).map_or(0, |e| e.slots.len())
    }

    /// `emitter.listeners(event)`: copies of the listeners (the originals, for `once` ones).
    pub fn listeners(&self, event: &str) -> Vec<Listener> {
        self.raw_listeners(event).into_iter().map(|r| r.listener).collect()
    }

    /// `emitter.rawListeners(event)`: the listeners with how they were registered.
    pub fn raw_listeners(&self, event: &str) -> Vec<RawListener> {
        let state = self.inner.state.borrow();
        state.position(event).and_then(|i| state.events.get(i)).map_or_else(Vec::new, |e| {
            e.slots.iter().map(|s| RawListener { listener: s.listener.clone(), once: s.once.is_some() }).collect()
        })
    }

    /// `emitter.eventNames()`: events with listeners, in the order they were first added.
    pub fn event_names(&self) -> Vec<String> {
        self.inner.state.borrow().events.iter().map(|e| e.name.to_string()).collect()
    }

    /// `emitter.setMaxListeners(n)`; 0 means unlimited.
    pub fn set_max_listeners(&self, n: usize) {
        self.inner.state.borrow_mut().max_listeners = n;
    }

    /// `emitter.getMaxListeners()`.
    pub fn get_max_listeners(&self) -> usize {
        self.inner.state.borrow().max_listeners
    }
}

/// What Node throws for `emit('error', x)` with no listener: `x` itself if it is an Error.
fn unhandled_error<A: EmitArgs>(args: &A) -> Error {
    args.with_refs(|refs| match refs.first().and_then(|a| a.downcast_ref::<Error>()) {
        Some(e) => e.clone(),
        None => Error::new("ERR_UNHANDLED_ERROR", "Unhandled error."),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &'static str) -> Entry {
        Entry { name: Cow::Borrowed(name), slots: Slots::Empty, declared: None, warned: false }
    }

    fn names(list: &EntryList) -> Vec<&str> {
        list.iter().map(|e| &*e.name).collect()
    }

    /// EM-1 `eventNames()` order: entries keep their insertion order across the inline slots
    /// and the vector, whichever one is removed.
    #[test]
    fn em_1_entry_list_keeps_insertion_order_through_removals() {
        for victim in 0..5 {
            let mut list = EntryList::default();
            let all = ["a", "b", "c", "d", "e"];
            for (i, n) in all.iter().enumerate() {
                assert_eq!(list.push(entry(n)), i);
            }
            assert_eq!(names(&list), all);
            assert_eq!(list.remove(victim).map(|e| e.name), Some(Cow::Borrowed(all[victim])));
            let expect: Vec<&str> = all.iter().copied().filter(|n| *n != all[victim]).collect();
            assert_eq!(names(&list), expect);
            for (i, n) in expect.iter().enumerate() {
                assert_eq!(list.get(i).map(|e| &*e.name), Some(*n));
            }
            assert!(list.get(expect.len()).is_none());
            assert!(list.remove(expect.len()).is_none());
            // A new entry goes last.
            let at = list.push(entry("f"));
            assert_eq!(at, expect.len());
            assert_eq!(names(&list).last(), Some(&"f"));
        }
        let mut list = EntryList::default();
        list.push(entry("a"));
        list.push(entry("b"));
        assert!(list.remove(0).is_some());
        assert!(list.remove(0).is_some());
        assert!(list.iter().next().is_none());
        assert_eq!(list.push(entry("c")), 0);
    }
}
