//! The stream state machine of RFC 9113 §5.1, as one explicit transition table.
//!
//! ```text
//!                              +--------+
//!                      send PP |        | recv PP
//!                     ,--------+  idle  +--------.
//!                    /         |        |         \
//!                   v          +--------+          v
//!            +----------+          |           +----------+
//!            |          |          | send H /  |          |
//!     ,------+ reserved |          | recv H    | reserved +------.
//!     |      | (local)  |          |           | (remote) |      |
//!     |      +---+------+          v           +------+---+      |
//!     |          |             +--------+             |          |
//!     |          |     recv ES |        | send ES     |          |
//!     |   send H |     ,-------+  open  +-------.     | recv H   |
//!     |          |    /        |        |        \    |          |
//!     |          v   v         +---+----+         v   v          |
//!     |      +----------+          |           +----------+      |
//!     |      |   half-  |          |           |   half-  |      |
//!     |      |  closed  |          | send R /  |  closed  |      |
//!     |      | (remote) |          | recv R    | (local)  |      |
//!     |      +----+-----+          |           +-----+----+      |
//!     |           |                |                 |           |
//!     |           | send ES /      |       recv ES / |           |
//!     |           | send R /       v        send R / |           |
//!     |           | recv R     +--------+   recv R   |           |
//!     | send R /  `----------->|        |<-----------'  send R / |
//!     | recv R                 | closed |               recv R   |
//!     `----------------------->|        |<-----------------------'
//!                              +--------+
//!   send:   endpoint sends this frame       H:  HEADERS frame (with implied CONTINUATION frames)
//!   recv:   endpoint receives this frame    PP: PUSH_PROMISE frame (with implied CONTINUATION frames)
//!   ES:     END_STREAM flag                 R:  RST_STREAM frame
//! ```
//!
//! Inputs that carry END_STREAM are given as two steps (the frame, then `SendEndStream` /
//! `RecvEndStream`), as the diagram draws them. A pair the table does not list is an error
//! whose kind the RFC names (§5.1, §6.1, §6.2, §8.1).

use crate::frame::ErrorCode;

/// RFC 9113 §5.1 stream states. The numbers are Node's `NGHTTP2_STREAM_STATE_*` (STR-14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StreamState {
    Idle,
    ReservedLocal,
    ReservedRemote,
    Open,
    HalfClosedLocal,
    HalfClosedRemote,
    Closed,
}

impl StreamState {
    /// `stream.state.state` as Node reports it (nghttp2's numbering).
    pub fn node_value(self) -> u32 {
        match self {
            StreamState::Idle => 1,
            StreamState::Open => 2,
            StreamState::ReservedLocal => 3,
            StreamState::ReservedRemote => 4,
            StreamState::HalfClosedLocal => 5,
            StreamState::HalfClosedRemote => 6,
            StreamState::Closed => 7,
        }
    }

    /// We may still send DATA/trailers (our side is not closed).
    pub fn can_send(self) -> bool {
        matches!(self, StreamState::Open | StreamState::HalfClosedRemote)
    }

    /// The peer may still send DATA/trailers.
    pub fn can_recv(self) -> bool {
        matches!(self, StreamState::Open | StreamState::HalfClosedLocal)
    }

    /// Counts against SETTINGS_MAX_CONCURRENT_STREAMS (RFC 9113 §5.1.2).
    pub fn is_active(self) -> bool {
        matches!(self, StreamState::Open | StreamState::HalfClosedLocal | StreamState::HalfClosedRemote)
    }
}

/// What happens to a stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    SendHeaders,
    RecvHeaders,
    SendPushPromise,
    RecvPushPromise,
    SendData,
    RecvData,
    SendEndStream,
    RecvEndStream,
    SendReset,
    RecvReset,
    /// WINDOW_UPDATE or PRIORITY received: allowed in most states (§5.1).
    RecvWindowUpdate,
    RecvPriority,
}

/// Why a transition is refused; the caller turns it into the frame the RFC asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A stream error with this code (RST_STREAM).
    Stream(ErrorCode),
    /// A connection error with this code (GOAWAY).
    Connection(ErrorCode),
    /// A local API misuse (we tried to send something the state forbids).
    Local,
}

/// The transition function. Every (state, input) pair is listed; there is no catch-all arm.
pub fn transition(state: StreamState, input: Input) -> Result<StreamState, Refusal> {
    use Input::*;
    use StreamState::*;
    const PROTO_CONN: Refusal = Refusal::Connection(ErrorCode::PROTOCOL_ERROR);
    const CLOSED_STREAM: Refusal = Refusal::Stream(ErrorCode::STREAM_CLOSED);
    match (state, input) {
        // ----- idle (§5.1: only HEADERS or PUSH_PROMISE move it; PRIORITY is allowed) -----
        (Idle, SendHeaders) => Ok(Open),
        (Idle, RecvHeaders) => Ok(Open),
        (Idle, SendPushPromise) => Ok(ReservedLocal),
        (Idle, RecvPushPromise) => Ok(ReservedRemote),
        (Idle, RecvPriority) => Ok(Idle),
        // "Receiving any frame other than HEADERS or PRIORITY on a stream in this state MUST
        // be treated as a connection error of type PROTOCOL_ERROR."
        (Idle, RecvData) | (Idle, RecvEndStream) | (Idle, RecvReset) | (Idle, RecvWindowUpdate) => Err(PROTO_CONN),
        (Idle, SendData) | (Idle, SendEndStream) | (Idle, SendReset) => Err(Refusal::Local),

        // ----- reserved (local): we promised it; we may send HEADERS or RST -----
        (ReservedLocal, SendHeaders) => Ok(HalfClosedRemote),
        (ReservedLocal, SendReset) | (ReservedLocal, RecvReset) => Ok(Closed),
        (ReservedLocal, RecvPriority) | (ReservedLocal, RecvWindowUpdate) => Ok(ReservedLocal),
        // §5.1: "Receiving any type of frame other than RST_STREAM, PRIORITY, or WINDOW_UPDATE
        // on a stream in this state MUST be treated as a connection error of type PROTOCOL_ERROR."
        (ReservedLocal, RecvHeaders) | (ReservedLocal, RecvData) | (ReservedLocal, RecvEndStream) | (ReservedLocal, RecvPushPromise) => {
            Err(PROTO_CONN)
        }
        (ReservedLocal, SendData) | (ReservedLocal, SendEndStream) | (ReservedLocal, SendPushPromise) => Err(Refusal::Local),

        // ----- reserved (remote): the peer promised it; it may send HEADERS -----
        (ReservedRemote, RecvHeaders) => Ok(HalfClosedLocal),
        (ReservedRemote, SendReset) | (ReservedRemote, RecvReset) => Ok(Closed),
        (ReservedRemote, RecvPriority) | (ReservedRemote, RecvWindowUpdate) => Ok(ReservedRemote),
        // §5.1: "Receiving any type of frame other than HEADERS, RST_STREAM, or PRIORITY on a
        // stream in this state MUST be treated as a connection error of type PROTOCOL_ERROR."
        (ReservedRemote, RecvData) | (ReservedRemote, RecvEndStream) | (ReservedRemote, RecvPushPromise) => Err(PROTO_CONN),
        (ReservedRemote, SendHeaders) | (ReservedRemote, SendData) | (ReservedRemote, SendEndStream) | (ReservedRemote, SendPushPromise) => {
            Err(Refusal::Local)
        }

        // ----- open -----
        (Open, SendHeaders) | (Open, RecvHeaders) | (Open, SendData) | (Open, RecvData) => Ok(Open),
        (Open, SendEndStream) => Ok(HalfClosedLocal),
        (Open, RecvEndStream) => Ok(HalfClosedRemote),
        (Open, SendReset) | (Open, RecvReset) => Ok(Closed),
        (Open, SendPushPromise) => Ok(Open),
        (Open, RecvPushPromise) => Ok(Open),
        (Open, RecvPriority) | (Open, RecvWindowUpdate) => Ok(Open),

        // ----- half-closed (local): we are done sending -----
        (HalfClosedLocal, RecvHeaders) | (HalfClosedLocal, RecvData) => Ok(HalfClosedLocal),
        (HalfClosedLocal, RecvEndStream) => Ok(Closed),
        (HalfClosedLocal, SendReset) | (HalfClosedLocal, RecvReset) => Ok(Closed),
        (HalfClosedLocal, RecvPriority) | (HalfClosedLocal, RecvWindowUpdate) => Ok(HalfClosedLocal),
        (HalfClosedLocal, RecvPushPromise) => Ok(HalfClosedLocal),
        (HalfClosedLocal, SendHeaders) | (HalfClosedLocal, SendData) | (HalfClosedLocal, SendEndStream) | (HalfClosedLocal, SendPushPromise) => {
            Err(Refusal::Local)
        }

        // ----- half-closed (remote): the peer is done sending -----
        // §5.1: "If an endpoint receives additional frames, other than WINDOW_UPDATE,
        // PRIORITY, or RST_STREAM, for a stream that is in this state, it MUST respond with a
        // stream error of type STREAM_CLOSED."
        (HalfClosedRemote, RecvHeaders) | (HalfClosedRemote, RecvData) | (HalfClosedRemote, RecvEndStream) => Err(CLOSED_STREAM),
        (HalfClosedRemote, RecvPushPromise) => Err(PROTO_CONN),
        (HalfClosedRemote, SendHeaders) | (HalfClosedRemote, SendData) => Ok(HalfClosedRemote),
        (HalfClosedRemote, SendEndStream) => Ok(Closed),
        (HalfClosedRemote, SendReset) | (HalfClosedRemote, RecvReset) => Ok(Closed),
        (HalfClosedRemote, SendPushPromise) => Ok(HalfClosedRemote),
        (HalfClosedRemote, RecvPriority) | (HalfClosedRemote, RecvWindowUpdate) => Ok(HalfClosedRemote),

        // ----- closed -----
        // §5.1: after RST_STREAM or END_STREAM, frames other than PRIORITY are STREAM_CLOSED
        // errors (the connection decides between stream and connection scope by how long
        // ago it closed; see `Connection::closed_stream_frame`).
        (Closed, RecvPriority) | (Closed, RecvWindowUpdate) | (Closed, RecvReset) => Ok(Closed),
        (Closed, RecvHeaders) | (Closed, RecvData) | (Closed, RecvEndStream) => Err(CLOSED_STREAM),
        (Closed, RecvPushPromise) => Err(PROTO_CONN),
        // Resetting a closed stream again is a no-op.
        (Closed, SendReset) => Ok(Closed),
        (Closed, SendHeaders) | (Closed, SendData) | (Closed, SendEndStream) | (Closed, SendPushPromise) => Err(Refusal::Local),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Input::*;
    use StreamState::*;

    const STATES: [StreamState; 7] = [Idle, ReservedLocal, ReservedRemote, Open, HalfClosedLocal, HalfClosedRemote, Closed];
    const INPUTS: [Input; 12] = [
        SendHeaders,
        RecvHeaders,
        SendPushPromise,
        RecvPushPromise,
        SendData,
        RecvData,
        SendEndStream,
        RecvEndStream,
        SendReset,
        RecvReset,
        RecvWindowUpdate,
        RecvPriority,
    ];

    #[test]
    fn rfc9113_5_1_exhaustive_state_by_input() {
        // Every pair has an answer, and the only ways into `closed` are END_STREAM from a
        // half-closed state or RST_STREAM.
        for s in STATES {
            for i in INPUTS {
                if let Ok(next) = transition(s, i) {
                    if next == Closed && s != Closed {
                        assert!(
                            matches!(i, SendReset | RecvReset | SendEndStream | RecvEndStream),
                            "{s:?} --{i:?}--> closed"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn rfc9113_5_1_request_response_lifecycle() {
        let s = transition(Idle, SendHeaders).unwrap();
        let s = transition(s, SendEndStream).unwrap();
        assert_eq!(s, HalfClosedLocal);
        let s = transition(s, RecvHeaders).unwrap();
        let s = transition(s, RecvData).unwrap();
        assert_eq!(transition(s, RecvEndStream), Ok(Closed));
    }

    #[test]
    fn rfc9113_5_1_idle_data_is_connection_protocol_error() {
        assert_eq!(transition(Idle, RecvData), Err(Refusal::Connection(ErrorCode::PROTOCOL_ERROR)));
    }

    #[test]
    fn rfc9113_5_1_half_closed_remote_data_is_stream_closed() {
        assert_eq!(transition(HalfClosedRemote, RecvData), Err(Refusal::Stream(ErrorCode::STREAM_CLOSED)));
        assert_eq!(transition(HalfClosedRemote, RecvWindowUpdate), Ok(HalfClosedRemote));
    }

    #[test]
    fn rfc9113_5_1_push_lifecycle() {
        let s = transition(Idle, RecvPushPromise).unwrap();
        assert_eq!(s, ReservedRemote);
        assert_eq!(transition(s, RecvData), Err(Refusal::Connection(ErrorCode::PROTOCOL_ERROR)));
        let s = transition(s, RecvHeaders).unwrap();
        assert_eq!(s, HalfClosedLocal);
        let s = transition(Idle, SendPushPromise).unwrap();
        assert_eq!(transition(s, SendData), Err(Refusal::Local));
        assert_eq!(transition(s, SendHeaders), Ok(HalfClosedRemote));
    }
}
