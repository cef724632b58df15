//! `Duplex`: Node's Readable and Writable state machines over an [`Underlying`] source/sink.
//!
//! This is a transcription of Node 20's `lib/internal/streams/{readable,writable,destroy}.js`
//! (bytes mode only), because the order of `'data'`, `'end'`, `'drain'`, `'finish'`,
//! `'error'` and `'close'`, and which of them go through `nextTick`, is what ported handlers
//! and the conformance traces depend on. Function names follow Node's so the two can be read
//! side by side.
//!
//! The underlying object (a TCP socket, a TLS socket, an HTTP/2 stream) is Node's `_read`,
//! `_write`, `_final` and `_destroy`; it reports back through `push`, `write_done`,
//! `final_done` and `destroy_done`. No `RefCell` borrow is held while it or a listener runs.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use bytes::{Bytes, BytesMut};
use emitter::{Emitter, EventEmitter, EventTable};

use super::chunk::{Chunk, Encoding, IntoChunk, StringDecoder};
use crate::rt::EventLoop;
use crate::Error;

/// Node's default `highWaterMark` for byte streams (Node 20).
pub const DEFAULT_HIGH_WATER_MARK: usize = 16 * 1024;

emitter::event_table! {
    /// Events of every Duplex (Readable + Writable).
    pub static DUPLEX_EVENTS: "Duplex" {
        "data" => (Chunk),
        "end" => (),
        "readable" => (),
        "pause" => (),
        "resume" => (),
        "drain" => (),
        "prefinish" => (),
        "finish" => (),
        "close" => (),
        "pipe" => (Duplex),
        "unpipe" => (Duplex),
    }
}

/// Node's `_read`, `_write`/`_writev`, `_final` and `_destroy` for one kind of stream.
pub trait Underlying {
    /// The consumer wants data: push it with [`Duplex::push`], now or later.
    fn read(&self, duplex: &Duplex, size: usize);
    /// Write `chunk`; call [`Duplex::write_done`] exactly once, now or later.
    fn write(&self, duplex: &Duplex, chunk: Bytes);
    /// Write several buffered chunks at once (Node's `_writev`); defaults to one joined write.
    fn writev(&self, duplex: &Duplex, chunks: Vec<Bytes>) {
        let total = chunks.iter().map(Bytes::len).sum();
        let mut joined = BytesMut::with_capacity(total);
        for c in &chunks {
            joined.extend_from_slice(c);
        }
        self.write(duplex, joined.freeze());
    }
    /// Whether `writev` is worth using for buffered chunks.
    fn has_writev(&self) -> bool {
        false
    }
    /// All writes are done and `end()` was called: call [`Duplex::final_done`].
    fn final_(&self, duplex: &Duplex) {
        duplex.final_done(None);
    }
    /// Release resources; call [`Duplex::destroy_done`], now or later.
    fn destroy(&self, duplex: &Duplex, error: Option<Error>) {
        duplex.destroy_done(error);
    }
}

/// Options of a Duplex (Node's constructor options).
#[derive(Clone, Copy, Debug)]
pub struct DuplexOptions {
    pub readable_high_water_mark: usize,
    pub writable_high_water_mark: usize,
    /// `false`: when the readable side ends, end the writable side too.
    pub allow_half_open: bool,
    /// Emit `'close'` (no arguments) when destroyed. Sockets turn this off and emit
    /// `'close'(hadError)` themselves.
    pub emit_close: bool,
    /// Destroy once both sides are done.
    pub auto_destroy: bool,
    /// Start with the readable side already ended (a write-only stream).
    pub readable: bool,
    /// Start with the writable side already ended (a read-only stream).
    pub writable: bool,
    /// Drop every listener once `'close'` has been emitted: listeners that hold their own
    /// stream form an `Rc` cycle that Node's GC would collect and we cannot.
    pub release_listeners_on_close: bool,
}

impl Default for DuplexOptions {
    fn default() -> Self {
        DuplexOptions {
            readable_high_water_mark: DEFAULT_HIGH_WATER_MARK,
            writable_high_water_mark: DEFAULT_HIGH_WATER_MARK,
            allow_half_open: true,
            emit_close: true,
            auto_destroy: true,
            readable: true,
            writable: true,
            release_listeners_on_close: false,
        }
    }
}

type WriteCb = Box<dyn FnOnce(Option<Error>)>;

struct ReadState {
    hwm: usize,
    buffer: VecDeque<Chunk>,
    length: usize,
    flowing: Option<bool>,
    paused: Option<bool>,
    ended: bool,
    end_emitted: bool,
    reading: bool,
    sync: bool,
    need_readable: bool,
    emitted_readable: bool,
    readable_listening: bool,
    resume_scheduled: bool,
    reading_more: bool,
    data_emitted: bool,
    decoder: Option<StringDecoder>,
    /// `readable: false` in the options: this side does not exist.
    disabled: bool,
}

struct WriteState {
    hwm: usize,
    length: usize,
    buffered: VecDeque<(Bytes, Option<WriteCb>)>,
    writing: bool,
    write_len: usize,
    write_cb: Option<Option<WriteCb>>,
    write_batch: Vec<Option<WriteCb>>,
    sync: bool,
    need_drain: bool,
    ending: bool,
    ended: bool,
    finished: bool,
    final_called: bool,
    prefinished: bool,
    pending_cb: usize,
    corked: usize,
    on_finished: Vec<WriteCb>,
    disabled: bool,
}

struct Common {
    destroyed: bool,
    closed: bool,
    errored: Option<Error>,
    error_emitted: bool,
    close_emitted: bool,
    destroy_called_back: bool,
    options: DuplexOptions,
}

struct State {
    r: ReadState,
    w: WriteState,
    c: Common,
}

const STEP_EMIT_READABLE: u8 = 0;
const STEP_END_READABLE: u8 = 1;
const STEP_RESUME: u8 = 2;
const STEP_FINISH: u8 = 3;
const STEP_ERROR_BUFFER: u8 = 4;
const STEP_CLOSE: u8 = 5;

impl crate::rt::TickTarget for DuplexInner {
    fn run_tick(self: Rc<Self>, step: u8) -> Result<(), emitter::Error> {
        let d = Duplex { inner: self };
        match step {
            STEP_EMIT_READABLE => d.emit_readable_now(),
            STEP_END_READABLE => d.end_readable_nt(),
            STEP_RESUME => d.resume_nt(),
            STEP_FINISH => d.finish(),
            STEP_ERROR_BUFFER => d.error_buffer(),
            STEP_CLOSE => d.emit_close_nt(),
            _ => {}
        }
        Ok(())
    }
}

pub(crate) struct DuplexInner {
    emitter: EventEmitter,
    lp: EventLoop,
    state: RefCell<State>,
    underlying: RefCell<Option<UnderlyingRef>>,
    /// Destinations this stream is piped to (`readable.pipe`).
    pub(super) pipes: RefCell<Vec<Rc<super::pipe::Pipe>>>,
}

/// Readable's reaction to `'data'`/`'readable'` listeners coming and going (Node's
/// `Readable.prototype.on`), reached from the emitter without a closure per stream.
impl emitter::ListenerObserver for DuplexInner {
    fn listener_changed(self: Rc<Self>, event: &str, added: bool) {
        Duplex { inner: self }.listener_changed(event, added);
    }
}

/// How a Duplex holds its underlying object.
enum UnderlyingRef {
    Owned(Rc<dyn Underlying>),
    /// The Duplex's owner, held weakly; the second object answers once it is gone.
    Owner(Weak<dyn Underlying>, &'static dyn Underlying),
}

/// The underlying object for one call, kept alive for its length.
enum UnderlyingHandle {
    Rc(Rc<dyn Underlying>),
    Gone(&'static dyn Underlying),
}

impl std::ops::Deref for UnderlyingHandle {
    type Target = dyn Underlying;
    fn deref(&self) -> &(dyn Underlying + 'static) {
        match self {
            UnderlyingHandle::Rc(u) => &**u,
            UnderlyingHandle::Gone(u) => *u,
        }
    }
}

/// The callbacks a completed write answers: one write's own, or a writev batch's.
enum WriteCbs {
    One(Option<WriteCb>),
    Batch(Vec<Option<WriteCb>>),
}

impl IntoIterator for WriteCbs {
    type Item = Option<WriteCb>;
    type IntoIter = std::iter::Chain<std::option::IntoIter<Option<WriteCb>>, std::vec::IntoIter<Option<WriteCb>>>;
    fn into_iter(self) -> Self::IntoIter {
        match self {
            WriteCbs::One(cb) => Some(cb).into_iter().chain(Vec::new()),
            WriteCbs::Batch(batch) => None.into_iter().chain(batch),
        }
    }
}

/// A Node Duplex stream handle. Clones are the same stream.
#[derive(Clone)]
pub struct Duplex {
    inner: Rc<DuplexInner>,
}

/// A weak handle, for underlying objects that must reach their stream without owning it.
#[derive(Clone)]
pub struct WeakDuplex(Weak<DuplexInner>);

impl WeakDuplex {
    pub fn upgrade(&self) -> Option<Duplex> {
        self.0.upgrade().map(|inner| Duplex { inner })
    }
}

impl std::fmt::Debug for Duplex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let st = self.inner.state.borrow();
        f.debug_struct("Duplex")
            .field("readable_length", &st.r.length)
            .field("writable_length", &st.w.length)
            .field("destroyed", &st.c.destroyed)
            .finish()
    }
}

impl Emitter for Duplex {
    fn event_emitter(&self) -> &EventEmitter {
        &self.inner.emitter
    }
}

impl Duplex {
    /// A Duplex on `lp` whose events are declared in `table` (which should extend
    /// [`DUPLEX_EVENTS`]), driven by the underlying object `make` builds.
    pub fn new(
        lp: &EventLoop,
        table: &'static EventTable,
        options: DuplexOptions,
        make: impl FnOnce(WeakDuplex) -> Rc<dyn Underlying>,
    ) -> Duplex {
        let duplex = Duplex::build(lp, table, options);
        let underlying = make(duplex.downgrade());
        *duplex.inner.underlying.borrow_mut() = Some(UnderlyingRef::Owned(underlying));
        duplex
    }

    /// A Duplex whose underlying object is the object that owns it (an HTTP/2 stream owns its
    /// Duplex and is its `_read`/`_write`): held weakly, so there is no cycle and no separate
    /// object to allocate. Once the owner is gone, `gone` answers in its place.
    pub fn owned_by(
        lp: &EventLoop,
        table: &'static EventTable,
        options: DuplexOptions,
        owner: Weak<dyn Underlying>,
        gone: &'static dyn Underlying,
    ) -> Duplex {
        let duplex = Duplex::build(lp, table, options);
        *duplex.inner.underlying.borrow_mut() = Some(UnderlyingRef::Owner(owner, gone));
        duplex
    }

    fn build(lp: &EventLoop, table: &'static EventTable, options: DuplexOptions) -> Duplex {
        let inner = Rc::new(DuplexInner {
            emitter: EventEmitter::with_events(table),
            lp: lp.clone(),
            state: RefCell::new(Self::fresh_state(options)),
            underlying: RefCell::new(None),
            pipes: RefCell::new(Vec::new()),
        });
        let duplex = Duplex { inner };
        let observer: Weak<dyn emitter::ListenerObserver> = Rc::downgrade(&duplex.inner) as Weak<DuplexInner>;
        duplex.inner.emitter.set_listener_observer(observer);
        duplex
    }

    /// Makes this Duplex as `owned_by` made it, with `options`, for its owner to be used
    /// again as a new object: only when nothing but the owner can reach it (one handle, no
    /// other weak handle than its own listener observer, its emitter's one handle, no pipe).
    /// Returns whether it did; the owner drops it otherwise. Its old state and listeners are
    /// dropped here.
    pub fn reset_if_unshared(&self, options: DuplexOptions) -> bool {
        let unshared = Rc::strong_count(&self.inner) == 1
            && Rc::weak_count(&self.inner) == 1
            && self.inner.emitter.is_sole_handle()
            && self.inner.pipes.borrow().is_empty()
            && matches!(*self.inner.underlying.borrow(), Some(UnderlyingRef::Owner(..)));
        if !unshared {
            return false;
        }
        // The old state is dropped in place: nothing in it can reach this Duplex (it has no
        // other handle, strong or weak), so no code its drop runs can borrow the state again.
        *self.inner.state.borrow_mut() = Self::fresh_state(options);
        self.inner.emitter.release_listeners();
        self.inner.emitter.set_max_listeners(emitter::DEFAULT_MAX_LISTENERS);
        true
    }

    /// A new Duplex's state (Node's ReadableState and WritableState constructors).
    fn fresh_state(options: DuplexOptions) -> State {
        State {
                r: ReadState {
                    hwm: options.readable_high_water_mark,
                    buffer: VecDeque::new(),
                    length: 0,
                    flowing: None,
                    paused: None,
                    ended: !options.readable,
                    end_emitted: !options.readable,
                    reading: false,
                    sync: true,
                    need_readable: false,
                    emitted_readable: false,
                    readable_listening: false,
                    resume_scheduled: false,
                    reading_more: false,
                    data_emitted: false,
                    decoder: None,
                    disabled: !options.readable,
                },
                w: WriteState {
                    hwm: options.writable_high_water_mark,
                    length: 0,
                    buffered: VecDeque::new(),
                    writing: false,
                    write_len: 0,
                    write_cb: None,
                    write_batch: Vec::new(),
                    sync: true,
                    need_drain: false,
                    ending: !options.writable,
                    ended: !options.writable,
                    finished: !options.writable,
                    final_called: false,
                    prefinished: false,
                    pending_cb: 0,
                    corked: 0,
                    on_finished: Vec::new(),
                    disabled: !options.writable,
                },
                c: Common {
                    destroyed: false,
                    closed: false,
                    errored: None,
                    error_emitted: false,
                    close_emitted: false,
                    destroy_called_back: false,
                    options,
                },
        }
    }

    pub(super) fn pipes(&self) -> &RefCell<Vec<Rc<super::pipe::Pipe>>> {
        &self.inner.pipes
    }

    pub fn downgrade(&self) -> WeakDuplex {
        WeakDuplex(Rc::downgrade(&self.inner))
    }

    /// Whether two handles are the same stream.
    pub fn same(&self, other: &Duplex) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }

    /// The loop this stream lives on.
    pub fn event_loop(&self) -> &EventLoop {
        &self.inner.lp
    }

    fn underlying(&self) -> Option<UnderlyingHandle> {
        match &*self.inner.underlying.borrow() {
            None => None,
            Some(UnderlyingRef::Owned(u)) => Some(UnderlyingHandle::Rc(u.clone())),
            Some(UnderlyingRef::Owner(owner, gone)) => Some(match owner.upgrade() {
                Some(u) => UnderlyingHandle::Rc(u),
                None => UnderlyingHandle::Gone(*gone),
            }),
        }
    }

    fn emit0(&self, event: &str) {
        let r = self.inner.emitter.emit(event, ());
        self.inner.lp.check(r);
    }

    fn tick(&self, f: impl FnOnce(&Duplex) + 'static) {
        let me = self.clone();
        self.inner.lp.next_tick(move || f(&me));
    }

    /// A tick for one of the steps below: no closure to box.
    fn tick_step(&self, step: u8) {
        self.inner.lp.next_tick_step(self.inner.clone(), step);
    }

    // ==================================================================================
    // Readable
    // ==================================================================================

    /// Node's `readable.push(chunk)` (`None` is `push(null)`, the end). Returns whether the
    /// source may keep pushing (buffer under the high-water mark).
    pub fn push(&self, chunk: Option<Bytes>) -> bool {
        let mut add: Option<Chunk> = None;
        {
            let mut st = self.inner.state.borrow_mut();
            match chunk {
                None => {
                    st.r.reading = false;
                    drop(st);
                    self.on_eof_chunk();
                    let st = self.inner.state.borrow();
                    return !st.r.ended && (st.r.length < st.r.hwm || st.r.length == 0);
                }
                Some(bytes) if !bytes.is_empty() => {
                    if st.r.ended {
                        drop(st);
                        self.error_or_destroy(Error::new("ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF"));
                        return false;
                    }
                    if st.c.destroyed || st.c.errored.is_some() {
                        return false;
                    }
                    st.r.reading = false;
                    match st.r.decoder.as_mut() {
                        Some(dec) => {
                            let text = dec.write(&bytes);
                            if !text.is_empty() {
                                add = Some(Chunk::from_text(text));
                            }
                        }
                        None => add = Some(Chunk::new(bytes)),
                    }
                }
                Some(_) => {
                    st.r.reading = false;
                }
            }
        }
        match add {
            Some(c) => self.add_chunk(c),
            None => self.maybe_read_more(),
        }
        let st = self.inner.state.borrow();
        !st.r.ended && (st.r.length < st.r.hwm || st.r.length == 0)
    }

    fn add_chunk(&self, chunk: Chunk) {
        let direct = {
            let mut st = self.inner.state.borrow_mut();
            let direct = st.r.flowing == Some(true)
                && st.r.length == 0
                && !st.r.sync
                && self.inner.emitter.listener_count("data") > 0;
            if direct {
                st.r.data_emitted = true;
            } else {
                st.r.length += chunk.units();
                st.r.buffer.push_back(chunk.clone());
            }
            (direct, st.r.need_readable)
        };
        match direct {
            (true, _) => {
                let r = self.inner.emitter.emit("data", (chunk,));
                self.inner.lp.check(r);
            }
            (false, true) => self.emit_readable(),
            (false, false) => {}
        }
        self.maybe_read_more();
    }

    fn on_eof_chunk(&self) {
        let sync = {
            let mut st = self.inner.state.borrow_mut();
            if st.r.ended {
                return;
            }
            if let Some(dec) = st.r.decoder.as_mut() {
                let rest = dec.end();
                if !rest.is_empty() {
                    let rest = Chunk::from_text(rest);
                    st.r.length += rest.units();
                    st.r.buffer.push_back(rest);
                }
            }
            st.r.ended = true;
            if !st.r.sync {
                st.r.need_readable = false;
                st.r.emitted_readable = true;
            }
            st.r.sync
        };
        if sync {
            self.emit_readable();
        } else {
            self.emit_readable_now();
        }
    }

    fn emit_readable(&self) {
        let schedule = {
            let mut st = self.inner.state.borrow_mut();
            st.r.need_readable = false;
            if !st.r.emitted_readable {
                st.r.emitted_readable = true;
                true
            } else {
                false
            }
        };
        if schedule {
            self.tick_step(STEP_EMIT_READABLE);
        }
    }

    /// Node's `emitReadable_`.
    fn emit_readable_now(&self) {
        let emit = {
            let st = self.inner.state.borrow();
            !st.c.destroyed && st.c.errored.is_none() && (st.r.length > 0 || st.r.ended)
        };
        if emit {
            self.emit0("readable");
            self.inner.state.borrow_mut().r.emitted_readable = false;
        }
        {
            let mut st = self.inner.state.borrow_mut();
            st.r.need_readable = st.r.flowing != Some(true) && !st.r.ended && st.r.length <= st.r.hwm;
        }
        self.flow();
    }

    fn maybe_read_more(&self) {
        let schedule = {
            let mut st = self.inner.state.borrow_mut();
            if !st.r.reading_more {
                st.r.reading_more = true;
                true
            } else {
                false
            }
        };
        if schedule {
            self.tick(|d| {
                loop {
                    let (go, len) = {
                        let st = d.inner.state.borrow();
                        let go = !st.r.reading
                            && !st.r.ended
                            && (st.r.length < st.r.hwm || (st.r.flowing == Some(true) && st.r.length == 0));
                        (go, st.r.length)
                    };
                    if !go {
                        break;
                    }
                    d.read_inner(Some(0));
                    if len == d.inner.state.borrow().r.length {
                        break;
                    }
                }
                d.inner.state.borrow_mut().r.reading_more = false;
            });
        }
    }

    /// Node's `readable.read([size])`: `None` reads what is buffered (one chunk when flowing).
    pub fn read(&self, size: Option<usize>) -> Option<Chunk> {
        self.read_inner(size)
    }

    fn how_much_to_read(n: Option<usize>, r: &ReadState) -> usize {
        match n {
            Some(0) => 0,
            _ if r.length == 0 && r.ended => 0,
            None => {
                if r.flowing == Some(true) && r.length > 0 {
                    r.buffer.front().map_or(0, Chunk::units)
                } else {
                    r.length
                }
            }
            Some(n) if n <= r.length => n,
            Some(_) => {
                if r.ended {
                    r.length
                } else {
                    0
                }
            }
        }
    }

    fn read_inner(&self, n_orig: Option<usize>) -> Option<Chunk> {
        // Phase 1: decide (Node's read() up to the _read call).
        enum Early {
            EndReadable,
            EmitReadable,
        }
        let early = {
            let mut st = self.inner.state.borrow_mut();
            if let Some(n) = n_orig {
                if n > st.r.hwm {
                    st.r.hwm = n.next_power_of_two();
                }
            }
            if n_orig != Some(0) {
                st.r.emitted_readable = false;
            }
            if n_orig == Some(0)
                && st.r.need_readable
                && ((if st.r.hwm != 0 { st.r.length >= st.r.hwm } else { st.r.length > 0 }) || st.r.ended)
            {
                Some(if st.r.length == 0 && st.r.ended { Early::EndReadable } else { Early::EmitReadable })
            } else {
                None
            }
        };
        match early {
            Some(Early::EndReadable) => {
                self.end_readable();
                return None;
            }
            Some(Early::EmitReadable) => {
                self.emit_readable();
                return None;
            }
            None => {}
        }
        let (mut n, do_read, hwm) = {
            let mut st = self.inner.state.borrow_mut();
            let n = Self::how_much_to_read(n_orig, &st.r);
            if n == 0 && st.r.ended {
                let end = st.r.length == 0;
                drop(st);
                if end {
                    self.end_readable();
                }
                return None;
            }
            let mut do_read = st.r.need_readable;
            if st.r.length == 0 || st.r.length.saturating_sub(n) < st.r.hwm {
                do_read = true;
            }
            if st.r.ended || st.r.reading || st.c.destroyed || st.c.errored.is_some() || st.r.disabled {
                do_read = false;
            } else if do_read {
                st.r.reading = true;
                st.r.sync = true;
                if st.r.length == 0 {
                    st.r.need_readable = true;
                }
            }
            (n, do_read, st.r.hwm)
        };
        if do_read {
            if let Some(u) = self.underlying() {
                u.read(self, hwm);
            }
            let mut st = self.inner.state.borrow_mut();
            st.r.sync = false;
            if !st.r.reading {
                n = Self::how_much_to_read(n_orig, &st.r);
            }
        }
        // Phase 2: take the data.
        let (ret, end, emit) = {
            let mut st = self.inner.state.borrow_mut();
            let ret = if n > 0 { Self::from_list(n, &mut st.r) } else { None };
            let mut n_taken = n;
            match &ret {
                None => {
                    st.r.need_readable = st.r.length <= st.r.hwm;
                    n_taken = 0;
                }
                // What was taken: `n`, or one more for text if `n` fell inside a character
                // that takes two UTF-16 units.
                Some(c) => st.r.length = st.r.length.saturating_sub(c.units()),
            }
            let mut end = false;
            if st.r.length == 0 {
                if !st.r.ended {
                    st.r.need_readable = true;
                }
                if n_orig != Some(n_taken) && st.r.ended {
                    end = true;
                }
            }
            let emit = ret.is_some() && !st.c.error_emitted && !st.c.close_emitted;
            if emit {
                st.r.data_emitted = true;
            }
            (ret, end, emit)
        };
        if end {
            self.end_readable();
        }
        if let (Some(chunk), true) = (&ret, emit) {
            let r = self.inner.emitter.emit("data", (chunk.clone(),));
            self.inner.lp.check(r);
        }
        ret
    }

    /// Takes `n` units (Node's `chunk.length`: bytes, or UTF-16 units of text) off the front
    /// of the buffer, as Node's `fromList`.
    fn from_list(n: usize, r: &mut ReadState) -> Option<Chunk> {
        let front = r.buffer.front()?;
        if n == front.units() {
            return r.buffer.pop_front();
        }
        if front.is_text() {
            return Some(Chunk::from_text(Self::take_text(n, r)));
        }
        if n < front.len() {
            let first = r.buffer.front_mut()?;
            let mut all = first.bytes();
            let head = all.split_to(n);
            *first = Chunk::new(all);
            return Some(Chunk::new(head));
        }
        let mut out = BytesMut::with_capacity(n);
        while out.len() < n {
            let Some(front) = r.buffer.front_mut() else { break };
            let need = n - out.len();
            if front.len() <= need {
                out.extend_from_slice(front.as_bytes());
                r.buffer.pop_front();
            } else {
                let mut b = front.bytes();
                let head = b.split_to(need);
                out.extend_from_slice(&head);
                *front = Chunk::new(b);
            }
        }
        Some(Chunk::new(out.freeze()))
    }

    /// `from_list` for text: `n` UTF-16 units from the front chunks. A chunk is cut after the
    /// character holding its `n`th unit, so a character above U+FFFF is never split in two
    /// (JavaScript's `slice` would leave half of it on each side).
    fn take_text(mut n: usize, r: &mut ReadState) -> String {
        let mut out = String::new();
        while n > 0 {
            let Some(front) = r.buffer.front_mut() else { break };
            let units = front.units();
            if units <= n {
                out.push_str(&front.as_str());
                n -= units;
                r.buffer.pop_front();
                continue;
            }
            let rest = {
                let text = front.as_str();
                let mut cut = 0;
                for ch in text.chars() {
                    if n == 0 {
                        break;
                    }
                    n = n.saturating_sub(ch.len_utf16());
                    cut += ch.len_utf8();
                }
                out.push_str(&text[..cut]);
                text[cut..].to_owned()
            };
            // `n` inside the chunk's last character (one above U+FFFF) takes all of it.
            if rest.is_empty() {
                r.buffer.pop_front();
            } else {
                *front = Chunk::from_text(rest);
            }
            break;
        }
        out
    }

    fn flow(&self) {
        loop {
            if self.inner.state.borrow().r.flowing != Some(true) {
                return;
            }
            if self.read_inner(None).is_none() {
                return;
            }
        }
    }

    fn end_readable(&self) {
        let schedule = {
            let mut st = self.inner.state.borrow_mut();
            if !st.r.end_emitted {
                st.r.ended = true;
                true
            } else {
                false
            }
        };
        if schedule {
            self.tick_step(STEP_END_READABLE);
        }
    }

    fn end_readable_nt(&self) {
        let (emit, half_open_end, auto_destroy) = {
            let mut st = self.inner.state.borrow_mut();
            if st.c.errored.is_none() && !st.c.close_emitted && !st.r.end_emitted && st.r.length == 0 {
                st.r.end_emitted = true;
                let writable = !st.w.disabled && !st.w.ending && !st.c.destroyed && st.c.errored.is_none();
                let half = writable && !st.c.options.allow_half_open;
                let auto = st.c.options.auto_destroy && (st.w.finished || st.w.disabled);
                (true, half, auto)
            } else {
                (false, false, false)
            }
        };
        if !emit {
            return;
        }
        self.emit0("end");
        if half_open_end {
            self.tick(|d| {
                let writable = {
                    let st = d.inner.state.borrow();
                    !st.w.disabled && !st.w.ending && !st.c.destroyed
                };
                if writable {
                    d.end();
                }
            });
        } else if auto_destroy {
            self.destroy(None);
        }
    }

    /// Node's `readable.resume()`.
    pub fn resume(&self) {
        let schedule = {
            let mut st = self.inner.state.borrow_mut();
            let mut schedule = false;
            if st.r.flowing != Some(true) {
                st.r.flowing = Some(!st.r.readable_listening);
                if !st.r.resume_scheduled {
                    st.r.resume_scheduled = true;
                    schedule = true;
                }
            }
            st.r.paused = Some(false);
            schedule
        };
        if schedule {
            self.tick_step(STEP_RESUME);
        }
    }

    fn resume_nt(&self) {
        if !self.inner.state.borrow().r.reading {
            self.read_inner(Some(0));
        }
        self.inner.state.borrow_mut().r.resume_scheduled = false;
        self.emit0("resume");
        self.flow();
        let again = {
            let st = self.inner.state.borrow();
            st.r.flowing == Some(true) && !st.r.reading
        };
        if again {
            self.read_inner(Some(0));
        }
    }

    /// Node's `readable.pause()`.
    pub fn pause(&self) {
        let emit = {
            let mut st = self.inner.state.borrow_mut();
            st.r.paused = Some(true);
            if st.r.flowing != Some(false) {
                st.r.flowing = Some(false);
                true
            } else {
                false
            }
        };
        if emit {
            self.emit0("pause");
        }
    }

    /// Node's `readable.isPaused()`.
    pub fn is_paused(&self) -> bool {
        let st = self.inner.state.borrow();
        st.r.paused == Some(true) || (st.r.paused.is_none() && st.r.flowing == Some(false))
    }

    /// Node's `readable.setEncoding(enc)`: later chunks are text, never splitting a character.
    pub fn set_encoding(&self, encoding: &str) -> Result<(), Error> {
        let enc = Encoding::parse(encoding)?;
        let mut st = self.inner.state.borrow_mut();
        let mut decoder = StringDecoder::new(enc);
        // Already buffered bytes are decoded now, as Node does.
        let old: Vec<Chunk> = st.r.buffer.drain(..).collect();
        let mut text = String::new();
        for c in old {
            text.push_str(&decoder.write(c.as_bytes()));
        }
        st.r.length = super::chunk::utf16_len(text.as_bytes());
        if !text.is_empty() {
            st.r.buffer.push_back(Chunk::from_text(text));
        }
        st.r.decoder = Some(decoder);
        Ok(())
    }

    fn listener_changed(&self, event: &str, added: bool) {
        match (event, added) {
            ("data", true) => {
                let resume = {
                    let mut st = self.inner.state.borrow_mut();
                    st.r.readable_listening = self.inner.emitter.listener_count("readable") > 0;
                    st.r.flowing != Some(false)
                };
                if resume {
                    self.resume();
                }
            }
            ("readable", true) => {
                let action = {
                    let mut st = self.inner.state.borrow_mut();
                    if !st.r.end_emitted && !st.r.readable_listening {
                        st.r.readable_listening = true;
                        st.r.need_readable = true;
                        st.r.flowing = Some(false);
                        st.r.emitted_readable = false;
                        if st.r.length > 0 {
                            1
                        } else if !st.r.reading {
                            2
                        } else {
                            0
                        }
                    } else {
                        0
                    }
                };
                match action {
                    1 => self.emit_readable(),
                    2 => self.tick(|d| {
                        d.read_inner(Some(0));
                    }),
                    _ => {}
                }
            }
            ("readable", false) => self.tick(|d| {
                let data_listeners = d.inner.emitter.listener_count("data") > 0;
                let resume = {
                    let mut st = d.inner.state.borrow_mut();
                    st.r.readable_listening = d.inner.emitter.listener_count("readable") > 0;
                    if st.r.resume_scheduled && st.r.paused == Some(false) {
                        st.r.flowing = Some(true);
                        false
                    } else if data_listeners {
                        true
                    } else {
                        if !st.r.readable_listening {
                            st.r.flowing = None;
                        }
                        false
                    }
                };
                if resume {
                    d.resume();
                }
            }),
            _ => {}
        }
    }

    // ==================================================================================
    // Writable
    // ==================================================================================

    /// Node's `writable.write(chunk)`: false once the buffer reaches the high-water mark
    /// (wait for `'drain'`). Writing after `end()` destroys the stream with
    /// `ERR_STREAM_WRITE_AFTER_END`.
    pub fn write(&self, chunk: impl IntoChunk) -> bool {
        self.write_inner(chunk.into_bytes(), None)
    }

    /// `write` with a callback run once the chunk is handled (with the error if it failed).
    pub fn write_with(&self, chunk: impl IntoChunk, cb: impl FnOnce(Option<Error>) + 'static) -> bool {
        self.write_inner(chunk.into_bytes(), Some(Box::new(cb)))
    }

    fn write_inner(&self, chunk: Bytes, cb: Option<WriteCb>) -> bool {
        let err = {
            let st = self.inner.state.borrow();
            if st.w.ending {
                Some(Error::new("ERR_STREAM_WRITE_AFTER_END", "write after end"))
            } else if st.c.destroyed {
                Some(Error::new("ERR_STREAM_DESTROYED", "Cannot call write after a stream was destroyed"))
            } else {
                None
            }
        };
        if let Some(e) = err {
            if let Some(cb) = cb {
                let e2 = e.clone();
                self.inner.lp.next_tick(move || cb(Some(e2)));
            }
            self.error_or_destroy(e);
            return false;
        }
        let len = chunk.len();
        let start = {
            let mut st = self.inner.state.borrow_mut();
            st.w.pending_cb += 1;
            st.w.length += len;
            if st.w.length >= st.w.hwm {
                st.w.need_drain = true;
            }
            if st.w.writing || st.w.corked > 0 || st.c.errored.is_some() {
                st.w.buffered.push_back((chunk, cb));
                None
            } else {
                st.w.write_len = len;
                st.w.write_cb = Some(cb);
                st.w.writing = true;
                st.w.sync = true;
                Some(chunk)
            }
        };
        if let Some(chunk) = start {
            if let Some(u) = self.underlying() {
                u.write(self, chunk);
            }
            self.inner.state.borrow_mut().w.sync = false;
        }
        let st = self.inner.state.borrow();
        st.w.length < st.w.hwm && st.c.errored.is_none() && !st.c.destroyed
    }

    /// Called by the underlying object when the write it was given is done (Node's `onwrite`).
    /// A single write's callback is carried as it is; only a writev batch needs a list.
    pub fn write_done(&self, error: Option<Error>) {
        let (sync, cbs) = {
            let mut st = self.inner.state.borrow_mut();
            let Some(cb) = st.w.write_cb.take() else {
                drop(st);
                // A second completion for one write is a bug in the underlying object.
                self.error_or_destroy(Error::new("ERR_MULTIPLE_CALLBACK", "Callback called multiple times"));
                return;
            };
            st.w.writing = false;
            st.w.length -= st.w.write_len;
            st.w.write_len = 0;
            let cbs = if st.w.write_batch.is_empty() {
                WriteCbs::One(cb)
            } else {
                let mut batch = std::mem::take(&mut st.w.write_batch);
                batch.push(cb);
                WriteCbs::Batch(batch)
            };
            (st.w.sync, cbs)
        };
        if let Some(e) = error {
            {
                let mut st = self.inner.state.borrow_mut();
                if st.c.errored.is_none() {
                    st.c.errored = Some(e.clone());
                }
            }
            let on_error = move |d: &Duplex| {
                for cb in cbs {
                    d.inner.state.borrow_mut().w.pending_cb -= 1;
                    if let Some(cb) = cb {
                        cb(Some(e.clone()));
                    }
                }
                d.error_buffer();
                d.error_or_destroy(e);
            };
            if sync {
                self.tick(on_error);
            } else {
                on_error(self);
            }
            return;
        }
        let more = !self.inner.state.borrow().w.buffered.is_empty();
        if more {
            self.clear_buffer();
        }
        if sync {
            // A synchronous completion defers its callbacks and 'drain' to the next tick, as
            // Node does, so `write()` never calls back before it returns.
            self.tick(move |d| d.after_write(cbs));
        } else {
            self.after_write(cbs);
        }
    }

    fn after_write(&self, cbs: WriteCbs) {
        let drain = {
            let mut st = self.inner.state.borrow_mut();
            let need = !st.w.ending && !st.c.destroyed && st.w.length == 0 && st.w.need_drain;
            if need {
                st.w.need_drain = false;
            }
            need
        };
        if drain {
            self.emit0("drain");
        }
        for cb in cbs {
            self.inner.state.borrow_mut().w.pending_cb -= 1;
            if let Some(cb) = cb {
                cb(None);
            }
        }
        if self.inner.state.borrow().c.destroyed {
            self.error_buffer();
        }
        self.finish_maybe(false);
    }

    fn clear_buffer(&self) {
        enum Job {
            One(Bytes),
            Many(Vec<Bytes>),
        }
        let writev = self.underlying().is_some_and(|u| u.has_writev());
        let job = {
            let mut st = self.inner.state.borrow_mut();
            if st.w.corked > 0 || st.c.destroyed || st.w.buffered.is_empty() || st.w.writing {
                return;
            }
            if st.w.buffered.len() > 1 && writev {
                let items: Vec<(Bytes, Option<WriteCb>)> = st.w.buffered.drain(..).collect();
                let mut chunks = Vec::with_capacity(items.len());
                let mut cbs = Vec::with_capacity(items.len());
                let mut total = 0;
                for (c, cb) in items {
                    total += c.len();
                    chunks.push(c);
                    cbs.push(cb);
                }
                let last = cbs.pop().flatten();
                st.w.write_batch = cbs;
                st.w.write_len = total;
                st.w.write_cb = Some(last);
                st.w.writing = true;
                st.w.sync = true;
                Job::Many(chunks)
            } else {
                let Some((chunk, cb)) = st.w.buffered.pop_front() else { return };
                st.w.write_len = chunk.len();
                st.w.write_cb = Some(cb);
                st.w.writing = true;
                st.w.sync = true;
                Job::One(chunk)
            }
        };
        if let Some(u) = self.underlying() {
            match job {
                Job::One(c) => u.write(self, c),
                Job::Many(cs) => u.writev(self, cs),
            }
        }
        self.inner.state.borrow_mut().w.sync = false;
    }

    fn error_buffer(&self) {
        let (items, finished, errored) = {
            let mut st = self.inner.state.borrow_mut();
            // Node: the write in progress calls back first; its completion runs this again.
            if st.w.writing {
                return;
            }
            let items: Vec<_> = st.w.buffered.drain(..).collect();
            for (c, _) in &items {
                st.w.length -= c.len();
                st.w.pending_cb -= 1;
            }
            (items, std::mem::take(&mut st.w.on_finished), st.c.errored.clone())
        };
        // Node 20's errorBuffer: `state.errored ?? new ERR_STREAM_DESTROYED('write' | 'end')`, so
        // callers learn why the stream died, not just that it did.
        let write_err = || {
            errored.clone().unwrap_or_else(|| Error::new("ERR_STREAM_DESTROYED", "Cannot call write after a stream was destroyed"))
        };
        let end_err =
            || errored.clone().unwrap_or_else(|| Error::new("ERR_STREAM_DESTROYED", "Cannot call end after a stream was destroyed"));
        for (_, cb) in items {
            if let Some(cb) = cb {
                cb(Some(write_err()));
            }
        }
        for cb in finished {
            cb(Some(end_err()));
        }
    }

    /// Node's `writable.cork()`.
    pub fn cork(&self) {
        self.inner.state.borrow_mut().w.corked += 1;
    }

    /// Node's `writable.uncork()`.
    pub fn uncork(&self) {
        let go = {
            let mut st = self.inner.state.borrow_mut();
            if st.w.corked > 0 {
                st.w.corked -= 1;
            }
            st.w.corked == 0 && !st.w.writing
        };
        if go {
            self.clear_buffer();
        }
    }

    /// Node's `writable.end()`.
    pub fn end(&self) {
        self.end_inner(None, None)
    }

    /// Node's `writable.end(chunk)`.
    pub fn end_with(&self, chunk: impl IntoChunk) {
        self.end_inner(Some(chunk.into_bytes()), None)
    }

    /// Node's `writable.end([chunk], cb)`: `cb` runs at `'finish'` or with the error.
    pub fn end_with_callback(&self, chunk: Option<Bytes>, cb: impl FnOnce(Option<Error>) + 'static) {
        self.end_inner(chunk, Some(Box::new(cb)))
    }

    fn end_inner(&self, chunk: Option<Bytes>, cb: Option<WriteCb>) {
        let mut err: Option<Error> = None;
        if let Some(c) = chunk {
            let failed = self.inner.state.borrow().w.ending || self.inner.state.borrow().c.destroyed;
            self.write_inner(c, None);
            if failed {
                err = Some(Error::new("ERR_STREAM_WRITE_AFTER_END", "write after end"));
            }
        }
        if self.inner.state.borrow().w.corked > 0 {
            self.inner.state.borrow_mut().w.corked = 1;
            self.uncork();
        }
        if err.is_none() {
            let action = {
                let st = self.inner.state.borrow();
                if st.c.errored.is_none() && !st.w.ending {
                    0
                } else if st.w.finished {
                    1
                } else if st.c.destroyed {
                    2
                } else {
                    3
                }
            };
            match action {
                0 => {
                    self.inner.state.borrow_mut().w.ending = true;
                    self.finish_maybe(true);
                    self.inner.state.borrow_mut().w.ended = true;
                }
                1 => err = Some(Error::new("ERR_STREAM_ALREADY_FINISHED", "Cannot call end after a stream was finished")),
                2 => err = Some(Error::new("ERR_STREAM_DESTROYED", "Cannot call end after a stream was destroyed")),
                _ => {}
            }
        }
        if let Some(cb) = cb {
            let finished = self.inner.state.borrow().w.finished;
            if err.is_some() || finished {
                self.inner.lp.next_tick(move || cb(err));
            } else {
                self.inner.state.borrow_mut().w.on_finished.push(cb);
            }
        }
    }

    fn need_finish(st: &State) -> bool {
        st.w.ending
            && !st.c.destroyed
            && st.w.length == 0
            && st.c.errored.is_none()
            && st.w.buffered.is_empty()
            && !st.w.finished
            && !st.w.writing
            && !st.c.error_emitted
            && !st.c.close_emitted
    }

    fn finish_maybe(&self, sync: bool) {
        if !Self::need_finish(&self.inner.state.borrow()) {
            return;
        }
        self.prefinish();
        let pending_zero = self.inner.state.borrow().w.pending_cb == 0;
        if pending_zero {
            if sync {
                self.inner.state.borrow_mut().w.pending_cb += 1;
                self.tick(|d| {
                    if Self::need_finish(&d.inner.state.borrow()) {
                        d.finish();
                    } else {
                        d.inner.state.borrow_mut().w.pending_cb -= 1;
                    }
                });
            } else if Self::need_finish(&self.inner.state.borrow()) {
                self.inner.state.borrow_mut().w.pending_cb += 1;
                self.finish();
            }
        }
    }

    fn prefinish(&self) {
        let call_final = {
            let mut st = self.inner.state.borrow_mut();
            if st.w.prefinished || st.w.final_called {
                return;
            }
            if !st.c.destroyed {
                st.w.final_called = true;
                st.w.sync = true;
                st.w.pending_cb += 1;
                true
            } else {
                st.w.prefinished = true;
                false
            }
        };
        if call_final {
            if let Some(u) = self.underlying() {
                u.final_(self);
            }
            self.inner.state.borrow_mut().w.sync = false;
        } else {
            self.emit0("prefinish");
        }
    }

    /// Called by the underlying object when its `final_` is done (Node's `_final` callback).
    pub fn final_done(&self, error: Option<Error>) {
        self.inner.state.borrow_mut().w.pending_cb -= 1;
        if let Some(e) = error {
            let finished = std::mem::take(&mut self.inner.state.borrow_mut().w.on_finished);
            for cb in finished {
                cb(Some(e.clone()));
            }
            self.error_or_destroy(e);
            return;
        }
        if Self::need_finish(&self.inner.state.borrow()) {
            {
                let mut st = self.inner.state.borrow_mut();
                st.w.prefinished = true;
                st.w.pending_cb += 1;
            }
            self.emit0("prefinish");
            self.tick_step(STEP_FINISH);
        }
    }

    fn finish(&self) {
        let (callbacks, auto_destroy) = {
            let mut st = self.inner.state.borrow_mut();
            st.w.pending_cb -= 1;
            st.w.finished = true;
            let auto = st.c.options.auto_destroy && (st.r.end_emitted || st.r.disabled);
            (std::mem::take(&mut st.w.on_finished), auto)
        };
        for cb in callbacks {
            cb(None);
        }
        self.emit0("finish");
        if auto_destroy {
            self.destroy(None);
        }
    }

    // ==================================================================================
    // Destroy
    // ==================================================================================

    /// Node's `stream.destroy([err])`: the underlying object is torn down, then (on the next
    /// tick) `'error'` if `err` is given, then `'close'`.
    pub fn destroy(&self, error: Option<Error>) {
        let pending = {
            let mut st = self.inner.state.borrow_mut();
            if st.c.destroyed {
                return;
            }
            if let Some(e) = &error {
                if st.c.errored.is_none() {
                    st.c.errored = Some(e.clone());
                }
            }
            st.c.destroyed = true;
            !st.w.buffered.is_empty() || !st.w.on_finished.is_empty()
        };
        // Node 20's Duplex uses Writable.prototype.destroy: buffered writes and end() callbacks
        // are called back with the error on the next tick (before 'error'), or they would wait
        // forever for a write or a _final that will not come.
        if pending {
            self.tick_step(STEP_ERROR_BUFFER);
        }
        match self.underlying() {
            Some(u) => u.destroy(self, error),
            None => self.destroy_done(error),
        }
    }

    /// Called by the underlying object when its teardown is done (Node's `_destroy` callback).
    pub fn destroy_done(&self, error: Option<Error>) {
        {
            let mut st = self.inner.state.borrow_mut();
            if st.c.destroy_called_back {
                return;
            }
            st.c.destroy_called_back = true;
            if let Some(e) = &error {
                if st.c.errored.is_none() {
                    st.c.errored = Some(e.clone());
                }
            }
            st.c.closed = true;
        }
        let Some(error) = error else {
            // Node's emitCloseNT; no error to carry, so no closure to box.
            self.tick_step(STEP_CLOSE);
            return;
        };
        self.tick(move |d| {
            // Node's emitErrorCloseNT: an 'error' nobody handles throws out of it, so 'close'
            // is never emitted.
            if d.emit_error_nt(error) {
                d.emit_close_nt();
            }
        });
    }

    /// Emits `'error'` once; returns false if it went uncaught (no listener, or one failed).
    fn emit_error_nt(&self, error: Error) -> bool {
        {
            let mut st = self.inner.state.borrow_mut();
            if st.c.error_emitted {
                return true;
            }
            st.c.error_emitted = true;
        }
        let r = self.inner.emitter.emit("error", (error,));
        self.inner.lp.check(r).is_some()
    }

    fn emit_close_nt(&self) {
        let (emit, release) = {
            let mut st = self.inner.state.borrow_mut();
            st.c.close_emitted = true;
            (st.c.options.emit_close, st.c.options.release_listeners_on_close)
        };
        if emit {
            self.emit0("close");
        }
        if release {
            self.inner.emitter.release_listeners();
        }
    }

    fn error_or_destroy(&self, error: Error) {
        let (destroyed, auto) = {
            let st = self.inner.state.borrow();
            (st.c.destroyed, st.c.options.auto_destroy)
        };
        if destroyed {
            return;
        }
        if auto {
            self.destroy(Some(error));
        } else {
            {
                let mut st = self.inner.state.borrow_mut();
                if st.c.errored.is_none() {
                    st.c.errored = Some(error.clone());
                }
            }
            self.tick(move |d| {
                d.emit_error_nt(error);
            });
        }
    }

    // ==================================================================================
    // State (Node's readable*/writable* properties)
    // ==================================================================================

    /// `stream.destroyed`.
    pub fn destroyed(&self) -> bool {
        self.inner.state.borrow().c.destroyed
    }
    /// `stream.closed`: `'close'` is about to be or has been emitted.
    pub fn closed(&self) -> bool {
        self.inner.state.borrow().c.closed
    }
    /// `stream.errored`.
    pub fn errored(&self) -> Option<Error> {
        self.inner.state.borrow().c.errored.clone()
    }
    /// `duplex.allowHalfOpen`: false when the end of the readable side ends the writable side.
    pub fn allow_half_open(&self) -> bool {
        self.inner.state.borrow().c.options.allow_half_open
    }
    /// `stream.readable`: reading is still possible.
    pub fn readable(&self) -> bool {
        let st = self.inner.state.borrow();
        !st.r.disabled && !st.c.destroyed && st.c.errored.is_none() && !st.r.end_emitted
    }
    /// `stream.readableEnded`: `'end'` was emitted.
    pub fn readable_ended(&self) -> bool {
        self.inner.state.borrow().r.end_emitted
    }
    /// `stream.readableFlowing`.
    pub fn readable_flowing(&self) -> Option<bool> {
        self.inner.state.borrow().r.flowing
    }
    /// `stream.readableLength`: bytes buffered, or UTF-16 units after `set_encoding`, as Node
    /// counts a string's length.
    pub fn readable_length(&self) -> usize {
        self.inner.state.borrow().r.length
    }
    /// `stream.readableHighWaterMark`.
    pub fn readable_high_water_mark(&self) -> usize {
        self.inner.state.borrow().r.hwm
    }
    /// Whether the source has pushed its end (`push(null)`), consumed or not.
    pub fn read_ended(&self) -> bool {
        self.inner.state.borrow().r.ended
    }
    /// `stream.writable`: writing is still possible.
    pub fn writable(&self) -> bool {
        let st = self.inner.state.borrow();
        !st.w.disabled && !st.c.destroyed && st.c.errored.is_none() && !st.w.ending
    }
    /// `stream.writableEnded`: `end()` was called.
    pub fn writable_ended(&self) -> bool {
        self.inner.state.borrow().w.ending
    }
    /// `stream.writableFinished`: `'finish'` was emitted.
    pub fn writable_finished(&self) -> bool {
        self.inner.state.borrow().w.finished
    }
    /// `stream.writableLength`: bytes buffered or being written.
    pub fn writable_length(&self) -> usize {
        self.inner.state.borrow().w.length
    }
    /// `stream.writableNeedDrain`.
    pub fn writable_need_drain(&self) -> bool {
        self.inner.state.borrow().w.need_drain
    }
    /// `stream.writableHighWaterMark`.
    pub fn writable_high_water_mark(&self) -> usize {
        self.inner.state.borrow().w.hwm
    }
    /// Chunks waiting behind the one being written (Node's `_writableState.buffered.length`).
    pub fn writable_buffered(&self) -> usize {
        self.inner.state.borrow().w.buffered.len()
    }

    /// `stream.writableCorked`.
    pub fn writable_corked(&self) -> usize {
        self.inner.state.borrow().w.corked
    }
}
