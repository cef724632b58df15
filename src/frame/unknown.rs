//! Frames of a type this codec does not know (RFC 9113 §4.1, §5.5).

use super::head::{encode_head, FrameType};
use super::StreamId;
use bytes::{BufMut, Bytes, BytesMut};

/// A frame of an unknown (extension) type, returned rather than dropped: the core ignores it,
/// except in the middle of a field block, where any other frame is a connection
/// PROTOCOL_ERROR (RFC 9113 §5.5, §6.10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    pub kind: u8,
    pub flags: u8,
    pub stream_id: StreamId,
    pub payload: Bytes,
}

impl Unknown {
    pub fn encode(&self, dst: &mut BytesMut) {
        dst.reserve(super::HEAD_LEN + self.payload.len());
        encode_head(
            self.payload.len() as u32,
            FrameType(self.kind),
            self.flags,
            self.stream_id,
            dst,
        );
        dst.put_slice(&self.payload);
    }
}
