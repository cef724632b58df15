//! `Connection`: the sans-I/O HTTP/2 state machine of one session (RFC 9113).
//!
//! Roles of its methods (quinn-proto's convention):
//! - `handle_bytes(data, now)`: wire input from the peer.
//! - commands (`send_request`, `send_headers`, `send_data`, `send_trailers`, `push_promise`,
//!   `reset`, `ping`, `go_away`, `send_settings`, `set_priority`, `consume`): what the
//!   application asks for.
//! - output: `poll_transmit(buf)` writes frames into a buffer the caller owns;
//!   `poll_event()` returns what happened, in order.
//!
//! It never touches a socket, a clock (time is passed in) or user code. The receive path is
//! in `recv.rs`, the send path in `send.rs`; this file holds the state they share.

use std::collections::VecDeque;
use std::time::Instant;

use bytes::BytesMut;

use super::budget::Budget;
use super::config::{Config, Role};
use super::events::Event;
use super::flow::{RecvFlow, SendFlow, DEFAULT_WINDOW};
use super::priority::PriorityTree;
use super::store::{ClosedBy, Store};
use super::stream::Stream;
use crate::frame::{ErrorCode, FrameDecoder, StreamId};
use crate::hpack;
use crate::settings::Settings;

/// RFC 9113 §3.4: the client connection preface.
pub use crate::frame::PREFACE;

/// Where the connection is in its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Phase {
    /// Server: waiting for the client preface; `usize` bytes of it matched so far.
    AwaitingPreface(usize),
    /// RFC 9113 §3.4: the peer's first frame must be SETTINGS.
    AwaitingSettings,
    Open,
    /// A connection error was sent in a GOAWAY; input is no longer processed.
    Failed,
}

/// A header block being assembled from HEADERS/PUSH_PROMISE and CONTINUATION frames.
pub(super) struct PartialBlock {
    pub stream: u32,
    pub promised: Option<u32>,
    pub fragment: BytesMut,
    pub frames: usize,
    pub end_stream: bool,
    pub priority: Option<super::priority::Priority>,
    pub self_dependent: bool,
}

/// The HTTP/2 protocol state of one session. See the module docs for its roles.
pub struct Connection {
    pub(super) config: Config,
    pub(super) phase: Phase,
    pub(super) decoder: FrameDecoder,
    pub(super) read_buf: BytesMut,
    pub(super) hpack_dec: hpack::Decoder,
    pub(super) hpack_enc: hpack::Encoder,
    /// The long values of received header blocks (short ones are held inline) are decoded
    /// into this chunk and each block's part is split off and frozen for its fields to
    /// slice: no allocation per field, and none per block while the chunk has room.
    pub(super) field_arena: bytes::BytesMut,
    /// Where each long value of the block being decoded goes: (field index, start, end).
    pub(super) field_spans: Vec<(usize, usize, usize)>,
    /// Field lists of blocks already encoded and sent, emptied, for received blocks to
    /// fill: a server's response list becomes its next request's.
    pub(super) spare_field_lists: Vec<crate::proto::HeaderList>,
    /// Reused to encode outgoing header blocks before they are framed into the output.
    pub(super) block_scratch: BytesMut,
    /// While `poll_transmit_segments` runs: the output so far, as whole pieces of the buffer
    /// and large DATA payloads handed on without a copy, and their total length.
    pub(super) out_segments: Option<Vec<bytes::Bytes>>,
    pub(super) out_segments_len: usize,

    /// Our settings as acknowledged by the peer (all fields filled).
    pub(super) local: Settings,
    /// SETTINGS we sent and the peer has not acknowledged yet, oldest first.
    pub(super) pending_local: VecDeque<Settings>,
    /// The peer's settings (all fields filled; defaults until its SETTINGS arrive).
    pub(super) remote: Settings,

    pub(super) streams: Store,
    pub(super) tree: PriorityTree,
    /// The next id we will use for a stream we open (odd for clients, even for servers).
    pub(super) next_local_id: u32,
    /// The highest stream id the peer has opened (RFC 9113 §5.1.1).
    pub(super) last_peer_id: u32,
    /// The highest peer stream we processed (Node's `lastProcStreamID`; GOAWAY's last id).
    pub(super) last_proc_id: u32,
    pub(super) active_local: u32,
    pub(super) active_remote: u32,
    /// Client: pushed streams reserved by the server and not yet answered.
    pub(super) reserved_remote: u32,
    /// Our requests waiting for the peer's concurrency limit, oldest first.
    pub(super) pending_opens: VecDeque<u32>,

    pub(super) conn_send: SendFlow,
    pub(super) conn_recv: RecvFlow,

    pub(super) partial: Option<PartialBlock>,

    /// Frames and header blocks to send, in order, ahead of scheduled DATA.
    pub(super) queue: VecDeque<super::send::Outgoing>,
    /// Response HEADERS of pushed streams, sent after `queue` (nghttp2's `ob_syn`).
    pub(super) syn_queue: VecDeque<super::send::HeaderJob>,
    /// Bytes of serialized frames in `queue`.
    pub(super) queued_out: usize,
    /// A header block encoded and waiting for `selectPadding`'s answer.
    pub(super) paused_block: Option<(super::send::HeaderJob, BytesMut)>,
    /// SETTINGS/PING acknowledgements queued in `out` and not yet handed out.
    pub(super) pending_acks: usize,
    pub(super) events: VecDeque<Event>,

    pub(super) goaway_sent: Option<(u32, ErrorCode)>,
    pub(super) goaway_received: Option<u32>,
    pub(super) pings_outstanding: VecDeque<[u8; 8]>,

    pub(super) reset_budget: Budget,
    pub(super) provoked_budget: Budget,
    pub(super) tiny_budget: Budget,
    pub(super) priority_budget: Budget,

    /// The padding the application chose for the frame `poll_transmit` paused at.
    pub(super) chosen_padding: Option<usize>,
    /// Time of the input being processed (for budgets).
    pub(super) now: Instant,
}

/// Settings values with the RFC defaults filled in for the fields a settings object omits.
pub(super) fn filled(s: &Settings) -> Settings {
    Settings {
        header_table_size: Some(s.header_table_size.unwrap_or(4096)),
        enable_push: Some(s.enable_push.unwrap_or(true)),
        initial_window_size: Some(s.initial_window_size.unwrap_or(DEFAULT_WINDOW as u32)),
        max_frame_size: Some(s.max_frame_size.unwrap_or(16_384)),
        max_concurrent_streams: Some(s.max_concurrent_streams.unwrap_or(u32::MAX)),
        max_header_list_size: Some(s.max_header_list_size.unwrap_or(u32::MAX)),
    }
}

impl Connection {
    /// A connection in `config.role`. The client preface (clients) and our first SETTINGS
    /// are queued at once (RFC 9113 §3.4), so `poll_transmit` has them ready.
    pub fn new(config: Config, now: Instant) -> Connection {
        let limits = config.limits.clone();
        let mut conn = Connection {
            phase: match config.role {
                Role::Server => Phase::AwaitingPreface(0),
                Role::Client => Phase::AwaitingSettings,
            },
            decoder: FrameDecoder::new(),
            read_buf: BytesMut::with_capacity(16 * 1024),
            hpack_dec: hpack::Decoder::new(4096),
            hpack_enc: hpack::Encoder::new(config.max_deflate_dynamic_table_size),
            field_arena: bytes::BytesMut::new(),
            spare_field_lists: Vec::new(),
            field_spans: Vec::new(),
            block_scratch: BytesMut::new(),
            out_segments: None,
            out_segments_len: 0,
            local: filled(&Settings::default()),
            pending_local: VecDeque::new(),
            remote: filled(&Settings { max_concurrent_streams: Some(config.peer_max_concurrent_streams), ..Settings::default() }),
            streams: Store::new(limits.max_closed_streams),
            tree: PriorityTree::new(limits.max_priority_nodes),
            next_local_id: match config.role {
                Role::Client => 1,
                Role::Server => 2,
            },
            last_peer_id: 0,
            last_proc_id: 0,
            active_local: 0,
            active_remote: 0,
            reserved_remote: 0,
            pending_opens: VecDeque::new(),
            conn_send: SendFlow::new(DEFAULT_WINDOW),
            conn_recv: RecvFlow::new(DEFAULT_WINDOW),
            partial: None,
            queue: VecDeque::new(),
            syn_queue: VecDeque::new(),
            queued_out: 0,
            paused_block: None,
            pending_acks: 0,
            events: VecDeque::new(),
            goaway_sent: None,
            goaway_received: None,
            pings_outstanding: VecDeque::new(),
            reset_budget: Budget::new(limits.reset_burst, limits.reset_rate),
            provoked_budget: Budget::new(limits.provoked_reset_burst, limits.provoked_reset_rate),
            tiny_budget: Budget::new(limits.tiny_frame_burst, limits.tiny_frame_rate),
            priority_budget: Budget::new(limits.priority_burst, limits.priority_rate),
            chosen_padding: None,
            now,
            config,
        };
        if conn.config.role == Role::Client {
            conn.queue.push_back(super::send::Outgoing::Frames(BytesMut::from(&PREFACE[..])));
            conn.queued_out += PREFACE.len();
        }
        // Our first SETTINGS: what the application asked for, plus the protections we
        // enforce so the peer knows them (max concurrent streams and header list size).
        let mut first = conn.config.settings.clone();
        if first.max_concurrent_streams.is_none() {
            first.max_concurrent_streams = Some(conn.config.limits.max_concurrent_streams);
        }
        if first.max_header_list_size.is_none() {
            first.max_header_list_size = Some(conn.config.limits.max_header_list_size);
        }
        conn.write_settings(&first);
        conn.pending_local.push_back(first);
        conn
    }

    pub fn role(&self) -> Role {
        self.config.role
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The next event, oldest first.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Our settings in effect (acknowledged by the peer) — `session.localSettings`.
    pub fn local_settings(&self) -> &Settings {
        &self.local
    }

    /// The peer's settings — `session.remoteSettings`.
    pub fn remote_settings(&self) -> &Settings {
        &self.remote
    }

    /// Whether SETTINGS we sent await acknowledgement — `session.pendingSettingsAck`.
    pub fn pending_settings_ack(&self) -> bool {
        !self.pending_local.is_empty()
    }

    /// Whether the connection failed (we sent a GOAWAY for a connection error).
    pub fn is_failed(&self) -> bool {
        self.phase == Phase::Failed
    }

    /// The GOAWAY we sent (last stream id, code), if any.
    pub fn goaway_sent(&self) -> Option<(StreamId, ErrorCode)> {
        self.goaway_sent.map(|(id, code)| (StreamId::new(id), code))
    }

    /// The last stream id of the GOAWAY the peer sent, if any.
    pub fn goaway_received(&self) -> Option<StreamId> {
        self.goaway_received.map(StreamId::new)
    }

    /// Streams not yet closed.
    pub fn open_streams(&self) -> usize {
        self.streams.len()
    }

    /// Whether the stream is known and not closed.
    pub fn has_stream(&self, id: StreamId) -> bool {
        self.streams.contains(id.get())
    }

    /// Whether reading more input is wise: false while our output is backed up (the peer
    /// is not reading; CVE-2019-9511, -9517) or after a connection error.
    pub fn wants_read(&self) -> bool {
        self.phase != Phase::Failed && self.queued_out < self.config.limits.outbound_soft_limit
    }

    /// Whether `poll_transmit` has something to write.
    pub fn wants_write(&self) -> bool {
        !self.queue.is_empty() || !self.syn_queue.is_empty() || self.paused_block.is_some() || (self.conn_send.available() > 0 && self.tree.next().is_some()) || self.has_windowless_send()
    }

    fn has_windowless_send(&self) -> bool {
        self.tree.next().is_some_and(|id| self.streams.get(id.get()).is_some_and(|s| s.queued_bytes == 0))
    }

    // ----- session state (SES-19) and stream state (STR-14) ------------------------------

    /// `session.state`.
    pub fn session_state(&self) -> SessionState {
        SessionState {
            effective_local_window_size: self.conn_recv.target(),
            effective_recv_data_length: self.conn_recv.recv_data_length(),
            next_stream_id: self.next_local_id,
            local_window_size: self.conn_recv.window(),
            last_proc_stream_id: self.last_proc_id,
            remote_window_size: self.conn_send.window().get(),
            outbound_queue_size: self.queue.len() + self.streams.iter().map(|s| s.queue.len()).sum::<usize>(),
            deflate_dynamic_table_size: self.hpack_enc.dynamic_table_size(),
            inflate_dynamic_table_size: self.hpack_dec.dynamic_table_size(),
        }
    }

    /// `stream.state`, or `None` for a stream that is not open.
    pub fn stream_state(&self, id: StreamId) -> Option<StreamStateInfo> {
        let s = self.streams.get(id.get())?;
        let (_, weight) = self.tree.get(id).unwrap_or((StreamId::ZERO, super::priority::DEFAULT_WEIGHT));
        if s.opening_unsent {
            // Not on the wire yet: nghttp2 reports an idle stream with no priority.
            return Some(StreamStateInfo {
                local_window_size: s.recv_flow.window(),
                remote_window_size: s.send_flow.window().get(),
                state: super::state::StreamState::Idle.node_value(),
                stream_local_close: 0,
                stream_remote_close: 0,
                sum_dependency_weight: 0,
                weight: 0,
            });
        }
        Some(StreamStateInfo {
            local_window_size: s.recv_flow.window(),
            remote_window_size: s.send_flow.window().get(),
            state: s.state.node_value(),
            stream_local_close: u32::from(!s.state.can_send() && s.state != super::state::StreamState::Idle),
            stream_remote_close: u32::from(!s.state.can_recv() && s.state != super::state::StreamState::Idle),
            sum_dependency_weight: self.tree.sum_dependency_weight(id),
            weight,
        })
    }

    // ----- shared helpers for recv.rs and send.rs -----------------------------------------

    pub(super) fn event(&mut self, e: Event) {
        self.events.push_back(e);
    }

    /// Stops the connection: GOAWAY with `code` and `reason` as debug data (connection
    /// errors, §5.4.1, and protections), then no more input is processed.
    pub(super) fn fail(&mut self, code: ErrorCode, reason: &'static str) {
        if self.phase == Phase::Failed {
            return;
        }
        log::debug!("connection error {:?}: {}", code, reason);
        let last = self.last_proc_id;
        self.write_goaway(last, code, reason.as_bytes());
        self.goaway_sent = Some((last, code));
        self.phase = Phase::Failed;
        self.partial = None;
        self.event(Event::ConnectionError { code, reason });
    }

    /// Counts a stream that just became active (§5.1.2) and unblocks nothing.
    pub(super) fn count_active(&mut self, id: u32) {
        let Some(s) = self.streams.get_mut(id) else { return };
        Self::count(s, &mut self.active_local, &mut self.active_remote);
    }

    /// `count_active` for an entry already in hand (or not yet stored).
    pub(super) fn count(s: &mut Stream, active_local: &mut u32, active_remote: &mut u32) {
        if !s.counted && s.state.is_active() {
            s.counted = true;
            if s.local {
                *active_local += 1;
            } else {
                *active_remote += 1;
            }
        }
    }

    /// Closes a stream: leaves the tree and the store, frees its concurrency slot, and
    /// gives back connection window for data it received but nobody will consume.
    pub(super) fn close_stream(&mut self, id: u32, by: ClosedBy) -> Option<Stream> {
        let s = self.streams.close(id, by)?;
        if s.counted {
            if s.local {
                self.active_local = self.active_local.saturating_sub(1);
            } else {
                self.active_remote = self.active_remote.saturating_sub(1);
            }
        }
        if s.state == super::state::StreamState::ReservedRemote {
            self.reserved_remote = self.reserved_remote.saturating_sub(1);
        }
        self.tree.remove(s.id);
        // After a reset the application drops what it had not read; after a normal end it
        // still reads it and gives the window back through `consume`.
        let unconsumed = s.recv_flow.unconsumed();
        if unconsumed > 0 && by != ClosedBy::EndStream {
            self.release_connection_window(unconsumed as usize);
        }
        self.open_pending_streams();
        Some(s)
    }

    pub(super) fn release_connection_window(&mut self, n: usize) {
        if let Some(inc) = self.conn_recv.release(n) {
            self.write_window_update(0, inc);
        }
    }

    /// Resets a stream because of a stream error we detected (§5.4.2). Counts against the
    /// MadeYouReset budget (CVE-2025-8671) when the peer provoked it.
    pub(super) fn stream_error(&mut self, id: u32, code: ErrorCode, reason: &'static str) {
        log::debug!("stream {} error {:?}: {}", id, code, reason);
        if !self.provoked_budget.spend(1, self.now) {
            self.fail(ErrorCode::ENHANCE_YOUR_CALM, "too many stream errors provoked (MadeYouReset)");
            return;
        }
        self.write_rst_stream(id, code);
        if self.streams.contains(id) {
            self.close_stream(id, ClosedBy::LocalReset);
            self.event(Event::Reset { stream: StreamId::new(id), code, remote: false });
        } else {
            // RFC 9113 §5.1: frames the peer already sent on it are ignored after our RST_STREAM.
            self.streams.remember(id, ClosedBy::LocalReset);
        }
    }

    /// The header-list limits of our acknowledged settings.
    pub(super) fn decode_limits(&self) -> hpack::DecodeLimits {
        let size = self.local.max_header_list_size.unwrap_or(self.config.limits.max_header_list_size);
        hpack::DecodeLimits { max_header_list_size: size as usize, max_fields: self.config.limits.max_header_fields }
    }

    /// The concurrency limit we enforce: the lowest of our acknowledged and pending
    /// SETTINGS_MAX_CONCURRENT_STREAMS, as nghttp2 does, so the limit in our first SETTINGS
    /// holds before the peer acknowledges it.
    pub(super) fn local_max_concurrent(&self) -> u32 {
        self.pending_local
            .iter()
            .filter_map(|s| s.max_concurrent_streams)
            .chain(std::iter::once(self.local.max_concurrent_streams.unwrap_or(u32::MAX)))
            .min()
            .unwrap_or(u32::MAX)
    }

    pub(super) fn is_peer_stream(&self, id: u32) -> bool {
        match self.config.role {
            Role::Server => !id.is_multiple_of(2),
            Role::Client => id.is_multiple_of(2) && id != 0,
        }
    }

    /// Opens as many waiting requests as the peer's concurrency limit allows.
    pub(super) fn open_pending_streams(&mut self) {
        let limit = self.remote.max_concurrent_streams.unwrap_or(u32::MAX);
        while self.active_local < limit {
            let Some(id) = self.pending_opens.pop_front() else { return };
            let pending = self.streams.get_mut(id).and_then(|s| s.pending_open.take());
            if let Some(p) = pending {
                self.open_local_stream(id, p.headers, p.end_stream);
            }
        }
    }

    /// Application data handed to `poll_transmit` but still in `out` or in stream queues.
    pub fn buffered_bytes(&self) -> usize {
        self.queued_out + self.streams.iter().map(|s| s.queued_bytes).sum::<usize>()
    }

}

/// `session.state` (SES-19), with Node's field names in snake case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionState {
    pub effective_local_window_size: i64,
    pub effective_recv_data_length: i64,
    pub next_stream_id: u32,
    pub local_window_size: i64,
    pub last_proc_stream_id: u32,
    pub remote_window_size: i64,
    pub outbound_queue_size: usize,
    pub deflate_dynamic_table_size: usize,
    pub inflate_dynamic_table_size: usize,
}

/// `stream.state` (STR-14).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamStateInfo {
    pub local_window_size: i64,
    pub remote_window_size: i64,
    pub state: u32,
    pub stream_local_close: u32,
    pub stream_remote_close: u32,
    pub sum_dependency_weight: u32,
    pub weight: u16,
}
