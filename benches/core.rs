//! Connection core throughput: a client and a server `proto::Connection` wired in memory
//! complete small exchanges (a GET with 8 typical headers, a `200` with a 13-byte body) on one
//! long-lived connection, on one core, with no I/O: what the sans-I/O core costs per request.
//! Run: `cargo bench --bench core` (a benchmark, not a test: it prints, asserts little).
//!
//! Two shapes: one exchange at a time (request, response, consume: a full round per
//! exchange), and 100 exchanges in flight (requests batched into one write each way, as a
//! busy connection does). Each figure is the best of 10 slices of about 200 ms, so a change
//! of load on the shared machine shows as noise, not as a trend.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use http2::hpack::Field;
use http2::proto::{Config, Connection, Event, Role, Transmit};

const BODY: &[u8] = b"Hello, world!";

fn request() -> Vec<Field> {
    [
        (":method", "GET"),
        (":scheme", "https"),
        (":authority", "example.com"),
        (":path", "/index.html"),
        ("user-agent", "bench/1.0"),
        ("accept", "text/html,application/xhtml+xml"),
        ("accept-encoding", "gzip, deflate, br"),
        ("accept-language", "en-US,en;q=0.9"),
    ]
    .into_iter()
    .map(|(n, v)| Field::new(n, v))
    .collect()
}

fn response() -> Vec<Field> {
    [
        (":status", "200"),
        ("content-type", "text/plain"),
        ("content-length", "13"),
    ]
    .into_iter()
    .map(|(n, v)| Field::new(n, v))
    .collect()
}

struct Bench {
    client: Connection,
    server: Connection,
    buf: BytesMut,
    now: Instant,
    req: Vec<Field>,
    res: Vec<Field>,
    body: Bytes,
}

impl Bench {
    fn new() -> Bench {
        let now = Instant::now();
        let mut b = Bench {
            client: Connection::new(Config::new(Role::Client), now),
            server: Connection::new(Config::new(Role::Server), now),
            buf: BytesMut::with_capacity(64 * 1024),
            now,
            req: request(),
            res: response(),
            body: Bytes::from_static(BODY),
        };
        // The prefaces and SETTINGS exchange.
        for _ in 0..3 {
            b.client_to_server();
            b.server_to_client();
        }
        while b.client.poll_event().is_some() {}
        while b.server.poll_event().is_some() {}
        b
    }

    fn client_to_server(&mut self) {
        self.buf.clear();
        while let Transmit::NeedPadding { frame_len, .. } =
            self.client.poll_transmit(&mut self.buf, usize::MAX)
        {
            self.client.set_padding(frame_len);
        }
        self.server.handle_bytes(&self.buf, self.now);
    }

    fn server_to_client(&mut self) {
        self.buf.clear();
        while let Transmit::NeedPadding { frame_len, .. } =
            self.server.poll_transmit(&mut self.buf, usize::MAX)
        {
            self.server.set_padding(frame_len);
        }
        self.client.handle_bytes(&self.buf, self.now);
    }

    /// `n` exchanges: the client sends `n` requests, the server answers each, the client
    /// reads (and consumes) every response. Returns the exchanges completed.
    fn round(&mut self, n: usize) -> usize {
        for _ in 0..n {
            self.client
                .send_request(self.req.clone(), true, None)
                .expect("request");
        }
        self.client_to_server();
        while let Some(e) = self.server.poll_event() {
            if let Event::Headers { stream, .. } = e {
                self.server
                    .send_headers(stream, self.res.clone(), false)
                    .expect("respond");
                self.server
                    .send_data(stream, self.body.clone(), true)
                    .expect("body");
            }
        }
        self.server_to_client();
        let mut done = 0;
        while let Some(e) = self.client.poll_event() {
            match e {
                Event::Data { stream, data, .. } => {
                    self.client.consume(stream, black_box(data).len());
                }
                Event::Closed { .. } => done += 1,
                _ => {}
            }
        }
        // WINDOW_UPDATEs, when the consumed data adds up to half a window.
        if self.client.wants_write() {
            self.client_to_server();
        }
        done
    }
}

/// Exchanges per second: best slice of about 200 ms over 10 rounds.
fn rate(in_flight: usize) -> f64 {
    let mut b = Bench::new();
    // Warm-up (and a check that exchanges complete).
    assert_eq!(b.round(in_flight), in_flight);
    let mut best = 0f64;
    for _ in 0..10 {
        let start = Instant::now();
        let mut n = 0usize;
        while start.elapsed() < Duration::from_millis(200) {
            n += b.round(in_flight);
        }
        best = best.max(n as f64 / start.elapsed().as_secs_f64());
    }
    assert!(!b.client.is_failed() && !b.server.is_failed());
    assert_eq!((b.client.open_streams(), b.server.open_streams()), (0, 0));
    best
}

fn main() {
    for in_flight in [1usize, 100] {
        let r = rate(in_flight);
        println!("core exchanges, {in_flight:>3} in flight: {:>10.0} exchanges/s ({:.2} µs each, client and server together)", r, 1e6 / r);
    }
}
