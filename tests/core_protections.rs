//! The connection core's protections (`proto::Limits`, `proto::Budget`), one test per
//! protection: the abuse trips it (GOAWAY ENHANCE_YOUR_CALM with the reason in the debug data,
//! or the code RFC 9113 names), and memory stays bounded (`buffered_bytes`, `session_state`,
//! stream counts). Then the other half: ordinary heavy use must NOT trip them (a client
//! cancelling thousands of requests over time, a peer streaming many small DATA frames with
//! real payload, a chatty PING keep-alive, …). Time is virtual (`Harness::advance`); nothing
//! here measures wall-clock time.

mod support;

use std::time::Duration;

use http2::frame::{ErrorCode, StreamId};
use http2::proto::{Config, Event, Limits, Role};
use http2::settings::Settings;
use support::harness::{get_headers, status, Harness};
use support::wire::{self, code};

const EH: u8 = wire::END_HEADERS;
const ES: u8 = wire::END_STREAM;

fn server_with_limits(f: impl FnOnce(&mut Limits)) -> Harness {
    let mut config = Config::new(Role::Server);
    f(&mut config.limits);
    Harness::server_with(config)
}

/// Asserts the connection was closed by a protection: GOAWAY(ENHANCE_YOUR_CALM) whose debug
/// data contains `why`, the matching event, and no input processed afterwards.
fn assert_calmed(h: &mut Harness, why: &str) {
    let reason = h.expect_goaway_reason(code::ENHANCE_YOUR_CALM);
    assert!(
        reason.contains(why),
        "reason {reason:?} does not name {why:?}"
    );
    let ev = h.events();
    assert!(
        ev.iter().any(|e| matches!(
            e,
            Event::ConnectionError {
                code: ErrorCode::ENHANCE_YOUR_CALM,
                ..
            }
        )),
        "{ev:?}"
    );
    assert!(!h.conn.wants_read());
    h.feed(&wire::ping([0; 8], false));
    h.expect_silence();
}

/// A request block with `n` extra `accept:` fields, each one byte (static index 19, empty
/// value), i.e. charged 6 + 0 + 32 = 38 octets of header list each.
fn many_indexed_fields(n: usize) -> Vec<u8> {
    let mut b = wire::get("/");
    for _ in 0..n {
        b.extend(wire::indexed(19));
    }
    b
}

// ----- max concurrent streams (RFC 9113 §5.1.2) ---------------------------------------------

/// RFC 9113 §5.1.2, `Limits::max_concurrent_streams`: streams over the limit are refused with
/// REFUSED_STREAM and never stored; a peer that keeps opening them spends the provoked-reset
/// budget and is cut off.
#[test]
fn protect_max_concurrent_streams_refused_then_calmed() {
    let mut h = Harness::server();
    for i in 0..100u32 {
        h.open(1 + 2 * i, false);
    }
    h.expect_no_error();
    h.events();
    for i in 100..1100u32 {
        h.open(1 + 2 * i, false);
    }
    let frames = h.sent();
    let refused = frames
        .iter()
        .filter(|f| f.is(wire::RST_STREAM) && f.error_code() == code::REFUSED_STREAM)
        .count();
    assert_eq!(refused, 1000);
    assert!(!h.saw(|e| matches!(e, Event::Headers { .. })));
    assert_eq!(h.conn.open_streams(), 100);
    h.open(2201, false);
    assert_calmed(&mut h, "refused");
    assert_eq!(h.conn.open_streams(), 100);
}

// ----- header list size and field count (CVE-2026-49975) -------------------------------------

/// `Limits::max_header_list_size`, RFC 9113 §6.5.2: every field is charged name + value + 32,
/// so many 1-byte indexed fields cannot pin memory (CVE-2026-49975). 175 + 1720 × 38 = 65535
/// fits exactly; one more field is over, and the stream is reset with ENHANCE_YOUR_CALM
/// without the list being delivered.
#[test]
fn protect_header_list_size_charges_32_per_field() {
    let mut h = server_with_limits(|l| l.max_header_fields = 100_000);
    h.feed(&wire::headers(1, &many_indexed_fields(1720), EH | ES));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Headers { headers, .. } if headers.len() == 1724)));
    h.feed(&wire::headers(3, &many_indexed_fields(1721), EH | ES));
    h.expect_rst(3, code::ENHANCE_YOUR_CALM);
    assert!(!h.saw(|e| matches!(e, Event::Headers { .. })));
    assert_eq!(h.state(3), None);
    // HPACK stayed in sync: the connection goes on.
    h.open(5, true);
    h.expect_no_error();
}

/// `Limits::max_header_fields` (Node's maxHeaderListPairs, 128): 128 fields pass, 129 do not.
#[test]
fn protect_header_field_count() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &many_indexed_fields(124), EH | ES));
    h.expect_no_error();
    h.feed(&wire::headers(3, &many_indexed_fields(125), EH | ES));
    h.expect_rst(3, code::ENHANCE_YOUR_CALM);
    assert_eq!(h.conn.open_streams(), 1);
}

/// A peer that keeps sending oversized header lists provokes a stream error each time: the
/// MadeYouReset budget ends the connection.
#[test]
fn protect_repeated_oversized_header_lists_calmed() {
    let mut h = server_with_limits(|l| {
        l.provoked_reset_burst = 20;
        l.provoked_reset_rate = 1;
    });
    for i in 0..20u32 {
        h.feed(&wire::headers(
            1 + 2 * i,
            &many_indexed_fields(200),
            EH | ES,
        ));
    }
    assert!(!h.conn.is_failed());
    h.sent();
    h.feed(&wire::headers(41, &many_indexed_fields(200), EH | ES));
    assert_calmed(&mut h, "MadeYouReset");
    // Only the stream being processed when the connection failed is left (for the driver to
    // destroy with the session).
    assert!(h.conn.open_streams() <= 1);
}

// ----- CONTINUATION flood (2024) ----------------------------------------------------------

/// `Limits::max_continuation_frames`: a header block that never ends is cut off after 128
/// frames, before it can grow further.
#[test]
fn protect_continuation_flood_frame_count() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::get("/"), 0));
    for _ in 0..127 {
        h.feed(&wire::continuation(1, &wire::block(&[("x", "y")]), false));
    }
    assert!(!h.conn.is_failed());
    h.feed(&wire::continuation(1, &wire::block(&[("x", "y")]), false));
    assert_calmed(&mut h, "CONTINUATION");
    assert_eq!(h.conn.open_streams(), 0);
}

/// `Limits::max_header_block_bytes`: the encoded block is bounded (64 KiB + 4 KiB) whatever
/// the frame count: the fragment that would cross it trips.
#[test]
fn protect_continuation_flood_block_bytes() {
    let mut h = Harness::server();
    let limit = Limits::default().max_header_block_bytes;
    h.feed(&wire::headers(1, &vec![0u8; 16_384], 0));
    let mut total = 16_384;
    while total + 16_384 <= limit {
        h.feed(&wire::continuation(1, &vec![0u8; 16_384], false));
        total += 16_384;
    }
    h.feed(&wire::continuation(1, &vec![0u8; limit - total], false));
    assert!(!h.conn.is_failed());
    h.feed(&wire::continuation(1, &[0u8; 1], false));
    assert_calmed(&mut h, "CONTINUATION");
}

/// A single oversized HEADERS fragment (with our larger max frame size) is refused too.
#[test]
fn protect_single_header_fragment_too_large() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_frame_size: Some(100_000),
        ..Settings::default()
    };
    let mut h = Harness::server_with(config);
    h.feed(&wire::headers(1, &vec![0u8; 80_000], 0));
    assert_calmed(&mut h, "header block too large");
}

// ----- Rapid Reset (CVE-2023-44487) --------------------------------------------------------

/// `Limits::reset_burst` / `reset_rate`: streams opened and reset by the peer before we answer
/// them (Rapid Reset). 1000 at once are tolerated; the 1001st closes the connection. No
/// stream is left behind.
#[test]
fn protect_rapid_reset() {
    let mut h = Harness::server();
    let mut input = Vec::new();
    for i in 0..1000u32 {
        input.extend(wire::headers(1 + 2 * i, &wire::get("/"), EH));
        input.extend(wire::rst_stream(1 + 2 * i, code::CANCEL));
    }
    h.feed(&input);
    assert!(!h.conn.is_failed());
    assert_eq!(h.conn.open_streams(), 0);
    h.sent();
    h.open(2001, false);
    h.feed(&wire::rst_stream(2001, code::CANCEL));
    assert_calmed(&mut h, "Rapid Reset");
    assert!(h.conn.open_streams() <= 1);
}

/// Ordinary use: a client cancelling 5000 requests over 200 s (25 per second, e.g. a
/// type-ahead search box) is never cut off: the budget refills faster than it is spent.
#[test]
fn normal_client_cancels_thousands_over_time() {
    let mut h = Harness::server();
    for i in 0..5000u32 {
        let id = 1 + 2 * i;
        h.open(id, false);
        h.advance(Duration::from_millis(40));
        h.feed(&wire::rst_stream(id, code::CANCEL));
    }
    h.expect_no_error();
    assert_eq!(h.conn.open_streams(), 0);
}

/// Ordinary use: bursts of 500 cancellations (a page navigated away from) every 30 s.
#[test]
fn normal_bursts_of_cancellations_on_navigation() {
    let mut h = Harness::server();
    let mut id = 1u32;
    for _ in 0..10 {
        for _ in 0..500 {
            h.open(id, false);
            h.feed(&wire::rst_stream(id, code::CANCEL));
            id += 2;
        }
        h.advance(Duration::from_secs(30));
    }
    h.expect_no_error();
}

/// Ordinary use: resets of streams we already answered are not Rapid Reset (the work was done).
#[test]
fn normal_resets_after_response_do_not_count() {
    let mut h = Harness::server();
    for i in 0..3000u32 {
        let id = 1 + 2 * i;
        h.open(id, false);
        h.conn
            .send_headers(StreamId::new(id), status("200"), false)
            .unwrap();
        h.feed(&wire::rst_stream(id, code::CANCEL));
    }
    let frames = h.sent();
    assert!(!frames.iter().any(|f| f.is(wire::GOAWAY)));
    assert!(!h.conn.is_failed());
    assert_eq!(h.conn.open_streams(), 0);
}

// ----- MadeYouReset (CVE-2025-8671) --------------------------------------------------------

/// `Limits::provoked_reset_burst` / `provoked_reset_rate`: a peer that provokes our stream
/// errors (here WINDOW_UPDATE with a zero increment, each answered by RST_STREAM) to make us
/// do the resetting is cut off after the burst.
#[test]
fn protect_made_you_reset() {
    let mut h = Harness::server();
    let mut input = Vec::new();
    for i in 0..1000u32 {
        input.extend(wire::headers(1 + 2 * i, &wire::get("/"), EH));
        input.extend(wire::window_update(1 + 2 * i, 0));
    }
    h.feed(&input);
    assert!(!h.conn.is_failed());
    let rst = h
        .sent()
        .iter()
        .filter(|f| f.is(wire::RST_STREAM) && f.error_code() == code::PROTOCOL_ERROR)
        .count();
    assert_eq!(rst, 1000);
    assert_eq!(h.conn.open_streams(), 0);
    h.open(2001, false);
    h.feed(&wire::window_update(2001, 0));
    assert_calmed(&mut h, "MadeYouReset");
}

/// MadeYouReset through malformed requests (a different provocation, same budget).
#[test]
fn protect_made_you_reset_via_malformed_requests() {
    let mut h = server_with_limits(|l| l.provoked_reset_burst = 50);
    for i in 0..50u32 {
        h.feed(&wire::headers(
            1 + 2 * i,
            &wire::block(&[(":method", "GET")]),
            EH | ES,
        ));
    }
    assert!(!h.conn.is_failed());
    h.sent();
    h.feed(&wire::headers(
        101,
        &wire::block(&[(":method", "GET")]),
        EH | ES,
    ));
    assert_calmed(&mut h, "MadeYouReset");
}

/// Ordinary use: an occasional stream error (10 per second for 200 s) is tolerated.
#[test]
fn normal_occasional_stream_errors() {
    let mut h = Harness::server();
    for i in 0..2000u32 {
        let id = 1 + 2 * i;
        h.open(id, true);
        h.feed(&wire::data(id, b"late", false));
        h.advance(Duration::from_millis(100));
    }
    assert!(!h.conn.is_failed());
    assert_eq!(h.conn.open_streams(), 0);
}

// ----- SETTINGS / PING acknowledgement floods (CVE-2019-9512, -9515) -----------------------

/// `Limits::max_pending_acks`: a peer sending PINGs faster than it reads the answers
/// (CVE-2019-9512) is cut off; our queued output stays small.
#[test]
fn protect_ping_flood() {
    let mut h = Harness::server();
    let mut input = Vec::new();
    for i in 0..64u8 {
        input.extend(wire::ping([i; 8], false));
    }
    h.feed(&input);
    assert!(!h.conn.is_failed());
    h.feed(&wire::ping([99; 8], false));
    assert!(
        h.conn.buffered_bytes() < 2000,
        "{}",
        h.conn.buffered_bytes()
    );
    assert_calmed(&mut h, "acknowledgements");
}

/// `Limits::max_pending_acks`: the same for SETTINGS (CVE-2019-9515).
#[test]
fn protect_settings_flood() {
    let mut h = Harness::server();
    let mut input = Vec::new();
    for _ in 0..65 {
        input.extend(wire::settings(&[(
            wire::setting::MAX_CONCURRENT_STREAMS,
            10,
        )]));
    }
    h.feed(&input);
    assert!(h.conn.buffered_bytes() < 2000);
    assert_calmed(&mut h, "acknowledgements");
}

/// Ordinary use: a keep-alive PING every second for hours, each answer read, never trips.
#[test]
fn normal_ping_keepalive_for_hours() {
    let mut h = Harness::server();
    for i in 0..10_000u32 {
        h.feed(&wire::ping(u64::from(i).to_be_bytes(), false));
        assert!(h.one(wire::PING).has(wire::ACK));
        h.advance(Duration::from_secs(1));
    }
    assert!(!h.conn.is_failed());
}

/// `Limits::max_outstanding_pings`: our own PINGs waiting for an answer are capped (Node's
/// maxOutstandingPings), so a peer that never answers cannot make us remember unboundedly.
#[test]
fn protect_outstanding_pings_capped() {
    let mut h = Harness::server();
    for i in 0..10u8 {
        h.conn.ping([i; 8]).unwrap();
    }
    assert_eq!(
        h.conn.ping([10; 8]).unwrap_err().code(),
        "ERR_HTTP2_PING_CANCEL"
    );
    h.sent();
    h.feed(&wire::ping([0; 8], true));
    h.conn.ping([10; 8]).unwrap();
}

// ----- entries per SETTINGS frame (CVE-2019-9515) ------------------------------------------

/// `Limits::max_settings_entries`: 32 entries are processed, 33 close the connection.
#[test]
fn protect_settings_entries_per_frame() {
    let mut h = Harness::server();
    let entries: Vec<(u16, u32)> = (0..32).map(|i| (0x100 + i as u16, i)).collect();
    h.feed(&wire::settings(&entries));
    h.expect_no_error();
    let entries: Vec<(u16, u32)> = (0..33).map(|i| (0x100 + i as u16, i)).collect();
    h.feed(&wire::settings(&entries));
    assert_calmed(&mut h, "entries");
}

// ----- empty and tiny frames (CVE-2019-9518) ----------------------------------------------

/// `Limits::tiny_frame_burst` / `tiny_frame_rate`: empty DATA frames cost us work and carry
/// nothing (CVE-2019-9518): 10000 pass, the next closes the connection.
#[test]
fn protect_empty_data_flood() {
    let mut h = Harness::server();
    h.open(1, false);
    let mut input = Vec::new();
    for _ in 0..10_000 {
        input.extend(wire::data(1, b"", false));
    }
    h.feed(&input);
    assert!(!h.conn.is_failed());
    h.events();
    h.feed(&wire::data(1, b"", false));
    assert_calmed(&mut h, "tiny");
}

/// Tiny (not only empty) DATA frames count too: 1-byte frames.
#[test]
fn protect_one_byte_data_flood() {
    let mut h = server_with_limits(|l| {
        l.tiny_frame_burst = 100;
        l.tiny_frame_rate = 10;
    });
    h.open(1, false);
    for _ in 0..100 {
        h.feed(&wire::data(1, b"x", false));
    }
    assert!(!h.conn.is_failed());
    h.feed(&wire::data(1, b"x", false));
    assert_calmed(&mut h, "tiny");
}

/// Empty HEADERS fragments (without END_HEADERS) are tiny frames.
#[test]
fn protect_empty_headers_flood() {
    let mut h = server_with_limits(|l| {
        l.tiny_frame_burst = 30;
        l.tiny_frame_rate = 1;
    });
    for i in 0..30u32 {
        let id = 1 + 2 * i;
        h.feed(&wire::headers(id, &[], ES));
        h.feed(&wire::continuation(id, &wire::get("/"), true));
    }
    assert!(!h.conn.is_failed());
    h.sent();
    h.feed(&wire::headers(61, &[], ES));
    assert_calmed(&mut h, "tiny");
}

/// Empty CONTINUATION frames are tiny frames (tripping before the CONTINUATION count).
#[test]
fn protect_empty_continuation_flood() {
    let mut h = server_with_limits(|l| {
        l.tiny_frame_burst = 50;
        l.tiny_frame_rate = 1;
    });
    h.feed(&wire::headers(1, &wire::get("/"), 0));
    for _ in 0..50 {
        h.feed(&wire::continuation(1, &[], false));
    }
    assert!(!h.conn.is_failed());
    h.feed(&wire::continuation(1, &[], false));
    assert_calmed(&mut h, "tiny");
}

/// Ordinary use: a streaming peer (gRPC, server-sent events) interleaving real payload with
/// many small frames: 15000 tiny frames (more than the burst), each after 1 KiB of data, which
/// earns its token back. The application reads as it goes.
#[test]
fn normal_streaming_many_small_frames_with_payload() {
    let mut h = Harness::server();
    h.open(1, false);
    let chunk = vec![b'a'; 1024];
    for _ in 0..15_000 {
        let mut input = wire::data(1, &chunk, false);
        input.extend(wire::data(1, b"\n\n", false));
        h.feed(&input);
        let n: usize = h
            .events()
            .iter()
            .map(|e| {
                if let Event::Data { data, .. } = e {
                    data.len()
                } else {
                    0
                }
            })
            .sum();
        h.conn.consume(StreamId::new(1), n);
    }
    h.expect_no_error();
    assert!(h.conn.buffered_bytes() < 1024);
}

/// Ordinary use: a slow trickle of tiny frames (a byte every 10 ms for 200 s) never trips.
#[test]
fn normal_slow_trickle_of_tiny_frames() {
    let mut h = Harness::server();
    h.open(1, false);
    for _ in 0..20_000 {
        h.feed(&wire::data(1, b"x", false));
        h.advance(Duration::from_millis(10));
        h.conn.consume(StreamId::new(1), 1);
    }
    h.sent();
    assert!(!h.conn.is_failed());
}

// ----- outbound queue and reading while blocked (CVE-2019-9511, -9517) -----------------------

/// `Limits::outbound_soft_limit`: once this much output waits unread, `wants_read()` turns
/// false (the driver stops reading the socket); draining it turns reading back on.
#[test]
fn protect_outbound_soft_limit_stops_reading() {
    let mut h = server_with_limits(|l| {
        l.outbound_soft_limit = 1000;
        l.max_pending_acks = 10_000;
    });
    assert!(h.conn.wants_read());
    let mut input = Vec::new();
    for i in 0..60u8 {
        input.extend(wire::ping([i; 8], false));
    }
    h.feed(&input);
    assert!(!h.conn.wants_read());
    assert!(h.conn.wants_write());
    assert!(!h.conn.is_failed());
    assert_eq!(h.sent().len(), 60);
    assert!(h.conn.wants_read());
}

/// `Limits::outbound_hard_limit`: a peer that makes us queue control frames and never reads
/// them (CVE-2019-9517) is cut off; what we hold is bounded by the limit.
#[test]
fn protect_outbound_hard_limit() {
    let mut h = server_with_limits(|l| {
        l.outbound_soft_limit = 1000;
        l.outbound_hard_limit = 5000;
        l.max_pending_acks = 100_000;
    });
    let mut input = Vec::new();
    for i in 0..400u32 {
        input.extend(wire::ping(u64::from(i).to_be_bytes(), false));
    }
    h.feed(&input);
    assert!(
        h.conn.buffered_bytes() < 5000 + 17 * 400,
        "{}",
        h.conn.buffered_bytes()
    );
    assert_calmed(&mut h, "does not read");
}

/// With default limits, a request flood whose answers are never read stays bounded: refused
/// streams are not stored and their RST_STREAMs are capped by the provoked-reset budget.
#[test]
fn protect_unread_rst_stream_output_bounded() {
    let mut h = Harness::server();
    let mut input = Vec::new();
    for i in 0..3000u32 {
        input.extend(wire::headers(1 + 2 * i, &wire::get("/"), EH | ES));
    }
    h.feed(&input);
    assert!(h.conn.is_failed());
    assert_eq!(h.conn.open_streams(), 100);
    assert!(
        h.conn.buffered_bytes() < 1100 * 13 + 200,
        "{}",
        h.conn.buffered_bytes()
    );
    assert!(h.conn.session_state().outbound_queue_size < 200);
}

// ----- priority tree (CVE-2019-9513) ------------------------------------------------------

/// `Limits::priority_burst` / `priority_rate`: a PRIORITY flood closes the connection.
#[test]
fn protect_priority_flood() {
    let mut h = Harness::server();
    h.open(1, false);
    let mut input = Vec::new();
    for i in 0..1000u32 {
        input.extend(wire::priority(1, 0, i % 2 == 0, (i % 256) as u8));
    }
    h.feed(&input);
    assert!(!h.conn.is_failed());
    h.events();
    h.feed(&wire::priority(1, 0, false, 1));
    assert_calmed(&mut h, "PRIORITY flood");
}

/// `Limits::max_idle_priority_nodes`: PRIORITY frames for never-opened streams create at most
/// 100 tree nodes (oldest evicted), so the tree cannot be grown without bound (CVE-2019-9513).
#[test]
fn protect_idle_priority_nodes_bounded() {
    let mut h = Harness::server();
    h.open(1, false);
    for i in 0..900u32 {
        h.feed(&wire::priority(3 + 2 * i, 1, false, 0));
    }
    h.expect_no_error();
    // Each idle node is a child of stream 1 with weight 1.
    assert_eq!(
        h.conn
            .stream_state(StreamId::new(1))
            .unwrap()
            .sum_dependency_weight,
        100
    );
}

/// `Limits::max_priority_nodes`: the tree as a whole is bounded; a stream beyond it closes
/// the connection rather than growing the tree.
#[test]
fn protect_priority_tree_size() {
    let mut h = server_with_limits(|l| {
        l.max_priority_nodes = 10;
        l.max_idle_priority_nodes = 5;
    });
    for i in 0..10u32 {
        h.open(1 + 2 * i, false);
    }
    h.expect_no_error();
    h.open(21, false);
    assert_calmed(&mut h, "priority tree full");
}

/// Ordinary use: a browser reprioritizing streams as the user scrolls, 20 PRIORITY frames a
/// second for 200 s.
#[test]
fn normal_reprioritization_over_time() {
    let mut h = Harness::server();
    for i in 0..50u32 {
        h.open(1 + 2 * i, false);
    }
    for i in 0..4000u32 {
        h.feed(&wire::priority(1 + 2 * (i % 50), 0, false, (i % 256) as u8));
        h.advance(Duration::from_millis(50));
    }
    h.expect_no_error();
}

// ----- remembered closed streams (RFC 9113 §5.1) --------------------------------------------

/// `Limits::max_closed_streams`: closed streams are remembered for §5.1's decisions (ignore
/// frames in flight after our RST_STREAM), but only the most recent ones: the memory is
/// bounded. With 10 remembered, the newest reset stream still has its late DATA ignored, the
/// oldest has been forgotten.
#[test]
fn protect_closed_stream_memory_bounded() {
    let mut h = server_with_limits(|l| l.max_closed_streams = 10);
    for i in 0..11u32 {
        let id = 1 + 2 * i;
        h.open(id, false);
        h.conn.reset(StreamId::new(id), ErrorCode::CANCEL);
    }
    h.sent();
    h.events();
    h.feed(&wire::data(21, b"in flight", false));
    h.expect_ignored();
    h.feed(&wire::data(1, b"in flight", false));
    h.expect_goaway(code::STREAM_CLOSED);
}

/// Ordinary use: with the default memory (1000), a busy connection that resets many streams
/// still ignores the late frames of recent ones.
#[test]
fn normal_late_frames_after_many_resets_ignored() {
    let mut h = Harness::server();
    for i in 0..5000u32 {
        let id = 1 + 2 * i;
        h.open(id, false);
        h.conn.reset(StreamId::new(id), ErrorCode::CANCEL);
        h.advance(Duration::from_millis(50));
    }
    h.sent();
    h.events();
    for i in 4000..5000u32 {
        h.feed(&wire::data(1 + 2 * i, b"late", false));
    }
    h.expect_ignored();
}

// ----- pushed streams (client) ---------------------------------------------------------------

/// `Config::max_reserved_remote_streams` (Node's maxReservedRemoteStreams, 200): a server
/// promising more streams than that gets REFUSED_STREAM on the extra ones; nothing is stored.
#[test]
fn protect_max_reserved_remote_streams() {
    let mut h = Harness::client();
    let id = h
        .conn
        .send_request(get_headers("/"), true, None)
        .unwrap()
        .get();
    h.sent();
    for i in 0..200u32 {
        h.feed(&wire::push_promise(id, 2 + 2 * i, &wire::get("/p"), true));
    }
    h.expect_no_error();
    assert_eq!(h.conn.open_streams(), 201);
    h.feed(&wire::push_promise(id, 402, &wire::get("/p"), true));
    h.expect_rst(402, code::REFUSED_STREAM);
    assert_eq!(h.conn.open_streams(), 201);
}
