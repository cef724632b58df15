//! PUSH_PROMISE (RFC 9113 §6.6).

use super::head::{encode_head, flags, FrameType, Head};
use super::{be_u32, padding, ErrorCode, FrameError, StreamId};
use bytes::{Buf, BufMut, Bytes, BytesMut};

/// A PUSH_PROMISE frame: the server reserves `promised_id` and sends the request's field block.
/// Whether the promised id is acceptable (even, new, push enabled) is the core's check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushPromise {
    pub stream_id: StreamId,
    pub promised_id: StreamId,
    pub end_headers: bool,
    /// The Pad Length when the PADDED flag is set.
    pub padding: Option<u8>,
    pub fragment: Bytes,
}

impl PushPromise {
    /// A PUSH_PROMISE with a whole field block (`end_headers` set) and no padding.
    pub fn new(stream_id: StreamId, promised_id: StreamId, fragment: Bytes) -> PushPromise {
        PushPromise {
            stream_id,
            promised_id,
            end_headers: true,
            padding: None,
            fragment,
        }
    }

    pub(crate) fn decode(head: &Head, mut payload: Bytes) -> Result<PushPromise, FrameError> {
        if head.stream_id.is_zero() {
            return Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.6: PUSH_PROMISE on stream 0",
            ));
        }
        let padding = padding::strip(&mut payload, head.has(flags::PADDED), 4)?;
        let Some(promised) = be_u32(&payload, 0) else {
            return Err(FrameError::conn(
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §4.2: frame too small for its fields",
            ));
        };
        payload.advance(4);
        Ok(PushPromise {
            stream_id: head.stream_id,
            // RFC 9113 §6.6: the reserved bit is ignored.
            promised_id: StreamId::new(promised),
            end_headers: head.has(flags::END_HEADERS),
            padding,
            fragment: payload,
        })
    }

    fn encode_with(&self, fragment: &[u8], end_headers: bool, dst: &mut BytesMut) {
        let len = (fragment.len() as u32).saturating_add(4 + padding::overhead(self.padding));
        let mut f = if end_headers { flags::END_HEADERS } else { 0 };
        if self.padding.is_some() {
            f |= flags::PADDED;
        }
        dst.reserve(super::HEAD_LEN + len as usize);
        encode_head(len, FrameType::PUSH_PROMISE, f, self.stream_id, dst);
        padding::put_pad_len(self.padding, dst);
        dst.put_u32(self.promised_id.get());
        dst.put_slice(fragment);
        padding::put_padding(self.padding, dst);
    }

    /// Writes this one frame as it is. The payload must fit the peer's max frame size.
    pub fn encode(&self, dst: &mut BytesMut) {
        self.encode_with(&self.fragment, self.end_headers, dst);
    }

    /// Writes `fragment` as a whole field block: PUSH_PROMISE, then CONTINUATION frames if it
    /// does not fit in `max_frame_size` (RFC 9113 §6.10). `end_headers` is ignored.
    pub fn encode_split(&self, max_frame_size: u32, dst: &mut BytesMut) {
        let max = super::headers::split_max(max_frame_size);
        let overhead = 4 + padding::overhead(self.padding) as usize;
        let first_room = max.saturating_sub(overhead).max(1);
        if self.fragment.len() <= first_room {
            self.encode_with(&self.fragment, true, dst);
            return;
        }
        let (first, rest) = self.fragment.split_at(first_room);
        self.encode_with(first, false, dst);
        super::continuation::encode_chunks(self.stream_id, rest, max, dst);
    }
}
