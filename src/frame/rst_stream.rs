//! RST_STREAM (RFC 9113 §6.4).

use super::head::{encode_head, FrameType, Head};
use super::{be_u32, ErrorCode, FrameError, StreamId};
use bytes::{BufMut, Bytes, BytesMut};

/// A RST_STREAM frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RstStream {
    pub stream_id: StreamId,
    pub error_code: ErrorCode,
}

impl RstStream {
    pub fn new(stream_id: StreamId, error_code: ErrorCode) -> RstStream {
        RstStream {
            stream_id,
            error_code,
        }
    }

    pub(crate) fn decode(head: &Head, payload: Bytes) -> Result<RstStream, FrameError> {
        if head.stream_id.is_zero() {
            return Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.4: RST_STREAM on stream 0",
            ));
        }
        match (payload.len(), be_u32(&payload, 0)) {
            (4, Some(code)) => Ok(RstStream {
                stream_id: head.stream_id,
                error_code: ErrorCode(code),
            }),
            _ => Err(FrameError::conn(
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §6.4: RST_STREAM length is not 4",
            )),
        }
    }

    pub fn encode(&self, dst: &mut BytesMut) {
        dst.reserve(super::HEAD_LEN + 4);
        encode_head(4, FrameType::RST_STREAM, 0, self.stream_id, dst);
        dst.put_u32(self.error_code.0);
    }
}
