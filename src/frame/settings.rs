//! SETTINGS frame (RFC 9113 §6.5): the entries on the wire, checked on receipt. The settings
//! *object* of Node's API is `crate::settings::Settings`.

use super::head::{encode_head, flags, FrameType, Head};
use super::{ErrorCode, FrameError, StreamId};
use bytes::{BufMut, Bytes, BytesMut};
use std::fmt;

/// Setting identifiers (RFC 9113 §6.5.2; `ENABLE_CONNECT_PROTOCOL` is RFC 8441 §3).
pub mod setting {
    pub const HEADER_TABLE_SIZE: u16 = 0x1;
    pub const ENABLE_PUSH: u16 = 0x2;
    pub const MAX_CONCURRENT_STREAMS: u16 = 0x3;
    pub const INITIAL_WINDOW_SIZE: u16 = 0x4;
    pub const MAX_FRAME_SIZE: u16 = 0x5;
    pub const MAX_HEADER_LIST_SIZE: u16 = 0x6;
    pub const ENABLE_CONNECT_PROTOCOL: u16 = 0x8;

    /// The RFC's name without the `SETTINGS_` prefix, for traces.
    pub fn name(id: u16) -> &'static str {
        match id {
            HEADER_TABLE_SIZE => "HEADER_TABLE_SIZE",
            ENABLE_PUSH => "ENABLE_PUSH",
            MAX_CONCURRENT_STREAMS => "MAX_CONCURRENT_STREAMS",
            INITIAL_WINDOW_SIZE => "INITIAL_WINDOW_SIZE",
            MAX_FRAME_SIZE => "MAX_FRAME_SIZE",
            MAX_HEADER_LIST_SIZE => "MAX_HEADER_LIST_SIZE",
            ENABLE_CONNECT_PROTOCOL => "ENABLE_CONNECT_PROTOCOL",
            _ => "UNKNOWN",
        }
    }
}

/// Octets per entry: 16-bit identifier, 32-bit value.
pub const ENTRY_LEN: usize = 6;

/// A SETTINGS frame. `payload` holds the entries as received (a slice of the input); a
/// received frame's entries have passed the §6.5.2 value checks. Iterate them with
/// [`SettingsFrame::entries`], which does not allocate; the core caps how many it processes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsFrame {
    pub ack: bool,
    pub payload: Bytes,
}

impl SettingsFrame {
    /// A SETTINGS frame with these entries, in this order.
    pub fn new(entries: impl IntoIterator<Item = (u16, u32)>) -> SettingsFrame {
        let mut b = BytesMut::new();
        for (id, value) in entries {
            b.put_u16(id);
            b.put_u32(value);
        }
        SettingsFrame {
            ack: false,
            payload: b.freeze(),
        }
    }

    /// RFC 9113 §6.5.3: the acknowledgement, with an empty payload.
    pub const fn ack() -> SettingsFrame {
        SettingsFrame {
            ack: true,
            payload: Bytes::new(),
        }
    }

    pub fn entries(&self) -> SettingsEntries<'_> {
        SettingsEntries {
            chunks: self.payload.chunks_exact(ENTRY_LEN),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.payload.len() / ENTRY_LEN
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn decode(head: &Head, payload: Bytes) -> Result<SettingsFrame, FrameError> {
        if !head.stream_id.is_zero() {
            return Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.5: SETTINGS on a stream other than 0",
            ));
        }
        let ack = head.has(flags::ACK);
        if ack && !payload.is_empty() {
            return Err(FrameError::conn(
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §6.5: SETTINGS ACK with a payload",
            ));
        }
        if !payload.len().is_multiple_of(ENTRY_LEN) {
            return Err(FrameError::conn(
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §6.5: SETTINGS length is not a multiple of 6",
            ));
        }
        let frame = SettingsFrame { ack, payload };
        for (id, value) in frame.entries() {
            check_value(id, value)?;
        }
        Ok(frame)
    }

    pub fn encode(&self, dst: &mut BytesMut) {
        dst.reserve(super::HEAD_LEN + self.payload.len());
        let f = if self.ack { flags::ACK } else { 0 };
        encode_head(
            self.payload.len() as u32,
            FrameType::SETTINGS,
            f,
            StreamId::ZERO,
            dst,
        );
        dst.put_slice(&self.payload);
    }
}

/// RFC 9113 §6.5.2 (and RFC 8441 §3): values a receiver must reject, as connection errors.
/// Unknown identifiers are ignored (§6.5.2).
pub fn check_value(id: u16, value: u32) -> Result<(), FrameError> {
    match id {
        setting::ENABLE_PUSH if value > 1 => Err(FrameError::conn(
            ErrorCode::PROTOCOL_ERROR,
            "RFC 9113 §6.5.2: SETTINGS_ENABLE_PUSH other than 0 or 1",
        )),
        setting::INITIAL_WINDOW_SIZE if value > 0x7fff_ffff => Err(FrameError::conn(
            ErrorCode::FLOW_CONTROL_ERROR,
            "RFC 9113 §6.5.2: SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1",
        )),
        setting::MAX_FRAME_SIZE
            if !(super::MIN_MAX_FRAME_SIZE..=super::MAX_PAYLOAD_LEN).contains(&value) =>
        {
            Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.5.2: SETTINGS_MAX_FRAME_SIZE outside 16384..=2^24-1",
            ))
        }
        setting::ENABLE_CONNECT_PROTOCOL if value > 1 => Err(FrameError::conn(
            ErrorCode::PROTOCOL_ERROR,
            "RFC 8441 §3: SETTINGS_ENABLE_CONNECT_PROTOCOL other than 0 or 1",
        )),
        _ => Ok(()),
    }
}

/// The `(identifier, value)` entries of a SETTINGS payload, in order.
#[derive(Clone, Debug)]
pub struct SettingsEntries<'a> {
    chunks: std::slice::ChunksExact<'a, u8>,
}

impl Iterator for SettingsEntries<'_> {
    type Item = (u16, u32);

    fn next(&mut self) -> Option<(u16, u32)> {
        let c = self.chunks.next()?;
        match *c {
            [a, b, v0, v1, v2, v3] => Some((
                u16::from_be_bytes([a, b]),
                u32::from_be_bytes([v0, v1, v2, v3]),
            )),
            _ => None,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.chunks.size_hint()
    }
}

impl ExactSizeIterator for SettingsEntries<'_> {}

impl fmt::Display for SettingsFrame {
    /// Like `nghttp -v`: `(niv=2) [MAX_CONCURRENT_STREAMS(0x03):100] [INITIAL_WINDOW_SIZE(0x04):65535]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(niv={})", self.len())?;
        for (id, value) in self.entries() {
            write!(f, " [{}(0x{:02x}):{}]", setting::name(id), id, value)?;
        }
        Ok(())
    }
}
