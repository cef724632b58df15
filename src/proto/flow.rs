//! Flow-control windows (RFC 9113 §5.2, §6.9).
//!
//! A send window is what we may still send; it can go negative when the peer lowers
//! SETTINGS_INITIAL_WINDOW_SIZE (§6.9.2). A receive window counts what the peer may still send,
//! and received data stays charged against it until the application has *consumed* it, so a
//! paused reader pushes back on its peer instead of buffering without bound.

/// RFC 9113 §6.9.1: "The sender MUST NOT allow a flow-control window to exceed 2^31-1 octets."
pub const MAX_WINDOW: i64 = (1 << 31) - 1;
/// RFC 9113 §6.9.2: the initial window of the connection and of new streams.
pub const DEFAULT_WINDOW: i64 = 65_535;

/// A flow-control window. Signed: SETTINGS changes may make it negative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Window(i64);

impl Window {
    pub fn new(size: i64) -> Window {
        Window(size)
    }
    pub fn get(self) -> i64 {
        self.0
    }
    /// What may be sent now (never negative).
    pub fn available(self) -> usize {
        usize::try_from(self.0.max(0)).unwrap_or(usize::MAX)
    }
}

/// The window was pushed past 2^31-1: a FLOW_CONTROL_ERROR (§6.9.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowOverflow;

/// Our sending side: the peer's advertised window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SendFlow {
    window: Window,
}

impl SendFlow {
    pub fn new(initial: i64) -> SendFlow {
        SendFlow { window: Window(initial) }
    }
    pub fn window(&self) -> Window {
        self.window
    }
    pub fn available(&self) -> usize {
        self.window.available()
    }
    /// A WINDOW_UPDATE arrived. RFC 9113 §6.9.1: overflow is a FLOW_CONTROL_ERROR.
    pub fn increase(&mut self, increment: u32) -> Result<(), WindowOverflow> {
        let next = self.window.0 + i64::from(increment);
        if next > MAX_WINDOW {
            return Err(WindowOverflow);
        }
        self.window = Window(next);
        Ok(())
    }
    /// RFC 9113 §6.9.2: a new SETTINGS_INITIAL_WINDOW_SIZE shifts every stream window by the
    /// difference; overflow is a FLOW_CONTROL_ERROR; a negative result is allowed.
    pub fn shift(&mut self, delta: i64) -> Result<(), WindowOverflow> {
        let next = self.window.0 + delta;
        if next > MAX_WINDOW {
            return Err(WindowOverflow);
        }
        self.window = Window(next);
        Ok(())
    }
    /// We sent `n` flow-controlled bytes (payload plus padding).
    pub fn consume(&mut self, n: usize) {
        self.window = Window(self.window.0 - n as i64);
    }
}

/// Receiving more than the window allows: a FLOW_CONTROL_ERROR (§6.9.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowExceeded;

/// Our receiving side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecvFlow {
    /// What the peer may still send before it needs a WINDOW_UPDATE.
    window: i64,
    /// The window we want to keep open (initial window, or `setLocalWindowSize`).
    target: i64,
    /// Received and not yet consumed by the application.
    unconsumed: i64,
    /// Consumed, not yet announced with a WINDOW_UPDATE.
    pending: i64,
}

impl RecvFlow {
    pub fn new(initial: i64) -> RecvFlow {
        RecvFlow { window: initial, target: initial, unconsumed: 0, pending: 0 }
    }
    /// What the peer may still send (Node's `localWindowSize`).
    pub fn window(&self) -> i64 {
        self.window
    }
    /// The window we keep open (Node's `effectiveLocalWindowSize`).
    pub fn target(&self) -> i64 {
        self.target
    }
    /// Received but not yet covered by a WINDOW_UPDATE (Node's `effectiveRecvDataLength`).
    pub fn recv_data_length(&self) -> i64 {
        self.unconsumed + self.pending
    }
    /// Received and still held by the application.
    pub fn unconsumed(&self) -> i64 {
        self.unconsumed
    }
    /// `n` flow-controlled bytes arrived.
    pub fn receive(&mut self, n: usize) -> Result<(), WindowExceeded> {
        let n = n as i64;
        if n > self.window {
            return Err(WindowExceeded);
        }
        self.window -= n;
        self.unconsumed += n;
        Ok(())
    }
    /// The application consumed `n` bytes. Returns the increment of a WINDOW_UPDATE to send
    /// now, if any: updates are batched until half the target is consumed, as nghttp2 does,
    /// so a stream of small reads does not turn into a stream of tiny WINDOW_UPDATEs.
    pub fn release(&mut self, n: usize) -> Option<u32> {
        let n = (n as i64).min(self.unconsumed);
        self.unconsumed -= n;
        self.pending += n;
        self.take_update(false)
    }
    /// A WINDOW_UPDATE increment owed now (`force`: send whatever is pending).
    pub fn take_update(&mut self, force: bool) -> Option<u32> {
        // Grow back to the target, counting what the application still holds.
        let room = self.target - self.window - self.unconsumed;
        if room <= 0 {
            self.pending = 0;
            return None;
        }
        if force || self.pending >= self.target / 2 {
            let inc = room.min(MAX_WINDOW - self.window);
            if inc <= 0 {
                return None;
            }
            self.window += inc;
            self.pending = 0;
            return u32::try_from(inc).ok();
        }
        None
    }
    /// A new target window (SETTINGS_INITIAL_WINDOW_SIZE we sent was acknowledged, or the
    /// connection window was set). For streams, RFC 9113 §6.9.2 shifts the window by the
    /// difference; growing the connection window needs a WINDOW_UPDATE (returned).
    pub fn set_target(&mut self, target: i64, shift_window: bool) -> Option<u32> {
        let delta = target - self.target;
        self.target = target;
        if shift_window {
            self.window += delta;
            None
        } else {
            self.take_update(true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc9113_6_9_1_send_window_overflow_is_an_error() {
        let mut f = SendFlow::new(MAX_WINDOW - 10);
        assert!(f.increase(10).is_ok());
        assert_eq!(f.increase(1), Err(WindowOverflow));
    }

    #[test]
    fn rfc9113_6_9_2_settings_change_may_make_the_window_negative() {
        let mut f = SendFlow::new(100);
        f.consume(80);
        f.shift(-65_000).unwrap();
        assert!(f.window().get() < 0);
        assert_eq!(f.available(), 0);
        let mut g = SendFlow::new(MAX_WINDOW - 5);
        assert_eq!(g.shift(10), Err(WindowOverflow));
    }

    #[test]
    fn rfc9113_6_9_receiving_past_the_window_is_refused() {
        let mut r = RecvFlow::new(10);
        assert!(r.receive(10).is_ok());
        assert_eq!(r.receive(1), Err(WindowExceeded));
    }

    #[test]
    fn rfc9113_6_9_unconsumed_data_keeps_the_window_closed() {
        let mut r = RecvFlow::new(65_535);
        r.receive(65_535).unwrap();
        assert_eq!(r.window(), 0);
        // Nothing consumed: nothing to announce, even when asked.
        assert_eq!(r.take_update(true), None);
        // Consuming a little is batched; consuming half reopens what was consumed.
        assert_eq!(r.release(1000), None);
        let inc = r.release(40_000).unwrap();
        assert_eq!(inc, 41_000);
        assert_eq!(r.window(), 41_000);
        assert_eq!(r.recv_data_length(), 65_535 - 41_000);
    }

    #[test]
    fn rfc9113_6_9_2_growing_the_target_sends_an_update() {
        let mut r = RecvFlow::new(65_535);
        assert_eq!(r.set_target(1 << 20, false), Some((1 << 20) - 65_535));
        assert_eq!(r.window(), 1 << 20);
    }
}
