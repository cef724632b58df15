//! `FrameDecoder`: resumable framing of a byte stream into `Frame`s (RFC 9113 §4.1, §4.2).

use super::head::{FrameType, Head, HEAD_LEN};
use super::{
    Continuation, Data, ErrorCode, Frame, FrameError, GoAway, Headers, Ping, Priority, PushPromise,
    RstStream, SettingsFrame, Unknown, WindowUpdate, MAX_PAYLOAD_LEN, MIN_MAX_FRAME_SIZE,
};
use bytes::{Buf, BytesMut};
use log::trace;

/// Cuts whole frames off the front of a buffer the caller fills from the socket. Holds no
/// bytes itself: a partial frame simply stays in the caller's buffer until more arrives.
#[derive(Clone, Debug)]
pub struct FrameDecoder {
    max_frame_size: u32,
}

impl Default for FrameDecoder {
    fn default() -> FrameDecoder {
        FrameDecoder::new()
    }
}

impl FrameDecoder {
    /// A decoder accepting payloads up to 16384 octets, the initial SETTINGS_MAX_FRAME_SIZE
    /// (RFC 9113 §6.5.2).
    pub fn new() -> FrameDecoder {
        FrameDecoder {
            max_frame_size: MIN_MAX_FRAME_SIZE,
        }
    }

    /// Sets the largest payload accepted: our SETTINGS_MAX_FRAME_SIZE once the peer has
    /// acknowledged it. Values outside 16384..=2^24-1 are clamped into that range.
    pub fn set_max_frame_size(&mut self, size: u32) {
        self.max_frame_size = size.clamp(MIN_MAX_FRAME_SIZE, MAX_PAYLOAD_LEN);
    }

    pub fn max_frame_size(&self) -> u32 {
        self.max_frame_size
    }

    /// Takes one whole frame off the front of `buf`: `Ok(None)` when the frame is not all
    /// there yet (nothing is consumed). Payloads are slices of `buf`'s memory, not copies.
    ///
    /// A stream error consumes its frame, so the caller resets that stream and calls again.
    /// After a connection error the caller must stop decoding (GOAWAY follows).
    pub fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Frame>, FrameError> {
        let Some(head) = Head::parse(buf) else {
            return Ok(None);
        };
        // RFC 9113 §4.2: a frame larger than our SETTINGS_MAX_FRAME_SIZE is a FRAME_SIZE_ERROR.
        // Checked before waiting for the payload, so a peer cannot make us buffer 16 MiB.
        if head.len > self.max_frame_size {
            return Err(FrameError::conn(
                ErrorCode::FRAME_SIZE_ERROR,
                "RFC 9113 §4.2: frame larger than SETTINGS_MAX_FRAME_SIZE",
            ));
        }
        let total = HEAD_LEN + head.len as usize;
        if buf.len() < total {
            return Ok(None);
        }
        let mut payload = buf.split_to(total).freeze();
        payload.advance(HEAD_LEN);
        let frame = match decode_payload(&head, payload) {
            Ok(f) => f,
            Err(e) => {
                trace!("recv {} -> {}", head, e);
                return Err(e);
            }
        };
        trace!("recv {} {}", head, frame.details());
        Ok(Some(frame))
    }
}

fn decode_payload(head: &Head, payload: bytes::Bytes) -> Result<Frame, FrameError> {
    Ok(match head.kind {
        FrameType::DATA => Frame::Data(Data::decode(head, payload)?),
        FrameType::HEADERS => Frame::Headers(Headers::decode(head, payload)?),
        FrameType::PRIORITY => Frame::Priority(Priority::decode(head, payload)?),
        FrameType::RST_STREAM => Frame::RstStream(RstStream::decode(head, payload)?),
        FrameType::SETTINGS => Frame::Settings(SettingsFrame::decode(head, payload)?),
        FrameType::PUSH_PROMISE => Frame::PushPromise(PushPromise::decode(head, payload)?),
        FrameType::PING => Frame::Ping(Ping::decode(head, payload)?),
        FrameType::GOAWAY => Frame::GoAway(GoAway::decode(head, payload)?),
        FrameType::WINDOW_UPDATE => Frame::WindowUpdate(WindowUpdate::decode(head, payload)?),
        FrameType::CONTINUATION => Frame::Continuation(Continuation::decode(head, payload)?),
        FrameType(kind) => Frame::Unknown(Unknown {
            kind,
            flags: head.flags,
            stream_id: head.stream_id,
            payload,
        }),
    })
}
