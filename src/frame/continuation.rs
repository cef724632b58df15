//! CONTINUATION (RFC 9113 §6.10).

use super::head::{encode_head, flags, FrameType, Head};
use super::{ErrorCode, FrameError, StreamId};
use bytes::{BufMut, Bytes, BytesMut};

/// A CONTINUATION frame: more of the field block begun by HEADERS or PUSH_PROMISE on the same
/// stream. Sequencing (only after a block without END_HEADERS, same stream, nothing between)
/// is the core's job: it needs the connection state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continuation {
    pub stream_id: StreamId,
    pub end_headers: bool,
    pub fragment: Bytes,
}

impl Continuation {
    pub(crate) fn decode(head: &Head, payload: Bytes) -> Result<Continuation, FrameError> {
        if head.stream_id.is_zero() {
            return Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.10: CONTINUATION on stream 0",
            ));
        }
        Ok(Continuation {
            stream_id: head.stream_id,
            end_headers: head.has(flags::END_HEADERS),
            fragment: payload,
        })
    }

    pub fn encode(&self, dst: &mut BytesMut) {
        encode_one(self.stream_id, &self.fragment, self.end_headers, dst);
    }
}

fn encode_one(stream_id: StreamId, fragment: &[u8], end_headers: bool, dst: &mut BytesMut) {
    let f = if end_headers { flags::END_HEADERS } else { 0 };
    dst.reserve(super::HEAD_LEN + fragment.len());
    encode_head(
        fragment.len() as u32,
        FrameType::CONTINUATION,
        f,
        stream_id,
        dst,
    );
    dst.put_slice(fragment);
}

/// Writes `rest` as CONTINUATION frames of at most `max` octets, END_HEADERS on the last.
pub(crate) fn encode_chunks(stream_id: StreamId, rest: &[u8], max: usize, dst: &mut BytesMut) {
    let max = max.max(1);
    let mut chunks = rest.chunks(max).peekable();
    while let Some(chunk) = chunks.next() {
        encode_one(stream_id, chunk, chunks.peek().is_none(), dst);
    }
}
