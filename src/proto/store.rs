//! The streams of one connection: live streams by id, and a bounded memory of closed ones.
//!
//! RFC 9113 §5.1 answers a frame on a closed stream differently depending on how it closed
//! (we reset it: ignore; the peer reset it: STREAM_CLOSED stream error; it ended normally:
//! STREAM_CLOSED connection error), so closed streams are remembered — a bounded number of
//! them, oldest forgotten first, so a long connection does not grow without limit.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher};

use super::stream::Stream;

/// Hashing for maps keyed by stream id, on every frame's path: far cheaper than SipHash,
/// yet keyed. Ids are chosen by the peer, who may skip ids at will (RFC 9113 §5.1.1); an
/// unkeyed multiplicative hash keeps the low bits of the id, so ids 2^16 apart would all
/// land in one bucket and turn each lookup into a scan. Each map gets a random key and the
/// id goes through MurmurHash3's 64-bit finalizer, whose every output bit depends on every
/// input bit.
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
        let mut k = self.value ^ self.key;
        k ^= k >> 33;
        k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
        k ^= k >> 33;
        k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        k ^ (k >> 33)
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
    closed: IdMap<ClosedBy>,
    closed_order: VecDeque<u32>,
    max_closed: usize,
}

impl Store {
    pub fn new(max_closed: usize) -> Store {
        Store { live: IdMap::default(), closed: IdMap::default(), closed_order: VecDeque::new(), max_closed }
    }

    pub fn get(&self, id: u32) -> Option<&Stream> {
        self.live.get(&id)
    }

    pub fn get_mut(&mut self, id: u32) -> Option<&mut Stream> {
        self.live.get_mut(&id)
    }

    pub fn insert(&mut self, stream: Stream) {
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
        let s = self.live.remove(&id)?;
        self.remember(id, by);
        Some(s)
    }

    /// Remembers a stream that closed without ever being live here (one we refused or reset
    /// as soon as it was opened), so the frames already in flight on it are judged by §5.1.
    pub fn remember(&mut self, id: u32, by: ClosedBy) {
        if self.max_closed == 0 || self.closed.contains_key(&id) {
            return;
        }
        if self.closed_order.len() >= self.max_closed {
            if let Some(old) = self.closed_order.pop_front() {
                self.closed.remove(&old);
            }
        }
        self.closed.insert(id, by);
        self.closed_order.push_back(id);
    }

    /// How a remembered closed stream closed.
    pub fn closed_by(&self, id: u32) -> Option<ClosedBy> {
        self.closed.get(&id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
