//! The event loop (RT-1..RT-3): timers, next-tick and immediate queues, I/O readiness through
//! mio, in Node's phase order. Knows nothing of sockets' protocols or HTTP/2.
//!
//! The free functions act on the thread's current loop ([`EventLoop::current`]), so ported
//! Node code reads the same: `set_timeout(|| ..., 100)`, then [`run`].

mod event_loop;
mod timers;

pub use emitter::ListenerResult as CallbackResult;
pub use event_loop::{EventLoop, Immediate, IoToken, KeepAlive, LoopWaker, Readiness, TickTarget, Timeout};
pub use timers::TIMEOUT_MAX;

/// `setTimeout(callback, ms)` on the current loop.
pub fn set_timeout<R: CallbackResult, F: FnOnce() -> R + 'static>(callback: F, ms: u64) -> Timeout {
    EventLoop::current().set_timeout(callback, ms)
}

/// `setInterval(callback, ms)` on the current loop.
pub fn set_interval<R: CallbackResult, F: FnMut() -> R + 'static>(callback: F, ms: u64) -> Timeout {
    EventLoop::current().set_interval(callback, ms)
}

/// `setImmediate(callback)` on the current loop.
pub fn set_immediate<R: CallbackResult, F: FnOnce() -> R + 'static>(callback: F) -> Immediate {
    EventLoop::current().set_immediate(callback)
}

/// `process.nextTick(callback)` on the current loop.
pub fn next_tick<R: CallbackResult, F: FnOnce() -> R + 'static>(callback: F) {
    EventLoop::current().next_tick(callback)
}

/// `clearTimeout(t)`.
pub fn clear_timeout(t: &Timeout) {
    t.clear()
}

/// `clearInterval(t)`.
pub fn clear_interval(t: &Timeout) {
    t.clear()
}

/// `clearImmediate(i)`.
pub fn clear_immediate(i: &Immediate) {
    i.clear()
}

/// Runs the current loop until nothing referenced is left; `Err` is the uncaught error.
pub fn run() -> Result<(), emitter::Error> {
    EventLoop::current().run()
}
