//! The streams of one connection: live streams by id, and a bounded memory of closed ones.
//!
//! RFC 9113 §5.1 answers a frame on a closed stream differently depending on how it closed
//! (we reset it: ignore; the peer reset it: STREAM_CLOSED stream error; it ended normally:
//! STREAM_CLOSED connection error), so closed streams are remembered — a bounded number of
//! them, oldest forgotten first, so a long connection does not grow without limit.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use super::stream::Stream;

/// Stream ids are small, distinct integers chosen by the peer: a multiplicative hash is
/// enough and much cheaper than SipHash on the per-frame lookup.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type IdMap<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

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
