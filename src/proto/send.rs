//! The send path of `Connection`: commands from the application, and `poll_transmit`.
//!
//! Everything to send goes through one ordered queue. Control frames are serialized when
//! queued; header blocks are queued as jobs and HPACK-encoded only when `poll_transmit`
//! reaches them, so the encoder's dynamic table follows wire order, a block over
//! `maxSendHeaderBlockLength` is caught where Node catches it (at send time, as a
//! `'frameError'`), and `selectPadding` can be asked between frames without user code ever
//! running inside the core. DATA is scheduled by the priority tree once the queue is empty.

use bytes::{BufMut, Bytes, BytesMut};

use super::config::{PaddingStrategy, Role};
use super::connection::{Connection, Phase};
use super::events::{Event, HeaderList};
use super::priority::Priority;
use super::state::{Input, StreamState};
use super::store::ClosedBy;
use super::stream::{PendingHeaders, Stream};
use crate::frame::{self, ErrorCode, FrameType, StreamId};
use crate::settings::Settings;
use crate::Error;

use crate::frame::flags::{ACK, END_HEADERS, END_STREAM, PADDED, PRIORITY as PRIORITY_FLAG};

const DATA: FrameType = FrameType::DATA;
const HEADERS: FrameType = FrameType::HEADERS;
const PRIORITY: FrameType = FrameType::PRIORITY;
const RST_STREAM: FrameType = FrameType::RST_STREAM;
const SETTINGS: FrameType = FrameType::SETTINGS;
const PUSH_PROMISE: FrameType = FrameType::PUSH_PROMISE;
const PING: FrameType = FrameType::PING;
const GOAWAY: FrameType = FrameType::GOAWAY;
const WINDOW_UPDATE: FrameType = FrameType::WINDOW_UPDATE;
const CONTINUATION: FrameType = FrameType::CONTINUATION;

/// Largest stream id (RFC 9113 §5.1.1).
const MAX_STREAM_ID: u32 = (1 << 31) - 1;

/// Sent field lists kept for reuse: at most this many, each of at most this many fields (a
/// few KiB per connection at worst).
const MAX_SPARE_FIELD_LISTS: usize = 16;
const MAX_SPARE_FIELDS: usize = 16;

/// A header block waiting to be encoded and sent.
#[derive(Debug)]
pub(super) struct HeaderJob {
    pub stream: u32,
    /// For PUSH_PROMISE: the promised stream (the frame goes on `stream`, the parent).
    pub promised: Option<u32>,
    pub headers: HeaderList,
    pub end_stream: bool,
    pub priority: Option<Priority>,
    /// The HEADERS that open one of our streams (the peer does not know it before them).
    pub opening: bool,
}

#[derive(Debug)]
pub(super) enum Outgoing {
    Frames(BytesMut),
    Block(HeaderJob),
}

/// What `poll_transmit` stopped for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transmit {
    /// Everything that can be sent now was written (or `buf` reached the size asked for).
    Done,
    /// PADDING_STRATEGY_CALLBACK: call `selectPadding(frame_len, max_frame_len)`, give the
    /// answer to `set_padding`, and call `poll_transmit` again.
    NeedPadding { frame_len: usize, max_frame_len: usize },
}

fn head(dst: &mut BytesMut, len: usize, kind: FrameType, flags: u8, stream: u32) {
    // Frame lengths here never exceed the peer's max frame size (< 2^24).
    frame::encode_head(len as u32, kind, flags, StreamId::new(stream), dst);
}

/// Node's error for a stream handle that no longer has a stream.
fn invalid_stream() -> Error {
    Error::new("ERR_HTTP2_INVALID_STREAM", "The stream has been destroyed")
}

impl Connection {
    // ----- queueing ----------------------------------------------------------------------

    fn frames_mut(&mut self) -> &mut BytesMut {
        if !matches!(self.queue.back(), Some(Outgoing::Frames(_))) {
            self.queue.push_back(Outgoing::Frames(BytesMut::with_capacity(256)));
        }
        match self.queue.back_mut() {
            Some(Outgoing::Frames(b)) => b,
            // Just pushed above.
            _ => unreachable!("frames segment present"),
        }
    }

    fn push_frame(&mut self, kind: FrameType, flags: u8, stream: u32, payload: &[u8]) {
        let b = self.frames_mut();
        head(b, payload.len(), kind, flags, stream);
        b.extend_from_slice(payload);
        self.queued_out += 9 + payload.len();
    }

    pub(super) fn write_settings(&mut self, s: &Settings) {
        let mut payload = Vec::with_capacity(36);
        for (id, value) in s.entries() {
            payload.extend_from_slice(&id.to_be_bytes());
            payload.extend_from_slice(&value.to_be_bytes());
        }
        self.push_frame(SETTINGS, 0, 0, &payload);
    }

    pub(super) fn write_settings_ack(&mut self) {
        self.push_frame(SETTINGS, ACK, 0, &[]);
        self.count_ack();
    }

    pub(super) fn write_rst_stream(&mut self, stream: u32, code: ErrorCode) {
        self.push_frame(RST_STREAM, 0, stream, &code.0.to_be_bytes());
    }

    pub(super) fn write_goaway(&mut self, last: u32, code: ErrorCode, debug: &[u8]) {
        let mut payload = Vec::with_capacity(8 + debug.len());
        payload.extend_from_slice(&(last & MAX_STREAM_ID).to_be_bytes());
        payload.extend_from_slice(&code.0.to_be_bytes());
        payload.extend_from_slice(debug);
        self.push_frame(GOAWAY, 0, 0, &payload);
    }

    pub(super) fn write_window_update(&mut self, stream: u32, increment: u32) {
        self.push_frame(WINDOW_UPDATE, 0, stream, &(increment & MAX_STREAM_ID).to_be_bytes());
    }

    pub(super) fn write_ping(&mut self, data: [u8; 8], ack: bool) {
        self.push_frame(PING, if ack { ACK } else { 0 }, 0, &data);
    }

    fn write_priority(&mut self, stream: u32, p: Priority) {
        let mut payload = [0u8; 5];
        let dep = p.parent.get() | if p.exclusive { 1 << 31 } else { 0 };
        payload[..4].copy_from_slice(&dep.to_be_bytes());
        payload[4] = (p.weight.clamp(1, 256) - 1) as u8;
        self.push_frame(PRIORITY, 0, stream, &payload);
    }

    fn queue_block(&mut self, job: HeaderJob) {
        self.queue.push_back(Outgoing::Block(job));
    }

    // ----- commands ----------------------------------------------------------------------

    fn check_usable(&self) -> Result<(), Error> {
        if self.phase == Phase::Failed {
            return Err(Error::new("ERR_HTTP2_INVALID_SESSION", "The session has been destroyed"));
        }
        Ok(())
    }

    /// SES-14: opens a stream with a request. Returns its id at once; if the peer's
    /// concurrency limit is reached the HEADERS wait until a stream closes.
    pub fn send_request(&mut self, headers: HeaderList, end_stream: bool, priority: Option<Priority>) -> Result<StreamId, Error> {
        self.check_usable()?;
        if self.config.role != Role::Client {
            return Err(Error::new("ERR_HTTP2_INVALID_SESSION", "request() is for client sessions"));
        }
        if self.goaway_received.is_some() || self.goaway_sent.is_some() {
            return Err(Error::new("ERR_HTTP2_GOAWAY_SESSION", "New streams cannot be created after receiving a GOAWAY"));
        }
        let id = self.next_local_id;
        if id > MAX_STREAM_ID {
            return Err(Error::new("ERR_HTTP2_OUT_OF_STREAMS", "No stream ID is available because maximum stream ID has been reached"));
        }
        self.next_local_id += 2;
        let send_window = i64::from(self.remote.initial_window_size.unwrap_or(65_535));
        let recv_window = i64::from(self.local.initial_window_size.unwrap_or(65_535));
        let mut s = Stream::new(StreamId::new(id), true, send_window, recv_window);
        s.explicit_priority = priority;
        for f in &headers {
            if &f.name[..] == b":method" {
                s.head_request = &f.value[..] == b"HEAD";
                s.is_connect = &f.value[..] == b"CONNECT";
            }
        }
        self.streams.insert(s);
        if self.tree.insert(StreamId::new(id), priority.unwrap_or_default(), false).is_err() {
            // A full tree only loses scheduling precision: fall back to the root.
            let _ = self.tree.insert(StreamId::new(id), Priority::default(), false);
        }
        let limit = self.remote.max_concurrent_streams.unwrap_or(u32::MAX);
        if self.active_local >= limit || !self.pending_opens.is_empty() {
            if let Some(s) = self.streams.get_mut(id) {
                s.pending_open = Some(PendingHeaders { headers, end_stream });
            }
            self.pending_opens.push_back(id);
        } else {
            self.open_local_stream(id, headers, end_stream);
        }
        Ok(StreamId::new(id))
    }

    pub(super) fn open_local_stream(&mut self, id: u32, headers: HeaderList, end_stream: bool) {
        let Some(s) = self.streams.get_mut(id) else { return };
        if s.step(Input::SendHeaders).is_err() {
            return;
        }
        if end_stream {
            let _ = s.step(Input::SendEndStream);
        }
        s.headers_sent = true;
        // The PRIORITY fields go out only when the request asked for a priority.
        let priority = s.explicit_priority.take();
        self.count_active(id);
        if let Some(s) = self.streams.get_mut(id) {
            s.opening_unsent = true;
        }
        self.queue_block(HeaderJob { stream: id, promised: None, headers, end_stream, priority, opening: true });
        self.update_ready(id);
    }

    /// SST-5, SST-1: response headers (final or 1xx) on a stream the peer opened, or on one
    /// we promised. A 1xx block (`:status` 100-199) never ends the stream.
    pub fn send_headers(&mut self, stream: StreamId, headers: HeaderList, end_stream: bool) -> Result<(), Error> {
        self.check_usable()?;
        let id = stream.get();
        let informational = headers.iter().any(|f| &f.name[..] == b":status" && f.value.first() == Some(&b'1'));
        let Some(s) = self.streams.get_mut(id) else { return Err(invalid_stream()) };
        if s.headers_sent && !informational {
            return Err(Error::new("ERR_HTTP2_HEADERS_SENT", "Response has already been initiated."));
        }
        if informational && end_stream {
            return Err(Error::new("ERR_HTTP2_INVALID_INFO_STATUS", "Informational headers cannot end the stream"));
        }
        let pushed_response = s.state == StreamState::ReservedLocal;
        s.step(Input::SendHeaders).map_err(|_| Error::new("ERR_HTTP2_INVALID_STREAM", "The stream cannot send headers in its state"))?;
        if !informational {
            s.headers_sent = true;
            s.peer_open_unanswered = false;
        }
        if end_stream {
            let _ = s.step(Input::SendEndStream);
        }
        // Counted and made ready from the entry in hand (no lookups after).
        Self::count(s, &mut self.active_local, &mut self.active_remote);
        let ready = s.ready_to_send();
        // With END_STREAM the stream may close once the block is written (finish_block_write).
        let job = HeaderJob { stream: id, promised: None, headers, end_stream, priority: None, opening: false };
        if pushed_response {
            // A pushed stream's response opens it: like nghttp2 (its `ob_syn` queue), it goes
            // after the frames already queued, e.g. the parent's own response.
            self.syn_queue.push_back(job);
        } else {
            self.queue_block(job);
        }
        self.tree.set_ready(stream, ready);
        Ok(())
    }

    /// Queues DATA; `end_stream` ends our side after it. Completion is reported by
    /// `Event::DataSent` as the bytes are written out.
    pub fn send_data(&mut self, stream: StreamId, data: Bytes, end_stream: bool) -> Result<(), Error> {
        self.check_usable()?;
        let id = stream.get();
        let Some(s) = self.streams.get_mut(id) else { return Err(invalid_stream()) };
        if !s.can_queue_send() || s.end_queued || s.trailers.is_some() {
            return Err(Error::new("ERR_STREAM_WRITE_AFTER_END", "write after end"));
        }
        if !data.is_empty() {
            s.queued_bytes += data.len();
            s.queue.push_back(data);
        }
        if end_stream {
            s.end_queued = true;
        }
        // Readiness from the entry in hand (`update_ready` would look the stream up again).
        let ready = s.ready_to_send();
        self.tree.set_ready(stream, ready);
        Ok(())
    }

    /// Trailers (SES-14, SST-5 `getTrailers`): sent with END_STREAM after the queued data.
    pub fn send_trailers(&mut self, stream: StreamId, trailers: HeaderList) -> Result<(), Error> {
        self.check_usable()?;
        let id = stream.get();
        let Some(s) = self.streams.get_mut(id) else { return Err(invalid_stream()) };
        if !s.can_queue_send() || s.end_queued || s.trailers.is_some() {
            return Err(Error::new("ERR_HTTP2_TRAILERS_ALREADY_SENT", "Trailing headers have already been sent"));
        }
        s.trailers = Some(trailers);
        let ready = s.ready_to_send();
        self.tree.set_ready(stream, ready);
        Ok(())
    }

    /// SST-4: promises a pushed stream on `parent`; returns the promised id.
    pub fn push_promise(&mut self, parent: StreamId, headers: HeaderList) -> Result<StreamId, Error> {
        self.check_usable()?;
        if self.config.role != Role::Server {
            return Err(Error::new("ERR_HTTP2_PUSH_DISABLED", "HTTP/2 client has disabled push streams"));
        }
        if self.remote.enable_push == Some(false) {
            return Err(Error::new("ERR_HTTP2_PUSH_DISABLED", "HTTP/2 client has disabled push streams"));
        }
        if self.goaway_sent.is_some() || self.goaway_received.is_some() {
            return Err(Error::new("ERR_HTTP2_GOAWAY_SESSION", "New push streams cannot be created after a GOAWAY"));
        }
        let pid = parent.get();
        let ok = self.streams.get(pid).is_some_and(|s| !s.local && matches!(s.state, StreamState::Open | StreamState::HalfClosedRemote));
        if !ok {
            return Err(Error::new("ERR_HTTP2_NESTED_PUSH", "A push stream cannot initiate another push stream."));
        }
        let id = self.next_local_id;
        if id > MAX_STREAM_ID {
            return Err(Error::new("ERR_HTTP2_OUT_OF_STREAMS", "No stream ID is available because maximum stream ID has been reached"));
        }
        self.next_local_id += 2;
        let send_window = i64::from(self.remote.initial_window_size.unwrap_or(65_535));
        let recv_window = i64::from(self.local.initial_window_size.unwrap_or(65_535));
        let mut s = Stream::new(StreamId::new(id), true, send_window, recv_window);
        let _ = s.step(Input::SendPushPromise);
        self.streams.insert(s);
        let _ = self.tree.insert(StreamId::new(id), Priority { parent, ..Priority::default() }, false);
        self.queue_block(HeaderJob { stream: pid, promised: Some(id), headers, end_stream: false, priority: None, opening: false });
        Ok(StreamId::new(id))
    }

    /// SES-15, STR-12: RST_STREAM with `code`; the stream closes on both sides.
    pub fn reset(&mut self, stream: StreamId, code: ErrorCode) {
        let id = stream.get();
        if !self.streams.contains(id) {
            return;
        }
        let idle = self.streams.get(id).is_some_and(|s| s.state == StreamState::Idle);
        // The HEADERS (or PUSH_PROMISE) that would make the stream known to the peer may still
        // be queued: then the peer never hears of it, and RST_STREAM must not follow (RFC 9113
        // §6.4: a RST_STREAM for a stream the peer sees as idle is a connection error).
        let unsent = self.queue.iter().position(|o| matches!(o, Outgoing::Block(j) if (j.opening && j.stream == id) || j.promised == Some(id)));
        if idle {
            // A request still waiting for a slot was never on the wire: just drop it.
            self.pending_opens.retain(|&p| p != id);
        } else if let Some(pos) = unsent {
            self.queue.remove(pos);
        } else {
            // Like Node (whose RST_STREAM first flushes what the stream has pending), an
            // END_STREAM already queued with no data before it goes out ahead of the reset
            // (only once the stream's HEADERS are on the wire: a reset drops queued ones).
            let end_only = self.streams.get(id).is_some_and(|s| s.end_queued && s.queued_bytes == 0 && s.state.can_send()) && !self.syn_queue.iter().any(|j| j.stream == id)
                && !self.queue.iter().any(|o| matches!(o, Outgoing::Block(j) if j.stream == id));
            if end_only {
                self.push_frame(DATA, END_STREAM, id, &[]);
            }
            self.write_rst_stream(id, code);
        }
        self.close_stream(id, ClosedBy::LocalReset);
        self.event(Event::Reset { stream, code, remote: false });
    }

    /// Sends a PING; its ACK comes back as `Event::PingAck`.
    pub fn ping(&mut self, payload: [u8; 8]) -> Result<(), Error> {
        self.check_usable()?;
        if self.pings_outstanding.len() >= self.config.limits.max_outstanding_pings {
            return Err(Error::new("ERR_HTTP2_PING_CANCEL", "HTTP2 ping cancelled"));
        }
        self.pings_outstanding.push_back(payload);
        self.write_ping(payload, false);
        Ok(())
    }

    /// SES-17: GOAWAY. `last_stream_id` defaults to the last peer stream we processed.
    pub fn go_away(&mut self, code: ErrorCode, last_stream_id: Option<StreamId>, debug: &[u8]) {
        if self.phase == Phase::Failed {
            return;
        }
        let last = last_stream_id.map_or(self.last_proc_id, |s| s.get().min(MAX_STREAM_ID));
        self.write_goaway(last, code, debug);
        self.goaway_sent = Some((last, code));
    }

    /// SES-21: new SETTINGS; they apply when acknowledged (`Event::LocalSettingsAcked`).
    pub fn send_settings(&mut self, settings: Settings) -> Result<(), Error> {
        self.check_usable()?;
        if self.pending_local.len() >= self.config.limits.max_outstanding_settings {
            return Err(Error::new("ERR_HTTP2_MAX_PENDING_SETTINGS_ACK", "Maximum number of pending settings acknowledgements"));
        }
        self.write_settings(&settings);
        self.pending_local.push_back(settings);
        Ok(())
    }

    /// SES-20, STR-11: a new priority; `silent` changes only our tree.
    pub fn set_priority(&mut self, stream: StreamId, priority: Priority, silent: bool) -> Result<(), Error> {
        self.check_usable()?;
        if !self.streams.contains(stream.get()) {
            return Err(invalid_stream());
        }
        if priority.parent == stream {
            return Err(Error::new("ERR_HTTP2_STREAM_SELF_DEPENDENCY", "A stream cannot depend on itself"));
        }
        self.tree.reprioritize(stream, priority);
        if !silent {
            self.write_priority(stream.get(), priority);
        }
        Ok(())
    }

    /// The application consumed `n` bytes of `stream`'s data: reopen the windows.
    pub fn consume(&mut self, stream: StreamId, n: usize) {
        if n == 0 {
            return;
        }
        let inc = self.streams.get_mut(stream.get()).and_then(|s| {
            let open = s.state.can_recv();
            let inc = s.recv_flow.release(n);
            inc.filter(|_| open)
        });
        if let Some(inc) = inc {
            self.write_window_update(stream.get(), inc);
        }
        self.release_connection_window(n);
    }

    /// Node's `setLocalWindowSize`: the connection receive window we keep open.
    pub fn set_local_window_size(&mut self, size: u32) {
        if let Some(inc) = self.conn_recv.set_target(i64::from(size), false) {
            self.write_window_update(0, inc);
        }
    }

    /// The padding `selectPadding` chose for the frame `poll_transmit` paused at.
    pub fn set_padding(&mut self, total_frame_len: usize) {
        self.chosen_padding = Some(total_frame_len);
    }

    // ----- output ------------------------------------------------------------------------

    /// Writes queued frames into `buf` until it holds about `max` bytes or nothing more can
    /// be sent now (flow-control windows closed, nothing queued).
    /// As `poll_transmit`, but a DATA payload of at least `ZERO_COPY_MIN` bytes is not
    /// copied into `buf`: what `buf` held before it and the payload itself are appended to
    /// `segments`, so the output is `segments` then what is left in `buf`, in that order (the
    /// caller writes them with one `writev`). The payload is the application's own buffer.
    pub fn poll_transmit_segments(&mut self, buf: &mut BytesMut, segments: &mut Vec<Bytes>, max: usize) -> Transmit {
        self.out_segments = Some(std::mem::take(segments));
        self.out_segments_len = 0;
        let t = self.poll_transmit(buf, max);
        if let Some(out) = self.out_segments.take() {
            *segments = out;
        }
        self.out_segments_len = 0;
        t
    }

    /// Output bytes produced so far by this poll.
    fn out_len(&self, buf: &BytesMut) -> usize {
        buf.len() + self.out_segments_len
    }

    pub fn poll_transmit(&mut self, buf: &mut BytesMut, max: usize) -> Transmit {
        if let Some((job, block)) = self.paused_block.take() {
            if let Some(t) = self.finish_block_write(job, block, buf) {
                return t;
            }
        }
        loop {
            while self.out_len(buf) < max {
                let Some(item) = self.queue.pop_front() else { break };
                match item {
                    Outgoing::Frames(b) => {
                        self.queued_out = self.queued_out.saturating_sub(b.len());
                        buf.extend_from_slice(&b);
                    }
                    Outgoing::Block(job) => {
                        if let Some(t) = self.transmit_block(job, buf) {
                            return t;
                        }
                    }
                }
            }
            if !self.queue.is_empty() {
                return Transmit::Done;
            }
            // Then the blocks that open pushed streams (nghttp2's `ob_syn`), before any DATA.
            if self.out_len(buf) < max {
                if let Some(job) = self.syn_queue.pop_front() {
                    if let Some(t) = self.transmit_block(job, buf) {
                        return t;
                    }
                    continue;
                }
            }
            self.pending_acks = 0;
            if !self.syn_queue.is_empty() {
                return Transmit::Done;
            }
            // A stream that closes while its DATA is written can open a held request, whose
            // HEADERS join the queue: they must go out before its DATA (RFC 9113 §5.1: DATA
            // on a stream the peer sees as idle is a connection error), so go back to the queue.
            while self.out_len(buf) < max && self.queue.is_empty() {
                match self.transmit_data(buf) {
                    Some(Ok(())) => {}
                    Some(Err(t)) => return t,
                    None => break,
                }
            }
            if self.queue.is_empty() || self.out_len(buf) >= max {
                return Transmit::Done;
            }
        }
    }

    fn max_frame(&self) -> usize {
        self.remote.max_frame_size.unwrap_or(16_384) as usize
    }

    /// Padding for a frame of `frame_len` bytes (payload without padding fields): returns
    /// the pad length, or pauses for the application's choice.
    fn padding_for(&mut self, frame_len: usize) -> Result<usize, Transmit> {
        let max = self.max_frame();
        match self.config.padding_strategy {
            PaddingStrategy::None => Ok(0),
            // The pad length field is one byte: at most 255 bytes of padding.
            PaddingStrategy::Max => Ok(max.saturating_sub(frame_len + 1).min(255)),
            PaddingStrategy::Callback => match self.chosen_padding.take() {
                // OBJ-3: frameLen <= n <= maxFrameLen; anything else means no padding.
                Some(n) if n > frame_len && n <= max => Ok((n - frame_len - 1).min(255)),
                Some(_) => Ok(0),
                None => Err(Transmit::NeedPadding { frame_len, max_frame_len: max }),
            },
        }
    }

    /// nghttp2's bound on an encoded block (`nghttp2_hd_deflate_bound` plus the priority
    /// field), which Node compares with `maxSendHeaderBlockLength` before encoding, so a
    /// refused block never touches the HPACK table.
    fn block_bound(job: &HeaderJob) -> usize {
        12 + 5 + job.headers.iter().map(|f| 12 + f.name.len() + f.value.len()).sum::<usize>()
    }

    /// Encodes and writes one header block; `Some` when output must pause for padding.
    fn transmit_block(&mut self, mut job: HeaderJob, buf: &mut BytesMut) -> Option<Transmit> {
        let target = job.promised.unwrap_or(job.stream);
        // A block for a stream reset meanwhile is dropped unencoded (HPACK stays in sync).
        let reset = !self.streams.contains(target) && matches!(self.streams.closed_by(target), Some(ClosedBy::LocalReset | ClosedBy::RemoteReset));
        if reset {
            return None;
        }
        if let Some(limit) = self.config.max_send_header_block_length {
            if Self::block_bound(&job) > limit {
                // SES-5, STR-6: Node's 'frameError' (Node 20 reports FRAME_SIZE_ERROR, 6, and
                // closes the stream with that code).
                let kind = if job.promised.is_some() { PUSH_PROMISE } else { HEADERS };
                let code = ErrorCode::FRAME_SIZE_ERROR;
                self.event(Event::FrameError { stream: StreamId::new(target), frame_type: kind.0, code: code.0 as i32 });
                // The peer knows the stream unless this block was to open it (a request, or
                // a promise): then there is nothing to reset on its side.
                let peer_knows = !job.opening && job.promised.is_none();
                if self.streams.contains(target) {
                    if peer_knows {
                        self.write_rst_stream_now(target, code, buf);
                    }
                    self.close_stream(target, ClosedBy::LocalReset);
                }
                return None;
            }
        }
        // The block is copied into `buf` as frames: encode into a reused buffer.
        let mut block = std::mem::take(&mut self.block_scratch);
        block.clear();
        self.hpack_enc.encode(job.headers.iter().map(|f| (&f.name[..], &f.value[..], f.sensitive)), &mut block);
        let spent = std::mem::take(&mut job.headers);
        self.give_field_list(spent);
        self.finish_block_write(job, block, buf)
    }

    /// An empty field list for a block to send, from those spent blocks left behind (a
    /// fresh one when there is none): sent and received blocks then pass the same few lists
    /// around instead of allocating one per block.
    pub fn take_field_list(&mut self) -> HeaderList {
        self.spare_field_lists.pop().unwrap_or_else(|| Vec::with_capacity(8))
    }

    /// Gives back a block's field list once its fields are used (sent, or turned into a
    /// headers object); kept while it is small and few are kept, dropped otherwise.
    pub fn give_field_list(&mut self, mut list: HeaderList) {
        if list.capacity() <= MAX_SPARE_FIELDS && list.capacity() > 0 && self.spare_field_lists.len() < MAX_SPARE_FIELD_LISTS {
            list.clear();
            self.spare_field_lists.push(list);
        }
    }

    /// Chooses padding for an encoded block and writes its frames (or pauses to ask).
    fn finish_block_write(&mut self, job: HeaderJob, block: BytesMut, buf: &mut BytesMut) -> Option<Transmit> {
        let extra = if job.promised.is_some() { 4 } else if job.priority.is_some() { 5 } else { 0 };
        let max = self.max_frame();
        let first_len = (block.len() + extra).min(max);
        let pad = match self.padding_for(first_len) {
            Ok(p) if p > 0 && first_len + 1 + p <= max => p,
            Ok(_) => 0,
            Err(t) => {
                // The block is already encoded (the HPACK table moved on): keep the bytes.
                self.paused_block = Some((job, block));
                return Some(t);
            }
        };
        self.write_block_frames(&job, &block, pad, buf);
        if block.capacity() <= 16 * 1024 {
            self.block_scratch = block;
        }
        if job.opening {
            if let Some(s) = self.streams.get_mut(job.stream) {
                s.opening_unsent = false;
            }
        }
        if job.end_stream && job.promised.is_none() {
            self.maybe_closed(job.stream);
        }
        None
    }

    /// An RST_STREAM written straight into the output (behind what is already there).
    fn write_rst_stream_now(&mut self, stream: u32, code: ErrorCode, buf: &mut BytesMut) {
        head(buf, 4, RST_STREAM, 0, stream);
        buf.put_u32(code.0);
    }

    fn write_block_frames(&mut self, job: &HeaderJob, block: &[u8], pad: usize, buf: &mut BytesMut) {
        let max = self.max_frame();
        let (kind, stream) = match job.promised {
            Some(_) => (PUSH_PROMISE, job.stream),
            None => (HEADERS, job.stream),
        };
        let mut flags = 0u8;
        let mut extra = 0usize;
        if pad > 0 {
            flags |= PADDED;
            extra += 1 + pad;
        }
        if job.promised.is_some() {
            extra += 4;
        } else if job.priority.is_some() {
            flags |= PRIORITY_FLAG;
            extra += 5;
        }
        if job.end_stream && job.promised.is_none() {
            flags |= END_STREAM;
        }
        let room = max.saturating_sub(extra).max(1);
        let first = block.len().min(room);
        if first == block.len() {
            flags |= END_HEADERS;
        }
        head(buf, first + extra, kind, flags, stream);
        if pad > 0 {
            buf.put_u8(pad as u8);
        }
        if let Some(pid) = job.promised {
            buf.put_u32(pid & MAX_STREAM_ID);
        } else if let Some(p) = job.priority {
            buf.put_u32(p.parent.get() | if p.exclusive { 1 << 31 } else { 0 });
            buf.put_u8((p.weight.clamp(1, 256) - 1) as u8);
        }
        buf.extend_from_slice(&block[..first]);
        if pad > 0 {
            // (Not called for none: `put_bytes` would still call `memset`.)
            buf.put_bytes(0, pad);
        }
        // RFC 9113 §6.10: the rest of the block in CONTINUATION frames.
        let mut rest = &block[first..];
        while !rest.is_empty() {
            let n = rest.len().min(max);
            let flags = if n == rest.len() { END_HEADERS } else { 0 };
            head(buf, n, CONTINUATION, flags, stream);
            buf.extend_from_slice(&rest[..n]);
            rest = &rest[n..];
        }
    }

    /// Writes one DATA frame (or trailers) for the stream the scheduler picks.
    /// `None`: nothing can be sent now.
    fn transmit_data(&mut self, buf: &mut BytesMut) -> Option<Result<(), Transmit>> {
        let id = self.tree.next()?;
        let max = self.max_frame();
        let conn_avail = self.conn_send.available();
        let (len, finishing, has_trailers) = {
            let s = self.streams.get(id.get())?;
            let len = s.queued_bytes.min(s.send_flow.available()).min(conn_avail).min(max);
            let finishing = len == s.queued_bytes && s.end_queued && s.trailers.is_none();
            (len, finishing, s.trailers.is_some() && len == s.queued_bytes)
        };
        if len == 0 && !finishing && !has_trailers {
            // Window closed for this stream, or the connection window is: stop.
            if conn_avail == 0 {
                return None;
            }
            self.update_ready(id.get());
            return Some(Ok(()));
        }
        if len > 0 || finishing {
            let pad = if len > 0 || finishing {
                match self.padding_for(len) {
                    // No padding (the usual case): nothing to fit in the windows.
                    Ok(0) => 0,
                    Ok(p) => {
                        // Padding is flow-controlled too: it must fit both windows.
                        let s = self.streams.get(id.get())?;
                        let room = s.send_flow.available().min(self.conn_send.available()).saturating_sub(len);
                        if p > 0 && len + 1 + p <= max && room > p {
                            p
                        } else {
                            0
                        }
                    }
                    Err(t) => return Some(Err(t)),
                }
            } else {
                0
            };
            let mut flags = if finishing { END_STREAM } else { 0 };
            let padded_len = if pad > 0 { len + 1 + pad } else { len };
            if pad > 0 {
                flags |= PADDED;
            }
            head(buf, padded_len, DATA, flags, id.get());
            if pad > 0 {
                buf.put_u8(pad as u8);
            }
            let s = self.streams.get_mut(id.get())?;
            let mut left = len;
            while left > 0 {
                let Some(front) = s.queue.front_mut() else { break };
                let piece = if front.len() <= left { s.queue.pop_front() } else { Some(front.split_to(left)) };
                let Some(piece) = piece else { break };
                left -= piece.len();
                put_payload(&mut self.out_segments, &mut self.out_segments_len, buf, piece);
            }
            if pad > 0 {
                buf.put_bytes(0, pad);
            }
            s.queued_bytes -= len;
            s.send_flow.consume(padded_len);
            // END_STREAM steps the entry in hand; `maybe_closed` would look it up twice.
            let closed = finishing && {
                s.end_queued = false;
                let _ = s.step(Input::SendEndStream);
                s.state == super::state::StreamState::Closed
            };
            self.conn_send.consume(padded_len);
            self.tree.charge(id, padded_len.max(1));
            if len > 0 {
                self.event(Event::DataSent { stream: id, bytes: len });
            }
            if finishing {
                if closed {
                    self.close_stream(id.get(), ClosedBy::EndStream);
                    self.event(Event::Closed { stream: id });
                }
                return Some(Ok(()));
            }
        }
        let trailers_now = self.streams.get(id.get()).is_some_and(|s| s.queued_bytes == 0 && s.trailers.is_some());
        if trailers_now {
            let trailers = self.streams.get_mut(id.get()).and_then(|s| s.trailers.take()).unwrap_or_default();
            if let Some(s) = self.streams.get_mut(id.get()) {
                let _ = s.step(Input::SendHeaders);
                let _ = s.step(Input::SendEndStream);
            }
            let job = HeaderJob { stream: id.get(), promised: None, headers: trailers, end_stream: true, priority: None, opening: false };
            if let Some(t) = self.transmit_block(job, buf) {
                return Some(Err(t));
            }
            return Some(Ok(()));
        }
        self.update_ready(id.get());
        Some(Ok(()))
    }
}

/// A DATA payload piece: copied into `buf`, or (large, and the caller takes segments)
/// handed on as it is, after the bytes before it.
fn put_payload(segments: &mut Option<Vec<Bytes>>, segments_len: &mut usize, buf: &mut BytesMut, piece: Bytes) {
    match segments {
        Some(out) if piece.len() >= ZERO_COPY_MIN => {
            if !buf.is_empty() {
                let before = buf.split().freeze();
                *segments_len += before.len();
                out.push(before);
            }
            *segments_len += piece.len();
            out.push(piece);
        }
        _ => buf.extend_from_slice(&piece),
    }
}

/// The smallest DATA payload piece `poll_transmit_segments` hands on uncopied: below it a
/// copy costs less than another buffer in the `writev`.
pub const ZERO_COPY_MIN: usize = 4096;

/// nghttp2's `NGHTTP2_ERR_FRAME_SIZE_ERROR` (the library's code for a header block over
/// `maxSendHeaderBlockLength`; Node 20's `'frameError'` reports the HTTP/2 code 6 instead).
pub const NGHTTP2_ERR_FRAME_SIZE_ERROR: i32 = -522;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hpack::Field;
    use crate::proto::config::Config;

    fn get() -> HeaderList {
        [(":method", "GET"), (":scheme", "http"), (":authority", "a"), (":path", "/")]
            .iter()
            .map(|(n, v)| Field { name: (*n).into(), value: (*v).into(), sensitive: false })
            .collect()
    }

    /// STR-1 / RFC 9113 §5.1.1: stream ids are 31 bits, so a session carries at most 2^31-1
    /// streams over its life; once the last odd id is used, `request()` fails with Node's
    /// `ERR_HTTP2_OUT_OF_STREAMS` instead of wrapping around.
    /// RFC 9113 §6.1: with segments, a large DATA payload goes out as the application's own
    /// bytes, uncopied, and the output is byte for byte what `poll_transmit` writes; small
    /// payloads are still copied.
    #[test]
    fn large_data_payloads_are_handed_on_uncopied_in_the_same_order() {
        let big = Bytes::from((0..40_000u32).map(|i| (i % 251) as u8).collect::<Vec<u8>>());
        let now = std::time::Instant::now();
        let run = |segmented: bool| {
            let mut conn = Connection::new(Config::new(Role::Client), now);
            let a = conn.send_request(get(), false, None).unwrap();
            let b = conn.send_request(get(), false, None).unwrap();
            conn.send_data(a, big.clone(), true).unwrap();
            conn.send_data(b, Bytes::from_static(b"small body"), true).unwrap();
            let (mut out, mut pieces) = (Vec::new(), Vec::new());
            let mut buf = BytesMut::new();
            loop {
                let mut segments = Vec::new();
                let t = if segmented { conn.poll_transmit_segments(&mut buf, &mut segments, 16 * 1024) } else { conn.poll_transmit(&mut buf, 16 * 1024) };
                segments.push(buf.split().freeze());
                for s in segments {
                    out.extend_from_slice(&s);
                    pieces.push(s);
                }
                if t == Transmit::Done && conn.queue.is_empty() && conn.tree.next().is_none() {
                    break;
                }
            }
            (out, pieces)
        };
        let (copied, _) = run(false);
        let (segmented, pieces) = run(true);
        assert_eq!(segmented, copied);
        let range = big.as_ptr_range();
        let uncopied: usize = pieces.iter().filter(|p| range.contains(&p.as_ptr())).map(Bytes::len).sum();
        assert_eq!(uncopied, big.len(), "every byte of the large payload is its own");
        assert!(pieces.iter().all(|p| !range.contains(&p.as_ptr()) || p.len() >= ZERO_COPY_MIN));
        assert!(segmented.windows(10).any(|w| w == b"small body"));
    }

    #[test]
    fn str_1_client_runs_out_of_stream_ids_at_2_pow_31_minus_1() {
        let mut conn = Connection::new(Config::new(Role::Client), std::time::Instant::now());
        assert_eq!(conn.send_request(get(), true, None).map(StreamId::get), Ok(1));
        // Skip ahead to the last two ids a client can use (walking there would take 2^30 requests).
        conn.next_local_id = MAX_STREAM_ID - 2;
        assert_eq!(conn.send_request(get(), true, None).map(StreamId::get), Ok(MAX_STREAM_ID - 2));
        assert_eq!(conn.send_request(get(), true, None).map(StreamId::get), Ok(MAX_STREAM_ID));
        let err = conn.send_request(get(), true, None).unwrap_err();
        assert_eq!(err.code(), "ERR_HTTP2_OUT_OF_STREAMS");
        assert_eq!(conn.send_request(get(), true, None).unwrap_err().code(), "ERR_HTTP2_OUT_OF_STREAMS");
    }
}
