//! Feeds arbitrary bytes (after a valid client preface) to a server `Connection` in chunks of
//! arbitrary sizes, draining its output and events as a session would: no input may panic
//! the core or make its output grow without bound.
#![no_main]

use std::time::{Duration, Instant};

use bytes::BytesMut;
use http2::proto::{Config, Connection, Role, Transmit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut now = Instant::now();
    let mut conn = Connection::new(Config::new(Role::Server), now);
    conn.handle_bytes(http2::frame::PREFACE, now);
    let mut rest = data;
    while let Some((&n, tail)) = rest.split_first() {
        let take = (usize::from(n) + 1).min(tail.len());
        conn.handle_bytes(&tail[..take], now);
        rest = &tail[take..];
        now += Duration::from_millis(u64::from(n % 8));
        while conn.poll_event().is_some() {}
        let mut out = BytesMut::new();
        while let Transmit::NeedPadding { frame_len, .. } = conn.poll_transmit(&mut out, 1 << 20) {
            conn.set_padding(frame_len);
        }
        assert!(conn.buffered_bytes() < 64 << 20);
    }
});
