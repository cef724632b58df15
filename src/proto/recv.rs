//! The receive path of `Connection`: the preface, frame dispatch, and every check RFC 9113
//! asks of a receiver, each with the error scope it names.

use std::time::Instant;

use bytes::Bytes;

use super::config::Role;
use super::connection::{filled, Connection, PartialBlock, Phase, PREFACE};
use super::events::{Event, HeaderList, HeadersKind};
use super::priority::Priority;
use super::state::{Input, Refusal, StreamState};
use super::store::ClosedBy;
use super::stream::Stream;
use crate::frame::{self, ErrorCode, Frame, FrameError, StreamId};
use crate::hpack::{DecodeLimits, FieldBytes};
use crate::settings::Settings;
use crate::validate::{BlockChecker, BlockKind};

/// The room received blocks' values are cut from, reserved a chunk at a time.
const FIELD_CHUNK: usize = 4096;

impl Connection {
    /// Feeds bytes received from the peer. Frames are processed as soon as they are whole;
    /// a partial frame waits for more input. `now` refills the protection budgets.
    pub fn handle_bytes(&mut self, data: &[u8], now: Instant) {
        self.now = now;
        if self.phase == Phase::Failed {
            return;
        }
        self.read_buf.extend_from_slice(data);
        self.process_input(false);
    }

    /// Like `handle_bytes`, but stops after the first frame that produced an event, so the
    /// caller can act on each frame's events before the next frame is read (as nghttp2's
    /// callbacks let Node do: a `'response'` listener sees the stream before its DATA).
    /// Call [`Connection::continue_input`] after handling the events.
    pub fn handle_bytes_stepwise(&mut self, data: &[u8], now: Instant) {
        self.now = now;
        if self.phase == Phase::Failed {
            return;
        }
        self.read_buf.extend_from_slice(data);
        self.process_input(true);
    }

    /// Reads on from the bytes `handle_bytes_stepwise` left buffered, up to the next frame
    /// with events. Returns false when no complete frame was left.
    pub fn continue_input(&mut self) -> bool {
        if self.phase == Phase::Failed || self.read_buf.is_empty() {
            return false;
        }
        self.process_input(true)
    }

    /// Decodes and handles buffered frames; with `step`, stops after a frame that produced
    /// events. Returns whether a frame (or a connection failure) was processed.
    fn process_input(&mut self, step: bool) -> bool {
        let mut progressed = false;
        if let Phase::AwaitingPreface(matched) = self.phase {
            // RFC 9113 §3.4: the client preface, checked byte by byte as it arrives.
            let want = &PREFACE[matched..];
            let n = want.len().min(self.read_buf.len());
            if self.read_buf[..n] != want[..n] {
                self.fail(ErrorCode::PROTOCOL_ERROR, "invalid connection preface");
                return true;
            }
            let _ = self.read_buf.split_to(n);
            if matched + n < PREFACE.len() {
                self.phase = Phase::AwaitingPreface(matched + n);
                return false;
            }
            self.phase = Phase::AwaitingSettings;
        }
        loop {
            if self.phase == Phase::Failed {
                self.read_buf.clear();
                return true;
            }
            let before = self.events.len();
            match self.decoder.decode(&mut self.read_buf) {
                Ok(Some(f)) => self.handle_frame(f),
                Ok(None) => break,
                Err(FrameError::Connection { code, reason }) => {
                    self.fail(code, reason);
                    return true;
                }
                Err(FrameError::Stream { id, code, reason }) => {
                    if self.phase == Phase::AwaitingSettings {
                        self.fail(ErrorCode::PROTOCOL_ERROR, "first frame is not SETTINGS");
                        return true;
                    }
                    if self.partial.is_some() {
                        self.fail(ErrorCode::PROTOCOL_ERROR, "frame interleaved in a header block");
                        return true;
                    }
                    self.stream_error(id.get(), code, reason);
                }
            }
            progressed = true;
            if step && self.events.len() > before {
                break;
            }
        }
        if self.queued_out > self.config.limits.outbound_hard_limit {
            self.fail(ErrorCode::ENHANCE_YOUR_CALM, "peer does not read its responses");
        }
        progressed
    }

    fn handle_frame(&mut self, f: Frame) {
        if self.phase == Phase::AwaitingSettings {
            // RFC 9113 §3.4: the first frame of the peer's preface is a SETTINGS frame.
            match &f {
                Frame::Settings(s) if !s.ack => self.phase = Phase::Open,
                _ => {
                    self.fail(ErrorCode::PROTOCOL_ERROR, "first frame is not SETTINGS");
                    return;
                }
            }
        }
        // RFC 9113 §6.10: inside a header block only CONTINUATION of the same stream.
        if let Some(p) = &self.partial {
            let ok = matches!(&f, Frame::Continuation(c) if c.stream_id.get() == p.stream);
            if !ok {
                self.fail(ErrorCode::PROTOCOL_ERROR, "frame interleaved in a header block");
                return;
            }
        }
        match f {
            Frame::Data(d) => self.recv_data(d),
            Frame::Headers(h) => self.recv_headers(h),
            Frame::Priority(p) => self.recv_priority(p),
            Frame::RstStream(r) => self.recv_rst_stream(r),
            Frame::Settings(s) => self.recv_settings(s),
            Frame::PushPromise(p) => self.recv_push_promise(p),
            Frame::Ping(p) => self.recv_ping(p),
            Frame::GoAway(g) => self.recv_goaway(g),
            Frame::WindowUpdate(w) => self.recv_window_update(w),
            Frame::Continuation(c) => self.recv_continuation(c),
            // RFC 9113 §5.5: unknown frame types are ignored.
            Frame::Unknown(_) => {}
        }
    }

    fn spend_tiny(&mut self) -> bool {
        if self.tiny_budget.spend(1, self.now) {
            return true;
        }
        self.fail(ErrorCode::ENHANCE_YOUR_CALM, "too many empty or tiny frames");
        false
    }

    // ----- DATA (§6.1) -------------------------------------------------------------------

    fn recv_data(&mut self, d: frame::Data) {
        let id = d.stream_id.get();
        let flow_len = d.flow_controlled_len() as usize;
        let payload_len = d.payload.len();
        if payload_len < self.config.limits.tiny_frame_size && !d.end_stream && !self.spend_tiny() {
            return;
        }
        // Real payload earns back tiny-frame tokens: a peer streaming data is healthy.
        if payload_len >= 1024 {
            self.tiny_budget.earn((payload_len / 1024) as u32, self.now);
        }
        // §6.9: DATA counts against the connection window whatever the stream's state.
        if self.conn_recv.receive(flow_len).is_err() {
            self.fail(ErrorCode::FLOW_CONTROL_ERROR, "connection flow-control window exceeded");
            return;
        }
        // Padding is never handed to the application: give its window back now.
        let padding = flow_len - payload_len;
        let Some(stream) = self.streams.get_mut(id) else {
            // The application will never consume it: release it at once.
            self.release_connection_window(flow_len);
            self.frame_on_absent_stream(id, Input::RecvData);
            return;
        };
        if stream.recv_flow.receive(flow_len).is_err() {
            self.release_connection_window(flow_len);
            self.stream_error(id, ErrorCode::FLOW_CONTROL_ERROR, "stream flow-control window exceeded");
            return;
        }
        if let Err(refusal) = stream.step(Input::RecvData) {
            self.release_connection_window(flow_len);
            self.refused(id, refusal, "DATA not allowed in this stream state");
            return;
        }
        if !stream.headers_received && !stream.is_connect {
            // §8.1: DATA before the headers that open the message is malformed.
            self.release_connection_window(flow_len);
            self.stream_error(id, ErrorCode::PROTOCOL_ERROR, "DATA before HEADERS");
            return;
        }
        stream.received += payload_len as u64;
        // The window the padding frees must be announced: `release` counts it as given back.
        let padding_update = if padding > 0 { stream.recv_flow.release(padding) } else { None };
        // §8.1.1: a body larger than content-length, or any body on a response to HEAD, is malformed.
        let too_long = stream.content_length.is_some_and(|cl| stream.received > cl);
        let short_at_end = d.end_stream && stream.content_length.is_some_and(|cl| stream.received != cl);
        let head_body = stream.head_request && payload_len > 0;
        if too_long || short_at_end || head_body {
            self.release_connection_window(flow_len);
            self.stream_error(id, ErrorCode::PROTOCOL_ERROR, "body length does not match content-length");
            return;
        }
        if padding > 0 {
            self.release_connection_window(padding);
        }
        if let Some(inc) = padding_update.filter(|_| !d.end_stream) {
            self.write_window_update(id, inc);
        }
        if d.end_stream {
            if let Some(s) = self.streams.get_mut(id) {
                let _ = s.step(Input::RecvEndStream);
            }
        }
        self.event(Event::Data { stream: StreamId::new(id), data: d.payload, end_stream: d.end_stream });
        if d.end_stream {
            self.maybe_closed(id);
        }
    }

    /// After a stream's state changed: report and forget it if it is now closed. Data the
    /// application has not consumed yet keeps its connection-window charge until `consume`.
    pub(super) fn maybe_closed(&mut self, id: u32) {
        let closed = self.streams.get(id).is_some_and(|s| s.state == StreamState::Closed);
        if closed {
            self.close_stream(id, ClosedBy::EndStream);
            self.event(Event::Closed { stream: StreamId::new(id) });
        }
    }

    /// A frame for a stream we do not have: idle (never opened) or closed (§5.1).
    fn frame_on_absent_stream(&mut self, id: u32, input: Input) {
        if id == 0 {
            self.fail(ErrorCode::PROTOCOL_ERROR, "stream frame on stream 0");
            return;
        }
        let idle = if self.is_peer_stream(id) { id > self.last_peer_id } else { id >= self.next_local_id };
        if idle {
            // §5.1: idle streams accept only HEADERS and PRIORITY.
            match super::state::transition(StreamState::Idle, input) {
                Ok(_) => {}
                Err(r) => self.refused(id, r, "frame on an idle stream"),
            }
            return;
        }
        // §6.8: after our GOAWAY, frames on peer streams above its last id are ignored (their
        // HEADERS were; the DATA that follows must not become a connection error).
        if let Some((last, _)) = self.goaway_sent {
            if self.is_peer_stream(id) && id > last {
                return;
            }
        }
        match self.streams.closed_by(id) {
            // §5.1: frames in flight after we reset are ignored.
            Some(ClosedBy::LocalReset) => {}
            Some(ClosedBy::RemoteReset) => {
                if !matches!(input, Input::RecvPriority | Input::RecvWindowUpdate | Input::RecvReset) {
                    self.stream_error(id, ErrorCode::STREAM_CLOSED, "frame after RST_STREAM");
                }
            }
            // §5.1 closed: "An endpoint that receives any frame other than PRIORITY after
            // receiving a frame with END_STREAM ... MUST treat that as a connection error of type
            // STREAM_CLOSED" (WINDOW_UPDATE and RST_STREAM may still trail for a short while).
            Some(ClosedBy::EndStream) => match input {
                Input::RecvPriority | Input::RecvWindowUpdate | Input::RecvReset => {}
                _ => self.fail(ErrorCode::STREAM_CLOSED, "frame on a closed stream"),
            },
            // Never seen live, or forgotten. §5.1.1: HEADERS on an id below one the peer
            // already used is "an unexpected stream identifier": PROTOCOL_ERROR.
            None => match input {
                Input::RecvPriority | Input::RecvWindowUpdate | Input::RecvReset => {}
                Input::RecvHeaders => self.fail(ErrorCode::PROTOCOL_ERROR, "stream id lower than one already used"),
                _ => self.fail(ErrorCode::STREAM_CLOSED, "frame on a closed stream"),
            },
        }
    }

    /// A §5.1 refusal becomes the frame the RFC asks for.
    fn refused(&mut self, id: u32, refusal: Refusal, reason: &'static str) {
        match refusal {
            Refusal::Stream(code) => self.stream_error(id, code, reason),
            Refusal::Connection(code) => self.fail(code, reason),
            Refusal::Local => self.fail(ErrorCode::INTERNAL_ERROR, reason),
        }
    }

    // ----- HEADERS and CONTINUATION (§6.2, §6.10, §8) ------------------------------------

    fn recv_headers(&mut self, h: frame::Headers) {
        let id = h.stream_id.get();
        if h.fragment.is_empty() && !h.end_headers && !self.spend_tiny() {
            return;
        }
        let priority = h.priority.map(|p| Priority { parent: p.dependency, weight: p.weight, exclusive: p.exclusive });
        // §5.3.1: "A stream cannot depend on itself." A stream error, reported once the block
        // is decoded (it must be, to keep the HPACK state in sync).
        let self_dependent = priority.is_some_and(|p| p.parent.get() == id);
        self.start_block(id, None, h.fragment, h.end_headers, h.end_stream, priority, self_dependent);
    }

    #[allow(clippy::too_many_arguments)]
    fn start_block(&mut self, stream: u32, promised: Option<u32>, fragment: Bytes, end_headers: bool, end_stream: bool, priority: Option<Priority>, self_dependent: bool) {
        if end_headers {
            self.finish_block(stream, promised, fragment, end_stream, priority, self_dependent);
            return;
        }
        if fragment.len() > self.config.limits.max_header_block_bytes {
            self.fail(ErrorCode::ENHANCE_YOUR_CALM, "header block too large");
            return;
        }
        let mut buf = bytes::BytesMut::with_capacity(fragment.len() * 2);
        buf.extend_from_slice(&fragment);
        self.partial = Some(PartialBlock { stream, promised, fragment: buf, frames: 1, end_stream, priority, self_dependent });
    }

    fn recv_continuation(&mut self, c: frame::Continuation) {
        let Some(mut p) = self.partial.take() else {
            // §6.10: CONTINUATION without a preceding HEADERS/PUSH_PROMISE.
            self.fail(ErrorCode::PROTOCOL_ERROR, "CONTINUATION without a header block");
            return;
        };
        if c.fragment.is_empty() && !c.end_headers && !self.spend_tiny() {
            return;
        }
        p.frames += 1;
        // CONTINUATION flood (2024): bound frames and bytes per header block.
        if p.frames > self.config.limits.max_continuation_frames || p.fragment.len() + c.fragment.len() > self.config.limits.max_header_block_bytes {
            self.fail(ErrorCode::ENHANCE_YOUR_CALM, "CONTINUATION flood");
            return;
        }
        p.fragment.extend_from_slice(&c.fragment);
        if c.end_headers {
            let PartialBlock { stream, promised, fragment, end_stream, priority, self_dependent, .. } = p;
            self.finish_block(stream, promised, fragment.freeze(), end_stream, priority, self_dependent);
        } else {
            self.partial = Some(p);
        }
    }

    /// Decodes a whole header block (always, to keep HPACK in sync) and applies it.
    fn finish_block(&mut self, id: u32, promised: Option<u32>, block: Bytes, end_stream: bool, priority: Option<Priority>, self_dependent: bool) {
        let limits = self.decode_limits();
        let mut arena = std::mem::take(&mut self.field_arena);
        let mut spans = std::mem::take(&mut self.field_spans);
        spans.clear();
        let mut fields: HeaderList = self.take_field_list();
        fields.clear();
        let decoded = self.hpack_dec.decode(&block, &limits, |n, v, sensitive| {
            let name = match crate::hpack::static_name(n) {
                Some(s) => FieldBytes::from_static(s.as_bytes()),
                None => FieldBytes::copy_from_slice(n),
            };
            // A short value is held inline; a long one is cut from the chunk below once the
            // block is decoded.
            let value = FieldBytes::inline(v).unwrap_or_else(|| {
                if arena.capacity() - arena.len() < v.len() {
                    // A fresh chunk when the current one is full (or reclaimed in place once
                    // every block cut from it has been dropped).
                    arena.reserve(v.len().max(FIELD_CHUNK));
                }
                spans.push((fields.len(), arena.len(), arena.len() + v.len()));
                arena.extend_from_slice(v);
                FieldBytes::default()
            });
            fields.push(crate::hpack::Field { name, value, sensitive });
        });
        if !spans.is_empty() {
            // The block's long values are cut from a chunk shared by the blocks before it: no
            // allocation per block while the chunk has room.
            let values = arena.split().freeze();
            for &(i, start, end) in &spans {
                if let Some(f) = fields.get_mut(i) {
                    f.value = FieldBytes::from(values.slice(start..end));
                }
            }
        }
        self.field_arena = arena;
        // Keep the scratch list for the next block unless one block made it large.
        if spans.capacity() <= 1024 {
            self.field_spans = spans;
        }
        let decoded = match decoded {
            Ok(d) => d,
            Err(e) => {
                log::debug!("HPACK decode error: {:?}", e);
                // RFC 9113 §4.3: a decoding error is a connection error of type COMPRESSION_ERROR.
                self.fail(ErrorCode::COMPRESSION_ERROR, "header block decoding failed");
                return;
            }
        };
        if self_dependent {
            if id > self.last_peer_id && self.is_peer_stream(id) {
                self.last_peer_id = id;
            }
            self.stream_error(id, ErrorCode::PROTOCOL_ERROR, "stream depends on itself");
            return;
        }
        match promised {
            Some(pid) => self.apply_push_promise(id, pid, fields, decoded.over_limit, &limits),
            None => self.apply_headers(id, fields, end_stream, priority, decoded.over_limit),
        }
    }

    fn apply_headers(&mut self, id: u32, fields: HeaderList, end_stream: bool, priority: Option<Priority>, over_limit: bool) {
        if id == 0 {
            self.fail(ErrorCode::PROTOCOL_ERROR, "HEADERS on stream 0");
            return;
        }
        if !self.streams.contains(id) {
            let new_peer_stream = self.is_peer_stream(id) && id > self.last_peer_id;
            if !new_peer_stream {
                if self.is_peer_stream(id) || id < self.next_local_id {
                    self.frame_on_absent_stream(id, Input::RecvHeaders);
                } else {
                    // §5.1.1: a stream id of the wrong parity or one we never opened.
                    self.fail(ErrorCode::PROTOCOL_ERROR, "HEADERS on a stream the peer may not open");
                }
                return;
            }
            if self.config.role == Role::Client {
                // §8.4: servers do not open streams with HEADERS; they promise them.
                self.fail(ErrorCode::PROTOCOL_ERROR, "server opened a stream with HEADERS");
                return;
            }
            self.open_peer_stream(id, fields, end_stream, priority, over_limit);
            return;
        }
        // A block on an existing stream: response, 1xx, or trailers.
        if let Some(p) = priority {
            self.tree.reprioritize(StreamId::new(id), p);
        }
        let (kind, block_kind) = {
            let Some(s) = self.streams.get(id) else { return };
            if s.headers_received {
                (HeadersKind::Trailers, BlockKind::Trailers)
            } else if self.config.role == Role::Client {
                (HeadersKind::Response, BlockKind::Response)
            } else {
                // A server that already has the request headers: only trailers may follow.
                (HeadersKind::Trailers, BlockKind::Trailers)
            }
        };
        if let Some(s) = self.streams.get_mut(id) {
            if let Err(r) = s.step(Input::RecvHeaders) {
                self.refused(id, r, "HEADERS not allowed in this stream state");
                return;
            }
            if s.state == StreamState::HalfClosedLocal && kind == HeadersKind::Response && !s.local {
                // A pushed stream's response moved it out of reserved (remote).
                self.reserved_remote = self.reserved_remote.saturating_sub(1);
            }
        }
        if over_limit {
            // Node answers an oversized header list with ENHANCE_YOUR_CALM on the stream.
            self.stream_error(id, ErrorCode::ENHANCE_YOUR_CALM, "header list too large");
            return;
        }
        let mut checker = BlockChecker::new(block_kind);
        for f in &fields {
            if let Err(m) = checker.field(&f.name, &f.value) {
                self.stream_error(id, ErrorCode::PROTOCOL_ERROR, m.reason);
                return;
            }
        }
        let info = match checker.finish() {
            Ok(info) => info,
            Err(m) => {
                self.stream_error(id, ErrorCode::PROTOCOL_ERROR, m.reason);
                return;
            }
        };
        let mut kind = kind;
        if kind == HeadersKind::Response {
            let status = info.status.unwrap_or(0);
            if (100..200).contains(&status) {
                // §8.1: an informational response never ends the stream.
                if end_stream {
                    self.stream_error(id, ErrorCode::PROTOCOL_ERROR, "1xx response with END_STREAM");
                    return;
                }
                kind = HeadersKind::Informational;
            } else if let Some(s) = self.streams.get_mut(id) {
                s.headers_received = true;
                s.content_length = info.content_length;
                if status == 204 || status == 304 {
                    s.content_length = s.content_length.map(|_| 0).or(Some(0));
                }
            }
        }
        if kind == HeadersKind::Trailers && !end_stream {
            // §8.1: trailers carry END_STREAM.
            self.stream_error(id, ErrorCode::PROTOCOL_ERROR, "trailers without END_STREAM");
            return;
        }
        if end_stream {
            let mismatch = self.streams.get(id).is_some_and(|s| s.content_length.is_some_and(|cl| cl != s.received) && !s.head_request);
            if mismatch && kind != HeadersKind::Informational {
                self.stream_error(id, ErrorCode::PROTOCOL_ERROR, "body length does not match content-length");
                return;
            }
            if let Some(s) = self.streams.get_mut(id) {
                let _ = s.step(Input::RecvEndStream);
            }
        }
        self.event(Event::Headers { stream: StreamId::new(id), kind, headers: fields, end_stream, priority });
        if end_stream {
            self.maybe_closed(id);
        }
    }

    fn open_peer_stream(&mut self, id: u32, fields: HeaderList, end_stream: bool, priority: Option<Priority>, over_limit: bool) {
        self.last_peer_id = id;
        // §6.8: after our GOAWAY, streams above its last id are ignored.
        if let Some((last, _)) = self.goaway_sent {
            if id > last {
                return;
            }
        }
        if self.active_remote >= self.local_max_concurrent() {
            // §5.1.2: over the limit — refused, so the client may retry. §5.1: what it already
            // sent on the stream (a request body) is ignored after our RST_STREAM.
            self.write_rst_stream(id, ErrorCode::REFUSED_STREAM);
            self.streams.remember(id, ClosedBy::LocalReset);
            if !self.provoked_budget.spend(1, self.now) {
                self.fail(ErrorCode::ENHANCE_YOUR_CALM, "too many refused streams");
            }
            return;
        }
        let send_window = i64::from(self.remote.initial_window_size.unwrap_or(65_535));
        let recv_window = i64::from(self.local.initial_window_size.unwrap_or(65_535));
        let mut s = Stream::new(StreamId::new(id), false, send_window, recv_window);
        if s.step(Input::RecvHeaders).is_err() {
            return;
        }
        s.peer_open_unanswered = true;
        // The block is checked first (the check touches nothing else), so what it finds is
        // set on the stream before the stream is stored: no lookups after.
        let checked = if over_limit {
            Err((ErrorCode::ENHANCE_YOUR_CALM, "header list too large"))
        } else {
            match BlockChecker::new(BlockKind::Request).check_all(fields.iter().map(|f| (&f.name[..], &f.value[..]))) {
                Err(m) => Err((ErrorCode::PROTOCOL_ERROR, m.reason)),
                Ok(info) => {
                    s.headers_received = true;
                    s.content_length = info.content_length;
                    s.is_connect = info.is_connect();
                    if end_stream && info.content_length.is_some_and(|cl| cl != 0) {
                        Err((ErrorCode::PROTOCOL_ERROR, "body length does not match content-length"))
                    } else {
                        if end_stream {
                            let _ = s.step(Input::RecvEndStream);
                        }
                        Ok(())
                    }
                }
            }
        };
        Self::count(&mut s, &mut self.active_local, &mut self.active_remote);
        self.streams.insert(s);
        self.last_proc_id = id;
        let prio = priority.unwrap_or_default();
        if self.tree.insert(StreamId::new(id), prio, false).is_err() {
            self.fail(ErrorCode::ENHANCE_YOUR_CALM, "priority tree full");
            return;
        }
        if let Err((code, reason)) = checked {
            self.stream_error(id, code, reason);
            return;
        }
        self.event(Event::Headers { stream: StreamId::new(id), kind: HeadersKind::Request, headers: fields, end_stream, priority });
    }

    // ----- PRIORITY (§6.3) ---------------------------------------------------------------

    fn recv_priority(&mut self, p: frame::Priority) {
        let id = p.stream_id.get();
        if !self.priority_budget.spend(1, self.now) {
            self.fail(ErrorCode::ENHANCE_YOUR_CALM, "PRIORITY flood");
            return;
        }
        let prio = Priority { parent: p.spec.dependency, weight: p.spec.weight, exclusive: p.spec.exclusive };
        if prio.parent.get() == id {
            // §5.3.1: self-dependency is a stream error.
            self.stream_error(id, ErrorCode::PROTOCOL_ERROR, "stream depends on itself");
            return;
        }
        if self.tree.contains(StreamId::new(id)) {
            self.tree.reprioritize(StreamId::new(id), prio);
            return;
        }
        // A PRIORITY for a closed stream is ignored; for an idle one it creates a node
        // (bounded: CVE-2019-9513).
        let idle = if self.is_peer_stream(id) { id > self.last_peer_id } else { id >= self.next_local_id };
        if !idle {
            return;
        }
        if self.tree.idle_nodes() >= self.config.limits.max_idle_priority_nodes && !self.tree.evict_idle() {
            return;
        }
        if self.tree.insert(StreamId::new(id), prio, true).is_err() {
            self.fail(ErrorCode::ENHANCE_YOUR_CALM, "priority tree full");
        }
    }

    // ----- RST_STREAM (§6.4) -------------------------------------------------------------

    fn recv_rst_stream(&mut self, r: frame::RstStream) {
        let id = r.stream_id.get();
        let Some(s) = self.streams.get(id) else {
            self.frame_on_absent_stream(id, Input::RecvReset);
            return;
        };
        // Rapid Reset (CVE-2023-44487): streams the peer opens and cancels before we finish.
        if s.peer_open_unanswered && !self.reset_budget.spend(1, self.now) {
            self.fail(ErrorCode::ENHANCE_YOUR_CALM, "too many streams reset by the peer (Rapid Reset)");
            return;
        }
        if s.state == StreamState::Idle {
            self.fail(ErrorCode::PROTOCOL_ERROR, "RST_STREAM on an idle stream");
            return;
        }
        self.close_stream(id, ClosedBy::RemoteReset);
        self.event(Event::Reset { stream: StreamId::new(id), code: r.error_code, remote: true });
    }

    // ----- SETTINGS (§6.5) ---------------------------------------------------------------

    fn recv_settings(&mut self, s: frame::SettingsFrame) {
        if s.ack {
            let Some(acked) = self.pending_local.pop_front() else {
                // §6.5: an ACK for SETTINGS we never sent.
                self.fail(ErrorCode::PROTOCOL_ERROR, "unexpected SETTINGS acknowledgement");
                return;
            };
            self.apply_local_settings(&acked);
            self.event(Event::LocalSettingsAcked(self.local.clone()));
            return;
        }
        let mut update = Settings::default();
        for (n, (id, value)) in s.entries().enumerate() {
            if n >= self.config.limits.max_settings_entries {
                self.fail(ErrorCode::ENHANCE_YOUR_CALM, "too many entries in one SETTINGS frame");
                return;
            }
            // RFC 9113 §8.4: a server has no use for push; "a client MUST treat receipt of
            // a SETTINGS frame with SETTINGS_ENABLE_PUSH set to 1 as a connection error".
            if id == frame::setting::ENABLE_PUSH && value != 0 && self.config.role == Role::Client {
                self.fail(ErrorCode::PROTOCOL_ERROR, "server sent SETTINGS_ENABLE_PUSH = 1");
                return;
            }
            // §6.5.2: unknown settings are ignored (apply returns false for them).
            update.apply(id, value);
        }
        if let Some(new) = update.initial_window_size {
            // §6.9.2: shift every stream's send window by the difference.
            let old = i64::from(self.remote.initial_window_size.unwrap_or(65_535));
            let delta = i64::from(new) - old;
            let mut overflow = false;
            for st in self.streams.iter_mut() {
                if st.send_flow.shift(delta).is_err() {
                    overflow = true;
                }
            }
            if overflow {
                self.fail(ErrorCode::FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE overflows a window");
                return;
            }
            let ids: Vec<u32> = self.streams.ids();
            for id in ids {
                self.update_ready(id);
            }
        }
        if let Some(size) = update.header_table_size {
            self.hpack_enc.set_peer_table_size(size as usize);
        }
        self.remote.update(&update);
        self.write_settings_ack();
        self.open_pending_streams();
        self.event(Event::RemoteSettings(self.remote.clone()));
    }

    fn apply_local_settings(&mut self, acked: &Settings) {
        if let Some(size) = acked.header_table_size {
            self.hpack_dec.set_max_table_size(size as usize);
        }
        if let Some(size) = acked.max_frame_size {
            self.decoder.set_max_frame_size(size);
        }
        if let Some(new) = acked.initial_window_size {
            // §6.9.2: our streams' receive windows move by the difference.
            for st in self.streams.iter_mut() {
                st.recv_flow.set_target(i64::from(new), true);
            }
        }
        self.local.update(acked);
        self.local = filled(&self.local);
    }

    // ----- PUSH_PROMISE (§6.6, §8.4) -----------------------------------------------------

    fn recv_push_promise(&mut self, p: frame::PushPromise) {
        let parent = p.stream_id.get();
        let promised = p.promised_id.get();
        if self.config.role == Role::Server {
            // §8.4: "A client cannot push."
            self.fail(ErrorCode::PROTOCOL_ERROR, "client sent PUSH_PROMISE");
            return;
        }
        if self.local.enable_push == Some(false) {
            // §6.6: push disabled and acknowledged: a PUSH_PROMISE is a connection error.
            self.fail(ErrorCode::PROTOCOL_ERROR, "PUSH_PROMISE with push disabled");
            return;
        }
        if !promised.is_multiple_of(2) || promised <= self.last_peer_id {
            // §5.1.1: promised ids are new, even stream ids.
            self.fail(ErrorCode::PROTOCOL_ERROR, "invalid promised stream id");
            return;
        }
        self.last_peer_id = promised;
        self.start_block(parent, Some(promised), p.fragment, p.end_headers, false, None, false);
    }

    fn apply_push_promise(&mut self, parent: u32, promised: u32, fields: HeaderList, over_limit: bool, _limits: &DecodeLimits) {
        // §8.4: the associated stream must be open or half-closed (remote) for the server,
        // i.e. open or half-closed (local) from our side.
        let parent_ok = self.streams.get(parent).is_some_and(|s| s.local && matches!(s.state, StreamState::Open | StreamState::HalfClosedLocal));
        if !parent_ok {
            if self.streams.closed_by(parent) == Some(ClosedBy::LocalReset) {
                // We reset the parent; the promise was in flight. Refuse the pushed stream.
                self.refuse_promise(promised, ErrorCode::REFUSED_STREAM);
                return;
            }
            self.fail(ErrorCode::PROTOCOL_ERROR, "PUSH_PROMISE on a stream that cannot carry one");
            return;
        }
        if self.reserved_remote >= self.config.max_reserved_remote_streams || over_limit || self.goaway_sent.is_some() {
            // Node's maxReservedRemoteStreams: extra pushes are refused.
            self.refuse_promise(promised, ErrorCode::REFUSED_STREAM);
            return;
        }
        let mut checker = BlockChecker::new(BlockKind::PushPromise);
        let mut bad = None;
        for f in &fields {
            if let Err(m) = checker.field(&f.name, &f.value) {
                bad = Some(m.reason);
                break;
            }
        }
        let info = match bad {
            Some(reason) => Err(reason),
            None => checker.finish().map_err(|m| m.reason),
        };
        let info = match info {
            Ok(i) => i,
            Err(reason) => {
                // §8.4: a malformed promise is a stream error on the promised stream.
                self.refuse_promise(promised, ErrorCode::PROTOCOL_ERROR);
                log::debug!("refused push {}: {}", promised, reason);
                return;
            }
        };
        let send_window = i64::from(self.remote.initial_window_size.unwrap_or(65_535));
        let recv_window = i64::from(self.local.initial_window_size.unwrap_or(65_535));
        let mut s = Stream::new(StreamId::new(promised), false, send_window, recv_window);
        let _ = s.step(Input::RecvPushPromise);
        s.head_request = info.is_head();
        self.streams.insert(s);
        self.reserved_remote += 1;
        let _ = self.tree.insert(StreamId::new(promised), Priority { parent: StreamId::new(parent), ..Priority::default() }, false);
        self.event(Event::PushPromise { parent: StreamId::new(parent), promised: StreamId::new(promised), headers: fields });
    }

    /// Resets a promised stream we will not take. §5.1: the pushed response the server may
    /// already have sent on it is then ignored, so the stream is remembered as reset by us.
    fn refuse_promise(&mut self, promised: u32, code: ErrorCode) {
        self.write_rst_stream(promised, code);
        self.streams.remember(promised, ClosedBy::LocalReset);
    }

    // ----- PING (§6.7) -------------------------------------------------------------------

    fn recv_ping(&mut self, p: frame::Ping) {
        if p.ack {
            // §6.7: an ACK is never answered.
            if let Some(pos) = self.pings_outstanding.iter().position(|d| *d == p.data) {
                self.pings_outstanding.remove(pos);
                self.event(Event::PingAck { payload: p.data });
            }
            return;
        }
        self.write_ping(p.data, true);
        self.count_ack();
        self.event(Event::Ping { payload: p.data });
    }

    /// SETTINGS and PING floods (CVE-2019-9515, -9512): acknowledgements pile up when the
    /// peer does not read them.
    pub(super) fn count_ack(&mut self) {
        self.pending_acks += 1;
        if self.pending_acks > self.config.limits.max_pending_acks {
            self.fail(ErrorCode::ENHANCE_YOUR_CALM, "too many unread SETTINGS/PING acknowledgements");
        }
    }

    // ----- GOAWAY (§6.8) -----------------------------------------------------------------

    fn recv_goaway(&mut self, g: frame::GoAway) {
        let last = g.last_stream_id.get();
        // §6.8: the last stream id may only go down.
        let last = self.goaway_received.map_or(last, |prev| prev.min(last));
        self.goaway_received = Some(last);
        self.event(Event::GoAway { code: g.error_code, last_stream_id: StreamId::new(last), debug: g.debug_data });
        // Streams we opened above `last` were not processed: they may be retried elsewhere.
        let refused: Vec<u32> = self.streams.ids().into_iter().filter(|&id| !self.is_peer_stream(id) && id > last).collect();
        for id in refused {
            self.close_stream(id, ClosedBy::RemoteReset);
            self.event(Event::Reset { stream: StreamId::new(id), code: ErrorCode::REFUSED_STREAM, remote: true });
        }
        self.pending_opens.clear();
    }

    // ----- WINDOW_UPDATE (§6.9) ----------------------------------------------------------

    fn recv_window_update(&mut self, w: frame::WindowUpdate) {
        let id = w.stream_id.get();
        if id == 0 {
            if self.conn_send.increase(w.increment).is_err() {
                // §6.9.1: overflow of the connection window is a connection error.
                self.fail(ErrorCode::FLOW_CONTROL_ERROR, "connection window overflow");
            }
            return;
        }
        let Some(s) = self.streams.get_mut(id) else {
            self.frame_on_absent_stream(id, Input::RecvWindowUpdate);
            return;
        };
        if s.send_flow.increase(w.increment).is_err() {
            // §6.9.1: a stream window overflow is a stream error.
            self.stream_error(id, ErrorCode::FLOW_CONTROL_ERROR, "stream window overflow");
            return;
        }
        self.update_ready(id);
    }

    /// Tells the scheduler whether the stream can send now.
    pub(super) fn update_ready(&mut self, id: u32) {
        let ready = self.streams.get(id).is_some_and(Stream::ready_to_send);
        self.tree.set_ready(StreamId::new(id), ready);
    }
}
