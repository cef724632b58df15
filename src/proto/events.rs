//! What a `Connection` tells the layer above, in past tense. Events are returned by
//! `poll_event`, never called back: user code never runs inside the core.

use bytes::Bytes;

use super::priority::Priority;
use crate::frame::{ErrorCode, StreamId};
use crate::hpack::Field;
use crate::settings::Settings;

/// A decoded header block, in wire order.
pub type HeaderList = Vec<Field>;

/// Which header block of a stream arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadersKind {
    /// Server: the request headers that opened a stream.
    Request,
    /// Client: the final response (also for a pushed stream).
    Response,
    /// Client: a 1xx informational block (CST-1 `'headers'`).
    Informational,
    /// Trailing headers (STR-9 `'trailers'`).
    Trailers,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The peer's SETTINGS were applied (SES-8 `'remoteSettings'`).
    RemoteSettings(Settings),
    /// The peer acknowledged our SETTINGS, which now apply (SES-7 `'localSettings'`).
    LocalSettingsAcked(Settings),
    /// A header block arrived on a stream.
    Headers { stream: StreamId, kind: HeadersKind, headers: HeaderList, end_stream: bool, priority: Option<Priority> },
    /// Client: the server promised a pushed stream (PUSH-1; the session's `'stream'`).
    PushPromise { parent: StreamId, promised: StreamId, headers: HeaderList },
    /// DATA arrived. Call `consume` once the application has taken it, to reopen the window.
    Data { stream: StreamId, data: Bytes, end_stream: bool },
    /// This many bytes of the stream's queued data were written out (completes writes).
    DataSent { stream: StreamId, bytes: usize },
    /// The stream was reset: by the peer (`remote`), or by us because of a stream error or
    /// a refused stream.
    Reset { stream: StreamId, code: ErrorCode, remote: bool },
    /// The stream closed normally (END_STREAM both ways).
    Closed { stream: StreamId },
    /// A header block could not be sent (larger than `maxSendHeaderBlockLength`): Node's
    /// `'frameError'(type, code, id)`; the stream is reset.
    FrameError { stream: StreamId, frame_type: u8, code: i32 },
    /// Our PING was answered.
    PingAck { payload: [u8; 8] },
    /// The peer sent a PING (answered already): Node's session `'ping'(payload)`.
    Ping { payload: [u8; 8] },
    /// The peer sent GOAWAY (SES-6).
    GoAway { code: ErrorCode, last_stream_id: StreamId, debug: Bytes },
    /// We detected a connection error (or a protection tripped) and sent GOAWAY.
    ConnectionError { code: ErrorCode, reason: &'static str },
}
