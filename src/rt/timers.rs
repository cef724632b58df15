//! Timer store for the loop: a min-heap of deadlines over a slab of timers.
//!
//! Node's rules kept here: delays under 1 ms (or above 2^31-1 ms) become 1 ms; timers due at
//! the same instant fire in insertion order (the heap orders by `(deadline, seq)`); `refresh`
//! is O(1): it records a new start and the timer, when its old deadline comes, re-arms for the
//! remainder instead of firing (session and stream timeouts refresh on every frame).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::{Duration, Instant};

use slab::Slab;

/// Node's TIMEOUT_MAX: larger (or non-positive) delays are replaced by 1 ms.
pub const TIMEOUT_MAX: u64 = 2_147_483_647;

pub(crate) type TimerCallback = Box<dyn FnMut() -> Result<(), emitter::Error>>;

pub(crate) struct Timer {
    pub(crate) generation: u64,
    pub(crate) delay: Duration,
    pub(crate) start: Instant,
    pub(crate) repeat: bool,
    pub(crate) referenced: bool,
    /// `None` while the callback runs (it is taken out so no borrow is held).
    pub(crate) callback: Option<TimerCallback>,
}

pub(crate) struct Timers {
    slab: Slab<Timer>,
    heap: BinaryHeap<Reverse<(Instant, u64, usize, u64)>>,
    seq: u64,
    generation: u64,
    referenced: usize,
}

/// Identifies a timer: slab key plus generation, so a stale id never reaches a reused slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimerId {
    pub(crate) key: usize,
    pub(crate) generation: u64,
}

pub(crate) fn clamp_delay(ms: u64) -> Duration {
    // Node: "When delay is larger than 2147483647 or less than 1, the delay will be set to 1."
    let ms = if ms == 0 || ms > TIMEOUT_MAX { 1 } else { ms };
    Duration::from_millis(ms)
}

impl Timers {
    pub(crate) fn new() -> Timers {
        Timers { slab: Slab::new(), heap: BinaryHeap::new(), seq: 0, generation: 0, referenced: 0 }
    }

    pub(crate) fn insert(&mut self, now: Instant, delay: Duration, repeat: bool, callback: TimerCallback) -> TimerId {
        self.generation += 1;
        let generation = self.generation;
        let key = self.slab.insert(Timer { generation, delay, start: now, repeat, referenced: true, callback: Some(callback) });
        self.referenced += 1;
        self.push_deadline(key, now + delay);
        TimerId { key, generation }
    }

    fn push_deadline(&mut self, key: usize, deadline: Instant) {
        self.seq += 1;
        let generation = self.slab[key].generation;
        self.heap.push(Reverse((deadline, self.seq, key, generation)));
    }

    pub(crate) fn get_mut(&mut self, id: TimerId) -> Option<&mut Timer> {
        self.slab.get_mut(id.key).filter(|t| t.generation == id.generation)
    }

    pub(crate) fn contains(&self, id: TimerId) -> bool {
        self.slab.get(id.key).is_some_and(|t| t.generation == id.generation)
    }

    pub(crate) fn remove(&mut self, id: TimerId) {
        if self.contains(id) {
            let t = self.slab.remove(id.key);
            if t.referenced {
                self.referenced -= 1;
            }
            // Its heap entries go stale and are skipped by generation when they surface.
        }
    }

    pub(crate) fn set_ref(&mut self, id: TimerId, referenced: bool) {
        if let Some(t) = self.get_mut(id) {
            if t.referenced != referenced {
                t.referenced = referenced;
                if referenced {
                    self.referenced += 1;
                } else {
                    self.referenced -= 1;
                }
            }
        }
    }

    pub(crate) fn has_ref(&self, id: TimerId) -> bool {
        self.slab.get(id.key).is_some_and(|t| t.generation == id.generation && t.referenced)
    }

    /// `timeout.refresh()`: restart the delay from `now` without touching the heap.
    pub(crate) fn refresh(&mut self, id: TimerId, now: Instant) {
        if let Some(t) = self.get_mut(id) {
            t.start = now;
        }
    }

    /// Re-arm a timer that is (still) in the store: for intervals after they fired.
    pub(crate) fn rearm(&mut self, id: TimerId, now: Instant) {
        if let Some(t) = self.get_mut(id) {
            t.start = now;
            let deadline = now + t.delay;
            self.push_deadline(id.key, deadline);
        }
    }

    pub(crate) fn referenced_count(&self) -> usize {
        self.referenced
    }

    /// The earliest live deadline, dropping stale heap entries on the way.
    pub(crate) fn next_deadline(&mut self) -> Option<Instant> {
        while let Some(Reverse((deadline, _, key, generation))) = self.heap.peek().copied() {
            match self.slab.get(key) {
                Some(t) if t.generation == generation => {
                    let due = t.start + t.delay;
                    if due > deadline {
                        // Refreshed since it was queued: move it to its new deadline.
                        self.heap.pop();
                        self.push_deadline(key, due);
                        continue;
                    }
                    return Some(deadline);
                }
                _ => {
                    self.heap.pop();
                }
            }
        }
        None
    }

    /// Pops the next timer due at or before `now`, in (deadline, insertion) order.
    pub(crate) fn pop_due(&mut self, now: Instant) -> Option<TimerId> {
        let deadline = self.next_deadline()?;
        if deadline > now {
            return None;
        }
        let Reverse((_, _, key, generation)) = self.heap.pop()?;
        Some(TimerId { key, generation })
    }

    pub(crate) fn clear(&mut self) {
        self.slab.clear();
        self.heap.clear();
        self.referenced = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noop() -> TimerCallback {
        Box::new(|| Ok(()))
    }

    #[test]
    fn rt_2_delay_clamped_like_node() {
        assert_eq!(clamp_delay(0), Duration::from_millis(1));
        assert_eq!(clamp_delay(TIMEOUT_MAX + 1), Duration::from_millis(1));
        assert_eq!(clamp_delay(5), Duration::from_millis(5));
    }

    #[test]
    fn rt_2_equal_deadlines_pop_in_insertion_order() {
        let mut t = Timers::new();
        let now = Instant::now();
        let a = t.insert(now, Duration::from_millis(5), false, noop());
        let b = t.insert(now, Duration::from_millis(5), false, noop());
        let c = t.insert(now, Duration::from_millis(1), false, noop());
        let later = now + Duration::from_millis(10);
        assert_eq!(t.pop_due(later), Some(c));
        assert_eq!(t.pop_due(later), Some(a));
        assert_eq!(t.pop_due(later), Some(b));
    }

    #[test]
    fn rt_2_refresh_moves_the_deadline_and_stale_entries_are_skipped() {
        let mut t = Timers::new();
        let now = Instant::now();
        let a = t.insert(now, Duration::from_millis(10), false, noop());
        t.refresh(a, now + Duration::from_millis(8));
        assert_eq!(t.pop_due(now + Duration::from_millis(12)), None);
        assert_eq!(t.pop_due(now + Duration::from_millis(18)), Some(a));
        t.remove(a);
        assert!(t.next_deadline().is_none());
        assert_eq!(t.referenced_count(), 0);
    }
}
