//! WINDOW_UPDATE (RFC 9113 §6.9).

use super::head::{encode_head, FrameType, Head};
use super::{be_u32, ErrorCode, FrameError, StreamId};
use bytes::{BufMut, Bytes, BytesMut};

/// A WINDOW_UPDATE frame; stream 0 updates the connection window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowUpdate {
    pub stream_id: StreamId,
    /// 1..=2^31-1.
    pub increment: u32,
}

impl WindowUpdate {
    pub fn new(stream_id: StreamId, increment: u32) -> WindowUpdate {
        WindowUpdate {
            stream_id,
            increment,
        }
    }

    pub(crate) fn decode(head: &Head, payload: Bytes) -> Result<WindowUpdate, FrameError> {
        let (4, Some(raw)) = (payload.len(), be_u32(&payload, 0)) else {
            return Err(FrameError::conn(
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §6.9: WINDOW_UPDATE length is not 4",
            ));
        };
        // RFC 9113 §6.9: the high bit is reserved; its meaning is undefined, so ignore it.
        let increment = raw & 0x7fff_ffff;
        if increment == 0 {
            const WHY: &str = "RFC 9113 §6.9: WINDOW_UPDATE increment of 0";
            return Err(if head.stream_id.is_zero() {
                FrameError::conn(ErrorCode::PROTOCOL_ERROR, WHY)
            } else {
                FrameError::stream(head.stream_id, ErrorCode::PROTOCOL_ERROR, WHY)
            });
        }
        Ok(WindowUpdate {
            stream_id: head.stream_id,
            increment,
        })
    }

    pub fn encode(&self, dst: &mut BytesMut) {
        dst.reserve(super::HEAD_LEN + 4);
        encode_head(4, FrameType::WINDOW_UPDATE, 0, self.stream_id, dst);
        dst.put_u32(self.increment & 0x7fff_ffff);
    }
}
