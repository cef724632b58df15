//! The single-threaded event loop, in Node's phase order (RT-1..RT-3).
//!
//! One turn: timers → I/O poll (waits only if nothing else is due) → immediates → close
//! callbacks. The next-tick queue drains after every callback. `run()` returns once nothing
//! referenced is left (ref'ed timers, keep-alive guards of open handles, queued work), or
//! with the uncaught error that ended it.
//!
//! Every object is an `Rc` handle on this thread. No `RefCell` borrow is held while a
//! callback runs: callbacks are taken out of their queues first, then called.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::io;
use std::rc::{Rc, Weak};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use emitter::{Error, ListenerResult};
use mio::{Events, Interest, Poll, Registry, Token, Waker};
use slab::Slab;

use super::timers::{clamp_delay, TimerCallback, TimerId, Timers};

type Task = Box<dyn FnOnce() -> Result<(), Error>>;

/// An object with deferred steps of its own, run by `next_tick_step` without boxing a
/// closure: a stream's internal ticks (several per HTTP/2 request) then cost no allocation.
pub trait TickTarget {
    fn run_tick(self: Rc<Self>, step: u8) -> Result<(), Error>;
}

/// A queued next-tick callback.
enum Tick {
    Task(Task),
    Step(Rc<dyn TickTarget>, u8),
}

impl Tick {
    fn run(self) -> Result<(), Error> {
        match self {
            Tick::Task(task) => task(),
            Tick::Step(target, step) => target.run_tick(step),
        }
    }
}
type SendTask = Box<dyn FnOnce() + Send>;

/// The token the cross-thread waker uses; I/O tokens are slab keys below it.
const WAKER_TOKEN: Token = Token(usize::MAX);
/// I/O tokens carry a generation in their upper bits so an event for a closed handle never
/// reaches a new handle that reused its slab slot within the same turn.
const KEY_BITS: u32 = 24;
const KEY_MASK: usize = (1 << KEY_BITS) - 1;

/// Readiness of an I/O source, copied out of mio's event so no borrow outlives the poll.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    pub readable: bool,
    pub writable: bool,
    pub error: bool,
    pub read_closed: bool,
    pub write_closed: bool,
}

type IoHandler = Rc<dyn Fn(Readiness) -> Result<(), Error>>;

struct IoEntry {
    generation: usize,
    handler: IoHandler,
}

struct QueuedImmediate {
    id: u64,
    referenced: bool,
    task: Task,
}

pub(crate) struct Core {
    poll: RefCell<Poll>,
    registry: Registry,
    events: RefCell<Events>,
    waker: Arc<Waker>,
    posted: Arc<Mutex<VecDeque<SendTask>>>,
    now: Cell<Instant>,
    timers: RefCell<Timers>,
    ticks: RefCell<VecDeque<Tick>>,
    immediates: RefCell<VecDeque<QueuedImmediate>>,
    immediate_seq: Cell<u64>,
    closing: RefCell<VecDeque<Task>>,
    io: RefCell<Slab<IoEntry>>,
    io_generation: Cell<usize>,
    keep_alive: Cell<usize>,
    uncaught: RefCell<Option<Error>>,
    /// `uncaught` holds an error: read before every next tick, so a flag, not a borrow.
    has_uncaught: Cell<bool>,
    running: Cell<bool>,
    scratch: RefCell<Vec<(Token, Readiness)>>,
}

thread_local! {
    static CURRENT: RefCell<Option<EventLoop>> = const { RefCell::new(None) };
}

/// A handle to one event loop. Clones are the same loop. Nothing here is global: two loops
/// in one process share nothing; each thread has a *current* loop used by the free functions
/// (`set_timeout`, …) and by constructors that are not given a loop.
#[derive(Clone)]
pub struct EventLoop {
    core: Rc<Core>,
}

impl std::fmt::Debug for EventLoop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventLoop").field("keep_alive", &self.core.keep_alive.get()).finish()
    }
}

impl EventLoop {
    /// A new loop. If this thread has no current loop yet, it becomes the current one.
    pub fn new() -> io::Result<EventLoop> {
        let poll = Poll::new()?;
        let registry = poll.registry().try_clone()?;
        let waker = Arc::new(Waker::new(poll.registry(), WAKER_TOKEN)?);
        let lp = EventLoop {
            core: Rc::new(Core {
                poll: RefCell::new(poll),
                registry,
                events: RefCell::new(Events::with_capacity(1024)),
                waker,
                posted: Arc::new(Mutex::new(VecDeque::new())),
                now: Cell::new(Instant::now()),
                timers: RefCell::new(Timers::new()),
                ticks: RefCell::new(VecDeque::new()),
                immediates: RefCell::new(VecDeque::new()),
                immediate_seq: Cell::new(0),
                closing: RefCell::new(VecDeque::new()),
                io: RefCell::new(Slab::new()),
                io_generation: Cell::new(0),
                keep_alive: Cell::new(0),
                uncaught: RefCell::new(None),
                has_uncaught: Cell::new(false),
                running: Cell::new(false),
                scratch: RefCell::new(Vec::new()),
            }),
        };
        CURRENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.is_none() {
                *c = Some(lp.clone());
            }
        });
        Ok(lp)
    }

    /// This thread's current loop, creating it on first use (Node's default loop).
    ///
    /// Creating a loop needs an epoll instance; if the system refuses one (out of file
    /// descriptors), there is no loop to run anything on and this panics with the OS error.
    pub fn current() -> EventLoop {
        if let Some(lp) = CURRENT.with(|c| c.borrow().clone()) {
            return lp;
        }
        match EventLoop::new() {
            Ok(lp) => lp,
            Err(e) => panic!("cannot create the event loop: {e}"),
        }
    }

    /// Makes this loop the thread's current one while `f` runs (for an embedder with several loops).
    pub fn enter<R>(&self, f: impl FnOnce() -> R) -> R {
        let previous = CURRENT.with(|c| c.borrow_mut().replace(self.clone()));
        struct Restore(Option<EventLoop>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                CURRENT.with(|c| *c.borrow_mut() = previous);
            }
        }
        let _restore = Restore(previous);
        f()
    }

    /// Whether two handles are the same loop.
    pub fn same(&self, other: &EventLoop) -> bool {
        Rc::ptr_eq(&self.core, &other.core)
    }

    pub(crate) fn downgrade(&self) -> WeakLoop {
        WeakLoop(Rc::downgrade(&self.core))
    }

    // ----- time -------------------------------------------------------------------------

    /// The loop's time, updated at the start of each turn (libuv's `uv_now`).
    pub fn now(&self) -> Instant {
        self.core.now.get()
    }

    /// Updates the loop's time to the clock (libuv's `uv_update_time`).
    pub fn update_time(&self) {
        self.core.now.set(Instant::now());
    }

    // ----- scheduling -------------------------------------------------------------------

    /// `setTimeout(callback, ms)`.
    pub fn set_timeout<R: ListenerResult, F: FnOnce() -> R + 'static>(&self, callback: F, ms: u64) -> Timeout {
        let mut once = Some(callback);
        let cb: TimerCallback = Box::new(move || match once.take() {
            Some(f) => f().into_result(),
            None => Ok(()),
        });
        self.insert_timer(cb, ms, false)
    }

    /// `setInterval(callback, ms)`.
    pub fn set_interval<R: ListenerResult, F: FnMut() -> R + 'static>(&self, mut callback: F, ms: u64) -> Timeout {
        self.insert_timer(Box::new(move || callback().into_result()), ms, true)
    }

    fn insert_timer(&self, cb: TimerCallback, ms: u64, repeat: bool) -> Timeout {
        let id = self.core.timers.borrow_mut().insert(self.now(), clamp_delay(ms), repeat, cb);
        Timeout { lp: self.downgrade(), id }
    }

    /// `setImmediate(callback)`: runs in the check phase, after I/O.
    pub fn set_immediate<R: ListenerResult, F: FnOnce() -> R + 'static>(&self, callback: F) -> Immediate {
        let id = self.core.immediate_seq.get() + 1;
        self.core.immediate_seq.set(id);
        self.core.immediates.borrow_mut().push_back(QueuedImmediate { id, referenced: true, task: Box::new(move || callback().into_result()) });
        Immediate { lp: self.downgrade(), id }
    }

    /// `process.nextTick(callback)`: runs after the current callback, before anything else.
    pub fn next_tick<R: ListenerResult, F: FnOnce() -> R + 'static>(&self, callback: F) {
        self.core.ticks.borrow_mut().push_back(Tick::Task(Box::new(move || callback().into_result())));
    }

    /// `process.nextTick` for one of `target`'s own steps (see [`TickTarget`]).
    pub fn next_tick_step(&self, target: Rc<dyn TickTarget>, step: u8) {
        self.core.ticks.borrow_mut().push_back(Tick::Step(target, step));
    }

    /// Runs the next-tick queue now, as Node does when native code calls into JavaScript
    /// (each `MakeCallback` drains the ticks on its way out). Stops early if a tick raises an
    /// uncaught error, which stays recorded for `run()` to return.
    pub fn drain_next_ticks(&self) {
        loop {
            if self.core.has_uncaught.get() {
                return;
            }
            let next = self.core.ticks.borrow_mut().pop_front();
            let Some(task) = next else { return };
            if let Err(e) = task.run() {
                self.report_uncaught(e);
            }
        }
    }

    /// Queues a callback for the close phase (where libuv runs handle close callbacks).
    pub fn queue_close<R: ListenerResult, F: FnOnce() -> R + 'static>(&self, callback: F) {
        self.core.closing.borrow_mut().push_back(Box::new(move || callback().into_result()));
    }

    /// Reports an error nobody handled (an `'error'` emit with no listener, a callback's
    /// `Err`): the loop stops after the current callback and `run()` returns it. The first
    /// error wins, as the first uncaught exception ends a Node process.
    pub fn report_uncaught(&self, error: Error) {
        let mut slot = self.core.uncaught.borrow_mut();
        if slot.is_none() {
            log::error!("uncaught error: {:?}", error);
            *slot = Some(error);
            self.core.has_uncaught.set(true);
        }
    }

    /// Routes the `Err` of an emit or a callback to [`report_uncaught`](Self::report_uncaught).
    pub fn check<T>(&self, result: Result<T, Error>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.report_uncaught(e);
                None
            }
        }
    }

    /// A guard that keeps `run()` going while it lives (an open, referenced handle).
    pub fn keep_alive(&self) -> KeepAlive {
        self.core.keep_alive.set(self.core.keep_alive.get() + 1);
        KeepAlive { lp: self.downgrade() }
    }

    // ----- I/O --------------------------------------------------------------------------

    /// Registers an I/O source; `handler` runs in the poll phase with its readiness.
    pub fn register_io<S, R, F>(&self, source: &mut S, interest: Interest, handler: F) -> io::Result<IoToken>
    where
        S: mio::event::Source + ?Sized,
        R: ListenerResult,
        F: Fn(Readiness) -> R + 'static,
    {
        let generation = self.core.io_generation.get().wrapping_add(1);
        self.core.io_generation.set(generation);
        let handler: IoHandler = Rc::new(move |r| handler(r).into_result());
        let key = self.core.io.borrow_mut().insert(IoEntry { generation, handler });
        if key > KEY_MASK {
            self.core.io.borrow_mut().remove(key);
            return Err(io::Error::other("too many I/O handles on one loop"));
        }
        let token = IoToken { key, generation };
        if let Err(e) = self.core.registry.register(source, token.mio(), interest) {
            self.core.io.borrow_mut().remove(key);
            return Err(e);
        }
        Ok(token)
    }

    /// Changes the interest of a registered source.
    pub fn reregister_io<S: mio::event::Source + ?Sized>(&self, source: &mut S, token: IoToken, interest: Interest) -> io::Result<()> {
        self.core.registry.reregister(source, token.mio(), interest)
    }

    /// Removes a registered source; no event reaches its handler after this.
    pub fn deregister_io<S: mio::event::Source + ?Sized>(&self, source: &mut S, token: IoToken) -> io::Result<()> {
        {
            let mut io = self.core.io.borrow_mut();
            if io.get(token.key).is_some_and(|e| e.generation == token.generation) {
                io.remove(token.key);
            }
        }
        self.core.registry.deregister(source)
    }

    /// A `Send` handle that wakes this loop from another thread and can post work to it.
    pub fn waker(&self) -> LoopWaker {
        LoopWaker { waker: self.core.waker.clone(), posted: self.core.posted.clone() }
    }

    // ----- running ----------------------------------------------------------------------

    /// Runs until nothing referenced is left. `Err` is the uncaught error that ended it.
    pub fn run(&self) -> Result<(), Error> {
        loop {
            if !self.turn(None)? {
                return Ok(());
            }
        }
    }

    /// Runs one turn, waiting for I/O at most `max_wait` (`None`: as long as needed).
    /// Returns whether the loop is still alive (has referenced work).
    pub fn run_once(&self, max_wait: Option<Duration>) -> Result<bool, Error> {
        self.turn(max_wait)
    }

    fn alive(&self) -> bool {
        let c = &self.core;
        c.keep_alive.get() > 0
            || c.timers.borrow().referenced_count() > 0
            || c.immediates.borrow().iter().any(|i| i.referenced)
            || !c.ticks.borrow().is_empty()
            || !c.closing.borrow().is_empty()
    }

    fn take_uncaught(&self) -> Result<(), Error> {
        self.core.has_uncaught.set(false);
        match self.core.uncaught.borrow_mut().take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Calls one callback, then drains the next-tick queue; stops at an uncaught error.
    fn call(&self, task: impl FnOnce() -> Result<(), Error>) -> Result<(), Error> {
        if let Err(e) = task() {
            self.report_uncaught(e);
        }
        self.take_uncaught()?;
        self.drain_ticks()
    }

    fn drain_ticks(&self) -> Result<(), Error> {
        loop {
            let next = self.core.ticks.borrow_mut().pop_front();
            let Some(task) = next else { return Ok(()) };
            if let Err(e) = task.run() {
                self.report_uncaught(e);
            }
            self.take_uncaught()?;
        }
    }

    fn turn(&self, max_wait: Option<Duration>) -> Result<bool, Error> {
        if self.core.running.replace(true) {
            return Err(Error::new("ERR_LOOP_RUNNING", "the event loop is already running on this thread"));
        }
        struct NotRunning<'a>(&'a Cell<bool>);
        impl Drop for NotRunning<'_> {
            fn drop(&mut self) {
                self.0.set(false);
            }
        }
        let _guard = NotRunning(&self.core.running);
        self.enter(|| self.turn_inner(max_wait))
    }

    fn turn_inner(&self, max_wait: Option<Duration>) -> Result<bool, Error> {
        // Work queued before the loop started (or by a previous turn's last callback).
        self.take_uncaught()?;
        self.drain_ticks()?;
        self.update_time();
        self.run_timers()?;
        self.run_posted()?;

        // Poll phase: block only when nothing is due before the next timer.
        let timeout = if !self.core.immediates.borrow().is_empty() || !self.core.closing.borrow().is_empty() {
            Some(Duration::ZERO)
        } else if !self.alive() && self.core.posted.lock().map_or(true, |p| p.is_empty()) {
            return Ok(false);
        } else {
            self.core.timers.borrow_mut().next_deadline().map(|d| d.saturating_duration_since(Instant::now()))
        };
        let timeout = match (timeout, max_wait) {
            (Some(t), Some(m)) => Some(t.min(m)),
            (t, None) => t,
            (None, m) => m,
        };
        self.poll_io(timeout)?;
        self.run_posted()?;

        self.run_immediates()?;
        self.run_closing()?;
        Ok(self.alive())
    }

    fn run_timers(&self) -> Result<(), Error> {
        let now = self.now();
        loop {
            let due = self.core.timers.borrow_mut().pop_due(now);
            let Some(id) = due else { return Ok(()) };
            let taken = self.core.timers.borrow_mut().get_mut(id).and_then(|t| t.callback.take());
            let Some(mut callback) = taken else { continue };
            let result = self.call(&mut callback);
            let mut timers = self.core.timers.borrow_mut();
            let repeat = timers.get_mut(id).map(|t| t.repeat);
            match repeat {
                // Cleared during its own callback (or a one-shot that ran): drop it.
                None => {}
                Some(false) => timers.remove(id),
                Some(true) => {
                    if let Some(t) = timers.get_mut(id) {
                        t.callback = Some(callback);
                    }
                    // Node re-arms an interval from the time its callback ran.
                    timers.rearm(id, Instant::now());
                }
            }
            drop(timers);
            result?;
        }
    }

    fn poll_io(&self, timeout: Option<Duration>) -> Result<(), Error> {
        {
            let mut poll = self.core.poll.borrow_mut();
            let mut events = self.core.events.borrow_mut();
            if let Err(e) = poll.poll(&mut events, timeout) {
                if e.kind() != io::ErrorKind::Interrupted {
                    return Err(Error::new("ERR_EVENT_LOOP", format!("poll failed: {e}")));
                }
            }
            let mut scratch = self.core.scratch.borrow_mut();
            scratch.clear();
            for ev in events.iter() {
                scratch.push((
                    ev.token(),
                    Readiness {
                        readable: ev.is_readable(),
                        writable: ev.is_writable(),
                        error: ev.is_error(),
                        read_closed: ev.is_read_closed(),
                        write_closed: ev.is_write_closed(),
                    },
                ));
            }
        }
        self.update_time();
        let ready = std::mem::take(&mut *self.core.scratch.borrow_mut());
        let mut result = Ok(());
        for &(token, readiness) in &ready {
            if token == WAKER_TOKEN {
                continue;
            }
            let key = token.0 & KEY_MASK;
            let generation = token.0 >> KEY_BITS;
            let handler = {
                let io = self.core.io.borrow();
                io.get(key).filter(|e| e.generation & (usize::MAX >> KEY_BITS) == generation).map(|e| e.handler.clone())
            };
            if let Some(h) = handler {
                result = self.call(|| h(readiness));
                if result.is_err() {
                    break;
                }
            }
        }
        // Give the buffer back for the next turn (no allocation per turn).
        let mut ready = ready;
        ready.clear();
        *self.core.scratch.borrow_mut() = ready;
        result
    }

    fn run_posted(&self) -> Result<(), Error> {
        loop {
            let next = match self.core.posted.lock() {
                Ok(mut q) => q.pop_front(),
                Err(_) => None,
            };
            let Some(task) = next else { return Ok(()) };
            self.call(|| {
                task();
                Ok(())
            })?;
        }
    }

    fn run_immediates(&self) -> Result<(), Error> {
        // Node runs the immediates queued before the check phase; ones queued meanwhile wait a turn.
        let count = self.core.immediates.borrow().len();
        for _ in 0..count {
            let next = self.core.immediates.borrow_mut().pop_front();
            let Some(imm) = next else { break };
            self.call(imm.task)?;
        }
        Ok(())
    }

    fn run_closing(&self) -> Result<(), Error> {
        let count = self.core.closing.borrow().len();
        for _ in 0..count {
            let next = self.core.closing.borrow_mut().pop_front();
            let Some(task) = next else { break };
            self.call(task)?;
        }
        Ok(())
    }

    /// Drops every queued callback and handler, breaking `Rc` cycles between the loop and
    /// the objects whose callbacks it holds. Used when an embedder is done with a loop.
    pub fn close(&self) {
        self.core.timers.borrow_mut().clear();
        let ticks = std::mem::take(&mut *self.core.ticks.borrow_mut());
        let immediates = std::mem::take(&mut *self.core.immediates.borrow_mut());
        let closing = std::mem::take(&mut *self.core.closing.borrow_mut());
        let io = std::mem::take(&mut *self.core.io.borrow_mut());
        drop((ticks, immediates, closing, io));
        CURRENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.as_ref().is_some_and(|l| l.same(self)) {
                *c = None;
            }
        });
    }
}

/// A weak reference to a loop, held by timers and guards so they do not keep it alive.
#[derive(Clone)]
pub(crate) struct WeakLoop(Weak<Core>);

impl WeakLoop {
    pub(crate) fn upgrade(&self) -> Option<EventLoop> {
        self.0.upgrade().map(|core| EventLoop { core })
    }
}

/// Identifies a registered I/O source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IoToken {
    key: usize,
    generation: usize,
}

impl IoToken {
    fn mio(self) -> Token {
        let gen_bits = self.generation & (usize::MAX >> KEY_BITS);
        Token(self.key | (gen_bits << KEY_BITS))
    }
}

/// Keeps the loop alive while it lives (`handle.ref()`); drop it to `unref`.
pub struct KeepAlive {
    lp: WeakLoop,
}

impl Drop for KeepAlive {
    fn drop(&mut self) {
        if let Some(lp) = self.lp.upgrade() {
            lp.core.keep_alive.set(lp.core.keep_alive.get().saturating_sub(1));
        }
    }
}

/// A timer returned by `set_timeout`/`set_interval` (Node's `Timeout`).
#[derive(Clone)]
pub struct Timeout {
    lp: WeakLoop,
    id: TimerId,
}

impl std::fmt::Debug for Timeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Timeout({:?})", self.id)
    }
}

impl Timeout {
    fn with<R>(&self, f: impl FnOnce(&EventLoop) -> R) -> Option<R> {
        self.lp.upgrade().map(|lp| f(&lp))
    }
    /// `clearTimeout(t)` / `clearInterval(t)`.
    pub fn clear(&self) {
        self.with(|lp| lp.core.timers.borrow_mut().remove(self.id));
    }
    /// `timeout.unref()`: the timer no longer keeps the loop alive.
    pub fn unref(&self) -> &Self {
        self.with(|lp| lp.core.timers.borrow_mut().set_ref(self.id, false));
        self
    }
    /// `timeout.ref()`.
    pub fn ref_(&self) -> &Self {
        self.with(|lp| lp.core.timers.borrow_mut().set_ref(self.id, true));
        self
    }
    /// `timeout.hasRef()`.
    pub fn has_ref(&self) -> bool {
        self.with(|lp| lp.core.timers.borrow().has_ref(self.id)).unwrap_or(false)
    }
    /// `timeout.refresh()`: restarts the delay from now, keeping the callback.
    pub fn refresh(&self) -> &Self {
        self.with(|lp| lp.core.timers.borrow_mut().refresh(self.id, Instant::now()));
        self
    }
    /// Whether the timer is still pending (not fired, for a one-shot, and not cleared).
    pub fn is_active(&self) -> bool {
        self.with(|lp| lp.core.timers.borrow().contains(self.id)).unwrap_or(false)
    }
}

/// Returned by `set_immediate` (Node's `Immediate`).
#[derive(Clone)]
pub struct Immediate {
    lp: WeakLoop,
    id: u64,
}

impl Immediate {
    fn set_ref(&self, referenced: bool) {
        if let Some(lp) = self.lp.upgrade() {
            if let Some(entry) = lp.core.immediates.borrow_mut().iter_mut().find(|i| i.id == self.id) {
                entry.referenced = referenced;
            }
        }
    }
    /// `clearImmediate(i)`.
    pub fn clear(&self) {
        if let Some(lp) = self.lp.upgrade() {
            let removed = {
                let mut q = lp.core.immediates.borrow_mut();
                q.iter().position(|i| i.id == self.id).and_then(|pos| q.remove(pos))
            };
            // Dropped after the borrow ends: the callback's captures may own loop handles.
            drop(removed);
        }
    }
    /// `immediate.unref()`.
    pub fn unref(&self) -> &Self {
        self.set_ref(false);
        self
    }
    /// `immediate.ref()`.
    pub fn ref_(&self) -> &Self {
        self.set_ref(true);
        self
    }
    /// `immediate.hasRef()`.
    pub fn has_ref(&self) -> bool {
        self.lp
            .upgrade()
            .is_some_and(|lp| lp.core.immediates.borrow().iter().any(|i| i.id == self.id && i.referenced))
    }
}

/// A `Send + Sync` handle to wake a loop from another thread (RT-3).
#[derive(Clone)]
pub struct LoopWaker {
    waker: Arc<Waker>,
    posted: Arc<Mutex<VecDeque<SendTask>>>,
}

impl LoopWaker {
    /// Interrupts the loop's poll so its current turn returns.
    pub fn wake(&self) -> io::Result<()> {
        self.waker.wake()
    }
    /// Runs `task` on the loop's thread during its next turn, and wakes it.
    pub fn post(&self, task: impl FnOnce() + Send + 'static) -> io::Result<()> {
        match self.posted.lock() {
            Ok(mut q) => q.push_back(Box::new(task)),
            Err(_) => return Err(io::Error::other("loop waker queue poisoned")),
        }
        self.waker.wake()
    }
}
