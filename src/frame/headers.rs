//! HEADERS (RFC 9113 §6.2), with the priority fields, and the split of a long field block into
//! HEADERS + CONTINUATION frames (§6.10).

use super::head::{encode_head, flags, FrameType, Head};
use super::priority::PrioritySpec;
use super::{padding, ErrorCode, FrameError, StreamId};
use bytes::{BufMut, Bytes, BytesMut};

/// A HEADERS frame. `fragment` is a slice of the received buffer: the start (or all) of an
/// HPACK field block, which the core must decode even if it rejects the stream, to keep the
/// compression state in step (RFC 9113 §4.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Headers {
    pub stream_id: StreamId,
    pub end_stream: bool,
    pub end_headers: bool,
    /// Present when the PRIORITY flag is set.
    pub priority: Option<PrioritySpec>,
    /// The Pad Length when the PADDED flag is set.
    pub padding: Option<u8>,
    pub fragment: Bytes,
}

impl Headers {
    /// A HEADERS frame carrying a whole field block (`end_headers` set), no priority, no padding.
    pub fn new(stream_id: StreamId, fragment: Bytes, end_stream: bool) -> Headers {
        Headers {
            stream_id,
            end_stream,
            end_headers: true,
            priority: None,
            padding: None,
            fragment,
        }
    }

    /// RFC 9113 §5.3.1: a stream cannot depend on itself (a stream PROTOCOL_ERROR). Not
    /// rejected by the decoder because the field block must still be decoded; the core checks.
    pub fn is_self_dependent(&self) -> bool {
        self.priority
            .is_some_and(|p| p.dependency == self.stream_id)
    }

    pub(crate) fn decode(head: &Head, mut payload: Bytes) -> Result<Headers, FrameError> {
        if head.stream_id.is_zero() {
            return Err(FrameError::conn(
                ErrorCode::PROTOCOL_ERROR,
                "RFC 9113 §6.2: HEADERS on stream 0",
            ));
        }
        let has_priority = head.has(flags::PRIORITY);
        let fixed = if has_priority { PrioritySpec::LEN } else { 0 };
        let padding = padding::strip(&mut payload, head.has(flags::PADDED), fixed)?;
        let priority = if has_priority {
            // `strip` checked that the 5 priority octets are there.
            let spec = payload.split_to(PrioritySpec::LEN);
            PrioritySpec::parse(&spec)
        } else {
            None
        };
        Ok(Headers {
            stream_id: head.stream_id,
            end_stream: head.has(flags::END_STREAM),
            end_headers: head.has(flags::END_HEADERS),
            priority,
            padding,
            fragment: payload,
        })
    }

    fn overhead(&self) -> u32 {
        padding::overhead(self.padding)
            + if self.priority.is_some() {
                PrioritySpec::LEN as u32
            } else {
                0
            }
    }

    fn flags(&self, end_headers: bool) -> u8 {
        let mut f = 0;
        if self.end_stream {
            f |= flags::END_STREAM;
        }
        if end_headers {
            f |= flags::END_HEADERS;
        }
        if self.padding.is_some() {
            f |= flags::PADDED;
        }
        if self.priority.is_some() {
            f |= flags::PRIORITY;
        }
        f
    }

    fn encode_with(&self, fragment: &[u8], end_headers: bool, dst: &mut BytesMut) {
        let len = (fragment.len() as u32).saturating_add(self.overhead());
        dst.reserve(super::HEAD_LEN + len as usize);
        encode_head(
            len,
            FrameType::HEADERS,
            self.flags(end_headers),
            self.stream_id,
            dst,
        );
        padding::put_pad_len(self.padding, dst);
        if let Some(p) = self.priority {
            p.encode(dst);
        }
        dst.put_slice(fragment);
        padding::put_padding(self.padding, dst);
    }

    /// Writes this one frame as it is (flags from the fields). The payload must fit the
    /// peer's max frame size; use [`Headers::encode_split`] for a whole field block.
    pub fn encode(&self, dst: &mut BytesMut) {
        self.encode_with(&self.fragment, self.end_headers, dst);
    }

    /// Writes `fragment` as a whole field block: one HEADERS frame if it fits in
    /// `max_frame_size`, else HEADERS followed by CONTINUATION frames, END_HEADERS on the last
    /// (RFC 9113 §4.3: nothing may be interleaved, so they are written back to back).
    /// `end_headers` is ignored; padding and priority go on the HEADERS frame only.
    pub fn encode_split(&self, max_frame_size: u32, dst: &mut BytesMut) {
        let max = split_max(max_frame_size);
        let first_room = max.saturating_sub(self.overhead() as usize).max(1);
        if self.fragment.len() <= first_room {
            self.encode_with(&self.fragment, true, dst);
            return;
        }
        let (first, rest) = self.fragment.split_at(first_room);
        self.encode_with(first, false, dst);
        super::continuation::encode_chunks(self.stream_id, rest, max, dst);
    }
}

/// A usable max frame size for splitting: never below the RFC minimum of 16384, so each
/// frame carries fragment octets (the peer may not announce less; RFC 9113 §6.5.2).
pub(crate) fn split_max(max_frame_size: u32) -> usize {
    max_frame_size.clamp(super::MIN_MAX_FRAME_SIZE, super::head::MAX_PAYLOAD_LEN) as usize
}
