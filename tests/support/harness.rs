//! Drives `Connection`s in tests: one against a scripted peer (`Harness`), or a client and a
//! server wired together in memory with a virtual clock (`Pair`, after quinn-proto's).
#![allow(dead_code)]

use std::time::{Duration, Instant};

use bytes::BytesMut;
use http2::frame::StreamId;
use http2::hpack::Field;
use http2::proto::{Config, Connection, Event, HeaderList, Role, Transmit};

use super::wire::{self, Sent};

/// Our connection against a peer the test plays by hand.
pub struct Harness {
    pub conn: Connection,
    pub now: Instant,
}

impl Harness {
    /// A server that has received the client preface and an empty SETTINGS, with its own
    /// first output (SETTINGS, SETTINGS ACK) already taken.
    pub fn server() -> Harness {
        Harness::server_with(Config::new(Role::Server))
    }

    pub fn server_with(config: Config) -> Harness {
        let mut h = Harness::raw(config);
        let mut hello = wire::PREFACE.to_vec();
        hello.extend(wire::settings(&[]));
        h.feed(&hello);
        h.sent();
        h.feed(&wire::settings_ack());
        h.events();
        h
    }

    /// A client that has received the server's empty SETTINGS and acknowledged ours.
    pub fn client() -> Harness {
        Harness::client_with(Config::new(Role::Client))
    }

    pub fn client_with(config: Config) -> Harness {
        let mut h = Harness::raw(config);
        h.sent();
        h.feed(&wire::settings(&[]));
        h.feed(&wire::settings_ack());
        h.sent();
        h.events();
        h
    }

    /// A connection straight after `new`, nothing exchanged.
    pub fn raw(config: Config) -> Harness {
        let now = Instant::now();
        Harness { conn: Connection::new(config, now), now }
    }

    pub fn advance(&mut self, d: Duration) {
        self.now += d;
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        self.conn.handle_bytes(bytes, self.now);
    }

    /// Feeds the bytes one at a time (parsers must be resumable).
    pub fn feed_bytewise(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.conn.handle_bytes(std::slice::from_ref(b), self.now);
        }
    }

    /// Everything the connection would write now, as frames.
    pub fn sent(&mut self) -> Vec<Sent> {
        wire::parse(&self.output())
    }

    pub fn output(&mut self) -> Vec<u8> {
        let mut buf = BytesMut::new();
        loop {
            match self.conn.poll_transmit(&mut buf, usize::MAX) {
                Transmit::Done => break,
                Transmit::NeedPadding { frame_len, .. } => self.conn.set_padding(frame_len),
            }
        }
        buf.to_vec()
    }

    pub fn events(&mut self) -> Vec<Event> {
        let mut v = Vec::new();
        while let Some(e) = self.conn.poll_event() {
            v.push(e);
        }
        v
    }

    /// The single frame of `kind` sent now (fails if there is not exactly one).
    pub fn one(&mut self, kind: u8) -> Sent {
        let frames: Vec<Sent> = self.sent().into_iter().filter(|f| f.kind == kind).collect();
        assert_eq!(frames.len(), 1, "expected one frame of type {kind}, got {frames:?}");
        frames.into_iter().next().unwrap()
    }

    /// Asserts the connection failed with GOAWAY(`code`).
    pub fn expect_goaway(&mut self, code: u32) -> Sent {
        let frames = self.sent();
        let g = frames.iter().find(|f| f.kind == wire::GOAWAY).unwrap_or_else(|| panic!("no GOAWAY in {frames:?}"));
        assert_eq!(g.error_code(), code, "GOAWAY code; frames: {frames:?}");
        assert!(self.conn.is_failed() || code == 0);
        g.clone()
    }

    /// Asserts RST_STREAM(`code`) on `stream` and no GOAWAY.
    pub fn expect_rst(&mut self, stream: u32, code: u32) {
        let frames = self.sent();
        assert!(!frames.iter().any(|f| f.kind == wire::GOAWAY), "unexpected GOAWAY: {frames:?}");
        let r = frames.iter().find(|f| f.kind == wire::RST_STREAM && f.stream == stream).unwrap_or_else(|| panic!("no RST_STREAM on {stream} in {frames:?}"));
        assert_eq!(r.error_code(), code, "RST_STREAM code; frames: {frames:?}");
    }

    /// Asserts the connection failed with GOAWAY(`code`) whose debug data names the reason;
    /// returns the reason.
    pub fn expect_goaway_reason(&mut self, code: u32) -> String {
        let g = self.expect_goaway(code);
        let reason = g.goaway_debug();
        assert!(!reason.is_empty(), "GOAWAY without a reason");
        reason
    }

    /// Asserts nothing at all is sent.
    pub fn expect_silence(&mut self) {
        let frames = self.sent();
        assert!(frames.is_empty(), "expected no output, got {frames:?}");
    }

    /// The scripted client opens stream `id` with a GET (END_HEADERS, and END_STREAM if asked).
    pub fn open(&mut self, id: u32, end_stream: bool) {
        let flags = wire::END_HEADERS | if end_stream { wire::END_STREAM } else { 0 };
        self.feed(&wire::headers(id, &wire::get("/"), flags));
    }

    /// Node's `stream.state.state` (STR-14) of stream `id`, `None` when not open.
    pub fn state(&self, id: u32) -> Option<u32> {
        self.conn.stream_state(StreamId::new(id)).map(|s| s.state)
    }

    /// Client: sends a GET request through the API; returns its stream id.
    pub fn request(&mut self, end_stream: bool) -> u32 {
        self.conn.send_request(get_headers("/"), end_stream, None).expect("send_request").get()
    }

    /// Whether an event matching `f` was reported (drains the events).
    pub fn saw(&mut self, f: impl Fn(&Event) -> bool) -> bool {
        self.events().iter().any(f)
    }

    /// Nothing output, nothing reported, connection still usable.
    pub fn expect_ignored(&mut self) {
        self.expect_silence();
        let ev = self.events();
        assert!(ev.is_empty(), "expected no events, got {ev:?}");
        assert!(!self.conn.is_failed());
    }
}

/// Node's stream state numbers (`NGHTTP2_STREAM_STATE_*`, STR-14).
pub mod state {
    pub const IDLE: u32 = 1;
    pub const OPEN: u32 = 2;
    pub const RESERVED_LOCAL: u32 = 3;
    pub const RESERVED_REMOTE: u32 = 4;
    pub const HALF_CLOSED_LOCAL: u32 = 5;
    pub const HALF_CLOSED_REMOTE: u32 = 6;
    pub const CLOSED: u32 = 7;
}

/// A header list for the API (`HeaderList`).
pub fn fields(list: &[(&'static str, &'static str)]) -> HeaderList {
    list.iter().map(|(n, v)| Field::new(*n, *v)).collect()
}

/// A GET request's header list for the API.
pub fn get_headers(path: &'static str) -> HeaderList {
    fields(&[(":method", "GET"), (":scheme", "https"), (":authority", "localhost"), (":path", path)])
}

/// A `:status` header list for the API.
pub fn status(code: &'static str) -> HeaderList {
    fields(&[(":status", code)])
}

impl Harness {
    /// Asserts nothing went wrong: no GOAWAY and no RST_STREAM sent.
    pub fn expect_no_error(&mut self) -> Vec<Sent> {
        let frames = self.sent();
        assert!(!frames.iter().any(|f| f.kind == wire::GOAWAY || f.kind == wire::RST_STREAM), "unexpected error frame: {frames:?}");
        assert!(!self.conn.is_failed());
        frames
    }
}

/// A client and a server connected in memory.
pub struct Pair {
    pub client: Connection,
    pub server: Connection,
    pub now: Instant,
    pub client_events: Vec<Event>,
    pub server_events: Vec<Event>,
    /// Bytes moved each way, for tests that care.
    pub to_server: usize,
    pub to_client: usize,
}

impl Pair {
    pub fn new() -> Pair {
        Pair::with(Config::new(Role::Client), Config::new(Role::Server))
    }

    pub fn with(client: Config, server: Config) -> Pair {
        let now = Instant::now();
        Pair { client: Connection::new(client, now), server: Connection::new(server, now), now, client_events: Vec::new(), server_events: Vec::new(), to_server: 0, to_client: 0 }
    }

    fn pump(from: &mut Connection, to: &mut Connection, now: Instant) -> usize {
        let mut buf = BytesMut::new();
        loop {
            match from.poll_transmit(&mut buf, 64 * 1024) {
                Transmit::Done => {
                    if buf.is_empty() {
                        return 0;
                    }
                    let n = buf.len();
                    to.handle_bytes(&buf, now);
                    return n;
                }
                Transmit::NeedPadding { frame_len, .. } => from.set_padding(frame_len),
            }
        }
    }

    /// One crossing exchange: both sides write what they have *before* either reads, so
    /// frames cross on the wire (a RST_STREAM meeting DATA already sent, two SETTINGS
    /// crossing). Returns the bytes moved.
    pub fn exchange(&mut self) -> usize {
        let mut to_server = BytesMut::new();
        let mut to_client = BytesMut::new();
        for (from, buf) in [(&mut self.client, &mut to_server), (&mut self.server, &mut to_client)] {
            loop {
                match from.poll_transmit(buf, usize::MAX) {
                    Transmit::Done => break,
                    Transmit::NeedPadding { frame_len, .. } => from.set_padding(frame_len),
                }
            }
        }
        self.server.handle_bytes(&to_server, self.now);
        self.client.handle_bytes(&to_client, self.now);
        self.to_server += to_server.len();
        self.to_client += to_client.len();
        to_server.len() + to_client.len()
    }

    /// Moves bytes both ways until neither side has anything to send; collects events.
    pub fn drive(&mut self) {
        for _ in 0..10_000 {
            let a = Pair::pump(&mut self.client, &mut self.server, self.now);
            let b = Pair::pump(&mut self.server, &mut self.client, self.now);
            self.to_server += a;
            self.to_client += b;
            while let Some(e) = self.client.poll_event() {
                self.client_events.push(e);
            }
            while let Some(e) = self.server.poll_event() {
                self.server_events.push(e);
            }
            if a == 0 && b == 0 {
                return;
            }
        }
        panic!("pair did not settle");
    }
}
