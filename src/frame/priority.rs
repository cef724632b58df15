//! PRIORITY (RFC 9113 §6.3) and the priority fields it shares with HEADERS (`PrioritySpec`).
//! RFC 9113 deprecates the RFC 7540 priority scheme, but Node's API (SES-20, STR-11) still
//! exposes it, so the fields are parsed and sent.

use super::head::{encode_head, FrameType, Head};
use super::{be_u32, ErrorCode, FrameError, StreamId};
use bytes::{BufMut, Bytes, BytesMut};

/// Stream dependency, exclusive flag and weight (RFC 7540 §5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PrioritySpec {
    pub dependency: StreamId,
    pub exclusive: bool,
    /// 1..=256: the wire octet plus one (RFC 7540 §6.2).
    pub weight: u16,
}

impl PrioritySpec {
    /// Octets on the wire: E bit + 31-bit dependency, then the weight octet.
    pub const LEN: usize = 5;
    /// RFC 7540 §5.3.5: the default weight.
    pub const DEFAULT_WEIGHT: u16 = 16;

    pub(crate) fn parse(b: &[u8]) -> Option<PrioritySpec> {
        let dep = be_u32(b, 0)?;
        let w = *b.get(4)?;
        Some(PrioritySpec {
            dependency: StreamId::new(dep),
            exclusive: dep & 0x8000_0000 != 0,
            weight: u16::from(w) + 1,
        })
    }

    /// Writes the 5 octets. A weight outside 1..=256 is clamped into it.
    pub(crate) fn encode(&self, dst: &mut BytesMut) {
        let e = if self.exclusive { 0x8000_0000 } else { 0 };
        dst.put_u32(self.dependency.get() | e);
        dst.put_u8(self.weight.clamp(1, 256).saturating_sub(1) as u8);
    }
}

impl Default for PrioritySpec {
    /// RFC 7540 §5.3.5: depends on stream 0, non-exclusive, weight 16.
    fn default() -> PrioritySpec {
        PrioritySpec {
            dependency: StreamId::ZERO,
            exclusive: false,
            weight: PrioritySpec::DEFAULT_WEIGHT,
        }
    }
}

/// A PRIORITY frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Priority {
    pub stream_id: StreamId,
    pub spec: PrioritySpec,
}

impl Priority {
    pub(crate) fn decode(head: &Head, payload: Bytes) -> Result<Priority, FrameError> {
        if head.stream_id.is_zero() {
            return Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.3: PRIORITY on stream 0",
            ));
        }
        if payload.len() != PrioritySpec::LEN {
            return Err(FrameError::stream(
                head.stream_id,
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §6.3: PRIORITY length is not 5",
            ));
        }
        let Some(spec) = PrioritySpec::parse(&payload) else {
            return Err(FrameError::stream(
                head.stream_id,
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §6.3: PRIORITY length is not 5",
            ));
        };
        if spec.dependency == head.stream_id {
            return Err(FrameError::stream(
                head.stream_id,
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §5.3.1: a stream cannot depend on itself",
            ));
        }
        Ok(Priority {
            stream_id: head.stream_id,
            spec,
        })
    }

    pub fn encode(&self, dst: &mut BytesMut) {
        dst.reserve(super::HEAD_LEN + PrioritySpec::LEN);
        encode_head(
            PrioritySpec::LEN as u32,
            FrameType::PRIORITY,
            0,
            self.stream_id,
            dst,
        );
        self.spec.encode(dst);
    }
}
