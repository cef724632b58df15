//! One stream's record inside the core: its §5.1 state, both windows, what is queued to send
//! and what the receive side has checked so far (content-length, trailers).

use std::collections::VecDeque;

use bytes::Bytes;

use super::events::HeaderList;
use super::flow::{RecvFlow, SendFlow};
use super::state::{transition, Input, Refusal, StreamState};
use crate::frame::StreamId;

/// HEADERS waiting to be sent (a request held back by the peer's concurrency limit), kept
/// unencoded so HPACK encodes in wire order.
#[derive(Debug)]
pub struct PendingHeaders {
    pub headers: HeaderList,
    pub end_stream: bool,
}

#[derive(Debug)]
pub struct Stream {
    pub id: StreamId,
    pub state: StreamState,
    /// Opened (or promised) by us.
    pub local: bool,
    pub send_flow: SendFlow,
    pub recv_flow: RecvFlow,

    // ----- sending -----
    /// DATA payloads queued, in order.
    pub queue: VecDeque<Bytes>,
    pub queued_bytes: usize,
    /// END_STREAM goes out after the queued data.
    pub end_queued: bool,
    /// Trailers go out (with END_STREAM) after the queued data.
    pub trailers: Option<HeaderList>,
    /// A request waiting for a concurrency slot.
    pub pending_open: Option<PendingHeaders>,
    /// Final (non-1xx) headers were sent.
    pub headers_sent: bool,
    /// Our request HEADERS are queued but not yet written: nghttp2 (and so Node's
    /// `stream.state`) still calls the stream idle.
    pub opening_unsent: bool,

    // ----- receiving -----
    /// Final (non-1xx) headers were received.
    pub headers_received: bool,
    /// RFC 9113 §8.1.1: declared content-length, checked against the DATA received.
    pub content_length: Option<u64>,
    pub received: u64,
    /// A CONNECT tunnel (RFC 9113 §8.5): DATA carries the tunnel, no content-length rules.
    pub is_connect: bool,
    /// The request was HEAD: a response body is a protocol error (§8.1.1).
    pub head_request: bool,
    /// The peer opened this stream and we have not finished answering it: a reset by the
    /// peer now counts against the Rapid Reset budget.
    pub peer_open_unanswered: bool,
    /// Counted in the active-stream totals (§5.1.2).
    pub counted: bool,
    /// A priority the request asked for, sent in its HEADERS.
    pub explicit_priority: Option<super::priority::Priority>,
}

impl Stream {
    pub fn new(id: StreamId, local: bool, send_window: i64, recv_window: i64) -> Stream {
        Stream {
            id,
            state: StreamState::Idle,
            local,
            send_flow: SendFlow::new(send_window),
            recv_flow: RecvFlow::new(recv_window),
            queue: VecDeque::new(),
            queued_bytes: 0,
            end_queued: false,
            trailers: None,
            pending_open: None,
            headers_sent: false,
            opening_unsent: false,
            headers_received: false,
            content_length: None,
            received: 0,
            is_connect: false,
            head_request: false,
            peer_open_unanswered: false,
            counted: false,
            explicit_priority: None,
        }
    }

    /// Applies a §5.1 transition.
    pub fn step(&mut self, input: Input) -> Result<StreamState, Refusal> {
        let next = transition(self.state, input)?;
        self.state = next;
        Ok(next)
    }

    /// The application may queue DATA or trailers: our side is open, or this is a request
    /// without END_STREAM still waiting for a concurrency slot (RFC 9113 §5.1.2; it is idle
    /// until its HEADERS go out, and the body waits with it).
    pub fn can_queue_send(&self) -> bool {
        self.state.can_send() || self.pending_open.as_ref().is_some_and(|p| !p.end_stream)
    }

    /// Data or an END_STREAM/trailers is waiting and the state still allows sending.
    pub fn has_pending_send(&self) -> bool {
        self.state.can_send() && (self.queued_bytes > 0 || self.end_queued || self.trailers.is_some() || !self.queue.is_empty())
    }

    /// Ready for the DATA scheduler: something to send, and either window room or a frame
    /// that needs none (an empty END_STREAM DATA frame, or trailers after the data).
    pub fn ready_to_send(&self) -> bool {
        if !self.has_pending_send() || self.pending_open.is_some() {
            return false;
        }
        if self.queued_bytes == 0 {
            return true;
        }
        self.send_flow.available() > 0
    }
}
