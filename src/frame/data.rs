//! DATA (RFC 9113 §6.1).

use super::head::{encode_head, flags, FrameType, Head};
use super::{padding, ErrorCode, FrameError, StreamId};
use bytes::{BufMut, Bytes, BytesMut};

/// A DATA frame. `payload` is a slice of the received buffer (no copy).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Data {
    pub stream_id: StreamId,
    pub end_stream: bool,
    /// The Pad Length when the PADDED flag is set (padding is not part of `payload`).
    pub padding: Option<u8>,
    pub payload: Bytes,
}

impl Data {
    pub fn new(stream_id: StreamId, payload: Bytes, end_stream: bool) -> Data {
        Data {
            stream_id,
            end_stream,
            padding: None,
            payload,
        }
    }

    /// RFC 9113 §6.1: "The entire DATA frame payload is included in flow control, including
    /// the Pad Length and Padding fields if present."
    pub fn flow_controlled_len(&self) -> u32 {
        self.payload_len()
    }

    /// The length field this frame has on the wire.
    pub fn payload_len(&self) -> u32 {
        // The payload came from (or will go into) a frame whose length fits 24 bits.
        u32::try_from(self.payload.len())
            .unwrap_or(u32::MAX)
            .saturating_add(padding::overhead(self.padding))
    }

    pub(crate) fn decode(head: &Head, mut payload: Bytes) -> Result<Data, FrameError> {
        if head.stream_id.is_zero() {
            return Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.1: DATA on stream 0",
            ));
        }
        let padding = padding::strip(&mut payload, head.has(flags::PADDED), 0)?;
        Ok(Data {
            stream_id: head.stream_id,
            end_stream: head.has(flags::END_STREAM),
            padding,
            payload,
        })
    }

    fn flags(&self) -> u8 {
        let mut f = 0;
        if self.end_stream {
            f |= flags::END_STREAM;
        }
        if self.padding.is_some() {
            f |= flags::PADDED;
        }
        f
    }

    /// Writes the frame header and, when padded, the Pad Length octet: everything before the
    /// payload. With [`Data::encode_padding`] after the payload, this sends DATA without
    /// copying the payload into `dst`.
    pub fn encode_prefix(&self, dst: &mut BytesMut) {
        encode_head(
            self.payload_len(),
            FrameType::DATA,
            self.flags(),
            self.stream_id,
            dst,
        );
        padding::put_pad_len(self.padding, dst);
    }

    /// Writes the zero padding that follows the payload (nothing when not padded).
    pub fn encode_padding(&self, dst: &mut BytesMut) {
        padding::put_padding(self.padding, dst);
    }

    /// Writes the whole frame. The payload plus padding must fit the peer's max frame size.
    pub fn encode(&self, dst: &mut BytesMut) {
        dst.reserve(super::HEAD_LEN + self.payload_len() as usize);
        self.encode_prefix(dst);
        dst.put_slice(&self.payload);
        self.encode_padding(dst);
    }
}
