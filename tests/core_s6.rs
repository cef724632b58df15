//! Connection core conformance, RFC 9113 §6: every frame type (§6.1 DATA … §6.10
//! CONTINUATION), each MUST / MUST NOT a peer can trigger, with the exact frame, code and
//! stream the core answers with.

mod support;

use http2::frame::{ErrorCode, StreamId};
use http2::proto::{Config, Event, HeadersKind, Priority, Role};
use http2::settings::Settings;
use support::harness::{get_headers, state, status, Harness};
use support::wire::{self, code, setting};

const EH: u8 = wire::END_HEADERS;
const ES: u8 = wire::END_STREAM;

fn response_block() -> Vec<u8> {
    wire::block(&[(":status", "200")])
}

/// A client with request 1 sent (END_STREAM) and nothing received.
fn client_with_request() -> (Harness, u32) {
    let mut h = Harness::client();
    let id = h.request(true);
    h.sent();
    (h, id)
}

// ----- §6.1 DATA -----------------------------------------------------------------------------

/// RFC 9113 §6.1: "If a DATA frame is received whose Stream Identifier field is 0x00, the
/// recipient MUST respond with a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_1_data_on_stream_zero() {
    let mut h = Harness::server();
    h.feed(&wire::data(0, b"x", false));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.1: "If the length of the padding is the length of the frame payload or greater,
/// the recipient MUST treat this as a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_1_padding_as_long_as_payload() {
    let mut h = Harness::server();
    h.open(1, false);
    // Pad Length 4 with 4 octets after it: padding equals the rest of the payload + 0 data... so
    // declare 5 with only 4 octets following.
    h.feed(&wire::frame(wire::DATA, wire::PADDED, 1, &[5, 0, 0, 0, 0]));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.1: padding filling the payload exactly (no data) is allowed.
#[test]
fn rfc9113_6_1_padding_filling_payload_exactly_is_allowed() {
    let mut h = Harness::server();
    h.open(1, false);
    h.events();
    h.feed(&wire::frame(wire::DATA, wire::PADDED, 1, &[4, 0, 0, 0, 0]));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Data { data, .. } if data.is_empty())));
}

/// RFC 9113 §6.1, §4.2: a PADDED DATA frame without room for the Pad Length field.
#[test]
fn rfc9113_6_1_padded_data_without_pad_length() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::frame(wire::DATA, wire::PADDED, 1, &[]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.1: padding is removed before the data reaches the application.
#[test]
fn rfc9113_6_1_padding_is_stripped() {
    let mut h = Harness::server();
    h.open(1, false);
    h.events();
    h.feed(&wire::padded_data(1, b"payload", 20, true));
    h.expect_no_error();
    let ev = h.events();
    assert!(
        matches!(&ev[..], [Event::Data { data, end_stream: true, .. }] if &data[..] == b"payload"),
        "{ev:?}"
    );
    assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §6.1: "If a DATA frame is received whose stream is not in the 'open' or
/// 'half-closed (local)' state, the recipient MUST respond with a stream error of type
/// STREAM_CLOSED."
#[test]
fn rfc9113_6_1_data_on_half_closed_remote_is_stream_closed() {
    let mut h = Harness::server();
    h.open(1, true);
    h.feed(&wire::data(1, b"x", true));
    h.expect_rst(1, code::STREAM_CLOSED);
}

/// RFC 9113 §6.1, §8.1: DATA before the response HEADERS is malformed (stream PROTOCOL_ERROR).
#[test]
fn rfc9113_6_1_data_before_response_headers() {
    let (mut h, id) = client_with_request();
    h.feed(&wire::data(id, b"early", false));
    h.expect_rst(id, code::PROTOCOL_ERROR);
    assert_eq!(h.state(id), None);
}

/// RFC 9113 §6.1: END_STREAM on DATA ends the peer's side, reported with the data.
#[test]
fn rfc9113_6_1_end_stream_flag_reported() {
    let mut h = Harness::server();
    h.open(1, false);
    h.events();
    h.feed(&wire::data(1, b"a", false));
    h.feed(&wire::data(1, b"", true));
    let ev = h.events();
    assert!(
        matches!(&ev[..], [Event::Data { end_stream: false, .. }, Event::Data { end_stream: true, data, .. }] if data.is_empty()),
        "{ev:?}"
    );
}

/// RFC 9113 §6.1: our DATA carries END_STREAM on the last frame only, and an empty body is an
/// empty DATA frame with END_STREAM.
#[test]
fn rfc9113_6_1_our_end_stream_on_last_frame() {
    let mut h = Harness::server();
    h.open(1, true);
    h.conn
        .send_headers(StreamId::new(1), status("200"), false)
        .unwrap();
    h.conn
        .send_data(StreamId::new(1), vec![0u8; 20_000].into(), false)
        .unwrap();
    h.conn
        .send_data(StreamId::new(1), bytes::Bytes::new(), true)
        .unwrap();
    let data: Vec<_> = h.sent().into_iter().filter(|f| f.is(wire::DATA)).collect();
    let flags: Vec<bool> = data.iter().map(|f| f.has(ES)).collect();
    assert_eq!(flags.last(), Some(&true));
    assert!(flags[..flags.len() - 1].iter().all(|f| !f));
    assert_eq!(h.state(1), None);
}

// ----- §6.2 HEADERS -------------------------------------------------------------------------

/// RFC 9113 §6.2: "If a HEADERS frame is received whose Stream Identifier field is 0x00, the
/// recipient MUST respond with a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_2_headers_on_stream_zero() {
    let mut h = Harness::server();
    h.feed(&wire::headers(0, &wire::get("/"), EH));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.2: padding as long as the remaining payload is a connection PROTOCOL_ERROR.
#[test]
fn rfc9113_6_2_headers_padding_too_long() {
    let mut h = Harness::server();
    let mut p = vec![200u8];
    p.extend(wire::get("/"));
    h.feed(&wire::frame(wire::HEADERS, EH | wire::PADDED, 1, &p));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.2: padded HEADERS are accepted, padding dropped.
#[test]
fn rfc9113_6_2_padded_headers_accepted() {
    let mut h = Harness::server();
    let mut p = vec![3u8];
    p.extend(wire::get("/padded"));
    p.extend([0, 0, 0]);
    h.feed(&wire::frame(wire::HEADERS, EH | ES | wire::PADDED, 1, &p));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Headers { headers, .. } if headers.iter().any(|f| &f.value[..] == b"/padded"))));
}

/// RFC 9113 §6.2, §4.2: PRIORITY flag set with fewer than 5 octets is a FRAME_SIZE_ERROR.
#[test]
fn rfc9113_6_2_priority_flag_without_room() {
    let mut h = Harness::server();
    h.feed(&wire::frame(
        wire::HEADERS,
        EH | wire::PRIORITY_FLAG,
        1,
        &[0, 0, 0, 0],
    ));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.2: PADDED and PRIORITY together: pad length, priority, block, padding.
#[test]
fn rfc9113_6_2_padded_with_priority() {
    let mut h = Harness::server();
    let mut p = vec![2u8, 0, 0, 0, 0, 63];
    p.extend(wire::get("/"));
    p.extend([0, 0]);
    h.feed(&wire::frame(
        wire::HEADERS,
        EH | ES | wire::PADDED | wire::PRIORITY_FLAG,
        1,
        &p,
    ));
    h.expect_no_error();
    assert_eq!(h.conn.stream_state(StreamId::new(1)).unwrap().weight, 64);
}

/// RFC 9113 §6.2: a block in HEADERS + CONTINUATION is one header list; END_STREAM on the
/// HEADERS applies once the block is complete.
#[test]
fn rfc9113_6_2_end_stream_with_continuation() {
    let mut h = Harness::server();
    let block = wire::get("/split");
    h.feed(&wire::headers(1, &block[..10], ES));
    assert_eq!(h.state(1), None);
    h.feed(&wire::continuation(1, &block[10..], true));
    h.expect_no_error();
    assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE));
    assert!(h.saw(
        |e| matches!(e, Event::Headers { end_stream: true, headers, .. } if headers.len() == 4)
    ));
}

/// RFC 9113 §6.2, §8.1: a second HEADERS with END_STREAM is trailers.
#[test]
fn rfc9113_6_2_trailers_received() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::data(1, b"body", false));
    h.events();
    h.feed(&wire::headers(1, &wire::block(&[("x-sum", "42")]), EH | ES));
    h.expect_no_error();
    let ev = h.events();
    assert!(
        matches!(
            &ev[..],
            [Event::Headers {
                kind: HeadersKind::Trailers,
                end_stream: true,
                ..
            }]
        ),
        "{ev:?}"
    );
    assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §8.1: "A HEADERS frame (and associated CONTINUATION frames) can only appear at the
/// start or end of a stream": trailers without END_STREAM are malformed.
#[test]
fn rfc9113_6_2_trailers_without_end_stream() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::headers(1, &wire::block(&[("x-sum", "42")]), EH));
    h.expect_rst(1, code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.2, §8.1: a client takes 1xx blocks then the final response.
#[test]
fn rfc9113_6_2_informational_then_final_response() {
    let (mut h, id) = client_with_request();
    h.feed(&wire::headers(
        id,
        &wire::block(&[(":status", "103"), ("link", "</a>")]),
        EH,
    ));
    h.feed(&wire::headers(id, &wire::block(&[(":status", "100")]), EH));
    h.feed(&wire::headers(id, &response_block(), EH | ES));
    h.expect_no_error();
    let kinds: Vec<HeadersKind> = h
        .events()
        .iter()
        .filter_map(|e| {
            if let Event::Headers { kind, .. } = e {
                Some(*kind)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            HeadersKind::Informational,
            HeadersKind::Informational,
            HeadersKind::Response
        ]
    );
}

/// RFC 9113 §8.1: "An endpoint that receives a HEADERS frame without the END_STREAM flag set
/// after receiving the HEADERS frame that opens a request or after receiving a final
/// (non-informational) status code MUST treat the corresponding request or response as
/// malformed"; a 1xx with END_STREAM is malformed too.
#[test]
fn rfc9113_6_2_informational_with_end_stream() {
    let (mut h, id) = client_with_request();
    h.feed(&wire::headers(
        id,
        &wire::block(&[(":status", "100")]),
        EH | ES,
    ));
    h.expect_rst(id, code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.2: our HEADERS carry the PRIORITY fields when the request asks for a priority.
#[test]
fn rfc9113_6_2_request_priority_sent_in_headers() {
    let mut h = Harness::client();
    let p = Priority {
        parent: StreamId::ZERO,
        weight: 200,
        exclusive: false,
    };
    let id = h
        .conn
        .send_request(get_headers("/"), true, Some(p))
        .unwrap();
    let hd = h.one(wire::HEADERS);
    assert_eq!(hd.stream, id.get());
    assert!(hd.has(wire::PRIORITY_FLAG));
    assert_eq!(&hd.payload[..5], &[0, 0, 0, 0, 199]);
}

// ----- §6.3 PRIORITY ------------------------------------------------------------------------

/// RFC 9113 §6.3: "If a PRIORITY frame is received with a stream identifier of 0x00, the
/// recipient MUST respond with a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_3_priority_on_stream_zero() {
    let mut h = Harness::server();
    h.feed(&wire::priority(0, 1, false, 1));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.3: "A PRIORITY frame with a length other than 5 octets MUST be treated as a
/// stream error of type FRAME_SIZE_ERROR" (4 octets).
#[test]
fn rfc9113_6_3_priority_short_is_stream_frame_size_error() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::frame(wire::PRIORITY, 0, 1, &[0, 0, 0, 0]));
    h.expect_rst(1, code::FRAME_SIZE_ERROR);
    assert!(!h.conn.is_failed());
}

/// RFC 9113 §6.3: 6 octets is a stream FRAME_SIZE_ERROR too; the connection goes on.
#[test]
fn rfc9113_6_3_priority_long_is_stream_frame_size_error() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::frame(wire::PRIORITY, 0, 1, &[0, 0, 0, 0, 0, 0]));
    h.expect_rst(1, code::FRAME_SIZE_ERROR);
    h.open(3, true);
    h.expect_no_error();
}

/// RFC 9113 §6.3: "The PRIORITY frame can be sent for a stream in any state" (closed here).
#[test]
fn rfc9113_6_3_priority_on_closed_stream_ignored() {
    let mut h = Harness::server();
    h.open(1, true);
    h.conn
        .send_headers(StreamId::new(1), status("204"), true)
        .unwrap();
    h.sent();
    h.events();
    h.feed(&wire::priority(1, 0, false, 1));
    h.expect_ignored();
}

/// RFC 9113 §6.3, §6.10: "it cannot be sent between consecutive frames that comprise a single
/// field block".
#[test]
fn rfc9113_6_3_priority_inside_header_block() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::get("/"), 0));
    h.feed(&wire::priority(1, 0, false, 1));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

// ----- §6.4 RST_STREAM ----------------------------------------------------------------------

/// RFC 9113 §6.4: "If a RST_STREAM frame is received with a stream identifier of 0x00, the
/// recipient MUST treat this as a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_4_rst_stream_on_stream_zero() {
    let mut h = Harness::server();
    h.feed(&wire::rst_stream(0, code::CANCEL));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.4: "A RST_STREAM frame with a length other than 4 octets MUST be treated as a
/// connection error of type FRAME_SIZE_ERROR."
#[test]
fn rfc9113_6_4_rst_stream_bad_length() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::frame(wire::RST_STREAM, 0, 1, &[0, 0, 0]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.4: 5 octets is a FRAME_SIZE_ERROR as well.
#[test]
fn rfc9113_6_4_rst_stream_too_long() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::frame(wire::RST_STREAM, 0, 1, &[0, 0, 0, 8, 0]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.4: "If a RST_STREAM frame identifying an idle stream is received, the recipient
/// MUST treat this as a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_4_rst_stream_on_idle_stream() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::rst_stream(3, code::CANCEL));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.4: after RST_STREAM "the sender MUST NOT send additional frames for that
/// stream": data we had queued is dropped.
#[test]
fn rfc9113_6_4_nothing_sent_after_peer_reset() {
    let mut h = Harness::server();
    h.open(1, true);
    h.conn
        .send_headers(StreamId::new(1), status("200"), false)
        .unwrap();
    h.sent();
    h.conn
        .send_data(StreamId::new(1), vec![1u8; 1000].into(), true)
        .unwrap();
    h.feed(&wire::rst_stream(1, code::CANCEL));
    h.expect_silence();
    assert_eq!(h.conn.buffered_bytes(), 0);
    assert!(h
        .conn
        .send_data(StreamId::new(1), "more".into(), false)
        .is_err());
}

/// RFC 9113 §6.4, SES-15: our reset sends RST_STREAM with the code and forgets the stream;
/// resetting again sends nothing.
#[test]
fn rfc9113_6_4_ses_15_our_reset() {
    let mut h = Harness::server();
    h.open(1, false);
    h.conn.reset(StreamId::new(1), ErrorCode::INTERNAL_ERROR);
    h.expect_rst(1, code::INTERNAL_ERROR);
    assert_eq!(h.state(1), None);
    h.conn.reset(StreamId::new(1), ErrorCode::CANCEL);
    h.expect_silence();
}

/// RFC 9113 §6.4: "RST_STREAM frames MUST NOT be sent for a stream in the 'idle' state": a
/// request reset before its HEADERS were written out is dropped silently (the peer never heard
/// of it), and the next request still works.
#[test]
fn rfc9113_6_4_reset_before_headers_written_sends_nothing() {
    let mut h = Harness::client();
    let id = h.request(false);
    h.conn
        .send_data(StreamId::new(id), "body".into(), false)
        .unwrap();
    h.conn.reset(StreamId::new(id), ErrorCode::CANCEL);
    h.expect_silence();
    assert_eq!(h.conn.buffered_bytes(), 0);
    let next = h.request(true);
    let hd = h.one(wire::HEADERS);
    assert_eq!(hd.stream, next);
}

/// RFC 9113 §6.4: the same for a push we promised and cancelled before the PUSH_PROMISE left.
#[test]
fn rfc9113_6_4_reset_before_push_promise_written_sends_nothing() {
    let mut h = Harness::server();
    h.open(1, true);
    let p = h
        .conn
        .push_promise(StreamId::new(1), get_headers("/p"))
        .unwrap();
    h.conn.reset(p, ErrorCode::CANCEL);
    let frames = h.sent();
    assert!(frames.is_empty(), "{frames:?}");
    assert_eq!(h.state(p.get()), None);
}

// ----- §6.5 SETTINGS ------------------------------------------------------------------------

/// RFC 9113 §6.5: "Receipt of a SETTINGS frame with the ACK flag set and a length field value
/// other than 0 MUST be treated as a connection error of type FRAME_SIZE_ERROR."
#[test]
fn rfc9113_6_5_settings_ack_with_payload() {
    let mut h = Harness::server();
    h.feed(&wire::frame(
        wire::SETTINGS,
        wire::ACK,
        0,
        &[0, 1, 0, 0, 0, 0],
    ));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.5: "If an endpoint receives a SETTINGS frame whose Stream Identifier field is
/// anything other than 0x00, the endpoint MUST respond with a connection error of type
/// PROTOCOL_ERROR."
#[test]
fn rfc9113_6_5_settings_on_a_stream() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::SETTINGS, 0, 1, &[]));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.5: "A SETTINGS frame with a length other than a multiple of 6 octets MUST be
/// treated as a connection error of type FRAME_SIZE_ERROR."
#[test]
fn rfc9113_6_5_settings_length_not_multiple_of_six() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::SETTINGS, 0, 0, &[0, 4, 0, 0, 0, 1, 0]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.5.2: "Any value other than 0 or 1 MUST be treated as a connection error of type
/// PROTOCOL_ERROR" (SETTINGS_ENABLE_PUSH = 2).
#[test]
fn rfc9113_6_5_2_enable_push_two() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::ENABLE_PUSH, 2)]));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.5.2: "Values above the maximum flow-control window size of 2^31-1 MUST be
/// treated as a connection error of type FLOW_CONTROL_ERROR."
#[test]
fn rfc9113_6_5_2_initial_window_size_too_large() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::INITIAL_WINDOW_SIZE, 1 << 31)]));
    h.expect_goaway(code::FLOW_CONTROL_ERROR);
}

/// RFC 9113 §6.5.2: 2^31-1 is the largest allowed initial window.
#[test]
fn rfc9113_6_5_2_initial_window_size_max_allowed() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(
        setting::INITIAL_WINDOW_SIZE,
        (1 << 31) - 1,
    )]));
    h.expect_no_error();
    assert_eq!(
        h.conn.remote_settings().initial_window_size,
        Some((1 << 31) - 1)
    );
}

/// RFC 9113 §6.5.2: SETTINGS_MAX_FRAME_SIZE below 16384 is a connection PROTOCOL_ERROR.
#[test]
fn rfc9113_6_5_2_max_frame_size_too_small() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::MAX_FRAME_SIZE, 16_383)]));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.5.2: SETTINGS_MAX_FRAME_SIZE above 2^24-1 is a connection PROTOCOL_ERROR.
#[test]
fn rfc9113_6_5_2_max_frame_size_too_large() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::MAX_FRAME_SIZE, 1 << 24)]));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.5.2: the bounds themselves are accepted.
#[test]
fn rfc9113_6_5_2_max_frame_size_bounds_accepted() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::MAX_FRAME_SIZE, 16_384)]));
    h.feed(&wire::settings(&[(setting::MAX_FRAME_SIZE, (1 << 24) - 1)]));
    h.expect_no_error();
    assert_eq!(h.conn.remote_settings().max_frame_size, Some((1 << 24) - 1));
}

/// RFC 9113 §6.5.2: "A client MUST treat receipt of a SETTINGS frame with SETTINGS_ENABLE_PUSH
/// set to 1 as a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_5_2_client_rejects_enable_push_from_server() {
    let mut h = Harness::client();
    h.feed(&wire::settings(&[(setting::ENABLE_PUSH, 1)]));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.5.2: a server's SETTINGS_ENABLE_PUSH = 0 is fine for a client.
#[test]
fn rfc9113_6_5_2_client_accepts_enable_push_zero() {
    let mut h = Harness::client();
    h.feed(&wire::settings(&[(setting::ENABLE_PUSH, 0)]));
    h.expect_no_error();
}

/// RFC 9113 §6.5.3: "Upon receiving a SETTINGS frame with the ACK flag set ... the sender of
/// the altered settings can rely on the setting having been applied": SES-7 'localSettings'.
#[test]
fn rfc9113_6_5_3_ses_7_our_settings_apply_on_ack() {
    let mut h = Harness::server();
    h.conn
        .send_settings(Settings {
            header_table_size: Some(1024),
            ..Settings::default()
        })
        .unwrap();
    let f = h.one(wire::SETTINGS);
    assert_eq!(f.settings(), vec![(setting::HEADER_TABLE_SIZE, 1024)]);
    assert!(h.conn.pending_settings_ack());
    assert_eq!(h.conn.local_settings().header_table_size, Some(4096));
    h.feed(&wire::settings_ack());
    assert!(!h.conn.pending_settings_ack());
    assert_eq!(h.conn.local_settings().header_table_size, Some(1024));
    assert!(
        h.saw(|e| matches!(e, Event::LocalSettingsAcked(s) if s.header_table_size == Some(1024)))
    );
}

/// RFC 9113 §6.5.3: every SETTINGS is acknowledged, once, with an empty ACK (SES-8).
#[test]
fn rfc9113_6_5_3_ses_8_each_settings_acknowledged_once() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 5)]));
    h.feed(&wire::settings(&[]));
    let acks: Vec<_> = h
        .sent()
        .into_iter()
        .filter(|f| f.is(wire::SETTINGS))
        .collect();
    assert_eq!(acks.len(), 2);
    assert!(acks
        .iter()
        .all(|f| f.has(wire::ACK) && f.payload.is_empty()));
    let remote: Vec<_> = h
        .events()
        .into_iter()
        .filter(|e| matches!(e, Event::RemoteSettings(_)))
        .collect();
    assert_eq!(remote.len(), 2);
}

/// RFC 9113 §6.5: an ACK for SETTINGS we never sent is a connection PROTOCOL_ERROR.
#[test]
fn rfc9113_6_5_unsolicited_settings_ack() {
    let mut h = Harness::server();
    h.feed(&wire::settings_ack());
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.5.3: "The values in the SETTINGS frame MUST be processed in the order they
/// appear": the last of two values wins.
#[test]
fn rfc9113_6_5_3_settings_processed_in_order() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[
        (setting::MAX_CONCURRENT_STREAMS, 5),
        (setting::MAX_CONCURRENT_STREAMS, 9),
    ]));
    h.expect_no_error();
    assert_eq!(h.conn.remote_settings().max_concurrent_streams, Some(9));
}

/// RFC 9113 §6.5.2: the peer's SETTINGS_MAX_HEADER_LIST_SIZE is recorded as advisory.
#[test]
fn rfc9113_6_5_2_peer_max_header_list_size_recorded() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::MAX_HEADER_LIST_SIZE, 777)]));
    h.expect_no_error();
    assert_eq!(h.conn.remote_settings().max_header_list_size, Some(777));
}

/// RFC 9113 §6.5, SES-21: several SETTINGS in flight are acknowledged in order; there is a cap
/// on how many may wait (Node's maxOutstandingSettings).
#[test]
fn rfc9113_6_5_ses_21_outstanding_settings_in_order_and_capped() {
    let mut h = Harness::server();
    for i in 0..10u32 {
        h.conn
            .send_settings(Settings {
                max_concurrent_streams: Some(10 + i),
                ..Settings::default()
            })
            .unwrap();
    }
    let err = h.conn.send_settings(Settings::default()).unwrap_err();
    assert_eq!(err.code(), "ERR_HTTP2_MAX_PENDING_SETTINGS_ACK");
    h.sent();
    h.feed(&wire::settings_ack());
    assert_eq!(h.conn.local_settings().max_concurrent_streams, Some(10));
    h.feed(&wire::settings_ack());
    assert_eq!(h.conn.local_settings().max_concurrent_streams, Some(11));
}

// ----- §6.6 PUSH_PROMISE --------------------------------------------------------------------

/// RFC 9113 §8.4: "A client cannot push ... a server MUST treat the receipt of a PUSH_PROMISE
/// frame as a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_6_server_receives_push_promise() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::push_promise(1, 3, &wire::get("/"), true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.6: "A client that has both set this parameter to 0 and had it acknowledged MUST
/// treat the receipt of a PUSH_PROMISE frame as a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_6_push_promise_with_push_disabled() {
    let mut config = Config::new(Role::Client);
    config.settings = Settings {
        enable_push: Some(false),
        ..Settings::default()
    };
    let mut h = Harness::client_with(config);
    let id = h.request(true);
    h.sent();
    h.feed(&wire::push_promise(id, 2, &wire::get("/"), true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.6: "If the Stream Identifier field specifies the value 0x00, a recipient MUST
/// respond with a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_6_push_promise_on_stream_zero() {
    let mut h = Harness::client();
    h.feed(&wire::push_promise(0, 2, &wire::get("/"), true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1.1, §6.6: a promised stream id must be a new even id (odd here).
#[test]
fn rfc9113_6_6_promised_odd_id() {
    let (mut h, id) = client_with_request();
    h.feed(&wire::push_promise(id, 3, &wire::get("/"), true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1.1, §6.6: a promised id not above the last one is an unexpected identifier.
#[test]
fn rfc9113_6_6_promised_id_not_increasing() {
    let (mut h, id) = client_with_request();
    h.feed(&wire::push_promise(id, 4, &wire::get("/a"), true));
    h.expect_no_error();
    h.feed(&wire::push_promise(id, 2, &wire::get("/b"), true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.6: "PUSH_PROMISE frames MUST only be sent on a peer-initiated stream that is in
/// either the 'open' or 'half-closed (remote)' state": one on an idle stream is a connection
/// PROTOCOL_ERROR.
#[test]
fn rfc9113_6_6_push_promise_on_idle_stream() {
    let mut h = Harness::client();
    h.feed(&wire::push_promise(1, 2, &wire::get("/"), true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.6: a PUSH_PROMISE on a stream the server already closed (END_STREAM) is a
/// connection PROTOCOL_ERROR.
#[test]
fn rfc9113_6_6_push_promise_on_closed_stream() {
    let (mut h, id) = client_with_request();
    h.feed(&wire::headers(id, &response_block(), EH | ES));
    h.sent();
    h.feed(&wire::push_promise(id, 2, &wire::get("/"), true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1, §6.6: a promise on a stream we reset crosses our RST_STREAM: the promised
/// stream is refused and the connection lives.
#[test]
fn rfc9113_6_6_push_promise_after_our_reset_refused() {
    let (mut h, id) = client_with_request();
    h.conn.reset(StreamId::new(id), ErrorCode::CANCEL);
    h.sent();
    h.feed(&wire::push_promise(id, 2, &wire::get("/"), true));
    h.expect_rst(2, code::REFUSED_STREAM);
}

/// RFC 9113 §5.1, §6.6: the pushed response the server sent on a promised stream we refused
/// crosses our RST_STREAM: it is ignored, not a connection error.
#[test]
fn rfc9113_6_6_pushed_response_after_refusal_ignored() {
    let (mut h, id) = client_with_request();
    h.conn.reset(StreamId::new(id), ErrorCode::CANCEL);
    h.sent();
    h.events();
    h.feed(&wire::push_promise(id, 2, &wire::get("/"), true));
    h.expect_rst(2, code::REFUSED_STREAM);
    h.feed(&wire::headers(2, &response_block(), EH));
    h.feed(&wire::data(2, b"pushed body", true));
    h.expect_ignored();
}

/// RFC 9113 §8.4: "Promised requests MUST be safe ... If a client receives a PUSH_PROMISE that
/// does not include a complete and valid set of header fields or ... indicates a request that
/// is not safe, it MUST respond on the promised stream with a stream error of type
/// PROTOCOL_ERROR."
#[test]
fn rfc9113_6_6_unsafe_promised_request() {
    let (mut h, id) = client_with_request();
    let block = wire::block(&[
        (":method", "POST"),
        (":scheme", "https"),
        (":authority", "a"),
        (":path", "/"),
    ]);
    h.feed(&wire::push_promise(id, 2, &block, true));
    h.expect_rst(2, code::PROTOCOL_ERROR);
    assert_eq!(h.state(2), None);
}

/// RFC 9113 §8.4: a promised request missing :path is malformed (stream error on it).
#[test]
fn rfc9113_6_6_incomplete_promised_request() {
    let (mut h, id) = client_with_request();
    let block = wire::block(&[
        (":method", "GET"),
        (":scheme", "https"),
        (":authority", "a"),
    ]);
    h.feed(&wire::push_promise(id, 2, &block, true));
    h.expect_rst(2, code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.6: a PUSH_PROMISE block continued in CONTINUATION frames.
#[test]
fn rfc9113_6_6_push_promise_with_continuation() {
    let (mut h, id) = client_with_request();
    let block = wire::get("/pushed");
    h.feed(&wire::push_promise(id, 2, &block[..7], false));
    h.feed(&wire::continuation(id, &block[7..], true));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::PushPromise { parent, promised, headers } if parent.get() == id && promised.get() == 2 && headers.len() == 4)));
    assert_eq!(h.state(2), Some(state::RESERVED_REMOTE));
}

/// RFC 9113 §6.6, §4.2: a PUSH_PROMISE too short for its promised stream id.
#[test]
fn rfc9113_6_6_push_promise_too_short() {
    let (mut h, id) = client_with_request();
    h.feed(&wire::frame(wire::PUSH_PROMISE, EH, id, &[0, 0, 2]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.6, PUSH-1: a pushed response flows on the promised stream.
#[test]
fn rfc9113_6_6_push_1_pushed_response_delivered() {
    let (mut h, id) = client_with_request();
    h.feed(&wire::push_promise(id, 2, &wire::get("/style.css"), true));
    h.feed(&wire::headers(2, &response_block(), EH));
    h.feed(&wire::data(2, b"body{}", true));
    h.expect_no_error();
    let ev = h.events();
    assert!(
        ev.iter().any(
            |e| matches!(e, Event::Data { stream, end_stream: true, .. } if stream.get() == 2)
        ),
        "{ev:?}"
    );
    assert!(ev
        .iter()
        .any(|e| matches!(e, Event::Closed { stream } if stream.get() == 2)));
}

/// RFC 9113 §6.6, §8.4: "A server MUST NOT send a PUSH_PROMISE frame if it receives this
/// parameter set to a value of 0": `push_promise` refuses.
#[test]
fn rfc9113_6_6_sst_4_push_refused_when_client_disabled_push() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::ENABLE_PUSH, 0)]));
    h.open(1, true);
    h.sent();
    let err = h
        .conn
        .push_promise(StreamId::new(1), get_headers("/p"))
        .unwrap_err();
    assert_eq!(err.code(), "ERR_HTTP2_PUSH_DISABLED");
    h.expect_silence();
}

/// RFC 9113 §6.6: we only push on a peer-initiated stream that is open or half-closed (remote).
#[test]
fn rfc9113_6_6_sst_4_no_push_on_a_pushed_stream() {
    let mut h = Harness::server();
    h.open(1, true);
    let p = h
        .conn
        .push_promise(StreamId::new(1), get_headers("/p"))
        .unwrap();
    let err = h.conn.push_promise(p, get_headers("/q")).unwrap_err();
    assert_eq!(err.code(), "ERR_HTTP2_NESTED_PUSH");
}

// ----- §6.7 PING ----------------------------------------------------------------------------

/// RFC 9113 §6.7: "Receivers of a PING frame that does not include an ACK flag MUST send a PING
/// frame with the ACK flag set in response, with an identical frame payload."
#[test]
fn rfc9113_6_7_ping_answered_with_same_payload() {
    let mut h = Harness::server();
    h.feed(&wire::ping(*b"12345678", false));
    let p = h.one(wire::PING);
    assert!(p.has(wire::ACK));
    assert_eq!(p.stream, 0);
    assert_eq!(&p.payload[..], b"12345678");
}

/// RFC 9113 §6.7: "An endpoint MUST NOT respond to PING frames containing this flag [ACK]."
#[test]
fn rfc9113_6_7_ping_ack_not_answered() {
    let mut h = Harness::server();
    h.feed(&wire::ping([1; 8], true));
    h.expect_ignored();
}

/// RFC 9113 §6.7: "Receipt of a PING frame with a length field value other than 8 MUST be
/// treated as a connection error of type FRAME_SIZE_ERROR."
#[test]
fn rfc9113_6_7_ping_length_seven() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::PING, 0, 0, &[0; 7]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.7: a 9-octet PING is a FRAME_SIZE_ERROR as well.
#[test]
fn rfc9113_6_7_ping_length_nine() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::PING, 0, 0, &[0; 9]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.7: "If a PING frame is received with a Stream Identifier field value other than
/// 0x00, the recipient MUST respond with a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_7_ping_on_a_stream() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::frame(wire::PING, 0, 1, &[0; 8]));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.7, SES-16: our PING's ACK is reported once; an ACK with an unknown payload is
/// ignored.
#[test]
fn rfc9113_6_7_ses_16_our_ping_acknowledged() {
    let mut h = Harness::server();
    h.conn.ping(*b"abcdefgh").unwrap();
    let p = h.one(wire::PING);
    assert!(!p.has(wire::ACK));
    h.feed(&wire::ping(*b"zzzzzzzz", true));
    assert!(h.events().is_empty());
    h.feed(&wire::ping(*b"abcdefgh", true));
    h.feed(&wire::ping(*b"abcdefgh", true));
    let acks = h
        .events()
        .into_iter()
        .filter(|e| matches!(e, Event::PingAck { payload } if payload == b"abcdefgh"))
        .count();
    assert_eq!(acks, 1);
}

// ----- §6.8 GOAWAY --------------------------------------------------------------------------

/// RFC 9113 §6.8: "An endpoint MUST treat a GOAWAY frame with a stream identifier other than
/// 0x00 as a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_8_goaway_on_a_stream() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::GOAWAY, 0, 1, &[0; 8]));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.8, §4.2: a GOAWAY shorter than 8 octets.
#[test]
fn rfc9113_6_8_goaway_too_short() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::GOAWAY, 0, 0, &[0; 7]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.8, SES-6: a GOAWAY is reported with its code, last stream id and debug data;
/// we do not answer it.
#[test]
fn rfc9113_6_8_ses_6_goaway_reported() {
    let mut h = Harness::server();
    h.feed(&wire::goaway(0, code::NO_ERROR, b"maintenance"));
    h.expect_silence();
    let ev = h.events();
    assert!(
        matches!(&ev[..], [Event::GoAway { code: ErrorCode::NO_ERROR, last_stream_id, debug }] if last_stream_id.get() == 0 && &debug[..] == b"maintenance"),
        "{ev:?}"
    );
    assert_eq!(h.conn.goaway_received(), Some(StreamId::ZERO));
}

/// RFC 9113 §6.8: streams above the last stream id were not processed: they are reset as
/// REFUSED_STREAM (safe to retry); streams at or below it go on.
#[test]
fn rfc9113_6_8_streams_above_last_id_refused() {
    let mut h = Harness::client();
    let a = h.request(true);
    let b = h.request(true);
    let c = h.request(true);
    h.sent();
    h.feed(&wire::goaway(a, code::NO_ERROR, b""));
    h.expect_silence();
    let ev = h.events();
    for id in [b, c] {
        assert!(ev.iter().any(|e| matches!(e, Event::Reset { stream, code: ErrorCode::REFUSED_STREAM, remote: true } if stream.get() == id)), "{ev:?}");
        assert_eq!(h.state(id), None);
    }
    assert_eq!(h.state(a), Some(state::HALF_CLOSED_LOCAL));
    h.feed(&wire::headers(a, &response_block(), EH | ES));
    h.expect_no_error();
    assert_eq!(h.conn.open_streams(), 0);
}

/// RFC 9113 §6.8: "Receivers of a GOAWAY frame MUST NOT open additional streams on the
/// connection."
#[test]
fn rfc9113_6_8_no_new_streams_after_goaway() {
    let mut h = Harness::client();
    h.feed(&wire::goaway(0, code::NO_ERROR, b""));
    let err = h
        .conn
        .send_request(get_headers("/"), true, None)
        .unwrap_err();
    assert_eq!(err.code(), "ERR_HTTP2_GOAWAY_SESSION");
    h.expect_silence();
}

/// RFC 9113 §6.8: "Endpoints MUST NOT increase the value they send in the last stream
/// identifier": a later, higher id does not revive refused streams.
#[test]
fn rfc9113_6_8_last_stream_id_only_decreases() {
    let mut h = Harness::client();
    h.feed(&wire::goaway(5, code::NO_ERROR, b""));
    h.feed(&wire::goaway(99, code::NO_ERROR, b""));
    assert_eq!(h.conn.goaway_received(), Some(StreamId::new(5)));
    let ev = h.events();
    assert!(
        matches!(ev.last(), Some(Event::GoAway { last_stream_id, .. }) if last_stream_id.get() == 5),
        "{ev:?}"
    );
}

/// RFC 9113 §6.8, SES-17: our GOAWAY names the last peer stream we processed; the streams up
/// to it still complete.
#[test]
fn rfc9113_6_8_ses_17_our_goaway_lets_processed_streams_finish() {
    let mut h = Harness::server();
    h.open(1, false);
    h.open(3, false);
    h.conn.go_away(ErrorCode::NO_ERROR, None, b"");
    let g = h.one(wire::GOAWAY);
    assert_eq!(g.goaway_last_stream(), 3);
    assert_eq!(g.error_code(), code::NO_ERROR);
    h.events();
    h.feed(&wire::data(3, b"done", true));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Data { stream, .. } if stream.get() == 3)));
}

/// RFC 9113 §6.8: "the sender will ignore frames sent on streams initiated by the receiver if
/// the stream has an identifier higher than the included last stream identifier" (HEADERS and
/// the DATA that follows).
#[test]
fn rfc9113_6_8_streams_after_our_goaway_ignored() {
    let mut h = Harness::server();
    h.open(1, false);
    h.conn.go_away(ErrorCode::NO_ERROR, None, b"");
    h.sent();
    h.events();
    h.open(3, false);
    h.feed(&wire::data(3, b"body", true));
    h.expect_ignored();
    assert_eq!(h.state(3), None);
}

// ----- §6.9 WINDOW_UPDATE -------------------------------------------------------------------

/// RFC 9113 §6.9: "A receiver MUST treat the receipt of a WINDOW_UPDATE frame with a
/// flow-control window increment of 0 as a stream error of type PROTOCOL_ERROR; errors on the
/// connection flow-control window MUST be treated as a connection error" (stream 0).
#[test]
fn rfc9113_6_9_zero_increment_on_connection() {
    let mut h = Harness::server();
    h.feed(&wire::window_update(0, 0));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.9: a zero increment on a stream is a stream error PROTOCOL_ERROR.
#[test]
fn rfc9113_6_9_zero_increment_on_stream() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::window_update(1, 0));
    h.expect_rst(1, code::PROTOCOL_ERROR);
    assert_eq!(h.state(1), None);
}

/// RFC 9113 §6.9: "A WINDOW_UPDATE frame with a length other than 4 octets MUST be treated as a
/// connection error of type FRAME_SIZE_ERROR."
#[test]
fn rfc9113_6_9_window_update_bad_length() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::WINDOW_UPDATE, 0, 0, &[0, 0, 1]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §6.9.1: "If a sender receives a WINDOW_UPDATE that causes a flow-control window to
/// exceed this maximum, it MUST terminate either the stream or the connection": connection.
#[test]
fn rfc9113_6_9_1_connection_window_overflow() {
    let mut h = Harness::server();
    h.feed(&wire::window_update(0, (1 << 31) - 1));
    h.expect_goaway(code::FLOW_CONTROL_ERROR);
}

/// RFC 9113 §6.9.1: a stream window overflow resets the stream with FLOW_CONTROL_ERROR.
#[test]
fn rfc9113_6_9_1_stream_window_overflow() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::window_update(1, (1 << 31) - 1 - 65_535));
    h.expect_no_error();
    h.feed(&wire::window_update(1, 1));
    h.expect_rst(1, code::FLOW_CONTROL_ERROR);
}

/// RFC 9113 §6.9: WINDOW_UPDATE may arrive for a half-closed (remote) stream (we still send).
#[test]
fn rfc9113_6_9_window_update_on_half_closed_remote() {
    let mut h = Harness::server();
    h.open(1, true);
    h.feed(&wire::window_update(1, 1000));
    h.expect_no_error();
    assert_eq!(
        h.conn
            .stream_state(StreamId::new(1))
            .unwrap()
            .remote_window_size,
        66_535
    );
}

// ----- §6.10 CONTINUATION -------------------------------------------------------------------

/// RFC 9113 §6.10: "A CONTINUATION frame MUST be preceded by a HEADERS, PUSH_PROMISE or
/// CONTINUATION frame without the END_HEADERS flag set. A recipient that observes violation of
/// this rule MUST respond with a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_10_continuation_without_headers() {
    let mut h = Harness::server();
    h.feed(&wire::continuation(1, &wire::get("/"), true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.10: a CONTINUATION after a HEADERS that had END_HEADERS.
#[test]
fn rfc9113_6_10_continuation_after_end_headers() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::continuation(1, &wire::block(&[("x", "y")]), true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.10: a CONTINUATION on another stream than the block's.
#[test]
fn rfc9113_6_10_continuation_on_other_stream() {
    let mut h = Harness::server();
    let block = wire::get("/");
    h.feed(&wire::headers(1, &block[..5], 0));
    h.feed(&wire::continuation(3, &block[5..], true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.10: "If the CONTINUATION frame's Stream Identifier field is 0x00, the recipient
/// MUST respond with a connection error of type PROTOCOL_ERROR."
#[test]
fn rfc9113_6_10_continuation_on_stream_zero() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::get("/"), 0));
    h.feed(&wire::continuation(0, &[], true));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.2: a field block "MUST be followed by a CONTINUATION frame for the same stream":
/// DATA in the middle is a connection PROTOCOL_ERROR.
#[test]
fn rfc9113_6_10_data_inside_header_block() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::headers(3, &wire::get("/"), 0));
    h.feed(&wire::data(1, b"x", false));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.10: HEADERS for another stream in the middle of a block.
#[test]
fn rfc9113_6_10_headers_inside_header_block() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::get("/"), 0));
    h.feed(&wire::headers(3, &wire::get("/"), EH));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §6.10: even PING (a connection frame) may not interrupt a block.
#[test]
fn rfc9113_6_10_ping_inside_header_block() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::get("/"), 0));
    h.feed(&wire::ping([0; 8], false));
    let frames = h.sent();
    assert!(!frames.iter().any(|f| f.is(wire::PING)), "{frames:?}");
    assert_eq!(
        frames
            .iter()
            .find(|f| f.is(wire::GOAWAY))
            .unwrap()
            .error_code(),
        code::PROTOCOL_ERROR
    );
}

/// RFC 9113 §6.10: any number of CONTINUATIONs, split inside a field, make one header list.
#[test]
fn rfc9113_6_10_block_split_inside_fields() {
    let mut h = Harness::server();
    let block = wire::get("/a/long/path/to/split");
    h.feed(&wire::headers(1, &block[..3], 0));
    h.feed(&wire::continuation(1, &block[3..4], false));
    h.feed(&wire::continuation(1, &[], false));
    h.feed(&wire::continuation(1, &block[4..20], false));
    h.feed(&wire::continuation(1, &block[20..], true));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Headers { headers, .. } if headers.iter().any(|f| &f.value[..] == b"/a/long/path/to/split"))));
    assert_eq!(h.state(1), Some(state::OPEN));
}

/// RFC 9113 §6.10: a response block split by the server decodes on the client.
#[test]
fn rfc9113_6_10_client_response_in_continuations() {
    let (mut h, id) = client_with_request();
    let block = wire::block(&[(":status", "200"), ("content-type", "text/plain")]);
    h.feed(&wire::headers(id, &block[..4], ES));
    h.feed(&wire::continuation(id, &block[4..], true));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(
        e,
        Event::Headers {
            kind: HeadersKind::Response,
            end_stream: true,
            ..
        }
    )));
    assert_eq!(h.state(id), None);
}
