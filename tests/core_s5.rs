//! Connection core conformance, RFC 9113 §5: stream states (§5.1, API STR-14), stream
//! identifiers (§5.1.1), concurrency (§5.1.2), priority (§5.3), error handling (§5.4) and
//! extensions (§5.5). Each case feeds raw frames and checks the exact reply: frame type, error
//! code, stream id and the stream state the core reports afterwards.

mod support;

use http2::frame::{ErrorCode, StreamId};
use http2::proto::{Config, Event, HeadersKind, Priority, Role};
use http2::settings::Settings;
use support::harness::{get_headers, state, status, Harness};
use support::wire::{self, code, setting};

const EH: u8 = wire::END_HEADERS;
const ES: u8 = wire::END_STREAM;

/// A server that answered stream 1 completely (closed by END_STREAM both ways).
fn server_with_finished_stream() -> Harness {
    let mut h = Harness::server();
    h.open(1, true);
    h.conn
        .send_headers(StreamId::new(1), status("204"), true)
        .unwrap();
    h.sent();
    assert!(h.saw(|e| matches!(e, Event::Closed { stream } if stream.get() == 1)));
    h
}

/// A server whose stream 1 the peer reset.
fn server_with_peer_reset_stream() -> Harness {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::rst_stream(1, code::CANCEL));
    h.expect_silence();
    h.events();
    h
}

/// A server that reset stream 1 itself.
fn server_with_local_reset_stream() -> Harness {
    let mut h = Harness::server();
    h.open(1, false);
    h.conn.reset(StreamId::new(1), ErrorCode::CANCEL);
    h.expect_rst(1, code::CANCEL);
    h.events();
    h
}

/// A server with a promised stream 2 in reserved (local) on stream 1.
fn server_with_promise() -> Harness {
    let mut h = Harness::server();
    h.open(1, true);
    let p = h
        .conn
        .push_promise(StreamId::new(1), get_headers("/pushed"))
        .unwrap();
    assert_eq!(p.get(), 2);
    assert!(h.one(wire::PUSH_PROMISE).payload.starts_with(&[0, 0, 0, 2]));
    h
}

/// A client with request 1 open and stream 2 promised by the server (reserved (remote)).
fn client_with_promise() -> Harness {
    let mut h = Harness::client();
    let id = h.request(true);
    assert_eq!(id, 1);
    h.sent();
    h.feed(&wire::push_promise(1, 2, &wire::get("/pushed"), true));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::PushPromise { promised, .. } if promised.get() == 2)));
    h
}

// ----- §5.1 stream states (STR-14) ---------------------------------------------------------

/// RFC 9113 §5.1 idle → open on HEADERS (STR-14 state 2).
#[test]
fn rfc9113_5_1_str_14_headers_open_an_idle_stream() {
    let mut h = Harness::server();
    assert_eq!(h.state(1), None);
    h.open(1, false);
    assert_eq!(h.state(1), Some(state::OPEN));
    let s = h.conn.stream_state(StreamId::new(1)).unwrap();
    assert_eq!((s.stream_local_close, s.stream_remote_close), (0, 0));
}

/// RFC 9113 §5.1 idle → open → half-closed (remote) on HEADERS with END_STREAM.
#[test]
fn rfc9113_5_1_str_14_end_stream_half_closes_remote() {
    let mut h = Harness::server();
    h.open(1, true);
    assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE));
    let s = h.conn.stream_state(StreamId::new(1)).unwrap();
    assert_eq!((s.stream_local_close, s.stream_remote_close), (0, 1));
}

/// RFC 9113 §5.1 half-closed (remote) → closed when we send END_STREAM; the stream is forgotten.
#[test]
fn rfc9113_5_1_str_14_response_end_stream_closes() {
    let mut h = Harness::server();
    h.open(1, true);
    h.conn
        .send_headers(StreamId::new(1), status("200"), true)
        .unwrap();
    let hd = h.one(wire::HEADERS);
    assert!(hd.has(ES) && hd.has(EH));
    assert_eq!(h.state(1), None);
    assert_eq!(h.conn.open_streams(), 0);
    assert!(h.saw(|e| matches!(e, Event::Closed { stream } if stream.get() == 1)));
}

/// RFC 9113 §5.1 open → half-closed (remote) by DATA with END_STREAM.
#[test]
fn rfc9113_5_1_str_14_data_end_stream_half_closes() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::data(1, b"body", true));
    assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §5.1 client side: a request with END_STREAM is half-closed (local) (state 5).
#[test]
fn rfc9113_5_1_str_14_client_request_half_closes_local() {
    let mut h = Harness::client();
    let id = h.request(true);
    let hd = h.one(wire::HEADERS);
    assert_eq!(hd.stream, id);
    assert_eq!(h.state(id), Some(state::HALF_CLOSED_LOCAL));
    let s = h.conn.stream_state(StreamId::new(id)).unwrap();
    assert_eq!((s.stream_local_close, s.stream_remote_close), (1, 0));
}

/// RFC 9113 §5.1 half-closed (local) → closed on the response's END_STREAM.
#[test]
fn rfc9113_5_1_str_14_client_response_closes() {
    let mut h = Harness::client();
    let id = h.request(true);
    h.sent();
    h.feed(&wire::headers(id, &wire::block(&[(":status", "200")]), EH));
    assert_eq!(h.state(id), Some(state::HALF_CLOSED_LOCAL));
    h.feed(&wire::data(id, b"ok", true));
    assert_eq!(h.state(id), None);
    let ev = h.events();
    assert!(
        matches!(ev.last(), Some(Event::Closed { stream }) if stream.get() == id),
        "{ev:?}"
    );
}

/// RFC 9113 §5.1 idle: "Receiving any frame other than HEADERS or PRIORITY on a stream in this
/// state MUST be treated as a connection error of type PROTOCOL_ERROR" (DATA).
#[test]
fn rfc9113_5_1_idle_data_is_connection_protocol_error() {
    let mut h = Harness::server();
    h.feed(&wire::data(1, b"x", false));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1 idle: RST_STREAM is a connection PROTOCOL_ERROR.
#[test]
fn rfc9113_5_1_idle_rst_stream_is_connection_protocol_error() {
    let mut h = Harness::server();
    h.feed(&wire::rst_stream(1, code::CANCEL));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1 idle: WINDOW_UPDATE is a connection PROTOCOL_ERROR.
#[test]
fn rfc9113_5_1_idle_window_update_is_connection_protocol_error() {
    let mut h = Harness::server();
    h.feed(&wire::window_update(1, 10));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1 idle: PRIORITY is allowed and does not open the stream.
#[test]
fn rfc9113_5_1_idle_priority_is_allowed() {
    let mut h = Harness::server();
    h.feed(&wire::priority(3, 0, false, 10));
    h.expect_ignored();
    assert_eq!(h.state(3), None);
    // The stream can still be opened afterwards.
    h.open(3, true);
    assert_eq!(h.state(3), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §5.1 idle: DATA on a stream of ours we never opened (server's even ids).
#[test]
fn rfc9113_5_1_idle_data_on_our_own_idle_stream() {
    let mut h = Harness::server();
    h.feed(&wire::data(2, b"x", false));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1 reserved (local): PUSH_PROMISE sent moves the promised stream there (state 3);
/// it is not counted as active (§5.1.2).
#[test]
fn rfc9113_5_1_str_14_push_promise_reserves_local() {
    let h = server_with_promise();
    assert_eq!(h.state(2), Some(state::RESERVED_LOCAL));
}

/// RFC 9113 §5.1 reserved (local) → half-closed (remote) when we send its HEADERS.
#[test]
fn rfc9113_5_1_str_14_reserved_local_to_half_closed_remote() {
    let mut h = server_with_promise();
    h.conn
        .send_headers(StreamId::new(2), status("200"), false)
        .unwrap();
    h.sent();
    assert_eq!(h.state(2), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §5.1 reserved (local): "Receiving any type of frame other than RST_STREAM,
/// PRIORITY, or WINDOW_UPDATE on a stream in this state MUST be treated as a connection error
/// of type PROTOCOL_ERROR" (HEADERS from the client).
#[test]
fn rfc9113_5_1_reserved_local_headers_is_protocol_error() {
    let mut h = server_with_promise();
    h.feed(&wire::headers(2, &wire::get("/"), EH));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1 reserved (local): DATA from the peer is a connection PROTOCOL_ERROR.
#[test]
fn rfc9113_5_1_reserved_local_data_is_protocol_error() {
    let mut h = server_with_promise();
    h.feed(&wire::data(2, b"x", false));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1 reserved (local): WINDOW_UPDATE and PRIORITY are allowed.
#[test]
fn rfc9113_5_1_reserved_local_window_update_and_priority_allowed() {
    let mut h = server_with_promise();
    h.feed(&wire::window_update(2, 100));
    h.feed(&wire::priority(2, 0, false, 99));
    h.expect_no_error();
    assert_eq!(h.state(2), Some(state::RESERVED_LOCAL));
    let s = h.conn.stream_state(StreamId::new(2)).unwrap();
    assert_eq!(s.remote_window_size, 65_535 + 100);
    assert_eq!(s.weight, 100);
}

/// RFC 9113 §5.1 reserved (local) → closed on RST_STREAM from the peer (a client refusing a push).
#[test]
fn rfc9113_5_1_reserved_local_rst_closes() {
    let mut h = server_with_promise();
    h.events();
    h.feed(&wire::rst_stream(2, code::CANCEL));
    h.expect_silence();
    assert_eq!(h.state(2), None);
    assert!(h.saw(|e| matches!(e, Event::Reset { stream, code: ErrorCode::CANCEL, remote: true } if stream.get() == 2)));
}

/// RFC 9113 §5.1 reserved (remote): a PUSH_PROMISE received puts the stream there (state 4).
#[test]
fn rfc9113_5_1_str_14_push_promise_reserves_remote() {
    let h = client_with_promise();
    assert_eq!(h.state(2), Some(state::RESERVED_REMOTE));
}

/// RFC 9113 §5.1 reserved (remote) → half-closed (local) on the pushed response's HEADERS.
#[test]
fn rfc9113_5_1_str_14_reserved_remote_to_half_closed_local() {
    let mut h = client_with_promise();
    h.feed(&wire::headers(2, &wire::block(&[(":status", "200")]), EH));
    h.expect_no_error();
    assert_eq!(h.state(2), Some(state::HALF_CLOSED_LOCAL));
    assert!(h.saw(|e| matches!(e, Event::Headers { stream, kind: HeadersKind::Response, .. } if stream.get() == 2)));
}

/// RFC 9113 §5.1 reserved (remote): DATA before the pushed response's HEADERS is a connection
/// PROTOCOL_ERROR.
#[test]
fn rfc9113_5_1_reserved_remote_data_is_protocol_error() {
    let mut h = client_with_promise();
    h.feed(&wire::data(2, b"x", false));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1 reserved (remote) → closed when we reset it (refusing the push).
#[test]
fn rfc9113_5_1_reserved_remote_reset_by_us_closes() {
    let mut h = client_with_promise();
    h.conn.reset(StreamId::new(2), ErrorCode::CANCEL);
    h.expect_rst(2, code::CANCEL);
    assert_eq!(h.state(2), None);
    // The pushed response already in flight is ignored (§5.1 closed).
    h.feed(&wire::headers(
        2,
        &wire::block(&[(":status", "200")]),
        EH | ES,
    ));
    h.expect_silence();
    assert!(!h.conn.is_failed());
}

/// RFC 9113 §5.1 open → closed on RST_STREAM from the peer; we answer nothing (§5.4.2).
#[test]
fn rfc9113_5_1_open_rst_closes_without_reply() {
    let mut h = Harness::server();
    h.open(1, false);
    h.events();
    h.feed(&wire::rst_stream(1, code::CANCEL));
    h.expect_silence();
    assert_eq!(h.state(1), None);
    assert!(h.saw(|e| matches!(e, Event::Reset { stream, code: ErrorCode::CANCEL, remote: true } if stream.get() == 1)));
}

/// RFC 9113 §5.1 half-closed (remote): "If an endpoint receives additional frames, other than
/// WINDOW_UPDATE, PRIORITY, or RST_STREAM, for a stream that is in this state, it MUST respond
/// with a stream error of type STREAM_CLOSED" (DATA).
#[test]
fn rfc9113_5_1_half_closed_remote_data_is_stream_closed() {
    let mut h = Harness::server();
    h.open(1, true);
    h.feed(&wire::data(1, b"late", false));
    h.expect_rst(1, code::STREAM_CLOSED);
    assert_eq!(h.state(1), None);
}

/// RFC 9113 §5.1 half-closed (remote): HEADERS is a stream error STREAM_CLOSED.
#[test]
fn rfc9113_5_1_half_closed_remote_headers_is_stream_closed() {
    let mut h = Harness::server();
    h.open(1, true);
    h.feed(&wire::headers(1, &wire::block(&[("x-t", "1")]), EH | ES));
    h.expect_rst(1, code::STREAM_CLOSED);
}

/// RFC 9113 §5.1 half-closed (remote): WINDOW_UPDATE, PRIORITY and RST_STREAM are allowed.
#[test]
fn rfc9113_5_1_half_closed_remote_allows_window_update_priority() {
    let mut h = Harness::server();
    h.open(1, true);
    h.feed(&wire::window_update(1, 5));
    h.feed(&wire::priority(1, 0, false, 31));
    h.expect_no_error();
    assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE));
    h.feed(&wire::rst_stream(1, code::CANCEL));
    h.expect_silence();
    assert_eq!(h.state(1), None);
}

/// RFC 9113 §5.1 half-closed (local): the peer may still send DATA and trailers.
#[test]
fn rfc9113_5_1_half_closed_local_receives_data() {
    let mut h = Harness::client();
    let id = h.request(true);
    h.sent();
    h.feed(&wire::headers(id, &wire::block(&[(":status", "200")]), EH));
    h.feed(&wire::data(id, b"abc", false));
    h.feed(&wire::headers(
        id,
        &wire::block(&[("x-checksum", "1")]),
        EH | ES,
    ));
    h.expect_no_error();
    let ev = h.events();
    assert!(
        ev.iter().any(|e| matches!(
            e,
            Event::Headers {
                kind: HeadersKind::Trailers,
                end_stream: true,
                ..
            }
        )),
        "{ev:?}"
    );
    assert_eq!(h.state(id), None);
}

/// RFC 9113 §5.1 closed: "an endpoint that receives any frames after receiving a frame with the
/// END_STREAM flag set MUST treat that as a connection error of type STREAM_CLOSED" (DATA).
#[test]
fn rfc9113_5_1_closed_after_end_stream_data_is_connection_stream_closed() {
    let mut h = server_with_finished_stream();
    h.feed(&wire::data(1, b"x", false));
    h.expect_goaway(code::STREAM_CLOSED);
}

/// RFC 9113 §5.1 closed after END_STREAM: HEADERS is a connection error STREAM_CLOSED.
#[test]
fn rfc9113_5_1_closed_after_end_stream_headers_is_connection_stream_closed() {
    let mut h = server_with_finished_stream();
    h.feed(&wire::headers(1, &wire::get("/"), EH | ES));
    h.expect_goaway(code::STREAM_CLOSED);
}

/// RFC 9113 §5.1 closed: WINDOW_UPDATE, RST_STREAM and PRIORITY may trail a closed stream.
#[test]
fn rfc9113_5_1_closed_after_end_stream_allows_trailing_control_frames() {
    let mut h = server_with_finished_stream();
    h.feed(&wire::window_update(1, 100));
    h.feed(&wire::rst_stream(1, code::NO_ERROR));
    h.feed(&wire::priority(1, 0, false, 5));
    h.expect_ignored();
}

/// RFC 9113 §5.1 closed: "An endpoint that receives any frame other than PRIORITY after
/// receiving a RST_STREAM MUST treat that as a stream error of type STREAM_CLOSED" (DATA).
#[test]
fn rfc9113_5_1_closed_after_peer_rst_data_is_stream_closed() {
    let mut h = server_with_peer_reset_stream();
    h.feed(&wire::data(1, b"x", false));
    h.expect_rst(1, code::STREAM_CLOSED);
    assert!(!h.conn.is_failed());
}

/// RFC 9113 §5.1 closed after the peer's RST_STREAM: HEADERS is a stream error STREAM_CLOSED.
#[test]
fn rfc9113_5_1_closed_after_peer_rst_headers_is_stream_closed() {
    let mut h = server_with_peer_reset_stream();
    h.feed(&wire::headers(1, &wire::block(&[("x-t", "1")]), EH | ES));
    h.expect_rst(1, code::STREAM_CLOSED);
}

/// RFC 9113 §5.1 closed after the peer's RST_STREAM: PRIORITY is allowed.
#[test]
fn rfc9113_5_1_closed_after_peer_rst_priority_allowed() {
    let mut h = server_with_peer_reset_stream();
    h.feed(&wire::priority(1, 0, true, 1));
    h.expect_ignored();
}

/// RFC 9113 §5.1 closed: "An endpoint MUST ignore frames that it receives on closed streams
/// after it has sent a RST_STREAM frame" (DATA), though the DATA still counts for the
/// connection window (§6.9).
#[test]
fn rfc9113_5_1_closed_after_our_rst_data_ignored() {
    let mut h = server_with_local_reset_stream();
    let before = h.conn.session_state().local_window_size;
    h.feed(&wire::data(1, &[0; 100], false));
    h.expect_ignored();
    let after = h.conn.session_state();
    assert_eq!(after.local_window_size, before - 100);
    // Nobody will read it: it is already given back, to be announced with the next update.
    assert_eq!(after.effective_recv_data_length, 100);
}

/// RFC 9113 §5.1 closed after our RST_STREAM: HEADERS (trailers in flight) are ignored, and
/// still decoded so HPACK stays in sync.
#[test]
fn rfc9113_5_1_closed_after_our_rst_headers_ignored_but_decoded() {
    let mut h = server_with_local_reset_stream();
    h.feed(&wire::headers(
        1,
        &wire::block_indexing(&[("x-trailer", "t")]),
        EH | ES,
    ));
    h.expect_ignored();
    let mut req = wire::get("/next");
    req.extend(wire::indexed(62));
    h.feed(&wire::headers(3, &req, EH | ES));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Headers { stream, headers, .. } if stream.get() == 3 && headers.iter().any(|f| &f.name[..] == b"x-trailer"))));
}

/// RFC 9113 §5.1 closed after our RST_STREAM: the peer's own RST_STREAM crossing ours is ignored.
#[test]
fn rfc9113_5_1_closed_after_our_rst_crossing_rst_ignored() {
    let mut h = server_with_local_reset_stream();
    h.feed(&wire::rst_stream(1, code::CANCEL));
    h.feed(&wire::window_update(1, 1));
    h.expect_ignored();
}

// ----- §5.1.1 stream identifiers -------------------------------------------------------------

/// RFC 9113 §5.1.1: "Streams initiated by a client MUST use odd-numbered stream identifiers";
/// an even one from a client is an unexpected identifier: connection PROTOCOL_ERROR.
#[test]
fn rfc9113_5_1_1_client_even_stream_id_is_protocol_error() {
    let mut h = Harness::server();
    h.feed(&wire::headers(2, &wire::get("/"), EH | ES));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1.1: "The identifier of a newly established stream MUST be numerically greater
/// than all streams that the initiating endpoint has opened or reserved ... An endpoint that
/// receives an unexpected stream identifier MUST respond with a connection error of type
/// PROTOCOL_ERROR" (5 then 3, where 3 was never used).
#[test]
fn rfc9113_5_1_1_decreasing_stream_id_is_protocol_error() {
    let mut h = Harness::server();
    h.open(5, true);
    h.feed(&wire::headers(3, &wire::get("/"), EH | ES));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1.1: reusing the id of a stream that completed is a connection error (§5.1:
/// STREAM_CLOSED after END_STREAM).
#[test]
fn rfc9113_5_1_1_reused_stream_id_is_connection_error() {
    let mut h = server_with_finished_stream();
    h.feed(&wire::headers(1, &wire::get("/again"), EH | ES));
    let g = h.expect_goaway(code::STREAM_CLOSED);
    assert_eq!(g.goaway_last_stream(), 1);
}

/// RFC 9113 §5.1.1: "The first use of a new stream identifier implicitly closes all streams in
/// the idle state that might have been initiated by that peer with a lower-valued stream
/// identifier": the skipped stream 1 cannot be opened afterwards.
#[test]
fn rfc9113_5_1_1_skipped_ids_are_implicitly_closed() {
    let mut h = Harness::server();
    h.open(3, false);
    h.feed(&wire::headers(1, &wire::get("/"), EH));
    h.expect_goaway(code::PROTOCOL_ERROR);
    assert_eq!(h.state(1), None);
}

/// RFC 9113 §5.1.1, §8.4: a server does not open streams with HEADERS: a client receiving
/// HEADERS on an even stream never promised is a connection PROTOCOL_ERROR.
#[test]
fn rfc9113_5_1_1_client_rejects_unpromised_server_stream() {
    let mut h = Harness::client();
    h.feed(&wire::headers(2, &wire::block(&[(":status", "200")]), EH));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1.1: a response on an odd stream the client never opened.
#[test]
fn rfc9113_5_1_1_client_rejects_response_on_unopened_stream() {
    let mut h = Harness::client();
    h.feed(&wire::headers(1, &wire::block(&[(":status", "200")]), EH));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.1.1: our own stream ids go up by two from 1 (client) or 2 (server, for pushes).
#[test]
fn rfc9113_5_1_1_our_ids_are_increasing_with_our_parity() {
    let mut c = Harness::client();
    let ids: Vec<u32> = (0..3).map(|_| c.request(true)).collect();
    assert_eq!(ids, vec![1, 3, 5]);
    assert_eq!(c.conn.session_state().next_stream_id, 7);
    let mut s = Harness::server();
    s.open(1, true);
    let a = s
        .conn
        .push_promise(StreamId::new(1), get_headers("/a"))
        .unwrap();
    let b = s
        .conn
        .push_promise(StreamId::new(1), get_headers("/b"))
        .unwrap();
    assert_eq!((a.get(), b.get()), (2, 4));
}

/// RFC 9113 §5.1.1: HEADERS frames for new streams go out in id order even when queued.
#[test]
fn rfc9113_5_1_1_requests_leave_in_id_order() {
    let mut c = Harness::client();
    for _ in 0..5 {
        c.request(false);
    }
    let ids: Vec<u32> = c
        .sent()
        .iter()
        .filter(|f| f.is(wire::HEADERS))
        .map(|f| f.stream)
        .collect();
    assert_eq!(ids, vec![1, 3, 5, 7, 9]);
}

// ----- §5.1.2 stream concurrency -------------------------------------------------------------

/// RFC 9113 §5.1.2: "An endpoint that receives a HEADERS frame that causes its advertised
/// concurrent stream limit to be exceeded MUST treat this as a stream error of type
/// PROTOCOL_ERROR or REFUSED_STREAM": the 101st stream is refused, the others untouched.
#[test]
fn rfc9113_5_1_2_stream_over_limit_is_refused() {
    let mut h = Harness::server();
    for i in 0..100 {
        h.open(1 + 2 * i, true);
    }
    h.expect_no_error();
    h.events();
    h.open(201, true);
    h.expect_rst(201, code::REFUSED_STREAM);
    assert_eq!(h.state(201), None);
    assert_eq!(h.conn.open_streams(), 100);
    assert!(!h.saw(|e| matches!(e, Event::Headers { stream, .. } if stream.get() == 201)));
}

/// RFC 9113 §5.1.2: a closed stream frees its slot.
#[test]
fn rfc9113_5_1_2_closing_frees_a_slot() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_concurrent_streams: Some(2),
        ..Settings::default()
    };
    let mut h = Harness::server_with(config);
    h.open(1, true);
    h.open(3, true);
    h.open(5, true);
    h.expect_rst(5, code::REFUSED_STREAM);
    h.conn
        .send_headers(StreamId::new(1), status("200"), true)
        .unwrap();
    h.sent();
    h.open(7, true);
    h.expect_no_error();
    assert_eq!(h.state(7), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §5.1.2, §6.5.3: the limit in our first SETTINGS holds before the peer acknowledges it.
#[test]
fn rfc9113_5_1_2_limit_enforced_before_ack() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_concurrent_streams: Some(1),
        ..Settings::default()
    };
    let mut h = Harness::raw(config);
    h.sent();
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::settings(&[]));
    hello.extend(wire::headers(1, &wire::get("/"), EH | ES));
    hello.extend(wire::headers(3, &wire::get("/"), EH | ES));
    h.feed(&hello);
    h.expect_rst(3, code::REFUSED_STREAM);
    assert!(h.conn.pending_settings_ack());
}

/// RFC 9113 §5.1.2: "Streams in either of the 'half-closed' states count toward the maximum".
#[test]
fn rfc9113_5_1_2_half_closed_streams_count() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_concurrent_streams: Some(1),
        ..Settings::default()
    };
    let mut h = Harness::server_with(config);
    h.open(1, true);
    assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE));
    h.open(3, false);
    h.expect_rst(3, code::REFUSED_STREAM);
}

/// RFC 9113 §5.1.2: "Streams in ... 'reserved' states do not count": promises beyond the limit
/// do not block a new request.
#[test]
fn rfc9113_5_1_2_reserved_streams_do_not_count() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_concurrent_streams: Some(2),
        ..Settings::default()
    };
    let mut h = Harness::server_with(config);
    h.open(1, true);
    for _ in 0..3 {
        h.conn
            .push_promise(StreamId::new(1), get_headers("/p"))
            .unwrap();
    }
    h.sent();
    h.open(3, true);
    h.expect_no_error();
    assert_eq!(h.state(3), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §5.1.2: SETTINGS_MAX_CONCURRENT_STREAMS of 0 refuses every stream.
#[test]
fn rfc9113_5_1_2_zero_limit_refuses_all() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_concurrent_streams: Some(0),
        ..Settings::default()
    };
    let mut h = Harness::server_with(config);
    h.open(1, true);
    h.expect_rst(1, code::REFUSED_STREAM);
    h.open(3, true);
    h.expect_rst(3, code::REFUSED_STREAM);
}

/// RFC 9113 §5.1.2, §8.7: a refused stream was not processed; frames the client had already
/// sent on it (its request body) are ignored like any frame after our RST_STREAM (§5.1).
#[test]
fn rfc9113_5_1_2_frames_after_refusal_are_ignored() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_concurrent_streams: Some(1),
        ..Settings::default()
    };
    let mut h = Harness::server_with(config);
    h.open(1, true);
    h.open(3, false);
    h.expect_rst(3, code::REFUSED_STREAM);
    h.events();
    h.feed(&wire::data(3, b"request body in flight", true));
    h.expect_ignored();
}

/// RFC 9113 §5.1.2: "An endpoint MUST NOT exceed the limit set by its peer": a client with a
/// limit of 1 holds the second request until the first closes.
#[test]
fn rfc9113_5_1_2_client_respects_peer_limit() {
    let mut h = Harness::client();
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 1)]));
    h.sent();
    let a = h.request(true);
    let b = h.request(true);
    let first: Vec<u32> = h
        .sent()
        .iter()
        .filter(|f| f.is(wire::HEADERS))
        .map(|f| f.stream)
        .collect();
    assert_eq!(first, vec![a]);
    assert_eq!(h.state(b), Some(state::IDLE));
    h.feed(&wire::headers(
        a,
        &wire::block(&[(":status", "204")]),
        EH | ES,
    ));
    let next: Vec<u32> = h
        .sent()
        .iter()
        .filter(|f| f.is(wire::HEADERS))
        .map(|f| f.stream)
        .collect();
    assert_eq!(next, vec![b]);
    assert_eq!(h.state(b), Some(state::HALF_CLOSED_LOCAL));
}

/// RFC 9113 §5.1.2, §6.5.3: the peer raising its limit releases held requests.
#[test]
fn rfc9113_5_1_2_raised_peer_limit_releases_requests() {
    let mut h = Harness::client();
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 0)]));
    h.sent();
    let a = h.request(true);
    let b = h.request(true);
    assert!(h.sent().iter().all(|f| !f.is(wire::HEADERS)));
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 10)]));
    let ids: Vec<u32> = h
        .sent()
        .iter()
        .filter(|f| f.is(wire::HEADERS))
        .map(|f| f.stream)
        .collect();
    assert_eq!(ids, vec![a, b]);
}

/// RFC 9113 §5.1.2, §6.4: cancelling a request still waiting for a slot sends nothing (the
/// stream was never used; RST_STREAM on an idle stream is forbidden).
#[test]
fn rfc9113_5_1_2_cancelling_a_held_request_sends_nothing() {
    let mut h = Harness::client();
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 0)]));
    h.sent();
    let a = h.request(true);
    h.conn.reset(StreamId::new(a), ErrorCode::CANCEL);
    h.expect_silence();
    assert_eq!(h.state(a), None);
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 10)]));
    assert!(h.sent().iter().all(|f| !f.is(wire::HEADERS)));
}

/// RFC 9113 §5.1.2, SES-14: a request held for a slot still takes its body (Node's
/// `request()` returns a writable stream at once); it goes out after the HEADERS.
#[test]
fn rfc9113_5_1_2_ses_14_body_queued_on_held_request() {
    let mut h = Harness::client();
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 0)]));
    h.sent();
    let id = h
        .conn
        .send_request(get_headers("/upload"), false, None)
        .unwrap();
    h.conn.send_data(id, "body".into(), true).unwrap();
    h.expect_silence();
    assert_eq!(h.conn.buffered_bytes(), 4);
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 1)]));
    let frames: Vec<(u8, u32, bool)> = h
        .sent()
        .iter()
        .filter(|f| !f.is(wire::SETTINGS))
        .map(|f| (f.kind, f.stream, f.has(ES)))
        .collect();
    assert_eq!(
        frames,
        vec![
            (wire::HEADERS, id.get(), false),
            (wire::DATA, id.get(), true)
        ]
    );
}

/// RFC 9113 §5.1, §6.1: when a stream closing in the middle of our output frees a slot for a
/// held request, that request's HEADERS still go out before its DATA (DATA on a stream the
/// peer sees as idle is a connection error).
#[test]
fn rfc9113_5_1_held_request_headers_precede_its_data() {
    let mut h = Harness::client();
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 1)]));
    h.sent();
    let a = h.conn.send_request(get_headers("/a"), false, None).unwrap();
    let b = h.conn.send_request(get_headers("/b"), false, None).unwrap();
    h.conn.send_data(b, "b-body".into(), true).unwrap();
    h.sent();
    h.feed(&wire::headers(
        a.get(),
        &wire::block(&[(":status", "200")]),
        EH | ES,
    ));
    h.events();
    // Ending stream a closes it as its DATA is written; b is opened in the same output.
    h.conn.send_data(a, bytes::Bytes::new(), true).unwrap();
    let frames: Vec<(u8, u32)> = h.sent().iter().map(|f| (f.kind, f.stream)).collect();
    let headers_b = frames
        .iter()
        .position(|&f| f == (wire::HEADERS, b.get()))
        .expect("HEADERS for b");
    let data_b = frames
        .iter()
        .position(|&f| f == (wire::DATA, b.get()))
        .expect("DATA for b");
    assert!(headers_b < data_b, "{frames:?}");
}

// ----- §5.3 prioritization ----------------------------------------------------------------

/// RFC 9113 §5.3 (RFC 7540 §5.3.1): HEADERS with PRIORITY set the stream's weight and parent
/// (STR-14 weight, SES-20).
#[test]
fn rfc9113_5_3_headers_priority_sets_weight_and_parent() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::headers_with_priority(
        3,
        &wire::get("/"),
        EH,
        1,
        false,
        99,
    ));
    h.expect_no_error();
    assert_eq!(h.conn.stream_state(StreamId::new(3)).unwrap().weight, 100);
    assert_eq!(
        h.conn
            .stream_state(StreamId::new(1))
            .unwrap()
            .sum_dependency_weight,
        100
    );
    assert!(h.saw(|e| matches!(e, Event::Headers { stream, priority: Some(Priority { weight: 100, .. }), .. } if stream.get() == 3)));
}

/// RFC 9113 §5.3 (RFC 7540 §5.3.3): PRIORITY changes an open stream's weight.
#[test]
fn rfc9113_5_3_priority_frame_reprioritizes() {
    let mut h = Harness::server();
    h.open(1, false);
    assert_eq!(h.conn.stream_state(StreamId::new(1)).unwrap().weight, 16);
    h.events();
    h.feed(&wire::priority(1, 0, false, 255));
    h.expect_ignored();
    assert_eq!(h.conn.stream_state(StreamId::new(1)).unwrap().weight, 256);
}

/// RFC 9113 §5.3 (RFC 7540 §5.3.1): an exclusive dependency adopts the parent's other children.
#[test]
fn rfc9113_5_3_exclusive_dependency_adopts_siblings() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::headers_with_priority(
        3,
        &wire::get("/"),
        EH,
        1,
        false,
        15,
    ));
    h.feed(&wire::headers_with_priority(
        5,
        &wire::get("/"),
        EH,
        1,
        false,
        15,
    ));
    h.feed(&wire::headers_with_priority(
        7,
        &wire::get("/"),
        EH,
        1,
        true,
        63,
    ));
    h.expect_no_error();
    assert_eq!(
        h.conn
            .stream_state(StreamId::new(1))
            .unwrap()
            .sum_dependency_weight,
        64
    );
    assert_eq!(
        h.conn
            .stream_state(StreamId::new(7))
            .unwrap()
            .sum_dependency_weight,
        32
    );
}

/// RFC 9113 §5.3.1: "A stream cannot depend on itself. An endpoint MUST treat this as a stream
/// error of type PROTOCOL_ERROR" (HEADERS).
#[test]
fn rfc9113_5_3_1_headers_self_dependency_is_stream_error() {
    let mut h = Harness::server();
    h.feed(&wire::headers_with_priority(
        1,
        &wire::get("/"),
        EH,
        1,
        false,
        15,
    ));
    h.expect_rst(1, code::PROTOCOL_ERROR);
    assert_eq!(h.state(1), None);
    assert!(!h.saw(|e| matches!(e, Event::Headers { .. })));
    // The connection goes on; the id is used up.
    h.open(3, true);
    h.expect_no_error();
}

/// RFC 9113 §5.3.1: a PRIORITY frame making a stream depend on itself is a stream error.
#[test]
fn rfc9113_5_3_1_priority_self_dependency_is_stream_error() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::priority(1, 1, false, 15));
    h.expect_rst(1, code::PROTOCOL_ERROR);
    assert_eq!(h.state(1), None);
}

/// RFC 9113 §5.3 (RFC 7540 §5.3.1): a dependency on a stream not in the tree gives the default
/// priority (weight 16).
#[test]
fn rfc9113_5_3_unknown_parent_gives_default_priority() {
    let mut h = Harness::server();
    h.feed(&wire::headers_with_priority(
        1,
        &wire::get("/"),
        EH,
        99,
        false,
        200,
    ));
    h.expect_no_error();
    assert_eq!(h.conn.stream_state(StreamId::new(1)).unwrap().weight, 16);
}

/// RFC 9113 §5.3 (RFC 7540 §5.3.4): a closed parent's children move up to its parent.
#[test]
fn rfc9113_5_3_closed_parent_hands_children_up() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::headers_with_priority(
        3,
        &wire::get("/"),
        EH,
        1,
        false,
        15,
    ));
    h.feed(&wire::rst_stream(1, code::CANCEL));
    h.expect_silence();
    let s3 = h.conn.stream_state(StreamId::new(3)).unwrap();
    assert_eq!(s3.weight, 16);
    h.open(5, false);
    h.feed(&wire::priority(5, 3, false, 7));
    assert_eq!(
        h.conn
            .stream_state(StreamId::new(3))
            .unwrap()
            .sum_dependency_weight,
        8
    );
}

/// RFC 9113 §5.3, SES-20: `set_priority` sends a PRIORITY frame (unless silent) and refuses a
/// self-dependency locally.
#[test]
fn rfc9113_5_3_ses_20_set_priority_sends_priority_frame() {
    let mut h = Harness::client();
    let id = h.request(false);
    h.sent();
    let p = Priority {
        parent: StreamId::ZERO,
        weight: 42,
        exclusive: true,
    };
    h.conn.set_priority(StreamId::new(id), p, false).unwrap();
    let f = h.one(wire::PRIORITY);
    assert_eq!(f.stream, id);
    assert_eq!(f.payload, vec![0x80, 0, 0, 0, 41]);
    h.conn
        .set_priority(StreamId::new(id), Priority { weight: 7, ..p }, true)
        .unwrap();
    h.expect_silence();
    assert_eq!(h.conn.stream_state(StreamId::new(id)).unwrap().weight, 7);
    let err = h
        .conn
        .set_priority(
            StreamId::new(id),
            Priority {
                parent: StreamId::new(id),
                ..p
            },
            false,
        )
        .unwrap_err();
    assert_eq!(err.code(), "ERR_HTTP2_STREAM_SELF_DEPENDENCY");
}

// ----- §5.4 error handling ------------------------------------------------------------------

/// RFC 9113 §5.4.1: the GOAWAY of a connection error carries the last stream we processed.
#[test]
fn rfc9113_5_4_1_goaway_carries_last_processed_stream() {
    let mut h = Harness::server();
    h.open(1, false);
    h.open(3, false);
    h.feed(&wire::frame(wire::SETTINGS, 0, 1, &[]));
    let g = h.expect_goaway(code::PROTOCOL_ERROR);
    assert_eq!(g.goaway_last_stream(), 3);
    assert_eq!(
        h.conn.goaway_sent(),
        Some((StreamId::new(3), ErrorCode::PROTOCOL_ERROR))
    );
}

/// RFC 9113 §5.4.1: the connection error is reported with its code and reason, and the reason
/// travels in the GOAWAY debug data.
#[test]
fn rfc9113_5_4_1_connection_error_event_matches_goaway() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::PING, 0, 0, &[0; 7]));
    let g = h.expect_goaway(code::FRAME_SIZE_ERROR);
    let ev = h.events();
    let Some(Event::ConnectionError { code: c, reason }) = ev.last() else {
        panic!("{ev:?}")
    };
    assert_eq!(*c, ErrorCode::FRAME_SIZE_ERROR);
    assert_eq!(g.goaway_debug(), *reason);
}

/// RFC 9113 §5.4.1: after the GOAWAY nothing else is processed and commands fail.
#[test]
fn rfc9113_5_4_1_nothing_processed_after_connection_error() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::window_update(0, 0));
    h.expect_goaway(code::PROTOCOL_ERROR);
    h.events();
    h.feed(&wire::data(1, b"x", true));
    h.feed(&wire::ping([0; 8], false));
    h.expect_silence();
    assert!(h.events().is_empty());
    assert!(!h.conn.wants_read());
    let err = h
        .conn
        .send_headers(StreamId::new(1), status("200"), true)
        .unwrap_err();
    assert_eq!(err.code(), "ERR_HTTP2_INVALID_SESSION");
}

/// RFC 9113 §5.4.1: a second error after the first sends no second GOAWAY.
#[test]
fn rfc9113_5_4_1_only_one_goaway() {
    let mut h = Harness::server();
    let mut bad = wire::window_update(0, 0);
    bad.extend(wire::frame(wire::SETTINGS, 0, 3, &[]));
    h.feed(&bad);
    let goaways = h.sent().iter().filter(|f| f.is(wire::GOAWAY)).count();
    assert_eq!(goaways, 1);
}

/// RFC 9113 §5.4.2: a stream error resets only that stream; the others go on.
#[test]
fn rfc9113_5_4_2_stream_error_leaves_other_streams() {
    let mut h = Harness::server();
    h.open(1, false);
    h.open(3, false);
    h.feed(&wire::window_update(1, 0));
    h.expect_rst(1, code::PROTOCOL_ERROR);
    h.events();
    h.feed(&wire::data(3, b"fine", true));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Data { stream, .. } if stream.get() == 3)));
    assert_eq!(h.state(3), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §5.4.2: "an endpoint MUST NOT send a RST_STREAM in response to a RST_STREAM frame".
#[test]
fn rfc9113_5_4_2_no_rst_in_answer_to_rst() {
    let mut h = Harness::server();
    h.open(1, false);
    h.conn
        .send_headers(StreamId::new(1), status("200"), false)
        .unwrap();
    h.conn
        .send_data(StreamId::new(1), "partial".into(), false)
        .unwrap();
    h.feed(&wire::rst_stream(1, code::INTERNAL_ERROR));
    let frames = h.sent();
    assert!(
        frames
            .iter()
            .all(|f| !f.is(wire::RST_STREAM) && !f.is(wire::DATA)),
        "{frames:?}"
    );
}

/// RFC 9113 §5.4.2: a stream error reports a local reset with the code.
#[test]
fn rfc9113_5_4_2_stream_error_reported_as_local_reset() {
    let mut h = Harness::server();
    h.open(1, true);
    h.events();
    h.feed(&wire::data(1, b"x", false));
    h.expect_rst(1, code::STREAM_CLOSED);
    assert!(h.saw(|e| matches!(e, Event::Reset { stream, code: ErrorCode::STREAM_CLOSED, remote: false } if stream.get() == 1)));
}

// ----- §5.5 extending HTTP/2 ----------------------------------------------------------------

/// RFC 9113 §5.5: "Implementations MUST ignore unknown or unsupported values in all extensible
/// protocol elements ... discard frames that have unknown or unsupported types" (stream 0).
#[test]
fn rfc9113_5_5_unknown_frame_on_stream_zero_ignored() {
    let mut h = Harness::server();
    h.feed(&wire::frame(0xfa, 0xff, 0, b"extension payload"));
    h.expect_ignored();
}

/// RFC 9113 §5.5: an unknown frame on an open stream is ignored and changes nothing.
#[test]
fn rfc9113_5_5_unknown_frame_on_open_stream_ignored() {
    let mut h = Harness::server();
    h.open(1, false);
    h.events();
    h.feed(&wire::frame(0x20, 0x01, 1, b"xyz"));
    h.expect_ignored();
    assert_eq!(h.state(1), Some(state::OPEN));
}

/// RFC 9113 §5.5: an unknown frame on an idle stream neither opens it nor is an error.
#[test]
fn rfc9113_5_5_unknown_frame_on_idle_stream_ignored() {
    let mut h = Harness::server();
    h.feed(&wire::frame(0x77, 0, 9, &[]));
    h.expect_ignored();
    assert_eq!(h.state(9), None);
    h.open(1, true);
    h.expect_no_error();
}

/// RFC 9113 §5.5: "Extension frames that appear in the middle of a field block ... MUST be
/// treated as a connection error of type PROTOCOL_ERROR".
#[test]
fn rfc9113_5_5_unknown_frame_inside_header_block_is_protocol_error() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::get("/"), 0));
    h.feed(&wire::frame(0xfa, 0, 1, b""));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §5.5, §6.5.2: an unknown setting is ignored, and the SETTINGS still acknowledged.
#[test]
fn rfc9113_5_5_unknown_setting_ignored() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[
        (0x99, 12345),
        (setting::INITIAL_WINDOW_SIZE, 1000),
    ]));
    assert!(h.one(wire::SETTINGS).has(wire::ACK));
    assert_eq!(h.conn.remote_settings().initial_window_size, Some(1000));
}

/// RFC 9113 §5.5, §7: unknown error codes are passed through, not treated specially.
#[test]
fn rfc9113_5_5_unknown_error_code_in_rst_stream_passed_through() {
    let mut h = Harness::server();
    h.open(1, false);
    h.events();
    h.feed(&wire::rst_stream(1, 0xdead));
    h.expect_silence();
    assert!(h.saw(|e| matches!(
        e,
        Event::Reset {
            code: ErrorCode(0xdead),
            remote: true,
            ..
        }
    )));
}

/// RFC 9113 §5.5, §7: an unknown GOAWAY code is reported as received.
#[test]
fn rfc9113_5_5_unknown_error_code_in_goaway_passed_through() {
    let mut h = Harness::client();
    h.feed(&wire::goaway(0, 0xbeef, b"bye"));
    h.expect_ignored_but_events(|ev| ev.iter().any(|e| matches!(e, Event::GoAway { code: ErrorCode(0xbeef), debug, .. } if &debug[..] == b"bye")));
}

/// RFC 8441 §3 (an extension setting): SETTINGS_ENABLE_CONNECT_PROTOCOL other than 0 or 1 is
/// a connection PROTOCOL_ERROR; 1 is accepted.
#[test]
fn rfc9113_5_5_extension_setting_value_checked() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::ENABLE_CONNECT_PROTOCOL, 1)]));
    h.expect_no_error();
    h.feed(&wire::settings(&[(setting::ENABLE_CONNECT_PROTOCOL, 2)]));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

trait IgnoredButEvents {
    fn expect_ignored_but_events(&mut self, f: impl Fn(&[Event]) -> bool);
}

impl IgnoredButEvents for Harness {
    fn expect_ignored_but_events(&mut self, f: impl Fn(&[Event]) -> bool) {
        self.expect_silence();
        let ev = self.events();
        assert!(f(&ev), "{ev:?}");
        assert!(!self.conn.is_failed());
    }
}
