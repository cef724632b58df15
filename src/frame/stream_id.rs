//! `StreamId`: a 31-bit stream identifier (RFC 9113 §5.1.1).

use std::fmt;

/// A stream identifier. The reserved high bit is dropped on construction (RFC 9113 §4.1: it
/// is ignored on receipt and sent as zero), so every value is in `0..=2^31-1`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StreamId(u32);

impl StreamId {
    /// Stream 0: the connection itself (RFC 9113 §5.1.1).
    pub const ZERO: StreamId = StreamId(0);
    /// The largest stream id, 2^31-1.
    pub const MAX: StreamId = StreamId(0x7fff_ffff);

    /// The id in the low 31 bits of `id`; the reserved bit is cleared.
    pub const fn new(id: u32) -> StreamId {
        StreamId(id & 0x7fff_ffff)
    }

    pub const fn get(self) -> u32 {
        self.0
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// RFC 9113 §5.1.1: streams opened by the client have odd ids.
    pub const fn is_client_initiated(self) -> bool {
        self.0 % 2 == 1
    }

    /// RFC 9113 §5.1.1: streams opened (pushed) by the server have even, nonzero ids.
    pub const fn is_server_initiated(self) -> bool {
        self.0 != 0 && self.0.is_multiple_of(2)
    }

    /// The next id of the same parity (`id + 2`), or None once the id space is spent
    /// (RFC 9113 §5.1.1: ids cannot be reused; a new connection is needed).
    pub fn next_same_parity(self) -> Option<StreamId> {
        match self.0.checked_add(2) {
            Some(n) if n <= StreamId::MAX.0 => Some(StreamId(n)),
            _ => None,
        }
    }
}

impl From<u32> for StreamId {
    fn from(id: u32) -> StreamId {
        StreamId::new(id)
    }
}

impl From<StreamId> for u32 {
    fn from(id: StreamId) -> u32 {
        id.0
    }
}

impl fmt::Display for StreamId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
