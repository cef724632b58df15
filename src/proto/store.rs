//! The streams of one connection: live streams by id, and a bounded memory of closed ones.
//!
//! RFC 9113 §5.1 answers a frame on a closed stream differently depending on how it closed
//! (we reset it: ignore; the peer reset it: STREAM_CLOSED stream error; it ended normally:
//! STREAM_CLOSED connection error), so closed streams are remembered — a bounded number of
//! them, oldest forgotten first, so a long connection does not grow without limit.
//!
//! Every stream passes through that memory when it closes, so its layout matters: the recent
//! ids of each parity (the peer's and ours are each opened in increasing order, RFC 9113
//! §5.1.1) are one byte per id in a sliding window, where a close and a lookup touch one cache
//! line. A hash map of the last thousand closes cost a cache miss or two per request. A
//! stream that closes after its id has left the window (it stayed open while many later
//! streams came and went) goes to a small map beside it.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher};

use super::stream::Stream;

/// Hashing for maps keyed by stream id, on every frame's path: far cheaper than SipHash,
/// yet keyed. Ids are chosen by the peer, who may skip ids at will (RFC 9113 §5.1.1); an
/// unkeyed multiplicative hash keeps the low bits of the id, so ids 2^16 apart would all
/// land in one bucket and turn each lookup into a scan. Each map gets a random key and the
/// keyed id goes through a folded multiply, whose every output bit depends on every input
/// bit.
#[derive(Clone, Copy)]
pub struct IdHashState {
    key: u64,
}

impl Default for IdHashState {
    fn default() -> Self {
        // std's RandomState is seeded from the OS once per thread and varies per instance.
        IdHashState { key: std::collections::hash_map::RandomState::new().hash_one(0x6964_u64) }
    }
}

impl BuildHasher for IdHashState {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher { key: self.key, value: 0 }
    }
}

pub struct IdHasher {
    key: u64,
    value: u64,
}

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // A folded multiply (foldhash's and ahash's): the keyed id times a large odd
        // constant, the 128-bit product's halves xored. The high half depends on every bit of
        // the input, so ids that share their low bits still spread; one multiply instead of
        // the finalizer's two and three shifts.
        let full = u128::from(self.value ^ self.key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (full as u64) ^ ((full >> 64) as u64)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.value = (self.value.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.value = (self.value << 32) ^ u64::from(n);
    }
}

pub type IdMap<V> = HashMap<u32, V, IdHashState>;

/// How a stream closed, for frames that arrive afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClosedBy {
    /// We sent RST_STREAM: frames already in flight are ignored (§5.1, §6.4).
    LocalReset,
    /// The peer sent RST_STREAM.
    RemoteReset,
    /// Both sides sent END_STREAM.
    EndStream,
}

pub struct Store {
    live: IdMap<Stream>,
    /// Closes of recent ids: `[0]` even ids, `[1]` odd ids.
    windows: [ClosedWindow; 2],
    /// Closes of ids already below their window, oldest first, at most `max_closed`.
    older: IdMap<ClosedBy>,
    older_order: VecDeque<u32>,
    max_closed: usize,
    /// Empty DATA queues of closed streams, given to new ones: a stream's first write then
    /// allocates nothing.
    spare_queues: Vec<VecDeque<bytes::Bytes>>,
}

/// Spare queues kept at most (as many as a session keeps spare streams, so a connection with
/// a hundred streams in flight reuses them all), and the largest capacity kept: 32 KiB per
/// connection at worst, and only after that many streams had data queued at once.
const MAX_SPARE_QUEUES: usize = 128;
const MAX_SPARE_QUEUE_CAPACITY: usize = 8;

/// `slots[i]` tells how id `base + 2 * i` closed (0: not closed, or not remembered).
#[derive(Default)]
struct ClosedWindow {
    base: u32,
    slots: VecDeque<u8>,
}

fn closed_code(by: ClosedBy) -> u8 {
    match by {
        ClosedBy::LocalReset => 1,
        ClosedBy::RemoteReset => 2,
        ClosedBy::EndStream => 3,
    }
}

fn closed_by_code(code: u8) -> Option<ClosedBy> {
    match code {
        1 => Some(ClosedBy::LocalReset),
        2 => Some(ClosedBy::RemoteReset),
        3 => Some(ClosedBy::EndStream),
        _ => None,
    }
}

impl ClosedWindow {
    /// The slot of `id`, if `id` is at or above the window's start; the window grows up to
    /// `id`, forgetting its oldest ids beyond `max` slots.
    fn slot(&mut self, id: u32, max: usize) -> Option<&mut u8> {
        if self.slots.is_empty() {
            self.base = id;
        }
        let index = usize::try_from(id.checked_sub(self.base)? / 2).ok()?;
        if index >= self.slots.len() {
            if index >= max {
                // The window moves up to end at `id`; what falls out is forgotten.
                let keep_from = index + 1 - max;
                if keep_from >= self.slots.len() {
                    // Nothing remembered stays: start again at `id`.
                    self.slots.clear();
                    self.base = id;
                } else {
                    self.slots.drain(..keep_from);
                    self.base += 2 * keep_from as u32;
                }
            }
            let index = ((id - self.base) / 2) as usize;
            if index == self.slots.len() {
                // The usual step, the next id: one push (`resize` would call `memset`).
                self.slots.push_back(0);
            } else {
                self.slots.resize(index + 1, 0);
            }
            return self.slots.get_mut(index);
        }
        self.slots.get_mut(index)
    }
}

impl Store {
    pub fn new(max_closed: usize) -> Store {
        Store { live: IdMap::default(), windows: Default::default(), older: IdMap::default(), older_order: VecDeque::new(), max_closed, spare_queues: Vec::new() }
    }

    pub fn get(&self, id: u32) -> Option<&Stream> {
        self.live.get(&id)
    }

    pub fn get_mut(&mut self, id: u32) -> Option<&mut Stream> {
        self.live.get_mut(&id)
    }

    pub fn insert(&mut self, mut stream: Stream) {
        if stream.queue.capacity() == 0 {
            if let Some(queue) = self.spare_queues.pop() {
                stream.queue = queue;
            }
        }
        self.live.insert(stream.id.get(), stream);
    }

    pub fn contains(&self, id: u32) -> bool {
        self.live.contains_key(&id)
    }

    pub fn len(&self) -> usize {
        self.live.len()
    }

    pub fn ids(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = self.live.keys().copied().collect();
        ids.sort_unstable();
        ids
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Stream> {
        self.live.values_mut()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Stream> {
        self.live.values()
    }

    /// Moves a stream to the closed memory; returns it.
    pub fn close(&mut self, id: u32, by: ClosedBy) -> Option<Stream> {
        let mut s = self.live.remove(&id)?;
        self.remember(id, by);
        if s.queue.is_empty() && s.queue.capacity() > 0 && s.queue.capacity() <= MAX_SPARE_QUEUE_CAPACITY && self.spare_queues.len() < MAX_SPARE_QUEUES {
            self.spare_queues.push(std::mem::take(&mut s.queue));
        }
        Some(s)
    }

    /// Remembers a stream that closed without ever being live here (one we refused or reset
    /// as soon as it was opened), so the frames already in flight on it are judged by §5.1.
    /// The first close of an id is the one kept.
    pub fn remember(&mut self, id: u32, by: ClosedBy) {
        if self.max_closed == 0 {
            return;
        }
        let window = &mut self.windows[(id & 1) as usize];
        if let Some(slot) = window.slot(id, self.max_closed) {
            if *slot == 0 {
                *slot = closed_code(by);
            }
            return;
        }
        if self.older.contains_key(&id) {
            return;
        }
        if self.older_order.len() >= self.max_closed {
            if let Some(old) = self.older_order.pop_front() {
                self.older.remove(&old);
            }
        }
        self.older.insert(id, by);
        self.older_order.push_back(id);
    }

    /// How a remembered closed stream closed.
    pub fn closed_by(&self, id: u32) -> Option<ClosedBy> {
        let window = &self.windows[(id & 1) as usize];
        if window.slots.is_empty() || id < window.base {
            return self.older.get(&id).copied();
        }
        let index = usize::try_from((id - window.base) / 2).ok()?;
        closed_by_code(*window.slots.get(index)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 9113 §5.1: each close is remembered with how it happened, the first one kept;
    /// even and odd ids are apart.
    #[test]
    fn rfc9113_5_1_closes_are_remembered_by_kind() {
        let mut store = Store::new(8);
        store.remember(1, ClosedBy::EndStream);
        store.remember(3, ClosedBy::LocalReset);
        store.remember(3, ClosedBy::RemoteReset);
        store.remember(2, ClosedBy::RemoteReset);
        assert_eq!(store.closed_by(1), Some(ClosedBy::EndStream));
        assert_eq!(store.closed_by(3), Some(ClosedBy::LocalReset));
        assert_eq!(store.closed_by(2), Some(ClosedBy::RemoteReset));
        assert_eq!(store.closed_by(5), None);
        assert_eq!(store.closed_by(4), None);
        assert_eq!(Store::new(0).closed_by(1), None);
    }

    /// The memory is bounded: the window keeps the last `max` ids of a parity, a jump forgets
    /// what it passes, and a stream that closes after its id left the window (it stayed open
    /// meanwhile) is still remembered, beside the window.
    #[test]
    fn rfc9113_5_1_closed_memory_is_bounded_and_keeps_late_closes() {
        let mut store = Store::new(4);
        for id in (3..=21).step_by(2) {
            store.remember(id, ClosedBy::EndStream);
        }
        assert_eq!(store.windows[1].slots.len(), 4);
        assert_eq!(store.closed_by(13), None, "left the window");
        assert_eq!(store.closed_by(15), Some(ClosedBy::EndStream));
        // Stream 1 was open all along; we reset it now: frames in flight must be ignored.
        store.remember(1, ClosedBy::LocalReset);
        assert_eq!(store.closed_by(1), Some(ClosedBy::LocalReset));
        // A peer that jumps to the highest id costs no more memory.
        store.remember(0x7fff_ffff, ClosedBy::RemoteReset);
        assert_eq!(store.windows[1].slots.len(), 1);
        assert_eq!(store.closed_by(0x7fff_ffff), Some(ClosedBy::RemoteReset));
        assert_eq!(store.closed_by(21), None);
        for id in (101..=121).step_by(2) {
            store.remember(id, ClosedBy::LocalReset);
        }
        assert!(store.older.len() <= 4 && store.older_order.len() <= 4);
        assert_eq!(store.closed_by(121), Some(ClosedBy::LocalReset));
    }

    /// Ids a peer spaces 2^16 apart must not share hash buckets (the low bits hashbrown
    /// indexes with): with an unkeyed multiplicative hash all 1024 of them collided.
    #[test]
    fn id_hash_spreads_ids_that_share_their_low_bits() {
        let state = IdHashState::default();
        let buckets: std::collections::HashSet<u64> = (0..1024u32).map(|k| state.hash_one(1 + (k << 16)) & 1023).collect();
        assert!(buckets.len() > 550, "only {} of 1024 buckets used", buckets.len());
        let other = IdHashState::default();
        assert_ne!(state.hash_one(1u32), other.hash_one(1u32), "each map gets its own key");
    }
}
