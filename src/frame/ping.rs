//! PING (RFC 9113 §6.7).

use super::head::{encode_head, flags, FrameType, Head};
use super::{ErrorCode, FrameError, StreamId};
use bytes::{BufMut, Bytes, BytesMut};

/// A PING frame and its 8 opaque octets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ping {
    pub ack: bool,
    pub data: [u8; 8],
}

impl Ping {
    pub fn new(data: [u8; 8]) -> Ping {
        Ping { ack: false, data }
    }

    /// RFC 9113 §6.7: the response carries the same payload with ACK set.
    pub fn pong(data: [u8; 8]) -> Ping {
        Ping { ack: true, data }
    }

    pub(crate) fn decode(head: &Head, payload: Bytes) -> Result<Ping, FrameError> {
        if !head.stream_id.is_zero() {
            return Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.7: PING on a stream other than 0",
            ));
        }
        let Ok(data) = <[u8; 8]>::try_from(&payload[..]) else {
            return Err(FrameError::conn(
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §6.7: PING length is not 8",
            ));
        };
        Ok(Ping {
            ack: head.has(flags::ACK),
            data,
        })
    }

    pub fn encode(&self, dst: &mut BytesMut) {
        dst.reserve(super::HEAD_LEN + 8);
        encode_head(
            8,
            FrameType::PING,
            if self.ack { flags::ACK } else { 0 },
            StreamId::ZERO,
            dst,
        );
        dst.put_slice(&self.data);
    }
}
