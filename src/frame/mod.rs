//! HTTP/2 frame codec (RFC 9113 §4, §6): the protocol vocabulary (`StreamId`, `ErrorCode`,
//! `FrameType`, flags, `PrioritySpec`), one file per frame type, the resumable
//! `FrameDecoder` and serialization into a caller's `BytesMut`.
//!
//! The decoder checks everything a frame can get wrong on its own (stream 0 or not, lengths,
//! padding, SETTINGS values, zero window increments) and reports it as a [`FrameError`] with
//! the code and scope RFC 9113 gives. What needs connection state (stream states, CONTINUATION
//! sequencing, push ids, flow-control windows) is the core's job.
//!
//! Every frame decoded is logged at `trace!` as `recv HEADERS frame <length=…, flags=…,
//! stream_id=…> (details)`, every frame header written as `send …`, like `nghttp -v`.

mod continuation;
mod data;
mod decoder;
mod error;
mod error_code;
mod go_away;
mod head;
mod headers;
mod padding;
mod ping;
mod priority;
mod push_promise;
mod rst_stream;
mod settings;
mod stream_id;
mod unknown;
mod window_update;

pub use continuation::Continuation;
pub use data::Data;
pub use decoder::FrameDecoder;
pub use error::FrameError;
pub use error_code::ErrorCode;
pub use go_away::GoAway;
pub use head::{encode_head, flags, FrameType, Head, HEAD_LEN, MAX_PAYLOAD_LEN};
pub use headers::Headers;
pub use ping::Ping;
pub use priority::{Priority, PrioritySpec};
pub use push_promise::PushPromise;
pub use rst_stream::RstStream;
pub use settings::{check_value as check_setting_value, setting, SettingsEntries, SettingsFrame};
pub use stream_id::StreamId;
pub use unknown::Unknown;
pub use window_update::WindowUpdate;

use bytes::BytesMut;
use std::fmt;

/// The initial and smallest SETTINGS_MAX_FRAME_SIZE (RFC 9113 §6.5.2).
pub const MIN_MAX_FRAME_SIZE: u32 = 16384;

/// The connection preface a client sends first (RFC 9113 §3.4).
pub const PREFACE: &[u8; 24] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// A decoded frame, or one to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    Data(Data),
    Headers(Headers),
    Priority(Priority),
    RstStream(RstStream),
    Settings(SettingsFrame),
    PushPromise(PushPromise),
    Ping(Ping),
    GoAway(GoAway),
    WindowUpdate(WindowUpdate),
    Continuation(Continuation),
    Unknown(Unknown),
}

impl Frame {
    pub fn kind(&self) -> FrameType {
        match self {
            Frame::Data(_) => FrameType::DATA,
            Frame::Headers(_) => FrameType::HEADERS,
            Frame::Priority(_) => FrameType::PRIORITY,
            Frame::RstStream(_) => FrameType::RST_STREAM,
            Frame::Settings(_) => FrameType::SETTINGS,
            Frame::PushPromise(_) => FrameType::PUSH_PROMISE,
            Frame::Ping(_) => FrameType::PING,
            Frame::GoAway(_) => FrameType::GOAWAY,
            Frame::WindowUpdate(_) => FrameType::WINDOW_UPDATE,
            Frame::Continuation(_) => FrameType::CONTINUATION,
            Frame::Unknown(u) => FrameType(u.kind),
        }
    }

    /// The stream the frame is on (0 for SETTINGS, PING, GOAWAY).
    pub fn stream_id(&self) -> StreamId {
        match self {
            Frame::Data(f) => f.stream_id,
            Frame::Headers(f) => f.stream_id,
            Frame::Priority(f) => f.stream_id,
            Frame::RstStream(f) => f.stream_id,
            Frame::Settings(_) | Frame::Ping(_) | Frame::GoAway(_) => StreamId::ZERO,
            Frame::PushPromise(f) => f.stream_id,
            Frame::WindowUpdate(f) => f.stream_id,
            Frame::Continuation(f) => f.stream_id,
            Frame::Unknown(f) => f.stream_id,
        }
    }

    /// Writes the frame (header, payload, padding) at the end of `dst`. Field blocks are
    /// written as one frame each; see `Headers::encode_split` to split by max frame size.
    pub fn encode(&self, dst: &mut BytesMut) {
        match self {
            Frame::Data(f) => f.encode(dst),
            Frame::Headers(f) => f.encode(dst),
            Frame::Priority(f) => f.encode(dst),
            Frame::RstStream(f) => f.encode(dst),
            Frame::Settings(f) => f.encode(dst),
            Frame::PushPromise(f) => f.encode(dst),
            Frame::Ping(f) => f.encode(dst),
            Frame::GoAway(f) => f.encode(dst),
            Frame::WindowUpdate(f) => f.encode(dst),
            Frame::Continuation(f) => f.encode(dst),
            Frame::Unknown(f) => f.encode(dst),
        }
    }

    /// The payload details `nghttp -v` prints after the header line, as a `Display`.
    pub fn details(&self) -> Details<'_> {
        Details(self)
    }
}

/// See [`Frame::details`].
pub struct Details<'a>(&'a Frame);

impl fmt::Display for Details<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pad = |p: Option<u8>| p.map_or(0, u32::from);
        match self.0 {
            Frame::Data(d) => write!(
                f,
                "(padlen={}) {} octets{}",
                pad(d.padding),
                d.payload.len(),
                es(d.end_stream)
            ),
            Frame::Headers(h) => {
                write!(f, "(padlen={}", pad(h.padding))?;
                if let Some(p) = h.priority {
                    write!(
                        f,
                        ", dep_stream_id={}, weight={}, exclusive={}",
                        p.dependency,
                        p.weight,
                        u8::from(p.exclusive)
                    )?;
                }
                write!(
                    f,
                    ") {} octets{}{}",
                    h.fragment.len(),
                    es(h.end_stream),
                    eh(h.end_headers)
                )
            }
            Frame::Priority(p) => write!(
                f,
                "(dep_stream_id={}, weight={}, exclusive={})",
                p.spec.dependency,
                p.spec.weight,
                u8::from(p.spec.exclusive)
            ),
            Frame::RstStream(r) => {
                write!(f, "(error_code={}({:#x}))", r.error_code, r.error_code.0)
            }
            Frame::Settings(s) => write!(f, "{}{}", s, if s.ack { "; ACK" } else { "" }),
            Frame::PushPromise(p) => write!(
                f,
                "(padlen={}, promised_stream_id={}) {} octets{}",
                pad(p.padding),
                p.promised_id,
                p.fragment.len(),
                eh(p.end_headers)
            ),
            Frame::Ping(p) => write!(
                f,
                "(opaque_data={:02x?}){}",
                p.data,
                if p.ack { "; ACK" } else { "" }
            ),
            Frame::GoAway(g) => write!(
                f,
                "(last_stream_id={}, error_code={}({:#x}), opaque_data({}))",
                g.last_stream_id,
                g.error_code,
                g.error_code.0,
                g.debug_data.len()
            ),
            Frame::WindowUpdate(w) => write!(f, "(window_size_increment={})", w.increment),
            Frame::Continuation(c) => write!(f, "{} octets{}", c.fragment.len(), eh(c.end_headers)),
            Frame::Unknown(u) => write!(f, "(type=0x{:02x}) {} octets", u.kind, u.payload.len()),
        }
    }
}

fn es(end_stream: bool) -> &'static str {
    if end_stream {
        "; END_STREAM"
    } else {
        ""
    }
}

fn eh(end_headers: bool) -> &'static str {
    if end_headers {
        "; END_HEADERS"
    } else {
        ""
    }
}

/// The big-endian u32 at `at` in `b`, if `b` is long enough.
pub(crate) fn be_u32(b: &[u8], at: usize) -> Option<u32> {
    let four: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_be_bytes(four))
}

impl From<Data> for Frame {
    fn from(f: Data) -> Frame {
        Frame::Data(f)
    }
}
impl From<Headers> for Frame {
    fn from(f: Headers) -> Frame {
        Frame::Headers(f)
    }
}
impl From<Priority> for Frame {
    fn from(f: Priority) -> Frame {
        Frame::Priority(f)
    }
}
impl From<RstStream> for Frame {
    fn from(f: RstStream) -> Frame {
        Frame::RstStream(f)
    }
}
impl From<SettingsFrame> for Frame {
    fn from(f: SettingsFrame) -> Frame {
        Frame::Settings(f)
    }
}
impl From<PushPromise> for Frame {
    fn from(f: PushPromise) -> Frame {
        Frame::PushPromise(f)
    }
}
impl From<Ping> for Frame {
    fn from(f: Ping) -> Frame {
        Frame::Ping(f)
    }
}
impl From<GoAway> for Frame {
    fn from(f: GoAway) -> Frame {
        Frame::GoAway(f)
    }
}
impl From<WindowUpdate> for Frame {
    fn from(f: WindowUpdate) -> Frame {
        Frame::WindowUpdate(f)
    }
}
impl From<Continuation> for Frame {
    fn from(f: Continuation) -> Frame {
        Frame::Continuation(f)
    }
}
impl From<Unknown> for Frame {
    fn from(f: Unknown) -> Frame {
        Frame::Unknown(f)
    }
}
