//! Property test of the connection core: a client and a server `Connection` wired in memory
//! (`Pair`, a virtual clock) play random operations — requests with and without bodies,
//! responses, DATA chunks, resets from either side, SETTINGS changes (windows, concurrency,
//! frame size), PINGs, window consumption, priority changes, GOAWAY, time passing — and
//! after every step, once the bytes in flight have been delivered, the invariants hold:
//!
//! - nothing panics and neither side sees a protocol error (two correct endpoints never
//!   provoke one): no connection error, no reset other than the ones the applications chose
//!   (CANCEL, INTERNAL_ERROR) or REFUSED_STREAM (concurrency, GOAWAY);
//! - RFC 9113 §5.2/§6.9 windows agree: what one side may still send is what the other may
//!   still receive, for the connection and for every stream still receiving (SES-19, STR-14);
//! - at the end, once both applications finish their work: every request was answered or
//!   reset, no stream is left on either side, nothing is left buffered.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use bytes::Bytes;
use http2::frame::{ErrorCode, StreamId};
use http2::hpack::Field;
use http2::proto::{Connection, Event, HeadersKind, Priority};
use http2::settings::Settings;
use proptest::prelude::*;
use support::harness::{get_headers, status, Pair};

#[derive(Clone, Debug)]
enum Op {
    /// Client: a request; `body` bytes then END_STREAM (0: END_STREAM on the HEADERS).
    Request {
        body: usize,
        end: bool,
    },
    /// Client: more request body on a stream, maybe ending it.
    ClientData {
        pick: usize,
        len: usize,
        end: bool,
    },
    /// Server: response headers on a stream not yet answered (END_STREAM if `body` is 0 and `end`).
    Respond {
        pick: usize,
        body: usize,
        end: bool,
    },
    /// Server: more response body.
    ServerData {
        pick: usize,
        len: usize,
        end: bool,
    },
    /// Client or server: reset a stream.
    ClientReset {
        pick: usize,
    },
    ServerReset {
        pick: usize,
        internal: bool,
    },
    /// New SETTINGS from one side.
    ClientSettings {
        window: u32,
        frame: u32,
    },
    ServerSettings {
        window: u32,
        concurrency: u32,
    },
    /// The application consumes part of what it received on a stream.
    ClientConsume {
        pick: usize,
        frac: u8,
    },
    ServerConsume {
        pick: usize,
        frac: u8,
    },
    /// Connection window (`setLocalWindowSize`).
    ClientLocalWindow {
        size: u32,
    },
    Ping {
        from_client: bool,
        payload: u8,
    },
    Prio {
        pick: usize,
        parent: usize,
        weight: u16,
        exclusive: bool,
        silent: bool,
    },
    GoAway,
    Advance {
        ms: u16,
    },
    /// Server: promise a pushed stream on a stream the client opened (PUSH-1, SST-4).
    Push {
        pick: usize,
    },
}

/// An operation, and whether the bytes move right after it (if not, the next operations'
/// output queues up with it and crosses the peer's).
fn step() -> impl Strategy<Value = (Op, bool)> {
    (op(), prop::bool::weighted(0.6))
}

fn op() -> impl Strategy<Value = Op> {
    let window = prop_oneof![
        Just(0u32),
        Just(1),
        Just(100),
        Just(16_384),
        Just(65_535),
        Just(1 << 20)
    ];
    let window2 = window.clone();
    prop_oneof![
        6 => (prop_oneof![Just(0usize), 1usize..2000, 60_000usize..140_000], any::<bool>()).prop_map(|(body, end)| Op::Request { body, end }),
        3 => (any::<usize>(), 0usize..40_000, any::<bool>()).prop_map(|(pick, len, end)| Op::ClientData { pick, len, end }),
        6 => (any::<usize>(), prop_oneof![Just(0usize), 1usize..2000, 60_000usize..200_000], any::<bool>()).prop_map(|(pick, body, end)| Op::Respond { pick, body, end }),
        3 => (any::<usize>(), 0usize..40_000, any::<bool>()).prop_map(|(pick, len, end)| Op::ServerData { pick, len, end }),
        2 => any::<usize>().prop_map(|pick| Op::ClientReset { pick }),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(pick, internal)| Op::ServerReset { pick, internal }),
        1 => (window, prop_oneof![Just(16_384u32), Just(20_000), Just(1 << 20)]).prop_map(|(window, frame)| Op::ClientSettings { window, frame }),
        1 => (window2, prop_oneof![Just(0u32), Just(1), Just(3), Just(100)]).prop_map(|(window, concurrency)| Op::ServerSettings { window, concurrency }),
        5 => (any::<usize>(), any::<u8>()).prop_map(|(pick, frac)| Op::ClientConsume { pick, frac }),
        5 => (any::<usize>(), any::<u8>()).prop_map(|(pick, frac)| Op::ServerConsume { pick, frac }),
        1 => prop_oneof![Just(65_535u32), Just(1 << 20), Just(100_000)].prop_map(|size| Op::ClientLocalWindow { size }),
        2 => (any::<bool>(), any::<u8>()).prop_map(|(from_client, payload)| Op::Ping { from_client, payload }),
        2 => (any::<usize>(), any::<usize>(), 1u16..=256, any::<bool>(), any::<bool>()).prop_map(|(pick, parent, weight, exclusive, silent)| Op::Prio { pick, parent, weight, exclusive, silent }),
        1 => Just(Op::GoAway),
        2 => (1u16..3000).prop_map(|ms| Op::Advance { ms }),
        2 => any::<usize>().prop_map(|pick| Op::Push { pick }),
    ]
}

/// What the test knows of one side's application.
#[derive(Default)]
struct App {
    /// Streams known to the application and not reset/closed, with what it has received and
    /// not consumed yet.
    live: BTreeMap<u32, usize>,
    /// Received data of streams closed normally, still to be consumed.
    closed_unconsumed: BTreeMap<u32, usize>,
}

struct Model {
    p: Pair,
    client: App,
    server: App,
    /// Every request the client made.
    requests: BTreeSet<u32>,
    answered: BTreeSet<u32>,
    reset: BTreeSet<u32>,
    /// Server streams whose final response headers were sent.
    responded: BTreeSet<u32>,
    /// Streams the server promised (as the client learnt of them).
    pushed: BTreeSet<u32>,
}

fn pick(set: &BTreeMap<u32, usize>, i: usize) -> Option<u32> {
    if set.is_empty() {
        None
    } else {
        set.keys().nth(i % set.len()).copied()
    }
}

fn body(len: usize, end: bool) -> (Bytes, bool) {
    (Bytes::from(vec![b'x'; len]), end)
}

fn allowed_reset(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::CANCEL | ErrorCode::INTERNAL_ERROR | ErrorCode::REFUSED_STREAM
    )
}

impl Model {
    fn new() -> Model {
        let mut m = Model {
            p: Pair::new(),
            client: App::default(),
            server: App::default(),
            requests: BTreeSet::new(),
            answered: BTreeSet::new(),
            reset: BTreeSet::new(),
            responded: BTreeSet::new(),
            pushed: BTreeSet::new(),
        };
        m.settle();
        m
    }

    /// Delivers everything in flight, hands the events to the applications, checks the
    /// invariants.
    fn settle(&mut self) {
        // Frames cross first (both sides' output in flight at once), then all is delivered.
        self.p.exchange();
        self.p.drive();
        for e in std::mem::take(&mut self.p.server_events) {
            match e {
                Event::Headers {
                    stream,
                    kind: HeadersKind::Request,
                    ..
                } => {
                    self.server.live.insert(stream.get(), 0);
                }
                Event::Data { stream, data, .. } => {
                    if let Some(n) = self.server.live.get_mut(&stream.get()) {
                        *n += data.len();
                    }
                }
                Event::Reset { stream, code, .. } => {
                    assert!(
                        allowed_reset(code),
                        "server saw reset {code:?} on {stream:?}"
                    );
                    self.server.live.remove(&stream.get());
                }
                Event::Closed { stream } => {
                    if let Some(n) = self.server.live.remove(&stream.get()) {
                        self.server.closed_unconsumed.insert(stream.get(), n);
                    }
                }
                Event::ConnectionError { code, reason } => {
                    panic!("server connection error {code:?}: {reason}")
                }
                _ => {}
            }
        }
        for e in std::mem::take(&mut self.p.client_events) {
            match e {
                Event::Headers {
                    stream,
                    kind: HeadersKind::Response,
                    ..
                } => {
                    self.answered.insert(stream.get());
                }
                Event::PushPromise { promised, .. } => {
                    self.pushed.insert(promised.get());
                    self.client.live.insert(promised.get(), 0);
                }
                Event::Data { stream, data, .. } => {
                    if let Some(n) = self.client.live.get_mut(&stream.get()) {
                        *n += data.len();
                    }
                }
                Event::Reset { stream, code, .. } => {
                    assert!(
                        allowed_reset(code),
                        "client saw reset {code:?} on {stream:?}"
                    );
                    self.reset.insert(stream.get());
                    self.client.live.remove(&stream.get());
                }
                Event::Closed { stream } => {
                    if let Some(n) = self.client.live.remove(&stream.get()) {
                        self.client.closed_unconsumed.insert(stream.get(), n);
                    }
                }
                Event::ConnectionError { code, reason } => {
                    panic!("client connection error {code:?}: {reason}")
                }
                _ => {}
            }
        }
        self.check();
    }

    fn check(&self) {
        let (c, s) = (&self.p.client, &self.p.server);
        assert!(!c.is_failed() && !s.is_failed(), "a connection failed");
        // RFC 9113 §6.9: connection windows agree both ways.
        assert_eq!(
            c.session_state().remote_window_size,
            s.session_state().local_window_size,
            "client->server connection window"
        );
        assert_eq!(
            s.session_state().remote_window_size,
            c.session_state().local_window_size,
            "server->client connection window"
        );
        // Stream windows agree for every stream still receiving on the receiving side.
        for id in self.requests.iter().chain(self.pushed.iter()).copied() {
            let (Some(cs), Some(ss)) = (
                c.stream_state(StreamId::new(id)),
                s.stream_state(StreamId::new(id)),
            ) else {
                continue;
            };
            if ss.stream_remote_close == 0 {
                assert_eq!(
                    cs.remote_window_size, ss.local_window_size,
                    "stream {id} client->server window"
                );
            }
            if cs.stream_remote_close == 0 {
                assert_eq!(
                    ss.remote_window_size, cs.local_window_size,
                    "stream {id} server->client window"
                );
            }
        }
        // Nothing the peer may not know about: the server never has more streams than requests.
        assert!(c.open_streams() <= self.requests.len() + self.pushed.len() + 200);
    }

    fn apply(&mut self, op: &Op) {
        self.apply_no_settle(op);
        self.settle();
    }

    fn apply_no_settle(&mut self, op: &Op) {
        match *op {
            Op::Request { body: len, end } => {
                let r = self.p.client.send_request(
                    if len > 0 { post() } else { get_headers("/") },
                    len == 0 && end,
                    None,
                );
                if let Ok(id) = r {
                    self.requests.insert(id.get());
                    self.client.live.insert(id.get(), 0);
                    if len > 0 {
                        let (b, e) = body(len, end);
                        self.p.client.send_data(id, b, e).unwrap();
                    }
                }
            }
            Op::ClientData { pick: i, len, end } => {
                if let Some(id) = pick(&self.client.live, i) {
                    let (b, e) = body(len, end);
                    let _ = self.p.client.send_data(StreamId::new(id), b, e);
                }
            }
            Op::Respond {
                pick: i,
                body: len,
                end,
            } => {
                let unanswered: BTreeMap<u32, usize> = self
                    .server
                    .live
                    .iter()
                    .filter(|(id, _)| !self.responded.contains(id))
                    .map(|(k, v)| (*k, *v))
                    .collect();
                if let Some(id) = pick(&unanswered, i) {
                    let sid = StreamId::new(id);
                    // The application's view may be stale (bytes not moved yet): a stream it
                    // reset itself is refused with an error, not a panic.
                    if self
                        .p
                        .server
                        .send_headers(sid, status("200"), len == 0 && end)
                        .is_err()
                    {
                        assert!(!self.p.server.has_stream(sid));
                        return;
                    }
                    self.responded.insert(id);
                    if len > 0 {
                        let (b, e) = body(len, end);
                        self.p.server.send_data(sid, b, e).unwrap();
                    }
                }
            }
            Op::ServerData { pick: i, len, end } => {
                let answered: BTreeMap<u32, usize> = self
                    .server
                    .live
                    .iter()
                    .filter(|(id, _)| self.responded.contains(id))
                    .map(|(k, v)| (*k, *v))
                    .collect();
                if let Some(id) = pick(&answered, i) {
                    let (b, e) = body(len, end);
                    let _ = self.p.server.send_data(StreamId::new(id), b, e);
                }
            }
            Op::ClientReset { pick: i } => {
                if let Some(id) = pick(&self.client.live, i) {
                    self.p.client.reset(StreamId::new(id), ErrorCode::CANCEL);
                }
            }
            Op::ServerReset { pick: i, internal } => {
                if let Some(id) = pick(&self.server.live, i) {
                    self.p.server.reset(
                        StreamId::new(id),
                        if internal {
                            ErrorCode::INTERNAL_ERROR
                        } else {
                            ErrorCode::CANCEL
                        },
                    );
                }
            }
            Op::ClientSettings { window, frame } => {
                let _ = self.p.client.send_settings(Settings {
                    initial_window_size: Some(window),
                    max_frame_size: Some(frame),
                    ..Settings::default()
                });
            }
            Op::ServerSettings {
                window,
                concurrency,
            } => {
                let _ = self.p.server.send_settings(Settings {
                    initial_window_size: Some(window),
                    max_concurrent_streams: Some(concurrency),
                    ..Settings::default()
                });
            }
            Op::ClientConsume { pick: i, frac } => {
                consume(&mut self.p.client, &mut self.client, i, frac)
            }
            Op::ServerConsume { pick: i, frac } => {
                consume(&mut self.p.server, &mut self.server, i, frac)
            }
            Op::ClientLocalWindow { size } => self.p.client.set_local_window_size(size),
            Op::Ping {
                from_client,
                payload,
            } => {
                let c = if from_client {
                    &mut self.p.client
                } else {
                    &mut self.p.server
                };
                let _ = c.ping([payload; 8]);
            }
            Op::Prio {
                pick: i,
                parent,
                weight,
                exclusive,
                silent,
            } => {
                if let Some(id) = pick(&self.client.live, i) {
                    let parent = pick(&self.client.live, parent)
                        .filter(|&p| p != id)
                        .unwrap_or(0);
                    let prio = Priority {
                        parent: StreamId::new(parent),
                        weight,
                        exclusive,
                    };
                    let _ = self.p.client.set_priority(StreamId::new(id), prio, silent);
                }
            }
            Op::GoAway => self.p.server.go_away(ErrorCode::NO_ERROR, None, b"bye"),
            Op::Push { pick: i } => {
                let parents: BTreeMap<u32, usize> = self
                    .server
                    .live
                    .iter()
                    .filter(|(id, _)| *id % 2 == 1)
                    .map(|(k, v)| (*k, *v))
                    .collect();
                if let Some(parent) = pick(&parents, i) {
                    if let Ok(promised) = self
                        .p
                        .server
                        .push_promise(StreamId::new(parent), get_headers("/pushed"))
                    {
                        self.server.live.insert(promised.get(), 0);
                    }
                }
            }
            Op::Advance { ms } => self.p.now += Duration::from_millis(u64::from(ms)),
        }
    }

    /// Both applications finish their work: settings back to roomy values, every stream
    /// answered and ended both ways, everything consumed.
    fn finish(&mut self) {
        let _ = self.p.client.send_settings(Settings {
            initial_window_size: Some(65_535),
            ..Settings::default()
        });
        let _ = self.p.server.send_settings(Settings {
            initial_window_size: Some(65_535),
            max_concurrent_streams: Some(100),
            ..Settings::default()
        });
        self.settle();
        for _ in 0..200 {
            let quiet = self.client.live.is_empty()
                && self.server.live.is_empty()
                && self.client.closed_unconsumed.is_empty()
                && self.server.closed_unconsumed.is_empty();
            if quiet && self.p.client.open_streams() == 0 && self.p.server.open_streams() == 0 {
                break;
            }
            let ids: Vec<u32> = self.server.live.keys().copied().collect();
            for id in ids {
                let sid = StreamId::new(id);
                if self.responded.insert(id) {
                    let _ = self.p.server.send_headers(sid, status("200"), false);
                }
                let _ = self.p.server.send_data(sid, Bytes::new(), true);
            }
            let ids: Vec<u32> = self.client.live.keys().copied().collect();
            for id in ids {
                let _ = self
                    .p
                    .client
                    .send_data(StreamId::new(id), Bytes::new(), true);
            }
            for (conn, app) in [
                (&mut self.p.client, &mut self.client),
                (&mut self.p.server, &mut self.server),
            ] {
                let pending: Vec<(u32, usize)> = app
                    .live
                    .iter()
                    .chain(app.closed_unconsumed.iter())
                    .map(|(k, v)| (*k, *v))
                    .collect();
                for (id, n) in pending {
                    conn.consume(StreamId::new(id), n);
                }
                app.live.values_mut().for_each(|n| *n = 0);
                app.closed_unconsumed.clear();
            }
            self.settle();
        }
        let (c, s) = (&self.p.client, &self.p.server);
        assert_eq!(
            (c.open_streams(), s.open_streams()),
            (0, 0),
            "leaked streams"
        );
        assert_eq!(
            (c.buffered_bytes(), s.buffered_bytes()),
            (0, 0),
            "output left buffered"
        );
        for id in &self.requests {
            assert!(
                self.answered.contains(id) || self.reset.contains(id),
                "request {id} neither answered nor reset"
            );
        }
        // All consumed: what is not yet announced is only the batching remainder (less than
        // half the window), and no received byte was lost from the accounting (the window
        // plus what awaits announcement covers the target; it may exceed it after
        // `setLocalWindowSize` lowered the target, as a window cannot be taken back).
        for st in [c.session_state(), s.session_state()] {
            assert!(
                st.effective_recv_data_length * 2 < st.effective_local_window_size.max(1),
                "{st:?}"
            );
            assert!(
                st.local_window_size + st.effective_recv_data_length
                    >= st.effective_local_window_size,
                "{st:?}"
            );
        }
        self.final_exchange();
    }

    /// Nothing leaked from the connection windows: a fresh exchange larger than any window
    /// still completes both ways (skipped after a GOAWAY: no new streams).
    fn final_exchange(&mut self) {
        let Ok(id) = self.p.client.send_request(post(), false, None) else {
            return;
        };
        self.requests.insert(id.get());
        self.client.live.insert(id.get(), 0);
        self.p
            .client
            .send_data(id, Bytes::from(vec![1u8; 300_000]), true)
            .unwrap();
        let mut server_got = 0usize;
        let mut client_got = 0usize;
        for _ in 0..1000 {
            self.settle();
            for (conn, app, got) in [
                (&mut self.p.client, &mut self.client, &mut client_got),
                (&mut self.p.server, &mut self.server, &mut server_got),
            ] {
                if let Some(n) = app
                    .live
                    .get_mut(&id.get())
                    .or_else(|| app.closed_unconsumed.get_mut(&id.get()))
                {
                    conn.consume(id, *n);
                    *got += *n;
                    *n = 0;
                }
            }
            if server_got == 300_000 && self.responded.insert(id.get()) {
                self.p
                    .server
                    .send_headers(id, status("200"), false)
                    .unwrap();
                self.p
                    .server
                    .send_data(id, Bytes::from(vec![2u8; 300_000]), true)
                    .unwrap();
            }
            if client_got == 300_000 && self.p.client.open_streams() == 0 {
                break;
            }
        }
        assert_eq!(
            (server_got, client_got),
            (300_000, 300_000),
            "final exchange stalled"
        );
        assert_eq!(
            (self.p.client.open_streams(), self.p.server.open_streams()),
            (0, 0)
        );
    }
}

fn post() -> Vec<Field> {
    support::harness::fields(&[
        (":method", "POST"),
        (":scheme", "https"),
        (":authority", "localhost"),
        (":path", "/upload"),
    ])
}

fn consume(conn: &mut Connection, app: &mut App, i: usize, frac: u8) {
    let Some(id) = pick(&app.live, i) else { return };
    let held = app.live[&id];
    let n = held * (usize::from(frac) + 1) / 256;
    conn.consume(StreamId::new(id), n);
    if let Some(h) = app.live.get_mut(&id) {
        *h -= n;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// RFC 9113 §5.1, §5.2, §6.9 (SES-19, STR-14): random operations on a client/server pair
    /// keep both ends consistent and leak nothing.
    #[test]
    fn rfc9113_pair_random_operations_keep_invariants(ops in proptest::collection::vec(step(), 1..40)) {
        let mut m = Model::new();
        for (op, settle) in &ops {
            m.apply_no_settle(op);
            if *settle {
                m.settle();
            }
        }
        m.settle();
        m.finish();
    }
}

/// A fixed scenario of the property, kept as a plain test: many requests with bodies both ways
/// under a small window and a concurrency limit of 1.
#[test]
fn rfc9113_pair_small_window_and_concurrency_one() {
    let mut m = Model::new();
    m.apply(&Op::ServerSettings {
        window: 100,
        concurrency: 1,
    });
    m.apply(&Op::ClientSettings {
        window: 100,
        frame: 16_384,
    });
    for _ in 0..5 {
        m.apply(&Op::Request {
            body: 5000,
            end: true,
        });
    }
    for i in 0..200 {
        m.apply(&Op::Respond {
            pick: 0,
            body: 3000,
            end: true,
        });
        m.apply(&Op::ServerConsume { pick: i, frac: 255 });
        m.apply(&Op::ClientConsume { pick: i, frac: 255 });
    }
    m.finish();
    // The five requests and the final exchange.
    assert_eq!(m.requests.len(), 6);
    assert_eq!(m.answered.len(), 6);
}

/// One frame a hostile peer might send: any type (known or not), any flags, a small stream id
/// (so frames hit the same streams), a payload that is random or a valid header block.
fn hostile_frame() -> impl Strategy<Value = Vec<u8>> {
    let payload = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..64),
        Just(support::wire::get("/")),
        Just(support::wire::block(&[(":status", "200")])),
        Just(vec![0, 0, 0, 0, 0, 0, 1, 0]),
    ];
    (0u8..12, any::<u8>(), 0u32..12, payload)
        .prop_map(|(kind, flags, stream, p)| support::wire::frame(kind, flags, stream, &p))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A peer must never panic the core: random frame sequences, fed whole or split at random
    /// points, to a server and to a client with a request open. Whatever happens, output stays
    /// bounded and a failed connection processes nothing more.
    #[test]
    fn hostile_frames_never_panic(frames in proptest::collection::vec(hostile_frame(), 1..60), cut in any::<usize>()) {
        let input: Vec<u8> = frames.concat();
        for client in [false, true] {
            let mut h = if client { support::harness::Harness::client() } else { support::harness::Harness::server() };
            if client {
                h.request(false);
                h.sent();
            }
            let at = cut % (input.len() + 1);
            h.feed(&input[..at]);
            h.sent();
            h.feed(&input[at..]);
            prop_assert!(h.conn.buffered_bytes() < 64 * 1024);
            let out = h.sent();
            if h.conn.is_failed() {
                prop_assert!(out.iter().filter(|f| f.is(support::wire::GOAWAY)).count() <= 1);
                h.feed(&support::wire::ping([0; 8], false));
                prop_assert!(h.sent().is_empty());
            }
            h.events();
        }
    }
}
