//! Connection core conformance, RFC 9113 §5.2 and §6.9 flow control: both windows on both
//! sides, SETTINGS_INITIAL_WINDOW_SIZE changes (windows may go negative, §6.9.2), padding, and a
//! paused reader pushing back: received data stays charged against the window until the
//! application consumes it (SES-19 `session.state`, STR-14 `stream.state`).

mod support;

use bytes::Bytes;
use http2::frame::{ErrorCode, StreamId};
use http2::proto::{Config, Event, PaddingStrategy, Role};
use http2::settings::Settings;
use support::harness::{get_headers, status, Harness, Pair};
use support::wire::{self, code, setting, Sent};

const ES: u8 = wire::END_STREAM;

fn sid(id: u32) -> StreamId {
    StreamId::new(id)
}

/// Sum of the WINDOW_UPDATE increments for `stream` among `frames`.
fn increments(frames: &[Sent], stream: u32) -> i64 {
    frames
        .iter()
        .filter(|f| f.is(wire::WINDOW_UPDATE) && f.stream == stream)
        .map(|f| i64::from(f.window_increment()))
        .sum()
}

fn data_len(frames: &[Sent], stream: u32) -> usize {
    frames
        .iter()
        .filter(|f| f.is(wire::DATA) && f.stream == stream)
        .map(|f| f.payload.len())
        .sum()
}

/// A server answering stream 1 (request ended) with headers, ready to send DATA.
fn server_responding() -> Harness {
    let mut h = Harness::server();
    h.open(1, true);
    h.conn.send_headers(sid(1), status("200"), false).unwrap();
    h.sent();
    h
}

fn server_with_window(initial: u32) -> Harness {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        initial_window_size: Some(initial),
        ..Settings::default()
    };
    Harness::server_with(config)
}

/// RFC 9113 §6.9.2: "When an HTTP/2 connection is first established, new streams are created
/// with an initial flow-control window size of 65,535 octets. The connection flow-control
/// window is also 65,535 octets" (SES-19, STR-14).
#[test]
fn rfc9113_6_9_2_ses_19_str_14_initial_windows() {
    let mut h = Harness::server();
    let s = h.conn.session_state();
    assert_eq!(
        (
            s.local_window_size,
            s.remote_window_size,
            s.effective_local_window_size
        ),
        (65_535, 65_535, 65_535)
    );
    h.open(1, false);
    let st = h.conn.stream_state(sid(1)).unwrap();
    assert_eq!(
        (st.local_window_size, st.remote_window_size),
        (65_535, 65_535)
    );
}

/// RFC 9113 §6.9: received DATA shrinks the stream and the connection receive windows by its
/// flow-controlled length.
#[test]
fn rfc9113_6_9_data_shrinks_both_receive_windows() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::data(1, &[0; 1000], false));
    assert_eq!(
        h.conn.stream_state(sid(1)).unwrap().local_window_size,
        64_535
    );
    let s = h.conn.session_state();
    assert_eq!(s.local_window_size, 64_535);
    assert_eq!(s.effective_recv_data_length, 1000);
}

/// RFC 9113 §6.9.1: "A receiver MAY respond with a stream error or connection error of type
/// FLOW_CONTROL_ERROR if it is unable to accept a frame": more than the stream window is a
/// stream FLOW_CONTROL_ERROR.
#[test]
fn rfc9113_6_9_1_stream_window_exceeded() {
    let mut h = server_with_window(1000);
    h.open(1, false);
    h.feed(&wire::data(1, &[0; 1000], false));
    h.expect_no_error();
    h.feed(&wire::data(1, &[0; 1], false));
    h.expect_rst(1, code::FLOW_CONTROL_ERROR);
    assert_eq!(h.state(1), None);
}

/// RFC 9113 §6.9.1: more than the connection window is a connection FLOW_CONTROL_ERROR.
#[test]
fn rfc9113_6_9_1_connection_window_exceeded() {
    let mut h = server_with_window(1 << 20);
    h.open(1, false);
    for _ in 0..3 {
        h.feed(&wire::data(1, &[0; 16_384], false));
    }
    h.feed(&wire::data(1, &[0; 16_383], false));
    h.expect_no_error();
    h.feed(&wire::data(1, &[0; 2], false));
    h.expect_goaway(code::FLOW_CONTROL_ERROR);
}

/// RFC 9113 §5.2.2, §6.9: a paused reader pushes back. Data not yet consumed keeps the window
/// closed: no WINDOW_UPDATE goes out, and a peer ignoring that overruns the window.
#[test]
fn rfc9113_5_2_2_paused_reader_keeps_window_closed() {
    let mut h = Harness::server();
    h.open(1, false);
    for _ in 0..3 {
        h.feed(&wire::data(1, &[0; 16_384], false));
    }
    h.feed(&wire::data(1, &[0; 16_383], false));
    let frames = h.expect_no_error();
    assert!(
        !frames.iter().any(|f| f.is(wire::WINDOW_UPDATE)),
        "{frames:?}"
    );
    assert_eq!(h.conn.session_state().local_window_size, 0);
    assert_eq!(h.conn.stream_state(sid(1)).unwrap().local_window_size, 0);
    h.feed(&wire::data(1, &[0; 1], false));
    h.expect_goaway(code::FLOW_CONTROL_ERROR);
}

/// RFC 9113 §6.9: consuming reopens the window; small reads are batched into one update once
/// half the window is consumed (no WINDOW_UPDATE per read).
#[test]
fn rfc9113_6_9_consume_batches_window_updates() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::data(1, &[0; 16_000], false));
    h.feed(&wire::data(1, &[0; 16_000], false));
    h.feed(&wire::data(1, &[0; 16_000], false));
    h.conn.consume(sid(1), 1000);
    h.expect_silence();
    h.conn.consume(sid(1), 40_000);
    let frames = h.sent();
    assert_eq!(increments(&frames, 1), 41_000);
    assert_eq!(increments(&frames, 0), 41_000);
    assert_eq!(
        h.conn.stream_state(sid(1)).unwrap().local_window_size,
        65_535 - 48_000 + 41_000
    );
}

/// RFC 9113 §6.1, §6.9: "The entire DATA frame payload is included in flow control, including
/// the Pad Length and Padding fields": padding is charged, then given back at once, and the
/// peer's view of both windows stays in step with ours.
#[test]
fn rfc9113_6_1_padding_counted_and_returned() {
    let mut h = Harness::server();
    h.open(1, false);
    let mut sent_flow = 0i64;
    let mut frames = Vec::new();
    for _ in 0..200 {
        h.feed(&wire::padded_data(1, &[7; 10], 255, false));
        sent_flow += 266;
        frames.extend(h.sent());
    }
    h.conn.consume(sid(1), 2000);
    frames.extend(h.sent());
    assert!(!h.conn.is_failed());
    // What the peer believes it may still send, from the updates it received.
    let peer_stream = 65_535 - sent_flow + increments(&frames, 1);
    let peer_conn = 65_535 - sent_flow + increments(&frames, 0);
    assert_eq!(
        h.conn.stream_state(sid(1)).unwrap().local_window_size,
        peer_stream,
        "stream window out of step"
    );
    assert_eq!(
        h.conn.session_state().local_window_size,
        peer_conn,
        "connection window out of step"
    );
    // Everything was consumed: the peer can send a full window again.
    assert!(
        peer_stream >= 32_768,
        "stream window not reopened: {peer_stream}"
    );
}

/// RFC 9113 §6.9: we send no more than the peer's window; its WINDOW_UPDATEs release the rest.
#[test]
fn rfc9113_6_9_send_stops_at_window_and_resumes() {
    let mut h = server_responding();
    h.conn
        .send_data(sid(1), vec![1u8; 100_000].into(), true)
        .unwrap();
    let first = h.sent();
    assert_eq!(data_len(&first, 1), 65_535);
    assert!(!first.iter().any(|f| f.has(ES)));
    assert_eq!(h.conn.session_state().remote_window_size, 0);
    assert_eq!(h.conn.buffered_bytes(), 100_000 - 65_535);
    h.feed(&wire::window_update(1, 50_000));
    h.expect_silence();
    h.feed(&wire::window_update(0, 50_000));
    let rest = h.sent();
    assert_eq!(data_len(&rest, 1), 100_000 - 65_535);
    assert!(rest.last().unwrap().has(ES));
    assert_eq!(h.conn.buffered_bytes(), 0);
}

/// RFC 9113 §5.2.1: "Flow control ... both on the stream and the connection": the connection
/// window caps the total over all streams.
#[test]
fn rfc9113_5_2_1_connection_window_shared_by_streams() {
    let mut h = Harness::server();
    h.open(1, true);
    h.open(3, true);
    for id in [1, 3] {
        h.conn.send_headers(sid(id), status("200"), false).unwrap();
        h.conn
            .send_data(sid(id), vec![0u8; 40_000].into(), true)
            .unwrap();
    }
    let frames = h.sent();
    assert_eq!(data_len(&frames, 1) + data_len(&frames, 3), 65_535);
    assert!(
        data_len(&frames, 1) > 0 && data_len(&frames, 3) > 0,
        "both streams get a share"
    );
    assert_eq!(h.conn.session_state().remote_window_size, 0);
}

/// RFC 9113 §6.9.2: "When the value of SETTINGS_INITIAL_WINDOW_SIZE changes, a receiver MUST
/// adjust the size of all stream flow-control windows that it maintains by the difference";
/// the connection window is not changed by it.
#[test]
fn rfc9113_6_9_2_initial_window_change_shifts_stream_windows() {
    let mut h = server_responding();
    h.conn
        .send_data(sid(1), vec![0u8; 10_000].into(), false)
        .unwrap();
    h.sent();
    h.feed(&wire::settings(&[(setting::INITIAL_WINDOW_SIZE, 100_000)]));
    h.expect_no_error();
    assert_eq!(
        h.conn.stream_state(sid(1)).unwrap().remote_window_size,
        100_000 - 10_000
    );
    assert_eq!(h.conn.session_state().remote_window_size, 65_535 - 10_000);
}

/// RFC 9113 §6.9.2: "a change to SETTINGS_INITIAL_WINDOW_SIZE can cause the available space in
/// a flow-control window to become negative. A sender MUST track the negative flow-control
/// window and MUST NOT send new flow-controlled frames until it receives WINDOW_UPDATE frames
/// that cause the flow-control window to become positive."
#[test]
fn rfc9113_6_9_2_window_may_go_negative() {
    let mut h = server_responding();
    h.conn
        .send_data(sid(1), vec![0u8; 60_000].into(), false)
        .unwrap();
    assert_eq!(data_len(&h.sent(), 1), 60_000);
    h.feed(&wire::settings(&[(setting::INITIAL_WINDOW_SIZE, 16_384)]));
    h.sent();
    assert_eq!(
        h.conn.stream_state(sid(1)).unwrap().remote_window_size,
        16_384 - 60_000
    );
    h.feed(&wire::window_update(0, 1 << 20));
    h.conn
        .send_data(sid(1), vec![0u8; 5000].into(), true)
        .unwrap();
    h.expect_silence();
    h.feed(&wire::window_update(1, 43_616));
    h.expect_silence();
    assert_eq!(h.conn.stream_state(sid(1)).unwrap().remote_window_size, 0);
    h.feed(&wire::window_update(1, 1000));
    let frames = h.sent();
    assert_eq!(data_len(&frames, 1), 1000);
    assert!(!frames.iter().any(|f| f.has(ES)));
}

/// RFC 9113 §6.9.2: "An endpoint MUST treat a change to SETTINGS_INITIAL_WINDOW_SIZE that
/// causes any flow-control window to exceed the maximum size as a connection error of type
/// FLOW_CONTROL_ERROR."
#[test]
fn rfc9113_6_9_2_initial_window_change_overflow() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::window_update(1, (1 << 31) - 1 - 65_535));
    h.expect_no_error();
    h.feed(&wire::settings(&[(setting::INITIAL_WINDOW_SIZE, 65_536)]));
    h.expect_goaway(code::FLOW_CONTROL_ERROR);
}

/// RFC 9113 §6.9.2: streams opened after the change start from the new value.
#[test]
fn rfc9113_6_9_2_new_streams_use_new_initial_window() {
    let mut h = Harness::client();
    h.feed(&wire::settings(&[(setting::INITIAL_WINDOW_SIZE, 1234)]));
    h.sent();
    let id = h.request(false);
    assert_eq!(
        h.conn.stream_state(sid(id)).unwrap().remote_window_size,
        1234
    );
    h.conn
        .send_data(sid(id), vec![0u8; 5000].into(), false)
        .unwrap();
    assert_eq!(data_len(&h.sent(), id), 1234);
}

/// RFC 9113 §6.9.2, §6.5.3: our own SETTINGS_INITIAL_WINDOW_SIZE applies to open streams when
/// the peer acknowledges it (their receive windows move by the difference).
#[test]
fn rfc9113_6_9_2_our_initial_window_applies_on_ack() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::data(1, &[0; 500], false));
    h.conn
        .send_settings(Settings {
            initial_window_size: Some(1000),
            ..Settings::default()
        })
        .unwrap();
    h.sent();
    assert_eq!(
        h.conn.stream_state(sid(1)).unwrap().local_window_size,
        65_035
    );
    h.feed(&wire::settings_ack());
    assert_eq!(h.conn.stream_state(sid(1)).unwrap().local_window_size, 500);
    h.feed(&wire::data(1, &[0; 500], false));
    h.expect_no_error();
    h.feed(&wire::data(1, &[0; 1], false));
    h.expect_rst(1, code::FLOW_CONTROL_ERROR);
}

/// RFC 9113 §6.9.2: a larger initial window of ours is usable as soon as it is acknowledged.
#[test]
fn rfc9113_6_9_2_our_larger_initial_window() {
    let mut h = server_with_window(200_000);
    h.open(1, false);
    assert_eq!(
        h.conn.stream_state(sid(1)).unwrap().local_window_size,
        200_000
    );
    h.conn.set_local_window_size(300_000);
    let inc = increments(&h.sent(), 0);
    assert_eq!(inc, 300_000 - 65_535);
    for _ in 0..10 {
        h.feed(&wire::data(1, &[0; 16_384], false));
    }
    h.expect_no_error();
}

/// RFC 9113 §6.9, SES-19: `setLocalWindowSize` grows the connection window with a WINDOW_UPDATE
/// on stream 0 and shows in `session.state`.
#[test]
fn rfc9113_6_9_ses_19_set_local_window_size() {
    let mut h = Harness::server();
    h.conn.set_local_window_size(1 << 20);
    let wu = h.one(wire::WINDOW_UPDATE);
    assert_eq!((wu.stream, wu.window_increment()), (0, (1 << 20) - 65_535));
    let s = h.conn.session_state();
    assert_eq!(
        (s.local_window_size, s.effective_local_window_size),
        (1 << 20, 1 << 20)
    );
}

/// RFC 9113 §6.9: DATA we ignore (stream we reset) still counts against the connection window,
/// and is given back: enough of it brings a connection WINDOW_UPDATE.
#[test]
fn rfc9113_6_9_ignored_data_credited_to_connection() {
    let mut h = Harness::server();
    h.open(1, false);
    h.conn.reset(sid(1), ErrorCode::CANCEL);
    h.sent();
    h.feed(&wire::data(1, &[0; 16_384], false));
    h.feed(&wire::data(1, &[0; 16_384], false));
    let frames = h.sent();
    assert_eq!(frames.len(), 1, "{frames:?}");
    assert_eq!(increments(&frames, 0), 32_768);
    assert_eq!(h.conn.session_state().local_window_size, 65_535);
}

/// RFC 9113 §6.9: when the peer resets a stream, data the application had not consumed is
/// dropped and its connection window given back.
#[test]
fn rfc9113_6_9_peer_reset_releases_unconsumed_data() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::data(1, &[0; 16_384], false));
    h.feed(&wire::data(1, &[0; 16_384], false));
    h.sent();
    h.feed(&wire::rst_stream(1, code::CANCEL));
    let frames = h.sent();
    assert_eq!(increments(&frames, 0), 32_768);
    assert_eq!(h.conn.session_state().local_window_size, 65_535);
}

/// RFC 9113 §6.9: a stream that ended normally keeps its unread data charged to the connection
/// until the application consumes it.
#[test]
fn rfc9113_6_9_ended_stream_keeps_charge_until_consumed() {
    let mut h = Harness::server();
    h.open(1, false);
    for _ in 0..2 {
        h.feed(&wire::data(1, &[0; 16_000], false));
    }
    h.feed(&wire::data(1, &[0; 8_000], true));
    h.conn.send_headers(sid(1), status("204"), true).unwrap();
    h.sent();
    assert_eq!(h.state(1), None);
    assert_eq!(h.conn.session_state().local_window_size, 65_535 - 40_000);
    h.conn.consume(sid(1), 40_000);
    let frames = h.sent();
    assert_eq!(increments(&frames, 0), 40_000);
    assert_eq!(increments(&frames, 1), 0, "no update for a closed stream");
}

/// RFC 9113 §6.9: "Frames ... other than DATA are not subject to flow control": with both
/// windows at zero, an empty END_STREAM DATA frame and trailers still go out.
#[test]
fn rfc9113_6_9_zero_length_end_stream_and_trailers_need_no_window() {
    let mut h = server_responding();
    h.open(3, true);
    h.conn.send_headers(sid(3), status("200"), false).unwrap();
    h.conn
        .send_data(sid(1), vec![0u8; 65_535].into(), false)
        .unwrap();
    h.sent();
    assert_eq!(h.conn.session_state().remote_window_size, 0);
    h.conn.send_data(sid(1), Bytes::new(), true).unwrap();
    h.conn
        .send_trailers(sid(3), support::harness::fields(&[("x-t", "1")]))
        .unwrap();
    let frames = h.sent();
    assert!(
        frames
            .iter()
            .any(|f| f.is(wire::DATA) && f.stream == 1 && f.payload.is_empty() && f.has(ES)),
        "{frames:?}"
    );
    assert!(
        frames
            .iter()
            .any(|f| f.is(wire::HEADERS) && f.stream == 3 && f.has(ES)),
        "{frames:?}"
    );
    assert_eq!(h.conn.open_streams(), 0);
}

/// RFC 9113 §6.9.1: a window may reach exactly 2^31-1.
#[test]
fn rfc9113_6_9_1_window_reaches_maximum() {
    let mut h = Harness::server();
    h.feed(&wire::window_update(0, (1 << 31) - 1 - 65_535));
    h.expect_no_error();
    assert_eq!(h.conn.session_state().remote_window_size, (1 << 31) - 1);
}

/// RFC 9113 §6.9: once the peer has ended its side, consuming sends only a connection update
/// (a stream update would be pointless for a half-closed (remote) stream).
#[test]
fn rfc9113_6_9_no_stream_update_after_peer_end_stream() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::data(1, &[0; 16_000], false));
    h.feed(&wire::data(1, &[0; 16_000], false));
    h.feed(&wire::data(1, &[0; 8_000], true));
    h.conn.consume(sid(1), 40_000);
    let frames = h.sent();
    assert_eq!(increments(&frames, 1), 0);
    assert_eq!(increments(&frames, 0), 40_000);
}

/// RFC 9113 §6.1: padding we add is flow-controlled too (PADDING_STRATEGY_MAX, OBJ-3).
#[test]
fn rfc9113_6_1_our_padding_counts_against_windows() {
    let mut config = Config::new(Role::Server);
    config.padding_strategy = PaddingStrategy::Max;
    let mut h = Harness::server_with(config);
    h.open(1, true);
    h.conn.send_headers(sid(1), status("200"), false).unwrap();
    h.conn
        .send_data(sid(1), vec![1u8; 100].into(), true)
        .unwrap();
    let frames = h.sent();
    let d = frames.iter().find(|f| f.is(wire::DATA)).unwrap();
    assert!(d.has(wire::PADDED));
    let flow = d.payload.len() as i64;
    assert!(flow > 101);
    assert_eq!(h.conn.session_state().remote_window_size, 65_535 - flow);
}

/// RFC 9113 §5.2, SES-19: a 1 MiB body between a client and a server that consume as they read
/// completes, and the windows on both ends agree afterwards.
#[test]
fn rfc9113_5_2_pair_large_body_with_consumption() {
    let mut p = Pair::new();
    let id = p
        .client
        .send_request(get_headers("/big"), true, None)
        .unwrap();
    p.drive();
    p.server.send_headers(id, status("200"), false).unwrap();
    p.server
        .send_data(id, vec![3u8; 1 << 20].into(), true)
        .unwrap();
    let mut received = 0usize;
    let mut done = false;
    for _ in 0..1000 {
        p.drive();
        for e in p.client_events.drain(..) {
            if let Event::Data {
                stream,
                data,
                end_stream,
            } = e
            {
                received += data.len();
                p.client.consume(stream, data.len());
                done |= end_stream;
            }
        }
        if done {
            break;
        }
    }
    p.drive();
    assert!(done);
    assert_eq!(received, 1 << 20);
    assert_eq!(
        p.client.session_state().local_window_size,
        p.server.session_state().remote_window_size
    );
    assert_eq!(p.server.buffered_bytes(), 0);
    assert_eq!((p.client.open_streams(), p.server.open_streams()), (0, 0));
}

/// RFC 9113 §5.2.2: a client that stops reading stops the server after one window; the rest
/// waits at the server; reading again lets it through.
#[test]
fn rfc9113_5_2_2_pair_paused_reader_pushes_back() {
    let mut p = Pair::new();
    let id = p
        .client
        .send_request(get_headers("/big"), true, None)
        .unwrap();
    p.drive();
    p.server.send_headers(id, status("200"), false).unwrap();
    p.server
        .send_data(id, vec![3u8; 300_000].into(), true)
        .unwrap();
    p.drive();
    let got: usize = p
        .client_events
        .iter()
        .map(|e| {
            if let Event::Data { data, .. } = e {
                data.len()
            } else {
                0
            }
        })
        .sum();
    assert_eq!(got, 65_535);
    assert_eq!(p.server.buffered_bytes(), 300_000 - 65_535);
    assert_eq!(p.client.session_state().local_window_size, 0);
    p.client_events.clear();
    p.client.consume(id, 65_535);
    p.drive();
    let more: usize = p
        .client_events
        .iter()
        .map(|e| {
            if let Event::Data { data, .. } = e {
                data.len()
            } else {
                0
            }
        })
        .sum();
    assert_eq!(more, 65_535);
    assert_eq!(p.server.buffered_bytes(), 300_000 - 2 * 65_535);
}
