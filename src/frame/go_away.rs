//! GOAWAY (RFC 9113 §6.8).

use super::head::{encode_head, FrameType, Head};
use super::{be_u32, ErrorCode, FrameError, StreamId};
use bytes::{Buf, BufMut, Bytes, BytesMut};

/// A GOAWAY frame. `debug_data` is a slice of the received buffer (Node's `opaqueData`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoAway {
    pub last_stream_id: StreamId,
    pub error_code: ErrorCode,
    pub debug_data: Bytes,
}

impl GoAway {
    pub fn new(last_stream_id: StreamId, error_code: ErrorCode) -> GoAway {
        GoAway {
            last_stream_id,
            error_code,
            debug_data: Bytes::new(),
        }
    }

    pub(crate) fn decode(head: &Head, mut payload: Bytes) -> Result<GoAway, FrameError> {
        if !head.stream_id.is_zero() {
            return Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.8: GOAWAY on a stream other than 0",
            ));
        }
        let (Some(last), Some(code)) = (be_u32(&payload, 0), be_u32(&payload, 4)) else {
            return Err(FrameError::conn(
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §6.8: GOAWAY shorter than 8 octets",
            ));
        };
        payload.advance(8);
        Ok(GoAway {
            // RFC 9113 §6.8: the reserved bit is ignored.
            last_stream_id: StreamId::new(last),
            error_code: ErrorCode(code),
            debug_data: payload,
        })
    }

    pub fn encode(&self, dst: &mut BytesMut) {
        let len = 8 + self.debug_data.len();
        dst.reserve(super::HEAD_LEN + len);
        encode_head(len as u32, FrameType::GOAWAY, 0, StreamId::ZERO, dst);
        dst.put_u32(self.last_stream_id.get());
        dst.put_u32(self.error_code.0);
        dst.put_slice(&self.debug_data);
    }
}
