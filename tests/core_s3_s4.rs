//! Connection core conformance, RFC 9113 §3 (starting HTTP/2: the connection preface) and §4
//! (frame format, frame size, field section compression). Each case plays raw bytes at one
//! `Connection` and checks the exact reply.

mod support;

use http2::frame::StreamId;
use http2::proto::{Config, Event, HeadersKind, Role};
use http2::settings::Settings;
use support::harness::{state, status, Harness};
use support::wire::{self, code, setting};

fn raw_server() -> Harness {
    Harness::raw(Config::new(Role::Server))
}

// ----- §3.4 connection preface --------------------------------------------------------------

/// RFC 9113 §3.4: the server's preface is a SETTINGS frame, sent first, carrying the limits it
/// enforces (SETTINGS_MAX_CONCURRENT_STREAMS, SETTINGS_MAX_HEADER_LIST_SIZE).
#[test]
fn rfc9113_3_4_server_sends_settings_first() {
    let mut h = raw_server();
    let frames = h.sent();
    assert_eq!(frames.len(), 1, "{frames:?}");
    assert!(frames[0].is(wire::SETTINGS) && !frames[0].has(wire::ACK));
    let entries = frames[0].settings();
    assert!(
        entries.contains(&(setting::MAX_CONCURRENT_STREAMS, 100)),
        "{entries:?}"
    );
    assert!(
        entries.contains(&(setting::MAX_HEADER_LIST_SIZE, 65_535)),
        "{entries:?}"
    );
}

/// RFC 9113 §3.4: the client preface is the magic octets followed by a SETTINGS frame.
#[test]
fn rfc9113_3_4_client_sends_magic_then_settings() {
    let mut h = Harness::raw(Config::new(Role::Client));
    let out = h.output();
    assert!(out.starts_with(wire::PREFACE));
    let frames = wire::parse(&out);
    assert!(
        frames[0].is(wire::SETTINGS) && !frames[0].has(wire::ACK),
        "{frames:?}"
    );
}

/// RFC 9113 §3.4: a valid client preface and SETTINGS are acknowledged; nothing else is sent.
#[test]
fn rfc9113_3_4_valid_preface_is_acknowledged() {
    let mut h = raw_server();
    h.sent();
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::settings(&[(setting::MAX_FRAME_SIZE, 20_000)]));
    h.feed(&hello);
    let frames = h.sent();
    assert_eq!(frames.len(), 1, "{frames:?}");
    assert!(
        frames[0].is(wire::SETTINGS) && frames[0].has(wire::ACK) && frames[0].payload.is_empty()
    );
    assert!(h.saw(|e| matches!(e, Event::RemoteSettings(s) if s.max_frame_size == Some(20_000))));
}

/// RFC 9113 §3.4: the preface may arrive one byte at a time.
#[test]
fn rfc9113_3_4_preface_fed_bytewise() {
    let mut h = raw_server();
    h.sent();
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::settings(&[]));
    h.feed_bytewise(&hello);
    assert!(h.one(wire::SETTINGS).has(wire::ACK));
    assert!(!h.conn.is_failed());
}

/// RFC 9113 §3.4: "the connection preface ... MUST be treated as a connection error of type
/// PROTOCOL_ERROR" when invalid.
#[test]
fn rfc9113_3_4_invalid_preface_is_protocol_error() {
    let mut h = raw_server();
    h.sent();
    h.feed(b"PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n");
    let g = h.expect_goaway(code::PROTOCOL_ERROR);
    assert_eq!(g.goaway_last_stream(), 0);
    assert!(g.goaway_debug().contains("preface"), "{}", g.goaway_debug());
}

/// RFC 9113 §3.4: an HTTP/1.1 request is not a preface.
#[test]
fn rfc9113_3_4_http1_request_is_protocol_error() {
    let mut h = raw_server();
    h.sent();
    h.feed(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §3.4: a wrong last byte is caught when that byte arrives, not before.
#[test]
fn rfc9113_3_4_preface_wrong_last_byte_bytewise() {
    let mut h = raw_server();
    h.sent();
    let mut bad = wire::PREFACE.to_vec();
    *bad.last_mut().unwrap() = b'X';
    h.feed_bytewise(&bad[..bad.len() - 1]);
    assert!(!h.conn.is_failed());
    h.expect_silence();
    h.feed(&bad[bad.len() - 1..]);
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §3.4: the first frame after the magic must be SETTINGS (here PING).
#[test]
fn rfc9113_3_4_first_frame_ping_is_protocol_error() {
    let mut h = raw_server();
    h.sent();
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::ping([1; 8], false));
    h.feed(&hello);
    let frames = h.sent();
    assert!(
        !frames.iter().any(|f| f.is(wire::PING)),
        "PING answered before SETTINGS: {frames:?}"
    );
    let g = frames.iter().find(|f| f.is(wire::GOAWAY)).expect("GOAWAY");
    assert_eq!(g.error_code(), code::PROTOCOL_ERROR);
}

/// RFC 9113 §3.4: a SETTINGS ACK is not the peer's SETTINGS.
#[test]
fn rfc9113_3_4_first_frame_settings_ack_is_protocol_error() {
    let mut h = raw_server();
    h.sent();
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::settings_ack());
    h.feed(&hello);
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §3.4: a request before the SETTINGS is refused as a connection error.
#[test]
fn rfc9113_3_4_first_frame_headers_is_protocol_error() {
    let mut h = raw_server();
    h.sent();
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::headers(
        1,
        &wire::get("/"),
        wire::END_HEADERS | wire::END_STREAM,
    ));
    h.feed(&hello);
    h.expect_goaway(code::PROTOCOL_ERROR);
    assert!(!h.saw(|e| matches!(e, Event::Headers { .. })));
}

/// RFC 9113 §3.4: a malformed first SETTINGS keeps its own code (§6.5: FRAME_SIZE_ERROR).
#[test]
fn rfc9113_3_4_first_settings_malformed_keeps_its_code() {
    let mut h = raw_server();
    h.sent();
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::frame(wire::SETTINGS, 0, 0, &[0, 1, 0, 0]));
    h.feed(&hello);
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §3.4: a stream-level frame error in place of the first SETTINGS is still a
/// connection error (PRIORITY of the wrong length).
#[test]
fn rfc9113_3_4_first_frame_stream_error_is_connection_error() {
    let mut h = raw_server();
    h.sent();
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::frame(wire::PRIORITY, 0, 1, &[0, 0, 0]));
    h.feed(&hello);
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §3.4: the server's preface, as seen by a client, must start with SETTINGS.
#[test]
fn rfc9113_3_4_client_rejects_server_preface_without_settings() {
    let mut h = Harness::raw(Config::new(Role::Client));
    h.sent();
    h.feed(&wire::ping([0; 8], false));
    h.expect_goaway(code::PROTOCOL_ERROR);
}

/// RFC 9113 §3.4: the client acknowledges the server's SETTINGS and applies them.
#[test]
fn rfc9113_3_4_client_acknowledges_server_settings() {
    let mut h = Harness::raw(Config::new(Role::Client));
    h.sent();
    h.feed(&wire::settings(&[(setting::MAX_CONCURRENT_STREAMS, 7)]));
    assert!(h.one(wire::SETTINGS).has(wire::ACK));
    assert_eq!(h.conn.remote_settings().max_concurrent_streams, Some(7));
}

/// RFC 9113 §3.4, §5.4.1: after the connection error nothing more is processed or sent.
#[test]
fn rfc9113_3_4_input_after_failure_is_ignored() {
    let mut h = raw_server();
    h.sent();
    h.feed(b"garbage that is not a preface");
    h.expect_goaway(code::PROTOCOL_ERROR);
    h.feed(&wire::ping([1; 8], false));
    h.expect_silence();
}

/// RFC 9113 §3.4: the preface and the first frames split at every possible point.
#[test]
fn rfc9113_3_4_preface_split_anywhere() {
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::settings(&[(setting::INITIAL_WINDOW_SIZE, 1000)]));
    hello.extend(wire::headers(
        1,
        &wire::get("/"),
        wire::END_HEADERS | wire::END_STREAM,
    ));
    for cut in 1..hello.len() {
        let mut h = raw_server();
        h.sent();
        h.feed(&hello[..cut]);
        h.feed(&hello[cut..]);
        assert!(!h.conn.is_failed(), "cut at {cut}");
        assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE), "cut at {cut}");
    }
}

// ----- §4.1 frame format --------------------------------------------------------------------

/// RFC 9113 §4.1: "Flags that have no defined semantics for a particular frame type MUST be
/// ignored": a PING with every flag but ACK set is answered.
#[test]
fn rfc9113_4_1_undefined_flags_ignored_on_ping() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::PING, 0xfe, 0, &[7; 8]));
    let pong = h.one(wire::PING);
    assert!(pong.has(wire::ACK));
    assert_eq!(pong.payload, vec![7; 8]);
    assert_eq!(pong.flags, wire::ACK, "undefined flags must not be echoed");
}

/// RFC 9113 §4.1: undefined flags on HEADERS are ignored (0x02, 0x10, 0x40, 0x80).
#[test]
fn rfc9113_4_1_undefined_flags_ignored_on_headers() {
    let mut h = Harness::server();
    h.feed(&wire::headers(
        1,
        &wire::get("/"),
        wire::END_HEADERS | wire::END_STREAM | 0xd2,
    ));
    h.expect_no_error();
    assert_eq!(h.state(1), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §4.1: "The semantics of this bit [R] are undefined, and the bit MUST remain unset
/// (0x00) when sending and MUST be ignored when receiving."
#[test]
fn rfc9113_4_1_reserved_stream_bit_ignored() {
    let mut h = Harness::server();
    h.feed(&wire::headers(
        0x8000_0001,
        &wire::get("/"),
        wire::END_HEADERS,
    ));
    h.expect_no_error();
    assert_eq!(h.state(1), Some(state::OPEN));
}

/// RFC 9113 §6.9: the reserved bit of the increment is ignored too.
#[test]
fn rfc9113_4_1_reserved_bit_of_window_increment_ignored() {
    let mut h = Harness::server();
    h.open(1, true);
    h.feed(&wire::window_update(1, 0x8000_0010));
    h.expect_no_error();
    let s = h.conn.stream_state(StreamId::new(1)).unwrap();
    assert_eq!(s.remote_window_size, 65_535 + 16);
}

/// RFC 9113 §4.1 (and DEVELOPERS rule 7): the core is a resumable parser; a whole exchange fed
/// one byte at a time gives the same output and events as fed at once.
#[test]
fn rfc9113_4_1_bytewise_and_whole_input_agree() {
    let mut input = wire::headers(1, &wire::get("/a"), wire::END_HEADERS);
    input.extend(wire::data(1, b"hello", false));
    input.extend(wire::ping([3; 8], false));
    input.extend(wire::priority(1, 0, false, 200));
    input.extend(wire::data(1, b" world", true));
    let mut a = Harness::server();
    a.feed(&input);
    let mut b = Harness::server();
    b.feed_bytewise(&input);
    assert_eq!(a.sent(), b.sent());
    assert_eq!(a.events(), b.events());
    assert_eq!(a.state(1), Some(state::HALF_CLOSED_REMOTE));
}

/// RFC 9113 §4.1: a frame header split across reads waits for the rest.
#[test]
fn rfc9113_4_1_split_frame_header_waits() {
    let mut h = Harness::server();
    let ping = wire::ping([9; 8], false);
    h.feed(&ping[..5]);
    h.expect_silence();
    h.feed(&ping[5..12]);
    h.expect_silence();
    h.feed(&ping[12..]);
    assert!(h.one(wire::PING).has(wire::ACK));
}

// ----- §4.2 frame size ----------------------------------------------------------------------

/// RFC 9113 §4.2: "An endpoint MUST send an error code of FRAME_SIZE_ERROR if a frame exceeds
/// the size defined in SETTINGS_MAX_FRAME_SIZE" (DATA of 16385 octets).
#[test]
fn rfc9113_4_2_data_over_max_frame_size() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::data(1, &vec![0; 16_385], false));
    let reason = h.expect_goaway_reason(code::FRAME_SIZE_ERROR);
    assert!(reason.contains("4.2"), "{reason}");
}

/// RFC 9113 §4.2: a frame carrying a field block over the size is a connection error.
#[test]
fn rfc9113_4_2_headers_over_max_frame_size() {
    let mut h = Harness::server();
    let mut block = wire::get("/");
    block.extend(wire::block(&[("x-big", &"a".repeat(16_400))]));
    h.feed(&wire::headers(1, &block, wire::END_HEADERS));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
    assert_eq!(h.state(1), None);
}

/// RFC 9113 §4.2: a SETTINGS frame too large is a connection error.
#[test]
fn rfc9113_4_2_settings_over_max_frame_size() {
    let mut h = Harness::server();
    h.feed(&wire::frame(wire::SETTINGS, 0, 0, &vec![0; 16_386]));
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §4.2: a frame of exactly SETTINGS_MAX_FRAME_SIZE octets is fine.
#[test]
fn rfc9113_4_2_data_of_exactly_max_frame_size() {
    let mut h = Harness::server();
    h.open(1, false);
    h.feed(&wire::data(1, &vec![1; 16_384], false));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Data { data, .. } if data.len() == 16_384)));
}

/// RFC 9113 §4.2: the size is checked from the frame header, before the payload arrives (we
/// do not buffer an oversized frame).
#[test]
fn rfc9113_4_2_oversized_frame_refused_from_its_header() {
    let mut h = Harness::server();
    h.open(1, false);
    // A header announcing 65536 octets, and no payload.
    h.feed(&[0x01, 0x00, 0x00, wire::DATA, 0, 0, 0, 0, 1]);
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §4.2, §6.5.2: a larger SETTINGS_MAX_FRAME_SIZE of ours applies once acknowledged.
#[test]
fn rfc9113_4_2_our_max_frame_size_applies_after_ack() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_frame_size: Some(32_768),
        ..Settings::default()
    };
    let mut h = Harness::server_with(config);
    h.open(1, false);
    h.feed(&wire::data(1, &vec![2; 30_000], false));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Data { data, .. } if data.len() == 30_000)));
}

/// RFC 9113 §4.2, §6.5.3: before the peer acknowledges our larger maximum, the old one holds.
#[test]
fn rfc9113_4_2_our_max_frame_size_not_applied_before_ack() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_frame_size: Some(32_768),
        ..Settings::default()
    };
    let mut h = Harness::raw(config);
    h.sent();
    let mut hello = wire::PREFACE.to_vec();
    hello.extend(wire::settings(&[]));
    hello.extend(wire::headers(1, &wire::get("/"), wire::END_HEADERS));
    hello.extend(wire::data(1, &vec![2; 20_000], false));
    h.feed(&hello);
    h.expect_goaway(code::FRAME_SIZE_ERROR);
}

/// RFC 9113 §4.2: we never send a DATA frame over the peer's SETTINGS_MAX_FRAME_SIZE.
#[test]
fn rfc9113_4_2_we_respect_peer_max_frame_size_for_data() {
    let mut h = Harness::server();
    h.open(1, true);
    h.conn
        .send_headers(StreamId::new(1), status("200"), false)
        .unwrap();
    h.conn
        .send_data(StreamId::new(1), vec![5u8; 40_000].into(), true)
        .unwrap();
    let frames = h.sent();
    let data: Vec<_> = frames.iter().filter(|f| f.is(wire::DATA)).collect();
    assert!(
        data.iter().all(|f| f.payload.len() <= 16_384),
        "{:?}",
        data.iter().map(|f| f.payload.len()).collect::<Vec<_>>()
    );
    assert_eq!(data.iter().map(|f| f.payload.len()).sum::<usize>(), 40_000);
    assert!(data.last().unwrap().has(wire::END_STREAM));
}

/// RFC 9113 §4.2: a larger peer maximum lets us send larger DATA frames.
#[test]
fn rfc9113_4_2_larger_peer_max_frame_size_is_used() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[
        (setting::MAX_FRAME_SIZE, 20_000),
        (setting::INITIAL_WINDOW_SIZE, 100_000),
    ]));
    h.feed(&wire::window_update(0, 100_000));
    h.sent();
    h.open(1, true);
    h.conn
        .send_headers(StreamId::new(1), status("200"), false)
        .unwrap();
    h.conn
        .send_data(StreamId::new(1), vec![5u8; 50_000].into(), true)
        .unwrap();
    let sizes: Vec<usize> = h
        .sent()
        .iter()
        .filter(|f| f.is(wire::DATA))
        .map(|f| f.payload.len())
        .collect();
    assert_eq!(sizes, vec![20_000, 20_000, 10_000]);
}

/// RFC 9113 §4.2, §6.10: a header block larger than the peer's maximum goes out as HEADERS
/// plus CONTINUATION frames, none over the maximum, END_HEADERS on the last only.
#[test]
fn rfc9113_4_2_big_header_block_split_into_continuations() {
    let mut h = Harness::server();
    h.open(1, true);
    let big: &'static str = Box::leak("v".repeat(40_000).into_boxed_str());
    let mut hs = status("200");
    hs.push(http2::hpack::Field {
        name: "x-big".into(),
        value: big.into(),
        sensitive: true,
    });
    h.conn.send_headers(StreamId::new(1), hs, true).unwrap();
    let frames = h.sent();
    assert!(frames[0].is(wire::HEADERS) && !frames[0].has(wire::END_HEADERS));
    assert!(frames[0].has(wire::END_STREAM));
    let conts = &frames[1..];
    assert!(conts.len() >= 2);
    assert!(conts
        .iter()
        .all(|f| f.is(wire::CONTINUATION) && f.stream == 1 && f.payload.len() <= 16_384));
    assert!(conts
        .iter()
        .rev()
        .skip(1)
        .all(|f| !f.has(wire::END_HEADERS)));
    assert!(conts.last().unwrap().has(wire::END_HEADERS));
}

// ----- §4.3 field section compression -------------------------------------------------------

/// RFC 9113 §4.3: "A decoding error in a field block MUST be treated as a connection error of
/// type COMPRESSION_ERROR" (index 0).
#[test]
fn rfc9113_4_3_index_zero_is_compression_error() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &[0x80], wire::END_HEADERS));
    h.expect_goaway(code::COMPRESSION_ERROR);
}

/// RFC 9113 §4.3: an index past the dynamic table is a COMPRESSION_ERROR.
#[test]
fn rfc9113_4_3_index_past_table_is_compression_error() {
    let mut h = Harness::server();
    h.feed(&wire::headers(1, &wire::indexed(70), wire::END_HEADERS));
    h.expect_goaway(code::COMPRESSION_ERROR);
}

/// RFC 9113 §4.3: a block cut inside a literal is a COMPRESSION_ERROR.
#[test]
fn rfc9113_4_3_truncated_block_is_compression_error() {
    let mut h = Harness::server();
    let mut block = wire::get("/");
    block.extend([0x00, 0x05, b'a', b'b']);
    h.feed(&wire::headers(1, &block, wire::END_HEADERS));
    h.expect_goaway(code::COMPRESSION_ERROR);
}

/// RFC 9113 §4.3, RFC 7541 §6.3: a table size update above our SETTINGS_HEADER_TABLE_SIZE.
#[test]
fn rfc9113_4_3_size_update_over_limit_is_compression_error() {
    let mut h = Harness::server();
    let mut block = Vec::new();
    wire::hpack_int(&mut block, 5, 0x20, 8192);
    block.extend(wire::get("/"));
    h.feed(&wire::headers(1, &block, wire::END_HEADERS));
    h.expect_goaway(code::COMPRESSION_ERROR);
}

/// RFC 9113 §4.3, RFC 7541 §4.2: a size update after the first field.
#[test]
fn rfc9113_4_3_size_update_after_a_field_is_compression_error() {
    let mut h = Harness::server();
    let mut block = wire::get("/");
    block.push(0x20);
    h.feed(&wire::headers(1, &block, wire::END_HEADERS));
    h.expect_goaway(code::COMPRESSION_ERROR);
}

/// RFC 9113 §4.3: one dynamic table per direction for the whole connection: a later block
/// refers to an entry an earlier one added.
#[test]
fn rfc9113_4_3_dynamic_table_spans_header_blocks() {
    let mut h = Harness::server();
    let mut first = wire::get("/");
    first.extend(wire::block_indexing(&[("x-trace", "abc")]));
    h.feed(&wire::headers(
        1,
        &first,
        wire::END_HEADERS | wire::END_STREAM,
    ));
    let mut second = wire::get("/2");
    second.extend(wire::indexed(62));
    h.feed(&wire::headers(
        3,
        &second,
        wire::END_HEADERS | wire::END_STREAM,
    ));
    h.expect_no_error();
    let ev = h.events();
    let got = ev.iter().find_map(|e| match e {
        Event::Headers {
            stream, headers, ..
        } if stream.get() == 3 => headers
            .iter()
            .find(|f| &f.name[..] == b"x-trace")
            .map(|f| f.value.clone()),
        _ => None,
    });
    assert_eq!(got.as_deref(), Some(&b"abc"[..]));
    assert!(h.conn.session_state().inflate_dynamic_table_size > 0);
}

/// RFC 9113 §4.3: a block on a stream we then reset as malformed is still decoded, so the
/// table stays in sync for the next one.
#[test]
fn rfc9113_4_3_table_in_sync_after_malformed_request() {
    let mut h = Harness::server();
    let mut first = wire::block_indexing(&[("x-trace", "abc")]);
    first.extend(wire::block(&[("Upper", "x")]));
    let mut req = wire::get("/");
    req.extend(first);
    h.feed(&wire::headers(
        1,
        &req,
        wire::END_HEADERS | wire::END_STREAM,
    ));
    h.expect_rst(1, code::PROTOCOL_ERROR);
    let mut second = wire::get("/2");
    second.extend(wire::indexed(62));
    h.feed(&wire::headers(
        3,
        &second,
        wire::END_HEADERS | wire::END_STREAM,
    ));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Headers { stream, headers, .. } if stream.get() == 3 && headers.iter().any(|f| &f.value[..] == b"abc"))));
}

/// RFC 9113 §4.3, §5.1.2: a refused stream's block is decoded too (REFUSED_STREAM leaves the
/// table in sync).
#[test]
fn rfc9113_4_3_table_in_sync_after_refused_stream() {
    let mut config = Config::new(Role::Server);
    config.settings = Settings {
        max_concurrent_streams: Some(1),
        ..Settings::default()
    };
    let mut h = Harness::server_with(config);
    h.open(1, true);
    let mut req = wire::get("/");
    req.extend(wire::block_indexing(&[("x-trace", "abc")]));
    h.feed(&wire::headers(
        3,
        &req,
        wire::END_HEADERS | wire::END_STREAM,
    ));
    h.expect_rst(3, code::REFUSED_STREAM);
    h.conn
        .send_headers(StreamId::new(1), status("204"), true)
        .unwrap();
    h.sent();
    let mut second = wire::get("/2");
    second.extend(wire::indexed(62));
    h.feed(&wire::headers(
        5,
        &second,
        wire::END_HEADERS | wire::END_STREAM,
    ));
    h.expect_no_error();
    assert!(h.saw(|e| matches!(e, Event::Headers { stream, headers, .. } if stream.get() == 5 && headers.iter().any(|f| &f.value[..] == b"abc"))));
}

/// RFC 9113 §4.3, RFC 7541 §4.2: when the peer lowers SETTINGS_HEADER_TABLE_SIZE, our next
/// block starts with a dynamic table size update.
#[test]
fn rfc9113_4_3_peer_table_size_change_signalled_in_next_block() {
    let mut h = Harness::server();
    h.feed(&wire::settings(&[(setting::HEADER_TABLE_SIZE, 0)]));
    h.sent();
    h.open(1, true);
    h.conn
        .send_headers(StreamId::new(1), status("200"), true)
        .unwrap();
    let hd = h.one(wire::HEADERS);
    assert_eq!(
        hd.payload[0], 0x20,
        "size update to 0 first: {:?}",
        hd.payload
    );
}

/// RFC 9113 §4.3: a client decodes response blocks with its own table (a response referring to
/// an entry the server added earlier).
#[test]
fn rfc9113_4_3_client_table_spans_responses() {
    let mut h = Harness::client();
    let a = h.request(true);
    let b = h.request(true);
    h.sent();
    let mut first = wire::block(&[(":status", "200")]);
    first.extend(wire::block_indexing(&[("server", "t")]));
    h.feed(&wire::headers(
        a,
        &first,
        wire::END_HEADERS | wire::END_STREAM,
    ));
    let mut second = wire::block(&[(":status", "200")]);
    second.extend(wire::indexed(62));
    h.feed(&wire::headers(
        b,
        &second,
        wire::END_HEADERS | wire::END_STREAM,
    ));
    h.expect_no_error();
    let ev = h.events();
    assert!(ev.iter().any(|e| matches!(e, Event::Headers { stream, kind: HeadersKind::Response, headers, .. } if stream.get() == b && headers.iter().any(|f| &f.name[..] == b"server"))));
}
