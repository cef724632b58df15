//! The 9-octet frame header (RFC 9113 §4.1): `FrameType`, the flag bits, `Head`, `encode_head`.

use super::StreamId;
use bytes::{BufMut, BytesMut};
use log::trace;
use std::fmt;

/// Length of the frame header.
pub const HEAD_LEN: usize = 9;

/// The largest payload the 24-bit length field can describe (RFC 9113 §4.1).
pub const MAX_PAYLOAD_LEN: u32 = (1 << 24) - 1;

/// A frame type octet. Types this codec does not know are kept, not rejected (RFC 9113 §4.1:
/// "Implementations MUST ignore and discard frames of unknown types").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FrameType(pub u8);

impl FrameType {
    pub const DATA: FrameType = FrameType(0x0);
    pub const HEADERS: FrameType = FrameType(0x1);
    pub const PRIORITY: FrameType = FrameType(0x2);
    pub const RST_STREAM: FrameType = FrameType(0x3);
    pub const SETTINGS: FrameType = FrameType(0x4);
    pub const PUSH_PROMISE: FrameType = FrameType(0x5);
    pub const PING: FrameType = FrameType(0x6);
    pub const GOAWAY: FrameType = FrameType(0x7);
    pub const WINDOW_UPDATE: FrameType = FrameType(0x8);
    pub const CONTINUATION: FrameType = FrameType(0x9);

    /// The RFC's name (`"WINDOW_UPDATE"`), `"UNKNOWN"` for extension types.
    pub fn name(self) -> &'static str {
        match self.0 {
            0x0 => "DATA",
            0x1 => "HEADERS",
            0x2 => "PRIORITY",
            0x3 => "RST_STREAM",
            0x4 => "SETTINGS",
            0x5 => "PUSH_PROMISE",
            0x6 => "PING",
            0x7 => "GOAWAY",
            0x8 => "WINDOW_UPDATE",
            0x9 => "CONTINUATION",
            _ => "UNKNOWN",
        }
    }
}

/// Flag bits (RFC 9113 §6). Flags a frame type does not define are ignored on receipt and
/// not sent (§4.1).
pub mod flags {
    /// DATA, HEADERS: last frame the endpoint sends on the stream.
    pub const END_STREAM: u8 = 0x1;
    /// SETTINGS, PING: acknowledgement.
    pub const ACK: u8 = 0x1;
    /// HEADERS, PUSH_PROMISE, CONTINUATION: the field block ends in this frame.
    pub const END_HEADERS: u8 = 0x4;
    /// DATA, HEADERS, PUSH_PROMISE: a Pad Length octet and padding are present.
    pub const PADDED: u8 = 0x8;
    /// HEADERS: the priority fields (RFC 9113 §6.2, deprecated scheme of RFC 7540) are present.
    pub const PRIORITY: u8 = 0x20;
}

/// A decoded frame header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    /// Payload length (24 bits).
    pub len: u32,
    pub kind: FrameType,
    pub flags: u8,
    pub stream_id: StreamId,
}

impl Head {
    /// Parses the first 9 octets of `buf`, or None if fewer are there.
    pub fn parse(buf: &[u8]) -> Option<Head> {
        let b: &[u8; HEAD_LEN] = buf.get(..HEAD_LEN)?.try_into().ok()?;
        Some(Head {
            len: u32::from_be_bytes([0, b[0], b[1], b[2]]),
            kind: FrameType(b[3]),
            flags: b[4],
            // RFC 9113 §4.1: the reserved bit "MUST be ignored when receiving".
            stream_id: StreamId::new(u32::from_be_bytes([b[5], b[6], b[7], b[8]])),
        })
    }

    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag == flag
    }
}

impl fmt::Display for Head {
    /// Like `nghttp -v`: `HEADERS frame <length=13, flags=0x05, stream_id=1>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} frame <length={}, flags=0x{:02x}, stream_id={}>",
            self.kind.name(),
            self.len,
            self.flags,
            self.stream_id
        )
    }
}

/// Writes a 9-octet frame header: what DATA senders use to put a payload they hold elsewhere
/// after it without copying it here. The reserved bit goes out as zero (RFC 9113 §4.1).
///
/// `len` must be at most [`MAX_PAYLOAD_LEN`] (and the peer's SETTINGS_MAX_FRAME_SIZE, which
/// the caller knows); larger values are a caller bug, caught by `debug_assert!`, and the
/// length field keeps only the low 24 bits in release builds.
pub fn encode_head(len: u32, kind: FrameType, flags: u8, stream_id: StreamId, dst: &mut BytesMut) {
    debug_assert!(len <= MAX_PAYLOAD_LEN, "frame payload {len} exceeds 2^24-1");
    let head = Head {
        len: len & MAX_PAYLOAD_LEN,
        kind,
        flags,
        stream_id,
    };
    trace!("send {}", head);
    let l = head.len.to_be_bytes();
    dst.reserve(HEAD_LEN);
    dst.put_slice(&[l[1], l[2], l[3], kind.0, flags]);
    dst.put_u32(stream_id.get());
}
